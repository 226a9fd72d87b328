"""The model of drafter's config file (``DRAFTER_HOME/config.toml`` or ``.yaml``); its JSON Schema is in ``schemas/``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from drafter.llm.providers import Quirk


class ConfigFile(BaseModel):
    """LLM settings read from the config file; flags and environment variables take precedence."""

    model_config = ConfigDict(extra="forbid", title="drafter 配置文件")

    model: str | None = Field(None, description="模型名，或“服务:模型”，如 deepseek:deepseek-chat")
    provider: str | None = Field(None, description="服务预设：deepseek、qwen、moonshot、zhipu、ollama、vllm、openai")
    base_url: str | None = Field(None, description="OpenAI 兼容接口地址，如 http://localhost:11434/v1")
    api_key: str | None = Field(None, description="API 密钥（也可用环境变量，推荐）")
    api_keys: dict[str, str] = Field(default_factory=dict, description="按服务的密钥，如 {deepseek: sk-...}")
    timeout: float | None = Field(None, description="单次调用超时（秒）")
    max_retries: int = Field(2, description="429/5xx/超时后的重试次数")
    temperature: float | None = None
    max_tokens: int | None = None
    extra_body: dict[str, Any] = Field(default_factory=dict, description="随请求发送的额外参数")
    quirks: list[Quirk] = Field(default_factory=list, description="服务的已知差异（见 providers.yaml）")
    ca_bundle: str | None = Field(None, description="自签名证书的 CA 文件路径")
    proxy: str | None = Field(None, description="HTTP(S) 代理地址")
    parallel: int | None = Field(None, ge=1, le=16, description="同时请求几个部分（默认：本机或内网服务 1，在线服务 2）")
    draft_mode: Literal["edit", "write"] | None = Field(
        None, description="起草方式：edit（润色离线初稿）或 write（由大模型从数据表直接成文，默认）")
