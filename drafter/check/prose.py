"""Prose against the tables: every number the text states, read through the lexicon and compared with its cell.

Rules: ``prose.table_mismatch`` (a stated number, a zero claim, a share or a year-on-year change that the tables
contradict) and ``prose.inconsistent`` (the same quantity stated twice differently; a 其中 breakdown that does not
add up). Ambiguous wording that matches another reading of the table is a warning that names both readings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.check.breakdowns import check_breakdowns, is_change
from drafter.check.claims import head_totals, levels, named_subject
from drafter.check.lexicon import (
    Claim,
    Indicator,
    alternation,
    bind,
    describe,
    evaluate,
    load_lexicon,
    location,
)
from drafter.check.statements import LastYear, Statement
from drafter.check.tables import fmt
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.numbers import Quantity, find_quantities
from drafter.text import Sentence, quote

_BOUNDARY = "，,；;。：:！？!?"
_RATE = re.compile(r"(?<!按时)(?<!按期)(?<!及时)办结率")
_SHARE = re.compile(r"占|比例|比重")
_WRONG_UNITS = frozenset({"条", "篇", "份"})
_CLAIM_HINT = re.compile(r"未|没有|无|不存在|均|全部|都|[为是][零0]|已.{0,4}办结")


@dataclass(frozen=True, slots=True)
class _Patterns:
    yoy: re.Pattern[str]
    down: re.Pattern[str]
    target: re.Pattern[str]
    narrower: re.Pattern[str]
    published: re.Pattern[str]
    made: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The prose rules' word lists (lexicon ``words``), compiled once."""
    w = load_lexicon().words
    return _Patterns(
        yoy=re.compile(f"{alternation(w.year_on_year)}|较\\d{{4}}年|比\\d{{4}}年"),
        down=re.compile(alternation(w.down)),
        target=re.compile(f"({alternation(w.targets)})[^，。；]{{0,4}}$"),
        narrower=re.compile(f"代表[^，。；]{{0,8}}(政府|机关)|{alternation(w.narrower)}"),
        published=re.compile(alternation(w.published)),
        made=re.compile(alternation(w.made)),
    )
_CASE_MENTIONS = (
    ("suit_after_review", re.compile(r"复议后(提起)?(行政)?(起诉|诉讼)")),
    ("direct_suit", re.compile(r"(未经复议|直接)(提起)?(行政)?(起诉|诉讼)")),
    ("direct_suit+suit_after_review", re.compile(r"行政诉讼|诉讼|起诉")),
    ("review", re.compile(r"复议")),
)


def check_prose(sentences: Iterable[Sentence], figures: Figures | None, previous: Figures | None = None,
                previous_stated: dict[str, int | float] | None = None) -> list[Finding]:
    """Every prose-against-table and prose-against-itself finding over the given sentences."""
    last = LastYear(previous, previous_stated or {}) if previous is not None or previous_stated else None
    findings: list[Finding] = []
    statements: list[Statement] = []
    topic: dict[str, str | None] = {}
    where: tuple[str, int] | None = None
    before: list[Quantity] = []
    seen: list[Sentence] = []
    parts: set[tuple[int, int]] = set()
    for sentence in sentences:
        seen.append(sentence)
        if (sentence.section, sentence.paragraph) != where:
            # What “其中维持1件” or a sentence opening with “其中” refers to: the same paragraph only.
            where, topic, before = (sentence.section, sentence.paragraph), {}, []
        quantities = find_quantities(sentence.text)
        if quantities:
            found, stated = read_sentence(sentence, figures, last, quantities, topic)
            findings += found
            found_parts, part_starts = check_breakdowns(sentence, {s.quantity.start: s for s in stated},
                                                        quantities, before)
            findings += found_parts
            statements += [s for s in stated if s.quantity.start not in part_starts]
            parts.update((len(seen) - 1, start) for start in part_starts)
        before = head_totals(sentence.text, quantities) if quantities else before
        findings += _check_claims(sentence, figures)
    findings += _check_repeats(statements)
    findings += _check_named_repeats(seen, parts)
    return findings


# ------------------------------------------------------------------------------------------ one sentence


def _windows(text: str, quantities: list[Quantity], i: int) -> tuple[str, str]:
    q = quantities[i]
    start = quantities[i - 1].end if i else 0
    for j in range(q.start - 1, start - 1, -1):
        if text[j] in _BOUNDARY:
            start = j + 1
            break
    end = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
    for j in range(q.end, end):
        if text[j] in _BOUNDARY or text[j] == "、":
            end = j
            break
    return text[start:q.start], text[q.end:end]


