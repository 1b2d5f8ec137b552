"""A workbook's sheets as stored, read before openpyxl loads them: their size, and formulas without results.

openpyxl builds an object for every cell it finds, so a sheet's size is
measured from its XML first (:func:`sheet_sizes`): the range it declares
(``<dimension ref="A1:XFD1048576">``) and the cells it holds. And openpyxl
reads a formula cell either as its formula or as the result the last program
to calculate it stored, never both: a formula typed in by a program that does
not calculate (a script, some converters) has no stored result and reads as an
empty cell. :func:`uncached_formulas` finds those cells, so that a role typed
as a formula is refused at its cell instead of read as no role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .archive import count_elements, main_part, read_part, relationships

__all__ = ["SheetSize", "sheet_parts", "sheet_sizes", "uncached_formulas"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_FORMULA = re.compile(rb"<((?:[\w.-]+:)?)f[\s/>]")
_REFERENCE = re.compile(rb'\sr="([A-Z]+\d+)"')


@dataclass(frozen=True)
class SheetSize:
    """What one sheet's XML declares and holds."""

    title: str
    #: The farthest cell of its declared range (``XFD1048576``), and the range's rows x columns.
    corner: str | None
    declared: int
    #: ``<c>`` elements: every cell stored, empty but formatted ones included.
    cells: int


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet title -> the archive part holding it, from the workbook part and its relationships.

    Empty when the workbook's own description cannot be read (openpyxl then says why).
    """
    workbook = main_part(path)
    data = read_part(path, workbook) if workbook else None
    if workbook is None or data is None:
        return {}
    targets = relationships(path, workbook)
    try:
        sheets = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True)).iter(
            f"{{{_MAIN}}}sheet"
        )
        return {
            sheet.get("name", ""): targets[sheet.get(f"{{{_RELATIONSHIPS}}}id", "")][1]
            for sheet in sheets
            if sheet.get(f"{{{_RELATIONSHIPS}}}id", "") in targets
        }
    except etree.XMLSyntaxError:
        return {}


def _sizes(path: Path) -> Iterator[SheetSize]:
    for title, part in sheet_parts(path).items():
        data = read_part(path, part)
        if data is None:
            continue
        found = _DIMENSION.search(data, 0, 65536)
        corner, declared = None, 0
        if found:
            first_column, first_row, last_column, last_row = found.groups()
            last_column, last_row = last_column or first_column, last_row or first_row
            rows = int(last_row) - int(first_row) + 1
            columns = _column_number(last_column) - _column_number(first_column) + 1
            corner, declared = f"{last_column.decode()}{int(last_row)}", max(rows, 0) * max(columns, 0)
        yield SheetSize(title, corner, declared, count_elements(data, _MAIN, "c"))


def sheet_sizes(path: Path) -> list[SheetSize]:
    """Each sheet's declared range and stored cells, in workbook order (call ``check_expansion`` first)."""
    return list(_sizes(path))


def uncached_formulas(path: Path, title: str) -> set[str]:
    """The cells of sheet ``title`` that hold a formula without a stored result (``A3``, ``F12`` …).

    >>> sorted(_uncached(b'<c r="F3"><f>IF(1,"R")</f></c><c r="G3"><f>1</f><v>1</v></c><c r="H3"><f>1</f><v/></c>'))
    ['F3', 'H3']
    """
    part = sheet_parts(path).get(title)
    data = read_part(path, part) if part else None
    return _uncached(data) if data else set()


def _uncached(data: bytes) -> set[str]:
    found = set()
    for formula in _FORMULA.finditer(data):
        prefix = formula.group(1)
        start = data.rfind(b"<" + prefix + b"c ", 0, formula.start())
        end = data.find(b"</" + prefix + b"c>", formula.end())
        if start < 0 or end < 0:
            continue
        cell = data[start:end]
        value = re.search(rb"<" + re.escape(prefix) + rb"v>([^<]*)</" + re.escape(prefix) + rb"v>", cell)
        reference = _REFERENCE.search(cell)
        if (value is None or not value.group(1).strip()) and reference:
            found.add(reference.group(1).decode())
    return found
