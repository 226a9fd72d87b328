"""Line breaking of Chinese text for the terminal, by display width (a Chinese character takes two columns).

Terminal libraries break lines only at spaces, and fold a longer run anywhere, so in Chinese a number comes loose
from its label (“本年制发件数⏎2”) or is cut in two (“1⏎80”). Here a line may break between two Chinese
characters or at a space, but never inside a number, Latin word or option, never between a number and the
characters on either side of it (“数2件” stays together), never before closing punctuation (，。）” …) and never after an
opening one (（“《).
"""

from __future__ import annotations

import re
from typing import Any

# An option (“--previous”), a number (“1,234”, “7730.28”, “+352.4%”, “1–3”) or a Latin word (a rule id, a file
# name, a web address); a number is also held to the characters beside it, a word is not.
_TOKEN = re.compile(r"--?[A-Za-z][A-Za-z0-9_\-]*|[A-Za-z0-9][A-Za-z0-9_.,:/@%+\-–~]*[A-Za-z0-9%]|[A-Za-z0-9]|[ \t]+|.",
                    re.S)
_CLOSING = frozenset("，。、；：？！）》」』】〉”’…%·,.;:!?)]}—")
_OPENING = frozenset("（《「『【〈“‘([{")


def cell_width(text: str) -> int:
    """Columns the text takes in a terminal (wide characters count two)."""
    from rich.cells import cell_len

    return cell_len(text)


def _units(text: str) -> list[str]:
    """The text cut where a line may break; joined, the units give the text back."""
    tokens = _TOKEN.findall(text)
    units: list[str] = []
    for i, token in enumerate(tokens):
        if not units:
            units.append(token)
            continue
        before = tokens[i - 1]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.isspace():  # the space beside a number (“分为 3 小项”) holds it to its words
            glued = _is_number(before) or _is_number(after)
        elif before.isspace():
            glued = _is_number(token) or _is_number(tokens[i - 2] if i > 1 else "")
        else:
            glued = (token[0] in _CLOSING or before[-1] in _OPENING or _is_number(token) or _is_number(before)
                     or _is_word(token[0]) and _is_word(before[-1]))
        if glued:
            units[-1] += token
        else:
            units.append(token)
    return units


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def break_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of one paragraph wrapped to ``width`` columns, spaces at the breaks left out."""
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    start = end = pos = 0
    used = 0
    for unit in _fitting(_units(text), width):
        size = cell_width(unit)
        if unit.isspace():
            if used:  # a space at the end of a line is dropped with the break
                end, used = pos, used + size
            pos += len(unit)
            if not used:
                start = end = pos
            continue
        if used and cell_width(text[start:pos]) + size > width:
            lines.append((start, end))
            start = end = pos
            used = 0
        while cell_width(unit) > width:  # longer than a line (a web address): folded where it must
            cut = _fit(unit, width - cell_width(text[start:pos]) if used else width)
            lines.append((start, pos + cut))
            pos += cut
            unit = unit[cut:]
            start = end = pos
            used = 0
        pos += len(unit)
        end = pos
        used = cell_width(text[start:end])
    if used or not lines:
        lines.append((start, end))
    return _without_widow(text, lines, width)


def _without_widow(text: str, lines: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """A last line of one character (“擎”) takes the last unit of the line above along, when that fits."""
    if len(lines) < 2 or cell_width(text[lines[-1][0]:lines[-1][1]].rstrip("，。；：、！？）”")) > 2:
        return lines
    (a, b), (_, d) = lines[-2], lines[-1]
    units = _units(text[a:b])
    if len(units) < 2 or units[-1].isspace():
        return lines
    cut = b - len(units[-1])
    if cell_width(text[cut:d]) > width or cell_width(text[a:cut]) < cell_width(text[cut:d]):
        return lines
    return lines[:-2] + [(a, a + len(text[a:cut].rstrip())), (cut, d)]


def _fitting(units: list[str], width: int) -> list[str]:
    """Units wider than a line opened at their spaces, the lesser evil before folding them."""
    out: list[str] = []
    for unit in units:
        if " " in unit.strip() and cell_width(unit) > width:
            out.extend(piece for piece in re.split(r"( +)", unit) if piece)
        else:
            out.append(unit)
    return out


def _fit(text: str, width: int) -> int:
    taken = 0
    for i, char in enumerate(text):
        taken += cell_width(char)
        if taken > width:
            return max(i, 1)
    return len(text)


def wrap(text: str, width: int) -> list[str]:
    """The text's lines at ``width`` columns; its own line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(paragraph[a:b] for a, b in break_offsets(paragraph, width))
    return lines


def wrap_styled(text: Any, width: int) -> Any:
    """A rich ``Text`` wrapped the same way, its styles kept, as one Text with line breaks."""
    from rich.text import Text

    out = Text()
    offset = 0
    for i, paragraph in enumerate(text.plain.split("\n")):
        if i:
            out.append("\n")
        for j, (a, b) in enumerate(break_offsets(paragraph, width)):
            if j:
                out.append("\n")
            out.append_text(text[offset + a:offset + b])
        offset += len(paragraph) + 1
    return out
