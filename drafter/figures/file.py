"""The figures file: YAML or JSON text into :class:`~drafter.figures.Figures`, with messages that name the file,
the line or key path, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import json
import re
import reprlib
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from drafter.errors import FiguresError, InputError
from drafter.figures import Figures
from drafter.figures.workbook import workbook_data
from drafter.files import FIGURES_MAX_BYTES, FileKind, decode_text, read_bytes, sniff

# Where a key path was written: a line number (YAML/JSON) or a cell such as “表三!D7” (a workbook); None if unknown.
Locate = Callable[[tuple[Any, ...]], "int | str | None"]


def parse_figures_text(text: str, path: str | Path | None = None) -> Any:
    """Parse YAML or JSON text into plain data; syntax errors name the line and column."""
    import yaml

    stripped = text.lstrip()
    json_error: json.JSONDecodeError | None = None
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=lambda pairs: _unique_pairs(pairs, path))
        except RecursionError:
            raise InputError("括号嵌套层数过多，不像是 figures 文件", path=path,
                             hint="可用 drafter init 生成一份待填写的 figures 文件") from None
        except json.JSONDecodeError as exc:
            if stripped.startswith("["):
                raise _json_error(exc, path) from None
            # “{a: 1}” is valid YAML flow style though not JSON: let YAML have a go, but report the JSON error.
            json_error = exc
        except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
            raise InputError("文件中有位数过多的数字，不像是件数或金额", path=path,
                             hint="请填写实际的数字；若是编号或电话等文字，请加引号") from None
    try:
        return yaml.load(text, Loader=_unique_key_loader())  # noqa: S506 - a safe loader
    except InputError as exc:  # a duplicate key, raised where the loader does not know the file
        exc.path = str(path) if path is not None else None
        raise
    except yaml.YAMLError as exc:
        if json_error is not None:
            raise _json_error(json_error, path) from None
        mark = getattr(exc, "problem_mark", None)
        colon = _fullwidth_colon_line(text, mark.line if mark else None)
        if colon is not None:
            raise InputError(f"YAML 格式错误：第 {colon} 行用了中文冒号“：”分隔键和值", path=path,
                             hint="请改为英文冒号加空格，如“机关全称: 某某局”") from None
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"YAML 格式错误：{where}，{_yaml_reason(problem)}", path=path,
                         hint="常见原因：冒号后缺空格、缩进不一致、使用了制表符（Tab）、中文冒号“：”") from None


def _fullwidth_colon_line(text: str, line: int | None) -> int | None:
    """The 1-based line, at or just before a YAML error, written “键：值” with a Chinese colon; None if none is."""
    if line is None:
        return None
    lines = text.splitlines()
    for index in (line, line - 1, line - 2):
        if 0 <= index < len(lines):
            body = lines[index].split("#", 1)[0].strip()
            if re.match(r"^[^\s:：\-][^:]*?：", body) and ": " not in body and not body.endswith(":"):
                return index + 1
    return None


def _json_error(exc: json.JSONDecodeError, path: str | Path | None) -> InputError:
    return InputError(f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列，{_json_reason(exc.msg)}",
                      path=path, hint="请检查该处的逗号、引号和括号是否配对")


def _unique_pairs(pairs: list[tuple[str, Any]], path: str | Path | None) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key given twice is an error (the second would silently win)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InputError(f"键“{key}”出现了两次，后一个会覆盖前一个", path=path,
                             hint="请删除多余的一项，或改正其中一个的名称")
        seen[key] = value
    return seen


def _unique_key_loader() -> Any:
    """A safe YAML loader that refuses a key given twice in one mapping (PyYAML would keep the last silently)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # type: ignore[misc, valid-type]
        def construct_document(self, node: Any) -> Any:
            # Aliases (“*a”) share one value: a few hundred bytes can stand for 10⁹ values once expanded (printed,
            # validated, copied). Count what the document would expand to before constructing anything.
            size = _expanded_size(node)
            if size > YAML_MAX_NODES:
                raise InputError(f"文件中的“&”定义和“*”引用展开后超过 {YAML_MAX_NODES} 项，不像是 figures 文件"
                                 "（疑为恶意构造的“引用炸弹”）",
                                 hint="figures 文件不需要“&”和“*”引用；请删除它们，逐项写出数字")
            return super().construct_document(node)

        def construct_written_int(self, node: Any) -> Any:
            digits = sum(ch.isdigit() for ch in str(node.value))
            if digits > 30:
                raise InputError(f"第 {node.start_mark.line + 1} 行：数字有 {digits} 位，位数过多，不像是件数或金额",
                                 hint="请填写实际的数字；若是编号或电话等文字，请加引号")
            value = self.construct_yaml_int(node)
            # YAML 1.1 reads 010010 as the octal 4104: keep what was written, for a 邮编 or 电话 read as text.
            written = str(node.value)
            return WrittenInt(value, written) if written.lstrip("+-")[:1] == "0" and len(written) > 1 else value

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            first: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                line = key_node.start_mark.line + 1
                if key is not None and key != "<<" and key in first:
                    raise InputError(f"第 {line} 行：键“{key}”重复（第 {first[key]} 行已有），后一个会覆盖前一个",
                                     hint="请删除多余的一行，或改正其中一个的名称")
                first.setdefault(key, line)
            return super().construct_mapping(node, deep=deep)

    UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", UniqueKeyLoader.construct_written_int)
    return UniqueKeyLoader


