"""汇总: a government's figures from its departments' reports, every summed cell traceable to its sources.

``read_sources`` opens each departmental report or figures file and checks its tables; ``aggregate`` refuses what
cannot be summed (different years, one agency twice, the 2019 format, tables read without confidence, unreadable
files) and sums the chosen tables cell by cell, keeping each source's contribution (the provenance).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.check.figures import attribute_to_source, check_figures
from drafter.errors import InputError
from drafter.figures import Facts, Figures, UnitKind
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity, summarize
from drafter.read.inputs import open_figures
from drafter.report import Report, SourceKind

TABLES = (L.TABLE2, L.TABLE3, L.TABLE4)
DEFAULT_TABLES = (L.TABLE3, L.TABLE4)
# The table rules whose failure keeps a source out of the sum (unless the user accepts it).
BLOCKING_RULES = frozenset({Rule.TABLE_BALANCE, Rule.TABLE_SUM, Rule.TABLE_BLANK, Rule.TABLE_NEGATIVE})
# What a folder given as a source may hold; anything else in it (backups, notes) is passed over.
SOURCE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".docx", ".pdf", ".yaml",
                             ".yml", ".json", ".xlsx"})
_BACKUP = re.compile(r"(\.bak\d*$|（备份\d*）|~\$)")
# 正文数据 that add up across departments (counts of items, sessions, cases); the others are not sums.
SUMMABLE_FACTS = ("proactive_total", "policy_interpretations", "processing_fee", "processing_fee_cases",
                  "training_sessions", "trainees", "accountability_cases", "proposals")
SUMMABLE_FACT_MAPS = ("proactive_by_category", "proactive_by_channel")
OTHER_WHOLE = "三（六）"
AGENCY_CELL = "基本信息/机关全称"


class AggregateRefused(InputError):
    """Raised when the sources cannot be summed at all: their years differ, one agency comes twice, a source is in
    the 2019 format, unreadable, or its tables were read without confidence. ``problems`` names each source."""

    def __init__(self, message: str, problems: list[str], *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"  · {p}" for p in self.problems)])


@dataclass(slots=True)
class Source:
    """One departmental input: the report read from it (or why it could not be read) and its table findings."""

    path: Path
    report: Report | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    # The report does not name its agency: the file's name stands for it (departments name their files so).
    named_by_file: bool = False

    @property
    def figures(self) -> Figures | None:
        return self.report.figures if self.report is not None else None

    @property
    def agency(self) -> str | None:
        if self.named_by_file:
            return self.path.stem
        return self.figures.meta.agency if self.figures is not None else None

    @property
    def year(self) -> int | None:
        return self.figures.meta.year if self.figures is not None else None

    @property
    def kind(self) -> str:
        return str(self.report.kind) if self.report is not None else "—"

    def blocking(self, tables: Iterable[str]) -> list[Finding]:
        """The findings that keep this source out of the sum of ``tables``."""
        chosen = tuple(tables)
        return [f for f in self.findings if f.rule in BLOCKING_RULES and _table_of(f) in chosen
                and (f.severity is Severity.ERROR or f.rule is Rule.TABLE_BLANK)]

    def uncertain(self, tables: Iterable[str]) -> list[Finding]:
        """Cells of the chosen tables the reader could not place with confidence."""
        chosen = tuple(tables)
        return [f for f in self.findings if f.rule is Rule.IMPORT_UNCERTAIN and _table_of(f) in chosen]

    def key_figures(self) -> dict[str, int | float | None]:
        """新收, 办结, 结转, 复议, 诉讼: the figures a reviewer compares first."""
        return key_figures(self.figures)


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one source adds to one cell: its value, and a note when the value is not a plain number."""

    source: int  # index into Aggregate.sources
    value: int | float
    raw: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Aggregate:
    """The summed figures, the sources they come from, and for every summed cell each source's contribution."""

    figures: Figures
    sources: list[Source]
    tables: tuple[str, ...]
    provenance: dict[str, list[Contribution]]
    findings: list[Finding]
    # Tables neither summed nor taken from a base file: left blank for the clerk to fill in.
    unfilled: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        """True when a source with table errors was not accepted: the result must not be used."""
        return any(f.rule == Rule.AGGREGATE_SOURCE_ERROR and f.severity is Severity.ERROR for f in self.findings)

    def check(self, previous: Figures | None = None) -> list[Finding]:
        """The table rules (and with ``previous`` the cross-year rules) on the result, tables left blank aside."""
        return [f for f in check_figures(self.figures, previous) if _table_of(f) not in self.unfilled]

    def explain(self, location: str) -> list[tuple[Source, Contribution]]:
        """The contributions to one cell (``表三/一/总计``); raises InputError for a cell that was not summed."""
        key = normalize_location(location)
        if key not in self.provenance:
            raise InputError(f"汇总结果中没有单元格“{location}”",
                             hint=f"请按“表三/一/总计”“表四/行政复议/结果纠正”的形式书写；已汇总的表：{'、'.join(self.tables)}")
        return [(self.sources[c.source], c) for c in self.provenance[key]]


