"""What last year's report hands to this year's: the problems and measures of its part 五."""

from __future__ import annotations

import re

from drafter.figures import PreviousProblem

# Where the measures start in a part 五 (“下一步”, “改进措施”, “针对…”).
_MEASURES_START = re.compile(r"(?:（二）|二、)?(?:下一步|改进措施|改进情况|整改措施|今后|针对(?:上述|以上|存在的)?问题)")
_ENUMERATOR = re.compile(r"(?:^|[。；;\n])\s*(?:[一二三四五六七八九十]是|（[一二三四五六七八九十]）|\d+[.、．]|第[一二三四五六七八九十]，)")


def _items(text: str) -> list[str]:
    """Split an enumeration (一是…二是…, （一）…, 1. …) into its items; the whole text when there is none."""
    marks = [m.end() for m in _ENUMERATOR.finditer(text)]
    if not marks:
        return []
    items = []
    for i, start in enumerate(marks):
        end = marks[i + 1] if i + 1 < len(marks) else len(text)
        chunk = text[start:end].strip(" 。；;\n")
        # the next enumerator's own mark sits at the end of this chunk: cut it
        chunk = re.sub(r"(?:[一二三四五六七八九十]是|（[一二三四五六七八九十]）|\d+[.、．])$", "", chunk).strip(" 。；;\n")
        if chunk:
            items.append(_first_sentence(chunk))
    return items


def _first_sentence(text: str) -> str:
    head = re.split(r"[。；;]", text, maxsplit=1)[0].strip()
    return head if len(head) >= 4 else text.strip()


def extract_problems(part_five: str) -> list[PreviousProblem]:
    """Last year's problems, each paired with the measure of the same rank when one can be found."""
    match = _MEASURES_START.search(part_five)
    problems_text = part_five[: match.start()] if match else part_five
    measures_text = part_five[match.start():] if match else ""
    problems = _items(problems_text)
    measures = _items(measures_text)
    return [PreviousProblem(problem=p, measure=measures[i] if i < len(measures) else None)
            for i, p in enumerate(problems)]
