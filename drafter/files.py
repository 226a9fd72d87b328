"""Writing user files safely: atomically, and never over the user's work without a backup."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from drafter.errors import InputError

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