def match_indicator(pre: str, post: str, unit: str) -> Indicator | None:
    """The lexicon entry the words around a number point to (the first in lexicon order), if any."""
    context = f"{pre}#{post}"
    for indicator in load_lexicon().indicators:
        if unit in indicator.units and indicator.regex.search(context):
            if indicator.unless is not None and indicator.unless.search(context):
                continue
            if indicator.id.startswith(("apps.", "col.")) and not_applications().search(context):
                continue  # replies to 人大代表建议, 政协提案, letters or hotline calls are no disclosure applications
            return indicator
    return None


@functools.cache
def not_applications() -> re.Pattern[str]:
    """Words that make a count of 答复/办理 one of something other than disclosure applications."""
    return re.compile(alternation(load_lexicon().claim_words.not_applications))


def _miscounted(pre: str, post: str, unit: str) -> Indicator | None:
    """An application, case or document count given in 条/篇 (evaluators flag it): the entry it matches in 件."""
    if unit not in _WRONG_UNITS:
        return None
    indicator = match_indicator(pre, post, "件")
    return indicator if indicator is not None and indicator.id.startswith(("apps.", "case.", "t2.docs")) else None


_BARE_APPS = frozenset({"apps.closed", "apps.next"})


def _follows_apps(statements: list[Statement], quantities: list[Quantity], i: int,
                  topic: dict[str, str | None]) -> bool:
    """True when the paragraph speaks of applications and the number before this one was about them too."""
    if not topic.get("rows"):
        return False
    earlier = [q for q in quantities[:i] if not q.is_percent]
    if not earlier:
        return True
    return any(s.quantity is earlier[-1] and s.indicator.id.startswith(("apps.", "col.")) for s in statements)


def _in_unit(indicator_expr: str, q: Quantity) -> int | float:
    """The stated number in the unit of its figure (表二 fees in 万元, 信息处理费 in 元)."""
    if q.yuan is None:
        return q.value
    value = q.yuan / 10_000 if indicator_expr.startswith("t2:fees") else q.yuan
    return int(value) if float(value).is_integer() else round(value, 4)


def _close(a: int | float, b: int | float) -> bool:
    return abs(a - b) < 1e-6 * max(1, abs(a), abs(b))


def _rows_of(expr: str) -> str | None:
    return expr.split(":")[1] if expr.startswith("t3:") else None


def read_sentence(sentence: Sentence, figures: Figures | None, previous: LastYear | None,
                   quantities: list[Quantity] | None = None,
                   topic: dict[str, str | None] | None = None) -> tuple[list[Finding], list[Statement]]:
    """The numbers of one sentence tied to figures, and the findings on them (``topic`` carries the paragraph's
    subject — which rows, cases or documents — from sentence to sentence)."""
    text = sentence.text
    if quantities is None:
        quantities = find_quantities(text)
    topic = {} if topic is None else topic
    findings: list[Finding] = []
    statements: list[Statement] = []
    for i, q in enumerate(quantities):
        pre, post = _windows(text, quantities, i)
        if q.is_percent:
            findings += _check_percent(sentence, q, pre, statements, figures, previous)
            continue
        if is_change(pre) or _patterns().target.search(pre):
            continue  # “较上年增加5件” states a change, “不少于20篇” a target: neither is this year's level
        if q.value == 1 and q.text.startswith("一") and (
                text.count("“", 0, q.start) > text.count("”", 0, q.start) or text[q.end:q.end + 1] in "事些批"):
            continue  # “办结一件申请、解决一个问题” is a slogan, not a count
        indicator = match_indicator(pre, post, q.unit)
        if indicator is not None and q.unit == "条" and indicator.id.startswith("t2.docs"):
            indicator = None  # documents counted in 条: compared below, and the unit said
        if indicator is None:
            indicator = _miscounted(pre, post, q.unit)
            if indicator is None:
                continue
            findings.append(Finding(Rule.PROSE_UNIT, Severity.WARNING,
                                    f"“{q.text}”：{indicator.name}应以“件”计，不用“{q.unit}”", section=sentence.section,
                                    quote=quote(text), expected="件", actual=q.unit))
        if indicator.id in _BARE_APPS and not re.search(r"申请|公开", pre + post) and not _follows_apps(
                statements, quantities, i, topic):
            continue  # a bare “办结1180件” after “受理行政许可申请1200件” is not about information requests
        blocks = topic.get("blocks")
        if blocks is None and any("{blocks}" in v for v in indicator.values):
            named = _mentioned_blocks(pre)
            blocks = named[0] if len(named) == 1 else None  # “复议结果维持2件”: the case named just before
        exprs = [bind(v, topic.get("rows"), blocks, topic.get("docs")) for v in indicator.values]
        if any(e is None for e in exprs):
            continue
        statement, finding = _compare(sentence, q, pre, sentence.text[q.end:q.end + 16], indicator,
                                      [e for e in exprs if e], figures, previous)
        if finding is not None:
            findings.append(finding)
        statements.append(statement)
        if indicator.topic == "apps":
            topic["rows"] = _rows_of(statement.expr) or topic.get("rows")
        elif indicator.topic and indicator.topic.startswith("docs:"):
            topic["docs"] = indicator.topic.removeprefix("docs:")
        elif indicator.topic:
            topic["blocks"] = indicator.topic
    return findings, statements


