"""``drafter render FIGURES|REPORT --to md|docx|html -o OUT``: the complete six-part report, no drafting."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.common import guarded

if TYPE_CHECKING:
    from drafter.report import Report

DRAFTED_PARTS = ("一", "五", "六")


@click.command("render", help="排版生成完整的六部分报告（含表二、表三、表四），不起草正文。\n\n"
                              "与 draft 的区别：draft -o 报告.docx 起草第一、五、六部分并排版成完整报告；"
                              "render 只排版——给 figures 文件时，第一、五部分留作【待补充】，第六部分按数据写出；"
                              "给报告（如改好的 报告.md）时，按原文排成 Word 或网页版。"
                              "输出文件已有起草的正文时，render figures 文件会保留这些正文，只更新表格，并予以说明。\n\n"
                              "示例：drafter render 报告.md --to docx -o 报告.docx；"
                              "drafter render figures.yaml -o 报告.docx\n\n"
                              "退出码：0 已生成，2 输入文件无法使用。")
@click.argument("source", metavar="FIGURES|REPORT")
@click.option("--to", "to", type=click.Choice(["md", "docx", "html"]), default=None,
              help="输出格式；不写时按 -o 的扩展名判断")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="输出文件（已有同名文件时先备份）；md、html 不写或写 - 时输出到屏幕")
@guarded
def render(source: str, to: str | None, output: str | None) -> None:
    """Render a figures file or a report as Markdown, Word or HTML."""
    from drafter.errors import InputError
    from drafter.read.inputs import open_input
    from drafter.render import check_output_name, format_for, render_report, write_report
    from drafter.report import SourceKind

    if output == "-":
        output = None
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
    kept: list[str] = []
    if report.kind is SourceKind.FIGURES:
        if output is not None:
            kept = keep_drafted_text(report, Path(output))
        add_other_matters(report)
    if output is None:
        content = render_report(report, to)
        assert isinstance(content, str)
        sys.stdout.buffer.write(content.encode("utf-8"))
        sys.stdout.flush()
        return
    path = write_report(report, output, to)
    click.echo(f"已生成 {path}", err=True)
    if kept:
        names = "、".join(f"第{n}部分" for n in kept)
        click.echo(f"注意：{output} 中已有起草的正文，已保留其中的{names}，只按 {source} 更新了表格"
                   f"（原文件已备份）。正文中的数字请用 drafter check {output} 核对；"
                   "要重新起草，请用 drafter draft。", err=True)


def keep_drafted_text(report: Report, existing: Path) -> list[str]:
    """Copy into ``report`` the drafted parts of the report already at ``existing``; the numerals kept.

    Rendering a figures file over a drafted report would otherwise replace its text with placeholders.
    """
    from drafter.errors import DrafterError
    from drafter.read.inputs import open_input
    if not existing.is_file() or existing.stat().st_size == 0:
        return []
    try:
        old = open_input(existing)
    except DrafterError:
        return []
    kept = []
    for numeral in DRAFTED_PARTS:
        section = old.section(numeral)
        # A part that is still the renderer's own placeholder (this version's or an older one's) is no drafted text.
        if section is None or not section.text.strip() or section.text.strip().startswith("本部分【待补充"):
            continue
        report.sections = [s for s in report.sections if s.numeral != numeral] + [section]
        kept.append(numeral)
    order = {n: i for i, n in enumerate("一二三四五六")}
    report.sections.sort(key=lambda s: order.get(s.numeral, 9))
    return kept


def add_other_matters(report: Report) -> None:
    """Part 六 written from the figures (the 信息处理费 and the clerk's other matters) when the report lacks it."""
    from drafter.draft.factsheet import build_factsheet
    from drafter.draft.offline import draft_other
    from drafter.figures.labels import SECTION_TITLES
    from drafter.report import Section

    if report.figures is None or report.section("六") is not None:
        return
    text = draft_other(build_factsheet(report.figures), report.figures)
    report.sections.append(Section("六", SECTION_TITLES["六"], text))
