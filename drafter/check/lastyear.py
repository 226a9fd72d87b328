"""Last year's report as the checker uses it: its figures, what its prose stated, and numbers repeated from it.

``LastYear`` answers “what was this figure last year?” from last year's tables, or from its prose when it was
read without tables. ``check_repeated_numbers`` flags figures no table confirms that repeat last year's number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafter.check.lexicon import evaluate, location
from drafter.check.tables import fmt
from drafter.figures import Figures
from drafter.findings import DIFF_COPIED, Finding, Severity
from drafter.text import Sentence, quote

# Below this a number repeated from last year is likely a coincidence (1 件, 2 次).
REPEATED_FROM = 10


@dataclass(frozen=True, slots=True)
class LastYear:
    """Last year's figures, and what last year's prose stated (for a report read without tables)."""

    figures: Figures | None
    stated: dict[str, int | float]

    def value(self, expr: str, indicator_id: str) -> int | float | None:
        found = evaluate(expr, self.figures)
        return found if found is not None else self.stated.get(indicator_id)


def last_year_stated(sentences: Iterable[Sentence]) -> dict[str, int | float]:
    """The first number last year's prose gives for each indicator (used when last year has no tables)."""
    from drafter.check.prose import read_sentence

    stated: dict[str, int | float] = {}
    for sentence in sentences:
        for s in read_sentence(sentence, None, None)[1]:
            if not s.quantity.approx:
                stated.setdefault(s.indicator.id, s.stated)
    return stated


def check_repeated_numbers(sentences: Iterable[Sentence], previous_sentences: Iterable[Sentence],
                           figures: Figures | None) -> list[Finding]:
    """Figures no table confirms (主动公开条数, 政策解读篇数 …) stated with the very number of last year's report."""
    from drafter.check.prose import read_sentence

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
                    DIFF_COPIED, Severity.WARNING,
                    f"正文所说的{s.indicator.name}{fmt(s.stated)}与上年报告中的数字完全相同，请核实是否沿用了上年数据",
                    section=sentence.section, location=location(s.expr), quote=quote(sentence.text), actual=s.stated))
    return findings
