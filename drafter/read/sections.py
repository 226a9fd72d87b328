"""The report's words: title, agency and year, the preface, and the six parts with their titles as published."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from drafter.figures import labels as L
from drafter.read.blocks import Block, Paragraph, Table
from drafter.report import Section
from drafter.text import any_part_heading, bare_part_numeral, part_heading

_UNTITLED_PART_ONE = re.compile(r"^\s*[（(]一[）)]\s*\S{0,12}(主动公开|总体情况|基本情况)")
_TITLE_WORDS = ("年度报告", "年报", "工作报告")
_YEAR = re.compile(r"(\d{4})\s*年")
# The report period, in any of the wordings sites use (统计期限, 统计时限, 统计时段, 统计起止时间, 数据时间 …).
_PERIOD = re.compile(r"(统计(期限|时限|时段|时间|区间|起止|周期|范围|数据)|数据(统计)?(时间|时限|起止|截止|期限)|起止时间|"
                     r"截止日期)[^0-9。；]{0,16}(?P<y>\d{4})\s*年")
# A sentence naming the report: “现公布…2022年政府信息公开工作年度报告”, “特向社会公布2021年度…信息公开年度报告”.
_NAMING = re.compile(r"(?<!关于做好)(?<!关于)(\d{4})\s*年度?[^。，,;；《》]{0,30}?信息公开[^。，,;；]{0,8}?(工作)?"
                     r"(年度|情况的?)?(报告|年报)")
# The year's first or last day (“截至2023年12月31日”): the period said without its word.
_YEAR_END = re.compile(r"(\d{4})\s*年\s*(12\s*月\s*31|1\s*月\s*1)\s*日")
# A part opening with its year: “2025年,市农业农村局…”.
_OPENING_YEAR = re.compile(r"^\s*(?:[（(][一二三四五六七八九十][）)][^。；，,\d]{2,14}[。．.:：]\s*)?"
                           r"(\d{4})\s*年度?\s*(?![\d月至到—\-~～])")
# The last resort: the year of the work the text reports on (“汇报我镇2023年政府信息公开工作”).
_WORK_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年度?(?:的)?政府信息公开工作(?!要点|的通知|年度报告编制)")
# Page furniture around a report on a web page: publication data, footers, share and print links (“【打印】”;
# a “【待补充：…】” placeholder is the report's own text and stays).
_FURNITURE = re.compile(r"^(发布(时间|日期|机构)|来源[:：]|浏览次数|字号|【\s*(?:打印|关闭|字号|字体|收藏|分享|返回|顶部|大|我要)|打印|关闭|分享|当前位置|版权所有|网站标识码|"
                        r"主办单位|主办[:：]|技术支持|联系我们|网站地图|附件下载|扫一扫|.*ICP备)")
_DEBRIS = re.compile(r"^(第二十条第（[一二三四五六七八九]）项|信息内容|附件\s*\d*|.*统计表(模板)?|（本列数据的勾稽关系.*)$")


_HEADER_WORDS = sorted({
    "信息内容", L.T2_ISSUED, L.T2_REPEALED, L.T2_IN_FORCE, L.T2_DECISIONS, L.T2_FEES_HEADER, L.T2_FEES,
    L.APPLICANTS, L.LEGAL_PERSONS, L.REVIEW, L.LITIGATION, L.DIRECT_SUIT, L.SUIT_AFTER_REVIEW,
    *(label for _, label in L.T3_COLUMNS), *(label for _, label in L.T4_COLUMNS), *L.LEGACY_2019_LABELS,
    "处理决定数量", "采购项目数量", "采购总金额", "结果", "维持", "纠正", "尚未", "审结", "单位：万元",
    # pieces of header cells wrapped in a narrow column (a PDF without rules)
    "商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "自然", "类别",
}, key=len, reverse=True)
_CORNER = re.sub(r"\s+", "", L.T3_CORNER)


def is_table_debris(text: str) -> bool:
    """A line that is part of a table's furniture: a caption, header words, the corner note, “附件2”."""
    stripped = text.strip()
    if _DEBRIS.match(stripped):
        return True
    rest = re.sub(r"\s+", "", stripped)
    for word in _HEADER_WORDS:
        rest = rest.replace(word, "")
    rest = re.sub(r"第二十条第（[一二三四五六七八九]）项", "", rest).strip("|｜（）()")
    if not rest:
        return bool(stripped)
    # A piece of the corner note or of a header cell broken over lines (“为：第一项加第二项之”, “人”).
    return len(stripped) <= 30 and (rest in _CORNER or rest in ("人", "计"))


