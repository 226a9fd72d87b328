"""The report as a Word file laid out per GB/T 9704-2012 (style-notes.md §6).

A4; margins 37/35/28/26 mm; title 2号 方正小标宋简体; body 3号 仿宋_GB2312 at a fixed 28 pt line spacing with a
two-character first-line indent; 一、 headings 黑体, （一） sub-headings 楷体_GB2312; page numbers “— 1 —” in
4号 宋体, odd pages right and even pages left. Tables keep the official merged layout in a smaller 宋体 (表四, with
15 number columns, in 小五). python-docx is imported here only, and this module only when rendering Word.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from drafter.document import Report
from drafter.render.compose import Block, Kind, compose
from drafter.render.layout import Align, Grid

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_2 = Pt(22)  # 2号
SIZE_3 = Pt(16)  # 3号
SIZE_4 = Pt(14)  # 4号
SIZE_5 = Pt(10.5)  # 五号
SIZE_SMALL_5 = Pt(9)  # 小五
LINE = Pt(28)
TEXT_WIDTH_MM = 210 - 28 - 26
TITLE_CHARS_PER_LINE = 20  # 156 mm at 22 pt


def _fonts(target: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set a run's or style's fonts; Word keeps East Asian and Latin fonts apart."""
    target.font.name = latin
    rpr = target.element.get_or_add_rPr() if hasattr(target.element, "get_or_add_rPr") else target._r.get_or_add_rPr()
    fonts = rpr.rFonts if rpr.rFonts is not None else rpr._add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _run(paragraph: Any, text: str, font: str, size: Any, latin: str = LATIN_FONT) -> Any:
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.name = latin
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.rFonts if rpr.rFonts is not None else rpr._add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    return run


def _body_format(paragraph: Any, *, indent: bool = True, align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = align
    if indent:
        # Two characters whatever the font size: firstLineChars is in hundredths of a character.
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
        fmt.first_line_indent = Pt(32)


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28 - 7)  # the page number sits 7 mm below the text block
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = SIZE_3
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    document.core_properties.language = "zh-CN"
    _page_numbers(document, section)


def _page_number_paragraph(paragraph: Any, align: Any) -> None:
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # One character inset from the outer edge (GB/T 9704 §7.5).
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_4
    else:
        fmt.left_indent = SIZE_4
    _run(paragraph, "— ", TABLE_FONT, SIZE_4, latin=TABLE_FONT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = _run(paragraph, "1", TABLE_FONT, SIZE_4, latin=TABLE_FONT)._r
    paragraph._p.remove(inner)
    field.append(inner)
    paragraph._p.append(field)
    _run(paragraph, " —", TABLE_FONT, SIZE_4, latin=TABLE_FONT)


def _page_numbers(document: Any, section: Any) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


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


def _title(document: Any, text: str) -> None:
    paragraph = document.add_paragraph()
    _body_format(paragraph, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.line_spacing = Pt(36)
    for i, line in enumerate(title_lines(text)):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        _run(paragraph, line, TITLE_FONT, SIZE_2, latin=TITLE_FONT)
    _body_format(document.add_paragraph(), indent=False)  # one blank line under the title


def _paragraph(document: Any, block: Block) -> None:
    paragraph = document.add_paragraph()
    _body_format(paragraph)
    if block.kind is Kind.HEADING:
        _run(paragraph, block.text, HEADING_FONT, SIZE_3)
        return
    if block.head:
        _run(paragraph, block.head, SUBHEADING_FONT, SIZE_3)
    if block.rest:
        _run(paragraph, block.rest, BODY_FONT, SIZE_3)


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _cell_xml(text: str, *, width: int, colspan: int, vmerge: str | None, align: Align, size: int) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if colspan > 1:
        props += f'<w:gridSpan w:val="{colspan}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    jc = "left" if align is Align.LEFT else "center"
    run = ""
    if text:
        run = (f'<w:r><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{TABLE_FONT}"/>'
               f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
               f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
    paragraph = (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                 f'<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="{jc}"/></w:pPr>{run}</w:p>')
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"


def table_xml(grid: Grid) -> str:
    """A grid as a ``w:tbl`` element: merged cells as gridSpan/vMerge, borders, fixed column widths."""
    size = round((SIZE_SMALL_5 if grid.columns > 10 else SIZE_5).pt * 2)
    widths = grid.widths or (1 / grid.columns,) * grid.columns
    cols = [_twips(TEXT_WIDTH_MM * w) for w in widths]
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(cols)}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
           f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           '</w:tblPr><w:tblGrid>' + "".join(f'<w:gridCol w:w="{w}"/>' for w in cols) + "</w:tblGrid>"]
    # (row, column) → (colspan, rows still covered below) of a vertically merged cell's origin.
    below: dict[int, tuple[int, int]] = {}
    for r, line in enumerate(grid.matrix()):
        out.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if r < grid.header_rows else ""))
        c = 0
        while c < grid.columns:
            cell = line[c]
            if cell is not None:
                vmerge = "restart" if cell.rowspan > 1 else None
                if cell.rowspan > 1:
                    below[c] = (cell.colspan, cell.rowspan - 1)
                out.append(_cell_xml(cell.text, width=sum(cols[c:c + cell.colspan]), colspan=cell.colspan,
                                     vmerge=vmerge, align=cell.align, size=size))
                c += cell.colspan
            elif c in below:
                span, left = below[c]
                out.append(_cell_xml("", width=sum(cols[c:c + span]), colspan=span, vmerge="continue",
                                     align=Align.CENTER, size=size))
                if left > 1:
                    below[c] = (span, left - 1)
                else:
                    del below[c]
                c += span
            else:  # covered by a cell to the left (gridSpan)
                c += 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _table(document: Any, grid: Grid) -> None:
    body = document.element.body
    body.sectPr.addprevious(parse_xml(table_xml(grid)))
    spacer = document.add_paragraph()
    _body_format(spacer, indent=False)


def render_docx(report: Report) -> bytes:
    """The whole report as the bytes of a .docx file."""
    document = Document()
    _setup(document)
    for block in compose(report):
        if block.kind is Kind.TITLE:
            _title(document, block.text)
        elif block.kind is Kind.TABLE:
            assert block.grid is not None
            _table(document, block.grid)
        else:
            _paragraph(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
