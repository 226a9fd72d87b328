"""The prose's claims: each stated quantity with what it counts, and the part lists attached to their totals.

A quantity in a sentence has a **role**: a total; a part of a total (after 其中/包括/分别为/按类别分/涉及, or in a
parenthesis after it); or a change (较上年增加5件), which is no level at all. A part list **attaches to the total it
belongs to** — the total whose subject the parts share, not merely the nearest number — and it is split along its
**dimensions**: one list may break the same total down twice (by applicant, then by outcome), and parts that name
their own total (行政复议结果维持3件、行政诉讼结果维持3件) belong each to the total they name. A list ends where the
sentence's structure ends: at 。, at ；unless the next clause goes on with parts of the same kind, at a new subject.

The words are vocabulary and live in the lexicon (``claim_words``); this module holds only the structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from drafter.check.lexicon import alternation, load_lexicon
from drafter.numbers import Quantity


@dataclass(slots=True)
class PartList:
    """Parts said to make up a total: the total, the parts, the dimension they split it along, and whether the
    list is closed (it has a catch-all such as 其他, so the parts should add up to the total)."""

    total: Quantity
    parts: list[Quantity]
    marker: str
    dimension: str = ""
    closed: bool = False
    # The total is one of several coordinated totals and the parts do not say which: only a sum above all of
    # them together is certain.
    shared_with: list[Quantity] = field(default_factory=list)
    # Several parts name different channels (网站, 公众号 …): one item may be published in several.
    overlapping: bool = False

    @property
    def whole(self) -> float:
        return self.total.value + sum(q.value for q in self.shared_with)


@dataclass(frozen=True, slots=True)
class _Words:
    marker: re.Pattern[str]
    delta: re.Pattern[str]
    catch_all: re.Pattern[str]
    new_subject: re.Pattern[str]
    dimensions: tuple[tuple[str, str, re.Pattern[str]], ...]  # (list kind, dimension, words)
    case_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    channels: re.Pattern[str]


@cache
def words() -> _Words:
    """The claim model's vocabulary, compiled once from the lexicon."""
    w = load_lexicon().claim_words
    dims = tuple((kind, dim, re.compile(alternation(items)))
                 for kind, by in w.dimensions.items() for dim, items in by.items())
    return _Words(
        marker=re.compile(alternation(w.part_markers)),
        delta=re.compile(f"({alternation(w.change_words)})了?$"),
        catch_all=re.compile(alternation(w.catch_all)),
        new_subject=re.compile(alternation(w.new_subject)),
        dimensions=dims,
        case_kinds=tuple((kind, re.compile(alternation(items))) for kind, items in w.case_kinds.items()),
        channels=re.compile(alternation(w.channels)),
    )


def depths(text: str) -> list[int]:
    """The parenthesis depth of each character."""
    depth, out = 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        out.append(depth)
        if ch in "）)":
            depth = max(0, depth - 1)
    return out


