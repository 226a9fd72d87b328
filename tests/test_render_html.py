"""HTML rendering: one self-contained page, semantic tables with the official merged headers, print CSS."""

from __future__ import annotations

import shutil
import subprocess

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
    assert tree.find(".//h1").text_content() == "测试市测试局2023年政府信息公开工作年度报告"
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


def test_title_never_breaks_inside_a_word(page: str) -> None:
    h1 = lxml_html.fromstring(page).find(".//h1")
    lines = h1.find_class("line")
    assert [line.text_content() for line in lines] == ["测试市测试局", "2023年政府信息公开工作年度报告"]
    words = [w.text_content() for w in h1.find_class("w")]
    assert words == ["2023年", "政府信息公开", "工作", "年度报告"]
    style = lxml_html.fromstring(page).findtext(".//style")
    assert "h1 .w, td { white-space: nowrap; }" in style and "text-wrap: balance" in style


def test_tables_have_fixed_columns_and_scroll_when_narrow(page: str) -> None:
    tree = lxml_html.fromstring(page)
    style = tree.findtext(".//style")
    assert "table-layout: fixed" in style and "table.t3 { min-width: 36em; }" in style
    assert ".table { overflow-x: auto;" in style
    t3 = tree.xpath("//table[@class='t3']")[0]
    assert t3.getparent().get("class") == "table"
    widths = [float(col.get("style").removeprefix("width:").removesuffix("%")) for col in t3.iter("col")]
    assert len(widths) == 10 and abs(sum(widths) - 100) < 0.1
    assert min(widths[3:]) >= 8  # each number column about 2 characters wide: 商业/企业, not 商/业/企/业


def test_print_keeps_blocks_but_lets_row_groups_break(page: str) -> None:
    tree = lxml_html.fromstring(page)
    style = tree.findtext(".//style")
    printing = style.split("@media print", 1)[1]
    assert "h1, h2, p.keep { break-after: avoid; }" in printing
    assert "tr, tbody.keep, table.t4 { break-inside: avoid; }" in printing
    assert "tr.group { break-inside: auto; }" in printing
    t2, t3, _ = tree.xpath("//table")
    assert len(t2.xpath("./tbody[@class='keep']")) == 4  # one per 第二十条 item, caption first
    assert all(body.xpath("./tr[1]/th")[0].text_content().startswith("第二十条") for body in t2.xpath("./tbody"))
    groups = t3.xpath(".//tr[@class='group']")
    assert [g.xpath("./th")[0].text_content() for g in groups][0] == L.T3_RESULTS
    assert all(th.get("rowspan") for g in groups for th in g.xpath("./th[1]"))
    from render_fixtures import make_figures

    from drafter.report import Report, SourceKind

    figures_only = lxml_html.fromstring(render_report(Report(kind=SourceKind.MARKDOWN, figures=make_figures()), "html"))
    leads = figures_only.xpath("//p[@class='keep']")
    assert len(leads) == 3 and all(p.getnext().get("class") == "table" for p in leads)


_HEADINGS = {f"{numeral}、{title}" for numeral, title in L.SECTION_TITLES.items()}
_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not (_CHROMIUM and shutil.which("pdftotext")), reason="chromium/pdftotext not installed")
def test_printed_in_chromium_without_near_empty_pages(tmp_path) -> None:
    from conftest import EXAMPLE_FIGURES, invoke

    html = tmp_path / "报告.html"
    assert invoke("draft", str(EXAMPLE_FIGURES), "-m", "offline", "-o", str(html)).returncode == 0
    pdf = tmp_path / "报告.pdf"
    subprocess.run([_CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line for line in page.splitlines() if line.strip() and "—" not in line] for page in text.split("\f")]
    pages = [page for page in pages if page]
    assert len(pages) >= 3
    for number, lines in enumerate(pages[:-1], 1):
        assert len(lines) >= 20, f"第{number}页只有{len(lines)}行"  # a full page has about 22
        last = lines[-1].strip()
        assert last not in _HEADINGS, f"第{number}页末尾是标题：{last}"
    headers = [i for i, lines in enumerate(pages) if any("法人或其他组织" in line for line in lines)]
    t3_rows = [i for i, lines in enumerate(pages) if any("结转下年度继续办理" in line for line in lines)]
    assert t3_rows and t3_rows[0] in headers  # a continued 表三 repeats its header
