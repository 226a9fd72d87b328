"""Shared test fixtures: an isolated environment for every test, and paths to the shared real reports."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "linqing-kjj-2021-report.txt"
EXAMPLE = ROOT / "examples" / "linqing-kjj-2021"
EXAMPLE_FIGURES = EXAMPLE / "figures.yaml"
# A correct part 一 for the example (表三 all zero, 133 items), as a model would answer it.
EXAMPLE_PART_1 = ("2021年，临清市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作，"
                  "把公开工作作为依法行政的基础，持续规范公开流程。\n"
                  "（一）主动公开\n我局通过门户网站政府信息公开专栏主动公开政府信息133条，内容以政务动态、通知公告为主。\n"
                  "（二）依申请公开\n2021年，我局未收到政府信息公开申请，也没有上年结转的申请。\n"
                  "（三）政府信息管理\n我局落实信息发布前审核制度，信息先审核后发布，做到准确、及时。\n"
                  "（四）政府信息公开平台建设\n我局依托本级政府门户网站信息公开专栏发布信息，及时更新栏目内容。\n"
                  "（五）监督保障\n我局明确专人负责政务公开工作，本年度未发生政府信息公开工作责任追究情况。")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No stray API keys or proxies from the developer's shell; config, cache and logs in a temporary home."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DRAFTER_", "DEEPSEEK_", "DASHSCOPE_", "MOONSHOT_", "ZHIPU", "KIMI_")):
            monkeypatch.delenv(name, raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("drafter-home")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    return home


def read_terminal(leader: int) -> bytes:
    """Everything a process wrote to the pseudo-terminal whose leader end is ``leader``, until it closes."""
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed (Linux says EIO)
            break
        if not chunk:
            break
        seen += chunk
    return seen


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``drafter`` as a user would (a separate process), returning exit code, stdout and stderr.

    Keep this for what only a real process shows (the console script, exit codes as the shell sees them,
    a pseudo-terminal); everything else uses :func:`invoke`, which is many times faster.
    """
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd or ROOT, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)


@dataclass
class CliResult:
    """What :func:`invoke` returns: the same attributes as ``subprocess.CompletedProcess``."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None,
           input: str | bytes | None = None) -> CliResult:
    """Run ``drafter ARGS`` in this process, as the console script does (``drafter.cli.main``).

    click's ``CliRunner`` isolation gives the command its own stdin (``input``), stdout and stderr (text streams
    over bytes, so ``sys.stdout.buffer`` works) and environment overrides (``env``; None removes a variable);
    ``cwd`` is the working directory for the call. Exit codes come from ``SystemExit`` as the shell would see them.
    An exception that is not a ``SystemExit`` propagates: in a separate process it would be a traceback.
    """
    from click import formatting
    from click.testing import CliRunner

    from drafter.cli import main

    code = 0
    runner = CliRunner()
    with contextlib.chdir(cwd or ROOT), runner.isolation(input=input, env=env) as (out, err, _):
        formatting.FORCED_WIDTH = None  # help wraps to the terminal's width (COLUMNS), as in a real process
        try:
            main(list(args))
        except SystemExit as exc:
            if isinstance(exc.code, str):  # sys.exit("message"): the interpreter prints it and exits 1
                sys.stderr.write(exc.code + "\n")
                code = 1
            else:
                code = exc.code or 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return CliResult(args, code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@pytest.fixture
def drafter_cli() -> Callable[..., CliResult]:
    """The in-process ``drafter`` (:func:`invoke`), for tests that prefer a fixture to an import."""
    return invoke
