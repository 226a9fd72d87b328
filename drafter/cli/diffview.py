"""Rich views of a year-over-year diff for the terminal: summary, figure deltas, and the text changes part by part.

Only the CLI calls these (rich is imported lazily there); each takes a console to print on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.diff import Diff
from drafter.diff.deltas import Delta
from drafter.diff.prose import PartDiff
from drafter.figures import labels as L
from drafter.findings import Finding, summarize
from drafter.numbers import format_figure
from drafter.similarity import Op, char_changes

if TYPE_CHECKING:
    from rich.console import JustifyMethod


def _side(info: dict[str, Any]) -> str:
    agency = info.get("agency") or "（未读到机关名称）"
    year = f"{info['year']}年" if info.get("year") else "（年度不明）"
    return f"{agency} {year}"


def print_summary(diff: Diff, out: Any) -> None:
    """The summary first: who against whom, share of text unchanged, figures changed, findings by severity."""
    from rich.panel import Panel

    overview = diff.overview()
    counts = summarize(diff.findings)
    share = overview["unchanged_share"]
    lines = [f"上年：{_side(overview['previous'])}    本年：{_side(overview['current'])}"]
    if diff.same:
        lines.append("两份文件内容相同，未逐项比较")
    else:
        lines.append("正文：" + ("没有可比的正文" if share is None else f"本年正文 {share:.0%} 与上年逐字相同"))
    if overview["figures_compared"]:
        text = f"数字：比较 {overview['figures_compared']} 项，变化 {overview['figures_changed']} 项"
        if not overview["table2_comparable"]:
            text += "（表二格式不同，未比较）"
        lines.append(text)
    lines.append(f"发现：[red]{counts['error']} 个错误[/red]，[yellow]{counts['warning']} 个警告[/yellow]，"
                 f"[cyan]{counts['info']} 个提示[/cyan]")
    from rich.text import Text

    from drafter.cli.wrapping import wrap_styled

    body = wrap_styled(Text.from_markup("\n".join(lines)), max(out.width - 4, 20))
    out.print(Panel(body, title="与上年报告对比", expand=False))


def print_crossyear(diff: Diff, out: Any) -> None:
    """The cells each cross-year break involves, of both years, side by side with the rule."""
    from rich.table import Table

    rows = [(f, cell) for f in diff.findings for cell in _cells(f)]
    if not rows:
        return
    table = Table(title="跨年衔接涉及的单元格", title_justify="left", pad_edge=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (("规则", "left"), ("年度", "left"), ("单元格", "left"),
                                                     ("数值", "right"))
    for name, justify in columns:
        table.add_column(name, justify=justify)
    for finding, cell in rows:
        table.add_row(finding.rule, f"{cell['year']}年", cell["location"], _number(cell["value"]))
    out.print(table)


def _cells(finding: Finding) -> list[dict[str, Any]]:
    """The cells a cross-year finding of the diff lists (diff.compare puts them in its extra)."""
    cells = finding.extra.get("cells", [])
    return cells if isinstance(cells, list) else []


def _row_name(delta: Delta) -> str:
    if delta.table == L.TABLE3:
        return L.t3_row_name(delta.row)
    if delta.table == L.TABLE4:
        return dict((rid, name) for _, rid, name in L.T4_BLOCKS).get(delta.row, delta.row)
    return delta.row


def _number(value: int | float | None) -> str:
    return "—" if value is None else format_figure(value)


def print_deltas(diff: Diff, out: Any) -> None:
    """Every figure that changed: last year, this year, the change and the change in per cent.

    Grouped by table row: the row's name on a line of its own (a 表三 row name alone is 16 characters), then one
    line per changed column with the four numbers, so that nothing wraps at 80 columns.
    """
    from rich.text import Text

    from drafter.cli.wrapping import cell_width, wrap

    if not diff.deltas:
        out.print("[bold]数字变化[/bold]：" + ("两年数字相同" if diff.compared else "没有可比的统计表"))
        return
    heads = ("上年", "本年", "增减", "幅度")
    lines = []
    for d in diff.deltas:
        change = "—" if d.change is None else (("+" if d.change > 0 else "") + format_figure(d.change))
        style = "green" if d.change and d.change > 0 else ("red" if d.change and d.change < 0 else "")
        percent = "—" if d.percent is None else f"{d.percent:+.1f}%"
        lines.append((f"{d.table} {_row_name(d)}", d.column, (_number(d.before), _number(d.after), change, percent),
                      style))
    widths = [max(cell_width(head), *(cell_width(values[k]) for _, _, values, _ in lines)) + 2
              for k, head in enumerate(heads)]
    label_width = max(out.width - sum(widths), 12)

    def row(label: str, values: tuple[str, ...], style: str = "", label_style: str = "") -> Any:
        text = Text(label + " " * (label_width - cell_width(label)), style=label_style)
        for k, (value, width) in enumerate(zip(values, widths, strict=True)):
            text.append(" " * (width - cell_width(value)) + value, style=style if k == 2 else "")
        return text

    out.print(Text("数字变化", style="bold"))
    out.print(row("项目", heads, label_style="bold"), Text(""), sep="")
    current = None
    for name, column, values, style in lines:
        if name != current:
            for part in wrap(name, out.width):
                out.print(Text(part, style="bold"))
            current = name
        labels = wrap(column, label_width - 2)
        out.print(row("  " + labels[0], values, style))
        for more in labels[1:]:
            out.print("  " + more)


def _highlight(old: str, new: str) -> tuple[Any, Any]:
    """Both sentences with the characters that differ marked."""
    from rich.text import Text

    before, after = Text(), Text()
    for op, chunk in char_changes(old, new):
        if op is Op.EQUAL:
            before.append(chunk)
            after.append(chunk)
        elif op is Op.DELETED:
            before.append(chunk, style="bold red on #3a0000 strike")
        else:
            after.append(chunk, style="bold green on #003a00")
    return before, after


def _part_heading(part: PartDiff) -> str:
    numeral = part.numeral
    title = part.title_after or part.title_before or L.SECTION_TITLES[numeral]
    text = f"[bold]{numeral}、{title}[/bold]  相似度 {part.similarity:.0%}，逐字相同 {part.unchanged_share:.0%}"
    if part.title_before and part.title_after and part.title_before != part.title_after:
        text += f"  [yellow]（标题由“{part.title_before}”改为“{part.title_after}”）[/yellow]"
    return text


def _marked(sign: str, style: str, text: Any, width: int) -> Any:
    """A sentence after its − or + sign, wrapped under itself between Chinese characters (never in a number)."""
    from rich.table import Table

    from drafter.cli.wrapping import wrap_styled

    line = Table.grid(padding=(0, 1))
    line.add_column(width=3, justify="right")
    line.add_column(width=max(width - 4, 10), overflow="fold")
    line.add_row(f"[{style}]{sign}[/{style}]", wrap_styled(text, max(width - 4, 10)))
    return line


def print_text_changes(diff: Diff, out: Any, *, side_by_side: bool = False) -> None:
    """The parts' changed sentences, unified (− last year, + this year) or side by side."""
    from rich.table import Table
    from rich.text import Text

    if not diff.parts:
        out.print("[bold]文字改动[/bold]：两份文件都没有正文（figures 文件只含数字）")
        return
    from drafter.cli.wrapping import wrap_styled

    half = max((out.width - 5) // 2, 10)
    out.print("[bold]文字改动[/bold]")
    for part in diff.parts:
        if not part.pairs:
            title = part.title_after or part.title_before or L.SECTION_TITLES[part.numeral]
            out.print(f"[bold]{part.numeral}、{title}[/bold]  [dim]（两年均无正文）[/dim]")
            continue
        out.print(wrap_styled(Text.from_markup(_part_heading(part)), out.width))
        changes = [p for p in part.pairs if p.op is not Op.EQUAL]
        if not changes:
            out.print("  [dim]（与上年相同）[/dim]" if part.chars else "  [dim]（无正文）[/dim]")
            continue
        grid = Table(show_header=True, pad_edge=False, show_lines=True) if side_by_side else None
        if grid is not None:  # three borders and one space either side of the middle one: 5 columns
            grid.add_column("上年", width=half, overflow="fold")
            grid.add_column("本年", width=half, overflow="fold")
        kept = 0
        for pair in part.pairs:
            if pair.op is Op.EQUAL:
                kept += 1
                continue
            if kept and grid is None:
                out.print(f"  [dim]…… {kept} 句未改动 ……[/dim]")
            kept = 0
            if pair.op is Op.CHANGED:
                before, after = _highlight(pair.old, pair.new)
            else:
                before = Text(pair.old, style="red") if pair.old else Text("")
                after = Text(pair.new, style="green") if pair.new else Text("")
            if grid is not None:
                grid.add_row(wrap_styled(before, half), wrap_styled(after, half))
                continue
            if pair.old:
                out.print(_marked("−", "red", before, out.width))
            if pair.new:
                out.print(_marked("+", "green", after, out.width))
        if grid is not None:
            out.print(grid)
        elif kept:
            out.print(f"  [dim]…… {kept} 句未改动 ……[/dim]")
