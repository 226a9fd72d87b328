"""Where each finding stands in a report: the quoted sentence in its paragraph, the table cells, or the part's heading.

The text is the report's running text as the checker reads it (``drafter.text``), so a quote is found exactly
where the checker took it from. Table cells are named by ``(table, row, column)`` keys, the same words as the
findings' ``location`` (docs/CLI.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.findings import Finding, Rule
from drafter.render.layout import (
    Align,
    Grid,
    GridCell,
    legacy_table2_grid,
    table2_grid,
    table3_grid,
    table4_grid,
)
from drafter.report import Report
from drafter.text import paragraphs, section_paragraphs

CellKey = tuple[str, str, str]  # (表三, 三（七）, 总计); column "" is the row's label cell
TABLE_PART = {L.TABLE2: "二", L.TABLE3: "三", L.TABLE4: "四"}
_T4_ALIASES = {name: rid for _, rid, name in L.T4_BLOCKS}
UNSPLIT = "原文"  # the column of a row shown as published, its numbers run together
_LEGAL_PERSONS = tuple(label for _, label in L.T3_APPLICANT_COLUMNS[1:])


@dataclass(slots=True)
class Part:
    """A block of running text: the preface (numeral None) or one of the six parts with its heading."""

    numeral: str | None
    heading: str | None
    paragraphs: list[str]


@dataclass(slots=True)
class Place:
    """Where one finding is shown: ``text`` (a span of a paragraph), ``cells``, ``heading``, ``missing`` (the
    place of a part the report lacks) or ``title``."""

    kind: str
    part: str | None = None  # the part's numeral; None for the preface
    paragraph: int = -1
    start: int = 0
    end: int = 0
    cells: frozenset[CellKey] = frozenset()
    related: frozenset[CellKey] = frozenset()  # the cells the rule added up or compared (marked lighter)
    exact: bool = True  # False when the quote or cells could not be found and the place is the part's heading


@dataclass(slots=True)
class KeyedGrid:
    """A table as printed, with the key of every number cell and row label (None for captions and headers)."""

    table: str
    grid: Grid
    keys: list[list[CellKey | None]] = field(default_factory=list)


def report_parts(report: Report) -> list[Part]:
    """The preface and the six parts as running-text paragraphs, in the report's order."""
    parts = []
    if report.preface.strip():
        parts.append(Part(None, None, paragraphs(report.preface)))
    for section in report.sections:
        parts.append(Part(section.numeral, section.heading, section_paragraphs(section)))
    return parts


def keyed_grids(figures: Figures, findings: list[Finding] | tuple[Finding, ...] = ()) -> dict[str, KeyedGrid]:
    """表二/表三/表四 keyed by the part they are printed in (二, 三, 四).

    A 2019-format 表二 row the importer could not split is not in the figures; it is shown as published (the
    finding's quote) so that its finding has a place.
    """
    if figures.meta.format == "2019" and figures.legacy_table2:
        legacy = figures.legacy_table2
        width = max((len(cols) for cols in legacy.values()), default=1)
        rows2: list[tuple[str, list[str | None]]] = [
            (label, list(cols) + [None] * (width - len(cols))) for label, cols in legacy.items()]
        grid2 = legacy_table2_grid(legacy)
        for finding in findings:
            head, _, row = (finding.location or "").partition("/")
            if head == L.LEGACY_TABLE2 and row and row not in legacy and row not in [r for r, _ in rows2]:
                grid2.rows.append([GridCell(row, align=Align.LEFT),
                                   GridCell(finding.quote or "", colspan=width, header=False)])
                rows2.append((row, [UNSPLIT]))
        t2 = _keyed(L.TABLE2, grid2, rows2)
    else:
        rows2 = []
        for t2_row in L.TABLE2_ROWS:
            model = getattr(figures.table2, t2_row.key)
            count = len(type(model).model_fields)
            rows2.append((t2_row.label, list(t2_row.columns[:count])))
        t2 = _keyed(L.TABLE2, table2_grid(figures), rows2)
    t3_columns: list[str | None] = [label for _, label in L.T3_COLUMNS]
    t3 = _keyed(L.TABLE3, table3_grid(figures), [(rid, t3_columns) for rid in figures.table3.row_ids()])
    t4_columns: list[str | None] = [label for _, label in L.T4_COLUMNS]
    t4 = _keyed(L.TABLE4, table4_grid(figures), [(rid, t4_columns) for _, rid, _ in L.T4_BLOCKS], one_row=True)
    return {"二": t2, "三": t3, "四": t4}


def _keyed(table: str, grid: Grid, rows: list[tuple[str, list[str | None]]], *, one_row: bool = False) -> KeyedGrid:
    """Give the number cells of ``grid`` their keys, in printed order (``rows``: row id and its columns; a None
    column is a padding cell)."""
    numbers: list[CellKey | None] = [(table, rid, col) if col is not None else None
                                     for rid, cols in rows for col in cols]
    out = KeyedGrid(table, grid)
    position = 0
    for line in grid.rows:
        keys: list[CellKey | None] = [None] * len(line)
        first_number = next((i for i, c in enumerate(line) if not c.header), None)
        for i, cell in enumerate(line):
            if cell.header or position >= len(numbers):
                continue
            keys[i] = numbers[position]
            position += 1
        if first_number and not one_row and keys[first_number] is not None:
            row = keys[first_number]
            assert row is not None
            keys[first_number - 1] = (table, row[1], "")  # the row's own label
        out.keys.append(keys)
    return out


