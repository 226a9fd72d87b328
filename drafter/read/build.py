"""Blocks from any reader into a :class:`~drafter.report.Report`: parts, metadata, figures, findings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from drafter.errors import ImportFailed
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.read.assemble import Assembler, Assembly, figures_data, label_finding
from drafter.read.blocks import Block, Paragraph
from drafter.read.lines import group_cells, promote_row_lines
from drafter.read.match import match_table2_label
from drafter.read.meta import head_metadata
from drafter.read.sections import Outline, outline, split_run_together, table_hints
from drafter.read.text import read_text_blocks
from drafter.read.traditional import is_traditional, to_simplified
from drafter.read.wrapped import join_wrapped_rows
from drafter.report import Report, Section, SourceKind

_AGENCY_IN_PREFACE = re.compile(r"本(?:年度)?报告(?:是)?由(.{2,40}?)(?:根据|依据|按照|编制)")


def build_report(kind: SourceKind, blocks: list[Block], path: Path, *, text: str | None = None,
                 run_together: bool = False, findings: list[Finding] | None = None,
                 traditional: bool | None = None) -> Report:
    """The report the blocks hold; ImportFailed when they hold no annual report. ``traditional``: the text was in
    traditional characters and has been converted already; None: not looked at yet (blocks in traditional characters
    are converted here)."""
    found = list(findings or [])
    if traditional is None and is_traditional(" ".join(
            b.text if isinstance(b, Paragraph) else " ".join(c or "" for r in b.rows for c in r) for b in blocks)):
        blocks, text, traditional = _simplified(blocks), to_simplified(text) if text is not None else None, True
    if traditional:
        found.append(Finding(Rule.IMPORT_TRADITIONAL, Severity.WARNING,
                             "原文是繁体字，已逐字按简体读取；引文以简体显示，核对时请以原文为准",
                             extra={"origin": "extraction"}))
    blocks = split_run_together(promote_row_lines(join_wrapped_rows(group_cells(blocks))))
    plan = outline(blocks)
    assembler = Assembler()
    for table, hint in table_hints(blocks, plan.part_of):
        assembler.feed(table, hint)
    assembly = assembler.finish()
    _refuse_non_reports(plan, assembly, blocks, path)
    year = _year(plan, found, path)
    agency = plan.agency or _agency_from_preface(plan.preface)
    unit = unit_kind(agency) if agency else None
    if not agency:
        agency = "（未识别）"
        unit = _kind_by_self_reference(" ".join(b.text for b in blocks if isinstance(b, Paragraph)))
        found.append(Finding(Rule.IMPORT_META, Severity.WARNING, "未能从标题中识别机关全称，请在“基本信息”中补上",
                             location="基本信息/机关全称", extra={"origin": "extraction"}))
    figures = None
    if assembly.found_tables:
        fmt = "2019" if assembly.format_2019 or (not assembly.t2_seen and year <= 2020) else "2021"
        found.extend(_format_findings(assembly, fmt, year))
        found.extend(_missing_rows(assembly))
        head = "\n".join(b.text for b in blocks[: _first_part(plan)] if isinstance(b, Paragraph))
        extra = head_metadata((text or "")[:3000] + "\n" + head, plan.preface)
        figures = _figures(assembly, agency, unit or unit_kind(agency), year, fmt, path, extra)
    found.extend(assembly.findings)
    if not assembly.found_tables:
        found.extend(_labels_without_numbers(blocks, plan))
    return Report(kind=kind, figures=figures, path=path, title=plan.title, preface=plan.preface,
                  sections=plan.sections, findings=found, text=None if run_together else text, stated_year=year)


def text_sections(text: str) -> list[Section]:
    """The parts of a text or Markdown report with their offsets in ``text`` (what ``regenerate`` replaces)."""
    return outline(promote_row_lines(join_wrapped_rows(read_text_blocks(text)))).sections


def _refuse_non_reports(plan: Outline, assembly: Assembly, blocks: list[Block], path: Path) -> None:
    if assembly.found_tables or len(plan.sections) >= 3:
        return
    words = "".join(b.text for b in blocks[:40] if isinstance(b, Paragraph))
    if plan.sections and re.search(r"信息公开|政务公开", words) and (
            "工作总结" not in words or re.search(r"年度报告|年报", words)):
        return  # a partial report (part 一 pasted alone, a web page cut off) is still a report
    if not words.strip():
        raise ImportFailed("文件中没有可读的文字", path=path,
                           hint="如果是扫描件或图片，请先做文字识别（OCR），或提供网页、Word 版本")
    if "工作总结" in words or ("总结" in (plan.title or "") and "年度报告" not in words):
        raise ImportFailed("这是一份工作总结，不是政府信息公开工作年度报告（没有六个部分和统计表）", path=path,
                           hint="请提供按国务院办公厅格式编写的年度报告")
    raise ImportFailed("没有找到政府信息公开工作年度报告的内容（既没有“一、总体情况”等六个部分，也没有统计表）",
                       path=path, hint="请确认文件是年度报告本身，而不是栏目页、目录页或其他文件")


def _year(plan: Outline, found: list[Finding], path: Path) -> int:
    year = plan.year or plan.period_year
    if year is None:
        raise ImportFailed("无法确定报告年度（标题和“统计期限”中都没有年份）", path=path,
                           hint="请确认报告标题含有年度，如“2023年政府信息公开工作年度报告”")
    if plan.year and plan.period_year and plan.year != plan.period_year:
        found.append(Finding(
            Rule.META_YEAR, Severity.WARNING,
            f"标题中的年度（{plan.year}年）与统计期限中的年度（{plan.period_year}年）不一致（原文如此）",
            expected=plan.year, actual=plan.period_year, extra={"origin": "source"}))
    return year


def _labels_without_numbers(blocks: list[Block], plan: Outline) -> list[Finding]:
    """A 表二 printed with its row labels and no number in any cell (the page shows an empty table)."""
    texts = [b.text.strip() for i, b in enumerate(blocks) if isinstance(b, Paragraph) and plan.part_of[i] == "二"]
    labels = [t for t in texts if match_table2_label(t)]
    if len(labels) < 3 or not any(t == "信息内容" for t in texts) or any(re.fullmatch(r"[\d.]+", t) for t in texts):
        return []
    return [Finding(Rule.TABLE_BLANK, Severity.WARNING,
                    f"表二只印出了栏目（{'、'.join(labels[:4])}等），所有单元格都没有数字；没有的应填 0",
                    section=L.TABLE2, location=L.TABLE2, extra={"origin": "source"})]


def _agency_from_preface(preface: str) -> str | None:
    match = _AGENCY_IN_PREFACE.search(preface)
    return match.group(1) if match else None


def _format_findings(assembly: Assembly, fmt: str, year: int) -> list[Finding]:
    out = []
    if fmt == "2019" and year >= 2021:
        out.append(Finding(Rule.STRUCTURE_OLD_FORMAT, Severity.WARNING,
                           f"{year}年度报告仍使用2019年试行格式的表二（国办公开办函〔2019〕60号），"
                           "应使用国办公开办函〔2021〕30号规定的格式", section=L.TABLE2,
                           extra={"origin": "source"}))
    if fmt == "2021" and "三（六）" in assembly.table3:
        out.append(label_finding("表三“（六）其他处理”印作一行，缺少格式规定的 1–3 项（原文如此），已整行读入",
                                 f"{L.TABLE3}/三（六）", section=L.TABLE3))
    return out


def _missing_rows(assembly: Assembly) -> list[Finding]:
    if not assembly.table3:
        return []
    out = []
    unsure = {f.location for f in assembly.findings if f.rule == Rule.IMPORT_UNCERTAIN}
    seen = [i for i, row in enumerate(L.TABLE3_ROWS)
            if row.id in assembly.table3 or f"{L.TABLE3}/{row.id}" in unsure]
    missing = []
    for row in L.TABLE3_ROWS:
        if row.id in assembly.table3 or f"{L.TABLE3}/{row.id}" in unsure:
            continue
        if row.id.startswith("三（六）") and "三（六）" in assembly.table3:
            continue
        missing.append(row)
    # The rows after the last one printed: a text cut off inside 表三 (a page's opening). Said once.
    tail = [row for row in missing if seen and L.TABLE3_ROWS.index(row) > seen[-1]]
    if len(tail) < 2:
        tail = []
    for row in missing:
        if row not in tail:
            out.append(label_finding(f"表三缺少“{L.t3_row_name(row.id)}”一行（原文没有或未能识别）",
                                     f"{L.TABLE3}/{row.id}", section=L.TABLE3))
    if tail:
        last = L.TABLE3_ROWS[seen[-1]].id
        out.append(label_finding(
            f"表三在“{L.t3_row_name(last)}”之后没有内容（原文可能在此截断），其后 {len(tail)} 行"
            f"（“{L.t3_row_name(tail[0].id)}”至“{L.t3_row_name(tail[-1].id)}”）未读入",
            f"{L.TABLE3}/{tail[0].id}", section=L.TABLE3))
    return out


def unit_kind(agency: str) -> str:
    """The kind of unit an agency's name says: a region's name alone stands for its 人民政府."""
    name = re.sub(r"[（(].*?[）)]", "", agency).strip()
    if re.search(r"(乡|镇|街道|街道办事处)(人民政府)?$", name):
        return "乡镇街道"
    if re.search(r"(园区|开发区|高新区|工业区|保税区|示范区|经开区|合作区)(党政办公室|管委会|管理委员会)?$", name) and \
            "人民政府" not in name:
        # A park's or zone's 管委会 is a body the government sends out, not a 人民政府 (条例第五十条第四项).
        return "政府部门"
    if re.search(r"(人民政府|政府|管委会|管理委员会|实验区|新区|开发区|[省市县区旗盟州])$", name):
        return "人民政府"
    return "政府部门"


# How a report names its own unit when no title says it (“我镇…”, “本局…”).
_SELF_TOWN = re.compile(r"[我本](?:镇|乡|街道)")
_SELF_OTHER = re.compile(r"[我本](?:局|委|办|厅|部|署|中心|院|会|站|处|所|区|县|市|省|州|旗|盟)")


def _kind_by_self_reference(prose: str) -> str | None:
    """乡镇街道 when a report without its agency's name speaks of itself as a town, township or street office
    more often than as anything else; None when it does not say."""
    towns, others = len(_SELF_TOWN.findall(prose)), len(_SELF_OTHER.findall(prose))
    return "乡镇街道" if towns and towns > others else None


def _simplified(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(replace(block, text=to_simplified(block.text)))
        else:
            out.append(replace(block, rows=[[None if c is None else to_simplified(c) for c in row]
                                            for row in block.rows]))
    return out


def _first_part(plan: Outline) -> int:
    return next((i for i, numeral in enumerate(plan.part_of) if numeral), len(plan.part_of))


def _figures(assembly: Assembly, agency: str, kind: str, year: int, fmt: str, path: Path,
             extra: dict[str, Any]) -> Any:
    from pydantic import ValidationError


    data = figures_data(assembly)
    data["基本信息"] = {"机关全称": agency, "报告年度": year, "表格式样": fmt, "来源": path.name,
                        "机关类型": kind, **extra}
    try:
        return Figures.model_validate(data, context={"lenient": True})
    except ValidationError as exc:  # a defect of the importer, not of the user's file
        raise ImportFailed(f"读入的表格数据不符合 figures 模型：{exc.errors()[0]['msg']}", path=path) from None
