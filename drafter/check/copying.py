"""Copying from last year's report (``diff.copied``): parts and paragraphs (nearly) the same as a year ago.

A whole part that is ≥ 85% the same as last year's is an error (evaluators cite 90% repetition as egregious);
a paragraph ≥ 60% the same is a warning. Digits are blanked before comparing, so text copied with only its year or
numbers changed still counts. Parts are compared by character trigram overlap (Dice); paragraphs too, and the
best few candidates are measured with ``difflib``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from drafter.findings import Finding, Rule, Severity
from drafter.report import Report
from drafter.text import quote, section_paragraphs

COPIED_ERROR = 0.85
COPIED_WARNING = 0.6
MIN_LENGTH = 60
MIN_PART_LENGTH = 150
_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    return _DIGITS.sub("0", re.sub(r"\s+", "", text))


def _grams(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(len(text) - 2)}


def check_copying(report: Report, previous: Report, scope: Collection[str] | None = None) -> list[Finding]:
    """Each paragraph of this year's narrative parts that repeats one of last year's."""
    old = []
    for section in previous.sections:
        for paragraph in section_paragraphs(section):
            key = _key(paragraph)
            if len(key) >= MIN_LENGTH:
                old.append((section.numeral, key, _grams(key)))
    if not old:
        return []
    old_parts = {s.numeral: _key("".join(section_paragraphs(s))) for s in previous.sections}
    findings: list[Finding] = []
    for section in report.sections:
        if scope is not None and section.numeral not in scope:
            continue
        whole = _key("".join(section_paragraphs(section)))
        other = old_parts.get(section.numeral, "")
        if len(whole) >= MIN_PART_LENGTH and other:
            ratio = _dice(_grams(whole), _grams(other))
            if ratio >= COPIED_ERROR:
                findings.append(Finding(Rule.DIFF_COPIED, Severity.ERROR,
                                        f"第{section.numeral}部分与上年报告同一部分的相似度为 {ratio:.0%}，"
                                        "几乎照搬上年文字（评估中被批评为“内容雷同”）；请按本年度实际情况重写",
                                        section=section.numeral, quote=quote(whole), actual=round(ratio, 2)))
                continue
        for paragraph in section_paragraphs(section):
            key = _key(paragraph)
            if len(key) < MIN_LENGTH:
                continue
            ratio, numeral = _best(key, _grams(key), old)
            if ratio < COPIED_WARNING:
                continue
            where = f"上年报告第{numeral}部分" if numeral else "上年报告"
            findings.append(Finding(Rule.DIFF_COPIED, Severity.WARNING,
                                    f"这一段与{where}的一段相似度为 {ratio:.0%}，"
                                    f"{'几乎照搬' if ratio >= COPIED_ERROR else '大量沿用'}上年文字；"
                                    "请按本年度实际情况重写", section=section.numeral, quote=quote(paragraph),
                                    actual=round(ratio, 2)))
    return findings


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _best(key: str, grams: set[str], old: list[tuple[str, str, set[str]]]) -> tuple[float, str | None]:
    scored = sorted(((_dice(grams, g), numeral, other) for numeral, other, g in old), reverse=True)[:3]
    best, where = 0.0, None
    for dice, numeral, other in scored:
        if dice < COPIED_WARNING - 0.15:
            break
        ratio = difflib.SequenceMatcher(None, key, other, autojunk=False).ratio()
        if ratio > best:
            best, where = ratio, numeral
    return best, where
