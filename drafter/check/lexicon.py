"""The indicator lexicon (``drafter/data/lexicon.yaml``): wordings in prose → the table figures they speak of.

The lexicon is data so that a reviewer can add a wording without touching code. It is read once, lazily, and
its value expressions (``t3:一+二:total``, ``t4:{blocks}:pending``, ``fact:processing_fee`` …) are evaluated
against a :class:`~drafter.figures.Figures` here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from drafter.datafile import data_from_text, load_data_file
from drafter.figures import Figures
from drafter.figures import labels as L

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon.yaml"

_T4_NAMES = {attr: name for attr, _, name in L.T4_BLOCKS}
_T2_ROWS = {row.key: row for row in L.TABLE2_ROWS}
_T2_COLUMNS = {"issued": L.T2_ISSUED, "repealed": L.T2_REPEALED, "in_force": L.T2_IN_FORCE,
               "decisions": L.T2_DECISIONS, "amount": L.T2_FEES}
_FACT_NAMES = {"processing_fee": "信息处理费", "processing_fee_cases": "收取信息处理费的件数",
               "policy_interpretations": "政策解读", "proactive_total": "主动公开信息总数",
               "training_sessions": "培训次数", "trainees": "培训人次", "accountability_cases": "责任追究"}
_COLUMN_WORDS = {"commercial+research+public_interest+legal_service+other": L.LEGAL_PERSONS}


@dataclass(frozen=True, slots=True)
class Alternative:
    value: str
    why: str
    stated_if: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One wording → figure entry of the lexicon."""

    id: str
    name: str
    regex: re.Pattern[str]
    units: frozenset[str]
    values: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()
    topic: str | None = None
    percent_base: tuple[str, ...] = ()
    channel_words: tuple[str, ...] = ()
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A zero or “all” claim (未收到申请, 均获维持) and the figure that must then be 0."""

    id: str
    name: str
    regex: re.Pattern[str]
    value: str
    unless: re.Pattern[str] | None = None
    warning: bool = False
    why: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    indicators: tuple[Indicator, ...]
    claims: tuple[Claim, ...]
    quality: QualityWords
    claim_words: ClaimWords
    words: Words
    draft_habits: DraftHabits


# ------------------------------------------------------------------------------------------ the file's model


class _Strict(BaseModel):
    """A part of the lexicon file: unknown keys are errors (a misspelt key must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"不是有效的正则表达式（{exc.msg}，第 {exc.pos} 个字符处）") from None
    return value


class AlternativeEntry(_Strict):
    value: str
    why: str
    stated_if: str | None = None

    _check = field_validator("stated_if")(_regex)


class IndicatorEntry(_Strict):
    id: str
    name: str
    pattern: str
    units: list[str] = []
    value: list[str]
    alternatives: list[AlternativeEntry] = []
    topic: str | None = None
    percent_base: list[str] = []
    channel_words: list[str] = []
    unless: str | None = None

    _check = field_validator("pattern", "unless")(_regex)


class ClaimEntry(_Strict):
    id: str
    name: str
    pattern: str
    value: str
    unless: str | None = None
    severity: Literal["warning", "error"] = "error"
    why: str | None = None

    _check = field_validator("pattern", "unless")(_regex)


class QualityWords(_Strict):
    """Words of the quality checks (warnings)."""

    overview_topics: dict[str, list[str]]
    government_topics: list[str]
    stock_phrases: list[str]
    measure_words: list[str]
    last_year_words: list[str]


class ClaimWords(_Strict):
    """The words of the claim model (:mod:`drafter.check.claims`)."""

    part_markers: list[str]
    change_words: list[str]
    catch_all: list[str]
    new_subject: list[str]
    dimensions: dict[str, dict[str, list[str]]]
    case_kinds: dict[str, list[str]]
    channels: list[str]
    not_applications: list[str]


