"""``drafter config path|show``: where drafter's config file is, and what it says (never a key in full)."""

from __future__ import annotations

import os
import sys

import click

from drafter.cli.common import guarded


@click.group("config", help="查看配置文件：drafter config path 显示配置文件的位置，drafter config show 显示其内容"
                            "（密钥只显示末 4 位）。\n\n"
                            "配置文件为 DRAFTER_HOME 目录下的 config.toml（或 config.yaml）；未设置 DRAFTER_HOME 时，"
                            "Linux/macOS 为 ~/.config/drafter，Windows 为 %APPDATA%\\drafter。\n\n"
                            "退出码：0 成功，2 配置文件无法使用。")
def config() -> None:
    """drafter's config file."""


@config.command("path", help="显示配置文件的路径（文件尚不存在时显示应放置的位置）。\n\n退出码：0 成功。")
@guarded
def path() -> None:
    from drafter.llm.settings import CONFIG_NAMES, drafter_home, find_config

    found = find_config(os.environ)
    if found is not None:
        click.echo(str(found))
        return
    click.echo(str(drafter_home(os.environ) / CONFIG_NAMES[0]))
    click.echo("（该文件尚不存在；创建后即生效，写法见 docs/llm.md）", err=True)


@config.command("show", help="显示配置文件的内容（已检查格式；密钥只显示末 4 位）。\n\n"
                             "退出码：0 成功，2 配置文件无法使用。")
@guarded
def show() -> None:
    from drafter.llm.settings import drafter_home, find_config, read_config

    found = find_config(os.environ)
    if found is None:
        click.echo(f"没有配置文件（可放在 {drafter_home(os.environ)} 下，命名为 config.toml）。", err=True)
        return
    click.echo(f"# {found}")
    for key, value in read_config(found).items():
        shown = _masked(key, value)
        click.echo(f"{key} = {shown}")
    sys.stdout.flush()


def _masked(key: str, value: object) -> str:
    """A value as shown: anything that looks like a secret only by its last four characters."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_masked(k, v)}" for k, v in value.items()) + "}"
    text = str(value)
    if key in ("base_url", "proxy") and isinstance(value, str):
        from drafter.llm.settings import safe_url

        return repr(safe_url(value))  # never a password or a token in the query
    if any(word in key.lower() for word in ("key", "token", "secret", "password")) and len(text) > 4:
        return "…" + text[-4:]
    return repr(value) if isinstance(value, str) else text
