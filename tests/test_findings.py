"""Rule ids live in one enum with their properties; report rules run from one ordered registry."""

from __future__ import annotations

import ast

import pytest

from drafter.check.registry import REPORT_RULES
from drafter.findings import Area, Finding, Rule, Severity
from tests.conftest import ROOT


def test_every_rule_has_its_properties() -> None:
    for rule in Rule:
        assert isinstance(rule.area, Area)
        assert rule.value.count(".") == 1


def test_an_unknown_rule_id_is_refused() -> None:
    with pytest.raises(ValueError):
        Finding("table.nonsense", Severity.ERROR, "x")
    assert Finding("table.sum", Severity.ERROR, "x").rule is Rule.TABLE_SUM


def test_the_json_form_holds_the_plain_id() -> None:
    assert Finding(Rule.DIFF_COPIED, Severity.INFO, "x").to_dict()["rule"] == "diff.copied"


def test_repairable_and_table_findings_are_properties() -> None:
    assert not Rule.PROSE_PLACEHOLDER.repairable
    assert Rule.PROSE_TABLE_MISMATCH.repairable
    assert Rule.TABLE_SUM.on_tables and Rule.CROSSYEAR_CARRYOVER.on_tables
    assert not Rule.IMPORT_UNCERTAIN.on_tables and not Rule.PROSE_YEAR.on_tables


def test_no_rule_id_is_spelt_outside_findings() -> None:
    # A rule id is written once, in Rule; elsewhere code names Rule.X.
    ids = {r.value for r in Rule}
    spelt = []
    for path in (ROOT / "drafter").rglob("*.py"):
        if path == ROOT / "drafter" / "findings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in ids:
                spelt.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert not spelt, "\n".join(spelt)


def test_report_rules_are_registered_once_in_order() -> None:
    names = [r.name for r in REPORT_RULES]
    assert names == ["prose", "years", "structure", "quality", "copying", "repeated_numbers"]
