"""``drafter check`` as a user runs it: exit codes, the JSON contract of docs/CLI.md, several reports, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, EXAMPLE_FIGURES, SEED, invoke

PINGTAN_2022 = CORPUS / "pingtan-2022.txt"
PINGTAN_2023 = CORPUS / "pingtan-2023.txt"
SUQIAN_2024 = CORPUS / "suqian-city-2024.txt"

PROSE_ONLY = """某县审计局2023年政府信息公开工作年度报告
一、总体情况
2023年，我局共收到政府信息公开申请5件，其中自然人申请4件、法人或其他组织申请1件。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
一是政策解读形式单一。二是信息更新不够及时。下一步，我局将按月检查专栏更新情况。
六、其他需要报告的事项
2023年，我局未收取信息处理费。
"""


def _json(result) -> dict:
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_one_report_json_follows_the_contract() -> None:
    result = invoke("check", str(SUQIAN_2024), "--format", "json")
    assert result.returncode == 1
    doc = _json(result)
    assert set(doc) == {"findings", "summary"}
    assert set(doc["summary"]) == {"error", "warning", "info"}
    finding = next(f for f in doc["findings"] if f.get("location") == "表四/行政复议/总计")
    assert finding["rule"] == "prose.table_mismatch" and finding["severity"] == "error"
    assert (finding["expected"], finding["actual"]) == (170, 134)
    assert "134件" in finding["quote"] and finding["section"] == "一"
    assert doc["summary"]["error"] == sum(f["severity"] == "error" for f in doc["findings"])


def test_several_reports_json_has_one_entry_each_and_a_total() -> None:
    result = invoke("check", str(PINGTAN_2022), str(PINGTAN_2023), "--format", "json")
    assert result.returncode == 1
    doc = _json(result)
    assert [Path(r["file"]).name for r in doc["reports"]] == ["pingtan-2022.txt", "pingtan-2023.txt"]
    for entry in doc["reports"]:
        assert set(entry) >= {"file", "findings", "summary"}
    assert doc["summary"]["error"] == sum(r["summary"]["error"] for r in doc["reports"]) == 2
    rules = {f["rule"] for r in doc["reports"] for f in r["findings"]}
    assert {"structure.section", "prose.table_mismatch"} <= rules


def test_text_view_ends_with_a_summary_row_per_report() -> None:
    result = invoke("check", str(PINGTAN_2022), str(PINGTAN_2023))
    assert result.returncode == 1
    tail = result.stdout[result.stdout.index("汇总"):]
    assert "pingtan-2022" in tail and "pingtan-2023" in tail
    assert "structure.section" in tail and "prose.table_mismatch" in tail
    assert "共 2 份报告，2 个错误" in tail


def test_previous_adds_cross_year_checks() -> None:
    result = invoke("check", str(PINGTAN_2023), "--previous", str(PINGTAN_2022), "--format", "json")
    rules = {(f["rule"], f.get("location")) for f in _json(result)["findings"]}
    assert ("crossyear.in_force", "表二/行政规范性文件/现行有效件数") in rules


def test_figures_option_supplies_the_tables() -> None:
    result = invoke("check", str(SEED), "--figures", str(EXAMPLE_FIGURES), "--format", "json")
    assert result.returncode == 0
    doc = _json(result)
    assert doc["summary"]["error"] == 0
    assert not any(f["rule"].startswith("table.") for f in doc["findings"])


def test_figures_option_finds_prose_against_other_numbers(tmp_path: Path) -> None:
    figures = tmp_path / "figures.yaml"
    figures.write_text(EXAMPLE_FIGURES.read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量: {自然人: 0,", "一、本年新收政府信息公开申请数量: {自然人: 2,"),
        encoding="utf-8")
    result = invoke("check", str(SEED), "--figures", str(figures), "--format", "json")
    assert result.returncode == 1
    finding = next(f for f in _json(result)["findings"] if f["rule"] == "prose.table_mismatch")
    assert finding["location"] == "表三/一/总计" and finding["expected"] == 2
    assert "未收到政府信息公开申请" in finding["message"]


def test_prose_only_report_is_checked_and_says_tables_are_missing(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(PROSE_ONLY, encoding="utf-8")
    result = invoke("check", str(report), "--format", "json")
    assert "Traceback" not in result.stderr
    if result.returncode == 2:  # the importer may refuse a report without tables: then it must say why
        assert "表" in result.stderr
        return
    rules = {f["rule"] for f in _json(result)["findings"]}
    assert "check.no_tables" in rules


def test_figures_file_alone_is_checked_as_tables() -> None:
    result = invoke("check", str(EXAMPLE_FIGURES), "--format", "json")
    assert result.returncode == 0
    assert _json(result)["summary"]["error"] == 0


@pytest.mark.parametrize(("content", "words"), [
    (None, "找不到"),
    ("", "空"),
    ("今天天气很好，我们去公园散步。\n", "年度报告"),
    ("\x00\x01\x02binary", "不是"),
])
def test_bad_input_is_a_clear_message(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content.encode("utf-8"))
    result = invoke("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and words in result.stderr


def test_one_unreadable_file_among_several_is_reported_not_fatal(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("check", str(PINGTAN_2022), str(empty), "--format", "json")
    assert result.returncode == 2
    doc = _json(result)
    assert doc["reports"][0]["findings"] and "空" in doc["reports"][1]["error"]
    assert doc["summary"]["unreadable"] == 1


def test_bad_figures_option_is_an_input_error(tmp_path: Path) -> None:
    figures = tmp_path / "figures.yaml"
    figures.write_text("基本信息: [1, 2\n", encoding="utf-8")
    result = invoke("check", str(PINGTAN_2022), "--figures", str(figures))
    assert result.returncode == 2
    assert "YAML" in result.stderr and "Traceback" not in result.stderr


def test_no_report_given_is_a_usage_error() -> None:
    result = invoke("check")
    assert result.returncode == 2
    assert "REPORT" in result.stderr


@pytest.mark.parametrize("to", ["md", "html", "docx"])
def test_rendered_report_reads_back_clean(tmp_path: Path, to: str) -> None:
    from drafter.render import write_report
    from tests.checker_generated import generated_report

    path = tmp_path / f"report.{to}"
    write_report(generated_report(5), path, to)
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _json(result)["summary"]["error"] == 0


def test_edited_markdown_report_is_caught(tmp_path: Path) -> None:
    from drafter.render import write_report
    from tests.checker_generated import generated_report

    report = generated_report(5)
    path = tmp_path / "report.md"
    write_report(report, path, "md")
    new = report.figures.table3.value("一", "total")
    text = path.read_text(encoding="utf-8")
    assert f"新收政府信息公开申请{new}件" in text
    path.write_text(text.replace(f"新收政府信息公开申请{new}件", f"新收政府信息公开申请{new + 4}件", 1),
                    encoding="utf-8")
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode == 1
    finding = next(f for f in _json(result)["findings"] if f["rule"] == "prose.table_mismatch")
    assert (finding["location"], finding["expected"], finding["actual"]) == ("表三/一/总计", new, new + 4)


def test_missing_previous_is_an_input_error(tmp_path: Path) -> None:
    result = invoke("check", str(PINGTAN_2023), "--previous", str(tmp_path / "none.txt"))
    assert result.returncode == 2
    assert "找不到" in result.stderr and "Traceback" not in result.stderr
