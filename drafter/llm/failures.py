"""What went wrong with an LLM call: classify the openai client's exceptions, decide whether to retry, and say
it in Chinese with the fix. Nothing a server sends back is shown before the API key is redacted from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from drafter.errors import LLMError
from drafter.llm.providers import find_preset
from drafter.llm.settings import LLMSettings, service_label


class Cause(StrEnum):
    """Stable cause codes carried by :class:`drafter.errors.LLMError`."""

    NO_KEY = "no_key"
    AUTH = "auth"
    BALANCE = "balance"
    RATE_LIMIT = "rate_limit"
    MODERATION = "moderation"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    TRUNCATED = "truncated"
    EMPTY = "empty"
    GARBAGE = "garbage"
    SERVER = "server"
    NOT_FOUND = "not_found"
    BAD_REQUEST = "bad_request"
    INCOMPLETE = "incomplete"  # the service ended the answer before it was finished (no finish_reason / [DONE])
    NOT_API = "not_api"  # the address answers, but it is a web server, not an OpenAI-compatible service
    BAD_KEY = "bad_key"  # the key cannot be sent at all (full-width characters, a line break)


RETRYABLE = frozenset({Cause.RATE_LIMIT, Cause.SERVER, Cause.TIMEOUT, Cause.CONNECTION, Cause.GARBAGE,
                       Cause.INCOMPLETE})

# Words that providers use for an empty wallet; they arrive as 402, 403, 429 or 400.
_BALANCE = re.compile(r"insufficient.?balance|insufficient_quota|exceeded_current_quota|arrearage|billing|"
                      r"suspended|余额|欠费|充值|overdue|quota.?exceeded|exceeded your current quota", re.I)
_BALANCE_CODES = {"1113", "arrearage", "insufficient_quota", "exceeded_current_quota_error"}
_MODERATION = re.compile(r"data_inspection_failed|content_filter|content.?management|high.?risk|inappropriate|"
                         r"sensitive|敏感|不安全|违规|审核", re.I)
_MODERATION_CODES = {"1301", "data_inspection_failed", "content_filter", "datainspectionfailed"}
_AUTH_CODES = {"invalid_api_key", "invalidapikey", "1000", "1001", "1002", "1003", "1004"}
_CONTEXT = re.compile(r"context.?length|context.?window|context.?size|maximum context|n_ctx|too many tokens|"
                      r"input is too long|prompt is too long|上下文|长度超过|超出.*长度", re.I)
_CONTEXT_SIZE = re.compile(r"(?:context (?:length|window|size)(?: is| of)?|n_ctx\D{0,4}|上下文长度\D{0,4})\s*(\d{3,7})",
                           re.I)
_HTML = re.compile(r"^\s*(?:<!doctype|<html|<head|<body|<\?xml|<h1|<title)", re.I)
_USERINFO = re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^/\s@]+@", re.I)
_KEYLIKE = re.compile(r"\b(?:sk|ak|pk|key)[-_][A-Za-z0-9*._\-]{5,}[A-Za-z0-9*]", re.I)


def redact(text: str, secret: str | None, others: tuple[str, ...] = ()) -> str:
    """``text`` with anything key-shaped, the key itself and any 8-character piece of it replaced by ``***``;
    also the ``others`` (URL passwords, query values, proxy credentials) and any ``user:password@`` in a URL."""
    text = _KEYLIKE.sub("***", text)
    text = _USERINFO.sub(r"\1***@", text)
    if secret and len(secret) >= 8:  # a placeholder such as “ollama” is no secret
        pieces = {secret[i:i + 8] for i in range(max(0, len(secret) - 7))}
        for piece in [secret, *sorted(pieces, key=len, reverse=True)]:
            text = text.replace(piece, "***")
    for other in sorted((o for o in others if o and len(o) >= 3 and o != secret), key=len, reverse=True):
        text = text.replace(other, "***")
    return text


@dataclass
class Failure:
    """One failed attempt, classified."""

    cause: Cause
    status: int | None = None
    detail: str = ""  # the server's own words (redacted later), or the network error
    code: str | None = None
    retry_after: float | None = None
    partial: str | None = None  # answer text received before the failure
    served: list[str] | None = None  # the models the server says it serves (for “model not found”)

    @property
    def retryable(self) -> bool:
        # A refused connection, a bad certificate or a proxy's demand for a password will not mend in a second.
        return self.cause in RETRYABLE and not (
            self.cause is Cause.CONNECTION and self.code in ("connect", "ssl", "proxy_auth"))


def classify(exc: BaseException) -> Failure:
    """The failure an exception from the openai client stands for."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        return _classify_status(exc)
    if isinstance(exc, openai.APITimeoutError):
        return Failure(Cause.TIMEOUT)
    if isinstance(exc, openai.APIConnectionError):
        return _classify_connection(exc)
    if isinstance(exc, openai.APIError):  # an error event inside a stream
        return classify_body(None, exc.body, exc.message) or Failure(Cause.SERVER, detail=exc.message)
    if isinstance(exc, ValueError | TypeError | KeyError | AttributeError | IndexError):
        return Failure(Cause.GARBAGE, detail=type(exc).__name__)
    kind = transport_kind(exc)
    if kind == "timeout":
        return Failure(Cause.TIMEOUT)
    if kind == "transport":
        return Failure(Cause.INCOMPLETE, code="cut", detail="连接在回答途中被切断")
    raise exc


