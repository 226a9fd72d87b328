"""diff on the corpus's consecutive years: the cross-year breaks recorded in MANIFEST.tsv and no false ones.

Expected values are read off MANIFEST.tsv's notes (e.g. 平潭 2023: “cross-year 698+77-132=643 != 470”).
Needs the importer; skips only while drafter.read cannot read the corpus.
"""

from __future__ import annotations

import json

import pytest

from drafter.diff import diff_reports
from drafter.read.inputs import open_input
from tests.conftest import CORPUS, invoke

# (previous, current, 现行有效 breaks as (expected, actual) per MANIFEST, 表二 comparable)
PAIRS = [
    ("pingtan-2019", "pingtan-2020", [], True),
    ("pingtan-2020", "pingtan-2021", [], False),  # 2019 → 2021 format change
    ("pingtan-2021", "pingtan-2022", [], True),  # 665+88-55=698 consistent, 结转1 = 上年结转1
    ("pingtan-2022", "pingtan-2023", [(643, 470)], True),
    ("pingtan-2023", "pingtan-2024", [(499, 440)], True),
    ("pingtan-2024", "pingtan-2025", [(453, 546)], True),
    ("huaian-hongze-2023", "huaian-hongze-2024", [], True),  # 5+3-0=8, 结转0 → 上年结转0
    ("suqian-city-2023", "suqian-city-2024", [], True),  # 结转121, 597+50-227=420, 规章 11+2-1=12
]


def _open(name: str):
    return open_input(CORPUS / f"{name}.txt")


@pytest.mark.parametrize(("previous", "current", "breaks", "table2"), PAIRS,
                         ids=[f"{p}->{c.rsplit('-', 1)[1]}" for p, c, _, _ in PAIRS])
def test_crossyear_breaks_as_recorded(previous: str, current: str, breaks: list[tuple[int, int]],
                                      table2: bool) -> None:
    result = diff_reports(_open(previous), _open(current))
    crossyear = [f for f in result.findings if f.rule.startswith("crossyear.")]
    assert [(f.expected, f.actual) for f in crossyear if f.rule == "crossyear.in_force"] == breaks
    assert all(f.location == "表二/行政规范性文件/现行有效件数" for f in crossyear)
    for finding, (_, actual) in zip(crossyear, breaks, strict=True):
        assert finding.extra["cells"][-1]["value"] == actual
    assert not [f for f in crossyear if f.rule != "crossyear.in_force"]  # no carry-over break, no pairing warning
    assert result.table2_comparable is table2
    assert ("diff.not_comparable" in {f.rule for f in result.findings}) is (not table2)
    assert result.compared > 150  # 表三 (7 columns × 24–26 rows) and 表四 (15) always compared


def test_hongze_copied_passage_and_restated_plans() -> None:
    result = diff_reports(_open("huaian-hongze-2023"), _open("huaian-hongze-2024"))
    copied = [f for f in result.findings if f.rule == "diff.copied" and f.section == "一"]
    assert copied and copied[0].quote.startswith("（一）主动公开情况。主要通过政府门户网站主动公开政府")
    plans = [f for f in result.findings if f.rule == "diff.plans_repeated"]
    assert len(plans) == 1 and "一是扎实推进依申请公开工作" in plans[0].quote
    # the carry-over rows: 0 → 0 in both years, so no delta there
    assert not any(d.location.startswith("表三/二/") for d in result.deltas)
    d = next(d for d in result.deltas if d.location == "表三/一/总计")
    assert (d.before, d.after) == (21, 95)


def test_different_agencies_from_the_corpus_warn() -> None:
    result = diff_reports(_open("huaian-city-2024"), _open("huaian-hongze-2024"))
    messages = [f.message for f in result.findings if f.rule == "crossyear.mismatch"]
    assert any("机关不同" in m for m in messages) and any("同一年度" in m for m in messages)


@pytest.mark.parametrize(("previous", "current", "words"), [
    ("pingtan-2023", "pingtan-2022", "不早于本年"),  # previous newer than current
    ("huaian-city-2024", "huaian-hongze-2024", "机关不同"),
    ("pingtan-2022", "pingtan-2022", "两份文件内容相同"),
])
def test_cli_bad_pairs_warn_clearly(previous: str, current: str, words: str) -> None:
    _open(previous)  # skip while the importer cannot read the corpus
    result = invoke("diff", str(CORPUS / f"{previous}.txt"), str(CORPUS / f"{current}.txt"), "--format", "json")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    doc = json.loads(result.stdout)
    assert any(words in f["message"] and f["severity"] == "warning" for f in doc["findings"])


def test_hongze_from_the_original_pdfs_matches_the_text() -> None:
    pdfs = [open_input(CORPUS / f"huaian-hongze-{year}.pdf") for year in (2023, 2024)]
    texts = [_open(f"huaian-hongze-{year}") for year in (2023, 2024)]
    from_pdf, from_text = diff_reports(*pdfs), diff_reports(*texts)
    assert not [f for f in from_pdf.findings if f.rule.startswith("crossyear.")]
    assert [d.to_dict() for d in from_pdf.deltas] == [d.to_dict() for d in from_text.deltas]
    assert {f.rule for f in from_pdf.findings} == {f.rule for f in from_text.findings}


def test_copied_passages_only_where_text_was_carried_over() -> None:
    # 洪泽区 2024 repeats three paragraphs of 2023's part 一 and its 2023 plans (part 五); 平潭 2020 and 2025 open
    # part 一 with last year's lead paragraph reworded (its numbers updated); 宿迁 2024 keeps 2023's wording of the
    # 信息处理费 paragraph. The other pairs share no more than sub-headings and one short formula.
    found = {}
    for previous, current, _, _ in PAIRS:
        result = diff_reports(_open(previous), _open(current))
        found[current] = sorted((f.rule, f.section) for f in result.findings if f.rule.startswith("diff.")
                                and f.rule != "diff.not_comparable")
    assert found.pop("huaian-hongze-2024") == [("diff.copied", "一")] * 3 + [("diff.plans_repeated", "五")]
    assert found.pop("pingtan-2020") == found.pop("pingtan-2025") == [("diff.copied", "一")]
    assert found.pop("suqian-city-2024") == [("diff.copied", "六")]
    assert all(rules == [] for rules in found.values()), found


@pytest.mark.parametrize(("previous", "current"), [(p, c) for p, c, _, _ in PAIRS])
def test_check_previous_and_diff_agree_on_copying(previous: str, current: str) -> None:
    # Bug 3 of issue 9: the two commands measured copying two ways and disagreed on the 平潭 pairs.
    from drafter.check.checker import check_report

    def copied(findings):
        return sorted((f.section, str(f.severity), f.actual, f.quote) for f in findings if f.rule == "diff.copied")

    before, after = _open(previous), _open(current)
    assert copied(diff_reports(before, after).findings) == copied(check_report(after, previous=before))
