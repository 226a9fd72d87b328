"""The sources of an aggregate: each departmental report or figures file read and checked, and why a set of sources
cannot be summed (different years, one agency twice, the 2019 format, tables read without confidence, unreadable)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.check.figures import attribute_to_source, check_figures
from drafter.errors import InputError
from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.read.inputs import open_figures
from drafter.report import Report

TABLES = (L.TABLE2, L.TABLE3, L.TABLE4)
DEFAULT_TABLES = (L.TABLE3, L.TABLE4)
# The table rules whose failure keeps a source out of the sum (unless the user accepts it).
BLOCKING_RULES = frozenset({Rule.TABLE_BALANCE, Rule.TABLE_SUM, Rule.TABLE_BLANK, Rule.TABLE_NEGATIVE})
# What a folder given as a source may hold; anything else in it (backups, notes) is passed over.
SOURCE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".docx", ".pdf", ".yaml",
                             ".yml", ".json", ".xlsx"})
_BACKUP = re.compile(r"(\.bak\d*$|（备份\d*）|~\$)")
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
        return [f for f in self.findings if f.rule in BLOCKING_RULES and table_of(f) in chosen
                and (f.severity is Severity.ERROR or f.rule is Rule.TABLE_BLANK)]

    def uncertain(self, tables: Iterable[str]) -> list[Finding]:
        """Cells of the chosen tables the reader could not place with confidence."""
        chosen = tuple(tables)
        return [f for f in self.findings if f.rule is Rule.IMPORT_UNCERTAIN and table_of(f) in chosen]

    def key_figures(self) -> dict[str, int | float | None]:
        """新收, 办结, 结转, 复议, 诉讼: the figures a reviewer compares first."""
        return key_figures(self.figures)


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
        "诉讼": None if any(v is None for v in suits) else sum(v for v in suits if v is not None),
    }


def table_of(finding: Finding) -> str | None:
    """The table (表二/表三/表四) a finding speaks of, or None."""
    location = finding.location or ""
    head = location.split("/", 1)[0]
    if head in TABLES:
        return head
    return finding.section if finding.section in TABLES else None
