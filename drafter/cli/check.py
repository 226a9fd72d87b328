"""``drafter check REPORT...``: review reports — tables, prose against numbers, years, structure, copying."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import FORMAT_OPTION, guarded

# Below this many reports, checking in one process is faster than starting workers.
PARALLEL_FROM = 24


@dataclass(slots=True)
class Checked:
    """One report's outcome: its findings, or why it could not be read."""

    file: str
    findings: list[Any] = field(default_factory=list)
    error: str | None = None


@click.command("check", help="审核年度报告（drafter 起草的或已发布的）：统计表勾稽关系、正文数字与表格是否一致、"
                             "年份、六个部分的结构与标题、旧格式与模板残留、与上年报告雷同。\n\n"
                             "可一次审核多份报告，最后给出汇总表。退出码：0 无错误，1 有错误，2 文件无法使用。\n\n"
                             "示例：drafter check 报告.docx --previous 上年报告.html；"
                             "drafter check 草稿.md --figures figures.yaml；drafter check 报告/*.txt --format json")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="REPORT...")
@click.option("--figures", "figures_path", type=click.Path(path_type=Path),
              help="用这份 figures 文件（或带统计表的报告）的数字核对正文，代替报告自带的表格")
@click.option("--previous", type=click.Path(path_type=Path), help="上年的年度报告或 figures 文件（跨年衔接、照搬检查）")
@FORMAT_OPTION
@guarded
def check(reports: tuple[Path, ...], figures_path: Path | None, previous: Path | None, fmt: str) -> None:
    """Check each report; exit 1 when any finding is an error, 2 when a report could not be read."""
    from drafter.cli.common import emit_json, exit_for, findings_document
    from drafter.findings import summarize

    figures_file = str(figures_path) if figures_path else None
    previous_file = str(previous) if previous else None
    if figures_file:
        _open_figures(figures_file)  # a bad figures file is an input error before any report is read
    if previous_file:
        _open_previous(previous_file)
    if len(reports) == 1:
        results = [check_file(str(reports[0]), figures_file, previous_file, strict=True)]
    else:
        results = _check_all([str(r) for r in reports], figures_file, previous_file)
    all_findings = [f for r in results for f in r.findings]
    if fmt == "json":
        if len(results) == 1:
            emit_json(findings_document(results[0].findings))
        else:
            emit_json(_reports_document(results, summarize(all_findings)))
    else:
        _print_results(results)
    if any(r.error for r in results):
        sys.exit(2)
    sys.exit(exit_for(all_findings))


def check_file(path: str, figures_file: str | None, previous_file: str | None, *, strict: bool = False) -> Checked:
    """Read and check one report; with ``strict`` an unreadable file raises, else it is recorded."""
    from drafter.check.checker import check_report
    from drafter.check.figures import attribute_to_source
    from drafter.errors import DrafterError, InputError
    from drafter.read.inputs import open_input

    try:
        report = open_input(path)
        if figures_file:
            report.figures = _open_figures(figures_file).figures
        previous = _open_previous(previous_file) if previous_file else None
        findings = attribute_to_source(check_report(report, previous=previous), report)
    except DrafterError as exc:
        if strict:
            raise
        return Checked(path, error=str(exc))
    except Exception as exc:  # a defect of drafter on an unusual file: say so plainly, keep the other files going
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        message = f"检查此文件时 drafter 内部出错（{type(exc).__name__}: {exc}）；请将该文件反馈给维护者"
        if strict:
            raise InputError(message, path=path) from None
        return Checked(path, error=message)
    return Checked(path, findings)


_CACHE: dict[tuple[str, str], Any] = {}


def _open_figures(path: str) -> Any:
    from drafter.read.inputs import open_figures

    key = ("figures", path)
    if key not in _CACHE:
        _CACHE[key] = open_figures(path)
    return _CACHE[key]


def _open_previous(path: str) -> Any:
    from drafter.read.inputs import open_input

    key = ("previous", path)
    if key not in _CACHE:
        _CACHE[key] = open_input(path)
    return _CACHE[key]


def _check_one(args: tuple[str, str | None, str | None]) -> Checked:
    return check_file(*args)


def _check_all(paths: list[str], figures_file: str | None, previous_file: str | None) -> list[Checked]:
    import os

    jobs = [(p, figures_file, previous_file) for p in paths]
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [_check_one(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_check_one, jobs, chunksize=max(1, len(jobs) // (workers * 4))))


def _reports_document(results: list[Checked], total: dict[str, int]) -> dict[str, Any]:
    from drafter.findings import sort_findings, summarize

    reports = []
    for r in results:
        ordered = sort_findings(r.findings)
        entry: dict[str, Any] = {"file": r.file, "findings": [f.to_dict() for f in ordered],
                                 "summary": summarize(ordered)}
        if r.error:
            entry["error"] = r.error
        reports.append(entry)
    summary = dict(total)
    summary["reports"] = len(results)
    summary["unreadable"] = sum(1 for r in results if r.error)
    return {"reports": reports, "summary": summary}


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_results(results: list[Checked]) -> None:
    from rich.table import Table

    from drafter.cli.common import console, print_findings
    from drafter.findings import sort_findings, summarize

    out = console()
    for r in results:
        if r.error:
            out.print(f"[bold]{r.file}[/bold]\n[bold red]无法读取：[/bold red]{r.error}")
            continue
        print_findings(r.findings, title=r.file, out=out)
        out.print()
    if len(results) < 2:
        return
    table = Table(title="汇总", show_lines=False)
    table.add_column("报告", overflow="fold", min_width=12)
    table.add_column("错误", justify="right")
    table.add_column("警告", justify="right")
    table.add_column("最严重的问题", overflow="fold")
    errors = warnings = 0
    for r in results:
        name = Path(r.file).name
        if r.error:
            table.add_row(name, "—", "—", "[red]无法读取[/red]")
            continue
        counts = summarize(r.findings)
        errors += counts["error"]
        warnings += counts["warning"]
        worst = sort_findings(r.findings)
        table.add_row(name, str(counts["error"]), str(counts["warning"]),
                      f"{worst[0].rule}：{_short(worst[0].message)}" if worst else "[green]未发现问题[/green]")
    out.print(table)
    out.print(f"共 {len(results)} 份报告，{errors} 个错误，{warnings} 个警告。")
