"""Warnings for figures that are possible but suspicious (format-2021.md R9, R10; quality-criteria.md #9)."""

from __future__ import annotations

from datetime import date

from drafter.check.tables import fmt, table2_cells, table3_cells, table4_cells
from drafter.figures import RULE_MAKING_LEVELS, Figures, Level, UnitKind
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity

# A 行政事业性收费 of 1 亿元 (10,000 万元) or more is implausible for a unit below the 设区的市 level.
_FEE_LIMIT_SMALL_UNIT = 10_000
_FEE_LIMIT_ANY_UNIT = 1_000_000
FIRST_REPORT_YEAR = 2008  # the first 条例 took effect on 2008-05-01


def check_fee_unit(figures: Figures) -> list[Finding]:
    """表二（八）本年收费金额 is in 万元; a figure that looks like 元 is flagged."""
    amount = figures.table2.fees.amount.value
    if amount is None:
        return []
    meta = figures.meta
    small = meta.level in (Level.COUNTY, Level.TOWNSHIP) or meta.kind in (UnitKind.TOWNSHIP, UnitKind.DEPARTMENT)
    limit = _FEE_LIMIT_SMALL_UNIT if small else _FEE_LIMIT_ANY_UNIT
    if amount < limit:
        return []
    return [Finding(
        Rule.TABLE_PLAUSIBLE, Severity.WARNING,
        f"表二 行政事业性收费 本年收费金额为 {fmt(amount)} 万元（即 {fmt(amount / 10000)} 亿元），对本单位偏大；"
        "该栏单位是万元，请确认是否误填了以元为单位的金额",
        section=L.TABLE2, location=f"{L.TABLE2}/行政事业性收费/本年收费金额", actual=amount)]


def check_rules_level(figures: Figures) -> list[Finding]:
    """规章 are made only by 设区的市 governments and above; 规章 counts of a lower unit are flagged (R10)."""
    meta = figures.meta
    below = meta.kind is UnitKind.TOWNSHIP or (meta.level is not None and meta.level not in RULE_MAKING_LEVELS)
    if not below:
        return []
    row = figures.table2.rules
    counts = {label: cell.value for label, cell in (("本年制发件数", row.issued), ("本年废止件数", row.repealed),
                                                      ("现行有效件数", row.in_force)) if cell.value}
    legacy = (figures.legacy_table2 or {}).get("规章") if figures.meta.format == "2019" else None
    if legacy:  # the 2019 format's 规章 row (本年新制作、本年新公开、对外公开总数)
        counts = {label: cell.value for label, cell in legacy.items() if cell.value}
    if not counts:
        return []
    listed = "，".join(f"{k} {fmt(v)}" for k, v in counts.items())
    level = meta.level.value if meta.level else meta.kind.value
    return [Finding(
        Rule.TABLE_PLAUSIBLE, Severity.WARNING,
        f"表二 规章：{listed}；本单位为{level}，规章只由设区的市级以上人民政府制定，请确认是否应为 0"
        "（行政规范性文件应填在下一行）",
        section=L.TABLE2, location=f"{L.TABLE2}/规章")]


def check_integers(figures: Figures) -> list[Finding]:
    """Counts are whole numbers; only 表二（八）本年收费金额 (万元) may have decimals."""
    findings: list[Finding] = []
    for row_label, column, cell in table2_cells(figures):
        if row_label != "行政事业性收费" and isinstance(cell.value, float) and not cell.value.is_integer():
            findings.append(_not_integer(f"表二 “{row_label}” {column}", f"{L.TABLE2}/{row_label}/{column}",
                                         cell.value))
    for row_id, attr, t3_cell in table3_cells(figures):
        if t3_cell is not None and isinstance(t3_cell.value, float) and not t3_cell.value.is_integer():
            findings.append(_not_integer(f"表三 “{L.t3_row_name(row_id)}” {L.T3_COLUMN_LABEL[attr]}",
                                         L.t3_location(row_id, attr), t3_cell.value))
    for row_id, name, column, cell in table4_cells(figures):
        if isinstance(cell.value, float) and not cell.value.is_integer():
            findings.append(_not_integer(f"表四 {name} {column}", f"{L.TABLE4}/{row_id}/{column}", cell.value))
    return findings


def _not_integer(where: str, location: str, value: float) -> Finding:
    return Finding(Rule.TABLE_PLAUSIBLE, Severity.WARNING, f"{where}为 {fmt(value)}，件数应为整数",
                   location=location, actual=value)


def check_year(figures: Figures, today: date | None = None) -> list[Finding]:
    """meta.year: a report year before the 条例 or after the current year is implausible."""
    today = today or date.today()
    year = figures.meta.year
    if year < FIRST_REPORT_YEAR:
        why = f"早于《政府信息公开条例》施行（{FIRST_REPORT_YEAR}年）"
    elif year > today.year:
        why = f"晚于当前年份（{today.year}年），年度报告只能报告已结束的年度"
    elif figures.meta.format == "2021" and year < 2021:
        why = "早于 2021 年格式（国办公开办函〔2021〕30号）的适用年份；2019、2020 年度报告应使用 2019 年格式"
    else:
        return []
    return [Finding(Rule.META_YEAR, Severity.WARNING, f"报告年度为 {year} 年，{why}；请确认“报告年度”是否填写正确",
                    location="基本信息/报告年度", actual=year)]
