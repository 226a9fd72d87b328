"""Provider presets (``data/providers.yaml``): OpenAI-compatible services by name, host and model, with their quirks."""

from __future__ import annotations

import fnmatch
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, RootModel

from drafter.datafile import DATA_DIR, load_data_file

PROVIDERS_PATH = DATA_DIR / "providers.yaml"


class Quirk(StrEnum):
    """Known differences of OpenAI-compatible services (see ``providers.yaml``)."""

    REASONING_CONTENT = "reasoning_content"
    THINK_TAGS = "think_tags"
    NO_RESPONSE_FORMAT = "no_response_format"
    NO_STREAM_OPTIONS = "no_stream_options"
    NO_TEMPERATURE = "no_temperature"
    NO_KEY = "no_key"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelRule(_Strict):
    """Settings for the models of a preset whose name matches ``match`` (a case-insensitive glob)."""

    match: str
    quirks: list[Quirk] = []
    extra_body: dict[str, Any] = {}


class ProviderSpec(_Strict):
    """One preset as ``providers.yaml`` writes it."""

    label: str | None = None
    base_url: str
    default_model: str | None = None
    key_env: list[str] = []
    aliases: list[str] = []
    models: list[str] = []
    hosts: list[str] = []
    quirks: list[Quirk] = []
    extra_body: dict[str, Any] = {}
    model_rules: list[ModelRule] = []
    timeout: Annotated[float, Field(gt=0)] | None = None
    console: str | None = None


class ProvidersFile(RootModel[dict[str, ProviderSpec]]):
    """The whole of ``providers.yaml``: presets by name."""


@dataclass(frozen=True)
class Preset:
    """A provider preset from ``providers.yaml``."""

    name: str
    label: str
    base_url: str
    default_model: str | None = None
    key_env: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    quirks: frozenset[str] = frozenset()
    extra_body: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    model_rules: tuple[dict[str, Any], ...] = ()
    timeout: float | None = None
    console: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    def rules_for(self, model: str) -> list[dict[str, Any]]:
        """The model-specific rules (extra quirks, extra body) that apply to ``model``."""
        return [r for r in self.model_rules if fnmatch.fnmatchcase(model.lower(), str(r["match"]).lower())]


@functools.cache
def presets(path: Path = PROVIDERS_PATH) -> dict[str, Preset]:
    """All provider presets by name (``providers.yaml``, validated: a misspelt key is an error naming its line)."""
    specs = load_data_file(path, ProvidersFile, what="服务预设文件").root
    return {name: _preset(name, spec) for name, spec in specs.items()}


def _preset(name: str, spec: ProviderSpec) -> Preset:
    return Preset(
        name=name, label=spec.label or name, base_url=spec.base_url, default_model=spec.default_model,
        key_env=tuple(spec.key_env), aliases=tuple(spec.aliases), models=tuple(spec.models), hosts=tuple(spec.hosts),
        quirks=frozenset(q.value for q in spec.quirks), extra_body=dict(spec.extra_body),
        model_rules=tuple(rule.model_dump(mode="json", exclude_unset=True) for rule in spec.model_rules),
        timeout=spec.timeout, console=spec.console)


def find_preset(name: str | None) -> Preset | None:
    """The preset called ``name`` or one of its aliases (case-insensitive), or None."""
    if not name:
        return None
    key = name.strip().lower()
    for preset in presets().values():
        if key == preset.name or key in preset.aliases:
            return preset
    return None


def preset_for_url(base_url: str) -> Preset | None:
    """The preset whose host ``base_url`` points at (local servers are recognised by their usual port)."""
    parts = urlsplit(base_url)
    for preset in presets().values():
        ref = urlsplit(preset.base_url)
        if ref.hostname in ("localhost", "127.0.0.1"):
            if parts.port is not None and parts.port == ref.port:
                return preset
        elif parts.hostname == ref.hostname or parts.hostname in preset.hosts:
            return preset
    return None


def preset_for_model(model: str) -> Preset | None:
    """The preset whose model names match ``model`` (never for Ollama-style ``name:tag``)."""
    if ":" in model:
        return None
    for preset in presets().values():
        if any(fnmatch.fnmatchcase(model.lower(), pattern) for pattern in preset.models):
            return preset
    return None


def parse_model_spec(spec: str) -> tuple[Preset | None, str | None]:
    """``deepseek`` → (preset, default model); ``deepseek:deepseek-reasoner`` → (preset, model); else (None, spec)."""
    spec = spec.strip()
    preset = find_preset(spec)
    if preset is not None:
        return preset, preset.default_model
    head, sep, tail = spec.partition(":")
    if sep and (preset := find_preset(head)) is not None:
        return preset, tail.strip() or preset.default_model
    return None, spec
