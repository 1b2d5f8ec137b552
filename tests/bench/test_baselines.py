"""The baselines write what the project writes, so a ratio against them is what the project's own code costs."""

from __future__ import annotations

from copy import copy
from pathlib import Path

import openpyxl

from bench.baselines import dump_openpyxl_styled, workbook_sheets
from matrix.audit import audit_plan
from matrix.export.excel import write_workbook
from matrix.graph import build_graph
from matrix.readers.yaml import read_yaml

from ..conftest import INPUT


def _look(cell) -> tuple:
    styles = (cell.font, cell.fill, cell.border, cell.alignment)
    return (cell.value, *(copy(style) for style in styles), cell.number_format)


def _looks(path: Path) -> dict[str, dict]:
    """Per sheet: each cell's value and styles, and what is set on the sheet, as openpyxl reads them back."""
    sheets = {}
    for sheet in openpyxl.load_workbook(path).worksheets:
        sheets[sheet.title] = {
            "cells": {
                where: _look(cell) for where, cell in sheet._cells.items() if cell.value is not None or cell.has_style
            },
            "widths": {letter: d.width for letter, d in sheet.column_dimensions.items()},
            "rows": {row: (d.height, d.outline_level) for row, d in sheet.row_dimensions.items()},
            "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
            "frozen": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "rules": [(str(f.sqref), [r.dxf for r in f.rules]) for f in sheet.conditional_formatting],
            "dropdowns": [(str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation],
            "print": (sheet.print_title_rows, sheet.print_title_cols, sheet.page_setup.orientation),
            "footer": sheet.oddFooter.center.text,
        }
    return sheets


def test_the_styled_baseline_writes_the_workbook_the_project_writes(tmp_path: Path) -> None:
    plan = read_yaml(INPUT / "wutai.yaml")
    graph = build_graph(plan)
    ours = write_workbook(plan, graph, tmp_path / "ours.xlsx", findings=audit_plan(plan, graph), write_only=True)
    dump_openpyxl_styled(workbook_sheets(ours), tmp_path / "baseline.xlsx")
    expected, written = _looks(ours), _looks(tmp_path / "baseline.xlsx")
    assert list(written) == list(expected) == ["说明", "RACI矩阵", "任务分工表", "部门工作量", "审计问题"]
    for name, sheet in expected.items():
        assert written[name] == sheet, name
    matrix = expected["RACI矩阵"]
    assert len(matrix["cells"]) > 500 and matrix["rules"] and matrix["dropdowns"]
