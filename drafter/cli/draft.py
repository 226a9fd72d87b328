"""``drafter draft FIGURES… [--section …] [--previous …] [-m MODEL] [-o REPORT] [--format text|json]``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.common import FORMAT_OPTION, guarded

SECTIONS = {"overview": ("一",), "problems": ("五",), "other": ("六",), "all": ("一", "五", "六")}


def engine_options(func: Any) -> Any:
    """The options that choose and tune the engine, shared with ``regenerate``."""
    options = [
        click.option("-m", "--model", "model", default=None, metavar="MODEL",
                     help="大模型，如 deepseek、qwen、deepseek:deepseek-chat；offline 为内置离线引擎"),
        click.option("--base-url", "base_url", default=None, metavar="URL", help="OpenAI 兼容服务地址（覆盖环境变量和配置文件）"),
        click.option("--prompts", "prompts_dir", type=click.Path(file_okay=False, exists=True), default=None, metavar="DIR",
                     help="自定义提示词模板目录（同名文件覆盖内置模板）"),
        click.option("--max-repairs", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="核对出错后让大模型修改的最多轮数"),
        click.option("--no-cache", is_flag=True, help="不使用缓存，重新调用大模型"),
        click.option("--mode", "draft_mode", type=click.Choice(["edit", "write"]), default=None,
                     help="大模型起草方式：edit 润色离线初稿（数字已核对，默认）；write 由大模型从数据表直接成文"),
        click.option("--keep-model-text", is_flag=True,
                     help="润色后仍有错误时保留大模型的文字（默认改用离线初稿并提示）"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("draft", help="起草“一、总体情况”和“五、存在的主要问题及改进情况”，核对数字，出错时让大模型修改。\n\n"
                             "示例：drafter draft figures.yaml -o 报告.md；"
                             "drafter draft figures.yaml --previous 上年报告.docx -m deepseek")
@click.argument("figures", nargs=-1, required=True, metavar="FIGURES...")
@click.option("--section", type=click.Choice(list(SECTIONS)), default="all", show_default=True,
              help="起草哪一部分：overview（一）、problems（五）、other（六）或 all")
@click.option("--previous", "previous", default=None, metavar="PREVIOUS", help="上年度报告或 figures 文件（用于上年度问题整改情况、避免雷同）")
@click.option("-o", "--output", "output", type=click.Path(), default=None, metavar="REPORT",
              help="输出文件（.md、.docx、.html：含表格的完整报告）；多个 FIGURES 时为输出文件夹")
@click.option("-j", "--jobs", type=click.IntRange(1, 32), default=4, show_default=True, help="同时起草的报告数")
@click.option("--parallel", type=click.IntRange(1, 16), default=None, metavar="整数",
              help="同时向大模型请求几个部分（所有报告合计）[默认：本机或内网服务 1，在线服务 2；范围 1–16]")
@engine_options
@FORMAT_OPTION
@guarded
def draft(figures: tuple[str, ...], section: str, previous: str | None, output: str | None, jobs: int,
          parallel: int | None, model: str | None, base_url: str | None, prompts_dir: str | None, max_repairs: int,
          no_cache: bool, draft_mode: str | None, keep_model_text: bool, fmt: str) -> None:
    """Draft parts 一 and 五 of one or more reports."""
    from drafter.errors import LLMError

    try:
        _draft(figures, section, previous, output, jobs, parallel, model, base_url, prompts_dir, max_repairs,
               no_cache, draft_mode, keep_model_text, fmt)
    except LLMError as exc:
        if fmt != "json":
            raise
        from drafter.cli.common import emit_json

        click.echo(f"错误：{exc}", err=True)
        emit_json({"error": error_document(exc)})
        sys.exit(exc.exit_code)


def error_document(exc: Any, file: str | None = None) -> dict[str, Any]:
    """A failed call as JSON: cause, message, the part (and the file, in a batch), what was finished."""
    doc: dict[str, Any] = {"cause": exc.cause, "message": str(exc), "part": exc.part,
                           "parts": list(exc.parts), "finished": list(exc.finished)}
    if file is not None:
        doc = {"file": file, **doc}
    return doc


def _draft(figures: tuple[str, ...], section: str, previous: str | None, output: str | None, jobs: int,
           parallel: int | None, model: str | None, base_url: str | None, prompts_dir: str | None, max_repairs: int,
           no_cache: bool, draft_mode: str | None, keep_model_text: bool, fmt: str) -> None:
    from drafter.cli.drafting_ui import build_engine, run_batch, show_result, write_output
    from drafter.errors import InputError, LLMError
    from drafter.findings import has_errors
    from drafter.read.inputs import open_figures, open_input

    if output == "-":
        output = None  # “-o -”: the drafted parts on stdout, as without -o
    if len(figures) > 1 and previous:
        raise InputError("--previous 只能和一个 FIGURES 一起使用", hint="请逐个报告起草，或不给 --previous")
    if len(figures) > 1 and output and not Path(output).is_dir():
        raise InputError("起草多个报告时，-o 应为已存在的文件夹", path=output)
    names = _output_names(figures)
    targets: dict[str, Path] = {}
    if output:
        targets = {p: Path(output) / names[p] if len(figures) > 1 else Path(output) for p in figures}
        for target in targets.values():  # every output is checked before the first (paid) call
            check_target(target, inputs=(*figures, previous))
    jobs_in = [open_figures(path) for path in figures]
    prev = open_input(previous) if previous else None
    engine, note = build_engine(model=model, base_url=base_url, prompts_dir=prompts_dir, no_cache=no_cache,
                                env=os.environ, mode=draft_mode, parallel=parallel,
                                keep_model_text=keep_model_text)
    _batch_parallel(engine, reports=len(figures), jobs=jobs)
    if note:
        click.echo(note, err=True)
    live = fmt == "text" and sys.stdout.isatty() and len(figures) == 1
    outcomes = run_batch(engine, [(r, prev) for r in jobs_in], parts=SECTIONS[section], jobs=jobs,
                         max_repairs=max_repairs, live=live)
    if len(outcomes) == 1 and isinstance(outcomes[0], LLMError):
        raise outcomes[0]
    failed = False
    errors = {path: r for path, r in zip(figures, outcomes, strict=True) if isinstance(r, LLMError)}
    results = {path: r for path, r in zip(figures, outcomes, strict=True) if not isinstance(r, LLMError)}
    for path, result in results.items():
        failed = failed or has_errors(result.findings)
        if output:
            saved = write_output(result, targets[path])
            click.echo(f"已写入 {saved}", err=True)
            result.findings = _as_written(result.findings, saved, prev)
            failed = failed or has_errors(result.findings)
    if fmt == "json":
        from drafter.cli.common import emit_json

        if len(figures) == 1:
            emit_json(results[figures[0]].to_json())
        else:
            emit_json({"drafts": [{"file": p, **r.to_json()} for p, r in results.items()],
                       "errors": [error_document(e, p) for p, e in errors.items()]})
    else:
        for path, result in results.items():
            show_result(result, title=path if len(figures) > 1 else None, body=not output)
    if errors:
        for path, exc in errors.items():
            click.echo(f"错误：{path}：{exc}", err=True)
        click.echo(f"共 {len(figures)} 个报告：{len(results)} 个已起草，{len(errors)} 个因调用大模型失败未能起草"
                   "（已完成的部分已存入缓存，重新运行时不再调用）。", err=True)
        sys.exit(3)
    sys.exit(1 if failed else 0)


def _batch_parallel(engine: Any, *, reports: int, jobs: int) -> None:
    """A hosted provider's default (2 parts at once) is per report in a batch: ``-j`` reports, 2 parts each. A server
    of one's own keeps its one slot, and an explicit --parallel / config ``parallel`` is the total."""
    from drafter.draft.drafting import LLMEngine

    if isinstance(engine, LLMEngine) and not engine.explicit_parallel and engine.settings.network == "hosted":
        engine.set_parallel(engine.parallel * max(1, min(jobs, reports)))


