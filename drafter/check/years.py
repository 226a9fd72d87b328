"""Years in the prose (``prose.year``): the report's own year, or another one the context justifies.

Last year's year is fine in a comparison (上年, 同比, 整改) and next year's in a plan (下一步, 将); a year in a
cited document (《…2021年…》, 〔2021〕) is never checked. The 统计期限 must be the report year.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable

from drafter.check.lexicon import alternation, load_lexicon
from drafter.findings import Finding, Rule, Severity
from drafter.report import Report
from drafter.text import Sentence, paragraphs, quote, split_sentences

_YEAR = re.compile(r"(?<![\d〔\[［(（.\-/])((?:19|20)\d\d)\s?(?=年)")
_MALFORMED = re.compile(r"(?<!\d)(20\d\d)(\d{1,2})月")
# A date whose 年 and 月 were both lost (“自202311日起至20231231日止”: digits run into 日).
_RUN_TOGETHER = re.compile(r"(?<![\d.])(20\d\d)(\d{2,4})日")
# A budget names the fiscal year it is for: next year's is drawn up and published in the report year.
_BUDGET = re.compile(r"度?[^，。；,;、]{0,6}预算")
_PERIOD = re.compile(r"统计(期限|时限|时间|区间|周期|范围)|数据(统计)?(起止|截止)")
# Words right before a year that make it a comparison or a starting point: 较2022年, 与2022年相比, 自2020年.
_BEFORE = re.compile(r"(较|比|与|同|和|相比|上年|去年|上一年|上年度|自|从|于|至|到|、|—|-|～|~)\s*$")
# Words right after “YYYY年” that make last year's (or an older) year legitimate.
_AFTER = re.compile(r"^(度)?(以来|起|开始|至|到|—|-|、|和|相比|同期|年度报告|年报|报告|决算|绩效|"
                    r"结转|底|末|的问题|存在的|提出|数据|水平|基础上|比较|下半年|上半年|\d+月|版|出台|印发|"
                    r"发布的|制定的)")
# The same, anywhere in the next few characters: “2022年工作基础上”, “2022年全市决算”.
_AFTER_NEAR = re.compile(r"以来|基础上|相比|同期|结转|报告|决算|通报|评估|考核结果")
# A comparison said in words elsewhere in the clause.
_LAST_YEAR_PART5 = re.compile(r"上一?年度?|去年|整改|报告中|提出的|上年")


@functools.cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Comparison, future and older-year words (lexicon ``words``), compiled once."""
    w = load_lexicon().words
    return (re.compile(alternation(w.comparison)), re.compile(alternation(w.future)),
            re.compile(f"{alternation(w.older)}|到\\d"))


_OPEN, _CLOSE = "《“\"〔［[「『", "》”\"〕］]」』"


def report_year(report: Report) -> int | None:
    """The year the report is about: the figures' 报告年度, else the first year in the title."""
    if report.year:
        return report.year
    m = re.search(r"(20\d\d)\s?年", report.title or "")
    return int(m.group(1)) if m else None


def check_years(report: Report, sentences: Iterable[Sentence], scope: Collection[str] | None) -> list[Finding]:
    """Years that are neither the report year nor justified; malformed dates; a wrong 统计期限."""
    year = report_year(report)
    if year is None:
        return []
    findings: list[Finding] = []
    for sentence in sentences:
        findings += _check_sentence(sentence, year)
    if scope is None or "preface" in scope:
        for paragraph in paragraphs(report.preface or ""):
            for text in split_sentences(paragraph):
                findings += _check_sentence(Sentence("", 0, text), year)
    return findings


def _quoted(text: str, pos: int) -> bool:
    """True when pos stands inside 《…》, “…” or 〔…〕 (a cited title or document number)."""
    depth = 0
    for ch in text[:pos]:
        if ch in "《〔［[":
            depth += 1
        elif ch in "》〕］]":
            depth = max(0, depth - 1)
    quotes = text[:pos].count("“") - text[:pos].count("”")
    return depth > 0 or quotes > 0