# ------------------------------------------------------------------------------------------- reading sources


def expand_sources(paths: Iterable[Path], *, exclude: Iterable[Path] = ()) -> list[Path]:
    """The files named, with folders replaced by the report and figures files inside them (sorted, not recursive
    into hidden folders); ``exclude`` (the output and its sidecar) is passed over."""
    skip = {p.resolve() for p in exclude}
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts)
                           and not _BACKUP.search(p.name))
            if not found:
                raise InputError("文件夹中没有可读取的报告或 figures 文件", path=path,
                                 hint="可汇总的文件：.txt .md .html .docx .pdf .yaml .json .xlsx")
            out.extend(found)
        else:
            out.append(path)
    unique: list[Path] = []
    seen: set[Path] = set()
    for p in out:
        key = p.resolve()
        if key in skip or key in seen:
            continue
        seen.add(key)
        unique.append(p)
    return unique


def read_source(path: Path) -> Source:
    """Open one source and check its tables; a file that cannot be used is a Source with its error, never a raise."""
    try:
        report = open_figures(path)
    except InputError as exc:
        return Source(path, error=exc.message + (f"（{exc.hint}）" if exc.hint else ""))
    assert report.figures is not None
    findings = list(report.findings) + attribute_to_source(check_figures(report.figures), report)
    unnamed = any(f.location == AGENCY_CELL and f.rule is Rule.IMPORT_META for f in report.findings)
    return Source(path, report=report, findings=findings, named_by_file=unnamed)


def read_sources(paths: Iterable[Path]) -> list[Source]:
    """Every source read and checked, in the order given."""
    return [read_source(p) for p in paths]


# ------------------------------------------------------------------------------------------- refusing


def refusals(sources: list[Source], tables: tuple[str, ...], year: int | None) -> list[str]:
    """Why the sources cannot be summed, one line per source concerned (empty when they can)."""
    problems: list[str] = []
    for s in sources:
        if s.error is not None:
            problems.append(f"{s.path}：无法读取——{s.error}")
        elif s.figures is not None and (s.figures.meta.format == "2019" or s.figures.legacy_table2):
            problems.append(f"{s.path}：使用 2019 年格式的统计表，与 2021 年格式不可相加，请改用 2021 年格式")
        elif s.uncertain(tables):
            cells = "、".join(sorted({f.location or f.section or "" for f in s.uncertain(tables)}))
            problems.append(f"{s.path}：表格有读取不确定的单元格（{cells}）；请先运行 drafter import {s.path} -o "
                            f"{s.path.stem}.yaml，对照原文核实后，以该 figures 文件代替此来源")
    readable = [s for s in sources if s.figures is not None]
    years = {s.year for s in readable}
    target = year if year is not None else (years.pop() if len(years) == 1 else None)
    if target is None and readable:
        listing = "；".join(f"{s.path}（{s.year} 年度）" for s in readable)
        problems.append(f"来源的年度不一致，不能相加：{listing}")
    elif target is not None:
        problems += [f"{s.path}：是 {s.year} 年度的报告，汇总的是 {target} 年度" for s in readable if s.year != target]
    by_agency: dict[str, list[Source]] = {}
    for s in readable:
        by_agency.setdefault(agency_key(s.agency or ""), []).append(s)
    for group in by_agency.values():
        if len(group) > 1:
            names = "、".join(str(s.path) for s in group)
            problems.append(f"“{group[0].agency}”出现了 {len(group)} 次（{names}）：可能是重复报送，请只保留一份")
    return problems


