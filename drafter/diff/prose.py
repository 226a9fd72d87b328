"""The six parts compared with last year's: aligned sentences, similarity, stale years and figures, and last year's
plans restated unchanged (copying is :mod:`drafter.check.copying`, shared with ``check --previous``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.check.copying import COPIED_ERROR
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.report import Report
from drafter.similarity import Op, Pair, align, aligned_similarity, compared_sentences, fold_text

PLAN_WORDS = ("下一步", "将", "计划", "继续", "进一步", "持续")
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)(万元|元|件|条|次|篇|期|个|项|人次)")


@dataclass(slots=True)
class PartDiff:
    """One part in both years."""

    numeral: str
    title_before: str | None
    title_after: str | None
    pairs: list[Pair] = field(default_factory=list)
    similarity: float = 0.0
    chars: int = 0  # this year's characters
    unchanged_chars: int = 0  # of them, in sentences identical to last year's

    @property
    def unchanged_share(self) -> float:
        return self.unchanged_chars / self.chars if self.chars else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "section": self.numeral, "title_previous": self.title_before, "title_current": self.title_after,
            # null when neither year has text in this part (nothing to be similar or not)
            "similarity": round(self.similarity, 3) if self.pairs else None,
            "unchanged_share": round(self.unchanged_share, 3) if self.pairs else None,
            "changes": [{"op": str(p.op), "previous": p.old or None, "current": p.new or None}
                        for p in self.pairs if p.op is not Op.EQUAL],
        }


def compare_parts(previous: Report, current: Report) -> list[PartDiff]:
    """Parts matched by numeral (the title may differ), in order; a part missing on one side is all deleted/new."""
    out = []
    for numeral in L.SECTION_NUMERALS:
        old, new = previous.section(numeral), current.section(numeral)
        if old is None and new is None:
            continue
        old_text, new_text = (old.text if old else ""), (new.text if new else "")
        part = PartDiff(numeral, old.title if old else None, new.title if new else None)
        part.pairs = align(compared_sentences(old_text), compared_sentences(new_text))
        part.similarity = aligned_similarity(part.pairs)
        part.chars = len(fold_text(new_text))
        part.unchanged_chars = sum(len(fold_text(p.new)) for p in part.pairs if p.op is Op.EQUAL)
        out.append(part)
    return out


def stale_findings(parts: list[PartDiff], previous: Report, current: Report) -> list[Finding]:
    """Last year's year or figures left in sentences carried over from last year's report."""
    py, cy = previous.year, current.year
    if py is None or cy is None or py >= cy:
        return []
    findings: list[Finding] = []
    values = None
    if previous.figures is not None and current.figures is not None:
        values = (_table_values(previous), _table_values(current))
    stale_year = re.compile(rf"(?<!\d){py}\s*年(?!\s*[1１]\s*月\s*[1１]\s*日至)")
    for part in parts:
        for pair in part.pairs:
            if pair.op not in (Op.EQUAL, Op.CHANGED) or pair.similarity < 0.8:
                continue
            sentence = pair.new
            if stale_year.search(sentence) and stale_year.search(pair.old) and _is_own_year(sentence, py):
                findings.append(Finding(
                    Rule.DIFF_STALE_YEAR, Severity.ERROR,
                    f"第{part.numeral}部分沿用了上年报告的句子，仍写着“{py}年”；本年度报告应写 {cy} 年的情况",
                    section=part.numeral, quote=_short(sentence), expected=cy, actual=py))
            if values is not None:
                findings += _stale_figures(part.numeral, pair, *values)
    return findings


def _is_own_year(sentence: str, year: int) -> bool:
    # “较2023年增长” and “2023年度报告中提出的问题” refer to last year legitimately.
    return not re.search(rf"(?:较|比|与|同比|上年|上一年度?){year}|{year}\s*年度?报告|{year}\s*年度?(?:提出|存在|指出)",
                         sentence)


def _stale_figures(numeral: str, pair: Pair, before: set[float], after: set[float]) -> list[Finding]:
    """A number kept from last year's sentence that is one of last year's table figures but none of this year's."""
    old_numbers = {m.group(0) for m in _QUANTITY.finditer(pair.old)}
    out = []
    for match in _QUANTITY.finditer(pair.new):
        value = float(match.group(1))
        if match.group(0) in old_numbers and value in before and value not in after and value >= 2:
            out.append(Finding(
                Rule.DIFF_STALE_FIGURE, Severity.WARNING,
                f"第{numeral}部分沿用了上年的数字“{match.group(0)}”：它是上年表格中的数字，本年表格中没有；"
                f"请核对是否应改为本年数字",
                section=numeral, quote=_short(pair.new), actual=match.group(0)))
    return out


def _table_values(report: Report) -> set[float]:
    """Every number the report's tables show, totals included."""
    figures = report.figures
    assert figures is not None
    values = {cell.value for _, _, cell in figures.table2.cells()}
    t3 = figures.table3
    values |= {t3.value(rid, attr) for rid in t3.row_ids() for attr, _ in L.T3_COLUMNS}
    values |= {block.value(attr) for _, _, block in figures.table4.blocks() for attr, _ in L.T4_COLUMNS}
    return {float(v) for v in values if v is not None}


def plans_findings(parts: list[PartDiff], previous_year: int | None) -> list[Finding]:
    """diff.plans_repeated: last year's 下一步 plans (part 五) written again unchanged as this year's."""
    part = next((p for p in parts if p.numeral == "五"), None)
    if part is None:
        return []
    out = []
    for pair in part.pairs:
        if pair.op not in (Op.EQUAL, Op.CHANGED) or pair.similarity < COPIED_ERROR:
            continue
        if len(fold_text(pair.new)) < 15 or not any(word in pair.old for word in PLAN_WORDS):
            continue
        out.append(Finding(
            Rule.DIFF_PLANS_REPEATED, Severity.WARNING,
            f"上年（{previous_year or '上年'}年度）报告的改进计划原样出现在本年第五部分；"
            "请写明这项计划本年落实得如何，并提出新的措施",
            section="五", quote=_short(pair.new), extra={"similarity": round(pair.similarity, 3)}))
    return out


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
