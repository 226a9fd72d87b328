"""Title, agency, year and the six parts as published, with offsets into the text for text sources."""

from __future__ import annotations

import pytest

from drafter.figures import labels as L
from drafter.read import read_report
from tests.conftest import CORPUS, SEED

TEXTS = [SEED] + sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".source-page.txt"))


def _read(path):
    return read_report(path, path.read_bytes())


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_six_parts_in_order_with_offsets(path) -> None:
    report = _read(path)
    # The seed titles its tables “附件2 …统计表模板” instead of parts 二–四.
    expected = ["一", "五", "六"] if path == SEED else list(L.SECTION_NUMERALS)
    assert [s.numeral for s in report.sections] == expected
    for section in report.sections:
        piece = report.text[section.start:section.end]
        assert piece.startswith(f"{section.numeral}、{section.title}")
        # The body as read is a subsequence of the part's text in the file.
        first_line = section.text.splitlines()[0] if section.text else ""
        assert first_line in piece


def test_part_titles_as_published() -> None:
    shanghai = _read(CORPUS / "shanghai-gov-office-2019.txt")
    assert shanghai.section("五").title == "政府信息公开工作存在的主要问题及改进情况"
    pingtan = _read(CORPUS / "pingtan-2022.txt")
    assert pingtan.section("四").title == "政府信息公开行政法复议、行政诉讼情况"


def test_seed_title_preface_and_parts() -> None:
    report = _read(SEED)
    assert report.title == "临清市科学技术局2021年度政府信息公开工作年度报告"
    assert report.preface.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert "统计期限自2021年1月1日" in report.preface
    assert report.section("六").text == "无"
    assert report.section("一").text.startswith("2021年，临清市科技局")
    # Table captions and “附件” lines are not prose.
    assert "第二十条" not in report.section("一").text and "附件2" not in report.section("一").text


def test_hongze_title_over_two_lines_and_page_footers_dropped() -> None:
    report = _read(CORPUS / "huaian-hongze-2023.txt")
    assert report.title == "洪泽区人民政府2023 年政府信息公开工作年度报告"
    assert "- 1 -" not in report.section("一").text
    assert report.section("六").text.endswith("信息处理费 0 元。")


def test_part_text_excludes_table_rows() -> None:
    report = _read(CORPUS / "suqian-city-2023.txt")
    assert report.section("三").text == ""
    assert report.section("四").text == ""


def test_contact_website_and_publication_date_as_printed() -> None:
    city = _read(CORPUS / "huaian-city-2024.txt").figures.meta
    assert city.contact is not None
    assert (city.contact.address, city.contact.postcode, city.contact.phone, city.contact.email) == (
        "淮安市翔宇南道1号", "223001", "0517-83605210", "hazwgkc@163.com")
    assert city.kind == "人民政府"
    shanghai = _read(CORPUS / "shanghai-gov-office-2019.txt").figures.meta
    assert str(shanghai.publish_date) == "2020-01-31"
    page = _read(CORPUS / "pingtan-2021.source-page.txt").figures.meta
    assert (str(page.publish_date), page.website) == ("2022-02-08", "www.pingtan.gov.cn")
    seed = _read(SEED).figures.meta
    assert seed.contact is None and seed.publish_date is None
