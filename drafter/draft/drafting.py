"""Drafting parts 一 and 五: both at once, each checked, errors handed back to the model for a bounded repair.

An engine drafts one part at a time: :class:`OfflineEngine` (deterministic, cannot repair) or :class:`LLMEngine`
(a model behind the ``openai`` client). :func:`draft_report` runs the parts concurrently, checks the result with
``drafter.check.checker.check_report`` and, for an engine that can, sends the error findings back at most
``max_repairs`` rounds. What still fails is returned as findings; the draft is returned either way.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from drafter.check.checker import check_report
from drafter.draft.factsheet import FactSheet, build_factsheet
from drafter.draft.habits import HEADING, check_habits
from drafter.draft.offline import draft_offline
from drafter.draft.prompts import edit_messages, overview_messages, problems_messages, repair_messages
from drafter.errors import LLMError
from drafter.figures import Figures, PreviousProblem
from drafter.figures.labels import SECTION_NUMERALS, SECTION_TITLES
from drafter.findings import Finding, Rule, Severity, sort_findings, summarize
from drafter.llm import clean_answer, complete
from drafter.llm.settings import find_config, read_config
from drafter.numbers import find_quantities
from drafter.read.lastyear import extract_problems
from drafter.report import Report, Section, SourceKind
from drafter.text import numbered_heading

if TYPE_CHECKING:
    from drafter.draft.prompts import Prompts
    from drafter.llm import Usage
    from drafter.llm.settings import LLMSettings

PARTS = ("一", "五", "六")
# Part 六 is facts, not prose to compose: every engine takes it from the offline engine (the fee, the clerk's notes).
FROM_FIGURES = ("六",)
# How a model drafts: "edit" rewrites the offline engine's draft (every number already right) for fluency and
# detail; "write" writes the part from the figure sheet and the notes.
MODES = ("edit", "write")
DEFAULT_MODE = "edit"
# A placeholder is not repairable (only the user has the fact), but one for a fact the sheet does hold is reported
# again as Rule.DRAFT_PLACEHOLDER_ON_SHEET, which is.

# The shortest plausible part a model writes (CJK characters): anything less is a cut or a refusal.
_MIN_CHARS = {"一": 150, "五": 80}
_MAX_CHARS = 12000
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
    scaffold: str = ""  # the prompt's instructions, to clean copies of them out of a repaired text too
    base: str = ""  # edit mode: the offline engine's part the model was given (kept if the model's stays wrong)


@dataclass(slots=True)
class DraftResult:
    """The drafted parts, the findings on the final text, what the calls cost, and how many repair rounds ran."""

    engine: str
    sections: dict[str, str]
    findings: list[Finding]
    usage: Usage | None = None
    rounds: int = 0
    figures: Figures | None = None
    # Parts whose model text still had errors after repair and was replaced by the offline engine's: that text.
    discarded: dict[str, str] = field(default_factory=dict)

    def usage_dict(self) -> dict[str, int | None]:
        """Calls and tokens; the tokens are None when the service reported no usage (unknown, not 0)."""
        u = self.usage
        if u is None:
            return {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0}
        known = getattr(u, "known", True)
        return {"calls": u.calls, "prompt_tokens": u.prompt_tokens if known else None,
                "completion_tokens": u.completion_tokens if known else None}

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
    model_written: bool  # a model's text: every number not on the sheet is an error, the prose is checked for shape

    def draft(self, part: str, job: DraftInput, sheet: FactSheet, on_token: Callable[[str], None] | None) -> Drafted:
        ...

    def repair(self, part: str, drafted: Drafted, findings: list[Finding], sheet: FactSheet,
               on_token: Callable[[str], None] | None) -> Drafted:
        ...


class OfflineEngine:
    """The built-in engine: deterministic text from the figures; its output is final (no repair)."""

    name = "offline"
    can_repair = False
    model_written = False

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
    model_written = True

    def __init__(self, client: Any, settings: LLMSettings, prompts: Prompts, *, cache: Any = None, log: Any = None,
                 stream: bool = True, on_retry: EventSink | None = None,
                 on_usage: Callable[[str, Any, bool], None] | None = None, mode: str = DEFAULT_MODE,
                 parallel: int | None = None, on_wait: EventSink | None = None, read_cache: bool = True,
                 fallback: bool = True) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.client, self.settings, self.prompts = client, settings, prompts
        self.cache, self.log, self.stream, self.on_retry, self.on_usage = cache, log, stream, on_retry, on_usage
        self.name = settings.model or "model"
        self.mode = mode
        # How many requests go to the service at once, over all parts and reports (a single-slot server takes 1).
        self.explicit_parallel = bool(parallel or settings.parallel)
        self.set_parallel(parallel or settings.requests_at_once)
        self.on_wait = on_wait  # (part, "waiting" | "started") while a part waits for a free slot
        self.read_cache = read_cache  # --no-cache: ask again, but keep the answer for the next run
        # Edit mode: a part that still has errors after repair is replaced by the offline engine's (every number
        # right), with a draft.kept_offline warning; False keeps the model's text (and its errors: exit 1).
        self.fallback = fallback

    def set_parallel(self, count: int) -> None:
        """How many requests may be in flight at once (set before drafting starts)."""
        self.parallel = max(1, count)
        self._slots = threading.BoundedSemaphore(self.parallel)

    def _slot(self, part: str) -> None:
        if self._slots.acquire(blocking=False):
            return
        if self.on_wait is not None:
            self.on_wait(part, "waiting")
        self._slots.acquire()
        if self.on_wait is not None:
            self.on_wait(part, "started")

    def _ask(self, part: str, messages: list[dict[str, str]], on_token: Callable[[str], None] | None, *,
             scaffold: str = "", fresh: bool = False) -> Drafted:
        on_retry = self.on_retry
        retry = (lambda note: on_retry(part, note)) if on_retry is not None else None
        # A repair turn is never answered from the cache: the same request again would bring back the same text.
        self._slot(part)
        try:
            done = complete(self.client, self.settings, messages, on_token=on_token, log=self.log,
                            cache=None if fresh else self.cache, stream=self.stream, on_retry=retry,
                            read_cache=self.read_cache)
        finally:
            self._slots.release()
        if self.on_usage is not None:
            self.on_usage(part, done.usage, done.cached)
        return Drafted(normalize_part(clean_answer(done.text), part, scaffold), done.usage, messages, scaffold)

    def draft(self, part: str, job: DraftInput, sheet: FactSheet, on_token: Callable[[str], None] | None) -> Drafted:
        quoted: list[str] = []
        if self.mode == "edit":
            first = OfflineEngine().draft(part, job, sheet, None).text
            messages = edit_messages(self.prompts, sheet, job.figures, part, SECTION_TITLES[part], first)
            quoted.append(first)
        elif part == "一":
            messages = overview_messages(self.prompts, sheet, job.figures)
        else:
            messages = problems_messages(self.prompts, sheet, job.figures, previous_problems=job.previous_problems,
                                         previous_text=job.previous_text, variant=job.variant)
        scaffold = _instructions(messages[-1]["content"], sheet, job, quoted)
        drafted = self._ask(part, messages, on_token, scaffold=scaffold)
        drafted.base = quoted[0] if quoted else ""
        return drafted

    def repair(self, part: str, drafted: Drafted, findings: list[Finding], sheet: FactSheet,
               on_token: Callable[[str], None] | None) -> Drafted:
        base = drafted.history[:2] if drafted.history else []
        messages = repair_messages(self.prompts, sheet, part, SECTION_TITLES[part], drafted.text, findings, base)
        fixed = self._ask(part, messages, on_token, scaffold=drafted.scaffold, fresh=True)
        fixed.history, fixed.base = base, drafted.base
        return fixed


def _instructions(prompt: str, sheet: FactSheet, job: DraftInput, quoted: list[str] | None = None) -> str:
    """The prompt without what the draft may repeat: the figure sheet, the notes, last year's text, a first draft."""
    notes = job.figures.notes
    quoted = [*(quoted or ()), sheet.render(), job.previous_text or ""]
    quoted += [t for attr in type(notes).model_fields for t in getattr(notes, attr)]
    quoted += [t for p in job.previous_problems for t in (p.problem, p.measure, p.progress) if t]
    for text in sorted(filter(None, quoted), key=len, reverse=True):
        prompt = prompt.replace(text, "\n")
    return prompt


