"""Speed of ``drafter aggregate``: 50 departmental reports (figures files, text, HTML, Word) summed, in-process and
as a whole process (target: a few seconds).

Run: python benchmarks/bench_aggregate.py [--sources N] [--runs N]. Figures are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from drafter.aggregate import aggregate, read_sources
    from tests.aggregate_sources import county

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "各部门"
        paths = county(folder, args.sources)
        kinds = Counter(p.suffix for p in paths)
        print(f"{len(paths)} sources: " + ", ".join(f"{n} {suffix}" for suffix, n in sorted(kinds.items())))
        read_times, sum_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            sources = read_sources(paths)
            read_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            aggregate(sources, agency="测试县人民政府", tables=("表二", "表三", "表四"))
            sum_times.append(time.perf_counter() - start)
        print(f"in-process: read and check {statistics.median(read_times):.2f} s (min {min(read_times):.2f}), "
              f"sum {statistics.median(sum_times) * 1000:.0f} ms")
        whole = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "drafter", "aggregate", str(folder), "-o", str(Path(tmp) / "汇总.yaml"),
                            "--agency", "测试县人民政府", "--tables", "表二,表三,表四"], check=True,
                           capture_output=True)
            whole.append(time.perf_counter() - start)
        print(f"whole process: median {statistics.median(whole):.2f} s, min {min(whole):.2f} s")


if __name__ == "__main__":
    main()
