"""Chinese for the parts of click's output that click itself writes: usage, section headings, usage errors."""

from __future__ import annotations

import re

import click

_SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_PHRASES = {
    "Show this message and exit.": "显示本帮助并退出",
    "Show the version and exit.": "显示版本号并退出",
    "[default: ": "[默认：",
    "[required]": "[必填]",
}


class ZhFormatter(click.HelpFormatter):
    """click's help formatter with Chinese headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."),
                            prefix="用法：")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[no-untyped-def]
        super().write_dl([(term, _translate(text)) for term, text in rows], col_max, col_spacing)


def _translate(text: str) -> str:
    for english, chinese in _PHRASES.items():
        text = text.replace(english, chinese)
    return text


class ZhContext(click.Context):
    formatter_class = ZhFormatter


# An option as click names it in messages: “'-o' / '--output'” (the quotes are dropped when shown).
_OPT = r"((?:'[^']+'(?: / )?)+)"

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No such option:? '?([^'\s]+)'?\.?(?: Did you mean '?([^'\s?]+)'?\?)?"), "没有选项 {0}{1}"),
    (re.compile(r"No such command '(.+?)'\.?(?: Did you mean '(.+?)'\?)?"), "没有命令“{0}”{1}"),
    (re.compile(r"Missing argument '(.+?)'\.?"), "缺少参数 {0}"),
    (re.compile(r"Missing option '(.+?)'\.?"), "缺少选项 {0}"),
    (re.compile(r"Option '(.+?)' requires an argument\.?"), "选项 {0} 后面需要一个值"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "多余的参数：{0}"),
    (re.compile(rf"Invalid value for {_OPT}: '(.+?)' is not one of (.+)\."), "{0} 的值“{1}”无效，可选：{2}"),
    (re.compile(rf"Invalid value for {_OPT}: '(.+?)' is not a valid integer(?: range)?\.?"), "{0} 的值“{1}”应为整数"),
    (re.compile(rf"Invalid value for {_OPT}: '(.+?)' is not a valid float(?: range)?\.?"), "{0} 的值“{1}”应为数字"),
    (re.compile(rf"Invalid value for {_OPT}: (\S+) is not in the range (\S+?)<=x<=(\S+?)\.?$"),
     "{0} 的值 {1} 超出范围，应在 {2} 到 {3} 之间"),
    (re.compile(rf"Invalid value for {_OPT}: (\S+) is not in the range x>=(\S+?)\.?$"), "{0} 的值 {1} 太小，应不小于 {2}"),
    (re.compile(rf"Invalid value for {_OPT}: (\S+) is not in the range x<=(\S+?)\.?$"), "{0} 的值 {1} 太大，应不大于 {2}"),
    (re.compile(rf"Invalid value for {_OPT}: File '(.+?)' is a directory\.?"), "{0} 的值“{1}”是一个文件夹，应给出文件名"),
    (re.compile(rf"Invalid value for {_OPT}: Directory '(.+?)' is a file\.?"), "{0} 的值“{1}”是一个文件，应给出文件夹"),
    (re.compile(rf"Invalid value for {_OPT}: (?:File|Path|Directory) '(.+?)' does not exist\.?"),
     "{0} 的值“{1}”：找不到该文件或文件夹"),
    (re.compile(rf"Invalid value for {_OPT}: (.+)"), "{0} 的值无效：{1}"),
)


def usage_error_message(error: click.UsageError) -> str:
    """One Chinese line for a click usage error, with how to get help."""
    text = error.format_message()
    for pattern, template in _ERRORS:
        match = pattern.search(text)
        if match:
            groups = [g or "" for g in match.groups()]
            if text.startswith("Invalid value for"):
                groups[0] = groups[0].replace("'", "")
            if template.startswith("没有") and groups[1]:
                groups[1] = f"（是否应为 {groups[1]}？）"
            text = template.format(*groups)
            break
    command = error.ctx.command_path if error.ctx else "drafter"
    return f"错误：{text.rstrip('。.')}。运行“{command} -h”查看用法。"
