"""A plan file's bytes and its text: the one place readers open a file and pick its encoding.

Offices save text as UTF-8 (often with a BOM) or, from Excel and Notepad on
Chinese Windows, as GBK; YAML is UTF-8 by definition. An unreadable file or a
byte that fits no accepted encoding is refused with the line it stands on,
which is where a file pasted together from two sources usually changes
encoding; a file mixing the two is refused at the first line in the other one.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..model import Location

__all__ = ["decode_text", "decode_utf8", "read_bytes"]

_MIXED = "此行{this} 编码，而文件前面是 {before} 编码（混合编码）；请将整个文件另存为 UTF-8 (mixed encodings)"
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; ``InputError`` naming the file and the system's reason if it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 (cannot read file): {exc.strerror}", str(path)) from None


def _line_of(data: bytes, error: UnicodeDecodeError) -> int:
    """The line of the first byte that failed; the error counts from after a BOM, the line from the file's start."""
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    return data[: skipped + error.start].count(b"\n") + 1


def _utf8_line(line: bytes) -> bool:
    """A line that is UTF-8 Chinese text: valid UTF-8 holding at least one CJK ideograph.

    A GBK line is rarely valid UTF-8 at all, and when it is (a few two-byte
    characters), it decodes to Latin, Greek or Cyrillic letters, never to a
    CJK ideograph, which UTF-8 spells in three bytes.
    """
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _CJK.search(text) is not None


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM), else GBK (GB18030); ``InputError`` at the first line that fits neither.

    A file is one encoding or the other as a whole. Pasting a row from a
    UTF-8 file into a GBK one (or the reverse) makes a file that GB18030
    still decodes, into a row of mojibake that would become departments; so a
    file that is not UTF-8 throughout takes the encoding of its first line of
    Chinese, and the first line in the other encoding is refused.

    Examples
    --------
    >>> decode_text("县科协".encode("gbk"), "plan.csv")
    '县科协'
    >>> pasted = "编号,牵头单位\\n1,县科协\\n".encode("gbk") + "2,县妇联\\n".encode("utf-8")
    >>> try:
    ...     decode_text(pasted, "plan.csv")
    ... except InputError as error:
    ...     print(error.location)
    plan.csv:3
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = _line_of(data, exc)
    lines = data.split(b"\n")
    chinese = next((line for line in lines if not line.isascii()), b"")
    if data.startswith(codecs.BOM_UTF8) or _utf8_line(chinese):
        raise InputError(_MIXED.format(this="不是 UTF-8", before="UTF-8"), Location(str(path), line=first_bad))
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        if _utf8_line(line):
            raise InputError(_MIXED.format(this="是 UTF-8", before="GBK"), Location(str(path), line=number))
        try:
            line.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                "无法识别文件编码（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 (cannot decode as UTF-8 or GBK)",
                Location(str(path), line=number),
            ) from None
    return data.decode("gb18030")


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM); ``InputError`` at the line of the first byte that is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "不是 UTF-8 编码的文本，请另存为 UTF-8 (not UTF-8 text)", Location(str(path), line=_line_of(data, exc))
        ) from None
