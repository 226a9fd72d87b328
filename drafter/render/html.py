"""The report as one self-contained HTML page: semantic tables with rowspan/colspan, and print CSS for A4.

Screen: the title breaks only between words (each word a nowrap span, lines balanced); tables keep fixed column
widths from the grid, with a minimum width under which they scroll sideways instead of squeezing 商业企业 into a
column one character wide. Print: headings and a table's lead stay with what follows, rows are not split, header
rows repeat, a 表二 block and 表四 stay whole, and 表三's long row groups may break between their rows.
"""

from __future__ import annotations

import re
from html import escape

from drafter.render.compose import Kind, RenderBlock, compose, report_title
from drafter.render.docx import title_lines
from drafter.render.layout import Grid
from drafter.report import Report

_CSS = """
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC",
     serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 28pt;
     text-wrap: balance; }
h1 .line { display: inline-block; }
h1 .w, td { white-space: nowrap; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 16pt;
     font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.sub { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", serif; }
.table { overflow-x: auto; margin: 8pt 0 14pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; line-height: 1.3;
        font-family: "宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
table.t2 { min-width: 30em; }
table.t3 { min-width: 36em; }
table.t4 { font-size: 9pt; min-width: 42em; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.left { text-align: left; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "宋体", "SimSun", serif; font-size: 14pt; } }
@media print {
  body { margin: 0; max-width: none; }
  h1, h2, p.keep { break-after: avoid; }
  .table { overflow: visible; }
  table { break-inside: auto; min-width: 0; }
  thead { display: table-header-group; }
  tr, tbody.keep, table.t4 { break-inside: avoid; }
  /* A row that opens a merged row group (三、本年度办理结果 spans 22 rows) must not carry the whole group onto
     the next page: the page may break between the rows under it. */
  tr.group { break-inside: auto; }
}
"""

_TABLE_CLASS = {"表二": "t2", "表三": "t3", "表四": "t4"}


# Words of the title that are never broken; the agency's name may break anywhere (its words are unknown).
_TITLE_WORDS = re.compile(r"\d{4}年|政府信息公开|工作|年度报告|[^\d]")


def title_html(title: str) -> str:
    """The title as lines (the agency, then the year onwards) of nowrap words, so that 年度 is never split."""
    lines = []
    for line in title_lines(title):
        words = _TITLE_WORDS.findall(line)
        lines.append('<span class="line">' + "".join(
            f'<span class="w">{escape(w)}</span>' if len(w) > 1 else escape(w) for w in words) + "</span>")
    return "".join(lines)


def _colgroup(grid: Grid) -> str:
    widths = grid.widths or (1 / grid.columns,) * grid.columns
    return "<colgroup>" + "".join(f'<col style="width:{w * 100:.2f}%">' for w in widths) + "</colgroup>"


def grid_to_html(grid: Grid, caption: str) -> str:
    """A grid as a ``<table>``: header rows in ``<thead>``, row labels as ``<th scope="row">``.

    Each kept range of rows (a 表二 block under its caption) is a ``<tbody class="keep">`` that print keeps whole.
    """
    # A label, not a <caption>: the printed format has no caption line, and readers must not see one as text.
    out = [f'<div class="table"><table class="{_TABLE_CLASS.get(grid.table, "")}" aria-label="{escape(caption)}">',
           _colgroup(grid)]
    if grid.header_rows:
        out.append("<thead>" + "".join(_row_html(grid, r) for r in range(grid.header_rows)) + "</thead>")
    for start, end, keep in _body_segments(grid):
        out.append('<tbody class="keep">' if keep else "<tbody>")
        out.extend(_row_html(grid, r) for r in range(start, end))
        out.append("</tbody>")
    out.append("</table></div>")
    return "\n".join(out)


def _body_segments(grid: Grid) -> list[tuple[int, int, bool]]:
    """The body rows as (start, end, kept) runs: each kept range, and the rows between them."""
    kept = {start: end for start, end in grid.keep if start >= grid.header_rows}
    segments, r = [], grid.header_rows
    while r < len(grid.rows):
        if r in kept:
            segments.append((r, kept[r], True))
            r = kept[r]
            continue
        end = r + 1
        while end < len(grid.rows) and end not in kept:
            end += 1
        segments.append((r, end, False))
        r = end
    return segments


def _row_html(grid: Grid, r: int) -> str:
    row = grid.rows[r]
    cells = []
    for cell in row:
        attrs = ""
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        if cell.header:
            scope = "col" if r < grid.header_rows else "row"
            cls = ' class="left"' if cell.align == "left" else ""
            cells.append(f'<th scope="{scope}"{attrs}{cls}>{escape(cell.text)}</th>')
        else:
            cells.append(f"<td{attrs}>{escape(cell.text)}</td>")
    group = ' class="group"' if r >= grid.header_rows and any(c.rowspan > 2 for c in row) else ""
    return f"<tr{group}>" + "".join(cells) + "</tr>"


def _block(block: RenderBlock, *, before_table: bool = False) -> str:
    if block.kind is Kind.TITLE:
        return f"<h1>{title_html(block.text)}</h1>"
    if block.kind is Kind.HEADING:
        return f'<h2 id="part-{block.numeral}">{escape(block.text)}</h2>'
    if block.kind is Kind.TABLE:
        assert block.grid is not None
        return grid_to_html(block.grid, block.grid.table)
    # A table's lead and a sub-heading on its own line stay with what follows when printed.
    keep = ' class="keep"' if before_table or (block.head and not block.rest.strip()) else ""
    if block.head:
        return f'<p{keep}><span class="sub">{escape(block.head)}</span>{escape(block.rest)}</p>'
    return f"<p{keep}>{escape(block.text)}</p>"


def render_html(report: Report) -> str:
    """The whole report as one HTML page with its CSS inline."""
    blocks = compose(report)
    body = "\n".join(_block(b, before_table=i + 1 < len(blocks) and blocks[i + 1].kind is Kind.TABLE)
                     for i, b in enumerate(blocks))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(report_title(report))}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n")