class Words(_Strict):
    """Word lists the prose, year and last-year rules use (kept here as vocabulary, compiled by those rules)."""

    targets: list[str]
    year_on_year: list[str]
    down: list[str]
    narrower: list[str]
    published: list[str]
    made: list[str]
    future: list[str]
    comparison: list[str]
    older: list[str]
    problem_words: list[str]


class DraftHabits(_Strict):
    """Habits of small models that a model's draft is checked for (:mod:`drafter.draft.habits`)."""

    first_person: list[str]
    first_person_unless: list[str] = []
    outline_labels: list[str]
    outline_words: list[str]
    zeros_in_a_sentence: int = 3
    list_units: list[str]


class LexiconFile(_Strict):
    """The whole of ``lexicon.yaml``."""

    indicators: list[IndicatorEntry]
    claims: list[ClaimEntry] = []
    quality: QualityWords
    claim_words: ClaimWords
    words: Words
    draft_habits: DraftHabits


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon, read, validated and compiled once; a defect of the file is an InputError naming its line."""
    return _compile(load_data_file(path, LexiconFile, what="词典文件"))


def lexicon_from_text(text: str, path: Path | str | None = None) -> Lexicon:
    """Validate lexicon text against :class:`LexiconFile` and compile it."""
    return _compile(data_from_text(text, LexiconFile, path=path, what="词典文件"))


def _compile(model: LexiconFile) -> Lexicon:
    indicators = tuple(
        Indicator(
            id=item.id, name=item.name, regex=re.compile(item.pattern), units=frozenset(item.units),
            values=tuple(item.value),
            alternatives=tuple(Alternative(a.value, a.why, re.compile(a.stated_if) if a.stated_if else None)
                               for a in item.alternatives),
            topic=item.topic, percent_base=tuple(item.percent_base), channel_words=tuple(item.channel_words),
            unless=re.compile(item.unless) if item.unless else None,
        )
        for item in model.indicators
    )
    claims = tuple(
        Claim(id=item.id, name=item.name, regex=re.compile(item.pattern), value=item.value,
              unless=re.compile(item.unless) if item.unless else None,
              warning=item.severity == "warning", why=item.why)
        for item in model.claims
    )
    return Lexicon(indicators, claims, model.quality, model.claim_words, model.words, model.draft_habits)


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so “上一年度” wins over “上年”)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ------------------------------------------------------------------------------------------ value expressions


def bind(expr: str, rows: str | None, blocks: str | None, docs: str | None = None) -> str | None:
    """Fill ``{rows}``/``{blocks}``/``{docs}`` from the sentence's topic; None when the topic is unknown."""
    if "{docs}" in expr:
        if not docs:
            return None
        expr = expr.replace("{docs}", docs)
    if "{rows}" in expr:
        if not rows:
            return None
        expr = expr.replace("{rows}", rows)
    if "{blocks}" in expr:
        if not blocks:
            return None
        expr = expr.replace("{blocks}", blocks)
    return expr


def evaluate(expr: str, figures: Figures | None) -> int | float | None:
    """The number an expression names in the figures; None when a cell it needs holds no number."""
    if figures is None:
        return None
    kind, _, rest = expr.partition(":")
    if kind == "fact":
        value = getattr(figures.facts, rest, None)
        return value if isinstance(value, int | float) else None
    rows, _, columns = rest.partition(":")
    total: int | float = 0
    for row in rows.split("+"):
        for column in columns.split("+"):
            value = _cell(kind, row, column, figures)
            if value is None:
                return None
            total += value
    return total


