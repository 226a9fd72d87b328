"""Benchmarks of the checker: one report in-process, a draft in the repair loop, and ``drafter check`` over 1,000
report files in one process. Run: ``.venv/bin/python benchmarks/bench_check.py [--files 1000]``.

Targets (issue 4): ≤ 30 ms per report in-process; ≤ 20 s for 1,000 files, whole process, on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "linqing-kjj-2021-report.txt"


def _reports() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.txt") if ".source-page" not in p.name) + [SEED]


def bench_in_process(rounds: int = 20) -> dict[str, float]:
    """Median and worst per-report time of ``check_report`` on already-read reports (corpus and seed)."""
    from drafter.check.checker import check_report
    from drafter.read.inputs import open_input

    reports = [open_input(p) for p in _reports()]
    for r in reports:
        check_report(r)  # warm up: lazy imports, the lexicon
    per_report = []
    for r in reports:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            check_report(r)
            times.append(time.perf_counter() - start)
        per_report.append(statistics.median(times))
    return {"median_ms": statistics.median(per_report) * 1000, "max_ms": max(per_report) * 1000}


def bench_draft(rounds: int = 50) -> float:
    """Median time of the repair-loop call: parts 一 and 五 of a generated draft, with last year's report."""
    from drafter.check.checker import check_report
    from tests.checker_generated import generated_report

    draft, last = generated_report(5), generated_report(11)
    draft.sections = [s for s in draft.sections if s.numeral in ("一", "五")]
    check_report(draft, previous=last, scope={"一", "五"})
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        check_report(draft, previous=last, scope={"一", "五"})
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_cli(files: int) -> tuple[float, float]:
    """Wall time and CPU time (user + system, workers included) of one ``drafter check --format json`` process
    over ``files`` report files."""
    import resource

    sources = _reports()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(files):
            source = sources[i % len(sources)]
            target = Path(tmp) / f"{i:04d}-{source.name}"
            shutil.copyfile(source, target)
            paths.append(str(target))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "drafter", "check", *paths, "--format", "json"],
                                cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"drafter check failed ({result.returncode}): {result.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    one = bench_in_process()
    print(f"check_report, corpus and seed: median {one['median_ms']:.1f} ms, worst {one['max_ms']:.1f} ms")
    print(f"check_report, draft parts 一 and 五 with --previous: median {bench_draft():.1f} ms")
    wall, cpu = bench_cli(args.files)
    print(f"drafter check over {args.files} files: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes)")


if __name__ == "__main__":
    main()
