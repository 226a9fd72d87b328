"""The live view of ``draft`` in a terminal: a spinner until the first token, then the latest lines."""

from __future__ import annotations

from rich.console import Console

from drafter.cli.drafting_ui import StreamView


def _render(view: StreamView) -> str:
    console = Console(record=True, width=60, color_system=None)
    console.print(view)
    return console.export_text()


def test_spinner_before_the_first_token_then_text():
    view = StreamView(("一", "五"))
    first = _render(view)
    assert "一、总体情况" in first and "五、存在的主要问题及改进情况" in first
    assert first.count("正在起草") == 2
    view.token("一", "2021年，我局依法")
    view.token("一", "做好政府信息公开工作。")
    second = _render(view)
    assert "2021年，我局依法做好政府信息公开工作。" in second
    assert second.count("正在起草") == 1  # part 五 still waiting


def test_only_the_latest_lines_are_shown_and_a_repair_starts_over():
    view = StreamView(("一",))
    view.token("一", "\n".join(f"第{i}行" for i in range(1, 31)))
    shown = _render(view)
    assert "第30行" in shown and "第1行 " not in shown and "第9行" not in shown
    view.event("一", "核对发现 1 处错误，第 1 轮修改……")
    again = _render(view)
    assert "第30行" not in again and "第 1 轮修改" in again
