"""Figure deltas between two years: every table cell and stated fact that changed, with absolute and % change.

表三 and 表四 are the same in the 2019 and 2021 formats and are always compared (（六）其他处理 as its group total
when one year prints it as one row); 表二 is compared only when both years use the 2021 format.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.figures import Cell, Figures, Table3
from drafter.figures import labels as L


@dataclass(frozen=True, slots=True)
class Delta:
    """One figure in both years; ``change`` is None when one side holds no number."""

    table: str
    row: str
    column: str
    before: int | float | None
    after: int | float | None

    @property
    def change(self) -> int | float | None:
        if self.before is None or self.after is None:
            return None
        return _tidy(self.after - self.before)

    @property
    def percent(self) -> float | None:
        """Change in per cent of last year's value; None from zero or without numbers."""
        if self.change is None or not self.before:
            return None
        return round(self.change / self.before * 100, 1)

    @property
    def location(self) -> str:
        return f"{self.table}/{self.row}/{self.column}" if self.column else f"{self.table}/{self.row}"

    def to_dict(self) -> dict[str, object]:
        return {"table": self.table, "row": self.row, "column": self.column, "location": self.location,
                "previous": self.before, "current": self.after, "change": self.change, "percent": self.percent}


def _tidy(value: int | float) -> int | float:
    return round(value, 6) if isinstance(value, float) else value


def comparable_table2(previous: Figures, current: Figures) -> bool:
    """表二 changed its columns in 2021 (format-2021.md §3.4): only tables of the same format compare."""
    return previous.meta.format == current.meta.format


def _other_total(t3: Table3, column: str) -> int | float | None:
    """（六）其他处理 as one number: the one-row form, or the sum of its three sub-rows."""
    if t3.other_is_one_row():
        return t3.value("三（六）", column)
    total: int | float = 0
    for rid in ("三（六）1", "三（六）2", "三（六）3"):
        value = t3.value(rid, column)
        if value is None:
            return None
        total += value
    return total


def _t3_pairs(previous: Figures, current: Figures) -> list[Delta]:
    before, after = previous.table3, current.table3
    merge_other = before.other_is_one_row() != after.other_is_one_row()
    row_ids = [rid for rid in after.row_ids() if not (merge_other and rid.startswith("三（六）"))]
    if merge_other:
        row_ids.insert(row_ids.index("三（七）"), "三（六）")
    out = []
    for rid in row_ids:
        for attr, label in L.T3_COLUMNS:
            if rid == "三（六）" and merge_other:
                pair = (_other_total(before, attr), _other_total(after, attr))
            else:
                pair = (before.value(rid, attr), after.value(rid, attr))
            out.append(Delta(L.TABLE3, rid, label, *pair))
    return out


def _t4_pairs(previous: Figures, current: Figures) -> list[Delta]:
    out = []
    for (rid, _, old), (_, _, new) in zip(previous.table4.blocks(), current.table4.blocks(), strict=True):
        for attr, label in L.T4_COLUMNS:
            out.append(Delta(L.TABLE4, rid, label, old.value(attr), new.value(attr)))
    return out


def _t2_pairs(previous: Figures, current: Figures) -> list[Delta]:
    if current.meta.format == "2019":
        before, after = previous.legacy_table2 or {}, current.legacy_table2 or {}
        return [Delta(L.TABLE2, row, col, before.get(row, {}).get(col, _NONE).value, cell.value)
                for row, cols in after.items() for col, cell in cols.items()]
    old = {(row, col): cell.value for row, col, cell in previous.table2.cells()}
    return [Delta(L.TABLE2, row, col, old.get((row, col)), cell.value) for row, col, cell in current.table2.cells()]


_NONE = Cell(value=None, raw="")


_FACTS = ("proactive_total", "policy_interpretations", "processing_fee", "processing_fee_cases",
          "training_sessions", "trainees", "accountability_cases", "proposals")


def _fact_pairs(previous: Figures, current: Figures) -> list[Delta]:
    out = []
    fields = type(current.facts).model_fields
    for name in _FACTS:
        label = fields[name].serialization_alias or name
        out.append(Delta("正文数据", label, "", getattr(previous.facts, name), getattr(current.facts, name)))
    return out


def figure_pairs(previous: Figures, current: Figures) -> list[Delta]:
    """Every comparable figure of both years, in printed order."""
    pairs = _t2_pairs(previous, current) if comparable_table2(previous, current) else []
    return pairs + _t3_pairs(previous, current) + _t4_pairs(previous, current) + _fact_pairs(previous, current)


def changed(pairs: list[Delta]) -> list[Delta]:
    """The figures that differ (a number that appeared or disappeared counts; two blanks do not)."""
    out = []
    for d in pairs:
        if d.before is None and d.after is None:
            continue
        if d.change is None or abs(d.change) > 1e-9:
            out.append(d)
    return out
