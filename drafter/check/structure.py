"""The report's shape: the six parts (``structure.section``), the 2021 format rather than an older one
(``structure.old_format``), and template leftovers (``prose.placeholder``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from drafter.check.years import report_year
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.report import Report
from drafter.text import quote

_NORMALIZE = str.maketrans({"（": "(", "）": ")", "，": ",", "、": ",", "“": "\"", "”": "\"", "：": ":", "　": ""})
_PLACEHOLDER = re.compile(
    r"编写说明|填报说明|填写说明|此处填写|(?<!有)待补充|(?<!有)待填写|（指20\d\d年|如-8|【[^】\n]{0,30}】|"
    r"(?<![A-Za-z])(?:[XＸ]{2,}|[xｘ]{3,})(?![A-Za-z])|[×＊]{2,}|\{\{|\}\}|TODO|某某|\[\s*待|_{3,}|＿{2,}|"
    r"[（(][\s\u3000]*[）)]\s*(?:件|条|元|个|次|万元)"
)
_OLD_LAW = re.compile(r"国务院令第\s?492\s?号|第\s?492\s?号令?|国令第\s?492\s?号")
_OLD_ARTICLES = re.compile(r"(条例》?|条例的?规定)[^。；]{0,12}第三十[一二]条")
_OLD_PHRASES = ("收费及减免", "收费和减免", "不予公开政府信息办理情况")
# Titles of the 2019 trial format and of reports before it, still seen in later reports.
_LEGACY_TITLES = {
    "二": ("行政机关主动公开政府信息情况",),
    "三": ("行政机关收到和处理政府信息公开申请情况",),
    "四": ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开申请行政复议、行政诉讼情况",
          "因政府信息公开申请行政复议、提起行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
          "政府信息公开行政复议和诉讼情况"),
    "五": ("政府信息公开工作存在的主要问题及改进情况",),
}


def normalize_title(title: str) -> str:
    """A heading compared without spaces, width or punctuation differences."""
    return re.sub(r"\s+", "", title).translate(_NORMALIZE).strip("。.:：")


def check_structure(report: Report, scope: Collection[str] | None) -> list[Finding]:
    """The six parts, the format version, leftovers of the template."""
    return _check_sections(report, scope) + _check_old_format(report) + _check_placeholders(report, scope)


def _check_sections(report: Report, scope: Collection[str] | None) -> list[Finding]:
    wanted = [n for n in L.SECTION_NUMERALS if scope is None or n in scope]
    findings: list[Finding] = []
    present = [s.numeral for s in report.sections]
    indices = [L.SECTION_NUMERALS.index(n) for n in present]
    first, last = (min(indices), max(indices)) if indices else (0, -1)
    before: list[str] = []
    after: list[str] = []
    # A text that stops mid-sentence (“改进情况：一”) was cut off: what would follow is not known to be missing.
    lost: list[str] = []
    tables_lost = report.figures is None and first == 0 and last >= 4 and not set(_TABLE_PARTS) & set(present)
    cut = bool(report.sections) and bool(_MID_SENTENCE.search(report.sections[-1].text.rstrip()))
    for numeral in wanted:
        if numeral not in present:
            index = L.SECTION_NUMERALS.index(numeral)
            heading = f"{numeral}、{L.SECTION_TITLES[numeral]}"
            if numeral in _TABLE_PARTS and _has_table(report, numeral):
                findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                                        f"没有第{numeral}部分的标题“{heading}”，只有其统计表（如作为附件）；"
                                        "格式要求六个部分依次列出，表格放在对应部分之下",
                                        section=numeral, expected=heading))
                continue
            if scope is None and numeral in _TABLE_PARTS and tables_lost:
                # Parts 二–四 are mostly tables; a text with no table at all that has 一 and 五 but none of 二–四
                # was most likely copied without its tables (a page's tables, images), headings and all.
                lost.append(numeral)
                continue
            if scope is None and (index > last and (last < 4 or first > 0 or cut) or index < first):
                # Parts missing after the last part found (or before the first): a partial text — a clerk pasted
                # part 一 alone, a web page was cut off. Said once for the run of missing parts, and not as certain
                # as a gap between parts; a report that reaches part 五 and lacks only 六 is whole and lacks it.
                (after if index > last else before).append(numeral)
                continue
            findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.ERROR, f"缺少第{numeral}部分“{heading}”",
                                    section=numeral, expected=heading))
    if lost:
        headings = [f"{n}、{L.SECTION_TITLES[n]}" for n in lost]
        findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                                f"缺少{_which(lost)}；文本中也没有统计表，可能是表格连同标题未能随文本复制，"
                                "请对照原文核实；如原文确实没有，请补上", section=lost[0], expected="；".join(headings)))
    for run, where, edge in ((before, "之前", first), (after, "之后", last)):
        if run:
            findings.append(_partial_text(run, where, L.SECTION_NUMERALS[edge]))
    ordered = [n for n in present if n in wanted]
    if ordered != sorted(ordered, key=L.SECTION_NUMERALS.index) or len(set(ordered)) != len(ordered):
        findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.ERROR,
                                f"六个部分的顺序或编号不对：实际为 {'、'.join(ordered)}，应依次为 一 至 六",
                                expected="一、二、三、四、五、六", actual="、".join(ordered)))
    for section in report.sections:
        if section.numeral not in wanted:
            continue
        official = L.SECTION_TITLES[section.numeral]
        if not section.title:
            findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                                    f"第{section.numeral}部分没有标题（正文直接从小标题开始），应以“{section.numeral}、{official}”开头",
                                    section=section.numeral, expected=f"{section.numeral}、{official}"))
            continue
        title, norm_official = normalize_title(section.title), normalize_title(official)
        if title == norm_official:
            continue
        heading = f"{section.numeral}、{section.title}"
        expected = f"{section.numeral}、{official}"
        if norm_official in title:
            findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                                    f"第{section.numeral}部分标题“{heading}”多了文字，格式规定为“{expected}”",
                                    section=section.numeral, quote=heading, expected=expected, actual=heading))
            continue
        if title in {normalize_title(t) for t in _LEGACY_TITLES.get(section.numeral, ())}:
            findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                                    f"第{section.numeral}部分标题“{heading}”是旧格式的写法，2021 年格式规定为“{expected}”",
                                    section=section.numeral, quote=heading, expected=expected, actual=heading))
            continue
        ratio = difflib.SequenceMatcher(None, title, norm_official).ratio()
        what = "与格式规定的标题有出入（疑似错别字）" if ratio >= 0.8 else "被改写"
        findings.append(Finding(Rule.STRUCTURE_SECTION, Severity.ERROR,
                                f"第{section.numeral}部分标题“{heading}”{what}，应为“{expected}”",
                                section=section.numeral, quote=heading, expected=expected, actual=heading))
    return findings


def _which(run: list[str]) -> str:
    """“第二部分“二、…””, or “第二至第四部分（二、…；三、…；四、…）” for a run of parts."""
    headings = [f"{n}、{L.SECTION_TITLES[n]}" for n in run]
    if len(run) == 1:
        return f"第{run[0]}部分“{headings[0]}”"
    return f"第{run[0]}至第{run[-1]}部分（{'；'.join(headings)}）"


def _partial_text(run: list[str], where: str, edge: str) -> Finding:
    """One warning for the parts a partial text lacks before its first part or after its last."""
    headings = [f"{n}、{L.SECTION_TITLES[n]}" for n in run]
    return Finding(Rule.STRUCTURE_SECTION, Severity.WARNING,
                   f"缺少{_which(run)}：文本在第{edge}部分{where}没有内容，可能只是报告的一部分；"
                   f"如为全文，请补上{'这一部分' if len(run) == 1 else '这些部分'}",
                   section=run[0], expected="；".join(headings))


_TABLE_PARTS = {"二": "table2", "三": "table3", "四": "table4"}
_MID_SENTENCE = re.compile(r"[\u4e00-\u9fff，,、：:（(“]$")


def _has_table(report: Report, numeral: str) -> bool:
    """True when the report's figures hold the part's table with at least one number."""
    if report.figures is None:
        return False
    table = getattr(report.figures, _TABLE_PARTS[numeral])
    return bool(re.search(r"'value': \d|\bvalue=\d", repr(table.model_dump())) or
                re.search(r"\d", str(table.model_dump(exclude_none=True))))


def _full_text(report: Report) -> str:
    if report.text:
        return report.text
    parts = [report.title or "", report.preface] + [f"{s.heading}\n{s.text}" for s in report.sections]
    return "\n".join(parts)


def _check_old_format(report: Report) -> list[Finding]:
    year = report_year(report)
    text = _full_text(report)
    findings: list[Finding] = []
    for m in _OLD_LAW.finditer(text):
        findings.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.ERROR,
                                f"引用了已废止的旧条例（{m.group(0)}）；现行《政府信息公开条例》为国务院令第711号",
                                quote=_around(text, m.start()), expected="国务院令第711号", actual=m.group(0)))
    if year is None or year < 2020:
        return findings
    for m in _OLD_ARTICLES.finditer(text):
        findings.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.ERROR,
                                "以旧条例的第三十一条/第三十二条作为年度报告的依据；现行条例为第四十九条、第五十条",
                                quote=_around(text, m.start()), expected="第四十九条、第五十条"))
    if year < 2021:
        return findings
    figures = report.figures
    legacy = [label for label in L.LEGACY_2019_LABELS if label in text]
    told = any(f.rule == Rule.STRUCTURE_OLD_FORMAT and f.section == L.TABLE2 for f in report.findings)  # by the importer
    if (legacy or (figures is not None and figures.meta.format == "2019")) and not told:
        shown = "、".join(f"“{x}”" for x in legacy) or "2019 年格式的表二"
        findings.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.ERROR,
                                f"{year}年度报告使用了 2019 年格式的表格（{shown}）；自 2021 年度起应使用"
                                "国办公开办函〔2021〕30号规定的格式", section=L.TABLE2, actual=legacy[0] if legacy else None))
    if figures is not None and figures.table3.other_is_one_row():
        findings.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.WARNING,
                                f"表三“{L.G_OTHER}”印作一行；2021 年格式将其分为 3 小项（逾期不补正、逾期未缴费、其他）",
                                section=L.TABLE3, location=f"{L.TABLE3}/三（六）"))
    for phrase in _OLD_PHRASES:
        if phrase in text:
            findings.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.WARNING,
                                    f"“{phrase}”是 2019 年以前报告格式的说法，现行格式没有这一项",
                                    quote=_around(text, text.find(phrase))))
    return findings


def _around(text: str, pos: int, width: int = 30) -> str:
    return quote(text[max(0, pos - width):pos + width].replace("\n", " "))


def _check_placeholders(report: Report, scope: Collection[str] | None) -> list[Finding]:
    findings: list[Finding] = []
    places: list[tuple[str | None, str]] = (
        [(None, report.title or ""), (None, report.preface or "")] if scope is None else [])
    places += [(s.numeral, s.text) for s in report.sections if scope is None or s.numeral in scope]
    for numeral, text in places:
        for m in _PLACEHOLDER.finditer(text):
            said = m.group(0)
            if _in_title(text, m.start()):
                continue  # “《…格式（试行）及编写说明》” cites a document, it is no leftover
            if said.startswith("【") and not re.search(r"待|填写|填报|补充|请|XX|××|^【注|说明|示例|此处", said):
                continue
            findings.append(Finding(Rule.PROSE_PLACEHOLDER, Severity.ERROR,
                                    f"残留模板内容或未填写的占位符“{said}”，请填写实际内容或删除",
                                    section=numeral, quote=_around(text, m.start()), actual=said))
    return findings


def _in_title(text: str, pos: int) -> bool:
    """True when ``pos`` stands inside a cited title 《…》."""
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)
