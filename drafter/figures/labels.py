"""The 2021 format's own words: row and column labels of 表二/表三/表四 (国办公开办函〔2021〕30号).

Everything that names a table cell — the figures model, the importer, the renderer, findings — takes its labels
from here, so that a message says “表三 三（四）1 本机关不掌握相关政府信息 / 自然人” in the format's words.
"""

from __future__ import annotations

from dataclasses import dataclass

TABLE2, TABLE3, TABLE4 = "表二", "表三", "表四"

# ---------------------------------------------------------------- 表二 主动公开政府信息情况
T2_CAPTION_1 = "第二十条第（一）项"
T2_CAPTION_5 = "第二十条第（五）项"
T2_CAPTION_6 = "第二十条第（六）项"
T2_CAPTION_8 = "第二十条第（八）项"
T2_ISSUED, T2_REPEALED, T2_IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"
T2_DECISIONS = "本年处理决定数量"
T2_FEES = "本年收费金额"
T2_FEES_HEADER = "本年收费金额（单位：万元）"


@dataclass(frozen=True, slots=True)
class Table2Row:
    """One 表二 row: its attribute name in the model, its label, its caption and its columns."""

    key: str
    label: str
    caption: str
    columns: tuple[str, ...]


TABLE2_ROWS: tuple[Table2Row, ...] = (
    Table2Row("rules", "规章", T2_CAPTION_1, (T2_ISSUED, T2_REPEALED, T2_IN_FORCE)),
    Table2Row("normative_documents", "行政规范性文件", T2_CAPTION_1, (T2_ISSUED, T2_REPEALED, T2_IN_FORCE)),
    Table2Row("licensing", "行政许可", T2_CAPTION_5, (T2_DECISIONS,)),
    Table2Row("punishment", "行政处罚", T2_CAPTION_6, (T2_DECISIONS,)),
    Table2Row("enforcement", "行政强制", T2_CAPTION_6, (T2_DECISIONS,)),
    Table2Row("fees", "行政事业性收费", T2_CAPTION_8, (T2_FEES,)),
)

# ---------------------------------------------------------------- 表三 收到和处理政府信息公开申请情况
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = "申请人情况"
LEGAL_PERSONS = "法人或其他组织"
# (attribute, label) of the 7 number columns, in printed order; 总计 last.
T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
T3_APPLICANT_COLUMNS = T3_COLUMNS[:-1]
T3_COLUMN_LABEL = dict(T3_COLUMNS)
# “第三列（科研机构）”: position as printed, counting from 自然人 as the first number column.
T3_COLUMN_ORDINAL = {attr: "第" + "一二三四五六七"[i] + "列" for i, (attr, _) in enumerate(T3_COLUMNS)}


@dataclass(frozen=True, slots=True)
class Table3Row:
    """One 表三 row: stable id (docs/CLI.md), the model's path to it, the printed label and accepted short forms."""

    id: str
    path: tuple[str, ...]
    label: str
    short: str


def _r(id_: str, path: str, label: str, short: str) -> Table3Row:
    return Table3Row(id_, tuple(path.split(".")), label, short)


T3_NEW = "一、本年新收政府信息公开申请数量"
T3_CARRIED = "二、上年结转政府信息公开申请数量"
T3_RESULTS = "三、本年度办理结果"
T3_NEXT = "四、结转下年度继续办理"
G_PUBLIC = "（一）予以公开"
G_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
G_WITHHELD = "（三）不予公开"
G_UNABLE = "（四）无法提供"
G_NOT_PROCESSED = "（五）不予处理"
G_OTHER = "（六）其他处理"
G_TOTAL = "（七）总计"

