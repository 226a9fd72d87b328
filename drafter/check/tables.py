"""Arithmetic and completeness rules on one year's tables (format-2021.md R1–R5, R8–R10).

Each rule is a small function ``(figures) -> list[Finding]``; messages name the table, row and column in the
format's own words.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.figures import ApplicantRow, Cell, Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.numbers import format_figure


def fmt(value: int | float | None) -> str:
    """A number in a finding's message (:func:`drafter.numbers.format_figure`); a missing one says so."""
    return "（空）" if value is None else format_figure(value)


def _close(a: int | float, b: int | float) -> bool:
    return abs(a - b) < 1e-6


# ------------------------------------------------------------------------------------------ cells of a table


def table3_cells(figures: Figures) -> Iterator[tuple[str, str, Cell | None]]:
    """Every 表三 cell a person fills in: ``(row id, column attr, cell or None if the row is missing)``.

    总计 cells appear only where they were given (a left-out 总计 is computed, not blank).
    """
    t3 = figures.table3
    for row_id in t3.row_ids():
        row = t3.row(row_id)
        if row_id == "三（七）" and row is None:
            continue  # （七）总计 left out: computed
        for attr, _ in L.T3_APPLICANT_COLUMNS:
            yield row_id, attr, None if row is None else getattr(row, attr)
        if row is not None and row.total is not None:
            yield row_id, "total", row.total


def table2_cells(figures: Figures) -> Iterator[tuple[str, str, Cell]]:
    yield from figures.table2.cells()


def table4_cells(figures: Figures) -> Iterator[tuple[str, str, str, Cell]]:
    """``(row id, block name, column label, cell)``; 总计 only where given."""
    for row_id, name, block in figures.table4.blocks():
        for attr, cell in block.parts():
            yield row_id, name, L.T4_COLUMN_LABEL[attr], cell
        if block.total is not None:
            yield row_id, name, "总计", block.total


# ------------------------------------------------------------------------------------------ R8 blank, negative


def _why_not_number(cell: Cell | None) -> str:
    if cell is None:
        return "未填写"
    if cell.is_blank:
        return "为空"
    return f"填写的是“{cell.raw}”而不是数字"


def check_blank(figures: Figures) -> list[Finding]:
    """table.blank: a cell that is blank or holds no number (R8: write 0 for none, never leave a cell blank)."""
    findings: list[Finding] = []
    # A published report read in part (a page cut off): tables and rows it does not print are not blank — the
    # importer says they are missing (import.label).
    printed = figures.model_fields_set if figures.meta.source else None
    t2_rows = {row.label for row in L.TABLE2_ROWS if printed is None or row.key in figures.table2.model_fields_set}
    for row_label, column, cell in table2_cells(figures) if figures.meta.format == "2021" else ():
        if cell.value is None and row_label in t2_rows:
            findings.append(Finding(
                Rule.TABLE_BLANK, Severity.ERROR, f"表二 “{row_label}” {column}{_why_not_number(cell)}；没有的应填 0",
                section=L.TABLE2, location=f"{L.TABLE2}/{row_label}/{column}", actual=cell.raw))

    for row_label, columns in (figures.legacy_table2 or {}).items() if figures.meta.format == "2019" else ():
        empty = [column for column, cell in columns.items() if cell.value is None]
        if not empty:
            continue
        said = "整行为空" if len(empty) == len(columns) else "、".join(empty) + "为空"
        findings.append(Finding(
            Rule.TABLE_BLANK, Severity.ERROR, f"表二（2019年格式）“{row_label}”{said}；没有的应填 0",
            section=L.TABLE2, location=f"{L.TABLE2}/{row_label}"))

    # 表三: group blanks by row so that one missing row is one finding, not seven.
    by_row: dict[str, list[tuple[str, Cell | None]]] = {}
    for row_id, attr, t3_cell in table3_cells(figures) if printed is None or "table3" in printed else ():
        if printed is not None and figures.table3.row(row_id) is None:
            continue
        if t3_cell is None or t3_cell.value is None:
            by_row.setdefault(row_id, []).append((attr, t3_cell))
    blank_total_rows = [rid for rid, cells in by_row.items() if [a for a, _ in cells] == ["total"]]
    if len(blank_total_rows) > 3:
        # A whole 总计 column left blank (a published defect): one finding for the column.
        findings.append(Finding(
            Rule.TABLE_BLANK, Severity.ERROR,
            f"表三 总计列有 {len(blank_total_rows)} 行为空（{blank_total_rows[0]} 至 {blank_total_rows[-1]}）；"
            "总计应等于各申请人列之和，没有的应填 0",
            section=L.TABLE3, location=f"{L.TABLE3}/*/总计"))
        for rid in blank_total_rows:
            del by_row[rid]
    for row_id, cells in by_row.items():
        name = L.t3_row_name(row_id)
        if all(cell is None for _, cell in cells) and len(cells) >= 6:
            message = f"表三 “{name}” 整行未填写；没有的应填 0"
            location = f"{L.TABLE3}/{row_id}"
        else:
            said_cells = "、".join(f"{L.T3_COLUMN_LABEL[a]}{_why_not_number(c)}" for a, c in cells)
            message = f"表三 “{name}”：{said_cells}；没有的应填 0"
            location = L.t3_location(row_id, cells[0][0]) if len(cells) == 1 else f"{L.TABLE3}/{row_id}"
        findings.append(Finding(Rule.TABLE_BLANK, Severity.ERROR, message, section=L.TABLE3, location=location))

    for row_id, name, column, cell in table4_cells(figures) if printed is None or "table4" in printed else ():
        if cell.value is None:
            findings.append(Finding(
                Rule.TABLE_BLANK, Severity.ERROR, f"表四 {name} {column}{_why_not_number(cell)}；没有的应填 0",
                section=L.TABLE4, location=f"{L.TABLE4}/{row_id}/{column}", actual=cell.raw))
    return findings


