"""The chat-completions protocol as servers really break it, through the real openai client and the fake server:
unfinished streams, empty streams, error events, no usage, plain web servers, proxies, keys that cannot be sent,
credentials in the base URL, and the cache keyed on the whole endpoint."""

from __future__ import annotations

import base64
import json

import pytest
from conftest import EXAMPLE_FIGURES, run_cli
from fakeserver import (
    FAKE_KEY,
    answer,
    empty_stream,
    html,
    status,
    stream_error,
    truncated,
    unfinished,
)

from drafter.errors import LLMError
from drafter.llm import build_client, complete
from drafter.llm.cache import Cache
from drafter.llm.calllog import CallLog
from drafter.llm.settings import LLMSettings, resolve_settings

pytest_plugins = ["conftest_llm"]

MESSAGES = [{"role": "system", "content": "你是公文写作助手。"}, {"role": "user", "content": "写总体情况。"}]
BODY = "（一）主动公开\n本年度主动公开政府信息120条。"
CONTEXT_ERROR = status(400, {"error": {"message": "Requested tokens (9000) exceed context window of 8192",
                                       "type": "invalid_request_error"}})


def settings_for(server, **overrides) -> LLMSettings:
    values = {"model": "fake-model", "base_url": server.url, "api_key": FAKE_KEY, "timeout": 2.0,
              "max_retries": 1, "retry_base_delay": 0.01, "retry_max_delay": 0.05}
    values.update(overrides)
    return LLMSettings(**values)


def call(server, cache=None, log=None, **overrides):
    settings = settings_for(server, **overrides)
    return complete(build_client(settings), settings, MESSAGES, cache=cache, log=log)


# 1. A stream the service did not finish is a broken answer: never accepted, never cached, retried.

@pytest.mark.parametrize("broken", [unfinished(BODY), unfinished(BODY, done=True), answer(BODY, done=False),
                                    truncated(BODY, after=0), truncated(BODY, after=3)],
                         ids=["no-finish-no-done", "no-finish", "no-done", "cut-before-first-token", "cut"])
def test_an_unfinished_stream_is_retried_and_never_cached(fake_llm, tmp_path, broken):
    cache = Cache(tmp_path)
    fake_llm.script(broken, answer(BODY))
    result = call(fake_llm, cache=cache)
    assert result.text == BODY and result.usage.calls == 2
    fake_llm.script(broken, broken)
    assert call(fake_llm, cache=cache).cached  # the complete answer was cached, not the broken one
    assert len(fake_llm.requests) == 2


@pytest.mark.parametrize("broken", [unfinished(BODY), answer(BODY, done=False), truncated(BODY, after=0)])
def test_an_answer_cut_every_time_is_reported_as_cut_not_empty(fake_llm, tmp_path, broken):
    cache = Cache(tmp_path)
    fake_llm.script(broken, broken)
    with pytest.raises(LLMError) as err:
        call(fake_llm, cache=cache)
    assert err.value.cause == "incomplete"
    assert "中断" in err.value.message and "空回答" not in err.value.message and "未缓存" in err.value.message
    assert len(fake_llm.requests) == 2
    assert list(tmp_path.rglob("*.json")) == []


def test_the_draft_command_exits_3_on_a_cut_answer(fake_llm):
    fake_llm.always(unfinished("（一）存在的主要问题\n1."), 6)
    result = run_cli("draft", str(EXAMPLE_FIGURES), "--section", "problems", "-m", "fake-model", "--base-url",
                     fake_llm.url, env={"OPENAI_API_KEY": FAKE_KEY})
    assert result.returncode == 3, result.stderr
    assert "中断" in result.stderr and "空回答" not in result.stderr and "第五部分" in result.stderr
    assert "Traceback" not in result.stderr


# 6. Context overflow while streaming names the context length.

def test_an_empty_stream_is_asked_again_unstreamed_and_names_the_context_length(fake_llm):
    fake_llm.script(empty_stream(), CONTEXT_ERROR)
    with pytest.raises(LLMError) as err:
        call(fake_llm)
    assert err.value.cause == "bad_request"
    assert "上下文长度" in err.value.message and "8192" in err.value.message and "空回答" not in err.value.message
    assert [r.stream for r in fake_llm.requests] == [True, False]


