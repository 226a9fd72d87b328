"""What the narrative states beyond the tables: facts, the clerk's notes, and last year's problems."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator

from drafter.figures.base import Model, _field


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
