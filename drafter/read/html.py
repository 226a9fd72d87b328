"""HTML pages into blocks: real ``<table>`` grids (rowspan/colspan expanded), paragraphs in reading order.

The report may sit inside a full government page (navigation, breadcrumbs, footers, layout tables): layout tables
are read as containers, and the parts are found by their headings, so the page around them does not matter.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import ImportFailed
from drafter.read.blocks import Block, Paragraph, Table, is_page_footer
from drafter.read.sections import agency_of

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button", "input"}
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "dl", "form", "center", "tr",
          "caption", "figure", "figcaption", "hr", "address", "body", "html"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def decode_html(data: bytes) -> str:
    """The page as text: BOM, then the declared charset, then UTF-8, then GB18030 (GBK, GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read_html_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraphs and tables of an HTML page, in reading order."""
    import lxml.html
    from lxml import etree

    text = decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ImportFailed("网页内容为空或无法解析", path=path, hint="请确认文件是完整保存的网页（.html）") from None
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    page_title = _page_title(root.findtext(".//title") or "")
    shown = next(((i, b) for i, b in enumerate(walker.blocks[:60])
                  if isinstance(b, Paragraph) and "年度报告" in b.text and len(b.text) <= 80), None)
    if page_title and shown is None:
        walker.blocks.insert(0, Paragraph(page_title, level=1))
    elif page_title and shown is not None and _names_more(page_title, shown[1].text):
        # The page's own heading leaves out the agency (“2024年度政府信息公开工作年度报告”) that <title> names:
        # the title goes first, so that the site's menu above the heading is not taken for the agency's name.
        walker.blocks.insert(shown[0], Paragraph(page_title, level=1))
    return walker.blocks


def _names_more(page_title: str, heading: str) -> bool:
    """True when the page title is the heading with the agency's name in front."""
    title, shown = page_title.replace(" ", ""), heading.strip().replace(" ", "")
    return title != shown and title.endswith(shown) and agency_of(title) is not None and not agency_of(shown)


def _page_title(title: str) -> str:
    """The report's title from the page's ``<title>``, without the site's name (“…年度报告_某县人民政府”)."""
    for piece in re.split(r"\s*[_|｜]\s*|\s+-\s+|\s+—\s+", title.strip()):
        if "报告" in piece:
            return piece.strip()
    return ""


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.level = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer))
        self.buffer = []
        for line in text.split("\n"):
            line = line.strip(" \u3000")
            if line and not is_page_footer(line):
                self.blocks.append(Paragraph(line, level=self.level))
        self.level = 0

    def walk(self, element) -> None:
        if not isinstance(element.tag, str):  # a comment (Word's <!--[if gte mso 9]>…) or a processing instruction
            self.buffer.append(element.tail or "")
            return
        tag = element.tag.lower()
        if tag in _SKIP or _hidden(element):
            self.buffer.append(element.tail or "")
            return
        if tag == "table" and not _is_layout_table(element):
            self.flush()
            rows = table_grid(element)
            if rows:
                self.blocks.append(Table(rows))
            self.buffer.append(element.tail or "")
            return
        block = tag in _BLOCK or tag in ("td", "th", "table")
        if block:
            self.flush()
            if tag in ("h1", "h2", "h3"):
                self.level = int(tag[1])
        if tag == "br":
            self.buffer.append("\n")
        self.buffer.append(element.text or "")
        for child in element:
            self.walk(child)
        if block:
            self.flush()
        self.buffer.append(element.tail or "")


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _is_layout_table(table) -> bool:
    """A table used for page layout: it holds other tables or long paragraphs of prose."""
    if table.find(".//table") is not None:
        return True
    text = table.text_content()
    return len(text) > 3000 and text.count("。") > 20


def _cell_text(cell) -> str:
    parts: list[str] = []

    def visit(node) -> None:
        if not isinstance(node.tag, str):
            parts.append(node.tail or "")
            return
        tag = node.tag.lower()
        if tag in _SKIP:
            parts.append(node.tail or "")
            return
        if tag == "br" or tag in ("p", "div") and parts:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            visit(child)
        parts.append(node.tail or "")

    parts.append(cell.text or "")
    for child in cell:
        visit(child)
    text = _SPACES.sub(" ", "".join(parts))
    return "\n".join(line.strip(" \u3000") for line in text.split("\n") if line.strip(" \u3000"))


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", cell.get(name, "1")) or 1), 200))
    except ValueError:
        return 1


def table_grid(table) -> list[list[str | None]]:
    """The table as a grid; positions covered by a rowspan/colspan are None, the merged text stands once."""
    rows = [tr for tr in table.iter("tr") if _own_row(tr, table)]
    grid: dict[tuple[int, int], str | None] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = None
            grid[(r, c)] = _cell_text(cell)
            c += colspan
            width = max(width, c)
    out = []
    for r in range(len(rows)):
        line = [grid.get((r, c)) if (r, c) in grid else "" for c in range(width)]
        if any(cell for cell in line):
            out.append(line)
    return out


def _own_row(tr, table) -> bool:
    parent = tr.getparent()
    while parent is not None and parent is not table:
        if isinstance(parent.tag, str) and parent.tag.lower() == "table":
            return False
        parent = parent.getparent()
    return True
