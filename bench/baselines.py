"""The floors: the same content written with the bare libraries and nothing else.

A ratio against a floor says how much our own code adds on top of the
library it uses, which a raw time cannot: a workbook that takes 20 s is fine
if openpyxl alone needs 18 s for the same cells, and slow if it needs 2 s.

- :func:`matrix_grid` is the RACI grid as strings (a header row, then per
  measure its id, title and one cell per department), the content of the
  workbook's matrix sheet without styles, validation or the other sheets.
- :func:`dump_openpyxl` writes it with openpyxl in write-only mode, the
  fastest path openpyxl has, so the floor for the library we chose.
- :func:`dump_openpyxl_bordered` writes the same grid with every cell,
  empty ones included, bordered and centred as the matrix sheet is: the
  floor for the matrix as designed, so a ratio against it is what our own
  code adds, and the gap between the two floors is what the design costs.
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

import docx
import networkx as nx
import openpyxl
import xlsxwriter
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Side

from matrix.graph import department_nodes, measure_nodes

__all__ = [
    "Block",
    "docx_blocks",
    "dump_openpyxl",
    "dump_openpyxl_bordered",
    "dump_xlsxwriter",
    "matrix_grid",
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


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def dump_openpyxl_bordered(grid: Grid, path: str | Path) -> None:
    """Write ``grid`` with openpyxl's write-only workbook, every cell bordered and centred."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("RACI矩阵")
    for row in grid:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value)
            cell.border = _BORDER
            cell.alignment = _CENTRED
            cells.append(cell)
        sheet.append(cells)
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
