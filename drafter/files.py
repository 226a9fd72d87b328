"""User files, read and written safely: size and kind checks, text decoding; atomic writes, never over the user's
work without a backup."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from drafter.errors import InputError

FIGURES_MAX_BYTES = 5 * 1024 * 1024
REPORT_MAX_BYTES = 40 * 1024 * 1024


def read_bytes(path: str | Path, *, max_bytes: int, what: str = "文件") -> bytes:
    """The file's bytes, or an InputError for a missing, unreadable, empty or oversized file."""
    p = Path(path)
    what = f" {what}" if what[:1].isascii() else what  # “找不到 figures 文件”: a space between Chinese and Latin
    if str(path) == "-":  # “-”: read from standard input (a pipe)
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"标准输入的内容过大（上限 {max_bytes // 1024 // 1024} MB），不像是{what}", path=p)
        if not data.strip():
            raise InputError("标准输入没有内容", path=p, hint=f"请用管道或重定向给出{what}，如 … < figures.yaml")
        return data
    if not p.exists():
        raise InputError(f"找不到{what}", path=p, hint="请检查路径和文件名是否正确")
    if p.is_dir():
        raise InputError(f"这是一个文件夹，不是{what}", path=p, hint="请给出文件夹中的具体文件")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes // 1024 // 1024} MB），不像是{what}",
                path=p, hint="请确认选择了正确的文件")
        data = p.read_bytes()
    except PermissionError:
        raise InputError("没有读取权限", path=p, hint="请检查文件权限") from None
    except OSError as exc:
        raise InputError(f"无法读取（{os_reason(exc)}）", path=p) from None
    if not data.strip():
        raise InputError("文件是空的，没有内容", path=p,
                         hint=f"请确认选择了正确的{what}")
    return data


def looks_binary(data: bytes) -> bool:
    """True for data that is no text in any encoding we read (NUL bytes or many control characters)."""
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


_MAGIC = (
    (b"\x89PNG", "一张 PNG 图片"), (b"\xff\xd8\xff", "一张 JPEG 图片"), (b"GIF8", "一张 GIF 图片"),
    (b"BM", "一张 BMP 图片"), (b"II*\x00", "一张 TIFF 图片"), (b"MM\x00*", "一张 TIFF 图片"),
    (b"Rar!", "一个 RAR 压缩包"), (b"7z\xbc\xaf", "一个 7z 压缩包"), (b"\x1f\x8b", "一个 gzip 压缩文件"),
)


def _binary_kind(data: bytes) -> str | None:
    """What a binary file is, for the few kinds people pass by mistake (a scan, an archive), else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "一张 WebP 图片"
    return next((name for magic, name in _MAGIC if data.startswith(magic)), None)


def decode_text(data: bytes, path: str | Path | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if looks_binary(data):
        known = _binary_kind(data)
        if known:
            raise InputError(f"这是{known}，不是文本，也不是 Word 或 PDF 文件", path=path,
                             hint="drafter 不能识别图片或压缩包里的文字；请提供报告的网页、Word（.docx）、"
                                  "带文字层的 PDF 或复制出的文本")
        raise InputError("不是文本文件（内容像是二进制数据）", path=path,
                         hint="figures 文件应为 YAML 或 JSON 文本；报告可为文本、HTML、DOCX 或 PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GBK）", path=path,
                         hint="请用记事本等工具另存为 UTF-8 编码") from None


_OS_REASONS = {
    errno.ENOENT: "路径不存在，或此处不允许新建文件",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EBUSY: "文件正被其他程序占用",
}


def os_reason(exc: OSError) -> str:
    """A Chinese phrase for an operating-system error (the C library's own text is English)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def check_writable(path: str | Path, *, inputs: tuple[str | Path | None, ...] = ()) -> None:
    """Refuse an output path that is one of the inputs, or an existing file marked read-only."""
    target = Path(path)
    if not target.is_file():
        return
    for source in inputs:
        if source is not None and Path(source).is_file() and target.samefile(source):
            raise InputError("输出文件就是输入文件，写入会覆盖输入", path=target,
                             hint="请用 -o 给出另一个文件名")
    if not target.stat().st_mode & stat.S_IWUSR:
        raise InputError("文件是只读的，不能覆盖", path=target,
                         hint="请先取消该文件的只读属性，或换一个输出文件名")


def backup_path(path: Path) -> Path:
    """``report.md`` → ``report.md.bak``; an existing backup is kept as ``.bak.1``, ``.bak.2`` …"""
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def check_data_name(path: str | Path, command: str) -> None:
    """Refuse to write YAML/JSON data under a document's name (.docx, .pdf, .md …)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".docx", ".doc", ".pdf", ".html", ".htm", ".md", ".wps"):
        raise InputError(f"{command} 写出的是数据（YAML 或 JSON），不能存为 {suffix} 文件", path=path,
                         hint="请用 -o 数据.yaml；要生成排好版的报告，请用 drafter render")


def write_atomic(path: str | Path, data: str | bytes, *, backup: bool = True) -> Path | None:
    """Write ``data`` to ``path`` atomically; if the file existed, keep a copy first and return its path."""
    target = Path(path)
    if target.is_dir():
        raise InputError("输出路径是一个文件夹", path=target, hint="请在文件夹后加上文件名")
    if not target.parent.exists():
        raise InputError("输出文件所在的文件夹不存在", path=target, hint="请先创建该文件夹或换一个路径")
    check_writable(target)
    saved = None
    if backup and target.exists():
        saved = backup_path(target)
        shutil.copy2(target, saved)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except PermissionError:
        raise InputError("没有写入权限", path=target, hint="请换一个输出路径") from None
    except OSError as exc:
        raise InputError(f"无法写入（{os_reason(exc)}）", path=target, hint="请换一个输出路径") from None
    return saved
