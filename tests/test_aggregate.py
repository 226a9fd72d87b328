"""``drafter aggregate``: departments' reports of every kind summed into the government's figures, traceably."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter.aggregate import aggregate, cells_of, read_sources
from drafter.cli import cli
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.read.inputs import open_figures
from tests.aggregate_sources import county, figures_data, write_source
from tests.conftest import CORPUS

AGENCY = "测试县人民政府"
REAL_2024 = (CORPUS / "huaian-city-2024.pdf", CORPUS / "huaian-hongze-2024.pdf")


def run(*args: str | Path):
    """drafter in-process, as the console script runs it."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight departments in four formats, plus two real published PDFs of the same year."""
    folder = tmp_path_factory.mktemp("county")
    paths = county(folder, 8)
    for pdf in REAL_2024:
        shutil.copy(pdf, folder / pdf.name)
    return [*paths, *(folder / pdf.name for pdf in REAL_2024)]


def _cells(path: Path, table: str, one_row_other: bool = False) -> dict[str, int | float | None]:
    figures = open_figures(path).figures
    assert figures is not None
    return {loc: value for loc, value, _ in cells_of(figures, table, one_row_other=one_row_other)}


def test_every_summed_cell_is_the_sum_of_the_sources_cells(sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "汇总.yaml"
    result = run("aggregate", *sources, "-o", out, "--agency", AGENCY, "--tables", "表二,表三,表四")
    assert result.exit_code == 0, result.output
    summed = Figures.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert summed.meta.agency == AGENCY and summed.meta.year == 2024 and summed.meta.kind == "人民政府"
    for table in (L.TABLE2, L.TABLE3, L.TABLE4):
        per_source = [_cells(p, table, summed.table3.other_is_one_row()) for p in sources]
        for location, value, _ in cells_of(summed, table):
            expected = sum(cells[location] or 0 for cells in per_source)
            assert value == pytest.approx(expected), location
    # The generated departments' own numbers (not read back by drafter) are in the sum too.
    new_total = sum(sum(figures_data(n)["表三"][L.T3_NEW].values()) for n in range(8))
    new_total += sum(_cells(p, L.TABLE3)["表三/一/总计"] or 0 for p in sources[8:])
    assert summed.table3.value("一", "total") == new_total


def test_the_result_validates_drafts_renders_and_checks(sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "汇总.yaml"
    assert run("aggregate", *sources[:8], "-o", out, "--agency", AGENCY, "--tables", "表二,表三,表四").exit_code == 0
    assert run("validate", out).exit_code == 0
    report = tmp_path / "报告.md"
    assert run("draft", out, "-o", report).exit_code in (0, 1)  # 正文数据 the sources lack stay 【待补充】
    assert "一、总体情况" in report.read_text(encoding="utf-8")
    assert run("render", out, "--to", "docx", "-o", tmp_path / "报告.docx").exit_code == 0
    checked = run("check", report, "--figures", out, "--format", "json")
    assert not [f for f in json.loads(checked.stdout)["findings"] if f["rule"].startswith("table.")]


def test_explain_gives_the_contributions_that_add_up_to_the_cell(sources: list[Path]) -> None:
    result = run("aggregate", *sources, "--agency", AGENCY, "--explain", "表三/一/总计",
                 "--explain", "表四/行政复议/结果纠正", "--format", "json")
    document = json.loads(result.stdout)
    t3 = document["figures"]["表三"]
    assert sum(c["value"] for c in document["explain"]["表三/一/总计"]) == t3[L.T3_NEW]["总计"]
    assert len(document["explain"]["表三/一/总计"]) == len(sources)
    review = document["figures"]["表四"][L.REVIEW]["结果纠正"]
    assert sum(c["value"] for c in document["explain"]["表四/行政复议/结果纠正"]) == review
    # Every summed cell's provenance is in the document and adds up.
    for location, contributions in document["cells"].items():
        assert contributions and all("file" in c and "agency" in c for c in contributions), location
    text = run("aggregate", *sources, "--agency", AGENCY, "--explain", "表3/一/总计")
    assert text.exit_code == 0 and "表3/一/总计 的来源" in text.stdout and "合计" in text.stdout


def test_the_provenance_sidecar_is_written_beside_the_result(sources: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "汇总.yaml"
    run("aggregate", *sources[:4], "-o", out, "--agency", AGENCY)
    sidecar = json.loads((tmp_path / "汇总.来源.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in sidecar["sources"]] == [str(p) for p in sources[:4]]
    assert sum(c["value"] for c in sidecar["cells"]["表三/四/总计"]) == \
        Figures.model_validate(yaml.safe_load(out.read_text(encoding="utf-8"))).table3.value("四", "total")
    assert "--explain" in out.read_text(encoding="utf-8").split("基本信息")[0]  # the header says where to look


def test_a_source_with_a_table_error_is_named_and_not_summed(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    county(folder, 3)
    data = figures_data(7, agency="测试县错误局")
    data["表三"][L.T3_NEW]["自然人"] += 5  # 一 + 二 no longer equals 三（七） + 四
    bad = write_source(folder, 7, "html", data=data)
    out = tmp_path / "汇总.yaml"
    result = run("aggregate", folder, "-o", out, "--agency", AGENCY)
    assert result.exit_code == 1
    assert "测试县错误局" in result.stdout and "table.balance" in result.stdout
    assert not out.exists(), "a wrong departmental table must not enter the government's figures unnoticed"
    accepted = run("aggregate", folder, "-o", out, "--agency", AGENCY, "--accept-errors", "--format", "json")
    document = json.loads(accepted.stdout)
    assert out.exists() and accepted.exit_code == 1  # the imbalance carries into the sum, and the check says so
    assert any(f["rule"] == "aggregate.source_error" and f["severity"] == "warning" and str(bad) in f["location"]
               for f in document["findings"])
    assert any(f["rule"] == "table.balance" for f in document["findings"])


def test_a_blank_cell_keeps_the_source_out_and_counts_as_zero_only_when_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    county(folder, 2)
    data = figures_data(5, agency="测试县空白局")
    data["表四"][L.REVIEW] = {"结果维持": None, "结果纠正": 0, "其他结果": 0, "尚未审结": 0}
    write_source(folder, 5, "yaml", data=data)
    assert run("aggregate", folder, "--agency", AGENCY).exit_code == 1
    accepted = json.loads(run("aggregate", folder, "--agency", AGENCY, "--accept-errors",
                              "--explain", "表四/行政复议/结果维持", "--format", "json").stdout)
    notes = [c.get("note") for c in accepted["explain"]["表四/行政复议/结果维持"]]
    assert "空白，按 0 计" in notes


@pytest.mark.parametrize("case", ["year", "duplicate", "old_format", "unreadable", "empty_folder"])
def test_what_cannot_be_summed_is_refused(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    paths = county(folder, 3)
    if case == "year":
        paths.append(write_source(folder, 9, "md", year=2023))
        expected = "2023 年度"
    elif case == "duplicate":
        paths.append(write_source(folder, 10, "docx", agency=open_figures(paths[0]).agency))
        expected = "出现了 2 次"
    elif case == "old_format":
        paths = [CORPUS / "pingtan-2019.txt"]
        expected = "2019 年格式"
    elif case == "unreadable":
        (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
        paths.append(folder / "损坏.docx")
        expected = "损坏.docx"
    else:
        paths = [tmp_path / "空文件夹"]
        paths[0].mkdir()
        expected = "没有可读取的报告"
    out = tmp_path / "汇总.yaml"
    result = run("aggregate", *paths, "-o", out, "--agency", AGENCY)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_other_handling_in_one_row_and_in_three_rows_add_up(tmp_path: Path) -> None:
    split = figures_data(1)
    one_row = figures_data(2)
    other = one_row["表三"][L.T3_RESULTS].pop(L.G_OTHER)
    one_row["表三"][L.T3_RESULTS][L.G_OTHER] = {
        column: sum(row[column] for row in other.values()) for column in split["表三"][L.T3_NEW]}
    paths = [write_source(tmp_path, 1, "yaml", data=split), write_source(tmp_path, 2, "md", data=one_row)]
    result = aggregate(read_sources(paths), agency=AGENCY)
    t3 = result.figures.table3
    assert t3.other_is_one_row()
    split_other = split["表三"][L.T3_RESULTS][L.G_OTHER]
    expected = sum(row["自然人"] for row in split_other.values()) + one_row["表三"][L.T3_RESULTS][L.G_OTHER]["自然人"]
    assert t3.value("三（六）", "natural") == expected
    assert not result.check()


def test_a_folder_passes_over_backups_and_the_output_itself(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    paths = county(folder, 2)
    shutil.copy(paths[0], folder / (paths[0].name + ".bak"))
    shutil.copy(paths[1], folder / "旧文件（备份1）.yaml")
    out = folder / "汇总.yaml"
    assert run("aggregate", folder, "-o", out, "--agency", AGENCY).exit_code == 0
    again = run("aggregate", folder, "-o", out, "--agency", AGENCY, "--format", "json")
    assert again.exit_code == 0, again.output
    assert len(json.loads(again.stdout)["sources"]) == 2


def test_tables_not_summed_are_left_for_the_clerk_or_taken_from_the_base(tmp_path: Path) -> None:
    paths = county(tmp_path / "src", 2)
    out = tmp_path / "汇总.yaml"
    plain = run("aggregate", *paths, "-o", out, "--agency", AGENCY)
    assert plain.exit_code == 0 and "表二未汇总" in plain.stdout
    assert run("validate", out).exit_code == 1  # the blank 表二 is for the clerk to fill in
    base = write_source(tmp_path, 30, "yaml", agency=AGENCY)
    with_base = run("aggregate", *paths, "-o", out, "--base", base)
    assert with_base.exit_code == 0, with_base.output
    summed = Figures.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    own = Figures.model_validate(figures_data(30, agency=AGENCY))
    assert summed.meta.agency == AGENCY
    assert summed.table2.licensing.decisions.value == own.table2.licensing.decisions.value
    assert run("validate", out).exit_code == 0


def test_facts_are_summed_only_when_every_source_states_them(tmp_path: Path) -> None:
    paths = [write_source(tmp_path, n, "yaml") for n in range(3)]
    result = aggregate(read_sources(paths), agency=AGENCY)
    assert result.figures.facts.proactive_total == sum(figures_data(n)["正文数据"]["主动公开信息总数"] for n in range(3))
    paths.append(write_source(tmp_path, 3, "html"))  # a published report: its prose numbers are not read as data
    partial = aggregate(read_sources(paths), agency=AGENCY)
    assert partial.figures.facts.proactive_total is None
    assert any(f.rule == "aggregate.partial_fact" for f in partial.findings)


def test_previous_runs_the_crossyear_rules_on_the_result(tmp_path: Path) -> None:
    paths = county(tmp_path / "src", 2)
    last = figures_data(40, year=2023, agency=AGENCY)
    last["表三"][L.T3_NEXT] = {column: 0 for column in last["表三"][L.T3_NEXT]}
    last["表三"][L.T3_NEXT]["自然人"] = 99
    previous = write_source(tmp_path, 40, "yaml", data=last)
    result = run("aggregate", *paths, "--agency", AGENCY, "--previous", previous, "--format", "json")
    assert any(f["rule"] == "crossyear.carryover" for f in json.loads(result.stdout)["findings"])
    assert result.exit_code == 1


def test_an_unknown_cell_to_explain_is_a_clear_message(sources: list[Path]) -> None:
    result = run("aggregate", *sources[:2], "--agency", AGENCY, "--explain", "表五/一/总计")
    assert result.exit_code == 2 and "表五/一/总计" in result.stderr


def test_a_report_that_does_not_name_its_agency_is_named_by_its_file(tmp_path: Path) -> None:
    paths = []
    for n, name in enumerate(("教育局", "民政局")):
        path = write_source(tmp_path, n, "md")
        text = path.read_text(encoding="utf-8").replace(open_figures(path).agency or "", "", 1)
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    document = json.loads(run("aggregate", *paths, "--agency", AGENCY, "--format", "json").stdout)
    assert [s["agency"] for s in document["sources"]] == ["教育局", "民政局"]
    assert all(s["agency_from"] == "file_name" for s in document["sources"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed: no Word-to-PDF conversion")
def test_a_pdf_made_from_a_word_report_sums_like_the_word_file(tmp_path: Path) -> None:
    import subprocess

    docx = write_source(tmp_path, 3, "docx")
    pdf_dir = tmp_path / "pdf"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = pdf_dir / (docx.stem + ".pdf")
    for table in (L.TABLE2, L.TABLE3, L.TABLE4):
        assert _cells(pdf, table) == _cells(docx, table), table


def test_a_table_read_without_confidence_is_refused_only_when_it_is_summed() -> None:
    # The run-together page text of 平潭 2024 leaves one 表二 row uncertain; its 表三 and 表四 are sure.
    sources = [CORPUS / "pingtan-2024.source-page.txt", CORPUS / "huaian-city-2024.txt"]
    with_table2 = run("aggregate", *sources, "--agency", AGENCY, "--tables", "表二,表三,表四")
    assert with_table2.exit_code == 2
    assert "读取不确定" in with_table2.stderr and "drafter import" in with_table2.stderr
    assert run("aggregate", *sources, "--agency", AGENCY).exit_code == 0
