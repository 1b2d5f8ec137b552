"""The floors: the same content written with the bare libraries and nothing else.

A ratio against a floor says how much our own code adds on top of the
library it uses, which a raw time cannot: a workbook that takes 20 s is fine
if openpyxl alone needs 18 s for the same cells, and slow if it needs 2 s.

- :func:`matrix_grid` is the RACI grid as strings (a header row, then per
  measure its id, title and one cell per department), the content of the
  workbook's matrix sheet without styles, validation or the other sheets.
- :func:`dump_openpyxl` writes it with openpyxl in write-only mode, the
  fastest path openpyxl has, so the floor for the library we chose.
- :func:`workbook_sheets` reads a workbook the project wrote back, and
  :func:`dump_openpyxl_styled` writes the same sheets again with openpyxl's
  write-only mode in the plainest code that gives the same workbook: every
  cell with its value and, where it has one, its font, fill, border,
  alignment and number format set on a ``WriteOnlyCell``; column widths, row
  heights and outline levels, merged cells, frozen panes, filters,
  conditional formats, dropdowns and print settings copied. Only the
  workload chart is left out (openpyxl does not read charts back; it is one
  drawing, whatever the size). The floor for the workbook as designed: a
  ratio against it is what our own code adds, and the gap between it and
  the plain dump is what the styles and the other sheets cost.
- :func:`dump_xlsxwriter` writes it with XlsxWriter in ``constant_memory``
  mode, for reference: what another library would cost.
- :func:`docx_blocks` reads the paragraphs and tables of one of our notices
  back, and :func:`write_docx_bare` writes the same texts into a fresh
  python-docx ``Document()``, without styles or layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import networkx as nx
import openpyxl
import xlsxwriter
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from matrix.graph import department_nodes, measure_nodes

__all__ = [
    "Block",
    "Sheet",
    "StyledCell",
    "docx_blocks",
    "dump_openpyxl",
    "dump_openpyxl_styled",
    "dump_xlsxwriter",
    "matrix_grid",
    "workbook_sheets",
    "write_docx_bare",
]

Grid = list[list[str | None]]


def matrix_grid(graph: nx.Graph) -> Grid:
    """The RACI grid of ``graph`` as rows of strings, ``None`` for an empty cell."""
    departments = department_nodes(graph)
    rows: Grid = [["编号", "措施", *departments]]
    for measure in measure_nodes(graph):
        roles = {d: data["role"] for d, data in graph[measure].items()}
        rows.append([measure, graph.nodes[measure]["title"], *(roles.get(d) for d in departments)])
    return rows


def dump_openpyxl(grid: Grid, path: str | Path) -> None:
    """Write ``grid`` to one sheet with openpyxl's write-only workbook."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("RACI矩阵")
    for row in grid:
        sheet.append(row)
    workbook.save(path)


@dataclass(frozen=True)
class StyledCell:
    """A cell's value and the styles it sets; ``None`` where it keeps the workbook's default."""

    value: Any
    font: Font | None = None
    fill: PatternFill | None = None
    border: Border | None = None
    alignment: Alignment | None = None
    number_format: str | None = None

    @property
    def plain(self) -> bool:
        return (self.font, self.fill, self.border, self.alignment, self.number_format) == (None,) * 5


#: Sheet settings copied as they are: (object attribute, its attributes).
_SETTINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("page_setup", ("orientation", "paperSize", "fitToWidth", "fitToHeight")),
    ("page_margins", ("left", "right", "top", "bottom", "header", "footer")),
    ("print_options", ("horizontalCentered",)),
    ("sheet_properties", ("outlinePr", "pageSetUpPr")),
)


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook as read back: its cells by row, and what is set on the sheet."""

    title: str
    #: Per row, its (column, cell) pairs in column order; rows without cells are empty lists.
    rows: list[list[tuple[int, StyledCell]]]
    widths: dict[str, float]
    column_alignments: dict[str, Alignment]
    heights: dict[int, float]
    outline: dict[int, int]
    merged: tuple[str, ...]
    freeze: str | None
    auto_filter: str | None
    conditional: tuple[tuple[str, Any], ...]
    validations: tuple[DataValidation, ...]
    print_rows: str | None
    print_columns: str | None
    footer: tuple[str | None, str | None, float | None]
    settings: dict[str, dict[str, Any]]


def _styled(cell) -> StyledCell:
    """The cell's value and its styles, each one object per distinct style, as named constants would be."""
    ids, workbook = cell._style, cell.parent.parent
    return StyledCell(
        cell.value,
        font=workbook._fonts[ids.fontId] if ids.fontId else None,
        fill=workbook._fills[ids.fillId] if ids.fillId else None,
        border=workbook._borders[ids.borderId] if ids.borderId else None,
        alignment=workbook._alignments[ids.alignmentId] if ids.alignmentId else None,
        number_format=cell.number_format if ids.numFmtId else None,
    )


