"""The checker: a report's tables, its prose against its numbers, its years, structure and copying.

``check_report`` is the one entry point used by ``drafter check``, by drafting (the repair loop) and by ``diff``.
The rules on a report's prose are in :mod:`drafter.check.registry`; those on its tables in :mod:`drafter.check.figures`.
"""

from __future__ import annotations

from collections.abc import Collection

from drafter.check.figures import check_figures
from drafter.check.registry import REPORT_RULES, Context
from drafter.findings import Finding, Rule, Severity
from drafter.report import Report, SourceKind
from drafter.text import report_sentences


def check_report(report: Report, *, previous: Report | None = None,
                 scope: Collection[str] | None = None) -> list[Finding]:
    """All findings on a report.

    ``previous`` is last year's report (cross-year rules, copying). ``scope`` limits prose and structure checks
    to some parts (e.g. ``{"一", "五"}`` for a draft that holds only those parts); None means the whole report.
    """
    parts = set(scope) if scope is not None else None
    figures = report.figures
    last = previous.figures if previous is not None else None
    findings = list(report.findings)
    if figures is not None:
        findings += check_figures(figures, last)
    if not report.has_prose:
        if report.kind is not SourceKind.FIGURES:
            findings.append(Finding(Rule.CHECK_NO_PROSE, Severity.WARNING,
                                    "没有找到报告正文的六个部分（如“一、总体情况”），只检查了统计表"))
        return findings
    if figures is None:
        findings.append(Finding(Rule.CHECK_NO_TABLES, Severity.WARNING,
                                "没有找到统计表（表二、表三、表四），正文中的数字无法与表格核对；"
                                "可用 --figures 指定 figures 文件"))
    context = Context(report, previous, parts, list(report_sentences(report, parts)))
    for rule in REPORT_RULES:
        findings += rule.run(context)
    return findings
