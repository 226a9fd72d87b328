"""Drafting parts 一 and 五: both at once, each checked, errors handed back to the model for a bounded repair.

An engine drafts one part at a time: :class:`OfflineEngine` (deterministic, cannot repair) or :class:`LLMEngine`
(a model behind the ``openai`` client). :func:`draft_report` runs the parts concurrently, checks the result with
``drafter.check.checker.check_report`` and, for an engine that can, sends the error findings back at most
``max_repairs`` rounds. What still fails is returned as findings; the draft is returned either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from drafter.check.checker import check_report
from drafter.draft.factsheet import FactSheet, build_factsheet
from drafter.draft.offline import draft_offline
from drafter.draft.prompts import overview_messages, problems_messages, repair_messages
from drafter.figures import Figures, PreviousProblem
from drafter.figures.labels import SECTION_TITLES
from drafter.findings import Finding, Rule, Severity, sort_findings, summarize
from drafter.llm import clean_answer, complete
from drafter.numbers import find_quantities
from drafter.read.lastyear import extract_problems
from drafter.report import Report, Section, SourceKind

if TYPE_CHECKING:
    from drafter.draft.prompts import Prompts
    from drafter.llm import Usage
    from drafter.llm.settings import LLMSettings

PARTS = ("一", "五")
TokenSink = Callable[[str, str], None]  # (part numeral, text)
EventSink = Callable[[str, str], None]  # (part numeral, Chinese note)


@dataclass(slots=True)
class DraftInput:
    """What one report's draft is made from."""

    figures: Figures
    previous: Report | None = None
    parts: tuple[str, ...] = PARTS
    variant: int = 0

    @property
    def previous_problems(self) -> list[PreviousProblem]:
        """Last year's problems: from the figures file, else read from last year's part 五."""
        if self.figures.previous_problems:
            return list(self.figures.previous_problems)
        text = self.previous_text
        if text:
            return extract_problems(text)
        if self.previous is not None and self.previous.figures is not None:
            # Last year's figures file: its own problems and measures are what this year follows up.
            notes = self.previous.figures.notes
            return [PreviousProblem(problem=p, measure=notes.improvements[i] if i < len(notes.improvements) else None)
                    for i, p in enumerate(notes.problems)]
        return []

    @property
    def previous_text(self) -> str | None:
        section = self.previous.section("五") if self.previous is not None else None
        return section.text if section is not None and section.text.strip() else None


@dataclass(slots=True)
class Drafted:
    """One part's text and the conversation that produced it (for a repair turn)."""

    text: str
    usage: Any = None
    history: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class DraftResult:
    """The drafted parts, the findings on the final text, what the calls cost, and how many repair rounds ran."""

    engine: str
    sections: dict[str, str]
    findings: list[Finding]
    usage: Usage | None = None
    rounds: int = 0
    figures: Figures | None = None

    def usage_dict(self) -> dict[str, int]:
        u = self.usage
        if u is None:
            return {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0}
        return {"calls": u.calls, "prompt_tokens": u.prompt_tokens, "completion_tokens": u.completion_tokens}

    def to_json(self) -> dict[str, Any]:
        """The ``draft --format json`` document of docs/CLI.md."""
        ordered = sort_findings(self.findings)
        return {"engine": self.engine, "sections": dict(self.sections),
                "findings": [f.to_dict() for f in ordered], "summary": summarize(ordered),
                "usage": self.usage_dict()}

    def report(self) -> Report:
        """The draft as a report (figures plus the drafted parts), for the renderer."""
        sections = [Section(n, SECTION_TITLES[n], self.sections[n]) for n in PARTS if n in self.sections]
        return Report(kind=SourceKind.MARKDOWN, figures=self.figures, sections=sections)


class Engine(Protocol):
    name: str
    can_repair: bool

    def draft(self, part: str, job: DraftInput, sheet: FactSheet, on_token: Callable[[str], None] | None) -> Drafted:
        ...

    def repair(self, part: str, drafted: Drafted, findings: list[Finding], sheet: FactSheet,
               on_token: Callable[[str], None] | None) -> Drafted:
        ...


class OfflineEngine:
    """The built-in engine: deterministic text from the figures; its output is final (no repair)."""

    name = "offline"
    can_repair = False

    def draft(self, part: str, job: DraftInput, sheet: FactSheet, on_token: Callable[[str], None] | None) -> Drafted:
        text = draft_offline(job.figures, part, previous_problems=job.previous_problems,
                             previous_text=job.previous_text, variant=job.variant, sheet=sheet)
        if on_token is not None:
            on_token(text)
        return Drafted(text)

    def repair(self, part: str, drafted: Drafted, findings: list[Finding], sheet: FactSheet,
               on_token: Callable[[str], None] | None) -> Drafted:
        return drafted


