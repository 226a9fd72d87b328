"""User files, read and written safely: size and kind checks, text decoding; atomic writes, never over the user's
work without a backup."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import re
import shutil
import stat
import sys
import tempfile
from enum import StrEnum
from pathlib import Path

from drafter.errors import InputError

FIGURES_MAX_BYTES = 5 * 1024 * 1024
REPORT_MAX_BYTES = 40 * 1024 * 1024

# What a file's name promises: a document kind drafter reads (said when the content turns out to be otherwise).
DOCUMENT_SUFFIXES = {".docx": "Word", ".doc": "Word", ".pdf": "PDF", ".xlsx": "Excel"}


# Bounds on what a file may make drafter do: a ZIP package's inflated size and ratio (a “zip bomb”), a PDF's pages.
ZIP_MAX_BYTES = 256 * 1024 * 1024
ZIP_MAX_ENTRY_RATIO = 200
ZIP_MAX_ENTRIES = 20000
PDF_MAX_PAGES = 300


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


SMALL_MAX_BYTES = 1024 * 1024  # a config file, a prompt template


def read_bytes(path: str | Path, *, max_bytes: int, what: str = "文件", allow_empty: bool = False) -> bytes:
    """The file's bytes, or an InputError for a missing, unreadable, empty or oversized file.

    Only a regular file is read: a folder, a FIFO, a device (``/dev/zero``) or a socket is refused before a single
    byte is read (the file is opened non-blocking and examined with ``fstat``), and no read goes past ``max_bytes``.
    """
    p = Path(path)
    what = f" {what}" if what[:1].isascii() else what  # “找不到 figures 文件”: a space between Chinese and Latin
    if str(path) == "-":  # “-”: read from standard input (a pipe)
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"标准输入的内容过大（上限 {_mb(max_bytes)} MB），不像是{what}", path=p)
        if not data.strip():
            raise InputError("标准输入没有内容", path=p, hint=f"请用管道或重定向给出{what}，如 … < figures.yaml")
        return data
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise InputError(f"找不到{what}", path=p, hint="请检查路径和文件名是否正确") from None
    except IsADirectoryError:
        raise InputError(f"这是一个文件夹，不是{what}", path=p, hint="请给出文件夹中的具体文件") from None
    except PermissionError:
        raise InputError("没有读取权限", path=p, hint="请检查文件权限") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO no one writes to on some systems
            raise InputError(f"这是{_special_kind(p)}，不是普通文件，不能作为{what}读取", path=p,
                             hint="请给出保存在磁盘上的文件") from None
        raise InputError(f"无法读取（{os_reason(exc)}）", path=p) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"这是一个文件夹，不是{what}", path=p, hint="请给出文件夹中的具体文件")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"这是{_mode_kind(info.st_mode)}，不是普通文件，不能作为{what}读取", path=p,
                             hint="请给出保存在磁盘上的文件")
        if info.st_size > max_bytes:
            raise InputError(f"文件过大（{_mb(info.st_size)} MB，上限 {_mb(max_bytes)} MB），不像是{what}",
                             path=p, hint="请确认选择了正确的文件")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except PermissionError:
        raise InputError("没有读取权限", path=p, hint="请检查文件权限") from None
    except OSError as exc:
        raise InputError(f"无法读取（{os_reason(exc)}）", path=p) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew while it was read
        raise InputError(f"文件过大（超过上限 {_mb(max_bytes)} MB），不像是{what}", path=p,
                         hint="请确认选择了正确的文件")
    if not data.strip() and not allow_empty:
        raise InputError("文件是空的，没有内容", path=p,
                         hint=f"请确认选择了正确的{what}")
    return data


def _mode_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "一个命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def _special_kind(path: Path) -> str:
    try:
        return _mode_kind(path.stat().st_mode)
    except OSError:
        return "一个特殊文件"


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


# ------------------------------------------------------------------------------------------ the one sniffer


class FileKind(StrEnum):
    """What a file is, recognised from its content (the extension only breaks ties)."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ZIP = "zip"  # a ZIP package that is neither: a .pptx, an .odt, an archive (see :func:`zip_kind`)
    OLE = "ole"  # a legacy Office file (.doc, .xls, .wps)
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"  # text, or binary data the decoder will name


