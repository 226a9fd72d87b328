"""One assembler for every reader: table rows (in document order) into the figures model's data.

Rows are recognised by their labels, not by position, so that a table split over pages, flattened header rows,
a row broken at a page break and labels with typos all land in the right place. What cannot be placed with
confidence becomes an ``import.uncertain`` finding instead of a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.figures import NOT_APPLICABLE
from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity
from drafter.read.blocks import Table
from drafter.read.celltext import cell_data, is_blank
from drafter.read.match import (
    is_number_text,
    is_t2_caption,
    label_form,
    match_by_words,
    match_sub_row,
    match_table2_label,
    read_marker,
    t3_canonical_body,
)

T3_WIDTH = len(L.T3_COLUMNS)
T4_WIDTH = 3 * len(L.T4_COLUMNS)
_T3_HEADER_WORDS = {"申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"}
_T3_COLUMN_OF = {label: attr for attr, label in L.T3_COLUMNS} | {"合计": "total"}
_T3_ORDER = [attr for attr, _ in L.T3_COLUMNS]
_T4_HEADER_WORDS = {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"}
_T4_BLOCK_WORDS = (("复议后起诉", "suit_after_review"), ("直接起诉", "direct_suit"), ("行政复议", "review"))
_NA = {label_form(x) for x in NOT_APPLICABLE}


def is_value_text(text: str | None) -> bool:
    """A cell that can stand in a number column: blank, a number, or a “not applicable” mark."""
    return is_blank(text) or is_number_text(text) or label_form(text or "") in _NA


def uncertain(message: str, location: str, quote: str | None = None, section: str | None = None) -> Finding:
    """An ``import.uncertain`` finding: the importer could not place a cell, a defect of extraction."""
    return Finding(Rule.IMPORT_UNCERTAIN, Severity.WARNING, f"{message}（读取时无法确定，属提取问题而非原文错误，请对照原文核实）",
                   section=section, location=location, quote=quote, extra={"origin": "extraction"})


def label_finding(message: str, location: str, quote: str | None = None, section: str | None = None) -> Finding:
    """A label that differs from the format as published: a defect of the source, not of extraction."""
    return Finding(Rule.IMPORT_LABEL, Severity.WARNING, message, section=section, location=location, quote=quote,
                   extra={"origin": "source"})


@dataclass(slots=True)
class _T2Row:
    label: str
    values: list[str | None]
    header: tuple[str, ...]


@dataclass(slots=True)
class Assembly:
    """What the tables held: data for :class:`~drafter.figures.Figures` (without metadata) and findings."""

    table2: dict[str, Any] = field(default_factory=dict)
    legacy_table2: dict[str, dict[str, Any]] = field(default_factory=dict)
    table3: dict[str, list[str | None]] = field(default_factory=dict)
    table4: dict[str, list[str | None]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    format_2019: bool = False
    t2_seen: bool = False
    t3_seen: bool = False
    t4_seen: bool = False

    @property
    def found_tables(self) -> bool:
        return bool(self.table2 or self.legacy_table2 or self.table3 or self.table4)


class Assembler:
    """Feed it table rows in document order; :meth:`finish` gives the :class:`Assembly`."""

    def __init__(self) -> None:
        self.out = Assembly()
        self.state: str | None = None
        self.group: str | None = None
        self.pending: str | None = None
        self.t2_header: tuple[str, ...] = ()
        self.t2_rows: list[_T2Row] = []
        # 表三 column positions read from the header rows of a grid (HTML, Word, PDF, Markdown): position → column.
        self.t3_positions: dict[int, str] = {}
        self.t3_width = 0
        self.t3_extra = ""

    # ------------------------------------------------------------------------------------------ rows

    def feed(self, table: Table, hint: str | None = None) -> None:
        """Every row of one table; ``hint`` is the part (二/三/四) the table stands in, when known."""
        if hint in ("二", "三", "四"):
            self.state = hint
        self.t3_positions, self.t3_width = {}, 0
        for row in table.rows:
            self.feed_row(row)

    def feed_row(self, cells: list[str | None]) -> None:
        present = [c for c in cells if c is not None]
        if all(is_blank(c) for c in present):
            return
        # The same cells typed as the row helpers take them (they are also given rows with unprinted cells).
        row: list[str | None] = list(present)
        labels = [c for c in present if not is_value_text(c)]
        norm_labels = [label_form(c) for c in labels]
        if any(is_t2_caption(c) for c in labels):
            self._enter("二")
            return
        if "信息内容" in norm_labels:
            self._enter("二")
            self.t2_header = tuple(c.strip() for c in labels[norm_labels.index("信息内容") + 1:])
            if any(label_form(h) in _LEGACY_COLUMNS for h in self.t2_header):
                self.out.format_2019 = True
            return
        t2_label = next((match_table2_label(c) for c in labels if match_table2_label(c)), None)
        if t2_label:
            self._enter("二")
            index = present.index(next(c for c in labels if match_table2_label(c) == t2_label))
            self.t2_rows.append(_T2Row(t2_label, row[index + 1:], self.t2_header))
            self.out.t2_seen = True
            return
        has_values = any(not is_blank(c) and is_value_text(c) for c in present)
        if any("勾稽关系" in c for c in norm_labels) or (
                not has_values and any(c in _T3_HEADER_WORDS for c in norm_labels)):
            self._enter("三")
            self._t3_header(cells)
            return
        if not has_values and any(c in _T4_HEADER_WORDS for c in norm_labels):
            self._enter("四")
            return
        t4_like = (not labels and len(present) >= T4_WIDTH) or (
            labels and any(w in norm_labels[0] for w, _ in _T4_BLOCK_WORDS) and self.state != "三")
        if (self.state == "四" or t4_like) and self._table4_row(row, labels):
            return
        self._table3_row(row, labels, cells)

    def _enter(self, state: str) -> None:
        if state != self.state:
            self.group = None
            self.pending = None
        self.state = state

    # ------------------------------------------------------------------------------------------ 表三

    def _t3_header(self, cells: list[str | None]) -> None:
        """Remember where each applicant column stands in a grid's header rows."""
        for position, cell in enumerate(cells):
            word = label_form(cell or "")
            column = _T3_COLUMN_OF.get(word)
            if column:
                self.t3_positions[position] = column
            elif word in ("小计", "法人或其他组织小计", "法人小计") and not self.t3_extra:
                self.t3_extra = (cell or "").strip()
                self.out.findings.append(label_finding(
                    f"表三多出“{self.t3_extra}”一列，格式中没有这一列（原文如此），按列名读入其余各列，该列未读入",
                    f"{L.TABLE3}/{self.t3_extra}", quote=self.t3_extra, section=L.TABLE3))
        self.t3_width = len(cells)

    def _by_position(self, cells: list[str | None]) -> list[str | None] | None:
        """A data row's seven cells by the header's positions, when the header is complete and not the usual one."""
        if len(set(self.t3_positions.values())) != T3_WIDTH or len(cells) != self.t3_width:
            return None
        positions = sorted(self.t3_positions, key=lambda p: _T3_ORDER.index(self.t3_positions[p]))
        if positions == list(range(len(cells) - T3_WIDTH, len(cells))):
            return None  # the official layout: the last seven cells, as everywhere else
        return [cells[p] for p in positions]

    def _table3_row(self, present: list[str | None], labels: list[str], cells: list[str | None]) -> None:
        row_id, inexact = self._t3_row_id(labels)
        last_label = max((i for i, c in enumerate(present) if c in labels), default=-1)
        values = present[last_label + 1:]
        mapped = self._by_position(cells)
        if mapped is not None and row_id is not None:
            values = mapped
        if row_id is None:
            if labels and not any(not is_blank(v) for v in values):
                return  # a label fragment (a cell broken at a page break) or a header: nothing to place
            if not labels and self.pending and len(values) >= T3_WIDTH:
                row_id, self.pending = self.pending, None
                self.out.table3.pop(row_id, None)
            elif self.state in ("二", "三", "四") or (labels and len(values) >= T3_WIDTH):
                table = {"二": L.TABLE2, "四": L.TABLE4}.get(self.state or "", L.TABLE3)
                where = "、".join(c.strip() for c in labels) or "（无标签）"
                if sum(len(c) for c in labels) <= 80:  # not a line of prose that ends in a number
                    self.out.findings.append(uncertain(
                        f"{table}中有一行无法识别（行标签：{where}），其中的数字未读入", f"{table}/{where}",
                        quote=" | ".join(c or "" for c in present), section=table))
                return
            else:
                return
        if sum(len(c) for c in labels) > 80:
            return  # a line of prose that mentions a row's words
        self._enter("三")
        self.out.t3_seen = True
        if row_id == "三":
            return
        if not values and row_id not in self.out.table3:
            self.pending = row_id  # a label whose numbers are on the next line (a row broken by a page break)
            return
        if row_id in self.out.table3:
            self.out.findings.append(uncertain(
                f"表三“{L.t3_row_name(row_id)}”一行出现了两次，只读入第一次出现的数字", f"{L.TABLE3}/{row_id}",
                quote=" | ".join(c or "" for c in present), section=L.TABLE3))
            return
        # “… | 66 |”: an empty cell after the closing bar is no eighth column, when the cells it would push out on
        # the left hold numbers; an empty label column on the left means the empty last cell is the blank 总计.
        while (len(values) > T3_WIDTH and values[-1] is not None and not values[-1].strip()
               and any(not is_blank(c) for c in values[:-T3_WIDTH])):
            values = values[:-1]
        extra, values = values[:-T3_WIDTH], values[-T3_WIDTH:]
        if len(values) < T3_WIDTH or any(not is_blank(c) for c in extra):
            self.out.findings.append(uncertain(
                f"表三“{L.t3_row_name(row_id)}”一行有 {len(values) + len(extra)} 个单元格，应为 {T3_WIDTH} 个"
                f"（自然人…总计），无法确定各数所属的列，未读入", f"{L.TABLE3}/{row_id}",
                quote=" | ".join(c or "" for c in present), section=L.TABLE3))
            return
        if inexact:
            self._label_typo(row_id, inexact)
        self.out.table3[row_id] = values
        self.pending = row_id if all(is_blank(v) for v in values) else None

    def _t3_row_id(self, labels: list[str]) -> tuple[str | None, str | None]:
        """The row a row's label cells name, and the label as published when it differs from the format."""
        row_id: str | None = None
        inexact: str | None = None
        for text in labels:
            marker = read_marker(text)
            if marker.kind == "top":
                if marker.number == "三":
                    self.group, row_id = None, "三"
                    continue
                row_id = {"一": "一", "二": "二", "四": "四"}.get(marker.number)
                inexact = None if row_id and self._body_ok(row_id, marker.body) else text
                self.group = None
                continue
            if marker.kind == "group":
                gid = f"三（{marker.number}）"
                if marker.number in "一二七":
                    row_id, self.group = gid, None
                    inexact = None if self._body_ok(gid, marker.body) else text
                else:
                    self.group = gid
                    row_id = gid if gid == "三（六）" else None
                    if row_id is None and marker.body and not _is_fragment(marker.body, L.T3_GROUPS[gid]):
                        inexact = text
                continue
            if marker.kind == "sub":
                match = match_sub_row(self.group, marker)
                if match:
                    row_id, inexact = match.row_id, (None if match.exact else text)
                    self.group = match.row_id[:4]
                continue
            match = match_by_words(marker.body)
            if match:
                row_id, inexact = match.row_id, (None if match.exact else text)
        return row_id, inexact

    @staticmethod
    def _body_ok(row_id: str, body: str) -> bool:
        canonical = t3_canonical_body(row_id)
        return not body or body == canonical or _is_fragment(body, canonical) or canonical.startswith(body)

    def _label_typo(self, row_id: str, published: str) -> None:
        canonical = (L.TABLE3_ROW[row_id].label if row_id in L.TABLE3_ROW else L.G_OTHER)
        self.out.findings.append(label_finding(
            f"表三行标签“{published.strip()}”与格式规定的“{canonical}”不一致（原文如此），已按“{L.t3_row_name(row_id)}”读入",
            f"{L.TABLE3}/{row_id}", quote=published.strip(), section=L.TABLE3))

    # ------------------------------------------------------------------------------------------ 表四

    def _table4_row(self, present: list[str | None], labels: list[str]) -> bool:
        if not labels:
            values = present
            extra, values = values[:-T4_WIDTH], values[-T4_WIDTH:]
            if len(values) == T4_WIDTH and all(is_blank(c) for c in extra):
                if self.out.table4:
                    self.out.findings.append(uncertain(
                        "表四出现了第二行数字，只读入第一行", L.TABLE4, quote=" | ".join(c or "" for c in present),
                        section=L.TABLE4))
                    return True
                for k, (_, rid, _) in enumerate(L.T4_BLOCKS):
                    self.out.table4[rid] = values[5 * k: 5 * k + 5]
                self.out.t4_seen = True
                return True
            if self.state == "四":
                self.out.findings.append(uncertain(
                    f"表四的数字行有 {len(present)} 个单元格，应为 {T4_WIDTH} 个，无法确定各数所属的列，未读入",
                    L.TABLE4, quote=" | ".join(c or "" for c in present), section=L.TABLE4))
                return True
            return False
        words = label_form("".join(labels))
        if len(words) > 30:
            return False
        block = next((attr for word, attr in _T4_BLOCK_WORDS if word in words), None)
        if block is None:
            return False
        rid = next(r for a, r, _ in L.T4_BLOCKS if a == block)
        last_label = max(i for i, c in enumerate(present) if c in labels)
        values = present[last_label + 1:]
        extra, values = values[:-5], values[-5:]
        if len(values) < 5 or any(not is_blank(c) for c in extra):
            self.out.findings.append(uncertain(
                f"表四“{rid}”一行的单元格数不对，无法确定各数所属的列，未读入", f"{L.TABLE4}/{rid}",
                quote=" | ".join(c or "" for c in present), section=L.TABLE4))
        else:
            self.out.table4[rid] = values
        self.out.t4_seen = True
        self.state = "四"
        return True

    # ------------------------------------------------------------------------------------------ 表二

    def _finish_table2(self) -> None:
        if any(r.label in L.T2_2019_ONLY_ROWS for r in self.t2_rows):
            self.out.format_2019 = True
        for row in self.t2_rows:
            if self.out.format_2019:
                columns = L.T2_2019_COLUMNS.get(row.label) or ()
                if row.header and len(row.header) == len(columns):
                    columns = row.header
                target = self.out.legacy_table2
                location = f"{L.LEGACY_TABLE2}/{row.label}"
            else:
                spec = next((r for r in L.TABLE2_ROWS if r.label == row.label), None)
                if spec is None:
                    continue
                columns = spec.columns
                target = self.out.table2
                location = f"{L.TABLE2}/{row.label}"
            values = list(row.values)
            filled = [v for v in values if not is_blank(v)]
            if len(values) < len(columns) and len(filled) < len(columns) and any(
                    not is_value_text(v) or len(columns) > 1 for v in filled):
                raw = " | ".join(v or "" for v in values)
                self.out.findings.append(uncertain(
                    f"表二“{row.label}”一行应有 {len(columns)} 个数（{'、'.join(columns)}），"
                    f"原文只有 {len(filled)} 个单元格（数字可能连在一起），无法拆分，未读入", location,
                    quote=_unwrap_run(raw), section=L.TABLE2))
                continue
            head, rest = values[:len(columns)], values[len(columns):]
            if any(not is_blank(v) for v in rest):
                self.out.findings.append(uncertain(
                    f"表二“{row.label}”一行的数字多于 {len(columns)} 个，多出的未读入", location,
                    quote=" | ".join(v or "" for v in values), section=L.TABLE2))
            head += [""] * (len(columns) - len(head))
            target[row.label] = {col: cell_data(v) for col, v in zip(columns, head, strict=True)}

    # ------------------------------------------------------------------------------------------ the end

    def finish(self) -> Assembly:
        """Resolve what could only be decided at the end (the 表二 format) and return the assembly."""
        self._finish_table2()
        return self.out


