"""The figures as an Excel/WPS workbook: 表二/表三/表四 laid out as printed (merged headers), one sheet each, plus
基本信息, 正文数据, 工作要点 and 上年度问题.

:func:`write_workbook` makes the file ``drafter init --to xlsx`` writes; :func:`workbook_data` reads a filled one back
into the same plain data a YAML figures file gives, with every value's cell (“表三!D7”), so that a workbook behaves
exactly like the YAML file, its messages naming the sheet and cell instead of the line. openpyxl is imported lazily.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from drafter.errors import InputError
from drafter.figures import labels as L
from drafter.files import check_zip

SHEET_META, SHEET_FACTS, SHEET_NOTES, SHEET_PROBLEMS = "基本信息", "正文数据", "工作要点", "上年度问题"
T3_FIRST_ROW = 4  # rows 1–3 are the printed header
T3_VALUE_COLUMNS = "DEFGHIJ"  # 自然人 … 其他, 总计
T4_ROW = 4
_T4_COLUMNS = [label for _, label in L.T4_COLUMNS]  # 结果维持 … 总计

# 基本信息: (key path in the figures file, label shown, note)
META_ROWS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("机关全称",), "机关全称", "如“临清市科学技术局”"),
    (("报告年度",), "报告年度", "四位数字，如 2025"),
    (("机关类型",), "机关类型", "人民政府 / 政府部门 / 乡镇街道 / 其他"),
    (("行政层级",), "行政层级", "国务院部门 / 省级 / 设区的市级 / 县级 / 乡镇级（决定能否有规章）"),
    (("所属地区",), "所属地区", ""),
    (("网站",), "网站", "报告电子版可在此下载"),
    (("联系方式", "地址"), "地址", ""),
    (("联系方式", "邮编"), "邮编", "按文本填写，开头的 0 不会丢"),
    (("联系方式", "电话"), "电话", ""),
)
# 正文数据 scalars: (key, note)
FACT_ROWS: tuple[tuple[str, str], ...] = (
    ("主动公开信息总数", "本年主动公开政府信息（条）；应等于下方“主动公开分类”之和"),
    ("政策解读", "发布政策解读（篇）"),
    ("信息处理费", "本年收取的信息处理费（元）；未收取填 0"),
    ("信息处理费件数", "收取信息处理费的申请件数"),
    ("培训次数", "组织或参加政务公开业务培训（次）"),
    ("培训人次", ""),
    ("责任追究", "因政务公开工作被追究责任的次数"),
    ("建议提案", "办理并公开的人大代表建议和政协提案件数"),
)
FACT_LISTS = (("主动公开分类", "类别", "条数"), ("主动公开渠道", "渠道", "条数"))
LIST_ROWS = 8  # blank rows under each list in 正文数据
NOTE_KEYS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "工作考核、社会评议和责任追究",
             "存在问题", "改进措施", "其他事项")
NOTE_ROWS = 4  # rows per key in 工作要点 (more may be inserted)


def _t3_rows() -> list[tuple[str, str, str, str]]:
    """表三 data rows in printed order: (row id, column A text, column B text, column C text)."""
    rows = [("一", L.T3_NEW, "", ""), ("二", L.T3_CARRIED, "", "")]
    for row in L.TABLE3_ROWS:
        if row.id.startswith("三"):
            group = row.id[:4]
            if row.id in ("三（一）", "三（二）", "三（七）"):
                rows.append((row.id, L.T3_RESULTS, row.label, ""))
            else:
                rows.append((row.id, L.T3_RESULTS, L.T3_GROUPS[group], row.label))
    rows.append(("四", L.T3_NEXT, "", ""))
    return rows


T3_ROWS = _t3_rows()
# 表二: (row label, caption, header row, data row, columns)
_T2_LAYOUT: list[tuple[str, str, int, int, tuple[str, ...]]] = []


def _t2_layout() -> None:
    row = 1
    caption = None
    for item in L.TABLE2_ROWS:
        if item.caption != caption:
            caption = item.caption
            row += 2  # caption row, header row
            header = row - 1
        _T2_LAYOUT.append((item.label, caption, header, row, item.columns))
        row += 1


_t2_layout()


def cell_of(location: str | None) -> str | None:
    """The workbook cell of a finding's ``location`` (``表三/三（四）1/自然人`` → ``表三!D16``), or None."""
    if not location:
        return None
    parts = location.split("/")
    if parts[0] == L.TABLE3 and len(parts) == 3:
        ids = [r[0] for r in T3_ROWS]
        t3_columns = [label for _, label in L.T3_COLUMNS]
        if parts[1] in ids and parts[2] in t3_columns:
            return f"{L.TABLE3}!{T3_VALUE_COLUMNS[t3_columns.index(parts[2])]}{T3_FIRST_ROW + ids.index(parts[1])}"
    if parts[0] == L.TABLE2 and len(parts) >= 2:
        for label, _, _, row, columns in _T2_LAYOUT:
            if label == parts[1]:
                column = columns.index(parts[2]) if len(parts) == 3 and parts[2] in columns else 0
                return f"{L.TABLE2}!{'BCD'[column]}{row}"
    if parts[0] == L.TABLE4 and len(parts) >= 3:
        block = "/".join(parts[1:-1])
        blocks = [name for _, name, _ in L.T4_BLOCKS]
        if block in blocks and parts[-1] in _T4_COLUMNS:
            index = blocks.index(block) * 5 + _T4_COLUMNS.index(parts[-1])
            return f"{L.TABLE4}!{_column(index + 1)}{T4_ROW}"
    if parts[0] == SHEET_META:
        keys = tuple(parts[1:])
        for n, (path, _, _) in enumerate(META_ROWS):
            if path == keys or path[-1:] == keys[-1:]:
                return f"{SHEET_META}!B{n + 2}"
    if parts[0] == SHEET_FACTS and len(parts) == 2:
        for n, (key, _) in enumerate(FACT_ROWS):
            if key == parts[1]:
                return f"{SHEET_FACTS}!B{n + 2}"
        for n, (key, _, _) in enumerate(FACT_LISTS):
            if key == parts[1]:
                return f"{SHEET_FACTS}!A{_list_start(n)}"
    return None


