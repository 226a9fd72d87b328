"""``drafter logs``: the latest LLM calls — time, model, tokens, latency, outcome (never a key or a prompt)."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from drafter.cli.common import FORMAT_OPTION, console, emit_json, guarded

if TYPE_CHECKING:
    from rich.console import JustifyMethod

OUTCOMES = {
    "ok": "成功", "no_key": "未设置 key", "auth": "认证失败", "balance": "余额不足", "rate_limit": "限流",
    "moderation": "内容审核拦截", "timeout": "超时", "connection": "连接失败", "truncated": "回答被截断",
    "empty": "空回答", "garbage": "应答无效", "server": "服务端出错", "not_found": "模型不存在", "bad_request": "请求被拒",
    "incomplete": "回答不完整", "not_api": "不是大模型接口", "bad_key": "key 无效",
}


@click.command("logs", help="查看最近的大模型调用记录：时间、模型、tokens、耗时、结果（不记录 API key 和正文）。")
@click.option("-n", "count", type=click.IntRange(min=1), default=20, show_default=True, help="显示最近多少次调用")
@FORMAT_OPTION
@guarded
def logs(count: int, fmt: str) -> None:
    """drafter logs 命令。"""
    from drafter.llm.calllog import CallLog
    from drafter.llm.settings import drafter_home

    home = drafter_home(os.environ)
    if home.exists() and not home.is_dir():
        from drafter.errors import InputError

        raise InputError("drafter 的数据目录应是文件夹，这里却是一个文件", path=home,
                         hint="请把环境变量 DRAFTER_HOME 设为一个文件夹，或取消该设置")
    log = CallLog.in_home(home)
    calls = log.latest(count)
    if fmt == "json":
        emit_json({"calls": calls, "log": str(log.path)})
        return
    out = console()
    if not calls:
        out.print("尚无大模型调用记录（离线引擎不调用大模型）。")
        return
    out.print(_table(calls))
    prompt = sum(c["prompt_tokens"] or 0 for c in calls)
    completion = sum(c["completion_tokens"] or 0 for c in calls)
    unknown = sum(1 for c in calls if c["prompt_tokens"] is None and not c["cached"])
    note = f"（另有 {unknown} 次调用服务未报告用量）" if unknown else ""
    out.print(f"最近 {len(calls)} 次调用共用输入 {prompt} tokens、输出 {completion} tokens{note}。")
    out.print(f"[dim]记录文件：{log.path}[/dim]")


def _table(calls: list[dict[str, Any]]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("时间", "left"), ("模型", "left"), ("服务", "left"), ("输入", "right"), ("输出", "right"), ("耗时", "right"),
        ("结果", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)
    for call in reversed(calls):  # oldest first, so the newest is next to the prompt
        outcome = "缓存命中" if call["cached"] else OUTCOMES.get(call["outcome"], call["outcome"])
        style = "green" if call["outcome"] == "ok" else "red"
        if call["attempts"] > 1:
            outcome += f"（{call['attempts']} 次）"
        table.add_row(_local(call["time"]), call["model"], call["host"] or "", _tokens(call["prompt_tokens"]),
                      _tokens(call["completion_tokens"]), f"{call['latency_ms'] / 1000:.1f} 秒",
                      f"[{style}]{outcome}[/{style}]")
    return table


def _tokens(value: int | None) -> str:
    return "未报告" if value is None else str(value)


def _local(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%m-%d %H:%M:%S")
    except ValueError:
        return stamp