class LLMEngine:
    """A model behind an OpenAI-compatible endpoint; the client is built by the caller and shared by threads."""

    can_repair = True

    def __init__(self, client: Any, settings: LLMSettings, prompts: Prompts, *, cache: Any = None, log: Any = None,
                 stream: bool = True, on_retry: EventSink | None = None,
                 on_usage: Callable[[str, Any, bool], None] | None = None) -> None:
        self.client, self.settings, self.prompts = client, settings, prompts
        self.cache, self.log, self.stream, self.on_retry, self.on_usage = cache, log, stream, on_retry, on_usage
        self.name = settings.model or "model"

    def _ask(self, part: str, messages: list[dict[str, str]], on_token: Callable[[str], None] | None) -> Drafted:
        retry = (lambda note: self.on_retry(part, note)) if self.on_retry else None
        done = complete(self.client, self.settings, messages, on_token=on_token, cache=self.cache, log=self.log,
                        stream=self.stream, on_retry=retry)
        if self.on_usage is not None:
            self.on_usage(part, done.usage, done.cached)
        return Drafted(normalize_part(clean_answer(done.text), part), done.usage, messages)

    def draft(self, part: str, job: DraftInput, sheet: FactSheet, on_token: Callable[[str], None] | None) -> Drafted:
        if part == "一":
            messages = overview_messages(self.prompts, sheet, job.figures)
        else:
            messages = problems_messages(self.prompts, sheet, job.figures, previous_problems=job.previous_problems,
                                         previous_text=job.previous_text, variant=job.variant)
        return self._ask(part, messages, on_token)

    def repair(self, part: str, drafted: Drafted, findings: list[Finding], sheet: FactSheet,
               on_token: Callable[[str], None] | None) -> Drafted:

        base = drafted.history[:2] if drafted.history else []
        messages = repair_messages(self.prompts, sheet, part, SECTION_TITLES[part], drafted.text, findings, base)
        fixed = self._ask(part, messages, on_token)
        fixed.history = base
        return fixed


def draft_report(job: DraftInput, engine: Engine, *, max_repairs: int = 2, on_token: TokenSink | None = None,
                 on_event: EventSink | None = None) -> DraftResult:
    """Draft the parts of one report concurrently, check them, and repair errors (LLM engines) in ≤ N rounds."""
    sheet = build_factsheet(job.figures)
    parts = [p for p in PARTS if p in job.parts]
    drafted = _run_parts(parts, lambda p, sink: engine.draft(p, job, sheet, sink), on_token)
    usage = _sum_usage(d.usage for d in drafted.values())
    findings = check_draft(job, {p: d.text for p, d in drafted.items()}, sheet)
    rounds = 0
    while engine.can_repair and rounds < max_repairs:
        todo = {p: errs for p in parts if (errs := repairable(findings, p))}
        if not todo:
            break
        rounds += 1
        if on_event is not None:
            for p, errs in todo.items():
                on_event(p, f"核对发现 {len(errs)} 处错误，第 {rounds} 轮修改……")
        fixed = _run_parts(list(todo), lambda p, sink, todo=todo: engine.repair(p, drafted[p], todo[p], sheet, sink),
                           on_token)
        usage = _sum_usage([usage, *(d.usage for d in fixed.values())])
        # A reply much shorter than the draft is the corrected sentences alone, not the part: keep the draft.
        fixed = {p: d for p, d in fixed.items() if len(d.text) >= 0.5 * len(drafted[p].text)}
        if not fixed:
            break
        drafted.update(fixed)
        findings = check_draft(job, {p: d.text for p, d in drafted.items()}, sheet)
    return DraftResult(engine.name, {p: drafted[p].text for p in parts}, findings, usage, rounds, job.figures)


def _run_parts(parts: list[str], work: Callable[[str, Callable[[str], None] | None], Drafted],
               on_token: TokenSink | None) -> dict[str, Drafted]:
    def sink(part: str) -> Callable[[str], None] | None:
        return (lambda text: on_token(part, text)) if on_token is not None else None

    if len(parts) == 1:
        return {parts[0]: work(parts[0], sink(parts[0]))}
    with ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="draft") as pool:
        futures = {p: pool.submit(work, p, sink(p)) for p in parts}
        return {p: f.result() for p, f in futures.items()}