def name_cells(findings: list[Any]) -> list[Any]:
    """Findings on a workbook's figures with the cell each speaks of added to its message (“（表三!D7）”)."""
    for finding in findings:
        cell = cell_of(finding.location)
        if cell and cell not in finding.message:
            finding.message += f"（{cell}）"
            finding.extra.setdefault("cell", cell)
    return findings


def _column(index: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _list_start(n: int) -> int:
    """The first data row of the n-th list of 正文数据 (after the scalars, a blank row and the list's header)."""
    return len(FACT_ROWS) + 2 + n * (LIST_ROWS + 2) + 2


# ------------------------------------------------------------------------------------------ writing


def write_workbook(data: dict[str, Any]) -> bytes:
    """The workbook to fill in, from the plain data of a figures file (as ``drafter init`` would write it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    note_font = Font(color="808080", size=9)

    def header(ws: Any, ref: str, text: str, *, merge: str | None = None) -> None:
        ws[ref] = text
        ws[ref].font, ws[ref].fill, ws[ref].alignment = head_font, head_fill, centre
        if merge:
            ws.merge_cells(merge)
            for row in ws[merge]:
                for cell in row:
                    cell.border = box
                    cell.fill = head_fill
        ws[ref].border = box

    def value(ws: Any, ref: str, v: Any) -> None:
        ws[ref] = v
        ws[ref].border, ws[ref].alignment = box, centre

    wb = Workbook()
    meta = data.get(SHEET_META, {})
    ws = wb.active
    ws.title = SHEET_META
    header(ws, "A1", "项目")
    header(ws, "B1", "内容")
    header(ws, "C1", "说明")
    for n, (path, label, note) in enumerate(META_ROWS, start=2):
        node: Any = meta
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        ws[f"A{n}"] = label
        ws[f"A{n}"].font = head_font
        ws[f"B{n}"] = node if node not in (None, "") else None
        ws[f"B{n}"].number_format = "@"  # text: a 邮编 keeps its leading 0
        ws[f"C{n}"] = note
        ws[f"C{n}"].font = note_font
    kinds = DataValidation(type="list", formula1='"人民政府,政府部门,乡镇街道,其他"', allow_blank=True)
    levels = DataValidation(type="list", formula1='"国务院部门,省级,设区的市级,县级,乡镇级"', allow_blank=True)
    ws.add_data_validation(kinds)
    ws.add_data_validation(levels)
    kinds.add("B4")
    levels.add("B5")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 12, 40, 60

    # 表二 as printed: a caption row, a header row and the rows under each 第二十条 item.
    t2 = data.get(L.TABLE2, {})
    ws = wb.create_sheet(L.TABLE2)
    done: set[str] = set()
    for label, caption, head, row, columns in _T2_LAYOUT:
        if caption not in done:
            done.add(caption)
            header(ws, f"A{head - 1}", caption, merge=f"A{head - 1}:D{head - 1}")
            header(ws, f"A{head}", "信息内容")
            if len(columns) == 3:
                for c, name in zip("BCD", columns, strict=True):
                    header(ws, f"{c}{head}", name)
            else:
                name = L.T2_FEES_HEADER if columns == (L.T2_FEES,) else columns[0]
                header(ws, f"B{head}", name, merge=f"B{head}:D{head}")
        ws[f"A{row}"] = label
        ws[f"A{row}"].border, ws[f"A{row}"].alignment = box, left
        cells = t2.get(label, {})
        if len(columns) == 3:
            for c, name in zip("BCD", columns, strict=True):
                value(ws, f"{c}{row}", cells.get(name, 0))
        else:
            value(ws, f"B{row}", cells.get(columns[0], 0))
            ws.merge_cells(f"B{row}:D{row}")
    ws.column_dimensions["A"].width = 18
    for c in "BCD":
        ws.column_dimensions[c].width = 16

    # 表三 as printed: the corner note over A1:C3, 申请人情况 over the seven columns, 法人或其他组织 over five.
    ws = wb.create_sheet(L.TABLE3)
    header(ws, "A1", L.T3_CORNER, merge="A1:C3")
    header(ws, "D1", L.APPLICANTS, merge="D1:J1")
    header(ws, "D2", "自然人", merge="D2:D3")
    header(ws, "E2", L.LEGAL_PERSONS, merge="E2:I2")
    header(ws, "J2", "总计", merge="J2:J3")
    for c, (_, name) in zip("EFGHI", L.T3_APPLICANT_COLUMNS[1:], strict=True):
        header(ws, f"{c}3", name)
    t3 = data.get(L.TABLE3, {})
    for n, (row_id, a, b, c) in enumerate(T3_ROWS):
        r = T3_FIRST_ROW + n
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"] = a, b or None, c or None
        for col in "ABC":
            ws[f"{col}{r}"].border, ws[f"{col}{r}"].alignment = box, left
        cells = _t3_cells(t3, row_id)
        optional = row_id == "三（七）"
        for col, (_, name) in zip(T3_VALUE_COLUMNS, L.T3_COLUMNS, strict=True):
            given = cells.get(name)
            value(ws, f"{col}{r}", given if given is not None else (None if optional or name == "总计" else 0))
        if not b:
            ws.merge_cells(f"A{r}:C{r}")
        elif not c:
            ws.merge_cells(f"B{r}:C{r}")
    first3 = T3_FIRST_ROW + 2
    ws.merge_cells(f"A{first3}:A{first3 + len(T3_ROWS) - 4}")
    for group in L.T3_GROUPS.values():
        rows = [T3_FIRST_ROW + n for n, r in enumerate(T3_ROWS) if r[2] == group]
        ws.merge_cells(f"B{rows[0]}:B{rows[-1]}")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 14, 16, 34
    for col in T3_VALUE_COLUMNS:
        ws.column_dimensions[col].width = 9
    ws.freeze_panes = f"D{T3_FIRST_ROW}"
    _note(ws, f"A{T3_FIRST_ROW + len(T3_ROWS) + 1}",
          "每格都填数字，没有的填 0。“总计”列和“（七）总计”行可留空（由程序相加），填写则核对。", note_font)

    # 表四 as printed: 行政复议 (5 columns) and 行政诉讼 (未经复议直接起诉, 复议后起诉; 5 columns each).
    ws = wb.create_sheet(L.TABLE4)
    header(ws, "A1", L.REVIEW, merge="A1:E1")
    header(ws, "F1", L.LITIGATION, merge="F1:O1")
    for i, name in enumerate(_T4_COLUMNS):
        col = _column(i + 1)
        header(ws, f"{col}2", name, merge=f"{col}2:{col}3")
    header(ws, "F2", L.DIRECT_SUIT, merge="F2:J2")
    header(ws, "K2", L.SUIT_AFTER_REVIEW, merge="K2:O2")
    t4 = data.get(L.TABLE4, {})
    for block_no, (_, name, _) in enumerate(L.T4_BLOCKS):
        block: Any = t4
        for key in name.split("/"):
            block = block.get(key, {}) if isinstance(block, dict) else {}
        for i, column in enumerate(_T4_COLUMNS):
            col = _column(block_no * 5 + i + 1)
            if block_no:
                header(ws, f"{col}3", column)
            given = block.get(column) if isinstance(block, dict) else None
            value(ws, f"{col}{T4_ROW}", given if given is not None else (None if column == "总计" else 0))
    for i in range(15):
        ws.column_dimensions[_column(i + 1)].width = 9
    _note(ws, "A6", "“总计”可留空（由程序相加），填写则核对。", note_font)

    # 正文数据: the scalars, then one small table per breakdown, then the new columns.
    facts = data.get(SHEET_FACTS, {})
    ws = wb.create_sheet(SHEET_FACTS)
    header(ws, "A1", "项目")
    header(ws, "B1", "数值")
    header(ws, "C1", "说明")
    for n, (key, note) in enumerate(FACT_ROWS, start=2):
        ws[f"A{n}"] = key
        ws[f"A{n}"].font = head_font
        value(ws, f"B{n}", facts.get(key))
        ws[f"C{n}"] = note
        ws[f"C{n}"].font = note_font
    for n, (key, name, unit) in enumerate(FACT_LISTS):
        start = _list_start(n)
        header(ws, f"A{start - 1}", f"{key}：{name}")
        header(ws, f"B{start - 1}", unit)
        for i, (k, v) in enumerate((facts.get(key) or {}).items()):
            ws[f"A{start + i}"], ws[f"B{start + i}"] = k, v
    start = _list_start(len(FACT_LISTS))
    header(ws, f"A{start - 1}", "新增栏目")
    _note(ws, f"C{start - 1}", "本年新设的公开栏目或平台，每行一个", note_font)
    for i, name in enumerate(facts.get("新增栏目") or []):
        ws[f"A{start + i}"] = name
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 22, 12, 50

    # 工作要点: one point a row, the part it belongs to in column A (blank = the same part as above).
    notes = data.get(SHEET_NOTES, {})
    ws = wb.create_sheet(SHEET_NOTES)
    header(ws, "A1", "部分")
    header(ws, "B1", "要点（每行一条：做了什么、数量、时间）")
    r = 2
    for key in NOTE_KEYS:
        points = list(notes.get(key) or [])
        for i in range(max(NOTE_ROWS, len(points) + 1)):
            ws[f"A{r}"] = key if i == 0 else None
            ws[f"A{r}"].font = head_font
            ws[f"B{r}"] = points[i] if i < len(points) else None
            ws[f"B{r}"].alignment = left
            r += 1
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 90

    ws = wb.create_sheet(SHEET_PROBLEMS)
    for col, name in zip("ABC", ("问题", "改进措施", "整改情况（本年做了什么、效果如何）"), strict=True):
        header(ws, f"{col}1", name)
        ws.column_dimensions[col].width = 45
    for i, item in enumerate(data.get(SHEET_PROBLEMS) or [], start=2):
        ws[f"A{i}"], ws[f"B{i}"], ws[f"C{i}"] = item.get("问题"), item.get("改进措施"), item.get("整改情况")

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _note(ws: Any, ref: str, text: str, font: Any) -> None:
    ws[ref] = text
    ws[ref].font = font


def _t3_cells(t3: dict[str, Any], row_id: str) -> dict[str, Any]:
    row = L.TABLE3_ROW[row_id]
    node: Any = t3
    keys = {"一": [L.T3_NEW], "二": [L.T3_CARRIED], "四": [L.T3_NEXT]}.get(row_id)
    if keys is None:
        group = row_id[:4]
        keys = [L.T3_RESULTS, row.label] if group in ("三（一）", "三（二）", "三（七）") else \
            [L.T3_RESULTS, L.T3_GROUPS[group], row.label]
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


# ------------------------------------------------------------------------------------------ reading


@dataclass
class WorkbookData:
    """A filled workbook as the plain data of a figures file, and the cell each value came from."""

    data: dict[str, Any]
    cells: dict[tuple[str, ...], str] = field(default_factory=dict)

    def cell(self, loc: tuple[Any, ...]) -> str | None:
        """The cell of a key path (or of its nearest parent that has one)."""
        key = tuple(str(part) for part in loc)
        while key:
            if key in self.cells:
                return self.cells[key]
            key = key[:-1]
        return None


def workbook_data(data: bytes, path: Any = None) -> WorkbookData:
    """Read a filled workbook into figures data; a sheet the workbook lacks is a clear error."""
    from openpyxl import load_workbook

    check_zip(data, path, what="Excel 文件")
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"无法读取 Excel 文件（{type(exc).__name__}）", path=path,
                         hint="请用 Excel 或 WPS 打开后另存为 .xlsx 再试") from None
    missing = [name for name in (SHEET_META, L.TABLE2, L.TABLE3, L.TABLE4) if name not in wb.sheetnames]
    if missing:
        raise InputError(f"工作簿缺少工作表“{'”“'.join(missing)}”，不像是 drafter init --to xlsx 生成的 figures 表格",
                         path=path, hint="可用 drafter init --to xlsx -o figures.xlsx 生成一份待填写的表格")
    out = WorkbookData({})
    _read_meta(wb[SHEET_META], out)
    _read_table2(wb[L.TABLE2], out, path)
    _read_table3(wb[L.TABLE3], out, path)
    _read_table4(wb[L.TABLE4], out)
    if SHEET_FACTS in wb.sheetnames:
        _read_facts(wb[SHEET_FACTS], out)
    if SHEET_NOTES in wb.sheetnames:
        _read_notes(wb[SHEET_NOTES], out)
    if SHEET_PROBLEMS in wb.sheetnames:
        _read_problems(wb[SHEET_PROBLEMS], out)
    return out


def _plain(value: Any) -> Any:
    """A cell's value as YAML would give it: whole floats as integers, text trimmed, empty text as blank."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def _put(out: WorkbookData, keys: tuple[str, ...], value: Any, ref: str) -> None:
    node = out.data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value
    out.cells[keys] = ref


def _read_meta(ws: Any, out: WorkbookData) -> None:
    out.data[SHEET_META] = {}
    for n, (path, _, _) in enumerate(META_ROWS, start=2):
        value = _plain(ws[f"B{n}"].value)
        if value is None:
            continue
        if path[-1] in ("邮编", "电话") and isinstance(value, int):
            value = str(value)  # a number typed into a cell not formatted as text
        _put(out, (SHEET_META, *path), value, f"{SHEET_META}!B{n}")
    out.data[SHEET_META].setdefault("联系方式", {})  # as in the YAML file, where its keys are always written
    out.cells[(SHEET_META,)] = f"{SHEET_META}!A1"


def _check_label(ws: Any, ref: str, expected: str, path: Any) -> None:
    found = str(ws[ref].value or "").strip()
    if found.replace(" ", "") != expected.replace(" ", ""):
        raise InputError(f"{ws.title}!{ref} 应为“{expected}”，却是“{found}”：表格的行被移动或改动了",
                         path=path, hint="请只填写数字格，不要插入、删除或移动行；可用 drafter init --to xlsx 重新生成")


def _read_table2(ws: Any, out: WorkbookData, path: Any) -> None:
    out.data[L.TABLE2] = {}
    for label, _, _, row, columns in _T2_LAYOUT:
        _check_label(ws, f"A{row}", label, path)
        for c, name in zip("BCD", columns, strict=False):
            _put(out, (L.TABLE2, label, name), _plain(ws[f"{c}{row}"].value), f"{L.TABLE2}!{c}{row}")
        out.cells[(L.TABLE2, label)] = f"{L.TABLE2}!A{row}"


def _read_table3(ws: Any, out: WorkbookData, path: Any) -> None:
    out.data[L.TABLE3] = {}
    for n, (row_id, a, b, c) in enumerate(T3_ROWS):
        r = T3_FIRST_ROW + n
        label_ref = f"C{r}" if c else (f"B{r}" if b else f"A{r}")
        _check_label(ws, label_ref, c or b or a, path)
        group = row_id[:4]
        if row_id in ("一", "二", "四"):
            keys: tuple[str, ...] = (L.TABLE3, a)
        elif group in ("三（一）", "三（二）", "三（七）"):
            keys = (L.TABLE3, L.T3_RESULTS, b)
        else:
            keys = (L.TABLE3, L.T3_RESULTS, b, c)
        values = {name: _plain(ws[f"{col}{r}"].value) for col, (_, name) in zip(T3_VALUE_COLUMNS, L.T3_COLUMNS,
                                                                                 strict=True)}
        out.cells[keys] = f"{L.TABLE3}!{label_ref}"
        if row_id == "三（七）" and all(v is None for v in values.values()):
            continue  # the totals row left for the program to add up
        for col, (_, name) in zip(T3_VALUE_COLUMNS, L.T3_COLUMNS, strict=True):
            if name == "总计" and values[name] is None:
                continue  # a total left blank is computed
            _put(out, (*keys, name), values[name], f"{L.TABLE3}!{col}{r}")


def _read_table4(ws: Any, out: WorkbookData) -> None:
    out.data[L.TABLE4] = {}
    for b, (_, name, _) in enumerate(L.T4_BLOCKS):
        keys = (L.TABLE4, *name.split("/"))
        for i, column in enumerate(_T4_COLUMNS):
            col = _column(b * 5 + i + 1)
            value = _plain(ws[f"{col}{T4_ROW}"].value)
            if column == "总计" and value is None:
                continue
            _put(out, (*keys, column), value, f"{L.TABLE4}!{col}{T4_ROW}")
        out.cells[keys] = f"{L.TABLE4}!{_column(b * 5 + 1)}{T4_ROW}"


def _read_facts(ws: Any, out: WorkbookData) -> None:
    facts: dict[str, Any] = {}
    out.data[SHEET_FACTS] = facts
    for n, (key, _) in enumerate(FACT_ROWS, start=2):
        value = _plain(ws[f"B{n}"].value)
        if value is not None:
            _put(out, (SHEET_FACTS, key), value, f"{SHEET_FACTS}!B{n}")
    for n, (key, _, _) in enumerate(FACT_LISTS):
        start = _list_start(n)
        items: dict[str, Any] = {}
        for r in range(start, start + LIST_ROWS):
            name, count = _plain(ws[f"A{r}"].value), _plain(ws[f"B{r}"].value)
            if name is None and count is None:
                continue
            items[str(name)] = count
            out.cells[(SHEET_FACTS, key, str(name))] = f"{SHEET_FACTS}!B{r}"
        out.cells[(SHEET_FACTS, key)] = f"{SHEET_FACTS}!A{start}"
        if items:
            facts[key] = items
    start = _list_start(len(FACT_LISTS))
    columns: list[str] = []
    for r in range(start, ws.max_row + 1):
        name = _plain(ws[f"A{r}"].value)
        if name is not None:
            out.cells[(SHEET_FACTS, "新增栏目", str(len(columns)))] = f"{SHEET_FACTS}!A{r}"
            columns.append(str(name))
    if columns:
        facts["新增栏目"] = columns


def _read_notes(ws: Any, out: WorkbookData) -> None:
    notes: dict[str, list[Any]] = {}
    out.data[SHEET_NOTES] = notes
    key = None
    for r in range(2, ws.max_row + 1):
        label, point = _plain(ws[f"A{r}"].value), _plain(ws[f"B{r}"].value)
        if label is not None:
            key = str(label)
            notes.setdefault(key, [])
            out.cells[(SHEET_NOTES, key)] = f"{SHEET_NOTES}!A{r}"
        if point is not None and key is not None:
            out.cells[(SHEET_NOTES, key, str(len(notes[key])))] = f"{SHEET_NOTES}!B{r}"
            notes[key].append(point if isinstance(point, str) else str(point))


def _read_problems(ws: Any, out: WorkbookData) -> None:
    items: list[dict[str, Any]] = []
    for r in range(2, ws.max_row + 1):
        problem, measure, progress = (_plain(ws[f"{c}{r}"].value) for c in "ABC")
        if problem is None and measure is None and progress is None:
            continue
        item = {"问题": problem}
        if measure is not None:
            item["改进措施"] = measure
        if progress is not None:
            item["整改情况"] = progress
        out.cells[(SHEET_PROBLEMS, str(len(items)))] = f"{SHEET_PROBLEMS}!A{r}"
        items.append(item)
    out.data[SHEET_PROBLEMS] = items
