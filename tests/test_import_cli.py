"""``drafter import`` as a user runs it: output formats, the output file and its backup, bad input."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import CORPUS, ROOT, SEED, invoke

DATA = ROOT / "tests" / "data" / "import"


def test_yaml_to_stdout_is_keyed_by_the_official_labels() -> None:
    result = invoke("import", str(CORPUS / "huaian-hongze-2024.txt"))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["基本信息"]["机关全称"] == "淮安市洪泽区人民政府"
    assert data["表三"]["一、本年新收政府信息公开申请数量"]["总计"] == 95
    assert data["表三"]["三、本年度办理结果"]["（六）其他处理"]["合计"]["自然人"] == 0
    assert data["表四"]["行政诉讼"]["复议后起诉"]["总计"] == 3
    narrative = yaml.safe_load("\n".join(line[2:] for line in result.stdout.split("# 正文（", 1)[1].splitlines()[1:]))
    assert narrative["正文"]["六、其他需要报告的事项"].endswith("信息处理费 0 元。")
    assert narrative["正文"]["标题"] == "淮安市洪泽区人民政府2024 年政府信息公开工作年度报告"
    assert "import.label" in result.stderr  # the typo'd label is shown as a warning


def test_cells_format(tmp_path) -> None:
    result = invoke("import", str(CORPUS / "pingtan-2021.txt"), "--format", "cells")
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)
    by_key = {(c["table"], c["row"], c["column"]): c for c in cells}
    assert by_key[("表三", "一", "自然人")] == {"table": "表三", "row": "一", "column": "自然人", "value": 64, "raw": "64"}
    assert by_key[("表二", "行政规范性文件", "现行有效件数")]["value"] == 665
    assert by_key[("表四", "行政诉讼/未经复议直接起诉", "结果维持")]["value"] == 12
    assert len([c for c in cells if c["table"] == "表三"]) == 25 * 7


def test_cells_keep_blank_apart_from_zero() -> None:
    result = invoke("import", str(SEED), "--format", "cells")
    cells = json.loads(result.stdout)
    first = [c for c in cells if c["table"] == "表三" and c["row"] == "一"]
    assert [c["value"] for c in first] == [None] * 6 + [0]
    assert [c["raw"] for c in first] == [""] * 6 + ["0"]


def test_json_format_carries_findings() -> None:
    result = invoke("import", str(CORPUS / "huaian-hongze-2023.txt"), "--format", "json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["figures"]["表四"]["行政复议"]["结果维持"] == 10
    assert [s["numeral"] for s in document["sections"]] == list("一二三四五六")
    assert document["summary"]["warning"] >= 2
    assert {f["rule"] for f in document["findings"]} == {"import.label"}


def test_output_file_is_written_and_an_old_one_backed_up(tmp_path) -> None:
    out = tmp_path / "figures.yaml"
    out.write_text("旧内容\n", encoding="utf-8")
    result = invoke("import", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "figures.yaml.bak").read_text(encoding="utf-8") == "旧内容\n"
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["基本信息"]["报告年度"] == 2021
    assert "已写入" in result.stderr
    # The written file is a figures file as it stands.
    check = invoke("validate", str(out), "--format", "json")
    assert check.returncode in (0, 1), check.stderr
    assert "findings" in json.loads(check.stdout)


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "空"),
    ("blank.html", b"   \n\n", "空"),
    ("no-report.html", None, "没有找到"),
    ("work-summary.txt", None, "工作总结"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".docx"),
])
def test_bad_input_exits_2_with_one_clear_message(tmp_path, name, content, words) -> None:
    path = DATA / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = invoke("import", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert words in result.stderr
    assert result.stderr.count("错误：") == 1


def test_a_50_mb_file_is_refused(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = invoke("import", str(path))
    assert result.returncode == 2
    assert "过大" in result.stderr and "Traceback" not in result.stderr


def test_missing_file() -> None:
    result = invoke("import", "no-such-report.html")
    assert result.returncode == 2 and "找不到" in result.stderr


@pytest.mark.parametrize("name, rule, location", [
    ("huaian-hongze-2023.txt", "table.sum", "表四/行政复议/总计"),
    ("huaian-hongze-2023.pdf", "table.sum", "表四/行政诉讼/复议后起诉/总计"),
    ("pingtan-2020.txt", "table.sum", "表三/三（七）/自然人"),
    ("shanghai-gov-office-2019.txt", "table.blank", "表三/三（一）"),
])
def test_documented_source_defects_are_reported_as_the_source(name: str, rule: str, location: str) -> None:
    result = invoke("validate", str(CORPUS / name), "--format", "json")
    assert result.returncode in (0, 1), result.stderr  # blank cells of a published table may be warnings
    findings = json.loads(result.stdout)["findings"]
    hits = [f for f in findings if f["rule"] == rule and f.get("location") == location]
    assert hits, [(f["rule"], f.get("location")) for f in findings]
    assert all(f.get("origin") == "source" for f in hits)


def test_a_figures_file_is_not_imported() -> None:
    from tests.conftest import EXAMPLE_FIGURES

    result = invoke("import", str(EXAMPLE_FIGURES))
    assert result.returncode == 2
    assert "已经是 figures 文件" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["pingtan-2021.source-page.txt", "huaian-city-2024.pdf"])
def test_the_imported_yaml_validates_as_a_figures_file(tmp_path, name: str) -> None:
    out = tmp_path / "figures.yaml"
    assert invoke("import", str(CORPUS / name), "-o", str(out)).returncode == 0
    result = invoke("validate", str(out), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "import.uncertain" not in rules or name.endswith("source-page.txt")
