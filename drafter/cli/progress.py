"""Progress on stderr for work that takes a while: a bar for batches, a spinner for a long read.

Shown only when stderr is a terminal, so scripts and pipes get exactly the output they asked for. No refresh
thread runs while worker processes are forked: the bar is redrawn by the caller, at most ten times a second.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class BatchProgress:
    """A rich progress bar with the file being worked on; a no-op when stderr is not a terminal."""

    def __init__(self, total: int, *, what: str = "审核", enabled: bool | None = None) -> None:
        self.total = total
        self.what = what
        self._console = stderr_console()
        self.enabled = self._console.is_terminal if enabled is None else enabled
        self._progress: Any = None
        self._task: Any = None
        self._last = 0.0

    def __enter__(self) -> BatchProgress:
        if not self.enabled:
            return self
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(TextColumn(f"[bold]{self.what}[/bold]"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), TextColumn("{task.fields[current]}", style="dim"),
                                  console=self._console, auto_refresh=False, transient=True)
        self._progress.start()
        self._task = self._progress.add_task(self.what, total=self.total, current="")
        self._progress.refresh()
        return self

    def advance(self, done: int, current: str) -> None:
        """``done`` reports finished; ``current`` is the file worked on next."""
        if self._progress is None:
            return
        self._progress.update(self._task, completed=done, current=Path(current).name if current else "")
        now = time.monotonic()
        if now - self._last >= 0.1 or done >= self.total:
            self._last = now
            self._progress.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextmanager
def long_read(path: str, *, delay: float = 0.5, enabled: bool | None = None) -> Iterator[None]:
    """A spinner naming the file, shown only if reading it takes longer than ``delay`` seconds."""
    console = stderr_console()
    if not (console.is_terminal if enabled is None else enabled):
        yield
        return
    lock = threading.Lock()
    state: dict[str, Any] = {"status": None, "done": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                state["status"] = console.status(f"正在读取并审核 {Path(path).name} …")
                state["status"].start()

    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["status"] is not None:
                state["status"].stop()
