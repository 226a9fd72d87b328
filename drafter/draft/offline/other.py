"""Part 六、其他需要报告的事项 by the offline engine: the 信息处理费, then the clerk's other matters by kind.

The format's practice (style-notes §4) lists four items: 信息处理费, 落实上年度政务公开工作要点, 建议提案办理 and
工作创新. The fee is always stated (a placeholder when the figures lack it); the others only as the figures and the
clerk's notes give them, never invented.
"""

from __future__ import annotations

from drafter.draft.factsheet import FactSheet
from drafter.draft.offline.phrases import clean_note
from drafter.figures import Figures
from drafter.numbers import format_figure

PLACEHOLDER = "【待补充：{}】"
FEE_RULES = "《政府信息公开信息处理费管理办法》"

# The items after the fee, each recognised in a note by its words (in this order; a note goes to its first match).
_KINDS = (
    ("points", "落实政务公开工作要点情况", ("工作要点", "要点", "重点工作")),
    ("proposals", "人大代表建议和政协提案办理结果公开情况", ("建议", "提案", "人大", "政协")),
    ("innovation", "政务公开工作创新情况", ("创新", "首创", "探索", "试点")),
)


def draft_other(sheet: FactSheet, figures: Figures) -> str:
    """The body of part 六 (numbered items as paragraphs when there is more than one)."""
    we, year = sheet.self_name, sheet.year
    items = [_fee(figures, we, year)]
    grouped: dict[str, list[str]] = {kind: [] for kind, _, _ in _KINDS}
    rest: list[str] = []
    for note in figures.notes.other_matters:
        text = clean_note(note)
        if not text:
            continue
        kind = next((k for k, _, words in _KINDS if any(w in text for w in words)), None)
        (grouped[kind] if kind else rest).append(text)
    proposals = figures.facts.proposals
    for kind, title, _ in _KINDS:
        notes = grouped[kind]
        if kind == "proposals" and proposals is not None and not any(format_figure(proposals) in n for n in notes):
            count = (f"{year}年，{we}未承办人大代表建议和政协提案" if proposals == 0 else
                     f"{year}年，{we}办理人大代表建议和政协提案{format_figure(proposals)}件，办理结果按要求公开")
            notes = [count, *notes]
        if notes:
            items.append(f"{title}：" + "；".join(notes) + "。")
    if rest:
        items.append("；".join(rest) + "。")
    if len(items) == 1:
        return items[0]
    numerals = "一二三四五六七八九十"
    return "\n\n".join(f"（{numerals[i]}）{item}" for i, item in enumerate(items))


def _fee(figures: Figures, we: str, year: int) -> str:
    fee, cases = figures.facts.processing_fee, figures.facts.processing_fee_cases
    if fee is None:
        return (f"依据{FEE_RULES}，{we}{year}年" +
                PLACEHOLDER.format("信息处理费收取情况：收取的写明金额（元），未收取的写明“未收取信息处理费”") + "。")
    if fee == 0:
        return f"依据{FEE_RULES}，{we}{year}年未收取信息处理费。"
    count = f"（涉及申请{format_figure(cases)}件）" if cases else ""
    text = f"依据{FEE_RULES}，{we}{year}年收取信息处理费{format_figure(fee)}元{count}。"
    unpaid = figures.table3.value("三（六）2", "total")
    if unpaid:
        text += f"因申请人逾期未按收费通知要求缴纳费用、不再处理的申请{format_figure(unpaid)}件。"
    return text
