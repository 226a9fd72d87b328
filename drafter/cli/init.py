"""``drafter init``: write a figures file to fill in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from drafter.cli.common import guarded


def default_year(today: date | None = None) -> int:
    """The year a clerk is most likely reporting on: this year from October on, else last year."""
    today = today or date.today()
    return today.year if today.month >= 10 else today.year - 1


@click.command("init", help="生成待填写的 figures 文件：表格每一行都已列出并附中文说明。\n\n"
                            "用 --from 给出上年报告（文本、HTML、DOCX、PDF 或上年 figures 文件），可带入机关信息、"
                            "上年结转、现行有效件数基数和上年度问题。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("figures.yaml"), show_default=True, help="输出的 figures 文件")
@click.option("--agency", help="机关全称，如“临清市科学技术局”")
@click.option("--year", type=click.IntRange(2008, 2100), help="报告年度（默认：10 月起为当年，否则为上一年）")
@click.option("--from", "previous", type=click.Path(path_type=Path), help="上年的年度报告或 figures 文件")
@guarded
def init(output: Path, agency: str | None, year: int | None, previous: Path | None) -> None:
    from drafter.figures.initfile import Seed, render_template
    from drafter.files import check_data_name, check_writable, write_atomic
    from drafter.read.inputs import open_figures
    from drafter.read.lastyear import extract_problems

    check_writable(output, inputs=(previous,))
    check_data_name(output, "drafter init")
    seed = Seed(year=year or default_year())
    if previous is not None:
        prev = open_figures(previous)
        assert prev.figures is not None
        seed.previous = prev.figures
        seed.agency = prev.figures.meta.agency
        seed.year = year or prev.figures.meta.year + 1
        five = prev.section("五")
        if five is not None:
            seed.previous_problems = extract_problems(five.text)
    if agency:
        seed.agency = agency
    saved = write_atomic(output, render_template(seed))
    click.echo(f"已生成 {output}（{seed.agency}，{seed.year} 年度）。请填写后运行：drafter validate {output}", err=True)
    if saved:
        click.echo(f"原文件已备份为 {saved}", err=True)