def transport_kind(exc: BaseException) -> str | None:
    """``timeout`` or ``transport`` for the HTTP library's own errors (httpx, or the fork the openai client uses)."""
    names = {cls.__name__ for cls in type(exc).__mro__ if cls.__module__.split(".")[0].startswith("httpx")}
    if "TimeoutException" in names:
        return "timeout"
    if "TransportError" in names:
        return "transport"
    return None


def _is_html(exc: Any) -> bool:
    try:
        content_type = exc.response.headers.get("content-type", "")
        text = exc.response.text[:200]
    except Exception:
        return False
    return "html" in content_type.lower() or bool(_HTML.match(text))


def _classify_status(exc: Any) -> Failure:
    status = exc.status_code
    html = _is_html(exc)
    if status == 407:
        return Failure(Cause.CONNECTION, status=407, code="proxy_auth", detail="代理服务器要求身份验证")
    if html and status in (400, 404, 405, 501):  # a plain web server: no chat-completions route at this address
        return Failure(Cause.NOT_API, status=status)
    failure = classify_body(status, None if html else exc.body, "" if html else exc.message)
    if failure is None:
        if status == 401 or status == 403:
            failure = Failure(Cause.AUTH)
        elif status == 402:
            failure = Failure(Cause.BALANCE)
        elif status == 404:
            failure = Failure(Cause.NOT_FOUND)
        elif status == 429:
            failure = Failure(Cause.RATE_LIMIT)
        elif status >= 500:
            failure = Failure(Cause.SERVER)
        else:
            failure = Failure(Cause.BAD_REQUEST)
    failure.status = status
    failure.detail = failure.detail or ("" if html else _message_of(exc.body) or "")
    failure.retry_after = retry_after(exc.response.headers)
    return failure


def classify_body(status: int | None, body: Any, message: str) -> Failure | None:
    """Balance, moderation and auth recognised by what an error body says, whatever the status (None if neither)."""
    text = _message_of(body) or ""
    code = _code_of(body)
    words = f"{code or ''} {text}"
    if (code or "").lower() in _BALANCE_CODES or status == 402 or (
            status in (400, 403, 429) and _BALANCE.search(words)):
        return Failure(Cause.BALANCE, detail=text, code=code)
    if (code or "").lower() in _MODERATION_CODES or (status in (None, 400, 403, 451) and _MODERATION.search(words)):
        return Failure(Cause.MODERATION, detail=text, code=code)
    if (code or "").lower() in _AUTH_CODES or status == 401:
        return Failure(Cause.AUTH, detail=text, code=code)
    if _CONTEXT.search(words) and (status is None or 400 <= status < 600):
        return Failure(Cause.BAD_REQUEST, detail=text or message, code="context")
    return None


def _message_of(body: Any) -> str | None:
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            message = inner.get("message") or inner.get("msg")
            return str(message) if message else None
        return str(inner) if inner else None
    if isinstance(body, str):
        return None if _HTML.match(body) else body[:300] or None
    return None


