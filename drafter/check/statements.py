"""What the prose reader hands the prose rules: a stated number tied to a figure, and last year's values.

Kept apart from :mod:`drafter.check.prose` so that the rules that use statements (breakdowns, numbers repeated
from last year) and the reader itself depend on this module, never on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.check.lexicon import Indicator, evaluate
from drafter.figures import Figures
from drafter.numbers import Quantity
from drafter.text import Sentence


@dataclass(slots=True)
class Statement:
    """A number in the prose tied to a figure: where it stands, what it is said to be, and the reading used."""

    sentence: Sentence
    quantity: Quantity
    indicator: Indicator
    expr: str
    stated: int | float
    table: int | float | None
    matched: bool


@dataclass(frozen=True, slots=True)
class LastYear:
    """Last year's figures, and what last year's prose stated (for a report read without tables)."""

    figures: Figures | None
    stated: dict[str, int | float]

    def value(self, expr: str, indicator_id: str) -> int | float | None:
        found = evaluate(expr, self.figures)
        return found if found is not None else self.stated.get(indicator_id)
