"""``drafter regenerate problems``: only part 五 changes, every other byte stays, the old file is kept."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import EXAMPLE_FIGURES, SEED, run_cli

from drafter.errors import InputError
from drafter.render.splice import splice_text

HEAD = "五、存在的主要问题及改进情况"
NEXT = "六、其他需要报告的事项"


def _outside(data: bytes) -> tuple[bytes, bytes]:
    """The bytes up to the end of part 五's heading line, and from part 六's heading on."""
    head, nxt = HEAD.encode(), NEXT.encode()
    start = data.index(head) + len(head)
    return data[:start], data[data.index(nxt, start):]


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / "报告.txt"
    shutil.copyfile(SEED, path)
    return path


def test_seed_report_keeps_every_other_byte(seed_copy):
    before = seed_copy.read_bytes()
    result = run_cli("regenerate", "problems", str(seed_copy), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    after = seed_copy.read_bytes()
    assert _outside(after) == _outside(before)
    assert after != before
    text = after.decode("utf-8")
    assert "（一）存在的主要问题" in text and "政务公开只有1名兼职人员负责" in text
    backup = seed_copy.with_name(seed_copy.name + ".bak")
    assert backup.read_bytes() == before
    assert "原文件保留为" in result.stderr


def test_crlf_and_gbk_text_keep_their_bytes(tmp_path):
    original = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "报告.txt"
    path.write_bytes(original.encode("gb18030"))
    before = path.read_bytes()
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    head, nxt = HEAD.encode("gb18030"), NEXT.encode("gb18030")
    cut = before.index(head) + len(head)
    assert after[:cut] == before[:cut]
    assert after[after.index(nxt):] == before[before.index(nxt):]
    new_part = after[cut:after.index(nxt)].decode("gb18030")
    assert "\r\n" in new_part and "\n" not in new_part.replace("\r\n", "")


def test_markdown_report(tmp_path):
    md = ("# 某局2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n### （一）主动公开\n\n旧的总体情况。\n\n"
          f"## {HEAD}\n\n旧的问题。\n\n旧的措施。\n\n## {NEXT}\n\n无。\n")
    path = tmp_path / "报告.md"
    path.write_text(md, encoding="utf-8")
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(md[: md.index(HEAD) + len(HEAD)])
    assert text.endswith(f"\n\n## {NEXT}\n\n无。\n")
    assert "旧的问题" not in text and "### （一）存在的主要问题" in text


def test_variants_and_choice(seed_copy):
    result = run_cli("regenerate", "problems", str(seed_copy), "--figures", str(EXAMPLE_FIGURES), "--variants", "3",
                     "--choose", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["variants"]) == 3 and len(set(doc["variants"])) == 3
    assert doc["chosen"] == 2 and doc["sections"]["五"] == doc["variants"][1]
    body = seed_copy.read_text(encoding="utf-8")
    assert doc["variants"][1].split("\n")[-1] in body


def test_dry_run_leaves_the_file(seed_copy):
    before = seed_copy.read_bytes()
    result = run_cli("regenerate", "problems", str(seed_copy), "--figures", str(EXAMPLE_FIGURES), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert seed_copy.read_bytes() == before
    assert not seed_copy.with_name(seed_copy.name + ".bak").exists()


def test_docx_report(tmp_path):
    import docx

    document = docx.Document()
    for text in ("某局2021年政府信息公开工作年度报告", "一、总体情况", "旧的总体情况。", HEAD, "旧的问题。", "旧的措施。",
                 NEXT, "无。"):
        document.add_paragraph(text)
    path = tmp_path / "报告.docx"
    document.save(str(path))
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[:4] == ["某局2021年政府信息公开工作年度报告", "一、总体情况", "旧的总体情况。", HEAD]
    assert paragraphs[-2:] == [NEXT, "无。"]
    assert "旧的问题。" not in paragraphs and "（一）存在的主要问题" in paragraphs
    assert path.with_name(path.name + ".bak").exists()


def test_report_without_part_five_is_exit_2(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text("一、总体情况\n正文。\n", encoding="utf-8")
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 2 and "第五部分" in result.stderr


def test_splice_needs_the_heading():
    with pytest.raises(InputError):
        splice_text("没有标题的文字", "五", "新内容")


def test_a_drafted_markdown_report_regenerated_offline_is_unchanged(tmp_path):
    out = tmp_path / "报告.md"
    assert run_cli("draft", str(EXAMPLE_FIGURES), "-o", str(out)).returncode == 0
    before = out.read_bytes()
    result = run_cli("regenerate", "problems", str(out), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    # The same engine and figures give the same part 五, written in the file's own style: not one byte moves.
    assert out.read_bytes() == before


@pytest.mark.parametrize("head", ["五，存在的主要问题及改进情况", "五．存在的主要问题及改进情况",
                                  "五\u3000存在的主要问题及改进情况"])
def test_a_heading_check_reads_is_one_regenerate_replaces(tmp_path, head):
    # Bug 2 of issue 9: “五，…” was read by check but refused by regenerate (two heading regexes).
    from drafter.read.inputs import open_input

    path = tmp_path / "报告.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace(HEAD, head), encoding="utf-8")
    assert open_input(path).section("五") is not None
    before = path.read_bytes()
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    cut = before.index(head.encode()) + len(head.encode())
    assert after[:cut] == before[:cut]
    assert after[after.index(NEXT.encode()):] == before[before.index(NEXT.encode()):]
    assert "（一）存在的主要问题" in after.decode("utf-8")


def test_a_rendered_word_report_keeps_its_fonts_when_regenerated(tmp_path):
    # Bug 4 of issue 9: splice copied the first paragraph it found (a 楷体 sub-heading) for every new paragraph.
    import docx
    from docx.oxml.ns import qn

    path = tmp_path / "报告.docx"
    assert run_cli("draft", str(EXAMPLE_FIGURES), "-o", str(tmp_path / "报告.md")).returncode == 0
    assert run_cli("render", str(tmp_path / "报告.md"), "--to", "docx", "-o", str(path)).returncode == 0
    result = run_cli("regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES), "--variants", "2",
                     "--choose", "2")
    assert result.returncode == 0, result.stderr
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == HEAD)
    end = next(i for i, p in enumerate(paragraphs) if p.text == NEXT)
    body = [r for p in paragraphs[start + 1:end] for r in p.runs if r.text.strip()]
    fonts = {(r.text.startswith("（"), r._r.rPr.rFonts.get(qn("w:eastAsia"))) for r in body}
    assert (False, "仿宋_GB2312") in fonts and (True, "楷体_GB2312") in fonts
    assert not any(font == "楷体_GB2312" and not sub for sub, font in fonts)
