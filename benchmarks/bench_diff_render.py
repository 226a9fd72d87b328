"""Speed of ``diff`` (in-process, two typical reports already read; target ≤ 100 ms) and of
``drafter render --to docx`` (whole process; target ≤ 0.5 s), plus md/html for comparison.

Run: python benchmarks/bench_diff_render.py [--runs N]. Prints medians and maxima; numbers are recorded in
benchmarks/README-diff-render.md. The corpus pairs need the importer (drafter.read); figures files always work.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "linqing-kjj-2021" / "figures.yaml"
PAIRS = [("huaian-hongze-2023", "huaian-hongze-2024"), ("suqian-city-2023", "suqian-city-2024"),
         ("pingtan-2024", "pingtan-2025"), ("pingtan-2019", "pingtan-2020")]


def stats(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms"


def bench_diff(runs: int) -> None:
    from drafter.diff import diff_reports
    from drafter.errors import DrafterError
    from drafter.read.inputs import open_input

    for previous, current in PAIRS:
        try:
            a, b = open_input(CORPUS / f"{previous}.txt"), open_input(CORPUS / f"{current}.txt")
        except DrafterError as exc:
            print(f"diff {previous} → {current}: skipped ({exc})")
            continue
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            diff_reports(a, b)
            times.append(time.perf_counter() - t0)
        chars = sum(len(s.text) for s in b.sections)
        print(f"diff {previous} → {current} ({chars} chars): {stats(times)}")


def bench_render(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "md", "html"):
            out = Path(tmp) / f"report.{fmt}"
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLE), "--to", fmt, "-o", str(out)],
                               check=True, capture_output=True)
                times.append(time.perf_counter() - t0)
            print(f"render example --to {fmt} (whole process): {stats(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bench_diff(args.runs)
    bench_render(args.runs)


if __name__ == "__main__":
    main()
