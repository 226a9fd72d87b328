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


def test_at_80_by_24_both_panels_fit_and_no_markdown_shows():
    view = StreamView(("一", "五", "六"))  # 六 is written from the figures: no panel
    view.token("一", "\n".join(f"## **第{i}行** 我局认真做好政府信息公开工作，规范发布流程，做好审核。" for i in range(40)))
    view.token("五", "```markdown\n- （一）存在的主要问题\n" + "一是公开不够及时。" * 30)
    console = Console(record=True, width=80, height=24, color_system=None)
    console.print(view)
    shown = console.export_text()
    lines = shown.rstrip("\n").split("\n")
    assert len(lines) <= 24, len(lines)
    assert "一、总体情况" in shown and "五、存在的主要问题及改进情况" in shown and "六、" not in shown
    assert "第39行" in shown and "一是公开不够及时" in shown
    assert "**" not in shown and "##" not in shown and "```" not in shown and "- （一）" not in shown
    assert all(len(line) <= 80 for line in lines)


def test_notes_during_the_live_view_go_into_the_panels_and_after_it():
    from drafter.llm import Usage

    view = StreamView(("一", "五"))
    view.token("一", "2021年，我局")
    view.retry("一", "服务中断了回答，1.0 秒后第 1 次重试……")
    view.usage("五", Usage(prompt_tokens=10, completion_tokens=20, calls=1), False)
    view.usage("一", Usage(calls=1, unreported=1), False)
    view.wait("五", "waiting")
    shown = _render(view)
    assert "第 1 次重试" in shown and "2021年，我局" not in shown  # the broken attempt's text is gone
    assert "等待中" in shown
    view.token("一", "2021年，")
    assert "已重试 1 次" in _render(view) and "秒后第 1 次重试" not in _render(view)
    assert view.after == ["［一］服务中断了回答，1.0 秒后第 1 次重试……", "［五］本次调用：输入 10 tokens，输出 20 tokens。",
                          "［一］本次调用：服务未报告用量（tokens 数不详）。"]
