"""Who reports, for which year, where."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import field_validator

from drafter.figures.base import Model, _field
from drafter.figures.cell import FULLWIDTH


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

    @field_validator("postcode", "phone", mode="before")
    @classmethod
    def _digits_as_text(cls, value: Any) -> Any:
        # Written without quotes, 223100 is a number to YAML; a postcode or phone number is text all the same.
        if isinstance(value, int) and not isinstance(value, bool):
            return getattr(value, "written", None) or str(value)
        return value


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
            text = value.strip().translate(FULLWIDTH).removesuffix("年度").removesuffix("年")
            if not re.fullmatch(r"\d{4}", text):
                raise ValueError(f"“{value}”不是四位数字年份：请写成 2021 这样的阿拉伯数字（注意字母 O 与数字 0）")
            return int(text)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("应为四位数字年份，如 2021")
        if not 1000 <= value <= 9999:
            raise ValueError(f"应为四位数字年份，如 2021（填写的是 {value}）")
        return value

    @field_validator("format", mode="before")
    @classmethod
    def _format(cls, value: Any) -> Any:
        text = str(value).strip()
        if text not in ("2021", "2019"):
            raise ValueError(f"表格式样只能是 2021 或 2019（填写的是“{text}”）")
        return text
