"""Last year's part 五 → its problems and planned measures (for ``init --from``, drafting and checking)."""

from __future__ import annotations

import pytest

from drafter.read.inputs import open_input
from drafter.read.lastyear import extract_problems
from tests.conftest import CORPUS, SEED

# (report, number of problems, the first problem's opening words, the first measure's opening words) — read off
# each report's part 五 by hand.
CASES = [
    ("huaian-city-2024.txt", 2, "政策解读质量仍需提升", "着力加强政策解读质效"),
    ("huaian-hongze-2023.txt", 3, "依申请公开工作规范性", "扎实推进依申请公开工作"),
    ("huaian-hongze-2024.txt", 5, "个别部门对复杂申请件", "扎实推进依申请公开工作"),
    ("pingtan-2020.txt", 3, "基层政务公开标准化规范化", "持续认真贯彻"),
    ("pingtan-2021.txt", 2, "政策解读形式不够丰富", "丰富政策解读形式"),
    ("pingtan-2024.txt", 3, "新时代政府信息公开工作机制", "优化主动公开目录"),
    ("pingtan-2025.txt", 3, "政务公开队伍建设有待", "强化政务公开队伍建设"),
    ("shanghai-gov-office-2019.txt", 4, "新《条例》实施后", "深入做好《条例》的贯彻落实"),
    ("suqian-city-2024.txt", 3, "政策解读精准性", "关注民生热点"),
]


@pytest.mark.parametrize(("name", "count", "problem", "measure"), CASES)
def test_problems_of_published_reports(name: str, count: int, problem: str, measure: str) -> None:
    five = open_input(CORPUS / name).section("五")
    assert five is not None
    items = extract_problems(five.text)
    assert len(items) == count
    assert items[0].problem.startswith(problem)
    assert items[0].measure is not None and items[0].measure.startswith(measure)
    assert all("\n" not in item.problem for item in items)


def test_seed_problems() -> None:
    five = open_input(SEED).section("五")
    assert five is not None
    items = extract_problems(five.text)
    assert [i.problem[:8] for i in items] == ["与保障人民群众知", "政务公开队伍建设"]
    assert [i.measure[:8] for i in items if i.measure] == ["进一步加大推进政", "加强制度落实，不"]


def test_measures_only() -> None:
    items = extract_problems("下一步，我局将做好以下工作：一是完善依申请公开流程。二是每季度检查一次网站栏目。")
    assert [i.problem for i in items] == ["完善依申请公开流程", "每季度检查一次网站栏目"]


def test_no_problems_found_in_boilerplate() -> None:
    assert extract_problems("无。") == []
