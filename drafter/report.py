"""A report as drafter sees it: metadata, the six narrative parts and the figures, whatever it was read from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from drafter.figures import Figures
from drafter.findings import Finding


class SourceKind(StrEnum):
    """What an input file turned out to be (recognised from its content, never from its name alone)."""

    FIGURES = "figures"  # a figures file (YAML/JSON)
    TEXT = "text"  # plain text copied from a web page, or the corpus's “ | ” rows
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"


@dataclass(slots=True)
class Section:
    """One of the six parts as published: its numeral (一…六), title, body text, and where it sits in the source.

    ``start``/``end`` are character offsets of the whole part (heading included) in ``Report.text`` for text-like
    sources, so that a part can be replaced while every other byte stays as it was.
    """

    numeral: str
    title: str
    text: str
    start: int | None = None
    end: int | None = None

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.title}"


@dataclass(slots=True)
class Report:
    """A report or figures file, read into one shape for checking, diffing and rendering."""

    kind: SourceKind
    figures: Figures | None
    path: Path | None = None
    title: str | None = None
    preface: str = ""
    sections: list[Section] = field(default_factory=list)
    # Findings made while reading (import.uncertain, label typos): defects of the source or of extraction.
    findings: list[Finding] = field(default_factory=list)
    # The full text the offsets of ``sections`` refer to (text, Markdown), when there is one.
    text: str | None = None
    # The year the text states (title, period, a sentence naming the report), for reports without tables.
    stated_year: int | None = None

    def section(self, numeral: str) -> Section | None:
        """The part with this numeral, or None when the report lacks it."""
        return next((s for s in self.sections if s.numeral == numeral), None)

    @property
    def year(self) -> int | None:
        return self.figures.meta.year if self.figures else self.stated_year

    @property
    def agency(self) -> str | None:
        return self.figures.meta.agency if self.figures else None

    @property
    def has_prose(self) -> bool:
        return bool(self.sections)
