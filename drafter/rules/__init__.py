"""Rules on figures: each a small function returning findings. ``check_figures`` runs them all."""

from __future__ import annotations

from datetime import date

from drafter.figures import Figures
from drafter.findings import Finding
from drafter.rules.crossyear import check_crossyear
from drafter.rules.plausibility import check_fee_unit, check_integers, check_rules_level, check_year
from drafter.rules.tables import check_balance, check_blank, check_negative, check_sums

TABLE_RULES = (check_blank, check_negative, check_balance, check_sums, check_fee_unit, check_rules_level,
               check_integers)


def check_figures(figures: Figures, previous: Figures | None = None, *, today: date | None = None) -> list[Finding]:
    """Every table, plausibility and (with ``previous``) cross-year finding on one year's figures."""
    findings: list[Finding] = []
    for rule in TABLE_RULES:
        findings += rule(figures)
    findings += check_year(figures, today)
    if previous is not None:
        findings += check_crossyear(figures, previous)
    return findings