YAML_MAX_NODES = 100_000


def _expanded_size(root: Any) -> int:
    """How many values a composed YAML document stands for once its aliases are expanded (stops past the bound)."""
    import yaml

    sizes: dict[int, int] = {}
    # Post-order without recursion; a node reached twice (an alias) is counted each time, from its memo.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Any] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done or not children:
            sizes[id(node)] = min(1 + sum(sizes.get(id(c), 1) for c in children), YAML_MAX_NODES + 1)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes.get(id(root), 1)


class WrittenInt(int):
    """An integer that YAML read from digits with a leading 0 (octal in YAML 1.1), keeping the digits as written."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number


def _json_reason(msg: str) -> str:
    reasons = {
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Expecting value": "缺少值或多了逗号",
        "Expecting property name enclosed in double quotes": "键名须用英文双引号（或最后一项后多了逗号）",
        "Unterminated string starting at": "引号没有闭合",
        "Extra data": "文档结束后还有多余内容",
    }
    return reasons.get(msg, msg)


_YAML_REASONS = (
    ("mapping values are not allowed", "此处不能出现冒号（可能是缩进错误，或冒号后缺空格）"),
    ("could not find expected ':'", "缺少冒号（键和值之间应为英文冒号加空格）"),
    ("expected ',' or ']'", "方括号“[”没有配对的“]”，或列表项之间缺逗号"),
    ("expected ',' or '}'", "花括号“{”没有配对的“}”，或各项之间缺逗号"),
    ("expected '-' indicator", "缩进不一致：同一层里混用了列表项（“- ”开头）和“键: 值”"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("undefined alias", "“*”开头的引用没有对应的“&”定义（值以 * 开头时请加引号）"),
    ("could not determine a constructor for the tag", "不支持以“!”开头的标记（值以 ! 开头时请加引号）"),
    ("but found another document", "文件中有多个以“---”分隔的文档，只能有一个"),
    ("document start", "这不像是 YAML 文件（可能是报告正文或 Markdown）"),
    ("unknown directive", "以“%”开头的行不是 YAML 内容（值以 % 开头时请加引号）"),
    ("found duplicate anchor", "同一个“&”名称定义了两次"),
    ("found unhashable key", "键不能是列表或“键: 值”结构（“[”“{”或“? ”开头的键），请改为一段文字"),
    ("maximum nesting depth", "括号或缩进的嵌套层数过多，不像是 figures 文件"),
    ("cannot start any token", "出现了不能作为开头的字符（如 Tab、@ 或 `）"),
    ("found unknown escape character", "双引号里的反斜杠“\\”不合法（请改用单引号或写成两个反斜杠）"),
)


def _yaml_reason(problem: str) -> str:
    if "tab" in problem:
        return "使用了制表符（Tab）缩进，请改用空格"
    for english, chinese in _YAML_REASONS:
        if english in problem:
            return chinese
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "缩进不一致"
    return f"YAML 语法错误（{problem}）"


def load_figures(path: str | Path, *, lenient: bool | None = None) -> Any:
    """Read a figures file (YAML or JSON) into :class:`~drafter.figures.Figures`.

    ``lenient`` (default: when the file says it was imported from a published report) lets cells hold text, so
    that a published report's defects become findings rather than errors.
    """
    data = read_bytes(path, max_bytes=FIGURES_MAX_BYTES, what="figures 文件")
    if sniff(data, path) is FileKind.XLSX:
        return figures_from_workbook(data, path, lenient=lenient)
    text = decode_text(data, path)
    return figures_from_text(text, path, lenient=lenient)


def figures_from_workbook(data: bytes, path: str | Path | None = None, *, lenient: bool | None = None) -> Any:
    """A filled workbook (``drafter init --to xlsx``) into Figures: the same checks as a YAML file, the messages
    naming the sheet and cell (“表三!D7”) where a YAML file's name the line."""
    book = workbook_data(data, path)
    return figures_from_data(book.data, path, locate=book.cell, lenient=lenient)


