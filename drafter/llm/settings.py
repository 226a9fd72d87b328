"""Which LLM to use: model, base URL and key, resolved explicitly as flags > environment > config file.

Nothing here reads ``os.environ``: the CLI passes its environment in. Provider presets (DeepSeek, Qwen, Kimi,
GLM, Ollama, vLLM …) are data in ``drafter/data/providers.yaml``. The API key is never part of ``repr``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from pydantic import ValidationError

from drafter.errors import InputError
from drafter.files import SMALL_MAX_BYTES, os_reason, read_bytes
from drafter.llm.configfile import ConfigFile
from drafter.llm.providers import (
    Quirk,
    find_preset,
    parse_model_spec,
    preset_for_model,
    preset_for_url,
    presets,
)

OFFLINE = "offline"
LOCAL_TIMEOUT = 300.0  # a model on this machine or the intranet may take minutes for one part
# Where a custom CA may be named; read here so that it applies to every host, a local one included.
_CA_VARIABLES = ("DRAFTER_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")
CONFIG_NAMES = ("config.toml", "config.yaml", "config.yml")


@dataclass(frozen=True)
class LLMSettings:
    """Everything needed to call one model; built by :func:`resolve_settings` (or directly in tests)."""

    model: str | None
    base_url: str | None
    api_key: str | None = field(default=None, repr=False)
    provider: str | None = None
    timeout: float = 60.0
    max_retries: int = 2
    temperature: float | None = None
    extra_body: dict[str, Any] = field(default_factory=dict, hash=False)
    quirks: frozenset[str] = frozenset()
    max_tokens: int | None = None
    retry_base_delay: float = 1.0  # first backoff; doubled per retry
    retry_max_delay: float = 20.0  # cap on any single wait, Retry-After included
    ca_bundle: str | None = None  # a PEM file of extra trusted CAs (intranet gateways)
    proxy: str | None = None  # an explicit proxy; otherwise HTTPS_PROXY/ALL_PROXY/NO_PROXY apply
    key_env: tuple[str, ...] = ()  # where a key would be looked for, for the “no key” message
    parallel: int | None = None  # requests at once (--parallel, config parallel); None: by where the service is
    proxy_secrets: tuple[str, ...] = field(default=(), repr=False)  # credentials in the proxy settings

    @property
    def host(self) -> str:
        """The service's host (what logs show instead of the full URL)."""
        return urlsplit(self.base_url or "").hostname or ""

    @property
    def shown_url(self) -> str:
        """The base URL as printed: ``scheme://host[:port]/path``, never a password or a query value."""
        return safe_url(self.base_url or "")

    @property
    def endpoint(self) -> str:
        """The service's full address for the answer cache: scheme, host, port (explicit) and path."""
        try:
            parts = urlsplit(self.base_url or "")
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return self.base_url or ""
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        return f"{parts.scheme}://{host.lower()}:{port}{parts.path.rstrip('/')}"

    @property
    def network(self) -> str:
        """Where the service runs: ``local`` (this machine), ``intranet`` (a private network) or ``hosted``."""
        return network_kind(self.host)

    @property
    def requests_at_once(self) -> int:
        """How many parts are requested at once: the setting, else 1 for a server of one's own, 2 for a provider."""
        if self.parallel:
            return self.parallel
        return 2 if self.network == "hosted" else 1

    @property
    def secrets(self) -> tuple[str, ...]:
        """Everything that must never be printed: the key, the URL's password and query values, proxy credentials."""
        found = [self.api_key or ""]
        found += url_secrets(self.base_url or "")
        found += self.proxy_secrets
        if self.proxy:
            found += url_secrets(self.proxy)
        return tuple(dict.fromkeys(s for s in found if s))

    def has(self, quirk: Quirk | str) -> bool:
        return str(quirk) in self.quirks

    @property
    def needs_key(self) -> bool:
        return not self.has(Quirk.NO_KEY)


_PRIVATE_SUFFIXES = (".local", ".lan", ".internal", ".intranet", ".corp", ".home.arpa", ".localdomain")
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


