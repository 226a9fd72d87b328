"""HTML rendering: one self-contained page, semantic tables with the official merged headers, print CSS."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from render_fixtures import make_report

from drafter.figures import labels as L
from drafter.render import render_report


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(make_report(), "html")


def test_self_contained_page(page: str) -> None:
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "zh-CN"
    assert tree.findtext(".//title") == "测试市测试局2023年政府信息公开工作年度报告"
    assert tree.findtext(".//h1") == "测试市测试局2023年政府信息公开工作年度报告"
    assert [h.text_content() for h in tree.iter("h2")][4] == "五、存在的主要问题及改进情况"
    # nothing fetched from elsewhere: no stylesheet links, scripts or images
    assert not tree.xpath("//link | //script | //img")
    style = tree.findtext(".//style")
    assert "@page" in style and "A4" in style and "@media print" in style
    assert 'content: "— " counter(page) " —"' in style  # page numbers where the printer supports margin boxes


def test_table3_merged_layout(page: str) -> None:
    tree = lxml_html.fromstring(page)
    tables = tree.xpath("//table")
    assert len(tables) == 3
    t3 = tables[1]
    corner = t3.xpath(".//thead/tr[1]/th[1]")[0]
    assert corner.text_content() == L.T3_CORNER
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    assert t3.xpath(".//thead/tr[1]/th[2]")[0].get("colspan") == "7"
    legal = t3.xpath(".//th[.='法人或其他组织']")[0]
    assert legal.get("colspan") == "5"
    results = t3.xpath(".//th[.='三、本年度办理结果']")[0]
    assert results.get("rowspan") == "22" and results.get("scope") == "row"
    assert t3.xpath(".//th[.='（三）不予公开']")[0].get("rowspan") == "8"
    assert t3.xpath(".//th[.='（六）其他处理']")[0].get("rowspan") == "3"
    new_row = t3.xpath(f".//tr[th='{L.T3_NEW}']")[0]
    assert [td.text_content() for td in new_row.xpath("td")] == ["5", "2", "0", "0", "0", "0", "7"]


def test_table4_two_header_levels(page: str) -> None:
    t4 = lxml_html.fromstring(page).xpath("//table")[2]
    assert t4.xpath(".//th[.='行政复议']")[0].get("colspan") == "5"
    assert t4.xpath(".//th[.='行政诉讼']")[0].get("colspan") == "10"
    assert t4.xpath(".//th[.='未经复议直接起诉']")[0].get("colspan") == "5"
    numbers = [td.text_content() for td in t4.xpath(".//tbody//td")]
    assert numbers == ["1", "0", "2", "0", "3", "", "", "", "", "", "0", "3", "0", "0", "3"]


def test_subheadings_marked_and_text_escaped() -> None:
    report = make_report(sections={"一": "（一）主动公开。公开<政务动态>&通知。", "五": "无", "六": "无"})
    page = render_report(report, "html")
    assert '<span class="sub">（一）主动公开。</span>公开&lt;政务动态&gt;&amp;通知。' in page
