"""``drafter init``: write a figures file to fill in."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.common import guarded

if TYPE_CHECKING:
    from drafter.report import Report


def default_year(today: date | None = None) -> int:
    """The year a clerk is most likely reporting on: this year from October on, else last year."""
    today = today or date.today()
    return today.year if today.month >= 10 else today.year - 1


@click.command("init", help="生成待填写的 figures 文件：表格每一行都已列出并附中文说明。\n\n"
                            "用 --from 给出上年报告（文本、HTML、DOCX、PDF 或上年 figures 文件），可带入机关信息、"
                            "上年结转、现行有效件数基数和上年度问题。--to xlsx 生成 Excel/WPS 表格（表二、表三、表四"
                            "按印刷格式排列），填好后可代替 YAML 文件用于所有命令。\n\n"
                            "示例：drafter init --from 上年报告.docx -o figures.yaml；"
                            "drafter init --to xlsx -o figures.xlsx\n\n"
                            "退出码：0 已生成，2 输入文件无法使用。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出的 figures 文件 [默认：figures.yaml；--to xlsx 时为 figures.xlsx]")
@click.option("--to", "to", type=click.Choice(["yaml", "xlsx"]), default=None,
              help="文件格式：yaml（文本，带中文说明）或 xlsx（Excel/WPS 表格）；不写时按 -o 的扩展名判断")
@click.option("--agency", help="机关全称，如“临清市科学技术局”")
@click.option("--year", type=click.IntRange(2008, 2100), help="报告年度（默认：10 月起为当年，否则为上一年）")
@click.option("--from", "previous", type=click.Path(path_type=Path), help="上年的年度报告或 figures 文件")
@guarded
def init(output: Path | None, to: str | None, agency: str | None, year: int | None, previous: Path | None) -> None:
    from drafter.errors import InputError
    from drafter.figures.initfile import Seed, render_template
    from drafter.files import check_data_name, check_writable, write_atomic
    from drafter.read.inputs import open_figures
    from drafter.read.lastyear import extract_problems
    from drafter.schema import schema_path

    to_stdout = output is not None and str(output) == "-"
    if to_stdout and to == "xlsx":
        raise InputError("Excel 表格不能输出到屏幕", hint="请用 -o 指定文件名，如 -o figures.xlsx")
    suffix = output.suffix.lower() if output is not None and not to_stdout else ""
    if to is None:
        to = "xlsx" if suffix == ".xlsx" else "yaml"
    if output is None:
        output = Path(f"figures.{to}")
    if to == "xlsx" and suffix not in ("", ".xlsx"):
        raise InputError(f"--to xlsx 与输出文件的扩展名 {suffix} 不一致", path=output,
                         hint="Excel 表格请存为 .xlsx，如 -o figures.xlsx")
    if to == "yaml" and suffix in (".xlsx", ".xls", ".et", ".csv"):
        raise InputError(f"YAML 文件不能存为 {suffix}", path=output,
                         hint="要生成 Excel 表格，请用 --to xlsx -o figures.xlsx")
    if not to_stdout:
        check_writable(output, inputs=(previous,))
        check_data_name(output, "drafter init")
    seed = Seed(year=year or default_year(), schema_uri=schema_path().as_uri())
    guess = None
    if previous is not None:
        prev = open_figures(previous)
        assert prev.figures is not None
        seed.previous = prev.figures
        seed.year = year or prev.figures.meta.year + 1
        seed.agency, guess = agency_from(prev)
        five = prev.section("五")
        if five is not None:
            seed.previous_problems = extract_problems(five.text)
    if agency:
        seed.agency, guess = agency, None
    if guess:
        seed.agency_note = guess
    text = render_template(seed)
    if to_stdout:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        if guess:
            click.echo(f"注意：{guess}", err=True)
        return
    if to == "xlsx":
        from drafter.figures.file import parse_figures_text
        from drafter.figures.workbook import write_workbook

        saved = write_atomic(output, write_workbook(parse_figures_text(text)))
    else:
        saved = write_atomic(output, text)
    named = f"{seed.agency}，" if not seed.agency.startswith("（") else ""
    click.echo(f"已生成 {output}（{named}{seed.year} 年度）。请填写后运行：drafter validate {output}", err=True)
    if guess:
        click.echo(f"注意：{guess}", err=True)
    if saved:
        click.echo(f"原文件已备份为 {saved}", err=True)


UNKNOWN_AGENCY = "（请填写机关全称）"


def agency_from(previous: Report) -> tuple[str, str | None]:
    """The agency's name last year's report gives, and a note when it is a guess (None when it is certain).

    A name read from a figures file is certain; one read from a published report is taken for certain only when
    the report's own text names it again beyond its title (a site's menu taken for the title never is).
    """
    from drafter.report import SourceKind

    name = previous.agency or ""
    if previous.kind is SourceKind.FIGURES and name:
        return name, None
    if not name or name == "（未识别）":
        return UNKNOWN_AGENCY, "未能从上年报告中识别机关全称，请在“基本信息 › 机关全称”中填写（或用 --agency 给出）"
    body = previous.preface + "\n".join(section.text for section in previous.sections)
    if name in body:
        return name, None
    title = f"“{previous.title}”" if previous.title else ""
    return name, (f"机关全称“{name}”是从上年报告标题{title}推断的，正文中未再出现，请核对"
                  "（或用 --agency 给出）")
