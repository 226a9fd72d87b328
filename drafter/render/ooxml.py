"""The package around a Word document body: content types, relationships, styles, settings, page-number footers.

Written as text and zipped directly, so rendering Word needs no template and no Word library at run time (the
CLI must start fast). The parts are the minimum Word and LibreOffice need for a GB/T 9704 page.
"""

from __future__ import annotations

import io
import re
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A fixed time stamp: the same report renders to the same bytes.
_STAMP = (2021, 1, 1, 0, 0, 0)


def xml_text(text: str) -> str:
    """Text made safe for XML: markup escaped, characters XML forbids dropped."""
    # str.replace, not xml.sax.saxutils: that import alone costs ~50 ms of start-up.
    text = _INVALID.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run_xml(text: str, *, east_asian: str, size_half_points: int, latin: str) -> str:
    """One ``w:r`` with its fonts and size; ``\\n`` becomes a line break."""
    # hint="eastAsia": “ ” — …, which Unicode shares between scripts, are set in the Chinese font (full width).
    props = (f'<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" '
             f'w:cs="{latin}"/><w:sz w:val="{size_half_points}"/><w:szCs w:val="{size_half_points}"/></w:rPr>')
    pieces = [f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>' for piece in text.split("\n")]
    return f"<w:r>{props}{'<w:br/>'.join(pieces)}</w:r>"


def _content_types() -> str:
    parts = [("/word/document.xml", f"{_CT}.document.main+xml"), ("/word/styles.xml", f"{_CT}.styles+xml"),
             ("/word/settings.xml", f"{_CT}.settings+xml"), ("/word/footer1.xml", f"{_CT}.footer+xml"),
             ("/word/footer2.xml", f"{_CT}.footer+xml"), ("/word/fontTable.xml", f"{_CT}.fontTable+xml"),
             ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")]
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in parts)
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def _relationships(items: list[tuple[str, str, str]]) -> str:
    rels = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in items)
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _styles(*, east_asian: str, latin: str, size: int, line: int) -> str:
    return (f'{_HEAD}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asian}" w:cs="{latin}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
            f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/><w:jc w:val="both"/>'
            '</w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
            '<w:tblPr><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
            '</w:tblCellMar></w:tblPr></w:style></w:styles>')


# The fonts the document names, and what a reader without them should use. Word and WPS substitute a missing
# font by its altName, then by panose, charset (86 = GB2312) and family: 仿宋_GB2312 → 仿宋 (FangSong), 楷体_GB2312
# → 楷体 (KaiTi), 方正小标宋简体 → 宋体 (SimSun), all on stock Windows. The fallbacks get entries of their own so
# that their Latin names are known too. LibreOffice ignores these hints and asks fontconfig, which maps every
# unknown CJK name to one sans font: drafter/data/fonts.conf declares the same fallbacks there (with Noto / 思源).
FONTS: dict[str, tuple[str, str | None, str]] = {
    # name: (family, altName, panose1)
    "仿宋_GB2312": ("roman", "仿宋", "02010609030101010101"),
    "楷体_GB2312": ("roman", "楷体", "02010609030101010101"),
    "方正小标宋简体": ("roman", "宋体", "02000000000000000000"),
    "黑体": ("swiss", "SimHei", "02010609060101010101"),
    "宋体": ("roman", "SimSun", "02010600030101010101"),
    "仿宋": ("roman", "FangSong", "02010609060101010101"),
    "楷体": ("roman", "KaiTi", "02010609060101010101"),
    "Noto Serif CJK SC": ("roman", "思源宋体", "02020400000000000000"),
    "Noto Sans CJK SC": ("swiss", "思源黑体", "020B0500000000000000"),
    "Times New Roman": ("roman", None, "02020603050405020304"),
}
# Unicode and code-page coverage Word records for the Chinese fonts (CJK, GB2312), also used when substituting.
_CJK_SIG = ('<w:sig w:usb0="800002BF" w:usb1="38CF7CFA" w:usb2="00000016" w:usb3="00000000" '
            'w:csb0="00040001" w:csb1="00000000"/>')


def _font_table() -> str:
    fonts = []
    for name, (family, alt, panose) in FONTS.items():
        cjk = name != "Times New Roman"
        alt_xml = f'<w:altName w:val="{xml_text(alt)}"/>' if alt else ""
        charset = '<w:charset w:val="86"/>' if cjk else '<w:charset w:val="00"/>'
        fonts.append(f'<w:font w:name="{xml_text(name)}">{alt_xml}<w:panose1 w:val="{panose}"/>{charset}'
                     f'<w:family w:val="{family}"/><w:pitch w:val="variable"/>{_CJK_SIG if cjk else ""}</w:font>')
    return f'{_HEAD}<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'


def _settings() -> str:
    # evenAndOddHeaders: odd pages carry the number on the right, even pages on the left (GB/T 9704 §7.5).
    return (f'{_HEAD}<w:settings xmlns:w="{W_NS}"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting '
            'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat></w:settings>')


def _footer(*, right: bool, font: str, size: int, inset: int) -> str:
    """“— n —” in 4号 宋体, one character in from the outer edge."""
    align = f'<w:jc w:val="right"/><w:ind w:right="{inset}"/>' if right else \
        f'<w:jc w:val="left"/><w:ind w:left="{inset}"/>'
    run = lambda text: run_xml(text, east_asian=font, size_half_points=size, latin=font)  # noqa: E731
    return (f'{_HEAD}<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>{align}</w:pPr>'
            f'{run("— ")}<w:fldSimple w:instr="PAGE">{run("1")}</w:fldSimple>{run(" —")}</w:p></w:ftr>')


def _core(title: str) -> str:
    return (f'{_HEAD}<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{xml_text(title)}</dc:title><dc:language>zh-CN</dc:language>"
            "<dc:creator>drafter</dc:creator></cp:coreProperties>")


def package(body: str, sect_pr: str, *, title: str, body_font: str, latin: str, size: int, line: int,
            footer_font: str, footer_size: int, footer_inset: int) -> bytes:
    """A complete .docx from the body's XML and its section properties (which name footers rIdOdd/rIdEven)."""
    document = (f'{_HEAD}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{sect_pr}</w:body>'
                "</w:document>")
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships([
            ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
            ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml")]),
        "word/_rels/document.xml.rels": _relationships([
            ("rIdStyles", f"{_REL}/styles", "styles.xml"), ("rIdSettings", f"{_REL}/settings", "settings.xml"),
            ("rIdOdd", f"{_REL}/footer", "footer1.xml"), ("rIdEven", f"{_REL}/footer", "footer2.xml"),
            ("rIdFonts", f"{_REL}/fontTable", "fontTable.xml")]),
        "word/document.xml": document,
        "word/styles.xml": _styles(east_asian=body_font, latin=latin, size=size, line=line),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(),
        "word/footer1.xml": _footer(right=True, font=footer_font, size=footer_size, inset=footer_inset),
        "word/footer2.xml": _footer(right=False, font=footer_font, size=footer_size, inset=footer_inset),
        "docProps/core.xml": _core(title),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
