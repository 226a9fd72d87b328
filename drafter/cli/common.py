"""What every command shares: turning errors into exit codes, and showing findings to people or scripts."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from drafter.errors import DrafterError
from drafter.findings import Finding, Severity, has_errors, sort_findings, summarize

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="输出格式：text 供人阅读，json 供脚本使用")


def guarded(func: F) -> F:
    """Run a command; a DrafterError becomes one clear message on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DrafterError as exc:
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            click.echo(f"错误：{exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            if threading.active_count() > 1:
                # Calls still in flight in other threads: do not wait for them (one Ctrl-C stops at once).
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(130)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def emit_json(document: Any) -> None:
    """Exactly one JSON document on stdout (UTF-8, not ASCII-escaped)."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def findings_document(findings: Iterable[Finding]) -> dict[str, Any]:
    ordered = sort_findings(findings)
    return {"findings": [f.to_dict() for f in ordered], "summary": summarize(ordered)}


def exit_for(findings: Iterable[Finding]) -> int:
    return 1 if has_errors(findings) else 0


_PARTS = frozenset("一二三四五六")
_STYLE = {Severity.ERROR: ("错误", "bold red"), Severity.WARNING: ("警告", "yellow"), Severity.INFO: ("提示", "cyan")}


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def print_findings(findings: Iterable[Finding], *, title: str | None = None, out: Any = None) -> None:
    """A rich table of findings (errors first), or one line saying there are none."""
    ordered = sort_findings(findings)
    if not ordered and out is None:
        # Nothing to tabulate: skip importing rich (start-up time matters for the common, clean case).
        if title:
            click.echo(title)
        click.echo("✓ 未发现问题")
        return
    from rich.table import Table

    out = out or console()
    if title:
        out.print(f"[bold]{title}[/bold]")
    if not ordered:
        out.print("[green]✓ 未发现问题[/green]")
        return
    # A two-column grid: the severity, then rule · location, the message and the quoted sentence, wrapped
    # to the terminal's width (reads well at 80 columns, unlike a wide table) between Chinese characters,
    # never inside a number (drafter.cli.wrapping).
    from rich.text import Text

    from drafter.cli.wrapping import wrap_styled

    width = max(out.width - 5, 20)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=4)
    grid.add_column(width=width, overflow="fold")
    for f in ordered:
        label, style = _STYLE[f.severity]
        where = f.location or (f"第{f.section}部分" if f.section in _PARTS else f.section or "")
        body = Text(f"{f.rule}{' · ' + where if where else ''}", style="dim")
        body.append("\n" + f.message)
        if f.quote:
            body.append(f"\n原文：{f.quote}", style="dim")
        grid.add_row(Text(label, style=style), wrap_styled(body, width))
    out.print(grid)
    counts = summarize(ordered)
    out.print(f"共 {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示。")
