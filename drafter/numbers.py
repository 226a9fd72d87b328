"""Numbers in Chinese prose: Arabic and Chinese numerals with their units, and what is not a quantity.

``find_quantities(text)`` returns every quantity a reader would check against a table — “收到申请75件”, “一百三十三条”,
“占51.85%”, “3940元”, “14万余条” — and skips what only looks like one: years and dates, 文号 (〔2021〕30号),
article and order numbers (第十五条, 国务院令第711号), phone numbers and postcodes, ordinals (一是, 第一), and
Chinese numerals inside fixed expressions (“十四五”, “三安全一稳定”, 一站式), which carry no unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Units, longest first so that 个百分点 wins over 个 and 万元 over 元.
UNITS = (
    "个百分点", "百分点", "人次", "场次", "万元", "亿元", "元",
    "件", "条", "份", "起", "次", "个", "篇", "项", "期", "场", "轮", "家", "名", "人", "位", "宗", "批", "户",
    "天", "%", "成", "倍",
)
COUNT_UNITS = frozenset({"件", "条", "份", "起", "次", "个", "篇", "项", "期", "场", "轮", "家", "名", "人", "位",
                         "宗", "批", "户", "人次", "场次", "天"})
MONEY_UNITS = frozenset({"元", "万元", "亿元"})
PERCENT_UNITS = frozenset({"%"})

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%，")

_ARABIC = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CHINESE = f"[{_CN_CHARS}]+"
_SP = "[ \u3000\u00a0]?"
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
# number, optional 余/多 (approximate), optional 万/亿 multiplier, optional 余/多, then the unit (may be absent).
# A Chinese numeral counts only with a unit after it (一是, 十四五 and 进一步 never match, which keeps this fast).
_UNIT_AHEAD = rf"(?={_SP}(?:余|多)?[万亿]?(?:余|多)?{_SP}(?:{_UNIT_ALT}))"
_QUANTITY = re.compile(
    rf"(?:(?P<pct>百分之)(?=[{_CN_CHARS}\d])|(?<=[^{_CN_CHARS}])|^)"
    rf"(?P<num>{_ARABIC}|(?(pct){_CHINESE}|{_CHINESE}{_UNIT_AHEAD})){_SP}(?P<approx1>余|多)?(?P<mult>[万亿](?!元))?"
    rf"(?P<approx2>余|多)?{_SP}(?P<unit>{_UNIT_ALT})?"
)
_APPROX_BEFORE = ("约", "近", "超过", "超", "逾", "达到", "大约", "将近", "左右")
# Chinese numerals followed by these are parts of words, not quantities (一起 “together”, 一次性, 一条龙 …).
_FIXED = ("一起", "一次性", "一条龙", "一件事", "一个样", "一批次", "一项项", "一件件", "一条条", "一份子",
          "一成不变", "两个维护", "两个确立", "一人一档", "一次办", "一体", "一站式", "一网", "一门", "一窗")
_SPANS = ("工作日", "自然日", "月", "小时", "季度", "星期", "年度", "周")
_NOT_AFTER = ("第", "每", "〔", "[", "［", "（", "(")
_ORDINAL_AFTER = ("是", "要", "来", "则", "方面", "、", "号", "届", "中全会", "版", "级", "类", "季度", "年级", "线")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the prose states: its value, unit (``""`` when none), where it stands, and whether it is approximate."""

    value: int | float
    unit: str
    start: int
    end: int
    text: str
    approx: bool = False

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    @property
    def yuan(self) -> float | None:
        """The amount in 元 for money, else None."""
        factor = {"元": 1, "万元": 10_000, "亿元": 100_000_000}.get(self.unit)
        return None if factor is None else self.value * factor


def parse_chinese(text: str) -> int | None:
    """The value of a Chinese numeral (一百三十三 → 133, 两 → 2, 二〇二一 → 2021, 十五 → 15), None if invalid."""
    if not text or any(ch not in _CN_CHARS for ch in text) or text[0] in "百千万亿":
        return None
    if all(ch in _CN_DIGITS for ch in text):
        # Digit by digit (二〇二一) — one digit, or a year-like string.
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row without a unit: not a numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _CN_BIG[ch] if total < _CN_BIG[ch] else total + section * _CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> int | float | None:
    """The value of one numeral, Arabic (``1,234``, ``1，234``, ``51.85``, full-width) or Chinese; None if not one."""
    text = text.strip().translate(_FULLWIDTH)
    if re.fullmatch(_ARABIC, text):
        plain = text.replace(",", "").replace("，", "")
        return float(plain) if "." in plain else int(plain)
    return parse_chinese(text)


