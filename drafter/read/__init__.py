"""Published reports (text, Markdown, HTML, DOCX, PDF) into sections and figures, without an LLM."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import DrafterError, ImportFailed
from drafter.files import DOCUMENT_SUFFIXES, FileKind, decode_text, is_container, sniff, zip_kind
from drafter.read.build import build_report
from drafter.read.docx import read_docx_blocks
from drafter.read.html import read_html_blocks
from drafter.read.pdf import read_pdf_blocks
from drafter.read.sourcepage import looks_run_together, read_run_together
from drafter.read.text import read_text_blocks
from drafter.read.traditional import is_traditional, to_simplified
from drafter.report import Report, SourceKind


def read_report(path: Path, data: bytes) -> Report:
    """Read a published report; the kind is recognised from the content."""
    try:
        return _read(path, data)
    except ImportFailed as exc:
        _note_misleading_suffix(exc, path, data)
        raise
    except DrafterError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError, OSError) as exc:
        # A document shaped in a way the readers did not foresee: say so plainly (the cause stays chained).
        raise ImportFailed(f"读取报告时出错（{type(exc).__name__}：{exc}）", path=path,
                           hint="这可能是 drafter 的缺陷，请把该文件反馈给开发者；也可以换用报告的其他版本（网页、Word、PDF）") from exc


def _note_misleading_suffix(exc: ImportFailed, path: Path, data: bytes) -> None:
    """A .docx or .pdf name on a plain text or web page file: say so, it is the likelier cause of the failure."""
    name = DOCUMENT_SUFFIXES.get(path.suffix.lower())
    if name is None or name == "Excel" or is_container(data):
        return
    kind = sniff(data, path)
    if kind in (FileKind.TEXT, FileKind.MARKDOWN, FileKind.HTML):
        what = "网页（HTML）" if kind is FileKind.HTML else "纯文本"
        exc.message += f"；另外，文件名是 {path.suffix}，内容却是{what}，并不是真正的 {name} 文件"


def _read(path: Path, data: bytes) -> Report:
    kind = sniff(data, path)
    if kind in (FileKind.ZIP, FileKind.XLSX):
        raise ImportFailed(f"这是{zip_kind(data)}，不是 Word 文件", path=path,
                           hint="请提供报告的 Word（.docx）、PDF、网页或复制出的文本")
    if kind is FileKind.OLE:
        raise ImportFailed("这是旧版 Word（.doc）或其他 Office 文件，无法直接读取", path=path,
                           hint="请在 Word 或 WPS 中另存为 .docx 后再试")
    if kind is FileKind.PDF:
        blocks = read_pdf_blocks(path, data)
        return build_report(SourceKind.PDF, blocks, path)
    if kind is FileKind.DOCX:
        blocks = read_docx_blocks(path, data)
        return build_report(SourceKind.DOCX, blocks, path)
    if kind is FileKind.HTML:
        blocks = read_html_blocks(path, data)
        return build_report(SourceKind.HTML, blocks, path)

    source = SourceKind.MARKDOWN if kind is FileKind.MARKDOWN else SourceKind.TEXT
    text = decode_text(data, path)
    traditional = is_traditional(text)
    if traditional:  # before the tables are looked for: their anchors are simplified words
        text = to_simplified(text)

    if looks_run_together(text):
        blocks, findings = read_run_together(text)
        return build_report(source, blocks, path, text=text, run_together=True, findings=findings,
                            traditional=traditional)
    return build_report(source, read_text_blocks(text), path, text=text, traditional=traditional)
