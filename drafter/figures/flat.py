"""The flat ``--format cells`` form of docs/CLI.md: one object per table cell, keyed by the format's labels.

Both ways: :func:`to_cells` lists a figures model's cells; :func:`from_cells` turns such a list back into data for
:class:`~drafter.figures.Figures`.
"""

from __future__ import annotations

from typing import Any

from drafter.errors import InputError
from drafter.figures import Cell, Figures
from drafter.figures import labels as L
from drafter.numbers import format_figure


def _entry(table: str, row: str, column: str, cell: Cell | None) -> dict[str, Any]:
    if cell is None:
        return {"table": table, "row": row, "column": column, "value": None, "raw": ""}
    raw = cell.raw if cell.raw is not None else ("" if cell.value is None else format_figure(cell.value))
    return {"table": table, "row": row, "column": column, "value": cell.value, "raw": raw}


def to_cells(figures: Figures) -> list[dict[str, Any]]:
    """Every table cell the figures hold, in printed order (rows left out of the figures are left out here)."""
    out: list[dict[str, Any]] = []
    if figures.legacy_table2:
        for label, columns in figures.legacy_table2.items():
            out.extend(_entry(L.LEGACY_TABLE2, label, column, cell) for column, cell in columns.items())
    if figures.meta.format != "2019" or not figures.legacy_table2:
        out.extend(_entry(L.TABLE2, label, column, cell) for label, column, cell in figures.table2.cells())
    t3 = figures.table3
    for row_id in t3.row_ids():
        row = t3.row(row_id)
        if row is None:
            continue
        for attr, label in L.T3_COLUMNS:
            out.append(_entry(L.TABLE3, row_id, label, getattr(row, attr)))
    for row_id, _, block in figures.table4.blocks():
        for attr, label in L.T4_COLUMNS:
            out.append(_entry(L.TABLE4, row_id, label, getattr(block, attr)))
    return out


def from_cells(cells: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures data (without 基本信息) from a cells list; unknown tables, rows or columns are input errors."""
    data: dict[str, Any] = {}
    t3_columns = dict((label, attr) for attr, label in L.T3_COLUMNS)
    t4_columns = dict((label, attr) for attr, label in L.T4_COLUMNS)
    t4_blocks = {rid: attr for attr, rid, _ in L.T4_BLOCKS}
    for n, entry in enumerate(cells):
        try:
            table, row, column = entry["table"], entry["row"], entry["column"]
        except (KeyError, TypeError):
            raise InputError(f"第 {n + 1} 个单元格缺少 table、row 或 column") from None
        cell = {"value": entry.get("value"), "raw": entry.get("raw", "")}
        if table == L.LEGACY_TABLE2:
            data.setdefault(L.LEGACY_TABLE2, {}).setdefault(row, {})[column] = cell
        elif table == L.TABLE2:
            data.setdefault("表二", {}).setdefault(row, {})[column] = cell
        elif table == L.TABLE3:
            path = L.T3_OTHER_WHOLE.path if row == "三（六）" else getattr(L.TABLE3_ROW.get(row), "path", None)
            if path is None or column not in t3_columns:
                raise InputError(f"第 {n + 1} 个单元格：表三没有“{row}/{column}”")
            node = data.setdefault("表三", {})
            for part in path:
                node = node.setdefault(part, {})
            node[t3_columns[column]] = cell
        elif table == L.TABLE4:
            if row not in t4_blocks or column not in t4_columns:
                raise InputError(f"第 {n + 1} 个单元格：表四没有“{row}/{column}”")
            attr = t4_blocks[row]
            node = data.setdefault("表四", {})
            if attr != "review":
                node = node.setdefault("litigation", {})
            node.setdefault(attr, {})[t4_columns[column]] = cell
        else:
            raise InputError(f"第 {n + 1} 个单元格：未知的表“{table}”")
    return data