def choose_mode(flag: str | None, env: Mapping[str, str]) -> str:
    """How a model drafts: ``--mode``, else the config file's ``draft_mode``, else :data:`DEFAULT_MODE`."""
    if flag:
        return flag
    path = find_config(env)
    return str((read_config(path) if path is not None else {}).get("draft_mode") or DEFAULT_MODE)


def draft_report(job: DraftInput, engine: Engine, *, max_repairs: int = 2, on_token: TokenSink | None = None,
                 on_event: EventSink | None = None) -> DraftResult:
    """Draft the parts of one report concurrently, check them, and repair errors (LLM engines) in ≤ N rounds."""
    sheet = build_factsheet(job.figures)
    parts = [p for p in PARTS if p in job.parts and p not in FROM_FIGURES]
    drafted = _run_parts(parts, lambda p, sink: engine.draft(p, job, sheet, sink), on_token)
    drafted.update({p: OfflineEngine().draft(p, job, sheet, None) for p in FROM_FIGURES if p in job.parts})
    usage = _sum_usage(d.usage for d in drafted.values())
    strict = getattr(engine, "model_written", engine.can_repair)
    bases = {p: d.base for p, d in drafted.items() if d.base}  # edit mode: the sub-headings to keep
    findings = check_draft(job, {p: d.text for p, d in drafted.items()}, sheet, strict=strict, bases=bases)
    rounds = 0
    settled: set[str] = set()  # parts the model gave back unchanged (or cut down): asking again will not help
    while engine.can_repair and rounds < max_repairs:
        todo = {p: repair_findings(findings, p) for p in parts if p not in settled and _asks_repair(findings, p)}
        if not todo:
            break
        rounds += 1
        if on_event is not None:
            for p in todo:
                errors = len(repairable(findings, p))
                on_event(p, (f"核对发现 {errors} 处错误" if errors else f"核对发现 {len(todo[p])} 处行文问题")
                         + f"，第 {rounds} 轮修改……")

        def repair(p: str, sink: Callable[[str], None] | None, todo: dict[str, list[Finding]] = todo) -> Drafted:
            return engine.repair(p, drafted[p], todo[p], sheet, sink)

        fixed = _run_parts(list(todo), repair, on_token)
        usage = _sum_usage([usage, *(d.usage for d in fixed.values())])
        for p, d in fixed.items():
            # A reply much shorter than the draft is the corrected sentences alone, not the part: keep the draft.
            if d.text == drafted[p].text or len(d.text) < 0.5 * len(drafted[p].text):
                settled.add(p)
            else:
                drafted[p] = d
        findings = check_draft(job, {p: d.text for p, d in drafted.items()}, sheet, strict=strict, bases=bases)
    discarded: dict[str, str] = {}
    if strict and getattr(engine, "fallback", False):
        findings, discarded = _keep_offline(job, drafted, findings, sheet, rounds)
    return DraftResult(engine.name, {p: drafted[p].text for p in PARTS if p in drafted}, findings, usage, rounds,
                       job.figures, discarded)