_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|table|div|p|meta)[\s>/]", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,3} ", re.MULTILINE)
_MD_TABLE = re.compile(r"^\|.*\|\s*$", re.MULTILINE)


def sniff(data: bytes, path: str | Path | None = None) -> FileKind:
    """The kind of a file from its first bytes; the name's extension decides only between Markdown and text."""
    if data.startswith(b"%PDF"):
        return FileKind.PDF
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if names is None:  # a damaged package: a Word file by its name or its first entries, else an archive
            docx = Path(path or "").suffix.lower() == ".docx" or b"word/" in data[:65536]
            return FileKind.DOCX if docx else FileKind.ZIP
        if "word/document.xml" in names:
            return FileKind.DOCX
        if "xl/workbook.xml" in names:
            return FileKind.XLSX
        return FileKind.ZIP
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return FileKind.OLE
    head = _text_head(data)
    if _HTML.search(head[:1024]) or head[:1].startswith("<") and _HTML.search(head):
        return FileKind.HTML
    if Path(path or "").suffix.lower() in (".md", ".markdown"):
        return FileKind.MARKDOWN
    if _MD_HEADING.search(head) and _MD_TABLE.search(head):
        return FileKind.MARKDOWN
    return FileKind.TEXT


def is_container(data: bytes) -> bool:
    """True for a ZIP package, a PDF or a legacy Office file: never text."""
    return data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"))


