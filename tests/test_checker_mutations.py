"""Mutation tests: plant one defect of a known kind in a real or generated report and require the checker to find
it with the right rule (≥ 95% per kind), while the unmutated generated reports get no error at all.

Kinds: a prose number tied to a table cell changed; a zero claim flipped (both ways); a 其中 breakdown broken; the
report year shifted back by one; a placeholder left in; a part retitled, dropped or moved.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from drafter.check.checker import check_report
from drafter.check.prose import read_sentence
from drafter.findings import Severity
from drafter.numbers import find_quantities
from drafter.read.inputs import open_input
from drafter.report import Report, Section
from drafter.text import report_sentences, section_paragraphs
from tests.checker_generated import generated_report
from tests.conftest import CORPUS, SEED

GENERATED_SEEDS = range(30)
THRESHOLD = 0.95


def _normalized(report: Report) -> Report:
    """The report with each part's text as clean paragraphs, so that a sentence can be found and replaced."""
    sections = [dataclasses.replace(s, text="\n".join(section_paragraphs(s))) for s in report.sections]
    return dataclasses.replace(report, sections=sections, text=None)


def _documents() -> list[tuple[str, Report]]:
    docs = [(p.stem, open_input(p)) for p in sorted(CORPUS.glob("*.txt")) if ".source-page" not in p.name]
    docs.append((SEED.stem, open_input(SEED)))
    docs += [(f"generated-{seed}", generated_report(seed)) for seed in GENERATED_SEEDS]
    return [(name, _normalized(report)) for name, report in docs]


DOCUMENTS = _documents()


def _signature(findings: list) -> Counter:
    return Counter((f.rule, f.quote) for f in findings)


def _new_findings(report: Report, baseline: Counter) -> list:
    found = check_report(report)
    fresh = _signature(found) - baseline
    return [f for f in found if (f.rule, f.quote) in fresh]


def _replace_sentence(report: Report, numeral: str, old: str, new: str) -> Report | None:
    sections = []
    done = False
    for s in report.sections:
        if s.numeral == numeral and not done and old in s.text:
            s = dataclasses.replace(s, text=s.text.replace(old, new, 1))
            done = True
        sections.append(s)
    return dataclasses.replace(report, sections=sections) if done else None


# ------------------------------------------------------------------------------------------ mutation kinds
Mutant = tuple[Report, set[str]]  # the mutated report and the rules that count as finding it


def mutate_numbers(report: Report) -> Iterator[Mutant]:
    """Each prose number that the checker ties to a table cell, changed by a few units."""
    for sentence in report_sentences(report):
        _, statements = read_sentence(sentence, report.figures, None)
        for st in statements:
            q = st.quantity
            if not st.matched or st.expr.startswith("fact:") or q.approx or not q.text[:1].isdigit():
                continue
            delta = 3 if isinstance(q.value, int) else 1.5
            new = sentence.text[:q.start] + f"{q.value + delta:g}{q.unit}" + sentence.text[q.end:]
            mutated = _replace_sentence(report, sentence.section, sentence.text, new)
            if mutated is not None:
                yield mutated, {"prose.table_mismatch", "prose.inconsistent"}


_ZERO_SENTENCES = {
    "apps.received": "本年度未收到政府信息公开申请。",
    "apps.handled": "本年度未收到政府信息公开申请。",
    "case.review": "本年度未发生因政府信息公开工作被申请行政复议的情况。",
    "case.suit": "本年度未发生因政府信息公开工作被提起行政诉讼的情况。",
}
_ZERO_CLAIM = re.compile(r"(未|没有)(收到|接到|受理)(政府信息公开|依申请公开)?申请")


def mutate_zero_claims(report: Report) -> Iterator[Mutant]:
    """A stated non-zero count replaced by a zero claim, and a zero claim replaced by a count."""
    seen: set[str] = set()
    for sentence in report_sentences(report):
        _, statements = read_sentence(sentence, report.figures, None)
        for st in statements:
            zero = _ZERO_SENTENCES.get(st.indicator.id)
            if zero and st.matched and st.table and st.indicator.id not in seen:
                seen.add(st.indicator.id)
                mutated = _replace_sentence(report, sentence.section, sentence.text, zero)
                if mutated is not None:
                    yield mutated, {"prose.table_mismatch"}
        m = _ZERO_CLAIM.search(sentence.text)
        if m:
            said = m.group(0).removeprefix("没有").removeprefix("未") + "6件"
            new = sentence.text.replace(m.group(0), said, 1)
            mutated = _replace_sentence(report, sentence.section, sentence.text, new)
            if mutated is not None:
                yield mutated, {"prose.table_mismatch"}


_BREAKDOWN = re.compile(r"其中[：:，,]?|涉及|分别为")


