"""What ``draft`` and ``regenerate`` share at the command line: choosing the engine, the live view, output."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click

from drafter.draft.drafting import (
    FROM_FIGURES,
    DraftInput,
    DraftResult,
    Engine,
    LLMEngine,
    OfflineEngine,
    draft_report,
)
from drafter.errors import LLMError
from drafter.figures.labels import SECTION_TITLES
from drafter.report import Report

OFFLINE_NOTE = "未配置大模型，使用内置离线引擎起草（可用 -m 指定模型，或设置 DRAFTER_MODEL / OPENAI_API_KEY）。"


def build_engine(*, model: str | None, base_url: str | None, prompts_dir: str | None, no_cache: bool,
                 env: Mapping[str, str], mode: str | None = None,
                 parallel: int | None = None, keep_model_text: bool = False) -> tuple[Engine, str]:
    """The engine the flags, environment and config file choose, and one line saying which it is."""
    from drafter.draft.drafting import choose_mode
    from drafter.llm.settings import describe, drafter_home, resolve_settings

    settings = resolve_settings(model=model, base_url=base_url, env=env, parallel=parallel)
    if settings is None:
        if model and model.strip().lower() == "offline":
            return OfflineEngine(), "使用内置离线引擎起草。"
        return OfflineEngine(), OFFLINE_NOTE
    from drafter.draft.drafting import LLMEngine
    from drafter.draft.prompts import load_prompts
    from drafter.llm import build_client
    from drafter.llm.cache import Cache
    from drafter.llm.calllog import CallLog

    prompts = load_prompts(prompts_dir)
    home = drafter_home(env)
    client = build_client(settings)
    # --no-cache asks the model again but still keeps the answer, so that a part finished before another part
    # failed is not paid for twice.
    engine = LLMEngine(client, settings, prompts, cache=Cache.in_home(home), read_cache=not no_cache,
                       log=CallLog.in_home(home), on_retry=_note, on_usage=_usage_line, mode=choose_mode(mode, env),
                       fallback=not keep_model_text)
    note = f"使用大模型 {describe(settings)} 起草。"
    if engine.parallel == 1:
        note += "同时只请求 1 个部分（可用 --parallel 或配置文件 parallel 调整）。"
    if settings.network != "hosted":
        note += _served_note(client, settings)
    return engine, note


def _served_note(client: Any, settings: Any) -> str:
    """For a server of one's own: the models it serves, when the name given is not among them."""
    from drafter.llm.failures import served_models

    served = served_models(client, timeout=3.0)
    if not served or settings.model in served:
        return ""
    return (f"\n注意：该服务提供的模型是 {'、'.join(served[:8])}，其中没有 “{settings.model}”；"
            "本机服务常常不论模型名都用已加载的模型回答，请确认 -m 给出的名称。")


def _note(part: str, text: str) -> None:
    click.echo(f"［{part}］{text}", err=True)


def usage_text(part: str, usage: Any, cached: bool) -> str:
    """The note on one call: from the cache, its tokens, or that the service reported none."""
    if cached:
        return f"［{part}］使用缓存的回答，未调用大模型。"
    if not usage.known:
        return f"［{part}］本次调用：服务未报告用量（tokens 数不详）。"
    return f"［{part}］本次调用：输入 {usage.prompt_tokens} tokens，输出 {usage.completion_tokens} tokens。"


def _usage_line(part: str, usage: Any, cached: bool) -> None:
    click.echo(usage_text(part, usage, cached), err=True)


def _inputs(items: list[tuple[Report, Report | None]], parts: tuple[str, ...], variant: int) -> list[DraftInput]:
    return [DraftInput(report.figures, prev, parts, variant) for report, prev in items
            if report.figures is not None]


def run_drafts(engine: Engine, items: list[tuple[Report, Report | None]], *, parts: tuple[str, ...], jobs: int,
               max_repairs: int, live: bool, variant: int = 0) -> list[DraftResult]:
    """Draft every report (``jobs`` at a time); one report may stream into the terminal. A failure is raised."""
    results = run_batch(engine, items, parts=parts, jobs=jobs, max_repairs=max_repairs, live=live, variant=variant)
    for result in results:
        if isinstance(result, LLMError):
            raise result
    return results  # type: ignore[return-value]


