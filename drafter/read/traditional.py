"""Reports published in traditional characters (a site's 繁體 version of its page): read as simplified.

The conversion is character for character (OpenCC's ``TSCharacters`` table, from ``opencc-python-reimplemented``),
so every offset into the text stays where it was and a quote still points at the same place in the original.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# Characters such reports use often and simplified text never writes: a cheap look before the table is loaded.
_TELLTALE = frozenset("總體況開報書會關國實發這們來為說門區縣務機構請處與資訊條內權費經範點應據職")
_TELLTALE_RE = re.compile("[" + "".join(sorted(_TELLTALE)) + "]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MIN_TELLTALE = 8
_MIN_SHARE = 0.03  # of the CJK characters: a simplified text holds a few convertible ones (著, 乾…), no more


@cache
def _table() -> dict[int, str]:
    """Traditional character -> its first simplified form; empty when the table is not installed."""
    try:
        data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    table: dict[int, str] = {}
    for line in data.splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (and the table to convert it is at hand)."""
    if len(_TELLTALE_RE.findall(text)) < _MIN_TELLTALE:
        return False
    table = _table()
    cjk = len(_CJK.findall(text))
    convertible = sum(1 for ch in text if ord(ch) in table)
    return bool(table) and cjk > 0 and convertible / cjk >= _MIN_SHARE


def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(_table())
