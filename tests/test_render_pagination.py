"""Word pagination and fonts: headings kept with what follows, rows unsplit, headers repeated, font fallbacks.

The XML properties are checked always; where LibreOffice is installed, the bundled example's draft is also
converted to PDF and its pages read back (what a reviewer sees when the file is printed).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE_FIGURES, ROOT
from render_fixtures import make_report

from drafter.figures import labels as L
from drafter.render import render_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


@pytest.fixture(scope="module")
def body():
    from lxml import etree

    document = _parts(render_report(make_report(), "docx"))["word/document.xml"]
    return etree.fromstring(document.encode("utf-8")).find(f"{W}body")


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _keeps(paragraph) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


def test_headings_title_and_table_leads_keep_with_next(body) -> None:
    children = list(body)
    headings = [p for p in children if p.tag == f"{W}p" and re.match(r"^[一二三四五六]、", _text(p))]
    assert len(headings) == 6 and all(_keeps(p) for p in headings)
    assert _keeps(children[0])  # the title
    tables = [i for i, el in enumerate(children) if el.tag == f"{W}tbl"]
    assert len(tables) == 3
    for i in tables:  # the paragraph just before each table (its lead sentence or its heading)
        assert _keeps(children[i - 1]), _text(children[i - 1])
    body_paragraphs = [p for p in children if p.tag == f"{W}p" and _text(p).startswith("2023年")]
    assert body_paragraphs and not any(_keeps(p) for p in body_paragraphs)  # ordinary text flows freely


def test_rows_never_split_and_headers_repeat(body) -> None:
    t2, t3, t4 = body.findall(f"{W}tbl")
    for table in (t2, t3, t4):
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    for table, header_rows in ((t3, 3), (t4, 3)):
        flags = [r.find(f"{W}trPr/{W}tblHeader") is not None for r in table.findall(f"{W}tr")]
        assert flags[:header_rows] == [True] * header_rows and not any(flags[header_rows:])


def _row_keeps(row) -> bool:
    return all(_keeps(p) for p in row.iter(f"{W}p"))


def test_table2_blocks_and_table4_kept_whole(body) -> None:
    t2, t3, t4 = body.findall(f"{W}tbl")
    rows = t2.findall(f"{W}tr")
    captions = [i for i, r in enumerate(rows) if _text(r).startswith("第二十条")]
    assert len(captions) == 4
    # Inside a block under its caption no page break; between blocks it may break, so that every part of a
    # continued 表二 starts with its caption and its 信息内容 header row.
    ends = [c - 1 for c in captions[1:]] + [len(rows) - 1]
    for i, row in enumerate(rows):
        assert _row_keeps(row) is (i not in ends), _text(row)
    t4_rows = t4.findall(f"{W}tr")
    assert [_row_keeps(r) for r in t4_rows] == [True] * (len(t4_rows) - 1) + [False]
    # 表三: header rows stay with the first row of numbers; the long body may break between rows.
    t3_rows = t3.findall(f"{W}tr")
    assert all(_row_keeps(r) for r in t3_rows[:3]) and not _row_keeps(t3_rows[5])


def test_font_fallbacks_declared() -> None:
    from lxml import etree

    parts = _parts(render_report(make_report(), "docx"))
    table = etree.fromstring(parts["word/fontTable.xml"].encode("utf-8"))
    fonts = {f.get(f"{W}name"): f for f in table.findall(f"{W}font")}
    alt = {name: f.find(f"{W}altName").get(f"{W}val") for name, f in fonts.items() if f.find(f"{W}altName") is not None}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["方正小标宋简体"] == "宋体"
    assert alt["黑体"] == "SimHei" and alt["宋体"] == "SimSun"
    assert {"仿宋", "楷体", "Noto Serif CJK SC", "Noto Sans CJK SC"} <= set(fonts)
    for name in ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"):
        font = fonts[name]
        assert font.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312
        assert font.find(f"{W}panose1") is not None and font.find(f"{W}sig") is not None
    assert fonts["黑体"].find(f"{W}family").get(f"{W}val") == "swiss"  # a sans face, unlike the others
    assert fonts["仿宋_GB2312"].find(f"{W}family").get(f"{W}val") == "roman"
    # Every run sets Chinese punctuation (“”, —) in its Chinese font.
    assert 'w:hint="eastAsia"' in parts["word/document.xml"] and "w:rFonts w:ascii" not in parts["word/document.xml"]


def test_fontconfig_fallbacks_shipped() -> None:
    conf = (ROOT / "drafter" / "data" / "fonts.conf").read_text(encoding="utf-8")
    for official, fallback in (("仿宋_GB2312", "Noto Serif CJK SC"), ("楷体_GB2312", "楷体"),
                               ("方正小标宋简体", "宋体"), ("黑体", "Noto Sans CJK SC")):
        block = conf.split(f"<family>{official}</family>", 1)[1].split("</alias>", 1)[0]
        assert f"<family>{fallback}</family>" in block


# ------------------------------------------------------------------------------------ LibreOffice, when installed

_HEADINGS = {f"{numeral}、{title}" for numeral, title in L.SECTION_TITLES.items()}
_TOOLS = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if shutil.which(tool) is None]


def _pages(pdf: Path, *, layout: bool) -> list[str]:
    flags = ["-layout"] if layout else ["-raw"]  # -raw: cell by cell, as LibreOffice draws them
    text = subprocess.run(["pdftotext", *flags, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    """The bundled example's offline draft as scripts/look.sh prints it: each page's text, in layout and drawing order."""
    folder = tmp_path_factory.mktemp("printed")
    subprocess.run(["bash", str(ROOT / "scripts" / "look.sh"), str(EXAMPLE_FIGURES), str(folder), "20"],
                   capture_output=True, check=True, timeout=300, env={**os.environ, "PYTHON": sys.executable})
    pdf = folder / "figures.pdf"
    return _pages(pdf, layout=True), _pages(pdf, layout=False)


def _lines(page: str) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]  # the page number


@pytest.mark.skipif(bool(_TOOLS), reason=f"LibreOffice/poppler not installed ({', '.join(_TOOLS)})")
def test_printed_pages_keep_headings_rows_and_headers(printed) -> None:
    layout, raw = printed
    assert len(layout) >= 3
    for number, page in enumerate(layout[:-1], 1):
        last = _lines(page)[-1]
        assert last not in _HEADINGS, f"第{number}页末尾是标题：{last}"
        assert not re.fullmatch(r"（[一二三四五六七八九十]+）\S{2,12}", last), f"第{number}页末尾是小标题：{last}"
        assert not last.startswith("第二十条"), f"第{number}页末尾是表二的栏目：{last}"
    # 表三 runs onto a second page in this document: its header is printed again there.
    squeezed = [re.sub(r"\s+", "", page) for page in raw]
    labels = [re.sub(r"\s+", "", row.label) for row in L.TABLE3_ROW.values()]
    t3_pages = [i for i, page in enumerate(squeezed) if any(label in page for label in labels)]
    assert len(t3_pages) >= 2, "表三在本文件中未跨页，测试未覆盖续表"
    for i in t3_pages:
        assert "申请人情况" in squeezed[i] and "法人或其他组织" in squeezed[i], f"第{i + 1}页的表三没有表头"
    # No row split: every row label of 表三 is printed whole on one page.
    for row in L.TABLE3_ROW.values():
        label = re.sub(r"\s+", "", row.label)
        assert any(label in page for page in squeezed), f"表三的一行跨页断开：{label}"
