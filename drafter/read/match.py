"""Matching table labels as published to the format's labels: width, quotes, spaces, numbering, typos."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from drafter.figures import labels as L

_QUOTES = re.compile(r"[\"'“”‘’「」『』〝〞]")
_SPACE = re.compile(r"\s+")
_CN_NUMERAL = "一二三四五六七八九十"
# “一、” / “（三）” / “3.” at the start of a label (after normalisation: “(三)”, “3.”).
_TOP = re.compile(r"^([一二三四])[、.,]")
_GROUP = re.compile(r"^\(([一二三四五六七])\)")
_SUB = re.compile(r"^(\d{1,2})(?:[.、,]|(?=\D))")
_NUMBER_TEXT = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|个|条|项)?$")


def label_form(text: str) -> str:
    """Full width to half width, no quotes, no whitespace: the form labels are compared in."""
    text = unicodedata.normalize("NFKC", text)
    text = _QUOTES.sub("", text)
    return _SPACE.sub("", text)


def is_number_text(text: str | None) -> bool:
    """True for a cell that holds a number (possibly with a unit), as opposed to a label."""
    if not text:
        return False
    return bool(_NUMBER_TEXT.match(label_form(text)))


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio of two labels; 0 when the cheap upper bounds already fall below ``floor``."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """What a label cell names: a 表三 row id (or a group), and whether the text differs from the format."""

    row_id: str
    exact: bool
    canonical: str


def _body(label: str) -> str:
    text = label_form(label)
    for pattern in (_TOP, _GROUP, _SUB):
        text = pattern.sub("", text, count=1)
    return text


@lru_cache(maxsize=1)
def _t3_bodies() -> dict[str, tuple[str, tuple[str, ...]]]:
    """row id → (canonical body, accepted short bodies)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for row in L.TABLE3_ROWS:
        body = _body(row.label)
        shorts = {_body(row.short), body.split("(")[0]}
        out[row.id] = (body, tuple(s for s in shorts if s))
    out["三（六）"] = (_body(L.G_OTHER), ())
    return out


_GROUP_IDS = {"一": "三（一）", "二": "三（二）", "三": "三（三）", "四": "三（四）", "五": "三（五）", "六": "三（六）",
              "七": "三（七）"}
_TOP_IDS = {"一": "一", "二": "二", "四": "四"}


@dataclass(slots=True)
class Marker:
    """The numbering that starts a label: kind (top, group, sub or none), its number, and the rest."""

    kind: str
    number: str
    body: str


def read_marker(text: str) -> Marker:
    """Split a label into its numbering (“一、”, “（三）”, “2.”) and its words."""
    norm = label_form(text)
    for kind, pattern in (("top", _TOP), ("group", _GROUP), ("sub", _SUB)):
        m = pattern.match(norm)
        if m:
            return Marker(kind, m.group(1), norm[m.end():])
    return Marker("none", "", norm)


def match_sub_row(group: str | None, marker: Marker) -> LabelMatch | None:
    """A numbered sub-row (“2.其他法律行政法规禁止公开”) in its group, tolerating typos and short forms."""
    bodies = _t3_bodies()
    if group and marker.number:
        rid = f"{group}{int(marker.number)}"
        if rid in bodies:
            body, shorts = bodies[rid]
            # A label cut short by a page break (“3.补正后申请内容”) is the extraction's doing, not a typo.
            if marker.body == body or marker.body in shorts or (len(marker.body) >= 2 and body.startswith(marker.body)):
                return LabelMatch(rid, True, body)
            if marker.body and (similarity(marker.body, body) >= 0.5 or
                                any(similarity(marker.body, s) >= 0.5 for s in shorts)):
                return LabelMatch(rid, False, body)
    return match_by_words(marker.body, sub_rows_only=True)


_WORDS_FLOOR = 0.75


def match_by_words(body: str, *, sub_rows_only: bool = False) -> LabelMatch | None:
    """The 表三 row whose words are closest to ``body`` (no numbering to go by), or None when none is close."""
    if not body:
        return None
    best: tuple[float, str, str] | None = None
    for rid, (canonical, shorts) in _t3_bodies().items():
        if sub_rows_only and not rid[-1].isdigit():
            continue
        if body == canonical or body in shorts:
            return LabelMatch(rid, True, canonical)
        score = max([similarity(body, canonical, _WORDS_FLOOR)] + [similarity(body, s, _WORDS_FLOOR) for s in shorts])
        if best is None or score > best[0]:
            best = (score, rid, canonical)
    if best and best[0] >= _WORDS_FLOOR:
        return LabelMatch(best[1], False, best[2])
    return None


def group_of(marker: Marker) -> str | None:
    """The 表三 group or row id a “（三）不予公开” style label names."""
    if marker.kind == "group":
        return _GROUP_IDS.get(marker.number)
    return None


def top_row_of(marker: Marker) -> str | None:
    """“一、本年新收…” → ``一``; “三、本年度办理结果” → ``三``."""
    if marker.kind != "top":
        return None
    if marker.number == "三":
        return "三"
    return _TOP_IDS.get(marker.number)


def t3_canonical_body(row_id: str) -> str:
    return _t3_bodies()[row_id][0]


# ---------------------------------------------------------------------------------------------- 表二


_T2_LABELS = {label_form(row.label): row.label for row in L.TABLE2_ROWS} | {
    label_form(label): label for label in L.T2_2019_ROWS}


def match_table2_label(text: str) -> str | None:
    """The 表二 row (2021 or 2019 label) a cell names, or None."""
    norm = label_form(text)
    norm = re.sub(r"^\d+[.、]", "", norm)
    if norm in _T2_LABELS:
        return _T2_LABELS[norm]
    # A note after the label: “规章（县级无此项）”.
    bare = re.sub(r"\([^()]{1,12}\)$", "", norm)
    return _T2_LABELS.get(bare) if bare != norm else None


def is_t2_caption(text: str) -> bool:
    return bool(re.match(r"^第二十条第\(?[一二三四五六七八九十]+\)?项", label_form(text)))
