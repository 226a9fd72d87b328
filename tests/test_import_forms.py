"""The forms copied reports take, written for these tests: tab-separated rows, pipe rows with quirks, label
variants (widths, quotes, spaces, typos), rows that cannot be placed, and a 2019 表二 in a later year's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.figures import labels as L
from drafter.read import read_report
from drafter.read.match import label_form, read_marker

HEAD = "示例镇人民政府2022年政府信息公开工作年度报告\n本报告统计期限自2022年1月1日起至2022年12月31日止。\n"
PARTS = ("一、总体情况\n本镇推进公开工作。\n二、主动公开政府信息情况\n{t2}\n三、收到和处理政府信息公开申请情况\n{t3}\n"
         "四、政府信息公开行政复议、行政诉讼情况\n{t4}\n五、存在的主要问题及改进情况\n栏目更新不及时。\n"
         "六、其他需要报告的事项\n无。\n")


def _t3_rows(sep: str, labels: dict[str, str] | None = None, values: dict[str, list[str]] | None = None) -> str:
    labels = labels or {}
    values = values or {}
    lines = [sep.join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
             sep.join(["自然人", "法人或其他组织", "总计"]),
             sep.join(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    for n, row in enumerate(L.TABLE3_ROWS):
        cells = values.get(row.id, [str(n), "0", "0", "0", "0", "0", str(n)])
        lines.append(sep.join([labels.get(row.id, row.label)] + cells))
    return "\n".join(lines)


T2_PIPES = "\n".join(["第二十条第（一）项", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 0 | 0 | 0",
                      "行政规范性文件 | 1 | 2 | 3", "行政许可 | 4", "行政处罚 | 5", "行政强制 | 6", "行政事业性收费 | 7.5"])
T4_PIPES = "0 | 1 | 2 | 3 | 6 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0"


def _write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path):
    return read_report(path, path.read_bytes())


def test_tab_separated_rows(tmp_path) -> None:
    t2 = T2_PIPES.replace(" | ", "\t")
    text = HEAD + PARTS.format(t2=t2, t3=_t3_rows("\t"), t4=T4_PIPES.replace(" | ", "\t"))
    report = _read(_write(tmp_path, text))
    t3 = report.figures.table3
    assert [t3.value(row.id, "natural") for row in L.TABLE3_ROWS] == list(range(25))
    assert report.figures.table2.fees.amount.value == 7.5
    assert report.figures.table4.litigation.direct_suit.pending.value == 1
    assert not report.findings


def test_label_variants_are_read_without_findings(tmp_path) -> None:
    variants = {"三（三）3": "３．危及\"三安全一稳定\"", "三（三）1": "1 . 属于 国家 秘密", "三（四）2": "2、没有现成信息需要另行制作",
                "三（二）": "（二）部分公开", "三（六）1": "1.逾期不补正"}
    text = HEAD + PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | ", labels=variants), t4=T4_PIPES)
    report = _read(_write(tmp_path, text))
    assert [report.figures.table3.value(row.id, "natural") for row in L.TABLE3_ROWS] == list(range(25))
    assert not report.findings


@pytest.mark.parametrize("row_id, published", [
    ("三（三）2", "2.其他法律行政止公开"),
    ("三（五）4", "4.无正当理由大量反复申情"),
    ("三（四）1", "1.本机关不掌握相关政府消息"),
])
def test_typo_labels_are_source_warnings(tmp_path, row_id: str, published: str) -> None:
    text = HEAD + PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | ", labels={row_id: published}), t4=T4_PIPES)
    report = _read(_write(tmp_path, text))
    n = [row.id for row in L.TABLE3_ROWS].index(row_id)
    assert report.figures.table3.value(row_id, "natural") == n
    (finding,) = report.findings
    assert (finding.rule, finding.severity, finding.location, finding.quote) == (
        "import.label", "warning", f"表三/{row_id}", published)


def test_a_row_with_a_missing_cell_is_uncertain_not_guessed(tmp_path) -> None:
    text = HEAD + PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | ", values={"三（四）1": ["3", "1", "0", "0", "4"]}),
                               t4=T4_PIPES)
    report = _read(_write(tmp_path, text))
    assert report.figures.table3.row("三（四）1") is None
    uncertain = [f for f in report.findings if f.rule == "import.uncertain"]
    assert [f.location for f in uncertain] == ["表三/三（四）1"]
    assert uncertain[0].extra["origin"] == "extraction" and "5" in uncertain[0].message


def test_an_unknown_row_with_numbers_is_uncertain(tmp_path) -> None:
    t3 = _t3_rows(" | ") + "\n合计（自行增加） | 1 | 0 | 0 | 0 | 0 | 0 | 1"
    report = _read(_write(tmp_path, HEAD + PARTS.format(t2=T2_PIPES, t3=t3, t4=T4_PIPES)))
    assert [f.location for f in report.findings if f.rule == "import.uncertain"] == ["表三/合计（自行增加）"]


def test_table4_with_a_wrong_number_of_cells_is_uncertain(tmp_path) -> None:
    t4 = " | ".join(["1"] * 14)
    report = _read(_write(tmp_path, HEAD + PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | "), t4=t4)))
    assert [f.location for f in report.findings if f.rule == "import.uncertain"] == ["表四"]


def test_2019_table2_in_a_2022_report_is_old_format(tmp_path) -> None:
    t2 = "\n".join(["信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量", "规章 | 0 | 0 | 0", "规范性文件 | 1 | 1 | 9"])
    report = _read(_write(tmp_path, HEAD + PARTS.format(t2=t2, t3=_t3_rows(" | "), t4=T4_PIPES)))
    assert report.figures.meta.format == "2019"
    assert report.figures.legacy_table2["规范性文件"]["对外公开总数量"].value == 9
    assert [f.rule for f in report.findings] == ["structure.old_format"]


def test_flattened_and_broken_header_cells(tmp_path) -> None:
    text = "\n".join([HEAD, "三、收到和处理政府信息公开申请情况",
                      "\t（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）", "\t申请人情况", "",
                      "\t", "\t自然人", "\t法人或其", "他组织", "\t总", "", "计", ""]
                     + sum(([f"\t{row.label}"] + ["\t0"] * 6 + [f"\t{n}", ""]
                            for n, row in enumerate(L.TABLE3_ROWS)), []))
    report = _read(_write(tmp_path, text))
    assert [report.figures.table3.value(row.id, "total") for row in L.TABLE3_ROWS] == list(range(25))


def test_normalize_and_markers() -> None:
    assert label_form("３．危及“三安全 一稳定”") == "3.危及三安全一稳定"
    marker = read_marker("（四）无法提供")
    assert (marker.kind, marker.number, marker.body) == ("group", "四", "无法提供")
    assert read_marker("2、重复申请").kind == "sub"


@pytest.mark.parametrize("agency, kind", [
    ("淮安市人民政府", "人民政府"), ("宿迁市", "人民政府"), ("平潭综合实验区", "人民政府"),
    ("临清市科学技术局", "政府部门"), ("上海市人民政府办公厅", "政府部门"), ("大明湖街道办事处", "乡镇街道"),
    ("示例镇人民政府", "乡镇街道"),
])
def test_unit_kind_from_the_agency_name(agency: str, kind: str) -> None:
    from drafter.read.build import unit_kind

    assert unit_kind(agency) == kind


@pytest.mark.parametrize("name", ["huaian-city-2024", "huaian-hongze-2024", "suqian-city-2024"])
def test_rows_as_lines_separated_by_spaces(tmp_path, name: str) -> None:
    """The same tables printed as text lines (as pdftotext or an unruled PDF gives them)."""
    from tests.conftest import CORPUS
    from tests.import_expected import EXPECTED

    lines = []
    for line in (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        lines.append(" ".join(c.strip() for c in line.split("|")) if "|" in line else line)
    report = _read(_write(tmp_path, "\n".join(lines)))
    want = EXPECTED[name]
    t3 = report.figures.table3
    for row_id, line in zip(t3.row_ids(), want["t3"], strict=True):
        assert [getattr(t3.row(row_id), a).raw for a, _ in L.T3_COLUMNS] == line.split(), row_id
    t4 = report.figures.table4
    assert [getattr(b, a).raw for _, _, b in t4.blocks() for a, _ in L.T4_COLUMNS] == want["t4"].split()
    assert [c.raw for _, _, c in report.figures.table2.cells()] == " ".join(want["t2"].values()).split()
    assert report.section("三").text == ""
    assert not [f for f in report.findings if f.rule == "import.uncertain"]


def test_markdown_bold_headings(tmp_path) -> None:
    text = HEAD + PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | "), t4=T4_PIPES)
    text = "\n".join(f"**{line}**" if line[:2] in ("一、", "五、", "六、") else line for line in text.splitlines())
    report = _read(_write(tmp_path, text, "report.md"))
    assert [s.numeral for s in report.sections] == list(L.SECTION_NUMERALS)
    assert report.section("五").text == "栏目更新不及时。"


def test_html_title_only_in_the_head(tmp_path) -> None:
    body = "".join(f"<p>{line}</p>" for line in PARTS.format(t2=T2_PIPES, t3=_t3_rows(" | "), t4=T4_PIPES).splitlines())
    page = ("<html><head><meta charset='utf-8'><title>示例镇人民政府2022年政府信息公开工作年度报告_示例县人民政府网"
            f"</title></head><body><p>本报告统计期限自2022年1月1日起至2022年12月31日止。</p>{body}</body></html>")
    report = _read(_write(tmp_path, page, "page.html"))
    assert report.title == "示例镇人民政府2022年政府信息公开工作年度报告"
    assert (report.agency, report.year) == ("示例镇人民政府", 2022)


def test_unknown_rows_in_table2_and_table4_are_uncertain(tmp_path) -> None:
    t2 = T2_PIPES + "\n行政确认 | 12"
    t4 = "行政复议 | 行政诉讼\n结果维持 | 1 | 0 | 2"
    report = _read(_write(tmp_path, HEAD + PARTS.format(t2=t2, t3=_t3_rows(" | "), t4=t4)))
    assert [f.location for f in report.findings if f.rule == "import.uncertain"] == ["表二/行政确认", "表四/结果维持"]


def test_2019_format_web_page_with_th_headers(tmp_path) -> None:
    """A 2019-format page: <th> headers, nested spans, （六） as one row, 2019 表二 columns, headings in <h3>."""
    t2 = ("<table><thead><tr><th colspan='4'>第二十条第（一）项</th></tr><tr><th>信息内容</th><th>本年新制作数量</th>"
          "<th>本年新公开数量</th><th>对外公开总数量</th></tr></thead><tbody>"
          "<tr><td><span>规范性文件</span></td><td><p><span>4</span></p></td><td>4</td><td>31</td></tr></tbody></table>"
          "<table><tr><th colspan='4'>第二十条第（五）项</th></tr><tr><th>信息内容</th><th>上一年项目数量</th>"
          "<th>本年增/减</th><th>处理决定数量</th></tr><tr><td>行政许可</td><td>12</td><td>-2</td><td>530</td></tr></table>")
    rows = []
    for row in L.TABLE3_ROWS:
        if row.id in ("三（六）2", "三（六）3"):
            continue
        label = L.G_OTHER if row.id == "三（六）1" else row.label
        value = "2" if row.id in ("一", "三（一）", "三（七）") else "0"
        rows.append(f"<tr><td>{label}</td>" + f"<td>{value}</td>" + "<td>&nbsp;0&nbsp;</td>" * 5 +
                    f"<td>{value}</td></tr>")
    t3 = ("<table><tr><th rowspan='2'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
          "<th rowspan='2'>自然人</th><th colspan='5'>法人或其他组织</th><th rowspan='2'>总计</th></tr><tr>"
          + "".join(f"<th>{label}</th>" for _, label in L.T3_COLUMNS[1:-1]) + "</tr>" + "".join(rows) + "</table>")
    t4 = ("<table><thead><tr><th colspan='5'>行政复议</th><th colspan='10'>行政诉讼</th></tr></thead>"
          "<tbody><tr>" + "<td>0</td>" * 15 + "</tr></tbody></table>")
    heads = {n: f"<h3><strong>{n}、{t}</strong></h3>" for n, t in L.SECTION_TITLES.items()}
    page = (f"<html><head><meta charset='utf-8'></head><body><h1>示例区司法局2020年政府信息公开工作年度报告</h1>"
            f"<p>本报告统计期限自2020年1月1日起至2020年12月31日止。</p>{heads['一']}<p>本局推进公开。</p>"
            f"{heads['二']}{t2}{heads['三']}{t3}{heads['四']}{t4}{heads['五']}<p>仍有不足。</p>{heads['六']}<p>无。</p>"
            "</body></html>")
    report = _read(_write(tmp_path, page, "report.html"))
    figures = report.figures
    assert (figures.meta.agency, figures.meta.year, figures.meta.format) == ("示例区司法局", 2020, "2019")
    assert {row: [c.raw for c in cols.values()] for row, cols in figures.legacy_table2.items()} == {
        "规范性文件": ["4", "4", "31"], "行政许可": ["12", "-2", "530"]}
    assert figures.table3.other_is_one_row()
    assert figures.table3.value("三（七）", "natural") == 2 and figures.table3.value("三（六）", "total") == 0
    assert [s.numeral for s in report.sections] == list(L.SECTION_NUMERALS)
    assert report.section("六").text == "无。"
    assert not report.findings
