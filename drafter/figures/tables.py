"""表二, 表三 and 表四 of the 2021 format."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import model_validator

import drafter.figures.labels as L
from drafter.figures.base import Model, _field
from drafter.figures.cell import Cell, blank_cell

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

# ============================================================================ 表二


class RegulationRow(Model):
    """第二十条第（一）项: 规章 / 行政规范性文件."""

    issued: Cell = _field(L.T2_ISSUED, default_factory=blank_cell)
    repealed: Cell = _field(L.T2_REPEALED, default_factory=blank_cell)
    in_force: Cell = _field(L.T2_IN_FORCE, default_factory=blank_cell)


class DecisionRow(Model):
    """第二十条第（五）（六）项: 本年处理决定数量."""

    decisions: Cell = _field(L.T2_DECISIONS, default_factory=blank_cell)


class FeeRow(Model):
    """第二十条第（八）项: 本年收费金额, in 万元."""

    amount: Cell = _field(L.T2_FEES, L.T2_FEES_HEADER, default_factory=blank_cell)


class Table2(Model):
    """表二 主动公开政府信息情况."""

    rules: RegulationRow = _field("规章", default_factory=RegulationRow)
    normative_documents: RegulationRow = _field("行政规范性文件", "规范性文件", default_factory=RegulationRow)
    licensing: DecisionRow = _field("行政许可", default_factory=DecisionRow)
    punishment: DecisionRow = _field("行政处罚", default_factory=DecisionRow)
    enforcement: DecisionRow = _field("行政强制", default_factory=DecisionRow)
    fees: FeeRow = _field("行政事业性收费", default_factory=FeeRow)

    def cells(self) -> Iterator[tuple[str, str, Cell]]:
        """Every cell as ``(row label, column label, cell)``, in printed order."""
        for row in L.TABLE2_ROWS:
            model = getattr(self, row.key)
            for name, field in type(model).model_fields.items():
                yield row.label, field.serialization_alias or name, getattr(model, name)


# ============================================================================ rows with a 总计


class TotalledRow(Model):
    """A row whose 总计 may be left out (then the sum of its parts) or given (then checked by the rules).

    Subclasses name their part columns in ``PARTS`` and declare a ``total: Cell | None`` field.
    """

    PARTS: ClassVar[tuple[tuple[str, str], ...]] = ()
    total: Cell | None

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        # A row may be written as a list in printed order: the part columns, optionally 总计 last.
        if isinstance(data, list | tuple):
            n = len(cls.PARTS)
            if len(data) not in (n, n + 1):
                names = "、".join(label for _, label in cls.PARTS)
                raise ValueError(f"按列顺序填写时应有 {n} 个数（{names}）或 {n + 1} 个数（含总计），实际 {len(data)} 个")
            keys = [label for _, label in cls.PARTS] + ["总计"]
            return dict(zip(keys, data, strict=False))
        return data

    def parts(self) -> list[tuple[str, Cell]]:
        """``(attribute, cell)`` of every column except 总计, in printed order."""
        return [(attr, getattr(self, attr)) for attr, _ in self.PARTS]

    def computed_total(self) -> int | float | None:
        """Sum of the part columns, or None when one of them holds no number."""
        values = [cell.value for _, cell in self.parts()]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]

    def value(self, column: str) -> int | float | None:
        """The number in a column; for 总计 the given total, else the computed one."""
        if column == "total":
            if self.total is not None and self.total.value is not None:
                return self.total.value
            return self.computed_total()
        return getattr(self, column).value


# ============================================================================ 表三


class ApplicantRow(TotalledRow):
    """One 表三 row: 自然人, the five 法人或其他组织 columns and 总计 (computed when left out)."""

    PARTS: ClassVar[tuple[tuple[str, str], ...]] = L.T3_APPLICANT_COLUMNS

    natural: Cell = _field("自然人", default_factory=blank_cell)
    commercial: Cell = _field("商业企业", default_factory=blank_cell)
    research: Cell = _field("科研机构", default_factory=blank_cell)
    public_interest: Cell = _field("社会公益组织", default_factory=blank_cell)
    legal_service: Cell = _field("法律服务机构", default_factory=blank_cell)
    other: Cell = _field("其他", default_factory=blank_cell)
    total: Cell | None = _field("总计", description="总计（可不填，由各列相加得出；填写则核对）")


    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        as_object = handler(schema)
        as_list = {"type": "array", "minItems": 6, "maxItems": 7, "items": {"type": ["number", "string", "null"]},
                   "description": "按列顺序：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（、总计）"}
        return {"anyOf": [as_object, as_list]}

    def applicant_cells(self) -> list[tuple[str, Cell]]:
        """The six applicant columns (自然人 … 其他)."""
        return self.parts()


def _row(label: str, *more: str, description: str | None = None) -> Any:
    return _field(label, *more, description=description)


class Withheld(Model):
    """（三）不予公开, sub-rows 1–8."""

    state_secret: ApplicantRow | None = _row("1.属于国家秘密", "属于国家秘密")
    prohibited: ApplicantRow | None = _row("2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开")
    security: ApplicantRow | None = _row('3.危及"三安全一稳定"', "3.危及“三安全一稳定”", "危及三安全一稳定")
    third_party: ApplicantRow | None = _row("4.保护第三方合法权益", "保护第三方合法权益")
    internal: ApplicantRow | None = _row("5.属于三类内部事务信息", "属于三类内部事务信息")
    process: ApplicantRow | None = _row("6.属于四类过程性信息", "属于四类过程性信息")
    enforcement_file: ApplicantRow | None = _row("7.属于行政执法案卷", "属于行政执法案卷")
    query: ApplicantRow | None = _row("8.属于行政查询事项", "属于行政查询事项")


class Unable(Model):
    """（四）无法提供, sub-rows 1–3."""

    not_held: ApplicantRow | None = _row("1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息")
    needs_creation: ApplicantRow | None = _row("2.没有现成信息需要另行制作", "没有现成信息需要另行制作")
    unclear: ApplicantRow | None = _row("3.补正后申请内容仍不明确", "补正后申请内容仍不明确")


class NotProcessed(Model):
    """（五）不予处理, sub-rows 1–5."""

    petition: ApplicantRow | None = _row("1.信访举报投诉类申请", "信访举报投诉类申请")
    repeated: ApplicantRow | None = _row("2.重复申请", "重复申请")
    publication: ApplicantRow | None = _row("3.要求提供公开出版物", "要求提供公开出版物")
    excessive: ApplicantRow | None = _row("4.无正当理由大量反复申请", "无正当理由大量反复申请")
    confirmation: ApplicantRow | None = _row("5.要求行政机关确认或重新出具已获取信息",
                                             "要求行政机关确认或重新出具已获取信息")


_COLUMN_KEYS = frozenset(label for _, label in L.T3_COLUMNS) | frozenset(a for a, _ in L.T3_COLUMNS)


class OtherHandling(Model):
    """（六）其他处理: three sub-rows (2021), or one row ``合计`` as in the 2019 format and some published reports."""

    no_correction: ApplicantRow | None = _row(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正")
    no_fee: ApplicantRow | None = _row(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未缴纳费用")
    other: ApplicantRow | None = _row("3.其他", "其他")
    whole: ApplicantRow | None = _row("合计", description="（六）其他处理 印作一行、未分 1–3 项时的数字")

    @model_validator(mode="before")
    @classmethod
    def _one_row(cls, data: Any) -> Any:
        # “（六）其他处理: {自然人: 1, …}” — the row printed as one line.
        if isinstance(data, list | tuple) or (isinstance(data, dict) and data and set(data) <= _COLUMN_KEYS):
            return {"合计": data}
        return data


class Results(Model):
    """三、本年度办理结果."""

    public: ApplicantRow | None = _row(L.G_PUBLIC, "（一）予以公开", "予以公开")
    partial: ApplicantRow | None = _row(L.G_PARTIAL, "（二）部分公开", "部分公开")
    withheld: Withheld = _field(L.G_WITHHELD, "不予公开", default_factory=Withheld)
    unable: Unable = _field(L.G_UNABLE, "无法提供", default_factory=Unable)
    not_processed: NotProcessed = _field(L.G_NOT_PROCESSED, "不予处理", default_factory=NotProcessed)
    other: OtherHandling = _field(L.G_OTHER, "其他处理", default_factory=OtherHandling)
    total: ApplicantRow | None = _row(L.G_TOTAL, "总计", description="（七）总计（可不填，由各项相加得出；填写则核对）")


class Table3(Model):
    """表三 收到和处理政府信息公开申请情况."""

    new: ApplicantRow | None = _row(L.T3_NEW, "一、本年新收", "本年新收")
    carried_over: ApplicantRow | None = _row(L.T3_CARRIED, "二、上年结转", "上年结转")
    results: Results = _field(L.T3_RESULTS, "本年度办理结果", default_factory=Results)
    carry_forward: ApplicantRow | None = _row(L.T3_NEXT, "四、结转下年度", "结转下年度")

    def row(self, row_id: str) -> ApplicantRow | None:
        """The row with a docs/CLI.md id (``一``, ``三（四）1``, ``三（六）`` for the one-row form, ``四``)."""
        path = L.T3_OTHER_WHOLE.path if row_id == "三（六）" else L.TABLE3_ROW[row_id].path
        node: Any = self
        for part in path:
            node = getattr(node, part)
            if node is None:
                return None
        return node

    def other_is_one_row(self) -> bool:
        """True when （六）其他处理 was given as one row instead of its three sub-rows."""
        other = self.results.other
        return other.whole is not None and not any((other.no_correction, other.no_fee, other.other))

    def row_ids(self) -> list[str]:
        """The ids of the rows this table has, in printed order (（六） as one row when given so)."""
        ids = []
        for row in L.TABLE3_ROWS:
            if row.id.startswith("三（六）") and self.other_is_one_row():
                if row.id == "三（六）1":
                    ids.append("三（六）")
                continue
            ids.append(row.id)
        return ids

    def result_row_ids(self) -> list[str]:
        """The rows that add up to （七）总计."""
        return [rid for rid in self.row_ids() if rid.startswith("三") and rid != "三（七）"]

    def value(self, row_id: str, column: str) -> int | float | None:
        """The effective number of a cell: as given, or for （七）总计 and 总计 computed when left out."""
        row = self.row(row_id)
        value = None if row is None else row.value(column)
        if value is None and row_id == "三（七）":
            return self.computed_results_total(column)
        return value

    def computed_results_total(self, column: str) -> int | float | None:
        """Σ of the result rows in one column; None when one of them holds no number."""
        total: int | float = 0
        for rid in self.result_row_ids():
            row = self.row(rid)
            value = None if row is None else row.value(column)
            if value is None:
                return None
            total += value
        return total


# ============================================================================ 表四


class CaseRow(TotalledRow):
    """One 表四 block: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (computed when left out)."""

    PARTS: ClassVar[tuple[tuple[str, str], ...]] = L.T4_COLUMNS[:-1]

    upheld: Cell = _field("结果维持", "维持", default_factory=blank_cell)
    corrected: Cell = _field("结果纠正", "纠正", default_factory=blank_cell)
    other: Cell = _field("其他结果", default_factory=blank_cell)
    pending: Cell = _field("尚未审结", default_factory=blank_cell)
    total: Cell | None = _field("总计", description="总计（可不填，由四项相加得出；填写则核对）")


class Litigation(Model):
    direct_suit: CaseRow = _field(L.DIRECT_SUIT, "直接起诉", default_factory=CaseRow)
    suit_after_review: CaseRow = _field(L.SUIT_AFTER_REVIEW, default_factory=CaseRow)


class Table4(Model):
    """表四 政府信息公开行政复议、行政诉讼情况."""

    review: CaseRow = _field(L.REVIEW, default_factory=CaseRow)
    litigation: Litigation = _field(L.LITIGATION, default_factory=Litigation)

    def blocks(self) -> list[tuple[str, str, CaseRow]]:
        """``(row id, name, row)`` for 行政复议, 直接起诉 and 复议后起诉."""
        rows = {"review": self.review, "direct_suit": self.litigation.direct_suit,
                "suit_after_review": self.litigation.suit_after_review}
        return [(rid, name, rows[attr]) for attr, rid, name in L.T4_BLOCKS]
