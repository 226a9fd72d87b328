"""Word rendering per GB/T 9704: page, fonts, line spacing, page numbers, and the tables' merged cells."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from render_fixtures import make_report

from drafter.figures import labels as L
from drafter.render import render_report
from drafter.render.docx import title_lines


@pytest.fixture(scope="module")
def document():
    data = render_report(make_report(), "docx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    return Document(io.BytesIO(data))


def _east_asian(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_setup(document) -> None:
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_title_body_and_heading_fonts(document) -> None:
    paragraphs = document.paragraphs
    title = paragraphs[0]
    assert title.text == "测试市测试局\n2023年政府信息公开工作年度报告"
    assert {_east_asian(r) for r in title.runs if r.text.strip()} == {"方正小标宋简体"}
    assert {r.font.size for r in title.runs if r.text.strip()} == {Pt(22)}
    heading = next(p for p in paragraphs if p.text == "一、总体情况")
    assert _east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size == Pt(16)
    sub = next(p for p in paragraphs if p.text.startswith("（一）主动公开。"))
    assert (sub.runs[0].text, _east_asian(sub.runs[0])) == ("（一）主动公开。", "楷体_GB2312")
    assert _east_asian(sub.runs[1]) == "仿宋_GB2312" and sub.runs[1].font.size == Pt(16)
    fmt = sub.paragraph_format
    assert fmt.line_spacing == Pt(28)
    assert sub._p.pPr.ind.get(qn("w:firstLineChars")) == "200"


def test_page_numbers_with_dashes(document) -> None:
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert 'w:instr="PAGE"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
    assert document.settings.odd_and_even_pages_header_footer


def test_tables_merged_in_official_layout(document) -> None:
    assert len(document.tables) == 3
    t3 = document.tables[1]
    assert len(t3.rows) == 3 + 2 + 22 + 1
    top = [c.text for c in t3.rows[0].cells]
    assert top[:3] == [L.T3_CORNER] * 3 and top[3:] == ["申请人情况"] * 7
    assert t3.cell(2, 0).text == L.T3_CORNER  # merged down over the three header rows
    assert [c.text for c in t3.rows[3].cells] == [L.T3_NEW] * 3 + ["5", "2", "0", "0", "0", "0", "7"]
    assert t3.cell(26, 0).text == L.T3_RESULTS and t3.cell(26, 1).text == L.G_TOTAL
    t4 = document.tables[2]
    assert [c.text for c in t4.rows[3].cells] == ["1", "0", "2", "0", "3", "", "", "", "", "", "0", "3", "0", "0", "3"]
    sizes = {r.font.size for row in t4.rows for c in row.cells for p in c.paragraphs for r in p.runs}
    assert sizes == {Pt(9)}  # 小五: 15 number columns fit the portrait page


@pytest.mark.parametrize(("title", "lines"), [
    ("测试市测试局2023年政府信息公开工作年度报告", ["测试市测试局", "2023年政府信息公开工作年度报告"]),
    ("某局2023年政府信息公开工作年度报告", ["某局2023年政府信息公开工作年度报告"]),
])
def test_title_lines(title: str, lines: list[str]) -> None:
    assert title_lines(title) == lines
