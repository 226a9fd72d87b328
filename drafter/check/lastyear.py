"""Last year's report as the checker uses it: its figures, what its prose stated, and numbers repeated from it.

``last_year_stated`` reads what last year's prose stated (for :class:`~drafter.check.statements.LastYear` when last
year was read without tables). ``check_repeated_numbers`` flags figures no table confirms that repeat last year's number.
"""

from __future__ import annotations

from collections.abc import Iterable

from drafter.check.lexicon import location
from drafter.check.prose import read_sentence
from drafter.check.tables import fmt
from drafter.figures import Figures
from drafter.findings import Finding, Rule, Severity
from drafter.text import Sentence, quote

# Below this a number repeated from last year is likely a coincidence (1 件, 2 次).
REPEATED_FROM = 10


def last_year_stated(sentences: Iterable[Sentence]) -> dict[str, int | float]:
    """The first number last year's prose gives for each indicator (used when last year has no tables)."""
    stated: dict[str, int | float] = {}
    for sentence in sentences:
        for s in read_sentence(sentence, None, None)[1]:
            if not s.quantity.approx:
                stated.setdefault(s.indicator.id, s.stated)
    return stated


def check_repeated_numbers(sentences: Iterable[Sentence], previous_sentences: Iterable[Sentence],
                           figures: Figures | None) -> list[Finding]:
    """Figures no table confirms (主动公开条数, 政策解读篇数 …) stated with the very number of last year's report."""
    last: dict[tuple[str, float], object] = {}
    for sentence in previous_sentences:
        for s in read_sentence(sentence, None, None)[1]:
            last.setdefault((s.indicator.id, s.stated), s)
    findings: list[Finding] = []
    for sentence in sentences:
        for s in read_sentence(sentence, figures, None)[1]:
            if s.matched or s.quantity.approx or s.stated < REPEATED_FROM:
                continue
            if (s.indicator.id, s.stated) in last:
                findings.append(Finding(
                    Rule.DIFF_COPIED, Severity.WARNING,
                    f"正文所说的{s.indicator.name}{fmt(s.stated)}与上年报告中的数字完全相同，请核实是否沿用了上年数据",
                    section=sentence.section, location=location(s.expr), quote=quote(sentence.text), actual=s.stated))
    return findings
