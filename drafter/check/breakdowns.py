"""Breakdowns in the prose (``prose.inconsistent``): parts that do not add up to the total they belong to.

The part lists and the totals they attach to come from the claim model (:mod:`drafter.check.claims`). Parts that
exceed their total are an error; parts of a closed list (one with a catch-all such as 其他) or of a 分别 list that
fall short are a warning. Parts that name different channels may overlap (one item published on several), and
parts that may belong to any of several coordinated totals are only certain when they exceed all of them: both are
warnings. What the wording itself excludes (结转 is no part of 办结) is left out.
"""

from __future__ import annotations

import re

from drafter.check.claims import PartList, levels, part_lists, words
from drafter.check.statements import Statement
from drafter.check.tables import fmt
from drafter.findings import Finding, Rule, Severity
from drafter.numbers import Quantity
from drafter.text import Sentence, quote

__all__ = ["check_breakdowns", "is_change", "levels"]


def is_change(before: str) -> bool:
    """True when the words before a number make it a change (较上年增加5件), not a level."""
    return bool(words().delta.search(before))

_NOT_PART_OF = {
    # “办结N件，其中予以公开…，结转下年度M件”: what is carried forward was not closed, nor carried over received.
    "apps.closed": {"apps.next", "apps.carried", "apps.received", "apps.handled"},
    "apps.received": {"apps.next", "apps.carried", "apps.closed", "apps.handled"},
}


def check_breakdowns(sentence: Sentence, statements: dict[int, Statement], found: list[Quantity],
                     before: list[Quantity]) -> tuple[list[Finding], set[int]]:
    """Findings on the sentence's part lists, and where its parts stand (a part is no restatement of a total)."""
    text = sentence.text
    findings: list[Finding] = []
    part_starts: set[int] = set()
    kinds = {start: s.indicator.id.split(".")[0] for start, s in statements.items()}
    kinds = {k: {"case": "cases"}.get(v, v) for k, v in kinds.items() if v in ("apps", "case")}
    for lst in part_lists(text, found, before, kinds):
        part_starts.update(q.start for q in lst.parts)
        finding = _check(sentence, lst, statements, found)
        if finding is not None:
            findings.append(finding)
    return findings, part_starts


def _check(sentence: Sentence, lst: PartList, statements: dict[int, Statement],
           found: list[Quantity]) -> Finding | None:
    whole = lst.total
    inside = whole in found
    head = statements.get(whole.start) if inside else None
    excluded = _NOT_PART_OF.get(head.indicator.id, set()) if head is not None else set()
    parts = [q for q in lst.parts if not (q.start in statements and statements[q.start].indicator.id in excluded)]
    parts = _without_subtotals(sentence.text, parts)
    if not parts:
        return None
    tied = [whole, *parts] if inside else parts
    if inside and all(q.start in statements and statements[q.start].matched for q in tied):
        return None  # every number equals its table cell: the wording groups them loosely, the figures are right
    total = sum(q.value for q in parts)
    listed = "+".join(fmt(q.value) for q in parts)
    unit = whole.unit
    if total > lst.whole + 1e-9:
        certain = not lst.overlapping
        what = f"“{whole.text}”" if not lst.shared_with else \
            "“" + "”“".join(q.text for q in [*lst.shared_with, whole]) + "”合计"
        message = f"{what}下列出的分项（{listed}）合计 {fmt(total)}{unit}，多于总数 {fmt(lst.whole)}{unit}"
        if not certain:
            message += "；分项是不同渠道的条数，同一条信息可能在几个渠道都发布，请核对"
        return Finding(Rule.PROSE_INCONSISTENT, Severity.ERROR if certain else Severity.WARNING, message,
                       section=sentence.section, quote=quote(sentence.text), expected=lst.whole, actual=total)
    if len(parts) >= 2 and total < whole.value - 1e-9 and not lst.shared_with and not lst.overlapping and (
            lst.marker.startswith("分别") or lst.closed):
        why = "分别列出的分项" if lst.marker.startswith("分别") else "列出的分项（含“其他”类）"
        # A list that ends with its own catch-all (…，其他12条) says it is whole: short of the total is certain.
        certain = lst.closed and not lst.marker.startswith("分别") and _ends_with_catch_all(sentence.text, lst)
        return Finding(Rule.PROSE_INCONSISTENT, Severity.ERROR if certain else Severity.WARNING,
                       f"“{whole.text}”{why}（{listed}）合计 {fmt(total)}{unit}，少于总数 {fmt(whole.value)}{unit}",
                       section=sentence.section, quote=quote(sentence.text), expected=whole.value, actual=total)
    return None


# “…、其他3条，共发布102条；专题专栏…”: a part led by 共/合计 that equals the parts before it is their subtotal.
_SUBTOTAL_LEAD = re.compile(r"(共|合计|总计|累计|小计)[\u4e00-\u9fff]{0,4}$")


def _without_subtotals(text: str, parts: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    run = 0.0  # the parts since the last subtotal
    for q in parts:
        if out and run and abs(q.value - run) < 1e-9 and _SUBTOTAL_LEAD.search(text[max(0, q.start - 8):q.start]):
            run = 0.0
            continue
        out.append(q)
        run += q.value
    return out


_CATCH_ALL_LAST = re.compile(r"[、，,；;：:]\s*(其他|其它|其余)[\u4e00-\u9fff“”]{0,8}$")


def _ends_with_catch_all(text: str, lst: PartList) -> bool:
    """True when the list's last part is its catch-all (“…、其他类信息5条”), not merely a part naming 其他组织."""
    if len(lst.parts) < 2:
        return False
    before = text[lst.parts[-2].end:lst.parts[-1].start]
    return bool(_CATCH_ALL_LAST.search(before)) and not re.search(r"其他组织|其他法律|其他行政", before)
