"""The figures of an annual report, as pydantic models (2021 format).

Attribute names are English; every field reads and writes its official Chinese label (the alias), so that a
figures file looks like the printed table. User files are parsed with ``extra="forbid"``.

A table cell keeps 0, blank and “/” apart: :class:`Cell` holds the number (``value``) and, when the cell holds
no number, the text as published (``raw``: ``""`` for blank, ``"/"``, ``"—"``, ``"无"`` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

from drafter import labels as L

# Text that means “not applicable” in a published table; kept as published, never read as 0.
NOT_APPLICABLE = frozenset({"/", "／", "—", "——", "-", "－", "–", "无", "不适用", "\\"})
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _strict(info: ValidationInfo | None) -> bool:
    # Figures files written by people are strict; documents read by the importer are not (defects become findings).
    return not (info and info.context and info.context.get("lenient"))


class Model(BaseModel):
    """Base of drafter's file models: unknown keys are errors, Chinese aliases and English names both accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False, defer_build=True)


def _field(label: str, *more: str, default: Any = None, description: str | None = None, **kw: Any) -> Any:
    """A field read under its official label (and accepted short forms), written under the label."""
    if "default_factory" not in kw:
        kw["default"] = default
    return Field(
        validation_alias=AliasChoices(label, *more),
        serialization_alias=label,
        description=description or label,
        **kw,
    )


# ============================================================================ cells


class Cell(BaseModel):
    """One table cell: a number, or no number (blank, “/”, text) with its text as published."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    value: int | float | None = None
    raw: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict | Cell):
            return data
        if isinstance(data, bool):
            raise ValueError("应填写数字，不能是 true/false")
        if isinstance(data, int | float):
            if data < 0 and _strict(info):
                raise ValueError(f"不能为负数（填写的是 {data}）；没有发生的请填 0")
            return {"value": data}
        if data is None:
            return {"value": None, "raw": ""}
        if isinstance(data, str):
            return parse_cell_text(data, strict=_strict(info))
        raise ValueError(f"应填写数字，不能是 {type(data).__name__}")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # In a file a cell is a scalar: a number, "/" (不适用) or empty.
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}, {"type": "null"}],
                "description": "数字；没有的填 0；不适用的填 \"/\""}

    @model_serializer
    def _to_scalar(self) -> int | float | str:
        if self.value is not None:
            return self.value
        return self.raw or ""

    @property
    def is_number(self) -> bool:
        return self.value is not None

    @property
    def is_blank(self) -> bool:
        return self.value is None and not (self.raw or "").strip()

    @property
    def is_not_applicable(self) -> bool:
        return self.value is None and (self.raw or "").strip() in NOT_APPLICABLE


def parse_cell_text(text: str, *, strict: bool = True) -> dict[str, Any]:
    """Read a cell's text as published (padding, full-width digits, thousands separators) into ``value``/``raw``."""
    raw = _SPACES.sub("", text.translate(_FULLWIDTH))
    if not raw:
        return {"value": None, "raw": ""}
    number = raw.replace(",", "")
    if _NUMBER.match(number):
        value = float(number) if "." in number else int(number)
        if isinstance(value, float) and value.is_integer() and not number.endswith(".0"):
            value = int(value)
        if value < 0 and strict:
            raise ValueError(f"不能为负数（填写的是 {raw}）；没有发生的请填 0")
        return {"value": value, "raw": raw}
    if raw in NOT_APPLICABLE:
        return {"value": None, "raw": raw}
    if strict:
        raise ValueError(f"“{raw}”不是数字：请只填写阿拉伯数字（如 12），没有的填 0，不适用的填“/”")
    return {"value": None, "raw": raw}


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def blank_cell() -> Cell:
    return Cell(value=None, raw="")


# ============================================================================ metadata


class UnitKind(StrEnum):
    """The kind of unit that publishes the report (人民政府 reports also cover 工作考核、社会评议和责任追究)."""

    GOVERNMENT = "人民政府"
    DEPARTMENT = "政府部门"
    TOWNSHIP = "乡镇街道"
    OTHER = "其他"


class Level(StrEnum):
    """Administrative level; 规章 are made only at 设区的市 level and above."""

    CENTRAL = "国务院部门"
    PROVINCE = "省级"
    CITY = "设区的市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇级"


RULE_MAKING_LEVELS = frozenset({Level.CENTRAL, Level.PROVINCE, Level.CITY})


class Contact(Model):
    address: str | None = _field("地址")
    postcode: str | None = _field("邮编")
    phone: str | None = _field("电话")
    email: str | None = _field("电子邮箱", "邮箱")