def _keep_offline(job: DraftInput, drafted: dict[str, Drafted], findings: list[Finding], sheet: FactSheet,
                  rounds: int) -> tuple[list[Finding], dict[str, str]]:
    """Edit mode's safety net: a part the model left with errors a rewrite could fix is replaced by the offline
    engine's part it was given (when that part has no more errors), with a warning that says so."""
    discarded: dict[str, str] = {}
    notes: list[Finding] = []
    for part, d in drafted.items():
        errors = [f for f in findings if f.section == part and f.severity is Severity.ERROR]
        if not d.base or not errors:
            continue
        offline = [f for f in check_draft(job, {part: d.base}, sheet)
                   if f.section == part and f.severity is Severity.ERROR]
        # The offline part when it is better: fewer errors, or no more and the model's are its own (a number it
        # invented, a list it copied) rather than a fact both lack.
        left = repairable(findings, part)
        if len(offline) > len(errors) or (len(offline) == len(errors) and not left):
            continue
        left = left or errors
        discarded[part] = d.text
        after = f"修改 {rounds} 轮后" if rounds else ""
        merged = _merge_blocks(d.text, d.base, errors)
        if merged is not None and not [f for f in check_draft(job, {part: merged[0]}, sheet, strict=True,
                                                              bases={part: d.base})
                                       if f.section == part and f.severity is Severity.ERROR]:
            text, replaced = merged
            kept = f"已把其中有错误的{'、'.join(replaced)}改用离线引擎的初稿" if replaced else "已按离线引擎的初稿改正小标题"
        else:
            text, kept = d.base, "已改用离线引擎的初稿"
        drafted[part] = Drafted(text, d.usage, d.history, d.scaffold, d.base)
        notes.append(Finding(
            Rule.DRAFT_KEPT_OFFLINE, Severity.WARNING,
            f"大模型润色的这一部分{after}仍有 {len(errors)} 处错误（如：{left[0].message}），{kept}"
            "（其中的数字均与数据表一致）；如要保留大模型的文字，请加 --keep-model-text 重新起草",
            section=part, quote=left[0].quote))
    if not discarded:
        return findings, discarded
    texts = {p: d.text for p, d in drafted.items()}
    whole = {p for p in discarded if drafted[p].text == drafted[p].base}
    bases = {p: d.base for p, d in drafted.items() if d.base}
    return [*check_draft(job, texts, sheet, strict=True, lenient=whole, bases=bases), *notes], discarded


