"""What last year's report hands to this year's: the problems and planned measures of its part 五.

Part 五 is written in a few recurring shapes: “（一）存在的主要问题 … （二）改进措施 …”; a sentence of problems
(“如A、B、C等”) followed by numbered measures (“下一步…：一是…二是…”); or numbered problems and numbered measures.
"""

from __future__ import annotations

import functools
import re

from drafter.check.lexicon import alternation, load_lexicon
from drafter.figures import PreviousProblem
from drafter.text import CN_NUMERALS

# Where the measures start.
_MEASURES_START = re.compile(
    r"（二）\s*(?:改进|整改|下一步)|二、\s*(?:改进|整改)|下一步|改进措施|整改措施|今后|针对(?:上述|以上|存在的|这些)?问题"
    r"|将(?:重点)?从以下|(?:20\d\d|明)年[，,]?\s*(?:我|本|将|继续)")
_ENUMERATOR = re.compile(
    rf"(?<![统唯同单第之其逐专万划不])[{CN_NUMERALS}]是"
    rf"|(?:^|(?<=[。；;：:\s题施作]))(?:（[{CN_NUMERALS}]）|[1-9][.、．]|第[{CN_NUMERALS}][，,、])")
# “如A、B、C等” / “主要是：A，B” — the problems written inline after an intro.
_INTRO = re.compile(r"(?:如|主要(?:是|有|表现为|表现在)|具体(?:是|表现为)|一方面)[：:，,]?")
_STRUCTURE = re.compile(r"(?:（[一二三四]）|[一二三四]、)\s*(?:存在的主要问题|存在问题|主要问题|改进措施|改进情况|整改措施|下一步工作(?:打算)?)[。：:]?")
_MEASURE_LEAD = re.compile(r"^(?:针对[^，,。]*问题[，,]?)?(?:下一步|今后|(?:20\d\d|明)年)?[，,]?[^；;。：:]{0,12}?将(?:[^；;。：:]{0,12}以下[^；;。：:]{0,8})?[：:，,]?")


@functools.cache
def _problem_words() -> re.Pattern[str]:
    """Words that say a clause states a problem (lexicon ``words.problem_words``)."""
    return re.compile(alternation(load_lexicon().words.problem_words))


def _items(text: str) -> list[str]:
    """The items of an enumeration (一是…二是…, （一）…, 1. …); empty when the text has none."""
    marks = list(_ENUMERATOR.finditer(text))
    items = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunk = text[mark.end():end].strip(" 。；;\n")
        if chunk:
            items.append(_first_sentence(chunk))
    return items


def _clauses(text: str) -> list[str]:
    """Problems written inline: after “如/主要是” (or the whole text), split at ；, else at ，、."""
    intro = _INTRO.search(text)
    if intro:
        body = re.split(r"等(?:问题|方面)?[。；]|。", text[intro.end():], maxsplit=1)[0]
        parts = re.split(r"[；;]", body) if re.search(r"[；;]", body) else re.split(r"[，,、]", body)
    else:
        parts = re.split(r"[。；;]", text)  # problems written as sentences
    clauses: list[str] = []
    for part in (p.strip(" 。，,：:") for p in parts):
        if not part:
            continue
        if _problem_words().search(part) or not clauses:
            clauses.append(part)
        else:
            clauses[-1] += "，" + part
    return [c for c in clauses if _problem_words().search(c) and len(c) >= 6]


def _measures(text: str) -> list[str]:
    """The planned measures: an enumeration, or the sentence's ；-separated parts."""
    items = _items(text)
    if items:
        return items
    body = _MEASURE_LEAD.sub("", text, count=1)
    return [_first_sentence(p) for p in re.split(r"[；;]", body) if len(p.strip(" 。")) >= 6]


def _first_sentence(text: str) -> str:
    head = re.split(r"[。；;]", text, maxsplit=1)[0].strip()
    return head if len(head) >= 4 else text.strip()


def _unwrap_lines(text: str) -> str:
    # Text from PDFs and pages breaks lines mid-sentence (even inside “一是”); a part 五 reads as one flow.
    return re.sub(r"\s*\n\s*", "", text).strip()


def extract_problems(part_five: str) -> list[PreviousProblem]:
    """Last year's problems, each paired with the measure of the same rank when one can be found."""
    part_five = _unwrap_lines(part_five)
    match = _MEASURES_START.search(part_five, 8)
    problems_text = _STRUCTURE.sub("。", part_five[: match.start()] if match else part_five)
    measures_text = _STRUCTURE.sub("。", part_five[match.start():] if match else "")
    problems = _items(problems_text) or _clauses(problems_text)
    measures = _measures(measures_text)
    if not problems:
        # Only measures were written: each measure stands for the problem it answers.
        return [PreviousProblem(problem=m, measure=m) for m in measures]
    return [PreviousProblem(problem=p, measure=measures[i] if i < len(measures) else None)
            for i, p in enumerate(problems)]
