"""The figure sheet: every number the drafted prose may use, in words, derived from the figures.

The sheet is what the model (or the offline engine) is given instead of the raw tables. A number that is not on
the sheet has no business in the prose; a fact the figures do not hold is listed as missing, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.figures import Figures, UnitKind
from drafter.figures.labels import T3_APPLICANT_COLUMNS, TABLE3_ROW
from drafter.numbers import format_figure

Number = int | float


@dataclass(frozen=True, slots=True)
class Fact:
    """One number with its meaning: ``key`` is stable (``t3.new``), ``label`` says it in words."""

    key: str
    label: str
    value: Number
    unit: str
    topic: str

    @property
    def text(self) -> str:
        """The number and its unit as the prose writes it (``8件``, ``0.5万元``)."""
        return f"{format_figure(self.value)}{self.unit}"


@dataclass(frozen=True, slots=True)
class Missing:
    """A fact a sentence would need that the figures do not hold, and the figures-file key that supplies it."""

    key: str
    label: str
    hint: str


@dataclass(slots=True)
class FactSheet:
    """The figures of one report as the drafter may state them."""

    agency: str
    year: int
    self_name: str
    kind: UnitKind
    region: str | None
    website: str | None
    facts: dict[str, Fact] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    categories: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    new_columns: list[str] = field(default_factory=list)

    @property
    def is_government(self) -> bool:
        return self.kind is UnitKind.GOVERNMENT

    def value(self, key: str) -> Number | None:
        """The number under a key, or None when the figures do not hold it."""
        fact = self.facts.get(key)
        return None if fact is None else fact.value

    def text(self, key: str) -> str:
        """The number with its unit, e.g. ``8件``; raises KeyError for a fact the sheet lacks."""
        return self.facts[key].text

    def has(self, key: str) -> bool:
        return key in self.facts

    def numbers(self) -> set[Number]:
        """Every number the prose may contain (the report year included)."""
        values: set[Number] = {self.year, self.year + 1}
        for fact in self.facts.values():
            values.add(fact.value)
        return values

    def render(self) -> str:
        """The sheet as plain Chinese text for a prompt: one fact per line, grouped by topic."""
        lines = [f"机关全称：{self.agency}", f"报告年度：{self.year}年", f"机关类型：{self.kind.value}",
                 f"文中自称：{self.self_name}"]
        if self.region:
            lines.append(f"所属地区：{self.region}")
        if self.website:
            lines.append(f"网站：{self.website}")
        topic = None
        for fact in self.facts.values():
            if fact.topic != topic:
                topic = fact.topic
                lines.append(f"【{topic}】")
            lines.append(f"- {fact.label}：{fact.text}")
        if self.new_columns:
            lines.append("【新设栏目或平台】" + "、".join(self.new_columns))
        if self.missing:
            lines.append("【figures 文件未提供（如需写到，请用【待补充：…】标出，不得编造）】")
            lines.extend(f"- {m.label}" for m in self.missing)
        return "\n".join(lines)


_SELF_SUFFIXES = (
    ("人民政府办公室", "我办"), ("人民政府办公厅", "我厅"), ("街道办事处", "我街道"), ("办事处", "我处"),
    ("委员会", "我委"), ("管理委员会", "我委"), ("管委会", "我委"), ("办公室", "我办"), ("厅", "我厅"),
    ("局", "我局"), ("委", "我委"), ("办", "我办"), ("院", "我院"), ("中心", "我中心"), ("署", "我署"),
    ("镇", "我镇"), ("乡", "我乡"), ("所", "我所"),
)
_GOVERNMENT = re.compile(r"(省|市|县|区|旗|州|盟)人民政府$")


_PLACE = re.compile(r"(市|县|区|旗|州)$")


def self_name(agency: str, kind: UnitKind) -> str:
    """How the report names its own unit after the first mention: 我局, 我委, 我区 … or 本机关."""
    name = re.sub(r"[（(][^）)]*[）)]$", "", agency.strip())  # “宿迁市（全市汇总）” → 宿迁市
    if m := _GOVERNMENT.search(name) or _PLACE.search(name):
        return "我" + m.group(1)
    if name.endswith(("镇人民政府", "乡人民政府")):
        return "我" + name[-5]
    for suffix, word in _SELF_SUFFIXES:
        if name.endswith(suffix):
            return word
    return "本机关"


def build_factsheet(figures: Figures) -> FactSheet:
    """Derive the sheet from the figures: table cells that matter, group totals, facts and shares."""
    meta = figures.meta
    sheet = FactSheet(agency=meta.agency, year=meta.year, self_name=self_name(meta.agency, meta.kind),
                      kind=meta.kind, region=meta.region, website=meta.website)
    _add_proactive(sheet, figures)
    _add_table2(sheet, figures)
    _add_table3(sheet, figures)
    _add_table4(sheet, figures)
    _add_other_facts(sheet, figures)
    return sheet


def _put(sheet: FactSheet, key: str, label: str, value: Number | None, unit: str, topic: str) -> None:
    if value is not None:
        sheet.facts[key] = Fact(key, label, value, unit, topic)


def _add_proactive(sheet: FactSheet, figures: Figures) -> None:
    facts, topic = figures.facts, "主动公开"
    _put(sheet, "proactive.total", "本年主动公开政府信息", facts.proactive_total, "条", topic)
    if facts.proactive_total is None:
        sheet.missing.append(Missing("proactive.total", "本年主动公开政府信息总条数", "正文数据 › 主动公开信息总数"))
    for name, count in facts.proactive_by_category.items():
        sheet.categories[name] = count
        _put(sheet, f"proactive.category.{name}", f"其中{name}", count, "条", topic)
    for name, count in facts.proactive_by_channel.items():
        sheet.channels[name] = count
        _put(sheet, f"proactive.channel.{name}", f"通过{name}发布", count, "条", topic)
    total = facts.proactive_total
    if total and sheet.categories:
        name, count = max(sheet.categories.items(), key=lambda item: item[1])
        share = round(count * 100 / total, 1)
        _put(sheet, "proactive.top_share", f"{name}占主动公开总数的比例", share, "%", topic)
    _put(sheet, "interpretations", "发布政策解读", facts.policy_interpretations, "条", topic)
    sheet.new_columns = list(facts.new_columns)


def _cell(cell: object) -> Number | None:
    return getattr(cell, "value", None)


def _add_table2(sheet: FactSheet, figures: Figures) -> None:
    t2, topic = figures.table2, "表二 主动公开"
    for key, name, row in (("rules", "规章", t2.rules), ("normative", "行政规范性文件", t2.normative_documents)):
        _put(sheet, f"t2.{key}.issued", f"本年制发{name}", _cell(row.issued), "件", topic)
        _put(sheet, f"t2.{key}.repealed", f"本年废止{name}", _cell(row.repealed), "件", topic)
        _put(sheet, f"t2.{key}.in_force", f"现行有效{name}", _cell(row.in_force), "件", topic)
    _put(sheet, "t2.licensing", "行政许可本年处理决定", _cell(t2.licensing.decisions), "件", topic)
    _put(sheet, "t2.punishment", "行政处罚本年处理决定", _cell(t2.punishment.decisions), "件", topic)
    _put(sheet, "t2.enforcement", "行政强制本年处理决定", _cell(t2.enforcement.decisions), "件", topic)
    _put(sheet, "t2.fees", "行政事业性收费本年收费金额", _cell(t2.fees.amount), "万元", topic)


# (key, row ids, words) of the result groups of 表三, in printed order.
RESULT_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("public", ("三（一）",), "予以公开"),
    ("partial", ("三（二）",), "部分公开"),
    ("withheld", tuple(f"三（三）{i}" for i in range(1, 9)), "不予公开"),
    ("unable", tuple(f"三（四）{i}" for i in range(1, 4)), "无法提供"),
    ("not_processed", tuple(f"三（五）{i}" for i in range(1, 6)), "不予处理"),
    ("other", ("三（六）1", "三（六）2", "三（六）3"), "其他处理"),
)


def _row_total(figures: Figures, row_ids: tuple[str, ...]) -> Number | None:
    t3 = figures.table3
    if row_ids[0].startswith("三（六）") and t3.other_is_one_row():
        row_ids = ("三（六）",)
    values = [t3.value(rid, "total") for rid in row_ids]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _add_table3(sheet: FactSheet, figures: Figures) -> None:
    t3, topic = figures.table3, "表三 依申请公开"
    new = t3.value("一", "total")
    _put(sheet, "t3.new", "本年新收政府信息公开申请", new, "件", topic)
    row = t3.row("一")
    if row is not None and new:
        natural = row.natural.value
        legal = [getattr(row, attr).value for attr, _ in T3_APPLICANT_COLUMNS[1:]]
        _put(sheet, "t3.new.natural", "其中自然人申请", natural, "件", topic)
        if all(v is not None for v in legal):
            _put(sheet, "t3.new.legal", "其中法人或其他组织申请", sum(v for v in legal if v is not None), "件", topic)
    _put(sheet, "t3.carried", "上年结转政府信息公开申请", t3.value("二", "total"), "件", topic)
    for key, row_ids, words in RESULT_GROUPS:
        _put(sheet, f"t3.{key}", f"办理结果：{words}", _row_total(figures, row_ids), "件", topic)
        if len(row_ids) > 1:
            for rid in row_ids:
                value = t3.value(rid, "total")
                if value:
                    label = TABLE3_ROW[rid].label.split(".", 1)[-1]
                    _put(sheet, f"t3.row.{rid}", f"{words}（{label}）", value, "件", topic)
    _put(sheet, "t3.total", "本年度办理结果总计", t3.value("三（七）", "total"), "件", topic)
    _put(sheet, "t3.next", "结转下年度继续办理", t3.value("四", "total"), "件", topic)
    total, unable = sheet.value("t3.total"), sheet.value("t3.unable")
    if total and unable:
        _put(sheet, "t3.unable_share", "无法提供占办理结果总计的比例", round(unable * 100 / total, 1), "%", topic)


def _add_table4(sheet: FactSheet, figures: Figures) -> None:
    t4, topic = figures.table4, "表四 行政复议、行政诉讼"
    names = {"行政复议": ("review", "行政复议"), "行政诉讼/未经复议直接起诉": ("direct", "未经复议直接起诉的行政诉讼"),
             "行政诉讼/复议后起诉": ("after", "复议后起诉的行政诉讼")}
    suits: list[Number] = []
    for rid, _, row in t4.blocks():
        key, words = names[rid]
        total = row.value("total")
        _put(sheet, f"t4.{key}.total", f"因政府信息公开被申请{words}" if key == "review" else words, total, "件", topic)
        for attr, label in (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                            ("pending", "尚未审结")):
            _put(sheet, f"t4.{key}.{attr}", f"{words}{label}", row.value(attr), "件", topic)
        if key != "review" and total is not None:
            suits.append(total)
    if len(suits) == 2:
        _put(sheet, "t4.suits.total", "行政诉讼合计（直接起诉与复议后起诉）", sum(suits), "件", topic)
        for attr, label in (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                            ("pending", "尚未审结")):
            parts = [sheet.value(f"t4.{k}.{attr}") for k in ("direct", "after")]
            if all(p is not None for p in parts):
                _put(sheet, f"t4.suits.{attr}", f"行政诉讼合计{label}", sum(parts), "件", topic)  # type: ignore[arg-type]


def _add_other_facts(sheet: FactSheet, figures: Figures) -> None:
    facts = figures.facts
    _put(sheet, "training.sessions", "组织或参加政务公开业务培训", facts.training_sessions, "次", "监督保障")
    _put(sheet, "training.trainees", "参加培训", facts.trainees, "人次", "监督保障")
    _put(sheet, "accountability", "因政务公开工作被责任追究", facts.accountability_cases, "次", "监督保障")
    _put(sheet, "fee.processing", "收取信息处理费", facts.processing_fee, "元", "其他")
    _put(sheet, "fee.cases", "收取信息处理费的申请", facts.processing_fee_cases, "件", "其他")
    _put(sheet, "proposals", "办理并公开人大代表建议和政协提案", facts.proposals, "件", "其他")
    for i, count in enumerate(facts.others):
        _put(sheet, f"other.{i}", count.name, count.value, count.unit, "其他")
    if figures.meta.kind is UnitKind.GOVERNMENT and not figures.notes.assessment:
        sheet.missing.append(Missing("assessment", "工作考核、社会评议和责任追究结果",
                                     "工作要点 › 工作考核、社会评议和责任追究"))
