"""The figures file that ``drafter init`` writes: every table row present, in the printed order, with comments.

It is written as text (not dumped) so that it reads like the printed table and carries Chinese guidance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from drafter.figures import ApplicantRow, CaseRow, Figures, PreviousProblem
from drafter.figures import labels as L
from drafter.numbers import format_figure

_APPLICANT_KEYS = [label for _, label in L.T3_APPLICANT_COLUMNS]
_CASE_KEYS = [label for _, label in L.T4_COLUMNS[:-1]]


@dataclass
class Seed:
    """What a new figures file starts from: this year's metadata and what last year's report determines."""

    agency: str = "（请填写机关全称）"
    year: int = 2021
    previous: Figures | None = None
    previous_problems: list[PreviousProblem] = field(default_factory=list)
    # The JSON Schema editors autocomplete from (the yaml-language-server line); None leaves the line out.
    schema_uri: str | None = None
    # Said in the file's head when the agency's name was read from a page and may be wrong.
    agency_note: str | None = None


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if any(c in value for c in ":#{}[],&*?|<>=!%@`'\"") else value
    return str(value)


def _text(value: str | None) -> str:
    """A value that must stay text (邮编, 电话): always quoted, ``""`` when unknown."""
    return json.dumps(value or "", ensure_ascii=False)


def _num(value: int | float | None) -> str:
    if value is None:
        return "0"
    return format_figure(value)


def _applicant_row(row: ApplicantRow | None = None) -> str:
    values = [_num(row.value(attr) if row else 0) for attr, _ in L.T3_APPLICANT_COLUMNS]
    return "{" + ", ".join(f"{k}: {v}" for k, v in zip(_APPLICANT_KEYS, values, strict=True)) + "}"


def _case_row(row: CaseRow | None = None) -> str:
    values = ["0"] * 4 if row is None else [_num(cell.value) for _, cell in row.parts()]
    return "{" + ", ".join(f"{k}: {v}" for k, v in zip(_CASE_KEYS, values, strict=True)) + "}"


def render_template(seed: Seed) -> str:
    """The complete, commented figures file to fill in."""
    prev = seed.previous
    meta = prev.meta if prev else None
    out: list[str] = []
    add = out.append
    if seed.schema_uri:
        add(f"# yaml-language-server: $schema={seed.schema_uri}")
    add(f"# drafter 数据文件：{seed.agency}{seed.year}年政府信息公开工作年度报告")
    add("# 填好后运行：drafter validate 本文件    起草：drafter draft 本文件 -o 报告.md")
    add("# 说明：表格已预填 0，请按实际数字修改；每格都填数字，没有的填 0。“总计”可不填，由程序相加；填写则核对。")
    if prev:
        add(f"# 已从 {prev.meta.year} 年度报告带入：机关信息、上年结转（= 上年“结转下年度继续办理”）、"
            "现行有效件数基数和上年度问题。")
    add("")
    add("基本信息:")
    add(f"  机关全称: {_scalar(seed.agency)}" + (f"          # {seed.agency_note}" if seed.agency_note else ""))
    add(f"  报告年度: {seed.year}")
    add(f"  机关类型: {meta.kind.value if meta else '政府部门'}          # 人民政府 / 政府部门 / 乡镇街道 / 其他")
    add(f"  行政层级: {meta.level.value if meta and meta.level else ''}"
        "          # 国务院部门 / 省级 / 设区的市级 / 县级 / 乡镇级（决定能否有规章）")
    add(f"  所属地区: {_scalar(meta.region) if meta else ''}")
    add(f"  网站: {_scalar(meta.website) if meta else ''}              # 报告电子版可在此下载")
    contact = meta.contact if meta and meta.contact else None
    add("  联系方式:")
    add(f"    地址: {_scalar(contact.address) if contact else ''}")
    # Quoted: unquoted, 223100 is a number to YAML and 010010 the octal 4104.
    add(f"    邮编: {_text(contact.postcode if contact else None)}          # 加引号，如 \"252600\"")
    add(f"    电话: {_text(contact.phone if contact else None)}")
    add("")
    add("# 表二 主动公开政府信息情况")
    add("表二:")
    for key, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        base = getattr(prev.table2, key).in_force.value if prev else None
        note = f"   # 上年现行有效 {_num(base)} 件；本年 = 上年 + 制发 − 废止" if base is not None else ""
        if key == "rules" and not note:
            note = "   # 第二十条第（一）项；规章仅设区的市级以上人民政府制定"
        add(f"  {label}: {{本年制发件数: 0, 本年废止件数: 0, 现行有效件数: {_num(base)}}}{note}")
    add("  行政许可: {本年处理决定数量: 0}          # 第二十条第（五）项")
    add("  行政处罚: {本年处理决定数量: 0}          # 第二十条第（六）项")
    add("  行政强制: {本年处理决定数量: 0}")
    add("  行政事业性收费: {本年收费金额: 0}        # 第二十条第（八）项；单位：万元，可有小数")
    add("")
    add("# 表三 收到和处理政府信息公开申请情况")
    add("# 勾稽关系：每一列 一 + 二 = 三（七）总计 + 四。每行可写成 [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他]。")
    add("表三:")
    add(f"  {L.T3_NEW}: {_applicant_row()}")
    carried = prev.table3.row("四") if prev else None
    note = f"   # = {prev.meta.year} 年“结转下年度继续办理”" if prev else ""
    add(f"  {L.T3_CARRIED}: {_applicant_row(carried)}{note}")
    add(f"  {L.T3_RESULTS}:")
    add(f"    {L.G_PUBLIC}: {_applicant_row()}")
    add(f"    {L.G_PARTIAL}: {_applicant_row()}")
    for group, prefix in ((L.G_WITHHELD, "三（三）"), (L.G_UNABLE, "三（四）"), (L.G_NOT_PROCESSED, "三（五）"),
                          (L.G_OTHER, "三（六）")):
        add(f"    {group}:")
        for row in L.TABLE3_ROWS:
            if row.id.startswith(prefix):
                add(f"      {_scalar(row.label)}: {_applicant_row()}")
    add(f"    # {L.G_TOTAL}: 可不填，由（一）至（六）相加")
    add(f"  {L.T3_NEXT}: {_applicant_row()}")
    add("")
    add("# 表四 政府信息公开行政复议、行政诉讼情况（总计可不填）")
    add("表四:")
    add(f"  行政复议: {_case_row()}")
    add("  行政诉讼:")
    add(f"    未经复议直接起诉: {_case_row()}")
    add(f"    复议后起诉: {_case_row()}")
    add("")
    add("# 正文数据：正文要写、表格里没有的数字。不知道的留空——起草时写成【待补充】，绝不编造。")
    add("正文数据:")
    add("  主动公开信息总数:        # 本年主动公开政府信息（条）")
    add("  主动公开分类: {}         # 按类别的条数，如 {政务动态: 60, 通知公告: 40}；各项之和应等于总数")
    add("  主动公开渠道: {}         # 按渠道的条数，如 {政府网站: 120, 政务新媒体: 13}")
    add("  政策解读:                # 发布政策解读（篇）")
    add("  信息处理费: 0            # 本年收取的信息处理费（元）；未收取填 0")
    add("  培训次数:                # 组织或参加政务公开业务培训（次）")
    add("  责任追究: 0              # 因政务公开工作被追究责任的次数")
    add("  新增栏目: []             # 本年新设的公开栏目或平台，如 [“优化营商环境”专栏]")
    add("")
    add("# 工作要点：各部分要写的事实，每条一句（写做了什么、数量、时间），起草时据此成文。")
    add("工作要点:")
    for key in ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"):
        add(f"  {key}: []")
    add("  工作考核、社会评议和责任追究: []   # 人民政府报告必填")
    add("  存在问题: []             # 本年存在的具体问题（写明对象或数字，避免套话）")
    add("  改进措施: []             # 与问题一一对应的措施")
    add("  其他事项: []             # 落实政务公开工作要点、建议提案办理、工作创新等")
    add("")
    add("# 上年度问题：上年报告“五、存在的主要问题及改进情况”中的问题、措施，以及本年整改情况（请补写）")
    if seed.previous_problems:
        add("上年度问题:")
        for item in seed.previous_problems:
            add(f"  - 问题: {_scalar(item.problem)}")
            add(f"    改进措施: {_scalar(item.measure)}")
            add("    整改情况:              # 本年做了什么、效果如何")
    else:
        add("上年度问题: []")
    return "\n".join(out) + "\n"
