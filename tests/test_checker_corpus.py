"""The checker over every real report of the corpus and the seed: each defect recorded in MANIFEST.tsv is found
with the right rule, no other error appears, and every remaining warning of the checker's own rules is listed
here with the reason it is right to show it.

Expectations were read off the documents and MANIFEST.tsv by hand (see the notes beside each entry).
"""

from __future__ import annotations

from collections import Counter

import pytest

from drafter.check.checker import check_report
from drafter.figures import UnitKind
from drafter.findings import Severity
from drafter.read.inputs import open_input
from tests.conftest import CORPUS, SEED

# Consecutive years of one agency: checked with last year's report, as a reviewer would.
PREVIOUS = {
    "pingtan-2020": "pingtan-2019", "pingtan-2021": "pingtan-2020", "pingtan-2022": "pingtan-2021",
    "pingtan-2023": "pingtan-2022", "pingtan-2024": "pingtan-2023", "pingtan-2025": "pingtan-2024",
    "huaian-hongze-2024": "huaian-hongze-2023", "suqian-city-2024": "suqian-city-2023",
}
OWN_RULES = ("prose.", "structure.", "diff.", "quality.", "check.")
# Depends on whether the importer reads the unit as a 人民政府: checked on its own below.
GOVERNMENT = "quality.government"

# report → every error finding, as (rule, location or part). table.blank is listed once per report for brevity.
ERRORS: dict[str, list[tuple[str, str]]] = {
    "huaian-city-2024": [],  # MANIFEST: arithmetic consistent, prose matches tables
    # MANIFEST: 表四 复议 维持10 纠正1 但总计0; 复议后起诉 维持5 但总计0
    "huaian-hongze-2023": [("table.sum", "表四/行政复议/总计"), ("table.sum", "表四/行政诉讼/复议后起诉/总计")],
    "huaian-hongze-2024": [],
    "pingtan-2019": [],
    "pingtan-2020": [
        # MANIFEST: result rows sum to 27 (自然人 26) but （七）总计 = 21 (自然人 20)
        ("table.sum", "表三/三（七）/自然人"), ("table.sum", "表三/三（七）/总计"),
        # Not in MANIFEST, and real: part 一 gives 2602 条 “其中” eleven categories that add up to 2603.
        ("prose.inconsistent", "一"),
    ],
    "pingtan-2021": [],
    "pingtan-2022": [("structure.section", "四")],  # MANIFEST: heading typo 四、政府信息公开行政法复议…
    "pingtan-2023": [("prose.table_mismatch", "表二/行政规范性文件/现行有效件数")],  # MANIFEST: 393 vs 470
    "pingtan-2024": [],
    "pingtan-2025": [],
    "shanghai-gov-office-2019": [
        ("table.blank", "表三"),  # MANIFEST: 总计 column blank for every result row
        ("table.blank", "表四"),  # MANIFEST: “blank cells kept blank” — 表四 leaves its zeros blank too
        ("prose.table_mismatch", "表三/三（一）+三（二）/总计"),  # MANIFEST: 予以公开及部分公开258 vs 272+3
        ("prose.table_mismatch", "表三/三（四）/总计"),  # MANIFEST: 无法提供265 = only the 不掌握 row (337)
        # MANIFEST: 复议7件，诉讼9件，均获维持 vs 尚未审结 2 (复议) and 1 (诉讼)
        ("prose.table_mismatch", "表四/行政复议/结果纠正+其他结果+尚未审结"),
        ("prose.table_mismatch", "表四/行政诉讼（未经复议直接起诉）+行政诉讼（复议后起诉）/结果纠正+其他结果+尚未审结"),
    ],
    "suqian-city-2023": [],
    "suqian-city-2024": [  # MANIFEST: 复议134 vs 170, 诉讼57 vs 25+52
        ("prose.table_mismatch", "表四/行政复议/总计"),
        ("prose.table_mismatch", "表四/行政诉讼（未经复议直接起诉）+行政诉讼（复议后起诉）/总计"),
    ],
    # The seed as published leaves every 表三 applicant column blank (only 总计 holds 0).
    "linqing-kjj-2021-report": [("table.blank", "表三")],
}

