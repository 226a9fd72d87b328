"""The areas a finding belongs to (tables, prose, structure, quality, cross-year, copying), for per-area counts."""

from __future__ import annotations

# (area id, Chinese name), in the order the summary shows them.
AREAS: tuple[tuple[str, str], ...] = (
    ("tables", "表格"),
    ("prose", "正文"),
    ("structure", "结构"),
    ("quality", "质量"),
    ("crossyear", "跨年"),
    ("copying", "照搬"),
)
AREA_NAMES = dict(AREAS)

# Rule-id prefixes of each area; the importer's and the metadata's findings are about the tables as read.
_BY_PREFIX = {"table": "tables", "import": "tables", "meta": "tables", "prose": "prose", "structure": "structure",
              "check": "structure", "quality": "quality", "crossyear": "crossyear", "diff": "copying",
              "copying": "copying"}
_BY_RULE = {"quality.last_year": "copying", "check.no_tables": "tables", "diff.copied": "copying"}


def area_of(rule: str) -> str:
    """The area of a rule id; the ``Rule`` registry's own area when it has one, else by the id's prefix."""
    from drafter import findings

    registry = getattr(findings, "Rule", None)
    if registry is not None:
        try:
            area = getattr(registry(rule), "area", None)
        except ValueError:
            area = None
        if area is not None:
            return str(getattr(area, "value", area))
    if rule in _BY_RULE:
        return _BY_RULE[rule]
    return _BY_PREFIX.get(rule.partition(".")[0], "quality")
