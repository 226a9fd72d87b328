"""``drafter diff PREVIOUS CURRENT``: review the changes between last year's report and this year's."""

from __future__ import annotations

import click

from drafter.cli.common import FORMAT_OPTION, guarded


@click.command("diff", help="与上年报告对比：数字变化、跨年衔接、逐句文字改动、照搬上年的内容。\n\n"
                            "PREVIOUS 为上年报告，CURRENT 为本年报告；可为 figures 文件或任何能读入的报告"
                            "（文本、Markdown、HTML、DOCX、PDF）。\n\n"
                            "示例：drafter diff 2023年报告.docx 2024年报告.docx --side-by-side")
@click.argument("previous", metavar="PREVIOUS")
@click.argument("current", metavar="CURRENT")
@FORMAT_OPTION
@click.option("--side-by-side", is_flag=True, help="上年、本年左右并排显示改动（适合宽屏）")
@guarded
def diff(previous: str, current: str, fmt: str, side_by_side: bool) -> None:
    """Compare two years' reports; exit 1 when a finding is an error."""
    import sys

    from drafter.cli.common import console, emit_json, exit_for, print_findings
    from drafter.diff import diff_reports
    from drafter.read.inputs import open_input

    result = diff_reports(open_input(previous), open_input(current))
    if fmt == "json":
        emit_json(result.to_json())
    else:
        from drafter.cli.diffview import print_crossyear, print_deltas, print_summary, print_text_changes

        out = console()
        print_summary(result, out)
        print_findings(result.findings, title="发现的问题", out=out)
        if not result.same:
            print_crossyear(result, out)
            print_deltas(result, out)
            print_text_changes(result, out, side_by_side=side_by_side)
    sys.exit(exit_for(result.findings))
