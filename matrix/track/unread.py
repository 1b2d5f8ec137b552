"""What a returned workbook holds outside the form's cells, which collecting would never read.

A department sometimes writes where nobody looks: in a sheet of its own (the
form copied and the copy filled in), in a cell's comment (批注) instead of the
cell, or in a text box drawn over the sheet. Read as cells, such a sheet says
less than the department wrote, without a word. Each is refused where it is,
so that the words are moved into the table before the sheet is collected.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ..errors import InputError
from ..model import Location

__all__ = ["refuse_unread"]

_SHAPE_TEXT = re.compile(r"<a:t>([^<]*)</a:t>")
_DRAWING = re.compile(r"xl/drawings/drawing\d+\.xml")


def _added_sheets(path: Path, workbook: Workbook, kept: Iterable[str]) -> None:
    kept = set(kept)
    for sheet in workbook.worksheets:
        if sheet.title in kept:
            continue
        filled = [key for key, cell in sheet._cells.items() if cell.value not in (None, "")]
        if filled:
            row, column = min(filled)
            raise InputError(
                f"反馈表中多出工作表“{sheet.title}”，其内容不会被收录；请只在反馈表中填写 (sheet added)",
                Location(str(path), sheet=sheet.title, cell=f"{get_column_letter(column)}{row}"),
            )


def _comments(path: Path, workbook: Workbook) -> None:
    for sheet in workbook.worksheets:
        noted = [key for key, cell in sheet._cells.items() if cell.comment is not None and cell.comment.text.strip()]
        if noted:
            row, column = min(noted)
            text = sheet.cell(row, column).comment.text.strip()
            raise InputError(
                f"单元格批注中写有“{text[:40]}”，批注不会被收录；请把内容写入表格并删除批注 (text in a comment)",
                Location(str(path), sheet=sheet.title, cell=f"{get_column_letter(column)}{row}"),
            )


def _shapes(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if _DRAWING.fullmatch(n)):
            xml = archive.read(name).decode("utf-8", "replace")
            words = "".join(html.unescape(t) for t in _SHAPE_TEXT.findall(xml)).strip()
            if words:
                raise InputError(
                    f"工作簿中的文本框或图形里写有“{words[:40]}”，不会被收录；请把内容写入表格 (text in a shape)",
                    Location(str(path)),
                )


def refuse_unread(path: Path, workbook: Workbook, kept: Iterable[str]) -> None:
    """Refuse ``workbook`` (read from ``path``) where it holds words outside the cells of the sheets ``kept``.

    Raises
    ------
    InputError
        At the first filled cell of another sheet, at the first cell with a
        comment, or at the file for text in a text box or shape.
    """
    _added_sheets(path, workbook, kept)
    _comments(path, workbook)
    _shapes(path)
