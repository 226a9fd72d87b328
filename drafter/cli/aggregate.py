"""``drafter aggregate SOURCES... -o FIGURES``: the government's figures summed from its departments' reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import FORMAT_OPTION, console, emit_json, exit_for, guarded, print_findings

SIDECAR_SUFFIX = ".来源.json"
_KIND_CHOICES = ["人民政府", "政府部门", "乡镇街道", "其他"]


def sidecar_path(output: Path) -> Path:
    """Where the provenance of ``汇总.yaml`` is kept: ``汇总.来源.json`` beside it."""
    return output.with_name(output.stem + SIDECAR_SUFFIX)


def parse_tables(text: str) -> tuple[str, ...]:
    """``表二,表三`` (also 、，and 2/3/4) into the table names; an unknown name is a usage error."""
    from drafter.aggregate import TABLES

    names = [t.strip() for t in text.replace("，", ",").replace("、", ",").split(",") if t.strip()]
    out = []
    for name in names:
        table = {"2": "表二", "3": "表三", "4": "表四"}.get(name.removeprefix("表"), name)
        if table not in TABLES:
            raise click.BadParameter(f"没有“{name}”这张表，可选：表二、表三、表四", param_hint="--tables")
        out.append(table)
    return tuple(out)


@click.command("aggregate", help="汇总：把各部门（及乡镇、街道）的年度报告或 figures 文件中的统计表逐格相加，"
                                 "得到本级政府年度报告的 figures 文件；每个数都记下来自哪个来源。\n\n"
                                 "来源可以是文本、HTML、Word、PDF 报告，figures 文件，或包含它们的文件夹。"
                                 "年度不同、同一机关出现两次、2019 年格式、表格读取不确定的来源会被拒绝（退出码 2）；"
                                 "表格有错误的来源默认不汇总（退出码 1），确认后可加 --accept-errors。\n\n"
                                 "示例：drafter aggregate 各部门报告/ -o 汇总.yaml --agency 某某县人民政府；"
                                 "drafter aggregate 各部门报告/ --explain 表三/一/总计\n\n"
                                 "退出码：0 完成且无错误，1 有来源表格错误或汇总结果有错误，2 来源无法汇总或文件无法使用。")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="来源...")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件",
              help="写入汇总结果的 figures 文件（.yaml 或 .json；已存在时先备份）；来源明细写在旁边的 *.来源.json")
@click.option("--agency", metavar="名称", help="本级政府全称，如“某某县人民政府”（写入汇总结果的 机关全称）")
@click.option("--kind", type=click.Choice(_KIND_CHOICES), default="人民政府", show_default=True,
              help="汇总结果的机关类型")
@click.option("--year", type=click.IntRange(2008, 2100), metavar="年度", help="报告年度；不给则取来源的年度（须一致）")
@click.option("--tables", "tables_text", default="表三,表四", show_default=True, metavar="表",
              help="要汇总的表，如 表二,表三,表四（多数政府的表二只报本级，默认不汇总）")
@click.option("--base", type=click.Path(path_type=Path), metavar="文件",
              help="本级的 figures 文件：未汇总的表、正文数据和工作要点从此文件取")
@click.option("--accept-errors", is_flag=True, help="表格有错误的来源也计入汇总（空白按 0 计，来源明细中注明）")
@click.option("--previous", type=click.Path(path_type=Path), metavar="文件",
              help="上年的本级政府报告或 figures 文件：对汇总结果核对上年结转与现行有效件数")
@click.option("--explain", "explain", multiple=True, metavar="单元格",
              help="列出某个单元格由哪些来源各贡献多少，如 表三/一/总计（可多次给出）")
@FORMAT_OPTION
@guarded
def aggregate(sources: tuple[Path, ...], output: Path | None, agency: str | None, kind: str, year: int | None,
              tables_text: str, base: Path | None, accept_errors: bool, previous: Path | None,
              explain: tuple[str, ...], fmt: str) -> None:
    from drafter import aggregate as agg
    from drafter.errors import InputError
    from drafter.figures import UnitKind
    from drafter.files import check_data_name, check_writable
    from drafter.read.inputs import open_figures

    tables = parse_tables(tables_text)
    if not tables:
        raise click.BadParameter("至少要汇总一张表", param_hint="--tables")
    base_report = open_figures(base) if base is not None else None
    base_figures = base_report.figures if base_report is not None else None
    agency = agency or (base_figures.meta.agency if base_figures is not None else None)
    if output is not None:
        if agency is None:
            raise InputError("没有给出本级政府的名称", hint="请加 --agency “某某县人民政府”（或用 --base 给出本级的 figures 文件）")
        check_data_name(output, "drafter aggregate")
        check_writable(output, inputs=sources)
        if output.suffix.lower() not in (".yaml", ".yml", ".json"):
            raise InputError("汇总结果应存为 .yaml 或 .json 文件", path=output, hint="例如 -o 汇总.yaml")
    previous_report = open_figures(previous) if previous is not None else None

    paths = agg.expand_sources(sources, exclude=[p for p in (output, output and sidecar_path(output)) if p])
    found = _read_with_progress(paths, quiet=fmt == "json")
    result = agg.aggregate(found, agency=agency or "（汇总）", kind=UnitKind(kind), year=year, tables=tables,
                           accept_errors=accept_errors, base=base_figures)
    explained = {cell: result.explain(cell) for cell in explain}
    result_findings = result.check(previous_report.figures if previous_report else None)
    blocked = result.blocked

    written = None
    if output is not None and not blocked:
        written = _write(result, output)
    findings = result.findings + result_findings
    if fmt == "json":
        document = {"figures": result.figures.to_data(), "output": str(output) if written else None,
                    **agg.provenance_document(result),
                    "explain": {cell: [_contribution_entry(s, c) for s, c in rows] for cell, rows in explained.items()},
                    "findings": [f.to_dict() for f in findings],
                    "summary": {k: v for k, v in _summary(findings).items()}}
        emit_json(document)
    else:
        _show(result, result_findings, explained, output, written)
    sys.exit(exit_for(findings))


def _read_with_progress(paths: list[Path], *, quiet: bool) -> list[Any]:
    from drafter import aggregate as agg

    if quiet or len(paths) < 5 or not sys.stderr.isatty():
        return agg.read_sources(paths)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    found = []
    with Progress(TextColumn("读取来源"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=len(paths))
        for path in paths:
            progress.update(task, description=path.name)
            found.append(agg.read_source(path))
            progress.advance(task)
    return found


def _write(result: Any, output: Path) -> Path:
    from drafter.aggregate import provenance_document
    from drafter.cli.import_ import dump_yaml
    from drafter.files import write_atomic

    data = result.figures.to_data()
    sidecar = sidecar_path(output)
    if output.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        head = [f"# 由 drafter aggregate 汇总自 {len(result.sources)} 个来源（{'、'.join(result.tables)}逐格相加）；",
                f"# 每个单元格由哪些来源各贡献多少，见 {sidecar.name}，或运行 drafter aggregate … --explain 表三/一/总计。"]
        head += [f"#   {n}. {s.agency}（{s.path.name}）" for n, s in enumerate(result.sources, 1)]
        text = "\n".join(head) + "\n" + dump_yaml(data)
    saved = write_atomic(output, text)
    write_atomic(sidecar, json.dumps(provenance_document(result), ensure_ascii=False, indent=1) + "\n", backup=False)
    return saved or output


def _contribution_entry(source: Any, contribution: Any) -> dict[str, Any]:
    entry = {"file": str(source.path), "agency": source.agency, "value": contribution.value}
    if contribution.note:
        entry["note"] = contribution.note
    return entry


def _summary(findings: list[Any]) -> dict[str, int]:
    from drafter.findings import summarize

    return summarize(findings)


def _show(result: Any, result_findings: list[Any], explained: dict[str, list[Any]], output: Path | None,
          written: Path | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from drafter.aggregate import FORMAT_NAMES
    from drafter.findings import Rule, has_errors

    out = console()
    year = result.figures.meta.year
    table = Table(title=f"{year} 年度 · 来源 {len(result.sources)} 个", title_justify="left", padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("机关", min_width=12, ratio=1, overflow="fold")
    table.add_column("格式", no_wrap=True)
    for name in ("新收", "办结", "结转", "复议", "诉讼"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    for n, s in enumerate(result.sources, 1):
        figures = s.key_figures()
        blocking = s.blocking(result.tables)
        status = (f"[red]{len(blocking)} 个错误[/red]" if blocking else
                  "[yellow]有警告[/yellow]" if s.findings else "[green]✓[/green]")
        name = escape(s.agency or "") + ("[dim]（按文件名）[/dim]" if s.named_by_file else "")
        table.add_row(str(n), name, FORMAT_NAMES.get(s.report.kind, s.kind),
                      *(_num(figures[k]) for k in ("新收", "办结", "结转", "复议", "诉讼")), status)
    totals = {k: sum(v for s in result.sources if (v := s.key_figures()[k]) is not None)
              for k in ("新收", "办结", "结转", "复议", "诉讼")}
    table.add_row("", "[bold]合计[/bold]", "", *(_num(totals[k]) for k in totals), "")
    out.print(table)
    for s in result.sources:
        blocking = s.blocking(result.tables)
        if blocking:
            print_findings(blocking, title=f"{s.agency}（{s.path}）的表格错误", out=out)
    for cell, rows in explained.items():
        grid = Table(title=f"{cell} 的来源", title_justify="left")
        grid.add_column("机关")
        grid.add_column("文件", overflow="fold")
        grid.add_column("数值", justify="right")
        for source, contribution in rows:
            value = _num(contribution.value) + (f"（{contribution.note}）" if contribution.note else "")
            grid.add_row(escape(source.agency or ""), escape(source.path.name), value)
        grid.add_row("[bold]合计[/bold]", "", _num(sum(c.value for _, c in rows)))
        out.print(grid)
    notes = [f for f in result.findings if f.rule is not Rule.AGGREGATE_SOURCE_ERROR]
    if notes or result_findings:
        print_findings(notes + result_findings, title="汇总结果的核对", out=out)
    if result.unfilled:
        tables = "、".join(result.unfilled)
        out.print(f"[dim]{tables}未汇总，结果中留空：请填写本级的{tables}（或用 --tables 一并汇总，或用 --base 给出本级 figures 文件）。[/dim]")
    if result.blocked:
        where = f"未写入 {output}：" if output is not None else ""
        out.print(f"[red]{where}有来源的表格存在错误。请让相关部门修正后重新报送；确认无误需照样汇总时，加 --accept-errors。[/red]")
    elif output is not None and written is not None:
        saved = f"（原文件已备份为 {written}）" if written != output else ""
        out.print(f"已写入 {output}{saved}；来源明细见 {sidecar_path(output)}。")
        if has_errors(result_findings):
            out.print("[red]汇总结果有错误，见上表。[/red]")


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