def _check_sentence(sentence: Sentence, year: int) -> list[Finding]:
    text = sentence.text
    findings = _check_malformed(sentence)
    if _PERIOD.search(text):
        return findings + _check_period(sentence, year)
    findings += _check_publication(sentence, year)
    for m in _YEAR.finditer(text):
        said = int(m.group(1))
        if said == year or _quoted(text, m.start()):
            continue
        before, after = text[max(0, m.start() - 4):m.start()], text[m.end() + 1:m.end() + 9]
        near = bool(_BEFORE.search(before) or _AFTER.match(after) or _AFTER_NEAR.search(after))
        clause = _clause(text, m.start())
        if said == year - 1 and _words()[0].search(clause[:max(0, clause.find(m.group(0)))]):
            continue  # “与上年（2023年）相比”: the comparison is named before the year
        if said == year - 1 and (near or sentence.section == "五" and _LAST_YEAR_PART5.search(text)):
            continue
        if said == year - 1 and _OWN_REPORT.match(text, m.start()):
            continue  # last year's annual report is published (and talked of) in this one's year
        if said == year + 1 and (_words()[1].search(text) or sentence.section == "五" or near
                                 or _BUDGET.match(text, m.end() + 1)
                                 or re.search(r"(截至|截止|到)\s*$", before)):
            continue
        if said < year - 1 and (near or _words()[2].search(_clause(text, m.start()))):
            continue
        if said > year + 1 and _words()[1].search(text):
            continue
        severity = Severity.ERROR if abs(said - year) == 1 else Severity.WARNING
        if said == year - 1:
            why = "像是沿用了上年报告的文字；如确为与上年比较，请写明“上年”“同比”等"
        elif said == year + 1:
            why = "若是下一年度的计划，请写明“下一步”“将”等"
        else:
            why = "请确认该年份是否正确"
        findings.append(Finding(Rule.PROSE_YEAR, severity, f"正文出现“{said}年”，本报告为{year}年度报告，{why}",
                                section=sentence.section or None, quote=quote(text), expected=year, actual=said))
    return findings


def _clause(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "。；;")
    ends = [i for i in (text.find(ch, pos) for ch in "。；;") if i >= 0]
    return text[start + 1:min(ends) if ends else len(text)]


def _check_period(sentence: Sentence, year: int) -> list[Finding]:
    m = _PERIOD.search(sentence.text)
    segment = sentence.text[m.start():m.end() + 40] if m else sentence.text
    wrong = sorted({int(y) for y in _YEAR.findall(segment) if int(y) != year})
    if not wrong:
        return []
    return [Finding(Rule.PROSE_YEAR, Severity.ERROR,
                    f"统计期限写的是{'、'.join(f'{y}年' for y in wrong)}，本报告为{year}年度报告，应为"
                    f"{year}年1月1日至{year}年12月31日", section=sentence.section or None, quote=quote(sentence.text),
                    expected=year, actual=wrong[0])]


_OWN_REPORT = re.compile(r"(\d{4})\s*年度?[^，。；,;]{0,12}(年度报告|年报)")
_PUBLISHED_BY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(\s*(\d{1,2})\s*日)?\s*(前|之前|以前|前后)?[^，。；,;]{0,30}"
                           r"(公布|发布|公开|上网|报送|刊登)")


def _check_publication(sentence: Sentence, year: int) -> list[Finding]:
    """The report on ``year`` said to be published on a date within that same year (it can only follow it)."""
    own = _OWN_REPORT.search(sentence.text)
    if own is None or int(own.group(1)) != year:
        return []
    for m in _PUBLISHED_BY.finditer(sentence.text, own.end()):
        said = int(m.group(1))
        if said <= year:
            return [Finding(Rule.PROSE_YEAR, Severity.ERROR,
                            f"{year}年度报告说在“{m.group(0)[:m.group(0).find('月') + 1]}”公布，但年度报告只能在"
                            f"{year}年结束后（一般为{year + 1}年1月31日前）公布，日期的年份应为{year + 1}年",
                            section=sentence.section or None, quote=quote(sentence.text), expected=year + 1,
                            actual=said)]
    return []


def _check_malformed(sentence: Sentence) -> list[Finding]:
    """A typo in a date (a lost 年 or 月): a warning, since the year it means is plain and no year is wrong."""
    findings = [Finding(Rule.PROSE_YEAR, Severity.WARNING,
                        f"日期“{m.group(0)}”缺少“年”字，请改为“{m.group(1)}年{m.group(2)}月”",
                        section=sentence.section or None, quote=quote(sentence.text), actual=m.group(0))
                for m in _MALFORMED.finditer(sentence.text)]
    findings += [Finding(Rule.PROSE_YEAR, Severity.WARNING,
                         f"日期“{m.group(0)}”缺少“年”“月”字（数字连在一起），请写成“{m.group(1)}年…月…日”",
                         section=sentence.section or None, quote=quote(sentence.text), actual=m.group(0))
                 for m in _RUN_TOGETHER.finditer(sentence.text)]
    return findings
