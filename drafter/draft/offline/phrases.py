"""The phrasing tables (``drafter/data/offline-phrases.yaml``) and the deterministic choice among phrasings."""

from __future__ import annotations

import functools
import hashlib
import re
from importlib import resources
from typing import Any

from drafter.draft.factsheet import FactSheet

ORDINALS = "一二三四五六七八九十"


@functools.cache
def phrasebook() -> dict[str, Any]:
    """The parsed phrase file (read once per process)."""
    import yaml

    text = resources.files("drafter").joinpath("data/offline-phrases.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


class Writer:
    """Picks phrasings for one report: the same agency, year and variant always pick the same ones."""

    def __init__(self, sheet: FactSheet, variant: int = 0) -> None:
        self.sheet = sheet
        self.variant = variant
        self.base = {"we": sheet.self_name, "agency": sheet.agency, "year": sheet.year}

    def choices(self, key: str) -> list[str]:
        node: Any = phrasebook()
        for part in key.split("."):
            node = node[part]
        return node

    def index(self, key: str, count: int) -> int:
        seed = f"{self.sheet.agency}|{self.sheet.year}|{key}".encode()
        digest = int.from_bytes(hashlib.sha256(seed).digest()[:8], "big")
        # A variant shifts every choice by one, so that variants differ sentence by sentence.
        return (digest + self.variant) % count

    def say(self, key: str, *, repeat: int = 0, **values: Any) -> str:
        """One phrasing of ``key`` with its placeholders filled (a missing value is a programming error).

        ``repeat`` is how often the sentence was used before in this text: each use takes the next phrasing.
        """
        options = self.choices(key)
        template = options[(self.index(key, len(options)) + repeat) % len(options)]
        return template.format_map({**self.base, **values})


def ordinal(i: int) -> str:
    """一是, 二是 … for the i-th item (0-based)."""
    return f"{ORDINALS[i] if i < len(ORDINALS) else str(i + 1)}是"


def join_list(parts: list[str]) -> str:
    """``a、b和c`` for names."""
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]


# A point that already names who acted (or when) reads as a sentence; others get the unit as their subject.
_SUBJECTS = ("我", "本机关", "本单位", "全年", "年内", "本年", "今年", "截至")
_SPACE_IN_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\s*(\d+(?:\.\d+)?)\s*(?=[\u4e00-\u9fff])")


def clean_note(note: str) -> str:
    """A point from the figures file as a clause: trimmed, no end punctuation, no spaces around numbers."""
    text = _SPACE_IN_NUMBER.sub(r"\1", note.strip())
    return text.rstrip("。；;，,. ")


def notes_sentence(we: str, notes: list[str]) -> str:
    """Points from the figures file joined into one sentence in the unit's voice."""
    clauses = [clean_note(n) for n in notes if clean_note(n)]
    if not clauses:
        return ""
    glue = "；" if any("，" in c for c in clauses) else "，"
    head = clauses[0]
    if not head.startswith(_SUBJECTS) and not head.startswith(we):
        head = we + head
    return glue.join([head, *clauses[1:]]) + "。"
