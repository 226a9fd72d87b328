"""``drafter regenerate problems REPORT``: a new part 五 in an existing report file, every other byte unchanged."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import FORMAT_OPTION, guarded
from drafter.cli.draft import engine_options


@click.group("regenerate", help="重新生成报告的某一部分，其余内容保持不变（原文件保留为 .bak 备份）。")
def regenerate() -> None:
    """Regenerate one part of an existing report."""


@regenerate.command("problems", help="重新生成“五、存在的主要问题及改进情况”，替换报告文件中的该部分。\n\n"
                                     "示例：drafter regenerate problems 报告.docx --figures figures.yaml "
                                     "--previous 上年报告.html --variants 3")
@click.argument("report", metavar="REPORT")
@click.option("--figures", "figures_path", default=None, metavar="FIGURES", help="本年度 figures 文件（不给时从报告的表格读取）")
@click.option("--previous", "previous", default=None, metavar="PREVIOUS", help="上年度报告或 figures 文件")
@click.option("--variants", type=click.IntRange(1, 9), default=1, show_default=True, help="生成几种写法供选择")
@click.option("--choose", type=click.IntRange(1, 9), default=None,
              help="选用第几种写法（不给时：在终端中询问，否则用第 1 种）")
@click.option("--dry-run", is_flag=True, help="只显示新写法，不修改文件")
@click.option("--force", is_flag=True, help="新写法核对仍有错误时也替换（默认不替换，另存在报告旁边）")
@engine_options
@FORMAT_OPTION
@guarded
def problems(report: str, figures_path: str | None, previous: str | None, variants: int, choose: int | None,
             dry_run: bool, force: bool, model: str | None, base_url: str | None, prompts_dir: str | None, max_repairs: int,
             no_cache: bool, draft_mode: str | None, keep_model_text: bool, fmt: str) -> None:
    """Replace part 五 of REPORT with a new draft (one of ``--variants`` alternatives)."""
    from drafter.errors import LLMError

    try:
        _problems(report, figures_path, previous, variants, choose, dry_run, force, model, base_url, prompts_dir,
                  max_repairs, no_cache, draft_mode, keep_model_text, fmt)
    except LLMError as exc:
        if fmt != "json":
            raise
        from drafter.cli.common import emit_json
        from drafter.cli.draft import error_document

        click.echo(f"错误：{exc}", err=True)
        emit_json({"error": {**error_document(exc), "file": report, "replaced": False}})
        sys.exit(exc.exit_code)


def _problems(report: str, figures_path: str | None, previous: str | None, variants: int, choose: int | None,
              dry_run: bool, force: bool, model: str | None, base_url: str | None, prompts_dir: str | None,
              max_repairs: int, no_cache: bool, draft_mode: str | None, keep_model_text: bool, fmt: str) -> None:
    from drafter.cli.common import emit_json
    from drafter.cli.drafting_ui import build_engine, run_drafts, show_result
    from drafter.errors import InputError
    from drafter.findings import has_errors
    from drafter.read.inputs import open_figures, open_input
    from drafter.render.splice import check_replaceable, replace_part

    if choose is not None and choose > variants:
        raise InputError(f"--choose {choose} 超出了 --variants {variants} 的范围")
    if not dry_run:
        check_replaceable(report, "五")  # before drafting: a file that cannot be changed should cost no LLM call
    source = open_figures(figures_path) if figures_path else open_figures(report)
    prev = open_input(previous) if previous else None
    engine, note = build_engine(model=model, base_url=base_url, prompts_dir=prompts_dir, no_cache=no_cache,
                                env=os.environ, mode=draft_mode, keep_model_text=keep_model_text)
    click.echo(note, err=True)
    if getattr(engine, "model_written", False) and source.figures is not None and not _has_notes(source.figures):
        where = "figures 文件" if figures_path else "报告"
        click.echo(f"注意：{where}中没有工作要点，大模型只能依据表格中的数字起草，容易编造工作事项。"
                   "建议用 --figures 指定写有“工作要点”（问题、改进措施）的 figures 文件。", err=True)
    live = variants == 1 and fmt == "text" and sys.stdout.isatty()
    results = []
    for k in range(variants):
        results += run_drafts(engine, [(source, prev)], parts=("五",), jobs=1, max_repairs=max_repairs, live=live,
                              variant=k)
    pick = choose or _ask(results, fmt) or 1
    chosen = results[pick - 1]
    failed = has_errors(chosen.findings)
    aside = None
    # Only the new part's own errors keep it out: the tables' defects were there before and stay either way.
    if has_errors(f for f in chosen.findings if f.section == "五") and not dry_run and not force:
        # A part that still has errors does not replace the user's text; it is kept beside the file instead.
        aside = _save_beside(report, chosen.sections["五"])
    spliced = None if dry_run or aside is not None else replace_part(report, "五", chosen.sections["五"])
    if fmt == "json":
        emit_json({**chosen.to_json(), "variants": [r.sections["五"] for r in results], "chosen": pick,
                   "file": report, "replaced": spliced is not None,
                   "saved": str(aside) if aside is not None else None,
                   "backup": str(spliced.backup) if spliced and spliced.backup else None})
    else:
        if variants == 1 or choose is not None or not sys.stdin.isatty():
            show_result(chosen, title=f"第五部分（第 {pick} 种写法）" if variants > 1 else None)
        if spliced is not None:
            kept = f"，原文件保留为 {spliced.backup}" if spliced.backup else ""
            click.echo(f"已替换 {report} 的第五部分{kept}。", err=True)
    if aside is not None:
        click.echo(f"新写法核对仍有错误，未替换 {report}；新写法已保存为 {aside}。"
                   "核对修改后可自行替换，或加 --force 强制替换。", err=True)
    sys.exit(1 if failed else 0)


def _has_notes(figures: Any) -> bool:
    """Whether the figures carry any 工作要点 (the facts a model would otherwise invent)."""
    notes = figures.notes
    return any(getattr(notes, name) for name in type(notes).model_fields)


def _save_beside(report: str, text: str) -> Path:
    """The new part 五 as a text file next to the report (``报告-第五部分新写法.md``), never over the report."""
    from drafter.files import write_atomic

    path = Path(report)
    target = path.with_name(f"{path.stem}-第五部分新写法.md")
    write_atomic(target, f"五、存在的主要问题及改进情况\n\n{text}\n")
    return target


def _ask(results: list, fmt: str) -> int | None:
    """Show the alternatives and ask which one to use, when a person is at the terminal."""
    if len(results) == 1 or fmt == "json" or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    from drafter.cli.common import console

    out = console()
    for i, result in enumerate(results, 1):
        out.rule(f"第 {i} 种写法")
        out.print(result.sections["五"], markup=False, highlight=False)
    from drafter.cli.zh import ask_number

    return ask_number("选用第几种写法", len(results))