_LEAD = "开头一段"


def _blocks(text: str) -> list[tuple[str, str, str]]:
    """A part as (title, heading line, body): the lead paragraphs first (title “开头一段”), then each sub-heading."""
    blocks: list[tuple[str, str, list[str]]] = [(_LEAD, "", [])]
    for line in text.split("\n"):
        m = HEADING.match(line.strip())
        if m:
            blocks.append((m.group(2).strip(), line.strip(), []))
        else:
            blocks[-1][2].append(line)
    return [(title, head, "\n".join(body).rstrip("\n")) for title, head, body in blocks]


def _merge_blocks(model: str, offline: str, errors: list[Finding]) -> tuple[str, list[str]] | None:
    """The model's part with each sub-section that holds an error replaced by the offline part's, under the
    offline part's headings; None when the two do not have the same sub-headings or an error cannot be placed."""
    mine, theirs = _blocks(model), _blocks(offline)
    if [t for t, _, _ in mine] != [t for t, _, _ in theirs] or len(theirs) < 2:
        return None
    bad: set[int] = set()
    for finding in errors:
        if finding.rule is Rule.DRAFT_HEADINGS:
            continue  # the merged part has the offline part's headings
        quote = "".join((finding.quote or "").split())
        where = [i for i, (_, _, body) in enumerate(mine) if quote and quote[:20] in "".join(body.split())]
        if not where:
            return None
        bad.update(where)
    out, replaced = [], []
    for i, ((title, _, body), (_, head, base)) in enumerate(zip(mine, theirs, strict=True)):
        if i in bad:
            body = base
            replaced.append(title if i == 0 else head)
        out.append(f"{head}\n{body}" if head else body.strip("\n"))
    return "\n\n".join(b for b in out if b.strip()), replaced


