"""Generated reports for checker tests: random but consistent figures, parts 一 and 五 from the offline engine."""

from __future__ import annotations

import random

from drafter.figures import Figures
from drafter.figures.labels import SECTION_TITLES
from drafter.report import Report, Section, SourceKind

AGENCIES = ("青山县审计局", "河西区人民政府办公室", "东城街道办事处", "北湖市生态环境局", "南岭县人民政府",
            "西江市交通运输局")


def _row(rng: random.Random, total: int) -> list[int]:
    """Six applicant columns that add up to total (mostly 自然人, some 商业企业)."""
    business = rng.randint(0, total // 3) if total else 0
    return [total - business, business, 0, 0, 0, 0]


def random_figures(seed: int) -> Figures:
    """Figures whose tables add up, with a mix of zero and non-zero activity."""
    rng = random.Random(seed)
    year = rng.randint(2021, 2025)
    busy = seed % 4 != 0
    new = rng.randint(3, 300) if busy else 0
    carried = rng.randint(0, 5) if busy else 0
    forward = rng.randint(0, min(4, new)) if busy else 0
    done = new + carried - forward
    public = rng.randint(0, done)
    partial = rng.randint(0, done - public)
    unable = rng.randint(0, done - public - partial)
    other = done - public - partial - unable

    def rows(n: int) -> dict[str, list[int]]:
        return {"自然人": n, "商业企业": 0, "科研机构": 0, "社会公益组织": 0, "法律服务机构": 0, "其他": 0}

    review = [rng.randint(0, 3), rng.randint(0, 1), 0, rng.randint(0, 1)] if busy else [0, 0, 0, 0]
    suit = [rng.randint(0, 2), 0, rng.randint(0, 1), 0] if busy and seed % 3 else [0, 0, 0, 0]
    issued = rng.randint(0, 12)
    data = {
        "基本信息": {"机关全称": AGENCIES[seed % len(AGENCIES)], "报告年度": year,
                 "机关类型": "人民政府" if "人民政府" in AGENCIES[seed % len(AGENCIES)] else "政府部门"},
        "表二": {
            "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
            "行政规范性文件": {"本年制发件数": issued, "本年废止件数": 1, "现行有效件数": issued + rng.randint(5, 60)},
            "行政许可": {"本年处理决定数量": rng.randint(0, 900)},
            "行政处罚": {"本年处理决定数量": rng.randint(0, 300)},
            "行政强制": {"本年处理决定数量": rng.randint(0, 20)},
            "行政事业性收费": {"本年收费金额": round(rng.uniform(0, 80), 2)},
        },
        "表三": _table3(rows, new, carried, forward, public, partial, unable, other),
        "表四": {"行政复议": review, "行政诉讼": {"未经复议直接起诉": suit, "复议后起诉": [0, 0, 0, 0]}},
        "正文数据": {"主动公开信息总数": rng.randint(20, 3000), "信息处理费": 0},
        "工作要点": {"工作考核、社会评议和责任追究": ["将政务公开纳入年度绩效考核，未发生责任追究情况"]},
    }
    figures = Figures.model_validate(data)
    # The offline row helper puts business applicants in 一 only; keep the table balanced per column.
    t3 = figures.table3
    biz = t3.new.commercial.value if t3.new else 0
    if biz:
        shifted = _shift(rows(public), biz, t3)
        if shifted["商业企业"]:
            data["表三"]["三、本年度办理结果"]["（一）予以公开"] = shifted
            data["表三"]["一、本年新收政府信息公开申请数量"] = _row_exact(new, biz)
        figures = Figures.model_validate(data)
    return figures


def _table3(rows, new, carried, forward, public, partial, unable, other) -> dict:
    from drafter.figures import labels as L

    results: dict = {L.G_PUBLIC: rows(public), L.G_PARTIAL: rows(partial)}
    for group in ("三（三）", "三（四）", "三（五）", "三（六）"):
        sub = {}
        for row in L.TABLE3_ROWS:
            if row.id.startswith(group) and row.id != group:
                sub[row.label] = rows(0)
        results[L.T3_GROUPS[group]] = sub
    results[L.G_UNABLE]["1.本机关不掌握相关政府信息"] = rows(unable)
    results[L.G_OTHER]["3.其他"] = rows(other)
    return {L.T3_NEW: rows(new), L.T3_CARRIED: rows(carried), L.T3_RESULTS: results, L.T3_NEXT: rows(forward)}


def _row_exact(total: int, business: int) -> dict[str, int]:
    return {"自然人": total - business, "商业企业": business, "科研机构": 0, "社会公益组织": 0, "法律服务机构": 0,
            "其他": 0}


def _shift(row: dict[str, int], business: int, t3: object) -> dict[str, int]:
    """Move ``business`` applications of 予以公开 from 自然人 to 商业企业 (or give up when too few)."""
    if row["自然人"] >= business:
        row = dict(row)
        row["自然人"] -= business
        row["商业企业"] = business
    return row


def generated_report(seed: int) -> Report:
    """A complete six-part report drafted offline from random figures."""
    from drafter.draft.offline import draft_offline

    figures = random_figures(seed)
    year = figures.meta.year
    texts = {
        "一": draft_offline(figures, "一", variant=seed),
        "二": "",
        "三": "",
        "四": "",
        "五": draft_offline(figures, "五", variant=seed),
        "六": f"{year}年，本机关未收取信息处理费。无其他需要报告的事项。",
    }
    sections = [Section(n, SECTION_TITLES[n], texts[n]) for n in SECTION_TITLES]
    return Report(kind=SourceKind.MARKDOWN, figures=figures, sections=sections,
                  title=f"{figures.meta.agency}{year}年政府信息公开工作年度报告")
