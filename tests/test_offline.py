"""The offline engine: parts 一 and 五 from the figures, every number from the sheet, deterministic, varied."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, EXAMPLE_FIGURES, ROOT

from drafter.check.checker import check_report
from drafter.draft.factsheet import build_factsheet
from drafter.draft.offline import draft_offline
from drafter.figures.file import load_figures
from drafter.findings import Rule, Severity
from drafter.numbers import find_quantities
from drafter.report import Report, Section, SourceKind

BUSY = ROOT / "tests" / "data" / "draft" / "yunxi-gov-2023.yaml"
SUBHEADINGS = ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障")


def _figures(path, **meta):
    figures = load_figures(path)
    if meta:
        figures = figures.model_copy(update={"meta": figures.meta.model_copy(update=meta)})
    return figures


def _check(figures, one, five):
    sections = [Section("一", "总体情况", one), Section("五", "存在的主要问题及改进情况", five)]
    report = Report(kind=SourceKind.MARKDOWN, figures=figures, sections=sections)
    return check_report(report, scope={"一", "五"})


@pytest.fixture(scope="module")
def example():
    figures = _figures(EXAMPLE_FIGURES)
    return figures, draft_offline(figures, "一"), draft_offline(figures, "五")


@pytest.fixture(scope="module")
def busy():
    figures = _figures(BUSY)
    return figures, draft_offline(figures, "一"), draft_offline(figures, "五")


def test_example_overview_states_its_figures(example):
    _, one, _ = example
    lines = one.split("\n")
    assert [line for line in lines if line.startswith("（")] == list(SUBHEADINGS)
    assert lines[0].startswith("2021年，临清市科学技术局")
    assert "主动公开政府信息133条" in one  # 正文数据: 133
    assert "未收到政府信息公开申请" in one  # 表三 all zero
    assert "未发生" in one and "责任追究" in one  # 责任追究: 0
    assert "我局" in one
    assert "【待补充" not in one


def test_example_problems_use_the_users_points_and_the_figures(example):
    _, _, five = example
    assert five.startswith("（一）存在的主要问题")
    assert "上年度问题整改情况" not in five  # the example gives no last-year problems
    assert "政务公开只有1名兼职人员负责" in five  # the user's note, “1 名” tidied
    assert "未收到政府信息公开申请" in five  # a problem the all-zero 表三 shows
    problems, measures = five.split("（二）改进措施")
    assert "三是" in problems and "三是" in measures and "四是" not in measures


def test_example_passes_the_checker_with_no_error(example):
    figures, one, five = example
    errors = [f for f in _check(figures, one, five) if f.severity is Severity.ERROR]
    assert errors == []


def test_years_are_the_report_year_only(example, busy):
    for figures, one, five in (example, busy):
        years = set(re.findall(r"(20\d\d)年", one + five))
        assert years <= {str(figures.meta.year)}


def test_busy_government_overview(busy):
    _, one, _ = busy
    # Hand-checked against the figures file's comments: 142 new (120 自然人 + 22 法人), 7 carried, 143 done, 6 next.
    for phrase in ("收到政府信息公开申请142件", "其中自然人申请120件、法人或其他组织申请22件", "上年结转申请7件",
                   "予以公开63件、部分公开12件、不予公开11件、无法提供41件、不予处理10件、其他处理6件",
                   "结转下年度继续办理6件", "本机关不掌握相关政府信息35件", "结果维持5件、结果纠正2件、其他结果1件、尚未审结1件",
                   "未经复议直接起诉6件，结果维持3件、结果纠正1件、尚未审结2件",
                   "复议后起诉3件，结果维持2件、其他结果1件", "政务动态2630条", "行政处罚处理决定1206件", "356.82万元",
                   "废止行政规范性文件5件", "培训3次", "126人次", "“优化营商环境”专栏"):
        assert phrase in one, phrase
    assert "工作考核、社会评议和责任追究" in one  # a 人民政府 report
    assert "将政务公开工作纳入对各乡镇和县直部门的年度综合考核" in one
    assert "我县" in one


def test_busy_government_problems(busy):
    _, _, five = busy
    assert five.split("\n")[0] == "（一）上年度问题整改情况"
    assert "部分乡镇信息公开专栏更新不及时" in five and "专栏更新情况明显改善" in five
    # Last year's second problem has no 整改情况 in the figures: marked, not invented.
    assert "政策解读形式较为单一" in five and "【待补充：本年度整改措施和成效】" in five
    problems = five.split("（二）存在的主要问题")[1].split("（三）改进措施")[0]
    measures = five.split("（三）改进措施")[1]
    for evidence in ("结果被纠正的分别有2件和1件", "6件", "12件", "9条"):
        assert evidence in problems, evidence
    assert "四是" in problems and "四是" in measures and "五是" not in problems


def test_busy_government_only_error_is_the_missing_progress(busy):
    figures, one, five = busy
    errors = [f for f in _check(figures, one, five) if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["prose.placeholder"]


@pytest.mark.parametrize("path", [EXAMPLE_FIGURES, BUSY])
def test_every_quantity_comes_from_the_sheet(path):
    figures = _figures(path)
    allowed = build_factsheet(figures).numbers() | {1}  # “1名兼职人员” is the user's own note
    for part in ("一", "五"):
        for q in find_quantities(draft_offline(figures, part)):
            if q.unit:
                assert q.value in allowed, q.text


def test_a_rerun_gives_the_same_text():
    figures = _figures(BUSY)
    assert draft_offline(figures, "一") == draft_offline(_figures(BUSY), "一")
    assert draft_offline(figures, "五") == draft_offline(_figures(BUSY), "五")


def test_other_agencies_read_differently():
    base = _figures(EXAMPLE_FIGURES)
    texts = {draft_offline(_figures(EXAMPLE_FIGURES, agency=name), "一")
             for name in ("临清市科学技术局", "临清市统计局", "临清市审计局", "临清市档案局")}
    assert len(texts) >= 3
    assert draft_offline(base, "一") != draft_offline(_figures(EXAMPLE_FIGURES, year=2022), "一")


def test_variants_differ_in_wording_not_in_numbers():
    figures = _figures(BUSY)
    first, second = draft_offline(figures, "五", variant=0), draft_offline(figures, "五", variant=1)
    assert first != second
    numbers = lambda text: sorted(q.value for q in find_quantities(text) if q.unit)  # noqa: E731
    assert numbers(first) == numbers(second)


def test_missing_total_becomes_a_placeholder():
    figures = _figures(EXAMPLE_FIGURES)
    figures = figures.model_copy(update={"facts": figures.facts.model_copy(update={"proactive_total": None})})
    one = draft_offline(figures, "一")
    assert "【待补充：全年主动公开政府信息条数】条" in one
    assert "133" not in one


def test_government_without_assessment_notes_gets_a_placeholder():
    figures = _figures(BUSY)
    figures = figures.model_copy(update={"notes": figures.notes.model_copy(update={"assessment": []})})
    assert "【待补充：本年度政务公开工作考核、社会评议结果及责任追究情况】" in draft_offline(figures, "一")


CORPUS_REPORTS = sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".source-page.txt"))


@pytest.mark.parametrize("path", CORPUS_REPORTS, ids=lambda p: p.stem)
def test_drafts_from_real_reports_state_only_their_own_figures(path):
    """Drafted from each corpus report's own tables: every number the prose states agrees with them."""
    from drafter.draft.drafting import DraftInput, OfflineEngine, draft_report
    from drafter.read.inputs import open_figures

    figures = open_figures(path).figures
    result = draft_report(DraftInput(figures), OfflineEngine())
    prose_errors = [f for f in result.findings if f.severity is Severity.ERROR and f.section in ("一", "五")
                    and f.rule != "prose.placeholder"]
    assert prose_errors == []
    # What the tables cannot tell (the number of items published) is marked, never guessed.
    assert "【待补充：全年主动公开政府信息条数】" in result.sections["一"]


def test_a_fee_with_three_decimals_is_stated_as_the_figures_hold_it(tmp_path):
    # Bug 1 of issue 9: 1.005万元 was written “1万元”, and the draft then failed drafter's own check.
    path = tmp_path / "figures.yaml"
    path.write_text(BUSY.read_text(encoding="utf-8").replace("本年收费金额: 356.82", "本年收费金额: 1.005"),
                    encoding="utf-8")
    figures = _figures(path)
    assert figures.table2.fees.amount.value == 1.005
    sheet = build_factsheet(figures)
    assert sheet.text("t2.fees") == "1.005万元"
    one = draft_offline(figures, "一")
    assert "1.005万元" in one
    findings = _check(figures, one, draft_offline(figures, "五"))
    assert not [f for f in findings if f.severity is Severity.ERROR and f.rule is not Rule.PROSE_PLACEHOLDER], findings
