"""``drafter validate`` as a user meets it: the example, a broken table, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_FIGURES, ROOT, invoke

DATA = ROOT / "tests" / "data" / "figures"


def test_example_validates_clean() -> None:
    result = invoke("validate", str(EXAMPLE_FIGURES), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"] == {"error": 0, "warning": 0, "info": 0}
    assert document["findings"] == []


def test_one_changed_number_is_an_error(tmp_path: Path) -> None:
    text = EXAMPLE_FIGURES.read_text(encoding="utf-8")
    changed = text.replace("一、本年新收政府信息公开申请数量: {自然人: 0", "一、本年新收政府信息公开申请数量: {自然人: 3", 1)
    assert changed != text
    path = tmp_path / "figures.yaml"
    path.write_text(changed, encoding="utf-8")
    result = invoke("validate", str(path), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    balance = [f for f in findings if f["rule"] == "table.balance"]
    assert balance and balance[0]["location"] == "表三/三（七）/自然人"
    assert balance[0]["message"].startswith("表三 第一列（自然人）：一+二=3，三（七）总计+四=0")
    assert (balance[0]["expected"], balance[0]["actual"]) == (3, 0)


def test_human_view_names_the_cell(tmp_path: Path) -> None:
    result = invoke("validate", str(DATA / "hongze-2023.yaml"))
    assert result.returncode == 1
    assert "表四 行政复议 总计为" in result.stdout and "10+1+0+0=11" in result.stdout
    assert "Traceback" not in result.stderr


def test_previous_year_carryover(tmp_path: Path) -> None:
    previous = tmp_path / "2020.yaml"
    previous.write_text(EXAMPLE_FIGURES.read_text(encoding="utf-8")
                        .replace("报告年度: 2021", "报告年度: 2020")
                        .replace("四、结转下年度继续办理: {自然人: 0", "四、结转下年度继续办理: {自然人: 2")
                        .replace("二、上年结转政府信息公开申请数量: {自然人: 0", "二、上年结转政府信息公开申请数量: {自然人: 0")
                        .replace("（一）予以公开: {自然人: 0", "（一）予以公开: {自然人: 0")
                        .replace("一、本年新收政府信息公开申请数量: {自然人: 0", "一、本年新收政府信息公开申请数量: {自然人: 2"),
                        encoding="utf-8")
    result = invoke("validate", str(EXAMPLE_FIGURES), "--previous", str(previous), "--format", "json")
    assert result.returncode == 1
    rules = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert rules["crossyear.carryover"]["location"] == "表三/二/自然人"
    assert (rules["crossyear.carryover"]["expected"], rules["crossyear.carryover"]["actual"]) == (2, 0)


def _figures_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE_FIGURES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "figures.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """name → (path, fragments the message must contain)."""
    cases: dict[str, tuple[Path, list[str]]] = {}
    cases["missing"] = (tmp_path / "nope.yaml", ["找不到", "nope.yaml"])
    folder = tmp_path / "folder"
    folder.mkdir()
    cases["directory"] = (folder, ["文件夹"])
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    cases["empty"] = (empty, ["空的"])
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(bytes(range(256)) * 40)
    cases["binary"] = (garbage, ["不是文本文件"])
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("基本信息:\n  机关全称: 某局\n   报告年度: 2021\n表三: [\n", encoding="utf-8")
    cases["invalid-yaml"] = (invalid, ["YAML 格式错误", "第 3 行"])
    findings_json = tmp_path / "findings.json"
    findings_json.write_text(json.dumps({"findings": [], "summary": {"error": 0}}), encoding="utf-8")
    cases["json-instead-of-yaml"] = (findings_json, ["检查结果", "不是 figures 文件"])
    cases["string-in-number-cell"] = (
        _figures_with(tmp_path / "s", "行政许可: {本年处理决定数量: 0}", "行政许可: {本年处理决定数量: 十二件}"),
        ["表二 › 行政许可 › 本年处理决定数量", "“十二件”不是数字", "第 "])
    cases["negative"] = (
        _figures_with(tmp_path / "n", "四、结转下年度继续办理: {自然人: 0", "四、结转下年度继续办理: {自然人: -1"),
        ["四、结转下年度继续办理 › 自然人", "不能为负数"])
    cases["year-2O21"] = (_figures_with(tmp_path / "y", "报告年度: 2021", "报告年度: 2O21"),
                          ["基本信息 › 报告年度", "2O21", "字母 O"])
    cases["unknown-key"] = (_figures_with(tmp_path / "k", "行政处罚:", "行政处分:"),
                            ["未知的键“行政处分”", "是否应为“行政处罚”"])
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * (2 * 1024 * 1024))
    cases["20MB"] = (big, ["文件过大"])
    return cases


BAD = ["missing", "directory", "empty", "binary", "invalid-yaml", "json-instead-of-yaml", "string-in-number-cell",
       "negative", "year-2O21", "unknown-key", "20MB"]


@pytest.mark.parametrize("name", BAD)
def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path, name: str) -> None:
    for sub in "snyk":
        (tmp_path / sub).mkdir()
    path, fragments = _bad_inputs(tmp_path)[name]
    result = invoke("validate", str(path), "--format", "json")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：")
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def test_unknown_option_is_exit_2() -> None:
    result = invoke("validate", str(EXAMPLE_FIGURES), "--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_published_report_defects_are_attributed_to_the_source() -> None:
    from tests.conftest import CORPUS

    result = invoke("validate", str(CORPUS / "huaian-hongze-2023.txt"), "--format", "json")
    assert result.returncode == 1, result.stderr
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["location"], f["origin"]) for f in errors] == [
        ("table.sum", "表四/行政复议/总计", "source"),
        ("table.sum", "表四/行政诉讼/复议后起诉/总计", "source"),
    ]
    assert all("原文如此" in f["message"] for f in errors)
