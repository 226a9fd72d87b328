"""Table rows printed as lines of text: a known row label followed by its numbers, separated by spaces.

This is how a PDF without ruling lines, ``pdftotext`` output or a carelessly copied table reads
(“一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21”). Only lines whose label is a known row label (or that hold
nothing but numbers) become table rows, so prose that ends in a number stays prose.
"""

from __future__ import annotations

import re

from drafter.figures import labels as L
from drafter.read.assemble import is_value_text
from drafter.read.blocks import Block, Paragraph, Table
from drafter.read.match import match_by_words, match_sub_row, match_table2_label, read_marker
from drafter.read.text import split_pipe_row

_MAX_LABEL = 60
_PIECES = re.compile(r"(?=（[一二三四五六七]）)|(?<=[^\d.．])(?=\d{1,2}[.、．][^\d])")


def row_of_line(text: str) -> list[str | None] | None:
    """The cells of a line that is a table row, or None for prose."""
    if " | " in text or "\t" in text.strip():
        return _row_of_cells(text)
    tokens = text.split()
    k = len(tokens)
    while k > 0 and is_value_text(tokens[k - 1]):
        k -= 1
    values = tokens[k:]
    if not values or not any(v.strip() for v in values):
        return None
    label = "".join(tokens[:k])
    if not label:
        return list(values) if len(values) >= 5 else None
    if len(label) > _MAX_LABEL:
        return None
    # “三、本年度办理结果（一）予以公开”, “（四）无法提供1.本机关不掌握…”: one cell per label, as printed.
    pieces = [p for p in _PIECES.split(label) if p]
    if not any(_is_row_label(p) for p in pieces):
        return None
    return [*pieces, *values]


def _row_of_cells(text: str) -> list[str | None] | None:
    """A row typed with `` | `` or tabs between cells inside a paragraph (a text table pasted into Word or a page)."""

    cells: list[str | None] = list(split_pipe_row(text) if " | " in text else
                                   [c.strip() for c in text.strip().split("\t")])
    labels = [c for c in cells if c and not is_value_text(c)]
    if not labels:
        return cells if len(cells) >= 5 else None
    if len("".join(labels)) > _MAX_LABEL * 2:
        return None
    known = any(_is_row_label(c) for c in labels) or any(
        word in "".join(labels) for word in ("信息内容", "勾稽关系", "申请人情况", "自然人", "结果维持", "行政复议"))
    return cells if known or any(c.startswith("第二十条") for c in labels) else None


def _is_row_label(label: str) -> bool:
    if match_table2_label(label):
        return True
    if len(label) <= 20 and any(word in label for word in ("行政复议", "直接起诉", "复议后起诉")):
        return True
    marker = read_marker(label)
    if marker.kind == "top" and marker.number in "一二四" and match_by_words(marker.body):
        return True
    if marker.kind == "group" and match_by_words(marker.body):
        return True
    if marker.kind == "sub":
        # Without the group at hand, any group whose sub-row of this number reads alike will do.
        return any(match_sub_row(group, marker) is not None for group in (None, *L.T3_GROUPS))
    if marker.kind == "none":
        match = match_by_words(marker.body)
        return match is not None and match.exact
    return False


def promote_row_lines(blocks: list[Block]) -> list[Block]:
    """Paragraphs that are table rows become tables (consecutive rows, one table)."""
    out: list[Block] = []
    for block in blocks:
        row = row_of_line(block.text) if isinstance(block, Paragraph) and block.level == 0 else None
        if row is None:
            out.append(block)
            continue
        previous = out[-1] if out else None
        if isinstance(previous, Table) and previous.from_lines:
            previous.rows.append(row)
            previous.end = block.end
        else:
            out.append(Table([row], block.start, block.end, from_lines=True))
    return out


# ------------------------------------------------------------------------------------------ one cell per line

_T2_WIDTH_DEFAULT = 3
_T3_ROW_WIDTH = 7
_HEADER_STARTS = ("信息内容", "申请人情况", "自然人", "商业企业", "商业")


def group_cells(blocks: list[Block]) -> list[Block]:
    """Tables printed one cell per line or per paragraph, put back into rows.

    A row starts at a row label (规章, 一、本年新收…, （一）予以公开 …), a 表二 caption or a header; its numbers follow.
    A bare “|” is a blank cell while the row still lacks numbers for its columns (the header's width for 表二,
    seven for 表三), else it separates rows; “||” padding ends a row.
    """
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.cells:
            out.append(Table(_rows_of_tokens([r[0] or "" for r in block.rows]), block.start, block.end))
        else:
            out.append(block)
    return out


def _rows_of_tokens(tokens: list[str]) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    values = 0
    width: int | None = None
    t2_width = _T2_WIDTH_DEFAULT

    def flush() -> None:
        nonlocal row, values, width
        if row:
            rows.append(row)
        row, values, width = [], 0, None

    for token in tokens:
        if token == "||":
            flush()
            continue
        if token == "|":
            if row and width is not None and values < width:
                row.append("")
                values += 1
                if values >= width:
                    flush()
            else:
                flush()
            continue
        if is_value_text(token):
            if not row:
                row = []  # numbers without a label (表四's fifteen): a row of their own
            row.append(token)
            values += 1
            if width is not None and values >= width:
                flush()
            continue
        if row and (values or _opens_row(token)):
            if row and row[0] == "信息内容":
                t2_width = max(1, len(row) - 1)
            flush()
        row.append(token)
        if len(row) == 1 or width is None:
            width = _width_of(token, t2_width)
    if row and row[0] == "信息内容":
        t2_width = max(1, len(row) - 1)
    flush()
    return rows


def _opens_row(label: str) -> bool:
    return bool(_is_row_label(label) or label.startswith(("第二十条", "（本列数据", "(本列数据")) or
                label in _HEADER_STARTS)


def _width_of(label: str, t2_width: int) -> int | None:
    """How many numbers follow a row label: the 表二 header's width, seven for a 表三 row."""
    if match_table2_label(label):
        return t2_width
    if _is_row_label(label) and not label.startswith("三、"):
        return _T3_ROW_WIDTH
    return None
