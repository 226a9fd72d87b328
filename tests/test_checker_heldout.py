"""Patterns found by running the checker on real reports it had never seen (a held-out set of published
openings, kept outside the repository). Every text here is written for the test and only reproduces the pattern."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.checker import check_report
from drafter.check.figures import attribute_to_source
from drafter.findings import Severity
from drafter.read import read_report
from drafter.read.build import unit_kind
from tests.test_checker_rules import figures, full, report


def _prose(text: str, year: int = 2023):
    return [f for f in check_report(report(figures(year=year), p1=text)) if f.rule.startswith("prose.")]


def _check(text: str):
    parsed = read_report(Path("report.txt"), text.encode("utf-8"))
    return attribute_to_source(check_report(parsed), parsed)


def _of(findings, rule: str, severity: Severity | None = None):
    return [f for f in findings if f.rule == rule and (severity is None or f.severity is severity)]


# ------------------------------------------------------------------------------------------ nested breakdowns

NESTED = ("全年主动公开信息30条。其中机构类信息8条，内有领导信息5条、职能信息3条；工作类信息12条，其中工作动态5条、"
          "通知公告4条、工作计划{plans}条；政策类信息6条；财政类信息4条。")


def test_parts_joined_by_dun_end_at_the_semicolon_that_separates_their_totals_siblings() -> None:
    # 工作类 12 = 5+4+3; the ；-separated 政策类 6 and 财政类 4 are siblings of 12, not parts of it.
    assert _of(_prose(NESTED.format(plans=3)), "prose.inconsistent") == []


def test_a_nested_list_that_exceeds_its_total_is_still_an_error() -> None:
    found = _of(_prose(NESTED.format(plans=6)), "prose.inconsistent", Severity.ERROR)
    assert found and found[0].expected == 12 and found[0].actual == 15


def test_semicolon_separated_parts_still_run_on() -> None:
    # Parts listed with ； from the start (one per clause) still make one list.
    text = "全年主动公开信息50条，其中工作动态30条；通知公告15条；政策解读9条。"
    found = _of(_prose(text), "prose.inconsistent", Severity.ERROR)
    assert found and found[0].actual == 54


# ------------------------------------------------------------------------------------------ closed lists


def test_a_list_ending_with_its_catch_all_that_falls_short_is_an_error() -> None:
    text = "全年主动公开信息100条，其中工作动态50条、通知公告20条、其他类信息10条。"
    found = _of(_prose(text), "prose.inconsistent")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert found[0].expected == 100 and found[0].actual == 80


def test_a_catch_all_that_adds_up_is_fine() -> None:
    text = "全年主动公开信息100条，其中工作动态50条、通知公告40条、其他类信息10条。"
    assert _of(_prose(text), "prose.inconsistent") == []


def test_other_organisations_are_no_catch_all() -> None:
    # “法人或其他组织” names an applicant kind, not “the rest”: short of the total stays below an error.
    text = "全年收到政府信息公开申请10件，其中自然人申请6件、法人或其他组织申请2件。"
    assert _of(_prose(text), "prose.inconsistent", Severity.ERROR) == []


# ------------------------------------------------------------------------------------------ years


def test_a_date_missing_its_year_character_is_a_warning() -> None:
    found = _of(_prose("20231月1日起，我局启用新的公开专栏。"), "prose.year")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "缺少“年”字" in found[0].message


def test_a_date_whose_digits_run_together_is_a_warning() -> None:
    r = full(figures(), "2023年，我局主动公开政府信息。依申请公开。")
    r.preface = "本报告所列数据的统计期限自202311日起至20231231日止。"
    found = _of(check_report(r), "prose.year")
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert "20231231日" in found[-1].message


def test_next_years_budget_is_no_stale_year() -> None:
    # A budget is named after the fiscal year it is for, drawn up and published the year before.
    text = "2023年，按要求公开了本单位2024年度部门预算和2022年度部门决算。"
    assert _of(_prose(text), "prose.year") == []


def test_next_year_without_a_budget_is_still_an_error() -> None:
    found = _of(_prose("2024年，我局主动公开政府信息20条。"), "prose.year")
    assert found and found[0].severity is Severity.ERROR


# ------------------------------------------------------------------------------------------ partial texts

OPENING = ("某县某局2023年政府信息公开工作年度报告\n一、总体情况\n本单位认真贯彻《中华人民共和国政府信息公开条例》。\n"
           "（一）主动公开\n全年在门户网站主动公开政府信息35条。\n")


def test_an_opening_cut_inside_part_one_is_not_told_what_part_one_lacks() -> None:
    findings = _check(OPENING)
    assert _of(findings, "quality.topics") == []
    assert len(_of(findings, "structure.section")) == 1


def test_part_one_followed_by_other_parts_is_still_checked_for_its_topics() -> None:
    findings = _check(OPENING + "二、主动公开政府信息情况\n见下表。\n")
    topics = _of(findings, "quality.topics")
    assert topics and "监督保障" in topics[0].message


# ------------------------------------------------------------------------------------------ cut-off tables

CUT_TABLE = (
    "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n全年受理政府信息公开申请{said}件。\n"
    "二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    "规章 | 0 | 0 | 0 |\n行政规范性文件 | 1 | 0 | 4 |\n"
    "三、收到和处理政府信息公开申请情况\n"
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n"
    "自然人 | 法人或其他组织 | 总计 |\n商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
    "一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n"
    "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    "三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n")


def test_a_bar_closing_each_row_is_no_eighth_cell() -> None:
    findings = _check(CUT_TABLE.format(said=5))
    assert _of(findings, "import.uncertain") == []
    assert _of(findings, "prose.table_mismatch") == []
    # The numbers are read, so the prose is compared with them.
    assert _of(_check(CUT_TABLE.format(said=4)), "prose.table_mismatch", Severity.ERROR)


def test_a_table_cut_off_after_a_row_is_one_warning_for_the_rows_past_the_cut() -> None:
    labels = _of(_check(CUT_TABLE.format(said=5)), "import.label")
    assert len(labels) == 1 and "之后没有内容" in labels[0].message
    assert labels[0].location == "表三/三（二）"


# ------------------------------------------------------------------------------------------ the report year


def test_year_from_a_sub_point_that_opens_with_it() -> None:
    text = ("一、总体情况\n（一）主动公开情况。2024年，我局主动公开政府信息40条。\n"
            "（二）依申请公开情况。全年未收到政府信息公开申请。\n")
    assert read_report(Path("r.txt"), text.encode("utf-8")).year == 2024


def test_year_from_the_work_the_preface_reports_on() -> None:
    text = ("一、总体情况\n本报告结合本镇实际，从六个方面汇报本镇2023年政府信息公开工作。\n"
            "（一）主动公开\n全年在门户网站主动公开政府信息35条。\n")
    assert read_report(Path("r.txt"), text.encode("utf-8")).year == 2023


# ------------------------------------------------------------------------------------------ another year's numbers


def test_numbers_said_of_another_year_are_no_certain_mismatch() -> None:
    fig = figures(in_force=12)
    text = "（三）政府信息管理。2022年，本机关现行有效的规范性文件0件。"
    found = check_report(full(fig, text))
    mismatch = _of(found, "prose.table_mismatch")
    assert mismatch and all(f.severity is Severity.WARNING for f in mismatch) and "2022年" in mismatch[0].message
    assert _of(found, "prose.year", Severity.ERROR)  # the stale year itself is what is certain


def test_a_comparison_year_keeps_the_mismatch_an_error() -> None:
    fig = figures(in_force=12)
    found = check_report(full(fig, "与2022年相比，本机关现行有效的规范性文件0件。"))
    assert _of(found, "prose.table_mismatch", Severity.ERROR)


def test_a_note_after_a_table_two_label_is_read() -> None:
    text = ("某县某局2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息35条。\n"
            "二、主动公开政府信息情况\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "规章（县级无此项） | 0 | 0 | 0 |\n行政规范性文件 | 0 | 0 | 2 |\n")
    parsed = read_report(Path("r.txt"), text.encode("utf-8"))
    assert not [f for f in parsed.findings if f.rule == "import.uncertain"]
    assert parsed.figures is not None and parsed.figures.table2.rules.in_force.value == 0


# ------------------------------------------------------------------------------------------ parts lost with tables

PART_FIVE = "五、存在的主要问题及改进情况\n一是解读形式单一。二是更新不及时。下一步将按月检查专栏{end}\n"


def test_parts_two_to_four_lost_with_the_tables_are_one_warning() -> None:
    findings = _of(_check(OPENING + PART_FIVE.format(end="。") + "六、其他需要报告的事项\n本年度未收取信息处理费。\n"),
                   "structure.section")
    assert len(findings) == 1 and findings[0].severity is Severity.WARNING
    assert "第二至第四部分" in findings[0].message and "表格" in findings[0].message


def test_a_text_that_stops_mid_sentence_in_part_five_lacks_part_six_only_as_a_partial_text() -> None:
    findings = _of(_check(OPENING + PART_FIVE.format(end="，一")), "structure.section")
    assert findings and all(f.severity is Severity.WARNING for f in findings)
    assert any("可能只是报告的一部分" in f.message and f.section == "六" for f in findings)


def test_a_whole_part_five_without_part_six_is_still_an_error() -> None:
    findings = _of(_check(OPENING + PART_FIVE.format(end="。")), "structure.section", Severity.ERROR)
    assert [f.section for f in findings] == ["六"]


# ------------------------------------------------------------------------------------------ the kind of unit


@pytest.mark.parametrize("agency, kind", [
    ("某县工业园区管理委员会", "政府部门"), ("某市经济技术开发区管委会", "政府部门"), ("某某高新区", "政府部门"),
    ("某市住房公积金管理中心", "政府部门"), ("某市经济开发区发展改革局", "政府部门"),
    ("某县人民政府", "人民政府"), ("平潭综合实验区", "人民政府"), ("某镇人民政府", "乡镇街道"),
])
def test_a_park_or_a_public_institution_is_no_peoples_government(agency: str, kind: str) -> None:
    assert unit_kind(agency) == kind


def test_a_parks_report_is_not_asked_for_a_governments_topics() -> None:
    text = ("某县工业园区管理委员会2024年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息35条。"
            "全年未收到政府信息公开申请。信息发布前经保密审查。专栏按月更新。开展培训2次。\n"
            "二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "规章 | 0 | 0 | 0 |\n行政规范性文件 | 1 | 0 | 4 |\n")
    assert _of(_check(text), "quality.government") == []
    # The same text from a county's government is asked for them.
    county = text.replace("某县工业园区管理委员会", "某县人民政府")
    assert _of(_check(county), "quality.government")


# ------------------------------------------------------------------------------------------ subtotals in a list

# As some sites print it, with ASCII punctuation.
SUBTOTAL = ("全年主动公开信息120条,其中信息公开目录中通知公告10条,工作动态20条,其他5条,共发布{sub}条;"
            "专题专栏包括价格收费50条,投资管理35条。")


def test_a_part_led_by_gong_that_adds_up_the_parts_before_it_is_their_subtotal() -> None:
    found = _of(_prose(SUBTOTAL.format(sub=35)), "prose.inconsistent")
    assert [f.actual for f in found] == [35]  # 10+20+5, not 10+20+5+35 (the list itself stops at the ;)


def test_a_part_led_by_gong_that_does_not_add_up_is_still_a_part() -> None:
    found = _of(_prose(SUBTOTAL.format(sub=36)), "prose.inconsistent")
    assert [f.actual for f in found] == [71]


# ------------------------------------------------------------------------------------------ traditional characters

def test_a_report_in_traditional_characters_is_read_as_simplified() -> None:
    from opencc import OpenCC

    from tests.test_check_wild import HEAD, T2_CELLS

    simplified = HEAD + "\n\n".join(T2_CELLS) + "\n"
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified and len(traditional) == len(simplified)
    parsed = read_report(Path("report.txt"), traditional.encode("utf-8"))
    t2 = parsed.figures.table2
    assert (t2.normative_documents.in_force.value, t2.licensing.decisions.value) == (5, 7)
    assert parsed.sections[0].title == "总体情况"
    assert _of(parsed.findings, "import.traditional")
    assert not _of(read_report(Path("report.txt"), simplified.encode("utf-8")).findings, "import.traditional")
