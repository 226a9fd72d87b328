"""Markdown rendering: title, the six parts in order, pipe tables with the official labels and the numbers in place."""

from __future__ import annotations

import re

import pytest
from render_fixtures import make_report

from drafter.figures import labels as L
from drafter.figures.file import load_figures
from drafter.render import render_report
from drafter.report import Report, SourceKind
from tests.conftest import EXAMPLE_FIGURES


def _table_rows(markdown: str, first_label: str) -> list[list[str]]:
    """The cells of the pipe table whose first row starts with ``first_label``."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_label}"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if re.fullmatch(r"\|(?:---\|)+", line):
            continue
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_report(make_report(), "md")


def test_title_and_parts_in_order(markdown: str) -> None:
    assert markdown.splitlines()[0] == "# 测试市测试局2023年政府信息公开工作年度报告"
    headings = re.findall(r"^## (.+)$", markdown, flags=re.M)
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_lead_paragraph_holds_only_the_metadata(markdown: str) -> None:
    lead = markdown.split("## 一、")[0]
    assert "《中华人民共和国政府信息公开条例》" in lead
    assert "2023年1月1日至2023年12月31日" in lead
    assert "测试市人民政府门户网站" in lead
    assert "地址：测试路1号" in lead and "电话：0000-1234567" in lead
    assert "邮编" not in lead  # not in the metadata, so not invented


def test_narrative_parts_are_kept_paragraph_by_paragraph(markdown: str) -> None:
    part1 = markdown.split("## 一、总体情况")[1].split("## 二、")[0]
    paragraphs = [p for p in part1.split("\n\n") if p.strip()]
    assert paragraphs[1].startswith("（一）主动公开。全年通过门户网站主动公开政府信息133条")
    assert len(paragraphs) == 3
    assert "本局2023年未收取信息处理费。" in markdown.split("## 六、")[1]


def test_table3_rows_and_cells(markdown: str) -> None:
    rows = _table_rows(markdown, L.T3_CORNER)
    assert len(rows) == 3 + 2 + 22 + 1
    assert rows[0][3] == "申请人情况"
    assert rows[1][3:] == ["自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert rows[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    by_label = {tuple(r[:3]): r[3:] for r in rows[3:]}
    # 一: 自然人 5, 商业企业 2, total 7 (computed: the figures leave 总计 out)
    assert by_label[(L.T3_NEW, "", "")] == ["5", "2", "0", "0", "0", "0", "7"]
    assert by_label[("", "（四）无法提供", "1.本机关不掌握相关政府信息")][0] == "1"
    # （七）总计 left out of the figures: the sum of the result rows, 3+1 自然人, 2 商业企业
    assert by_label[("", L.G_TOTAL, "")] == ["4", "2", "0", "0", "0", "0", "6"]
    assert by_label[("", "", "2.重复申请")] == ["0"] * 7
    assert rows[5][0] == L.T3_RESULTS


def test_table2_and_table4_cells(markdown: str) -> None:
    t2 = _table_rows(markdown, L.T2_CAPTION_1)
    assert ["行政规范性文件", "3", "1", "12"] in t2
    assert ["行政事业性收费", "1.25", "", ""] in t2
    assert ["信息内容", L.T2_FEES_HEADER, "", ""] in t2
    t4 = _table_rows(markdown, "行政复议")
    assert t4[0][5] == "行政诉讼"
    assert t4[1][5] == "未经复议直接起诉" and t4[1][10] == "复议后起诉"
    # 复议 1/0/2/0 → 总计 3; 直接起诉 blank (not given); 复议后起诉 0/3/0/0 → 3
    assert t4[3] == ["1", "0", "2", "0", "3", "", "", "", "", "", "0", "3", "0", "0", "3"]


def test_figures_file_gets_placeholders_and_table_leads() -> None:
    report = Report(kind=SourceKind.FIGURES, figures=load_figures(EXAMPLE_FIGURES))
    text = render_report(report, "md")
    assert text.startswith("# 临清市科学技术局2021年政府信息公开工作年度报告\n")
    for numeral in ("一", "五", "六"):
        part = text.split(f"## {numeral}、")[1].split("\n## ")[0]
        assert "【待补充：" in part
    for numeral in ("二", "三", "四"):
        part = text.split(f"## {numeral}、")[1].split("\n## ")[0]
        assert "如下表。" in part and "\n| " in part
    assert "2021年1月1日至2021年12月31日" in text


def test_rows_left_out_stay_blank() -> None:
    report = make_report()
    data = report.figures.model_dump(by_alias=True, exclude_none=True)
    del data["表三"]["三、本年度办理结果"]["（五）不予处理"]["2.重复申请"]
    from drafter.figures import Figures

    report.figures = Figures.model_validate(data)
    rows = _table_rows(render_report(report, "md"), L.T3_CORNER)
    by_label = {tuple(r[:3]): r[3:] for r in rows[3:]}
    assert by_label[("", "", "2.重复申请")] == [""] * 7  # never an invented 0
    assert by_label[("", L.G_TOTAL, "")] == [""] * 7  # so no sum can be formed


def test_other_handling_as_one_row() -> None:
    report = make_report()
    data = report.figures.model_dump(by_alias=True, exclude_none=True)
    data["表三"]["三、本年度办理结果"]["（六）其他处理"] = {"合计": [0, 0, 0, 0, 0, 0]}
    from drafter.figures import Figures

    report.figures = Figures.model_validate(data)
    rows = _table_rows(render_report(report, "md"), L.T3_CORNER)
    assert len(rows) == 3 + 2 + 20 + 1
    assert ["", L.G_OTHER, "", "0", "0", "0", "0", "0", "0", "0"] in rows


def test_2019_format_table2_kept_as_published() -> None:
    from render_fixtures import figures_data

    from drafter.figures import Figures

    data = figures_data(2020)
    data["基本信息"]["表格式样"] = "2019"
    data["表二（2019格式）"] = {
        "规章": {"本年新制作数量": 0, "本年新公开数量": 0, "对外公开总数量": 7},
        "行政处罚": {"上一年项目数量": 12, "本年增/减": -2, "处理决定数量": 40},
    }
    # a decrease written as published (“如-8”): read as an imported report is
    report = Report(kind=SourceKind.FIGURES, figures=Figures.model_validate(data, context={"lenient": True}))
    rows = _table_rows(render_report(report, "md"), "第二十条第（一）项")
    assert rows[:3] == [["第二十条第（一）项", "", "", ""], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                        ["规章", "0", "0", "7"]]
    assert rows[3:] == [["第二十条第（六）项", "", "", ""], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                        ["行政处罚", "12", "-2", "40"]]


def test_report_without_tables_keeps_its_text() -> None:
    from drafter.report import Section

    report = Report(kind=SourceKind.TEXT, figures=None, title="某局2023年政府信息公开工作年度报告",
                    preface="本报告依据《条例》编制。",
                    sections=[Section("一", "总体情况", "本局全年公开信息10条。"),
                              Section("五", "存在问题和改进措施", "栏目更新慢。")])
    text = render_report(report, "md")
    assert text.startswith("# 某局2023年政府信息公开工作年度报告\n\n本报告依据《条例》编制。\n")
    assert "## 五、存在问题和改进措施\n\n栏目更新慢。" in text  # a published title is kept as published
    assert "\n| " not in text  # no table invented
    assert text.count("【待补充") == 4  # 二, 三, 四 and 六 are missing
