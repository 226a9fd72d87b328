"""``drafter validate``: schema and arithmetic checks of a figures file (or of a report's tables)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.cli.common import FORMAT_OPTION, emit_json, exit_for, findings_document, guarded, print_findings


@click.command("validate", help="检查 figures 文件（或报告中的统计表）：格式、空项、勾稽关系与合计；"
                                "给出 --previous 时还核对上年结转与现行有效件数。\n\n"
                                "退出码：0 无错误，1 有错误，2 文件无法使用。")
@click.argument("figures", type=click.Path(path_type=Path))
@click.option("--previous", type=click.Path(path_type=Path), help="上年的 figures 文件或年度报告")
@FORMAT_OPTION
@guarded
def validate(figures: Path, previous: Path | None, fmt: str) -> None:
    from drafter.check.figures import attribute_to_source, check_figures
    from drafter.figures.workbook import name_cells
    from drafter.files import REPORT_MAX_BYTES, FileKind, read_bytes, sniff
    from drafter.read.inputs import open_figures

    report = open_figures(figures)
    prev = open_figures(previous) if previous else None
    assert report.figures is not None
    findings = list(report.findings) + attribute_to_source(
        check_figures(report.figures, prev.figures if prev else None), report)
    if str(figures) != "-" and sniff(read_bytes(figures, max_bytes=REPORT_MAX_BYTES), figures) is FileKind.XLSX:
        findings = name_cells(findings)
    if fmt == "json":
        emit_json(findings_document(findings))
    else:
        meta = report.figures.meta
        title = f"{meta.agency} {meta.year} 年度 · {figures}"
        if prev is not None and prev.figures is not None:
            title += f"（对照 {prev.figures.meta.year} 年度）"
        print_findings(findings, title=title)
    sys.exit(exit_for(findings))