def run_batch(engine: Engine, items: list[tuple[Report, Report | None]], *, parts: tuple[str, ...], jobs: int,
              max_repairs: int, live: bool, variant: int = 0) -> list[DraftResult | LLMError]:
    """Draft every report; a report whose call failed gives its ``LLMError`` in its place, the others their drafts.

    A single report's error is raised (the live view and the notes are its own).
    """
    inputs = _inputs(items, parts, variant)
    if len(inputs) == 1:
        if live and engine.can_repair:
            with StreamView(parts) as view, view.attached(engine):
                return [draft_report(inputs[0], engine, max_repairs=max_repairs, on_token=view.token,
                                     on_event=view.event)]
        with _waiting_notes(engine):
            return [draft_report(inputs[0], engine, max_repairs=max_repairs)]

    def one(job: DraftInput) -> DraftResult | LLMError:
        try:
            return draft_report(job, engine, max_repairs=max_repairs)
        except LLMError as exc:
            return exc

    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="report")
    try:
        results = list(pool.map(one, inputs))
    except BaseException:  # Ctrl-C: the calls in flight are not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


@contextlib.contextmanager
def _waiting_notes(engine: Engine) -> Iterator[None]:
    """Without the live view, say on stderr when a part waits for the service (--parallel)."""
    if not isinstance(engine, LLMEngine):
        yield
        return

    def wait(part: str, state: str) -> None:
        if state == "waiting":
            click.echo(f"［{part}］等待中：同时只请求 {engine.parallel} 个部分，等前一部分写完……", err=True)

    engine.on_wait = wait
    try:
        yield
    finally:
        engine.on_wait = None


_MD_LINE = re.compile(r"^\s*(?:#{1,6}\s*|[-*+]\s+|>\s*)")
_MD_INLINE = re.compile(r"\*\*|__|`+")


def plain_view(text: str) -> str:
    """Streamed text as the reader will get it: no Markdown heading marks, bullets, bold or fences."""
    lines = [line for line in text.split("\n") if not line.strip().startswith(("```", "~~~"))]
    return "\n".join(_MD_INLINE.sub("", _MD_LINE.sub("", line)) for line in lines)


def _rows(text: str, width: int) -> list[str]:
    """``text`` cut into terminal rows of at most ``width`` cells (Chinese characters take two)."""
    from rich.cells import cell_len

    rows: list[str] = []
    for line in text.split("\n"):
        row, used = "", 0
        for char in line:
            size = cell_len(char)
            if used + size > width:
                rows.append(row)
                row, used = "", 0
            row += char
            used += size
        rows.append(row)
    return rows