def _code_of(body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    inner = body.get("error", body)
    if not isinstance(inner, dict):
        return None
    code = inner.get("code") or inner.get("type")
    return str(code) if code not in (None, "") else None


def _classify_connection(exc: BaseException) -> Failure:
    import ssl

    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 6:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = {type(e).__name__ for e in chain}
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain) or any(
            "CERTIFICATE_VERIFY_FAILED" in str(e) for e in chain):
        return Failure(Cause.CONNECTION, code="ssl", detail="TLS 证书校验失败")
    if "ConnectError" in names:
        reason = "连接被拒绝" if any("refused" in str(e).lower() for e in chain) else "无法建立连接"
        if any("name or service" in str(e).lower() or "getaddrinfo" in str(e).lower() or
               "nodename" in str(e).lower() for e in chain):
            reason = "域名无法解析"
        return Failure(Cause.CONNECTION, code="connect", detail=reason)
    if "ProxyError" in names:
        if any("407" in str(e) for e in chain):
            return Failure(Cause.CONNECTION, code="proxy_auth", status=407, detail="代理服务器要求身份验证")
        return Failure(Cause.CONNECTION, code="proxy", detail="代理服务器拒绝或无法连接")
    return Failure(Cause.CONNECTION, code="broken", detail="连接在传输回答时中断")


