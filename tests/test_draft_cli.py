"""``drafter draft`` with the offline engine, as a user runs it."""

from __future__ import annotations

import json

from conftest import EXAMPLE_FIGURES, ROOT, run_cli

BUSY = ROOT / "tests" / "data" / "draft" / "yunxi-gov-2023.yaml"


def test_example_drafts_offline_with_no_error():
    result = run_cli("draft", str(EXAMPLE_FIGURES), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["engine"] == "offline"
    assert set(doc["sections"]) == {"一", "五", "六"}
    assert not doc["sections"]["一"].startswith("一、") and "主动公开政府信息133条" in doc["sections"]["一"]
    assert doc["summary"]["error"] == 0
    assert doc["usage"] == {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0}
    notes = [line for line in result.stderr.splitlines() if "离线引擎" in line]
    assert len(notes) == 1 and "未配置大模型" in notes[0]


def test_model_offline_selects_the_engine_without_the_notice():
    result = run_cli("draft", str(EXAMPLE_FIGURES), "-m", "offline", "--section", "overview", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc["sections"]) == ["一"]
    assert "未配置大模型" not in result.stderr


def test_remaining_error_gives_exit_1_and_the_text_is_still_shown():
    # The busy figures name a last-year problem without its 整改情况: a placeholder, an error to fill in.
    result = run_cli("draft", str(BUSY))
    assert result.returncode == 1
    assert "五、存在的主要问题及改进情况" in result.stdout and "【待补充：本年度整改措施和成效】" in result.stdout
    assert "prose.placeholder" in result.stderr


def test_text_output_prints_both_parts():
    result = run_cli("draft", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("一、总体情况\n\n2021年，临清市科学技术局")
    assert "\n五、存在的主要问题及改进情况\n\n（一）存在的主要问题" in result.stdout


def test_markdown_output_is_the_full_report(tmp_path):
    out = tmp_path / "报告.md"
    result = run_cli("draft", str(EXAMPLE_FIGURES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "主动公开政府信息133条" in text
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "三、收到和处理政府信息公开申请情况"):
        assert heading in text
    assert "本年新收政府信息公开申请数量" in text  # the tables come with the full report
    assert result.stdout == ""


def test_docx_output(tmp_path):
    import docx

    out = tmp_path / "报告.docx"
    result = run_cli("draft", str(EXAMPLE_FIGURES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("主动公开政府信息133条" in p for p in paragraphs)


def test_several_figures_files_at_once(tmp_path):
    result = run_cli("draft", str(EXAMPLE_FIGURES), str(BUSY), "-j", "2", "--format", "json", "-o", str(tmp_path))
    assert result.returncode == 1  # the busy one keeps its placeholder
    doc = json.loads(result.stdout)
    assert [d["file"] for d in doc["drafts"]] == [str(EXAMPLE_FIGURES), str(BUSY)]
    assert doc["drafts"][0]["summary"]["error"] == 0 and doc["drafts"][1]["summary"]["error"] == 1
    assert (tmp_path / "figures-draft.md").exists() and (tmp_path / "yunxi-gov-2023-draft.md").exists()


def test_previous_report_brings_last_years_problems():
    seed = ROOT.parent / "shared" / "seed" / "linqing-kjj-2021-report.txt"
    result = run_cli("draft", str(BUSY), "--section", "problems", "--previous", str(seed), "--format", "json")
    five = json.loads(result.stdout)["sections"]["五"]
    # The figures file's own last-year problems win over those read from the previous report.
    assert "部分乡镇信息公开专栏更新不及时" in five


def test_missing_file_is_exit_2():
    result = run_cli("draft", "no-such-figures.yaml")
    assert result.returncode == 2
    assert "找不到" in result.stderr and "Traceback" not in result.stderr


def test_previous_with_several_files_is_exit_2():
    result = run_cli("draft", str(EXAMPLE_FIGURES), str(BUSY), "--previous", str(EXAMPLE_FIGURES))
    assert result.returncode == 2 and "--previous" in result.stderr
