"""The ordered registry of report rules: each rule a function of one :class:`Context`, registered once.

A new rule on a report is a function in ``check/`` plus one ``@report_rule`` adapter here; its id goes in
:class:`drafter.findings.Rule`. The checker runs the rules in the order they are registered below, which is the
order their findings appear in (tables first, then prose, years, structure, quality, copying).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from drafter.check.copying import check_copying
from drafter.check.lastyear import check_repeated_numbers, last_year_stated
from drafter.check.prose import check_prose
from drafter.check.quality import check_quality
from drafter.check.structure import check_structure
from drafter.check.years import check_years
from drafter.figures import Figures
from drafter.findings import Finding
from drafter.report import Report
from drafter.text import Sentence, report_sentences


@dataclass
class Context:
    """What every report rule may look at: the report, last year's, the parts in scope, their sentences."""

    report: Report
    previous: Report | None
    parts: set[str] | None
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def figures(self) -> Figures | None:
        return self.report.figures

    @property
    def last(self) -> Figures | None:
        """Last year's figures, when last year's report had tables."""
        return self.previous.figures if self.previous is not None else None

    @property
    def previous_prose(self) -> bool:
        return self.previous is not None and self.previous.has_prose

    @cached_property
    def previous_sentences(self) -> list[Sentence]:
        return list(report_sentences(self.previous)) if self.previous is not None else []


@dataclass(frozen=True, slots=True)
class ReportRule:
    """One registered rule: a name (for tests and timings) and the function that runs it."""

    name: str
    run: Callable[[Context], list[Finding]]


REPORT_RULES: list[ReportRule] = []


def report_rule(run: Callable[[Context], list[Finding]]) -> Callable[[Context], list[Finding]]:
    """Register ``run`` as the next report rule (its name is the function's, without a leading underscore)."""
    REPORT_RULES.append(ReportRule(run.__name__.lstrip("_"), run))
    return run


@report_rule
def _prose(ctx: Context) -> list[Finding]:
    # Without last year's tables, what last year's prose stated stands in for them.
    stated = last_year_stated(ctx.previous_sentences) if ctx.previous_prose and ctx.last is None else None
    return check_prose(ctx.sentences, ctx.figures, ctx.last, stated)


@report_rule
def _years(ctx: Context) -> list[Finding]:
    return check_years(ctx.report, ctx.sentences, ctx.parts)


@report_rule
def _structure(ctx: Context) -> list[Finding]:
    return check_structure(ctx.report, ctx.parts)


@report_rule
def _quality(ctx: Context) -> list[Finding]:
    return check_quality(ctx.report, ctx.parts, ctx.previous)


@report_rule
def _copying(ctx: Context) -> list[Finding]:
    if ctx.previous is None or not ctx.previous_prose:
        return []
    return check_copying(ctx.report, ctx.previous, ctx.parts)


@report_rule
def _repeated_numbers(ctx: Context) -> list[Finding]:
    if not ctx.previous_prose:
        return []
    return check_repeated_numbers(ctx.sentences, ctx.previous_sentences, ctx.figures)
