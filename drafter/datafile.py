"""drafter's own data files (``drafter/data/*.yaml``) loaded into their pydantic models.

Each file has a model that forbids unknown keys (``extra="forbid"``): the lexicon (``drafter.check.lexicon``),
the provider presets (``drafter.llm.providers``) and the offline phrasings (``drafter.draft.offline.phrases``).
Reviewers edit these files by hand, so a defect is an :class:`InputError` in Chinese that names the file, the line
and the key (with the key that was probably meant), as the figures file's messages do.

The YAML is read by the figures file's parser (Chinese syntax errors with line and column, duplicate keys refused);
this module sits above ``drafter.files`` and ``drafter.figures.file`` so that neither imports the other's users.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError

from drafter.errors import InputError
from drafter.figures.file import _line_of as line_of
from drafter.figures.file import parse_figures_text
from drafter.files import decode_text, read_bytes

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_MAX_BYTES = 2_000_000

M = TypeVar("M", bound=BaseModel)


def load_data_file(path: str | Path, model: type[M], *, what: str = "数据文件") -> M:
    """Read ``path`` and validate it against ``model``; ``what`` names the file in messages (“词典文件”)."""
    text = decode_text(read_bytes(path, max_bytes=DATA_MAX_BYTES, what=what), path)
    return data_from_text(text, model, path=path, what=what)


def data_from_text(text: str, model: type[M], *, path: str | Path | None = None, what: str = "数据文件") -> M:
    """Validate YAML (or JSON) text against ``model``; every defect is listed with its line."""
    data = parse_figures_text(text, path)  # YAML errors in Chinese, with line and column; duplicate keys refused
    if not isinstance(data, dict):
        keys = "、".join(_fields(model)[:4])
        raise InputError(f"{what}应为“键: 值”的结构" + (f"（{keys} 等）" if keys else ""), path=path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [describe_problem(err, text, model) for err in exc.errors(include_url=False)]
        raise InputError(f"{what}有 {len(problems)} 处不符合格式：\n" + "\n".join(f"  · {p}" for p in problems),
                         path=path, hint="键名见文件开头的说明；多余或拼错的键会被拒绝") from None


def describe_problem(err: Mapping[str, Any], text: str, model: type[BaseModel]) -> str:
    """One validation error as “第 N 行，indicators 第 3 项 patern：未知的键……”."""
    loc = tuple(err["loc"])
    line = line_of(text, loc)
    where = "".join(f" 第 {part + 1} 项" if isinstance(part, int) else f" {part}" for part in loc).strip()
    kind = err.get("type")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = known_keys(model, loc[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
        what = f"未知的键“{key}”" + (f"（是否应为“{close[0]}”？）" if close else f"（可用的键：{'、'.join(known)}）")
    elif kind == "missing":
        what = "缺少这一项"
    elif kind and kind.startswith(("string_type", "list_type", "dict_type")):
        what = {"string_type": "应为文字", "list_type": "应为列表（每项以“- ”开头，或写成 [a, b]）",
                "dict_type": "应为“键: 值”的结构"}.get(kind, err["msg"])
    elif kind == "too_short":
        what = "至少要有一项"
    elif kind in ("literal_error", "enum"):
        expected = str((err.get("ctx") or {}).get("expected", ""))
        expected = expected.replace("'", "").replace(" or ", "、").replace(", ", "、")
        what = f"“{err.get('input')}”不是可选值，应为以下之一：{expected}"
    elif kind and kind.startswith(("int_", "float_")):
        what = f"应为数字，填写的是“{err.get('input')}”"
    else:
        what = str(err["msg"]).removeprefix("Value error, ")
    return f"第 {line} 行，{where}：{what}" if line else f"{where}：{what}"


def known_keys(model: type[BaseModel], parent: tuple[Any, ...]) -> list[str]:
    """The keys the model allows at ``parent`` (a validation error's location), for “是否应为……”."""
    annotation: Any = model
    for part in parent:
        annotation = _item(annotation, part)
        if annotation is None:
            return []
    found = _model_in(annotation)
    return _fields(found) if found is not None else []


def _fields(model: type[BaseModel]) -> list[str]:
    if issubclass(model, RootModel):
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _item(annotation: Any, part: Any) -> Any:
    """The annotation of ``part`` (a key or a list index) inside a value of type ``annotation``; None if unknown."""
    model = _model_in(annotation)
    if model is not None and not issubclass(model, RootModel):
        info = next((i for name, i in model.model_fields.items() if part in (name, i.alias)), None)
        return info.annotation if info is not None else None
    if model is not None:
        annotation = model.model_fields["root"].annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple) and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is typing.Annotated and args:
        return _item(args[0], part)
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation stands for (``Model``, ``Model | None``, ``Annotated[Model, …]``), or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
