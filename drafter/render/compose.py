"""The finished report as a sequence of blocks (title, lead, headings, paragraphs, tables) that every writer walks.

What goes where is decided here once: the title, the lead paragraph from the metadata (only what it holds, never
invented), the six parts with the narrative of the report or a 【待补充：…】 placeholder, and the tables under
parts 二/三/四.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from drafter.figures import Metadata
from drafter.figures import labels as L
from drafter.render.layout import Grid, report_grids
from drafter.report import Report
from drafter.text import CN_NUMERALS

LEGAL_BASIS = "《中华人民共和国政府信息公开条例》"

# Lead sentences of the table parts when the report has no text of its own there.
TABLE_LEADS: dict[str, str] = {
    "二": "本机关主动公开政府信息情况如下表。",
    "三": "本机关收到和处理政府信息公开申请情况如下表。",
    "四": "本机关政府信息公开行政复议、行政诉讼情况如下表。",
}

# Not at the start of the line: readers drop lines that start with 【 as web-page furniture (【打印】【关闭】).
PLACEHOLDERS: dict[str, str] = {
    "一": "本部分【待补充：总体情况，分（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）政府信息公开平台建设、"
          "（五）监督保障五个方面】",
    "五": "本部分【待补充：存在的主要问题及改进情况，包括上年度问题的整改情况】",
    "六": "本部分【待补充：其他需要报告的事项，包括信息处理费收取情况（未收取的写明“未收取”）】",
}

# （一）…（五）, 一是…; a sub-heading ends at the first full stop when it is short.
_SUBHEAD = re.compile(rf"^（[{CN_NUMERALS}]+）[^。；：:]{{1,24}}?(?:[。：:]|$)")


class Kind(StrEnum):
    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"


@dataclass(slots=True)
class RenderBlock:
    """One block of the rendered report; ``head`` is a paragraph's （一） sub-heading, printed in 楷体."""

    kind: Kind
    text: str = ""
    head: str = ""
    numeral: str | None = None
    grid: Grid | None = None

    @property
    def rest(self) -> str:
        return self.text[len(self.head):]


def report_title(report: Report) -> str:
    """``<机关全称><年>年政府信息公开工作年度报告`` (a published title as it was printed)."""
    if report.title:
        return report.title
    if report.figures is None:
        return "政府信息公开工作年度报告"
    meta = report.figures.meta
    return f"{meta.agency}{meta.year}年政府信息公开工作年度报告"


def lead_paragraphs(meta: Metadata) -> list[str]:
    """The lead (引言): legal basis, the six parts, 统计期限, where to download, contact — from the metadata only."""
    parts = "、".join(L.SECTION_TITLES[n] for n in L.SECTION_NUMERALS)
    first = (f"本报告根据{LEGAL_BASIS}（国务院令第711号，以下简称《条例》）要求编制。全文包括{parts}六部分。"
             f"本报告中所列数据的统计期限为{meta.year}年1月1日至{meta.year}年12月31日。")
    lines = [first]
    tail = []
    if meta.website:
        tail.append(f"本报告电子版可在{meta.website}下载。")
    contact = meta.contact
    if contact and any((contact.address, contact.postcode, contact.phone, contact.email)):
        items = [(label, value) for label, value in (
            ("地址", contact.address), ("邮编", contact.postcode), ("电话", contact.phone),
            ("电子邮箱", contact.email)) if value]
        tail.append(f"如对本报告有疑问，请与{meta.agency}联系（" + "，".join(f"{k}：{v}" for k, v in items) + "）。")
    if tail:
        lines.append("".join(tail))
    return lines


def paragraphs_of(text: str) -> list[str]:
    """A part's body text as paragraphs (one per non-empty line, surrounding spaces dropped)."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def subheading(paragraph: str) -> str:
    """The （一）… sub-heading a paragraph starts with, or ``""``."""
    match = _SUBHEAD.match(paragraph)
    return match.group(0) if match else ""


def part_blocks(numeral: str, text: str) -> list[RenderBlock]:
    """A part's body as paragraph blocks, each with its （一） sub-heading (what every writer prints)."""
    blocks = []
    for para in paragraphs_of(text):
        blocks.append(RenderBlock(Kind.PARAGRAPH, para, head=subheading(para), numeral=numeral))
    return blocks


def compose(report: Report) -> list[RenderBlock]:
    """The report as blocks, in printed order."""
    blocks = [RenderBlock(Kind.TITLE, report_title(report))]
    if report.preface.strip():
        blocks += [RenderBlock(Kind.LEAD, p) for p in paragraphs_of(report.preface)]
    elif report.figures is not None:
        blocks += [RenderBlock(Kind.LEAD, p) for p in lead_paragraphs(report.figures.meta)]
    grids = report_grids(report.figures) if report.figures is not None else {}
    for numeral in L.SECTION_NUMERALS:
        section = report.section(numeral)
        title = section.title if section and section.title else L.SECTION_TITLES[numeral]
        blocks.append(RenderBlock(Kind.HEADING, f"{numeral}、{title}", numeral=numeral))
        text = section.text if section else ""
        if numeral in grids:
            if text.strip():
                blocks += part_blocks(numeral, text)
            elif not report.has_prose:  # a report's own empty part stays empty; a figures file gets a lead
                blocks.append(RenderBlock(Kind.PARAGRAPH, TABLE_LEADS[numeral], numeral=numeral))
            blocks.append(RenderBlock(Kind.TABLE, numeral=numeral, grid=grids[numeral]))
        elif text.strip():
            blocks += part_blocks(numeral, text)
        else:
            blocks.append(RenderBlock(Kind.PARAGRAPH, PLACEHOLDERS.get(numeral, "本部分【待补充】"), numeral=numeral))
    return blocks