def _sum_usage(items: Iterable[Any]) -> Any:
    total = None
    for item in items:
        if item is not None:
            total = item if total is None else total + item
    return total


def repairable(findings: list[Finding], part: str) -> list[Finding]:
    """The error findings on one drafted part that a rewrite can fix."""
    return [f for f in findings if f.severity is Severity.ERROR and f.section == part and f.rule.repairable]


def check_draft(job: DraftInput, texts: dict[str, str], sheet: FactSheet | None = None) -> list[Finding]:
    """The checker's findings on the drafted parts, plus numbers that are not on the figure sheet."""

    sections = [Section(p, SECTION_TITLES[p], texts[p]) for p in PARTS if p in texts]
    report = Report(kind=SourceKind.MARKDOWN, figures=job.figures, sections=sections)
    findings = list(check_report(report, previous=job.previous, scope=set(texts)))
    sheet = sheet or build_factsheet(job.figures)
    allowed = sheet.numbers() | _user_numbers(job)
    for section in sections:
        findings += unsupported_numbers(section.numeral, section.text, allowed)
    return findings


def _user_numbers(job: DraftInput) -> set[float]:
    """Numbers the user wrote into the notes or last year's problems: the prose may repeat them."""

    notes = job.figures.notes
    texts = [t for attr in type(notes).model_fields for t in getattr(notes, attr)]
    texts += [" ".join(filter(None, (p.problem, p.measure, p.progress))) for p in job.previous_problems]
    return {q.value for t in texts for q in find_quantities(t)}


def unsupported_numbers(part: str, text: str, allowed: set[Any]) -> list[Finding]:
    """Quantities in the text whose value is on neither the figure sheet nor the user's own notes."""

    out = []
    for q in find_quantities(text):
        # “一名”, “一次” in fixed wording are no figures; a unit-less number is no quantity.
        if not q.unit or q.value in allowed or (q.value <= 1 and not q.text[:1].isdigit()):
            continue
        out.append(Finding(Rule.DRAFT_UNSUPPORTED_NUMBER, Severity.WARNING,
                           f"“{q.text}”中的数字不在数据表中，请核实出处，或改为数据表中的数字", section=part,
                           quote=_sentence_around(text, q.start, q.end), actual=q.value))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in "。；\n") + 1
    rights = [i for mark in "。；\n" if (i := text.find(mark, end)) >= 0]
    return text[left:min(rights) if rights else len(text)].strip()


# A heading the model may repeat: “一、总体情况”, “## 五、存在的主要问题及改进情况”, “**一、总体情况**”.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_SUBHEAD_VARIANTS = re.compile(r"^\s*(?:\(|（)([一二三四五六七八九十]+)(?:\)|）)\s*")
# “一、主动公开” inside a part reads as a new part of the report: the sub-parts are （一）…（五）.
_TOP_LEVEL = re.compile(r"^\s*([一二三四五六七八九十])[、.．]\s*(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+\))\s+")
_LABEL_LINE = re.compile(r"^(?:正文|草稿|答|回答|输出|修改后(?:的)?(?:完整)?正文)[:：]\s*$")


def normalize_part(text: str, part: str) -> str:
    """A model's part as the report prints it: its own heading dropped, sub-headings as （一）, no bullets."""
    title = SECTION_TITLES[part]
    lines = [_MD_HEADING.sub("", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and (not lines[0].strip() or _LABEL_LINE.match(lines[0].strip())):
        lines.pop(0)
    if lines:
        head = re.sub(r"[\s*_：:]", "", lines[0])
        bare = re.sub(r"^[一二三四五六]、", "", head)
        if bare == title or bare.startswith(title[:4]) and len(bare) <= 16:
            lines.pop(0)
    out = []
    for line in lines:
        if _other_part(line, part):
            break  # the model went on to write a part it was not asked for
        line = _SUBHEAD_VARIANTS.sub(lambda m: f"（{m.group(1)}）", line)
        top = _TOP_LEVEL.match(line)
        if top and not any(line[top.end():].startswith(t) for t in SECTION_TITLES.values()):
            line = f"（{top.group(1)}）" + line[top.end():]
        out.append(_BULLET.sub("", line))
    text = "\n".join(out).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _other_part(line: str, part: str) -> bool:
    """True for the heading of another of the six parts (“二、主动公开政府信息情况”)."""
    m = re.match(r"^\s*\**\s*([一二三四五六])、\s*(.+?)\s*\**\s*$", line)
    return bool(m) and m.group(1) != part and m.group(2).startswith(SECTION_TITLES[m.group(1)][:4])