def _compare(sentence: Sentence, q: Quantity, pre: str, post: str, indicator: Indicator, exprs: list[str],
             figures: Figures | None, previous: LastYear | None) -> tuple[Statement, Finding | None]:
    primary = exprs[0]
    stated = _in_unit(primary, q)
    values = [evaluate(e, figures) for e in exprs]
    statement = Statement(sentence, q, indicator, primary, stated, values[0], False)
    if all(v is None for v in values):
        return statement, None
    for expr, value in zip(exprs, values, strict=True):
        if value is not None and _close(value, stated):
            statement.expr, statement.table, statement.matched = expr, value, True
            return statement, None
    if q.approx and values[0] is not None and stated * 0.8 <= values[0] <= stated * 1.25:
        statement.matched = True
        return statement, None
    if indicator.channel_words and any(word in pre for word in indicator.channel_words):
        return statement, None  # a count for one channel, not the total
    for alt in indicator.alternatives:
        value = evaluate(alt.value, figures)
        if value is not None and _close(value, stated):
            statement.expr, statement.table, statement.matched = alt.value, value, True
            if alt.stated_if is not None and alt.stated_if.search(post):
                return statement, None
            message = (f"正文称{indicator.name}{_num(q)}，与{describe(primary)}（{fmt(values[0])}）不符，"
                       f"但与{describe(alt.value)}（{fmt(value)}）相符——{alt.why}。措辞有歧义，建议写明统计口径")
            return statement, _finding(Severity.WARNING, message, sentence, primary, values[0], stated)
    expected = values[0]
    if expected is None:
        return statement, None
    message = f"正文称{indicator.name}{_num(q)}，{describe(primary)}为{fmt(expected)}"
    message += _hints(primary, indicator.id, stated, figures, previous)
    narrower = _patterns().narrower.search(sentence.text[:q.start])
    if narrower:
        message += f"；句中“{narrower.group(0)}”表明说的可能只是本级机关的数字，而表格是汇总数，请核对口径"
    published = indicator.id.endswith("_issued") and _patterns().published.search(pre) and not \
        _patterns().made.search(pre)
    if published:
        message += "；“发布”“公开”也可能指在网站上公开已有的文件，而表二统计的是本年制发的件数，请写明口径"
    other = _other_year(_clause_before(sentence.text, q.start), figures)
    if other is not None:
        message += f"；句中写的是{other}年，说的可能不是本年度的数字，请核对年份与数字"
    severity = Severity.WARNING if q.approx or narrower or published or other else Severity.ERROR
    return statement, _finding(severity, message, sentence, primary, expected, stated)


_A_YEAR = re.compile(r"(?<![\d〔\[［(（])((?:19|20)\d\d)\s*年(?!\d|度报告|报)")


def _other_year(clause: str, figures: Figures | None) -> int | None:
    """A year other than the report's, said before a number in its clause (“2022年，…制定规范性文件0件”):
    the number may count that year, so a mismatch with this year's table is not certain (prose.year says the
    year itself)."""
    if figures is None:
        return None
    for m in _A_YEAR.finditer(clause):
        compared = re.search(r"(较|比|与|同|和)\s*$", clause[:m.start()]) or \
            re.match(r"(度)?(相比|同期|以来)", clause[m.end():])
        if int(m.group(1)) != figures.meta.year and not compared and not _quoted_at(clause, m.start()):
            return int(m.group(1))
    return None


def _quoted_at(text: str, pos: int) -> bool:
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _num(q: Quantity) -> str:
    return f"{fmt(q.value)}{q.unit}"


