"""Hostile files (issue #15): damaged, huge, special or crafted inputs, and disks that refuse to be written.

Every case is generated small in a temporary folder and run as a user would; drafter must answer with exit code 2
(or read the file), one Chinese message, no traceback, no library noise, never hang, and leave no partial files.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import files
from drafter.errors import InputError
from tests.conftest import CORPUS, EXAMPLE_FIGURES, ROOT, SEED, run_cli
from tests.hostile_inputs import damaged_pdf_bytes, inflate_into, pdf_of_pages, xlsx_bomb

CJK = range(0x4E00, 0xA000)


def _handled(result: subprocess.CompletedProcess[str], code: int = 2, phrase: str = "") -> None:
    """Exit ``code``, a Chinese message holding ``phrase``, and nothing from Python or a library."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert any(ord(ch) in CJK for ch in result.stderr), result.stderr
    assert phrase in result.stderr, result.stderr[-2000:]
    for noise in ("Data-loss", "WARNING", "Warning:", "Error:", "unhashable", "Exceeds the limit"):
        assert noise not in result.stderr, result.stderr[-2000:]


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------------------------ #15.4 backups


def _in_tmpfs(script: str, size: str = "256k", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace with a small tmpfs at $T (root only)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare(1) for a private tmpfs (a full or read-only disk)")
    wrapper = (f'T=$(mktemp -d); mount -t tmpfs -o size={size} tmpfs "$T" || exit 99; cd "$T"; '
               f'export PYTHONPATH={ROOT}; {script}; cd /; umount "$T"; rmdir "$T"')
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this system does not allow a private mount namespace")
    result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", wrapper],
                            capture_output=True, text=True, timeout=timeout, env={**os.environ, "PY": sys.executable})
    if result.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    return result


# After the write: exit code, whether the report is the same bytes, whether the folder lists the same names.
_AFTER = ('B=$(sha1sum 报告.md); L=$(ls -a); "$PY" -m drafter render f.yaml -o 报告.md; echo "rc=$?" >&2; '
          '[ "$(sha1sum 报告.md)" = "$B" ] && echo same-report >&2; [ "$(ls -a)" = "$L" ] && echo same-listing >&2')


def test_full_disk_leaves_the_report_and_no_partial_files():
    # The old report fills part of the disk, the rest is full: the new one cannot be written. Exit 2, the old file
    # untouched, no truncated backup and no “.报告.md.XXXX.tmp” left behind.
    script = (f'cp {EXAMPLE_FIGURES} f.yaml; head -c 60000 /dev/urandom | base64 > 报告.md; '
              'dd if=/dev/zero of=fill bs=4k 2>/dev/null; ' + _AFTER)
    result = _in_tmpfs(script)
    assert "rc=2" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "磁盘空间不足" in result.stderr, result.stderr
    assert "same-report" in result.stderr and "same-listing" in result.stderr, result.stderr


def test_read_only_disk_is_a_clear_message_and_leaves_nothing():
    script = (f'cp {EXAMPLE_FIGURES} f.yaml; echo 旧报告 > 报告.md; cd /; mount -o remount,ro "$T"; cd "$T"; '
              + _AFTER)
    result = _in_tmpfs(script)
    assert "rc=2" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "只读" in result.stderr, result.stderr
    assert "same-report" in result.stderr and "same-listing" in result.stderr, result.stderr


def test_a_failed_write_removes_its_temporary_file_and_backup(tmp_path, monkeypatch):
    target = tmp_path / "报告.md"
    target.write_bytes(b"old")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(InputError, match="磁盘空间不足"):
        files.write_atomic(target, b"new")
    assert _listing(tmp_path) == ["报告.md"]
    assert target.read_bytes() == b"old"


def test_backup_without_hard_links_is_copied_whole_under_a_temporary_name(tmp_path, monkeypatch):
    target = tmp_path / "报告.md"
    target.write_bytes(b"old" * 1000)

    def no_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    saved = files.write_atomic(target, b"new")
    assert saved == tmp_path / "报告.md.bak"
    assert saved.read_bytes() == b"old" * 1000 and target.read_bytes() == b"new"
    assert _listing(tmp_path) == ["报告.md", "报告.md.bak"]


