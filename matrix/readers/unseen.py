"""Workbook cells whose text a person does not see as the reader would read it.

An office crosses a department out of a 分工表 by striking its name through,
and blanks one out by turning its text white: in Excel or WPS the first reads
as withdrawn and the second as an empty cell, on screen and on paper, while
the value is still there for a reader to take. Reading either assigns work
nobody sees; dropping it would guess. So every cell a reader takes a value
from is checked here, and refused at its cell.

White is the font colour ``FFFFFF`` however it is stored: as RGB, as palette
entry 1 or 9, or as theme colour 0 (背景 1, white in every built-in theme; a
lighter tint of it is white too). White text in a cell with a fill other than
white is what the workbook this project writes uses for ``A/R`` and is seen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.styles.colors import COLOR_INDEX, Color
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..model import Location

__all__ = ["refuse_unseen", "unseen"]

_WHITE = "FFFFFF"
#: Excel's theme colour 0 is 背景 1 (``lt1``): the window background, white.
_BACKGROUND_THEME = 0


def _white(color: Color | None) -> bool:
    if color is None:
        return False
    if color.type == "rgb":
        return isinstance(color.rgb, str) and color.rgb.upper().endswith(_WHITE)
    if color.type == "indexed":
        index = color.indexed
        return isinstance(index, int) and 0 <= index < len(COLOR_INDEX) and COLOR_INDEX[index].endswith(_WHITE)
    if color.type == "theme":
        return color.theme == _BACKGROUND_THEME and (color.tint or 0) >= 0
    return False


def _unfilled(cell: Cell) -> bool:
    """No fill, or a solid white one: the cell shows the white of the page."""
    fill = cell.fill
    kind = getattr(fill, "fill_type", "gradient")
    return kind in (None, "none") or (kind == "solid" and _white(fill.fgColor))


def unseen(cell: Cell) -> str | None:
    """What keeps a cell's text from the eye, as the refusal says it, or ``None`` when it is seen as written."""
    if cell.value in (None, ""):
        return None
    font = cell.font
    if font is None:
        return None
    if font.strike:
        return "加了删除线，是否算数无法判断；请删去这些文字或去掉删除线后再导入 (struck-through text)"
    if _white(font.color) and _unfilled(cell):
        return (
            "是白色的，单元格又没有底色，打印和阅读时看不见、像是空白，是否算数无法判断；请删去这些文字，"
            "或把文字改为黑色后再导入 (white text on no fill)"
        )
    return None


def refuse_unseen(path: Path, sheet: Worksheet, read: Callable[[int, int], bool]) -> None:
    """Refuse the first cell (by row, then column) that is read and whose text a person does not see as written.

    ``read(row, column)`` says which cells the reader takes values from, as
    for :func:`matrix.readers.xlsx.refuse_uncached`. Only cells holding a
    value are visited, not the empty rectangle between them.
    """
    found = [(key, what) for key, cell in sheet._cells.items() if read(*key) and (what := unseen(cell))]
    if found:
        (row, column), what = min(found)
        cell = sheet.cell(row, column)
        where = Location(str(path), sheet=sheet.title, cell=cell.coordinate)
        raise InputError(f"单元格中的文字“{str(cell.value).strip()[:40]}”{what}", where)
