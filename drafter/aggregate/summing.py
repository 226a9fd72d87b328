"""Summing: the chosen tables added cell by cell over the sources, each source's contribution kept (the provenance)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drafter.aggregate.sources import DEFAULT_TABLES, TABLES, AggregateRefused, Source, refusals, table_of
from drafter.check.figures import check_figures
from drafter.errors import InputError
from drafter.figures import Facts, Figures, UnitKind
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.report import SourceKind

# 正文数据 that add up across departments (counts of items, sessions, cases); the others are not sums.
SUMMABLE_FACTS = ("proactive_total", "policy_interpretations", "processing_fee", "processing_fee_cases",
                  "training_sessions", "trainees", "accountability_cases", "proposals")
SUMMABLE_FACT_MAPS = ("proactive_by_category", "proactive_by_channel")
OTHER_WHOLE = "三（六）"


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
        return [f for f in check_figures(self.figures, previous) if table_of(f) not in self.unfilled]

    def explain(self, location: str) -> list[tuple[Source, Contribution]]:
        """The contributions to one cell (``表三/一/总计``); raises InputError for a cell that was not summed."""
        key = normalize_location(location)
        if key not in self.provenance:
            raise InputError(f"汇总结果中没有单元格“{location}”",
                             hint=f"请按“表三/一/总计”“表四/行政复议/结果纠正”的形式书写；已汇总的表：{'、'.join(self.tables)}")
        return [(self.sources[c.source], c) for c in self.provenance[key]]


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


def normalize_location(location: str) -> str:
    """``表三/一/总计`` as the user may type it: full-width slashes and spaces, 表3, a row's short name."""
    text = unicodedata.normalize("NFKC", location).replace(" ", "").replace("\\", "/")
    text = text.replace("表2", L.TABLE2).replace("表3", L.TABLE3).replace("表4", L.TABLE4)
    # NFKC turns （…） into (…): the row ids use full-width brackets.
    return text.replace("(", "（").replace(")", "）")