def resolve_cells(location: str, grids: dict[str, KeyedGrid]) -> frozenset[CellKey]:
    """The cells a finding's ``location`` names (``表三/三（四）/总计``, ``表四/行政复议+…/结果纠正+其他结果``)."""
    head, _, rest = location.partition("/")
    table = head[:2]
    part = TABLE_PART.get(table)
    if part is None or part not in grids:
        return frozenset()
    keyed = grids[part]
    every = [k for line in keyed.keys for k in line if k is not None]
    for alias, rid in _T4_ALIASES.items():
        rest = rest.replace(alias, rid)
    if not rest:
        return frozenset(k for k in every if k[2])
    row_ids = list(dict.fromkeys(k[1] for k in every))
    columns = list(dict.fromkeys(k[2] for k in every if k[2]))
    cuts = [i for i, ch in enumerate(rest) if ch == "/"][::-1] + [len(rest)]
    for cut in cuts:
        rows = _rows(rest[:cut], row_ids)
        if rows is None:
            continue
        col_text = rest[cut + 1:]
        if not col_text:
            wanted = set(columns) | {""}
        else:
            cols = _columns(col_text, columns)
            if cols is None:
                continue
            wanted = set(cols)
        found = frozenset(k for k in every if k[1] in rows and k[2] in wanted)
        if found:
            return found
    return frozenset()


def _rows(text: str, row_ids: list[str]) -> set[str] | None:
    rows: set[str] = set()
    for name in text.split("+"):
        if name == "*":
            rows.update(row_ids)
        elif name in row_ids:
            rows.add(name)
        else:
            group = [r for r in row_ids if r.startswith(name + "/") or (name in L.T3_GROUPS and r.startswith(name))]
            if not group:
                return None
            rows.update(group)
    return rows


def _columns(text: str, columns: list[str]) -> set[str] | None:
    if text == "*":
        return set(columns)
    if text == L.LEGAL_PERSONS:
        return set(_LEGAL_PERSONS)
    cols = set(text.split("+"))
    return cols if cols <= set(columns) else None


def place_findings(report: Report, findings: list[Finding], grids: dict[str, KeyedGrid]) -> list[Place]:
    """One place per finding, in the findings' order."""
    parts = report_parts(report)
    numerals: set[str | None] = {p.numeral for p in parts if p.numeral}
    return [_place(f, parts, numerals, grids) for f in findings]


def _place(finding: Finding, parts: list[Part], numerals: set[str | None], grids: dict[str, KeyedGrid]) -> Place:
    section = finding.section
    part = TABLE_PART.get(section or "", section)
    cells: frozenset[CellKey] = frozenset()
    if finding.location and finding.location[:2] in TABLE_PART:
        cells = resolve_cells(finding.location, grids)
    # A sentence of the prose is the finding's place (the cells it speaks of are marked too); a table
    # finding's place is its cells.
    if finding.quote and section not in TABLE_PART:
        found = _find_quote(finding.quote, parts, part)
        if found is not None:
            found.cells = cells
            return found
    if cells:
        return Place("cells", TABLE_PART[finding.location[:2]], cells=cells,  # type: ignore[index]
                     related=_related(finding, cells, grids) - cells)
    if finding.quote:
        found = _find_quote(finding.quote, parts, part)
        if found is not None:
            return found
    if section in TABLE_PART and TABLE_PART[section] in grids:
        keyed = grids[TABLE_PART[section]]
        whole = frozenset(k for line in keyed.keys for k in line if k is not None and k[2])
        return Place("cells", TABLE_PART[section], cells=whole,
                     exact=finding.location is None and finding.quote is None)
    exact = not finding.quote and not finding.location
    if part in numerals:
        return Place("heading", part, exact=exact)
    if part in L.SECTION_TITLES:
        return Place("missing", part)  # a part the report lacks: shown where it belongs, marked as missing
    return Place("title", exact=exact and part is None)


def _related(finding: Finding, cells: frozenset[CellKey], grids: dict[str, KeyedGrid]) -> frozenset[CellKey]:
    """The cells a sum or balance finding added up: a row's parts for its 总计, a column's rows for （七）总计, the
    other three terms of 一 + 二 = 三（七）+ 四."""
    if finding.rule not in (Rule.TABLE_SUM, Rule.TABLE_BALANCE) or len(cells) != 1:
        return frozenset()
    table, row, column = next(iter(cells))
    keyed = grids.get(TABLE_PART.get(table, ""))
    if keyed is None:
        return frozenset()
    every = [k for line in keyed.keys for k in line if k is not None and k[2]]
    if finding.rule == Rule.TABLE_BALANCE:
        return frozenset(k for k in every if k[2] == column and k[1] in ("一", "二", "三（七）", "四"))
    if table == L.TABLE3 and row == "三（七）" and column != L.T3_COLUMN_LABEL["total"]:
        return frozenset(k for k in every if k[2] == column and k[1].startswith("三") and k[1] != "三（七）")
    return frozenset(k for k in every if k[1] == row)


def _find_quote(quote: str, parts: list[Part], numeral: str | None) -> Place | None:
    text = quote.strip()
    probes = [text]
    if text.endswith("…"):
        probes = [text.rstrip("…").rstrip()]
    if len(probes[0]) > 16:
        probes.append(probes[0][:16])
    ordered = sorted(parts, key=lambda p: p.numeral != numeral)
    for probe in probes:
        for part in ordered:
            if part.heading and probe == part.heading:
                return Place("heading", part.numeral)
            for index, paragraph in enumerate(part.paragraphs):
                at = paragraph.find(probe)
                if at >= 0:
                    end = at + len(probe) if probe is probes[0] else _sentence_end(paragraph, at)
                    return Place("text", part.numeral, index, at, end)
    return None


def _sentence_end(paragraph: str, start: int) -> int:
    for i in range(start, len(paragraph)):
        if paragraph[i] in "。！？；":
            return i + 1
    return len(paragraph)
