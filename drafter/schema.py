"""JSON Schemas of the files drafter reads, generated from the pydantic models (``schemas/`` holds the output).

Regenerate with ``python -m drafter.schema``; a test fails when ``schemas/`` drifts from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from drafter.figures import Figures
from drafter.llm.configfile import ConfigFile

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"


def schema_path(name: str = "figures.schema.json") -> Path:
    """Where an installed schema file is: the package ``drafter.schemas``, or ``schemas/`` of a checkout."""
    try:
        from importlib import resources

        path = Path(str(resources.files("drafter.schemas").joinpath(name)))
    except (ModuleNotFoundError, TypeError):
        path = SCHEMA_DIR / name
    return path if path.exists() else SCHEMA_DIR / name


def schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every file kind drafter reads."""

    figures = Figures.model_json_schema(by_alias=True, mode="validation")
    figures["title"] = "drafter figures 文件（政府信息公开工作年度报告数据）"
    config = ConfigFile.model_json_schema(mode="validation")
    out = {"figures.schema.json": figures, "config.schema.json": config}
    for schema in out.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (target / name).write_text(dumps(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
