"""schemas/ is generated from the models; this fails when it drifts (regenerate: python -m drafter.schema)."""

from __future__ import annotations

import json

from drafter.schema import SCHEMA_DIR, dumps, schemas


def test_schemas_match_models() -> None:
    for name, schema in schemas().items():
        path = SCHEMA_DIR / name
        assert path.exists(), f"{name} missing: run python -m drafter.schema"
        assert path.read_text(encoding="utf-8") == dumps(schema), f"{name} drifted: run python -m drafter.schema"


def test_schema_uses_the_printed_labels() -> None:
    schema = json.loads((SCHEMA_DIR / "figures.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) >= {"基本信息", "表二", "表三", "表四", "正文数据", "工作要点", "上年度问题"}
    assert "一、本年新收政府信息公开申请数量" in schema["$defs"]["Table3"]["properties"]
    assert schema["$defs"]["ApplicantRow"]["anyOf"][0]["additionalProperties"] is False
