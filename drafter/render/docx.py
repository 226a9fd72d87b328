"""The report as a Word file laid out per GB/T 9704-2012 (style-notes.md §6).

A4; margins 37/35/28/26 mm; title 2号 方正小标宋简体; body 3号 仿宋_GB2312 at a fixed 28 pt line spacing with a
two-character first-line indent; 一、 headings 黑体, （一） sub-headings 楷体_GB2312; page numbers “— 1 —” in
4号 宋体, odd pages right and even pages left. Tables keep the official merged layout in a smaller 宋体 (五号;
表四, with 15 number columns, in 小五 so that it fits the portrait page).

The document XML is written directly (see :mod:`drafter.render.ooxml`): no Word library is loaded to render.
Why not python-docx, which reads Word files elsewhere in drafter (the importer, ``regenerate`` on a .docx): writing
this layout with it needs raw XML anyway (East Asian fonts, page-number fields, fixed line pitch), and merging
表三's cells through its API took about 300 ms plus 80 ms of import, over the 0.5 s budget of ``render --to docx``.
The output is checked by reading it back with python-docx and the importer (``tests/test_render_docx.py``,
``tests/test_render_roundtrip.py``) and by LibreOffice (``scripts/look.sh``).
"""

from __future__ import annotations

from drafter.render.compose import Kind, RenderBlock, compose, part_blocks, report_title
from drafter.render.layout import Align, Grid
from drafter.render.ooxml import W_NS, package, run_xml
from drafter.report import Report

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# Sizes in half-points, as Word stores them.
SIZE_2, SIZE_3, SIZE_4, SIZE_5, SIZE_SMALL_5 = 44, 32, 28, 21, 18  # 2号 22pt, 3号 16pt, 4号 14pt, 五号, 小五
LINE = 560  # fixed 28 pt, in twentieths of a point
TITLE_LINE = 720  # 36 pt for the 22 pt title
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_MM = 21  # the number sits about 7 mm below the text block
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
TITLE_CHARS_PER_LINE = 20  # 156 mm at 22 pt


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def title_lines(title: str) -> list[str]:
    """A long title broken into balanced lines: before the year when it fits, else in halves."""
    if len(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    for i in range(1, len(title) - 3):
        if title[i:i + 4].isdigit() and not title[i - 1].isdigit():
            head, tail = title[:i], title[i:]
            if len(head) <= TITLE_CHARS_PER_LINE and len(tail) <= TITLE_CHARS_PER_LINE:
                return [head, tail]
            break
    half = (len(title) + 1) // 2
    return [title[:half], title[half:]]


def _paragraph(runs: str, *, indent: bool = True, align: str = "both", line: int = LINE,
               keep_next: bool = False) -> str:
    ind = '<w:ind w:firstLineChars="200" w:firstLine="640"/>' if indent else '<w:ind w:firstLine="0"/>'
    # keepNext and keepLines: a heading or a table's lead never ends a page on its own.
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else ""
    return (f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>{ind}'
            f'<w:jc w:val="{align}"/></w:pPr>{runs}</w:p>')


def _run(text: str, font: str, size: int = SIZE_3, latin: str = LATIN_FONT) -> str:
    return run_xml(text, east_asian=font, size_half_points=size, latin=latin)


def _block_xml(block: RenderBlock, *, before_table: bool = False) -> str:
    if block.kind is Kind.TITLE:
        title = _run("\n".join(title_lines(block.text)), TITLE_FONT, SIZE_2, latin=TITLE_FONT)
        return (_paragraph(title, indent=False, align="center", line=TITLE_LINE, keep_next=True)
                + _paragraph("", indent=False, keep_next=True))
    if block.kind is Kind.TABLE:
        assert block.grid is not None
        return table_xml(block.grid) + _paragraph("", indent=False)
    if block.kind is Kind.HEADING:
        return _paragraph(_run(block.text, HEADING_FONT), keep_next=True)
    runs = _run(block.head, SUBHEADING_FONT) if block.head else ""
    if block.rest:
        runs += _run(block.rest, BODY_FONT)
    # A sub-heading on a line of its own (“（二）依申请公开”) stays with the paragraph after it.
    return _paragraph(runs, keep_next=before_table or (bool(block.head) and not block.rest.strip()))


def part_xml(numeral: str, text: str) -> str:
    """A part's body as ``w:p`` elements (in a ``w:body`` that declares the namespace), as ``render`` writes it.

    ``regenerate`` on a Word file puts these paragraphs in place of the old part, so that a regenerated part looks
    like a rendered one: body in 仿宋, （一） sub-headings in 楷体.
    """
    return f'<w:body xmlns:w="{W_NS}">' + "".join(_block_xml(b) for b in part_blocks(numeral, text)) + "</w:body>"


def _cell_xml(text: str, *, width: int, colspan: int, vmerge: str | None, align: Align, size: int,
              keep_next: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if colspan > 1:
        props += f'<w:gridSpan w:val="{colspan}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    jc = "left" if align is Align.LEFT else "center"
    run = _run(text, TABLE_FONT, size) if text else ""
    # keepNext in every paragraph of a row keeps the row on the page of the next one (Word and LibreOffice).
    keep = "<w:keepNext/>" if keep_next else ""
    paragraph = (f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                 f'<w:ind w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p>')
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"


def table_xml(grid: Grid) -> str:
    """A grid as a ``w:tbl`` element: merged cells as gridSpan/vMerge, borders, fixed column widths.

    No row is split across pages (cantSplit); header rows repeat on every page the table runs onto (tblHeader)
    and stay with the first row below them; a kept range of rows (a 表二 block, 表四) is not broken at all.
    """
    size = SIZE_SMALL_5 if grid.columns > 10 else SIZE_5
    widths = grid.widths or (1 / grid.columns,) * grid.columns
    cols = [_twips(TEXT_WIDTH_MM * w) for w in widths]
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           '</w:tblPr><w:tblGrid>' + "".join(f'<w:gridCol w:w="{w}"/>' for w in cols) + "</w:tblGrid>"]
    # column → (colspan, rows still covered below) of a vertically merged cell above.
    below: dict[int, tuple[int, int]] = {}
    for r, line in enumerate(grid.matrix()):
        header = "<w:tblHeader/>" if r < grid.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = grid.kept_with_next(r)
        c = 0
        while c < grid.columns:
            cell = line[c]
            if cell is not None:
                if cell.rowspan > 1:
                    below[c] = (cell.colspan, cell.rowspan - 1)
                out.append(_cell_xml(cell.text, width=sum(cols[c:c + cell.colspan]), colspan=cell.colspan,
                                     vmerge="restart" if cell.rowspan > 1 else None, align=cell.align,
                                     size=size, keep_next=keep))
                c += cell.colspan
            elif c in below:
                span, left = below[c]
                out.append(_cell_xml("", width=sum(cols[c:c + span]), colspan=span, vmerge="continue",
                                     align=Align.CENTER, size=size, keep_next=keep))
                if left > 1:
                    below[c] = (span, left - 1)
                else:
                    del below[c]
                c += span
            else:  # covered by a cell to its left (gridSpan)
                c += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _section_properties() -> str:
    m = {side: _twips(mm) for side, mm in MARGINS_MM.items()}
    return ('<w:sectPr><w:footerReference w:type="default" r:id="rIdOdd"/>'
            '<w:footerReference w:type="even" r:id="rIdEven"/>'
            f'<w:pgSz w:w="{_twips(PAGE_MM[0])}" w:h="{_twips(PAGE_MM[1])}"/>'
            f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
            f'w:header="851" w:footer="{_twips(FOOTER_MM)}" w:gutter="0"/></w:sectPr>')


def render_docx(report: Report) -> bytes:
    """The whole report as the bytes of a .docx file."""
    blocks = compose(report)
    body = "".join(_block_xml(block, before_table=i + 1 < len(blocks) and blocks[i + 1].kind is Kind.TABLE)
                   for i, block in enumerate(blocks))
    return package(body, _section_properties(), title=report_title(report), body_font=BODY_FONT,
                   latin=LATIN_FONT, size=SIZE_3, line=LINE, footer_font=TABLE_FONT, footer_size=SIZE_4,
                   footer_inset=SIZE_4 * 10)
