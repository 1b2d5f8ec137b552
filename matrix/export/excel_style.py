"""How the RACI workbook looks and prints: fonts, colours, borders and page setup.

The fonts are named explicitly on every styled cell: without a name Excel
falls back to Calibri, which has no Chinese glyphs, and WPS and LibreOffice
then substitute something of their own choosing.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable
from copy import copy

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import OutputError
from ..workbook_layout import MAX_CELL_CHARS

__all__ = [
    "BODY",
    "BORDER",
    "CENTRED",
    "FONT_NAME",
    "HEADER",
    "HEADER_FILL",
    "ROLE_FILLS",
    "ROLE_FONTS",
    "SECTION",
    "SECTION_FILL",
    "SEVERITY_FILLS",
    "TITLE",
    "TOP_CENTRED",
    "VERTICAL",
    "WRAPPED",
    "plain_cell",
    "setup_page",
    "styled_cell",
    "text_height",
]

#: 等线 is the default Chinese font of current Excel and WPS; both ship it.
FONT_NAME = "等线"

BODY = Font(name=FONT_NAME, size=10)
HEADER = Font(name=FONT_NAME, size=10, bold=True)
SECTION = Font(name=FONT_NAME, size=10, bold=True, color="1F3864")
TITLE = Font(name=FONT_NAME, size=16, bold=True)

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL = PatternFill("solid", fgColor="EDEDED", bgColor="EDEDED")

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

WRAPPED = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
#: Numbers in a row whose text wraps: centred across, at the top like the text beside them.
TOP_CENTRED = Alignment(horizontal="center", vertical="top", wrap_text=True)
#: Characters stacked one under another: 40 and more department columns fit a page.
VERTICAL = Alignment(horizontal="center", vertical="bottom", textRotation=255, wrap_text=False)

#: Cell colours per role: the stronger the role, the darker the colour.
ROLE_FILLS: dict[str, PatternFill] = {
    "A/R": PatternFill("solid", fgColor="C00000", bgColor="C00000"),
    "R": PatternFill("solid", fgColor="F4B084", bgColor="F4B084"),
    "A": PatternFill("solid", fgColor="8EA9DB", bgColor="8EA9DB"),
    "C": PatternFill("solid", fgColor="FFE699", bgColor="FFE699"),
    "I": PatternFill("solid", fgColor="E7E6E6", bgColor="E7E6E6"),
}
ROLE_FONTS: dict[str, Font] = {
    role: Font(name=FONT_NAME, size=10, bold=role in ("A/R", "R"), color="FFFFFF" if role == "A/R" else None)
    for role in ROLE_FILLS
}

#: Finding severities (as labelled in the sheet) to fills: 错误 red, 警告 amber, 提示 grey.
SEVERITY_FILLS: dict[str, PatternFill] = {
    "错误": PatternFill("solid", fgColor="F8CBAD"),
    "警告": PatternFill("solid", fgColor="FFE699"),
    "提示": PatternFill("solid", fgColor="E7E6E6"),
}

_FOOTER = "第 &P 页，共 &N 页"


def setup_page(worksheet, *, landscape: bool, title_rows: str = "1:1", title_columns: str | None = None) -> None:
    """A4, fitted to the page width, header rows repeated and page numbers in the footer.

    Fitting to width only (``fitToHeight = 0``) lets a long sheet run over as
    many pages as it needs while never cutting a column off, which is what a
    printed 分工表 must not do.
    """
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    worksheet.print_options.horizontalCentered = True
    worksheet.print_title_rows = title_rows
    if title_columns:
        worksheet.print_title_cols = title_columns
    worksheet.oddFooter.center.text = _FOOTER
    worksheet.oddFooter.center.font = FONT_NAME
    worksheet.oddFooter.center.size = 9


def text_height(texts_and_widths: Iterable[tuple[str, float]], *, line: float = 13.5) -> float | None:
    """Row height in points for wrapped Chinese text; ``None`` for a single line.

    Excel does not grow rows for wrapped text in a file it did not lay out, so
    the height is estimated: a Chinese character is about 1.9 width units at
    10 pt.
    """
    lines = 1
    for text, width in texts_and_widths:
        per_line = max(1, int(width / 1.9))
        count = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, count)
    return None if lines == 1 else min(409, lines * line + 4)


#: Per workbook: the style of each combination of font, fill, alignment, border,
#: number format and protection, registered once. Assigning styles cell by cell hashes
#: every style object each time, which made a 100 000-cell matrix take half a minute.
_STYLES: weakref.WeakKeyDictionary[Workbook, dict[tuple, tuple[StyleArray, tuple]]] = weakref.WeakKeyDictionary()


def _literal(cell: Cell, formula: bool) -> Cell:
    if cell.data_type == "f" and not formula:
        cell.data_type = "s"
    return cell


def _whole(value: object) -> object:
    """``value``, unless it is a text longer than a cell holds, which openpyxl would cut short silently."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise OutputError(
            f"单元格内容长达 {len(value):,} 字，超过 Excel {MAX_CELL_CHARS:,} 字的上限：'{value[:20]}…' "
            "(text longer than an Excel cell holds)"
        )
    return value


def plain_cell(worksheet, value: object) -> Cell:
    """An unstyled cell showing ``value`` as it is: a text such as ``=HYPERLINK(…)`` is text, never a live formula.

    openpyxl turns every string starting with ``=`` into a formula; a plan's
    title, measure or department name that starts so would become a working
    link or a calculation, and the workbook could not be read back.

    >>> from openpyxl import Workbook
    >>> sheet = Workbook().active
    >>> cell = plain_cell(sheet, '=HYPERLINK("http://x","县科协")')
    >>> cell.data_type, cell.value
    ('s', '=HYPERLINK("http://x","县科协")')
    """
    return _literal(Cell(worksheet, row=1, column=1, value=_whole(value)), formula=False)


def styled_cell(
    worksheet,
    value: object = None,
    *,
    font: Font = BODY,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    border: bool = True,
    number_format: str | None = None,
    protection: Protection | None = None,
    formula: bool = False,
) -> Cell:
    """A cell for ``worksheet.append`` with these styles, each combination registered once per workbook.

    The style objects are compared by identity: pass the module's constants
    (or objects kept alive), not a new ``Font(...)`` per call. A text is
    written as text even when it starts with ``=`` (see :func:`plain_cell`);
    only ``formula`` makes it one.
    """
    styles = _STYLES.setdefault(worksheet.parent, {})
    key = (id(font), id(fill), id(alignment), border, number_format, id(protection))
    if key in styles:
        return _literal(
            Cell(worksheet, row=1, column=1, value=_whole(value), style_array=copy(styles[key][0])), formula
        )
    cell = _literal(Cell(worksheet, row=1, column=1, value=_whole(value)), formula)
    cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if border:
        cell.border = BORDER
    if number_format:
        cell.number_format = number_format
    if protection is not None:
        cell.protection = protection
    # The style objects are kept with their array so that their ids stay theirs.
    styles[key] = (copy(cell._style), (font, fill, alignment, protection))
    return cell
