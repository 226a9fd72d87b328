"""Open any input — a figures file or a published report of any kind — as a :class:`~drafter.report.Report`.

The kind is recognised from the content (and the extension only as a hint), never assumed from the name alone.
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.figures.file import figures_from_text, figures_from_workbook
from drafter.files import (
    FIGURES_MAX_BYTES,
    REPORT_MAX_BYTES,
    FileKind,
    decode_text,
    is_container,
    read_bytes,
    sniff,
)
from drafter.read import read_report
from drafter.report import Report, SourceKind

_FIGURES_SUFFIXES = (".yaml", ".yml", ".json")


def is_figures_text(text: str) -> bool:
    """True when text is a figures file (YAML/JSON keyed by 基本信息), not a report."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return "基本信息" in head[:2000] or '"meta"' in head[:2000]
    for line in head.splitlines()[:80]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith(("基本信息:", "基本信息：", "meta:")):
            return True
    return False


def open_input(path: str | Path) -> Report:
    """Read a figures file or a report; raises InputError with a clear message when it is neither."""
    p = Path(path)
    figures_name = p.suffix.lower() in _FIGURES_SUFFIXES
    limit = FIGURES_MAX_BYTES if figures_name else REPORT_MAX_BYTES
    data = read_bytes(p, max_bytes=limit, what="figures 文件" if figures_name else "报告或 figures 文件")
    if sniff(data, p) is FileKind.XLSX:
        # A filled figures workbook (drafter init --to xlsx): the same figures as the YAML file.
        return Report(kind=SourceKind.FIGURES, figures=figures_from_workbook(data, p), path=p)
    if is_container(data):
        return _read_report(p, data)
    text = decode_text(data, p) if len(data) <= FIGURES_MAX_BYTES else None
    if text is not None and (is_figures_text(text) or text.lstrip("\ufeff \t\r\n")[:1] in "{["):
        # JSON, or 基本信息 at the top: the figures loader gives the precise messages.
        return Report(kind=SourceKind.FIGURES, figures=figures_from_text(text, p), path=p)
    if text is not None and figures_name:
        try:
            return Report(kind=SourceKind.FIGURES, figures=figures_from_text(text, p), path=p)
        except InputError as figures_error:
            # A report saved under a .yaml/.json name is still a report (the content decides, not the name).
            try:
                return _read_report(p, data)
            except InputError:
                raise figures_error from None
    return _read_report(p, data)


def open_figures(path: str | Path) -> Report:
    """Like :func:`open_input`, but the result must carry figures (a report without tables is an error)."""
    report = open_input(path)
    if report.figures is None:
        raise InputError("没有找到统计表格（表二、表三、表四），无法核对数字", path=path,
                         hint="请给出带统计表的完整年度报告，或 figures 文件")
    return report


def _read_report(path: Path, data: bytes) -> Report:
    return read_report(path, data)