def test_an_error_event_in_the_stream_names_the_context_length(fake_llm):
    fake_llm.script(stream_error("This model's maximum context length is 4096 tokens. However, you requested "
                                 "5000 tokens."))
    with pytest.raises(LLMError) as err:
        call(fake_llm)
    assert err.value.cause == "bad_request" and "4096" in err.value.message and "上下文长度" in err.value.message
    assert len(fake_llm.requests) == 1  # not retried: the same input will not fit next time either


def test_a_default_max_tokens_bounds_every_request(fake_llm):
    fake_llm.script(answer(BODY))
    call(fake_llm)
    assert fake_llm.requests[0].body["max_tokens"] == 4096
    fake_llm.script(answer(BODY))
    call(fake_llm, max_tokens=1000)
    assert fake_llm.requests[1].body["max_tokens"] == 1000


def test_the_default_max_tokens_is_dropped_when_it_does_not_fit_the_context(fake_llm):
    fake_llm.script(status(400, {"error": {"message": "This model's maximum context length is 4096 tokens. However, "
                                                      "you requested 5200 tokens (1104 in the messages, 4096 in the "
                                                      "completion)."}}), answer(BODY))
    assert call(fake_llm).text == BODY
    assert "max_tokens" not in fake_llm.requests[1].body


# 7. No usage in the stream: unknown, not 0.

def test_no_usage_is_unknown_and_logged_as_null(fake_llm, tmp_path):
    log = CallLog(tmp_path / "logs.db")
    fake_llm.script(answer(BODY, usage=False))
    result = call(fake_llm, log=log)
    assert not result.usage.known and result.usage.unreported == 1
    row = log.latest(1)[0]
    assert row["prompt_tokens"] is None and row["completion_tokens"] is None and row["outcome"] == "ok"
    fake_llm.script(answer(BODY))
    call(fake_llm, log=log)
    assert log.latest(1)[0]["prompt_tokens"] == 11


def test_an_old_log_with_not_null_tokens_takes_null(tmp_path):
    import sqlite3

    path = tmp_path / "logs.db"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, model TEXT NOT NULL,"
                    " provider TEXT, host TEXT, prompt_tokens INTEGER NOT NULL DEFAULT 0, completion_tokens INTEGER "
                    "NOT NULL DEFAULT 0, latency_ms INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL, cached INTEGER "
                    "NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 1)")
        old.execute("INSERT INTO calls (time, model, outcome, prompt_tokens) VALUES ('2026-01-01T00:00:00+00:00', "
                    "'m', 'ok', 5)")
    old.close()
    log = CallLog(path)
    log.record(model="m", outcome="ok", prompt_tokens=None, completion_tokens=None)
    rows = log.latest(5)
    assert [r["prompt_tokens"] for r in rows] == [None, 5]


def test_draft_and_logs_say_the_service_reported_no_usage(fake_llm):
    good = ("2021年，临清市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。"
            "我局坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。\n"
            "（一）主动公开\n我局通过门户网站政府信息公开专栏主动公开政府信息133条，内容涵盖机构职能、政策文件、"
            "科技项目、人事信息等方面，方便群众及时了解科技工作动态。\n"
            "（二）依申请公开\n2021年，我局未收到政府信息公开申请，未发生因政府信息公开引起的行政复议和行政诉讼。\n"
            "（三）政府信息管理\n我局落实信息发布前审核制度，严格执行保密审查程序，确保发布内容准确规范。\n"
            "（四）政府信息公开平台建设\n我局依托本级政府门户网站信息公开专栏发布信息，及时更新栏目内容。\n"
            "（五）监督保障\n我局将政府信息公开工作纳入年度工作安排，明确专人负责。本年度未发生政府信息公开工作"
            "责任追究情况。")
    fake_llm.script(answer(good, usage=False))
    env = {"OPENAI_API_KEY": FAKE_KEY}
    result = run_cli("draft", str(EXAMPLE_FIGURES), "--section", "overview", "-m", "fake-model", "--base-url",
                     fake_llm.url, "--format", "json", "--max-repairs", "0", env=env)
    assert result.returncode in (0, 1), result.stderr
    assert "服务未报告用量" in result.stderr and "输入 0 tokens" not in result.stderr
    doc = json.loads(result.stdout)
    assert doc["usage"]["calls"] == 1 and doc["usage"]["prompt_tokens"] is None
    logs = run_cli("logs", env=env)
    assert "未报告" in logs.stdout and logs.returncode == 0
    as_json = json.loads(run_cli("logs", "--format", "json", env=env).stdout)
    assert as_json["calls"][0]["prompt_tokens"] is None


