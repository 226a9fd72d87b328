"""One chat completion: cache, request (streamed or plain), reasoning dropped, retries with backoff, log.

``complete`` is safe to call from several threads at once with one shared client.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from drafter.errors import LLMError
from drafter.llm.answer import ThinkFilter, strip_reasoning
from drafter.llm.failures import (
    Cause,
    Failure,
    classify,
    classify_body,
    served_models,
    to_error,
    transport_kind,
)
from drafter.llm.providers import Quirk
from drafter.llm.settings import LLMSettings

if TYPE_CHECKING:
    from drafter.llm.cache import Cache
    from drafter.llm.calllog import CallLog

_OPTIONAL = ("stream_options", "temperature", "max_tokens")
# A bound on any one answer unless the config file sets max_tokens: a model that loops stops here, with a clear
# “truncated” message, instead of filling its context. A part of a report is well under 3,000 tokens.
DEFAULT_MAX_TOKENS = 4096
_MODERATION_FINISH = {"content_filter", "sensitive", "violation"}
_RETRY_WORDS = {Cause.RATE_LIMIT: "被限流", Cause.SERVER: "服务端出错", Cause.TIMEOUT: "等待超时",
                Cause.CONNECTION: "连接出错", Cause.GARBAGE: "应答无法解析", Cause.INCOMPLETE: "服务中断了回答"}


@dataclass
class Usage:
    """Tokens spent; add two to sum them up over several calls."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    cached_calls: int = 0
    unreported: int = 0  # calls whose service reported no usage (their tokens are unknown, not 0)

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens,
                     self.calls + other.calls, self.cached_calls + other.cached_calls,
                     self.unreported + other.unreported)

    @property
    def known(self) -> bool:
        """Whether the tokens are known: not every call made went without a usage report."""
        return not (self.unreported and not self.prompt_tokens and not self.completion_tokens)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class Completion:
    """A model's answer: reasoning removed, otherwise as sent (see ``clean_answer`` for fences and chatter)."""

    text: str
    usage: Usage
    model: str
    finish_reason: str | None
    cached: bool = False


