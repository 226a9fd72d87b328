"""The official layout of 表二/表三/表四 as grids of cells with merged headers, shared by every writer.

A :class:`Grid` is laid out like HTML: each row lists only the cells that start in it, with their row and column
spans. Writers that cannot merge (Markdown) use :meth:`Grid.matrix`, where covered positions are ``None``.
Every label comes from :mod:`drafter.figures.labels`, so that the importer reads the rendered tables back by the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from drafter.figures import Cell, Figures, Table3
from drafter.figures import labels as L
from drafter.numbers import format_figure


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"


@dataclass(slots=True)
class GridCell:
    """One printed cell: its text, spans, and whether it is a header (a label) or a number."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = True
    align: Align = Align.CENTER


@dataclass(slots=True)
class Grid:
    """A table in the official layout: ``header_rows`` rows of column labels, then labelled rows of numbers."""

    table: str
    columns: int
    header_rows: int
    rows: list[list[GridCell]] = field(default_factory=list)
    # Relative column widths (sum 1.0) for writers that size columns.
    widths: tuple[float, ...] = ()
    # Row ranges [start, end) printed on one page: a 表二 block under its caption, the small 表四 whole.
    keep: list[tuple[int, int]] = field(default_factory=list)

    def kept_with_next(self, row: int) -> bool:
        """Whether a page may not break after this row (header rows, or inside a kept range)."""
        if row < self.header_rows:
            return True
        return any(start <= row < end - 1 for start, end in self.keep)

    def matrix(self) -> list[list[GridCell | None]]:
        """The rows expanded to full width; positions covered by a merged cell are None."""
        grid: list[list[GridCell | None]] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            line: list[GridCell | None] = [None] * self.columns
            col = 0
            for cell in row:
                while (r, col) in taken:
                    col += 1
                line[col] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, col + dc))
                col += cell.colspan
            grid.append(line)
        return grid


def cell_text(cell: Cell | None) -> str:
    """A cell as printed: its text as published (“251000元”, “1,234”) when it has one, else its number, or blank."""
    if cell is None:
        return ""
    if cell.value is None or cell.raw:
        return cell.raw or ""
    return format_figure(cell.value)


def _num(text: str) -> GridCell:
    return GridCell(text, header=False)


def _label(text: str, *, rowspan: int = 1, colspan: int = 1, left: bool = False) -> GridCell:
    return GridCell(text, rowspan=rowspan, colspan=colspan, align=Align.LEFT if left else Align.CENTER)


# ---------------------------------------------------------------------------------------------- 表二


def table2_grid(figures: Figures) -> Grid:
    """表二 主动公开政府信息情况: four captioned blocks of four columns."""
    t2 = figures.table2
    grid = Grid(L.TABLE2, columns=4, header_rows=0, widths=(0.34, 0.22, 0.22, 0.22))
    rows = grid.rows
    by_caption: dict[str, list[L.Table2Row]] = {}
    for row in L.TABLE2_ROWS:
        by_caption.setdefault(row.caption, []).append(row)
    for caption, members in by_caption.items():
        start = len(rows)
        rows.append([_label(caption, colspan=4)])
        columns = members[0].columns
        header = L.T2_FEES_HEADER if columns == (L.T2_FEES,) else None
        if len(columns) == 3:
            rows.append([_label("信息内容")] + [_label(c) for c in columns])
        else:
            rows.append([_label("信息内容"), _label(header or columns[0], colspan=3)])
        for member in members:
            model = getattr(t2, member.key)
            cells = [getattr(model, name) for name in type(model).model_fields]
            if len(cells) == 3:
                rows.append([_label(member.label)] + [_num(cell_text(c)) for c in cells])
            else:
                rows.append([_label(member.label), GridCell(cell_text(cells[0]), colspan=3, header=False)])
        grid.keep.append((start, len(rows)))
    return grid


def legacy_table2_grid(legacy: dict[str, dict[str, Cell]]) -> Grid:
    """表二 in the 2019 format, kept as published: captioned blocks, each row with its own columns."""
    width = max((len(cols) for cols in legacy.values()), default=1)
    grid = Grid(L.TABLE2, columns=width + 1, header_rows=0)
    caption = header = None
    starts: list[int] = []
    for label, cols in legacy.items():
        item = L.T2_2019_CAPTIONS.get(label)
        if item and item != caption:
            starts.append(len(grid.rows))
            grid.rows.append([_label(f"第二十条第{item}项", colspan=width + 1)])
            caption, header = item, None
        names = tuple(cols)
        pad = width - len(cols)
        if names != header:
            grid.rows.append([_label("信息内容")] + [_label(c) for c in names] +
                             ([_label("", colspan=pad)] if pad else []))
            header = names
        grid.rows.append([_label(label)] + [_num(cell_text(c)) for c in cols.values()] +
                         [_num("") for _ in range(pad)])
    grid.keep = list(zip(starts, starts[1:] + [len(grid.rows)], strict=True))
    return grid


