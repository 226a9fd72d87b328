"""One report of a batch as reviewed: its findings (and the silenced ones), who wrote it, or why it could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.findings import Finding
from drafter.review.ignore import Ignore


@dataclass(frozen=True, slots=True)
class Options:
    """What every report of a batch is checked with (picklable: it travels to the workers)."""

    figures_file: str | None = None
    previous_file: str | None = None
    ignores: tuple[Ignore, ...] = ()
    page: bool = False  # render each report's annotated fragment for the HTML review


@dataclass(slots=True)
class Reviewed:
    """One report's outcome: who wrote it, its findings (and the silenced ones), or why it could not be read."""

    file: str
    index: int = 0
    findings: list[Finding] = field(default_factory=list)
    ignored: list[tuple[Finding, Ignore]] = field(default_factory=list)
    error: str | None = None
    agency: str | None = None
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    title: str | None = None
    fragment: str = ""  # the report's annotated HTML section (Options.page)