def agency_key(name: str) -> str:
    """An agency name compared across sources: width, spaces and brackets folded."""
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s()（）]", "", text)


# ------------------------------------------------------------------------------------------- summing


def aggregate(sources: list[Source], *, agency: str, kind: UnitKind = UnitKind.GOVERNMENT,
              year: int | None = None, tables: Iterable[str] = DEFAULT_TABLES, accept_errors: bool = False,
              base: Figures | None = None) -> Aggregate:
    """Sum the chosen tables over the sources.

    Raises :class:`AggregateRefused` when the sources cannot be summed. Sources whose tables fail a blocking rule
    are summed only with ``accept_errors`` (then a blank cell counts as 0, and the note says so); otherwise the
    result is still computed for review, and ``findings`` holds one error per such source.
    Tables not chosen, 正文数据 not stated by every source, and 工作要点 come from ``base`` when it is given.
    """
    chosen = tuple(t for t in TABLES if t in set(tables))
    if not sources:
        raise InputError("没有给出要汇总的来源", hint="请列出各部门的年度报告或 figures 文件，或包含它们的文件夹")
    problems = refusals(sources, chosen, year)
    if problems:
        raise AggregateRefused(f"{len(problems)} 处问题使这些来源无法汇总", problems,
                               hint="修正或移除所列来源后重试")
    target_year = year if year is not None else sources[0].year
    assert target_year is not None
    findings: list[Finding] = []
    for s in sources:
        blocking = s.blocking(chosen)
        if blocking:
            severity = Severity.WARNING if accept_errors else Severity.ERROR
            action = "已按 --accept-errors 计入汇总" if accept_errors else "未修正前不应计入汇总"
            rules = "、".join(sorted({f.rule for f in blocking}))
            findings.append(Finding(Rule.AGGREGATE_SOURCE_ERROR, severity,
                                    f"{s.agency}（{s.path.name}）的表格有 {len(blocking)} 处错误（{rules}），{action}",
                                    location=str(s.path), extra={"file": str(s.path)}))
    findings += _identical_sources(sources, chosen)

    provenance: dict[str, list[Contribution]] = {}
    data: dict[str, Any] = base.to_data() if base is not None else {}
    data["基本信息"] = _meta(agency, kind, target_year, base, len(sources))
    one_row_other = any(s.figures is not None and s.figures.table3.other_is_one_row() for s in sources)
    for table in chosen:
        cells = {loc: _sum(loc, contributions, provenance)
                 for loc, contributions in _contributions(sources, table, one_row_other).items()}
        data[table] = _table_data(table, cells)
    facts, fact_findings = _facts(sources, base)
    data["正文数据"] = facts
    findings += fact_findings
    figures = Figures.model_validate(data)
    unfilled = () if base is not None else tuple(t for t in TABLES if t not in chosen)
    return Aggregate(figures, sources, chosen, provenance, findings, unfilled)


def _meta(agency: str, kind: UnitKind, year: int, base: Figures | None, count: int) -> dict[str, Any]:
    meta: dict[str, Any] = base.meta.model_dump(by_alias=True, exclude_none=True, mode="json") if base else {}
    meta.update({"机关全称": agency, "报告年度": year, "机关类型": str(kind),
                 "来源": f"drafter aggregate：{count} 个来源的统计表汇总"})
    return meta


def _contributions(sources: list[Source], table: str,
                   one_row_other: bool) -> dict[str, list[Contribution]]:
    out: dict[str, list[Contribution]] = {}
    for index, source in enumerate(sources):
        assert source.figures is not None
        for loc, value, raw in cells_of(source.figures, table, one_row_other=one_row_other):
            if value is None:
                note = "空白，按 0 计" if not (raw or "").strip() else f"“{raw}”，按 0 计"
                out.setdefault(loc, []).append(Contribution(index, 0, raw, note))
            else:
                out.setdefault(loc, []).append(Contribution(index, value, raw))
    return out


def _sum(location: str, contributions: list[Contribution], provenance: dict[str, list[Contribution]]) -> int | float:
    provenance[location] = contributions
    total = sum((Decimal(str(c.value)) for c in contributions), Decimal(0))
    return int(total) if total == total.to_integral_value() else float(total)


