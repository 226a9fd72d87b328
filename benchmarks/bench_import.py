"""Speed of the importer: in-process per document kind (targets: text/HTML ≤ 20 ms, DOCX ≤ 100 ms), and a batch of
many reports through ``drafter import`` measured whole-process.

Run: python benchmarks/bench_import.py [--runs N] [--batch N]. Prints medians and maxima; numbers are recorded in
benchmarks/README-import.md.
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
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seed" / "linqing-kjj-2021-report.txt"
DATA = ROOT / "tests" / "data" / "import"


def stats(times: list[float], cpu: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms   "
            f"cpu median {statistics.median(cpu) * 1000:7.1f} ms")


def timed(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU time of ``read_report`` (CPU time is what a shared machine does not inflate)."""
    from drafter.read import read_report

    data = path.read_bytes()
    read_report(path, data)  # warm: lazy imports, caches
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        read_report(path, data)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    from tests.import_documents import build_docx

    with tempfile.TemporaryDirectory() as tmp:
        docx = build_docx(Path(tmp) / "county-2023.docx")
        cases = [("text (seed, one cell per line)", SEED), ("text (huaian-city-2024, | rows)", CORPUS /
                 "huaian-city-2024.txt"), ("text (suqian-city-2023)", CORPUS / "suqian-city-2023.txt"),
                 ("HTML (GBK page in a site)", DATA / "county-gbk-2023.html"), ("DOCX (merged cells)", docx),
                 ("PDF (6 pages, own)", DATA / "county-2023.pdf"), ("PDF (huaian-city-2024, 6 pages)",
                                                                    CORPUS / "huaian-city-2024.pdf")]
        print("in-process read_report, warm:")
        for name, path in cases:
            runs = args.runs if path.suffix != ".pdf" else max(3, args.runs // 10)
            print(f"  {name:36s} {stats(*timed(path, runs))}")

        inputs = [SEED] + sorted(p for p in CORPUS.glob("*.txt") if ".source-page" not in p.name)
        inputs.append(DATA / "county-gbk-2023.html")
        out = Path(tmp) / "out"
        out.mkdir()
        start = time.perf_counter()
        for n in range(args.batch):
            src = inputs[n % len(inputs)]
            subprocess.run([sys.executable, "-m", "drafter", "import", str(src), "-o", str(out / f"{n}.yaml")],
                           check=True, capture_output=True, cwd=ROOT)
        elapsed = time.perf_counter() - start
        print(f"batch: {args.batch} reports through `drafter import -o` (one process each): {elapsed:.1f} s total, "
              f"{elapsed / args.batch * 1000:.0f} ms per report")


if __name__ == "__main__":
    main()
