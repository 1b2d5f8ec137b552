"""Workbook cells whose text a person does not see as the reader would read it.

An office crosses a department out of a 分工表 by striking its name through,
and blanks one out by turning its text white: in Excel or WPS the first reads
as withdrawn and the second as an empty cell, on screen and on paper, while
the value is still there for a reader to take. Reading either assigns work
nobody sees; dropping it would guess. So every cell a reader takes a value
from is checked here, and refused at its cell.

A number format can hide a value too: ``;;;`` (an empty section for every
kind of value) is the usual way to blank cells out in Excel; a format whose
section for text has no ``@`` shows other words or nothing in place of the
text, and one whose section for the value's sign is empty shows nothing.

White is the font colour ``FFFFFF`` however it is stored: as RGB, as palette
entry 1 or 9, or as theme colour 0 (背景 1, white in every built-in theme; a
lighter tint of it is white too). White text in a cell with a fill other than
white is what the workbook this project writes uses for ``A/R`` and is seen.
"""

from __future__ import annotations

import re
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


#: Codes in a section that draw nothing by themselves: a colour or a condition.
_CODES = re.compile(r"\[[^\]]*\]")
_QUOTED = re.compile(r'"[^"]*"')


def _sections(number_format: str) -> list[str]:
    """A number format's sections: split at each ``;`` outside quotes and not escaped by a backslash."""
    sections, current, quoted, escaped = [], "", False, False
    for character in number_format:
        if character == ";" and not (quoted or escaped):
            sections.append(current)
            current = ""
            continue
        current += character
        quoted = quoted != (character == '"' and not escaped)
        escaped = character == "\\" and not escaped and not quoted
    return [*sections, current]


def _hidden_by_format(value: object, number_format: str | None) -> bool:
    """Whether the format shows nothing of ``value``: its section for text (the fourth) has no ``@``, so the text
    is blank or replaced; its section for a number (by sign) is empty."""
    if not number_format or ";" not in number_format or isinstance(value, bool):
        return False
    sections = _sections(number_format)
    if isinstance(value, str):  # the text is shown only where its section says @ (outside quotes)
        return len(sections) >= 4 and "@" not in _QUOTED.sub("", sections[3])
    if isinstance(value, int | float):
        index = 0 if value > 0 else 1 if value < 0 else 2
        section = sections[index] if index < len(sections) else sections[0]
    else:
        section = sections[0]
    return not _CODES.sub("", section).strip()


def unseen(cell: Cell) -> str | None:
    """What keeps a cell's text from the eye, as the refusal says it, or ``None`` when it is seen as written."""
    if cell.value in (None, ""):
        return None
    font = cell.font
    if font is None:
        return None
    if font.strike:
        return "加了删除线，是否算数无法判断；请删去这些文字或去掉删除线后再导入 (struck-through text)"
    if _hidden_by_format(cell.value, cell.number_format):
        return (
            f"被单元格的数字格式“{cell.number_format}”隐藏了，看上去是空白或别的文字，是否算数无法判断；请删去这些文字，"
            "或把单元格格式改为“常规”后再导入 (a number format that hides the value)"
        )
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