def figures_from_text(text: str, path: str | Path | None = None, *, lenient: bool | None = None) -> Any:
    """Parse and validate figures text; see :func:`load_figures`."""
    data = parse_figures_text(text, path)
    return figures_from_data(data, path, locate=lambda loc: _line_of(text, loc), lenient=lenient)


def figures_from_data(data: Any, path: str | Path | None = None, *, locate: Locate | None = None,
                      lenient: bool | None = None) -> Any:
    """Validate plain figures data (from YAML, JSON or a workbook); ``locate`` names where a key path was written
    (a line number, or a workbook cell)."""
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise InputError(_not_a_mapping(data), path=path,
                         hint="可用 drafter init 生成一份待填写的 figures 文件")
    if "基本信息" not in data and isinstance(data.get("figures"), dict):
        data = data["figures"]  # the JSON of ``drafter import --format json``: its figures are what we need
    if "基本信息" not in data and "meta" not in data:
        if "findings" in data or "reports" in data:
            raise InputError("这是 drafter 检查结果（JSON），不是 figures 文件", path=path,
                             hint="请给出 drafter init 生成并填写的 figures 文件")
        raise InputError("缺少“基本信息”部分，不像是 figures 文件", path=path,
                         hint="figures 文件以“基本信息”（机关全称、报告年度）开头，可用 drafter init 生成")
    if lenient is None:
        meta = data.get("基本信息") or data.get("meta") or {}
        lenient = isinstance(meta, dict) and bool(meta.get("来源") or meta.get("source"))
    try:
        return Figures.model_validate(data, context={"lenient": lenient})
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        missing = [tuple(err["loc"]) for err in errors if err.get("type") == "missing"]
        problems = [_describe(err, locate, missing) for err in errors]
        count = len(problems)
        raise FiguresError(f"内容有 {count} 处不符合 figures 文件的格式", path=path, problems=problems,
                           hint=None) from None


def _not_a_mapping(data: Any) -> str:
    if isinstance(data, list):
        if data and isinstance(data[0], dict) and {"table", "row", "column"} <= set(data[0]):
            return "这是 drafter import --format cells 输出的单元格列表，不是 figures 文件"
        return "内容是一个列表，而 figures 文件应为“键: 值”的结构"
    if isinstance(data, str):
        return "内容只是一段文字，不是“键: 值”的结构（这可能是报告正文，请用 drafter import 读取报告）"
    return "内容不是“键: 值”的结构"


# ------------------------------------------------------------------------------------------ error messages


def _describe(err: Mapping[str, Any], locate: Locate | None,
              missing: list[tuple[Any, ...]] | None = None) -> tuple[str, str]:
    loc = tuple(err.get("loc", ()))
    kind = err.get("type", "")
    path = " › ".join(f"第 {part + 1} 项" if isinstance(part, int) else str(part) for part in loc)
    place = locate(loc) if locate is not None else None
    where = f"{path}（{place}）" if isinstance(place, str) else (f"{path}（第 {place} 行）" if place else path)
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        # A key missing beside the unknown one is the likeliest meaning (“机关全名” for a missing “机关全称”).
        siblings = [str(m[-1]) for m in missing or [] if m[:-1] == loc[:-1]]
        close = difflib.get_close_matches(key, siblings, n=1, cutoff=0.4)
        home = None if close else _home_of(key)
        if home is not None:  # a right key at the wrong level: an indentation slip
            place = f"“{' › '.join(home)}”之下" if home else "最外层（不缩进）"
            return where, f"“{key}”不应在这一层，应放在{place}（请调整缩进）"
        guess = close[0] if close else _closest_key(loc[:-1], key)
        msg = f"未知的键“{key}”"
        msg += f"，是否应为“{guess}”？" if guess else "，请删除或改为表格中的正式名称"
        return where, msg
    if kind == "missing":
        return where, "缺少此项，请补上"
    if kind in ("value_error", "assertion_error"):
        ctx = err.get("ctx") or {}
        return where, _short(ctx.get("error") or err.get("msg", ""), 1000).removeprefix("Value error, ")
    if kind == "int_from_float":
        return where, f"应为整数（件数、次数不能有小数），填写的是“{_short(err.get('input'))}”"
    if kind.startswith(("int_", "float_")):
        return where, f"应为数字，填写的是“{_short(err.get('input'))}”"
    if kind == "enum":
        expected = (err.get("ctx") or {}).get("expected", "")
        expected = str(expected).replace("'", "").replace(" or ", "、").replace(", ", "、")
        value = err.get("input")
        given = _given(value) if value is None else f"“{_short(value)}”不是可选值"
        return where, f"{given}，应为以下之一：{expected}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return where, f"此处应为“键: 值”的结构，{_given(err.get('input'))}"
    if kind == "list_type":
        return where, "此处应为列表（每行以“- ”开头）"
    if kind in ("string_type",):
        return where, f"此处应为文字，{_given(err.get('input'))}"
    if kind.startswith("date"):
        return where, f"日期格式应为 2022-01-20，填写的是“{_short(err.get('input'))}”"
    return where, _short(err.get("msg", kind), 200)


