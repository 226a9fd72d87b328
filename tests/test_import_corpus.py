"""Every complete report of the corpus, and the seed, imports with every table cell exactly as published."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.figures import labels as L
from drafter.read import read_report
from tests.conftest import CORPUS, SEED
from tests.import_expected import EXPECTED, T3_IDS_2021, T3_IDS_ONE_ROW

SOURCES = {name: (SEED if name == "seed" else CORPUS / f"{name}.txt") for name in EXPECTED}


def _import(name: str):
    path: Path = SOURCES[name]
    return read_report(path, path.read_bytes())


def _expect(token: str) -> tuple[object, str]:
    if token == "_":
        return None, ""
    number = token.removesuffix("元")
    value = float(number) if "." in number else int(number)
    return value, token


def _actual(cell) -> tuple[object, str]:
    assert cell is not None
    return cell.value, cell.raw


@pytest.mark.parametrize("name", list(EXPECTED))
def test_metadata(name: str) -> None:
    report = _import(name)
    want = EXPECTED[name]
    assert report.figures is not None
    meta = report.figures.meta
    assert (meta.agency, meta.year, meta.format) == (want["agency"], want["year"], want["format"])
    assert meta.source == SOURCES[name].name


@pytest.mark.parametrize("name", list(EXPECTED))
def test_table3_every_cell(name: str) -> None:
    t3 = _import(name).figures.table3
    rows = EXPECTED[name]["t3"]
    ids = T3_IDS_2021 if len(rows) == 25 else T3_IDS_ONE_ROW
    assert t3.row_ids() == ids
    for row_id, line in zip(ids, rows, strict=True):
        row = t3.row(row_id)
        assert row is not None, row_id
        got = [_actual(getattr(row, attr)) for attr, _ in L.T3_COLUMNS]
        assert got == [_expect(t) for t in line.split()], row_id


@pytest.mark.parametrize("name", list(EXPECTED))
def test_table4_every_cell(name: str) -> None:
    t4 = _import(name).figures.table4
    got = [_actual(getattr(block, attr)) for _, _, block in t4.blocks() for attr, _ in L.T4_COLUMNS]
    assert got == [_expect(t) for t in EXPECTED[name]["t4"].split()]


@pytest.mark.parametrize("name", [n for n in EXPECTED if "t2" in EXPECTED[n]])
def test_table2_every_cell(name: str) -> None:
    figures = _import(name).figures
    want = EXPECTED[name]["t2"]
    got: dict[str, list] = {}
    for row, _, cell in figures.table2.cells():
        got.setdefault(row, []).append(_actual(cell))
    assert got == {row: [_expect(t) for t in line.split()] for row, line in want.items()}
    assert figures.legacy_table2 is None


def test_shanghai_2019_legacy_table2() -> None:
    figures = _import("shanghai-gov-office-2019").figures
    want = EXPECTED["shanghai-gov-office-2019"]["legacy"]
    got = {row: [_actual(c) for c in cols.values()] for row, cols in figures.legacy_table2.items()}
    assert got == {row: [_expect(t) for t in line.split()] for row, line in want.items()}
    assert list(figures.legacy_table2["行政许可"]) == ["上一年项目数量", "本年增/减", "处理决定数量"]


@pytest.mark.parametrize("name", ["pingtan-2019", "pingtan-2020"])
def test_run_together_table2_is_flagged_not_guessed(name: str) -> None:
    report = _import(name)
    uncertain = {f.location for f in report.findings if f.rule == "import.uncertain"}
    assert "表二（2019格式）/规范性文件" in uncertain
    assert "表二（2019格式）/行政许可" in uncertain
    assert "规范性文件" not in (report.figures.legacy_table2 or {})
    assert [c.value for c in report.figures.legacy_table2["规章"].values()] == (
        [0, 0, 0] if name == "pingtan-2019" else [0, 0, 7])


def test_pingtan_2020_fee_row_with_a_negative_change() -> None:
    legacy = _import("pingtan-2020").figures.legacy_table2
    assert [_actual(c) for c in legacy["行政事业性收费"].values()] == [(35, "35"), (-15, "-15")]


def test_hongze_label_typo_is_a_source_warning() -> None:
    report = _import("huaian-hongze-2023")
    typo = [f for f in report.findings if f.rule == "import.label" and f.location == "表三/三（三）2"]
    assert len(typo) == 1
    assert typo[0].severity == "warning" and typo[0].quote == "2.其他法律行政止公开"
    assert "原文" in typo[0].message and typo[0].extra["origin"] == "source"
    assert report.figures.table3.other_is_one_row()
    assert not [f for f in report.findings if f.rule == "import.uncertain"]


def test_hongze_2023_table4_totals_imported_as_published() -> None:
    review = _import("huaian-hongze-2023").figures.table4.review
    assert (review.upheld.value, review.corrected.value, review.total.value) == (10, 1, 0)


def test_pingtan_2020_totals_imported_as_published() -> None:
    t3 = _import("pingtan-2020").figures.table3
    assert t3.value("三（七）", "natural") == 20
    assert t3.computed_results_total("natural") == 26


def test_shanghai_blank_total_column_stays_blank() -> None:
    t3 = _import("shanghai-gov-office-2019").figures.table3
    public = t3.row("三（一）")
    assert public.total is not None and public.total.value is None and public.total.raw == ""
    assert t3.row("三（七）").total.value == 805


@pytest.mark.parametrize("name", [n for n in EXPECTED if n not in ("suqian-city-2023", "suqian-city-2024")])
def test_complete_reports_have_no_uncertain_table3_or_table4_cells(name: str) -> None:
    report = _import(name)
    assert not [f for f in report.findings if f.rule == "import.uncertain" and f.section in ("表三", "表四")]


def test_huaian_row_split_over_a_page_break() -> None:
    # “（四）无” / “法提供”: the group label broken by the page break is not a row of its own.
    report = _import("huaian-city-2024")
    assert report.figures.table3.value("三（四）2", "natural") == 11
    assert not [f for f in report.findings if f.severity == "warning"]


PDFS = ["huaian-city-2024", "huaian-hongze-2023", "huaian-hongze-2024"]


def _import_pdf(name: str):
    path = CORPUS / f"{name}.pdf"
    return read_report(path, path.read_bytes())


@pytest.mark.parametrize("name", PDFS)
def test_original_pdf_every_cell(name: str) -> None:
    from drafter.figures.flat import to_cells

    from_pdf = _import_pdf(name)
    assert from_pdf.kind == "pdf"
    want = EXPECTED[name]
    t3 = from_pdf.figures.table3
    rows = want["t3"]
    ids = T3_IDS_2021 if len(rows) == 25 else T3_IDS_ONE_ROW
    assert t3.row_ids() == ids
    for row_id, line in zip(ids, rows, strict=True):
        assert [_actual(getattr(t3.row(row_id), a)) for a, _ in L.T3_COLUMNS] == [_expect(t) for t in line.split()]
    t4 = from_pdf.figures.table4
    assert [_actual(getattr(b, a)) for _, _, b in t4.blocks() for a, _ in L.T4_COLUMNS] == [
        _expect(t) for t in want["t4"].split()]
    got2: dict[str, list] = {}
    for row, _, cell in from_pdf.figures.table2.cells():
        got2.setdefault(row, []).append(_actual(cell))
    assert got2 == {row: [_expect(t) for t in line.split()] for row, line in want["t2"].items()}
    # The same cells as the text version of the same report.
    assert to_cells(from_pdf.figures) == to_cells(_import(name).figures)


@pytest.mark.parametrize("name", PDFS)
def test_original_pdf_parts_and_metadata(name: str) -> None:
    report = _import_pdf(name)
    assert [s.numeral for s in report.sections] == list("一二三四五六")
    assert (report.agency, report.year) == (EXPECTED[name]["agency"], EXPECTED[name]["year"])
    assert "- 2 -" not in report.section("一").text
    assert not [f for f in report.findings if f.rule == "import.uncertain"]