def network_kind(host: str) -> str:
    """``local`` for this machine, ``intranet`` for a private address or a bare/intranet host name, else ``hosted``."""
    host = (host or "").strip("[]").lower()
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return "local"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "intranet" if host and ("." not in host or host.endswith(_PRIVATE_SUFFIXES)) else "hosted"
    if address.is_loopback:
        return "local"
    return "intranet" if address.is_private or address.is_link_local else "hosted"


def safe_url(url: str) -> str:
    """``scheme://host[:port]/path`` of ``url``: user name, password, query and fragment left out."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return re.sub(r"//[^/@\s]*@", "//", url.split("?", 1)[0].split("#", 1)[0])
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def split_query(url: str) -> tuple[str, dict[str, str]]:
    """``url`` without its query, and the query's parameters (sent with every request as ``default_query``)."""
    parts = urlsplit(url)
    if not parts.query:
        return url, {}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), dict(parse_qsl(parts.query,
                                                                                       keep_blank_values=True))


def url_secrets(url: str) -> list[str]:
    """The user name, password and query values in ``url`` (as written and decoded), and the Basic-auth token."""
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return []
    found: list[str] = []
    if user or password:
        import base64

        found += [user or "", password or "", unquote(user or ""), unquote(password or "")]
        pair = f"{unquote(user or '')}:{unquote(password or '')}"
        found += [pair, base64.b64encode(pair.encode()).decode()]
    for _, value in parse_qsl(parts.query, keep_blank_values=True):
        found += [value]
    found += [v for v in re.findall(r"=([^&#]+)", parts.query)]
    return [s for s in found if len(s) >= 3]


def drafter_home(env: Mapping[str, str]) -> Path:
    """DRAFTER_HOME, or the platform's config directory (``~/.config/drafter``; ``%APPDATA%\\drafter`` on Windows)."""
    if env.get("DRAFTER_HOME"):
        return Path(env["DRAFTER_HOME"]).expanduser()
    if env.get("APPDATA") and not env.get("HOME"):
        return Path(env["APPDATA"]) / "drafter"
    if env.get("XDG_CONFIG_HOME"):
        return Path(env["XDG_CONFIG_HOME"]) / "drafter"
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    return home / ".config" / "drafter"


def find_config(env: Mapping[str, str]) -> Path | None:
    """The config file in drafter's home, if there is one."""
    home = drafter_home(env)
    for name in CONFIG_NAMES:
        if (home / name).is_file():
            return home / name
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The config file's settings (TOML or YAML), checked: a misspelt key is an error naming it."""
    try:
        text = read_bytes(path, max_bytes=SMALL_MAX_BYTES, what="配置文件", allow_empty=True).decode("utf-8")
        if path.suffix == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text) or {}
    except OSError as exc:
        raise InputError(f"无法读取配置文件：{os_reason(exc)}", path=path) from None
    except UnicodeDecodeError:
        raise InputError("配置文件不是 UTF-8 编码的文本", path=path, hint="请用 UTF-8 编码保存该文件") from None
    except Exception as exc:  # tomllib.TOMLDecodeError, yaml.YAMLError
        # Only the position: YAML errors quote the offending line, which may hold the key.
        mark = getattr(exc, "problem_mark", None)
        found = re.search(r"line (\d+)", str(exc)) if mark is None else None
        where = f"第 {mark.line + 1} 行" if mark is not None else f"第 {found.group(1)} 行" if found else "位置不明"
        raise InputError(f"配置文件格式有误（{where}）", path=path, hint="请检查引号、等号和缩进") from None
    if not isinstance(data, dict):
        raise InputError("配置文件应是“键 = 值”的设置表", path=path)
    try:
        return ConfigFile.model_validate(data).model_dump(exclude_none=True)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(map(str, e['loc']))}：{_explain(e)}" for e in exc.errors())
        raise InputError(f"配置文件有误：{problems}", path=path,
                         hint="可用的键：model、provider、base_url、api_key、api_keys、timeout、max_retries、"
                              "temperature、max_tokens、extra_body、quirks、ca_bundle、proxy、parallel、draft_mode") from None


