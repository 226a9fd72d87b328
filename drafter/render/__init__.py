"""The finished report as Markdown, HTML or Word, from a figures file or any report drafter reads.

``render_report`` returns the document (text for md/html, bytes for docx); ``write_report`` writes it atomically,
keeping an existing file as ``<name>.bak``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from drafter.errors import InputError
from drafter.files import write_atomic
from drafter.render.docx import render_docx
from drafter.render.html import render_html
from drafter.render.markdown import render_markdown
from drafter.report import Report


class OutputFormat(StrEnum):
    MARKDOWN = "md"
    DOCX = "docx"
    HTML = "html"


SUFFIXES = {".md": OutputFormat.MARKDOWN, ".markdown": OutputFormat.MARKDOWN, ".docx": OutputFormat.DOCX,
            ".html": OutputFormat.HTML, ".htm": OutputFormat.HTML}


def format_for(path: str | Path) -> OutputFormat | None:
    """The output format an output path's extension names, or None."""
    return SUFFIXES.get(Path(path).suffix.lower())


def check_output_name(path: str | Path, to: str | None = None) -> None:
    """Refuse an output name drafter cannot honour (a .pdf, a .doc) or one whose extension contradicts ``to``."""
    suffix = Path(path).suffix.lower()
    if suffix in (".pdf", ".doc", ".wps"):
        raise InputError(f"drafter 不能直接生成 {suffix} 文件", path=path,
                         hint="请输出 .docx（Word），需要时在 Word 或 WPS 中另存为 PDF")
    named = format_for(path)
    if to is not None and named is not None and named.value != to:
        raise InputError(f"--to {to} 与输出文件的扩展名 {suffix} 不一致", path=path,
                         hint=f"请去掉 --to（按扩展名决定格式），或把文件名改为以 .{to} 结尾")


def render_report(report: Report, to: str) -> bytes | str:
    """The complete six-part report in the format ``to`` (``md``, ``html`` or ``docx``)."""
    try:
        fmt = OutputFormat(to)
    except ValueError:
        raise InputError(f"不支持的输出格式“{to}”", hint="可选 md、docx、html") from None
    if fmt is OutputFormat.MARKDOWN:
        return render_markdown(report)
    if fmt is OutputFormat.HTML:
        return render_html(report)

    return render_docx(report)


def write_report(report: Report, path: str | Path, to: str) -> Path:
    """Render and write atomically; an existing file at ``path`` is kept as a numbered ``.bak``. Returns the path."""

    write_atomic(path, render_report(report, to))
    return Path(path)
