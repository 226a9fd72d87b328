"""Published reports (text, Markdown, HTML, DOCX, PDF) into sections and figures, without an LLM."""

from __future__ import annotations

from pathlib import Path

from drafter.document import Report
from drafter.errors import ImportFailed


def read_report(path: Path, data: bytes) -> Report:
    """Read a published report; the kind is recognised from the content."""
    raise ImportFailed("暂不支持读取已发布的报告，请提供 figures 文件", path=path)
