"""Every figures rule with passing and failing cases, on the example and on real published defects."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.check.crossyear import check_crossyear
from drafter.check.figures import check_figures
from drafter.figures import Figures
from drafter.figures.file import load_figures
from tests.conftest import EXAMPLE_FIGURES, ROOT

DATA = ROOT / "tests" / "data" / "figures"
TODAY = date(2026, 11, 26)


def example_data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))


def build(data: dict[str, Any], *, lenient: bool = False) -> Figures:
    return Figures.model_validate(data, context={"lenient": lenient})


def rules_of(figures: Figures, previous: Figures | None = None) -> list[tuple[str, str | None]]:
    return [(f.rule, f.location) for f in check_figures(figures, previous, today=TODAY)]


def busy() -> dict[str, Any]:
    """A consistent, busy agency: 10 new + 2 carried = 9 answered + 3 carried forward."""
    data = example_data()
    t3 = data["表三"]
    t3["一、本年新收政府信息公开申请数量"] = [8, 2, 0, 0, 0, 0]
    t3["二、上年结转政府信息公开申请数量"] = [2, 0, 0, 0, 0, 0]
    results = t3["三、本年度办理结果"]
    results["（一）予以公开"] = [4, 1, 0, 0, 0, 0]
    results["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] = [1, 0, 0, 0, 0, 0]
    results["（四）无法提供"]["1.本机关不掌握相关政府信息"] = [2, 1, 0, 0, 0, 0]
    t3["四、结转下年度继续办理"] = [3, 0, 0, 0, 0, 0]
    data["表四"]["行政复议"] = {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    return data


def test_example_and_busy_agency_are_clean() -> None:
    assert rules_of(build(example_data())) == []
    assert rules_of(build(busy())) == []


def test_balance_names_column_and_values() -> None:
    data = busy()
    data["表三"]["四、结转下年度继续办理"] = [3, 0, 1, 0, 0, 0]  # 科研机构 carried forward out of nowhere
    findings = check_figures(build(data), today=TODAY)
    [balance] = [f for f in findings if f.rule == "table.balance"]
    assert balance.message.startswith("表三 第三列（科研机构）：一+二=0，三（七）总计+四=1")
    assert balance.location == "表三/三（七）/科研机构"


def test_given_totals_are_checked() -> None:
    data = busy()
    data["表三"]["一、本年新收政府信息公开申请数量"] = [8, 2, 0, 0, 0, 0, 11]  # 总计 column wrong (R3)
    data["表三"]["三、本年度办理结果"]["（七）总计"] = [6, 2, 0, 0, 0, 0]  # （七）row wrong for 自然人 (R2)
    data["表四"]["行政诉讼"]["复议后起诉"] = [1, 0, 0, 0, 2]  # 表四 total wrong (R5)
    found = rules_of(build(data))
    assert ("table.sum", "表三/一/总计") in found
    assert ("table.sum", "表三/三（七）/自然人") in found
    assert ("table.sum", "表四/行政诉讼/复议后起诉/总计") in found


def test_left_out_totals_are_computed_not_blank() -> None:
    figures = build(busy())
    assert figures.table3.value("三（七）", "total") == 9
    assert figures.table3.value("一", "total") == 10
    assert figures.table4.review.value("total") == 2


@pytest.mark.parametrize("raw", ["", "/", "—", "无"])
def test_blank_and_not_applicable_are_kept_apart_and_flagged(raw: str) -> None:
    data = example_data()
    data["表二"]["行政强制"] = {"本年处理决定数量": raw}
    figures = build(data, lenient=True)
    cell = figures.table2.enforcement.decisions
    assert cell.value is None and cell.raw == raw
    assert cell.is_blank == (raw == "")
    assert cell.is_not_applicable == (raw != "")
    assert ("table.blank", "表二/行政强制/本年处理决定数量") in rules_of(figures)


def test_zero_is_not_blank() -> None:
    figures = build(example_data())
    cell = figures.table2.enforcement.decisions
    assert cell.value == 0 and not cell.is_blank


def test_missing_row_is_one_finding() -> None:
    data = example_data()
    del data["表三"]["三、本年度办理结果"]["（五）不予处理"]["2.重复申请"]
    findings = [f for f in check_figures(build(data), today=TODAY) if f.rule == "table.blank"]
    assert len(findings) == 1
    assert findings[0].location == "表三/三（五）2" and "整行未填写" in findings[0].message


def test_negative_in_imported_report_is_a_finding() -> None:
    data = busy()
    data["表四"]["行政复议"] = {"结果维持": -1, "结果纠正": 0, "其他结果": 0, "尚未审结": 0}
    assert ("table.negative", "表四/行政复议/结果维持") in rules_of(build(data, lenient=True))


def test_fee_in_yuan_not_wanyuan_is_warned() -> None:
    data = example_data()
    data["表二"]["行政事业性收费"] = {"本年收费金额": 125000}
    [finding] = check_figures(build(data), today=TODAY)
    assert finding.rule == "table.plausible" and finding.severity == "warning" and "万元" in finding.message


def test_county_fee_of_thousands_of_wanyuan_is_plausible() -> None:
    figures = load_figures(DATA / "hongze-2023.yaml")
    assert not [f for f in check_figures(figures, today=TODAY) if f.rule == "table.plausible"]


def test_rules_counted_below_city_level_is_warned() -> None:
    data = example_data()
    data["表二"]["规章"] = {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 6}
    [finding] = check_figures(build(data), today=TODAY)
    assert finding.rule == "table.plausible" and "规章" in finding.message and "县级" in finding.message
    data["基本信息"]["行政层级"] = "设区的市级"
    assert check_figures(build(data), today=TODAY) == []


@pytest.mark.parametrize(("year", "flagged"), [(2007, True), (2019, True), (2021, False), (2026, False), (2027, True)])
def test_implausible_report_year(year: int, flagged: bool) -> None:
    data = example_data()
    data["基本信息"]["报告年度"] = year
    assert (("meta.year", "基本信息/报告年度") in rules_of(build(data))) == flagged


def test_non_integer_count_is_warned() -> None:
    data = example_data()
    data["表二"]["行政许可"] = {"本年处理决定数量": 2.5}
    assert rules_of(build(data)) == [("table.plausible", "表二/行政许可/本年处理决定数量")]


# ------------------------------------------------------------------------------------------ real defects


def test_hongze_2023_table4_totals_as_published() -> None:
    found = rules_of(load_figures(DATA / "hongze-2023.yaml"))
    assert found == [("table.sum", "表四/行政复议/总计"), ("table.sum", "表四/行政诉讼/复议后起诉/总计")]


def test_pingtan_2020_table3_totals_as_published() -> None:
    findings = check_figures(load_figures(DATA / "pingtan-2020.yaml"), today=TODAY)
    assert [(f.rule, f.location, f.expected, f.actual) for f in findings] == [
        ("table.sum", "表三/三（七）/自然人", 26, 20),
        ("table.sum", "表三/三（七）/总计", 27, 21),
    ]


def test_one_row_other_handling_counts_in_the_total() -> None:
    figures = load_figures(DATA / "pingtan-2020.yaml")
    assert figures.table3.other_is_one_row()
    assert "三（六）" in figures.table3.result_row_ids()
    assert figures.table3.computed_results_total("natural") == 26


# ------------------------------------------------------------------------------------------ cross-year


def _year(data: dict[str, Any], year: int) -> dict[str, Any]:
    data["基本信息"]["报告年度"] = year
    return data


def test_carryover_matches() -> None:
    previous = build(_year(busy(), 2020))
    current = example_data()
    current["表三"]["二、上年结转政府信息公开申请数量"] = [3, 0, 0, 0, 0, 0]
    current["表三"]["四、结转下年度继续办理"] = [3, 0, 0, 0, 0, 0]
    assert check_crossyear(build(current), previous) == []


def test_carryover_break_is_an_error_per_column() -> None:
    previous = build(_year(busy(), 2020))  # 四 = 3 自然人
    findings = check_crossyear(build(example_data()), previous)
    assert [(f.rule, f.severity, f.location, f.expected, f.actual) for f in findings] == [
        ("crossyear.carryover", "error", "表三/二/自然人", 3, 0)]


def test_in_force_is_a_warning() -> None:
    previous = _year(example_data(), 2020)
    previous["表二"]["行政规范性文件"] = {"本年制发件数": 2, "本年废止件数": 0, "现行有效件数": 665}
    current = example_data()
    current["表二"]["行政规范性文件"] = {"本年制发件数": 88, "本年废止件数": 55, "现行有效件数": 698}
    assert check_crossyear(build(current), build(previous)) == []
    current["表二"]["行政规范性文件"]["现行有效件数"] = 393
    [finding] = check_crossyear(build(current), build(previous))
    assert finding.rule == "crossyear.in_force" and finding.severity == "warning"
    assert (finding.expected, finding.actual) == (698, 393)


def test_previous_not_older_or_other_agency_is_warned() -> None:
    same_year = check_crossyear(build(busy()), build(busy()))
    assert [f.rule for f in same_year] == ["crossyear.mismatch"]
    other = _year(busy(), 2020)
    other["基本信息"]["机关全称"] = "某县审计局"
    rules = [f.rule for f in check_crossyear(build(example_data()), build(other))]
    assert rules.count("crossyear.mismatch") == 1 and "crossyear.carryover" in rules


def test_loader_reads_json_too(tmp_path: Path) -> None:
    import json

    path = tmp_path / "figures.json"
    path.write_text(json.dumps(busy(), ensure_ascii=False), encoding="utf-8")
    assert load_figures(path).table3.value("一", "total") == 10
