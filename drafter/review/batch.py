"""A batch of reports checked, one worker process per core: each report's findings, or why it could not be read.

A report that cannot be read becomes a :class:`Reviewed` with its error, never the end of the batch. Workers also
render each report's annotated page fragment when one is wanted, so the batch's HTML is made in parallel too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from drafter.check.checker import check_report
from drafter.check.figures import attribute_to_source
from drafter.check.lexicon import load_lexicon
from drafter.errors import DrafterError, InputError
from drafter.read.inputs import open_figures, open_input
from drafter.review.ignore import load_ignores, split_ignored
from drafter.review.page import report_fragment
from drafter.review.reviewed import Options, Reviewed

# Below this many reports, checking in one process is faster than starting workers.
PARALLEL_FROM = 24
MAX_WORKERS = 8


def review_file(path: str, options: Options, *, index: int = 0, strict: bool = False) -> Reviewed:
    """Read and check one report; with ``strict`` an unreadable file raises, else it is recorded."""
    try:
        report = open_input(path)
        if options.figures_file:
            report.figures = _open_figures(options.figures_file).figures
        previous = _open_previous(options.previous_file) if options.previous_file else None
        entries = list(options.ignores) + load_ignores(path)
        findings = attribute_to_source(check_report(report, previous=previous), report)
        kept, ignored = split_ignored(findings, entries)
    except DrafterError as exc:
        if strict:
            raise
        return Reviewed(path, index, error=str(exc))
    except Exception as exc:  # a defect of drafter on an unusual file: say so plainly, keep the other files going
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        message = f"检查此文件时 drafter 内部出错（{type(exc).__name__}: {exc}）；请将该文件反馈给维护者"
        if strict:
            raise InputError(message, path=path) from None
        return Reviewed(path, index, error=message)
    meta = report.figures.meta if report.figures is not None else None
    result = Reviewed(path, index, kept, ignored, agency=meta.agency if meta else None,
                      year=meta.year if meta else None, kind=str(meta.kind) if meta else None,
                      level=str(meta.level) if meta and meta.level else None, title=report.title)
    if options.page:
        result.fragment = report_fragment(result, report)
    return result


def review_files(paths: list[str], options: Options, *, jobs: int | None = None,
                 on_done: Callable[[int, Reviewed], None] | None = None) -> list[Reviewed]:
    """Check every path, in order; ``jobs`` worker processes (None: one per core from PARALLEL_FROM files on).

    ``on_done(i, result)`` is called as each report is finished, in order, for progress.
    """
    results = []
    for i, result in enumerate(_results(paths, options, jobs)):
        results.append(result)
        if on_done is not None:
            on_done(i, result)
    return results


def worker_count(files: int, jobs: int | None) -> int:
    """How many worker processes a batch of ``files`` uses (1: check in this process)."""
    if jobs is not None:
        return max(1, min(jobs, files))
    cores = os.cpu_count() or 1
    if files < PARALLEL_FROM or cores < 2:
        return 1
    return min(cores, MAX_WORKERS)


def _results(paths: list[str], options: Options, jobs: int | None) -> Iterator[Reviewed]:
    workers = worker_count(len(paths), jobs)
    tasks = [(i, p, options) for i, p in enumerate(paths)]
    if workers < 2:
        for task in tasks:
            yield _review_task(task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    warm_up(options)  # imported and compiled once here, inherited by every forked worker
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks keep the progress moving; larger ones cost less in messages between processes.
    chunk = max(1, min(16, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_review_task, tasks, chunksize=chunk)


def warm_up(options: Options) -> None:
    """Read and compile the lexicon before workers are forked (they inherit it)."""
    load_lexicon()


def _review_task(task: tuple[int, str, Options]) -> Reviewed:
    index, path, options = task
    return review_file(path, options, index=index)


_CACHE: dict[tuple[str, str], Any] = {}


def _open_figures(path: str) -> Any:
    key = ("figures", path)
    if key not in _CACHE:
        _CACHE[key] = open_figures(path)
    return _CACHE[key]


def _open_previous(path: str) -> Any:
    key = ("previous", path)
    if key not in _CACHE:
        _CACHE[key] = open_input(path)
    return _CACHE[key]


def open_shared(options: Options) -> None:
    """Read the batch's figures and previous files once, so a bad one is an input error before any report."""
    if options.figures_file:
        _open_figures(options.figures_file)
    if options.previous_file:
        _open_previous(options.previous_file)
