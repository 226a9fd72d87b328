"""Copying from last year's report (``diff.copied``): parts, paragraphs and passages the same as a year ago.

One rule for ``check --previous`` and ``diff`` alike, so both say the same of the same pair of reports. Text is
compared with :mod:`drafter.similarity` (sentences aligned, then characters within aligned sentences):

- a narrative part (一, 五, 六) ≥ 85% the same as last year's is an error (evaluators cite 90% repetition as
  egregious), ≥ 60% a warning;
- otherwise each paragraph ≥ 60% the same as one of last year's, digits blanked (a paragraph copied with only its
  year and numbers changed is still copied), is a warning;
- otherwise a passage of a narrative part copied word for word (≥ 30 characters) is noted (info).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from drafter.findings import Finding, Rule, Severity
from drafter.report import Report, Section
from drafter.similarity import Op, Pair, align, aligned_similarity, compared_sentences, fold_text
from drafter.text import quote, section_paragraphs

COPIED_ERROR = 0.85
COPIED_WARNING = 0.6
# Parts the clerk writes; 二/三/四 hold a lead sentence before a table, the same every year by design.
NARRATIVE = ("一", "五", "六")
# A short part is the same every year for good reason: “未收取信息处理费”; part 六 is a fixed list of formulas.
MIN_PART_CHARS = {"一": 60, "五": 60, "六": 200}
MIN_PARAGRAPH = 60
MIN_PASSAGE_CHARS = 30  # a sentence or two; standard sub-headings (≤ 20 characters) stay below
_CANDIDATES = 3  # last year's paragraphs measured in full for each of this year's (the closest by trigrams)
_PREFILTER = COPIED_WARNING - 0.15
_DIGITS = re.compile(r"\d+")


def _blanked(text: str) -> str:
    return _DIGITS.sub("0", text)


def _sentences(paragraphs: list[str], blank: bool) -> list[str]:
    return [_blanked(s) if blank else s for p in paragraphs for s in compared_sentences(p)]


def _grams(text: str) -> set[str]:
    key = fold_text(text)
    return {key[i:i + 3] for i in range(len(key) - 2)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def copying_similarity(old: list[str], new: list[str], *, blank: bool) -> tuple[float, list[Pair]]:
    """How much of ``new`` (paragraphs) repeats ``old``, 0–1, and the aligned sentences; ``blank``: digits ignored."""
    pairs = align(_sentences(old, blank), _sentences(new, blank))
    return aligned_similarity(pairs), pairs


def check_copying(report: Report, previous: Report, scope: Collection[str] | None = None) -> list[Finding]:
    """Every ``diff.copied`` finding of ``report`` against last year's ``previous``."""
    old_paragraphs = [(s.numeral, p, _grams(_blanked(p))) for s in previous.sections for p in section_paragraphs(s)
                      if len(fold_text(p)) >= MIN_PARAGRAPH]
    year = f"{previous.year}年度报告" if previous.year else "上年报告"
    findings: list[Finding] = []
    for section in report.sections:
        if scope is not None and section.numeral not in scope:
            continue
        before = previous.section(section.numeral)
        findings += _check_part(section, before, old_paragraphs, year)
    return findings


def _check_part(section: Section, before: Section | None, old_paragraphs: list[tuple[str, str, set[str]]],
                year: str) -> list[Finding]:
    numeral = section.numeral
    paragraphs = section_paragraphs(section)
    narrative = numeral in NARRATIVE and before is not None and \
        len(fold_text("".join(paragraphs))) >= MIN_PART_CHARS[numeral]
    pairs: list[Pair] = []
    if narrative and before is not None:
        # A whole part as written: its yearly figures change by design, so they count as changes here.
        ratio, pairs = copying_similarity(section_paragraphs(before), paragraphs, blank=False)
        if ratio >= COPIED_WARNING:
            chars = sum(len(fold_text(p)) for p in paragraphs)
            same = sum(len(fold_text(p.new)) for p in pairs if p.op is Op.EQUAL)
            severity = Severity.ERROR if ratio >= COPIED_ERROR else Severity.WARNING
            return [Finding(Rule.DIFF_COPIED, severity,
                            f"第{numeral}部分与{year}同一部分的相似度为 {ratio:.0%}，{same / chars:.0%} 的文字与上年"
                            "逐字相同（评估中被批评为“内容雷同”）；请按本年度实际情况重写",
                            section=numeral, quote=quote("".join(paragraphs)), actual=round(ratio, 2),
                            expected=f"< {COPIED_WARNING}")]
    findings = []
    for paragraph in paragraphs:
        if len(fold_text(paragraph)) < MIN_PARAGRAPH:
            continue
        ratio, where = _best(paragraph, old_paragraphs)
        if ratio < COPIED_WARNING:
            continue
        at = f"上年报告第{where}部分" if where else "上年报告"
        findings.append(Finding(Rule.DIFF_COPIED, Severity.WARNING,
                                f"这一段与{at}的一段相似度为 {ratio:.0%}，"
                                f"{'几乎照搬' if ratio >= COPIED_ERROR else '大量沿用'}上年文字；"
                                "请按本年度实际情况重写", section=numeral, quote=quote(paragraph),
                                actual=round(ratio, 2)))
    if findings or not narrative:
        return findings
    for passage in _passages(pairs):
        findings.append(Finding(Rule.DIFF_COPIED, Severity.INFO,
                                f"第{numeral}部分有一段文字与{year}逐字相同（{len(fold_text(passage))} 字）",
                                section=numeral, quote=quote(passage, 80)))
    return findings


def _best(paragraph: str, old: list[tuple[str, str, set[str]]]) -> tuple[float, str | None]:
    """The highest similarity of ``paragraph`` to one of last year's paragraphs, and that paragraph's part."""
    grams = _grams(_blanked(paragraph))
    scored = sorted(((_dice(grams, g), i) for i, (_, _, g) in enumerate(old)), reverse=True)[:_CANDIDATES]
    best, where = 0.0, None
    for dice, i in scored:
        if dice < _PREFILTER:
            break
        ratio, _ = copying_similarity([old[i][1]], [paragraph], blank=True)
        if ratio > best:
            best, where = ratio, old[i][0]
    return best, where


def _passages(pairs: list[Pair]) -> list[str]:
    """Runs of this year's sentences identical to last year's, joined, longest first (only the long ones)."""
    runs: list[str] = []
    current: list[str] = []
    for pair in pairs:
        if pair.op is Op.EQUAL:
            current.append(pair.new)
        elif pair.op is not Op.DELETED and current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return [r for r in sorted(runs, key=len, reverse=True) if len(fold_text(r)) >= MIN_PASSAGE_CHARS]
