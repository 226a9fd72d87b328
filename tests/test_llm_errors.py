"""Provider errors become one LLMError each: the right cause, retried or not, a Chinese fix — and never the key."""

from __future__ import annotations

import json
import sqlite3

import pytest
from fakeserver import (
    FAKE_KEY,
    Status,
    answer,
    closed_port_url,
    garbage,
    provider_error,
    stall,
    status,
    truncated,
)

from drafter.errors import LLMError
from drafter.llm import Cause, build_client, complete, redact
from drafter.llm.cache import Cache
from drafter.llm.calllog import CallLog
from drafter.llm.failures import Failure, to_error
from drafter.llm.settings import LLMSettings

pytest_plugins = ["conftest_llm"]

MESSAGES = [{"role": "user", "content": "写存在的主要问题。"}]


def settings_for(server, **overrides) -> LLMSettings:
    values = {"model": "fake-model", "base_url": server.url, "api_key": FAKE_KEY, "timeout": 1.0,
              "max_retries": 2, "retry_base_delay": 0.01, "retry_max_delay": 0.1}
    values.update(overrides)
    return LLMSettings(**values)


def fail(server, **overrides) -> LLMError:
    settings = settings_for(server, **overrides)
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.exit_code == 3
    return err.value


# name of the canned error, provider preset, expected cause, words the message must hold
NOT_RETRIED = [
    ("openai_auth", None, "auth", ["API key"]),
    ("deepseek_auth", "deepseek", "auth", ["DeepSeek", "API key", "platform.deepseek.com"]),
    ("deepseek_balance", "deepseek", "balance", ["余额不足", "HTTP 402", "充值", "-m offline"]),
    ("kimi_balance", "moonshot", "balance", ["Kimi", "余额不足", "HTTP 403"]),
    ("zhipu_balance", "zhipu", "balance", ["智谱", "余额不足", "1113"]),
    ("dashscope_balance", "qwen", "balance", ["通义千问", "余额不足", "Arrearage"]),
    ("openai_quota", None, "balance", ["余额不足", "HTTP 429"]),
    ("dashscope_moderation", "qwen", "moderation", ["内容审核", "data_inspection_failed", "改写"]),
    ("kimi_moderation", "moonshot", "moderation", ["内容审核", "content_filter"]),
    ("zhipu_moderation", "zhipu", "moderation", ["内容审核", "1301"]),
    ("model_not_found", None, "not_found", ["fake-model", "HTTP 404"]),
]


@pytest.mark.parametrize(("name", "provider", "cause", "words"), NOT_RETRIED, ids=[n[0] for n in NOT_RETRIED])
def test_provider_error_is_classified_and_not_retried(fake_llm, name, provider, cause, words):
    fake_llm.script(provider_error(name), answer("不应走到这里"))
    error = fail(fake_llm, provider=provider)
    assert error.cause == cause
    for word in words:
        assert word in error.message, (word, error.message)
    assert len(fake_llm.requests) == 1 and error.attempts == 1


@pytest.mark.parametrize("finish", ["content_filter", "sensitive"])
def test_refusal_by_finish_reason(fake_llm, finish):
    fake_llm.script(answer("根据相关法律法规，", finish_reason=finish))
    error = fail(fake_llm, provider="zhipu")
    assert error.cause == "moderation" and "内容审核" in error.message
    assert len(fake_llm.requests) == 1


def test_error_event_inside_a_stream(fake_llm):
    # DashScope can stop a stream with an error object when the *output* fails moderation.
    event = {"error": {"code": "data_inspection_failed", "message": "Output data may contain inappropriate content."}}
    fake_llm.script(garbage(f"data: {json.dumps(event)}\n\n".encode(), "text/event-stream"))
    error = fail(fake_llm, provider="qwen")
    assert error.cause == "moderation"


@pytest.mark.parametrize("stream", [True, False])
def test_error_object_sent_with_status_200(fake_llm, stream):
    body = json.dumps({"error": {"code": "1301", "message": "内容不安全"}}).encode()
    fake_llm.script(garbage(body))
    settings = settings_for(fake_llm, provider="zhipu")
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES, stream=stream)
    assert err.value.cause == "moderation" and len(fake_llm.requests) == 1


def test_unknown_400_is_a_bad_request(fake_llm):
    fake_llm.script(status(400, {"error": {"message": "Invalid value for 'n': must be 1", "type": "invalid_request"}}))
    error = fail(fake_llm)
    assert error.cause == "bad_request" and "must be 1" in error.message and len(fake_llm.requests) == 1


def test_context_too_long(fake_llm):
    fake_llm.script(status(400, {"error": {"message": "This model's maximum context length is 8192 tokens. However, "
                                                      "your messages resulted in 9000 tokens.",
                                           "code": "context_length_exceeded"}}))
    error = fail(fake_llm)
    assert error.cause == "bad_request" and "上下文" in error.message


def test_no_key(fake_llm):
    settings = LLMSettings(model="deepseek-chat", base_url=fake_llm.url, api_key=None, provider="deepseek",
                           key_env=("DEEPSEEK_API_KEY", "OPENAI_API_KEY"))
    with pytest.raises(LLMError) as err:
        build_client(settings)
    assert err.value.cause == "no_key" and "DEEPSEEK_API_KEY" in err.value.message and "-m offline" in err.value.message
    assert fake_llm.requests == []


