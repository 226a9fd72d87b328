"""The answer inside a reply: reasoning, fences and chatter removed; streamed text filtered the same way."""

from __future__ import annotations

import pytest

from drafter.llm import ThinkFilter, clean_answer, strip_reasoning

BODY = "（一）主动公开\n\n本年度主动公开政府信息120条。\n\n（二）依申请公开\n\n本年度收到政府信息公开申请8件。"

REPLIES = [
    ("bare", BODY),
    ("think block", "<think>\n先核对数字：120、8。\n</think>\n\n" + BODY),
    ("thinking tag, upper case", "<THINKING>核对</THINKING>" + BODY),
    ("lone closing tag", "用户要我写总体情况，先列提纲。\n</think>\n" + BODY),
    ("markdown fence", "```markdown\n" + BODY + "\n```"),
    ("fence with chatter around", "好的，以下是根据您提供的数据撰写的正文：\n\n```\n" + BODY + "\n```\n\n如需调整，请告诉我。"),
    ("chatter without fence", "好的，以下是“总体情况”部分的草稿：\n\n" + BODY + "\n\n希望对您有所帮助！"),
    ("bold markers", BODY.replace("（一）主动公开", "**（一）主动公开**")),
    ("CRLF and trailing spaces", BODY.replace("\n", "  \r\n")),
    ("many blank lines", BODY.replace("\n\n", "\n\n\n\n")),
]


@pytest.mark.parametrize("reply", [r[1] for r in REPLIES], ids=[r[0] for r in REPLIES])
def test_clean_answer_keeps_the_body(reply):
    assert clean_answer(reply) == BODY


@pytest.mark.parametrize("line", ["根据《中华人民共和国政府信息公开条例》规定，现将本年度工作情况报告如下：",
                                  "以下简称“条例”。"])
def test_clean_answer_keeps_official_openings(line):
    text = line + "\n" + BODY
    assert clean_answer(text) == text


def test_clean_answer_keeps_inner_fenced_examples_apart_from_fences():
    text = "一、情况\n```\n表格\n```\n" + "正文" * 40
    assert clean_answer(text) == "一、情况\n表格\n" + "正文" * 40


def test_unclosed_think_is_all_reasoning():
    assert strip_reasoning("<think>还在想……") == ""


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1000])
def test_think_filter_on_any_chunking(size):
    reply = "\n<think>先核对：<b>不是标签</b>。</think>\n\n" + BODY + "<br>"
    f = ThinkFilter()
    shown = "".join(f.feed(reply[i:i + size]) for i in range(0, len(reply), size)) + f.flush()
    assert shown == BODY + "<br>"


def test_think_filter_passes_text_without_tags_at_once():
    f = ThinkFilter()
    assert f.feed("本年度") == "本年度"
    assert f.feed("共收到<") == "共收到"  # held back: may open a tag
    assert f.feed("8件") == "<8件"
    assert f.flush() == ""
