"""drafter/data/*.yaml are validated against their models: a misspelt key is an error naming the file, key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.lexicon import LEXICON_PATH, LexiconFile
from drafter.datafile import load_data_file
from drafter.draft.offline.phrases import PHRASES_PATH, PhraseFile
from drafter.errors import InputError
from drafter.llm.providers import PROVIDERS_PATH, ProvidersFile, presets


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def _misspelt(tmp_path: Path, source: Path, old: str, new: str, model: type, what: str) -> tuple[str, int]:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    text = text.replace(old, new, 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data_file(path, model, what=what)
    return str(caught.value), _line(text, new)


@pytest.mark.parametrize(("source", "old", "new", "model", "what", "meant"), [
    (LEXICON_PATH, "    units: [件, 个, 宗]", "    unit: [件, 个, 宗]", LexiconFile, "词典文件", "units"),
    (PROVIDERS_PATH, "  default_model: deepseek-chat", "  default_modle: deepseek-chat", ProvidersFile,
     "服务预设文件", "default_model"),
    (PHRASES_PATH, "  proactive:\n", "  proactiv:\n", PhraseFile, "起草用语文件", "proactive"),
    (PHRASES_PATH, "    petition:\n", "    petitoin:\n", PhraseFile, "起草用语文件", "petition"),
])
def test_a_misspelt_key_is_named_with_its_file_and_line(tmp_path, source, old, new, model, what, meant) -> None:
    message, line = _misspelt(tmp_path, source, old, new, model, what)
    key = new.strip().split(":")[0]
    assert source.name in message and what in message
    assert f"第 {line} 行" in message
    assert f"未知的键“{key}”" in message and f"是否应为“{meant}”" in message


def test_an_unknown_quirk_is_refused_in_chinese(tmp_path) -> None:
    message, line = _misspelt(tmp_path, PROVIDERS_PATH, "  quirks: [no_key, think_tags, no_response_format]",
                              "  quirks: [no_key, think_tag, no_response_format]", ProvidersFile, "服务预设文件")
    assert f"第 {line} 行" in message and "“think_tag”不是可选值" in message and "think_tags" in message


def test_a_sentence_with_no_phrasing_is_refused(tmp_path) -> None:
    text = PHRASES_PATH.read_text(encoding="utf-8")
    start = text.index("    fees:\n")
    end = text.index("\n  on_request:", start)
    path = tmp_path / PHRASES_PATH.name
    path.write_text(text[:start] + "    fees: []" + text[end:], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data_file(path, PhraseFile, what="起草用语文件")
    assert "fees" in str(caught.value) and "至少要有一项" in str(caught.value)


def test_the_shipped_files_are_valid() -> None:
    assert load_data_file(PHRASES_PATH, PhraseFile).overview.lead
    assert "deepseek" in presets() and presets()["deepseek"].rules_for("deepseek-reasoner")