# report → every warning of the checker's own rules, each with why it is right.
WARNINGS: dict[str, list[tuple[str, str]]] = {
    # Part 五 uses 形式单一 / 需进一步加强 / 进一步加强 with few named objects or numbers.
    "huaian-city-2024": [("quality.problems", "五")],
    # MANIFEST: （六）其他处理 printed as one row, a 2019-format layout in a 2023 report.
    "huaian-hongze-2023": [("structure.old_format", "表三/三（六）")],
    "huaian-hongze-2024": [
        # 区政府办“代表区政府”受理17件 while 表三 (the whole district) holds 95: maybe only its own figure.
        ("prose.table_mismatch", "表三/一/总计"),
        ("structure.old_format", "表三/三（六）"),  # MANIFEST: same one-row （六）其他处理
        ("quality.last_year", "五"),  # part 五 says nothing of 2023's problems
        # Three paragraphs of part 一 repeat 2023's wording (72%–92% alike, numbers blanked).
        ("diff.copied", "一"), ("diff.copied", "一"), ("diff.copied", "一"),
    ],
    # 2019 report: part 一 is organised as 基本情况/主要做法 and never names 依申请公开 or 信息管理; part 六 is
    # silent on 信息处理费 (the 管理办法 dates from 2020, so the warning is informational here).
    "pingtan-2019": [("quality.topics", "一"), ("quality.fee", "六"),
                     # Real: part 一's 2599 条 with eleven categories, the last a catch-all (其他), that add up to 2533.
                     ("prose.inconsistent", "一")],
    "pingtan-2020": [("quality.fee", "六"), ("diff.copied", "一")],  # lead paragraph 76% like 2019's
    "pingtan-2021": [("quality.last_year", "五")],
    "pingtan-2022": [
        # MANIFEST: prose 收到申请75件 = 新收74 + 上年结转1; the warning names both readings.
        ("prose.table_mismatch", "表三/一/总计"),
        ("quality.last_year", "五"),
    ],
    "pingtan-2023": [("prose.inconsistent", "五"), ("quality.last_year", "五")],  # MANIFEST: 一是…三是…三是
    "pingtan-2024": [("quality.last_year", "五")],
    "pingtan-2025": [("quality.last_year", "五"), ("diff.copied", "一")],  # lead paragraph 69% like 2024's
    # 五、政府信息公开工作存在的主要问题及改进情况: the 2019-era title with extra words; part 六 is “无。”
    "shanghai-gov-office-2019": [("structure.section", "五"), ("quality.fee", "六")],
    "suqian-city-2023": [],
    "suqian-city-2024": [
        # 同比增长1.05%: 3646 against 2023's 3607 is +1.08% (and 新收 3525 vs 3511 is +0.40%).
        ("prose.table_mismatch", "表三/一+二/总计"),
        ("quality.last_year", "五"),
        ("diff.copied", "六"),  # the 信息处理费 paragraph follows 2023's wording (69%)
    ],
    "linqing-kjj-2021-report": [
        # Parts 二、三、四 have no headings: their tables are given as 附件2–4 “统计表模板”.
        ("structure.section", "二"), ("structure.section", "三"), ("structure.section", "四"),
        ("quality.problems", "五"),  # 一些不足 / 存在差距 / 落到实处, no named objects
        ("quality.fee", "六"),  # part 六 is “无”
    ],
}


def _path(name: str):
    return SEED if name == SEED.stem else CORPUS / f"{name}.txt"


def _key(finding) -> tuple[str, str]:
    key = finding.location or finding.section or ""
    if finding.rule == "table.blank":
        key = key.split("/")[0]
    return finding.rule, key


@pytest.fixture(scope="module")
def results() -> dict[str, list]:
    out = {}
    for name in ERRORS:
        report = open_input(_path(name))
        previous = open_input(_path(PREVIOUS[name])) if name in PREVIOUS else None
        out[name] = check_report(report, previous=previous)
    return out


def test_every_report_is_listed() -> None:
    names = {p.stem for p in CORPUS.glob("*.txt") if not p.stem.endswith(".source-page")}
    assert names | {SEED.stem} == set(ERRORS) == set(WARNINGS)


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_are_exactly_the_recorded_defects(name: str, results: dict[str, list]) -> None:
    errors = {_key(f) for f in results[name] if f.severity is Severity.ERROR}
    assert errors == set(ERRORS[name])


