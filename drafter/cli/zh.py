"""Chinese for the parts of click's output that click itself writes: usage, section headings, usage errors."""

from __future__ import annotations

import re
from collections.abc import Iterable

import click

from drafter.cli.wrapping import cell_width, wrap

_SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
# click's placeholders for an option's value, and the English ones drafter's options use.
_METAVARS = {"INTEGER RANGE": "整数", "FLOAT RANGE": "数字", "INTEGER": "整数", "FLOAT": "数字", "TEXT": "文字",
             "FILE": "文件", "FILENAME": "文件", "PATH": "路径", "DIRECTORY": "文件夹", "DIR": "文件夹",
             "URL": "网址", "MODEL": "模型", "BOOLEAN": "是或否", "FIGURES": "数据文件", "PREVIOUS": "上年文件",
             "REPORT": "报告文件"}
_NOTE = re.compile(r"(.*?)\s*(\[[^\[\]]*\])?$", re.S)
_METAVAR = re.compile(r"(?<= )([A-Z][A-Z ]*[A-Z])$")
# click's notation for a range, “[default: 4; 1<=x<=32]”, in words.
_RANGES = ((re.compile(r"(-?[\d.]+)<=x<=(-?[\d.]+)"), r"范围 \1–\2"),
           (re.compile(r"(-?[\d.]+)<x<(-?[\d.]+)"), r"大于 \1 且小于 \2"),
           (re.compile(r"x>=(-?[\d.]+)"), r"不小于 \1"), (re.compile(r"x<=(-?[\d.]+)"), r"不大于 \1"),
           (re.compile(r"x>(-?[\d.]+)"), r"大于 \1"), (re.compile(r"x<(-?[\d.]+)"), r"小于 \1"))
_PHRASES = {
    "Show this message and exit.": "显示本帮助并退出",
    "Show the version and exit.": "显示版本号并退出",
    "[default: ": "[默认：",
    "[required]": "[必填]",
}


class ZhFormatter(click.HelpFormatter):
    """click's help formatter in Chinese: headings, placeholders, ranges, and lines wrapped between Chinese
    characters (click wraps only at spaces, leaving ragged lines and a lone “。”); examples one per line."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."),
                            prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_SECTIONS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        lines: list[str] = []
        for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
            if lines:
                lines.append("")
            if paragraph.startswith("\b"):  # click's mark for a paragraph printed as written
                lines.extend(indent + line for line in paragraph[1:].strip("\n").splitlines())
            elif paragraph.startswith("示例："):
                lines.append(indent + "示例：")
                for command in (c.strip() for c in paragraph[3:].split("；")):
                    if command:
                        lines.extend(indent + line for line in _command_lines(command, width - 2))
            else:
                joined = " ".join(line.strip() for line in paragraph.splitlines())
                lines.extend(indent + line for line in wrap(joined, width))
        self.write("\n".join(lines) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_placeholder(term), _translate(text)) for term, text in rows]
        if not rows:
            return
        # A term much longer than the others (“--section [overview|problems|all]”) gets a line of its own
        # instead of widening the first column for all: at 80 columns the text keeps 50 columns.
        widths = [cell_width(term) for term, _ in rows]
        short = [w for w in widths if w <= min(col_max, 24)]
        first_col = (max(short) if short else min(max(widths), col_max)) + col_spacing
        text_width = max(self.width - first_col - self.current_indent, 20)
        pad = " " * (first_col + self.current_indent)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if cell_width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_width(term)))
            else:
                self.write("\n" + pad)
            # click's note (“[默认：4；范围 1–32]”) is kept whole, after the text or on a line of its own.
            main, note = _NOTE.match(text).groups()  # type: ignore[union-attr]
            lines = wrap(main, text_width) if main else []
            if note and lines and cell_width(lines[-1]) + 2 + cell_width(note) <= text_width:
                lines[-1] += "  " + note
            elif note:
                lines.append(note)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(pad + line + "\n")


def _command_lines(command: str, width: int) -> list[str]:
    """An example command on its own line, or broken at spaces with its continuation indented."""
    if cell_width(command) <= width:
        return ["  " + command]
    lines: list[str] = []
    line = ""
    for word in command.split(" "):
        if line and cell_width(line) + 1 + cell_width(word) > width - (4 if lines else 0):
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ["  " + lines[0]] + ["      " + more for more in lines[1:]]


def _placeholder(term: str) -> str:
    """An option's English placeholder (FILE, INTEGER RANGE) in Chinese."""
    if not term.startswith("-"):
        return term
    return _METAVAR.sub(lambda m: _METAVARS.get(m.group(1), m.group(1)), term)


def _translate(text: str) -> str:
    for english, chinese in _PHRASES.items():
        text = text.replace(english, chinese)
    if "<" in text or ">" in text:
        for pattern, words in _RANGES:
            text = pattern.sub(words, text)
    # The bracketed notes click appends: “[默认：4；范围 1–32]”, with a Chinese semicolon.
    return re.sub(r"\[[^\[\]]*\]", lambda m: m.group(0).replace("; ", "；"), text)


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
    return f"错误：{text}。运行“{command} -h”查看用法。"


def ask_number(question: str, count: int, default: int = 1) -> int:
    """Ask for a number from 1 to ``count`` in Chinese, asking again (in Chinese) until the answer is one."""
    while True:
        answer = click.prompt(f"{question}（1–{count}，直接回车选 {default}）", default=str(default),
                              show_default=False, prompt_suffix="：").strip()
        answer = answer.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer)
        click.echo(f"请输入 1 到 {count} 之间的数字。", err=True)
