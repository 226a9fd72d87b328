"""What evaluators look for beyond the numbers (warnings): part 一 covers its five topics, part 五 names
concrete problems with measures (and, with last year's report, how last year's problems were dealt with),
part 六 reports the 信息处理费, and enumerations (一是…二是…) run in order."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from typing import Any

from drafter.check.lexicon import load_lexicon
from drafter.figures import UnitKind
from drafter.findings import Finding, Rule, Severity
from drafter.read.lastyear import extract_problems
from drafter.report import Report
from drafter.text import quote, section_paragraphs

_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,2})是")
_CN = {ch: i + 1 for i, ch in enumerate("一二三四五六七八九十")}
_FEE_STATED = re.compile(r"信息处理费[^。；]{0,20}(\d|零元|〇元)|\d[\d.,，]*\s?元[^。；]{0,10}信息处理费|"
                         r"(未|没有|无|不|免)[^。；]{0,8}(收取|收费)[^。；]{0,10}信息处理费|信息处理费[^。；]{0,12}(未|没有|无|不)")
_PROBLEM_SPLIT = re.compile(r"下一步|改进措施|整改措施|针对(上述|存在|以上)|将采取|将从以下|采取以下措施|努力方向|工作打算")


@functools.cache
def quality_words() -> dict[str, Any]:
    """The ``quality`` section of the lexicon."""
    return load_lexicon().quality.model_dump()


def check_quality(report: Report, scope: Collection[str] | None, previous: Report | None = None) -> list[Finding]:
    """Topic coverage, concreteness, the fee, enumeration order; last year's problems with ``previous``."""
    findings: list[Finding] = []
    for section in report.sections:
        if scope is not None and section.numeral not in scope:
            continue
        text = "".join(section_paragraphs(section))
        if section.numeral == "一" and not (scope is None and section is report.sections[-1]):
            # Part 一 as the last part of a whole report's text: the text stops inside it (an opening, a page
            # cut off), so what it does not cover may simply be past the cut.
            findings += _check_overview(report, text)
        elif section.numeral == "五":
            findings += _check_problems(text)
            if previous is not None:
                findings += _check_last_year(text, previous)
        elif section.numeral == "六" and not _FEE_STATED.search(text):
            findings.append(Finding(Rule.QUALITY_FEE, Severity.WARNING,
                                    "第六部分没有说明信息处理费的收取情况（应写明收取金额，或写明“未收取信息处理费”）",
                                    section="六", quote=quote(text) if text else None))
        findings += _check_enumeration(section.numeral, section_paragraphs(section))
    return findings


def _check_overview(report: Report, text: str) -> list[Finding]:
    words = quality_words()
    missing = [topic for topic, keys in words["overview_topics"].items() if not any(k in text for k in keys)]
    findings = []
    if missing:
        findings.append(Finding(Rule.QUALITY_TOPICS, Severity.WARNING,
                                f"第一部分“总体情况”未涉及：{'、'.join(missing)}（格式要求涵盖主动公开、依申请公开、"
                                "政府信息管理、政府信息公开平台建设、监督保障五个方面）", section="一",
                                expected="、".join(words["overview_topics"]), actual="、".join(missing)))
    figures = report.figures
    if figures is not None and figures.meta.kind == UnitKind.GOVERNMENT:
        absent = [w for w in words["government_topics"] if w not in text]
        if absent:
            findings.append(Finding(Rule.QUALITY_GOVERNMENT, Severity.WARNING,
                                    f"人民政府的报告应在“总体情况”中写明工作考核、社会评议和责任追究结果，未见：{'、'.join(absent)}",
                                    section="一"))
    return findings


def _check_problems(text: str) -> list[Finding]:
    words = quality_words()
    findings: list[Finding] = []
    split = _PROBLEM_SPLIT.search(text)
    problems = text[:split.start()] if split else text
    measures = text[split.start():] if split else ""
    items = len(set(_ORDINAL.findall(problems))) or len(re.findall(r"（[一二三四五六]）|\d[.．、]", problems))
    listed = problems.split("：", 1)[1] if "：" in problems else ""
    if items < 2 and not re.search(r"[；;].*[；;]|、.*、", problems) and len(re.findall(r"[，；、]", listed)) < 2:
        findings.append(Finding(Rule.QUALITY_PROBLEMS, Severity.WARNING,
                                "第五部分列出的问题不足两项（评估要求列出具体问题，每项有具体对象或数字）",
                                section="五", quote=quote(problems)))
    if not measures and not any(w in text for w in words["measure_words"]):
        findings.append(Finding(Rule.QUALITY_PROBLEMS, Severity.WARNING, "第五部分只写了问题，没有写改进措施",
                                section="五", quote=quote(text)))
    hits = [p for p in words["stock_phrases"] if p in text]
    concrete = len(re.findall(r"\d|《|“", text))
    if len(hits) >= 3 and concrete < len(hits):
        findings.append(Finding(Rule.QUALITY_PROBLEMS, Severity.WARNING,
                                f"第五部分套话较多、具体内容较少（{'、'.join(f'“{h}”' for h in hits[:6])}）：评估中这类写法"
                                "被批评为“泛泛而谈”，请写明具体问题（栏目、事项、数字）和对应措施",
                                section="五", actual=len(hits)))
    return findings


def _check_last_year(text: str, previous: Report) -> list[Finding]:
    words = quality_words()
    if any(w in text for w in words["last_year_words"]):
        return []
    year = previous.year
    if year and f"{year}年" in text:
        return []
    message = "第五部分没有说明上一年度报告所列问题的整改情况（评估要求逐项说明上年问题如何改进）"
    last = previous.section("五")
    if last is not None and last.text.strip():
        named = [p.problem[:24] for p in extract_problems(last.text)][:3]
        if named:
            message += "；上年提出的问题有：" + "；".join(f"“{p}”" for p in named)
    return [Finding(Rule.QUALITY_LAST_YEAR, Severity.WARNING, message, section="五")]


def _check_enumeration(numeral: str, paragraphs: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    for paragraph in paragraphs:
        expected = 1
        for m in _ORDINAL.finditer(paragraph):
            n = _CN.get(m.group(1)) if len(m.group(1)) == 1 else None
            if n is None:
                continue
            if n == 1:
                expected = 2
                continue
            if n != expected and expected > 1:
                findings.append(Finding(
                    Rule.PROSE_INCONSISTENT, Severity.WARNING,
                    f"序号不连续：应为“{'一二三四五六七八九十'[expected - 1]}是”，写成了“{m.group(0)}”",
                    section=numeral, quote=quote(paragraph[max(0, m.start() - 40):m.end() + 40]),
                    expected=f"{'一二三四五六七八九十'[expected - 1]}是", actual=m.group(0)))
                break
            expected = n + 1
    return findings