def test_server_asking_for_a_key_that_was_not_set(fake_llm):
    fake_llm.script(provider_error("openai_auth"))
    settings = LLMSettings(model="m", base_url=fake_llm.url, api_key=None, quirks=frozenset({"no_key"}),
                           key_env=("OPENAI_API_KEY",))
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.cause == "auth" and "要求 API key" in err.value.message and "OPENAI_API_KEY" in err.value.message


def test_local_server_needs_no_key(fake_llm):
    fake_llm.script(answer("好"))
    settings = LLMSettings(model="qwen2.5:7b", base_url=fake_llm.url, api_key=None, provider="ollama",
                           quirks=frozenset({"no_key"}))
    assert complete(build_client(settings), settings, MESSAGES).text == "好"


# Every way of failing, with a server that echoes the key back in its error messages.
ECHOING = [
    Status(401, {"error": {"message": f"Incorrect API key provided: {FAKE_KEY}", "code": "invalid_api_key"}}),
    Status(401, {"error": {"message": f"key {FAKE_KEY[:12]}…{FAKE_KEY[-10:]} is invalid"}}),
    Status(402, {"error": {"message": f"Insufficient Balance for {FAKE_KEY}"}}),
    Status(429, {"error": {"code": "1113", "message": f"欠费 {FAKE_KEY}"}}),
    Status(400, {"error": {"code": "data_inspection_failed", "message": f"bad input from {FAKE_KEY}"}}),
    Status(400, {"error": {"message": f"Authorization: Bearer {FAKE_KEY} rejected"}}),
    Status(404, {"error": {"message": f"no model for {FAKE_KEY}"}}),
    Status(500, f"<html>upstream error, key={FAKE_KEY}</html>"),
]


@pytest.mark.parametrize("reply", [*ECHOING, status(429), stall(3), truncated(), garbage(FAKE_KEY.encode()),
                                   answer("", finish_reason="stop"), answer("截断", finish_reason="length"),
                                   answer("拒绝", finish_reason="content_filter")])
def test_the_key_never_leaks(fake_llm, tmp_path, capfd, reply):
    fake_llm.always(reply, times=5)
    settings = settings_for(fake_llm, timeout=0.3, max_retries=1)
    cache, log = Cache(tmp_path / "cache"), CallLog(tmp_path / "logs.db")
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES, cache=cache, log=log, on_token=lambda _: None)
    fragments = [FAKE_KEY, FAKE_KEY[:12], FAKE_KEY[-10:]]
    shown = " ".join([str(err.value), repr(err.value), err.value.message, err.value.last_reply or "",
                      str(err.value.hint or "")])
    out = capfd.readouterr()
    for fragment in fragments:
        assert fragment not in shown and fragment not in out.out and fragment not in out.err
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(f.encode() in data for f in fragments), path
    rows = sqlite3.connect(tmp_path / "logs.db").execute("SELECT * FROM calls").fetchall()
    assert rows and FAKE_KEY not in repr(rows)
    assert FAKE_KEY not in repr(settings)


def test_the_key_never_leaks_on_a_refused_connection(tmp_path):
    settings = LLMSettings(model="m", base_url=closed_port_url(), api_key=FAKE_KEY, timeout=0.5)
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES, log=CallLog(tmp_path / "logs.db"))
    assert FAKE_KEY not in str(err.value)
    assert FAKE_KEY.encode() not in (tmp_path / "logs.db").read_bytes()


def test_the_key_is_not_in_cache_files(fake_llm, tmp_path):
    fake_llm.script(answer(f"正文里不该有 {FAKE_KEY[:4]}"))
    settings = settings_for(fake_llm)
    complete(build_client(settings), settings, MESSAGES, cache=Cache(tmp_path / "c"))
    files = list((tmp_path / "c").rglob("*.json"))
    assert len(files) == 1 and FAKE_KEY.encode() not in files[0].read_bytes()


@pytest.mark.parametrize("cause", list(Cause))
@pytest.mark.parametrize("code", [None, "ssl", "proxy", "broken"])
def test_every_cause_has_a_complete_message(cause, code):
    settings = LLMSettings(model="m", base_url="https://api.deepseek.com", api_key=FAKE_KEY, provider="deepseek")
    error = to_error(Failure(cause, status=400, detail="maximum context length", code=code), settings, attempts=3)
    assert error.cause == cause.value and error.exit_code == 3
    assert "{" not in error.message and "}" not in error.message and len(error.message) > 20
    assert error.message.endswith("。")


@pytest.mark.parametrize(("text", "expected"), [
    (f"bad key {FAKE_KEY}.", "bad key ***."),
    (f"key {FAKE_KEY[:10]}***{FAKE_KEY[-6:]}", "key ***"),
    ("Incorrect API key provided: sk-abc12***************************wxyz.", "Incorrect API key provided: ***."),
    ("余额不足，请充值", "余额不足，请充值"),
])
def test_redact(text, expected):
    assert redact(text, FAKE_KEY) == expected
