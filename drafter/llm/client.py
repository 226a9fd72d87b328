"""The one place where the openai client is built: base URL, key, timeout, custom CA and proxy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.errors import InputError
from drafter.llm.failures import bad_key_error, no_key_error
from drafter.llm.settings import LLMSettings, split_query

if TYPE_CHECKING:
    import openai

_LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
_PLACEHOLDER_KEY = "not-needed"  # local servers want some bearer token, any will do


def build_client(settings: LLMSettings) -> openai.OpenAI:
    """An ``openai.OpenAI`` for these settings; the SDK's own retries are off (``complete`` retries itself).

    Proxies (``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``) and ``SSL_CERT_FILE``/``SSL_CERT_DIR`` are honoured by the
    HTTP library; ``settings.ca_bundle`` (``REQUESTS_CA_BUNDLE``) and ``settings.proxy`` are applied here. A server
    on this machine is always reached directly, never through a proxy.
    """
    if settings.needs_key and not settings.api_key:
        raise no_key_error(settings)
    if settings.api_key and (problem := key_problem(settings.api_key)):
        raise bad_key_error(settings, problem)
    import openai

    timeout = openai.Timeout(settings.timeout, connect=min(10.0, settings.timeout))
    http_client = None
    loopback = settings.host in _LOOPBACK
    if settings.ca_bundle or settings.proxy or loopback:
        options: dict[str, Any] = {"timeout": timeout, "trust_env": not loopback}
        if settings.ca_bundle:
            options["verify"] = _ssl_context(settings.ca_bundle)
        if settings.proxy and not loopback:
            options["proxy"] = settings.proxy
        http_client = openai.DefaultHttpxClient(**options)
    # A query in the base URL (``…/v1?api-version=…``, a gateway's token) goes with every request, not into the path.
    base_url, query = split_query(settings.base_url or "")
    return openai.OpenAI(api_key=settings.api_key or _PLACEHOLDER_KEY, base_url=base_url, timeout=timeout,
                         max_retries=0, http_client=http_client, default_query=query or None)


def key_problem(key: str) -> str | None:
    """What makes ``key`` unusable in an HTTP header (in Chinese, naming the position, never the key), or None."""
    for at, char in enumerate(key, 1):
        if char in "\r\n":
            return f"第 {at} 个字符是换行"
        if char.isspace():
            return f"第 {at} 个字符是空白"
        if ord(char) > 126 or ord(char) < 33:
            kind = "全角字符" if 0xFF01 <= ord(char) <= 0xFF5E or char == "\u3000" else "非 ASCII 字符"
            return f"第 {at} 个字符是{kind}"
    return None


def _ssl_context(ca_bundle: str) -> Any:
    import ssl
    from pathlib import Path

    path = Path(ca_bundle).expanduser()
    try:
        if path.is_dir():
            return ssl.create_default_context(capath=str(path))
        return ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise InputError(f"无法读取 CA 证书文件：{getattr(exc, 'strerror', None) or exc}", path=path,
                         hint="REQUESTS_CA_BUNDLE / DRAFTER_CA_BUNDLE / 配置文件 ca_bundle 应指向 PEM 格式的证书文件"
                         ) from None
