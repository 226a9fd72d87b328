"""``drafter check REPORT...``: review reports — tables, prose against numbers, years, structure, copying — and
write the review as a page, a workbook or CSV (``--report``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import FORMAT_OPTION, guarded

REPORT_KINDS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv"}


@click.command("check", help="审核年度报告（drafter 起草的或已发布的）：统计表勾稽关系、正文数字与表格是否一致、"
                             "年份、六个部分的结构与标题、旧格式与模板残留、与上年报告雷同。\n\n"
                             "可一次审核多份报告，最后给出汇总表；--report 写出审核结果：网页（.html，每份报告的"
                             "问题标在原文处，可排序筛选的汇总表）、Excel 工作簿（.xlsx，“汇总”和“问题清单”两表）"
                             "或 CSV（.csv，问题清单；汇总另存为“（汇总）.csv”）。只给一份报告时，网页就是这份报告"
                             "标注了问题的全文，供发布前通读。\n\n"
                             "已知的误报可用 --ignore 规则[:位置] 忽略，或写在报告旁同名的 .drafter-ignore 文件里"
                             "（写法见 docs/ignore.md，规则编号见 docs/rules.md）。\n\n"
                             "退出码：0 无错误，1 有错误，2 文件无法使用（批量审核时，无法读取的报告列为一行，"
                             "其余照常审核）。\n\n"
                             "示例：drafter check 报告.docx --previous 上年报告.html；"
                             "drafter check 草稿.md --figures figures.yaml --report 草稿审核.html；"
                             "drafter check 报告/*.docx --report 审核结果.xlsx -j 2；drafter check 报告/*.txt --summary")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="REPORT...")
@click.option("--figures", "figures_path", type=click.Path(path_type=Path),
              help="用这份 figures 文件（或带统计表的报告）的数字核对正文，代替报告自带的表格")
@click.option("--previous", type=click.Path(path_type=Path),
              help="上年的年度报告或 figures 文件（跨年衔接、照搬检查）")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False), metavar="输出文件",
              help="把审核结果写成文件：.html 网页、.xlsx 工作簿或 .csv（按扩展名，或用 --report-format）")
@click.option("--report-format", "report_kind", type=click.Choice(["html", "xlsx", "csv"]), default=None,
              help="审核结果文件的格式（默认按 --report 的扩展名）")
@click.option("--summary", "summary_only", is_flag=True, help="终端里只显示每份报告一行的汇总表")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="进程数",
              help="同时审核的进程数（默认：24 份以上时每个 CPU 核一个）")
@click.option("--ignore", "ignores", multiple=True, metavar="规则[:位置]",
              help="忽略已知的误报，可多次给出，如 --ignore quality.government 或 "
                   "--ignore prose.table_mismatch:表三/一/总计")
@FORMAT_OPTION
@guarded
def check(reports: tuple[Path, ...], figures_path: Path | None, previous: Path | None, report_path: Path | None,
          report_kind: str | None, summary_only: bool, jobs: int | None, ignores: tuple[str, ...], fmt: str) -> None:
    """Check each report; exit 1 when any finding is an error, 2 when a report could not be read."""
    from drafter.cli.common import emit_json, exit_for, findings_document
    from drafter.findings import summarize
    from drafter.review.batch import Options, open_shared, review_file
    from drafter.review.ignore import parse_entry

    kind = _report_kind(report_path, report_kind)
    paths = [str(r) for r in reports]
    if report_path is not None:
        from drafter.files import check_writable

        check_writable(report_path, inputs=tuple(reports))
    options = Options(str(figures_path) if figures_path else None, str(previous) if previous else None,
                      tuple(parse_entry(text) for text in ignores), page=kind == "html")
    open_shared(options)  # a bad figures or previous file is an input error before any report is read
    if len(paths) == 1:
        from drafter.cli.progress import long_read

        with long_read(paths[0]):
            results = [review_file(paths[0], options, strict=True)]
    else:
        results = _review_batch(paths, options, jobs)
    if report_path is not None and kind is not None:
        _write_review(report_path, kind, results, _how(reports, figures_path, previous, ignores, jobs, report_path))
    all_findings = [f for r in results for f in r.findings]
    if fmt == "json":
        if len(results) == 1:
            emit_json(findings_document(results[0].findings))
        else:
            emit_json(_reports_document(results, summarize(all_findings)))
    elif report_path is not None and not summary_only:
        _print_totals(results)
    else:
        _print_results(results, summary_only=summary_only)
    if any(r.error for r in results):
        sys.exit(2)
    sys.exit(exit_for(all_findings))


def _report_kind(path: Path | None, kind: str | None) -> str | None:
    from drafter.errors import InputError

    if path is None:
        if kind is not None:
            raise InputError("给了 --report-format 却没有给出 --report 输出文件",
                             hint="例如：--report 审核结果.xlsx")
        return None
    by_name = REPORT_KINDS.get(path.suffix.lower())
    if kind is None and by_name is None:
        raise InputError(f"无法从扩展名“{path.suffix or '（无）'}”判断审核结果的格式", path=path,
                         hint="请用 .html、.xlsx 或 .csv 作扩展名，或加 --report-format html|xlsx|csv")
    if kind is not None and by_name is not None and kind != by_name:
        raise InputError(f"--report-format {kind} 与输出文件的扩展名 {path.suffix} 不一致", path=path,
                         hint=f"请把文件名改为 .{kind}，或去掉 --report-format")
    return kind or by_name


def _review_batch(paths: list[str], options: Any, jobs: int | None) -> list[Any]:
    from drafter.cli.progress import BatchProgress
    from drafter.review.batch import review_files

    with BatchProgress(len(paths)) as progress:
        def done(i: int, _result: Any) -> None:
            progress.advance(i + 1, paths[i + 1] if i + 1 < len(paths) else "")

        return review_files(paths, options, jobs=jobs, on_done=done)


def _how(reports: tuple[Path, ...], figures: Path | None, previous: Path | None, ignores: tuple[str, ...],
         jobs: int | None, out: Path) -> list[tuple[str, str]]:
    """How the review was made: tool version, date, the command and its options (shown in every review file)."""
    import shlex
    from datetime import datetime

    from drafter import __version__

    args = ["drafter", "check"]
    args += [str(r) for r in reports] if len(reports) <= 6 else [f"<{len(reports)} 份报告>"]
    if figures:
        args += ["--figures", str(figures)]
    if previous:
        args += ["--previous", str(previous)]
    for entry in ignores:
        args += ["--ignore", entry]
    if jobs:
        args += ["-j", str(jobs)]
    args += ["--report", str(out)]
    command = " ".join(a if a.startswith("<") else shlex.quote(a) for a in args)
    return [("审核工具", f"drafter {__version__}"), ("审核时间", datetime.now().astimezone().isoformat(timespec="seconds")),
            ("命令与选项", command), ("报告数", str(len(reports)))]


def _write_review(path: Path, kind: str, results: list[Any], how: list[tuple[str, str]]) -> None:
    from drafter.files import write_atomic

    saved = []
    if kind == "html":
        from drafter.review.page import Context, review_page

        facts = dict(how)
        context = Context(facts["审核工具"].split(" ", 1)[1], facts["审核时间"], facts["命令与选项"],
                          single=len(results) == 1)
        saved.append(write_atomic(path, review_page(results, context)))
    elif kind == "xlsx":
        from drafter.review.sheet import workbook_bytes

        saved.append(write_atomic(path, workbook_bytes(results, how)))
    else:
        from drafter.review.sheet import (
            FINDING_HEADER,
            SUMMARY_HEADER,
            csv_text,
            finding_rows,
            summary_csv_path,
            summary_rows,
        )

        saved.append(write_atomic(path, csv_text(FINDING_HEADER, finding_rows(results))))
        saved.append(write_atomic(summary_csv_path(path), csv_text(SUMMARY_HEADER, summary_rows(results))))
    for backup in saved:
        if backup is not None:
            click.echo(f"原有的同名文件已备份为 {backup}", err=True)
    names = str(path) if kind != "csv" else f"{path} 和 {summary_csv_path_name(path)}"
    click.echo(f"已写入审核结果：{names}", err=True)


def summary_csv_path_name(path: Path) -> str:
    from drafter.review.sheet import summary_csv_path

    return str(summary_csv_path(path))


def _reports_document(results: list[Any], total: dict[str, int]) -> dict[str, Any]:
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


def _rule_counts(findings: list[Any], shown: int = 3) -> str:
    """``table.sum×2 prose.table_mismatch 等4类``: the rules of a report's findings, errors first."""
    from collections import Counter

    from drafter.findings import sort_findings

    counts = Counter(str(f.rule) for f in sort_findings(findings))
    names = [f"{rule}×{n}" if n > 1 else rule for rule, n in list(counts.items())[:shown]]
    more = f" 等{len(counts)}类" if len(counts) > shown else ""
    return " ".join(names) + more