@dataclass(slots=True)
class Outline:
    """Where the parts are: title, preface, parts, and for each block the part it stands in."""

    title: str | None = None
    preface: str = ""
    sections: list[Section] = field(default_factory=list)
    # For each block index, the numeral of the part it is in (None before the first part).
    part_of: list[str | None] = field(default_factory=list)
    agency: str | None = None
    year: int | None = None
    period_year: int | None = None


def outline(blocks: list[Block]) -> Outline:
    """Find the parts (in order), the title before them and the preface between."""
    out = Outline(part_of=[None] * len(blocks))
    starts: list[tuple[int, str, str, str]] = []  # (block index, numeral, title, rest of the heading line)
    order = list(L.SECTION_NUMERALS)
    k = 0
    merged: set[int] = set()
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or k >= len(order):
            continue
        text = block.text
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if bare_part_numeral(text) and isinstance(after, Paragraph):
            text += after.text.strip()  # “一、” on a line of its own, the title on the next
            merged.add(i + 1)
        for j in range(k, len(order)):
            found = part_heading(text, order[j])
            if found:
                starts.append((i, order[j], found[0], found[1]))
                k = j + 1
                break
    if not starts:
        # No part headings at all, only part 一's sub-points (“（一）政府信息主动公开情况”): part 一, untitled.
        lead = next(((i, b) for i, b in enumerate(blocks)
                     if isinstance(b, Paragraph) and _UNTITLED_PART_ONE.match(b.text)), None)
        if lead is not None:
            starts.append((lead[0], "一", "", lead[1].text.strip()))
    first = starts[0][0] if starts else len(blocks)
    _title_and_preface(out, blocks[:first])
    for n, (i, numeral, title, rest) in enumerate(starts):
        end_index = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        body = [rest] if rest else []
        last = blocks[i]
        for b in range(i, end_index):
            out.part_of[b] = numeral
            block = blocks[b]
            if isinstance(block, Paragraph) and _FURNITURE.match(block.text.strip()):
                if b > i and numeral == "六":
                    break
                continue
            # In the table parts a lone character is a piece of a table cell broken over lines.
            lone = numeral in "二三四" and len(block.text.strip()) == 1 if isinstance(block, Paragraph) else False
            if b > i and isinstance(block, Paragraph) and not is_table_debris(block.text) and not lone \
                    and not (b == i + 1 and b in merged):
                body.append(block.text)
            if block.end is not None:
                last = block
        head = blocks[i]
        out.sections.append(Section(numeral, title, "\n".join(body).strip(), head.start, last.end))
    if out.year is None and out.period_year is None:
        out.period_year = stated_year(blocks)
    return out


def split_run_together(blocks: list[Block]) -> list[Block]:
    """A page stored as one paragraph (“…联系。 一、总体情况 （一）…”): split it before each part heading."""
    titles = "|".join(re.escape(t) for t in L.SECTION_TITLES.values())
    heading = re.compile(f"(?<=[。；;\\s])\\s*[一二三四五六][、.．]\\s*(?:{titles})")
    if any(isinstance(b, Paragraph) and any_part_heading(b.text) for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Paragraph) or len(block.text) < 80:
            out.append(block)
            continue
        cuts = [0] + [m.start() + len(m.group(0)) - len(m.group(0).lstrip()) for m in heading.finditer(block.text)]
        if len(cuts) == 1:
            out.append(block)
            continue
        for a, b in zip(cuts, [*cuts[1:], len(block.text)], strict=True):
            piece = block.text[a:b].strip()
            if piece:
                start = block.start + a if block.start is not None else None
                end = block.start + b if block.start is not None else None
                out.append(Paragraph(piece, start, end, block.level))
    return out