# ---------------------------------------------------------------------------------------------- 表三


def table3_value_text(t3: Table3, row_id: str, column: str) -> str:
    """A 表三 cell as printed; a 总计 left out of the figures is shown as the sum it stands for."""
    row = t3.row(row_id)
    if row is None:
        if row_id == "三（七）":
            value = t3.computed_results_total(column)
            return "" if value is None else format_figure(value)
        return ""
    if column == "total" and row.total is None:
        value = row.computed_total()
        return "" if value is None else format_figure(value)
    return cell_text(getattr(row, column))


def _numbers(t3: Table3, row_id: str) -> list[GridCell]:
    return [_num(table3_value_text(t3, row_id, attr)) for attr, _ in L.T3_COLUMNS]


def table3_grid(figures: Figures) -> Grid:
    """表三 收到和处理政府信息公开申请情况: corner note, applicant columns, row groups under 三."""
    t3 = figures.table3
    grid = Grid(L.TABLE3, columns=10, header_rows=3,
                widths=(0.08, 0.11, 0.25) + (0.08,) * 7)
    rows = grid.rows
    rows.append([_label(L.T3_CORNER, rowspan=3, colspan=3, left=True), _label(L.APPLICANTS, colspan=7)])
    rows.append([_label(L.T3_COLUMN_LABEL["natural"], rowspan=2), _label(L.LEGAL_PERSONS, colspan=5),
                 _label(L.T3_COLUMN_LABEL["total"], rowspan=2)])
    rows.append([_label(label) for _, label in L.T3_COLUMNS[1:-1]])
    for row_id in ("一", "二"):
        rows.append([_label(L.TABLE3_ROW[row_id].label, colspan=3, left=True)] + _numbers(t3, row_id))

    result_ids = [rid for rid in t3.row_ids() if rid.startswith("三")]
    first = True
    group_done: set[str] = set()
    for rid in result_ids:
        line: list[GridCell] = []
        if first:
            line.append(_label(L.T3_RESULTS, rowspan=len(result_ids)))
            first = False
        group = rid[:4] if rid[-1].isdigit() else None
        if rid == "三（六）":
            line.append(_label(L.G_OTHER, colspan=2, left=True))
        elif group is None:
            line.append(_label(L.TABLE3_ROW[rid].label, colspan=2, left=True))
        else:
            if group not in group_done:
                size = sum(1 for other in result_ids if other[:4] == group and other[-1].isdigit())
                line.append(_label(L.T3_GROUPS[group], rowspan=size))
                group_done.add(group)
            line.append(_label(L.TABLE3_ROW[rid].label, left=True))
        rows.append(line + _numbers(t3, rid))
    rows.append([_label(L.TABLE3_ROW["四"].label, colspan=3, left=True)] + _numbers(t3, "四"))
    return grid


# ---------------------------------------------------------------------------------------------- 表四


def table4_grid(figures: Figures) -> Grid:
    """表四 政府信息公开行政复议、行政诉讼情况: two header levels over 15 numbers."""
    t4 = figures.table4
    grid = Grid(L.TABLE4, columns=15, header_rows=3, widths=(1 / 15,) * 15)
    columns = [label for _, label in L.T4_COLUMNS]
    grid.rows.append([_label(L.REVIEW, colspan=5), _label(L.LITIGATION, colspan=10)])
    grid.rows.append([_label(c, rowspan=2) for c in columns] +
                     [_label(L.DIRECT_SUIT, colspan=5), _label(L.SUIT_AFTER_REVIEW, colspan=5)])
    grid.rows.append([_label(c) for c in columns * 2])
    numbers: list[GridCell] = []
    for _, _, block in t4.blocks():
        for attr, _ in L.T4_COLUMNS:
            if attr == "total" and block.total is None:
                value = block.computed_total()
                numbers.append(_num("" if value is None else format_figure(value)))
            else:
                numbers.append(_num(cell_text(getattr(block, attr))))
    grid.rows.append(numbers)
    grid.keep.append((0, len(grid.rows)))
    return grid


def report_grids(figures: Figures) -> dict[str, Grid]:
    """The three tables keyed by the part they belong to (二, 三, 四)."""
    if figures.meta.format == "2019" and figures.legacy_table2:
        t2 = legacy_table2_grid(figures.legacy_table2)
    else:
        t2 = table2_grid(figures)
    return {"二": t2, "三": table3_grid(figures), "四": table4_grid(figures)}
