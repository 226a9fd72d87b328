"""What ``draft`` and ``regenerate`` share at the command line: choosing the engine, the live view, output."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click

from drafter.draft.drafting import DraftInput, DraftResult, Engine, OfflineEngine, draft_report
from drafter.figures.labels import SECTION_TITLES
from drafter.report import Report

OFFLINE_NOTE = "未配置大模型，使用内置离线引擎起草（可用 -m 指定模型，或设置 DRAFTER_MODEL / OPENAI_API_KEY）。"


def build_engine(*, model: str | None, base_url: str | None, prompts_dir: str | None, no_cache: bool,
                 env: Mapping[str, str], mode: str | None = None) -> tuple[Engine, str]:
    """The engine the flags, environment and config file choose, and one line saying which it is."""
    from drafter.draft.drafting import choose_mode
    from drafter.llm.settings import describe, drafter_home, resolve_settings

    settings = resolve_settings(model=model, base_url=base_url, env=env)
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
    engine = LLMEngine(build_client(settings), settings, prompts, cache=None if no_cache else Cache.in_home(home),
                       log=CallLog.in_home(home), on_retry=_note, on_usage=_usage_line, mode=choose_mode(mode, env))
    return engine, f"使用大模型 {describe(settings)} 起草。"


def _note(part: str, text: str) -> None:
    click.echo(f"［{part}］{text}", err=True)


def _usage_line(part: str, usage: Any, cached: bool) -> None:
    if cached:
        click.echo(f"［{part}］使用缓存的回答，未调用大模型。", err=True)
    else:
        click.echo(f"［{part}］本次调用：输入 {usage.prompt_tokens} tokens，输出 {usage.completion_tokens} tokens。",
                   err=True)


def run_drafts(engine: Engine, items: list[tuple[Report, Report | None]], *, parts: tuple[str, ...], jobs: int,
               max_repairs: int, live: bool, variant: int = 0) -> list[DraftResult]:
    """Draft every report (``jobs`` at a time); one report may stream into the terminal."""
    inputs = [DraftInput(report.figures, prev, parts, variant) for report, prev in items
              if report.figures is not None]
    if len(inputs) == 1:
        if live and engine.can_repair:
            with StreamView(parts) as view:
                return [draft_report(inputs[0], engine, max_repairs=max_repairs, on_token=view.token,
                                     on_event=view.event)]
        return [draft_report(inputs[0], engine, max_repairs=max_repairs)]
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="report") as pool:
        return list(pool.map(lambda job: draft_report(job, engine, max_repairs=max_repairs), inputs))


class StreamView:
    """A rich live view of the parts being written: a spinner until the first token, then the latest lines."""

    TAIL = 14

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts
        self.text = {p: "" for p in parts}
        self.notes = {p: "" for p in parts}
        self.lock = threading.Lock()
        self.live: Any = None

    def __enter__(self) -> StreamView:
        from rich.live import Live

        from drafter.cli.common import console

        self.live = Live(self, console=console(), refresh_per_second=12, transient=True)
        self.live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.live.__exit__(*exc)

    def token(self, part: str, text: str) -> None:
        with self.lock:
            self.text[part] += text

    def event(self, part: str, note: str) -> None:
        with self.lock:
            self.notes[part] = note
            self.text[part] = ""  # a repair round streams the whole part again

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.panel import Panel
        from rich.spinner import Spinner
        from rich.text import Text

        panels = []
        with self.lock:
            for part in self.parts:
                title = f"{part}、{SECTION_TITLES[part]}"
                body = self.text[part]
                if not body:
                    content: Any = Spinner("dots", text=self.notes[part] or "正在起草……")
                else:
                    content = Text("\n".join(body.splitlines()[-self.TAIL:]))
                panels.append(Panel(content, title=title, subtitle=self.notes[part] or None, expand=True))
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
        click.echo(f"共调用大模型 {usage['calls']} 次：输入 {usage['prompt_tokens']} tokens，"
                   f"输出 {usage['completion_tokens']} tokens。修改 {result.rounds} 轮。", err=True)


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