def stated_year(blocks: list[Block]) -> int | None:
    """The report year where the title gives none: the period, a sentence naming the report, a part's opening."""
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    for pattern in (_PERIOD, _NAMING, _YEAR_END):
        for text in texts:
            m = pattern.search(text)
            if m:
                return int(m.group("y") if pattern is _PERIOD else m.group(1))
    for pattern in (_OPENING_YEAR, _WORK_YEAR):
        for text in texts:
            m = pattern.match(text) if pattern is _OPENING_YEAR else pattern.search(text)
            if m and 2000 < int(m.group(1)) < 2100:
                return int(m.group(1))
    return None


def _title_and_preface(out: Outline, blocks: list[Block]) -> None:
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    index = None
    best = 0.0
    scores = [_title_score(p) for p in paragraphs[:40]]
    for n, score in enumerate(scores):
        if score > best:
            index, best = n, score
    # A page title without the agency is often printed again below with it (“2022年…年度报告” / “某镇人民政府” /
    # “2022年…年度报告”): of equally good titles, take the first that names the agency.
    ties = [n for n, score in enumerate(scores) if best and score == best]
    named = [n for n in ties if agency_of(_assemble_title(paragraphs, n))]
    if named:
        index = named[0]
    preface_from = 0
    if index is not None:
        title = _assemble_title(paragraphs, index)
        # A title that runs into the first sentence of the preface: keep the title only.
        cut = re.search(r"(年度报告|年报)", title)
        if cut and len(title) > cut.end() + 6:
            title = title[:cut.end()]
        out.title = title
        preface_from = index + 1
    preface = [p.text for p in paragraphs[preface_from:]
               if not is_table_debris(p.text) and not _FURNITURE.match(p.text.strip())]
    out.preface = "\n".join(preface).strip()
    text = out.title or ""
    year = _YEAR.search(text)
    if year:
        out.year = int(year.group(1))
    period = _PERIOD.search(out.preface) or _PERIOD.search(" ".join(p.text for p in paragraphs))
    if period:
        out.period_year = int(period.group("y"))
    out.agency = agency_of(text) if text else None


def _assemble_title(paragraphs: list[Paragraph], index: int) -> str:
    """The title at ``index`` with the pieces before it that belong to it (an agency line, a year line)."""
    parts = [paragraphs[index].text.strip()]
    m = index - 1
    complete = bool(agency_of(parts[0])) and bool(_YEAR.search(parts[0]))
    while m >= 0 and len(parts) < 3 and not complete and _title_piece(paragraphs[m].text) \
            and not any(w in paragraphs[m].text for w in _TITLE_WORDS):
        parts.insert(0, paragraphs[m].text.strip())
        joined = "".join(parts)
        complete = bool(agency_of(joined)) and bool(_YEAR.search(joined))
        m -= 1
    return "".join(parts)


def _title_score(p: Paragraph) -> float:
    text = p.text.strip()
    if len(text) > 80 or _FURNITURE.match(text) or "。" in text or "，" in text:
        return 0.0
    score = 0.0
    if any(w in text for w in _TITLE_WORDS):
        score += 2 + ("年度报告" in text)
    if score and _YEAR.search(text):
        score += 2
    if score and p.level == 1:
        score += 1
    return score


def _title_piece(text: str) -> bool:
    stripped = text.strip()
    return (0 < len(stripped) <= 30 and not re.match(r"^附件\s*\d*$", stripped) and "。" not in stripped
            and "：" not in stripped and ":" not in stripped)


def agency_of(title: str) -> str | None:
    """The agency a title names: “临清市科学技术局2021年度政府信息公开工作年度报告” → 临清市科学技术局."""
    text = unicodedata.normalize("NFKC", title).replace(" ", "")
    text = re.sub(r"[（(][^）)]*[）)]$", "", text)
    text = re.sub(r"\d{4}年度?", "", text)
    text = re.sub(r"(关于)?(政府信息公开|政务公开)?(工作)?(年度)?(报告|年报)$", "", text)
    text = text.strip("　 ：:")
    return text or None


def table_hints(blocks: list[Block], part_of: list[str | None]) -> list[tuple[Table, str | None]]:
    """Each table with the part it stands in."""
    return [(b, part_of[i]) for i, b in enumerate(blocks) if isinstance(b, Table)]