def cells_of(figures: Figures, table: str, *,
             one_row_other: bool = False) -> Iterator[tuple[str, int | float | None, str | None]]:
    """``(location, value, raw)`` of every cell of one table, totals as they count (given, else computed).

    With ``one_row_other`` （六）其他处理 is given as its one row ``三（六）`` whatever form the source used, so that
    sources that split it into 1–3 and sources that did not can be added.
    """
    if table == L.TABLE2:
        for row, column, cell in figures.table2.cells():
            yield f"{L.TABLE2}/{row}/{column}", cell.value, cell.raw
    elif table == L.TABLE3:
        t3 = figures.table3
        for t3_row in L.TABLE3_ROWS:
            rid = t3_row.id
            if rid.startswith(OTHER_WHOLE) and (one_row_other or t3.other_is_one_row()):
                if rid != OTHER_WHOLE + "1":
                    continue
                for attr, label in L.T3_COLUMNS:
                    yield f"{L.TABLE3}/{OTHER_WHOLE}/{label}", _other_whole(t3, attr), None
                continue
            applicants = t3.row(rid)
            for attr, label in L.T3_COLUMNS:
                raw = getattr(applicants, attr).raw if applicants is not None and getattr(applicants, attr) else ""
                yield f"{L.TABLE3}/{rid}/{label}", t3.value(rid, attr), raw
    elif table == L.TABLE4:
        for rid, _, block in figures.table4.blocks():
            for attr, label in L.T4_COLUMNS:
                given = getattr(block, attr)
                yield f"{L.TABLE4}/{rid}/{label}", block.value(attr), given.raw if given is not None else None


def _other_whole(t3: Any, attr: str) -> int | float | None:
    if t3.other_is_one_row():
        return t3.value(OTHER_WHOLE, attr)
    values = [t3.value(f"{OTHER_WHOLE}{n}", attr) for n in (1, 2, 3)]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _table_data(table: str, cells: dict[str, int | float]) -> dict[str, Any]:
    """Figures-file data of one table from its summed cells (keyed by location)."""
    data: dict[str, Any] = {}
    for location, value in cells.items():
        _, row, column = location.split("/", 2)
        if table == L.TABLE2:
            data.setdefault(row, {})[column] = value
        elif table == L.TABLE3:
            path = (L.T3_OTHER_WHOLE if row == OTHER_WHOLE else L.TABLE3_ROW[row]).path
            node = data
            for part in path:
                node = node.setdefault(part, {})
            node[column] = value
        else:
            block, column = location.split("/", 1)[1].rsplit("/", 1)
            attr = next(a for a, rid, _ in L.T4_BLOCKS if rid == block)
            node = data if attr == "review" else data.setdefault("litigation", {})
            node.setdefault(attr, {})[column] = value
    return data


def _facts(sources: list[Source], base: Figures | None) -> tuple[dict[str, Any], list[Finding]]:
    """正文数据 summed where every source states it; otherwise taken from ``base`` (or left for the clerk)."""
    facts = base.facts.model_dump(exclude_none=True) if base is not None else {}
    findings: list[Finding] = []
    stated = [(s, s.figures.facts) for s in sources if s.figures is not None]
    for name in SUMMABLE_FACTS:
        values = [(s, getattr(f, name)) for s, f in stated]
        given = [v for _, v in values if v is not None]
        if given and len(given) == len(values):
            facts[name] = _plain(sum((Decimal(str(v)) for v in given), Decimal(0)))
        elif given:
            label = Facts.model_fields[name].serialization_alias or name
            lacking = [s for s, v in values if v is None]
            names = "、".join(s.agency or s.path.name for s in lacking[:3]) + ("等" if len(lacking) > 3 else "")
            reports = "（已发布报告正文中的数字不作为数据读入）" if any(
                s.report is not None and s.report.kind is not SourceKind.FIGURES for s in lacking) else ""
            findings.append(Finding(
                Rule.AGGREGATE_PARTIAL_FACT, Severity.WARNING,
                f"正文数据“{label}”只有 {len(given)}/{len(values)} 个来源给出，{names}没有{reports}；"
                "部分相加会少算，未汇总，请核实后在结果中填写",
                location=f"正文数据/{label}"))
    for name in SUMMABLE_FACT_MAPS:
        maps = [getattr(f, name) for _, f in stated]
        if maps and all(maps):
            summed: dict[str, Decimal] = {}
            for m in maps:
                for key, value in m.items():
                    summed[key] = summed.get(key, Decimal(0)) + Decimal(str(value))
            facts[name] = {k: _plain(v) for k, v in summed.items()}
    aliases = {name: (f.serialization_alias or name) for name, f in Facts.model_fields.items()}
    return {aliases[k]: v for k, v in facts.items() if v not in (None, [], {})}, findings


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _identical_sources(sources: list[Source], tables: tuple[str, ...]) -> list[Finding]:
    """Two agencies with the very same nonzero tables: likely one department's file sent under two names."""
    seen: dict[tuple[Any, ...], Source] = {}
    findings: list[Finding] = []
    for s in sources:
        assert s.figures is not None
        cells = tuple(v for t in tables for _, v, _ in cells_of(s.figures, t, one_row_other=True))
        if not any(cells):
            continue  # all zero is common for small departments
        if cells in seen:
            other = seen[cells]
            findings.append(Finding(Rule.AGGREGATE_IDENTICAL, Severity.WARNING,
                                    f"{s.agency}（{s.path.name}）与{other.agency}（{other.path.name}）的统计表完全相同，"
                                    "请核实是否误报了同一份数据", location=str(s.path)))
        else:
            seen[cells] = s
    return findings