def check_target(target: Path, *, inputs: tuple[str | None, ...] = ()) -> None:
    """Refuse an output that cannot be written (missing or read-only folder, a folder's name, the input itself)."""
    from drafter.errors import InputError
    from drafter.files import check_writable
    from drafter.render import check_output_name

    check_output_name(str(target))
    check_writable(target, inputs=inputs)
    if target.is_dir():
        raise InputError("输出路径是一个文件夹", path=target, hint="请用 -o 给出文件名，如 报告.md")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("输出文件所在的文件夹不存在", path=target,
                         hint=f"请先建立文件夹 {folder}，或换一个输出路径")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("没有在该文件夹中写入文件的权限", path=target, hint="请换一个输出路径")


def _as_written(findings: list[Any], path: Path, previous: Any) -> list[Any]:
    """The draft's findings plus what ``drafter check`` finds in the file as written (parts not drafted, tables),
    so that ``draft -o`` and a later ``check`` of the same file agree."""
    from drafter.check.checker import check_report
    from drafter.check.figures import attribute_to_source
    from drafter.errors import DrafterError
    from drafter.read.inputs import open_input
    from drafter.render import format_for

    if format_for(path) is None:
        return findings  # the drafted parts alone, not a report
    try:
        report = open_input(path)
    except DrafterError:
        return findings
    def key(f: Any) -> tuple[Any, ...]:
        # A quote read back from the file has its line breaks as spaces: compare the words only.
        return f.rule, f.section, f.location, "".join((f.quote or "").split())[:30]

    seen = {key(f) for f in findings}
    extra = [f for f in attribute_to_source(check_report(report, previous=previous), report) if key(f) not in seen]
    return [*findings, *extra]


def _output_names(paths: tuple[str, ...]) -> dict[str, str]:
    """``<stem>-draft.md`` per input; with the folder's name in front when two inputs share a stem."""
    stems = [Path(p).stem for p in paths]
    return {p: (f"{Path(p).parent.name}-{stem}" if stems.count(stem) > 1 else stem) + "-draft.md"
            for p, stem in zip(paths, stems, strict=True)}