def _explain(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "不认识的键"
    return "值的类型不对"


@dataclass
class _Layer:
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None


def _clean(value: str | None) -> str | None:
    value = value.strip() if isinstance(value, str) else value
    return value or None


def resolve_settings(*, model: str | None = None, base_url: str | None = None, api_key: str | None = None,
                     env: Mapping[str, str], config_path: Path | None = None,
                     parallel: int | None = None) -> LLMSettings | None:
    """The LLM to use, or None for the offline engine (``-m offline``, or nothing configured).

    Each of model, base URL and key comes from the first of: flags, environment, config file. A preset named
    at some level (``-m deepseek``) supplies the base URL at that level; provider-specific key variables
    (``DEEPSEEK_API_KEY`` …) come before the generic ``OPENAI_API_KEY``.
    """
    path = config_path if config_path is not None else find_config(env)
    cfg = read_config(path) if path is not None else {}
    layers = [
        _Layer(_clean(model), _clean(base_url), _clean(api_key)),
        _Layer(_clean(env.get("DRAFTER_MODEL")), _clean(env.get("OPENAI_BASE_URL") or env.get("DRAFTER_BASE_URL")),
               None),
        _Layer(_clean(cfg.get("model")), _clean(cfg.get("base_url")), None),
    ]
    spec_level = next((i for i, layer in enumerate(layers) if layer.model), None)
    spec = layers[spec_level].model if spec_level is not None else None
    if spec is not None and spec.lower() == OFFLINE:
        return None

    preset, model_name = parse_model_spec(spec) if spec else (None, None)
    preset_level = spec_level if preset is not None else None
    if preset is None and cfg.get("provider"):
        preset = find_preset(cfg["provider"])
        if preset is None:
            raise InputError(f"配置文件中的 provider “{cfg['provider']}” 不是已知的服务商预设",
                             path=path, hint="可用：" + "、".join(presets()))
        preset_level = 2

    # A preset of a server of one's own (ollama:, vllm:) names the usual local address only as a default: any base
    # URL given (flag, OPENAI_BASE_URL, config file) says where that server really is.
    own_server = preset is not None and network_kind(preset.host) != "hosted"
    url = None
    for level, layer in enumerate(layers):
        url = url or layer.base_url
        if url is None and preset is not None and preset_level == level and not own_server:
            url = preset.base_url
    if url is None and own_server and preset is not None:
        url = preset.base_url
    if preset is None and url is not None and network_kind(_host_of(url)) == "hosted":
        preset = preset_for_url(url)  # a server of one's own is not guessed from its port: it is 本机/内网服务
    if preset is None and url is None and model_name:
        preset = preset_for_model(model_name)
    if model_name is None and preset is not None:
        model_name = preset.default_model
    if model_name is None:  # a base URL alone (set for other tools) is not a choice of model
        return None
    if url is None and preset is None and spec is not None:
        _refuse_unknown_model(spec, ("-m", "环境变量 DRAFTER_MODEL", "配置文件中的 model")[spec_level or 0],
                              has_openai_key=bool(
            layers[0].api_key or _clean(env.get("OPENAI_API_KEY")) or cfg.get("api_key")
            or (cfg.get("api_keys") or {}).get("openai")))
    if url is None:
        preset = preset or presets()["openai"]
        url = preset.base_url
    _check_url(url)

    key_env = tuple(preset.key_env) if preset is not None else ()
    key = layers[0].api_key
    for name in key_env:
        key = key or _clean(env.get(name))
    keys = cfg.get("api_keys") or {}
    if preset is not None:
        key = key or _clean(keys.get(preset.name)) or next(
            (_clean(keys.get(a)) for a in preset.aliases if keys.get(a)), None)
    key = key or _clean(env.get("OPENAI_API_KEY")) or _clean(cfg.get("api_key"))

    quirks = set(preset.quirks) if preset is not None else set()
    if preset is None or network_kind(_host_of(url)) == "local":
        quirks.add(Quirk.NO_KEY.value)  # a server of one's own may need no key; a 401 will say so if it does
    extra_body: dict[str, Any] = dict(preset.extra_body) if preset is not None else {}
    for rule in preset.rules_for(model_name) if preset is not None else ():
        quirks |= set(rule.get("quirks") or ())
        extra_body.update(rule.get("extra_body") or {})
    extra_body.update(cfg.get("extra_body") or {})
    quirks |= set(cfg.get("quirks") or ())

    own = network_kind(_host_of(url)) != "hosted"
    timeout = _number(env.get("DRAFTER_TIMEOUT"), "DRAFTER_TIMEOUT") or cfg.get("timeout") or (
        preset.timeout if preset is not None and preset.timeout else LOCAL_TIMEOUT if own else 60.0)
    at_once = parallel or _count(env.get("DRAFTER_PARALLEL"), "DRAFTER_PARALLEL") or cfg.get("parallel")
    proxy_secrets = tuple(s for name in (*PROXY_VARIABLES, "DRAFTER_PROXY") for s in url_secrets(env.get(name) or ""))
    return LLMSettings(
        model=model_name, base_url=url, api_key=key, provider=preset.name if preset is not None else None,
        timeout=float(timeout), max_retries=int(cfg.get("max_retries", 2)), temperature=cfg.get("temperature"),
        extra_body=extra_body, quirks=frozenset(quirks), max_tokens=cfg.get("max_tokens"),
        ca_bundle=next((v for name in _CA_VARIABLES if (v := _clean(env.get(name)))), None) or cfg.get("ca_bundle"),
        proxy=_clean(env.get("DRAFTER_PROXY")) or cfg.get("proxy"),
        key_env=key_env + (("OPENAI_API_KEY",) if "OPENAI_API_KEY" not in key_env else ()),
        parallel=int(at_once) if at_once else None, proxy_secrets=proxy_secrets,
    )


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _count(value: str | None, name: str) -> int | None:
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"环境变量 {name} 的值 “{value}” 不是整数", hint="请写 1 到 16 之间的整数，例如 1") from None
    if not 1 <= number <= 16:
        raise InputError(f"环境变量 {name} 应在 1 到 16 之间", hint="请写 1 到 16 之间的整数，例如 1")
    return number


