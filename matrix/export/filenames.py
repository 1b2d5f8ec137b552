"""File names made from department names, which must never choose where a file lands.

A department name comes from a plan that a person typed or a reader parsed; it
may hold a slash (``县委宣传部/网信办``), a colon, or worse. Every exporter that
names a file after a department goes through :func:`safe_filename` and
:func:`path_inside`, so the name only ever picks the file, never the folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError

__all__ = ["MAX_NAME_CHARS", "path_inside", "safe_filename", "unique_filenames"]

#: Characters kept from a name. Chinese takes three bytes a character in UTF-8
#: and most file systems allow 255 bytes, so 60 leaves room for a prefix and suffix.
MAX_NAME_CHARS = 60

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_DOTS = re.compile(r"\.{2,}")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, *, max_chars: int = MAX_NAME_CHARS, fallback: str = "未命名") -> str:
    """Turn ``name`` into one path component that is valid on Windows and POSIX alike.

    Offices share files on Windows machines, so the stricter Windows rules
    apply everywhere: no ``/ \\ : * ? " < > |``, no control characters, no
    leading or trailing dots and spaces, no reserved device names.

    Parameters
    ----------
    name
        Any text, typically a department name.
    max_chars
        Longest result, in characters.
    fallback
        Returned when nothing usable is left.

    Returns
    -------
    str
        A non-empty name without separators or ``..``.

    Examples
    --------
    >>> safe_filename("../x"), safe_filename("a/b"), safe_filename("CON:")
    ('_x', 'a_b', 'CON_')
    >>> safe_filename("CON")
    'CON_'
    """
    cleaned = _DOTS.sub(".", _FORBIDDEN.sub("_", name)).strip(" .")
    cleaned = cleaned[:max_chars].rstrip(" .")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned += "_"
    return cleaned or fallback


def path_inside(folder: str | Path, filename: str) -> Path:
    """``folder / filename``, refusing any result that would leave ``folder``.

    :func:`safe_filename` already makes this impossible; the check stays so that
    a future change to it cannot silently write elsewhere.

    Raises
    ------
    OutputError
        When ``filename`` is not a single component inside ``folder``.
    """
    folder = Path(folder)
    path = folder / filename
    if Path(filename).name != filename or path.resolve().parent != folder.resolve():
        raise OutputError(f"文件名 '{filename}' 会写到目录 {folder} 之外 (file name leaves the output folder)")
    return path


def unique_filenames(names: Iterable[str], prefix: str, suffix: str) -> list[str]:
    """``prefix + safe name + suffix`` for each name; names that come out alike get -2, -3 …

    Two departments whose names differ only in case or in characters that
    :func:`safe_filename` replaces would otherwise share a file, and the second
    would silently overwrite the first (Windows file names ignore case).

    >>> unique_filenames(["a/b", "a_b", "A_B"], "通知-", ".docx")
    ['通知-a_b.docx', '通知-a_b-2.docx', '通知-A_B-3.docx']
    """
    result, used = [], set()
    for name in names:
        safe = safe_filename(name)
        candidate, number = f"{prefix}{safe}{suffix}", 2
        while candidate.casefold() in used:
            candidate = f"{prefix}{safe}-{number}{suffix}"
            number += 1
        used.add(candidate.casefold())
        result.append(candidate)
    return result