def normalize_digits(text: str) -> str:
    """Full-width digits, point and percent sign as ASCII (same length, so offsets stay valid)."""
    return text.translate(_FULLWIDTH)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity the text states, in order; years, dates, document and phone numbers, ordinals excluded."""
    norm = normalize_digits(text)
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(norm):
        quantity = _read(norm, m)
        if quantity is not None:
            found.append(quantity)
    return found


def _read(text: str, m: re.Match[str]) -> Quantity | None:
    num, unit, mult = m.group("num"), m.group("unit") or "", m.group("mult")
    arabic = num[0].isdigit()
    if not arabic and not unit and not m.group("pct"):
        return None  # a Chinese numeral without a unit is part of a word (十四五, 三审三校, 一网通办)
    start, end = m.start(), m.end()
    before, after = text[max(0, start - 6):start], text[end:end + 6]
    whole_after = text[m.end("num"):m.end("num") + 6].lstrip(" \u3000\u00a0")
    if m.group("pct"):
        value = parse_number(num)
        if value is None:
            return None
        return Quantity(value, "%", start, end, m.group(0))
    if _excluded(text, m, arabic, before, whole_after):
        return None
    if arabic and "，" in num and not _thousands(num):
        return None  # “1，2” is a list, not a number
    value = parse_number(num)
    if value is None:
        return None
    if not arabic and not unit:
        return None  # a Chinese numeral without a unit is part of a word (十四五, 三审三校, 一网通办)
    if not arabic and (_fixed(text, m.start("num")) or after[:1] in _CN_DIGITS or _in_short_quote(text, start)):
        return None
    if mult:
        value = value * _CN_BIG[mult]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    if not unit and not mult:
        return None  # a bare number (postcode, hotline 12345, list item) states no quantity
    if unit == "个" and after.startswith(("百分点",)):
        unit = "个百分点"
    elif unit == "个" and after.startswith(_SPANS):
        unit = "个" + next(span for span in _SPANS if after.startswith(span))  # 10个工作日: a span of time
    if unit in ("天",) and arabic and len(num) == 4:
        return None
    approx = bool(m.group("approx1") or m.group("approx2")) or before.endswith(_APPROX_BEFORE) \
        or after.startswith(("左右", "以上", "余")) or (unit == "" and bool(mult))
    if unit == "成" and after[:1] and after[:1] in "效果就本立功为员":
        return None  # 成效, 成果 … are words
    return Quantity(value, unit, start, end, text[start:end], approx)


def _in_short_quote(text: str, pos: int) -> bool:
    """True inside a short quoted term such as “三个一” or “两个维护” (a slogan, not a count)."""
    opening = text.rfind("“", max(0, pos - 6), pos + 1)
    if opening < 0:
        return False
    closing = text.find("”", pos)
    return 0 <= closing - opening <= 10 and text.rfind("”", opening, pos) < 0


def _thousands(num: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?", num))


def _excluded(text: str, m: re.Match[str], arabic: bool, before: str, after_num: str) -> bool:
    start = m.start("num")
    prev = text[start - 1] if start else ""
    # Inside a longer token: “H5”, “12345民声”, “0591-23165385”, “hz@126.com”, “www.x.gov.cn”, “1+X”.
    if prev and (prev.isascii() and (prev.isalnum() or prev in "-_@./:+#")):
        return True
    nxt = text[m.end("num")] if m.end("num") < len(text) else ""
    if arabic and nxt and nxt.isascii() and (nxt.isalpha() or nxt in "-_@/:+") and not m.group("unit"):
        return True
    if arabic and nxt == "." and not m.group("unit"):
        return True
    if before.endswith(_NOT_AFTER) or (prev and prev in "第每〔［["):
        return True
    # Years, months, days, times; 文号 and house numbers (…号); “（2024版）”.
    if after_num.startswith(("年", "月", "日", "号", "时", "点", "版", "届", "周年", "级", "楼", "层", "室", "路",
                             "街", "期间", "季度", "批次", "岁", "类", "大", "中全会", "方面")):
        return True
    if after_num.startswith(("是", "要", "来", "则", "、", "．", ".")) and not m.group("unit"):
        return True
    return bool(not arabic and after_num.startswith(_ORDINAL_AFTER) and not m.group("unit"))


def _fixed(text: str, start: int) -> bool:
    return any(text.startswith(expr, start) for expr in _FIXED) or (
        start > 0 and text[start - 1] in "统唯万逐专单同划进之其某这那哪每任初"
    )


def percent_text(value: float, decimals: int = 1) -> str:
    """A percentage as a report writes it: 51.9%."""
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".") + "%"


def format_figure(value: int | float) -> str:
    """A figure as the figures hold it, the way a clerk writes it: 5, 7730.28, 1.005 (no trailing .0, no rounding).

    The one formatter of drafter: the fact sheet, the offline drafts, the tables drafter renders and the
    checker's messages all state numbers through it, so a draft says what the check reads back. Fifteen
    significant digits hold every figure a person wrote and drop the binary noise of sums (0.1 + 0.2).
    """
    if isinstance(value, bool) or not isinstance(value, float):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:  # 1e-07: written out, as a table would
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text
