"""The report as Markdown: ``# title``, parts as ``## 一、总体情况``, tables as pipe tables.

Pipe tables cannot merge cells, so a merged label is written once in its first position and the covered positions
stay empty — the same shape as a published table copied as text. The first pipe row holds the top header row;
the remaining header rows follow the separator as ordinary rows, as they would in a copied table.
"""

from __future__ import annotations

from drafter.render.compose import Kind, RenderBlock, compose
from drafter.render.layout import Grid
from drafter.report import Report


def _escape(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def grid_to_markdown(grid: Grid) -> str:
    """A grid as a pipe table (merged cells written once, covered positions empty)."""
    lines = []
    for r, line in enumerate(grid.matrix()):
        cells = [_escape(cell.text) if cell is not None else "" for cell in line]
        lines.append("| " + " | ".join(cells) + " |")
        if r == 0:
            lines.append("|" + "|".join(["---"] * grid.columns) + "|")
    return "\n".join(lines)


def _block(block: RenderBlock) -> str:
    if block.kind is Kind.TITLE:
        return f"# {block.text}"
    if block.kind is Kind.HEADING:
        return f"## {block.text}"
    if block.kind is Kind.TABLE:
        assert block.grid is not None
        return grid_to_markdown(block.grid)
    return block.text


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document."""
    return "\n\n".join(_block(b) for b in compose(report)) + "\n"
