"""Lint runs with the tests, so that one command checks everything."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    command = [ruff] if shutil.which("ruff") else [sys.executable, "-m", "ruff"]
    del ruff
    result = subprocess.run([*command, "check", "drafter", "tests", "benchmarks", "prompts"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """``mypy`` over drafter/ with the settings of pyproject.toml's [tool.mypy] (run in-process, cached)."""
    from mypy import api

    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                      "--cache-dir", str(ROOT / ".mypy_cache"), str(ROOT / "drafter")])
    assert status == 0, stdout + stderr