class Metadata(Model):
    """Who reports, for which year, where."""

    agency: str = _field("机关全称", "机关名称", default=..., description="机关全称，如“临清市科学技术局”")
    year: int = _field("报告年度", "年度", default=..., description="报告所属年度（四位数字，如 2021）")
    kind: UnitKind = _field("机关类型", default=UnitKind.DEPARTMENT,
                            description="人民政府 / 政府部门 / 乡镇街道 / 其他")
    level: Level | None = _field("行政层级", description="国务院部门 / 省级 / 设区的市级 / 县级 / 乡镇级")
    region: str | None = _field("所属地区", "地区")
    website: str | None = _field("网站", "门户网站")
    contact: Contact | None = _field("联系方式")
    format: str = _field("表格式样", default="2021", description="2021（国办公开办函〔2021〕30号）或 2019")
    source: str | None = _field("来源", description="由 drafter import 从已发布的报告读入时，记录来源文件")
    publish_date: date | None = _field("发布日期")

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().translate(_FULLWIDTH).removesuffix("年度").removesuffix("年")
            if not re.fullmatch(r"\d{4}", text):
                raise ValueError(f"“{value}”不是四位数字年份：请写成 2021 这样的阿拉伯数字（注意字母 O 与数字 0）")
            return int(text)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("应为四位数字年份，如 2021")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format(cls, value: Any) -> Any:
        text = str(value).strip()
        if text not in ("2021", "2019"):
            raise ValueError(f"表格式样只能是 2021 或 2019（填写的是“{text}”）")
        return text


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


# ============================================================================ 表三


class ApplicantRow(Model):
    """One 表三 row: 自然人, the five 法人或其他组织 columns and 总计 (computed when left out)."""

    natural: Cell = _field("自然人", default_factory=blank_cell)
    commercial: Cell = _field("商业企业", default_factory=blank_cell)
    research: Cell = _field("科研机构", default_factory=blank_cell)
    public_interest: Cell = _field("社会公益组织", default_factory=blank_cell)
    legal_service: Cell = _field("法律服务机构", default_factory=blank_cell)
    other: Cell = _field("其他", default_factory=blank_cell)
    total: Cell | None = _field("总计", description="总计（可不填，由各列相加得出；填写则核对）")

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        # A row may be written as a list in printed order: 6 applicant columns, optionally 总计 last.
        if isinstance(data, list | tuple):
            if len(data) not in (6, 7):
                raise ValueError(f"按列顺序填写时应有 6 个数（自然人…其他）或 7 个数（含总计），实际 {len(data)} 个")
            keys = [label for _, label in L.T3_COLUMNS]
            return dict(zip(keys, data, strict=False))
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        as_object = handler(schema)
        as_list = {"type": "array", "minItems": 6, "maxItems": 7, "items": {"type": ["number", "string", "null"]},
                   "description": "按列顺序：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（、总计）"}
        return {"anyOf": [as_object, as_list]}

    def applicant_cells(self) -> list[tuple[str, Cell]]:
        return [(attr, getattr(self, attr)) for attr, _ in L.T3_APPLICANT_COLUMNS]

    def computed_total(self) -> int | float | None:
        """Sum of the six applicant columns, or None when one of them holds no number."""
        values = [cell.value for _, cell in self.applicant_cells()]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]

    def value(self, column: str) -> int | float | None:
        """The number in a column; for 总计 the given total, else the computed one."""
        if column == "total":
            if self.total is not None and self.total.value is not None:
                return self.total.value
            return self.computed_total()
        return getattr(self, column).value


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


class CaseRow(Model):
    """One 表四 block: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (computed when left out)."""

    upheld: Cell = _field("结果维持", "维持", default_factory=blank_cell)
    corrected: Cell = _field("结果纠正", "纠正", default_factory=blank_cell)
    other: Cell = _field("其他结果", default_factory=blank_cell)
    pending: Cell = _field("尚未审结", default_factory=blank_cell)
    total: Cell | None = _field("总计", description="总计（可不填，由四项相加得出；填写则核对）")

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            if len(data) not in (4, 5):
                raise ValueError(f"按列顺序填写时应有 4 个数（维持、纠正、其他、尚未审结）或 5 个数（含总计），实际 {len(data)} 个")
            return dict(zip([label for _, label in L.T4_COLUMNS], data, strict=False))
        return data

    def parts(self) -> list[tuple[str, Cell]]:
        return [(attr, getattr(self, attr)) for attr, _ in L.T4_COLUMNS[:-1]]

    def computed_total(self) -> int | float | None:
        values = [cell.value for _, cell in self.parts()]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]

    def value(self, column: str) -> int | float | None:
        if column == "total":
            if self.total is not None and self.total.value is not None:
                return self.total.value
            return self.computed_total()
        return getattr(self, column).value


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


