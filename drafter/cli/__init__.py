"""drafter's command line: a thin layer that parses options, calls the core and shows the result.

Commands live in their own modules and are imported only when run, so ``drafter --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys

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
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
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


def _not_yet(name: str) -> click.Command:
    @click.command(name, help=COMMANDS[name][2], context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args: tuple[str, ...]) -> None:
        click.echo(f"drafter {name}：此命令尚未提供。", err=True)
        raise SystemExit(2)

    return command


@click.group(cls=LazyGroup, context_settings=CONTEXT,
             help="drafter：政府信息公开工作年度报告的起草与审核工具。\n\n"
                  "示例：drafter validate figures.yaml；drafter draft figures.yaml -o 报告.md；"
                  "drafter check 报告.docx --previous 上年报告.html")
@click.version_option(package_name="drafter", message="drafter %(version)s", help="显示版本号")
def cli() -> None:
    """drafter 命令行入口。"""


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
