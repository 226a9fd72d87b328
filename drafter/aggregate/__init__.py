"""汇总: a government's figures from its departments' reports, every summed cell traceable to its sources.

``read_sources`` opens each departmental report or figures file and checks its tables; ``aggregate`` refuses what
cannot be summed (different years, one agency twice, the 2019 format, tables read without confidence, unreadable
files) and sums the chosen tables cell by cell, keeping each source's contribution (the provenance).

The package follows that flow: ``sources`` (reading and refusing), ``summing`` (the sums and their provenance),
``provenance`` (what is written beside the result).
"""

from drafter.aggregate.provenance import FORMAT_NAMES, provenance_document, source_entry
from drafter.aggregate.sources import (
    DEFAULT_TABLES,
    TABLES,
    AggregateRefused,
    Source,
    agency_key,
    expand_sources,
    key_figures,
    read_source,
    read_sources,
    refusals,
)
from drafter.aggregate.summing import Aggregate, Contribution, aggregate, cells_of, normalize_location

__all__ = [
    "DEFAULT_TABLES", "FORMAT_NAMES", "TABLES", "Aggregate", "AggregateRefused", "Contribution", "Source",
    "agency_key", "aggregate", "cells_of", "expand_sources", "key_figures", "normalize_location",
    "provenance_document", "read_source", "read_sources", "refusals", "source_entry",
]
