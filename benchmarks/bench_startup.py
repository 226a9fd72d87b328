"""Whole-process wall time of ``drafter --help`` and ``drafter validate`` on the example (targets 0.2 s / 0.3 s).

Run: python benchmarks/bench_startup.py [--runs N]. Prints the median and the spread of N runs of each command.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "linqing-kjj-2021" / "figures.yaml"
COMMANDS = {
    "drafter --help": ["--help"],
    "drafter validate example": ["validate", str(EXAMPLE)],
    "drafter validate example --format json": ["validate", str(EXAMPLE), "--format", "json"],
}


def measure(args: list[str], runs: int) -> list[float]:
    """Wall times of ``runs`` runs of ``python -m drafter ARGS``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    measure(["--help"], 2)  # warm the file cache
    for name, args in COMMANDS.items():
        times = measure(args, runs)
        print(f"{name:40s} median {statistics.median(times) * 1000:6.0f} ms   "
              f"min {min(times) * 1000:6.0f} ms   max {max(times) * 1000:6.0f} ms   ({runs} runs)")


if __name__ == "__main__":
    main()
