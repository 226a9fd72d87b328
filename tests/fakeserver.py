"""A real local chat-completions server for tests: scriptable answers, provider-shaped errors, stalls, garbage.

Start it with the ``fake_llm`` fixture from ``tests/conftest_llm.py`` (``pytest_plugins = ["conftest_llm"]`` in a
test module), queue responses with ``fake_llm.script(answer("…"), status(429), …)``, point a client at ``fake_llm.url`` and
assert on ``fake_llm.requests``. Each request takes the next scripted response; when the script runs out, the
server answers 599 so that an unexpected extra call fails loudly.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAKE_KEY = "sk-fake-8f3a1c9e7b5d4f2a0c6e8b1d3f5a7c9e"  # recognisable, so tests can grep for leaks


@dataclass
class Answer:
    """A normal completion (streamed as SSE when the request asks for a stream)."""

    text: str
    finish_reason: str | None = "stop"
    reasoning_content: str | None = None
    prompt_tokens: int = 11
    completion_tokens: int | None = None
    delay: float = 0.0  # seconds before the first byte
    chunk_size: int = 3  # characters per streamed delta
    plain: bool = False  # answer plain JSON even when a stream was asked for (servers that ignore ``stream``)
    truncate_after: int | None = None  # streamed deltas sent before the connection is cut
    stall_after: int | None = None  # streamed deltas sent before the server goes silent
    stall: float = 0.0
    model: str | None = None
    done: bool = True  # end the stream with ``data: [DONE]`` (a gateway that gives up sends nothing more)
    usage: bool = True  # send usage when asked for (llama.cpp ignores ``stream_options``)
    chunk_delay: float = 0.0  # seconds between streamed deltas (a slow model, for watching the live view)
    error_event: Any = None  # an ``{"error": …}`` event sent in the stream after the text


@dataclass
class Status:
    """An HTTP error with a provider-shaped JSON body."""

    code: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Stall:
    """Say nothing for ``seconds`` (longer than the client's timeout), then answer."""

    seconds: float
    then: Answer = field(default_factory=lambda: Answer("迟到的回答"))


@dataclass
class Garbage:
    """A 200 response whose body is not what the protocol promises."""

    body: bytes = b"<html><body>502 Bad Gateway</body></html>"
    content_type: str = "application/json"


def answer(text: str, finish_reason: str | None = "stop", reasoning_content: str | None = None,
           **kwargs: Any) -> Answer:
    return Answer(text, finish_reason, reasoning_content, **kwargs)


def status(code: int, body: Any = None, retry_after: float | str | None = None) -> Status:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if body is None:
        body = {"error": {"message": f"error {code}", "type": "server_error" if code >= 500 else "invalid_request_error",
                          "code": None}}
    return Status(code, body, headers)


def stall(seconds: float, then: Answer | None = None) -> Stall:
    return Stall(seconds, then or Answer("迟到的回答"))


def truncated(text: str = "本年度共收到申请十件，其中", after: int = 2) -> Answer:
    return Answer(text, finish_reason=None, truncate_after=after)


def empty() -> Answer:
    return Answer("", completion_tokens=0)


def unfinished(text: str, done: bool = False) -> Answer:
    """A stream that ends cleanly but without ``finish_reason`` (and, unless ``done``, without ``[DONE]``)."""
    return Answer(text, finish_reason=None, done=done)


def empty_stream() -> Answer:
    """200 with an event stream that holds nothing: no chunk, no ``[DONE]`` (a server failing before the first token)."""
    return Answer("", finish_reason=None, done=False, usage=False, chunk_size=0)


def stream_error(message: str) -> Answer:
    """An event stream whose only event is an error object."""
    return Answer("", finish_reason=None, done=False, usage=False, chunk_size=0,
                  error_event={"error": {"message": message, "type": "server_error"}})


@dataclass
class Html:
    """A plain web server's page (not an API): HTML with a status, e.g. 501 for POST or 404."""

    code: int = 501
    body: str = ("<!DOCTYPE HTML><html><head><title>Error response</title></head><body><h1>Error response</h1>"
                 "<p>Error code: 501</p><p>Message: Unsupported method ('POST').</p></body></html>")
    headers: dict[str, str] = field(default_factory=dict)


def html(code: int = 501, body: str | None = None, headers: dict[str, str] | None = None) -> Html:
    return Html(code, body if body is not None else Html().body.replace("501", str(code)), headers or {})


def garbage(body: bytes = b"<html><body>502 Bad Gateway</body></html>",
            content_type: str = "application/json") -> Garbage:
    return Garbage(body, content_type)


# Error bodies as the providers send them (shapes from their documentation).
PROVIDER_ERRORS: dict[str, Status] = {
    "openai_auth": Status(401, {"error": {"message": "Incorrect API key provided: sk-fake-8f***********************c9e.",
                                          "type": "invalid_request_error", "code": "invalid_api_key"}}),
    "deepseek_auth": Status(401, {"error": {"message": "Authentication Fails (no such user)",
                                            "type": "authentication_error", "code": "invalid_request_error"}}),
    "deepseek_balance": Status(402, {"error": {"message": "Insufficient Balance", "type": "unknown_error",
                                               "param": None, "code": "invalid_request_error"}}),
    "kimi_balance": Status(403, {"error": {"message": "Your account org-1 <ak-1> is suspended, please check your "
                                                      "plan and billing details",
                                           "type": "exceeded_current_quota_error"}}),
    "zhipu_balance": Status(429, {"error": {"code": "1113", "message": "您的账户已欠费，请充值后重试。"}}),
    "dashscope_balance": Status(400, {"error": {"code": "Arrearage", "type": "Arrearage", "message":
                                                "Access denied, please make sure your account is in good standing."}}),
    "openai_quota": Status(429, {"error": {"message": "You exceeded your current quota, please check your plan and "
                                                      "billing details.", "type": "insufficient_quota",
                                           "code": "insufficient_quota"}}),
    "dashscope_moderation": Status(400, {"error": {"code": "data_inspection_failed", "type": "data_inspection_failed",
                                                   "message": "Input data may contain inappropriate content."}}),
    "kimi_moderation": Status(400, {"error": {"message": "The request was rejected because it was considered high "
                                                         "risk", "type": "content_filter"}}),
    "zhipu_moderation": Status(400, {"error": {"code": "1301", "message": "系统检测到输入或生成内容可能包含不安全或"
                                                                         "敏感内容，请您避免输入易产生敏感内容的提示语。"}}),
    "deepseek_busy": Status(503, {"error": {"message": "Server overloaded, please try again later.",
                                            "type": "server_error"}}),
    "rate_limit": Status(429, {"error": {"message": "Rate limit reached for requests", "type": "requests",
                                         "code": "rate_limit_exceeded"}}),
    "model_not_found": Status(404, {"error": {"message": "The model `no-such-model` does not exist",
                                              "type": "invalid_request_error", "code": "model_not_found"}}),
}


def provider_error(name: str, retry_after: float | None = None) -> Status:
    """A canned provider error by name (see ``PROVIDER_ERRORS``)."""
    base = PROVIDER_ERRORS[name]
    headers = dict(base.headers)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return Status(base.code, base.body, headers)


@dataclass
class Recorded:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float
    generation: int = 0  # the how-manieth request this was

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))


