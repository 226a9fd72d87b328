"""drafter's command line: a thin layer that parses options, calls the core and shows the result.

Commands live in their own modules and are imported only when run, so ``drafter --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os

import click

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
    "logs": ("drafter.cli.logs", "logs", "查看最近的大模型调用记录"),
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            return _not_yet(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, _, help_) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


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
def main() -> None:
    """drafter 命令行入口。"""
