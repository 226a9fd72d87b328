"""The checker on real report openings it was not written against (``../shared/corpus/wild-dev``).

Run: ``.venv/bin/python benchmarks/bench_wild.py [--dir DIR] [-v]``. Each ``NNN.txt`` has a hand-made
``NNN.truth.json`` (see the README in that folder). Prints:

- recall on labelled defects: a defect is found when a finding of its rule (or one of its ``also_rules``) is on the
  same place — its quote overlaps the defect's quote, or its location/section names the defect's location;
- false errors: an ``error`` on a clean claim, or on no labelled defect, debatable or truncated place;
- exit 2: files the checker refused to read (it should refuse only input that holds no report at all).

With ``--dir`` a folder of texts without truth files is checked too: every error there is listed for reading.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WILD = ROOT.parent / "shared" / "corpus" / "wild-dev"

_OVERLAP = 8  # characters in common that put a finding on a labelled place


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "").rstrip("…")


def overlaps(a: str, b: str) -> bool:
    """True when two quotes share a run of at least a few characters (or one holds the other)."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(_OVERLAP, len(a), len(b))


def _place(finding: dict[str, Any]) -> str:
    return finding.get("location") or finding.get("section") or ""


def _on_location(finding: dict[str, Any], location: str | None) -> bool:
    if not location:
        return False
    place = _place(finding).replace("行政规范性文件", "规范性文件")
    location = location.replace("行政规范性文件", "规范性文件").replace("(", "（").replace(")", "）")
    return bool(place) and (place.startswith(location) or location.startswith(place))


def defect_found(defect: dict[str, Any], findings: list[dict[str, Any]]) -> bool:
    rules = {defect["rule"], *defect.get("also_rules", [])}
    for f in findings:
        if f["rule"] not in rules:
            continue
        if overlaps(f.get("quote") or "", defect.get("quote") or "") or _on_location(f, defect.get("location")):
            return True
    return False


def false_error(finding: dict[str, Any], truth: dict[str, Any]) -> bool:
    """An error on a clean claim, or on no labelled defect, debatable or truncated place."""
    quote = finding.get("quote") or ""
    for d in truth["defects"]:
        if defect_found(d, [finding]) or (quote and overlaps(quote, d.get("quote") or "")):
            return False
    if quote and any(overlaps(quote, c["quote"]) for c in truth["clean_claims"]):
        return True
    for item in truth["debatable"] + truth["truncated"]:
        if quote and overlaps(quote, item.get("quote") or ""):
            return False
    return True


def check_text(path: Path) -> tuple[list[dict[str, Any]] | None, str | None, float]:
    """The findings on one file as ``drafter check --format json`` gives them; None and the message on exit 2."""
    from drafter.check.checker import check_report
    from drafter.check.figures import attribute_to_source
    from drafter.errors import DrafterError
    from drafter.read.inputs import open_input

    start = time.perf_counter()
    try:
        report = open_input(str(path))
        findings = attribute_to_source(check_report(report), report)
    except DrafterError as exc:
        return None, str(exc), time.perf_counter() - start
    return [f.to_dict() for f in findings], None, time.perf_counter() - start


def score(folder: Path, verbose: bool = False) -> dict[str, Any]:
    totals: Counter[str] = Counter()
    by_rule: dict[str, list[int]] = {}
    misses, falses, refused = [], [], []
    times = []
    for text in sorted(folder.glob("*.txt")):
        truth_path = text.with_suffix(".truth.json")
        truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.exists() else None
        findings, error, seconds = check_text(text)
        times.append(seconds)
        totals["files"] += 1
        if findings is None:
            totals["exit2"] += 1
            refused.append(f"{text.name}: {error}")
            findings = []
        totals["errors"] += sum(1 for f in findings if f["severity"] == "error")
        totals["warnings"] += sum(1 for f in findings if f["severity"] == "warning")
        if truth is None:
            falses += [f"{text.name} (unlabelled) {f['rule']}: {f['message']} «{f.get('quote')}»"
                       for f in findings if f["severity"] == "error"]
            continue
        for d in truth["defects"]:
            hit = defect_found(d, findings)
            by_rule.setdefault(d["rule"], [0, 0])
            by_rule[d["rule"]][0] += hit
            by_rule[d["rule"]][1] += 1
            totals["defects"] += 1
            totals["found"] += hit
            if not hit:
                misses.append(f"{text.name} {d['rule']} «{(d.get('quote') or d.get('location') or '')[:60]}»")
        for f in findings:
            if f["severity"] == "error" and false_error(f, truth):
                totals["false_errors"] += 1
                falses.append(f"{text.name} {f['rule']}: {f['message']} «{f.get('quote')}»")
    times.sort()
    result = {"totals": dict(totals), "by_rule": by_rule, "misses": misses, "false_errors": falses,
              "refused": refused, "median_ms": 1000 * times[len(times) // 2] if times else 0.0,
              "max_ms": 1000 * times[-1] if times else 0.0}
    if verbose:
        for line in misses:
            print("MISSED", line)
        for line in falses:
            print("FALSE ", line)
        for line in refused:
            print("EXIT2 ", line)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=WILD, help="folder of NNN.txt (with NNN.truth.json)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false errors and refusals")
    args = parser.parse_args()
    result = score(args.dir, args.verbose)
    t = result["totals"]
    print(f"files: {t.get('files', 0)}")
    if t.get("defects"):
        print(f"labelled defects found with their rule: {t.get('found', 0)} / {t['defects']}")
        for rule, (hit, total) in sorted(result["by_rule"].items()):
            print(f"  {rule}: {hit} / {total}")
    print(f"false errors: {t.get('false_errors', 0) if t.get('defects') else len(result['false_errors'])}")
    print(f"exit 2 (refused): {t.get('exit2', 0)}")
    print(f"all findings: {t.get('errors', 0)} errors, {t.get('warnings', 0)} warnings")
    print(f"read + check per file: median {result['median_ms']:.1f} ms, worst {result['max_ms']:.1f} ms")


if __name__ == "__main__":
    main()