class FakeLLMServer:
    """A chat-completions server on 127.0.0.1 with a queue of scripted responses."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._queue: deque[Any] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self._routes: list[tuple[str, deque[Any]]] = []
        self.models: list[str] | None = None
        # llama.cpp's stock ``interrupt_requests=True``: a new request ends the stream being sent, without a
        # finish_reason or [DONE] (a single-slot server).
        self.interrupt_on_new = False
        self.interrupted = 0
        self._generation = 0
        self.connect_status = 501  # the answer to CONNECT when used as an HTTPS proxy (407: wants a password)
        self.connects: list[str] = []  # what GET /v1/models lists (None: 404, as many small servers do)
        self.get_requests: list[str] = []
        self.most_at_once = 0  # the most requests being answered at the same moment (concurrency, without a clock)
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self.scheme = "https" if tls is not None else "http"
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}/v1"

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def script(self, *responses: Any) -> FakeLLMServer:
        """Queue responses, served one per request in order."""
        with self._lock:
            self._queue.extend(responses)
        return self

    def route(self, words: str, *responses: Any) -> FakeLLMServer:
        """Queue responses for the requests whose last message contains ``words`` (e.g. one part of a report);
        they are served before the general script."""
        with self._lock:
            self._routes.append((words, deque(responses)))
        return self

    def always(self, response: Any, times: int = 100) -> FakeLLMServer:
        """Queue the same response many times (for benchmarks and concurrency)."""
        return self.script(*([response] * times))

    def reset(self) -> FakeLLMServer:
        """Drop any responses still queued and forget the recorded requests."""
        with self._lock:
            self._queue.clear()
            self._routes.clear()
            self.requests.clear()
            self.most_at_once = self.in_flight
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    def next_response(self, recorded: Recorded) -> Any:
        with self._lock:
            self._generation += 1
            recorded.generation = self._generation
            self.requests.append(recorded)
            messages = recorded.body.get("messages") or [{}]
            last = str(messages[-1].get("content", "")) if isinstance(messages[-1], dict) else ""
            for words, queue in self._routes:
                if words in last and queue:
                    return queue.popleft()
            return self._queue.popleft() if self._queue else None

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        with self._lock:
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    def sleep(self, seconds: float) -> None:
        self._closing.wait(seconds)


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up (timeouts, cut streams) are part of the tests, not errors worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes; no 40 ms delayed-ACK stall

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_CONNECT(self) -> None:  # noqa: N802
            server.connects.append(self.path)
            code = server.connect_status
            self.send_response(code)
            if code == 407:
                self.send_header("Proxy-Authenticate", 'Basic realm="office"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.close_connection = True

        def do_GET(self) -> None:  # noqa: N802
            server.get_requests.append(self.path)
            if self.path.split("?")[0].rstrip("/").endswith("/models") and server.models is not None:
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "fake"}
                                                            for m in server.models]})
            else:
                self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {"_raw": raw.decode("utf-8", "replace")}
            recorded = Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic())
            if not self.path.split("?")[0].rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                return
            response = server.next_response(recorded)
            with server.answering(), contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._serve(response, recorded)

        def _serve(self, response: Any, req: Recorded) -> None:
            if response is None:
                self._json(599, {"error": {"message": "fake server: no scripted response left"}})
            elif isinstance(response, Status):
                self._json(response.code, response.body, response.headers)
            elif isinstance(response, Garbage):
                self._bytes(200, response.body, response.content_type)
            elif isinstance(response, Html):
                self._bytes(response.code, response.body.encode(), "text/html;charset=utf-8", response.headers)
            elif isinstance(response, Stall):
                server.sleep(response.seconds)
                self._answer(response.then, req)
            else:
                server.sleep(response.delay)
                self._answer(response, req)

        def _answer(self, a: Answer, req: Recorded) -> None:
            model = a.model or req.body.get("model") or "fake-model"
            if req.stream and not a.plain:
                self._stream(a, req, model)
            else:
                self._json(200, completion_body(a, model))

        def _stream(self, a: Answer, req: Recorded, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            include_usage = a.usage and bool((req.body.get("stream_options") or {}).get("include_usage"))
            chunks = list(stream_chunks(a, model, include_usage)) if a.chunk_size or a.text else []
            if a.error_event is not None:
                chunks.append(json.dumps(a.error_event, ensure_ascii=False))
            generation = req.generation
            for n, chunk in enumerate(chunks):
                if server.interrupt_on_new and server._generation != generation:
                    server.interrupted += 1
                    self._chunk(b"")  # the stream just ends: no finish_reason, no [DONE]
                    return
                if a.truncate_after is not None and n >= a.truncate_after:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)  # cut mid-body: no final chunk, no [DONE]
                    self.close_connection = True
                    return
                if a.stall_after is not None and n == a.stall_after:
                    server.sleep(a.stall)
                if a.chunk_delay:
                    server.sleep(a.chunk_delay)
                self._chunk(f"data: {chunk}\n\n".encode())
            if a.done:
                self._chunk(b"data: [DONE]\n\n")
            self._chunk(b"")

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _json(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
            self._bytes(code, json.dumps(body, ensure_ascii=False).encode(), "application/json", headers)

        def _bytes(self, code: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()

    return Handler


def _usage(a: Answer) -> dict[str, int]:
    completion = a.completion_tokens if a.completion_tokens is not None else max(1, len(a.text) // 2)
    return {"prompt_tokens": a.prompt_tokens, "completion_tokens": completion,
            "total_tokens": a.prompt_tokens + completion}


def completion_body(a: Answer, model: str) -> dict[str, Any]:
    """The plain (non-streamed) JSON of an answer."""
    message: dict[str, Any] = {"role": "assistant", "content": a.text}
    if a.reasoning_content is not None:
        message["reasoning_content"] = a.reasoning_content
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": a.finish_reason, "logprobs": None}],
            "usage": _usage(a)}


def stream_chunks(a: Answer, model: str, include_usage: bool) -> Iterator[str]:
    """The SSE data payloads of an answer: role, reasoning deltas, content deltas, finish, usage."""
    def chunk(delta: dict[str, Any], finish: str | None = None, usage: Any = None, choices: bool = True) -> str:
        body: dict[str, Any] = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
                                "model": model,
                                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}] if choices else []}
        if usage is not None:
            body["usage"] = usage
        return json.dumps(body, ensure_ascii=False)

    yield chunk({"role": "assistant", "content": ""})
    size = max(1, a.chunk_size)
    for i in range(0, len(a.reasoning_content or ""), size):
        yield chunk({"reasoning_content": a.reasoning_content[i:i + size], "content": None})
    for i in range(0, len(a.text), size):
        yield chunk({"content": a.text[i:i + size]})
    if a.finish_reason is not None:
        yield chunk({}, finish=a.finish_reason)
    if include_usage:
        yield chunk({}, usage=_usage(a), choices=False)


def self_signed_tls(directory: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for 127.0.0.1 with a fresh self-signed certificate, and the certificate's PEM file."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "drafter test CA")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "ca.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context, cert_path


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
