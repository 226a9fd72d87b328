"""Benchmarks of the checker: one report in-process, a draft in the repair loop, ``drafter check`` over 1,000
report files in one process, and the reviewer's batch: ``check --report`` (HTML, XLSX) over 1,000 files and a
2,000-file batch with unreadable files among them.
Run: ``.venv/bin/python benchmarks/bench_check.py [--files 1000] [--batch 2000]``.

Targets (issue 4): ≤ 30 ms per report in-process; ≤ 20 s for 1,000 files, whole process, on 2 cores.
Target (issue 14): 1,000 reports reviewed into one HTML or XLSX file in ≤ 10 s on this 2-core machine.
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


# Unreadable files of a batch: binary garbage, an empty file, a page that is no annual report.
_BROKEN = (b"\x00\x01\x02 not a report \xff\xfe" * 50, b"", "这只是一段话，不是年度报告。".encode())


def _copies(folder: Path, files: int, broken_every: int = 0) -> list[str]:
    sources = _reports()
    paths = []
    for i in range(files):
        target = folder / f"{i:04d}-{sources[i % len(sources)].name}"
        if broken_every and i % broken_every == broken_every - 1:
            target.write_bytes(_BROKEN[(i // broken_every) % len(_BROKEN)])
        else:
            shutil.copyfile(sources[i % len(sources)], target)
        paths.append(str(target))
    return paths


def bench_review(files: int, kind: str, *, broken_every: int = 0, jobs: int | None = None) -> dict[str, float]:
    """Wall and CPU time of ``drafter check FILES --report OUT.kind`` (one command, workers included), and the
    size of what it wrote; the summary must hold one row per file."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _copies(folder, files, broken_every)
        out = folder / f"review.{kind}"
        args = [sys.executable, "-m", "drafter", "check", *paths, "--report", str(out)]
        if jobs:
            args += ["-j", str(jobs)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode not in (0, 1, 2) or not out.exists():
            raise SystemExit(f"drafter check --report failed ({result.returncode}): {result.stderr[-500:]}")
        rows = _summary_rows(out, kind)
        if rows != files:
            raise SystemExit(f"{out.name}: {rows} summary rows for {files} files")
        size = out.stat().st_size
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": elapsed, "cpu": cpu, "mb": size / 1e6, "rows": rows}


def _summary_rows(out: Path, kind: str) -> int:
    if kind == "xlsx":
        from openpyxl import load_workbook

        return sum(1 for _ in load_workbook(out, read_only=True)["汇总"].iter_rows()) - 1
    if kind == "html":
        return out.read_text(encoding="utf-8").count('<tr id="s')
    return sum(1 for _ in (out.with_name(f"{out.stem}（汇总）{out.suffix}")).open(encoding="utf-8-sig")) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=2000, help="files in the batch with unreadable ones")
    parser.add_argument("--only-review", action="store_true", help="only the issue-14 review measurements")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    if not args.only_review:
        one = bench_in_process()
        print(f"check_report, corpus and seed: median {one['median_ms']:.1f} ms, worst {one['max_ms']:.1f} ms")
        print(f"check_report, draft parts 一 and 五 with --previous: median {bench_draft():.1f} ms")
        wall, cpu = bench_cli(args.files)
        print(f"drafter check over {args.files} files: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes)")
    for kind in ("html", "xlsx"):
        r = bench_review(args.files, kind)
        print(f"drafter check over {args.files} files --report review.{kind}: {r['wall']:.1f} s wall, "
              f"{r['cpu']:.1f} s CPU, {r['mb']:.1f} MB (load {os.getloadavg()[0]:.1f})")
    r = bench_review(args.batch, "xlsx", broken_every=50)
    print(f"drafter check over {args.batch} files, every 50th unreadable, --report review.xlsx: {r['wall']:.1f} s "
          f"wall, {r['cpu']:.1f} s CPU, {r['rows']:.0f} rows (load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
