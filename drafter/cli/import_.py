"""``drafter import``: a published report (text, Markdown, HTML, DOCX, PDF) into figures and its narrative parts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import console, exit_for, guarded, print_findings

NARRATIVE_KEY = "正文"


def narrative_of(report: Any) -> dict[str, str]:
    """The title, preface and the six parts as published, keyed by their headings."""
    narrative: dict[str, str] = {"标题": report.title or "", "前言": report.preface}
    for section in report.sections:
        narrative[section.heading] = section.text
    return narrative


def yaml_document(report: Any) -> str:
    """A figures file keyed by the official labels, followed by the narrative parts as YAML comments.

    The parts are comments so that the file stays a valid figures file for ``validate``, ``draft`` and ``init``
    (the figures model has no narrative key); they are there to read and to copy from.
    """
    text = dump_yaml(report.figures.to_data()) if report.figures is not None else "# 报告中没有找到统计表\n"
    lines = ["", f"# {NARRATIVE_KEY}（由 drafter import 从原报告读入，仅供参考；drafter validate 不读取此部分）"]
    commented = dump_yaml({NARRATIVE_KEY: narrative_of(report)})
    lines += [f"# {line}" if line else "#" for line in commented.splitlines()]
    return text + "\n".join(lines) + "\n"


def dump_yaml(document: Any) -> str:
    """YAML as a clerk reads it: Chinese unescaped, keys in the given order, multi-line text as blocks."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def render_output(report: Any, fmt: str) -> str:
    """The import result as text in the chosen format."""
    import json

    from drafter.figures.flat import to_cells
    from drafter.findings import summarize

    if fmt == "cells":
        cells = to_cells(report.figures) if report.figures is not None else []
        if not cells:
            return "[]\n"
        return "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cells) + "\n]\n"
    if fmt == "json":
        document = {
            "figures": report.figures.to_data() if report.figures is not None else None,
            "title": report.title,
            "preface": report.preface,
            "sections": [{"numeral": s.numeral, "title": s.title, "text": s.text} for s in report.sections],
            "findings": [f.to_dict() for f in report.findings],
            "summary": summarize(report.findings),
        }
        return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    return yaml_document(report)


@click.command("import", help="读入已发布的年度报告（复制的文本、Markdown、HTML、Word .docx、带文字层的 PDF），"
                              "得到统计表数据（figures）和六个部分的正文。\n\n"
                              "示例：drafter import 2023年报.html -o figures.yaml；"
                              "drafter import 年报.pdf --format cells\n\n"
                              "退出码：0 完成，2 文件无法读取或不是年度报告。")
@click.argument("report", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="写入的文件（已存在时先备份为 .bak）；不给则输出到屏幕")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json", "cells"]), default="yaml", show_default=True,
              help="输出格式：yaml 为 figures 文件（含正文），json 供脚本使用，cells 为逐单元格的扁平列表")
@guarded
def import_report(report: Path, output: Path | None, fmt: str) -> None:
    from drafter.files import (
        REPORT_MAX_BYTES,
        FileKind,
        check_data_name,
        check_writable,
        read_bytes,
        sniff,
        write_atomic,
    )
    from drafter.read import read_report
    from drafter.read.inputs import is_figures_text

    if output is not None and str(output) == "-":
        output = None  # “-o -”: the screen (stdout), as without -o
    if output is not None:
        check_writable(output, inputs=(report,))
        check_data_name(output, "drafter import")
    data = read_bytes(report, max_bytes=REPORT_MAX_BYTES, what="年度报告")
    if sniff(data, report) is FileKind.TEXT and is_figures_text(_text_or_empty(data, report)):
        from drafter.errors import InputError

        raise InputError("这已经是 figures 文件，不需要导入", path=report,
                         hint="drafter import 读取的是已发布的年度报告；figures 文件可直接用于 validate、draft")
    result = read_report(report, data)
    text = render_output(result, fmt)
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        if fmt != "json" and result.findings:
            print_findings(result.findings, title="导入提示", out=console(stderr=True))
    else:
        saved = write_atomic(output, text)
        parts = "、".join(s.numeral for s in result.sections) or "无"
        tables = "已读入统计表" if result.figures is not None else "未找到统计表"
        click.echo(f"已读入 {report}（{result.kind}）：{result.title or '（无标题）'}；正文部分：{parts}；{tables}。",
                   err=True)
        click.echo(f"已写入 {output}" + (f"（原文件已备份为 {saved}）" if saved else ""), err=True)
        if result.findings:  # rich only when there is a table to show: it costs start-up time
            print_findings(result.findings, title="导入提示", out=console(stderr=True))
    sys.exit(exit_for(result.findings))


def _text_or_empty(data: bytes, path: Path) -> str:
    """A text file's text, decoded the one way; "" when it cannot be (the reader then says why)."""
    from drafter.errors import InputError
    from drafter.files import decode_text

    try:
        return decode_text(data, path)
    except InputError:
        return ""
