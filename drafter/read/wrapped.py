"""Table rows of a PDF without ruling lines whose label cells wrap over several lines.

Narrow label columns break “1.属于国家秘密” into “1.属” on the line with the numbers and “于国”, “家秘”, “密” on
the lines below, column by column (“（三 1.属” / “）不 于国” …). The pieces are put back together per column,
and the row is read like any other; a row that still cannot be recognised stays for the assembler to flag.
"""

from __future__ import annotations

from drafter.read.assemble import is_value_text
from drafter.read.blocks import Block, Paragraph, Table
from drafter.read.match import _t3_bodies, label_form, read_marker
from drafter.text import numbered_heading

_MIN_VALUES = 5  # a 表三 row (7 numbers) or a 表四 block (5); 表二 labels are short and do not wrap
_MAX_PIECE = 24


def _is_heading(text: str) -> bool:
    found = numbered_heading(text)
    return found is not None and len(found[1]) >= 2


def _split(text: str) -> tuple[list[str], list[str]]:
    tokens = text.split()
    k = len(tokens)
    while k > 0 and is_value_text(tokens[k - 1]):
        k -= 1
    return tokens[:k], tokens[k:]


def _complete(label: str) -> bool:
    """True when a label column already reads as a whole label of the format."""
    marker = read_marker(label)
    body = marker.body
    if marker.kind == "none" and any(word in body for word in ("行政复议", "直接起诉", "复议后起诉")):
        return "复议" not in body.replace("行政复议", "", 1) or body.endswith(("起诉", "起诉）", "起诉)"))
    return any(body == canonical or body in shorts for canonical, shorts in _t3_bodies().values())


def _continuation(block: Block) -> list[str] | None:
    if not isinstance(block, Paragraph) or block.level > 0:
        return None
    labels, values = _split(block.text)
    if values or not labels or len(label_form(block.text)) > _MAX_PIECE or _is_heading(block.text):
        return None
    return labels


def join_wrapped_rows(blocks: list[Block]) -> list[Block]:
    """Rows whose label cells wrap over the following lines, rebuilt as table rows."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        labels, values = _split(block.text) if isinstance(block, Paragraph) and block.level <= 0 else ([], [])
        if len(values) < _MIN_VALUES or not labels or len("".join(labels)) > _MAX_PIECE or all(
                _complete(label) for label in labels):
            out.append(block)
            i += 1
            continue
        first = list(labels)
        j = i + 1
        end = block.end
        while j < len(blocks) and not all(_complete(label) for label in labels):
            pieces = _continuation(blocks[j])
            if pieces is None:
                break
            _append(labels, pieces)
            end = blocks[j].end
            j += 1
        # A column that still reads as no label keeps its first piece, which the assembler matches as the start
        # of a label (pieces of a vertical “三、本年度办理结果” must not be glued to the next row's label).
        cells: list[str | None] = [label if _complete(label) else piece for label, piece in zip(labels, first,
                                                                                              strict=True)]
        row = [*cells, *values]
        previous = out[-1] if out else None
        if isinstance(previous, Table) and previous.from_lines:
            previous.rows.append(row)
            previous.end = end
        else:
            out.append(Table([row], block.start, end, from_lines=True))
        i = j
    return out


def _append(labels: list[str], pieces: list[str]) -> None:
    if len(pieces) >= len(labels):
        for k in range(len(labels) - 1):
            labels[k] += pieces[k]
        labels[-1] += "".join(pieces[len(labels) - 1:])
        return
    # Fewer pieces than columns: they belong to the columns still being written, the last ones first.
    open_columns = [k for k, label in enumerate(labels) if not _complete(label)] or [0]
    start = open_columns[-len(pieces)] if len(pieces) <= len(open_columns) else open_columns[0]
    for k, piece in enumerate(pieces):
        labels[min(start + k, len(labels) - 1)] += piece
