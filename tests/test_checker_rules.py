"""The checker's rules one by one, on reports built here: a figures file and a few sentences of prose."""

from __future__ import annotations

import pytest
import yaml

from drafter.check.checker import check_report
from drafter.figures import Figures
from drafter.figures.labels import SECTION_TITLES
from drafter.findings import Severity
from drafter.report import Report, Section, SourceKind
from tests.conftest import EXAMPLE_FIGURES

BASE = yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))
ZERO_ROW = {"自然人": 0, "商业企业": 0, "科研机构": 0, "社会公益组织": 0, "法律服务机构": 0, "其他": 0}
OVERVIEW_TAIL = ("主动公开专栏运行正常。（三）政府信息管理。信息发布前经保密审查。（四）政府信息公开平台建设。专栏按月更新。"
                 "（五）监督保障。开展培训2次。")


def figures(*, new: int = 0, carried: int = 0, public: int = 0, unable: int = 0, forward: int = 0,
            review: tuple[int, int, int, int] = (0, 0, 0, 0), year: int = 2023, fee: float | None = 0,
            in_force: int = 0) -> Figures:
    """The example's figures with a few cells set (all applicants 自然人)."""
    data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    data["基本信息"]["报告年度"] = year
    t3 = data["表三"]
    t3["一、本年新收政府信息公开申请数量"] = dict(ZERO_ROW, 自然人=new)
    t3["二、上年结转政府信息公开申请数量"] = dict(ZERO_ROW, 自然人=carried)
    t3["三、本年度办理结果"]["（一）予以公开"] = dict(ZERO_ROW, 自然人=public)
    t3["三、本年度办理结果"]["（四）无法提供"]["1.本机关不掌握相关政府信息"] = dict(ZERO_ROW, 自然人=unable)
    t3["四、结转下年度继续办理"] = dict(ZERO_ROW, 自然人=forward)
    data["表四"]["行政复议"] = list(review)
    data["表二"]["行政规范性文件"]["现行有效件数"] = in_force
    data["正文数据"]["信息处理费"] = fee
    return Figures.model_validate(data)


def report(fig: Figures | None, **parts: str) -> Report:
    """A report with the given parts (by numeral: p1="…" for 一), titles as the format has them."""
    numerals = {"p1": "一", "p2": "二", "p3": "三", "p4": "四", "p5": "五", "p6": "六"}
    sections = [Section(numerals[k], SECTION_TITLES[numerals[k]], v) for k, v in parts.items()]
    return Report(kind=SourceKind.MARKDOWN, figures=fig, sections=sections)


def full(fig: Figures, p1: str, p5: str = "一是解读形式单一。二是更新不及时。下一步将按月检查专栏。",
         p6: str = "本年度未收取信息处理费。") -> Report:
    return report(fig, p1=p1 + OVERVIEW_TAIL, p2="", p3="", p4="", p5=p5, p6=p6)