def mutate_breakdowns(report: Report) -> Iterator[Mutant]:
    """A “N件，其中 a件、b件” whose parts add up: one part raised so that the parts exceed the whole."""
    for sentence in report_sentences(report):
        text = sentence.text
        for m in _BREAKDOWN.finditer(text):
            before = [q for q in find_quantities(text[:m.start()]) if q.unit and q.unit != "%"]
            after = [q for q in find_quantities(text[m.end():]) if q.unit and q.unit != "%"]
            if not before or not after:
                continue
            whole = before[-1]
            parts = []
            for q in after:
                if q.unit != whole.unit:
                    break
                parts.append(q)
            if len(parts) < 2 or whole.approx or sum(q.value for q in parts) != whole.value:
                continue
            first = parts[0]
            start, end = m.end() + first.start, m.end() + first.end
            new = text[:start] + f"{first.value + 5:g}{first.unit}" + text[end:]
            mutated = _replace_sentence(report, sentence.section, text, new)
            if mutated is not None:
                yield mutated, {"prose.inconsistent", "prose.table_mismatch"}


def mutate_years(report: Report) -> Iterator[Mutant]:
    """The report year in a sentence of parts 一 or 五 changed to the year before (text copied from last year)."""
    year = report.year
    if year is None:
        return
    for sentence in report_sentences(report, {"一", "五"}):
        text = sentence.text
        pos = text.find(f"{year}年")
        if pos < 0 or "统计" in text or text.count("《", 0, pos) > text.count("》", 0, pos):
            continue
        new = text[:pos] + f"{year - 1}" + text[pos + 4:]
        mutated = _replace_sentence(report, sentence.section, text, new)
        if mutated is not None:
            yield mutated, {"prose.year"}


_PLACEHOLDERS = ("【待补充】", "XX", "××", "【请填写具体数字】", "XXX局", "【待补充：本年度培训次数】")


def mutate_placeholders(report: Report) -> Iterator[Mutant]:
    """A template leftover inserted into every third sentence."""
    for i, sentence in enumerate(report_sentences(report)):
        if i % 3:
            continue
        token = _PLACEHOLDERS[i % len(_PLACEHOLDERS)]
        cut = sentence.text.find("，") + 1
        new = sentence.text[:cut] + token + sentence.text[cut:]
        mutated = _replace_sentence(report, sentence.section, sentence.text, new)
        if mutated is not None:
            yield mutated, {"prose.placeholder"}


_RETITLES = {"五": "存在问题和改进措施", "一": "基本情况", "六": "其他事项", "三": "依申请公开情况"}


def mutate_titles(report: Report) -> Iterator[Mutant]:
    """A part retitled (a typo, a paraphrase), dropped, or moved after the next part."""
    sections = report.sections
    for i, s in enumerate(sections):
        title = s.title
        typo = title[:2] + title[3:]
        variants = [typo]
        if s.numeral in _RETITLES:
            variants.append(_RETITLES[s.numeral])
        for variant in variants:
            changed = [dataclasses.replace(x, title=variant) if x is s else x for x in sections]
            yield dataclasses.replace(report, sections=changed), {"structure.section"}
        if s.text.strip():
            yield dataclasses.replace(report, sections=[x for x in sections if x is not s]), {"structure.section"}
        if i + 1 < len(sections):
            moved = sections[:i] + [sections[i + 1], s] + sections[i + 2:]
            yield dataclasses.replace(report, sections=moved), {"structure.section"}


KINDS: dict[str, Callable[[Report], Iterator[Mutant]]] = {
    "number": mutate_numbers,
    "zero": mutate_zero_claims,
    "breakdown": mutate_breakdowns,
    "year": mutate_years,
    "placeholder": mutate_placeholders,
    "title": mutate_titles,
}
MINIMUM = {"number": 150, "zero": 30, "breakdown": 15, "year": 60, "placeholder": 100, "title": 150}


@pytest.mark.parametrize("kind", list(KINDS))
def test_mutations_are_detected(kind: str) -> None:
    total = detected = 0
    missed: list[str] = []
    for name, report in DOCUMENTS:
        baseline = _signature(check_report(report))
        for mutated, rules in KINDS[kind](report):
            total += 1
            if any(f.rule in rules for f in _new_findings(mutated, baseline)):
                detected += 1
            elif len(missed) < 10:
                missed.append(name)
    assert total >= MINIMUM[kind], f"only {total} mutations of kind {kind}"
    assert detected / total >= THRESHOLD, f"{kind}: {detected}/{total} detected; missed in {missed}"


@pytest.mark.parametrize("seed", list(GENERATED_SEEDS))
def test_generated_reports_have_no_errors(seed: int) -> None:
    report = generated_report(seed)
    errors = [f for f in check_report(report) if f.severity is Severity.ERROR]
    assert errors == []


def test_mutated_number_names_cell_and_quotes_sentence() -> None:
    report = next(r for name, r in DOCUMENTS if name == "pingtan-2021")
    baseline = _signature(check_report(report))
    mutated = _replace_sentence(report, "一", "共收到70件申请", "共收到73件申请")
    assert mutated is not None
    (finding,) = [f for f in _new_findings(mutated, baseline) if f.rule == "prose.table_mismatch"]
    assert (finding.location, finding.expected, finding.actual) == ("表三/一/总计", 70, 73)
    assert "73件" in finding.quote and finding.severity is Severity.ERROR


def test_sections_keep_their_type() -> None:
    assert all(isinstance(s, Section) for _, r in DOCUMENTS for s in r.sections)
