"""``drafter init``: a complete, commented file that validates; carry-over from last year's figures."""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.cli.init import default_year
from drafter.figures import labels as L
from drafter.figures.file import load_figures
from tests.conftest import ROOT, invoke

DATA = ROOT / "tests" / "data" / "figures"


def test_init_writes_every_row_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "figures.yaml"
    result = invoke("init", "-o", str(out), "--agency", "某县审计局", "--year", "2025")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for row in L.TABLE3_ROWS:
        if row.id != "三（七）":
            assert row.label.replace('"', "“") in text or row.label in text, row.label
    assert "行政事业性收费" in text and "万元" in text and "#" in text
    figures = load_figures(out)
    assert (figures.meta.agency, figures.meta.year) == ("某县审计局", 2025)
    assert invoke("validate", str(out)).returncode == 0


def test_init_keeps_a_backup(tmp_path: Path) -> None:
    out = tmp_path / "figures.yaml"
    out.write_text("我的数据\n", encoding="utf-8")
    result = invoke("init", "-o", str(out), "--year", "2025")
    assert result.returncode == 0
    assert (tmp_path / "figures.yaml.bak").read_text(encoding="utf-8") == "我的数据\n"
    assert "备份" in result.stderr


def test_init_from_previous_figures_carries_over(tmp_path: Path) -> None:
    previous = tmp_path / "2024.yaml"
    data = yaml.safe_load((DATA / "hongze-2023.yaml").read_text(encoding="utf-8"))
    data["基本信息"]["报告年度"] = 2024
    data["表三"]["四、结转下年度继续办理"] = [2, 1, 0, 0, 0, 0, 3]
    data["表三"]["一、本年新收政府信息公开申请数量"] = [23, 1, 0, 0, 0, 0, 24]
    previous.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "2025.yaml"
    result = invoke("init", "-o", str(out), "--from", str(previous))
    assert result.returncode == 0, result.stderr
    figures = load_figures(out)
    assert figures.meta.agency == "淮安市洪泽区人民政府" and figures.meta.year == 2025
    assert figures.table3.value("二", "natural") == 2 and figures.table3.value("二", "commercial") == 1
    assert figures.table2.normative_documents.in_force.value == 5


def test_default_year() -> None:
    from datetime import date

    assert default_year(date(2027, 1, 10)) == 2026
    assert default_year(date(2026, 11, 26)) == 2026