def rules(findings, severity: Severity | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


def only(findings, rule: str):
    (finding,) = [f for f in findings if f.rule == rule]
    return finding


# ------------------------------------------------------------------------------------------ prose against tables


def test_consistent_report_has_no_finding() -> None:
    fig = figures(new=9, carried=1, public=6, unable=3, forward=1)
    text = ("2023年，我局主动公开政府信息133条，收到政府信息公开申请9件，上年结转1件，办结9件，"
            "其中予以公开6件、无法提供3件，结转下年度继续办理1件。依申请公开工作规范。")
    assert check_report(full(fig, text)) == []


def test_stated_count_against_cell() -> None:
    fig = figures(new=8, public=8)
    found = check_report(full(fig, "2023年，我局共收到政府信息公开申请9件。依申请公开。"))
    finding = only(found, "prose.table_mismatch")
    assert finding.severity is Severity.ERROR
    assert (finding.location, finding.expected, finding.actual, finding.section) == ("表三/一/总计", 8, 9, "一")
    assert finding.quote == "2023年，我局共收到政府信息公开申请9件。"
    assert "本年新收" in finding.message


def test_chinese_numerals_in_prose_are_read() -> None:
    ok = figures(new=15, public=15)
    assert check_report(full(ok, "2023年，我局收到政府信息公开申请十五件。依申请公开。")) == []
    wrong = figures(new=14, public=14)
    finding = only(check_report(full(wrong, "2023年，我局收到政府信息公开申请十五件。依申请公开。")),
                   "prose.table_mismatch")
    assert (finding.expected, finding.actual) == (14, 15)


def test_ambiguous_received_count_is_a_warning_naming_both_readings() -> None:
    fig = figures(new=74, carried=1, public=75)
    finding = only(check_report(full(fig, "2023年，全区收到政府信息公开申请75件。依申请公开。")),
                   "prose.table_mismatch")
    assert finding.severity is Severity.WARNING
    assert "74" in finding.message and "上年结转" in finding.message


@pytest.mark.parametrize(("text", "location"), [
    ("2023年，我局未收到政府信息公开申请。依申请公开。", "表三/一/总计"),
    ("2023年，我局未发生政府信息公开行政复议案件。依申请公开。", "表四/行政复议/总计"),
])
def test_zero_claim_against_nonzero_cell(text: str, location: str) -> None:
    fig = figures(new=3, public=3, review=(1, 0, 0, 0))
    finding = only(check_report(full(fig, text)), "prose.table_mismatch")
    assert (finding.severity, finding.location, finding.actual) == (Severity.ERROR, location, 0)


def test_all_upheld_against_pending_case() -> None:
    fig = figures(review=(1, 0, 0, 1))
    finding = only(check_report(full(fig, "2023年，行政复议2件，均获维持。依申请公开。")), "prose.table_mismatch")
    assert finding.location == "表四/行政复议/结果纠正+其他结果+尚未审结" and finding.expected == 1


def test_share_that_does_not_recompute() -> None:
    fig = figures(new=10, public=4, unable=6)
    found = check_report(full(fig, "2023年，我局收到申请10件，予以公开4件，占60%；无法提供6件，占60%。依申请公开。"))
    finding = only(found, "prose.table_mismatch")
    assert finding.location == "表三/三（一）/总计" and finding.actual == 60 and finding.expected == 40


def test_year_on_year_change_against_last_year() -> None:
    last = report(figures(new=20, public=20, year=2022), p1="")
    fig = figures(new=25, public=25)
    text = "2023年，我局收到政府信息公开申请25件，同比增长50%。依申请公开。"
    finding = only(check_report(full(fig, text), previous=last), "prose.table_mismatch")
    assert finding.severity is Severity.ERROR and finding.expected == 25.0
    assert "prose.table_mismatch" not in rules(check_report(full(fig, text.replace("50%", "25%")), previous=last))


def test_last_years_number_left_in_is_named() -> None:
    last = report(figures(in_force=40, year=2022), p1="")
    fig = figures(in_force=46)
    finding = only(check_report(full(fig, "2023年，我局现行有效行政规范性文件40件。依申请公开。"), previous=last),
                   "prose.table_mismatch")
    assert finding.location == "表二/行政规范性文件/现行有效件数" and "上年" in finding.message


# ------------------------------------------------------------------------------------------ prose against itself


def test_breakdown_exceeding_the_whole_is_an_error() -> None:
    found = check_report(report(None, p1="2023年，我局主动公开政府信息40条，其中政务动态30条、通知公告12条。"))
    finding = only(found, "prose.inconsistent")
    assert finding.severity is Severity.ERROR and (finding.expected, finding.actual) == (40, 42)


def test_breakdown_falling_short_with_fenbie_is_a_warning() -> None:
    found = check_report(report(None, p1="2023年，我局主动公开政府信息40条，分别为政务动态30条、通知公告6条。"))
    assert only(found, "prose.inconsistent").severity is Severity.WARNING


def test_same_quantity_stated_twice_differently_without_tables() -> None:
    found = check_report(report(None, p1="2023年，我局收到政府信息公开申请9件。", p5="全年收到政府信息公开申请8件。"))
    finding = only(found, "prose.inconsistent")
    assert (finding.expected, finding.actual) == (9, 8)


def test_numbering_out_of_order() -> None:
    found = check_report(report(None, p5="一是栏目更新慢；三是解读形式单一；三是队伍力量不足。"))
    assert only(found, "prose.inconsistent").severity is Severity.WARNING


# ------------------------------------------------------------------------------------------ years, placeholders


def test_stale_year_is_flagged_and_justified_years_are_not() -> None:
    fig = figures()
    stale = check_report(full(fig, "2022年，我局依托门户网站主动公开政府信息。依申请公开。"))
    assert only(stale, "prose.year").severity is Severity.ERROR
    fine = ("2023年，我局主动公开政府信息较2022年有所增加，落实《2022年政务公开工作要点》。依申请公开。"
            "2024年，我局将继续完善专栏。")
    assert rules(check_report(full(fig, fine))) == []


def test_wrong_statistics_period_and_malformed_date() -> None:
    fig = figures()
    r = full(fig, "2023年，我局主动公开政府信息。依申请公开。")
    r.preface = "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    assert only(check_report(r), "prose.year").expected == 2023
    bad = check_report(full(fig, "20231月1日，我局启用新专栏。依申请公开。"))
    assert "缺少“年”字" in only(bad, "prose.year").message


@pytest.mark.parametrize("token", ["【待补充】", "XX", "××", "【请填写收费金额】", "编写说明"])
def test_placeholder(token: str) -> None:
    found = check_report(full(figures(), f"2023年，{token}主动公开政府信息。依申请公开。"))
    assert only(found, "prose.placeholder").severity is Severity.ERROR


# ------------------------------------------------------------------------------------------ structure, format


def test_retitled_missing_and_misordered_parts() -> None:
    fig = figures()
    r = full(fig, "2023年，主动公开政府信息。依申请公开。")
    r.sections[4].title = "存在问题和改进措施"
    assert only(check_report(r), "structure.section").severity is Severity.ERROR
    r = full(fig, "2023年，主动公开政府信息。依申请公开。")
    del r.sections[5]
    assert "缺少第六部分" in only(check_report(r), "structure.section").message
    r = full(fig, "2023年，主动公开政府信息。依申请公开。")
    r.sections[0], r.sections[1] = r.sections[1], r.sections[0]
    assert "顺序" in only(check_report(r), "structure.section").message


def test_scope_checks_only_the_drafted_parts() -> None:
    fig = figures(new=2, public=2)
    draft = report(fig, p1="2023年，我局收到政府信息公开申请3件。", p5="一是更新慢。二是解读少。下一步将逐月检查。")
    found = check_report(draft, scope={"一", "五"})
    assert rules(found) == ["prose.table_mismatch"] or sorted(rules(found))[0] == "prose.table_mismatch"
    assert "structure.section" not in rules(found)


@pytest.mark.parametrize("text", ["依据《政府信息公开条例》（国务院令第492号）编制本报告。",
                                  "根据《条例》第三十一条规定，编制本年度报告。"])
def test_obsolete_legal_basis(text: str) -> None:
    found = check_report(full(figures(), "2023年，主动公开政府信息。依申请公开。" + text))
    assert only(found, "structure.old_format").severity is Severity.ERROR


def test_2019_table_labels_in_a_2023_report() -> None:
    r = full(figures(), "2023年，主动公开政府信息。依申请公开。")
    r.text = "二、主动公开政府信息情况\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n"
    assert only(check_report(r), "structure.old_format").severity is Severity.ERROR


# ------------------------------------------------------------------------------------------ quality, copying


def test_quality_warnings() -> None:
    r = report(figures(), p1="2023年，我局主动公开政府信息。", p2="", p3="", p4="",
               p5="我局工作还有一定差距，公开意识有待提高，形式单一，需进一步加强，有待提升。", p6="无。")
    found = check_report(r)
    assert {"quality.topics", "quality.problems", "quality.fee"} <= set(rules(found, Severity.WARNING))
    assert rules(found, Severity.ERROR) == []


def test_copied_part_and_last_years_problems() -> None:
    body = ("我局坚持以公开为常态、不公开为例外，依托门户网站政府信息公开专栏及时发布机构职能、政策文件、"
            "财政预决算、人事信息等内容，对专栏栏目设置进行梳理，做到信息分类清晰、更新及时、查找方便，"
            "并安排专人负责日常维护，确保发布内容准确无误。") * 2
    last = report(figures(year=2022), p1="2022年，" + body + OVERVIEW_TAIL, p5="一是更新慢。二是解读少。")
    this = full(figures(), "2023年，" + body)
    found = check_report(this, previous=last)
    copied = [f for f in found if f.rule == "diff.copied"]
    assert copied and copied[0].severity is Severity.ERROR and copied[0].section == "一"
    assert "quality.last_year" in rules(found, Severity.WARNING)


# ------------------------------------------------------------------------------------------ robustness, speed


@pytest.mark.parametrize("r", [
    Report(kind=SourceKind.MARKDOWN, figures=None),
    Report(kind=SourceKind.TEXT, figures=None, sections=[Section("一", "总体情况", "")]),
    Report(kind=SourceKind.FIGURES, figures=figures()),
    report(None, p1="，，。。％%件件【】《》〔〕“”"),
])
def test_odd_reports_do_not_crash(r: Report) -> None:
    assert isinstance(check_report(r), list)


# ------------------------------------------------------------------------------------------ wordings that are no figure


BUSY = {"new": 10, "carried": 1, "public": 10, "forward": 1}


@pytest.mark.parametrize(("text", "cells"), [
    ("2023年，我局收到政府信息公开申请10件，申请数量比上年减少3件。", BUSY),  # a change, not a level
    ("2023年，我局收到政府信息公开申请11件（含上年结转申请1件）。", BUSY),  # carry-over included, and said so
    ("2023年，我局收到政府信息公开申请10件，按时答复率100%。", BUSY),  # timeliness, not the share closed
    ("2023年，我局未收到因政府信息公开申请引发的行政复议，也未被提起行政诉讼。", {}),  # not “no applications”
    ("2023年，我局行政复议1件，无一被纠正。", {"review": (1, 0, 0, 0)}),  # not “no review”
    ("2023年，我局收到政府信息公开申请10件，涉及个人隐私的依法处理，办理企业开办5件。", BUSY),
    ("2023年，我局行政复议和行政诉讼共1件。", {"review": (1, 0, 0, 0)}),
])
def test_wordings_that_agree_with_the_tables(text: str, cells: dict) -> None:
    found = check_report(full(figures(**cells), text + "依申请公开。"))
    assert [f for f in found if f.rule.startswith("prose.")] == []


def test_columns_follow_the_head_of_the_paragraph() -> None:
    fig = figures(new=9, public=9)
    text = "2023年，我局收到政府信息公开申请9件。其中自然人申请8件，法人或其他组织申请1件。依申请公开。"
    found = {f.location: (f.expected, f.actual) for f in check_report(full(fig, text))}
    assert found == {"表三/一/自然人": (9, 8), "表三/一/法人或其他组织": (0, 1)}


@pytest.mark.parametrize(("text", "location"), [
    ("2023年，我局政府信息公开申请数量为0。", "表三/一/总计"),
    ("2023年，我局无政府信息公开申请。", "表三/一/总计"),
    ("2023年，我局行政复议、行政诉讼均为0。", "表四/行政复议+行政诉讼（未经复议直接起诉）+行政诉讼（复议后起诉）/总计"),
])
def test_more_zero_wordings(text: str, location: str) -> None:
    fig = figures(new=3, public=3, review=(1, 0, 0, 0))
    finding = only(check_report(full(fig, text + "依申请公开。")), "prose.table_mismatch")
    assert finding.location == location


def test_old_format_title_is_a_warning_other_rewordings_an_error() -> None:
    r = full(figures(), "2023年，主动公开政府信息。依申请公开。")
    r.sections[3].title = "因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    assert only(check_report(r), "structure.section").severity is Severity.WARNING
    r.sections[3].title = "行政复议诉讼情况"
    assert only(check_report(r), "structure.section").severity is Severity.ERROR


def test_early_next_year_date_is_no_stale_year() -> None:
    text = "2023年，我局主动公开政府信息。截至2024年1月15日，专栏运行正常。依申请公开。"
    assert "prose.year" not in rules(check_report(full(figures(), text)))


def test_applications_counted_in_tiao_are_flagged_and_still_compared() -> None:
    found = check_report(full(figures(new=5, public=5), "2023年，我局收到政府信息公开申请6条。依申请公开。"))
    assert only(found, "prose.unit").severity is Severity.WARNING
    assert (only(found, "prose.table_mismatch").expected, only(found, "prose.table_mismatch").actual) == (5, 6)


def test_breakdown_opening_the_next_sentence_refers_to_the_last_level() -> None:
    text = "2023年，我局主动公开政府信息86条，较上年增加12条。其中审计结果公告15条、政策解读8条、工作动态73条。"
    finding = only(check_report(report(None, p1=text)), "prose.inconsistent")
    assert (finding.expected, finding.actual) == (86, 96)


def test_carry_over_after_the_columns_is_no_part_of_the_received() -> None:
    fig = figures(new=3, carried=1, public=4)
    text = "2023年，我局收到政府信息公开申请3件，其中自然人申请3件，上年结转1件。依申请公开。"
    assert [f for f in check_report(full(fig, text)) if f.rule.startswith("prose.")] == []


@pytest.mark.parametrize("text", [
    "2023年，政务服务中心受理行政许可申请1200件，办结1180件。",
    "2023年，我局办结行政复议案件1件。",
    "2023年，12345热线受理群众咨询申请300件。",
])
def test_other_kinds_of_application_are_not_information_requests(text: str) -> None:
    fig = figures(new=3, public=3, review=(1, 0, 0, 0))
    assert [f for f in check_report(full(fig, text + "依申请公开。")) if f.rule.startswith("prose.")] == []


def test_unconfirmed_number_repeated_from_last_year() -> None:
    last = report(figures(year=2022), p1="2022年，我局主动公开政府信息133条，发布政策解读12篇。")
    # 133 条 is confirmed by this year's figures (正文数据); 12 篇 of 政策解读 is confirmed by nothing.
    this = full(figures(), "2023年，我局主动公开政府信息133条，发布政策解读12篇。依申请公开。")
    found = [f for f in check_report(this, previous=last) if f.rule == "diff.copied"]
    assert len(found) == 1 and found[0].actual == 12 and found[0].severity is Severity.WARNING


@pytest.mark.parametrize(("text", "location"), [
    ("2023年，我局依申请公开事项共4件。", "表三/一+二/总计"),
    ("2023年，我局政府信息公开申请共4件。", "表三/一/总计"),
    ("2023年，行政复议结果维持2件。", "表四/行政复议/结果维持"),
    ("2023年，申请内容不属于本机关职责的2件。", "表三/三（四）1/总计"),
])
def test_further_wordings_are_tied_to_their_cells(text: str, location: str) -> None:
    fig = figures(new=3, public=3, review=(1, 0, 0, 0))
    finding = only(check_report(full(fig, text + "依申请公开。")), "prose.table_mismatch")
    assert finding.location == location


def test_sub_parts_of_a_part_are_not_counted_twice() -> None:
    text = ("2023年，我局行政诉讼9件。其中，未经复议直接起诉6件，结果维持3件、结果纠正1件、尚未审结2件；"
            "复议后起诉3件，结果维持2件、其他结果1件。")
    assert [f for f in check_report(report(None, p1=text)) if f.rule == "prose.inconsistent"] == []


@pytest.mark.parametrize(("text", "location"), [
    ("2023年，在收到的4件申请中，全部予以公开。", "表三/一/总计"),
    ("2023年，我局结转上年度申请2件。", "表三/二/总计"),
    ("2023年，我局收到政府信息公开申请一件。", "表三/一/总计"),
])
def test_more_wordings_tied_to_cells(text: str, location: str) -> None:
    fig = figures(new=3, public=3)
    finding = only(check_report(full(fig, text + "依申请公开。")), "prose.table_mismatch")
    assert finding.location == location


def test_targets_in_plans_are_no_figures_of_the_year() -> None:
    fig = figures(new=3, public=3)
    text = "一是解读形式单一。二是更新不及时。下一步，力争全年受理的政府信息公开申请办结率100%，每月更新信息不少于20条。"
    found = check_report(full(fig, "2023年，我局收到政府信息公开申请3件。依申请公开。", p5=text))
    assert [f for f in found if f.rule.startswith("prose.")] == []


def test_random_text_never_crashes_the_checker() -> None:
    import random

    from tests.checker_generated import random_figures

    alphabet = ("一二三四五六七八九十百千万零〇0123456789,，.。；：、%％件条个年月日号第是其中分别涉及包括收到申请"
                "予以公开未无均维持复议诉讼（）()《》〔〕“”【】XX××待补充统计期限上年同比增长下降占办结率\n ")
    rng = random.Random(4)
    for i in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 160)))
        sections = [Section(n, SECTION_TITLES[n], text) for n in "一二三四五六"][: rng.randint(0, 6)]
        r = Report(kind=SourceKind.TEXT, figures=random_figures(i) if i % 2 else None, sections=sections,
                   preface=text, title=text[:20])
        last = report(random_figures(i + 1), p1=text[::-1]) if i % 3 == 0 else None
        assert isinstance(check_report(r, previous=last, scope=None if i % 4 else {"一", "五"}), list)


