"""The lexicon file (``drafter/data/lexicon.yaml``) is validated: a misspelt key is an error naming its line."""

from __future__ import annotations

import pytest

from drafter.check.lexicon import LEXICON_PATH, lexicon_from_text, load_lexicon
from drafter.errors import InputError

TEXT = LEXICON_PATH.read_text(encoding="utf-8")


def test_the_shipped_lexicon_is_valid() -> None:
    lexicon = load_lexicon()
    assert lexicon.indicators and lexicon.claims
    assert lexicon.claim_words.part_markers and lexicon.words.future


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_a_misspelt_key_is_named_with_its_line() -> None:
    text = TEXT.replace("    units: [件, 个, 宗]\n    value: ['t3:二:total']", "    unit: [件, 个, 宗]\n    value: ['t3:二:total']", 1)
    assert text != TEXT
    with pytest.raises(InputError) as caught:
        lexicon_from_text(text, "lexicon.yaml")
    message = str(caught.value)
    assert f"第 {_line(text, '    unit: [件')} 行" in message
    assert "未知的键“unit”" in message and "units" in message


def test_a_missing_key_and_a_bad_regex_are_named() -> None:
    text = TEXT.replace("  - id: apps.carried\n    name: 上年结转的申请\n", "  - id: apps.carried\n", 1)
    text = text.replace("pattern: '部分公开[^#]{0,6}#'", "pattern: '部分公开[^#{0,6}#'", 1)
    with pytest.raises(InputError) as caught:
        lexicon_from_text(text, "lexicon.yaml")
    message = str(caught.value)
    assert "缺少这一项" in message and "name" in message
    assert "不是有效的正则表达式" in message


def test_yaml_errors_are_in_chinese() -> None:
    with pytest.raises(InputError) as caught:
        lexicon_from_text("indicators:\n  - id: a\n   name: b\n", "lexicon.yaml")
    assert "YAML 格式错误" in str(caught.value)


def test_a_misspelt_section_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        lexicon_from_text(TEXT.replace("\nclaim_words:", "\nclaim_word:", 1), "lexicon.yaml")
    assert "claim_word" in str(caught.value) and "claim_words" in str(caught.value)
