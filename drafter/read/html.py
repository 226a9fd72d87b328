"""HTML pages into blocks: real ``<table>`` grids (rowspan/colspan expanded), paragraphs in reading order.

The report may sit inside a full government page (navigation, breadcrumbs, footers, layout tables): layout tables
are read as containers, and the parts are found by their headings, so the page around them does not matter.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from drafter.errors import ImportFailed, InputError
from drafter.files import decode
from drafter.read.blocks import Block, Paragraph, Table, is_page_footer
from drafter.read.sections import agency_of

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select", "button", "input"}
_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "dl", "form", "center", "tr",
          "caption", "figure", "figcaption", "hr", "address", "body", "html"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def read_html_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraphs and tables of an HTML page, in reading order."""
    import lxml.html
    from lxml import etree

    try:
        text = decode(data, path, declared=_declared(data), lenient=True)[0].removeprefix("\ufeff")
    except InputError as exc:
        raise ImportFailed(exc.message, path=path, hint=exc.hint) from None
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # huge_tree: libxml2 otherwise stops silently at 256 nested elements and drops a text over 10 MB.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise ImportFailed("网页内容为空或无法解析", path=path, hint="请确认文件是完整保存的网页（.html）") from None
    _check_complete(root, text, path)
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


def _declared(data: bytes) -> str | None:
    declared = _CHARSET.search(data[:4096])
    return declared.group(1).decode("ascii", "ignore") if declared else None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _check_complete(root: Any, text: str, path: Path) -> None:
    """Refuse a page whose text the parser dropped (nested too deep even for huge_tree): never read it as empty."""
    written = len(_CJK.findall(text))
    if written < 200:
        return
    parsed = len(_CJK.findall(root.text_content()))
    if parsed < written * 0.5:
        raise ImportFailed(f"网页结构异常（标签嵌套层数过多），只读出了约 {parsed} 个汉字，原文约有 {written} 个",
                           path=path, hint="请在浏览器中打开该网页，全选复制正文另存为文本文件（.txt）后再试")


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

    def walk(self, root) -> None:
        # Iterative, not recursive: a page may nest its text thousands of elements deep.
        stack: list[tuple[Any, bool | None]] = [(root, None)]
        while stack:
            element, closing = stack.pop()
            if closing is not None:
                if closing:
                    self.flush()
                self.buffer.append(element.tail or "")
                continue
            if not isinstance(element.tag, str):  # a comment (Word's <!--[if gte mso 9]>…) or a processing instruction
                self.buffer.append(element.tail or "")
                continue
            tag = element.tag.lower()
            if tag in _SKIP or _hidden(element):
                self.buffer.append(element.tail or "")
                continue
            if tag == "table" and not _is_layout_table(element):
                self.flush()
                rows = table_grid(element)
                if rows:
                    self.blocks.append(Table(rows))
                self.buffer.append(element.tail or "")
                continue
            block = tag in _BLOCK or tag in ("td", "th", "table")
            if block:
                self.flush()
                if tag in ("h1", "h2", "h3"):
                    self.level = int(tag[1])
            if tag == "br":
                self.buffer.append("\n")
            self.buffer.append(element.text or "")
            stack.append((element, block))
            stack.extend((child, None) for child in reversed(list(element)))


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
    parts: list[str] = [cell.text or ""]
    # Iterative, like the walker: a cell may nest its text thousands of elements deep.
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(list(cell))]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(node.tail or "")
            continue
        if not isinstance(node.tag, str) or node.tag.lower() in _SKIP:
            parts.append(node.tail or "")
            continue
        tag = node.tag.lower()
        if tag == "br" or tag in ("p", "div") and parts:
            parts.append("\n")
        parts.append(node.text or "")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))
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
