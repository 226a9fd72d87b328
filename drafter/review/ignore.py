"""Known false positives silenced for one report: ``--ignore RULE[:LOCATION]`` and the ``.drafter-ignore`` file.

The file sits next to the report and shares its name (``报告.docx`` → ``报告.drafter-ignore``); each line is
``RULE[:LOCATION]`` with an optional ``# reason``. The format is described in ``docs/ignore.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from drafter.errors import InputError
from drafter.files import decode_text, read_bytes
from drafter.findings import Finding

SUFFIX = ".drafter-ignore"
_RULE = re.compile(r"[a-z*?]+(?:\.[a-z_*?]+)?")
# Readers type full-width punctuation as often as ASCII; both separate rule, location and reason.
_COLON = re.compile(r"[:：]")
_HASH = re.compile(r"[#＃]")
MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Ignore:
    """One entry: a rule id (``*`` allowed), an optional location or part, why, and where it was written."""

    rule: str
    location: str | None = None
    reason: str = ""
    origin: str = ""

    def matches(self, finding: Finding) -> bool:
        """True when this entry silences the finding."""
        if not fnmatchcase(finding.rule, self.rule):
            return False
        if self.location is None:
            return True
        where = self.location
        for place in (finding.location, finding.section):
            if place and (fnmatchcase(place, where) or place.startswith(where.rstrip("/") + "/")):
                return True
        return False

    def describe(self) -> str:
        """The entry as written: ``rule:location``."""
        return f"{self.rule}:{self.location}" if self.location else self.rule


def parse_entry(text: str, *, origin: str = "", line: int | None = None) -> Ignore:
    """One ``RULE[:LOCATION] [# reason]`` entry; raises InputError naming the line when it is not one."""
    body, _, reason = (part.strip() for part in _partition(_HASH, text))
    rule, colon, location = (part.strip() for part in _partition(_COLON, body))
    where = f"第 {line} 行" if line is not None else "--ignore"
    if not _RULE.fullmatch(rule):
        raise InputError(f"{where}“{text.strip()}”不是“规则[:位置]”：规则应为 prose.table_mismatch 这样的编号",
                         path=origin or None, hint="规则编号见 docs/rules.md，写法见 docs/ignore.md")
    if colon and not location:
        raise InputError(f"{where}“{text.strip()}”的冒号后缺少位置", path=origin or None,
                         hint="写成 规则:位置（如 prose.table_mismatch:表三/一/总计），或去掉冒号忽略该规则的全部问题")
    return Ignore(rule, location or None, reason, origin)


def parse_ignores(text: str, origin: str = "") -> list[Ignore]:
    """Every entry of an ignore file (blank lines and ``#`` comments skipped)."""
    entries = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not _HASH.sub("#", line).split("#", 1)[0].strip():
            continue
        entries.append(parse_entry(line, origin=origin, line=number))
    return entries


def ignore_file(report: str | Path) -> Path:
    """The ignore file that belongs to a report: same folder, same name, ``.drafter-ignore``."""
    path = Path(report)
    return path.with_name(path.stem + SUFFIX) if path.suffix else path.with_name(path.name + SUFFIX)


def load_ignores(report: str | Path) -> list[Ignore]:
    """The entries of the report's own ignore file, or none when it has no such file."""
    path = ignore_file(report)
    if not path.is_file():
        return []
    return parse_ignores(decode_text(read_bytes(path, max_bytes=MAX_BYTES, what="忽略清单"), path), str(path))


def split_ignored(findings: list[Finding], entries: list[Ignore]) -> tuple[list[Finding], list[tuple[Finding, Ignore]]]:
    """The findings that stay, and the silenced ones with the entry that silenced each."""
    if not entries:
        return findings, []
    kept: list[Finding] = []
    silenced: list[tuple[Finding, Ignore]] = []
    for finding in findings:
        entry = next((e for e in entries if e.matches(finding)), None)
        if entry is None:
            kept.append(finding)
        else:
            silenced.append((finding, entry))
    return kept, silenced


def _partition(pattern: re.Pattern[str], text: str) -> tuple[str, str, str]:
    match = pattern.search(text)
    if match is None:
        return text, "", ""
    return text[: match.start()], match.group(0), text[match.end():]