def _print_totals(results: list[Any]) -> None:
    from drafter.findings import summarize

    counts = summarize(f for r in results for f in r.findings)
    unreadable = sum(1 for r in results if r.error)
    click.echo(f"共 {len(results)} 份报告，{counts['error']} 个错误，{counts['warning']} 个警告"
               + (f"，{unreadable} 份无法读取" if unreadable else "") + "。")


def _print_results(results: list[Any], *, summary_only: bool = False) -> None:
    from rich.markup import escape
    from rich.table import Table

    from drafter.cli.common import console, print_findings
    from drafter.findings import summarize

    out = console()
    if not summary_only:
        for r in results:
            if r.error:
                out.print(f"[bold]{escape(r.file)}[/bold]\n[bold red]无法读取：[/bold red]{escape(r.error)}")
                continue
            print_findings(r.findings, title=r.file, out=out)
            if r.ignored:
                out.print(f"[dim]（已按忽略清单略去 {len(r.ignored)} 个问题）[/dim]")
            out.print()
        if len(results) < 2:
            return
    table = Table(title="汇总", show_lines=False)
    table.add_column("报告", overflow="fold", min_width=12)
    table.add_column("年度", justify="right")
    table.add_column("错误", justify="right")
    table.add_column("警告", justify="right")
    table.add_column("主要问题（规则×个数）", overflow="fold")
    errors = warnings = 0
    for r in results:
        name = escape(Path(r.file).name)
        if r.error:
            table.add_row(name, "", "—", "—", f"[red]无法读取：[/red]{escape(_short(r.error))}")
            continue
        counts = summarize(r.findings)
        errors += counts["error"]
        warnings += counts["warning"]
        table.add_row(name, str(r.year or ""), str(counts["error"]), str(counts["warning"]),
                      escape(_rule_counts(r.findings)) if r.findings else "[green]未发现问题[/green]")
    out.print(table)
    unreadable = sum(1 for r in results if r.error)
    out.print(f"共 {len(results)} 份报告，{errors} 个错误，{warnings} 个警告"
              + (f"，{unreadable} 份无法读取" if unreadable else "") + "。")
