"""Year-over-year review: what changed between last year's report and this year's, and what was carried over.

``diff_reports(previous, current)`` compares two :class:`~drafter.report.Report` (figures files or published
reports of any kind) and returns a :class:`Diff`: figure deltas, cross-year findings, part-by-part text changes,
and findings on copying and stale references. Nothing is printed here; the CLI shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.check.copying import check_copying
from drafter.check.crossyear import check_crossyear
from drafter.check.lastyear import check_repeated_numbers
from drafter.diff.deltas import Delta, changed, comparable_table2, figure_pairs
from drafter.diff.prose import PartDiff, compare_parts, plans_findings, stale_findings
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity, sort_findings, summarize
from drafter.report import Report
from drafter.similarity import fold_text
from drafter.text import report_sentences


@dataclass(slots=True)
class Diff:
    """The review of two years' reports."""

    previous: Report
    current: Report
    deltas: list[Delta] = field(default_factory=list)  # changed figures only
    compared: int = 0  # figures compared
    table2_comparable: bool = True
    parts: list[PartDiff] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    same: bool = False  # the two inputs are one report: nothing was compared

    @property
    def unchanged_share(self) -> float | None:
        """Share of this year's text (all parts) in sentences identical to last year's; None without text."""
        chars = sum(p.chars for p in self.parts)
        return sum(p.unchanged_chars for p in self.parts) / chars if chars else None

    def overview(self) -> dict[str, Any]:
        share = self.unchanged_share
        return {
            "previous": _describe(self.previous), "current": _describe(self.current),
            "unchanged_share": None if share is None else round(share, 3),
            "figures_compared": self.compared, "figures_changed": len(self.deltas),
            "table2_comparable": self.table2_comparable, "same_report": self.same,
        }

    def to_json(self) -> dict[str, Any]:
        """The ``--format json`` document: docs/CLI.md's findings and summary, plus overview, deltas, sections."""
        ordered = sort_findings(self.findings)
        return {"findings": [f.to_dict() for f in ordered], "summary": summarize(ordered),
                "overview": self.overview(), "deltas": [d.to_dict() for d in self.deltas],
                "sections": [p.to_dict() for p in self.parts]}


def _describe(report: Report) -> dict[str, Any]:
    return {"file": str(report.path) if report.path else None, "kind": str(report.kind),
            "agency": report.agency, "year": report.year}


def diff_reports(previous: Report, current: Report) -> Diff:
    """Compare last year's report with this year's."""
    result = Diff(previous, current)
    if _same(previous, current):
        result.same = True
        # Every part would be “copied” and every figure “unchanged”: one clear warning says more.
        result.findings.append(Finding(
            Rule.DIFF_SAME_REPORT, Severity.WARNING,
            "两份文件内容相同（同一份报告给了两次？）；请给出上一年度和本年度的两份报告",
            location="基本信息"))
        return result
    result.findings += _pairing_findings(previous, current)
    if previous.figures is not None and current.figures is not None:
        pairs = figure_pairs(previous.figures, current.figures)
        result.compared = sum(1 for d in pairs if d.before is not None or d.after is not None)
        result.deltas = changed(pairs)
        result.table2_comparable = comparable_table2(previous.figures, current.figures)
        if not result.table2_comparable:
            result.findings.append(Finding(
                Rule.DIFF_NOT_COMPARABLE, Severity.INFO,
                f"两年的表二格式不同（{previous.figures.meta.format} 年格式与 {current.figures.meta.format} 年格式），"
                "栏目含义不同，不作比较；表三、表四照常比较",
                section=L.TABLE2))
        result.findings += [_with_cells(f, previous.figures, current.figures)
                            for f in check_crossyear(current.figures, previous.figures)]
    result.parts = compare_parts(previous, current)
    # The same diff.copied findings as ``check --previous``: one rule, one similarity.
    result.findings += check_copying(current, previous)
    result.findings += check_repeated_numbers(list(report_sentences(current)), report_sentences(previous),
                                              current.figures)
    result.findings += stale_findings(result.parts, previous, current)
    result.findings += plans_findings(result.parts, previous.year)
    return result


def _with_cells(finding: Finding, previous: Figures, current: Figures) -> Finding:
    """A cross-year finding with every cell it involves, of both years (``cells`` in its JSON)."""
    py, cy = previous.meta.year, current.meta.year
    parts = (finding.location or "").split("/")
    cells: list[tuple[int, str, object]] = []
    if finding.rule == Rule.CROSSYEAR_CARRYOVER and len(parts) == 3:
        attr = next((a for a, label in L.T3_COLUMNS if label == parts[2]), None)
        if attr:
            cells = [(py, f"{L.TABLE3}/四/{parts[2]}", previous.table3.value("四", attr)),
                     (cy, f"{L.TABLE3}/二/{parts[2]}", current.table3.value("二", attr))]
    elif finding.rule == Rule.CROSSYEAR_IN_FORCE and len(parts) == 3:
        key = next((row.key for row in L.TABLE2_ROWS if row.label == parts[1]), None)
        if key:
            before, after = getattr(previous.table2, key), getattr(current.table2, key)
            cells = [(py, f"{L.TABLE2}/{parts[1]}/{L.T2_IN_FORCE}", before.in_force.value),
                     (cy, f"{L.TABLE2}/{parts[1]}/{L.T2_ISSUED}", after.issued.value),
                     (cy, f"{L.TABLE2}/{parts[1]}/{L.T2_REPEALED}", after.repealed.value),
                     (cy, f"{L.TABLE2}/{parts[1]}/{L.T2_IN_FORCE}", after.in_force.value)]
    if cells:
        finding.extra["cells"] = [{"year": year, "location": loc, "value": value} for year, loc, value in cells]
    return finding


def _pairing_findings(previous: Report, current: Report) -> list[Finding]:
    """A side without tables (other pairing problems come from the cross-year rules)."""
    findings = []
    for report, which in ((previous, "上年"), (current, "本年")):
        if report.figures is None:
            findings.append(Finding(
                Rule.DIFF_NO_TABLES, Severity.INFO,
                f"{which}报告中没有读到统计表，只比较正文", location=str(report.path or which)))
    return findings


def _same(previous: Report, current: Report) -> bool:
    if previous.path is not None and current.path is not None:
        try:
            if previous.path.resolve() == current.path.resolve():
                return True
        except OSError:
            pass
    texts = [[fold_text(s.text) for s in r.sections] for r in (previous, current)]
    if texts[0] != texts[1]:
        return False
    figures = [r.figures.to_data() if r.figures is not None else None for r in (previous, current)]
    return figures[0] == figures[1]
