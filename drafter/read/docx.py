"""Word (.docx) into blocks: paragraphs (headings, automatic numbering) and tables with merged cells.

Merged cells are read from the XML (``w:gridSpan``, ``w:vMerge``) so that a merged header stands once and the
positions it covers are None, exactly like an HTML grid.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from drafter.errors import ImportFailed
from drafter.files import check_zip
from drafter.read.blocks import Block, Paragraph, Table, is_page_footer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九十"


def read_docx_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraphs and tables of a Word document, in reading order."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ImportFailed("缺少 python-docx，无法读取 Word 文件", path=path) from None
    check_zip(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError):
        raise ImportFailed("Word 文件已损坏或不完整，无法打开", path=path,
                           hint="请在 Word 或 WPS 中打开并重新另存为 .docx 后再试") from None
    except Exception as exc:  # lxml syntax errors and the like inside a damaged package
        if type(exc).__name__ in ("XMLSyntaxError", "ParseError"):
            raise ImportFailed("Word 文件内容已损坏，无法读取", path=path,
                               hint="请在 Word 或 WPS 中打开并重新另存为 .docx 后再试") from None
        raise
    numbering = _Numbering(document)
    blocks: list[Block] = []
    _read_body(document, document.element.body, numbering, blocks)
    return blocks


def _read_body(document: Any, container: Any, numbering: _Numbering, blocks: list[Block]) -> None:
    for child in container.iterchildren():
        if child.tag == f"{W}p":
            text = numbering.prefix(child, _style_numbering(document, child)) + _paragraph_text(child)
            for line in text.split("\n"):
                line = line.strip(" \u3000\t")
                if line and not is_page_footer(line):
                    blocks.append(Paragraph(line, level=_heading_level(document, child)))
        elif child.tag == f"{W}tbl":
            rows = table_grid(child)
            if rows:
                blocks.append(Table(rows))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _read_body(document, content, numbering, blocks)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _heading_level(document: Any, p: Any) -> int:
    style = p.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return 0
    style_id = style.get(f"{W}val") or ""
    name = _style_names(document).get(style_id, style_id)
    lowered = name.lower()
    if lowered == "title" or lowered in ("heading 1", "heading1") or name in ("标题", "标题 1"):
        return 1
    match = re.match(r"(?:heading|标题)\s*(\d)", lowered)
    return int(match.group(1)) if match else 0


def _style_numbering(document: Any, p: Any) -> Any:
    """The ``w:numPr`` a paragraph gets from its style (a “List Number” paragraph), when it has none itself."""
    style = p.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return None
    cache = getattr(document, "_drafter_style_numbering", None)
    if cache is None:
        cache = {}
        for node in document.styles.element.iterchildren(f"{W}style"):
            num_pr = node.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                cache[node.get(f"{W}styleId")] = num_pr
        document._drafter_style_numbering = cache
    return cache.get(style.get(f"{W}val"))


def _style_names(document: Any) -> dict[str, str]:
    cached = getattr(document, "_drafter_style_names", None)
    if cached is None:
        cached = {}
        for style in document.styles:
            with contextlib.suppress(AttributeError, ValueError):
                cached[style.style_id] = style.name or style.style_id
        document._drafter_style_names = cached
    return cached


def _cell_text(tc: Any) -> str:
    lines = [_paragraph_text(p).strip(" \u3000\t") for p in tc.iter(f"{W}p")]
    return "\n".join(line for line in lines if line)


def table_grid(tbl: Any) -> list[list[str | None]]:
    """A Word table as a grid: merged cells (gridSpan, vMerge) stand once, covered positions are None."""
    rows: list[list[str | None]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        line: list[str | None] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            line.extend([""] * int(before.get(f"{W}val") or 0))
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            merged = False
            if props is not None:
                grid_span = props.find(f"{W}gridSpan")
                if grid_span is not None:
                    span = max(1, int(grid_span.get(f"{W}val") or 1))
                vmerge = props.find(f"{W}vMerge")
                merged = vmerge is not None and vmerge.get(f"{W}val") in (None, "continue")
            line.append(None if merged else _cell_text(tc))
            line.extend([None] * (span - 1))
        if any(cell for cell in line):
            rows.append(line)
    return rows


class _Numbering:
    """Automatic paragraph numbering (“一、”, “（一）”, “1.”) rebuilt from numbering.xml, as Word shows it."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels = {}
            for lvl in node.iterchildren(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl") or 0)] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "",
                    int(start.get(f"{W}val")) if start is not None else 1)
            abstract[node.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{W}val") or "", {}).items():
                self.levels[(num.get(f"{W}numId") or "", ilvl)] = spec

    def prefix(self, p: Any, inherited: Any = None) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            num_pr = inherited
        if num_pr is None or not self.levels:
            return ""
        num_id_node, ilvl_node = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        num_id = num_id_node.get(f"{W}val") if num_id_node is not None else ""
        ilvl = int(ilvl_node.get(f"{W}val") or 0) if ilvl_node is not None else 0
        spec = self.levels.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, text, start = spec
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for (other_id, other_lvl) in list(self.counters):
            if other_id == num_id and other_lvl > ilvl:
                del self.counters[(other_id, other_lvl)]
        number = self.counters[key]
        label = _format_number(number, fmt)
        return re.sub(r"%\d", label, text) if fmt != "bullet" else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "chineseLegalSimplified", "ideographDigital"):
        if n <= 10:
            return _CN[n]
        if n < 20:
            return "十" + _CN[n - 10]
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)
