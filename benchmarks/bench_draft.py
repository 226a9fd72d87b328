"""Drafting speed: the offline engine (whole process), drafter's own overhead against a local server that answers
instantly, the two parts side by side against a server that takes 1 s per call, and a cached re-run.

Run: python benchmarks/bench_draft.py [--runs N]. Prints medians; see benchmarks/README-draft.md for recorded numbers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import FAKE_KEY, FakeLLMServer, answer  # noqa: E402

from drafter.draft.drafting import DraftInput, LLMEngine, draft_report  # noqa: E402
from drafter.draft.prompts import load_prompts  # noqa: E402
from drafter.figures.file import load_figures  # noqa: E402
from drafter.llm import build_client  # noqa: E402
from drafter.llm.settings import LLMSettings  # noqa: E402

EXAMPLE = ROOT / "examples" / "linqing-kjj-2021" / "figures.yaml"
PART = ("2021年，临清市科学技术局依法做好政府信息公开工作。\n（一）主动公开\n我局主动公开政府信息133条。\n"
        "（二）依申请公开\n2021年，我局未收到政府信息公开申请。\n（三）政府信息管理\n我局落实发布审核制度。\n"
        "（四）政府信息公开平台建设\n我局依托门户网站专栏发布信息。\n（五）监督保障\n本年度未发生责任追究情况。")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def run_process(*args: str, home: str, env: dict[str, str] | None = None) -> float:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    full.update({"DRAFTER_HOME": home, **(env or {})})
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "drafter", *args], env=full, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return elapsed


def median(values: list[float]) -> str:
    return f"median {ms(statistics.median(values))}  min {ms(min(values))}  max {ms(max(values))}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp(prefix="drafter-bench-")

    offline = [run_process("draft", str(EXAMPLE), "--format", "json", home=home) for _ in range(runs)]
    print(f"offline draft of the example, whole process:        {median(offline)}")

    server = FakeLLMServer().start()
    try:
        server.always(answer(PART), times=6 * runs + 10)
        env = {"OPENAI_API_KEY": FAKE_KEY}
        llm = [run_process("draft", str(EXAMPLE), "-m", "bench", "--base-url", server.url, "--no-cache",
                           "--max-repairs", "0", "--format", "json", home=home, env=env) for _ in range(runs)]
        print(f"instant server, both parts, whole process:          {median(llm)}")
        print(f"  of which LLM path beyond the offline run:         {ms(statistics.median(llm) - statistics.median(offline))}")

        figures = load_figures(EXAMPLE)
        settings = LLMSettings(model="bench", base_url=server.url, api_key=FAKE_KEY)
        engine = LLMEngine(build_client(settings), settings, load_prompts())
        draft_report(DraftInput(figures), engine, max_repairs=0)  # warm-up: imports, first connection
        inproc = []
        for _ in range(runs):
            start = time.perf_counter()
            draft_report(DraftInput(figures), engine, max_repairs=0)
            inproc.append(time.perf_counter() - start)
        print(f"instant server, both parts, in process (overhead):  {median(inproc)}")

        server.script()  # drop what is left of the instant answers
        while server.pending:
            server.next_response(None)
        server.requests.clear()
        server.always(answer(PART, delay=1.0), times=2 * runs)
        slow = []
        for _ in range(max(2, runs // 2)):
            start = time.perf_counter()
            draft_report(DraftInput(figures), engine, max_repairs=0)
            slow.append(time.perf_counter() - start)
        print(f"1 s per call, both parts:                           {median(slow)}")

        with tempfile.TemporaryDirectory() as cached_home:
            while server.pending:
                server.next_response(None)
            server.always(answer(PART), times=4)
            before = len(server.requests)
            run_process("draft", str(EXAMPLE), "-m", "bench", "--base-url", server.url, "--max-repairs", "0",
                        "--format", "json", home=cached_home, env=env)
            first = len(server.requests) - before
            again = run_process("draft", str(EXAMPLE), "-m", "bench", "--base-url", server.url, "--max-repairs", "0",
                                "--format", "json", home=cached_home, env=env)
            second = len(server.requests) - before - first
            print(f"cached re-run: first run {first} calls, re-run {second} calls, re-run took {ms(again)}")
    finally:
        server.close()


if __name__ == "__main__":
    main()
