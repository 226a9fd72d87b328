"""Report documents of our own (not from the corpus) in each input kind, with figures chosen by hand.

``T3`` below is the table as written into every document; tests compare the import with it.
"""

from __future__ import annotations

from pathlib import Path

from drafter.figures import labels as L

AGENCY = "示例县自然资源局"
YEAR = 2023
T2 = {"规章": ["/", "/", "/"], "行政规范性文件": ["2", "1", "9"], "行政许可": ["318"], "行政处罚": ["27"],
      "行政强制": ["无"], "行政事业性收费": ["12.5"]}
_Z = ["0"] * 7
T3: dict[str, list[str]] = {row.id: list(_Z) for row in L.TABLE3_ROWS}
T3.update({
    "一": ["12", "1", "0", "0", "0", "0", "13"], "二": ["2", "0", "0", "0", "0", "0", "2"],
    "三（一）": ["5", "1", "0", "0", "0", "0", "6"], "三（二）": ["1", "0", "0", "0", "0", "0", "1"],
    "三（三）4": ["1", "0", "0", "0", "0", "0", "1"], "三（四）1": ["3", "0", "0", "0", "0", "0", "3"],
    "三（四）3": ["1", "0", "0", "0", "0", "0", "1"], "三（五）1": ["1", "0", "0", "0", "0", "0", "1"],
    "三（六）3": ["1", "", "", "", "", "", "1"], "三（七）": ["13", "1", "0", "0", "0", "0", "14"],
    "四": ["1", "0", "0", "0", "0", "0", "1"],
})
T4 = {"行政复议": ["1", "0", "1", "0", "2"], "行政诉讼/未经复议直接起诉": ["0", "0", "0", "1", "1"],
      "行政诉讼/复议后起诉": ["—", "—", "—", "—", "—"]}
PARTS = {
    "一": ["本局以依法公开为原则，持续完善政务公开制度。",
           "（一）主动公开。全年在门户网站发布各类信息二百余条。",
           "（二）依申请公开。全年新收申请13件，均按期答复。"],
    "二": ["本年度主动公开情况见下表。"],
    "三": ["本年度收到和处理申请情况见下表。"],
    "四": ["本年度行政复议、行政诉讼情况见下表。"],
    "五": ["一是解读形式单一；二是栏目更新偶有滞后。下一步将逐月检查栏目。"],
    "六": ["本年度未收取信息处理费。"],
}
TITLE = f"{AGENCY}{YEAR}年政府信息公开工作年度报告"
PREFACE = f"本报告所列数据的统计期限自{YEAR}年1月1日起至{YEAR}年12月31日止。"


def _t3_label_rows() -> list[tuple[str, str, str, str]]:
    """(row id, column-1 label, column-2 label, column-3 label) of the printed 表三."""
    out = [("一", L.T3_NEW, "", ""), ("二", L.T3_CARRIED, "", "")]
    for row in L.TABLE3_ROWS[2:-1]:
        if row.id in ("三（一）", "三（二）", "三（七）"):
            out.append((row.id, L.T3_RESULTS, row.label, ""))
        else:
            out.append((row.id, L.T3_RESULTS, L.T3_GROUPS[row.id[:4]], row.label))
    out.append(("四", L.T3_NEXT, "", ""))
    return out


# ---------------------------------------------------------------------------------------------- DOCX


