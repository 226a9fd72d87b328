"""``pip install .`` (not only editable installs) must ship every subpackage and the prompt templates."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "drafter").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["tool"]["setuptools"]["package-dir"]["drafter.prompts"] == "prompts"
    assert list((ROOT / "prompts").glob("*.j2")), "prompt templates live in prompts/"
