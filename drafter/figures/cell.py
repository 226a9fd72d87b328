"""A table cell: a number, or no number (blank, “/”, text) with its text as published."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_serializer, model_validator

from drafter.figures.base import _strict

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

# Text that means “not applicable” in a published table; kept as published, never read as 0.
NOT_APPLICABLE = frozenset({"/", "／", "—", "——", "-", "－", "–", "无", "不适用", "\\"})
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


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
            if isinstance(data, float) and not math.isfinite(data):
                raise ValueError(f"“{data}”不是有效的数字；请填写实际件数，没有的填 0")
            if data < 0 and _strict(info):
                raise ValueError(f"不能为负数（填写的是 {data}）；没有发生的请填 0")
            return {"value": data}
        if data is None:
            return {"value": None, "raw": ""}
        if isinstance(data, str):
            return parse_cell_text(data, strict=_strict(info))
        raise ValueError("应填写一个数字，不能是列表" if isinstance(data, list | tuple) else "应填写一个数字")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # In a file a cell is a scalar: a number (a published report's "/" or blank is read as text).
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}, {"type": "null"}],
                "description": "数字；没有的填 0（每格都应填数字）"}

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
    raw = _SPACES.sub("", text.translate(FULLWIDTH))
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
        raise ValueError(f"“{raw}”不是数字：请只填写阿拉伯数字（如 12），没有的填 0")
    return {"value": None, "raw": raw}


FULLWIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def blank_cell() -> Cell:
    return Cell(value=None, raw="")