def levels(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Counts and amounts that state a level (not a change such as “较上年增加5件”, not a percentage)."""
    delta = words().delta
    return [q for q in quantities if q.unit and not q.is_percent and not delta.search(text[max(0, q.start - 4):q.start])]


def list_kind(text: str) -> str:
    """What a total counts, coarsely: ``cases`` (复议/诉讼), ``apps`` (applications) or ``items``."""
    if any(p.search(text) for _, p in words().case_kinds):
        return "cases"
    return "apps" if "申请" in text else "items"


def dimension(kind: str, window: str) -> str:
    """The dimension a part splits its total along (by applicant, by outcome …), from the words before it."""
    for list_kind_, dim, pattern in words().dimensions:
        if list_kind_ == kind and pattern.search(window):
            return dim
    return ""


def case_kind(window: str) -> str | None:
    for kind, pattern in words().case_kinds:
        if pattern.search(window):
            return kind
    return None


_NAMED = re.compile(r"[“‘\"《]([^”’\"》]{2,16})[”’\"》]\s*(栏目|专栏|专题|板块|版块|频道)?|"
                    r"(?:网站|网页|平台)?([\u4e00-\u9fff]{2,8}?)(栏目|专栏|专题|板块|版块|频道)")
_STRIP = re.compile(r"^(全年|本年度?|今年|共|累计|合计|总计|已|及时|主动|通过|在|于|依托|利用|向社会)+")


def named_subject(text: str, q: Quantity) -> str | None:
    """What a count of published items is about when its clause names a channel and a column or category:
    “门户网站‘政策文件’栏目公开文件” → ``门户网站“政策文件”栏目：公开文件``; None when either is missing, or for
    last year's figure."""
    w = words()
    start = _clause_start(text, q.start)
    start = max(start, text.rfind("，", 0, q.start) + 1, text.rfind(",", 0, q.start) + 1)
    clause = text[start:q.start]
    if re.search(r"上一?年|去年|同比|较|\d{4}\s*年(?!度?[，,])", clause) or "其中" in clause:
        return None
    channel = w.channels.search(clause)
    named = _NAMED.search(clause)
    if channel is None or named is None:
        return None
    what = _STRIP.sub("", clause[named.end():]).strip(" ，,、")
    if len(what) < 2:
        return None
    name, kind = (named.group(1), named.group(2)) if named.group(1) else (named.group(3), named.group(4))
    name = name.split(channel.group(0))[-1] or name
    return f"{channel.group(0)}“{name}”{kind or ''}{what}"


def head_totals(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The quantities of a sentence that a later “其中…” may refer to: levels outside parentheses and part lists."""
    depth = depths(text)
    found = levels(text, quantities)
    first_marker = next((m.start() for m in words().marker.finditer(text) if m.start() > 2), len(text))
    return [q for q in found if depth[q.start] == 0 and q.start < first_marker and not q.approx]


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。；;") + 1


def _coordinated(text: str, quantities: list[Quantity], depth: list[int], p: int) -> list[Quantity]:
    """The totals just before a marker: the nearest level, and those joined to it by 、/和/及/，(“复议3件、诉讼2件”)."""
    start = _clause_start(text, p)
    before = [q for q in quantities if start <= q.start and q.end <= p and depth[q.start] <= depth[p]]
    if not before:
        return []
    run = [before[-1]]
    for q in reversed(before[:-1]):
        between = text[q.end:run[0].start]
        if len(between) > 16 or not re.search(r"[、，,和及与]", between) or q.unit != run[0].unit:
            break
        run.insert(0, q)
    return run


def _scope(text: str, marker_end: int, kind: str, quantities: list[Quantity]) -> int:
    """Where a part list ends: 。, or ；unless the next clause goes on with parts (a new subject ends it)."""
    w = words()
    end = len(text)
    pos = marker_end
    while True:
        semi = min((i for i in (text.find(ch, pos) for ch in "；;") if i >= 0), default=-1)
        if semi < 0:
            return end
        if pos == marker_end and _enumerated(text, [q for q in quantities if marker_end <= q.start < semi]):
            # “工作类11条，其中动态3条、计划3条、公告5条；政策类4条；…”: the parts run with 、 and the ；
            # separates the total's own siblings, one level up.
            return semi
        nxt = min((i for i in (text.find(ch, semi + 1) for ch in "；;") if i >= 0), default=end)
        clause = text[semi + 1:nxt]
        first = next((q for q in quantities if semi < q.start < nxt), None)
        if first is None or w.new_subject.search(text[semi + 1:first.start]) or w.marker.search(clause):
            return semi
        if len(text[semi + 1:first.start]) > 40:
            return semi
        pos = semi + 1


def _enumerated(text: str, parts: list[Quantity]) -> bool:
    """True when two or more parts follow each other joined by 、 alone."""
    return len(parts) >= 2 and all(re.fullmatch(r"[^，,；;：:]*、[^，,；;：:]*", text[a.end:b.start])
                                   for a, b in zip(parts, parts[1:], strict=False))


def part_lists(text: str, quantities: list[Quantity], before: list[Quantity],
               kind_of: dict[int, str] | None = None) -> list[PartList]:
    """Every part list of a sentence, attached to its total (``before``: the previous sentence's totals, for a
    sentence that opens with 其中). ``kind_of`` maps a quantity's start to what the lexicon says it counts."""
    w = words()
    found = levels(text, quantities)
    if not found:
        return []
    depth = depths(text)
    lists: list[PartList] = []
    markers = list(w.marker.finditer(text))
    for n, m in enumerate(markers):
        p = m.start()
        totals = _coordinated(text, found, depth, p)
        nearest = totals[-1] if totals else None
        if nearest is not None and len(re.sub(r"（[^）]*）|\([^)]*\)|[^，,]*%", "", text[nearest.end:p])) > 14:
            totals, nearest = [], None
        outside = False
        if nearest is None and p <= 2 and before and m.group(0).startswith("其中"):
            totals, nearest, outside = [before[-1]], before[-1], True
        if nearest is None or nearest.approx:
            continue
        end = _scope(text, m.end(), "", found) if text[m.end():m.end() + 1] not in "：:" else len(text)
        if n + 1 < len(markers) and markers[n + 1].start() < end and not markers[n + 1].group(0).startswith("其中"):
            end = min(end, markers[n + 1].start())
        parts = [q for q in found if m.end() <= q.start < end and depth[q.start] == depth[p]
                 and q.unit == nearest.unit]
        parts = _collapse(text, _until_new_head(text, parts))
        if not parts or any(q.approx for q in parts):
            continue
        head_text = text[_clause_start(text, nearest.start):nearest.end] if not outside else ""
        kind = (kind_of or {}).get(nearest.start) or list_kind(head_text + text[m.end():end])
        lists += _split(text, m, totals, parts, kind, end)
    return lists


def _split(text: str, m: re.Match[str], totals: list[Quantity], parts: list[Quantity], kind: str,
           end: int) -> list[PartList]:
    """One marker's parts, attached to the totals they name and grouped by dimension."""
    w = words()
    windows = []
    for i, q in enumerate(parts):
        start = parts[i - 1].end if i else m.end()
        windows.append(text[start:q.start])
    closed = bool(w.catch_all.search(" ".join(windows) + text[parts[-1].end:end]))
    # Parts that name their own total among several coordinated ones (复议…维持3件、诉讼…维持3件).
    named: dict[str, Quantity] = {}
    if len(totals) > 1:
        for i, t in enumerate(totals):
            k = case_kind(text[totals[i - 1].end if i else _clause_start(text, t.start):t.start])
            if k and k not in named:
                named[k] = t
    groups: dict[tuple[int, str], PartList] = {}
    owner_kind = None
    for q, window in zip(parts, windows, strict=True):
        owner = totals[-1]
        shared: list[Quantity] = totals[:-1]
        if named:
            k = case_kind(window) or owner_kind
            if k in named:
                owner, shared, owner_kind = named[k], [], k
        elif len(totals) > 1 and kind != "items":
            shared = totals[:-1]
        elif len(totals) > 1:
            shared = []  # 门户网站公开39条、微信92篇，其中…: items lists attach to the nearest
        dim = dimension("cases" if named else kind, window)
        key = (owner.start, dim)
        if key not in groups:
            groups[key] = PartList(owner, [], m.group(0), dim, closed, shared)
        groups[key].parts.append(q)
    out = list(groups.values())
    for lst in out:
        channels = {c.group(0) for q in lst.parts for c in [w.channels.search(windows[parts.index(q)])] if c}
        lst.overlapping = len(channels) >= 2
    return out


def _collapse(text: str, parts: list[Quantity]) -> list[Quantity]:
    """Drop sub-parts: “直接起诉6件，结果维持3件、纠正1件、尚未审结2件” lists 6 and then what makes it up.

    Only a part followed by “，”/“（”/“：” whose next parts are joined by “、” and add up to it exactly counts as
    having sub-parts; a flat list “市级52期、宿城区28期…” never does.
    """
    out: list[Quantity] = []
    i = 0
    while i < len(parts):
        out.append(parts[i])
        end = None
        if i + 1 < len(parts) and re.match(r"[，,：:（(]", text[parts[i].end:parts[i + 1].start]):
            total, j = 0.0, i + 1
            while j < len(parts) and total < parts[i].value - 1e-9:
                if j > i + 1 and not re.fullmatch(r"[^，,；;]*、[^，,；;]*", text[parts[j - 1].end:parts[j].start]):
                    break
                total += parts[j].value
                j += 1
                if abs(total - parts[i].value) < 1e-9 and j - i - 1 >= 2:
                    end = j
        i = end if end is not None else i + 1
    return out


def _until_new_head(text: str, parts: list[Quantity]) -> list[Quantity]:
    """Stop at a part that opens a breakdown of its own or speaks of 复议/诉讼 after a list of applications."""
    marker = words().marker
    kept: list[Quantity] = []
    for q in parts:
        if marker.match(text, q.end + 1) or marker.match(text, q.end):
            break
        before = text[kept[-1].end if kept else 0:q.start]
        if kept and case_kind(before) and not case_kind(text[:kept[0].start]):
            break
        kept.append(q)
    return kept
