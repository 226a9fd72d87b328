"""Rules across two years' figures (format-2021.md R6, R7)."""

from __future__ import annotations

from drafter.check.tables import fmt
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity


def check_crossyear(current: Figures, previous: Figures) -> list[Finding]:
    """All cross-year findings; a previous file of another agency or a non-adjacent year gets a warning first."""
    findings = check_pairing(current, previous)
    if previous.meta.year >= current.meta.year:
        return findings  # the rules compare a year with the one before it; nothing more is meaningful
    if previous.meta.year == current.meta.year - 1:
        findings += check_carryover(current, previous)
    findings += check_in_force(current, previous)
    return findings


def check_pairing(current: Figures, previous: Figures) -> list[Finding]:
    """Warn when the two files are not last year's and this year's report of the same agency."""
    findings: list[Finding] = []
    cy, py = current.meta.year, previous.meta.year
    if py >= cy:
        findings.append(Finding(
            Rule.CROSSYEAR_MISMATCH, Severity.WARNING,
            f"上年文件的报告年度（{py}年）不早于本年（{cy}年）；请确认 --previous 给出的是上一年度的报告"
            + ("（两份文件是同一年度）" if py == cy else "（两份文件可能互换了位置）"),
            location="基本信息/报告年度", expected=cy - 1, actual=py))
    elif py != cy - 1:
        findings.append(Finding(
            Rule.CROSSYEAR_MISMATCH, Severity.WARNING,
            f"上年文件是 {py} 年度报告，不是 {cy - 1} 年度；结转衔接（上年结转）不作核对",
            location="基本信息/报告年度", expected=cy - 1, actual=py))
    a, b = _norm(current.meta.agency), _norm(previous.meta.agency)
    if a and b and a not in b and b not in a:
        findings.append(Finding(
            Rule.CROSSYEAR_MISMATCH, Severity.WARNING,
            f"两份文件的机关不同：本年为“{current.meta.agency}”，上年为“{previous.meta.agency}”；跨年核对可能没有意义",
            location="基本信息/机关全称"))
    return findings


def _norm(name: str) -> str:
    return "".join(name.split()).replace("（", "(").replace("）", ")")


def check_carryover(current: Figures, previous: Figures) -> list[Finding]:
    """crossyear.carryover (R6): this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column."""
    findings: list[Finding] = []
    for attr, label in L.T3_COLUMNS:
        now = current.table3.value("二", attr)
        before = previous.table3.value("四", attr)
        if now is None or before is None or abs(now - before) < 1e-6:
            continue
        if attr == "total" and findings:
            break
        findings.append(Finding(
            Rule.CROSSYEAR_CARRYOVER, Severity.ERROR,
            f"表三 {label}列：本年“二、上年结转”为 {fmt(now)}，但 {previous.meta.year} 年度报告“四、结转下年度继续办理”"
            f"为 {fmt(before)}，两者应相等",
            section=L.TABLE3, location=L.t3_location("二", attr), expected=before, actual=now))
    return findings


def check_in_force(current: Figures, previous: Figures) -> list[Finding]:
    """crossyear.in_force (R7, warning): 现行有效件数 ≈ last year's + 本年制发 − 本年废止."""
    findings: list[Finding] = []
    for key, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        now, before = getattr(current.table2, key), getattr(previous.table2, key)
        values = (now.in_force.value, before.in_force.value, now.issued.value, now.repealed.value)
        if None in values:
            continue
        in_force, last, issued, repealed = values
        expected = last + issued - repealed
        if abs(expected - in_force) < 1e-6:
            continue
        findings.append(Finding(
            Rule.CROSSYEAR_IN_FORCE, Severity.WARNING,
            f"表二 {label} 现行有效件数为 {fmt(in_force)}，而上年现行有效 {fmt(last)} + 本年制发 {fmt(issued)} − "
            f"本年废止 {fmt(repealed)} = {fmt(expected)}；如有修订或重新清理，请在正文中说明",
            section=L.TABLE2, location=f"{L.TABLE2}/{label}/现行有效件数", expected=expected, actual=in_force))
    return findings
