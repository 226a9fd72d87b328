"""Recognising what a report file is from its content (the extension only breaks ties)."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.report import SourceKind

_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body|table|div|p|meta)[\s>/]", re.IGNORECASE)


def detect_kind(path: Path, data: bytes) -> SourceKind | None:
    """The kind of a report file, or None when it is none we read (a legacy .doc, an image, an archive)."""
    if data.startswith(b"%PDF"):
        return SourceKind.PDF
    if data.startswith(b"PK\x03\x04"):
        return SourceKind.DOCX if b"word/" in data[:65536] or path.suffix.lower() == ".docx" else None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (Notepad's “Unicode”): look at it as text
        data = data[:131072].decode("utf-16", errors="ignore").encode("utf-8")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML.search(head[:1024]) or head[:1].startswith(b"<") and _HTML.search(data[:65536]):
        return SourceKind.HTML
    if path.suffix.lower() in (".md", ".markdown"):
        return SourceKind.MARKDOWN
    if re.search(rb"^#{1,3} ", data[:65536], re.MULTILINE) and re.search(rb"^\|.*\|\s*$", data, re.MULTILINE):
        return SourceKind.MARKDOWN
    return SourceKind.TEXT