def test_all_closed_while_some_are_carried_forward_is_a_warning() -> None:
    fig = figures(new=5, public=4, forward=1)
    finding = only(check_report(full(fig, "2023年，我局收到政府信息公开申请5件，已全部办结。依申请公开。")),
                   "prose.table_mismatch")
    assert finding.severity is Severity.WARNING and finding.location == "表三/四/总计"


def test_a_closed_count_is_no_all_closed_claim() -> None:
    fig = figures(new=5, public=4, forward=1)
    text = "2023年，我局收到政府信息公开申请5件，已办结4件，结转下年度继续办理1件。依申请公开。"
    assert [f for f in check_report(full(fig, text)) if f.rule.startswith("prose.")] == []


def test_stale_year_in_the_preface() -> None:
    r = full(figures(), "2023年，我局主动公开政府信息。依申请公开。")
    r.preface = "现公布本局2022年政府信息公开工作情况，接受社会监督。"
    assert only(check_report(r), "prose.year").actual == 2022
    assert "prose.year" not in rules(check_report(r, scope={"一", "五"}))


def test_year_on_year_against_last_years_prose_when_it_has_no_tables() -> None:
    last = report(None, p1="2022年，我局收到政府信息公开申请20件。")
    this = full(figures(new=25, public=25), "2023年，我局收到政府信息公开申请25件，同比增长50%。依申请公开。")
    finding = only(check_report(this, previous=last), "prose.table_mismatch")
    assert finding.expected == 25.0 and finding.actual == 50


@pytest.mark.parametrize("token", ["xxx局", "___件", "（  ）件"])
def test_fill_in_blanks_are_placeholders(token: str) -> None:
    found = check_report(full(figures(), f"2023年，我局收到申请{token}。主动公开。依申请公开。"))
    assert only(found, "prose.placeholder").severity is Severity.ERROR


def test_a_bare_placeholder_line_survives_import_and_is_flagged(tmp_path) -> None:
    """A “【待补充：…】” line is the report's own text, not web-page furniture such as “【打印】”."""
    from drafter.check.checker import check_report
    from drafter.read.inputs import open_input

    path = tmp_path / "draft.md"
    path.write_text("# 某局2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n2025年，我局依法做好政府信息公开工作。\n\n"
                    "## 五、存在的主要问题及改进情况\n\n【待补充：存在的主要问题】\n\n"
                    "## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n【打印】【关闭】\n", encoding="utf-8")
    report = open_input(path)
    five = report.section("五")
    assert five is not None and "待补充" in five.text and "打印" not in five.text
    assert any(f.rule == "prose.placeholder" and f.section == "五" for f in check_report(report, scope={"五"}))
