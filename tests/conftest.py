"""Shared test fixtures: an isolated environment for every test, and paths to the shared real reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "linqing-kjj-2021-report.txt"
EXAMPLE = ROOT / "examples" / "linqing-kjj-2021"
EXAMPLE_FIGURES = EXAMPLE / "figures.yaml"


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


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``drafter`` as a user would (a separate process), returning exit code, stdout and stderr."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd or ROOT, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)
