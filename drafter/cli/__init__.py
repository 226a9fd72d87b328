"""drafter's command line: a thin layer that parses options, calls the core and shows the result.

Commands live in their own modules and are imported only when run, so ``drafter --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from drafter.cli.zh import ZhContext, usage_error_message

# pydantic scans installed packages for plugins at import; drafter uses none, and the scan costs start-up time.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# name → (module, function, one-line help in Chinese)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("drafter.cli.init", "init", "生成待填写的 figures 文件（可从上年报告带入数据）"),
    "validate": ("drafter.cli.validate", "validate", "检查 figures 文件的格式与表格勾稽关系"),
    "draft": ("drafter.cli.draft", "draft", "起草“总体情况”和“存在的主要问题及改进情况”"),
    "regenerate": ("drafter.cli.regenerate", "regenerate", "重新生成报告的某一部分，其余内容不变"),
    "check": ("drafter.cli.check", "check", "审核报告：表格、正文数字、年份、结构、与上年雷同"),
    "diff": ("drafter.cli.diff", "diff", "与上年报告对比：数字变化、文字改动、照搬内容"),
    "import": ("drafter.cli.import_", "import_report", "读入已发布的报告（文本、HTML、DOCX、PDF）"),
    "render": ("drafter.cli.render", "render", "生成完整报告（Markdown、Word、HTML）"),
    "aggregate": ("drafter.cli.aggregate", "aggregate", "汇总各部门报告的统计表，得到本级政府的 figures 文件"),
    "logs": ("drafter.cli.logs", "logs", "查看最近的大模型调用记录"),
    "config": ("drafter.cli.config", "config", "查看配置文件的位置和内容"),
}

# What each command's exit code means (docs/CLI.md), added to its help when the help does not say it already.
_EXIT_ALL = "退出码：0 无错误；1 发现错误；2 输入文件无法使用；3 大模型服务出错。"
_EXIT_CHECK = "退出码：0 无错误；1 发现错误；2 输入文件无法使用。"
_EXIT_WRITE = "退出码：0 成功；2 输入文件无法使用。"
EXIT_CODES: dict[str, str] = {
    "init": _EXIT_WRITE, "validate": _EXIT_CHECK, "draft": _EXIT_ALL, "regenerate": _EXIT_ALL,
    "check": _EXIT_CHECK, "diff": _EXIT_CHECK, "import": _EXIT_CHECK, "render": _EXIT_WRITE,
    "aggregate": _EXIT_CHECK, "logs": _EXIT_WRITE, "config": _EXIT_WRITE,
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (and speak Chinese in their help)."""

    context_class = ZhContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            command = getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            command = _not_yet(name)
        _speak_chinese(command)
        _say_exit_codes(command, EXIT_CODES.get(name, _EXIT_ALL))
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            guess = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            raise click.UsageError(f"No such command '{name}'.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


def _speak_chinese(command: click.Command) -> None:
    command.context_class = ZhContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _speak_chinese(sub)


def _say_exit_codes(command: click.Command, text: str) -> None:
    """Add the exit codes to a command's help (and its subcommands'), unless the help states them already."""
    if "退出码" not in (command.help or "") and not command.epilog:
        command.epilog = text
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _say_exit_codes(sub, text)


def _not_yet(name: str) -> click.Command:
    @click.command(name, help=COMMANDS[name][2], context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args: tuple[str, ...]) -> None:
        click.echo(f"drafter {name}：此命令尚未提供。", err=True)
        raise SystemExit(2)

    return command


@click.group(cls=LazyGroup, context_settings=CONTEXT,
             help="drafter：政府信息公开工作年度报告的起草与审核工具。\n\n"
                  "示例：drafter init --from 上年报告.docx -o figures.yaml；drafter validate figures.yaml；"
                  "drafter draft figures.yaml -o 报告.docx；drafter check 报告.docx --previous 上年报告.html\n\n"
                  "输入文件写 - 表示从标准输入读取，-o - 表示输出到屏幕（标准输出）。\n\n"
                  "配置文件：DRAFTER_HOME 目录下的 config.toml；未设置 DRAFTER_HOME 时，Linux/macOS 为 "
                  "~/.config/drafter/config.toml，Windows 为 %APPDATA%\\drafter\\config.toml"
                  "（drafter config path 显示实际位置）。\n\n"
                  "命令补全：eval \"$(_DRAFTER_COMPLETE=bash_source drafter)\"（zsh 用 zsh_source，fish 用 fish_source）。",
             epilog=_EXIT_ALL)
@click.version_option(package_name="drafter", message="drafter %(version)s", help="显示版本号")
@click.option("-q", "--quiet", is_flag=True, help="安静模式：不显示提示和进度，只输出结果和错误")
def cli(quiet: bool) -> None:
    """drafter 命令行入口。"""
    if quiet:
        sys.stderr = QuietStream(sys.stderr)


class QuietStream:
    """stderr for ``--quiet``: notes and progress are dropped; an error (from its “错误” line on) gets through."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.passing = False
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.passing = self.passing or line.lstrip().startswith(("错误", "Traceback"))
            if self.passing:
                self.stream.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        if self.passing and self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; usage errors get one Chinese line and exit code 2 (docs/CLI.md)."""
    try:
        cli.main(args=argv, prog_name="drafter", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        # A bare ``drafter`` (or ``drafter regenerate``) asks what there is: the help, not an error.
        click.echo(error.ctx.get_help())
        sys.exit(0)
    except click.UsageError as error:
        click.echo(usage_error_message(error), err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(130)
    except click.ClickException as error:
        click.echo(f"错误：{error.format_message()}", err=True)
        sys.exit(error.exit_code)
