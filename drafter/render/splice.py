"""Replace the body of one part of an existing report file, leaving every other byte as it was.

Text and Markdown files are spliced at the byte level in their own encoding and line endings; in Word files the
part's paragraphs are replaced (through python-docx) by paragraphs of the one Word writer,
:func:`drafter.render.docx.part_xml`. The old file is kept as a backup (``name.bak``); the new one is written
atomically.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.figures.labels import SECTION_NUMERALS
from drafter.files import (
    REPORT_MAX_BYTES,
    FileKind,
    check_writable,
    check_zip,
    decode,
    read_bytes,
    sniff,
    write_atomic,
)
from drafter.read.build import text_sections
from drafter.read.inputs import is_figures_text
from drafter.render.docx import part_xml
from drafter.text import CN_NUMERALS, any_part_heading, part_heading


@dataclass(frozen=True, slots=True)
class Spliced:
    """Where the new text went and where the old file was kept."""

    path: Path
    backup: Path | None


def _later(numeral: str) -> str:
    return "".join(SECTION_NUMERALS[SECTION_NUMERALS.index(numeral) + 1:])


def splice_text(text: str, numeral: str, body: str, *, markdown: bool = False) -> str:
    """``text`` with the body of part ``numeral`` (between its heading and the next part's) replaced by ``body``."""
    if "\r" in text and "\n" not in text:  # classic Mac line ends: splice as LF, give the file its CRs back
        return splice_text(text.replace("\r", "\n"), numeral, body, markdown=markdown).replace("\n", "\r")
    # The parts where the reader finds them, so that any heading ``check`` reads (“五，…”) can be replaced.
    sections = text_sections(text)
    part = next((s for s in sections if s.numeral == numeral and s.start is not None), None)
    if part is None or part.start is None:
        raise InputError(f"报告中没有找到“{numeral}、”开头的第{numeral}部分标题",
                         hint="请确认该部分标题单独成行，如“五、存在的主要问题及改进情况”")
    newline = "\r\n" if "\r\n" in text else "\n"
    line_end = text.find("\n", part.start)
    start = len(text) if line_end < 0 else line_end
    following = next((s.start for s in sections if s.numeral in _later(numeral) and s.start is not None), None)
    end = following if following is not None else len(text)
    # Keep the blank lines that separated the old body from the next heading (or the file's end) as they were.
    old = text[start:end]
    tail = old[len(old.rstrip()):]
    lead = old[: len(old) - len(old.lstrip())] if old.strip() else newline
    lead = lead if newline in lead else newline
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body.strip()) if p.strip()]
    if markdown:
        # Sub-headings written the way this file writes its own (“### （一）…”, “**（一）…**” or plain).
        style = re.search(rf"^(#{{1,6}} |\*\*)?（[{CN_NUMERALS}]+）[^\n]{{1,24}}$", text, re.M)
        prefix = style.group(1) or "" if style else ""
        suffix = "**" if prefix == "**" else ""
        paragraphs = [f"{prefix}{p}{suffix}" if _is_subheading(p) else p for p in paragraphs]
    separator = newline * 2 if markdown or "\n\n" in old.replace("\r\n", "\n") else newline
    new_body = separator.join(paragraphs)
    return text[:start] + lead + new_body + (tail if tail else newline) + text[end:]


def _is_subheading(paragraph: str) -> bool:
    return bool(re.fullmatch(rf"（[{CN_NUMERALS}]+）[^。；：:]{{1,20}}", paragraph))


def check_replaceable(path: str | Path, numeral: str) -> None:
    """Raise the InputError that :func:`replace_part` would, before any drafting is paid for."""

    p = Path(path)
    data = read_bytes(p, max_bytes=REPORT_MAX_BYTES, what="报告")
    if sniff(data, p) is FileKind.DOCX:
        _docx_heading(_open_docx(data, p), numeral, p)
    else:
        text, _ = _text_of(data, p)
        _named(lambda: splice_text(text, numeral, ""), p)
    check_writable(p)