def _run_parts(parts: list[str], work: Callable[[str, Callable[[str], None] | None], Drafted],
               on_token: TokenSink | None) -> dict[str, Drafted]:
    """Each part's draft; a part that fails lets the others finish (their answers are cached), then is named.

    On Ctrl-C the calls in flight are not waited for.
    """
    def sink(part: str) -> Callable[[str], None] | None:
        return (lambda text: on_token(part, text)) if on_token is not None else None

    done: dict[str, Drafted] = {}
    failed: dict[str, LLMError] = {}
    if len(parts) == 1:
        try:
            done[parts[0]] = work(parts[0], sink(parts[0]))
        except LLMError as exc:
            failed[parts[0]] = exc
    else:
        pool = ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="draft")
        try:
            futures = {p: pool.submit(work, p, sink(p)) for p in parts}
            for p, future in futures.items():
                try:
                    done[p] = future.result()
                except LLMError as exc:
                    failed[p] = exc
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    if failed:
        raise part_failed(failed, list(done))
    return done


def part_name(part: str) -> str:
    """“第一部分（总体情况）”."""
    return f"第{part}部分（{SECTION_TITLES[part]}）"


def part_failed(failed: Mapping[str, LLMError], finished: list[str]) -> LLMError:
    """One error for the failed parts: which part failed and why, and what was kept of the others."""
    part, first = next(iter(failed.items()))
    names = "、".join(part_name(p) for p in failed)
    kept = ""
    if finished:
        kept = (f"已完成的{'、'.join(part_name(p) for p in finished)}已保存在回答缓存中，"
                "重新运行时直接使用，不再调用大模型。")
    error = LLMError(f"{names}起草失败：{first.message}{kept}", cause=first.cause, hint=first.hint,
                     attempts=first.attempts, last_reply=first.last_reply)
    error.part = part
    error.parts = tuple(failed)
    error.finished = tuple(finished)
    return error


def _sum_usage(items: Iterable[Any]) -> Any:
    total = None
    for item in items:
        if item is not None:
            total = item if total is None else total + item
    return total


# Warnings that start a repair round of their own (a habit the model drops when told), not only ride along.
_ASK_AGAIN = frozenset({Rule.DRAFT_FIRST_PERSON})


def _asks_repair(findings: list[Finding], part: str) -> bool:
    return bool(repairable(findings, part)) or any(f.section == part and f.rule in _ASK_AGAIN for f in findings)


def repairable(findings: list[Finding], part: str) -> list[Finding]:
    """The error findings on one drafted part that a rewrite can fix."""
    return [f for f in findings if f.severity is Severity.ERROR and f.section == part and f.rule.repairable]


def repair_findings(findings: list[Finding], part: str) -> list[Finding]:
    """What a repair turn lists for one part: every error and warning a rewrite can fix, errors first."""
    mine = [f for f in findings if f.section == part and f.rule.repairable
            and f.severity in (Severity.ERROR, Severity.WARNING)]
    return sorted(mine, key=lambda f: f.severity is not Severity.ERROR)


