"""The command line as a whole: Chinese help, Chinese usage errors with exit code 2, no tracebacks."""

from __future__ import annotations

import pytest

from drafter.cli import COMMANDS
from tests.conftest import invoke, run_cli


def test_help_is_chinese_and_lists_every_command() -> None:
    result = invoke("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：drafter")
    assert "选项" in result.stdout and "显示本帮助并退出" in result.stdout
    for name in COMMANDS:
        assert f"  {name}" in result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_chinese_help(name: str) -> None:
    result = invoke(name, "-h")
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
    result = run_cli(*args)  # a real process: the exit code as the shell sees it
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr and "Usage:" not in result.stderr


def test_the_console_script_runs_and_sets_exit_codes(tmp_path) -> None:
    """The installed ``drafter`` script (pyproject's [project.scripts]), as the shell runs it: 0, 1 and 2."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import CORPUS, EXAMPLE_FIGURES

    script = shutil.which("drafter", path=str(Path(sys.executable).parent)) or shutil.which("drafter")
    assert script, "the console script is installed with the package (pip install -e .)"
    clean = subprocess.run([script, "validate", str(EXAMPLE_FIGURES)], capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    # A published report whose tables do not add up (a defect of the report as published).
    wrong = subprocess.run([script, "check", str(CORPUS / "pingtan-2020.txt"), "--format", "json"],
                           capture_output=True, text=True)
    assert wrong.returncode == 1 and '"severity": "error"' in wrong.stdout, wrong.stderr
    missing = subprocess.run([script, "check", str(tmp_path / "没有这个文件.docx")], capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.startswith("错误：") and "Traceback" not in missing.stderr