def check_negative(figures: Figures) -> list[Finding]:
    """table.negative: a negative count or amount."""
    findings: list[Finding] = []

    def negative(cell: Cell | None) -> bool:
        return cell is not None and cell.value is not None and cell.value < 0

    for row_label, column, cell in table2_cells(figures):
        if negative(cell):
            findings.append(Finding(Rule.TABLE_NEGATIVE, Severity.ERROR, f"表二 “{row_label}” {column}为负数 {fmt(cell.value)}",
                                    section=L.TABLE2, location=f"{L.TABLE2}/{row_label}/{column}",
                                    actual=cell.value))
    for row_id, attr, t3_cell in table3_cells(figures):
        if t3_cell is not None and negative(t3_cell):
            findings.append(Finding(
                Rule.TABLE_NEGATIVE, Severity.ERROR,
                f"表三 “{L.t3_row_name(row_id)}” {L.T3_COLUMN_LABEL[attr]}为负数 {fmt(t3_cell.value)}",
                section=L.TABLE3, location=L.t3_location(row_id, attr), actual=t3_cell.value))
    for row_id, name, column, cell in table4_cells(figures):
        if negative(cell):
            findings.append(Finding(Rule.TABLE_NEGATIVE, Severity.ERROR, f"表四 {name} {column}为负数 {fmt(cell.value)}",
                                    section=L.TABLE4, location=f"{L.TABLE4}/{row_id}/{column}",
                                    actual=cell.value))
    return findings


# ------------------------------------------------------------------------------------------ R1 balance


def check_balance(figures: Figures) -> list[Finding]:
    """table.balance (R1): in each 表三 column, 一 + 二 = 三（七）总计 + 四."""
    t3 = figures.table3
    findings: list[Finding] = []
    for attr, label in L.T3_COLUMNS:
        if attr == "total" and findings:
            break  # the 总计 column only repeats what the applicant columns already showed
        new, carried = t3.value("一", attr), t3.value("二", attr)
        done, forward = t3.value("三（七）", attr), t3.value("四", attr)
        if None in (new, carried, done, forward):
            continue  # blank cells are reported by table.blank
        left, right = new + carried, done + forward  # type: ignore[operator]
        if not _close(left, right):
            findings.append(Finding(
                Rule.TABLE_BALANCE, Severity.ERROR,
                f"表三 {L.T3_COLUMN_ORDINAL[attr]}（{label}）：一+二={fmt(left)}，三（七）总计+四={fmt(right)}"
                f"（一 本年新收 {fmt(new)}，二 上年结转 {fmt(carried)}；三（七）总计 {fmt(done)}，四 结转下年度 {fmt(forward)}）",
                section=L.TABLE3, location=L.t3_location("三（七）", attr), expected=left, actual=right))
    return findings


# ------------------------------------------------------------------------------------------ R2 R3 R5 sums


def _row_total_finding(row_id: str, row: ApplicantRow) -> Finding | None:
    if row.total is None or row.total.value is None:
        return None
    computed = row.computed_total()
    if computed is None or _close(computed, row.total.value):
        return None
    parts = "+".join(fmt(cell.value) for _, cell in row.applicant_cells())
    return Finding(
        Rule.TABLE_SUM, Severity.ERROR,
        f"表三 “{L.t3_row_name(row_id)}” 总计为 {fmt(row.total.value)}，但自然人与法人或其他组织各列之和为 "
        f"{parts}={fmt(computed)}",
        section=L.TABLE3, location=L.t3_location(row_id, "total"), expected=computed, actual=row.total.value)


def check_sums(figures: Figures) -> list[Finding]:
    """table.sum: 表三 总计 column (R3) and （七）总计 row (R2), and 表四 总计 in each block (R5)."""
    t3 = figures.table3
    findings: list[Finding] = []
    for row_id in t3.row_ids():
        row = t3.row(row_id)
        if row is not None and (finding := _row_total_finding(row_id, row)):
            findings.append(finding)

    given = t3.row("三（七）")
    if given is not None:
        for attr, label in L.T3_COLUMNS:
            stated = given.value(attr) if attr != "total" else (given.total.value if given.total else None)
            computed = t3.computed_results_total(attr)
            if stated is None or computed is None or _close(stated, computed):
                continue
            findings.append(Finding(
                Rule.TABLE_SUM, Severity.ERROR,
                f"表三 三（七）总计 {label}列为 {fmt(stated)}，但（一）至（六）各项之和为 {fmt(computed)}",
                section=L.TABLE3, location=L.t3_location("三（七）", attr), expected=computed, actual=stated))

    for row_id, name, block in figures.table4.blocks():
        if block.total is None or block.total.value is None:
            continue
        computed = block.computed_total()
        if computed is None or _close(computed, block.total.value):
            continue
        parts = "+".join(fmt(cell.value) for _, cell in block.parts())
        findings.append(Finding(
            Rule.TABLE_SUM, Severity.ERROR,
            f"表四 {name} 总计为 {fmt(block.total.value)}，但结果维持、结果纠正、其他结果、尚未审结之和为 "
            f"{parts}={fmt(computed)}",
            section=L.TABLE4, location=f"{L.TABLE4}/{row_id}/总计", expected=computed, actual=block.total.value))
    return findings
