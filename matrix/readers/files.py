"""A plan file's bytes and its text: the one place readers open a file and pick its encoding.

Offices save text as UTF-8 (often with a BOM) or, from Excel and Notepad on
Chinese Windows, as GBK; YAML is UTF-8 by definition. An unreadable file or a
byte that fits no accepted encoding is refused with the line it stands on,
which is where a file pasted together from two sources usually changes
encoding.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Location

__all__ = ["decode_text", "decode_utf8", "read_bytes"]


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; ``InputError`` naming the file and the system's reason if it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 (cannot read file): {exc.strerror}", str(path)) from None


def _line_of(data: bytes, error: UnicodeDecodeError) -> int:
    return data[: error.start].count(b"\n") + 1


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030; ``InputError`` if neither fits.

    The error names the line of the first byte that is not UTF-8.

    Examples
    --------
    >>> decode_text("县科协".encode("gbk"), "plan.csv")
    '县科协'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            "无法识别文件编码（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 (cannot decode as UTF-8 or GBK)",
            Location(str(path), line=line),
        ) from None


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM); ``InputError`` at the line of the first byte that is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "不是 UTF-8 编码的文本，请另存为 UTF-8 (not UTF-8 text)", Location(str(path), line=_line_of(data, exc))
        ) from None
