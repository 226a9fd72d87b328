"""Model answers in the shapes models give them: the part's body as the report prints it."""

from __future__ import annotations

import pytest

from drafter.draft.drafting import normalize_part
from drafter.llm import clean_answer

BODY = "2021年，我局依法做好政府信息公开工作。\n（一）主动公开\n我局主动公开政府信息133条。"


@pytest.mark.parametrize("raw", [
    BODY,
    f"一、总体情况\n{BODY}",
    f"## 一、总体情况\n\n{BODY}",
    f"**一、总体情况**\n{BODY}",
    f"总体情况\n{BODY}",
    f"```\n{BODY}\n```",
    f"```markdown\n# 一、总体情况\n{BODY}\n```",
    f"<think>数据表里主动公开133条……</think>\n{BODY}",
    f"好的，以下是“一、总体情况”部分的草稿：\n\n{BODY}\n\n如需调整请告诉我。",
    f"正文：\n{BODY}",
    BODY.replace("（一）主动公开", "(一) 主动公开"),
    BODY.replace("（一）主动公开", "一、主动公开"),
    BODY.replace("（一）主动公开", "### （一）主动公开"),
    BODY.replace("（一）主动公开", "**（一）主动公开**"),
])
def test_answer_shapes_give_the_same_body(raw):
    assert normalize_part(clean_answer(raw), "一") == BODY


def test_part_five_heading_and_bullets():
    raw = "五、存在的主要问题及改进情况\n（一）存在的主要问题\n- 一是甲。\n- 二是乙。\n（二）改进措施\n- 一是丙。"
    assert normalize_part(clean_answer(raw), "五") == "（一）存在的主要问题\n一是甲。\n二是乙。\n（二）改进措施\n一是丙。"


def test_a_sentence_that_starts_like_the_title_is_kept():
    text = "总体情况良好的方面是：我局全年主动公开政府信息133条，依申请公开工作规范有序，未发生泄密事件。"
    assert normalize_part(text, "一") == text


def test_a_part_the_model_was_not_asked_for_is_cut():
    raw = f"{BODY}\n二、主动公开政府信息情况\n（见下表）\n五、存在的主要问题及改进情况\n一是甲。"
    assert normalize_part(raw, "一") == BODY


def test_the_same_parts_own_sub_heading_is_not_cut():
    raw = "（一）存在的主要问题\n一是甲。\n二、改进措施\n一是乙。"
    assert normalize_part(raw, "五") == "（一）存在的主要问题\n一是甲。\n（二）改进措施\n一是乙。"