def check_draft(job: DraftInput, texts: dict[str, str], sheet: FactSheet | None = None, *,
                strict: bool = False, lenient: Collection[str] = (), bases: Mapping[str, str] | None = None
                ) -> list[Finding]:
    """The checker's findings on the drafted parts, plus numbers that are not on the figure sheet.

    ``strict`` is for a model's text: a number not on the sheet is an error (a warning otherwise), and the prose
    must be Chinese, of a plausible length, not repeated, with no address or notice the figures and notes lack,
    and none of small models' habits (:mod:`drafter.draft.habits`). Parts in ``lenient`` are the offline
    engine's text among a model's and are held to the offline rules; ``bases`` (edit mode) the first drafts the
    model was given, whose sub-headings it must keep.
    """
    sections = [Section(p, SECTION_TITLES[p], texts[p]) for p in PARTS if p in texts]
    report = Report(kind=SourceKind.MARKDOWN, figures=job.figures, sections=sections)
    findings = list(check_report(report, previous=job.previous, scope=set(texts)))
    sheet = sheet or build_factsheet(job.figures)
    allowed = sheet.numbers() | _user_numbers(job)
    for section in sections:
        # Part 六 is the offline engine's text, never the model's.
        model = strict and section.numeral not in lenient and section.numeral not in FROM_FIGURES
        severity = Severity.ERROR if model else Severity.WARNING
        findings += unsupported_numbers(section.numeral, section.text, allowed, severity=severity)
        if model:
            findings += placeholders_on_sheet(findings, section.numeral, sheet)
            findings += check_shape(section.numeral, section.text, _supported_text(job, sheet))
            findings += check_habits(section.numeral, section.text, sheet.self_name, (bases or {}).get(section.numeral))
    return findings


def _supported_text(job: DraftInput, sheet: FactSheet) -> str:
    """What the user gave: the figures' own words and the notes; an address or notice in the draft must be here."""
    notes = job.figures.notes
    texts = [sheet.render(), *(t for attr in type(notes).model_fields for t in getattr(notes, attr))]
    texts += [t for p in job.previous_problems for t in (p.problem, p.measure, p.progress) if t]
    contact = job.figures.meta.contact
    if contact is not None:
        texts += [v for v in (contact.address, contact.postcode, contact.phone, contact.email) if v]
    return "\n".join(texts)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）)“”\"'<>]+|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+|"
                  r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|cn|com|net|org)\b", re.I)
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—]?\d{7,8}|1[3-9]\d{9})(?!\d)")
# Wording of a notice or an instruction to the public: no annual report says it, an injected text does.
_NOTICE = re.compile(r"自即日起|即日起停止|停止受理|暂停受理|不再受理|请访问|详情请|敬请|特此通知|特此公告|点击链接|扫码")


def check_shape(part: str, text: str, supported: str) -> list[Finding]:
    """A model's part as prose: Chinese, plausibly long, not repeated, no address or notice the user did not give."""
    out: list[Finding] = []
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if latin > cjk:
        out.append(Finding(Rule.DRAFT_NOT_CHINESE, Severity.ERROR, "这一部分不是中文行文，请用中文按公文语体重写", section=part,
                           quote=text[:60]))
    elif cjk < _MIN_CHARS.get(part, 80):
        out.append(Finding(Rule.DRAFT_TOO_SHORT, Severity.ERROR,
                           f"这一部分只有 {cjk} 个汉字，不像完整的一部分，请按提纲写全各小标题下的内容", section=part,
                           quote=text[:60]))
    repeated = _repeated_passage(text)
    if repeated is not None or len(text) > _MAX_CHARS:
        out.append(Finding(Rule.DRAFT_REPEATED, Severity.ERROR, "这一部分有大段重复或长得不合常理，请删去重复内容，只写一遍",
                           section=part, quote=(repeated or text)[:60]))
    for m in [*_URL.finditer(text), *_PHONE.finditer(text)]:
        if m.group(0).lower() not in supported.lower():
            out.append(Finding(Rule.DRAFT_UNSUPPORTED_TEXT, Severity.ERROR,
                               f"“{m.group(0)}”不在数据表和工作要点中，请删去，不要写材料以外的网址、电话或邮箱",
                               section=part, quote=_sentence_around(text, m.start(), m.end()), actual=m.group(0)))
    for m in _NOTICE.finditer(text):
        if m.group(0) not in supported:
            out.append(Finding(Rule.DRAFT_UNSUPPORTED_TEXT, Severity.ERROR,
                               f"“{m.group(0)}”是通知公告的说法，数据表和工作要点中没有这样的事项，请删去这句",
                               section=part, quote=_sentence_around(text, m.start(), m.end()), actual=m.group(0)))
    return out