def _refuse_unknown_model(spec: str, source: str, *, has_openai_key: bool) -> None:
    """A model that names no preset and no server: an unknown provider, or (with no OpenAI key) a likely typo."""
    import difflib

    names = "、".join(presets())
    head, sep, _ = spec.partition(":")
    if sep:
        raise InputError(f"模型“{spec}”（{source}）中的服务商“{head}”不是已知的预设",
                         hint=f"可用：{names}；本地服务（如 Ollama 的 qwen2.5:7b）请用 --base-url 或 OPENAI_BASE_URL "
                              "给出服务地址")
    if has_openai_key:
        return  # an OpenAI model name such as gpt-4o
    guess = difflib.get_close_matches(spec.lower(), list(presets()), n=1, cutoff=0.6)
    ask = f"，是否应为“{guess[0]}”？" if guess else "：它不是服务商预设名，也没有给出服务地址"
    raise InputError(f"不认识的模型“{spec}”（{source}）{ask}",
                     hint=f"可用的预设：{names}（如 -m deepseek，或 -m qwen:qwen-max）；OpenAI 的模型请先设置 "
                          "OPENAI_API_KEY；其他服务请用 --base-url 给出地址；离线起草用 -m offline")


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise InputError(f"大模型服务地址“{safe_url(url)}”不是有效的网址",
                         hint="应以 http:// 或 https:// 开头，如 https://api.deepseek.com；请检查 --base-url、"
                              "环境变量 OPENAI_BASE_URL 或配置文件中的 base_url")


def _number(value: str | None, name: str) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"环境变量 {name} 的值 “{value}” 不是数字", hint="请写秒数，例如 120") from None
    if number <= 0:
        raise InputError(f"环境变量 {name} 必须大于 0", hint="请写秒数，例如 120")
    return number


def describe(settings: LLMSettings | None) -> str:
    """One line naming the engine, for the CLI (never the key)."""
    if settings is None:
        return "离线引擎（未配置大模型）"
    return f"{settings.model}（{service_label(settings)}）"


def service_label(settings: LLMSettings) -> str:
    """How the service is named: a provider's name, or 本机服务/内网服务 with its address (never a secret)."""
    preset = find_preset(settings.provider)
    if preset is not None:
        return preset.label
    if settings.network == "local":
        return f"本机服务 {settings.shown_url}"
    if settings.network == "intranet":
        return f"内网服务 {settings.shown_url}"
    return settings.host or "大模型服务"