def _cell(kind: str, row: str, column: str, figures: Figures) -> int | float | None:
    if kind == "t3":
        t3 = figures.table3
        if row in L.T3_GROUPS:
            ids = ["三（六）"] if row == "三（六）" and t3.other_is_one_row() else \
                [r.id for r in L.TABLE3_ROWS if r.id.startswith(row) and r.id != row]
            values = [_t3_value(figures, rid, column) for rid in ids]
            return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
        return _t3_value(figures, row, column)
    if kind == "t4":
        attr_to_id = {attr: rid for attr, rid, _ in L.T4_BLOCKS}
        blocks = figures.table4.blocks()
        case = next(c for rid, _, c in blocks if rid == attr_to_id[row])
        value = case.value(column)
        if value is None and _has_numbers(c.value(col) for _, _, c in blocks for col, _ in L.T4_COLUMNS):
            # A published table that leaves its zeros blank (table.blank says so); read blank as 0 here.
            value = case.computed_total() if column == "total" else None
            if value is None:
                parts = [c.value for _, c in case.parts()] if column == "total" else [None]
                value = sum(v or 0 for v in parts)
        return value
    if kind == "t2":
        return getattr(getattr(figures.table2, row), column).value
    return None


def _has_numbers(values: Iterable[object]) -> bool:
    return any(v is not None for v in values)


def _t3_value(figures: Figures, row_id: str, column: str) -> int | float | None:
    t3 = figures.table3
    value = t3.value(row_id, column)
    if value is not None:
        return value
    new = t3.row("一")
    if new is None or not _has_numbers(new.value(c) for c, _ in L.T3_COLUMNS):
        return None
    # Blank cells of a table that otherwise holds numbers are read as 0 (table.blank reports the blanks).
    if row_id == "三（七）":
        parts = [_t3_value(figures, rid, column) for rid in t3.result_row_ids()]
        return sum(v or 0 for v in parts)
    row = t3.row(row_id)
    if row is None:
        # A row a published report does not print (its table is cut off) is unknown; a figures file's is 0.
        return None if figures.meta.source else 0
    if column == "total":
        return sum(row.value(c) or 0 for c, _ in L.T3_APPLICANT_COLUMNS)
    return 0


def location(expr: str) -> str:
    """The ``location`` of a finding: ``表三/一/总计``, ``表四/行政复议/尚未审结``, ``正文数据/信息处理费``."""
    kind, _, rest = expr.partition(":")
    if kind == "fact":
        return f"正文数据/{_FACT_NAMES.get(rest, rest)}"
    rows, _, columns = rest.partition(":")
    if kind == "t3":
        col = _COLUMN_WORDS.get(columns) or "+".join(L.T3_COLUMN_LABEL.get(c, c) for c in columns.split("+"))
        return f"{L.TABLE3}/{rows}/{col}"
    if kind == "t4":
        block = "+".join(_T4_NAMES[b] for b in rows.split("+"))
        col = "+".join(L.T4_COLUMN_LABEL.get(c, c) for c in columns.split("+"))
        return f"{L.TABLE4}/{block}/{col}"
    return f"{L.TABLE2}/{_T2_ROWS[rows].label}/{_T2_COLUMNS.get(columns, columns)}"


def describe(expr: str) -> str:
    """A cell as the format names it, for messages: 表三“一、本年新收政府信息公开申请数量”总计."""
    kind, _, rest = expr.partition(":")
    if kind == "fact":
        return f"figures 文件“正文数据”中的{_FACT_NAMES.get(rest, rest)}"
    rows, _, columns = rest.partition(":")
    if kind == "t3":
        names = []
        for row in rows.split("+"):
            if row in L.T3_GROUPS:
                names.append(f"“{L.T3_GROUPS[row]}”各项之和")
            else:
                names.append(f"“{L.t3_row_name(row)}”")
        col = _COLUMN_WORDS.get(columns) or "、".join(L.T3_COLUMN_LABEL.get(c, c) for c in columns.split("+"))
        joined = "与".join(names) + ("之和" if len(names) > 1 else "")
        return f"{L.TABLE3}{joined}（{col}）"
    if kind == "t4":
        block = "与".join(_T4_NAMES[b] for b in rows.split("+"))
        cols = "、".join(L.T4_COLUMN_LABEL.get(c, c) for c in columns.split("+"))
        return f"{L.TABLE4}{block}“{cols}”"
    return f"{L.TABLE2}“{_T2_ROWS[rows].label}”{_T2_COLUMNS.get(columns, columns)}"
