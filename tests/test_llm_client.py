"""complete() through the real openai client against the local fake server: answers, usage, retries, timeouts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fakeserver import FAKE_KEY, answer, garbage, provider_error, stall, status, truncated

from drafter.errors import LLMError
from drafter.llm import Usage, build_client, complete
from drafter.llm.cache import Cache
from drafter.llm.calllog import CallLog
from drafter.llm.settings import LLMSettings

pytest_plugins = ["conftest_llm"]

MESSAGES = [{"role": "system", "content": "你是公文写作助手。"}, {"role": "user", "content": "写总体情况。"}]
BODY = "（一）主动公开\n本年度主动公开政府信息120条。"


def settings_for(server, **overrides) -> LLMSettings:
    values = {"model": "fake-model", "base_url": server.url, "api_key": FAKE_KEY, "timeout": 2.0,
              "max_retries": 2, "retry_base_delay": 0.01, "retry_max_delay": 0.5}
    values.update(overrides)
    return LLMSettings(**values)


def call(server, stream=True, **overrides):
    settings = settings_for(server, **overrides)
    return complete(build_client(settings), settings, MESSAGES, stream=stream)


@pytest.mark.parametrize("stream", [True, False])
def test_answer_with_usage(fake_llm, stream):
    fake_llm.script(answer(BODY, prompt_tokens=37, completion_tokens=21))
    tokens: list[str] = []
    settings = settings_for(fake_llm)
    result = complete(build_client(settings), settings, MESSAGES, stream=stream, on_token=tokens.append)
    assert result.text == BODY
    assert result.usage == Usage(prompt_tokens=37, completion_tokens=21, calls=1)
    assert result.finish_reason == "stop" and not result.cached
    assert "".join(tokens) == BODY
    if stream:
        assert len(tokens) > 3  # really streamed, not handed over at the end
    request = fake_llm.requests[0]
    assert request.body["model"] == "fake-model" and request.body["messages"] == MESSAGES
    assert request.stream is stream
    if stream:
        assert request.body["stream_options"] == {"include_usage": True}
    assert request.headers["authorization"] == f"Bearer {FAKE_KEY}"


def test_plain_json_answer_to_a_stream_request(fake_llm):
    fake_llm.script(answer(BODY, plain=True))
    assert call(fake_llm).text == BODY


def test_event_stream_without_its_content_type(fake_llm):
    from fakeserver import stream_chunks

    events = "".join(f"data: {c}\n\n" for c in stream_chunks(answer(BODY, prompt_tokens=5), "m", True))
    fake_llm.script(garbage((events + "data: [DONE]\n\n").encode(), "text/plain"))
    result = call(fake_llm)
    assert result.text == BODY and result.usage.prompt_tokens == 5


def test_parameters_and_extra_body_are_sent(fake_llm):
    fake_llm.script(answer(BODY))
    call(fake_llm, temperature=0.3, max_tokens=800, extra_body={"enable_thinking": False})
    body = fake_llm.requests[0].body
    assert body["temperature"] == 0.3 and body["max_tokens"] == 800 and body["enable_thinking"] is False


def test_quirks_drop_temperature_and_stream_options(fake_llm):
    fake_llm.script(answer(BODY))
    call(fake_llm, temperature=0.3, quirks=frozenset({"no_temperature", "no_stream_options"}))
    body = fake_llm.requests[0].body
    assert "temperature" not in body and "stream_options" not in body


@pytest.mark.parametrize(("message", "option"), [
    ("Unrecognized request argument supplied: stream_options", "stream_options"),
    ("temperature is not supported with this model", "temperature"),
])
def test_a_refused_optional_parameter_is_dropped(fake_llm, message, option):
    fake_llm.script(status(400, {"error": {"message": message, "type": "invalid_request_error"}}), answer(BODY))
    result = call(fake_llm, temperature=0.5)
    assert result.text == BODY and result.usage.calls == 1
    first, second = (r.body for r in fake_llm.requests)
    assert option in first and option not in second


@pytest.mark.parametrize("stream", [True, False])
def test_reasoning_is_dropped(fake_llm, stream):
    fake_llm.script(answer("<think>先算一下：120条。</think>\n\n" + BODY, reasoning_content="用户要总体情况，我先想想。"))
    tokens: list[str] = []
    settings = settings_for(fake_llm)
    result = complete(build_client(settings), settings, MESSAGES, stream=stream, on_token=tokens.append)
    assert result.text == BODY
    assert "".join(tokens) == BODY


def test_rate_limit_then_success(fake_llm):
    fake_llm.script(provider_error("rate_limit"), answer(BODY))
    notes: list[str] = []
    settings = settings_for(fake_llm)
    result = complete(build_client(settings), settings, MESSAGES, on_retry=notes.append)
    assert result.text == BODY and result.usage.calls == 2
    assert len(fake_llm.requests) == 2 and len(notes) == 1 and "限流" in notes[0]


def test_retry_after_is_honoured(fake_llm):
    fake_llm.script(status(429, retry_after=0.4), answer(BODY))
    call(fake_llm, retry_base_delay=0.0, retry_max_delay=5.0)
    gap = fake_llm.requests[1].at - fake_llm.requests[0].at
    assert gap >= 0.35  # waited as asked (how much longer it took is the machine's business)


def test_retry_after_is_capped(fake_llm):
    fake_llm.script(status(503, retry_after=30), answer(BODY))
    notes: list[str] = []
    settings = settings_for(fake_llm, retry_max_delay=0.2)
    complete(build_client(settings), settings, MESSAGES, on_retry=notes.append)
    assert len(notes) == 1 and "0.2 秒后" in notes[0]  # the cap, not the 30 s asked for


def test_rate_limit_after_retries(fake_llm):
    fake_llm.script(*[provider_error("rate_limit")] * 3)
    with pytest.raises(LLMError) as err:
        call(fake_llm, max_retries=2)
    assert err.value.cause == "rate_limit" and err.value.attempts == 3
    assert "限流" in err.value.message and "共尝试 3 次" in err.value.message
    assert len(fake_llm.requests) == 3


def test_server_error_then_success(fake_llm):
    fake_llm.script(status(500), provider_error("deepseek_busy"), answer(BODY))
    assert call(fake_llm).usage.calls == 3


def test_server_error_persistent(fake_llm):
    fake_llm.script(status(500), status(500), status(500))
    with pytest.raises(LLMError) as err:
        call(fake_llm, max_retries=2)
    assert err.value.cause == "server" and "HTTP 500" in err.value.message
    assert len(fake_llm.requests) == 3


def test_stall_past_the_timeout(fake_llm):
    fake_llm.script(stall(5))
    settings = settings_for(fake_llm, timeout=0.3, max_retries=0)
    client = build_client(settings)
    with pytest.raises(LLMError) as err:
        complete(client, settings, MESSAGES)  # the server would have answered after 5 s
    assert err.value.cause == "timeout" and "超时" in err.value.message and "DRAFTER_TIMEOUT" in err.value.message


def test_stall_in_the_middle_of_a_stream(fake_llm):
    fake_llm.script(answer(BODY, stall_after=3, stall=5), answer(BODY))
    result = call(fake_llm, timeout=0.3, max_retries=1)
    assert result.text == BODY and result.usage.calls == 2


def test_truncated_stream_is_retried_then_reported(fake_llm):
    fake_llm.script(truncated(), truncated())
    with pytest.raises(LLMError) as err:
        call(fake_llm, max_retries=1)
    assert err.value.cause == "incomplete" and "中断" in err.value.message and "空回答" not in err.value.message
    assert len(fake_llm.requests) == 2


def test_finish_reason_length(fake_llm):
    fake_llm.script(answer(BODY, finish_reason="length"))
    with pytest.raises(LLMError) as err:
        call(fake_llm)
    assert err.value.cause == "truncated" and "max_tokens" in err.value.message
    assert err.value.last_reply == BODY
    assert len(fake_llm.requests) == 1  # not retried


@pytest.mark.parametrize("reply", ["", "   \n  ", "<think>只有推理</think>"])
def test_empty_content(fake_llm, reply):
    fake_llm.script(answer(reply))
    with pytest.raises(LLMError) as err:
        call(fake_llm)
    assert err.value.cause == "empty" and "空回答" in err.value.message
    assert len(fake_llm.requests) == 1


@pytest.mark.parametrize("stream", [True, False])
@pytest.mark.parametrize("reply", [garbage(), garbage(b"data: {not json\n\n", "text/event-stream"),
                                   garbage(b'{"id": "x", "object": "chat.completion"}')])
def test_garbage(fake_llm, reply, stream):
    fake_llm.script(reply, reply)
    with pytest.raises(LLMError) as err:
        call(fake_llm, stream=stream, max_retries=1)
    assert err.value.cause == "garbage" and "/v1" in err.value.message
    assert len(fake_llm.requests) == 2


def test_connection_refused_names_the_url():
    from fakeserver import closed_port_url

    url = closed_port_url()
    settings = LLMSettings(model="m", base_url=url, api_key=FAKE_KEY, timeout=1.0, retry_base_delay=0.01)
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.cause == "connection" and url in err.value.message and "拒绝" in err.value.message
    assert err.value.exit_code == 3
    assert err.value.attempts == 1  # a refused connection is not worth retrying


def test_cache_hit_makes_no_request(fake_llm, tmp_path):
    fake_llm.script(answer(BODY))
    settings = settings_for(fake_llm)
    client, cache = build_client(settings), Cache(tmp_path / "cache")
    first = complete(client, settings, MESSAGES, cache=cache)
    tokens: list[str] = []
    second = complete(client, settings, MESSAGES, cache=cache, on_token=tokens.append)
    assert len(fake_llm.requests) == 1
    assert second.cached and second.text == first.text == BODY and "".join(tokens) == BODY
    assert second.usage == Usage(cached_calls=1)


def test_cache_key_depends_on_messages_and_parameters(fake_llm, tmp_path):
    fake_llm.script(answer("一"), answer("二"), answer("三"))
    cache = Cache(tmp_path / "cache")
    settings = settings_for(fake_llm)
    client = build_client(settings)
    complete(client, settings, MESSAGES, cache=cache)
    complete(client, settings, MESSAGES[:1], cache=cache)
    warmer = settings_for(fake_llm, temperature=0.9)
    assert complete(client, warmer, MESSAGES, cache=cache).text == "三"
    assert len(fake_llm.requests) == 3


def test_failures_are_not_cached(fake_llm, tmp_path):
    fake_llm.script(answer(BODY, finish_reason="length"), answer(BODY))
    cache = Cache(tmp_path / "cache")
    settings = settings_for(fake_llm)
    client = build_client(settings)
    with pytest.raises(LLMError):
        complete(client, settings, MESSAGES, cache=cache)
    assert not complete(client, settings, MESSAGES, cache=cache).cached


def test_every_call_is_logged(fake_llm, tmp_path):
    fake_llm.script(answer(BODY, prompt_tokens=30, completion_tokens=12), provider_error("deepseek_balance"))
    log = CallLog(tmp_path / "logs.db")
    cache = Cache(tmp_path / "cache")
    settings = settings_for(fake_llm, provider="deepseek")
    client = build_client(settings)
    complete(client, settings, MESSAGES, log=log, cache=cache)
    complete(client, settings, MESSAGES, log=log, cache=cache)
    with pytest.raises(LLMError):
        complete(client, settings, MESSAGES[:1], log=log)
    newest, cached, first = log.latest(10)
    assert (first["outcome"], first["prompt_tokens"], first["completion_tokens"], first["cached"]) == ("ok", 30, 12,
                                                                                                         False)
    assert first["model"] == "fake-model" and first["host"] == "127.0.0.1" and first["provider"] == "deepseek"
    assert cached["cached"] and cached["outcome"] == "ok"
    assert newest["outcome"] == "balance" and newest["attempts"] == 1


def test_threads_share_one_client(fake_llm):
    fake_llm.always(answer(BODY, delay=0.5), times=4)
    settings = settings_for(fake_llm)
    client = build_client(settings)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: complete(client, settings, MESSAGES), range(4)))
    assert [r.text for r in results] == [BODY] * 4
    assert fake_llm.most_at_once >= 2  # the half-second calls were answered side by side, not one after another


def test_callback_errors_pass_through(fake_llm):
    fake_llm.script(answer(BODY))
    settings = settings_for(fake_llm)

    def refuse(_: str) -> None:
        raise KeyError("display gone")

    with pytest.raises(KeyError):
        complete(build_client(settings), settings, MESSAGES, on_token=refuse)
    assert len(fake_llm.requests) == 1
