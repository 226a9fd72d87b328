"""Habits of small models that a model's draft is checked for: the figure sheet copied out as a list, first
person, the prompt's outline or instructions copied into the text.

The words are vocabulary and live in the lexicon (``draft_habits`` of ``drafter/data/lexicon.yaml``); this module
holds only the structure. Every finding is repairable: the repair turn tells the model what to rewrite.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from drafter.check.lexicon import alternation, load_lexicon
from drafter.findings import Finding, Rule, Severity

# A fact-sheet line copied as a sentence: “本年制发规章：0件” (with a colon, two in a row are a list) or
# “本年制发规章0件” (a bare label and number: three whole sentences in a row).
_RUN_WITH_COLON = 2
_RUN_BARE = 3
_MAX_LABEL = 30


@dataclass(frozen=True, slots=True)
class _Patterns:
    first_person: re.Pattern[str] | None
    first_person_unless: re.Pattern[str] | None
    outline_label: re.Pattern[str] | None
    outline_words: re.Pattern[str] | None
    colon_item: re.Pattern[str]
    bare_item: re.Pattern[str]
    zero: re.Pattern[str]
    zeros: int


@functools.cache
def _patterns() -> _Patterns:
    words = load_lexicon().draft_habits

    def compiled(items: list[str], template: str = "{}") -> re.Pattern[str] | None:
        return re.compile(template.format(alternation(items))) if items else None

    units = alternation(words.list_units)
    number = rf"\d[\d,，.]*\s*(?:{units})"
    return _Patterns(
        first_person=compiled(words.first_person),
        first_person_unless=compiled(words.first_person_unless),
        outline_label=compiled(words.outline_labels, r"^\s*(?:{})\s*[:：]"),
        outline_words=compiled(words.outline_words),
        colon_item=re.compile(rf"^[^，,：:]{{1,{_MAX_LABEL}}}[：:]\s*{number}$"),
        bare_item=re.compile(rf"^[^，,：:\d]{{2,{_MAX_LABEL}}}?{number}$"),
        zero=re.compile(rf"(?<![\d.])0\s*(?:{units})"),
        zeros=words.zeros_in_a_sentence,
    )


# A sub-heading line of a part: “（一）主动公开”.
HEADING = re.compile(r"^（([一二三四五六七八九十]+)）([^，。；]{1,24})$")
_NUMERALS = "一二三四五六七八九十"


def headings(text: str) -> list[tuple[str, str]]:
    """The sub-headings of a part, as (numeral, title)."""
    return [(m.group(1), m.group(2).strip()) for line in text.split("\n") if (m := HEADING.match(line.strip()))]


def check_habits(part: str, text: str, self_name: str, outline: str | None = None) -> list[Finding]:
    """The small-model habits in one drafted part, each a repairable finding that names the sentence.

    ``outline`` is the first draft the model was asked to edit: its sub-headings are the ones the part must keep.
    """
    return [*_fact_lists(part, text), *_first_person(part, text, self_name), *_outline(part, text),
            *_headings(part, text, outline)]


def _headings(part: str, text: str, outline: str | None) -> list[Finding]:
    """Sub-headings numbered out of order, or (edit mode) not those of the first draft."""
    found = headings(text)
    said = "".join(f"（{n}）" for n, _ in found)
    if outline is not None:
        wanted = headings(outline)
        if found != wanted and wanted:
            listed = "、".join(f"（{n}）{t}" for n, t in wanted)
            return [Finding(Rule.DRAFT_HEADINGS, Severity.ERROR,
                            f"小标题应与初稿一致，依次为：{listed}；不要增加、删去或改动小标题和序号",
                            section=part, quote="、".join(f"（{n}）{t}" for n, t in found)[:80],
                            expected=listed)]
    if found and [n for n, _ in found] != list(_NUMERALS[:len(found)]):
        return [Finding(Rule.DRAFT_HEADINGS, Severity.ERROR,
                        f"小标题的序号应从（一）起依次排列，这里是{said}，请改正序号", section=part,
                        quote="、".join(f"（{n}）{t}" for n, t in found)[:80])]
    return []


def _fact_lists(part: str, text: str) -> list[Finding]:
    """Runs of “X：0件。Y：0件。”: the figure sheet copied as a list instead of written as prose (one a paragraph)."""
    out: list[Finding] = []
    p = _patterns()
    for paragraph in text.split("\n"):
        run = _longest_run(re.split(r"[。；;]", paragraph), p.colon_item, _RUN_WITH_COLON) or \
            _longest_run(paragraph.split("。"), p.bare_item, _RUN_BARE)
        if not run:
            run = [z for z in re.split(r"[。；;]", paragraph) if len(p.zero.findall(z)) >= p.zeros][:1]
        if run:
            out.append(Finding(
                Rule.DRAFT_FACT_LIST, Severity.ERROR,
                "这里把数据表逐项抄成了清单（“名称+数字”一项接一项），请改写成连贯的句子，同类事项合并叙述，"
                "数量为零的写“未制发”“未收到”等，不写“0件”", section=part, quote=("。".join(run) + "。")[:80]))
    return out


def _longest_run(clauses: list[str], item: re.Pattern[str], least: int) -> list[str]:
    best: list[str] = []
    run: list[str] = []
    for clause in [*(c.strip() for c in clauses), ""]:
        if clause and item.match(clause):
            run.append(clause)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return best if len(best) >= least else []


def _first_person(part: str, text: str, self_name: str) -> list[Finding]:
    p = _patterns()
    if p.first_person is None:
        return []
    out: list[Finding] = []
    seen: set[str] = set()
    for m in p.first_person.finditer(text):
        word = m.group(0)
        if word == self_name or self_name.startswith(word) or word in seen:
            continue  # an association calls itself 我会
        around = text[max(0, m.start() - 4):m.end() + 4]
        if p.first_person_unless is not None and p.first_person_unless.search(around):
            continue
        seen.add(word)
        out.append(Finding(Rule.DRAFT_FIRST_PERSON, Severity.WARNING,
                           f"“{word}”是第一人称的说法，年度报告用机关口吻，请改称“{self_name}”",
                           section=part, quote=_sentence(text, m.start(), m.end()), actual=word,
                           expected=self_name))
    return out


def _outline(part: str, text: str) -> list[Finding]:
    """A label of the prompt's outline (“导语：”) or its instructions (“各小标题下要写到的内容”) in the text."""
    p = _patterns()
    out: list[Finding] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        label = p.outline_label.match(line) if p.outline_label is not None else None
        if label is not None:
            out.append(Finding(Rule.DRAFT_OUTLINE_COPIED, Severity.ERROR,
                               f"行首的“{label.group(0).strip()}”是提纲的标签，不是正文，请删去标签，只保留正文",
                               section=part, quote=line.strip()[:60], actual=label.group(0).strip()))
        for m in p.outline_words.finditer(line) if p.outline_words is not None else ():
            if m.group(0) in seen:
                continue
            seen.add(m.group(0))
            out.append(Finding(Rule.DRAFT_OUTLINE_COPIED, Severity.ERROR,
                               f"“{m.group(0)}”是起草说明里的话，不是报告的正文，请删去这句或改写成对工作的叙述",
                               section=part, quote=_sentence(line, m.start(), m.end()), actual=m.group(0)))
    return out


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in "。；\n") + 1
    rights = [i for mark in "。；\n" if (i := text.find(mark, end)) >= 0]
    return text[left:min(rights) if rights else len(text)].strip()