_LEGACY_COLUMNS = {label_form(label) for label in (*L.LEGACY_2019_LABELS, *L.T2_2019_COLUMN_WORDS)}


def _is_fragment(body: str, label: str) -> bool:
    """A piece of a label broken over two rows at a page break (“无” of “（四）无法提供”)."""
    canonical = label_form(label)
    return bool(body) and (body in canonical)


def _unwrap_run(text: str) -> str:
    text = text.strip(" |")
    if text.startswith("[未拆分:") and text.endswith("]"):
        return text[len("[未拆分:"):-1]
    return text


# ---------------------------------------------------------------------------------------------- into data


def figures_data(assembly: Assembly) -> dict[str, Any]:
    """The tables as data for ``Figures.model_validate`` (English attribute names; metadata added by the caller)."""
    data: dict[str, Any] = {}
    if assembly.table2:
        t2: dict[str, Any] = {}
        for spec in L.TABLE2_ROWS:
            row = assembly.table2.get(spec.label)
            if row is not None:
                t2[spec.label] = row
        data["表二"] = t2
    if assembly.legacy_table2:
        data[L.LEGACY_TABLE2] = assembly.legacy_table2
    if assembly.table3:
        t3: dict[str, Any] = {}
        for row_id, values in assembly.table3.items():
            path = L.T3_OTHER_WHOLE.path if row_id == "三（六）" else L.TABLE3_ROW[row_id].path
            node = t3
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = {attr: cell_data(v) for (attr, _), v in zip(L.T3_COLUMNS, values, strict=True)}
        data["表三"] = t3
    if assembly.table4:
        t4: dict[str, Any] = {}
        for attr, rid, _ in L.T4_BLOCKS:
            t4_values = assembly.table4.get(rid)
            if t4_values is None:
                continue
            row = {col: cell_data(v) for (col, _), v in zip(L.T4_COLUMNS, t4_values, strict=True)}
            if attr == "review":
                t4["review"] = row
            else:
                t4.setdefault("litigation", {})[attr] = row
        data["表四"] = t4
    return data
