"""``--help`` at 80 columns: wrapped between Chinese characters (no lone “。”), examples one command a line,
Chinese placeholders and ranges instead of click's FILE / INTEGER RANGE / [2008<=x<=2100], prompts in Chinese."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from conftest import invoke

from drafter.cli import COMMANDS, cli
from drafter.cli.wrapping import cell_width
from drafter.cli.zh import ZhContext, ask_number

COMMAND_LINES = [[]] + [[name] for name in COMMANDS] + [["regenerate", "problems"]]
ENGLISH = re.compile(r"\b(FILE|TEXT|INTEGER|FLOAT|PATH|DIRECTORY|RANGE|DIR|URL|MODEL)\b|<=x|x>=|x<=|\[default|Usage|Options")


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(cli, [*args, "-h"], terminal_width=80, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args", COMMAND_LINES, ids=lambda a: " ".join(a) or "drafter")
def test_help_fits_80_columns_without_ragged_lines(args: list[str]) -> None:
    text = _help(args)
    lines = text.splitlines()
    assert all(cell_width(line) <= 80 for line in lines), [line for line in lines if cell_width(line) > 80]
    for line in lines:
        stripped = line.strip()
        assert stripped not in {"。", "，", "）", "”", "；"}, f"lone punctuation in help of {args}"
        if stripped:
            assert stripped[0] not in "。，、；：）”", f"line starts with punctuation: {line!r}"
        assert not re.search(r"(?<!-)-$", stripped), f"an option broken at its dashes: {line!r}"
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert "用法：" in text and "选项：" in text


@pytest.mark.parametrize("args", COMMAND_LINES, ids=lambda a: " ".join(a) or "drafter")
def test_examples_one_whole_command_a_line(args: list[str]) -> None:
    lines = _help(args).splitlines()
    if not any(line.strip() == "示例：" for line in lines):
        return
    start = next(i for i, line in enumerate(lines) if line.strip() == "示例：") + 1
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line)
    assert block
    for line in block:
        # a command begins with drafter; a long one continues on a line indented further, never mid-word
        assert line.strip().startswith("drafter ") or line.startswith(" " * 8), line
    assert not any("；" in line for line in block)


def test_ranges_and_defaults_in_words() -> None:
    text = _help(["init"])
    assert "--year 整数" in text and "[范围 2008–2100]" in text and "-o, --output 文件" in text
    assert "[默认：4；范围 1–32]" in _help(["draft"])
    assert "[默认：20；不小于 1]" in _help(["logs"])
    assert "--figures 数据文件" in _help(["regenerate", "problems"])


def test_range_error_in_chinese(tmp_path) -> None:
    report = tmp_path / "报告.md"
    report.write_text("# 报告\n", encoding="utf-8")
    result = invoke("regenerate", "problems", str(report), "--variants", "12", env={"COLUMNS": "80"})
    assert result.returncode == 2
    assert "--variants 的值 12 超出范围，应在 1 到 9 之间" in result.stderr and "Error" not in result.stderr


def test_prompt_for_a_variant_asks_again_in_chinese() -> None:
    @click.command(context_settings={"help_option_names": ["-h"]})
    def choose() -> None:
        click.echo(f"选了 {ask_number('选用第几种写法', 3)}")

    choose.context_class = ZhContext
    result = CliRunner().invoke(choose, [], input="7\n二\n２\n")
    assert result.exit_code == 0, result.output
    assert "选用第几种写法（1–3，直接回车选 1）：" in result.output
    assert result.output.count("请输入 1 到 3 之间的数字。") == 2 and "Error" not in result.output
    assert result.output.rstrip().endswith("选了 2")
    assert CliRunner().invoke(choose, [], input="\n").output.rstrip().endswith("选了 1")
