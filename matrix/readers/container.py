"""Telling an Office file from what merely carries its extension, before a parser sees it.

.xlsx and .docx files are zip archives. Offices also save password-protected
workbooks and documents, and the old .xls / .doc formats, which are OLE
compound files; renamed to .xlsx or .docx they make openpyxl and python-docx
fail with messages about zip archives that help nobody. Looking at the first
bytes says which case it is, so the message can say what to do.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Location

__all__ = ["OLE_SIGNATURE", "check_zip_container"]

#: The first bytes of an OLE compound file: an encrypted .xlsx/.docx or an old .xls/.doc.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK"


def check_zip_container(path: Path, *, kind: str, legacy: str, suffix: str, programs: str) -> None:
    """Refuse ``path`` unless it starts like a zip archive.

    Parameters
    ----------
    path
        The file to look at.
    kind
        What the file should be, in Chinese (工作簿, 文档).
    legacy, suffix
        The old and the current extension (``.xls`` and ``.xlsx``).
    programs
        The programs that can remove the password and re-save (Excel/WPS).

    Raises
    ------
    InputError
        An unreadable file, an OLE file (encrypted or legacy), or anything
        else that is not a zip archive.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(OLE_SIGNATURE))
    except OSError as exc:
        raise InputError(f"无法读取文件 (cannot read file): {exc.strerror}", Location(str(path))) from None
    if head.startswith(OLE_SIGNATURE):
        raise InputError(
            f"{kind}设置了打开密码，或是旧版 {legacy} 格式：请在 {programs} 中取消密码并另存为 {suffix} "
            f"(encrypted or legacy {legacy} file)",
            Location(str(path)),
        )
    if not head.startswith(_ZIP_SIGNATURE):
        raise InputError(f"不是有效的 {suffix} {kind}（不是 zip 格式）(not a {suffix} file)", Location(str(path)))
