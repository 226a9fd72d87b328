"""``drafter init --to xlsx``: a workbook laid out like the printed tables that behaves exactly like the YAML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from drafter.figures import labels as L
from drafter.figures.file import load_figures
from drafter.figures.workbook import cell_of
from tests.conftest import CORPUS, EXAMPLE_FIGURES, invoke

LAST_YEAR = CORPUS / "huaian-hongze-2023.txt"


def _pair(tmp_path: Path, *args: str) -> tuple[Path, Path]:
    """The same figures as YAML and as a workbook, both written by init."""
    text, book = tmp_path / "figures.yaml", tmp_path / "figures.xlsx"
    for out in (text, book):
        result = invoke("init", "-o", str(out), *args)
        assert result.returncode == 0, result.stderr
    return text, book


def _set_yaml(path: Path, keys: tuple[str, ...], value: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set_cell(path: Path, ref: str, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    sheet, cell = ref.split("!")
    wb[sheet][cell] = value
    wb.save(path)


def _findings(path: Path) -> tuple[int, list[dict]]:
    result = invoke("validate", str(path), "--format", "json")
    return result.returncode, json.loads(result.stdout)["findings"]


def test_the_workbook_is_laid_out_like_the_printed_tables(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _, book = _pair(tmp_path, "--agency", "某县审计局", "--year", "2025")
    wb = load_workbook(book)
    assert wb.sheetnames[:6] == ["基本信息", "表二", "表三", "表四", "正文数据", "工作要点"]
    t3 = wb["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A1:C3", "D1:J1", "E2:I2", "D2:D3", "J2:J3"} <= merged
    assert t3["D1"].value == L.APPLICANTS and t3["E3"].value == "商业企业" and t3["A4"].value == L.T3_NEW
    assert {"A1:E1", "F1:O1", "F2:J2", "K2:O2"} <= {str(r) for r in wb["表四"].merged_cells.ranges}
    assert wb["表二"]["A1"].value == L.T2_CAPTION_1 and wb["基本信息"]["B2"].value == "某县审计局"


def test_a_filled_workbook_reads_like_the_yaml_file(tmp_path: Path) -> None:
    text, book = _pair(tmp_path, "--from", str(LAST_YEAR))
    assert load_figures(text).to_data() == load_figures(book).to_data()
    # The same numbers filled into both: 表三 一 自然人 and its result, a 表四 case, a fact, a point.
    new = (L.TABLE3, L.T3_NEW, "自然人")
    public = (L.TABLE3, L.T3_RESULTS, L.G_PUBLIC, "自然人")
    for keys, ref, value in ((new, cell_of("表三/一/自然人"), 7), (public, cell_of("表三/三（一）/自然人"), 7),
                             ((L.TABLE4, "行政复议", "结果维持"), cell_of("表四/行政复议/结果维持"), 2),
                             (("正文数据", "主动公开信息总数"), "正文数据!B2", 150)):
        _set_yaml(text, keys, value)
        _set_cell(book, ref, value)
    _set_yaml(text, ("工作要点", "主动公开"), ["全年更新政策文件专栏"])
    _set_cell(book, "工作要点!B2", "全年更新政策文件专栏")
    assert load_figures(text).to_data() == load_figures(book).to_data()
    for command in (("validate",), ("draft", "--format", "json")):
        a, b = invoke(*command, str(text)), invoke(*command, str(book))
        assert a.returncode == b.returncode, b.stderr
    assert json.loads(invoke("draft", str(text), "--format", "json").stdout)["sections"] == \
        json.loads(invoke("draft", str(book), "--format", "json").stdout)["sections"]
    out = tmp_path / "报告.docx"
    drafted = invoke("draft", str(book), "-o", str(out)).returncode
    assert invoke("check", str(out), "--figures", str(book)).returncode == drafted


def test_the_workbook_has_the_yaml_files_errors_naming_the_cell(tmp_path: Path) -> None:
    text, book = _pair(tmp_path, "--from", str(LAST_YEAR))
    _set_yaml(text, (L.TABLE3, L.T3_NEW, "自然人"), 9)  # 一 + 二 no longer equals 三（七） + 四
    _set_cell(book, cell_of("表三/一/自然人"), 9)
    code_a, yaml_findings = _findings(text)
    code_b, book_findings = _findings(book)
    assert code_a == code_b == 1
    key = [(f["rule"], f["severity"], f.get("location")) for f in yaml_findings]
    assert key == [(f["rule"], f["severity"], f.get("location")) for f in book_findings]
    balance = [f for f in book_findings if f["rule"] == "table.balance"]
    assert balance and "表三!" in balance[0]["message"]


@pytest.mark.parametrize(("keys", "ref", "value"), [
    ((L.TABLE3, L.T3_NEW, "商业企业"), "表三!E4", "三件"),
    ((L.TABLE2, "行政规范性文件", "本年制发件数"), "表二!B4", -1),
    (("基本信息", "报告年度"), "基本信息!B3", "二〇二五"),
])
def test_bad_cells_are_refused_alike(tmp_path: Path, keys: tuple[str, ...], ref: str, value: object) -> None:
    text, book = _pair(tmp_path, "--agency", "某县审计局", "--year", "2025")
    _set_yaml(text, keys, value)
    _set_cell(book, ref, value)
    a, b = invoke("validate", str(text)), invoke("validate", str(book))
    assert a.returncode == b.returncode
    assert "Traceback" not in a.stderr + b.stderr
    if b.returncode == 2:
        assert ref in b.stderr, b.stderr
        assert "第" in a.stderr and "行" in a.stderr


def test_a_moved_row_is_named(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _, book = _pair(tmp_path, "--year", "2025")
    wb = load_workbook(book)
    wb["表三"].insert_rows(6)
    wb.save(book)
    result = invoke("validate", str(book))
    assert result.returncode == 2 and "表三!" in result.stderr and "移动" in result.stderr


def test_a_workbook_that_is_no_figures_file_is_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    other = tmp_path / "台账.xlsx"
    Workbook().save(other)
    result = invoke("validate", str(other))
    assert result.returncode == 2 and "工作表" in result.stderr and "drafter init --to xlsx" in result.stderr


def test_init_refuses_a_contradicting_name(tmp_path: Path) -> None:
    assert invoke("init", "--to", "xlsx", "-o", str(tmp_path / "f.yaml")).returncode == 2
    assert invoke("init", "--to", "yaml", "-o", str(tmp_path / "f.xlsx")).returncode == 2


def test_the_example_as_a_workbook_drafts_and_checks_clean(tmp_path: Path) -> None:
    from drafter.figures.file import parse_figures_text
    from drafter.figures.workbook import write_workbook

    book = tmp_path / "figures.xlsx"
    book.write_bytes(write_workbook(parse_figures_text(EXAMPLE_FIGURES.read_text(encoding="utf-8"))))
    assert load_figures(book).to_data() == load_figures(EXAMPLE_FIGURES).to_data()
    out = tmp_path / "报告.docx"
    assert invoke("draft", str(book), "-o", str(out)).returncode == 0
    assert invoke("check", str(out)).returncode == 0