def build_docx(path: Path, *, big: bool = False, ruled: bool = True) -> Path:
    """A Word report: headings, a numbered list, 表三 with merged cells, 表四 as three labelled rows."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    if big:
        document.styles["Normal"].font.size = Pt(14)
    document.add_heading(TITLE, level=0)
    document.add_paragraph(PREFACE)
    for numeral in L.SECTION_NUMERALS:
        document.add_heading(f"{numeral}、{L.SECTION_TITLES[numeral]}", level=1)
        for text in PARTS[numeral]:
            document.add_paragraph(text)
        if numeral == "二":
            _docx_table2(document)
        elif numeral == "三":
            _docx_table3(document)
        elif numeral == "四":
            _docx_table4(document)
        elif numeral == "五":
            document.add_paragraph("改进栏目巡查机制。", style="List Number")
    if not ruled:
        for table in document.tables:
            table.style = None
    document.save(path)
    return path


def _docx_table2(document) -> None:
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    blocks = [(L.T2_CAPTION_1, ["规章", "行政规范性文件"], [L.T2_ISSUED, L.T2_REPEALED, L.T2_IN_FORCE]),
              (L.T2_CAPTION_5, ["行政许可"], [L.T2_DECISIONS]),
              (L.T2_CAPTION_6, ["行政处罚", "行政强制"], [L.T2_DECISIONS]),
              (L.T2_CAPTION_8, ["行政事业性收费"], [L.T2_FEES_HEADER])]
    for caption, rows, columns in blocks:
        cells = table.add_row().cells
        cells[0].merge(cells[3]).text = caption
        cells = table.add_row().cells
        cells[0].text = "信息内容"
        if len(columns) == 3:
            for k, c in enumerate(columns):
                cells[k + 1].text = c
        else:
            cells[1].merge(cells[3]).text = columns[0]
        for label in rows:
            cells = table.add_row().cells
            cells[0].text = label
            if len(T2[label]) == 3:
                for k, v in enumerate(T2[label]):
                    cells[k + 1].text = v
            else:
                cells[1].merge(cells[3]).text = T2[label][0]


def _docx_table3(document) -> None:
    rows = _t3_label_rows()
    table = document.add_table(rows=3 + len(rows), cols=10)
    table.style = "Table Grid"
    grid = table.rows
    corner = grid[0].cells[0].merge(grid[2].cells[2])
    corner.text = L.T3_CORNER
    grid[0].cells[3].merge(grid[0].cells[9]).text = L.APPLICANTS
    grid[1].cells[3].merge(grid[2].cells[3]).text = "自然人"
    grid[1].cells[4].merge(grid[1].cells[8]).text = L.LEGAL_PERSONS
    grid[1].cells[9].merge(grid[2].cells[9]).text = "总计"
    for k, (_, label) in enumerate(L.T3_COLUMNS[1:-1]):
        grid[2].cells[4 + k].text = label
    first_result = next(i for i, r in enumerate(rows) if r[1] == L.T3_RESULTS)
    last_result = max(i for i, r in enumerate(rows) if r[1] == L.T3_RESULTS)
    grid[3 + first_result].cells[0].merge(grid[3 + last_result].cells[0]).text = L.T3_RESULTS
    for i, (row_id, top, group, sub) in enumerate(rows):
        cells = grid[3 + i].cells
        if top != L.T3_RESULTS:
            cells[0].merge(cells[2]).text = top
        elif not sub:
            cells[1].merge(cells[2]).text = group
        else:
            cells[2].text = sub
        for k, value in enumerate(T3[row_id]):
            cells[3 + k].text = value
    for group, label in L.T3_GROUPS.items():
        members = [i for i, r in enumerate(rows) if r[0].startswith(group) and r[0][-1].isdigit()]
        grid[3 + members[0]].cells[1].merge(grid[3 + members[-1]].cells[1]).text = label


def _docx_table4(document) -> None:
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = "类别"
    for k, (_, label) in enumerate(L.T4_COLUMNS):
        header[k + 1].text = label
    for name, values in T4.items():
        cells = table.add_row().cells
        cells[0].text = name.replace("行政诉讼/", "行政诉讼（") + ("）" if "/" in name else "")
        for k, value in enumerate(values):
            cells[k + 1].text = value


# ---------------------------------------------------------------------------------------------- HTML


def html_page() -> str:
    """The report inside a full county web page: navigation, a layout table, rowspan/colspan tables, a footer."""
    t2 = ['<table border="1" class="MsoTableGrid">']
    for caption, rows, columns in (
            (L.T2_CAPTION_1, ["规章", "行政规范性文件"], [L.T2_ISSUED, L.T2_REPEALED, L.T2_IN_FORCE]),
            (L.T2_CAPTION_5, ["行政许可"], [L.T2_DECISIONS]), (L.T2_CAPTION_6, ["行政处罚", "行政强制"],
                                                               [L.T2_DECISIONS]),
            (L.T2_CAPTION_8, ["行政事业性收费"], [L.T2_FEES_HEADER])):
        t2.append(f'<tr><td colspan="4"><p><b>{caption}</b></p></td></tr>')
        if len(columns) == 3:
            t2.append("<tr><td>信息内容</td>" + "".join(f"<td>{c}</td>" for c in columns) + "</tr>")
        else:
            t2.append(f'<tr><td>信息内容</td><td colspan="3">{columns[0]}</td></tr>')
        for label in rows:
            values = T2[label]
            if len(values) == 3:
                t2.append(f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
            else:
                t2.append(f'<tr><td>{label}</td><td colspan="3">&nbsp;{values[0]}&nbsp;</td></tr>')
    t2.append("</table>")
    rows = _t3_label_rows()
    t3 = ['<table border="1"><tbody>',
          f'<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td>'
          f'<td colspan="7">{L.APPLICANTS}</td></tr>',
          f'<tr><td rowspan="2">自&nbsp;然&nbsp;人</td><td colspan="5">{L.LEGAL_PERSONS}</td><td rowspan="2">总计</td></tr>',
          "<tr>" + "".join(f"<td>{label}</td>" for _, label in L.T3_COLUMNS[1:-1]) + "</tr>"]
    results = [r for r in rows if r[1] == L.T3_RESULTS]
    done: set[str] = set()
    for row_id, top, group, sub in rows:
        cells = ""
        if top != L.T3_RESULTS:
            cells += f'<td colspan="3">{top}</td>'
        else:
            if row_id == results[0][0]:
                cells += f'<td rowspan="{len(results)}">{top}</td>'
            if not sub:
                cells += f'<td colspan="2">{group}</td>'
            else:
                if group not in done:
                    size = sum(1 for r in results if r[2] == group)
                    cells += f'<td rowspan="{size}">{group}</td>'
                    done.add(group)
                cells += f"<td>{sub.replace('重新出具', '重新<br/>出具')}</td>"
        cells += "".join(f'<td align="center">{v}</td>' for v in T3[row_id])
        t3.append(f"<tr>{cells}</tr>")
    t3.append("</tbody></table>")
    t4 = ['<table border="1">',
          '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
          "<tr>" + "".join(f'<td rowspan="2">{label}</td>' for _, label in L.T4_COLUMNS) +
          '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
          "<tr>" + "".join(f"<td>{label}</td>" for _, label in L.T4_COLUMNS * 2) + "</tr>",
          "<tr>" + "".join(f"<td>{v}</td>" for values in T4.values() for v in values) + "</tr>", "</table>"]
    tables = {"二": "\n".join(t2), "三": "\n".join(t3), "四": "\n".join(t4)}
    body = [f'<div class="title"><h1 style="text-align:center">{TITLE}</h1></div>',
            '<div class="info">发布时间：2024-01-25 来源：示例县人民政府 浏览次数：<span>128</span></div>',
            f"<p>{PREFACE}</p>"]
    for numeral in L.SECTION_NUMERALS:
        body.append(f'<p style="text-indent:2em"><strong>{numeral}、{L.SECTION_TITLES[numeral]}</strong></p>')
        body.extend(f'<p style="text-indent:2em">{text}</p>' for text in PARTS[numeral])
        if numeral in tables:
            body.append(tables[numeral])
    return ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>"
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
            f"<title>{TITLE}_示例县人民政府</title><script>var a = '一、总体情况';</script></head><body>"
            '<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/nb/">政府信息公开年报</a></div>'
            '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>'
            '<table width="100%" class="layout"><tr><td class="left"><ul><li>机构设置</li><li>政策文件</li></ul></td>'
            '<td class="main">' + "\n".join(body) + "</td></tr></table>"
            '<div class="foot">版权所有：示例县人民政府办公室 网站标识码：0000000000 备案号：示ICP备00000号</div>'
            '<div style="display:none">二、隐藏的内容</div></body></html>')