def _hints(expr: str, indicator_id: str, stated: int | float, figures: Figures | None,
           previous: LastYear | None) -> str:
    hints = ""
    kind, _, rest = expr.partition(":")
    rows, _, column = rest.partition(":")
    if kind == "t3" and "+" not in rows and rows.count("（") == 1 and rows.endswith("）"):
        for row in L.TABLE3_ROWS:
            if row.id.startswith(rows) and row.id != rows:
                value = evaluate(f"t3:{row.id}:{column}", figures)
                if value is not None and value and _close(value, stated):
                    hints += f"；正文的数字只等于其中“{L.t3_row_name(row.id)}”一项"
                    break
    if previous is not None:
        last = previous.value(expr, indicator_id)
        if last is not None and _close(last, stated):
            hints += "；这是上年报告中的数字，可能沿用了上年数据"
    return hints


def _finding(severity: Severity, message: str, sentence: Sentence, expr: str, expected: int | float | None,
             actual: int | float, rule: Rule = Rule.PROSE_TABLE_MISMATCH) -> Finding:
    return Finding(rule, severity, message, section=sentence.section, location=location(expr),
                   quote=quote(sentence.text), expected=expected, actual=actual)


# ------------------------------------------------------------------------------------------ percentages


def _check_percent(sentence: Sentence, q: Quantity, pre: str, statements: list[Statement],
                   figures: Figures | None, previous: LastYear | None) -> list[Finding]:
    mine = [s for s in statements if s.sentence is sentence]
    clause = _clause_before(sentence.text, q.start)
    if _patterns().yoy.search(clause):
        return _check_yoy(sentence, q, clause, mine, figures, previous)
    if _RATE.search(pre) and figures is not None:
        done, total = evaluate("t3:三（七）:total", figures), evaluate("t3:一+二:total", figures)
        if done is None or not total:
            return []
        computed = done / total * 100
        if abs(computed - q.value) > _tolerance(q):
            return [_finding(Severity.WARNING, f"正文称{pre[-6:]}{fmt(q.value)}%，按表三（七）总计 {fmt(done)} ÷ "
                             f"（一 + 二）{fmt(total)} 计算为 {computed:.2f}%", sentence, "t3:三（七）:total",
                             round(computed, 2), q.value)]
        return []
    if _SHARE.search(pre) and mine and figures is not None:
        last = mine[-1]
        if not last.matched or last.table is None or not last.expr.startswith("t3:"):
            return []
        bases = last.indicator.percent_base or ("t3:三（七）:total", "t3:一:total", "t3:一+二:total")
        candidates = [(b, evaluate(b, figures)) for b in bases]
        stated_base = [(b, v) for b, v in candidates if v]
        if not stated_base:
            return []
        part = last.table
        if any(abs(part / v * 100 - q.value) <= _tolerance(q) for _, v in stated_base):
            return []
        base, value = stated_base[0]
        computed = part / value * 100
        return [_finding(Severity.ERROR, f"正文称{last.indicator.name}占{fmt(q.value)}%，按表格计算为 "
                         f"{fmt(part)} ÷ {fmt(value)} = {computed:.2f}%（分母为{describe(base)}）",
                         sentence, last.expr, round(computed, 2), q.value)]
    return []


def _tolerance(q: Quantity) -> float:
    text = q.text.rstrip("%％ ")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return 10 ** -decimals + 1e-9


def _clause_before(text: str, end: int) -> str:
    start = max(text.rfind(ch, 0, end) for ch in "；;。")
    return text[start + 1:end]


def _check_yoy(sentence: Sentence, q: Quantity, clause: str, mine: list[Statement],
               figures: Figures | None, previous: LastYear | None) -> list[Finding]:
    if previous is None or not mine:
        return []
    last = mine[-1]
    before = previous.value(last.expr, last.indicator.id)
    now = last.table if last.table is not None else last.stated
    if not before or now is None:
        return []
    computed = (now - before) / before * 100
    stated = -q.value if _patterns().down.search(clause[clause.find(mine[-1].quantity.text) if mine else 0:]) else q.value
    diff = abs(computed - stated)
    if diff <= _tolerance(q):
        return []
    severity = Severity.WARNING if diff <= 0.5 else Severity.ERROR
    word = "增长" if computed >= 0 else "下降"
    message = (f"正文称{last.indicator.name}同比变化{fmt(stated)}%，按上年报告（{fmt(before)}）与本年"
               f"（{fmt(now)}）计算为{word}{abs(computed):.2f}%")
    return [_finding(severity, message, sentence, last.expr, round(computed, 2), stated)]


