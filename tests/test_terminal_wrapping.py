"""Chinese text in the terminal: wrapped by display width, never inside a number, never loosening a number from
its words; the findings view, the diff's figure table and side-by-side text at 80 columns."""

from __future__ import annotations

import io
import re

import pytest
from render_fixtures import SECTIONS_2023, make_report
from rich.console import Console

from drafter.cli.wrapping import cell_width, wrap, wrap_styled
from drafter.diff import diff_reports
from drafter.figures import labels as L

# Written for these tests (not taken from any report).
TEXT = ("全年主动公开政府信息180条，其中本年制发件数 2 件、现行有效件数 1,234 件；收费金额7730.28万元，"
        "同比增长+352.4%。依申请公开方面，共办理申请（含上年结转）36件，详见 drafter check 的汇总表，"
        "网址 https://www.example.gov.cn/zwgk/index.html 可查。")
NUMBERS = re.findall(r"[+]?\d[\d,.]*%?", TEXT)
CLOSING = "，。、；：？！）》”"
OPENING = "（《“"


@pytest.mark.parametrize("width", range(12, 81, 1))
def test_wrap_by_display_width_never_inside_a_number(width: int) -> None:
    lines = wrap(TEXT, width)
    assert all(cell_width(line) <= width for line in lines), [(cell_width(x), x) for x in lines]
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")  # only spaces at the breaks are left out
    text = "\n".join(lines)
    for number in NUMBERS:
        if "https" not in number:
            assert number in text, f"{number} split at {width} columns"
    for a, b in zip(lines, lines[1:], strict=False):
        if width >= 20:  # narrower, “数 1,234 件；” alone is wider than a line and opens at its spaces
            assert not (a[-1].isdigit() or b[0].isdigit()), f"number loose from its words: {a!r} / {b!r}"
        assert b[0] not in CLOSING and a[-1] not in OPENING, (a, b)
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)


def test_wrap_keeps_a_number_with_its_label_and_unit() -> None:
    assert wrap("本年制发件数 2 件，本年废止件数 180 件", 14) == ["本年制发件", "数 2 件，本年", "废止件", "数 180 件"]
    assert wrap("分为 3 小项", 9) == ["分为 3 小", "项"]
    assert wrap("第一行\n第二行很长很长", 8) == ["第一行", "第二行很", "长很长"]
    assert wrap("", 10) == [""]


def test_wrap_styled_keeps_styles() -> None:
    from rich.text import Text

    text = Text("对政府网站定期检查")
    text.append("180次", style="bold red")
    text.append("，并及时整改。")
    wrapped = wrap_styled(text, 12)
    assert any("180次，" in line for line in wrapped.plain.split("\n"))
    start = wrapped.plain.index("180")
    assert [(s.start, s.end, str(s.style)) for s in wrapped.spans] == [(start, start + 4, "bold red")]


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, highlight=False, soft_wrap=False, color_system=None)


def _screen(console: Console) -> list[str]:
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_findings_view_wraps_chinese_and_keeps_numbers() -> None:
    from drafter.cli.common import print_findings
    from drafter.findings import Finding, Severity

    message = ("正文称本年收到的申请17件，表三“一、本年新收政府信息公开申请数量”（总计）为95；句中所说的可能只是"
               "本级机关的数字，而表格是汇总数，2021 年格式将其分为 3 小项，请核对口径")
    finding = Finding("prose.table_mismatch", Severity.WARNING, message, location="表三/一/总计",
                      quote="全年共受理政府信息公开申请180件，均已在法定期限内予以答复。")
    for width in range(60, 101):
        out = _console(width)
        print_findings([finding], out=out)
        lines = _screen(out)
        assert all(cell_width(line) <= width for line in lines)
        body = "\n".join(line[5:] for line in lines)
        for number in ("17件", "为95；", "2021 年", "为 3 小", "180件"):
            assert number in body, (width, number, lines)


def _diff():
    sections = dict(SECTIONS_2023)
    sections["一"] = (sections["一"].replace("2023年，", "2024年，").replace("133条", "180条")
                      + "全年共组织政务公开培训12次，参训人员达1,250人次，较上年增长百分之二十。")
    return diff_reports(make_report(2023), make_report(2024, sections=sections, carried=2, new_natural=180))


def test_diff_figure_table_fits_80_columns() -> None:
    from drafter.cli.diffview import print_deltas

    out = _console(80)
    print_deltas(_diff(), out)
    lines = _screen(out)
    assert all(cell_width(line) <= 80 for line in lines)
    assert f"表三 {L.T3_NEW}" in lines  # the row's name on one line, not over three
    values = [line for line in lines if line.startswith("  自然人")]
    assert values and all(line.split()[1:3] == ["5", "180"] for line in values[:1])


@pytest.mark.parametrize("side_by_side", [True, False])
def test_diff_text_never_splits_a_number(side_by_side: bool) -> None:
    from drafter.cli.diffview import print_text_changes

    for width in range(60, 121, 3):
        out = _console(width)
        print_text_changes(_diff(), out, side_by_side=side_by_side)
        lines = _screen(out)
        assert all(cell_width(line) <= width for line in lines), width
        screen = "\n".join(lines)
        for number in ("180条", "训12次", "达1,250人"):
            assert number in screen, (width, number)
