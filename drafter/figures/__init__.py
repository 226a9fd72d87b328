"""The figures of an annual report, as pydantic models (2021 format).

Attribute names are English; every field reads and writes its official Chinese label (the alias), so that a
figures file looks like the printed table. User files are parsed with ``extra="forbid"``.

A table cell keeps 0, blank and “/” apart: :class:`Cell` holds the number (``value``) and, when the cell holds
no number, the text as published (``raw``: ``""`` for blank, ``"/"``, ``"—"``, ``"无"`` …).
"""

from __future__ import annotations

from typing import Any

from drafter.figures import labels as L
from drafter.figures.base import Model, _field
from drafter.figures.cell import NOT_APPLICABLE, Cell, blank_cell, parse_cell_text
from drafter.figures.meta import RULE_MAKING_LEVELS, Contact, Level, Metadata, UnitKind
from drafter.figures.narrative import Count, Facts, Notes, PreviousProblem
from drafter.figures.tables import (
    ApplicantRow,
    CaseRow,
    DecisionRow,
    FeeRow,
    Litigation,
    NotProcessed,
    OtherHandling,
    RegulationRow,
    Results,
    Table2,
    Table3,
    Table4,
    Unable,
    Withheld,
)

__all__ = [
    "NOT_APPLICABLE", "RULE_MAKING_LEVELS", "ApplicantRow", "CaseRow", "Cell", "Contact", "Count", "DecisionRow",
    "Facts", "FeeRow", "Figures", "Level", "Litigation", "Metadata", "Model", "NotProcessed", "Notes",
    "OtherHandling", "PreviousProblem", "RegulationRow", "Results", "Table2", "Table3", "Table4", "Unable",
    "UnitKind", "Withheld", "blank_cell", "parse_cell_text",
]

class Figures(Model):
    """All figures of one year's report."""

    meta: Metadata = _field("基本信息", default=...)
    table2: Table2 = _field("表二", default_factory=Table2)
    table3: Table3 = _field("表三", default_factory=Table3)
    table4: Table4 = _field("表四", default_factory=Table4)
    facts: Facts = _field("正文数据", default_factory=Facts)
    notes: Notes = _field("工作要点", default_factory=Notes)
    previous_problems: list[PreviousProblem] = _field("上年度问题", default_factory=list)
    legacy_table2: dict[str, dict[str, Cell]] | None = _field(
        L.LEGACY_TABLE2, description="2019 年格式的表二，按原表保留（与 2021 年格式不可比）")

    def to_data(self) -> dict[str, Any]:
        """The figures as plain data keyed by the official labels (for YAML/JSON files)."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")
