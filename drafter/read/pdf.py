"""PDF with a text layer into blocks: ruled tables (pdfplumber), prose lines re-joined into paragraphs.

Page footers (“- 3 -”) are dropped; a table continued on the next page is simply read on, since the assembler
recognises rows by their labels. A PDF without text (a scan) or with a password is refused with a clear message.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.errors import ImportFailed
from drafter.files import PDF_MAX_PAGES
from drafter.read.blocks import Block, Paragraph, Table, is_page_footer
from drafter.read.lines import row_of_line
from drafter.text import ITEM_OPENER

_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "）", "」", "”")


def read_pdf_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraphs and tables of a PDF, page by page in reading order.

    pdfminer's own warnings (English, on stderr) are kept from the user: a PDF whose content it could not fully
    decompress is refused as damaged, so that a report is never checked on half its text.
    """
    with _quiet_pdfminer() as noted:
        blocks, chars = _read_pages(path, data)
    if noted.damaged:
        raise ImportFailed("PDF 文件已损坏：部分内容无法解压，读出的文字和表格不完整", path=path,
                           hint="请重新下载该文件，或提供报告的网页、Word 版本")
    if chars == 0:
        raise ImportFailed("这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和表格", path=path,
                           hint="需要先做文字识别（OCR），或提供报告的网页、Word 版本")
    return _join_paragraphs(blocks)


_PASSWORD = ("PDF 文件有密码保护，无法读取", "请提供未加密的 PDF，或报告的网页、Word 版本")
_DAMAGED = ("PDF 文件已损坏或不完整，无法解析", "请重新下载该文件，或提供报告的网页、Word 版本")


def _read_pages(path: Path, data: bytes) -> tuple[list[Block], int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportFailed(_PASSWORD[0], path=path, hint=_PASSWORD[1]) from None
    except Exception as exc:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError …) for a damaged file
        cause = exc.args[0] if exc.args else exc
        if "password" in repr(cause).lower() or "encrypt" in repr(cause).lower():
            raise ImportFailed(_PASSWORD[0], path=path, hint=_PASSWORD[1]) from None
        raise ImportFailed(_DAMAGED[0], path=path, hint=_DAMAGED[1]) from None
    blocks: list[Block] = []
    chars = 0
    with pdf:
        try:
            pages = pdf.pages
            if len(pages) > PDF_MAX_PAGES:
                raise ImportFailed(f"PDF 共有 {len(pages)} 页，超过上限 {PDF_MAX_PAGES} 页，不像是一份年度报告",
                                   path=path, hint="年度报告通常只有十几页；请确认选择了正确的文件，"
                                                   "或只导出报告所在的页面")
            for page in pages:
                chars += len(page.chars)
                blocks.extend(_page_blocks(page))
        except ImportFailed:
            raise
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise ImportFailed(_PASSWORD[0], path=path, hint=_PASSWORD[1]) from None
        except RecursionError:
            raise ImportFailed("PDF 文件结构异常（嵌套过深），无法解析", path=path, hint=_DAMAGED[1]) from None
        except Exception:  # noqa: BLE001 - a damaged page: whatever pdfminer raised, the file is the cause
            raise ImportFailed(_DAMAGED[0], path=path, hint=_DAMAGED[1]) from None
    return blocks, chars


class _Noted(logging.Handler):
    """Collects pdfminer's log records instead of printing them; notes a data loss."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.damaged = False

    def emit(self, record: logging.LogRecord) -> None:
        if "corrupt" in record.getMessage().lower() or "data-loss" in record.getMessage().lower():
            self.damaged = True


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[_Noted]:
    logger = logging.getLogger("pdfminer")
    handler = _Noted()
    saved = logger.handlers[:], logger.propagate, logger.level
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield handler
    finally:
        logger.handlers, logger.propagate = saved[0], saved[1]
        logger.setLevel(saved[2])


def _page_blocks(page: Any) -> list[Block]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, Block]] = []
    for table, box in zip(tables, boxes, strict=True):
        rows = [[_clean(c) for c in row] for row in table.extract()]
        rows = [row for row in rows if any(c for c in row)]
        top = box[1]
        for k, block in enumerate(_split_frames(rows)):
            items.append((top + k * 0.001, block))
    text_page = page.filter(outside)
    right = max((c["x1"] for c in page.chars), default=page.width)
    size = _median([c["size"] for c in page.chars]) or 12
    for line in text_page.extract_text_lines(return_chars=False):
        text = line["text"].strip()
        if not text or is_page_footer(text):
            continue
        paragraph = Paragraph(text)
        # A line that runs to the right margin continues in the next line (a wrapped paragraph).
        paragraph.level = -1 if line["x1"] >= right - 1.5 * size else 0
        items.append((line["top"], paragraph))
    items.sort(key=lambda item: item[0])
    return [block for _, block in items]


def _split_frames(rows: list[list[str | None]]) -> list[Block]:
    """A ruled frame around prose is no table: a row with one cell and nothing else is a line of text."""
    out: list[Block] = []
    current: list[list[str | None]] = []
    for row in rows:
        filled = [c for c in row if c]
        if len(filled) == 1 and all(c is None for c in row if not c):
            if current:
                out.append(Table(current))
                current = []
            for line in filled[0].split("\n"):
                if line.strip() and not is_page_footer(line.strip()):
                    out.append(Paragraph(line.strip(), level=-1 if len(line) >= 20 else 0))
            continue
        current.append(row)
    if current:
        out.append(Table(current))
    return out


def _join_paragraphs(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, Paragraph) and isinstance(previous, Paragraph) and (
                row_of_line(block.text) or row_of_line(previous.text) or _ends_in_numbers(previous.text)):
            out.append(block)  # a table row printed without rules is a line of its own
            continue
        if (isinstance(block, Paragraph) and isinstance(previous, Paragraph) and previous.level == -1
                and not previous.text.endswith(_SENTENCE_END) and not ITEM_OPENER.match(block.text)) or (
                isinstance(block, Paragraph) and isinstance(previous, Paragraph) and previous.level == -1
                and not ITEM_OPENER.match(block.text)):
            previous.text += block.text
            previous.level = block.level
            continue
        out.append(block)
    for block in out:
        if isinstance(block, Paragraph) and block.level == -1:
            block.level = 0
    return out


def _ends_in_numbers(text: str) -> bool:
    """A line ending in three numbers or more is a table row whose label wraps, not wrapped prose."""
    tokens = text.split()
    return len(tokens) >= 4 and all(re.fullmatch(r"[\d.,/—-]+", t) for t in tokens[-3:])


def _clean(cell: str | None) -> str | None:
    if cell is None:
        return None
    return cell.strip()


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