# ------------------------------------------------------------------------------------------- reading results


def key_figures(figures: Figures | None) -> dict[str, int | float | None]:
    """新收, 办结, 结转, 复议, 诉讼 of one year's figures (None where a cell holds no number)."""
    if figures is None:
        return dict.fromkeys(("新收", "办结", "结转", "复议", "诉讼"))
    t3, t4 = figures.table3, figures.table4
    suits = [t4.litigation.direct_suit.value("total"), t4.litigation.suit_after_review.value("total")]
    return {
        "新收": t3.value("一", "total"),
        "办结": t3.value("三（七）", "total"),
        "结转": t3.value("四", "total"),
        "复议": t4.review.value("total"),
        "诉讼": None if any(v is None for v in suits) else sum(suits),  # type: ignore[arg-type]
    }


def normalize_location(location: str) -> str:
    """``表三/一/总计`` as the user may type it: full-width slashes and spaces, 表3, a row's short name."""
    text = unicodedata.normalize("NFKC", location).replace(" ", "").replace("\\", "/")
    text = text.replace("表2", L.TABLE2).replace("表3", L.TABLE3).replace("表4", L.TABLE4)
    # NFKC turns （…） into (…): the row ids use full-width brackets.
    return text.replace("(", "（").replace(")", "）")


def _table_of(finding: Finding) -> str | None:
    location = finding.location or ""
    head = location.split("/", 1)[0]
    if head in TABLES:
        return head
    return finding.section if finding.section in TABLES else None


def provenance_document(result: Aggregate) -> dict[str, Any]:
    """The sidecar's content: the sources and, per summed cell, each source's contribution."""
    return {
        "sources": [source_entry(s) for s in result.sources],
        "tables": list(result.tables),
        "cells": {loc: [{"file": str(result.sources[c.source].path), "agency": result.sources[c.source].agency,
                         "value": c.value, **({"note": c.note} if c.note else {})} for c in contributions]
                  for loc, contributions in result.provenance.items()},
    }


FORMAT_NAMES = {SourceKind.FIGURES: "数据文件", SourceKind.TEXT: "文本", SourceKind.MARKDOWN: "文本",
                SourceKind.HTML: "网页", SourceKind.DOCX: "Word", SourceKind.PDF: "PDF"}


def source_entry(s: Source) -> dict[str, Any]:
    """One source as the table of sources and ``--format json`` show it."""
    entry: dict[str, Any] = {"file": str(s.path), "agency": s.agency, "year": s.year, "format": s.kind}
    if s.named_by_file:
        entry["agency_from"] = "file_name"
    if s.error is not None:
        entry["error"] = s.error
        return entry
    entry["key_figures"] = s.key_figures()
    entry["findings"] = [f.to_dict() for f in s.findings]
    entry["summary"] = summarize(s.findings)
    return entry
