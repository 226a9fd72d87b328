"""Crawler page text with table cells run together: recovered where arithmetic leaves one way, flagged otherwise."""

from __future__ import annotations

import pytest

from drafter.figures import labels as L
from drafter.read import read_report
from drafter.read.sourcepage import split_row, split_table4, splits
from tests.conftest import CORPUS
from tests.import_expected import EXPECTED, T3_IDS_2021, T3_IDS_ONE_ROW

YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025]


def _read(year: int):
    path = CORPUS / f"pingtan-{year}.source-page.txt"
    return read_report(path, path.read_bytes())


@pytest.mark.parametrize("year", YEARS)
def test_table3_and_table4_recovered_exactly(year: int) -> None:
    report = _read(year)
    want = EXPECTED[f"pingtan-{year}"]
    t3 = report.figures.table3
    ids = T3_IDS_2021 if len(want["t3"]) == 25 else T3_IDS_ONE_ROW
    assert t3.row_ids() == ids
    for row_id, line in zip(ids, want["t3"], strict=True):
        assert [getattr(t3.row(row_id), a).raw for a, _ in L.T3_COLUMNS] == line.split(), row_id
    t4 = report.figures.table4
    assert [getattr(b, a).raw for _, _, b in t4.blocks() for a, _ in L.T4_COLUMNS] == want["t4"].split()
    assert not [f for f in report.findings if f.rule == "import.uncertain" and f.section in ("表三", "表四")]


@pytest.mark.parametrize("year", YEARS)
def test_parts_title_and_year(year: int) -> None:
    report = _read(year)
    assert [s.numeral for s in report.sections] == list(L.SECTION_NUMERALS)
    assert report.title == f"平潭综合实验区{year}年度政府信息公开工作年度报告"
    assert report.year == year
    assert "当前位置" not in report.preface
    assert not report.section("六").text.endswith("附件下载")


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_table2_three_numbers_run_together_are_flagged_not_guessed(year: int) -> None:
    report = _read(year)
    flagged = [f for f in report.findings if f.rule == "import.uncertain" and f.location == "表二/行政规范性文件"]
    assert len(flagged) == 1 and flagged[0].extra["origin"] == "extraction"
    assert report.figures.table2.normative_documents.issued.value is None
    # One number per row needs no splitting.
    assert report.figures.table2.licensing.decisions.raw == EXPECTED[f"pingtan-{year}"]["t2"]["行政许可"]


def test_2019_legacy_rows_flagged() -> None:
    report = _read(2019)
    locations = {f.location for f in report.findings if f.rule == "import.uncertain"}
    assert {"表二（2019格式）/规范性文件", "表二（2019格式）/行政处罚"} <= locations
    assert [c.raw for c in report.figures.legacy_table2["规章"].values()] == ["0", "0", "0"]


def test_split_rules() -> None:
    assert list(splits("1000001", 7)) == [list("1000001")]
    assert list(splits("0012", 3)) == [["0", "0", "12"]]
    # Two ways add up in the row; the column sums decide between them in a whole table.
    assert sorted(split_row("270020130")) == [["2", "7", "0", "0", "20", "1", "30"],
                                              ["27", "0", "0", "2", "0", "1", "30"]]
    assert split_row("0 1 1 0 2 1 0") == []
    assert split_table4("110024001510102") == [list("11002") + list("40015") + list("10102")]
    assert split_table4("0 1 1 0 2 1 0 0 0 1 0 0 0 0 0") == [list("011021000100000")]
