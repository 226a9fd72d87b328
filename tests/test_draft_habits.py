"""Small models' habits (issue #11 “Better drafts from small models”) and edit mode's safety net, with canned model
answers served by the local fake server.

A part that copies the figure sheet as a list, writes in the first person or copies the prompt's outline is sent
back for repair; in edit mode (the default) a part that still has errors after repair is replaced by the offline
engine's part, with a draft.kept_offline warning, unless --keep-model-text is given.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import EXAMPLE_FIGURES, run_cli
from fakeserver import FAKE_KEY, answer, truncated

from drafter.draft.drafting import DEFAULT_MODE, DraftInput, check_draft, normalize_part
from drafter.draft.factsheet import build_factsheet
from drafter.draft.habits import check_habits
from drafter.draft.offline import draft_offline
from drafter.draft.prompts import edit_messages, load_prompts, overview_messages, problems_messages
from drafter.figures.file import load_figures
from drafter.figures.labels import SECTION_TITLES
from drafter.findings import Rule, Severity

pytest_plugins = ["conftest_llm"]

GOOD = ("2021年，临清市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作，"
        "把公开工作作为依法行政的基础，持续规范公开流程。\n"
        "（一）主动公开\n我局通过门户网站政府信息公开专栏主动公开政府信息133条，内容以政务动态、通知公告为主。"
        "全年未制发规章和行政规范性文件。\n"
        "（二）依申请公开\n2021年，我局未收到政府信息公开申请，也没有上年结转的申请。\n"
        "（三）政府信息管理\n我局落实信息发布前审核制度，信息先审核后发布，做到准确、及时。\n"
        "（四）政府信息公开平台建设\n我局依托本级政府门户网站信息公开专栏发布信息，及时更新栏目内容。\n"
        "（五）监督保障\n我局明确专人负责政务公开工作，本年度未发生政府信息公开工作责任追究情况。")
LISTED = GOOD.replace("全年未制发规章和行政规范性文件。", "本年制发规章：0件。本年废止规章：0件。现行有效规章：0件。")
FIRST_PERSON = GOOD.replace("我局明确专人负责", "我们明确专人负责")
OUTLINE = GOOD.replace("（三）政府信息管理\n", "（三）政府信息管理\n说明：根据数据表写发布审核情况。\n")
INVENTED = GOOD.replace("明确专人负责政务公开工作", "组织政务公开业务培训5次")


def draft(server, *args, section="overview"):
    return run_cli("draft", str(EXAMPLE_FIGURES), "--section", section, "-m", "fake-model", "--base-url",
                   server.url, "--format", "json", *args, env={"OPENAI_API_KEY": FAKE_KEY})


def _rules(doc):
    return {f["rule"]: f for f in doc["findings"]}


@pytest.fixture(scope="module")
def example():
    figures = load_figures(EXAMPLE_FIGURES)
    return figures, build_factsheet(figures)


# ---------------------------------------------------------------- the habits, found


def test_a_fact_sheet_copied_as_a_list_is_an_error(example):
    figures, sheet = example
    found = [f for f in check_draft(DraftInput(figures, parts=("一",)), {"一": LISTED}, sheet, strict=True)
             if f.rule is Rule.DRAFT_FACT_LIST]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].quote.startswith("本年制发规章：0件。本年废止规章：0件。")
    assert "清单" in found[0].message and found[0].rule.repairable


def test_a_list_without_colons_is_found_but_a_sentence_of_categories_is_prose():
    bare = check_habits("一", "我局本年制发规章0件。废止规章0件。现行有效规章0件。", "我局")
    assert [f.rule for f in bare] == [Rule.DRAFT_FACT_LIST]
    prose = "其中，政务动态45条；通知公告30条；规划计划10条；人事信息5条。我局主动公开政府信息90条。"
    assert check_habits("一", prose, "我局") == []


def test_first_person_is_a_warning_naming_the_agencys_own_word():
    found = check_habits("五", "下一步，我们将继续做好公开工作。", "我局")
    assert [(f.rule, f.severity, f.actual, f.expected) for f in found] == [
        (Rule.DRAFT_FIRST_PERSON, Severity.WARNING, "我们", "我局")]
    assert "“我局”" in found[0].message


def test_an_association_may_call_itself_wohui():
    assert check_habits("一", "我会认真贯彻落实《条例》，联系我们栏目及时更新。", "我会") == []
    assert [f.actual for f in check_habits("一", "我会认真贯彻落实《条例》。", "我局")] == ["我会"]


def test_outline_labels_and_instructions_copied_are_errors():
    found = check_habits("一", "说明：根据数据表写发布审核情况。\n我局落实审核制度。", "我局")
    assert {f.rule for f in found} == {Rule.DRAFT_OUTLINE_COPIED}
    assert {f.actual for f in found} == {"说明：", "数据表"}


def test_the_offline_engine_has_none_of_the_habits(example):
    figures, sheet = example
    for part in ("一", "五"):
        for variant in range(3):
            text = draft_offline(figures, part, variant=variant)
            assert check_habits(part, text, sheet.self_name) == [], (part, variant)


def test_the_offline_path_is_not_checked_for_habits(example):
    figures, sheet = example
    findings = check_draft(DraftInput(figures, parts=("一",)), {"一": LISTED + FIRST_PERSON}, sheet)
    assert not [f for f in findings if f.rule in (Rule.DRAFT_FACT_LIST, Rule.DRAFT_FIRST_PERSON)]


# ---------------------------------------------------------------- the habits, repaired


@pytest.mark.parametrize("bad, words", [(LISTED, "清单"), (FIRST_PERSON, "“我们”是第一人称"),
                                        (OUTLINE, "提纲的标签")])
def test_a_habit_goes_back_for_repair(fake_llm, bad, words):
    fake_llm.script(answer(bad), answer(GOOD))
    result = draft(fake_llm, "--mode", "write")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"]["一"] == GOOD
    assert len(fake_llm.requests) == 2
    assert words in fake_llm.requests[1].body["messages"][-1]["content"]


def test_first_person_that_stays_is_only_a_warning(fake_llm):
    fake_llm.script(answer(FIRST_PERSON), answer(FIRST_PERSON.replace("门户网站", "门户网站的")))
    result = draft(fake_llm, "--mode", "write", "--max-repairs", "1")
    assert result.returncode == 0, result.stderr
    assert _rules(json.loads(result.stdout))["draft.first_person"]["severity"] == "warning"


# ---------------------------------------------------------------- prompts discourage them


def test_prompts_ask_for_prose_in_the_agencys_voice(example):
    figures, sheet = example
    prompts = load_prompts()
    offline = draft_offline(figures, "一")
    for messages in (overview_messages(prompts, sheet, figures), problems_messages(prompts, sheet, figures),
                     edit_messages(prompts, sheet, figures, "一", SECTION_TITLES["一"], offline)):
        text = messages[0]["content"] + messages[1]["content"]
        assert "“我们”" in text and "清单" in text, text
        assert "我局" in text
    system = overview_messages(prompts, sheet, figures)[0]["content"]
    assert "不要写进正文" in system and "导语" in system


def test_an_association_is_not_told_to_avoid_its_own_name(example):
    figures, sheet = example
    association = dataclasses.replace(sheet, self_name="我会")
    system = overview_messages(load_prompts(), association, figures)[0]["content"]
    assert "称“我会”" in system and "“我会”等第一人称" not in system and "“我们”" in system


# ---------------------------------------------------------------- edit mode's safety net


def test_edit_is_the_default_mode():
    assert DEFAULT_MODE == "edit"


def test_an_edited_part_that_stays_wrong_keeps_the_offline_sub_section(fake_llm, example):
    figures, _ = example
    fake_llm.script(answer(INVENTED), answer(INVENTED.replace("我局", "本局", 1)))
    result = draft(fake_llm, "--max-repairs", "1")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    text = doc["sections"]["一"]
    # Same sub-headings as the offline part: only （五）, where the invented number is, is the offline one.
    assert "5次" not in text and "本局通过门户网站" in text
    assert draft_offline(figures, "一").split("（五）监督保障")[1].strip() in text
    kept = _rules(doc)["draft.kept_offline"]
    assert "（五）监督保障" in kept["message"]
    assert kept["severity"] == "warning" and kept["section"] == "一"
    assert "离线引擎的初稿" in kept["message"] and "--keep-model-text" in kept["message"]
    assert "“5次”" in kept["message"]
    assert "draft.unsupported_number" not in _rules(doc)
    assert len(fake_llm.requests) == 2


def test_keep_model_text_keeps_the_model_part_and_its_errors(fake_llm):
    fake_llm.script(answer(INVENTED), answer(INVENTED.replace("我局", "本局", 1)))
    result = draft(fake_llm, "--max-repairs", "1", "--keep-model-text")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert "5次" in doc["sections"]["一"]
    assert _rules(doc)["draft.unsupported_number"]["severity"] == "error"
    assert "draft.kept_offline" not in _rules(doc)


def test_a_cut_part_is_never_kept(fake_llm, example):
    figures, _ = example
    fake_llm.always(answer("（一）存在的主要问题\n1."))
    result = draft(fake_llm, "--max-repairs", "1", section="problems")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["sections"]["五"] == draft_offline(figures, "五")
    assert "draft.kept_offline" in _rules(doc)


def test_a_stream_cut_short_never_exits_0_with_its_text(fake_llm):
    fake_llm.always(truncated("2021年，我局主动公开政府信息133条，其中"))
    result = draft(fake_llm, "--max-repairs", "1")
    if result.returncode == 0:
        doc = json.loads(result.stdout)
        assert "其中" not in doc["sections"]["一"][-4:]
        assert "draft.kept_offline" in _rules(doc)
    else:
        assert result.returncode in (1, 3)


def test_a_good_edit_is_kept_as_written(fake_llm):
    fake_llm.script(answer(GOOD))
    result = draft(fake_llm)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == normalize_part(GOOD, "一")
    assert "draft.kept_offline" not in _rules(doc)


# ---------------------------------------------------------------- what the real model did (benchmarks/real_model)


def test_paragraph_labels_zeros_in_a_row_and_the_prompts_placeholder_are_found():
    text = ("第一段：\n2021年，本机关公开133条信息。其中，行政规范性文件、行政许可、行政强制、行政事业性收费分别为"
            "0件、0件、0件和0万元。\n通过数据表可以看出，申请较少。\n【待补充：缺少的内容】")
    found = {(f.rule, f.actual) for f in check_habits("一", text, "我局")}
    assert (Rule.DRAFT_OUTLINE_COPIED, "第一段：") in found
    assert (Rule.DRAFT_OUTLINE_COPIED, "数据表") in found
    assert (Rule.DRAFT_OUTLINE_COPIED, "缺少的内容") in found
    assert Rule.DRAFT_FACT_LIST in {rule for rule, _ in found}


def test_the_parts_own_heading_under_the_lead_is_dropped():
    text = "2021年，我局认真贯彻《条例》。\n\n一、总体情况\n\n（一）主动公开\n我局主动公开政府信息133条。"
    assert normalize_part(text, "一") == "2021年，我局认真贯彻《条例》。\n\n（一）主动公开\n我局主动公开政府信息133条。"


def test_an_edit_that_adds_an_error_no_rewrite_can_fix_still_falls_back(fake_llm, example):
    figures, _ = example
    offline = draft_offline(figures, "五")
    fake_llm.script(answer(offline + "\n本年度信息处理费收取情况【待补充：收费依据】。"))
    result = draft(fake_llm, "--max-repairs", "1", section="problems")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["sections"]["五"] == offline
    assert "draft.kept_offline" in _rules(doc)


def test_only_the_sub_sections_with_errors_are_replaced_when_the_headings_match(fake_llm, example):
    figures, _ = example
    offline = draft_offline(figures, "一")
    reworded = offline.replace("我局年底前对全年公开的信息逐条梳理", "我局年底前对全年公开的政府信息逐条进行梳理")
    wrong = reworded.replace("我局网站信息先审核后发布", "我局网站信息先审核后发布，全年审核信息45条")
    assert reworded != offline and wrong != reworded
    fake_llm.script(answer(wrong), answer(wrong))
    result = draft(fake_llm, "--max-repairs", "1")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    text = doc["sections"]["一"]
    assert "逐条进行梳理" in text and "45条" not in text  # the model's good sub-section kept, the wrong one not
    assert "我局网站信息先审核后发布，保证信息准确" in text
    kept = _rules(doc)["draft.kept_offline"]
    assert "（三）政府信息管理" in kept["message"]
    assert not [f for f in doc["findings"] if f["severity"] == "error"]


def test_sub_headings_out_of_order_or_unlike_the_first_draft_are_errors(example):
    figures, _ = example
    offline = draft_offline(figures, "五")
    assert check_habits("五", offline, "我局", offline) == []
    shifted = "导语。\n（二）主动公开\n正文。\n（三）依申请公开\n正文。"
    assert [f.rule for f in check_habits("一", shifted, "我局")] == [Rule.DRAFT_HEADINGS]
    extra = offline + "\n\n（三）下一步工作计划\n\n我局将加强培训。"
    found = check_habits("五", extra, "我局", offline)
    assert [f.rule for f in found] == [Rule.DRAFT_HEADINGS]
    assert "（一）存在的主要问题、（二）改进措施" in found[0].message


def test_renumbered_headings_in_edit_mode_go_back_then_the_offline_headings_are_kept(fake_llm, example):
    figures, _ = example
    offline = draft_offline(figures, "一")
    renumbered = offline.replace("（一）主动公开", "（二）主动公开").replace("（二）依申请公开", "（三）依申请公开")
    fake_llm.script(answer(renumbered), answer(renumbered))
    result = draft(fake_llm, "--max-repairs", "1")
    assert result.returncode == 0, result.stderr
    assert "小标题应与初稿一致" in fake_llm.requests[1].body["messages"][-1]["content"]
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == offline
    assert "draft.kept_offline" in _rules(doc)


def test_renumbered_headings_with_the_same_titles_keep_the_models_text(fake_llm, example):
    figures, _ = example
    offline = draft_offline(figures, "一")
    reworded = offline.replace("我局年底前对全年公开的信息逐条梳理", "我局年底前对全年公开的政府信息逐条进行梳理")
    renumbered = reworded.replace("（一）主动公开", "（二）主动公开").replace("（二）依申请公开", "（三）依申请公开")
    fake_llm.script(answer(renumbered), answer(renumbered))
    result = draft(fake_llm, "--max-repairs", "1")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == reworded
    assert "改正小标题" in _rules(doc)["draft.kept_offline"]["message"]
