"""Hostile files against drafter (issue #15): each case is generated in a temporary folder and run as a user would.

A case is *handled* when drafter answers in time (no hang), with the expected exit code (2 for a file it refuses,
0 or 1 for one it must read), a Chinese message, no traceback and no library noise on stderr, and — for the cases
that write — the user's file intact and no partial or temporary file left behind.

    python benchmarks/hostile_sweep.py [--root CHECKOUT] [--timeout 120]

``--root`` runs another checkout's drafter (``python -m drafter`` from that folder), e.g. an older commit, to
compare. The disk-full and read-only cases need root (a tmpfs in a private mount namespace) and are skipped
otherwise. Results go to stdout, one line a case, then the total (benchmarks/README-hostile.md records them).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHARED = HERE.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "linqing-kjj-2021-report.txt"
FIGURES = HERE / "examples" / "linqing-kjj-2021" / "figures.yaml"
sys.path.insert(0, str(HERE))
from tests.hostile_inputs import damaged_pdf_bytes, inflate_into, pdf_of_pages, xlsx_bomb  # noqa: E402

NOISE = ("Traceback", "Data-loss", "WARNING", "Warning:", "unhashable", "Exceeds the limit", "MemoryError")


@dataclass
class Outcome:
    ok: bool
    why: str


@dataclass
class Context:
    root: Path
    tmp: Path
    timeout: float

    def run(self, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str] | None:
        def child() -> None:
            if umask is not None:
                os.umask(umask)

        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_", "DEEPSEEK_"))}
        env["DRAFTER_HOME"] = str(self.tmp / ".home")
        try:
            return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=self.root, env=env, text=True,
                                  capture_output=True, timeout=self.timeout, preexec_fn=child)
        except subprocess.TimeoutExpired:
            return None


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def refused(result: subprocess.CompletedProcess[str] | None, phrase: str = "") -> Outcome:
    """Exit 2 with a Chinese message (holding ``phrase``), nothing else on stderr."""
    if result is None:
        return Outcome(False, "hang (timeout)")
    noise = next((n for n in NOISE if n in result.stderr), None)
    if noise:
        return Outcome(False, f"stderr has {noise!r}")
    if result.returncode != 2:
        return Outcome(False, f"exit {result.returncode}")
    if not _chinese(result.stderr) or phrase not in result.stderr:
        return Outcome(False, f"message: {result.stderr.strip()[-120:]}")
    return Outcome(True, result.stderr.strip().splitlines()[-1][:90])


def read(result: subprocess.CompletedProcess[str] | None, expect: str) -> Outcome:
    """Read: exit 0 or 1, ``expect`` in the output, nothing from Python on stderr."""
    if result is None:
        return Outcome(False, "hang (timeout)")
    noise = next((n for n in NOISE if n in result.stderr), None)
    if noise:
        return Outcome(False, f"stderr has {noise!r}")
    if result.returncode not in (0, 1) or expect not in result.stdout:
        return Outcome(False, f"exit {result.returncode}: {result.stderr.strip()[-120:]}")
    return Outcome(True, "read")


# ------------------------------------------------------------------------------------------ generators


def damaged_pdf(tmp: Path) -> Path:
    path = tmp / "损坏.pdf"
    path.write_bytes(damaged_pdf_bytes(CORPUS / "huaian-city-2024.pdf"))
    return path


def many_pages_pdf(tmp: Path, pages: int = 2000) -> Path:
    path = tmp / "很多页.pdf"
    path.write_bytes(pdf_of_pages(pages))
    return path


def figures_with(tmp: Path, old: str, new: str, name: str = "figures.yaml") -> Path:
    path = tmp / name
    path.write_text(FIGURES.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def alias_bomb(tmp: Path) -> Path:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f'{chr(97 + i)}: &{chr(97 + i)} [{",".join([f"*{chr(96 + i)}"] * 9)}]' for i in range(1, 9)]
    return figures_with(tmp, "基本信息:\n  机关全称: 临清市科学技术局", "\n".join(lines) + "\n基本信息:\n  机关全称: *i")


def zip_bomb(tmp: Path, ctx: Context) -> Path:
    path = tmp / "炸弹.docx"
    ctx.run("render", str(FIGURES), "-o", str(path))
    inflate_into(path, "word/media/image1.bmp", 64)
    return path


def xlsx_bomb_file(tmp: Path) -> Path:
    return xlsx_bomb(tmp / "炸弹.xlsx", 64)


def encoded(tmp: Path, encoding: str) -> Path:
    path = tmp / f"报告-{encoding}.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    return path


# Written for this sweep (not from the corpus): a report's opening in traditional characters.
TRADITIONAL = ("某縣教育局2023年政府資訊公開工作年度報告\n\n一、總體情況\n\n本局認真貫徹落實《條例》，"
               "進一步加強政務公開工作，全年主動公開政府資訊一百二十條。\n\n五、存在的主要問題及改進情況\n\n"
               "專欄更新不夠及時，將加強隊伍建設。\n")


def html(tmp: Path, depth: int, filler: str = "", name: str = "网页.html") -> Path:
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    path = tmp / name
    path.write_text(f"<html><head><meta charset='utf-8'><title>报告</title></head><body>{'<div>' * depth}{body}"
                    f"{filler}{'</div>' * depth}</body></html>".replace("\n", ""), encoding="utf-8")
    return path


def fifo(tmp: Path, name: str = "管道.yaml") -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


# ------------------------------------------------------------------------------------------ writing cases


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def rewrite_keeps_mode(ctx: Context) -> Outcome:
    out = ctx.tmp / "报告.md"
    out.write_text("旧内容\n", encoding="utf-8")
    out.chmod(0o664)
    result = ctx.run("render", str(FIGURES), "-o", str(out), umask=0o077)
    mode = stat.S_IMODE(out.stat().st_mode)
    backup = out.with_name(out.name + ".bak")
    ok = result is not None and result.returncode == 0 and mode == 0o664 and backup.read_text("utf-8") == "旧内容\n"
    return Outcome(ok, f"mode {mode:o}")


def new_file_umask(ctx: Context) -> Outcome:
    out = ctx.tmp / "新报告.md"
    result = ctx.run("render", str(FIGURES), "-o", str(out), umask=0o022)
    mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0
    return Outcome(result is not None and result.returncode == 0 and mode == 0o644, f"mode {mode:o}")


def regenerate_keeps_mode(ctx: Context) -> Outcome:
    report = ctx.tmp / "报告.txt"
    shutil.copyfile(SEED, report)
    report.chmod(0o644)
    result = ctx.run("regenerate", "problems", str(report), "--figures", str(FIGURES))
    mode = stat.S_IMODE(report.stat().st_mode)
    return Outcome(result is not None and result.returncode == 0 and mode == 0o644, f"mode {mode:o}")


def symlink_output(ctx: Context) -> Outcome:
    real = ctx.tmp / "真的.md"
    real.write_text("旧内容\n", encoding="utf-8")
    link = ctx.tmp / "链接.md"
    link.symlink_to(real)
    result = ctx.run("render", str(FIGURES), "-o", str(link))
    ok = result is not None and result.returncode == 0 and link.is_symlink() and "年度报告" in real.read_text("utf-8")
    return Outcome(ok, "written through" if ok else "link replaced or not written")


def fifo_output(ctx: Context) -> Outcome:
    return refused(ctx.run("render", str(FIGURES), "-o", str(fifo(ctx.tmp, "输出.md"))), "命名管道")


def fifo_among_many(ctx: Context) -> Outcome:
    names = []
    for k in range(50):
        path = ctx.tmp / f"报告{k:02}.txt"
        shutil.copyfile(SEED, path)
        names.append(str(path))
    names.insert(25, str(fifo(ctx.tmp, "管道.txt")))
    result = ctx.run("check", *names)
    if result is None:
        return Outcome(False, "hang (timeout)")
    shown = result.stdout + result.stderr
    ok = result.returncode == 2 and "Traceback" not in shown and "1 份无法读取" in shown
    return Outcome(ok, f"exit {result.returncode}")


def _tmpfs(ctx: Context, prepare: str) -> Outcome:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return Outcome(True, "skipped (needs root)")
    script = (f'T=$(mktemp -d); mount -t tmpfs -o size=256k tmpfs "$T" || exit 99; cd "$T"; cp {FIGURES} f.yaml; '
              f'{prepare}; B=$(sha1sum 报告.md); L=$(ls -a); '
              f'"{sys.executable}" -m drafter render f.yaml -o 报告.md; echo "rc=$?" >&2; '
              '[ "$(sha1sum 报告.md)" = "$B" ] && echo same-report >&2; [ "$(ls -a)" = "$L" ] && echo same-listing >&2; '
              'cd /; umount "$T"; rmdir "$T"')
    try:
        result = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script], text=True,
                                capture_output=True, timeout=ctx.timeout, env={**os.environ, "PYTHONPATH": str(ctx.root)})
    except subprocess.TimeoutExpired:
        return Outcome(False, "hang (timeout)")
    if result.returncode == 99:
        return Outcome(True, "skipped (no tmpfs)")
    err = result.stderr
    ok = ("rc=2" in err and "Traceback" not in err and "same-report" in err and "same-listing" in err
          and _chinese(err))
    return Outcome(ok, "old file intact, nothing left" if ok else err.strip()[-160:])


def full_disk(ctx: Context) -> Outcome:
    return _tmpfs(ctx, "head -c 60000 /dev/urandom | base64 > 报告.md; dd if=/dev/zero of=fill bs=4k 2>/dev/null")


def read_only_disk(ctx: Context) -> Outcome:
    return _tmpfs(ctx, 'echo 旧报告 > 报告.md; cd /; mount -o remount,ro "$T"; cd "$T"')


# ------------------------------------------------------------------------------------------ the cases


def cases() -> list[tuple[str, Callable[[Context], Outcome]]]:
    out: list[tuple[str, Callable[[Context], Outcome]]] = []

    def pdf_case(name: str, make: Callable[[Path, Path], list[str]]) -> None:
        out.append((f"damaged PDF: {name}",
                    lambda c: refused(c.run(*make(damaged_pdf(c.tmp), c.tmp)), "PDF 文件已损坏")))

    pdf_case("import", lambda p, t: ["import", str(p)])
    pdf_case("diff", lambda p, t: ["diff", str(p), str(p)])
    pdf_case("render", lambda p, t: ["render", str(p), "-o", str(t / "out.md")])
    pdf_case("validate", lambda p, t: ["validate", str(p)])
    pdf_case("init --from", lambda p, t: ["init", "--from", str(p), "-o", str(t / "f.yaml")])
    pdf_case("check", lambda p, t: ["check", str(p)])
    pdf_case("draft", lambda p, t: ["draft", str(p), "-m", "offline", "-o", str(t / "out.md")])
    pdf_case("draft --previous", lambda p, t: ["draft", str(FIGURES), "--previous", str(p), "-m", "offline",
                                               "-o", str(t / "out.md")])
    out.append(("PDF of 2,000 pages", lambda c: refused(c.run("import", str(many_pages_pdf(c.tmp))), "页")))

    def truncated(c: Context) -> Outcome:
        data = (CORPUS / "huaian-city-2024.pdf").read_bytes()
        path = c.tmp / "半个.pdf"
        path.write_bytes(data[: len(data) // 2])
        return refused(c.run("check", str(path)))

    out.append(("PDF cut in half", truncated))
    for command in (["check"], ["validate"], ["import"], ["init", "--from"], ["render"]):
        extra = {"init": ["-o", "f.yaml"], "render": ["-o", "out.md"]}.get(command[0], [])
        out.append((f"FIFO: {' '.join(command)}",
                    lambda c, cmd=command, ex=extra: refused(c.run(*cmd, str(fifo(c.tmp)), *[
                        str(c.tmp / e) if e.endswith((".yaml", ".md")) else e for e in ex]), "命名管道")))
    for command in ("check", "validate", "import"):
        out.append((f"/dev/zero: {command}", lambda c, cmd=command: refused(c.run(cmd, "/dev/zero"), "设备")))
    out.append(("FIFO among 50 files in check", fifo_among_many))

    def sparse(c: Context) -> Outcome:
        path = c.tmp / "大.txt"
        with open(path, "wb") as handle:
            handle.truncate(41 * 1024 * 1024)
        return refused(c.run("check", str(path)), "文件过大")

    out.append(("41 MB sparse file", sparse))
    out.append(("YAML alias bomb", lambda c: refused(c.run("validate", str(alias_bomb(c.tmp))), "引用")))
    digits = "9" * 5000
    out.append(("5,000-digit number (YAML)", lambda c: refused(c.run("validate", str(figures_with(
        c.tmp, "行政许可: {本年处理决定数量: 0}", f"行政许可: {{本年处理决定数量: {digits}}}"))), "位数过多")))
    out.append(("5,000-digit year (YAML)", lambda c: refused(c.run("validate", str(figures_with(
        c.tmp, "报告年度: 2021", f"报告年度: {digits}"))), "位数过多")))

    def json_digits(c: Context) -> Outcome:
        path = c.tmp / "figures.json"
        path.write_text('{"基本信息": {"机关全称": "某局", "报告年度": ' + digits + "}}", encoding="utf-8")
        return refused(c.run("validate", str(path)), "位数过多")

    out.append(("5,000-digit number (JSON)", json_digits))
    out.append(("list as a YAML key", lambda c: refused(c.run("validate", str(figures_with(
        c.tmp, "  网站:", "  [甲, 乙]: 1\n  网站:"))), "键不能是列表")))
    out.append(("100,000-character enum value", lambda c: refused(c.run("validate", str(figures_with(
        c.tmp, "机关类型: 政府部门", "机关类型: " + "很长" * 50000))), "不是可选值")))
    for command in ("check", "import"):
        out.append((f"DOCX zip bomb: {command}",
                    lambda c, cmd=command: refused(c.run(cmd, str(zip_bomb(c.tmp, c))), "压缩炸弹")))
    out.append(("DOCX zip bomb: regenerate", lambda c: refused(c.run(
        "regenerate", "problems", str(zip_bomb(c.tmp, c)), "--figures", str(FIGURES)), "压缩炸弹")))
    out.append(("XLSX zip bomb: validate", lambda c: refused(c.run("validate", str(xlsx_bomb_file(c.tmp))), "压缩炸弹")))
    for encoding in ("utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "gb18030"):
        out.append((f"report in {encoding}", lambda c, e=encoding: read(
            c.run("import", str(encoded(c.tmp, e)), "--format", "json"), "临清市科学技术局")))

    def big5(c: Context) -> Outcome:
        path = c.tmp / "繁体.txt"
        path.write_bytes(TRADITIONAL.encode("big5"))
        return refused(c.run("check", str(path)), "Big5")

    out.append(("Big5 report", big5))
    out.append(("HTML nested 300 deep", lambda c: read(c.run("import", str(html(c.tmp, 300)), "--format", "json"),
                                                      "总体情况")))
    out.append(("HTML nested 3,000 deep", lambda c: refused(c.run("import", str(html(c.tmp, 3000))), "嵌套")))
    out.append(("39 MB one-line HTML", lambda c: read(c.run("import", str(html(
        c.tmp, 1, "<p>" + "附件说明" * 3_200_000 + "</p>")), "--format", "json"), "临清市科学技术局")))

    def png(c: Context) -> Outcome:
        path = c.tmp / "扫描.pdf"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
        return refused(c.run("check", str(path)), "PNG")

    out.append(("PNG named .pdf", png))
    out += [("new output respects umask", new_file_umask), ("rewrite keeps mode", rewrite_keeps_mode),
            ("regenerate keeps mode", regenerate_keeps_mode), ("-o symlink written through", symlink_output),
            ("-o is a FIFO", fifo_output), ("full disk", full_disk), ("read-only disk", read_only_disk)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="the checkout whose drafter runs")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    handled = 0
    rows = cases()
    for name, case in rows:
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            ctx = Context(args.root.resolve(), Path(tmp), args.timeout)
            try:
                outcome = case(ctx)
            except Exception as exc:  # noqa: BLE001 - a broken case counts as not handled
                outcome = Outcome(False, f"case failed: {type(exc).__name__}: {exc}")
            left = [p.name for p in Path(tmp).iterdir() if p.name.endswith(".tmp")]
            if left:
                outcome = Outcome(False, f"left behind: {left}")
        handled += outcome.ok
        print(f"{'ok ' if outcome.ok else 'NOT'}  {name:32}  {outcome.why}", flush=True)
    print(f"\nhandled {handled} of {len(rows)} ({100 * handled / len(rows):.0f}%)")
    return 0 if handled == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