def _repeated_passage(text: str) -> str | None:
    """A sentence of some length that occurs three times or more (a model looping), or None."""
    sentences = [s.strip() for s in re.split(r"[。！？\n]", text) if len(s.strip()) >= 12]
    seen: dict[str, int] = {}
    for sentence in sentences:
        seen[sentence] = seen.get(sentence, 0) + 1
        if seen[sentence] >= 3:
            return sentence
    return None


_PLACEHOLDER_TEXT = re.compile(r"【\s*待(?:补充|填写)\s*[:：]?\s*([^】]*)】")
_GENERIC = re.compile(r"本年度?|全年|具体|相关|的|数量|件数|条数|次数|人数|金额|情况|数据|数字|总数|合计")


def placeholders_on_sheet(findings: list[Finding], part: str, sheet: FactSheet) -> list[Finding]:
    """A 【待补充：…】 the model wrote for a fact the sheet does hold: an error a rewrite can fix."""
    out: list[Finding] = []
    for finding in findings:
        if finding.rule is not Rule.PROSE_PLACEHOLDER or finding.section != part:
            continue
        m = _PLACEHOLDER_TEXT.search(str(finding.actual or ""))
        if m is None:
            continue
        wanted = _GENERIC.sub("", m.group(1))
        if len(wanted) < 2:
            continue
        best, score = None, 0.0
        for fact in sheet.facts.values():
            label = _GENERIC.sub("", re.sub(r"^(?:本年|其中)", "", fact.label))
            ratio = 1.0 if wanted in label or label in wanted else difflib.SequenceMatcher(None, wanted, label).ratio()
            if ratio > score:
                best, score = fact, ratio
        if best is not None and score >= 0.7:
            out.append(Finding(Rule.DRAFT_PLACEHOLDER_ON_SHEET, Severity.ERROR,
                               f"“{m.group(0)}”所缺的内容数据表中有：{best.label} {best.text}，请直接写出，不要留占位符",
                               section=part, quote=finding.quote, expected=best.text, actual=m.group(0)))
    return out


def _user_numbers(job: DraftInput) -> set[float]:
    """Numbers the user wrote into the notes or last year's problems: the prose may repeat them."""
    notes = job.figures.notes
    texts = [t for attr in type(notes).model_fields for t in getattr(notes, attr)]
    texts += [" ".join(filter(None, (p.problem, p.measure, p.progress))) for p in job.previous_problems]
    return {q.value for t in texts for q in find_quantities(t)}


def unsupported_numbers(part: str, text: str, allowed: set[Any], *,
                        severity: Severity = Severity.WARNING) -> list[Finding]:
    """Quantities in the text whose value is on neither the figure sheet nor the user's own notes."""
    out = []
    for q in find_quantities(text):
        # “一名”, “一次” in fixed wording are no figures; a unit-less number is no quantity.
        if not q.unit or q.value in allowed or (q.value <= 1 and not q.text[:1].isdigit()):
            continue
        out.append(Finding(Rule.DRAFT_UNSUPPORTED_NUMBER, severity,
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
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+\))\s+")
_LABEL_LINE = re.compile(r"^(?:正文|草稿|答|回答|输出|修改后(?:的)?(?:完整)?正文)[:：]\s*$")


# A sub-heading the model wrote as the prompt's outline did: “（一）主动公开——先写……”, “（一）存在的主要问题：”.
_SUBHEAD_TAIL = re.compile(r"^(（[一二三四五六七八九十]）[^，。；：:—\-\s]{2,20}?)\s*(?:——|—|--|：|:)\s*(.*)$")
_HEADING_ONLY = re.compile(r"^（[一二三四五六七八九十]）[^，。；]{1,24}$")
_LEAD_LABEL = re.compile(r"^(?:导语\s*[:：]?|(?:引言|开头|概述|总述|正文)\s*[:：])\s*")