TABLE3_ROWS: tuple[Table3Row, ...] = (
    _r("一", "new", T3_NEW, "本年新收"),
    _r("二", "carried_over", T3_CARRIED, "上年结转"),
    _r("三（一）", "results.public", G_PUBLIC, "予以公开"),
    _r("三（二）", "results.partial", G_PARTIAL, "部分公开"),
    _r("三（三）1", "results.withheld.state_secret", "1.属于国家秘密", "国家秘密"),
    _r("三（三）2", "results.withheld.prohibited", "2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开"),
    _r("三（三）3", "results.withheld.security", "3.危及“三安全一稳定”", "危及三安全一稳定"),
    _r("三（三）4", "results.withheld.third_party", "4.保护第三方合法权益", "保护第三方合法权益"),
    _r("三（三）5", "results.withheld.internal", "5.属于三类内部事务信息", "三类内部事务信息"),
    _r("三（三）6", "results.withheld.process", "6.属于四类过程性信息", "四类过程性信息"),
    _r("三（三）7", "results.withheld.enforcement_file", "7.属于行政执法案卷", "行政执法案卷"),
    _r("三（三）8", "results.withheld.query", "8.属于行政查询事项", "行政查询事项"),
    _r("三（四）1", "results.unable.not_held", "1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息"),
    _r("三（四）2", "results.unable.needs_creation", "2.没有现成信息需要另行制作", "没有现成信息需要另行制作"),
    _r("三（四）3", "results.unable.unclear", "3.补正后申请内容仍不明确", "补正后申请内容仍不明确"),
    _r("三（五）1", "results.not_processed.petition", "1.信访举报投诉类申请", "信访举报投诉类申请"),
    _r("三（五）2", "results.not_processed.repeated", "2.重复申请", "重复申请"),
    _r("三（五）3", "results.not_processed.publication", "3.要求提供公开出版物", "要求提供公开出版物"),
    _r("三（五）4", "results.not_processed.excessive", "4.无正当理由大量反复申请", "无正当理由大量反复申请"),
    _r("三（五）5", "results.not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息",
       "要求行政机关确认或重新出具已获取信息"),
    _r("三（六）1", "results.other.no_correction",
       "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正"),
    _r("三（六）2", "results.other.no_fee",
       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未缴纳费用"),
    _r("三（六）3", "results.other.other", "3.其他", "其他"),
    _r("三（七）", "results.total", G_TOTAL, "总计"),
    _r("四", "carry_forward", T3_NEXT, "结转下年度"),
)
TABLE3_ROW = {row.id: row for row in TABLE3_ROWS}
# （六）其他处理 printed as one row (2019 format, and some 2021 reports): stored in the group's ``whole`` slot.
T3_OTHER_WHOLE = Table3Row("三（六）", ("results", "other", "whole"), G_OTHER, "其他处理")
# The groups of 三 and their numbered sub-row ids.
T3_GROUPS: dict[str, str] = {
    "三（三）": G_WITHHELD, "三（四）": G_UNABLE, "三（五）": G_NOT_PROCESSED, "三（六）": G_OTHER,
}


def t3_location(row_id: str, column: str) -> str:
    """The ``location`` string of a 表三 cell, e.g. ``表三/三（四）1/自然人``."""
    return f"{TABLE3}/{row_id}/{T3_COLUMN_LABEL.get(column, column)}"


def t3_row_name(row_id: str) -> str:
    """A row as a person names it: ``三（四）1 本机关不掌握相关政府信息``."""
    row = TABLE3_ROW.get(row_id) or (T3_OTHER_WHOLE if row_id == "三（六）" else None)
    if row is None:
        return row_id
    label = row.label.split("（区分处理")[0]
    if row_id in ("一", "二", "四"):
        return label
    if row_id[-1].isdigit():
        return f"{row_id} {label.split('.', 1)[1]}"
    return f"三{label}"


# ---------------------------------------------------------------- 表四 行政复议、行政诉讼
REVIEW, LITIGATION = "行政复议", "行政诉讼"
DIRECT_SUIT, SUIT_AFTER_REVIEW = "未经复议直接起诉", "复议后起诉"
T4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_COLUMN_LABEL = dict(T4_COLUMNS)
# (attribute, row id of docs/CLI.md, label as a person names it)
T4_BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("review", "行政复议", "行政复议"),
    ("direct_suit", "行政诉讼/未经复议直接起诉", "行政诉讼（未经复议直接起诉）"),
    ("suit_after_review", "行政诉讼/复议后起诉", "行政诉讼（复议后起诉）"),
)

# ---------------------------------------------------------------- the six parts
SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")

# ---------------------------------------------------------------- the 2019 format (reports on 2019 and 2020)
# 国办公开办函〔2019〕60号: 表二 had other rows, each block its own columns. Kept as published under its own key.
LEGACY_TABLE2 = "表二（2019格式）"  # the figures file's key, and the table of its cells' locations
T2_2019_ROWS = ("规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费",
                "政府集中采购")
T2_2019_COLUMNS: dict[str, tuple[str, ...]] = {
    "规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
    "行政许可": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "其他对外管理服务事项": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政处罚": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政强制": ("上一年项目数量", "本年增/减", "处理决定数量"),
    "行政事业性收费": ("上一年项目数量", "本年增/减"),
    "政府集中采购": ("采购项目数量", "采购总金额"),
}
# The 第二十条 item each row belongs to (the captions of its blocks).
T2_2019_CAPTIONS = {"规章": "（一）", "规范性文件": "（一）", "行政许可": "（五）", "其他对外管理服务事项": "（五）",
                    "行政处罚": "（六）", "行政强制": "（六）", "行政事业性收费": "（八）", "政府集中采购": "（九）"}
# Rows only the 2019 format has: one of them in a 表二 makes it the 2019 format.
T2_2019_ONLY_ROWS = tuple(label for label in T2_2019_ROWS if label not in {row.label for row in TABLE2_ROWS})
# Every column word of the 2019 表二, in order of first use.
T2_2019_COLUMN_WORDS = tuple(dict.fromkeys(word for columns in T2_2019_COLUMNS.values() for word in columns))
# Words that only the 2019 format prints (structure.old_format looks for them in a later report).
LEGACY_2019_LABELS = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项",
    "政府集中采购",
)


def t3_printed_bodies() -> list[tuple[str, str]]:
    """Each 表三 row id with the words its printed label starts with, in printed order (（六）其他处理 before its items).

    ``（二）部分公开（区分处理的，…）`` → ``部分公开``; ``3.危及“三安全一稳定”`` → ``危及“三安全一稳定”``: the words as a page
    prints them (quotes kept), without the numbering and the parenthetical note.
    """
    out: list[tuple[str, str]] = []
    for row in TABLE3_ROWS:
        if row.id == f"{T3_OTHER_WHOLE.id}1":
            out.append((T3_OTHER_WHOLE.id, _printed_body(T3_OTHER_WHOLE.label)))
        out.append((row.id, _printed_body(row.label)))
    return out


def _printed_body(label: str) -> str:
    for prefix in ("一、", "二、", "三、", "四、"):
        label = label.removeprefix(prefix)
    if label.startswith("（") and "）" in label[:4]:
        label = label[label.index("）") + 1:]
    elif len(label) > 2 and label[0].isdigit() and label[1] == ".":
        label = label[2:]
    return label.split("（")[0]
