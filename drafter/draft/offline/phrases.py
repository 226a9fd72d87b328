"""The phrasing tables (``drafter/data/offline-phrases.yaml``) and the deterministic choice among phrasings."""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from drafter.datafile import DATA_DIR, load_data_file
from drafter.draft.factsheet import FactSheet

PHRASES_PATH = DATA_DIR / "offline-phrases.yaml"

ORDINALS = "一二三四五六七八九十"


# ------------------------------------------------------------------------------------------ the file's model
# Every key the engine asks for (``Writer.say("overview.proactive.fees")``) is a field here, so that a misspelt or
# missing key in the file is an error naming its line when the file is loaded, not a KeyError halfway through a draft.

Phrasings = Annotated[list[str], Field(min_length=1)]  # one sentence, said several ways


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Proactive(_Strict):
    total_exact: Phrasings
    total_partial: Phrasings
    total_plain: Phrasings
    channels: Phrasings
    interpretations: Phrasings
    regulations_issued: Phrasings
    regulations_none: Phrasings
    table2_none: Phrasings
    decisions: Phrasings
    decisions_none: Phrasings
    fees: Phrasings


class OnRequest(_Strict):
    procedure: Phrasings
    none: Phrasings
    received: Phrasings
    results: Phrasings
    detail: Phrasings
    cases_none: Phrasings
    review: Phrasings
    review_none: Phrasings
    suits: Phrasings
    suits_none: Phrasings


class Management(_Strict):
    generic: Phrasings
    repealed: Phrasings
    repealed_both: Phrasings


class Platforms(_Strict):
    website: Phrasings
    portal: Phrasings
    new_columns: Phrasings


class Oversight(_Strict):
    generic: Phrasings
    training: Phrasings
    accountability_none: Phrasings
    accountability: Phrasings
    assessment_intro: Phrasings


class Overview(_Strict):
    """Part 一."""

    lead: Phrasings
    aim: Phrasings
    proactive: Proactive
    on_request: OnRequest
    management: Management
    platforms: Platforms
    oversight: Oversight


class CatalogEntry(_Strict):
    problem: Phrasings
    measure: Phrasings


class Catalog(_Strict):
    """Problems the figures give evidence of, each with its measure."""

    interpretation_gap: CatalogEntry
    concentrated: CatalogEntry
    no_requests: CatalogEntry
    corrected: CatalogEntry
    carry_forward: CatalogEntry
    unable: CatalogEntry
    petition: CatalogEntry
    no_training: CatalogEntry
    timeliness: CatalogEntry
    depth: CatalogEntry


class Problems(_Strict):
    """Part 五."""

    previous_intro: Phrasings
    previous_item: Phrasings
    previous_pending: Phrasings
    problems_intro: Phrasings
    measures_intro: Phrasings
    catalog: Catalog
    user_measure_fallback: Phrasings


class PhraseFile(_Strict):
    """The whole of ``offline-phrases.yaml``."""

    overview: Overview
    problems: Problems


@functools.cache
def phrasebook() -> dict[str, Any]:
    """The phrase file, validated and read once per process, as nested dicts (looked up by dotted key)."""
    return load_data_file(PHRASES_PATH, PhraseFile, what="起草用语文件").model_dump()


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
