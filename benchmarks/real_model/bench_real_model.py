"""Draft the example with a real local model in each mode and count what the checker finds, before and after repair.

Start the server first (``benchmarks/real_model/setup_and_run.sh``), then:

    python benchmarks/real_model/bench_real_model.py --base-url http://127.0.0.1:8080/v1 --modes edit,write

Parts are drafted one after the other (a stock llama.cpp server has one slot). Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from drafter.draft.drafting import (  # noqa: E402
    Drafted,
    DraftInput,
    LLMEngine,
    check_draft,
    draft_report,
)
from drafter.draft.factsheet import build_factsheet  # noqa: E402
from drafter.draft.offline import draft_offline  # noqa: E402
from drafter.draft.prompts import load_prompts  # noqa: E402
from drafter.figures.file import load_figures  # noqa: E402
from drafter.findings import Rule, Severity  # noqa: E402
from drafter.llm import build_client  # noqa: E402
from drafter.llm.settings import LLMSettings  # noqa: E402

WRONG_SUBJECT = {Rule.PROSE_TABLE_MISMATCH, Rule.PROSE_INCONSISTENT}
_CJK = re.compile(r"[\u4e00-\u9fff]")


class Recording(LLMEngine):
    """An engine that keeps every text the model returned, with its time and tokens."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[dict[str, Any]] = []

    def _ask(self, part: str, messages: list[dict[str, str]], on_token: Any, **kwargs: Any) -> Drafted:
        started = time.monotonic()
        done = super()._ask(part, messages, on_token, **kwargs)
        seconds = time.monotonic() - started
        usage = done.usage
        self.calls.append({"part": part, "kind": "repair" if kwargs.get("fresh") else "draft",
                           "seconds": round(seconds, 1), "text": done.text,
                           "prompt_tokens": getattr(usage, "prompt_tokens", None),
                           "completion_tokens": getattr(usage, "completion_tokens", None)})
        return done


def counts(findings: list[Any], part: str) -> dict[str, int]:
    """Invented numbers, wrong subjects and errors on one part."""
    mine = [f for f in findings if f.section == part]
    return {"invented_numbers": sum(f.rule is Rule.DRAFT_UNSUPPORTED_NUMBER for f in mine),
            "wrong_subjects": sum(f.rule in WRONG_SUBJECT for f in mine),
            "errors": sum(f.severity is Severity.ERROR for f in mine),
            "warnings": sum(f.severity is Severity.WARNING for f in mine)}


def run_mode(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    settings = LLMSettings(model=args.model, base_url=args.base_url, api_key="none", timeout=args.timeout,
                           max_retries=0, temperature=args.temperature, max_tokens=args.max_tokens,
                           quirks=frozenset({"no_key"}))
    engine = Recording(build_client(settings), settings, load_prompts(), stream=False, mode=mode)
    figures = load_figures(args.figures)
    sheet = build_factsheet(figures)
    out: dict[str, Any] = {"mode": mode, "parts": {}}
    for part in args.parts:
        job = DraftInput(figures, parts=(part,))
        engine.calls.clear()
        started = time.monotonic()
        result = draft_report(job, engine, max_repairs=args.max_repairs)
        seconds = time.monotonic() - started
        first = engine.calls[0]
        bases = {part: draft_offline(figures, part)} if mode == "edit" else None  # the headings to keep
        first_findings = check_draft(job, {part: first["text"]}, sheet, strict=True, bases=bases)
        # The model's own final text: when edit mode's safety net replaced it, the text it discarded.
        model_final = result.discarded.get(part, result.sections[part])
        model_findings = check_draft(job, {part: model_final}, sheet, strict=True, bases=bases) \
            if part in result.discarded \
            else result.findings
        tokens = sum(c["completion_tokens"] or 0 for c in engine.calls)
        gen_seconds = sum(c["seconds"] for c in engine.calls)
        out["parts"][part] = {
            "seconds": round(seconds, 1), "calls": len(engine.calls), "rounds": result.rounds,
            "completion_tokens": tokens, "tokens_per_second": round(tokens / gen_seconds, 1) if gen_seconds else None,
            "first": {**counts(first_findings, part), "chars": len(_CJK.findall(first["text"])),
                      "seconds": first["seconds"]},
            "final": {**counts(model_findings, part), "chars": len(_CJK.findall(model_final))},
            "kept_offline": part in result.discarded,
            "output": {**counts(result.findings, part), "chars": len(_CJK.findall(result.sections[part]))},
            "findings": [f.to_dict() for f in result.findings if f.section == part],
            "model_findings": [f.to_dict() for f in model_findings if f.section == part],
            "texts": [c["text"] for c in engine.calls], "final_text": result.sections[part],
        }
        print(f"[{mode}] part {part}: {seconds:.0f} s, {len(engine.calls)} calls, first "
              f"{out['parts'][part]['first']}, final {out['parts'][part]['final']}, "
              f"kept offline: {part in result.discarded}", file=sys.stderr)
    return out


def rescore(path: str, figures_path: str) -> list[dict[str, Any]]:
    """The texts of an earlier run (``--out``) checked again with today's checker: no model calls."""
    figures = load_figures(figures_path)
    sheet = build_factsheet(figures)
    rows = []
    for result in json.loads(Path(path).read_text(encoding="utf-8"))["results"]:
        for part, data in result["parts"].items():
            job = DraftInput(figures, parts=(part,))
            first, final = data["texts"][0], data["texts"][-1]
            bases = {part: draft_offline(figures, part)} if result["mode"] == "edit" else None
            rows.append({"mode": result["mode"], "part": part,
                         "first": {**counts(check_draft(job, {part: first}, sheet, strict=True, bases=bases), part),
                                   "chars": len(_CJK.findall(first))},
                         "final": {**counts(check_draft(job, {part: final}, sheet, strict=True, bases=bases), part),
                                   "chars": len(_CJK.findall(final))}})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8080/v1")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    parser.add_argument("--figures", default=str(ROOT / "examples" / "linqing-kjj-2021" / "figures.yaml"))
    parser.add_argument("--modes", default="edit,write")
    parser.add_argument("--parts", default="一,五")
    parser.add_argument("--max-repairs", type=int, default=2)
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--max-tokens", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--out", default=None, help="write the measurements (and every text) as JSON here")
    parser.add_argument("--rescore", default=None, metavar="JSON",
                        help="check the texts of an earlier --out file again with today's checker (no model calls)")
    args = parser.parse_args()
    if args.rescore:
        print(json.dumps(rescore(args.rescore, args.figures), ensure_ascii=False, indent=1))
        return
    args.parts = args.parts.split(",")
    results = [run_mode(mode, args) for mode in args.modes.split(",")]
    doc = json.dumps({"model": args.model, "base_url": args.base_url, "results": results}, ensure_ascii=False,
                     indent=1)
    if args.out:
        Path(args.out).write_text(doc, encoding="utf-8")
    summary = [{"mode": r["mode"], **{p: {k: v for k, v in d.items() if k not in ("texts", "final_text", "findings")}
                                      for p, d in r["parts"].items()}} for r in results]
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
