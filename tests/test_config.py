"""Which model, URL and key: flags > environment > config file; provider presets; nothing configured → offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import InputError, LLMError
from drafter.llm import build_client
from drafter.llm.settings import LLMSettings, drafter_home, presets, resolve_settings

KEY = "sk-config-test-0123456789abcdef"


def resolve(env=None, config: str | None = None, tmp_path: Path | None = None, name="config.toml", **flags):
    path = None
    if config is not None:
        path = tmp_path / name
        path.write_text(config, encoding="utf-8")
    return resolve_settings(env=env or {}, config_path=path, **flags)


def test_nothing_configured_means_offline():
    assert resolve() is None


@pytest.mark.parametrize("env", [{"OPENAI_API_KEY": KEY}, {"OPENAI_BASE_URL": "http://10.0.0.5:9000/v1"}])
def test_a_key_or_an_unknown_url_alone_is_not_a_model(env):
    assert resolve(env) is None


def test_offline_wins_over_everything():
    env = {"DRAFTER_MODEL": "deepseek", "DEEPSEEK_API_KEY": KEY}
    assert resolve(env, model="offline") is None
    assert resolve({**env, "DRAFTER_MODEL": "offline"}) is None


@pytest.mark.parametrize(("spec", "env_name", "provider", "model", "host"), [
    ("deepseek", "DEEPSEEK_API_KEY", "deepseek", "deepseek-chat", "api.deepseek.com"),
    ("deepseek:deepseek-reasoner", "DEEPSEEK_API_KEY", "deepseek", "deepseek-reasoner", "api.deepseek.com"),
    ("qwen", "DASHSCOPE_API_KEY", "qwen", "qwen-plus", "dashscope.aliyuncs.com"),
    ("dashscope:qwen-max", "DASHSCOPE_API_KEY", "qwen", "qwen-max", "dashscope.aliyuncs.com"),
    ("kimi", "MOONSHOT_API_KEY", "moonshot", "moonshot-v1-32k", "api.moonshot.cn"),
    ("glm", "ZHIPUAI_API_KEY", "zhipu", "glm-4-plus", "open.bigmodel.cn"),
    ("glm-4-flash", "ZHIPUAI_API_KEY", "zhipu", "glm-4-flash", "open.bigmodel.cn"),
    ("deepseek-chat", "DEEPSEEK_API_KEY", "deepseek", "deepseek-chat", "api.deepseek.com"),
    ("gpt-4o", "OPENAI_API_KEY", "openai", "gpt-4o", "api.openai.com"),
])
def test_presets(spec, env_name, provider, model, host):
    settings = resolve({env_name: KEY}, model=spec)
    assert (settings.provider, settings.model, settings.host, settings.api_key) == (provider, model, host, KEY)


def test_preset_quirks_and_extra_body():
    qwen = resolve({"DASHSCOPE_API_KEY": KEY}, model="qwen")
    assert qwen.extra_body == {"enable_thinking": False} and qwen.has("no_response_format")
    reasoner = resolve({"DEEPSEEK_API_KEY": KEY}, model="deepseek:deepseek-reasoner")
    assert reasoner.has("no_temperature") and reasoner.has("reasoning_content")
    vllm = resolve({}, model="vllm:Qwen3-32B")
    assert vllm.extra_body == {"chat_template_kwargs": {"enable_thinking": False}}
    assert not vllm.needs_key and vllm.timeout == 300


def test_local_ollama_needs_no_key():
    settings = resolve({"OPENAI_BASE_URL": "http://localhost:11434/v1"}, model="qwen2.5:7b")
    assert settings.model == "qwen2.5:7b" and settings.api_key is None
    assert not settings.needs_key


@pytest.mark.parametrize(("url", "label"), [("http://127.0.0.1:8000/v1", "本机服务 http://127.0.0.1:8000/v1"),
                                            ("http://localhost:8080/v1", "本机服务 http://localhost:8080/v1"),
                                            ("http://10.1.2.3:8000/v1", "内网服务 http://10.1.2.3:8000/v1"),
                                            ("http://gpu-box:11434/v1", "内网服务 http://gpu-box:11434/v1")])
def test_a_server_of_ones_own_is_labelled_neutrally_with_the_local_timeout(url, label):
    from drafter.llm.settings import describe

    settings = resolve({}, model="some-model", base_url=url)
    assert settings.provider is None  # not guessed from the port (8000 is not always vLLM)
    assert describe(settings) == f"some-model（{label}）"
    assert settings.timeout == 300 and settings.requests_at_once == 1


@pytest.mark.parametrize("model", ["vllm:Qwen2.5-7B", "ollama:qwen2.5:7b"])
def test_a_local_presets_url_is_only_a_default(model):
    assert resolve({}, model=model).host == "localhost"
    from_env = resolve({"OPENAI_BASE_URL": "http://10.0.0.5:9000/v1"}, model=model)
    assert from_env.base_url == "http://10.0.0.5:9000/v1" and from_env.model == model.split(":", 1)[1]
    from_flag = resolve({"OPENAI_BASE_URL": "http://10.0.0.5:9000/v1"}, model=model, base_url="http://gpu:1/v1")
    assert from_flag.base_url == "http://gpu:1/v1"


def test_parallel_by_where_the_service_runs(tmp_path):
    assert resolve({"DEEPSEEK_API_KEY": KEY}, model="deepseek").requests_at_once == 2
    assert resolve({}, model="m", base_url="http://192.168.1.9/v1").requests_at_once == 1
    assert resolve({"DRAFTER_PARALLEL": "3"}, model="m", base_url="http://127.0.0.1/v1").requests_at_once == 3
    assert resolve({}, "parallel = 4\n", tmp_path, model="m", base_url="http://127.0.0.1/v1").requests_at_once == 4


@pytest.mark.parametrize("url", ["http://10.1.2.3:9000/v1", "http://127.0.0.1:8000/v1"])
def test_a_server_of_ones_own_may_need_no_key(url):
    settings = resolve({}, model="internal-model", base_url=url)
    assert settings.api_key is None and not settings.needs_key


def test_a_known_base_url_brings_its_default_model():
    settings = resolve({"OPENAI_BASE_URL": "https://api.deepseek.com/v1", "OPENAI_API_KEY": KEY})
    assert (settings.provider, settings.model, settings.api_key) == ("deepseek", "deepseek-chat", KEY)


@pytest.mark.parametrize(("url", "provider"), [("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "qwen"),
                                               ("https://api.moonshot.ai/v1", "moonshot")])
def test_provider_recognised_by_url(url, provider):
    assert resolve({"OPENAI_API_KEY": KEY}, model="some-model", base_url=url).provider == provider


def test_flags_beat_environment_beat_config(tmp_path):
    config = f'model = "from-config"\nbase_url = "http://config.example/v1"\napi_key = "{KEY}-config"\n'
    env = {"DRAFTER_MODEL": "from-env", "OPENAI_BASE_URL": "http://env.example/v1", "OPENAI_API_KEY": KEY + "-env"}
    only_config = resolve({}, config, tmp_path)
    assert (only_config.model, only_config.host, only_config.api_key) == ("from-config", "config.example",
                                                                           KEY + "-config")
    with_env = resolve(env, config, tmp_path)
    assert (with_env.model, with_env.host, with_env.api_key) == ("from-env", "env.example", KEY + "-env")
    with_flags = resolve(env, config, tmp_path, model="from-flag", base_url="http://flag.example/v1", api_key=KEY)
    assert (with_flags.model, with_flags.host, with_flags.api_key) == ("from-flag", "flag.example", KEY)


def test_a_preset_named_by_flag_beats_a_base_url_from_the_environment():
    env = {"OPENAI_BASE_URL": "http://localhost:11434/v1", "DEEPSEEK_API_KEY": KEY}
    assert resolve(env, model="deepseek").host == "api.deepseek.com"


def test_provider_key_beats_generic_key(tmp_path):
    env = {"OPENAI_API_KEY": "sk-generic-00000000", "DASHSCOPE_API_KEY": KEY}
    assert resolve(env, model="qwen").api_key == KEY
    config = f'[api_keys]\nqwen = "{KEY}"\ndeepseek = "sk-deepseek-11111111"\n'
    assert resolve({"OPENAI_API_KEY": "sk-generic-00000000"}, config, tmp_path, model="qwen").api_key == KEY
    assert resolve({}, config, tmp_path, model="deepseek").api_key == "sk-deepseek-11111111"


def test_config_file_settings(tmp_path):
    config = ('provider = "qwen"\ntimeout = 90\nmax_retries = 4\ntemperature = 0.3\nmax_tokens = 3000\n'
              f'api_key = "{KEY}"\nca_bundle = "/etc/ssl/corp.pem"\n[extra_body]\ntop_p = 0.8\n')
    settings = resolve({}, config, tmp_path)
    assert (settings.provider, settings.model, settings.timeout, settings.max_retries) == ("qwen", "qwen-plus", 90, 4)
    assert (settings.temperature, settings.max_tokens, settings.ca_bundle) == (0.3, 3000, "/etc/ssl/corp.pem")
    assert settings.extra_body == {"enable_thinking": False, "top_p": 0.8}


def test_yaml_config(tmp_path):
    settings = resolve({}, f"model: deepseek\napi_key: {KEY}\n", tmp_path, name="config.yaml")
    assert (settings.provider, settings.api_key) == ("deepseek", KEY)


def test_config_file_found_in_drafter_home(tmp_path):
    (tmp_path / "config.toml").write_text('model = "kimi"\n', encoding="utf-8")
    settings = resolve_settings(env={"DRAFTER_HOME": str(tmp_path), "MOONSHOT_API_KEY": KEY})
    assert settings.provider == "moonshot" and settings.api_key == KEY


@pytest.mark.parametrize(("config", "words"), [
    ('modle = "deepseek"\n', ["modle", "不认识的键"]),
    ('timeout = "long"\n', ["timeout"]),
    (f'api_key = "{KEY}\nmodel = "x"\n', ["格式有误", "第"]),
    ('provider = "nosuch"\n', ["nosuch", "deepseek"]),
])
def test_bad_config_is_an_input_error(tmp_path, config, words):
    with pytest.raises(InputError) as err:
        resolve({}, config, tmp_path, model="deepseek" if "provider" not in config else None)
    text = str(err.value)
    assert all(w in text for w in words), text
    assert KEY not in text


def test_bad_yaml_config_does_not_quote_the_key(tmp_path):
    with pytest.raises(InputError) as err:
        resolve({}, f"model: deepseek\napi_key: [{KEY}\n", tmp_path, name="config.yaml")
    assert KEY not in str(err.value) and "第" in str(err.value)


def test_bad_timeout_variable():
    with pytest.raises(InputError, match="DRAFTER_TIMEOUT"):
        resolve({"DRAFTER_TIMEOUT": "soon", "DEEPSEEK_API_KEY": KEY}, model="deepseek")
    assert resolve({"DRAFTER_TIMEOUT": "120", "DEEPSEEK_API_KEY": KEY}, model="deepseek").timeout == 120


def test_ca_bundle_and_proxy_from_environment():
    settings = resolve({"REQUESTS_CA_BUNDLE": "/etc/ssl/corp.pem", "DRAFTER_PROXY": "http://proxy:3128",
                        "DEEPSEEK_API_KEY": KEY}, model="deepseek")
    assert settings.ca_bundle == "/etc/ssl/corp.pem" and settings.proxy == "http://proxy:3128"


def test_missing_ca_bundle_is_an_input_error(tmp_path):
    settings = LLMSettings(model="m", base_url="https://api.deepseek.com", api_key=KEY,
                           ca_bundle=str(tmp_path / "nope.pem"))
    with pytest.raises(InputError, match="CA"):
        build_client(settings)


def test_no_key_for_a_preset_that_needs_one():
    settings = resolve({}, model="deepseek")
    assert settings.api_key is None and "DEEPSEEK_API_KEY" in settings.key_env
    with pytest.raises(LLMError) as err:
        build_client(settings)
    assert err.value.cause == "no_key" and "DEEPSEEK_API_KEY" in err.value.message


def test_the_key_is_not_in_repr():
    settings = resolve({"DEEPSEEK_API_KEY": KEY}, model="deepseek")
    assert KEY not in repr(settings) and KEY not in str(settings)


@pytest.mark.parametrize(("env", "expected"), [
    ({"DRAFTER_HOME": "/srv/drafter"}, Path("/srv/drafter")),
    ({"XDG_CONFIG_HOME": "/home/u/.cfg", "HOME": "/home/u"}, Path("/home/u/.cfg/drafter")),
    ({"HOME": "/home/u"}, Path("/home/u/.config/drafter")),
    ({"APPDATA": "C:/Users/u/AppData/Roaming"}, Path("C:/Users/u/AppData/Roaming/drafter")),
])
def test_drafter_home(env, expected):
    assert drafter_home(env) == expected


def test_every_preset_is_complete():
    for name, preset in presets().items():
        assert preset.base_url.startswith("http"), name
        assert preset.key_env or "no_key" in preset.quirks, name
