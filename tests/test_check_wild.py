"""The checker on the kinds of wording and layout real sites produce (issue 10).

Every sentence here is written for the test; the real openings in ``../shared/corpus/wild-dev`` are used by path
(``test_wild_dev_*``) and scored by ``benchmarks/bench_wild.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.check.checker import check_report
from drafter.check.figures import attribute_to_source
from drafter.errors import ImportFailed
from drafter.findings import Severity
from drafter.read import read_report
from tests.conftest import CORPUS

WILD = CORPUS / "wild-dev"


def _read(text: str, name: str = "report.txt"):
    return read_report(Path(name), text.encode("utf-8"))


def _check(text: str):
    report = _read(text)
    return attribute_to_source(check_report(report), report)


def _errors(findings, rule: str | None = None):
    return [f for f in findings if f.severity is Severity.ERROR and (rule is None or f.rule == rule)]


PART_ONE = ("一、总体情况\n{lead}本单位认真贯彻《中华人民共和国政府信息公开条例》，推进政务公开工作。\n"
            "（一）主动公开\n全年在门户网站主动公开政府信息35条。\n")


# ------------------------------------------------------------------------------------------ partial reports


@pytest.mark.parametrize("lead, year", [
    ("本报告所列数据的统计时限为2021年1月1日至2021年12月31日。\n", 2021),
    ("本报告数据统计时段为2022年1月1日至12月31日。\n", 2022),
    ("统计起止时间为2023年1月1日至2023年12月31日。\n", 2023),
    ("报告数据时间为2024年1月1日至2024年12月31日。\n", 2024),
    ("现公布本局2020年政府信息公开工作年度报告如下。\n", 2020),
    ("特向社会公布2025年度信息公开工作情况报告。\n", 2025),
    ("2019年，", 2019),
])
def test_year_of_a_part_one_pasted_alone(lead: str, year: int) -> None:
    report = _read(PART_ONE.format(lead=lead))
    assert report.year == year
    assert [s.numeral for s in report.sections] == ["一"]


def test_partial_report_is_checked_and_missing_parts_are_warnings() -> None:
    findings = _check("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(lead=""))
    missing = [f for f in findings if f.rule == "structure.section"]
    # One warning for the run of parts past the cut, not one per part.
    assert len(missing) == 1 and missing[0].section == "二" and missing[0].severity is Severity.WARNING
    assert "第二至第六部分" in missing[0].message and "六、其他需要报告的事项" in (missing[0].expected or "")
    assert not _errors(findings)


def test_a_gap_between_parts_is_still_an_error() -> None:
    text = ("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(lead="") +
            "三、收到和处理政府信息公开申请情况\n见下表。\n")
    missing = [f for f in _check(text) if f.rule == "structure.section" and f.section == "二"]
    assert missing and missing[0].severity is Severity.ERROR


def test_text_without_a_report_is_still_refused() -> None:
    with pytest.raises(ImportFailed):
        _read("一、总体情况\n今天天气晴，气温二十度。\n")


def test_a_cited_guide_title_is_no_placeholder() -> None:
    findings = _check("某县某局2020年政府信息公开工作年度报告\n本报告依据《年度报告格式（试行）及编写说明》编制。\n"
                      + PART_ONE.format(lead=""))
    assert not [f for f in findings if f.rule == "prose.placeholder"]


# ------------------------------------------------------------------------------------------ the development set


def _truths() -> list[Path]:
    return sorted(WILD.glob("*.truth.json")) if WILD.exists() else []


@pytest.mark.skipif(not WILD.exists(), reason="../shared/corpus/wild-dev is not here")
def test_wild_dev_refuses_only_texts_without_a_report_year() -> None:
    refused = []
    for truth_path in _truths():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = WILD / truth["file"]
        try:
            read_report(path, path.read_bytes())
        except ImportFailed:
            if truth["year"] is not None:
                refused.append(truth["file"])
    assert len(refused) <= 7, refused


# ------------------------------------------------------------------------------------------ kinds of wording


def _prose(fig, text: str):
    from tests.test_checker_rules import report

    return [f for f in check_report(report(fig, p1=text)) if f.rule.startswith("prose.")]


def _fig(**cells):
    from tests.test_checker_rules import figures

    return figures(**cells)


@pytest.mark.parametrize("text", [
    # two coordinated totals, the parts split between them, each naming its own
    "全年发生行政复议4件、行政诉讼2件，其中行政复议结果维持3件、纠正1件，行政诉讼结果维持2件。",
    # two coordinated totals, one part list that does not say which: only a sum above both is certain
    "本年度涉及行政复议2件、行政诉讼2件，其中维持3件。",
    # the same total broken down twice in one list (by applicant, then by outcome)
    "本年度新收到政府信息公开申请6件，其中自然人申请4件、法人或其他组织申请2件，予以公开5件，无法提供1件。",
    # a second breakdown by applicant without 其中
    "本年度新收到政府信息公开申请6件。公民申请4件，法人或其他组织申请2件。",
    # a wider figure beside the newly received
    "本年度新收到政府信息公开申请6件。共受理政府信息公开申请8件（含上年结转2件）。",
    "本年度新收到政府信息公开申请6件，共受理8件。",
    # a sentence opening with 其中 belongs to the previous sentence's total, not to its last number
    "全年公开信息90条，其中政策文件30条、工作动态60条。其中网站发布50条、公众号发布40条。",
    # parts on several channels may overlap
    "主动公开政府信息100条，其中门户网站发布80条、微信公众号发布60条。",
    # a list that runs across ；with a catch-all, and adds up
    "主动公开信息100条，其中概况类信息10条；政务动态类信息60条；其他信息30条。",
    # an open list (no catch-all) that falls short
    "主动公开信息100条，其中政策文件10条、工作动态60条。",
])
def test_wordings_that_are_not_contradictions(text: str) -> None:
    assert not [f for f in _prose(None, text) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("text, severity", [
    ("全年发生行政复议2件、行政诉讼1件，其中行政复议结果维持3件，行政诉讼结果维持1件。", Severity.ERROR),
    ("全年发生行政复议2件、行政诉讼1件，其中维持2件、纠正2件。", Severity.ERROR),
    ("主动公开信息50条，其中政务动态30条，通知公告15条，政策解读9条。", Severity.ERROR),
    ("全年公开信息80条。其中，网站发布工作动态50条、通知公告31条。", Severity.ERROR),
    ("全年主动公开信息100条，按类别分，工作动态60条、通知公告30条、其他信息20条。", Severity.ERROR),
    # a list closed by its own catch-all says it is whole: short of the total is certain
    ("主动公开信息100条，其中概况类信息10条；政务动态类信息60条；其他信息20条。", Severity.ERROR),
    ("本年度在门户网站政策文件栏目公开文件12条。下半年在门户网站政策文件栏目公开文件15条。", Severity.WARNING),
])
def test_wordings_that_are_found(text: str, severity: Severity) -> None:
    found = [f for f in _prose(None, text) if f.rule == "prose.inconsistent"]
    assert found and found[0].severity is severity, found


@pytest.mark.parametrize("text", [
    "本年度新收政府信息公开申请5件。办理人大代表建议12件、政协提案8件，均已答复。",
    "本年度新收政府信息公开申请5件，答复群众来信30件。",
    "本年度收到政府信息公开申请5件，制作答复书15份。",
    "本年度收到政府信息公开申请5件，12345热线工单办结40件。",
])
def test_replies_to_other_things_are_no_applications(text: str) -> None:
    fig = _fig(new=5, public=5)
    assert not [f for f in _prose(fig, text) if f.rule in ("prose.table_mismatch", "prose.unit", "prose.inconsistent")]


def test_model_wording_against_the_tables() -> None:
    fig = _fig(new=5, public=4, unable=1, review=(1, 0, 0, 0))
    zero = _prose(fig, "本年度没有收到公民、法人和其他组织提出的政府信息公开申请。")
    assert [f.severity for f in zero if f.rule == "prose.table_mismatch"] == [Severity.ERROR]
    corrected = _prose(fig, "全年发生行政复议1件，其中纠正了1件。")
    assert [f.severity for f in corrected if f.rule == "prose.table_mismatch"] == [Severity.ERROR]
    published = _prose(fig, "本年度发布行政规范性文件3条。")
    assert {f.rule for f in published} == {"prose.unit", "prose.table_mismatch"}
    made = _prose(fig, "本年度制发行政规范性文件3件。")
    assert [f.severity for f in made if f.rule == "prose.table_mismatch"] == [Severity.ERROR]


def test_the_report_said_to_be_published_within_its_own_year() -> None:
    findings = _check("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(
        lead="按时完成本局2023年政府信息公开工作年度报告，并于2023年1月20日前在门户网站公布。"))
    assert [f.severity for f in findings if f.rule == "prose.year"] == [Severity.ERROR]
    fine = _check("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(
        lead="按时完成本局2022年政府信息公开工作年度报告，并于2023年1月20日前在门户网站公布。"))
    assert not [f for f in fine if f.rule == "prose.year"]


# ------------------------------------------------------------------------------------------ layouts


def test_a_heading_split_over_two_lines_and_a_title_printed_twice() -> None:
    text = ("2023年政府信息公开工作年度报告\n某县某某镇人民政府\n2023年政府信息公开工作年度报告\n一、\n总体情况\n"
            "2023年，本镇推进政务公开工作。\n")
    report = _read(text)
    assert [(s.numeral, s.title) for s in report.sections] == [("一", "总体情况")]
    assert report.title == "某县某某镇人民政府2023年政府信息公开工作年度报告"


TOWN_2019_TABLE = ("某县某某镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\n2022年，本镇主动公开信息20条。\n"
                   "二、主动公开政府信息情况\n"
                   "第二十条第(一)项 | |||\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |\n"
                   "规章 | 2 | 2 | 2 | |\n规范性文件 | 3 | 3 | 3 | |\n"
                   "第二十条第(五)项 | |||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |\n"
                   "行政许可 | ||||\n")


def test_a_2019_table_in_pipe_rows_with_padding() -> None:
    findings = _check(TOWN_2019_TABLE)
    rules = {(f.rule, f.location) for f in findings}
    assert ("table.plausible", "表二/规章") in rules  # a 镇 makes no 规章
    assert ("table.blank", "表二/行政许可") in rules
    assert any(f.rule == "structure.old_format" for f in findings)


def test_a_table_printed_with_labels_and_no_numbers() -> None:
    cells = ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
             "第二十条第(五)项", "信息内容", "本年处理决定数量", "行政许可"]
    text = ("某县某局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，本局推进政务公开工作。\n"
            "二、主动公开政府信息情况\n" + "\n\n".join(cells) + "\n")
    blank = [f for f in _check(text) if f.rule == "table.blank"]
    assert blank and blank[0].location == "表二"


HEAD = "某县某局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，本局推进政务公开工作。\n二、主动公开政府信息情况\n"
T2_CELLS = ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0",
            "行政规范性文件", "2", "1", "5", "第二十条第(五)项", "信息内容", "本年处理决定数量", "行政许可", "7"]


def _t2(report):
    t2 = report.figures.table2
    return (t2.normative_documents.issued.value, t2.normative_documents.repealed.value,
            t2.normative_documents.in_force.value, t2.licensing.decisions.value)


def test_a_table_one_cell_per_line_with_bars() -> None:
    lines = []
    for cell in T2_CELLS:
        lines.append(f"{cell} |")
        if cell.startswith("第二十条"):
            lines[-1] += " |||"
    report = _read(HEAD + "|\n" + "\n".join(lines) + "\n")
    assert _t2(report) == (2, 1, 5, 7)


def test_a_table_with_its_cells_between_bare_bars() -> None:
    # Every cell on its own line and every bar on its own (a copy of a page whose table cells were block elements);
    # a header cell may wrap (“本年制发” “件数”), two bars in a row are a blank cell.
    cells = [c.replace("本年制发件数", "本年制发\n件数") for c in T2_CELLS]
    report = _read(HEAD + "\n|\n".join(cells) + "\n|\n三、收到和处理政府信息公开申请情况\n")
    assert _t2(report) == (2, 1, 5, 7)
    blanked = "\n|\n".join(cells).replace("\n|\n5\n|\n", "\n|\n|\n")
    report = _read(HEAD + blanked + "\n|\n")
    assert _t2(report)[:3] == (2, 1, None)


def test_a_report_without_its_name_that_speaks_of_itself_as_a_town_is_held_to_a_towns_limits() -> None:
    cells = list(T2_CELLS)
    cells[cells.index("规章") + 3] = "6"
    head = "一、总体情况\n本报告汇报我镇2022年政府信息公开工作。\n二、主动公开政府信息情况\n"
    plausible = [f for f in _check(head + "\n\n".join(cells) + "\n") if f.rule == "table.plausible"]
    assert [f.location for f in plausible] == ["表二/规章"]
    as_office = head.replace("我镇", "我局")
    assert not [f for f in _check(as_office + "\n\n".join(cells) + "\n") if f.rule == "table.plausible"]


def test_a_table_one_cell_per_paragraph() -> None:
    report = _read(HEAD + "\n\n".join(T2_CELLS) + "\n")
    assert _t2(report) == (2, 1, 5, 7)


def test_a_bare_bar_is_a_blank_cell_while_the_row_lacks_numbers() -> None:
    cells = "\n".join(["第二十条第(一)项 | |||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |", "|",
                       "规章 |", "0 |", "0 |", "|", "|", "行政规范性文件 |", "2 |", "1 |", "5 |", "|"])
    report = _read(HEAD + cells + "\n")
    rules = report.figures.table2.rules
    assert (rules.issued.value, rules.repealed.value, rules.in_force.value) == (0, 0, None)
    assert _t2(report)[:3] == (2, 1, 5)
    blank = [f for f in _check(HEAD + cells + "\n") if f.rule == "table.blank"]
    assert [f.location for f in blank] == ["表二/规章/现行有效件数"]


def test_rows_a_cut_off_page_does_not_print_are_unknown_not_zero() -> None:
    # The page stops inside 表三: the prose's 予以公开 cannot be compared, and the missing rows are not “blank”.
    table3 = "\n\n".join(["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人",
                          "法人或其他组织", "总计", "一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"])
    text = (HEAD.replace("2022年，本局推进政务公开工作。", "2022年，本局收到申请3件，其中予以公开2件。") +
            "\n\n".join(T2_CELLS) + "\n三、收到和处理政府信息公开申请情况\n" + table3 + "\n")
    findings = _check(text)
    assert not _errors(findings)
    assert not [f for f in findings if f.rule == "table.blank"]