def _sheet(worksheet: Worksheet) -> Sheet:
    rows: list[list[tuple[int, StyledCell]]] = [[] for _ in range(worksheet.max_row)]
    # The cells the file holds, without creating the empty ones (iter_rows would, for the whole grid).
    for (row, column), cell in sorted(worksheet._cells.items()):
        if cell.value is not None or cell.has_style:
            rows[row - 1].append((column, _styled(cell)))
    dimensions = worksheet.row_dimensions
    footer = worksheet.oddFooter.center
    return Sheet(
        title=worksheet.title,
        rows=rows,
        widths={letter: d.width for letter, d in worksheet.column_dimensions.items() if d.customWidth},
        column_alignments={
            letter: worksheet.parent._alignments[d._style.alignmentId]
            for letter, d in worksheet.column_dimensions.items()
            if d._style is not None and d._style.alignmentId
        },
        heights={row: d.height for row, d in dimensions.items() if d.height is not None},
        outline={row: d.outline_level for row, d in dimensions.items() if d.outline_level},
        merged=tuple(str(r) for r in worksheet.merged_cells.ranges),
        freeze=worksheet.freeze_panes,
        auto_filter=worksheet.auto_filter.ref,
        conditional=tuple((str(cf.sqref), rule) for cf in worksheet.conditional_formatting for rule in cf.rules),
        validations=tuple(worksheet.data_validations.dataValidation),
        print_rows=worksheet.print_title_rows,
        print_columns=worksheet.print_title_cols,
        footer=(footer.text, footer.font, footer.size),
        settings={name: {key: getattr(getattr(worksheet, name), key) for key in keys} for name, keys in _SETTINGS},
    )


def workbook_sheets(path: str | Path) -> list[Sheet]:
    """Every sheet of the workbook at ``path``, as :func:`dump_openpyxl_styled` writes it again."""
    workbook = openpyxl.load_workbook(path)
    return [_sheet(worksheet) for worksheet in workbook.worksheets]


def _set_up(worksheet, sheet: Sheet) -> None:
    """Everything set on the sheet rather than its cells, set before the first row as write-only mode needs."""
    for letter, width in sheet.widths.items():
        worksheet.column_dimensions[letter].width = width
    for letter, alignment in sheet.column_alignments.items():
        worksheet.column_dimensions[letter].alignment = alignment
    for cells in sheet.merged:
        worksheet.merged_cells.add(cells)
    worksheet.freeze_panes = sheet.freeze
    worksheet.auto_filter.ref = sheet.auto_filter
    for cells, rule in sheet.conditional:
        worksheet.conditional_formatting.add(cells, rule)
    for validation in sheet.validations:
        worksheet.data_validations.append(validation)
    for name, values in sheet.settings.items():
        for key, value in values.items():
            setattr(getattr(worksheet, name), key, value)
    if sheet.print_rows:
        worksheet.print_title_rows = sheet.print_rows
    if sheet.print_columns:
        worksheet.print_title_cols = sheet.print_columns
    footer = worksheet.oddFooter.center
    footer.text, footer.font, footer.size = sheet.footer


def _cell(worksheet, cell: StyledCell):
    if cell.plain:
        return cell.value
    written = WriteOnlyCell(worksheet, cell.value)
    if cell.font is not None:
        written.font = cell.font
    if cell.fill is not None:
        written.fill = cell.fill
    if cell.border is not None:
        written.border = cell.border
    if cell.alignment is not None:
        written.alignment = cell.alignment
    if cell.number_format is not None:
        written.number_format = cell.number_format
    return written


def dump_openpyxl_styled(sheets: Sequence[Sheet], path: str | Path) -> None:
    """Write ``sheets`` with openpyxl's write-only workbook: each cell with its own styles."""
    workbook = openpyxl.Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        _set_up(worksheet, sheet)
        for number, cells in enumerate(sheet.rows, start=1):
            if number in sheet.heights or number in sheet.outline:
                dimension = worksheet.row_dimensions[number]
                dimension.height = sheet.heights.get(number)
                dimension.outline_level = sheet.outline.get(number, 0)
            row: list[Any] = [None] * (cells[-1][0] if cells else 0)
            for column, cell in cells:
                row[column - 1] = _cell(worksheet, cell)
            worksheet.append(row)
    workbook.save(path)


def dump_xlsxwriter(grid: Grid, path: str | Path) -> None:
    """Write ``grid`` to one sheet with XlsxWriter, rows flushed as written (``constant_memory``)."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("RACI矩阵")
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write_string(r, c, value)
    workbook.close()


@dataclass(frozen=True)
class Block:
    """One body element of a document: a paragraph's text, or a table's cell texts by row."""

    text: str | None = None
    rows: tuple[tuple[str, ...], ...] | None = None


def docx_blocks(path: str | Path) -> list[Block]:
    """The paragraphs and tables of the .docx at ``path``, in body order, as plain text."""
    document = docx.Document(str(path))
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            blocks.append(Block(rows=tuple(tuple(c.text for c in row.cells) for row in item.rows)))
        else:
            blocks.append(Block(text=item.text))
    return blocks


def write_docx_bare(blocks: Sequence[Block], path: str | Path) -> None:
    """Write ``blocks`` into a fresh ``Document()`` and save it to ``path``.

    Tables are grown row by row with ``add_row().cells``, the public API's
    linear path (``Table.cell`` rebuilds the whole grid on every call).
    """
    document = docx.Document()
    for block in blocks:
        if block.rows is None:
            document.add_paragraph(block.text)
            continue
        width = max((len(row) for row in block.rows), default=1)
        table = document.add_table(rows=0, cols=width)
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row, strict=False):
                cell.text = text
    document.save(str(path))
