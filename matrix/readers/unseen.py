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

A conditional format (条件格式) can strike, whiten or blank a cell when its
rule holds; a rule on the cell's text is worked out, any other is taken to
hold, since the reader cannot tell.

White is the font colour ``FFFFFF`` however it is stored: as RGB, as palette
entry 1 or 9, or as theme colour 0 (背景 1, white in every built-in theme; a
lighter tint of it is white too). White text in a cell with a fill other than
white is what the workbook this project writes uses for ``A/R`` and is seen.
Text in the very colour of its fill (yellow on yellow, black on black) is
as unseen as white on none; colours are compared where they can be told
without the workbook's theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles.colors import COLOR_INDEX, Color
from openpyxl.styles.fills import Fill
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..model import Location

__all__ = ["refuse_unseen", "unseen"]

_WHITE = "FFFFFF"
#: What openpyxl reads for a colour a file does not set.
_UNSET = "00000000"
#: Excel's theme colour 0 is 背景 1 (``lt1``): the window background, white.
_BACKGROUND_THEME = 0
#: Theme colour 1 is 文字 1 (``dk1``): black.
_TEXT_THEME = 1
_BLACK = "000000"


def _rgb(colour: Color | None) -> str | None:
    """A colour as ``RRGGBB`` where it can be told without the workbook's theme; ``None`` where it cannot.

    No colour, or Excel's automatic one, is the black text is drawn in. Of
    the theme colours only 背景 1 (white; a lighter tint of it too) and
    文字 1 (black) are the same in every built-in theme.
    """
    if colour is None or colour.type == "auto":
        return _BLACK
    if colour.type == "rgb":
        return colour.rgb[-6:].upper() if isinstance(colour.rgb, str) and colour.rgb != _UNSET else None
    if colour.type == "indexed":
        index = colour.indexed
        return COLOR_INDEX[index][-6:] if isinstance(index, int) and 0 <= index < len(COLOR_INDEX) else None
    if colour.type == "theme":
        tint = colour.tint or 0
        if colour.theme == _BACKGROUND_THEME and tint >= 0:
            return _WHITE
        return _BLACK if colour.theme == _TEXT_THEME and tint == 0 else None
    return None


def _white(colour: Color | None) -> bool:
    return colour is not None and _rgb(colour) == _WHITE


def _background(fill: Fill | None, *, differential: bool = False) -> str | None:
    """The colour a fill gives the cell as ``RRGGBB`` (white for none), or ``None`` for a pattern or a colour
    that cannot be told.

    A solid fill's colour is its foreground colour in a cell's format and its
    background colour in a conditional format's (which may name no pattern at
    all); any other pattern draws on the cell.
    """
    kind = getattr(fill, "fill_type", "gradient")
    if fill is None or kind == "none" or (kind is None and not differential):
        return _WHITE
    if kind not in (None, "solid"):
        return None
    colour = fill.bgColor if differential else fill.fgColor
    return _rgb(colour) if _set(colour) else _WHITE if kind is None else None


def _filled(fill: Fill | None, *, differential: bool = False) -> bool:
    """Whether a fill colours the cell other than white."""
    return _background(fill, differential=differential) != _WHITE


def _set(colour: Color | None) -> bool:
    return colour is not None and not (colour.type == "rgb" and colour.rgb == _UNSET)


def _sets_fill(fill: Fill | None) -> bool:
    """Whether a conditional format's fill sets anything (its colour then replaces the cell's own fill)."""
    return fill is not None and (getattr(fill, "fill_type", "gradient") is not None or _set(fill.bgColor))


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


def _look(
    value: object, struck: bool, colour: Color | None, background: str | None, number_format: str | None
) -> str | None:
    """What keeps ``value`` from the eye when struck, in this colour, on this background (``RRGGBB``, ``None``
    for a pattern or a colour that cannot be told) and in this number format."""
    if value in (None, ""):
        return None
    if struck:
        return "加了删除线，是否算数无法判断；请删去这些文字或去掉删除线后再导入 (struck-through text)"
    if _hidden_by_format(value, number_format):
        return (
            f"被数字格式“{number_format}”隐藏了，看上去是空白或别的文字，是否算数无法判断；请删去这些文字，"
            "或把单元格格式改为“常规”后再导入 (a number format that hides the value)"
        )
    text = _rgb(colour)
    if text is not None and text == background != _WHITE:
        return (
            f"的颜色与单元格底色相同（#{text}），打印和阅读时看不见、像是空白，是否算数无法判断；请删去这些文字，"
            "或改变文字颜色后再导入 (text coloured like its fill)"
        )
    if text == background == _WHITE:
        return (
            "是白色的，单元格又没有底色，打印和阅读时看不见、像是空白，是否算数无法判断；请删去这些文字，"
            "或把文字改为黑色后再导入 (white text on no fill)"
        )
    return None


