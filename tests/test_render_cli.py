"""``drafter render`` as a user runs it: each format, backups, and clear messages for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_FIGURES, invoke


@pytest.mark.parametrize(("fmt", "magic"), [("md", b"# "), ("html", b"<!DOCTYPE html>"), ("docx", b"PK\x03\x04")])
def test_render_each_format(fmt: str, magic: bytes, tmp_path: Path) -> None:
    out = tmp_path / f"报告.{fmt}"
    result = invoke("render", str(EXAMPLE_FIGURES), "--to", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    assert "已生成" in result.stderr


def test_format_from_extension_and_backup(tmp_path: Path) -> None:
    out = tmp_path / "报告.md"
    out.write_text("旧稿", encoding="utf-8")
    result = invoke("render", str(EXAMPLE_FIGURES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# 临清市科学技术局2021年政府信息公开工作年度报告")
    assert (tmp_path / "报告.md.bak").read_text(encoding="utf-8") == "旧稿"


def test_markdown_to_stdout() -> None:
    result = invoke("render", str(EXAMPLE_FIGURES), "--to", "md")
    assert result.returncode == 0
    assert "## 三、收到和处理政府信息公开申请情况" in result.stdout
    assert "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "docx"], "Word 文件不能输出到屏幕"),
    (["-o", "报告.txt"], "请用 --to 指定输出格式"),
    (["--to", "pdf", "-o", "x.pdf"], "pdf"),
])
def test_bad_options(args: list[str], message: str, tmp_path: Path) -> None:
    result = invoke("render", str(EXAMPLE_FIGURES), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_input_and_missing_folder(tmp_path: Path) -> None:
    result = invoke("render", str(tmp_path / "无.yaml"), "--to", "md")
    assert result.returncode == 2 and "找不到" in result.stderr
    result = invoke("render", str(EXAMPLE_FIGURES), "-o", str(tmp_path / "无此文件夹" / "r.docx"))
    assert result.returncode == 2 and "文件夹不存在" in result.stderr
    assert "Traceback" not in result.stderr
