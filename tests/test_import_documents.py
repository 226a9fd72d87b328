"""Documents of our own in each input kind (Word with merged cells, a GBK web page, a PDF with a table broken
over a page), bad documents, and the round trip render → import."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.figures import labels as L
from drafter.read import read_report
from tests.conftest import CORPUS, ROOT, invoke
from tests.import_documents import AGENCY, PARTS, T2, T3, T4, TITLE, YEAR, build_docx

DATA = ROOT / "tests" / "data" / "import"


def _read(path: Path):
    return read_report(path, path.read_bytes())


@pytest.fixture(scope="module")
def docx_report(tmp_path_factory):
    path = build_docx(tmp_path_factory.mktemp("docx") / "county-2023.docx")
    return _read(path)


def _cells(report) -> tuple[dict, dict, dict]:
    f = report.figures
    t2: dict[str, list] = {}
    for row, _, cell in f.table2.cells():
        t2.setdefault(row, []).append(cell.raw)
    t3 = {rid: [getattr(f.table3.row(rid), a).raw for a, _ in L.T3_COLUMNS] for rid in f.table3.row_ids()}
    t4 = {rid: [getattr(b, a).raw for a, _ in L.T4_COLUMNS] for rid, _, b in f.table4.blocks()}
    return t2, t3, t4


def _assert_own_document(report) -> None:
    assert report.title.replace(" ", "") == TITLE
    assert (report.agency, report.year) == (AGENCY, YEAR)
    t2, t3, t4 = _cells(report)
    assert t2 == T2
    assert t3 == T3
    assert t4 == T4
    assert [s.numeral for s in report.sections] == list(L.SECTION_NUMERALS)
    for numeral, lines in PARTS.items():
        assert report.section(numeral).text.startswith("\n".join(lines)), numeral
    assert not [f for f in report.findings if f.severity == "warning"], [f.message for f in report.findings]


def test_docx_with_merged_cells(docx_report) -> None:
    assert docx_report.kind == "docx"
    _assert_own_document(docx_report)


def test_docx_blank_and_not_applicable_cells_stay_apart(docx_report) -> None:
    f = docx_report.figures
    assert f.table2.rules.issued.value is None and f.table2.rules.issued.raw == "/"
    assert f.table2.enforcement.decisions.raw == "无"
    other = f.table3.row("三（六）3")
    assert (other.natural.value, other.commercial.value, other.commercial.raw) == (1, None, "")
    assert f.table4.litigation.suit_after_review.upheld.raw == "—"


def test_gbk_page_inside_a_government_site() -> None:
    path = DATA / "county-gbk-2023.html"
    assert "charset=gb2312" in path.read_bytes()[:600].decode("ascii", "ignore")
    report = _read(path)
    assert report.kind == "html"
    _assert_own_document(report)
    assert "版权所有" not in report.section("六").text
    assert "隐藏" not in report.section("二").text


def test_pdf_with_a_table_broken_over_a_page() -> None:
    import pdfplumber

    path = DATA / "county-2023.pdf"
    with pdfplumber.open(path) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    # The document really breaks 表三 over a page: its rows are on two pages.
    on = [n for n, text in enumerate(pages) if "属于国家秘密" in text or "总计" in text]
    assert len(set(on)) >= 2
    _assert_own_document(_read(path))


@pytest.mark.parametrize("name, words", [
    ("county-2023-encrypted.pdf", "密码"),
    ("county-2023-scanned.pdf", "OCR"),
])
def test_unreadable_pdf_exits_2(name: str, words: str) -> None:
    result = invoke("import", str(DATA / name))
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_truncated_docx_exits_2(tmp_path) -> None:
    whole = build_docx(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    result = invoke("import", str(cut))
    assert result.returncode == 2
    assert "损坏" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("to", ["md", "html", "docx"])
@pytest.mark.parametrize("source", ["huaian-city-2024.txt", "huaian-hongze-2023.txt", "pingtan-2021.txt"])
def test_render_then_import_gives_identical_cells_and_parts(tmp_path, source: str, to: str) -> None:
    from drafter.figures.flat import to_cells
    from drafter.render import render_report

    original = _read(CORPUS / source)
    rendered = render_report(original, to)
    path = tmp_path / f"report.{to}"
    path.write_bytes(rendered.encode("utf-8") if isinstance(rendered, str) else rendered)
    again = _read(path)
    assert to_cells(again.figures) == to_cells(original.figures)
    assert [(s.numeral, s.title, s.text) for s in again.sections] == [
        (s.numeral, s.title, s.text) for s in original.sections]


def test_docx_automatic_numbering_is_shown_as_word_shows_it(docx_report) -> None:
    assert docx_report.section("五").text.endswith("\n1.改进栏目巡查机制。")


@pytest.mark.parametrize("encoding, declared", [("gb18030", False), ("utf-8-sig", False), ("utf-8", True)])
def test_html_encoding_declared_or_sniffed(tmp_path, encoding: str, declared: bool) -> None:
    from tests.import_documents import html_page

    page = html_page()
    if not declared:
        page = page.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', "")
    else:
        page = page.replace("charset=gb2312", "charset=utf-8")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode(encoding))
    _assert_own_document(_read(path))


def test_html_table3_with_an_extra_subtotal_column(tmp_path) -> None:
    """A 表三 with a 小计 column the format does not have: the other columns are read by their header."""
    from tests.import_documents import html_page

    page = html_page().replace('<td colspan="5">法人或其他组织</td>', '<td colspan="6">法人或其他组织</td>')
    page = page.replace("<td>其他</td></tr>", "<td>其他</td><td>小计</td></tr>", 1)
    lines = []
    for line in page.split("\n"):
        if line.startswith("<tr>") and line.count('<td align="center">') == 7:
            cells = line.split('<td align="center">')
            # cells[0] holds the labels; a subtotal (here “9”) goes between 其他 and 总计.
            line = '<td align="center">'.join(cells[:7]) + '<td align="center">9</td><td align="center">' + cells[7]
        lines.append(line)
    page = "\n".join(lines).replace('colspan="7">申请人情况', 'colspan="8">申请人情况')
    path = tmp_path / "subtotal.html"
    path.write_text(page, encoding="utf-8")
    report = _read(path)
    assert _cells(report)[1] == T3
    assert [(f.rule, f.location) for f in report.findings] == [("import.label", "表三/小计")]


def test_word_exported_html_comments_and_office_tags(tmp_path) -> None:
    from tests.import_documents import html_page

    page = html_page().replace("<body>", "<body><!--[if gte mso 9]><xml><w:WordDocument>一、总体情况</w:WordDocument>"
                               "</xml><![endif]-->", 1)
    page = page.replace('<td align="center">', '<td align="center"><span lang="EN-US"><o:p></o:p></span>')
    path = tmp_path / "word.htm"
    path.write_text(page, encoding="utf-8")
    _assert_own_document(_read(path))


def test_pdf_without_ruling_lines_labels_wrapping_over_lines() -> None:
    """表三 printed without rules, label cells wrapping (“1.属” / “于国” / “家秘” / “密”): rows are rebuilt from
    the lines; the one row whose blank cells vanish in the text (三（六）3) is flagged, not guessed."""
    report = _read(DATA / "county-2023-unruled.pdf")
    table3 = report.figures.table3
    assert table3.row("三（六）3") is None
    got = {rid: [getattr(table3.row(rid), a).raw for a, _ in L.T3_COLUMNS]
           for rid in table3.row_ids() if rid != "三（六）3"}
    assert got == {k: v for k, v in T3.items() if k != "三（六）3"}
    f = report.figures
    assert [c.raw for _, _, c in f.table2.cells()] == [v for values in T2.values() for v in values]
    assert [getattr(b, a).raw for _, _, b in f.table4.blocks() for a, _ in L.T4_COLUMNS] == [
        v for values in T4.values() for v in values]
    assert [(f.rule, f.location) for f in report.findings] == [("import.uncertain", "表三/三（六）3")]


def test_text_copied_from_an_unruled_pdf(tmp_path) -> None:
    """The same document as text copied out of the PDF viewer: rows as lines, labels wrapped over lines."""
    import pdfplumber

    with pdfplumber.open(DATA / "county-2023-unruled.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    path = tmp_path / "copied.txt"
    path.write_text(text, encoding="utf-8")
    report = _read(path)
    table3 = report.figures.table3
    got = {rid: [getattr(table3.row(rid), a).raw for a, _ in L.T3_COLUMNS]
           for rid in table3.row_ids() if rid != "三（六）3"}
    assert got == {k: v for k, v in T3.items() if k != "三（六）3"}
    for numeral, lines in PARTS.items():
        assert report.section(numeral).text.startswith("\n".join(lines)), numeral
    assert report.section("三").text == PARTS["三"][0]
    assert [(f.rule, f.location) for f in report.findings] == [("import.uncertain", "表三/三（六）3")]


def test_docx_part_headings_numbered_by_word(tmp_path) -> None:
    """Headings “一、总体情况” … whose numerals come from Word's automatic numbering (chineseCounting)."""
    import docx
    from docx.oxml import parse_xml

    source = build_docx(tmp_path / "plain.docx")
    document = docx.Document(str(source))
    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        "</w:lvl></w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for paragraph in document.paragraphs:
        for numeral, title in L.SECTION_TITLES.items():
            if paragraph.text == f"{numeral}、{title}":
                paragraph.text = title  # the numeral now comes from the numbering
                ppr = paragraph._p.get_or_add_pPr()
                ppr.append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    report = _read(path)
    assert [(s.numeral, s.title) for s in report.sections] == list(L.SECTION_TITLES.items())
    assert "总体情况" in [p.text for p in docx.Document(str(path)).paragraphs]  # no numeral in the text itself
    _assert_own_document(report)