def unseen(cell: Cell) -> str | None:
    """What keeps a cell's text from the eye, as the refusal says it, or ``None`` when it is seen as written."""
    font = cell.font
    struck, colour = (bool(font.strike), font.color) if font is not None else (False, None)
    return _look(cell.value, struck, colour, _background(cell.fill), cell.number_format)


#: Rules on the cell's text, by type, with how the text decides them.
_TEXT_RULES: dict[str, Callable[[str, str], bool]] = {
    "containsText": lambda value, text: text in value,
    "notContainsText": lambda value, text: text not in value,
    "beginsWith": str.startswith,
    "endsWith": str.endswith,
}


def _may_hold(rule: Rule, value: object) -> bool:
    """False only for a rule on text that the cell's value does not meet (as Excel compares, ignoring case);
    any other rule may hold."""
    if not isinstance(value, str):
        return True
    if rule.type in _TEXT_RULES and rule.text is not None:
        return _TEXT_RULES[rule.type](value.casefold(), rule.text.casefold())
    formula = rule.formula[0] if rule.type == "cellIs" and len(rule.formula) == 1 else ""
    if rule.operator in ("equal", "notEqual") and len(formula) >= 2 and formula[0] == formula[-1] == '"':
        literal = formula[1:-1].replace('""', '"')
        return (value.casefold() == literal.casefold()) == (rule.operator == "equal")
    return True


def _hiding_rules(sheet: Worksheet) -> list[tuple[MultiCellRange, Rule]]:
    """The conditional formats of ``sheet`` that could hide a cell's text: those striking it, blanking it with a
    number format, turning it white without a fill of their own, or filling it white. The others (this project's
    white ``A/R`` on red among them) are not looked at again for each cell."""
    rules = []
    for formatting in sheet.conditional_formatting:
        for rule in formatting.rules:
            dxf, font = rule.dxf, getattr(rule.dxf, "font", None)
            if dxf is None:
                continue
            unfilled = not _filled(dxf.fill, differential=True)
            white = font is not None and _white(font.color) and unfilled
            if (
                dxf.numFmt is not None
                or (font is not None and font.strike)
                or white
                or (_sets_fill(dxf.fill) and unfilled)
            ):
                rules.append((formatting.sqref, rule))
    return rules


def _conditionally_unseen(rules: list[tuple[MultiCellRange, Rule]], cell: Cell) -> str | None:
    """What a conditional format over ``cell`` would keep from the eye when its rule holds, said with its range.

    A rule comparing the cell with a text (等于 "C", 文本包含 "取消") is
    worked out; whether any other rule holds is not, and a format that
    strikes, whitens or blanks a cell read is refused as such.
    """
    for ranges, rule in rules:
        if cell.coordinate not in ranges or not _may_hold(rule, cell.value):
            continue
        dxf, font = rule.dxf, rule.dxf.font
        number_format = dxf.numFmt.formatCode if dxf.numFmt is not None else cell.number_format
        # what the rule sets replaces the cell's own; what it leaves unset stays the cell's
        colour = font.color if font is not None and font.color is not None else cell.font.color
        background = _background(dxf.fill, differential=True) if _sets_fill(dxf.fill) else _background(cell.fill)
        what = _look(cell.value, bool(font is not None and font.strike), colour, background, number_format)
        if what:
            return f"在条件格式（{ranges}）生效时{what}"
    return None


def _kind(value: object) -> object:
    """What of a value decides which section of a number format shows it: text, the sign of a number, or neither."""
    if value in (None, ""):
        return None
    if isinstance(value, str | bool):
        return type(value)
    if isinstance(value, int | float):
        return (value > 0) - (value < 0)
    return type(value)


def refuse_unseen(path: Path, sheet: Worksheet, read: Callable[[int, int], bool]) -> None:
    """Refuse the first cell (by row, then column) that is read and whose text a person does not see as written.

    ``read(row, column)`` says which cells the reader takes values from, as
    for :func:`matrix.readers.xlsx.refuse_uncached`. Only cells holding a
    value are visited, not the empty rectangle between them.
    """
    rules = _hiding_rules(sheet)
    by_style: dict[tuple[bytes, object], str | None] = {}

    def look(cell: Cell) -> str | None:
        # a cell's look depends on its format and, through the number format, on its kind of value only
        style = cell._style  # its format ids (None: the default), read without indexing the workbook's formats
        key = (b"" if style is None else style.tobytes(), _kind(cell.value))
        if key not in by_style:
            by_style[key] = unseen(cell)
        return by_style[key] or (rules and _conditionally_unseen(rules, cell)) or None

    found = [(key, what) for key, cell in sheet._cells.items() if read(*key) and (what := look(cell))]
    if found:
        (row, column), what = min(found)
        cell = sheet.cell(row, column)
        where = Location(str(path), sheet=sheet.title, cell=cell.coordinate)
        raise InputError(f"单元格中的文字“{str(cell.value).strip()[:40]}”{what}", where)
