"""The docs the code cites live in the repository, and docs/CLI.md covers every command."""

from __future__ import annotations

import re

from drafter.cli import COMMANDS
from tests.conftest import ROOT

CITED = re.compile(r"docs/([\w-]+\.md)")


def test_every_doc_the_code_cites_is_in_the_repository() -> None:
    cited = {(m.group(1), path.relative_to(ROOT).as_posix())
             for path in sorted((ROOT / "drafter").rglob("*.py")) for m in CITED.finditer(path.read_text("utf-8"))}
    missing = sorted((doc, where) for doc, where in cited if not (ROOT / "docs" / doc).is_file())
    assert not missing, missing
    outside = [path.name for path in (ROOT / "drafter").rglob("*.py") if "../shared" in path.read_text("utf-8")]
    assert not outside, outside  # shared material is for tests; the code cites the project's own docs


def test_the_cli_contract_names_every_command_and_exit_code() -> None:
    text = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"`drafter {name}" in text, name
    for code in range(4):
        assert f"| {code} |" in text
    assert "rules.md" in text
