"""``drafter draft`` through the real openai client against the local fake server: answers, repairs, failures."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE_FIGURES, run_cli
from fakeserver import FAKE_KEY, answer, empty, provider_error, stall, status

from drafter.draft.drafting import DraftInput, LLMEngine, draft_report
from drafter.draft.prompts import load_prompts
from drafter.errors import LLMError
from drafter.figures.file import load_figures
from drafter.llm import build_client
from drafter.llm.settings import LLMSettings

pytest_plugins = ["conftest_llm"]

# A correct part 一 for the example (表三 all zero, 133 items), as a model might wrap it.
GOOD = ("2021年，临清市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。\n"
        "（一）主动公开\n我局通过门户网站政府信息公开专栏主动公开政府信息133条。\n"
        "（二）依申请公开\n2021年，我局未收到政府信息公开申请。\n"
        "（三）政府信息管理\n我局落实信息发布前审核制度。\n"
        "（四）政府信息公开平台建设\n我局依托本级政府门户网站信息公开专栏发布信息。\n"
        "（五）监督保障\n本年度未发生政府信息公开工作责任追究情况。")
MESSY = f"<think>先看数据表……</think>好的，以下是总体情况部分：\n```markdown\n## 一、总体情况\n\n{GOOD}\n```\n如需修改请告诉我。"
WRONG = GOOD.replace("我局未收到政府信息公开申请", "我局共收到政府信息公开申请5件")


def draft(server, *args, env=None):
    full_env = {"OPENAI_API_KEY": FAKE_KEY, **(env or {})}
    return run_cli("draft", str(EXAMPLE_FIGURES), "--section", "overview", "-m", "fake-model", "--base-url",
                   server.url, "--format", "json", *args, env=full_env)


def test_messy_answer_is_cleaned(fake_llm):
    fake_llm.script(answer(MESSY, prompt_tokens=900, completion_tokens=250))
    result = draft(fake_llm)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["engine"] == "fake-model"
    assert doc["sections"]["一"] == GOOD
    assert doc["usage"] == {"calls": 1, "prompt_tokens": 900, "completion_tokens": 250}
    assert doc["summary"]["error"] == 0
    assert len(fake_llm.requests) == 1 and fake_llm.requests[0].stream
    assert "输入 900 tokens，输出 250 tokens" in result.stderr
    assert FAKE_KEY not in result.stdout + result.stderr


def test_wrong_number_is_repaired(fake_llm):
    fake_llm.script(answer(WRONG), answer(GOOD))
    result = draft(fake_llm)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"]["一"] == GOOD
    assert len(fake_llm.requests) == 2
    repair = fake_llm.requests[1].body["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert repair[2]["content"] == WRONG
    assert "5件" in repair[3]["content"] and "只修改出问题的句子" in repair[3]["content"]


def test_wrong_number_that_stays_is_reported_with_exit_1(fake_llm):
    fake_llm.script(answer(WRONG), answer(WRONG))
    result = draft(fake_llm, "--max-repairs", "1", "--keep-model-text")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == WRONG  # the draft is still given
    assert any(f["rule"] == "prose.table_mismatch" and f["actual"] == 5 for f in doc["findings"])
    assert len(fake_llm.requests) == 2


def test_rate_limit_then_success(fake_llm):
    fake_llm.script(status(429, retry_after=0), answer(GOOD))
    result = draft(fake_llm)
    assert result.returncode == 0, result.stderr
    assert len(fake_llm.requests) == 2
    assert "重试" in result.stderr


@pytest.mark.parametrize("name", ["deepseek_balance", "kimi_balance", "zhipu_balance", "dashscope_balance", "openai_quota"])
def test_balance_error_is_exit_3(fake_llm, name):
    fake_llm.script(provider_error(name))
    result = draft(fake_llm)
    assert result.returncode == 3
    assert "余额" in result.stderr or "欠费" in result.stderr or "充值" in result.stderr
    assert len(fake_llm.requests) == 1  # not retried
    assert "Traceback" not in result.stderr and FAKE_KEY not in result.stderr


@pytest.mark.parametrize("refusal", ["finish", "dashscope_moderation", "kimi_moderation", "zhipu_moderation"])
def test_content_filter_is_exit_3(fake_llm, refusal):
    fake_llm.script(answer("部分内容", finish_reason="content_filter") if refusal == "finish" else provider_error(refusal))
    result = draft(fake_llm)
    assert result.returncode == 3
    assert "审核" in result.stderr or "过滤" in result.stderr


def test_server_error_after_retries_is_exit_3(fake_llm):
    fake_llm.script(*[status(500, retry_after=0)] * 3)
    result = draft(fake_llm)
    assert result.returncode == 3
    assert len(fake_llm.requests) == 3


def test_truncated_answer_is_exit_3(fake_llm):
    fake_llm.script(answer(GOOD[:40], finish_reason="length"))
    result = draft(fake_llm)
    assert result.returncode == 3
    assert "截断" in result.stderr or "长度" in result.stderr or "max_tokens" in result.stderr


def test_empty_answer_is_exit_3(fake_llm):
    fake_llm.always(empty(), times=5)
    result = draft(fake_llm)
    assert result.returncode == 3
    assert "空" in result.stderr


def test_cached_rerun_makes_no_call(fake_llm, tmp_path):
    fake_llm.script(answer(GOOD))
    first = draft(fake_llm)
    assert first.returncode == 0, first.stderr
    second = draft(fake_llm)
    assert second.returncode == 0, second.stderr
    assert len(fake_llm.requests) == 1
    assert json.loads(second.stdout)["sections"]["一"] == GOOD
    assert "缓存" in second.stderr


def _engine(server, **overrides):
    values = {"model": "fake-model", "base_url": server.url, "api_key": FAKE_KEY, "timeout": 5.0,
              "max_retries": 0, "retry_base_delay": 0.01}
    values.update(overrides)
    settings = LLMSettings(**values)
    return LLMEngine(build_client(settings), settings, load_prompts())


def test_stall_past_the_timeout_is_an_llm_error(fake_llm):
    fake_llm.script(stall(3))
    job = DraftInput(load_figures(EXAMPLE_FIGURES), parts=("一",))
    with pytest.raises(LLMError) as info:
        draft_report(job, _engine(fake_llm, timeout=0.5))
    assert info.value.cause == "timeout"


def test_both_parts_are_drafted_at_once(fake_llm):
    fake_llm.script(answer(GOOD), answer(GOOD), answer(GOOD, delay=1.0), answer(GOOD, delay=1.0))
    job = DraftInput(load_figures(EXAMPLE_FIGURES))
    engine = _engine(fake_llm, parallel=2)
    draft_report(job, engine, max_repairs=0)  # warm-up: first-use imports and connections are not the point here
    fake_llm.most_at_once = 0
    result = draft_report(job, engine, max_repairs=0)
    assert set(result.sections) == {"一", "五", "六"}  # 六 is written from the figures
    assert len(fake_llm.requests) == 4
    assert fake_llm.most_at_once == 2  # the two 1-second calls were answered side by side, not one after the other


def test_a_repair_reply_with_only_the_fixed_sentence_keeps_the_draft(fake_llm):
    fake_llm.script(answer(WRONG), answer("2021年，我局未收到政府信息公开申请。"))
    result = draft(fake_llm, "--max-repairs", "2", "--mode", "write")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == WRONG  # not replaced by a fragment
    assert doc["usage"]["calls"] == 2  # the rejected reply still counts
    assert len(fake_llm.requests) == 2


def test_user_prompt_directory(fake_llm, tmp_path):
    (tmp_path / "overview.j2").write_text("请为{{ agency }}写{{ year }}年的总体情况。\n{{ factsheet }}", encoding="utf-8")
    fake_llm.script(answer(GOOD))
    result = draft(fake_llm, "--mode", "write", "--prompts", str(tmp_path))
    assert result.returncode == 0, result.stderr
    messages = fake_llm.requests[0].body["messages"]
    assert messages[1]["content"].startswith("请为临清市科学技术局写2021年的总体情况。")
    assert "本年主动公开政府信息：133条" in messages[1]["content"]
    assert "公文语体" in messages[0]["content"]  # the packaged system prompt fills in


def test_broken_user_template_is_exit_2(fake_llm, tmp_path):
    (tmp_path / "overview.j2").write_text("{{ agency }", encoding="utf-8")
    result = draft(fake_llm, "--mode", "write", "--prompts", str(tmp_path))
    assert result.returncode == 2
    assert "overview.j2" in result.stderr and "Traceback" not in result.stderr
    assert fake_llm.requests == []