# ============================================================================ facts, notes, last year


class Count(Model):
    """An open-ended figure the narrative states: a name, a number and its unit."""

    name: str = _field("名称", default=...)
    value: int | float = _field("数值", default=...)
    unit: str = _field("单位", default="条")


class Facts(Model):
    """Figures the prose states that the tables do not hold (each optional; unknown ones are not invented)."""

    proactive_total: int | None = _field("主动公开信息总数", "主动公开总数", description="本年主动公开政府信息总数（条）")
    proactive_by_category: dict[str, int] = _field(
        "主动公开分类", default_factory=dict, description="主动公开信息按类别的条数，如 {政务动态: 50}")
    proactive_by_channel: dict[str, int] = _field(
        "主动公开渠道", default_factory=dict, description="按发布渠道的条数，如 {政府网站: 120, 政务新媒体: 13}")
    policy_interpretations: int | None = _field("政策解读", description="发布政策解读（篇/条）")
    processing_fee: float | None = _field("信息处理费", description="本年收取的信息处理费（元），未收取填 0")
    processing_fee_cases: int | None = _field("信息处理费件数", description="收取信息处理费的申请件数")
    training_sessions: int | None = _field("培训次数", description="组织或参加政务公开业务培训的次数")
    trainees: int | None = _field("培训人次")
    accountability_cases: int | None = _field("责任追究", description="因政务公开工作被责任追究的次数，没有填 0")
    new_columns: list[str] = _field("新增栏目", default_factory=list, description="本年新设的公开栏目或平台")
    proposals: int | None = _field("建议提案", description="办理并公开的人大代表建议和政协提案件数")
    others: list[Count] = _field("其他数据", default_factory=list)

    @field_validator("proactive_total", "policy_interpretations", "processing_fee_cases", "training_sessions",
                     "trainees", "accountability_cases", "proposals", "processing_fee", mode="before")
    @classmethod
    def _non_negative(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise ValueError(f"不能为负数（填写的是 {value}）")
        return value


class Notes(Model):
    """Short points per narrative sub-part, which drafting turns into prose (in the clerk's words)."""

    proactive: list[str] = _field("主动公开", default_factory=list)
    on_request: list[str] = _field("依申请公开", default_factory=list)
    management: list[str] = _field("政府信息管理", default_factory=list)
    platforms: list[str] = _field("平台建设", "政府信息公开平台建设", default_factory=list)
    oversight: list[str] = _field("监督保障", default_factory=list)
    assessment: list[str] = _field("工作考核、社会评议和责任追究", "工作考核", default_factory=list,
                                   description="人民政府报告须写明工作考核、社会评议和责任追究结果")
    problems: list[str] = _field("存在问题", default_factory=list)
    improvements: list[str] = _field("改进措施", default_factory=list)
    other_matters: list[str] = _field("其他事项", default_factory=list)

    @field_validator("*", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


class PreviousProblem(Model):
    """A problem named in last year's part 五, the measure planned, and what was done about it this year."""

    problem: str = _field("问题", default=...)
    measure: str | None = _field("改进措施", "措施")
    progress: str | None = _field("整改情况", description="本年度整改情况（由填报人填写）")


class LegacyTable2(Model):
    """表二 in the 2019 format, kept as published (not comparable with 2021's 表二)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# ============================================================================ the whole


class Figures(Model):
    """All figures of one year's report."""

    meta: Metadata = _field("基本信息", default=...)
    table2: Table2 = _field("表二", default_factory=Table2)
    table3: Table3 = _field("表三", default_factory=Table3)
    table4: Table4 = _field("表四", default_factory=Table4)
    facts: Facts = _field("正文数据", default_factory=Facts)
    notes: Notes = _field("工作要点", default_factory=Notes)
    previous_problems: list[PreviousProblem] = _field("上年度问题", default_factory=list)
    legacy_table2: dict[str, dict[str, Cell]] | None = _field(
        "表二（2019格式）", description="2019 年格式的表二，按原表保留（与 2021 年格式不可比）")

    def to_data(self) -> dict[str, Any]:
        """The figures as plain data keyed by the official labels (for YAML/JSON files)."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")