# 9. A plain web server is not an OpenAI-compatible service.

@pytest.mark.parametrize("code", [501, 404, 405])
def test_a_plain_web_server_is_named_without_retries_or_html(fake_llm, code):
    fake_llm.script(html(code), html(code), html(code))
    with pytest.raises(LLMError) as err:
        call(fake_llm, max_retries=2)
    assert err.value.cause == "not_api" and "不是 OpenAI 兼容" in err.value.message
    assert "<" not in err.value.message and "Error response" not in err.value.message
    assert len(fake_llm.requests) == 1


def test_a_gateways_html_error_page_is_not_pasted_into_the_message(fake_llm):
    fake_llm.script(html(502), html(502))
    with pytest.raises(LLMError) as err:
        call(fake_llm)
    assert err.value.cause == "server" and "<" not in err.value.message and "html" not in err.value.message.lower()


# 13. Keys that cannot be sent, and a proxy that wants a password.

@pytest.mark.parametrize(("key", "what"), [("sk-abc\uff11def0123456789", "全角字符"), ("sk-abc\ndef0123456789", "换行"),
                                           ("sk-中文0123456789", "非 ASCII")])
def test_a_key_that_cannot_be_sent_is_a_bad_key_and_no_request_is_made(fake_llm, key, what):
    settings = settings_for(fake_llm, api_key=key)
    with pytest.raises(LLMError) as err:
        build_client(settings)
    assert err.value.cause == "bad_key" and what in err.value.message and "未向服务发送" in err.value.message
    assert key not in err.value.message
    assert fake_llm.requests == []


def test_the_cli_reports_a_full_width_key(fake_llm):
    result = run_cli("draft", str(EXAMPLE_FIGURES), "-m", "deepseek", env={"DEEPSEEK_API_KEY": "sk-１２３４５６７８９"})
    assert result.returncode == 3 and "全角字符" in result.stderr and "Traceback" not in result.stderr
    assert "１２３４５６７８９" not in result.stderr


def test_a_proxys_407_is_a_proxy_authentication_problem(fake_llm, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", f"http://clerk:Pr0xyPass@127.0.0.1:{fake_llm.url.split(':')[2].split('/')[0]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    fake_llm.script(html(407, "<html><body>Proxy Authentication Required for clerk:Pr0xyPass</body></html>",
                         {"Proxy-Authenticate": 'Basic realm="office"'}))
    settings = resolve_settings(model="m", base_url="http://llm.example.com/v1", api_key=FAKE_KEY, env={
        "HTTP_PROXY": f"http://clerk:Pr0xyPass@{fake_llm.url.split('//')[1].split('/')[0]}"})
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.cause == "connection" and "代理" in err.value.message and "407" in err.value.message
    assert "temperature" not in err.value.message and "Pr0xyPass" not in err.value.message
    assert fake_llm.requests[0].path.startswith("http://llm.example.com/")  # it did go through the proxy
    assert len(fake_llm.requests) == 1


def test_a_proxys_407_to_connect_is_a_proxy_authentication_problem(fake_llm):
    fake_llm.connect_status = 407
    hostport = fake_llm.url.split("//")[1].split("/")[0]
    settings = resolve_settings(model="m", base_url="https://llm.example.com/v1", api_key=FAKE_KEY,
                                env={"DRAFTER_PROXY": f"http://clerk:Pr0xyPass@{hostport}"})
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.cause == "connection" and "代理服务器要求身份验证" in err.value.message
    assert "Pr0xyPass" not in str(err.value) and "temperature" not in err.value.message
    assert fake_llm.connects == ["llm.example.com:443"]  # asked once: a password will not appear by itself


