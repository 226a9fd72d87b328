"""The checker: a report's tables, its prose against its numbers, its years, structure and copying.

``check_report`` is the one entry point used by ``drafter check``, by drafting (the repair loop) and by ``diff``.
"""

from __future__ import annotations

from collections.abc import Collection

from drafter.findings import Finding, Severity
from drafter.report import Report, SourceKind

# A report whose prose cannot be compared with any table (no tables found, no --figures given).
CHECK_NO_TABLES = "check.no_tables"
CHECK_NO_PROSE = "check.no_prose"


def check_report(report: Report, *, previous: Report | None = None,
                 scope: Collection[str] | None = None) -> list[Finding]:
    """All findings on a report.

    ``previous`` is last year's report (cross-year rules, copying). ``scope`` limits prose and structure checks
    to some parts (e.g. ``{"一", "五"}`` for a draft that holds only those parts); None means the whole report.
    """
    from drafter.check.copying import check_copying
    from drafter.check.figures import check_figures
    from drafter.check.prose import check_prose
    from drafter.check.quality import check_quality
    from drafter.check.structure import check_structure
    from drafter.check.years import check_years
    from drafter.text import report_sentences

    parts = set(scope) if scope is not None else None
    figures = report.figures
    last = previous.figures if previous is not None else None
    findings = list(report.findings)
    if figures is not None:
        findings += check_figures(figures, last)
    if not report.has_prose:
        if report.kind is not SourceKind.FIGURES:
            findings.append(Finding(CHECK_NO_PROSE, Severity.WARNING,
                                    "没有找到报告正文的六个部分（如“一、总体情况”），只检查了统计表"))
        return findings
    if figures is None:
        findings.append(Finding(CHECK_NO_TABLES, Severity.WARNING,
                                "没有找到统计表（表二、表三、表四），正文中的数字无法与表格核对；"
                                "可用 --figures 指定 figures 文件"))
    sentences = list(report_sentences(report, parts))
    stated = None
    if previous is not None and last is None and previous.has_prose:
        from drafter.check.lastyear import last_year_stated

        stated = last_year_stated(report_sentences(previous))
    findings += check_prose(sentences, figures, last, stated)
    findings += check_years(report, sentences, parts)
    findings += check_structure(report, parts)
    findings += check_quality(report, parts, previous)
    if previous is not None and previous.has_prose:
        from drafter.check.lastyear import check_repeated_numbers

        findings += check_copying(report, previous, parts)
        findings += check_repeated_numbers(sentences, report_sentences(previous), figures)
    return findings