def retry_after(headers: Any) -> float | None:
    """Seconds the server asks us to wait (``retry-after-ms``, ``Retry-After`` seconds or HTTP date)."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import time
        from email.utils import parsedate_to_datetime

        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


# What the user reads, by cause (and by detail where one cause has several remedies). Placeholders: {where} the
# service's name, {url} its base URL, {tag} “（HTTP 402，错误码 …）”, {said} the server's own words, {tries}
# “，共尝试 3 次”, {offline} the offline hint, {names} key variables, {console} where keys and top-ups live.
_OFFLINE = "；也可以加 -m offline 改用离线引擎"
MESSAGES: dict[str, str] = {
    "no_key": "未设置 {where} 的 API key。请设置环境变量 {names}，或在 drafter 配置文件（config.toml）中写 api_key{offline}。",
    "auth_missing": "服务 {url} 要求 API key{tag}。请设置环境变量 {names}，或在 drafter 配置文件中写 api_key。",
    "auth": "{where} 拒绝了 API key{tag}。{said}请检查 key 是否正确、是否过期或被删除，以及它是否属于服务 {url}{console}。",
    "balance": "{where} 账户余额不足或已欠费{tag}。{said}请充值后重试{console}，或换用其他模型{offline}。",
    "rate_limit": "{where} 请求过于频繁，被限流{tag}{tries}。{said}请稍后再试，或减少并发（-j 1），或在服务商控制台提高限额。",
    "moderation": "{where} 的内容审核拦截了本次请求或回答{tag}。{said}请检查输入材料中是否有可能被误判的表述，改写后重试"
                  "{offline}。",
    "timeout": "等待 {url} 的回答超时（{timeout} 秒{tries}）。请检查网络和代理设置，或用环境变量 DRAFTER_TIMEOUT"
               "（或配置文件 timeout）加长等待时间。",
    "connection": "无法连接大模型服务 {url}：{detail}{tries}。请检查服务地址是否正确、服务是否已启动，以及网络和代理设置"
                  "（HTTPS_PROXY、NO_PROXY）{offline}。",
    "connection_ssl": "连接 {url} 时 TLS 证书校验失败{tries}。如单位网络使用自签名或内部证书，请把 CA 证书文件路径写入"
                      "环境变量 SSL_CERT_FILE 或 REQUESTS_CA_BUNDLE（或配置文件 ca_bundle）。",
    "connection_proxy": "经代理连接 {url} 失败{tries}。请检查 HTTPS_PROXY / ALL_PROXY 设置；访问内网服务可在 NO_PROXY 中排除。",
    "connection_broken": "与 {url} 的连接在传输回答时中断{tries}，回答不完整。请检查网络或代理后重试。",
    "connection_proxy_auth": "代理服务器要求身份验证（HTTP 407），未能经代理连接 {url}。请检查 HTTPS_PROXY / ALL_PROXY "
                             "（或 DRAFTER_PROXY、配置文件 proxy）中的用户名和密码，写法如 http://用户名:密码@代理:端口；"
                             "访问内网服务可在 NO_PROXY 中排除。",
    "incomplete": "{where} 在回答写完之前中断了应答（{detail}{tries}）：这不是完整的回答，未被采用，也未缓存。请稍后重试；"
                  "本机服务（如 llama.cpp）同时只能回答一个请求时，请用 --parallel 1；经网关或代理访问时，请检查其对"
                  "长时间流式应答的超时设置{offline}。",
    "not_api": "地址 {url} 上的服务不是 OpenAI 兼容的大模型接口{tag}：它返回的是网页，而不是 chat-completions 应答。"
               "请检查服务地址（--base-url、OPENAI_BASE_URL 或配置文件 base_url）是否指向大模型服务的接口，通常以 /v1 结尾。",
    "bad_key": "API key 无法使用：{detail}。这通常是复制时带上了全角字符、空格或换行；请重新复制 key（{names}）。"
               "未向服务发送任何请求。",
    "truncated": "模型的回答达到长度上限被截断（finish_reason=length）。请在配置文件中调大 max_tokens，或换用输出上限更高的"
                 "模型。",
    "empty": "模型 {model} 返回了空回答（或只有推理过程、没有正文）。请重试，或换用其他模型{offline}。",
    "garbage": "{url} 返回的内容不是有效的 chat-completions 应答{tries}。请确认服务地址指向 OpenAI 兼容接口（通常以 /v1 "
               "结尾），且中间没有网关返回错误页面。",
    "server": "{where} 服务端出错{tag}{tries}。{said}请稍后再试{offline}。",
    "not_found": "服务 {url} 上找不到模型 “{model}” 或接口路径{tag}。{said}{served}请检查模型名称（-m）和服务地址（通常以 /v1 结尾）。",
    "bad_request_context": "输入超过了模型 {model} 的上下文长度{context}{tag}。请换用上下文更长的模型（本机服务可调大上下文，"
                           "如 llama.cpp 的 --n_ctx），或精简上年报告等输入材料。",
    "bad_request": "{where} 拒绝了请求{tag}。{said}请检查模型名称，以及配置文件中的 temperature、max_tokens、extra_body 等参数。",
}


def to_error(failure: Failure, settings: LLMSettings, *, attempts: int) -> LLMError:
    """The LLMError the user sees: the cause and the fix, in Chinese, with no key in it."""
    preset = find_preset(settings.provider)
    secrets = settings.secrets
    said = redact(failure.detail.strip(), settings.api_key, secrets)[:200] if failure.detail else ""
    size = _CONTEXT_SIZE.search(failure.detail or "")
    tag = "，".join(x for x in (f"HTTP {failure.status}" if failure.status else "",
                                f"错误码 {failure.code}" if failure.code and failure.cause in (
                                    Cause.BALANCE, Cause.MODERATION) else "") if x)
    fields = {
        "where": service_label(settings),
        "url": settings.shown_url, "model": settings.model or "", "timeout": f"{settings.timeout:g}",
        "context": f"（{size.group(1)} tokens）" if size else "",
        "served": f"该服务提供的模型：{'、'.join(failure.served[:12])}。" if failure.served else "",
        "console": f"（{preset.console}）" if preset is not None and preset.console else "",
        "said": f"服务返回：“{said}”。" if said else "", "detail": failure.detail,
        "tries": f"，共尝试 {attempts} 次" if attempts > 1 else "", "tag": f"（{tag}）" if tag else "",
        "names": " 或 ".join(settings.key_env or ("OPENAI_API_KEY",)), "offline": _OFFLINE,
    }
    text = MESSAGES[_message_key(failure, settings)].format(**fields)
    return LLMError(redact(text, settings.api_key, secrets), cause=failure.cause.value, attempts=attempts,
                    last_reply=redact(failure.partial, settings.api_key, secrets) if failure.partial else None)


def served_models(client: Any, timeout: float = 5.0) -> list[str] | None:
    """The model names the server lists at ``/models`` (None when it lists none or cannot say)."""
    try:
        page = client.with_options(timeout=timeout, max_retries=0).models.list()
        names = [str(m.id) for m in getattr(page, "data", None) or () if getattr(m, "id", None)]
    except Exception:  # best effort: this only adds a hint to a message
        return None
    return names or None


def _message_key(failure: Failure, settings: LLMSettings) -> str:
    cause = failure.cause
    if cause is Cause.AUTH and not settings.api_key:
        return "auth_missing"
    if cause is Cause.CONNECTION and failure.code in ("ssl", "proxy", "broken", "proxy_auth"):
        return f"connection_{failure.code}"
    if cause in (Cause.BAD_REQUEST, Cause.SERVER) and (failure.code == "context" or _CONTEXT.search(failure.detail or "")):
        return "bad_request_context"
    return cause.value


def bad_key_error(settings: LLMSettings, detail: str) -> LLMError:
    """The error for a key that cannot be sent (what is wrong with it, never the key)."""
    return to_error(Failure(Cause.BAD_KEY, detail=detail), settings, attempts=0)


def no_key_error(settings: LLMSettings) -> LLMError:
    """The error for a model that needs a key when none was found."""
    return to_error(Failure(Cause.NO_KEY), settings, attempts=0)
