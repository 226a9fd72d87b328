"""The words of a report: part headings, numbered items, paragraphs and sentences.

Every reader, writer and rule that asks “is this line the heading of part 五?” or “does this line open a numbered
item?” asks here, so that a heading the checker reads is one ``regenerate`` can replace. Published reports come as
web text, PDF text with hard line wraps and page footers (“- 3 -”), or drafts in Markdown; the rules on prose read
sentences, so everything that is not running text is left out of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.figures import labels as L
from drafter.report import Report, Section

# ------------------------------------------------------------------------------------------ headings and items

CN_NUMERALS = "一二三四五六七八九十"
# What a report puts between a heading's numeral and its words: 、，,．. or spaces (full-width ones included).
_AFTER_NUMERAL = r"(?:[ \t\u3000]*[、，,．.][ \t\u3000]*|[ \t\u3000]+)"
_BARE_NUMERAL = re.compile(r"^[ \t\u3000]*[一二三四五六][ \t\u3000]*[、，,．.][ \t\u3000]*$")
_NUMBERED = re.compile(rf"^[ \t\u3000]*([{CN_NUMERALS}]+){_AFTER_NUMERAL}(\S.*?)[ \t\u3000]*$")
# （一） and (一) sub-headings, as a report numbers the items of a part.
SUBHEADING = rf"[（(]([{CN_NUMERALS}]+)[)）]"
# A line that opens a numbered heading or item: 一、 （一） (一) 一是 1. 1、 （1） or a Markdown heading.
ITEM_OPENER = re.compile(
    rf"^\s*(?:[{CN_NUMERALS}]+(?:[、，,．.]|是)|{SUBHEADING}|\d+[.．、](?!\d)|[（(]\d+[)）]|#+\s)")
# Words that tell a part's heading from a table row that happens to start with the same numeral.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "一": ("总体情况", "概述", "总体", "基本情况"),
    "二": ("主动公开",),
    "三": ("申请",),
    "四": ("复议", "诉讼"),
    "五": ("问题", "改进"),
    "六": ("其他", "事项"),
}
_NOT_HEADING = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")


def numbered_heading(line: str) -> tuple[str, str] | None:
    """``(numeral, words)`` for a line numbered “一、…” (or 一，一．一. or 一 followed by a space), else None."""
    match = _NUMBERED.match(line)
    return (match.group(1), match.group(2)) if match else None


def bare_part_numeral(line: str) -> bool:
    """True for a line that holds only a part's numeral and its punctuation (“一、”; the title on the next line)."""
    return bool(_BARE_NUMERAL.match(line))


def part_heading(line: str, expected: str) -> tuple[str, str] | None:
    """``(title, rest)`` when ``line`` opens part ``expected`` (e.g. “五，存在的主要问题及改进情况”), else None.

    ``rest`` is what follows the official title on the same line (a report may run the first sentence on).
    """
    found = numbered_heading(line.strip())
    if found is None or found[0] != expected:
        return None
    rest = found[1].strip()
    official = L.SECTION_TITLES[expected]
    if rest.startswith(official) and len(rest) > len(official) + 2:
        return official, rest[len(official):].lstrip("：:。 ")
    if len(rest) > 40 or any(word in rest for word in _NOT_HEADING):
        return None
    if not any(word in rest for word in _KEYWORDS[expected]):
        return None
    return rest, ""


def any_part_heading(line: str, numerals: str = "一二三四五六") -> str | None:
    """The numeral of the part (among ``numerals``) whose heading ``line`` is, or None."""
    found = numbered_heading(line.strip())
    if found is None or found[0] not in numerals:
        return None
    return found[0] if part_heading(line, found[0]) is not None else None


# ------------------------------------------------------------------------------------------ running text

_FOOTER = re.compile(r"^\s*[-—－]\s*\d+\s*[-—－]\s*$")
_TABLE_ROW = re.compile(r"\s\|\s|\t|^\s*\|")
_NUMBERS_ONLY = re.compile(r"^[\s\d.,，、/|：:%％\-—]*$")
_END = "。；！？：:;!?”」）)"
# Spaces a PDF leaves around digits (“受理 3119 件”), never between two Latin words.
_SPACE = re.compile(r"(?<=[^\sA-Za-z])[ \u3000\u00a0]+|[ \u3000\u00a0]+(?=[^\sA-Za-z])")
_MARKDOWN = re.compile(r"^\s*(?:#+\s*|[-*+]\s+|>\s*)|\*\*|__")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_TABLE_LABEL = re.compile(
    r"^(?:第二十条|信息内容|规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|（本列数据|申请人情况|自然人|"
    r"法人或其他组织|商业企业|[一二三四]、(?:本年新收|上年结转|本年度办理结果|结转下年度)|（[一二三四五六七]）"
    r"(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计)|\d[.．]|结果维持|行政复议|行政诉讼|未经复议|复议后起诉|附件)"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of running text: the part it belongs to, its paragraph index and its text."""

    section: str
    paragraph: int
    text: str


def clean_lines(text: str, *, tables: bool) -> list[str]:
    """The running-text lines of a part (``""`` where a blank line ends a paragraph); ``tables`` when the part
    holds a table (二, 三, 四)."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _MARKDOWN.sub("", raw).strip()
        if not line:
            if lines and lines[-1]:
                lines.append("")
            continue
        if _FOOTER.match(line) or _TABLE_ROW.search(raw) or _NUMBERS_ONLY.match(line):
            continue
        if tables and ("。" not in line or _TABLE_LABEL.match(line)):
            continue
        lines.append(_SPACE.sub("", line))
    return lines


def paragraphs(text: str, *, tables: bool = False) -> list[str]:
    """Paragraphs of running text, with the hard line wraps of PDF text joined."""
    return list(_paragraphs(text, tables))


@functools.lru_cache(maxsize=256)
def _paragraphs(text: str, tables: bool) -> tuple[str, ...]:
    out: list[str] = []
    broken = True
    for line in clean_lines(text, tables=tables):
        if not line:
            broken = True  # a blank line ends the paragraph (Markdown, web text); PDF wraps have none
            continue
        if out and not broken and not out[-1].endswith(tuple(_END)) and not ITEM_OPENER.match(line) \
                and len(out[-1]) >= 18:
            out[-1] += line
        else:
            out.append(line)
        broken = False
    return tuple(out)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph (ending at 。！？)."""
    return [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]


def section_body(section: Section) -> str:
    """The part's text without its own heading line."""
    text = section.text
    first, _, rest = text.partition("\n")
    if section.title and section.title in first and len(first) <= len(section.title) + 6:
        return rest
    return text


def report_sentences(report: Report, scope: set[str] | None = None) -> Iterator[Sentence]:
    """Every sentence of running text in the report's parts (within ``scope`` when given)."""
    for section in report.sections:
        if scope is not None and section.numeral not in scope:
            continue
        tables = section.numeral in ("二", "三", "四")
        for index, paragraph in enumerate(paragraphs(section_body(section), tables=tables)):
            for sentence in split_sentences(paragraph):
                yield Sentence(section.numeral, index, sentence)


def section_paragraphs(section: Section) -> list[str]:
    """Running-text paragraphs of one part."""
    return paragraphs(section_body(section), tables=section.numeral in ("二", "三", "四"))


def quote(text: str, limit: int = 120) -> str:
    """A sentence short enough to show next to a finding."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
