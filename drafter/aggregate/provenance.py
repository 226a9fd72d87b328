"""What an aggregate says about its sources: the sidecar file (every summed cell's contributions) and the entries of
the table of sources (also ``--format json``)."""

from __future__ import annotations

from typing import Any

from drafter.aggregate.sources import Source
from drafter.aggregate.summing import Aggregate
from drafter.findings import summarize
from drafter.report import SourceKind


def provenance_document(result: Aggregate) -> dict[str, Any]:
    """The sidecar's content: the sources and, per summed cell, each source's contribution."""
    return {
        "sources": [source_entry(s) for s in result.sources],
        "tables": list(result.tables),
        "cells": {loc: [{"file": str(result.sources[c.source].path), "agency": result.sources[c.source].agency,
                         "value": c.value, **({"note": c.note} if c.note else {})} for c in contributions]
                  for loc, contributions in result.provenance.items()},
    }


FORMAT_NAMES = {SourceKind.FIGURES: "数据文件", SourceKind.TEXT: "文本", SourceKind.MARKDOWN: "文本",
                SourceKind.HTML: "网页", SourceKind.DOCX: "Word", SourceKind.PDF: "PDF"}


def source_entry(s: Source) -> dict[str, Any]:
    """One source as the table of sources and ``--format json`` show it."""
    entry: dict[str, Any] = {"file": str(s.path), "agency": s.agency, "year": s.year, "format": s.kind}
    if s.named_by_file:
        entry["agency_from"] = "file_name"
    if s.error is not None:
        entry["error"] = s.error
        return entry
    entry["key_figures"] = s.key_figures()
    entry["findings"] = [f.to_dict() for f in s.findings]
    entry["summary"] = summarize(s.findings)
    return entry