def test_backup_names_are_kept_and_never_overwritten(tmp_path):
    target = tmp_path / "报告.md"
    target.write_bytes(b"one")
    assert files.write_atomic(target, b"two") == tmp_path / "报告.md.bak"
    assert files.write_atomic(target, b"three") == tmp_path / "报告.md.bak.1"
    assert (tmp_path / "报告.md.bak").read_bytes() == b"one"
    assert (tmp_path / "报告.md.bak.1").read_bytes() == b"two"
    assert target.read_bytes() == b"three"


# ------------------------------------------------------------------------------------------ #15.11 modes, links


def _render(output: Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLE_FIGURES), "-o", str(output)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=set_umask)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_output_respects_the_umask(tmp_path, umask, mode):
    out = tmp_path / "报告.md"
    assert _render(out, umask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_rewritten_file_keeps_its_mode(tmp_path):
    out = tmp_path / "报告.md"
    out.write_text("旧内容\n", encoding="utf-8")
    out.chmod(0o664)
    assert _render(out, 0o077).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o664
    assert (tmp_path / "报告.md.bak").read_text(encoding="utf-8") == "旧内容\n"


def test_regenerate_keeps_the_report_mode(tmp_path):
    report = tmp_path / "报告.txt"
    shutil.copyfile(SEED, report)
    report.chmod(0o644)
    result = run_cli("regenerate", "problems", str(report), "--figures", str(EXAMPLE_FIGURES))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o644


def test_an_output_that_is_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "真的" / "报告.md"
    real.parent.mkdir()
    real.write_text("旧内容\n", encoding="utf-8")
    link = tmp_path / "链接.md"
    link.symlink_to(real)
    result = _render(link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "年度报告" in real.read_text(encoding="utf-8")
    assert (real.parent / "报告.md.bak").read_text(encoding="utf-8") == "旧内容\n"


def test_an_output_that_is_a_device_is_refused(tmp_path):
    fifo = tmp_path / "管道.md"
    os.mkfifo(fifo)
    _handled(run_cli("render", str(EXAMPLE_FIGURES), "-o", str(fifo), timeout=60), 2, "命名管道")


# ------------------------------------------------------------------------------------------ #15.6 FIFOs, devices


def test_a_fifo_among_many_files_is_one_row_and_never_blocks(tmp_path):
    names = []
    for k in range(3):
        path = tmp_path / f"报告{k}.txt"
        shutil.copyfile(SEED, path)
        names.append(str(path))
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    names.insert(1, str(fifo))
    result = run_cli("check", *names, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "1 份无法读取" in result.stdout + result.stderr
    assert "命名管道" in result.stdout + result.stderr


@pytest.mark.parametrize("command", [["validate"], ["check"], ["import"], ["init", "--from"], ["render"]])
def test_a_fifo_or_a_device_is_refused_before_it_is_read(tmp_path, command):
    fifo = tmp_path / "figures.yaml"
    os.mkfifo(fifo)
    extra = {"init": ["-o", str(tmp_path / "out.yaml")], "render": ["-o", str(tmp_path / "out.md")]}.get(command[0], [])
    _handled(run_cli(*command, str(fifo), *extra, timeout=60), 2, "命名管道")
    _handled(run_cli(*command, "/dev/zero", *extra, timeout=60), 2, "设备")


def test_a_file_larger_than_the_limit_is_refused_without_reading_it(tmp_path):
    sparse = tmp_path / "报告.txt"
    with open(sparse, "wb") as handle:
        handle.truncate(files.REPORT_MAX_BYTES + 1)
    _handled(run_cli("check", str(sparse)), 2, "文件过大")


def test_a_prompt_template_that_is_a_fifo_is_refused(tmp_path):
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    os.mkfifo(prompts / "system.j2")
    result = run_cli("draft", str(EXAMPLE_FIGURES), "--prompts", str(prompts), "-m", "deepseek",
                     "-o", str(tmp_path / "报告.md"), env={"OPENAI_API_KEY": "sk-test",
                                                         "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, timeout=60)
    assert result.returncode in (2, 3), result.stderr
    assert "Traceback" not in result.stderr


def test_a_config_file_that_is_a_fifo_never_blocks(tmp_path, isolated_env):
    os.mkfifo(isolated_env / "config.toml")
    result = run_cli("config", "show", timeout=60)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2), result.stderr


# ------------------------------------------------------------------------------------------ #15.5 damaged PDF


def _damaged_pdf(tmp: Path) -> Path:
    source = CORPUS / "huaian-city-2024.pdf"
    if not source.exists():
        pytest.skip("../shared/corpus is not available")
    path = tmp / "年报.pdf"
    path.write_bytes(damaged_pdf_bytes(source))
    return path


@pytest.mark.parametrize("command", ["import", "diff", "render", "validate", "init", "check", "draft", "previous"])
def test_a_damaged_pdf_is_a_clear_message(tmp_path, command):
    pdf = str(_damaged_pdf(tmp_path))
    out = str(tmp_path / "out.md")
    args = {"import": ["import", pdf], "diff": ["diff", pdf, pdf], "render": ["render", pdf, "-o", out],
            "validate": ["validate", pdf], "init": ["init", "--from", pdf, "-o", str(tmp_path / "f.yaml")],
            "check": ["check", pdf], "draft": ["draft", pdf, "-m", "offline", "-o", out],
            "previous": ["draft", str(EXAMPLE_FIGURES), "--previous", pdf, "-m", "offline", "-o", out]}[command]
    _handled(run_cli(*args, timeout=120), 2, "PDF 文件已损坏")
    assert not Path(out).exists()




def test_a_pdf_of_too_many_pages_is_refused(tmp_path):
    path = tmp_path / "年报.pdf"
    path.write_bytes(pdf_of_pages(files.PDF_MAX_PAGES + 1))
    _handled(run_cli("import", str(path), timeout=120), 2, f"超过上限 {files.PDF_MAX_PAGES} 页")


# ------------------------------------------------------------------------------------------ #15.7, #15.15 YAML


def _figures(tmp: Path, old: str, new: str, name: str = "figures.yaml") -> Path:
    text = EXAMPLE_FIGURES.read_text(encoding="utf-8")
    assert old in text
    path = tmp / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    bomb = "".join(f'{chr(97 + i)}: &{chr(97 + i)} [{",".join([f"*{chr(96 + i)}"] * 9)}]\n' for i in range(1, 9))
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + bomb
    path = _figures(tmp_path, "基本信息:\n  机关全称: 临清市科学技术局", text + "基本信息:\n  机关全称: *i")
    assert path.stat().st_size < 30000
    _handled(run_cli("validate", str(path), timeout=60), 2, "引用炸弹")


def test_messages_never_print_a_huge_value(tmp_path):
    long = "很长的文字" * 20000
    path = _figures(tmp_path, "机关类型: 政府部门", f"机关类型: {long}")
    result = run_cli("validate", str(path), timeout=60)
    _handled(result, 2, "不是可选值")
    assert len(result.stderr) < 3000


@pytest.mark.parametrize("where", ["yaml", "json", "year"])
def test_a_number_of_5000_digits_is_a_clear_message(tmp_path, where):
    digits = "9" * 5000
    if where == "json":
        path = tmp_path / "figures.json"
        path.write_text('{"基本信息": {"机关全称": "某局", "报告年度": ' + digits + "}}", encoding="utf-8")
    elif where == "year":
        path = _figures(tmp_path, "报告年度: 2021", f"报告年度: {digits}")
    else:
        path = _figures(tmp_path, "行政许可: {本年处理决定数量: 0}", f"行政许可: {{本年处理决定数量: {digits}}}")
    _handled(run_cli("validate", str(path), timeout=60), 2, "位数过多")


def test_a_list_as_a_yaml_key_is_said_in_chinese(tmp_path):
    path = _figures(tmp_path, "  网站:", "  [甲, 乙]: 1\n  网站:")
    _handled(run_cli("validate", str(path), timeout=60), 2, "键不能是列表")


# ------------------------------------------------------------------------------------------ #15.8 zip bomb


def _bomb_docx(tmp: Path) -> Path:
    path = tmp / "报告.docx"
    result = run_cli("render", str(EXAMPLE_FIGURES), "-o", str(path))
    assert result.returncode == 0, result.stderr
    inflate_into(path, "word/media/image1.bmp", 24)
    assert path.stat().st_size < 1024 * 1024
    return path


@pytest.mark.parametrize("command", ["check", "import", "regenerate"])
def test_a_docx_zip_bomb_is_refused_before_it_inflates(tmp_path, command):
    path = _bomb_docx(tmp_path)
    before = _listing(tmp_path)
    args = ["regenerate", "problems", str(path), "--figures", str(EXAMPLE_FIGURES)] if command == "regenerate" \
        else [command, str(path)]
    _handled(run_cli(*args, timeout=120), 2, "压缩炸弹")
    assert _listing(tmp_path) == before


def test_an_xlsx_zip_bomb_is_refused(tmp_path):
    path = xlsx_bomb(tmp_path / "figures.xlsx", 24)
    _handled(run_cli("validate", str(path), timeout=60), 2, "压缩炸弹")


# ------------------------------------------------------------------------------------------ #15.14 encodings, HTML

# Written for these tests (not from the corpus): a report's opening in traditional characters.
TRADITIONAL = ("某縣教育局2023年政府資訊公開工作年度報告\n\n一、總體情況\n\n本局認真貫徹落實《條例》，"
               "進一步加強政務公開工作，全年主動公開政府資訊一百二十條。\n\n二、主動公開政府資訊情況\n\n"
               "詳見下表。\n\n五、存在的主要問題及改進情況\n\n專欄更新不夠及時，將加強隊伍建設。\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_reports_are_read(tmp_path, encoding):
    path = tmp_path / "报告.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    result = run_cli("import", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "临清市科学技术局" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-le"])
def test_a_figures_file_without_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "figures.yaml"
    path.write_bytes(EXAMPLE_FIGURES.read_text(encoding="utf-8").encode(encoding))
    result = run_cli("validate", str(path))
    assert result.returncode in (0, 1), result.stderr


def test_utf32_is_not_read_as_utf16():
    text = SEED.read_text(encoding="utf-8")
    assert files.decode_text(text.encode("utf-32")) == text
    assert files.decode(text.encode("utf-32-le"))[1] == "utf-32-le"
    assert files.decode(text.encode("utf-16-le"))[1] == "utf-16-le"


def test_big5_is_named_not_misread_as_gbk(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    _handled(run_cli("check", str(path)), 2, "Big5")
    assert "繁转简" in run_cli("import", str(path)).stderr


def test_gbk_is_still_read_as_gbk(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    result = run_cli("import", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "临清市科学技术局" in result.stdout


def _seed_html(depth: int, filler: str = "") -> str:
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    return (f"<html><head><meta charset='utf-8'><title>报告</title></head><body>{'<div>' * depth}{body}{filler}"
            f"{'</div>' * depth}</body></html>")


def test_a_report_nested_300_elements_deep_is_read(tmp_path):
    path = tmp_path / "报告.html"
    path.write_text(_seed_html(300), encoding="utf-8")
    result = run_cli("import", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "临清市科学技术局" in result.stdout and "总体情况" in result.stdout


def test_a_table_cell_nested_1500_elements_deep_is_read():
    from drafter.read.html import read_html_blocks

    cell = "<span>" * 1500 + "予以公开" + "</span>" * 1500
    page = f"<html><body><table><tr><td>{cell}</td><td>3</td></tr></table></body></html>".encode()
    blocks = read_html_blocks(Path("表.html"), page)
    assert any(getattr(b, "rows", None) == [["予以公开", "3"]] for b in blocks)


def test_a_report_nested_too_deep_even_for_the_parser_is_said_so(tmp_path):
    path = tmp_path / "报告.html"
    path.write_text(_seed_html(3000), encoding="utf-8")
    _handled(run_cli("import", str(path)), 2, "嵌套层数过多")


def test_a_big_one_line_page_is_read_not_silently_empty(tmp_path):
    # A text of more than 10 MB in one element: libxml2 drops it unless told otherwise.
    path = tmp_path / "报告.html"
    path.write_text(_seed_html(1, "<p>" + "附件说明" * 1_000_000 + "</p>").replace("\n", ""), encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    result = run_cli("import", str(path), "--format", "json", timeout=300)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "临清市科学技术局" in result.stdout