def replace_part(path: str | Path, numeral: str, body: str) -> Spliced:
    """Replace part ``numeral`` of the report file at ``path``; returns the path and the backup's path."""
    p = Path(path)
    data = read_bytes(p, max_bytes=REPORT_MAX_BYTES, what="报告")
    if sniff(data, p) is FileKind.DOCX:
        return Spliced(p, write_atomic(p, _splice_docx(data, numeral, body, p)))
    text, encoding = _text_of(data, p)
    markdown = p.suffix.lower() in (".md", ".markdown") or bool(re.search(r"^#{1,6} ", text, re.M))
    new = _named(lambda: splice_text(text, numeral, body, markdown=markdown), p)
    return Spliced(p, write_atomic(p, new.encode(encoding)))


def _text_of(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a report that can be spliced as text, and its encoding; refuses PDF, HTML, figures files."""

    kind = sniff(data, path)
    if kind is FileKind.PDF:
        raise InputError("PDF 文件不能直接修改", path=path, hint="请改用 Word（.docx）或文本、Markdown 文件")
    if kind in (FileKind.ZIP, FileKind.XLSX, FileKind.OLE):
        raise InputError("这不是 Word（.docx）、文本或 Markdown 文件，不能直接修改", path=path,
                         hint="请改用 Word（.docx）或文本、Markdown 文件")
    text, encoding = decode(data, path)
    if re.search(r"<(?:html|body|p|div)[\s>]", text[:5000], re.I):
        raise InputError("暂不支持直接修改 HTML 报告", path=path, hint="请另存为 Word（.docx）、文本或 Markdown 后再重新生成")
    if is_figures_text(text):
        raise InputError("这是 figures 文件，不是报告，没有可替换的第五部分", path=path,
                         hint="要从 figures 文件起草，请用 drafter draft FIGURES -o 报告.md；"
                              "regenerate 用于修改已写好的报告文件")
    return text, encoding


def _named(make: Callable[[], str], path: Path) -> str:
    """Run ``make``; an InputError it raises names ``path``."""
    try:
        return make()
    except InputError as exc:
        exc.path = exc.path or str(path)
        raise


# ------------------------------------------------------------------------------------------ Word


def _open_docx(data: bytes, path: Path) -> Any:
    import docx

    check_zip(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a damaged package
        raise InputError("Word 文件已损坏或不完整，无法打开", path=path,
                         hint="请在 Word 或 WPS 中打开并重新另存为 .docx 后再试") from None


def _docx_heading(document: Any, numeral: str, path: Path) -> Any:
    head = next((p for p in document.paragraphs if part_heading(p.text, numeral)), None)
    if head is None:
        raise InputError(f"Word 文件中没有找到第{numeral}部分的标题（“{numeral}、”开头的段落）", path=path,
                         hint="请确认该部分标题单独成段，如“五、存在的主要问题及改进情况”")
    return head


def _splice_docx(data: bytes, numeral: str, body: str, path: Path) -> bytes:
    from lxml import etree

    document = _open_docx(data, path)
    head = _docx_heading(document, numeral, path)
    later = _later(numeral)
    container = head._element.getparent()
    old: list = []
    sibling = head._element.getnext()
    while sibling is not None:
        text = "".join(t.text or "" for t in sibling.iter() if t.tag.endswith("}t"))
        if sibling.tag.endswith("}p") and any_part_heading(text, later):
            break
        if sibling.tag.endswith("}sectPr"):
            break
        old.append(sibling)
        sibling = sibling.getnext()
    # The paragraphs written by the one Word writer (render/docx.py), never copies of whatever paragraph came first.
    anchor = head._element
    for para in etree.fromstring(part_xml(numeral, body).encode("utf-8")):
        anchor.addnext(para)
        anchor = para
    for element in old:
        container.remove(element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