def _given(value: Any) -> str:
    return "这里却是空的（null）" if value is None else f"填写的是“{_short(value)}”"


def _short(value: Any, limit: int = 30) -> str:
    """A value as the user wrote it, cut to ``limit`` characters; never expands a huge value to do so."""
    if isinstance(value, bool) or value is None:
        text = str(value)
    elif isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else f"一个 {_digits(value)} 位的数字"
    elif isinstance(value, str):
        text = value[: limit + 1]
    elif isinstance(value, BaseException):  # a validator's message
        text = str(value)[: limit + 1]
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(_short(v, 12) for v in value[:3])
        text = f"[{inner}{', …' if len(value) > 3 else ''}]"
    elif isinstance(value, dict):
        inner = ", ".join(f"{_short(k, 12)}: {_short(v, 12)}" for k, v in list(value.items())[:3])
        text = f"{{{inner}{', …' if len(value) > 3 else ''}}}"
    else:
        text = reprlib.repr(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _digits(value: int) -> str:
    """About how many decimal digits a huge integer has (converting it to text is what Python refuses)."""
    return str(int(abs(value).bit_length() * 0.30103) + 1)


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of a key path in YAML/JSON text (best effort; None when it cannot be found)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _closest_key(parent: tuple[Any, ...], key: str) -> str | None:
    choices = _keys_at(parent)
    if not choices:
        return None
    # Compare without numbering and brackets too, so “予以公开” finds “（一）予以公开”.
    match = difflib.get_close_matches(key, choices, n=1, cutoff=0.4)
    return match[0] if match else None


def _home_of(key: str) -> tuple[str, ...] | None:
    """Where ``key`` belongs in a figures file (the labels of its parents), or None when it belongs nowhere."""
    from pydantic import AliasChoices, BaseModel


    def labels(field: Any) -> list[str]:
        alias = field.validation_alias
        return [str(c) for c in alias.choices] if isinstance(alias, AliasChoices) else []

    def walk(model: Any, path: tuple[str, ...]) -> tuple[str, ...] | None:
        fields = [f for f in model.model_fields.values() if labels(f)]
        if any(key in labels(f) for f in fields):
            return path
        for field in fields:
            sub = _unwrap(field.annotation)
            if isinstance(sub, type) and issubclass(sub, BaseModel) and len(path) < 6:
                found = walk(sub, (*path, labels(field)[0]))
                if found is not None:
                    return found
        return None

    return walk(Figures, ())


def _keys_at(loc: tuple[Any, ...]) -> list[str]:
    from pydantic import AliasChoices, BaseModel


    model: Any = Figures
    for part in loc:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            model = _unwrap(model)
            if isinstance(part, int) or not (isinstance(model, type) and issubclass(model, BaseModel)):
                continue
        for name, field in model.model_fields.items():
            aliases = field.validation_alias.choices if isinstance(field.validation_alias, AliasChoices) else []
            if part == name or part in aliases:
                model = _unwrap(field.annotation)
                break
        else:
            return []
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    keys: list[str] = []
    for field in model.model_fields.values():
        if isinstance(field.validation_alias, AliasChoices):
            keys.extend(str(choice) for choice in field.validation_alias.choices)
    return keys


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``X | None``, ``list[X]`` or ``dict[str, X]``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin in (list, tuple):
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return annotation
