"""``drafter logs`` shows the calls recorded by real completions against the fake server."""

from __future__ import annotations

import json

import pytest
from fakeserver import FAKE_KEY, answer, provider_error

from drafter.errors import LLMError
from drafter.llm import build_client, complete
from drafter.llm.cache import Cache
from drafter.llm.calllog import CallLog
from drafter.llm.settings import LLMSettings
from tests.conftest import invoke

pytest_plugins = ["conftest_llm"]


def make_calls(server, home) -> None:
    """Three calls: an answer, the same answer from the cache, a balance error."""
    server.script(answer("（一）主动公开", prompt_tokens=321, completion_tokens=45), provider_error("deepseek_balance"))
    settings = LLMSettings(model="deepseek-chat", base_url=server.url, api_key=FAKE_KEY, provider="deepseek",
                           retry_base_delay=0.01)
    client, log, cache = build_client(settings), CallLog.in_home(home), Cache.in_home(home)
    messages = [{"role": "user", "content": "写总体情况"}]
    complete(client, settings, messages, log=log, cache=cache)
    complete(client, settings, messages, log=log, cache=cache)
    with pytest.raises(LLMError):
        complete(client, settings, [{"role": "user", "content": "写问题"}], log=log, cache=cache)


def test_logs_empty(isolated_env):
    result = invoke("logs")
    assert result.returncode == 0 and "尚无大模型调用记录" in result.stdout


def test_logs_table(fake_llm, isolated_env):
    make_calls(fake_llm, isolated_env)
    result = invoke("logs")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("deepseek-chat") == 3
    assert "321" in out and "45" in out and "成功" in out and "缓存命中" in out and "余额不足" in out
    assert out.index("成功") < out.index("缓存命中") < out.index("余额不足")  # oldest first
    assert FAKE_KEY not in out and FAKE_KEY[:12] not in out


def test_logs_json_and_count(fake_llm, isolated_env):
    make_calls(fake_llm, isolated_env)
    result = invoke("logs", "--format", "json", "-n", "2")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    newest, cached = document["calls"]
    assert (newest["outcome"], newest["cached"], newest["model"]) == ("balance", False, "deepseek-chat")
    assert (cached["outcome"], cached["cached"]) == ("ok", True)
    assert newest["host"] == "127.0.0.1" and isinstance(newest["latency_ms"], int)
    assert FAKE_KEY not in result.stdout


def test_logs_bad_count():
    result = invoke("logs", "-n", "0")
    assert result.returncode == 2 and "Traceback" not in result.stderr