class StreamView:
    """A rich live view of the parts being written: a spinner until the first token, then the latest rows.

    Every panel fits the terminal (at 80×24 both parts show). Notes from the calls (retries, usage) are kept in
    the panels while the view is live and printed after it, so that nothing is written across the panels.
    """

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = tuple(p for p in parts if p not in FROM_FIGURES) or parts
        self.text = {p: "" for p in self.parts}
        self.notes = {p: "" for p in self.parts}
        self.waiting: dict[str, bool] = {p: False for p in self.parts}
        self.after: list[str] = []
        self.retried: dict[str, int] = {}
        self.lock = threading.Lock()
        self.live: Any = None

    def __enter__(self) -> StreamView:
        from rich.live import Live

        from drafter.cli.common import console

        self.live = Live(self, console=console(), refresh_per_second=8, transient=True, redirect_stdout=False,
                         redirect_stderr=False)
        self.live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.live.__exit__(*exc)
        for line in self.after:
            click.echo(line, err=True)

    @contextlib.contextmanager
    def attached(self, engine: Engine) -> Iterator[None]:
        """Send the engine's notes (retries, usage, waiting) into this view while it is live."""
        if not isinstance(engine, LLMEngine):
            yield
            return
        saved = engine.on_retry, engine.on_usage, engine.on_wait
        engine.on_retry, engine.on_usage, engine.on_wait = self.retry, self.usage, self.wait
        try:
            yield
        finally:
            engine.on_retry, engine.on_usage, engine.on_wait = saved

    def token(self, part: str, text: str) -> None:
        with self.lock:
            if part in self.text:
                if not self.text[part] and part in self.retried:
                    self.notes[part] = f"已重试 {self.retried.pop(part)} 次"  # the wait is over: say what happened
                self.text[part] += text

    def event(self, part: str, note: str) -> None:
        with self.lock:
            self.notes[part] = note
            self.text[part] = ""  # a repair round streams the whole part again

    def retry(self, part: str, note: str) -> None:
        self.event(part, note)  # the broken attempt's text is not the answer: start over
        with self.lock:
            self.retried[part] = self.retried.get(part, 0) + 1
            self.after.append(f"［{part}］{note}")

    def usage(self, part: str, usage: Any, cached: bool) -> None:
        with self.lock:
            self.after.append(usage_text(part, usage, cached))

    def wait(self, part: str, state: str) -> None:
        with self.lock:
            self.waiting[part] = state == "waiting"

    def _tail(self) -> tuple[int, int]:
        width, height = self.live.console.size if self.live is not None else (80, 24)
        rows = max(2, (height - 1) // max(1, len(self.parts)) - 2)
        return max(10, width - 4), rows

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.panel import Panel
        from rich.spinner import Spinner
        from rich.text import Text

        width, rows = self._tail()
        panels = []
        with self.lock:
            for part in self.parts:
                title = f"{part}、{SECTION_TITLES[part]}"
                body = plain_view(self.text[part]).strip("\n")
                if self.waiting[part]:
                    content: Any = Spinner("dots", text="等待中……（前一部分写完后开始）")
                elif not body:
                    content = Spinner("dots", text=self.notes[part] or "正在起草……")
                else:
                    content = Text("\n".join(_rows(body, width)[-rows:]), no_wrap=True, overflow="crop")
                subtitle = self.notes[part] if body or self.waiting[part] else None
                panels.append(Panel(content, title=title, subtitle=subtitle, expand=True,
                                    height=rows + 2 if body else None))
        return Group(*panels)


def show_result(result: DraftResult, *, title: str | None = None, body: bool = True) -> None:
    """The drafted parts, the findings and the usage, for people."""
    from drafter.cli.common import console, print_findings

    # The text itself goes out unwrapped, so that it can be copied into a document as it is.
    if title:
        click.echo(f"== {title} ==")
    if body:
        for part, text in result.sections.items():
            click.echo(f"{part}、{SECTION_TITLES[part]}\n\n{text}\n")
    print_findings(result.findings, title="核对结果", out=console(stderr=True))
    usage = result.usage_dict()
    if usage["calls"]:
        tokens = (f"输入 {usage['prompt_tokens']} tokens，输出 {usage['completion_tokens']} tokens"
                  if usage["prompt_tokens"] is not None else "服务未报告用量")
        click.echo(f"共调用大模型 {usage['calls']} 次：{tokens}。修改 {result.rounds} 轮。", err=True)


def draft_markdown(result: DraftResult) -> str:
    """The drafted parts alone as Markdown (when no full report is asked for)."""
    blocks = [f"## {part}、{SECTION_TITLES[part]}\n\n{text}" for part, text in result.sections.items()]
    return "\n\n".join(blocks) + "\n"


def write_output(result: DraftResult, target: Path) -> Path:
    """The full report (tables included) for .md/.docx/.html; the two parts as Markdown for any other name."""
    from drafter.render import format_for, write_report

    fmt = format_for(target)
    if fmt is not None and result.figures is not None:
        write_report(result.report(), target, fmt.value)
        return target
    from drafter.files import write_atomic

    write_atomic(target, draft_markdown(result))
    return target
