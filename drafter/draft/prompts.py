"""Prompt templates (jinja2, ``StrictUndefined``) rendered into chat messages.

(Named ``prompting`` because ``drafter.prompts`` is the installed package of the templates themselves.)

The wording lives in ``prompts/*.j2`` (installed as the package ``drafter.prompts``); a user's own directory
given with ``--prompts`` overrides any template it holds, the packaged ones fill in the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.draft.factsheet import FactSheet
from drafter.errors import InputError
from drafter.figures import Figures, Notes, PreviousProblem
from drafter.files import SMALL_MAX_BYTES, read_bytes
from drafter.findings import Finding

TEMPLATES = ("system.j2", "overview.j2", "problems.j2", "repair.j2", "edit.j2")
Message = dict[str, str]

# Figures-file topics of the notes handed to the model for part 一, in order.
_OVERVIEW_NOTES = (("proactive", "主动公开"), ("on_request", "依申请公开"), ("management", "政府信息管理"),
                   ("platforms", "政府信息公开平台建设"), ("oversight", "监督保障"),
                   ("assessment", "工作考核、社会评议和责任追究"))


def packaged_dir() -> Path:
    """Where the packaged templates are: the installed ``drafter.prompts``, or ``prompts/`` of a checkout."""
    try:
        from importlib import resources

        return Path(str(resources.files("drafter.prompts")))
    except (ModuleNotFoundError, TypeError):
        return Path(__file__).resolve().parents[2] / "prompts"


@dataclass(slots=True)
class Prompts:
    """A loaded set of templates; ``messages`` renders the system prompt plus one user prompt."""

    env: Any

    def template(self, name: str) -> Any:
        """One template loaded and compiled; a missing, broken or non-UTF-8 template is an InputError naming it."""
        import jinja2

        try:
            return self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise InputError(f"找不到提示词模板 {name}", hint="自定义提示词目录中的文件名应与内置模板一致") from None
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(f"提示词模板 {name} 第 {exc.lineno} 行语法错误：{exc.message}",
                             path=exc.filename) from None
        except UnicodeDecodeError:
            raise InputError(f"提示词模板 {name} 不是 UTF-8 编码的文本", hint="请用 UTF-8 编码保存该模板") from None

    def render(self, name: str, **context: Any) -> str:
        """One template rendered; a missing variable is an InputError naming the file and the variables there are."""
        import jinja2

        template = self.template(name)
        try:
            return str(template.render(**context)).strip()
        except jinja2.UndefinedError as exc:
            raise InputError(f"提示词模板 {name} 使用了未提供的变量（{exc.message}）",
                             hint=f"可用变量：{', '.join(sorted(context))}") from None

    def messages(self, name: str, context: dict[str, Any]) -> list[Message]:
        return [{"role": "system", "content": self.render("system.j2", **context)},
                {"role": "user", "content": self.render(name, **context)}]


def load_prompts(directory: str | Path | None = None) -> Prompts:
    """The packaged templates, overridden by those in ``directory`` when given."""
    import jinja2

    loaders: list[Any] = []
    if directory is not None:
        folder = Path(directory)
        if not folder.is_dir():
            raise InputError("提示词目录不存在", path=folder, hint=f"该目录应包含 {', '.join(TEMPLATES)} 中的一个或多个")
        loaders.append(_user_templates(folder))
    loaders.append(jinja2.FileSystemLoader(str(packaged_dir())))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False, autoescape=False)
    prompts = Prompts(env)
    for name in TEMPLATES:  # a broken template is refused before any call to a model is made
        prompts.template(name)
    return prompts


def _user_templates(folder: Path) -> Any:
    """A jinja2 loader of the user's own templates (jinja2 is imported on first use)."""
    import jinja2

    class UserTemplates(jinja2.BaseLoader):
        """The user's own templates, read like every user file (drafter.files: only regular files, bounded)."""

        def __init__(self, folder: Path) -> None:
            self.folder = folder

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
            if not path.exists():
                raise jinja2.TemplateNotFound(template)
            data = read_bytes(path, max_bytes=SMALL_MAX_BYTES, what="提示词模板", allow_empty=True)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise InputError(f"提示词模板 {template} 不是 UTF-8 编码的文本", path=path,
                                 hint="请用 UTF-8 编码保存该模板") from None
            return text, str(path), lambda: False

    return UserTemplates(folder)


def base_context(sheet: FactSheet) -> dict[str, Any]:
    """What every template may use."""
    return {"agency": sheet.agency, "year": sheet.year, "self_name": sheet.self_name,
            "is_government": sheet.is_government, "factsheet": sheet.render()}


def overview_messages(prompts: Prompts, sheet: FactSheet, figures: Figures) -> list[Message]:
    """Chat messages asking for part 一."""
    notes = _topic_notes(figures.notes)
    return prompts.messages("overview.j2", {**base_context(sheet), "notes": notes})


def problems_messages(prompts: Prompts, sheet: FactSheet, figures: Figures, *,
                      previous_problems: Iterable[PreviousProblem] = (),
                      previous_text: str | None = None, variant: int = 0) -> list[Message]:
    """Chat messages asking for part 五 (last year's problems and text, when known, handed over)."""
    context = {**base_context(sheet), "previous_problems": list(previous_problems), "variant": variant,
               "previous_text": previous_text or None,
               "problems": list(figures.notes.problems), "improvements": list(figures.notes.improvements)}
    return prompts.messages("problems.j2", context)


def edit_messages(prompts: Prompts, sheet: FactSheet, figures: Figures, numeral: str, title: str,
                  draft: str) -> list[Message]:
    """Chat messages asking to rewrite the offline engine's part (numbers already right) for fluency and detail."""
    if numeral == "一":
        notes = _topic_notes(figures.notes)
    else:
        notes = [(label, items) for label, items in (("存在的问题", list(figures.notes.problems)),
                                                      ("改进措施", list(figures.notes.improvements))) if items]
    context = {**base_context(sheet), "numeral": numeral, "title": title, "draft": draft, "notes": notes}
    return prompts.messages("edit.j2", context)


def repair_messages(prompts: Prompts, sheet: FactSheet, numeral: str, title: str, draft: str,
                    findings: Iterable[Finding], history: list[Message]) -> list[Message]:
    """The conversation so far plus a request to fix only the sentences the findings name."""
    context = {**base_context(sheet), "numeral": numeral, "title": title, "draft": draft,
               "findings": list(findings)}
    return [*history, {"role": "assistant", "content": draft},
            {"role": "user", "content": prompts.render("repair.j2", **context)}]


def _topic_notes(notes: Notes) -> list[tuple[str, list[str]]]:
    return [(label, list(getattr(notes, attr))) for attr, label in _OVERVIEW_NOTES if getattr(notes, attr)]
