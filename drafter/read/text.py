"""Plain text and Markdown into blocks: paragraphs, and tables in any of the forms a copied report takes.

Table forms: the browser copy of the seed (a tab, then one cell per line, rows separated by blank lines, a header
cell broken over several lines); tab-separated rows; rows with `` | `` between cells; Markdown pipe tables.
"""

from __future__ import annotations

import re

from drafter.read.blocks import Block, Paragraph, Table, is_page_footer

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PADDING = " \t\u3000\u00a0\r"
_EMPHASIS = re.compile(r"^(\*\*|__|\*)(.+?)\1$")


def split_lines(text: str) -> list[tuple[str, int, int]]:
    """Lines with the offsets of their first and one-past-last character (line break excluded)."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((body, pos, pos + len(body)))
        pos += len(line)
    return out


def is_pipe_row(line: str) -> bool:
    """A table row written with `` | `` between cells, or a Markdown pipe row."""
    return line.startswith("|") or " | " in line + " " or line.startswith(" |")


def split_pipe_row(line: str) -> list[str]:
    """The cells of a pipe row; a Markdown row (``|`` in the first column) loses its outer pipes."""
    body = line.rstrip()
    if line.startswith("|"):
        body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
    return [cell.strip(_PADDING) for cell in body.split("|")]


def read_text_blocks(text: str) -> list[Block]:
    """Blocks of plain text or Markdown, with offsets into ``text``."""
    lines = split_lines(text)
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line, start, end = lines[i]
        stripped = line.strip(_PADDING)
        if not stripped or is_page_footer(stripped):
            i += 1
            continue
        if line.startswith("\t"):
            j = _tab_block_end(lines, i)
            _add_table(blocks, _tab_rows([ln for ln, _, _ in lines[i:j]]), start, lines[j - 1][2])
            i = j
            continue
        if "\t" in stripped and stripped.count("\t") >= 1 and _is_tsv(stripped):
            j = i
            rows: list[list[str | None]] = []
            while j < n and ("\t" in lines[j][0] or is_page_footer(lines[j][0])):
                if not is_page_footer(lines[j][0]):
                    rows.append([c.strip(_PADDING) for c in lines[j][0].split("\t")])
                j += 1
            _add_table(blocks, rows, start, lines[j - 1][2])
            i = j
            continue
        if _BARS.match(stripped) and i + 1 < n and _cell_run(lines, i + 1):
            i += 1  # a bare “|” before a table printed one cell per line
            continue
        run = _cell_run(lines, i)
        if run:
            tokens, j = run
            _add_table(blocks, [[t] for t in tokens], start, lines[j - 1][2], cells=True)
            i = j
            continue
        if is_pipe_row(line):
            j = i
            rows = []
            last_end = end
            while j < n:
                ln = lines[j][0]
                if is_pipe_row(ln):
                    if not _MD_SEPARATOR.match(ln.strip()):
                        pipe_cells: list[str | None] = list(split_pipe_row(ln))
                        rows.append(pipe_cells)
                    last_end = lines[j][2]
                elif not (is_page_footer(ln) and j + 1 < n and is_pipe_row(lines[j + 1][0])):
                    break
                j += 1
            _add_table(blocks, rows, start, last_end)
            i = j
            continue
        match = _MD_HEADING.match(stripped)
        if match:
            blocks.append(Paragraph(_plain(match.group(2)), start, end, level=len(match.group(1))))
        else:
            blocks.append(Paragraph(_plain(stripped), start, end))
        i += 1
    return blocks


def _plain(text: str) -> str:
    """Markdown emphasis around a whole line (“**一、总体情况**”) is markup, not words."""
    match = _EMPHASIS.match(text)
    return match.group(2).strip() if match else text


def _add_table(blocks: list[Block], rows: list[list[str | None]], start: int, end: int, *,
               cells: bool = False) -> None:
    if rows:
        blocks.append(Table(rows, start, end, cells=cells))


# A line that opens a table printed one cell per line or per paragraph.
_TABLE_ANCHOR = re.compile(r"^\|?\s*(第二十条\s*第\s*[(（][一二三四五六七八九十]+[)）]\s*项|信息内容|[(（]本列数据的勾稽关系)")
_BARS = re.compile(r"^\|+$")
_CELL_LINE = re.compile(r"^\|?\s*([^|]*?)\s*\|\s*(\|[\s|]*)?$")
_PART_HEADING = re.compile(r"^[一二三四五六][、.．]\s*\S{2,30}(情况|事项)$")
_LONG_CELL = 60


def _cell_run(lines: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    """A table printed one cell per line (“规章 |”, bare “|” lines) or one cell per paragraph (blank lines
    between cells): its tokens and the index after it; None when line ``i`` opens no such table."""
    first = lines[i][0].strip(_PADDING)
    if not _TABLE_ANCHOR.match(first):
        return None
    piped = first.endswith("|") and first.count("|") - first.lstrip("|").count("|") <= 1 and \
        len([c for c in first.split("|") if c.strip()]) <= 1
    if piped:
        return _piped_cells(lines, i)
    following = next((ln.strip(_PADDING) for ln, _, _ in lines[i + 1:] if ln.strip(_PADDING)), "")
    return _barred_cells(lines, i) if _BARS.match(following) else _paragraph_cells(lines, i)


def _piped_cells(lines: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    tokens: list[str] = []
    j = i
    while j < len(lines):
        text = lines[j][0].strip(_PADDING)
        if not text:
            j += 1
            continue
        if _BARS.match(text):
            tokens.append("|" if len(text) == 1 else "||")
        else:
            m = _CELL_LINE.match(text)
            if m is None or not m.group(1) or len(m.group(1)) > _LONG_CELL * 2:
                break
            tokens.append(m.group(1))
            if m.group(2):
                tokens.append("||")
        j += 1
    while j > i and not lines[j - 1][0].strip(_PADDING):
        j -= 1
    return (tokens, j) if _enough_cells(tokens) else None


def _barred_cells(lines: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    """A table whose cells are separated by bare “|” lines (“规章”, “|”, “0”, “|” …; a cell may wrap onto a second
    line, “商业” “企业”): the same tokens as the “规章 |” form, where a bar with no cell before it is a blank cell."""
    tokens: list[str] = []
    cell: list[str] = []
    j, end = i, i
    while j < len(lines):
        text = lines[j][0].strip(_PADDING)
        if not text:
            j += 1
            continue
        if _BARS.match(text):
            if cell:
                tokens.append("".join(cell))
                cell = []
            else:
                tokens.append("|" if len(text) == 1 else "||")
            end = j + 1
        elif "|" in text or "。" in text or len(text) > _LONG_CELL or _PART_HEADING.match(text) or len(cell) >= 3:
            break
        else:
            cell.append(text)
        j += 1
    if cell and j == len(lines):  # the last cell of a text that ends without its bar
        tokens.append("".join(cell))
        end = j
    return (tokens, end) if _enough_cells(tokens) else None


def _enough_cells(tokens: list[str]) -> bool:
    """Six cells at least (bars aside): fewer are a line of prose that happens to start like a table."""
    return sum(1 for t in tokens if not t.startswith("|")) >= 6


def _paragraph_cells(lines: list[tuple[str, int, int]], i: int) -> tuple[list[str], int] | None:
    tokens: list[str] = []
    j = i
    cell: list[str] = []
    last = i
    while j < len(lines):
        text = lines[j][0].strip(_PADDING)
        if not text:
            if cell:
                tokens.append("".join(cell))
                cell = []
            j += 1
            continue
        if "。" in text or "|" in text or len(text) > _LONG_CELL or _PART_HEADING.match(text):
            break
        cell.append(text)
        last = j
        j += 1
    if cell:
        tokens.append("".join(cell))
    values = sum(1 for t in tokens if re.fullmatch(r"[\d.,]+|/|-|—|无", t))
    return (tokens, last + 1) if len(tokens) >= 6 and values >= 2 else None


def _is_tsv(line: str) -> bool:
    # A prose line rarely holds a tab between two non-empty pieces of text; a copied table row does.
    return len([c for c in line.split("\t") if c.strip(_PADDING)]) >= 2


# ---------------------------------------------------------------------------------------------- the seed's form


def _tab_block_end(lines: list[tuple[str, int, int]], i: int) -> int:
    """One past the last line of a block of tab-led cells (cells, blank lines, broken header cells)."""
    n = len(lines)
    j = i
    while j < n:
        line = lines[j][0]
        if line.startswith("\t") or not line.strip(_PADDING) or _is_continuation(lines, j):
            j += 1
            continue
        if is_page_footer(line.strip()):
            j += 1
            continue
        break
    while j > i and not lines[j - 1][0].strip(_PADDING):
        j -= 1
    return j


def _is_continuation(lines: list[tuple[str, int, int]], j: int) -> bool:
    """A line without a tab that continues the cell above it (a header cell broken over lines)."""
    line = lines[j][0]
    if line.startswith("\t") or not line.strip(_PADDING):
        return False
    prev = lines[j - 1][0] if j > 0 else ""
    if prev.startswith("\t") and prev.strip(_PADDING):
        return True
    # “结果\n\n维持”: one blank line inside the cell, the next cell follows at once.
    before = lines[j - 2][0] if j > 1 else ""
    after = lines[j + 1][0] if j + 1 < len(lines) else ""
    return (not prev.strip(_PADDING) and before.startswith("\t") and before.strip(_PADDING) != ""
            and after.startswith("\t") and len(line.strip(_PADDING)) <= 8)


def _tab_rows(lines: list[str]) -> list[list[str | None]]:
    """Rows of a tab-led block: each tab starts a cell, a blank line ends a row."""
    one_cell_per_line = all(ln.count("\t") <= 1 for ln in lines if ln.startswith("\t"))
    if not one_cell_per_line:
        return [[c.strip(_PADDING) for c in ln.split("\t")[1:]] for ln in lines if ln.strip(_PADDING)]
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    for k, line in enumerate(lines):
        if line.startswith("\t"):
            row.append(line[1:].strip(_PADDING))
        elif not line.strip(_PADDING):
            following = lines[k + 1] if k + 1 < len(lines) else ""
            inside = following.strip(_PADDING) and not following.startswith("\t")
            if row and not inside:
                rows.append(row)
                row = []
        elif row and not is_page_footer(line):
            row[-1] = f"{row[-1]}\n{line.strip(_PADDING)}" if row[-1] else line.strip(_PADDING)
    if row:
        rows.append(row)
    return rows
