"""Chinese text compared sentence by sentence: splitting, alignment, similarity, character-level changes.

The one similarity of drafter: ``diff`` aligns the parts of two years with it, and ``diff.copied`` (in ``check
--previous`` and in ``diff`` alike, :mod:`drafter.check.copying`) measures copying with it.

Sentences end at 。；！？ and at line breaks that end a paragraph. A line break inside a sentence (text copied
from a PDF, where lines wrap mid-sentence) is not a boundary, so two years wrapped differently still align.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from drafter.text import ITEM_OPENER

SENTENCE_END = "。；！？"
# A line ends a paragraph when it ends like one, or when the next line starts a numbered item or heading.
_PARAGRAPH_END = set(SENTENCE_END + "：:）)」”")
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[”’」』）)]*|\n|$)")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
# Sentences at least this similar count as the same sentence, changed.
CHANGED_SIMILARITY = 0.5
PREFILTER = 0.25  # least share of shared character pairs (Dice) worth a full comparison


class Op(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Pair:
    """One step of an alignment: a sentence of last year (``old``), of this year (``new``), or both."""

    op: Op
    old: str = ""
    new: str = ""
    similarity: float = 0.0


def fold_text(text: str) -> str:
    """Text without whitespace, full-width digits and letters folded (what comparison sees)."""
    return _SPACE.sub("", text).translate(_FOLD)


_FOLD = str.maketrans("０１２３４５６７８９：；，（）", "0123456789:;,()")


def unwrap_lines(text: str) -> list[str]:
    """The paragraphs of a text whose lines may wrap mid-sentence."""
    paragraphs: list[str] = []
    current = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and (current[-1] in _PARAGRAPH_END or ITEM_OPENER.match(line) or _is_heading(current)):
            paragraphs.append(current)
            current = ""
        current += line
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_heading(line: str) -> bool:
    """A short numbered line without closing punctuation: a sub-heading such as “（一）主动公开”."""
    return len(line) <= 20 and bool(ITEM_OPENER.match(line))


def compared_sentences(text: str) -> list[str]:
    """The sentences of a text, each with its closing punctuation; blanks dropped."""
    out: list[str] = []
    for paragraph in unwrap_lines(text):
        out += [s.strip() for s in _SENTENCE.findall(paragraph) if s.strip()]
    return out


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0–1 (difflib's ratio over their characters, whitespace ignored)."""
    a, b = fold_text(a), fold_text(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(old: list[str], new: list[str]) -> list[Pair]:
    """Last year's and this year's sentences in reading order, equal ones matched, changed ones paired."""
    old_keys, new_keys = [fold_text(s) for s in old], [fold_text(s) for s in new]
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [Pair(Op.EQUAL, old[i], new[j], 1.0) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        else:
            pairs += _pair_block(old[i1:i2], new[j1:j2])
    return pairs


def _bigrams(text: str) -> set[str]:
    text = fold_text(text)
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _pair_block(old: list[str], new: list[str]) -> list[Pair]:
    """Pair a block of differing sentences by similarity, keeping both sides in order."""
    if not old:
        return [Pair(Op.INSERTED, new=s) for s in new]
    if not new:
        return [Pair(Op.DELETED, old=s) for s in old]
    # Best partner for each new sentence among the old ones after the last partner taken (order kept).
    # Sentences sharing few character pairs cannot reach CHANGED_SIMILARITY: skip the costly ratio for them.
    old_grams = [_bigrams(s) for s in old]
    pairs: list[Pair] = []
    waiting: list[Pair] = []  # this year's new sentences, shown after last year's dropped ones
    i = 0
    for sentence in new:
        grams = _bigrams(sentence)
        best, best_at = 0.0, -1
        for k in range(i, len(old)):
            shared = len(grams & old_grams[k])
            if 2 * shared < PREFILTER * (len(grams) + len(old_grams[k])):
                continue
            score = similarity(old[k], sentence)
            if score > best:
                best, best_at = score, k
        if best >= CHANGED_SIMILARITY:
            pairs += [Pair(Op.DELETED, old=s) for s in old[i:best_at]] + waiting
            waiting = []
            op = Op.EQUAL if fold_text(old[best_at]) == fold_text(sentence) else Op.CHANGED
            pairs.append(Pair(op, old[best_at], sentence, best))
            i = best_at + 1
        else:
            waiting.append(Pair(Op.INSERTED, new=sentence))
    return pairs + [Pair(Op.DELETED, old=s) for s in old[i:]] + waiting


def aligned_similarity(pairs: list[Pair]) -> float:
    """Similarity of two texts from their sentence alignment: 2 × matched characters / all characters.

    Unlike a ratio over the whole texts, characters common to unrelated sentences (的, 政府, 公开) do not count.
    """
    matched = total = 0.0
    for pair in pairs:
        size = len(fold_text(pair.old)) + len(fold_text(pair.new))
        total += size
        if pair.op in (Op.EQUAL, Op.CHANGED):
            matched += pair.similarity * size
    return matched / total if total else 1.0


def char_changes(old: str, new: str) -> list[tuple[Op, str]]:
    """A changed sentence as runs of kept, deleted and inserted characters."""
    runs: list[tuple[Op, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append((Op.EQUAL, old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            runs.append((Op.DELETED, old[i1:i2]))
        if tag in ("insert", "replace"):
            runs.append((Op.INSERTED, new[j1:j2]))
    return runs
