"""Writing user files safely: atomically, and never over the user's work without a backup."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from drafter.errors import InputError


def backup_path(path: Path) -> Path:
    """``report.md`` → ``report.md.bak``; an existing backup is kept as ``.bak.1``, ``.bak.2`` …"""
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def write_atomic(path: str | Path, data: str | bytes, *, backup: bool = True) -> Path | None:
    """Write ``data`` to ``path`` atomically; if the file existed, keep a copy first and return its path."""
    target = Path(path)
    if target.is_dir():
        raise InputError("输出路径是一个文件夹", path=target, hint="请在文件夹后加上文件名")
    if not target.parent.exists():
        raise InputError("输出文件所在的文件夹不存在", path=target, hint="请先创建该文件夹或换一个路径")
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
        raise InputError(f"无法写入（{exc.strerror or exc}）", path=target) from None
    return saved
