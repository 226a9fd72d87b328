"""Sentence splitting, alignment and character-level changes of Chinese text."""

from __future__ import annotations

import pytest

from drafter.similarity import Op, align, aligned_similarity, char_changes, compared_sentences, similarity


@pytest.mark.parametrize(("text", "sentences"), [
    ("第一句。第二句；第三句！第四句？", ["第一句。", "第二句；", "第三句！", "第四句？"]),
    ("他说：“已全部答复。”随后结束。", ["他说：“已全部答复。”", "随后结束。"]),
    # a PDF line wrapped mid-sentence is not a boundary
    ("坚持以习近平新时代中国特\n色社会主义思想为指导，推进公开。", ["坚持以习近平新时代中国特色社会主义思想为指导，推进公开。"]),
    # a line that ends a paragraph without a full stop, and a short sub-heading line, are
    ("一、总体情况\n（一）主动公开\n全年公开信息133条", ["一、总体情况", "（一）主动公开", "全年公开信息133条"]),
    ("问题如下：\n一是更新慢\n二是解读少", ["问题如下：", "一是更新慢", "二是解读少"]),
    ("  \n\n公开  信息。\n\n", ["公开  信息。"]),
    # a wrapped line that starts with a decimal is no numbered item
    ("收取信息处理费共计\n1.5万元。", ["收取信息处理费共计1.5万元。"]),
    ("措施如下：\n1.建立台账。\n2.按月通报。", ["措施如下：", "1.建立台账。", "2.按月通报。"]),
    ("", []),
])
def test_compared_sentences(text: str, sentences: list[str]) -> None:
    assert compared_sentences(text) == sentences


def test_align_equal_changed_inserted_deleted() -> None:
    old = ["本局主动公开信息100条。", "未收到政府信息公开申请。", "加强培训。"]
    new = ["本局主动公开信息120条。", "未收到政府信息公开申请。", "新设“优化营商环境”专栏。"]
    pairs = align(old, new)
    assert [(p.op, p.old, p.new) for p in pairs] == [
        (Op.CHANGED, old[0], new[0]),
        (Op.EQUAL, old[1], new[1]),
        (Op.DELETED, old[2], ""),
        (Op.INSERTED, "", new[2]),
    ]
    # 本局主动公开信息1?0条。 : 12 of 13 characters kept on each side
    assert pairs[0].similarity == pytest.approx(24 / 26)


def test_align_keeps_order_when_sentences_move() -> None:
    old = ["甲乙丙丁戊己庚辛。", "子丑寅卯辰巳午未。"]
    new = ["子丑寅卯辰巳午未。", "甲乙丙丁戊己庚辛。"]
    ops = [p.op for p in align(old, new)]
    assert ops.count(Op.EQUAL) == 1 and ops.count(Op.DELETED) == 1 and ops.count(Op.INSERTED) == 1


def test_char_changes() -> None:
    # 21 → 17: the 1 is kept, 2 dropped before it, 7 added after it
    assert char_changes("收到申请21件", "收到申请17件") == [
        (Op.EQUAL, "收到申请"), (Op.DELETED, "2"), (Op.EQUAL, "1"), (Op.INSERTED, "7"), (Op.EQUAL, "件")]
    assert char_changes("年度报告", "年度工作报告") == [(Op.EQUAL, "年度"), (Op.INSERTED, "工作"), (Op.EQUAL, "报告")]


def test_similarity_bounds() -> None:
    assert similarity("公开信息", " 公开 信息 ") == 1.0
    assert similarity("甲乙丙", "子丑寅") == 0.0
    assert similarity("", "") == 1.0
    old, new = ["甲乙丙丁。", "戊己庚辛。"], ["甲乙丙丁。", "子丑寅卯。"]
    # one of two 5-character sentences kept on each side: 2 × 5 matched of 20
    assert aligned_similarity(align(old, new)) == pytest.approx(10 / 20)
