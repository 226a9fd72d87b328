"""Proxies and custom CAs as docs/llm.md promises them, with the fake server playing proxy or TLS endpoint."""

from __future__ import annotations

import pytest
from fakeserver import FAKE_KEY, FakeLLMServer, answer, closed_port_url, self_signed_tls

from drafter.errors import LLMError
from drafter.llm import build_client, complete
from drafter.llm.settings import LLMSettings, resolve_settings

pytest_plugins = ["conftest_llm"]

MESSAGES = [{"role": "user", "content": "写总体情况。"}]
REMOTE = "http://llm.drafter-test.invalid/v1"  # never resolved: only a proxy can reach it


def proxy_url(server: FakeLLMServer) -> str:
    return server.url.removesuffix("/v1")


def test_explicit_proxy(fake_llm):
    fake_llm.script(answer("经代理"))
    settings = LLMSettings(model="m", base_url=REMOTE, api_key=FAKE_KEY, proxy=proxy_url(fake_llm), timeout=2)
    assert complete(build_client(settings), settings, MESSAGES).text == "经代理"
    assert fake_llm.requests[0].path == REMOTE + "/chat/completions"  # absolute form: it came as a proxy request


def test_proxy_from_the_environment(fake_llm, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy_url(fake_llm))
    fake_llm.script(answer("经环境变量代理"))
    settings = LLMSettings(model="m", base_url=REMOTE, api_key=FAKE_KEY, timeout=2)
    assert complete(build_client(settings), settings, MESSAGES).text == "经环境变量代理"


def test_a_local_server_is_reached_directly(fake_llm, monkeypatch):
    dead_proxy = closed_port_url().removesuffix("/v1")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    fake_llm.script(answer("直连"))
    settings = LLMSettings(model="m", base_url=fake_llm.url, api_key=FAKE_KEY, timeout=2)
    assert complete(build_client(settings), settings, MESSAGES).text == "直连"


@pytest.fixture
def tls_server(tmp_path):
    pytest.importorskip("cryptography")
    context, cert = self_signed_tls(tmp_path)
    server = FakeLLMServer(tls=context).start()
    try:
        yield server, cert
    finally:
        server.close()


def test_unknown_ca_is_a_clear_error(tls_server):
    server, _ = tls_server
    settings = LLMSettings(model="m", base_url=server.url, api_key=FAKE_KEY, timeout=2)
    with pytest.raises(LLMError) as err:
        complete(build_client(settings), settings, MESSAGES)
    assert err.value.cause == "connection" and err.value.attempts == 1
    assert "证书" in err.value.message and "SSL_CERT_FILE" in err.value.message and server.url in err.value.message


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "DRAFTER_CA_BUNDLE"])
def test_custom_ca_from_the_environment(tls_server, variable):
    server, cert = tls_server
    server.script(answer("可信连接"))
    env = {variable: str(cert), "OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": FAKE_KEY}
    settings = resolve_settings(model="m", env=env)
    assert settings.ca_bundle == str(cert)
    assert complete(build_client(settings), settings, MESSAGES).text == "可信连接"