class _CallbackFailed(Exception):
    """An exception raised by the caller's ``on_token``: passed through, never taken for a bad reply."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(str(original))
        self.original = original


def _guard(callback: Callable[[str], None] | None) -> Callable[[str], None] | None:
    if callback is None:
        return None

    def call(text: str) -> None:
        try:
            callback(text)
        except Exception as exc:
            raise _CallbackFailed(exc) from exc

    return call


class _Failed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.cause.value)
        self.failure = failure


def request_params(settings: LLMSettings) -> dict[str, Any]:
    """The sampling parameters sent with every request (and part of the cache key)."""
    params: dict[str, Any] = {}
    if settings.temperature is not None and not settings.has(Quirk.NO_TEMPERATURE):
        params["temperature"] = settings.temperature
    params["max_tokens"] = settings.max_tokens or DEFAULT_MAX_TOKENS
    if settings.extra_body:
        params["extra_body"] = dict(settings.extra_body)
    return params


def complete(client: Any, settings: LLMSettings, messages: list[dict[str, Any]], *,
             on_token: Callable[[str], None] | None = None, cache: Cache | None = None, log: CallLog | None = None,
             stream: bool = True, on_retry: Callable[[str], None] | None = None,
             read_cache: bool = True) -> Completion:
    """Ask the model once (retrying transient failures); raise ``LLMError`` naming the cause and the fix.

    ``on_token`` receives answer text as it arrives (never reasoning); ``on_retry`` a Chinese note before each
    retry, so that a display can start over. A cache hit makes no request and passes the whole text to ``on_token``.
    Only a complete answer is cached (``finish_reason`` given and, when streamed, ``[DONE]`` received);
    ``read_cache=False`` asks again but still stores the answer.
    """
    model = settings.model or ""
    params = request_params(settings)
    key = cache.key_for(model, messages, {**params, "endpoint": settings.endpoint}) if cache is not None else None
    started = time.monotonic()
    if cache is not None and key is not None and read_cache:
        hit = cache.get(key)
        if hit is not None:
            if on_token is not None:
                on_token(hit)
            _record(log, settings, Usage(cached_calls=1), started, "ok", cached=True, attempts=0)
            return Completion(hit, Usage(cached_calls=1), model, "stop", cached=True)

    attempts = 0
    on_token = _guard(on_token)
    request = _request(settings, messages, params, stream)
    while True:
        attempts += 1
        try:
            result = _attempt(client, request, settings, on_token=on_token)
            break
        except _Failed as failed:
            failure = failed.failure
        except _CallbackFailed as failed:
            raise failed.original from None
        except LLMError:
            raise
        except Exception as exc:  # the openai client's errors, or a reply it could not parse
            failure = classify(exc)
        if (rejected := _rejected_option(failure, request)) is not None:
            del request[rejected]  # a server that refuses an optional parameter gets the request without it
            attempts -= 1
            continue
        if (failure.code == "context" and settings.max_tokens is None and "max_tokens" in request
                and re.search(r"completion|max_tokens|max_new_tokens", failure.detail, re.I)):
            # The default bound counts against the context on some servers (vLLM): ask without it before giving up.
            del request["max_tokens"]
            attempts -= 1
            continue
        if failure.code == "empty_stream" and request.get("stream"):
            # Servers that fail before the first token (the input is over the context length) often just close an
            # empty stream; the same request unstreamed brings back the server's own error.
            request.pop("stream", None)
            request.pop("stream_options", None)
            attempts -= 1
            continue
        if failure.cause is Cause.NOT_FOUND:
            failure.served = served_models(client)
        if not failure.retryable or attempts > settings.max_retries:
            _record(log, settings, Usage(calls=attempts), started, failure.cause.value, attempts=attempts)
            raise to_error(failure, settings, attempts=attempts)
        wait = _backoff(settings, attempts, failure.retry_after)
        if on_retry is not None:
            on_retry(f"{_RETRY_WORDS.get(failure.cause, '出错')}，{wait:.1f} 秒后第 {attempts} 次重试……")
        time.sleep(wait)

    result.usage.calls = attempts
    if cache is not None and key is not None:
        cache.put(key, result.text)
    _record(log, settings, result.usage, started, "ok", attempts=attempts)
    return result


def _backoff(settings: LLMSettings, attempt: int, retry_after: float | None) -> float:
    if retry_after is not None:
        return min(retry_after, settings.retry_max_delay)
    wait = settings.retry_base_delay * (2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
    return min(wait, settings.retry_max_delay)


def _request(settings: LLMSettings, messages: list[dict[str, Any]], params: dict[str, Any],
             stream: bool) -> dict[str, Any]:
    request: dict[str, Any] = {"model": settings.model, "messages": messages, **params}
    if stream:
        request["stream"] = True
        if not settings.has(Quirk.NO_STREAM_OPTIONS):
            request["stream_options"] = {"include_usage": True}
    return request


def _rejected_option(failure: Failure, request: dict[str, Any]) -> str | None:
    """The optional parameter a 400/422 names (``stream_options``, ``temperature``, ``max_tokens``), if it was sent."""
    if failure.cause is not Cause.BAD_REQUEST or failure.status not in (400, 422):
        return None
    detail = failure.detail.lower()
    return next((name for name in _OPTIONAL if name in request and name in detail), None)


def _attempt(client: Any, request: dict[str, Any], settings: LLMSettings, *,
             on_token: Callable[[str], None] | None) -> Completion:
    stream = bool(request.get("stream"))
    raw = client.chat.completions.with_raw_response.create(**request)
    content_type = raw.headers.get("content-type", "")
    if stream and "event-stream" in content_type:
        text, finish, usage, model = _read_stream(raw.http_response, on_token)
    else:  # a plain answer, also from servers that ignore ``stream``
        text, finish, usage, model = _read_plain(raw.http_response.read())
        if on_token is not None:
            visible = strip_reasoning(text)
            if visible and finish not in _MODERATION_FINISH and finish != "length":
                on_token(visible)
    answer = strip_reasoning(text)
    if finish in _MODERATION_FINISH:
        raise _Failed(Failure(Cause.MODERATION, detail=f"finish_reason={finish}", code=finish, partial=answer))
    if finish == "length":
        raise _Failed(Failure(Cause.TRUNCATED, partial=answer))
    if not answer:
        raise _Failed(Failure(Cause.EMPTY))
    return Completion(answer, usage, model or settings.model or "", finish)


def _events(response: Any) -> Iterator[str]:
    """The ``data`` payloads of an event stream, as they arrive (``[DONE]`` included)."""
    data: list[str] = []
    for line in response.iter_lines():
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    if data:
        yield "\n".join(data)


def _read_stream(response: Any, on_token: Callable[[str], None] | None) -> tuple[str, str | None, Usage, str]:
    """Read a streamed answer; an answer the service did not finish (no ``finish_reason``, no ``[DONE]``, a cut
    connection) is a failure, never an answer."""
    pieces: list[str] = []
    finish: str | None = None
    usage: Usage | None = None
    model = ""
    visible = ThinkFilter()
    done = False
    events = 0
    try:
        for payload in _events(response):
            if payload.strip() == "[DONE]":
                done = True
                break
            events += 1
            chunk = json.loads(payload)
            if not isinstance(chunk, dict):
                raise ValueError("event is not an object")
            if chunk.get("error") and not chunk.get("choices"):  # an error event inside the stream
                error = chunk["error"]
                message = str(error.get("message", "") if isinstance(error, dict) else error)
                raise _Failed(classify_body(None, chunk, message) or Failure(Cause.SERVER, detail=message))
            model = chunk.get("model") or model
            if chunk.get("usage"):
                usage = _usage_of(chunk["usage"])
            for choice in chunk.get("choices") or ():
                finish = choice.get("finish_reason") or finish
                content = (choice.get("delta") or {}).get("content")
                if not content or not isinstance(content, str):
                    continue  # reasoning_content / reasoning deltas are dropped
                pieces.append(content)
                shown = visible.feed(content)
                if shown and on_token is not None:
                    on_token(shown)
    except Exception as exc:
        kind = transport_kind(exc)
        if kind is None:
            raise
        partial = strip_reasoning("".join(pieces)) or None
        if kind == "timeout":
            raise _Failed(Failure(Cause.TIMEOUT, partial=partial)) from None
        raise _Failed(Failure(Cause.INCOMPLETE, code="cut", partial=partial,
                              detail="连接在回答途中被切断" if pieces else "连接在第一个字之前被切断")) from None
    finally:
        response.close()
    text = "".join(pieces)
    if not done or finish is None:
        if not events and not text:
            raise _Failed(Failure(Cause.INCOMPLETE, code="empty_stream", detail="应答流在第一个字之前就结束了"))
        detail = "应答流结束时没有给出结束原因（finish_reason）" if finish is None else "应答流没有以 [DONE] 结束"
        if not text.strip():
            detail = "应答流在第一个字之前就结束了"
        raise _Failed(Failure(Cause.INCOMPLETE, code="no_finish" if finish is None else "no_done", detail=detail,
                              partial=strip_reasoning(text) or None))
    rest = visible.flush()
    if rest and on_token is not None:
        on_token(rest)
    return text, finish, usage if usage is not None else Usage(unreported=1), model


def _read_plain(body: bytes) -> tuple[str, str | None, Usage, str]:
    if body.lstrip().startswith(b"data:"):  # an event stream sent without its content type
        return _read_sse_body(body)
    data = json.loads(body)
    if isinstance(data, dict) and data.get("error") and not data.get("choices"):  # an error sent with status 200
        message = str(data["error"].get("message", "") if isinstance(data["error"], dict) else data["error"])
        raise _Failed(classify_body(None, data, message) or Failure(Cause.SERVER, detail=message))
    choice = data["choices"][0]
    reply = choice.get("message") or {}
    content = reply.get("content") or ""
    if not isinstance(content, str):  # a list of content parts
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content, choice.get("finish_reason"), _usage_of(data.get("usage")), data.get("model") or ""


def _read_sse_body(body: bytes) -> tuple[str, str | None, Usage, str]:
    pieces: list[str] = []
    finish: str | None = None
    usage: Usage | None = None
    model = ""
    for line in body.decode("utf-8").splitlines():
        payload = line.removeprefix("data:").strip() if line.startswith("data:") else ""
        if not payload or payload == "[DONE]":
            continue
        chunk = json.loads(payload)
        model = chunk.get("model") or model
        usage = _usage_of(chunk["usage"]) if chunk.get("usage") else usage
        for choice in chunk.get("choices") or ():
            finish = choice.get("finish_reason") or finish
            pieces.append((choice.get("delta") or {}).get("content") or "")
    return "".join(pieces), finish, usage if usage is not None else Usage(unreported=1), model


def _usage_of(raw: Any) -> Usage:
    if raw is None:
        return Usage(unreported=1)
    get = raw.get if isinstance(raw, dict) else (lambda name, default=None: getattr(raw, name, default))
    return Usage(prompt_tokens=int(get("prompt_tokens", 0) or 0), completion_tokens=int(get("completion_tokens", 0)
                                                                                          or 0))


def _record(log: CallLog | None, settings: LLMSettings, usage: Usage, started: float, outcome: str, *,
            attempts: int, cached: bool = False) -> None:
    if log is None:
        return
    known = usage.known
    log.record(model=settings.model or "", provider=settings.provider, host=settings.host,
               prompt_tokens=usage.prompt_tokens if known else None,
               completion_tokens=usage.completion_tokens if known else None,
               latency=time.monotonic() - started, outcome=outcome, cached=cached, attempts=attempts)
