"""The review as a spreadsheet: 汇总 (one row per report) and 问题清单 (one row per finding), as XLSX or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from drafter.findings import Severity, sort_findings, summarize
from drafter.review.areas import AREAS, SEVERITY_NAMES, area_counts
from drafter.review.reviewed import Reviewed

SUMMARY_SHEET, FINDINGS_SHEET, IGNORED_SHEET = "汇总", "问题清单", "已忽略"
FINDING_HEADER = ("文件", "机关", "年度", "规则", "严重程度", "部分", "位置", "说明", "原文", "应为", "实为")
SUMMARY_HEADER = (("文件", "机关", "年度", "机关类型", "行政层级", "错误", "警告", "提示")
                  + tuple(f"{name}{kind}" for _, name in AREAS for kind in ("错误", "警告"))
                  + ("已忽略", "状态"))
SEVERITY_BY_NAME = {name: str(sev) for sev, name in SEVERITY_NAMES.items()}


def finding_rows(results: list[Reviewed]) -> list[list[Any]]:
    """One row per finding, errors first within each report, reports in the batch's order."""
    rows = []
    for res in results:
        for f in sort_findings(res.findings):
            rows.append([res.file, res.agency, res.year, f.rule, SEVERITY_NAMES[f.severity], f.section, f.location,
                         f.message, f.quote, f.expected, f.actual])
    return rows


def ignored_rows(results: list[Reviewed]) -> list[list[Any]]:
    """One row per silenced finding, with the entry that silenced it and where that entry was written."""
    rows = []
    for res in results:
        for f, entry in res.ignored:
            rows.append([res.file, res.agency, res.year, f.rule, SEVERITY_NAMES[f.severity], f.section, f.location,
                         f.message, f.quote, entry.describe(), entry.reason, entry.origin or "--ignore"])
    return rows


def summary_rows(results: list[Reviewed]) -> list[list[Any]]:
    """One row per report: who, counts by severity and by area, and whether it could be read."""
    rows = []
    for res in results:
        if res.error:
            rows.append([res.file, None, None, None, None] + [None] * (3 + 2 * len(AREAS)) +
                        [None, f"无法读取：{res.error}"])
            continue
        counts = summarize(res.findings)
        by_area = area_counts(res.findings)
        row: list[Any] = [res.file, res.agency, res.year, res.kind, res.level,
                          counts[Severity.ERROR.value], counts[Severity.WARNING.value], counts[Severity.INFO.value]]
        for area, _ in AREAS:
            row += list(by_area.get(area, (0, 0)))
        row += [len(res.ignored), "有错误" if counts["error"] else ("有警告" if counts["warning"] else "未发现问题")]
        rows.append(row)
    return rows


def workbook_bytes(results: list[Reviewed], how: list[tuple[str, str]]) -> bytes:
    """The XLSX file: 汇总, 问题清单 (frozen header, filters), 已忽略 when any, and 说明 (how it was made)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    sheets = [(SUMMARY_SHEET, SUMMARY_HEADER, summary_rows(results), (42, 28, 7, 10, 10)),
              (FINDINGS_SHEET, FINDING_HEADER, finding_rows(results), (36, 24, 7, 22, 8, 6, 28, 60, 50, 10, 10))]
    ignored = ignored_rows(results)
    if ignored:
        ignored_header = FINDING_HEADER[:9] + ("忽略条目", "原因", "写在")
        sheets.append((IGNORED_SHEET, ignored_header, ignored, (36, 24, 7, 22, 8, 6, 28, 60, 40, 28, 30, 30)))
    from openpyxl.cell import WriteOnlyCell

    for title, header, rows, widths in sheets:
        sheet = book.create_sheet(title)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
        head_cells = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font, cell.fill = bold, fill
            head_cells.append(cell)
        sheet.append(head_cells)
        for row in rows:
            sheet.append([_text_cell(sheet, value, WriteOnlyCell) for value in row])
    about = book.create_sheet("说明")
    for key, value in how:
        about.append([key, value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, value: Any, cell_type: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        # Text that starts with “=” stays text: a quoted sentence is never run as a formula.
        cell = cell_type(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def csv_text(header: tuple[str, ...], rows: list[list[Any]]) -> str:
    """CSV with a UTF-8 byte-order mark, so that Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + buffer.getvalue()


def summary_csv_path(path: Path) -> Path:
    """Where the CSV of 汇总 goes, next to the CSV of 问题清单: ``审核.csv`` → ``审核（汇总）.csv``."""
    return path.with_name(f"{path.stem}（汇总）{path.suffix}")
