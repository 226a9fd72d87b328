"""Figures and reports built by hand for the render and diff tests (values chosen so each cell is distinct)."""

from __future__ import annotations

from drafter.figures import Figures
from drafter.report import Report, Section, SourceKind

AGENCY = "测试市测试局"


def figures_data(year: int = 2023, *, agency: str = AGENCY, carried: int = 1, carry_forward: int = 2,
                 in_force: int = 12, new_natural: int = 5) -> dict:
    """A complete, balanced figures file: 一 (new_natural + 2) + 二 carried = results + 四 carry_forward."""
    results_natural = new_natural + carried - carry_forward
    return {
        "基本信息": {"机关全称": agency, "报告年度": year, "网站": "测试市人民政府门户网站",
                     "联系方式": {"地址": "测试路1号", "电话": "0000-1234567"}},
        "表二": {
            "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
            "行政规范性文件": {"本年制发件数": 3, "本年废止件数": 1, "现行有效件数": in_force},
            "行政许可": {"本年处理决定数量": 120},
            "行政处罚": {"本年处理决定数量": 35},
            "行政强制": {"本年处理决定数量": 4},
            "行政事业性收费": {"本年收费金额": 1.25},
        },
        "表三": {
            "一、本年新收政府信息公开申请数量": [new_natural, 2, 0, 0, 0, 0],
            "二、上年结转政府信息公开申请数量": [carried, 0, 0, 0, 0, 0],
            "三、本年度办理结果": _results(public=[results_natural - 1, 2, 0, 0, 0, 0],
                                           not_held=[1, 0, 0, 0, 0, 0]),
            "四、结转下年度继续办理": [carry_forward, 0, 0, 0, 0, 0],
        },
        "表四": {"行政复议": [1, 0, 2, 0], "行政诉讼": {"复议后起诉": [0, 3, 0, 0]}},
    }


def _results(*, public: list[int], not_held: list[int]) -> dict:
    """Every result row present (zeros), as a clerk fills in ``drafter init``'s file."""
    from drafter.figures import labels as L

    zero = [0] * 6
    out: dict = {L.G_PUBLIC: public, L.G_PARTIAL: zero}
    for group, label in L.T3_GROUPS.items():
        out[label] = {row.label: zero for row in L.TABLE3_ROWS if row.id.startswith(group)}
    out[L.G_UNABLE]["1.本机关不掌握相关政府信息"] = not_held
    return out


def make_figures(year: int = 2023, **kw) -> Figures:
    return Figures.model_validate(figures_data(year, **kw))


SECTIONS_2023 = {
    "一": ("2023年，本局认真贯彻落实《条例》，推进政府信息公开工作。\n"
          "（一）主动公开。全年通过门户网站主动公开政府信息133条，其中政务动态80条、通知公告53条。\n"
          "（二）依申请公开。全年共收到政府信息公开申请7件，上年结转1件，均已在法定期限内答复。"),
    "五": ("（一）存在的主要问题。一是政策解读形式较为单一；二是栏目更新不够及时。\n"
          "（二）改进措施。2024年，本局将每季度核查一次栏目更新情况，并增加图解解读。"),
    "六": "本局2023年未收取信息处理费。",
}


def make_report(year: int = 2023, sections: dict[str, str] | None = None, **kw) -> Report:
    """A Report with figures and narrative parts (the table parts keep only their lead sentence)."""
    from drafter.figures import labels as L

    texts = SECTIONS_2023 if sections is None else sections
    return Report(kind=SourceKind.MARKDOWN, figures=make_figures(year, **kw),
                  sections=[Section(n, L.SECTION_TITLES[n], texts[n]) for n in L.SECTION_NUMERALS if n in texts])
