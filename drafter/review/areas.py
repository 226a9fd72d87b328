"""The six areas the review counts by (tables, prose, structure, quality, cross-year, copying), from each rule's
own area in :class:`~drafter.findings.Rule`."""

from __future__ import annotations

from collections.abc import Iterable

from drafter.findings import Area, Finding, Rule, Severity

# (area id, Chinese name), in the order the summary shows them.
AREAS: tuple[tuple[str, str], ...] = (
    ("tables", "表格"),
    ("prose", "正文"),
    ("structure", "结构"),
    ("quality", "质量"),
    ("crossyear", "跨年"),
    ("copying", "照搬"),
)
AREA_NAMES = dict(AREAS)
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

# The importer's findings are about the tables as read; diff's, about what was carried over from last year.
_COLUMN = {Area.TABLES: "tables", Area.IMPORT: "tables", Area.AGGREGATE: "tables", Area.PROSE: "prose",
           Area.STRUCTURE: "structure", Area.QUALITY: "quality", Area.CROSSYEAR: "crossyear",
           Area.COPYING: "copying", Area.DIFF: "copying"}


def area_of(rule: str) -> str:
    """The summary column of a rule id."""
    try:
        return _COLUMN.get(Rule(rule).area, "quality")
    except ValueError:
        return "quality"


def area_counts(findings: Iterable[Finding]) -> dict[str, tuple[int, int]]:
    """(errors, warnings) by area, every area present."""
    counts: dict[str, list[int]] = {area: [0, 0] for area, _ in AREAS}
    for f in findings:
        slot = counts[area_of(f.rule)]
        if f.severity is Severity.ERROR:
            slot[0] += 1
        elif f.severity is Severity.WARNING:
            slot[1] += 1
    return {area: (e, w) for area, (e, w) in counts.items()}
