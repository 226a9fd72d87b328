"""The command line as a whole: Chinese help, Chinese usage errors with exit code 2, no tracebacks."""

from __future__ import annotations

import pytest

from drafter.cli import COMMANDS
from tests.conftest import run_cli


def test_help_is_chinese_and_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：drafter")
    assert "选项" in result.stdout and "显示本帮助并退出" in result.stdout
    for name in COMMANDS:
        assert f"  {name}" in result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_chinese_help(name: str) -> None:
    result = run_cli(name, "-h")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：drafter")
    assert "Show this message" not in result.stdout


@pytest.mark.parametrize(("args", "expected"), [
    (["valdate"], "没有命令“valdate”（是否应为 validate？）"),
    (["validate"], "缺少参数 FIGURES"),
    (["validate", "x.yaml", "--formt", "json"], "没有选项 --formt（是否应为 --format？）"),
    (["validate", "x.yaml", "--format", "xml"], "--format 的值“xml”无效"),
])
def test_usage_errors_are_chinese_and_exit_2(args: list[str], expected: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and "Usage:" not in result.stderr
