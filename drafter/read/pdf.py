"""PDF with a text layer into blocks: ruled tables (pdfplumber), prose lines re-joined into paragraphs.

Page footers (“- 3 -”) are dropped; a table continued on the next page is simply read on, since the assembler
recognises rows by their labels. A PDF without text (a scan) or with a password is refused with a clear message.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from drafter.errors import ImportFailed
from drafter.read.blocks import Block, Paragraph, Table, is_page_footer
from drafter.read.lines import row_of_line
from drafter.text import ITEM_OPENER

_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "）", "」", "”")


def read_pdf_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraphs and tables of a PDF, page by page in reading order."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportFailed("PDF 文件有密码保护，无法读取", path=path,
                           hint="请提供未加密的 PDF，或报告的网页、Word 版本") from None
    except (PDFSyntaxError, ValueError, TypeError, KeyError, AssertionError):
        raise ImportFailed("PDF 文件已损坏或不完整，无法打开", path=path,
                           hint="请重新下载该文件，或提供报告的网页、Word 版本") from None
    except Exception as exc:
        cause = exc.args[0] if exc.args else exc
        if "password" in repr(cause).lower() or "encrypt" in repr(cause).lower():
            raise ImportFailed("PDF 文件有密码保护，无法读取", path=path,
                               hint="请提供未加密的 PDF，或报告的网页、Word 版本") from None
        raise ImportFailed("PDF 文件已损坏或不完整，无法解析", path=path,
                           hint="请重新下载该文件，或提供报告的网页、Word 版本") from None
    blocks: list[Block] = []
    chars = 0
    with pdf:
        try:
            for page in pdf.pages:
                chars += len(page.chars)
                blocks.extend(_page_blocks(page))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise ImportFailed("PDF 文件有密码保护，无法读取", path=path) from None
    if chars == 0:
        raise ImportFailed("这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和表格", path=path,
                           hint="需要先做文字识别（OCR），或提供报告的网页、Word 版本")
    return _join_paragraphs(blocks)


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
