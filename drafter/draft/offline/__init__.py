"""The built-in offline drafting engine: parts 一 and 五 in official style, deterministically, from the figures.

Used when no LLM is configured (or with ``-m offline``). Every number comes from the figure sheet; a fact a
sentence needs but the figures lack becomes 【待补充：…】, never a guess. Phrasings vary by agency and year (and by
``variant``, for ``regenerate --variants``) but a re-run with the same inputs gives the same text.
"""

from __future__ import annotations

from drafter.draft.factsheet import FactSheet, build_factsheet
from drafter.draft.offline.other import draft_other
from drafter.draft.offline.overview import draft_overview
from drafter.draft.offline.problems import draft_problems
from drafter.figures import Figures, PreviousProblem

ENGINE_NAME = "offline"


def _similarity(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

__all__ = ["ENGINE_NAME", "draft_offline", "draft_other", "draft_overview", "draft_problems"]


def draft_offline(figures: Figures, numeral: str, *, previous_problems: list[PreviousProblem] | None = None,
                  previous_text: str | None = None, variant: int = 0, sheet: FactSheet | None = None) -> str:
    """The body of part 一, 五 or 六 (without its heading)."""
    sheet = sheet or build_factsheet(figures)
    if numeral == "一":
        return draft_overview(sheet, figures.notes, variant=variant)
    if numeral == "五":
        problems = previous_problems if previous_problems is not None else figures.previous_problems
        if not previous_text:
            return draft_problems(sheet, figures, problems, variant=variant)
        # Of a few phrasings, the one least like last year's part 五 (evaluators flag copied wording).
        candidates = [draft_problems(sheet, figures, problems, variant=variant + k) for k in range(3)]
        return min(candidates, key=lambda text: _similarity(text, previous_text))
    if numeral == "六":
        return draft_other(sheet, figures)
    raise ValueError(f"offline engine drafts parts 一, 五 and 六, not {numeral}")
