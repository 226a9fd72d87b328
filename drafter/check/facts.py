"""Rules on what the figures file says beyond the tables: contact details and the 正文数据 the template sums."""

from __future__ import annotations

import re

from drafter.check.tables import fmt
from drafter.figures import Figures
from drafter.findings import Finding, Rule, Severity

_POSTCODE = re.compile(r"\d{6}")


def check_contact(figures: Figures) -> list[Finding]:
    """A 邮编 is six digits; five or fewer digits is a leading 0 lost to a number written without quotes."""
    contact = figures.meta.contact
    code = (contact.postcode or "").strip() if contact else ""
    if not code or _POSTCODE.fullmatch(code):
        return []
    where = "基本信息/联系方式/邮编"
    if code.isdigit() and len(code) < 6:
        guess = code.zfill(6)
        return [Finding(Rule.META_CONTACT, Severity.WARNING,
                        f"邮编“{code}”只有 {len(code)} 位，开头的 0 可能在读成数字时丢了（应为“{guess}”？）；"
                        f"请加引号写成 邮编: \"{guess}\"", location=where, actual=code, expected=guess)]
    return [Finding(Rule.META_CONTACT, Severity.WARNING, f"邮编“{code}”不是 6 位数字，请核对", location=where,
                    actual=code)]


def check_proactive_sum(figures: Figures) -> list[Finding]:
    """正文数据: the 主动公开分类 counts add up to 主动公开信息总数 (the template asks for it)."""
    facts = figures.facts
    total, parts = facts.proactive_total, facts.proactive_by_category
    if total is None or not parts:
        return []
    added = sum(parts.values())
    if added == total:
        return []
    listed = " + ".join(f"{name} {fmt(n)}" for name, n in parts.items())
    hint = ("请补全类别或改正各类条数" if added < total else "各类之和超过了总数，请改正总数或各类条数")
    return [Finding(Rule.FACTS_SUM, Severity.ERROR,
                    f"正文数据 主动公开分类之和为 {fmt(added)}（{listed}），主动公开信息总数为 {fmt(total)}；{hint}",
                    location="正文数据/主动公开分类", expected=total, actual=added)]
