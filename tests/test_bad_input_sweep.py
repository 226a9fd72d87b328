"""A careless user's inputs: every command answers with its exit code and one clear Chinese message, no traceback.

Each case builds its files in a temporary folder from the real example and seed report, runs drafter as a user
would, and checks the exit code and the key phrase of the message.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CORPUS, EXAMPLE_FIGURES, SEED, invoke

PDF = CORPUS / "huaian-city-2024.pdf"

Case = Callable[[Path], tuple[list[str], dict[str, str]]]


def _figures(tmp: Path, old: str = "", new: str = "", name: str = "figures.yaml") -> Path:
    """The example figures file, with one edit a user might make."""
    text = EXAMPLE_FIGURES.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(
        b"IEND", b"")


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def _read_only(path: Path) -> Path:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


def _edited(tmp: Path, edit: Callable[[Any], Any]) -> Path:
    """The example figures, loaded, changed by ``edit`` and written back as YAML."""
    data = edit(yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8")))
    path = tmp / "figures.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _lift_row(data: dict[str, Any]) -> dict[str, Any]:
    """（一）予以公开 written one level too high, beside 一、二、三、四."""
    table = data["表三"]
    table["（一）予以公开"] = table["三、本年度办理结果"].pop("（一）予以公开")
    return data


def _nullify(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _nullify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nullify(v) for v in value]
    return None


def _without_five() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[:text.index("五、")] + text[text.index("六、"):]


def _report(tmp: Path, name: str = "报告.txt") -> Path:
    path = tmp / name
    path.write_bytes(SEED.read_bytes())
    return path


NO_ENV: dict[str, str] = {}

CASES: dict[str, tuple[Case, int, str]] = {
    # figures files with a typing slip
    "duplicate key": (lambda t: (["validate", str(_figures(t, "  报告年度: 2021\n",
                                                               "  报告年度: 2021\n  报告年度: 2022\n"))], NO_ENV),
                      2, "键“报告年度”重复（第 8 行已有）"),
    "json missing comma": (lambda t: (["validate", str(_write(t / "f.json",
                                                              '{"基本信息": {"机关全称": "某局" "报告年度": 2021}}'))],
                                      NO_ENV), 2, "JSON 格式错误：第 1 行第 24 列，缺少逗号"),
    "unclosed bracket": (lambda t: (["validate", str(_figures(t, "  机关全称: 临清市科学技术局",
                                                             "  机关全称: [临清市科学技术局"))], NO_ENV),
                         2, "方括号“[”没有配对"),
    "yaml tag": (lambda t: (["check", str(_write(t / "f.yaml", "基本信息: !!python/object/apply:os.system [ls]\n"))],
                            NO_ENV), 2, "“!”开头的标记"),
    "enum choice": (lambda t: (["validate", str(_figures(t, "机关类型: 政府部门", "机关类型: 街道办"))], NO_ENV),
                    2, "应为以下之一：人民政府、政府部门、乡镇街道、其他"),
    "typo beside missing key": (lambda t: (["validate", str(_figures(t, "  机关全称:", "  机关全名:"))], NO_ENV),
                                2, "是否应为“机关全称”"),
    "year of many digits": (lambda t: (["validate", str(_figures(t, "报告年度: 2021", "报告年度: 99999"))], NO_ENV),
                            2, "应为四位数字年份"),
    "chinese colon": (lambda t: (["validate", str(_figures(t, "  机关全称: 临清", "  机关全称：临清"))], NO_ENV),
                      2, "第 7 行用了中文冒号“：”"),
    "json nested too deep": (lambda t: (["validate", str(_write(t / "f.json", "{\"基本信息\": " + "[" * 50000
                                                                + "]" * 50000 + "}"))], NO_ENV),
                             2, "嵌套层数过多"),
    "nan in a cell": (lambda t: (["validate", str(_figures(t, "申请数量: {自然人: 0", "申请数量: {自然人: .nan"))],
                                 NO_ENV), 2, "“nan”不是有效的数字"),
    "fraction of a count": (lambda t: (["validate", str(_figures(t, "  培训次数:", "  培训次数: 2.5"))], NO_ENV),
                            2, "应为整数"),
    "row at the wrong level": (lambda t: (["validate", str(_edited(t, _lift_row))], NO_ENV),
                               2, "应放在“表三 › 三、本年度办理结果”之下"),
    "null everywhere": (lambda t: (["validate", str(_edited(t, _nullify))], NO_ENV), 2, "这里却是空的（null）"),
    # files of the wrong kind
    "excel named .docx": (lambda t: (["import", str(_write(t / "报告.docx", _xlsx()))], NO_ENV),
                          2, "这是一份 Excel 表格（.xlsx），不是 Word 文件"),
    "text named .docx": (lambda t: (["import", str(_write(t / "报告.docx", "这不是一个 Word 文件"))], NO_ENV),
                         2, "内容却是纯文本，并不是真正的 Word 文件"),
    "png named .pdf": (lambda t: (["check", str(_write(t / "报告.pdf", _png()))], NO_ENV), 2, "这是一张 PNG 图片"),
    "regenerate a figures file": (lambda t: (["regenerate", "problems", str(_figures(t))], NO_ENV),
                                  2, "这是 figures 文件，不是报告"),
    "regenerate a PDF": (lambda t: (["regenerate", "problems", str(_write(t / "报告.pdf", PDF.read_bytes()))],
                                    NO_ENV), 2, "PDF 文件不能直接修改"),
    "regenerate without part five": (lambda t: (["regenerate", "problems", str(_write(t / "报告.txt", _without_five()))],
                                                NO_ENV), 2, "没有找到“五、”开头的第五部分标题"),
    # output paths
    "render over its input": (lambda t: (["render", str(p := _figures(t)), "--to", "md", "-o", str(p)], NO_ENV),
                              2, "输出文件就是输入文件"),
    "draft over its input": (lambda t: (["draft", str(p := _figures(t)), "-o", str(p)], NO_ENV),
                             2, "输出文件就是输入文件"),
    "import over its input": (lambda t: (["import", str(p := _report(t)), "-o", str(p)], NO_ENV),
                              2, "输出文件就是输入文件"),
    "render to a read-only file": (lambda t: (["render", str(_figures(t)), "-o",
                                               str(_read_only(_write(t / "out.md", "旧内容")))], NO_ENV),
                                   2, "文件是只读的"),
    "regenerate a read-only report": (lambda t: (["regenerate", "problems", str(_read_only(_report(t)))], NO_ENV),
                                      2, "文件是只读的"),
    "render into a folder": (lambda t: (["render", str(_figures(t)), "--to", "md", "-o", str(t)], NO_ENV),
                             2, "是一个文件夹，应给出文件名"),
    "output under a file": (lambda t: (["render", str(p := _figures(t)), "--to", "md", "-o", str(p / "x.md")],
                                       NO_ENV), 2, "路径中有一段不是文件夹"),
    "render md into .docx": (lambda t: (["render", str(_figures(t)), "--to", "md", "-o", str(t / "报告.docx")],
                                        NO_ENV), 2, "--to md 与输出文件的扩展名 .docx 不一致"),
    "draft into .pdf": (lambda t: (["draft", str(_figures(t)), "-o", str(t / "报告.pdf")], NO_ENV),
                        2, "不能直接生成 .pdf 文件"),
    "import into .docx": (lambda t: (["import", str(_report(t)), "-o", str(t / "数据.docx")], NO_ENV),
                          2, "不能存为 .docx 文件"),
    "init into .docx": (lambda t: (["init", "-o", str(t / "数据.docx")], NO_ENV), 2, "不能存为 .docx 文件"),
    # options
    "jobs out of range": (lambda t: (["draft", str(_figures(t)), "-j", "0"], NO_ENV), 2, "-j / --jobs 的值 0 超出范围"),
    "init year zero": (lambda t: (["init", "-o", str(t / "f.yaml"), "--year", "0"], NO_ENV),
                       2, "应在 2008 到 2100 之间"),
    "prompts folder missing": (lambda t: (["draft", str(_figures(t)), "--prompts", str(t / "无此目录")], NO_ENV),
                               2, "找不到该文件或文件夹"),
    "prompt template not utf-8": (lambda t: (["draft", str(_figures(t)), "--section", "overview", "-m", "ollama",
                                              "--prompts", str(_write(t / "p" / "overview.j2", b"\xff\xfe\x00x")
                                                               .parent)], NO_ENV),
                                  2, "提示词模板 overview.j2 不是 UTF-8 编码"),
    # models and the LLM service
    "model name typo": (lambda t: (["draft", str(_figures(t)), "-m", "deepsek"], NO_ENV),
                        2, "是否应为“deepseek”"),
    "model typo in DRAFTER_MODEL": (lambda t: (["draft", str(_figures(t))], {"DRAFTER_MODEL": "bogus"}),
                                    2, "不认识的模型“bogus”（环境变量 DRAFTER_MODEL）"),
    "unknown provider": (lambda t: (["draft", str(_figures(t)), "-m", "bogus:model"], NO_ENV),
                         2, "服务商“bogus”不是已知的预设"),
    "base url not a url": (lambda t: (["draft", str(_figures(t)), "-m", "gpt-4o"],
                                      {"OPENAI_API_KEY": "sk-test-0000", "OPENAI_BASE_URL": "notaurl"}),
                           2, "“notaurl”不是有效的网址"),
    "connection refused, home is a file": (
        lambda t: (["draft", str(_figures(t)), "--section", "overview", "-m", "gpt-4o"],
                   {"OPENAI_API_KEY": "sk-test-0000", "OPENAI_BASE_URL": "http://127.0.0.1:9",
                    "DRAFTER_HOME": str(_write(t / "home", "x"))}),
        3, "http://127.0.0.1:9"),
    "config not utf-8": (lambda t: (["draft", str(_figures(t))],
                                    {"DRAFTER_HOME": str(_write(t / "h" / "config.toml", b"\xff\xfe bad").parent)}),
                         2, "配置文件不是 UTF-8 编码"),
    "random bytes named .docx": (lambda t: (["check", str(_write(t / "报告.docx", bytes(range(256)) * 12))], NO_ENV),
                                 2, "不是有效的 Word 文件（可能已损坏或没有下载完整）"),
    "random bytes named .pdf": (lambda t: (["import", str(_write(t / "报告.pdf", bytes(range(256)) * 12))], NO_ENV),
                                2, "不是有效的 PDF 文件"),
    "logs count zero": (lambda t: (["logs", "-n", "0"], NO_ENV), 2, "-n 的值 0 太小，应不小于 1"),
    "logs, home is a file": (lambda t: (["logs"], {"DRAFTER_HOME": str(_write(t / "home", "x"))}),
                             2, "DRAFTER_HOME"),
    "logs, damaged log": (lambda t: (["logs"], {"DRAFTER_HOME": str(_write(t / "logs.db", "不是数据库" * 40).parent)}),
                          2, "调用记录文件已损坏"),
}


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_a_clear_message(name: str, tmp_path: Path) -> None:
    make, code, phrase = CASES[name]
    args, env = make(tmp_path)
    before = _snapshot(tmp_path)
    result = invoke(*args, env=env)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert phrase in result.stderr
    if code == 2:  # refused input leaves every file as it was, and no backup behind
        assert _snapshot(tmp_path) == before


def test_json_of_import_is_a_figures_file(tmp_path: Path) -> None:
    """What ``import --format json`` writes (figures under a "figures" key) can be validated as it is."""
    figures = yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))
    path = _write(tmp_path / "导入.json", json.dumps({"figures": figures, "findings": []}, ensure_ascii=False))
    result = invoke("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "不是 figures 文件" not in result.stderr


def test_regenerate_keeps_a_utf16_report_utf16(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = _write(tmp_path / "报告.txt", text.encode("utf-16"))
    result = invoke("regenerate", "problems", str(path))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")
    new = data.decode("utf-16")
    head, tail = text.split("五、", 1)
    assert new.startswith(head) and new != text
    assert os.path.exists(str(path) + ".bak")


def test_a_utf16_web_page_reads_like_the_utf8_one(tmp_path: Path) -> None:
    page = tmp_path / "报告.html"
    assert invoke("render", str(EXAMPLE_FIGURES), "--to", "html", "-o", str(page)).returncode == 0
    wide = _write(tmp_path / "报告-utf16.html", page.read_text(encoding="utf-8").encode("utf-16"))
    results = [invoke("import", str(p), "--format", "json") for p in (page, wide)]
    assert [r.returncode for r in results] == [0, 0], results[1].stderr
    figures = [json.loads(r.stdout)["figures"] for r in results]
    assert figures[0]["表三"] == figures[1]["表三"]
    assert figures[1]["基本信息"]["机关全称"] == "临清市科学技术局"


def test_regenerate_keeps_classic_mac_line_ends(tmp_path: Path) -> None:
    old = SEED.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    path = _write(tmp_path / "报告.txt", old)
    result = invoke("regenerate", "problems", str(path))
    assert result.returncode in (0, 1), result.stderr
    new = path.read_bytes()
    five, six = "五、".encode(), "六、".encode()
    assert b"\n" not in new and new != old
    assert new[:new.index(five)] == old[:old.index(five)]
    assert new[new.index(six):] == old[old.index(six):]


@pytest.mark.parametrize("name", ["报告.yaml", "报告.json"])
def test_a_report_under_a_figures_name_is_read_as_a_report(name: str, tmp_path: Path) -> None:
    """The content decides, not the name: the seed report saved as .yaml or .json is checked as a report."""
    path = _write(tmp_path / name, SEED.read_bytes())
    result = invoke("check", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "figures" not in result.stderr
    assert "findings" in json.loads(result.stdout)


def test_rendering_twice_keeps_both_older_versions(tmp_path: Path) -> None:
    out = _write(tmp_path / "报告.md", "第一版")
    for _ in range(2):
        assert invoke("render", str(EXAMPLE_FIGURES), "-o", str(out)).returncode == 0
    assert (tmp_path / "报告.md.bak").read_text(encoding="utf-8") == "第一版"
    assert (tmp_path / "报告.md.bak.1").exists()
