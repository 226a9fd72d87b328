"""Part 五、存在的主要问题及改进情况 by the offline engine.

Three blocks: last year's problems and what was done (when known), this year's problems — the user's own points
first, then problems the figures show, each with its evidence — and one measure per problem.
"""

from __future__ import annotations

from collections.abc import Callable

from drafter.draft.factsheet import FactSheet
from drafter.draft.offline.phrases import Writer, clean_note, ordinal
from drafter.figures import Figures, PreviousProblem
from drafter.numbers import format_figure

MAX_PROBLEMS = 4
MIN_PROBLEMS = 2
Evidence = dict[str, str]


def draft_problems(sheet: FactSheet, figures: Figures, previous: list[PreviousProblem], *,
                   previous_text: str | None = None, variant: int = 0) -> str:
    """The body of part 五 (sub-headings on their own lines, paragraphs separated by blank lines)."""
    w = Writer(sheet, variant)
    problems = _choose_problems(w, sheet, figures)
    blocks: list[str] = []
    numerals = iter("一二三四")
    if previous:
        blocks += [f"（{next(numerals)}）上年度问题整改情况", _previous(w, previous)]
    blocks += [f"（{next(numerals)}）存在的主要问题",
               w.say("problems.problems_intro") + "".join(f"{ordinal(i)}{p}。" for i, (p, _) in enumerate(problems))]
    blocks += [f"（{next(numerals)}）改进措施",
               w.say("problems.measures_intro") + "".join(f"{ordinal(i)}{m}。" for i, (_, m) in enumerate(problems))]
    return "\n\n".join(blocks)


def short_problem(text: str, limit: int = 40) -> str:
    """A problem named briefly enough to quote: the first clause when the whole is long."""
    text = clean_note(text)
    if len(text) <= limit:
        return text
    for mark in ("，", "；", "、"):
        head = text.split(mark, 1)[0]
        if 6 <= len(head) <= limit:
            return head
    return text[:limit]


def _previous(w: Writer, previous: list[PreviousProblem]) -> str:
    items = []
    for i, item in enumerate(previous):
        problem = short_problem(item.problem)
        if item.progress:
            items.append(w.say("problems.previous_item", ordinal=ordinal(i), problem=problem,
                               progress=clean_note(item.progress)))
        else:
            measure = f"按照上年度确定的“{short_problem(item.measure)}”措施推进整改，" if item.measure else ""
            items.append(w.say("problems.previous_pending", ordinal=ordinal(i), problem=problem, measure=measure))
    return w.say("problems.previous_intro") + "".join(items)


def _choose_problems(w: Writer, sheet: FactSheet, figures: Figures) -> list[tuple[str, str]]:
    notes = figures.notes
    chosen: list[tuple[str, str]] = []
    for i, note in enumerate(n for n in notes.problems if clean_note(n)):
        problem = clean_note(note)
        if i < len(notes.improvements) and clean_note(notes.improvements[i]):
            measure = clean_note(notes.improvements[i])
        else:
            measure = w.say("problems.user_measure_fallback", problem=short_problem(problem, 20))
        chosen.append((problem, measure))
    for name, evidence in _derived(sheet):
        if len(chosen) >= MAX_PROBLEMS:
            break
        chosen.append(_catalog(w, name, evidence))
    for name in ("depth", "timeliness"):
        if len(chosen) >= MIN_PROBLEMS:
            break
        chosen.append(_catalog(w, name, {}))
    return chosen


def _catalog(w: Writer, name: str, evidence: Evidence) -> tuple[str, str]:
    return (w.say(f"problems.catalog.{name}.problem", repeat=0, **evidence),
            w.say(f"problems.catalog.{name}.measure", repeat=0, **evidence))


def _n(value: float | int, unit: str) -> str:
    return f"{format_figure(value)}{unit}"


def _corrected(sheet: FactSheet) -> Evidence | None:
    review, suits = sheet.value("t4.review.corrected") or 0, sheet.value("t4.suits.corrected") or 0
    # Each count stated apart (a sum of two cells would match neither), with the column named after the case kind.
    if review and suits:
        return {"corrections": f"在行政复议和行政诉讼中，结果被纠正的分别有{_n(review, '件')}和{_n(suits, '件')}"}
    if review or suits:
        kind = "行政复议" if review else "行政诉讼"
        return {"corrections": f"在{kind}中，结果被纠正的有{_n(review or suits, '件')}"}
    return None


def _carry_forward(sheet: FactSheet) -> Evidence | None:
    nxt = sheet.value("t3.next")
    return {"count": _n(nxt, "件")} if nxt else None


def _unable(sheet: FactSheet) -> Evidence | None:
    total, unable, share = sheet.value("t3.total"), sheet.value("t3.unable"), sheet.value("t3.unable_share")
    if total and unable and share is not None and total >= 5 and share >= 30:
        return {"count": _n(unable, "件"), "share": _n(share, "%")}
    return None


def _petition(sheet: FactSheet) -> Evidence | None:
    count = sheet.value("t3.row.三（五）1")
    return {"count": _n(count, "件")} if count and count >= 2 else None


def _interpretation_gap(sheet: FactSheet) -> Evidence | None:
    issued, interp = sheet.value("t2.normative.issued"), sheet.value("interpretations")
    if not issued or interp is None or interp >= issued:
        return None
    clause = "未发布政策解读" if interp == 0 else f"发布政策解读{_n(interp, '条')}"
    return {"issued": _n(issued, "件"), "interp_clause": clause}


def _concentrated(sheet: FactSheet) -> Evidence | None:
    total, share = sheet.value("proactive.total"), sheet.value("proactive.top_share")
    if not total or share is None or share < 50 or total < 20 or len(sheet.categories) < 2:
        return None
    name, count = max(sheet.categories.items(), key=lambda item: item[1])
    return {"category": name, "count": _n(count, "条"), "share": _n(share, "%")}


def _no_requests(sheet: FactSheet) -> Evidence | None:
    return {} if sheet.value("t3.new") == 0 and not sheet.value("t3.carried") else None


def _no_training(sheet: FactSheet) -> Evidence | None:
    return {} if sheet.value("training.sessions") == 0 else None


# In order of weight: what a reviewer would raise first.
_DERIVED: tuple[tuple[str, Callable[[FactSheet], Evidence | None]], ...] = (
    ("corrected", _corrected), ("carry_forward", _carry_forward), ("unable", _unable), ("petition", _petition),
    ("interpretation_gap", _interpretation_gap), ("concentrated", _concentrated), ("no_requests", _no_requests),
    ("no_training", _no_training),
)


def _derived(sheet: FactSheet) -> list[tuple[str, Evidence]]:
    out = []
    for name, rule in _DERIVED:
        evidence = rule(sheet)
        if evidence is not None:
            out.append((name, evidence))
    return out
