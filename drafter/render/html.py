"""The report as one self-contained HTML page: semantic tables with rowspan/colspan, and print CSS for A4."""

from __future__ import annotations

from html import escape

from drafter.render.compose import Block, Kind, compose, report_title
from drafter.render.layout import Grid
from drafter.report import Report

_CSS = """
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif;
       font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif CJK SC", serif;
     font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 28pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
     margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.sub { font-family: "楷体_GB2312", "KaiTi", "STKaiti", serif; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0 14pt; font-size: 10.5pt; line-height: 1.3;
        font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; }
th, td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
th.left { text-align: left; }
table.t4 { font-size: 9pt; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", serif; font-size: 14pt; } }
@media print { body { margin: 0; max-width: none; } table { page-break-inside: auto; }
               tr { page-break-inside: avoid; } }
"""

_TABLE_CLASS = {"表二": "t2", "表三": "t3", "表四": "t4"}


def grid_to_html(grid: Grid, caption: str) -> str:
    """A grid as a ``<table>``: header rows in ``<thead>``, row labels as ``<th scope="row">``."""
    # A label, not a <caption>: the printed format has no caption line, and readers must not see one as text.
    out = [f'<table class="{_TABLE_CLASS.get(grid.table, "")}" aria-label="{escape(caption)}">']
    if grid.header_rows:
        out.append("<thead>")
    for r, row in enumerate(grid.rows):
        if r == grid.header_rows and grid.header_rows:
            out.append("</thead>")
        if r == grid.header_rows:
            out.append("<tbody>")
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
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _block(block: Block) -> str:
    if block.kind is Kind.TITLE:
        return f"<h1>{escape(block.text)}</h1>"
    if block.kind is Kind.HEADING:
        return f'<h2 id="part-{block.numeral}">{escape(block.text)}</h2>'
    if block.kind is Kind.TABLE:
        assert block.grid is not None
        return grid_to_html(block.grid, block.grid.table)
    if block.head:
        return f'<p><span class="sub">{escape(block.head)}</span>{escape(block.rest)}</p>'
    return f"<p>{escape(block.text)}</p>"


def render_html(report: Report) -> str:
    """The whole report as one HTML page with its CSS inline."""
    body = "\n".join(_block(b) for b in compose(report))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(report_title(report))}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n")
