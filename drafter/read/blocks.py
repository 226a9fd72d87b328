"""The common shape every reader produces: paragraphs and table grids, in document order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A page number printed as a footer: “- 3 -”, “— 3 —”, “第 3 页”, “3 / 12”.
PAGE_FOOTER = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


@dataclass(slots=True)
class Paragraph:
    """A line or paragraph of text; ``start``/``end`` are offsets into the source text when there is one."""

    text: str
    start: int | None = None
    end: int | None = None
    # A heading as marked up by the source (Markdown ``#``, HTML ``<h1>``, a Word heading style): its level.
    level: int = 0


@dataclass(slots=True)
class Table:
    """A table as a grid: each row a list of cell texts; ``None`` marks a position covered by a merged cell."""

    rows: list[list[str | None]] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    # Rows read from lines of text (label, then numbers separated by spaces) rather than from table markup.
    from_lines: bool = False
    # One cell per line or per paragraph, as web pages give a table when copied: each row is one token (a cell's
    # text, ``|`` for a bare bar, ``||`` for padding) until :func:`drafter.read.lines.group_cells` builds the rows.
    cells: bool = False


Block = Paragraph | Table


def is_page_footer(text: str) -> bool:
    """True for a printed page number such as “- 3 -”."""
    return bool(PAGE_FOOTER.match(text))
