"""The checker: a report's tables, its prose against its numbers, its years, structure and copying.

``check_report`` is the one entry point used by ``drafter check``, by drafting (the repair loop) and by ``diff``.
"""

from __future__ import annotations

from collections.abc import Collection

from drafter.document import Report
from drafter.findings import Finding


def check_report(report: Report, *, previous: Report | None = None,
                 scope: Collection[str] | None = None) -> list[Finding]:
    """All findings on a report.

    ``previous`` is last year's report (cross-year rules, copying). ``scope`` limits prose and structure checks
    to some parts (e.g. ``{"一", "五"}`` for a draft that holds only those parts); None means the whole report.
    """
    from drafter.rules import check_figures

    findings = list(report.findings)
    if report.figures is not None:
        findings += check_figures(report.figures, previous.figures if previous else None)
    return findings
