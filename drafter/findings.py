"""Findings: what every rule, the checker and the importer report (shape fixed by docs/CLI.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Stable rule ids (docs/CLI.md). New ids may be added; these keep their meaning.
TABLE_BALANCE = "table.balance"
TABLE_SUM = "table.sum"
TABLE_BLANK = "table.blank"
TABLE_NEGATIVE = "table.negative"
TABLE_PLAUSIBLE = "table.plausible"
CROSSYEAR_CARRYOVER = "crossyear.carryover"
CROSSYEAR_IN_FORCE = "crossyear.in_force"
META_YEAR = "meta.year"
PROSE_TABLE_MISMATCH = "prose.table_mismatch"
PROSE_INCONSISTENT = "prose.inconsistent"
PROSE_YEAR = "prose.year"
PROSE_PLACEHOLDER = "prose.placeholder"
STRUCTURE_SECTION = "structure.section"
STRUCTURE_OLD_FORMAT = "structure.old_format"
DIFF_COPIED = "diff.copied"
IMPORT_UNCERTAIN = "import.uncertain"


@dataclass(slots=True)
class Finding:
    """One problem found in a figures file or a report."""

    rule: str
    severity: Severity
    message: str
    section: str | None = None
    location: str | None = None
    quote: str | None = None
    expected: int | float | str | None = None
    actual: int | float | str | None = None
    # Where the defect comes from when it is not the text itself (e.g. "source" for a defect of the published report).
    extra: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of docs/CLI.md: always rule, severity, message; the rest only when set."""
        out: dict[str, object] = {"rule": self.rule, "severity": str(self.severity), "message": self.message}
        for key in ("section", "location", "quote", "expected", "actual"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out.update(self.extra)
        return out


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings by severity: ``{"error": n, "warning": n, "info": n}``."""
    counts = Counter(str(f.severity) for f in findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error (exit code 1)."""
    return any(f.severity is Severity.ERROR for f in findings)


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable otherwise."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])
