"""Year-over-year diff on figures and reports built by hand: deltas, cross-year rules, copying, stale references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from render_fixtures import AGENCY, SECTIONS_2023, figures_data, make_figures, make_report

from drafter.diff import diff_reports
from drafter.figures import Figures
from drafter.report import Report, SourceKind
from tests.conftest import invoke


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def _figures_report(figures: Figures) -> Report:
    return Report(kind=SourceKind.FIGURES, figures=figures)


def test_consistent_years_have_deltas_and_no_crossyear_findings() -> None:
    # 2024: 上年结转 2 = 2023 结转 2; 现行有效 12 + 3 − 1 = 14; 自然人 new 5 → 9
    before = _figures_report(make_figures(2023))
    after = _figures_report(make_figures(2024, carried=2, carry_forward=0, in_force=14, new_natural=9))
    result = diff_reports(before, after)
    assert result.findings == []
    deltas = {d.location: d for d in result.deltas}
    d = deltas["表三/一/自然人"]
    assert (d.before, d.after, d.change, d.percent) == (5, 9, 4, 80.0)
    d = deltas["表三/四/总计"]  # 2 → 0: −100 %
    assert (d.change, d.percent) == (-2, -100.0)
    d = deltas["表二/行政规范性文件/现行有效件数"]
    assert (d.before, d.after, d.percent) == (12, 14, 16.7)
    assert "表二/行政许可/本年处理决定数量" not in deltas  # 120 both years
    # 1 − 2 + ... : 上年结转 自然人 1 → 2, total 1 → 2 (a 0 → n change has no percentage)
    assert deltas["表三/二/自然人"].percent == 100.0
    assert result.compared > 150 and len(result.deltas) < result.compared


def test_carryover_and_in_force_breaks() -> None:
    before = _figures_report(make_figures(2023))  # 结转 2, 现行有效 12
    after = _figures_report(make_figures(2024, carried=3, in_force=20))  # 上年结转 3 ≠ 2; 12 + 3 − 1 = 14 ≠ 20
    findings = diff_reports(before, after).findings
    carry = [f for f in findings if f.rule == "crossyear.carryover"]
    assert [(f.location, f.expected, f.actual, str(f.severity)) for f in carry][0] == \
        ("表三/二/自然人", 2, 3, "error")
    assert carry[0].to_dict()["cells"] == [
        {"year": 2023, "location": "表三/四/自然人", "value": 2},
        {"year": 2024, "location": "表三/二/自然人", "value": 3}]
    in_force = [f for f in findings if f.rule == "crossyear.in_force"]
    assert [(f.expected, f.actual, str(f.severity)) for f in in_force] == [(14, 20, "warning")]
    assert [(c["year"], c["location"].rsplit("/", 1)[1], c["value"]) for c in in_force[0].extra["cells"]] == [
        (2023, "现行有效件数", 12), (2024, "本年制发件数", 3), (2024, "本年废止件数", 1), (2024, "现行有效件数", 20)]


def test_2019_format_table2_not_comparable_table3_compared() -> None:
    data = figures_data(2020)
    data["基本信息"]["表格式样"] = "2019"
    before = _figures_report(Figures.model_validate(data))
    after = _figures_report(make_figures(2021, carried=2))
    result = diff_reports(before, after)
    assert "diff.not_comparable" in _rules(result.findings)
    assert not any(d.table == "表二" for d in result.deltas)
    assert result.overview()["table2_comparable"] is False
    assert any(d.table == "表三" for d in diff_reports(before, _figures_report(make_figures(2021, carried=2,
                                                                                          new_natural=6))).deltas)


def test_other_handling_one_row_compared_as_group() -> None:
    data = figures_data(2023)
    data["表三"]["三、本年度办理结果"]["（六）其他处理"] = {"合计": [1, 0, 0, 0, 0, 0]}
    data["表三"]["三、本年度办理结果"]["（一）予以公开"] = [2, 2, 0, 0, 0, 0]
    before = _figures_report(Figures.model_validate(data))
    after = _figures_report(make_figures(2024, carried=2))  # three sub-rows, all 0
    deltas = {d.location: d for d in diff_reports(before, after).deltas}
    assert (deltas["表三/三（六）/自然人"].before, deltas["表三/三（六）/自然人"].after) == (1, 0)
    assert "表三/三（六）1/自然人" not in deltas


def test_copied_parts_stale_year_and_repeated_plans() -> None:
    before = make_report(2023)
    after = make_report(2024, sections=SECTIONS_2023, carried=2, new_natural=9)  # the 2023 text, unchanged
    result = diff_reports(before, after)
    rules = _rules(result.findings)
    copied = [f for f in result.findings if f.rule == "diff.copied"]
    # parts 一 and 五 copied; 133条 (no table confirms it) is last year's number, as check --previous says too
    assert {(f.section, str(f.severity)) for f in copied} == {("一", "error"), ("五", "error"), ("一", "warning")}
    # part 六 is one short formula: not flagged
    stale = [f for f in result.findings if f.rule == "diff.stale_year"]
    assert {f.section for f in stale} == {"一", "六"}
    assert all(f.actual == 2023 and f.expected == 2024 for f in stale)
    # 7件 (2023 一 总计) kept in part 一 though 2024 has 11 new applications
    assert any(f.rule == "diff.stale_figure" and f.actual == "7件" for f in result.findings)
    plans = [f for f in result.findings if f.rule == "diff.plans_repeated"]
    assert plans and plans[0].quote.startswith("2024年，本局将每季度核查")
    assert rules.count("diff.same_report") == 0
    assert result.unchanged_share == 1.0


def test_rewritten_text_is_not_flagged() -> None:
    sections = {
        "一": ("2024年，本局围绕优化营商环境推进公开。\n"
              "（一）主动公开。全年公开政府信息150条，其中政务动态90条、通知公告60条。\n"
              "（二）依申请公开。全年收到申请11件，上年结转2件，均按时答复。"),
        "五": ("（一）上年度问题整改情况。针对解读形式单一的问题，本年制作图解8期。\n"
              "（二）存在的主要问题。个别科室报送信息不及时。\n"
              "（三）改进措施。2025年，建立每月报送台账，由办公室通报。"),
        "六": "本局2024年未收取信息处理费。",
    }
    result = diff_reports(make_report(2023), make_report(2024, sections=sections, carried=2, new_natural=9))
    assert [f for f in result.findings if f.rule.startswith("diff.")] == []
    part1 = next(p for p in result.parts if p.numeral == "一")
    assert part1.similarity < 0.6


def test_same_report_twice_warns() -> None:
    report = make_report(2023)
    result = diff_reports(report, make_report(2023))
    # one clear warning, not six “copied” errors and a pairing warning
    assert [(f.rule, str(f.severity)) for f in result.findings] == [("diff.same_report", "warning")]


def test_two_agencies_and_reversed_years_warn() -> None:
    other = _figures_report(make_figures(2023, agency="另一县财政局"))
    mine = _figures_report(make_figures(2024, carried=2))
    findings = diff_reports(other, mine).findings
    assert any(f.rule == "crossyear.mismatch" and "机关不同" in f.message for f in findings)
    reversed_ = diff_reports(mine, _figures_report(make_figures(2023))).findings
    assert any(f.rule == "crossyear.mismatch" and "不早于本年" in f.message for f in reversed_)
    assert not any(f.rule.startswith("crossyear.carry") for f in reversed_)


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_json_shape_and_exit_code(tmp_path: Path) -> None:
    before = _write(tmp_path, "2023.yaml", figures_data(2023))
    after = _write(tmp_path, "2024.yaml", figures_data(2024, carried=3))
    result = invoke("diff", str(before), str(after), "--format", "json")
    assert result.returncode == 1, result.stderr  # the carry-over break is an error
    doc = json.loads(result.stdout)
    assert set(doc) >= {"findings", "summary", "overview", "deltas", "sections"}
    assert doc["summary"]["error"] == sum(1 for f in doc["findings"] if f["severity"] == "error") >= 1
    carry = next(f for f in doc["findings"] if f["rule"] == "crossyear.carryover")
    assert carry["location"] == "表三/二/自然人" and carry["section"] == "表三"
    assert doc["overview"]["current"] == {"file": str(after), "kind": "figures", "agency": AGENCY, "year": 2024}
    delta = next(d for d in doc["deltas"] if d["location"] == "表三/二/自然人")
    assert (delta["previous"], delta["current"], delta["change"]) == (1, 3, 2)


@pytest.mark.parametrize("extra", [[], ["--side-by-side"]])
def test_cli_text_view(tmp_path: Path, extra: list[str]) -> None:
    before = _write(tmp_path, "2023.yaml", figures_data(2023))
    after = _write(tmp_path, "2024.yaml", figures_data(2024, carried=2, new_natural=9))
    result = invoke("diff", str(before), str(after), *extra)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("与上年报告对比") < out.index("数字变化")
    assert "变化" in out and "+80.0%" in out


@pytest.mark.parametrize("bad", ["missing", "same", "not_a_report"])
def test_cli_bad_input_never_a_traceback(tmp_path: Path, bad: str) -> None:
    good = _write(tmp_path, "2023.yaml", figures_data(2023))
    if bad == "missing":
        args = [str(good), str(tmp_path / "无.yaml")]
    elif bad == "same":
        args = [str(good), str(good)]
    else:
        junk = tmp_path / "junk.bin"
        junk.write_bytes(b"\x00\x01\x02" * 100)
        args = [str(good), str(junk)]
    result = invoke("diff", *args)
    assert "Traceback" not in result.stderr
    if bad == "same":
        assert result.returncode == 0 and "两份文件内容相同" in result.stdout
    else:
        assert result.returncode == 2 and result.stderr.startswith("错误：")


@pytest.mark.parametrize("side_by_side", [False, True])
def test_cli_text_changes_of_rendered_reports(tmp_path: Path, side_by_side: bool) -> None:
    from drafter.render import write_report

    sections = dict(SECTIONS_2023)
    sections["一"] = sections["一"].replace("2023年，", "2024年，").replace("133条", "150条")
    before, after = tmp_path / "2023.md", tmp_path / "2024.md"
    write_report(make_report(2023), before, "md")
    write_report(make_report(2024, sections=sections, carried=2), after, "md")
    result = invoke("diff", str(before), str(after), *(["--side-by-side"] if side_by_side else []),
                     env={"COLUMNS": "160"})
    assert result.returncode == 1, result.stderr  # part 五 copied word for word is an error
    out = result.stdout
    assert "一、总体情况" in out and "五、存在的主要问题及改进情况" in out
    assert "150条" in out and "133条" in out
    if side_by_side:
        assert "上年" in out and "本年" in out
    else:
        assert "句未改动" in out
        assert any(line.strip().startswith("−") for line in out.splitlines())