# 2. Credentials never printed; a query string in the base URL works.

def test_a_proxy_page_echoing_the_credentials_is_redacted(fake_llm, monkeypatch):
    hostport = fake_llm.url.split("//")[1].split("/")[0]
    proxy = f"http://clerk:Pr0xyPass@{hostport}"
    token = base64.b64encode(b"clerk:Pr0xyPass").decode()
    monkeypatch.setenv("HTTP_PROXY", proxy)
    fake_llm.always(status(502, {"error": {"message": f"upstream failed via {proxy} (Basic {token}) as Pr0xyPass"}}),
                    3)
    settings = resolve_settings(model="m", base_url="http://llm.example.com/v1", api_key=FAKE_KEY,
                                env={"HTTP_PROXY": proxy})
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    text = str(err.value)
    assert "upstream failed" in text  # the server's words are shown, its echo of the credentials is not
    assert "Pr0xyPass" not in text and token not in text and "clerk:" not in text


def test_the_base_urls_password_and_query_are_never_shown(fake_llm):
    hostport = fake_llm.url.split("//")[1].split("/")[0]
    url = f"http://svc:S3cretPw@{hostport}/v1?key=Q-T0ken-777&api-version=2024"
    fake_llm.script(status(500, {"error": {"message": f"bad gateway for {url} key=Q-T0ken-777"}}),
                    status(500), status(500))
    result = run_cli("draft", str(EXAMPLE_FIGURES), "--section", "overview", "-m", "fake-model", "--base-url", url,
                     env={"OPENAI_API_KEY": FAKE_KEY, "DRAFTER_TIMEOUT": "5"})
    assert result.returncode == 3
    shown = result.stdout + result.stderr
    assert "S3cretPw" not in shown and "Q-T0ken-777" not in shown and FAKE_KEY not in shown
    assert f"http://{hostport}/v1" in shown  # scheme://host:port/path is still named
    config = run_cli("config", "show", env={"DRAFTER_HOME": str(_home_with(f'base_url = "{url}"\n'))})
    assert "S3cretPw" not in config.stdout and "Q-T0ken-777" not in config.stdout


def _home_with(text: str):
    import tempfile
    from pathlib import Path

    home = Path(tempfile.mkdtemp(prefix="drafter-home-"))
    (home / "config.toml").write_text(text, encoding="utf-8")
    return home


def test_a_query_in_the_base_url_goes_with_every_request(fake_llm):
    fake_llm.script(answer(BODY))
    settings = settings_for(fake_llm, base_url=fake_llm.url + "?api-version=2024-06&key=abc123")
    assert complete(build_client(settings), settings, MESSAGES).text == BODY
    path = fake_llm.requests[0].path
    assert path.startswith("/v1/chat/completions?") and "api-version=2024-06" in path and "key=abc123" in path


# 5. The answer cache is keyed on the whole endpoint.

def test_the_cache_tells_two_servers_on_one_host_apart(tmp_path):
    from fakeserver import FakeLLMServer

    one, two = FakeLLMServer().start(), FakeLLMServer().start()
    try:
        cache = Cache(tmp_path)
        one.script(answer("第一台服务的回答。"))
        two.script(answer("第二台服务的回答。"))
        assert call(one, cache=cache).text == "第一台服务的回答。"
        assert call(two, cache=cache).text == "第二台服务的回答。"  # same host, same model: another port
        assert call(one, cache=cache).cached
    finally:
        one.close()
        two.close()


def test_the_endpoint_has_scheme_host_port_and_path():
    a = LLMSettings(model="m", base_url="http://127.0.0.1:8000/v1")
    assert a.endpoint == "http://127.0.0.1:8000/v1"
    assert LLMSettings(model="m", base_url="https://h.example/v1/").endpoint == "https://h.example:443/v1"
    assert LLMSettings(model="m", base_url="http://127.0.0.1:8000/other/v1").endpoint != a.endpoint
    assert LLMSettings(model="m", base_url="http://u:p@h.example:81/v1?k=v").shown_url == "http://h.example:81/v1"
