"""The one home of part headings and numbered items (drafter.text)."""

from __future__ import annotations

import pytest

from drafter.text import ITEM_OPENER, any_part_heading, numbered_heading, part_heading


@pytest.mark.parametrize("line", ["五、存在的主要问题及改进情况", "五，存在的主要问题及改进情况", "五,存在的主要问题及改进情况",
                                  "五．存在的主要问题及改进情况", "五. 存在的主要问题及改进情况", "五\u3000存在的主要问题及改进情况",
                                  "  五 、存在的主要问题及改进情况"])
def test_any_punctuation_after_the_numeral(line):
    assert part_heading(line, "五") == ("存在的主要问题及改进情况", "")
    assert any_part_heading(line) == "五"


def test_a_table_row_or_another_part_is_no_heading():
    assert part_heading("二、上年结转", "二") is None
    assert part_heading("五、存在的主要问题及改进情况", "六") is None
    assert any_part_heading("六、其他需要报告的事项", "六") == "六"
    assert any_part_heading("六、其他需要报告的事项", "") is None


def test_the_official_title_with_text_run_on():
    assert part_heading("一、总体情况。2021年，我局……", "一") == ("总体情况", "2021年，我局……")


def test_numbered_items():
    assert numbered_heading("三、收到和处理政府信息公开申请情况") == ("三", "收到和处理政府信息公开申请情况")
    for line in ("（一）主动公开", "(二)依申请公开", "一是加强", "1.属于", "（1）第一", "## 五、问题"):
        assert ITEM_OPENER.match(line), line
    assert not ITEM_OPENER.match("1.5万元的收费")