# ------------------------------------------------------------------------------------------ zero and “all” claims


def _mentioned_blocks(text: str) -> list[str]:
    found: list[str] = []
    rest = text
    for blocks, pattern in _CASE_MENTIONS:
        if pattern.search(rest):
            found.append(blocks)
            rest = pattern.sub("", rest)
    return found


def _check_claims(sentence: Sentence, figures: Figures | None) -> list[Finding]:
    if figures is None or not _CLAIM_HINT.search(sentence.text):
        return []
    findings: list[Finding] = []
    seen: set[str] = set()
    for claim in load_lexicon().claims:
        for m in claim.regex.finditer(sentence.text):
            rest = re.split(r"[，。；,;]", sentence.text[m.start():], maxsplit=1)[0]
            if claim.unless is not None and claim.unless.search(rest):
                continue
            blocks_list = _mentioned_blocks(sentence.text) if "{blocks}" in claim.value else [None]
            for blocks in blocks_list:
                expr = bind(claim.value, None, blocks)
                if expr is None or expr in seen:
                    continue
                seen.add(expr)
                finding = _claim_finding(sentence, claim, m.group(0), expr, figures)
                if finding is not None:
                    findings.append(finding)
    return findings


def _claim_finding(sentence: Sentence, claim: Claim, said: str, expr: str, figures: Figures) -> Finding | None:
    value = evaluate(expr, figures)
    if value is None or _close(value, 0):
        return None
    message = f"正文称“{said}”，但{describe(expr)}为{fmt(value)}"
    if claim.why:
        message += f"；{claim.why}"
    return _finding(Severity.WARNING if claim.warning else Severity.ERROR, message, sentence, expr, value, 0)


# ------------------------------------------------------------------------------------------ breakdowns, repeats


def _check_repeats(statements: list[Statement]) -> list[Finding]:
    """The same quantity stated twice with different numbers, where no table settles which is right.

    Two statements are the same quantity only when their subjects match: the same figure and the same scope of
    the verb (新收到 is not 受理/办理, which may include last year's carry-over).
    """
    by_key: dict[tuple[str, str], Statement] = {}
    findings: list[Finding] = []
    for s in statements:
        if s.quantity.approx or s.table is not None or s.expr.startswith("fact:"):
            continue
        first = by_key.setdefault((s.expr, _scope_of(s)), s)
        if first is not s and not _close(first.stated, s.stated):
            findings.append(Finding(
                Rule.PROSE_INCONSISTENT, Severity.ERROR,
                f"正文两处所说的{s.indicator.name}不一致：前文为{fmt(first.stated)}，此处为{fmt(s.stated)}",
                section=s.sentence.section, location=location(s.expr), quote=quote(s.sentence.text),
                expected=first.stated, actual=s.stated))
    return findings


def _scope_of(s: Statement) -> str:
    """``wide`` when the wording may count more than the newly received (受理/办理, 含上年结转)."""
    text = s.sentence.text
    pre = text[max(0, text.rfind("，", 0, s.quantity.start) + 1):s.quantity.start]
    post = text[s.quantity.end:s.quantity.end + 8]
    if re.match(r"[（(](含|包括|包含)", post) or (re.search(r"受理|办理|处理|收办", pre) and "新" not in pre):
        return "wide"
    return ""


def _check_named_repeats(sentences: list[Sentence], parts: set[tuple[int, int]]) -> list[Finding]:
    """The same named channel or category (“门户网站‘政策文件’栏目公开文件”) stated twice with different counts."""
    seen: dict[tuple[str, str], tuple[Sentence, Quantity]] = {}
    findings: list[Finding] = []
    for n, sentence in enumerate(sentences):
        text = sentence.text
        for q in levels(text, find_quantities(text)):
            if q.approx or (n, q.start) in parts:
                continue
            key = named_subject(text, q)
            if key is None:
                continue
            first = seen.setdefault((key, q.unit), (sentence, q))
            if first[1] is not q and not _close(first[1].value, q.value):
                findings.append(Finding(
                    Rule.PROSE_INCONSISTENT, Severity.WARNING,
                    f"正文两处说到{key}，数字不同：前文为{first[1].text}，此处为{q.text}；如说的是同一项，请改为一致",
                    section=sentence.section, quote=quote(text), expected=first[1].value, actual=q.value))
    return findings