def _text_head(data: bytes) -> str:
    """The first 64 KB as text, in whatever encoding the decoder would choose (leniently: for sniffing only)."""
    sample = data[:65536]
    encoding = _bom_encoding(sample) or _wide_encoding(sample)
    if encoding is not None:
        wide = sample[: len(sample) // 4 * 4]
        return wide.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    return sample.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")


def _zip_names(data: bytes) -> frozenset[str] | None:
    """The names in a ZIP package, or None when it cannot be opened."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return frozenset(package.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None


def zip_kind(data: bytes) -> str:
    """What a ZIP package is, in words, when it is no Word document or workbook (a .pptx, an .odt, an archive)."""
    names = _zip_names(data) or frozenset()
    if any(n.startswith("xl/") for n in names):
        return "一份 Excel 表格（.xlsx）"
    if any(n.startswith("ppt/") for n in names):
        return "一份 PowerPoint 演示文稿（.pptx）"
    if "content.xml" in names:
        return "一份 OpenDocument 文件（.odt 等）"
    return "一个 ZIP 压缩包"


def check_zip(data: bytes, path: str | Path | None = None, *, what: str = "Word 文件") -> None:
    """Refuse a ZIP package (DOCX, XLSX) that would inflate beyond reason, before any part of it is read."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return  # damaged: the reader says so in its own words
    hint = f"请在 Word、Excel 或 WPS 中打开并重新另存后再试；若来历不明，请不要打开此{what}"
    if len(entries) > ZIP_MAX_ENTRIES:
        raise InputError(f"{what}内含 {len(entries)} 个部件，远超正常文件，不予读取（疑为恶意构造的压缩包）",
                         path=path, hint=hint)
    total = sum(max(e.file_size, 0) for e in entries)
    if total > ZIP_MAX_BYTES:
        raise InputError(f"{what}解压后将达 {_mb(total)} MB（上限 {_mb(ZIP_MAX_BYTES)} MB），不予读取"
                         "（疑为“压缩炸弹”）", path=path, hint=hint)
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_ENTRY_RATIO * max(entry.compress_size, 1):
            raise InputError(f"{what}中的部件“{entry.filename[:60]}”压缩比异常（{_mb(entry.compress_size)} MB 解压为 "
                             f"{_mb(entry.file_size)} MB），不予读取（疑为“压缩炸弹”）", path=path, hint=hint)


# ------------------------------------------------------------------------------------------ the one decoder

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: FF FE 00 00 starts both
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_NAMES = ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312")
_BIG5_NAMES = ("big5", "big5-hkscs", "big5hkscs", "cp950", "x-x-big5")


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 written without a byte-order mark, told by where its NUL bytes fall; None otherwise.

    Text in UTF-32 has a NUL in (nearly) every unit's top byte; in UTF-16 the NULs of its ASCII characters (digits,
    spaces, line ends) fall on one side of each pair (a few Chinese characters, such as 一 U+4E00, add some on the
    other side). The guess must then decode to text without control characters.
    """
    sample = data[:8192]
    nuls = sample.count(0)
    if len(sample) < 8 or nuls < max(4, len(sample) // 100):
        return None
    guess = None
    if len(data) % 4 == 0:
        units = [sample[i:i + 4] for i in range(0, len(sample) - 3, 4)]
        if sum(1 for u in units if u[3] == 0 and u[2] <= 0x10) >= len(units) * 0.98:
            guess = "utf-32-le"
        elif sum(1 for u in units if u[0] == 0 and u[1] <= 0x10) >= len(units) * 0.98:
            guess = "utf-32-be"
    if guess is None and len(data) % 2 == 0:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd >= nuls * 0.75:
            guess = "utf-16-le"
        elif even >= nuls * 0.75:
            guess = "utf-16-be"
    if guess is None:
        return None
    try:
        text = sample[: len(sample) // 4 * 4].decode(guess, errors="strict")
    except UnicodeDecodeError:
        try:  # the sample may end inside a surrogate pair
            text = sample[: len(sample) // 4 * 4 - 2].decode(guess, errors="strict")
        except UnicodeDecodeError:
            return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return guess if controls <= len(text) * 0.01 else None


def _is_big5(data: bytes) -> bool:
    """True for Chinese text in Big5 (繁体) that GB18030 would also decode, into nonsense.

    GB2312 text (what GBK files mostly hold) has every second byte of a character in A1–FE; in Big5, two of five
    characters have it in 40–7E.
    """
    try:
        data.decode("cp950")
    except UnicodeDecodeError:
        return False
    pairs = low = 0
    i = 0
    sample = data[:65536]
    while i < len(sample) - 1:
        if sample[i] >= 0x81:
            pairs += 1
            low += 0x40 <= sample[i + 1] <= 0x7E
            i += 2
        else:
            i += 1
    return pairs >= 4 and low >= pairs * 0.08


def _big5_error(path: str | Path | None) -> InputError:
    return InputError("文件是繁体中文的 Big5 编码，drafter 只能读取简体中文的报告", path=path,
                      hint="请用记事本或 WPS 打开，用“繁转简”转为简体中文后另存为 UTF-8 编码再试")


def decode(data: bytes, path: str | Path | None = None, *, declared: str | None = None,
           lenient: bool = False) -> tuple[str, str]:
    """The text of a file and the encoding it was written in (to write it back the same way).

    Read: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16/UTF-32 without one; the ``declared`` charset (a web
    page's ``<meta charset>``); UTF-8; GB18030 (which covers GBK and GB2312). Big5 is recognised and refused with
    how to convert it. ``lenient`` (web pages) replaces the few bytes that fit no encoding instead of refusing.
    """
    encoding = _bom_encoding(data) or _wide_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            if lenient:
                return data.decode(encoding, errors="replace"), encoding
            raise InputError(f"文件看起来是 {encoding.upper()} 编码，但内容不完整或已损坏", path=path,
                             hint="请用记事本等工具另存为 UTF-8 编码") from None
    if looks_binary(data):
        known = _binary_kind(data)
        if known:
            raise InputError(f"这是{known}，不是文本，也不是 Word 或 PDF 文件", path=path,
                             hint="drafter 不能识别图片或压缩包里的文字；请提供报告的网页、Word（.docx）、"
                                  "带文字层的 PDF 或复制出的文本")
        suffix = Path(path).suffix.lower() if path is not None else ""
        document = DOCUMENT_SUFFIXES.get(suffix)
        if document:  # “报告.docx” that is no Word file: a broken download or a damaged copy
            raise InputError(f"文件名是 {suffix}，但内容不是有效的 {document} 文件（可能已损坏或没有下载完整）",
                             path=path, hint="请重新下载该文件，或从原稿重新导出一份后再试")
        raise InputError("不是文本文件（内容像是二进制数据）", path=path,
                         hint="figures 文件应为 YAML 或 JSON 文本；报告可为文本、HTML、DOCX 或 PDF")
    if declared:
        name = declared.strip().lower()
        name = "gb18030" if name in _GB_NAMES else name
        if name in _BIG5_NAMES:
            raise _big5_error(path)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _is_big5(data):
        raise _big5_error(path)
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        if lenient:
            return data.decode("gb18030", errors="replace"), "gb18030"
        raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GBK）", path=path,
                         hint="请用记事本等工具另存为 UTF-8 编码") from None


def decode_text(data: bytes, path: str | Path | None = None) -> str:
    """The text of a file (see :func:`decode`), without a leading byte-order mark."""
    return decode(data, path)[0].removeprefix("\ufeff")


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
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def _make_backup(target: Path) -> Path:
    """Keep the file as it is now under its backup name, all or nothing.

    A hard link costs no space and cannot be partial (the original is then replaced by a rename, never written
    into); where links are not possible the copy goes to a temporary name first, is synced, and only then gets the
    backup name. Never over an existing backup: a name taken meanwhile moves on to the next number.
    """
    while True:
        saved = backup_path(target)
        try:
            os.link(target, saved, follow_symlinks=False)
            return saved
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS,
                                 errno.EACCES):
                raise
        break
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.bak.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle, open(target, "rb") as source:
            shutil.copyfileobj(source, handle)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copystat(target, tmp)
        while True:
            saved = backup_path(target)
            try:
                os.link(tmp, saved)
                break
            except FileExistsError:
                continue
            except OSError:
                os.replace(tmp, saved)  # no links here at all: a rename (the name was free a moment ago)
                return saved
        return saved
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def check_data_name(path: str | Path, command: str) -> None:
    """Refuse to write YAML/JSON data under a document's name (.docx, .pdf, .md …)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".docx", ".doc", ".pdf", ".html", ".htm", ".md", ".wps"):
        raise InputError(f"{command} 写出的是数据（YAML 或 JSON），不能存为 {suffix} 文件", path=path,
                         hint="请用 -o 数据.yaml；要生成排好版的报告，请用 drafter render")


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (other threads may be writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _resolve_output(path: Path) -> Path:
    """The file an output path names: a symbolic link is written through, to the file it points at."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def write_atomic(path: str | Path, data: str | bytes, *, backup: bool = True) -> Path | None:
    """Write ``data`` to ``path`` atomically; if the file existed, keep a copy first and return its path.

    The data goes to a temporary name in the same folder, is synced, and then renamed over the file, so that the
    file is at every moment either the old one or the whole new one. A new file gets the usual permissions (the
    umask); a rewritten file keeps its own; a symbolic link is written through to its target. On any failure the
    old file stays as it was and nothing is left behind: no temporary file and no backup.
    """
    target = _resolve_output(Path(path))
    if target.is_dir():
        raise InputError("输出路径是一个文件夹", path=path, hint="请在文件夹后加上文件名")
    if not target.parent.exists():
        raise InputError("输出文件所在的文件夹不存在", path=path, hint="请先创建该文件夹或换一个路径")
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise InputError(f"无法写入（{os_reason(exc)}）", path=path, hint="请换一个输出路径") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise InputError(f"输出路径是{_mode_kind(existing.st_mode)}，不是普通文件，不能写入", path=path,
                         hint="请用 -o 给出一个文件名；要输出到屏幕，请用 -o -")
    check_writable(target)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    saved: Path | None = None
    done = False
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        if backup and existing is not None:
            saved = _make_backup(target)
        os.replace(tmp, target)
        done = True
        _sync_folder(target.parent)
    except PermissionError:
        raise InputError("没有写入权限", path=path, hint="请换一个输出路径") from None
    except OSError as exc:
        raise InputError(f"无法写入（{os_reason(exc)}）", path=path,
                         hint="原文件未改动；请腾出磁盘空间或换一个输出路径" if existing is not None
                         else "请腾出磁盘空间或换一个输出路径") from None
    finally:
        if not done:
            for leftover in (tmp, saved):
                if leftover is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(leftover)
    return saved


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
