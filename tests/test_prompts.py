"""Prompt templates: rendered with StrictUndefined, the figure sheet inside, a user directory overriding them."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE_FIGURES, ROOT

from drafter.draft.factsheet import build_factsheet, self_name
from drafter.draft.prompts import (
    TEMPLATES,
    load_prompts,
    overview_messages,
    packaged_dir,
    problems_messages,
    repair_messages,
)
from drafter.errors import InputError
from drafter.figures import UnitKind
from drafter.figures.file import load_figures
from drafter.findings import Finding, Severity

BUSY = ROOT / "tests" / "data" / "draft" / "yunxi-gov-2023.yaml"


@pytest.fixture(scope="module")
def busy():
    figures = load_figures(BUSY)
    return figures, build_factsheet(figures)


def test_every_template_is_packaged():
    assert sorted(p.name for p in packaged_dir().glob("*.j2")) == sorted(TEMPLATES)


def test_overview_prompt_carries_the_figures(busy):
    figures, sheet = busy
    system, user = overview_messages(load_prompts(), sheet, figures)
    assert system["role"] == "system" and user["role"] == "user"
    assert "云溪县人民政府" in system["content"] and "我县" in system["content"]
    # Hand-checked against tests/data/draft/yunxi-gov-2023.yaml: 142 new, 7 carried over, 4812 items.
    for line in ("本年新收政府信息公开申请：142件", "上年结转政府信息公开申请：7件", "本年主动公开政府信息：4812条",
                 "行政事业性收费本年收费金额：356.82万元", "因政府信息公开被申请行政复议：9件"):
        assert line in user["content"]
    assert "工作考核、社会评议和责任追究结果" in user["content"]  # a 人民政府 report
    assert "对县政府及办公室制发的文件逐件进行公开属性审查" in user["content"]  # the user's notes


def test_department_prompt_does_not_ask_for_assessment():
    figures = load_figures(EXAMPLE_FIGURES)
    _, user = overview_messages(load_prompts(), build_factsheet(figures), figures)
    assert "工作考核、社会评议和责任追究结果" not in user["content"]
    assert "本年主动公开政府信息：133条" in user["content"]
    assert "本年新收政府信息公开申请：0件" in user["content"]


def test_problems_prompt_hands_over_last_year(busy):
    figures, sheet = busy
    _, user = problems_messages(load_prompts(), sheet, figures, previous_problems=figures.previous_problems,
                                previous_text="一是专栏更新不及时。")
    content = user["content"]
    assert "1. 问题：部分乡镇信息公开专栏更新不及时" in content
    assert "2. 问题：政策解读形式较为单一；计划措施：增加图解、视频等解读形式；本年度整改情况：未提供" in content
    assert "（一）上年度问题整改情况" in content
    assert "不得照抄" in content and "一是专栏更新不及时。" in content


def test_problems_prompt_without_last_year_has_two_blocks(busy):
    figures, sheet = busy
    _, user = problems_messages(load_prompts(), sheet, figures)
    assert "上年度问题整改情况" not in user["content"]
    assert "（一）存在的主要问题" in user["content"] and "（二）改进措施" in user["content"]


def test_repair_prompt_quotes_the_findings(busy):
    figures, sheet = busy
    history = overview_messages(load_prompts(), sheet, figures)
    finding = Finding("prose.table_mismatch", Severity.ERROR, "正文称收到申请140件，表三为142件",
                      section="一", quote="共收到政府信息公开申请140件", expected=142, actual=140)
    messages = repair_messages(load_prompts(), sheet, "一", "总体情况", "草稿正文", [finding], history)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == "草稿正文"
    assert "正文称收到申请140件，表三为142件" in messages[3]["content"]
    assert "共收到政府信息公开申请140件" in messages[3]["content"] and "应为：142" in messages[3]["content"]


def test_user_directory_overrides_one_template(tmp_path, busy):
    figures, sheet = busy
    (tmp_path / "overview.j2").write_text("只写{{ agency }}的{{ year }}年总体情况。", encoding="utf-8")
    system, user = overview_messages(load_prompts(tmp_path), sheet, figures)
    assert user["content"] == "只写云溪县人民政府的2023年总体情况。"
    assert "公文语体" in system["content"]  # system.j2 still the packaged one


def test_missing_variable_is_an_input_error(tmp_path, busy):
    figures, sheet = busy
    (tmp_path / "overview.j2").write_text("{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(InputError, match="no_such_thing"):
        overview_messages(load_prompts(tmp_path), sheet, figures)


def test_missing_prompt_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="提示词目录不存在"):
        load_prompts(tmp_path / "nope")


@pytest.mark.parametrize(("agency", "kind", "expected"), [
    ("临清市科学技术局", UnitKind.DEPARTMENT, "我局"),
    ("云溪县人民政府", UnitKind.GOVERNMENT, "我县"),
    ("淮安市洪泽区人民政府", UnitKind.GOVERNMENT, "我区"),
    ("某市发展和改革委员会", UnitKind.DEPARTMENT, "我委"),
    ("某区人民政府办公室", UnitKind.DEPARTMENT, "我办"),
    ("某某街道办事处", UnitKind.TOWNSHIP, "我街道"),
    ("某某镇人民政府", UnitKind.TOWNSHIP, "我镇"),
    ("某某档案馆", UnitKind.OTHER, "本机关"),
])
def test_self_name(agency, kind, expected):
    assert self_name(agency, kind) == expected