def _squeeze(text: str) -> str:
    return re.sub(r"[\s，。；：、:,;“”\"（）()—\-]", "", text)


def _copied(text: str, scaffold: str) -> bool:
    """True when a line is (nearly all) the prompt's own instruction copied into the draft."""
    bare = _squeeze(text)
    if len(bare) < 8 or not scaffold:
        return False
    if bare in scaffold:
        return True
    match = difflib.SequenceMatcher(None, bare, scaffold, autojunk=False).find_longest_match(
        0, len(bare), 0, len(scaffold))
    return match.size >= 0.8 * len(bare)


def _strip_scaffold(lines: list[str], scaffold: str) -> list[str]:
    """Lines without the outline's labels, dashes and instructions that a model copied from the prompt."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        label = _LEAD_LABEL.match(stripped)
        if label:
            stripped = stripped[label.end():]
            if not stripped:
                continue
        head = _SUBHEAD_TAIL.match(stripped)
        if head:
            out.append(head.group(1))
            rest = head.group(2).strip()
            if rest and not _copied(rest, scaffold):
                out.append(rest)
            continue
        if scaffold and not _HEADING_ONLY.match(stripped) and _copied(stripped, scaffold):
            continue
        out.append(stripped if stripped != line.strip() else line)
    return out


def normalize_part(text: str, part: str, scaffold: str = "") -> str:
    """A model's part as the report prints it: its own heading dropped, sub-headings as （一）, no bullets.

    ``scaffold`` is the instruction text of the prompt (figures and notes left out): a line copied from it is
    the outline leaking into the draft and is dropped.
    """
    title = SECTION_TITLES[part]
    scaffold = _squeeze(scaffold)
    lines = [_MD_HEADING.sub("", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and (not lines[0].strip() or _LABEL_LINE.match(lines[0].strip())):
        lines.pop(0)
    if lines:
        head = re.sub(r"[\s*_：:]", "", lines[0])
        numbered = numbered_heading(head)
        bare = numbered[1] if numbered and numbered[0] in SECTION_NUMERALS else head
        if bare == title or bare.startswith(title[:4]) and len(bare) <= 16:
            lines.pop(0)
    out = []
    for line in lines:
        if _other_part(line, part):
            break  # the model went on to write a part it was not asked for
        if _own_title(line, part):
            continue  # its own part's heading again, under the lead paragraph
        line = _SUBHEAD_VARIANTS.sub(lambda m: f"（{m.group(1)}）", line)
        # “一、主动公开” inside a part reads as a new part of the report: the sub-parts are （一）…（五）.
        top = numbered_heading(line)
        if top and len(top[0]) == 1 and not any(top[1].startswith(t) for t in SECTION_TITLES.values()):
            line = f"（{top[0]}）{top[1]}"
        out.append(_BULLET.sub("", line))
    out = _strip_scaffold(out, scaffold)
    text = "\n".join(out).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _own_title(line: str, part: str) -> bool:
    found = numbered_heading(line.strip().strip("*"))
    return found is not None and found[0] == part and re.sub(r"[\s*：:]", "", found[1]) == SECTION_TITLES[part]


def _other_part(line: str, part: str) -> bool:
    """True for the heading of another of the six parts (“二、主动公开政府信息情况”).

    The whole title must match: part 一's own sub-heading “四、政府信息公开平台建设” shares its first words with
    part 四's title “政府信息公开行政复议、行政诉讼情况” and is no part of the report.
    """
    found = numbered_heading(line.strip().strip("*"))
    if found is None or found[0] not in SECTION_NUMERALS or found[0] == part:
        return False
    said, title = re.sub(r"[\s*：:]", "", found[1]), SECTION_TITLES[found[0]]
    return said == title or said.startswith(title) or (len(said) >= 6 and title.startswith(said))
