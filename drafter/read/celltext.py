"""One table cell's text as published into the figures model's ``{value, raw}`` form."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from drafter.figures import parse_cell_text

_UNIT = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?)(万元|元|件|个|条|项)$")


def cell_data(text: str | None) -> dict[str, Any]:
    """``{"value": …, "raw": …}`` for a cell: blank, “/”, “无” and text keep value None; a unit is kept in raw."""
    if text is None:
        return {"value": None, "raw": ""}
    raw = text.strip(" \t\r\n\u3000\u00a0")
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    match = _UNIT.match(flat)
    if match:
        number = match.group(1).replace(",", "")
        value: int | float = float(number) if "." in number else int(number)
        return {"value": value, "raw": raw}
    data = parse_cell_text(raw, strict=False)
    return data


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip(" \t\r\n\u3000\u00a0")
