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


class Area(StrEnum):
    """What a rule looks at (the first half of most ids)."""

    TABLES = "tables"
    CROSSYEAR = "crossyear"
    PROSE = "prose"
    STRUCTURE = "structure"
    QUALITY = "quality"
    COPYING = "copying"
    IMPORT = "import"
    DIFF = "diff"
    AGGREGATE = "aggregate"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What is known about a rule besides its id."""

    area: Area
    repairable: bool  # a model asked to rewrite the part can fix it (the repair loop sends it back)
    on_tables: bool  # it speaks of a table cell, so on a published report it may come from the source or extraction


class Rule(StrEnum):
    """Every rule id drafter reports (docs/CLI.md). Ids are stable: new ones may be added, none change meaning."""

    TABLE_BALANCE = "table.balance"
    TABLE_SUM = "table.sum"
    TABLE_BLANK = "table.blank"
    TABLE_NEGATIVE = "table.negative"
    TABLE_PLAUSIBLE = "table.plausible"
    META_YEAR = "meta.year"
    META_CONTACT = "meta.contact"
    FACTS_SUM = "facts.sum"
    CROSSYEAR_CARRYOVER = "crossyear.carryover"
    CROSSYEAR_IN_FORCE = "crossyear.in_force"
    CROSSYEAR_MISMATCH = "crossyear.mismatch"
    PROSE_TABLE_MISMATCH = "prose.table_mismatch"
    PROSE_INCONSISTENT = "prose.inconsistent"
    PROSE_YEAR = "prose.year"
    PROSE_PLACEHOLDER = "prose.placeholder"
    PROSE_UNIT = "prose.unit"
    DRAFT_UNSUPPORTED_NUMBER = "draft.unsupported_number"
    DRAFT_PLACEHOLDER_ON_SHEET = "draft.placeholder_on_sheet"
    DRAFT_NOT_CHINESE = "draft.not_chinese"
    DRAFT_TOO_SHORT = "draft.too_short"
    DRAFT_REPEATED = "draft.repeated"
    DRAFT_UNSUPPORTED_TEXT = "draft.unsupported_text"
    DRAFT_FACT_LIST = "draft.fact_list"
    DRAFT_FIRST_PERSON = "draft.first_person"
    DRAFT_OUTLINE_COPIED = "draft.outline_copied"
    DRAFT_HEADINGS = "draft.headings"
    DRAFT_KEPT_OFFLINE = "draft.kept_offline"
    STRUCTURE_SECTION = "structure.section"
    STRUCTURE_OLD_FORMAT = "structure.old_format"
    CHECK_NO_TABLES = "check.no_tables"
    CHECK_NO_PROSE = "check.no_prose"
    QUALITY_TOPICS = "quality.topics"
    QUALITY_GOVERNMENT = "quality.government"
    QUALITY_PROBLEMS = "quality.problems"
    QUALITY_FEE = "quality.fee"
    QUALITY_LAST_YEAR = "quality.last_year"
    DIFF_COPIED = "diff.copied"
    DIFF_SAME_REPORT = "diff.same_report"
    DIFF_NOT_COMPARABLE = "diff.not_comparable"
    DIFF_NO_TABLES = "diff.no_tables"
    DIFF_STALE_YEAR = "diff.stale_year"
    DIFF_STALE_FIGURE = "diff.stale_figure"
    DIFF_PLANS_REPEATED = "diff.plans_repeated"
    IMPORT_UNCERTAIN = "import.uncertain"
    IMPORT_LABEL = "import.label"
    IMPORT_META = "import.meta"
    IMPORT_TRADITIONAL = "import.traditional"
    AGGREGATE_SOURCE_ERROR = "aggregate.source_error"
    AGGREGATE_PARTIAL_FACT = "aggregate.partial_fact"
    AGGREGATE_IDENTICAL = "aggregate.identical"

    @property
    def info(self) -> RuleInfo:
        return _INFO[self]

    @property
    def area(self) -> Area:
        return _INFO[self].area

    @property
    def repairable(self) -> bool:
        return _INFO[self].repairable

    @property
    def on_tables(self) -> bool:
        return _INFO[self].on_tables


def _info(area: Area, *, repairable: bool = True, on_tables: bool = False) -> RuleInfo:
    return RuleInfo(area, repairable, on_tables)


_TABLE = _info(Area.TABLES, repairable=False, on_tables=True)
_CROSSYEAR = _info(Area.CROSSYEAR, repairable=False, on_tables=True)
_INFO: dict[Rule, RuleInfo] = {
    Rule.TABLE_BALANCE: _TABLE,
    Rule.TABLE_SUM: _TABLE,
    Rule.TABLE_BLANK: _TABLE,
    Rule.TABLE_NEGATIVE: _TABLE,
    Rule.TABLE_PLAUSIBLE: _TABLE,
    Rule.META_YEAR: _info(Area.TABLES, repairable=False),
    Rule.META_CONTACT: _info(Area.TABLES, repairable=False),
    Rule.FACTS_SUM: _info(Area.TABLES, repairable=False),
    Rule.CROSSYEAR_CARRYOVER: _CROSSYEAR,
    Rule.CROSSYEAR_IN_FORCE: _CROSSYEAR,
    Rule.CROSSYEAR_MISMATCH: _CROSSYEAR,
    Rule.PROSE_TABLE_MISMATCH: _info(Area.PROSE),
    Rule.PROSE_INCONSISTENT: _info(Area.PROSE),
    Rule.PROSE_YEAR: _info(Area.PROSE),
    # An unfilled placeholder asks for a fact only the user has; a rewrite would invent it.
    Rule.PROSE_PLACEHOLDER: _info(Area.PROSE, repairable=False),
    Rule.PROSE_UNIT: _info(Area.PROSE),
    Rule.DRAFT_UNSUPPORTED_NUMBER: _info(Area.PROSE),
    # What only a model's draft is checked for (drafter.draft.drafting.check_shape and placeholders_on_sheet).
    Rule.DRAFT_PLACEHOLDER_ON_SHEET: _info(Area.PROSE),
    Rule.DRAFT_NOT_CHINESE: _info(Area.PROSE),
    Rule.DRAFT_TOO_SHORT: _info(Area.PROSE),
    Rule.DRAFT_REPEATED: _info(Area.PROSE),
    Rule.DRAFT_UNSUPPORTED_TEXT: _info(Area.PROSE),
    # Small models' habits (drafter.draft.habits).
    Rule.DRAFT_FACT_LIST: _info(Area.PROSE),
    Rule.DRAFT_FIRST_PERSON: _info(Area.PROSE),
    Rule.DRAFT_OUTLINE_COPIED: _info(Area.PROSE),
    Rule.DRAFT_HEADINGS: _info(Area.PROSE),
    # The model's edited part still had errors after repair: the offline engine's part was kept instead.
    Rule.DRAFT_KEPT_OFFLINE: _info(Area.PROSE, repairable=False),
    Rule.STRUCTURE_SECTION: _info(Area.STRUCTURE),
    Rule.STRUCTURE_OLD_FORMAT: _info(Area.STRUCTURE),
    Rule.CHECK_NO_TABLES: _info(Area.STRUCTURE, repairable=False),
    Rule.CHECK_NO_PROSE: _info(Area.STRUCTURE, repairable=False),
    Rule.QUALITY_TOPICS: _info(Area.QUALITY),
    Rule.QUALITY_GOVERNMENT: _info(Area.QUALITY),
    Rule.QUALITY_PROBLEMS: _info(Area.QUALITY),
    Rule.QUALITY_FEE: _info(Area.QUALITY),
    Rule.QUALITY_LAST_YEAR: _info(Area.QUALITY),
    Rule.DIFF_COPIED: _info(Area.COPYING),
    Rule.DIFF_SAME_REPORT: _info(Area.DIFF, repairable=False),
    Rule.DIFF_NOT_COMPARABLE: _info(Area.DIFF, repairable=False),
    Rule.DIFF_NO_TABLES: _info(Area.DIFF, repairable=False),
    Rule.DIFF_STALE_YEAR: _info(Area.DIFF),
    Rule.DIFF_STALE_FIGURE: _info(Area.DIFF),
    Rule.DIFF_PLANS_REPEATED: _info(Area.DIFF),
    Rule.IMPORT_UNCERTAIN: _info(Area.IMPORT, repairable=False),
    Rule.IMPORT_LABEL: _info(Area.IMPORT, repairable=False),
    Rule.IMPORT_META: _info(Area.IMPORT, repairable=False),
    Rule.IMPORT_TRADITIONAL: _info(Area.IMPORT, repairable=False),
    Rule.AGGREGATE_SOURCE_ERROR: _info(Area.AGGREGATE, repairable=False),
    Rule.AGGREGATE_PARTIAL_FACT: _info(Area.AGGREGATE, repairable=False),
    Rule.AGGREGATE_IDENTICAL: _info(Area.AGGREGATE, repairable=False),
}


@dataclass(slots=True)
class Finding:
    """One problem found in a figures file or a report."""

    rule: Rule
    severity: Severity
    message: str
    section: str | None = None
    location: str | None = None
    quote: str | None = None
    expected: int | float | str | None = None
    actual: int | float | str | None = None
    # Where the defect comes from when it is not the text itself (e.g. "source" for a defect of the published report).
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rule = Rule(self.rule)  # an id that is not in Rule is a programming error, caught at once

    def to_dict(self) -> dict[str, object]:
        """The JSON form of docs/CLI.md: always rule, severity, message; the rest only when set."""
        out: dict[str, object] = {"rule": str(self.rule), "severity": str(self.severity), "message": self.message}
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
