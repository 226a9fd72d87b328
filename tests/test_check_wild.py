"""The checker on the kinds of wording and layout real sites produce (issue 10).

Every sentence here is written for the test; the real openings in ``../shared/corpus/wild-dev`` are used by path
(``test_wild_dev_*``) and scored by ``benchmarks/bench_wild.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.check.checker import check_report
from drafter.check.figures import attribute_to_source
from drafter.errors import ImportFailed
from drafter.findings import Severity
from drafter.read import read_report
from tests.conftest import CORPUS

WILD = CORPUS / "wild-dev"


def _read(text: str, name: str = "report.txt"):
    return read_report(Path(name), text.encode("utf-8"))


def _check(text: str):
    report = _read(text)
    return attribute_to_source(check_report(report), report)


def _errors(findings, rule: str | None = None):
    return [f for f in findings if f.severity is Severity.ERROR and (rule is None or f.rule == rule)]


PART_ONE = ("一、总体情况\n{lead}本单位认真贯彻《中华人民共和国政府信息公开条例》，推进政务公开工作。\n"
            "（一）主动公开\n全年在门户网站主动公开政府信息35条。\n")


# ------------------------------------------------------------------------------------------ partial reports


@pytest.mark.parametrize("lead, year", [
    ("本报告所列数据的统计时限为2021年1月1日至2021年12月31日。\n", 2021),
    ("本报告数据统计时段为2022年1月1日至12月31日。\n", 2022),
    ("统计起止时间为2023年1月1日至2023年12月31日。\n", 2023),
    ("报告数据时间为2024年1月1日至2024年12月31日。\n", 2024),
    ("现公布本局2020年政府信息公开工作年度报告如下。\n", 2020),
    ("特向社会公布2025年度信息公开工作情况报告。\n", 2025),
    ("2019年，", 2019),
])
def test_year_of_a_part_one_pasted_alone(lead: str, year: int) -> None:
    report = _read(PART_ONE.format(lead=lead))
    assert report.year == year
    assert [s.numeral for s in report.sections] == ["一"]


def test_partial_report_is_checked_and_missing_parts_are_warnings() -> None:
    findings = _check("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(lead=""))
    missing = [f for f in findings if f.rule == "structure.section"]
    assert {f.section for f in missing} == {"二", "三", "四", "五", "六"}
    assert all(f.severity is Severity.WARNING for f in missing)
    assert not _errors(findings)


def test_a_gap_between_parts_is_still_an_error() -> None:
    text = ("某县某局2023年政府信息公开工作年度报告\n" + PART_ONE.format(lead="") +
            "三、收到和处理政府信息公开申请情况\n见下表。\n")
    missing = [f for f in _check(text) if f.rule == "structure.section" and f.section == "二"]
    assert missing and missing[0].severity is Severity.ERROR


def test_text_without_a_report_is_still_refused() -> None:
    with pytest.raises(ImportFailed):
        _read("一、总体情况\n今天天气晴，气温二十度。\n")


def test_a_cited_guide_title_is_no_placeholder() -> None:
    findings = _check("某县某局2020年政府信息公开工作年度报告\n本报告依据《年度报告格式（试行）及编写说明》编制。\n"
                      + PART_ONE.format(lead=""))
    assert not [f for f in findings if f.rule == "prose.placeholder"]


# ------------------------------------------------------------------------------------------ the development set


def _truths() -> list[Path]:
    return sorted(WILD.glob("*.truth.json")) if WILD.exists() else []


@pytest.mark.skipif(not WILD.exists(), reason="../shared/corpus/wild-dev is not here")
def test_wild_dev_refuses_only_texts_without_a_report_year() -> None:
    refused = []
    for truth_path in _truths():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = WILD / truth["file"]
        try:
            read_report(path, path.read_bytes())
        except ImportFailed:
            if truth["year"] is not None:
                refused.append(truth["file"])
    assert len(refused) <= 7, refused
