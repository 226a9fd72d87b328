"""``drafter render FIGURES|REPORT --to md|docx|html -o OUT``: the complete six-part report."""

from __future__ import annotations

import sys

import click

from drafter.cli.common import guarded


@click.command("render", help="生成完整的六部分报告（含表二、表三、表四）。\n\n"
                              "示例：drafter render figures.yaml --to docx -o 报告.docx；"
                              "drafter render 报告.md --to html -o 报告.html")
@click.argument("source", metavar="FIGURES|REPORT")
@click.option("--to", "to", type=click.Choice(["md", "docx", "html"]), default=None,
              help="输出格式；不写时按 -o 的扩展名判断")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="输出文件（已有同名文件时保留为 .bak）；md、html 不写时输出到屏幕")
@guarded
def render(source: str, to: str | None, output: str | None) -> None:
    """Render a figures file or a report as Markdown, Word or HTML."""
    from drafter.errors import InputError
    from drafter.read.inputs import open_input
    from drafter.render import check_output_name, format_for, render_report, write_report

    if output is not None:
        check_output_name(output, to)
    if to is None:
        fmt = format_for(output) if output else None
        if fmt is None:
            raise InputError("请用 --to 指定输出格式（md、docx、html），或给出带扩展名的 -o 输出文件")
        to = fmt.value
    if to == "docx" and output is None:
        raise InputError("Word 文件不能输出到屏幕", hint="请用 -o 指定输出文件，如 -o 报告.docx")
    if output is not None:
        from drafter.files import check_writable

        check_writable(output, inputs=(source,))
    report = open_input(source)
    if report.figures is None and not report.sections:
        raise InputError("没有读到报告内容（既无统计表，也无正文）", path=source)
    if output is None:
        content = render_report(report, to)
        assert isinstance(content, str)
        sys.stdout.buffer.write(content.encode("utf-8"))
        sys.stdout.flush()
        return
    path = write_report(report, output, to)
    click.echo(f"已生成 {path}", err=True)
