"""Rules on figures: each a small function returning findings. ``check_figures`` runs them all."""

from __future__ import annotations

from datetime import date

from drafter.check.crossyear import check_crossyear
from drafter.check.facts import check_contact, check_proactive_sum
from drafter.check.plausibility import check_fee_unit, check_integers, check_rules_level, check_year
from drafter.check.tables import check_balance, check_blank, check_negative, check_sums
from drafter.figures import Figures
from drafter.findings import Finding, Rule, Severity
from drafter.report import Report, SourceKind

TABLE_RULES = (check_blank, check_negative, check_balance, check_sums, check_fee_unit, check_rules_level,
               check_integers, check_contact, check_proactive_sum)


def check_figures(figures: Figures, previous: Figures | None = None, *, today: date | None = None) -> list[Finding]:
    """Every table, plausibility and (with ``previous``) cross-year finding on one year's figures."""
    findings: list[Finding] = []
    for rule in TABLE_RULES:
        findings += rule(figures)
    findings += check_year(figures, today)
    if previous is not None:
        findings += check_crossyear(figures, previous)
    return findings


def _table_and_row(location: str | None) -> tuple[str, ...]:
    parts = (location or "").split("/")
    return tuple(parts[:2])


def attribute_to_source(findings: list[Finding], report: Report) -> list[Finding]:
    """Say where each table finding of an imported report comes from: the published source, or maybe extraction.

    A rule that fails on a row the importer was unsure of becomes a warning marked ``origin: extraction``;
    any other table finding on a published report is marked ``origin: source`` — the report as published is wrong.
    Blank cells in a published report are warnings (the format asks for 0; the arithmetic is unaffected).
    """
    if report.kind is SourceKind.FIGURES:
        return findings
    doubtful = {_table_and_row(f.location) for f in report.findings if f.rule == Rule.IMPORT_UNCERTAIN}
    doubtful_tables = {key[0] for key in doubtful}
    name = report.path.name if report.path else "报告"
    for finding in findings:
        if not finding.rule.on_tables:
            continue
        key = _table_and_row(finding.location)
        if key in doubtful or (len(key) == 1 and key[0] in doubtful_tables):
            finding.extra["origin"] = "extraction"
            finding.severity = Severity.WARNING
            finding.message += "（该行读取时不确定，可能是提取问题而非原文错误，请对照原文核实）"
        else:
            finding.extra["origin"] = "source"
            finding.message += f"（{name} 原文如此）"
        if finding.rule == Rule.TABLE_BLANK:
            # A published report may leave cells blank (a defect of form, not of arithmetic); a figures file
            # used for drafting may not, so there it stays an error.
            finding.severity = Severity.WARNING
    return findings
