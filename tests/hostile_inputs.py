"""Hostile inputs generated for tests/test_hostile_files.py and benchmarks/hostile_sweep.py (one copy of each)."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path


def damaged_pdf_bytes(source: Path) -> bytes:
    """A real PDF with 200 bytes a third of the way in replaced by random ones (always the same ones)."""
    data = bytearray(source.read_bytes())
    rng = random.Random(1)
    start = len(data) // 3
    for i in range(200):
        data[start + i] = rng.randrange(256)
    return bytes(data)


def pdf_of_pages(pages: int) -> bytes:
    """A minimal valid PDF of ``pages`` pages with one line of text each."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    content = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    kids = []
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def inflate_into(package: Path, entry: str, megabytes: int, fill: bytes = b"\0") -> None:
    """Add (or create) ``entry`` in the zip ``package``: ``megabytes`` MB of one byte, deflated to almost nothing."""
    with zipfile.ZipFile(package, "a", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open(entry, "w") as out:
        for _ in range(megabytes):
            out.write(fill * (1024 * 1024))


def xlsx_bomb(path: Path, megabytes: int) -> Path:
    """A workbook-shaped package whose one sheet inflates to ``megabytes`` MB."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    inflate_into(path, "xl/worksheets/sheet1.xml", megabytes, b" ")
    return path