@pytest.mark.parametrize("name", list(WARNINGS))
def test_warnings_of_the_checker_are_the_listed_ones(name: str, results: dict[str, list]) -> None:
    warnings = Counter(_key(f) for f in results[name]
                       if f.severity is Severity.WARNING and f.rule.startswith(OWN_RULES) and f.rule != GOVERNMENT)
    assert warnings == Counter(WARNINGS[name])


@pytest.mark.parametrize("name", list(WARNINGS))
def test_government_topics_are_asked_of_governments_only(name: str, results: dict[str, list]) -> None:
    report = open_input(_path(name))
    flagged = [f for f in results[name] if f.rule == GOVERNMENT]
    if report.figures is None or report.figures.meta.kind != UnitKind.GOVERNMENT:
        assert flagged == []
    for finding in flagged:  # 工作考核、社会评议和责任追究: the words the part does not use are named
        assert finding.severity is Severity.WARNING and "责任追究" in finding.message


def test_findings_quote_the_sentence_and_name_the_cell(results: dict[str, list]) -> None:
    finding = next(f for f in results["suqian-city-2024"] if f.location == "表四/行政复议/总计")
    assert (finding.expected, finding.actual) == (170, 134)
    assert "行政复议案件134件" in finding.quote and "170" in finding.message
    ambiguous = next(f for f in results["pingtan-2022"] if f.rule == "prose.table_mismatch")
    assert (ambiguous.expected, ambiguous.actual) == (74, 75)
    assert "上年结转" in ambiguous.message and "75" in ambiguous.message


def test_group_figure_that_equals_one_sub_row_is_explained(results: dict[str, list]) -> None:
    finding = next(f for f in results["shanghai-gov-office-2019"] if f.location == "表三/三（四）/总计")
    assert (finding.expected, finding.actual) == (337, 265)
    assert "本机关不掌握" in finding.message


# Every defect MANIFEST.tsv records, with the rule that must report it (any severity).
RECORDED: list[tuple[str, str, str]] = [
    ("huaian-hongze-2023", "table.sum", "表四/行政复议/总计"),
    ("huaian-hongze-2023", "table.sum", "表四/行政诉讼/复议后起诉/总计"),
    ("huaian-hongze-2023", "structure.old_format", "表三/三（六）"),  # （六）其他处理 as one row
    ("huaian-hongze-2024", "structure.old_format", "表三/三（六）"),
    ("pingtan-2020", "table.sum", "表三/三（七）/总计"),
    ("pingtan-2022", "structure.section", "四"),
    ("pingtan-2022", "prose.table_mismatch", "表三/一/总计"),
    ("pingtan-2023", "prose.table_mismatch", "表二/行政规范性文件/现行有效件数"),
    ("pingtan-2023", "crossyear.in_force", "表二/行政规范性文件/现行有效件数"),
    ("pingtan-2023", "prose.inconsistent", "五"),
    ("pingtan-2024", "crossyear.in_force", "表二/行政规范性文件/现行有效件数"),
    ("pingtan-2025", "crossyear.in_force", "表二/行政规范性文件/现行有效件数"),
    ("shanghai-gov-office-2019", "table.blank", "表三"),
    ("shanghai-gov-office-2019", "prose.table_mismatch", "表三/三（一）+三（二）/总计"),
    ("shanghai-gov-office-2019", "prose.table_mismatch", "表三/三（四）/总计"),
    ("shanghai-gov-office-2019", "prose.table_mismatch", "表四/行政复议/结果纠正+其他结果+尚未审结"),
    ("suqian-city-2024", "prose.table_mismatch", "表四/行政复议/总计"),
    ("suqian-city-2024", "prose.table_mismatch", "表四/行政诉讼（未经复议直接起诉）+行政诉讼（复议后起诉）/总计"),
]


@pytest.mark.parametrize(("name", "rule", "where"), RECORDED)
def test_recorded_defect_is_found_with_its_rule(name: str, rule: str, where: str, results: dict[str, list]) -> None:
    assert (rule, where) in {_key(f) for f in results[name]}
