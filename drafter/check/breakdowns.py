"""Breakdowns in the prose (``prose.inconsistent``): “N件，其中 a件、b件…” whose parts do not add up to the whole.

Parts that exceed the whole are an error; with 分别 wording, parts that fall short are a warning. Changes (较上年
增加5件), percentages, sub-parts of a part and what the wording itself excludes (结转 is no part of 办结) are left out.
"""

from __future__ import annotations

import re

from drafter.check.statements import Statement
from drafter.check.tables import fmt
from drafter.findings import Finding, Rule, Severity
from drafter.numbers import Quantity
from drafter.text import Sentence, quote

DELTA = re.compile(r"(增加|减少|增长|下降|上升|降低|回落|提高|多|少|增|减)了?$")
_BREAKDOWN = re.compile(r"其中|分别为|分别是|分别|涉及|包括")
_PAREN = re.compile(r"（[^）]*）|\([^)]*\)|[^，,]*%")


def _depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        out.append(depth)
        if ch in "）)":
            depth = max(0, depth - 1)
    return out


_NOT_PART_OF = {
    # “办结N件，其中予以公开…，结转下年度M件”: what is carried forward was not closed, nor carried over received.
    "apps.closed": {"apps.next", "apps.carried", "apps.received", "apps.handled"},
    "apps.received": {"apps.next", "apps.carried", "apps.closed", "apps.handled"},
}


def levels(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Counts and amounts that state a level (not a change such as “较上年增加5件”, not a percentage)."""
    return [q for q in quantities if q.unit and not q.is_percent and not DELTA.search(text[max(0, q.start - 4):q.start])]


def check_breakdowns(sentence: Sentence, statements: dict[int, Statement], found: list[Quantity],
                     before: list[Quantity]) -> list[Finding]:
    """A 其中/分别/涉及 breakdown whose parts exceed the whole (error) or, with 分别, fall short (warning)."""
    text = sentence.text
    quantities = levels(text, found)
    if not quantities:
        return []
    depth = _depths(text)
    findings: list[Finding] = []
    for m in _BREAKDOWN.finditer(text):
        p = m.start()
        whole = next((q for q in reversed(quantities) if q.end <= p and depth[q.start] <= depth[p]
                      and not re.search(r"[；;。]", text[q.end:p])), None)
        if whole is not None and len(_PAREN.sub("", text[whole.end:p])) > 14:
            whole = None
        if whole is None and p <= 2 and before and m.group(0).startswith("其中"):
            whole = before[-1]  # “…公开信息86条。其中审计结果公告5条…”
        if whole is None or whole.approx:
            continue
        scope_end = len(text) if text[m.end():m.end() + 1] in "：:" else _first(text, "；;", m.end())
        parts = [q for q in quantities if m.end() <= q.start < scope_end and depth[q.start] == depth[p]
                 and q.unit == whole.unit]
        parts = _collapse(text, _until_new_head(text, parts))
        head = statements.get(whole.start) if whole in quantities else None
        excluded = _NOT_PART_OF.get(head.indicator.id, set()) if head is not None else set()
        parts = [q for q in parts if not (q.start in statements and statements[q.start].indicator.id in excluded)]
        if not parts or any(q.approx for q in parts):
            continue
        tied = [whole, *parts] if whole in quantities else parts
        if all(q.start in statements and statements[q.start].matched for q in tied) and whole in quantities:
            continue  # every number equals its table cell: the wording groups them loosely, the figures are right
        total = sum(q.value for q in parts)
        if total > whole.value + 1e-9:
            findings.append(Finding(Rule.PROSE_INCONSISTENT, Severity.ERROR,
                                    f"“{whole.text}”下列出的分项（{'+'.join(fmt(q.value) for q in parts)}）合计 "
                                    f"{fmt(total)}{whole.unit}，多于总数 {fmt(whole.value)}{whole.unit}",
                                    section=sentence.section, quote=quote(text), expected=whole.value, actual=total))
        elif len(parts) >= 2 and total < whole.value - 1e-9 and m.group(0).startswith("分别"):
            findings.append(Finding(Rule.PROSE_INCONSISTENT, Severity.WARNING,
                                    f"“{whole.text}”分别列出的分项（{'+'.join(fmt(q.value) for q in parts)}）合计 "
                                    f"{fmt(total)}{whole.unit}，少于总数 {fmt(whole.value)}{whole.unit}",
                                    section=sentence.section, quote=quote(text), expected=whole.value, actual=total))
    return findings


def _collapse(text: str, parts: list[Quantity]) -> list[Quantity]:
    """Drop sub-parts: “直接起诉6件，结果维持3件、纠正1件、尚未审结2件” lists 6 and then what makes it up.

    Only a part followed by “，”/“（”/“：” whose next parts are joined by “、” and add up to it exactly counts as
    having sub-parts; a flat list “市级52期、宿城区28期…” never does.
    """
    out: list[Quantity] = []
    i = 0
    while i < len(parts):
        out.append(parts[i])
        end = None
        if i + 1 < len(parts) and re.match(r"[，,：:（(]", text[parts[i].end:parts[i + 1].start]):
            total, j = 0.0, i + 1
            while j < len(parts) and total < parts[i].value - 1e-9:
                if j > i + 1 and not re.fullmatch(r"[^，,；;]*、[^，,；;]*", text[parts[j - 1].end:parts[j].start]):
                    break
                total += parts[j].value
                j += 1
                if abs(total - parts[i].value) < 1e-9 and j - i - 1 >= 2:
                    end = j
        i = end if end is not None else i + 1
    return out


def _first(text: str, chars: str, start: int) -> int:
    positions = [i for i in (text.find(ch, start) for ch in chars) if i >= 0]
    return min(positions) if positions else len(text)


def _until_new_head(text: str, parts: list[Quantity]) -> list[Quantity]:
    """Stop at a part that opens a breakdown of its own or speaks of 复议/诉讼 after a list of applications."""
    kept: list[Quantity] = []
    for q in parts:
        if _BREAKDOWN.match(text, q.end + 1) or _BREAKDOWN.match(text, q.end):
            break
        before = text[kept[-1].end if kept else 0:q.start]
        if kept and re.search(r"复议|诉讼", before) and not re.search(r"复议|诉讼", text[:kept[0].start]):
            break
        kept.append(q)
    return kept
