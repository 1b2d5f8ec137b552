"""The 进展反馈表 each lead department fills in and returns, one workbook per department.

The part the office wrote (measure, title, role, partners, deadline) is
locked by sheet protection, without a password: protection guards against a
slip of the hand, and the reader of returned forms checks those cells anyway.
The columns the department fills in are unlocked, with dropdowns and checks
that Excel and WPS apply while typing. Nothing prevents opening the file:
offices mail it around and open it in whatever they have.

A hidden 表单信息 sheet records the plan, the department and a fingerprint of
the locked part (:mod:`matrix.track.form_layout`), which is how a returned
sheet is recognised as this plan's, this department's, and current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..export import excel_style as style
from ..export.atomic import atomic_path
from ..export.excel_style import styled_cell
from ..export.filenames import path_inside, unique_filenames
from ..model import Plan
from .form_layout import (
    DATE_COLUMN,
    FILLED_HEADER,
    FIRST_ROW,
    FIXED_HEADER,
    FORM_PREFIX,
    FORM_SHEET,
    FORM_VERSION,
    HEADER,
    HEADER_ROW,
    INFO_KEYS,
    INFO_SHEET,
    PERCENT_COLUMN,
    STATUS_COLUMN,
    TITLE_ROW,
    UNIT_ROW,
    FormRow,
    form_digest,
    form_rows,
    form_rows_by_department,
    lead_departments,
    plan_key,
)
from .records import STATUSES

__all__ = ["FormRun", "form_files", "save_form", "write_form", "write_forms"]

#: Column widths in characters; 157 in all, which A4 landscape prints at about 90 %.
_WIDTHS = (7, 18, 15, 22, 11, 26, 9, 7, 16, 16, 7, 12, 11)
_MIN_ROW_HEIGHT = 32
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
#: Header fill by whether the column is part of the locked, office-written part.
_HEADER_FILLS = {True: style.HEADER_FILL, False: PatternFill("solid", fgColor="FFF2CC")}
_TITLE_FONT = Font(name=style.FONT_NAME, size=14, bold=True)
_UNIT_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
#: Number formats of the columns filled in: a share as a percentage, a date, a telephone number as text.
_FORMATS = {
    PERCENT_COLUMN: "0%",
    DATE_COLUMN: "yyyy-mm-dd",
    len(FIXED_HEADER) + 1 + FILLED_HEADER.index("联系电话"): "@",
}
_UNLOCKED = Protection(locked=False)
_LAST_COLUMN = get_column_letter(len(HEADER))
_NOTE = (
    "灰底各列为方案内容，已锁定，请勿改动；白底各列由本单位填写：完成状态从下拉列表中选择，"
    "完成比例填百分数，报送日期填日期（如 2026-11-30）。请勿增删行或改动表格结构，填好后原文件报送。"
)


@dataclass(frozen=True)
class FormRun:
    """The forms written, one per lead department, in plan order."""

    written: tuple[Path, ...]
    departments: tuple[str, ...]


#: What each checked column accepts: (column, DataValidation arguments, the refusal, the prompt).
_CHECKS = (
    (
        STATUS_COLUMN,
        {"type": "list", "formula1": f'"{",".join(STATUSES)}"'},
        f"请从下拉列表中选择：{'、'.join(STATUSES)}",
        "从下拉列表中选择",
    ),
    (
        PERCENT_COLUMN,
        {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "1"},
        "请填 0% 到 100% 之间的百分数",
        "填百分数，如 60%",
    ),
    (
        DATE_COLUMN,
        {"type": "date", "operator": "between", "formula1": "DATE(2000,1,1)", "formula2": "DATE(2100,12,31)"},
        "请填日期，如 2026-11-30",
        "填日期，如 2026-11-30",
    ),
)


def _validations(sheet: Worksheet, last_row: int) -> None:
    """Dropdown for 完成状态, a share for 完成比例, a date for 报送日期; each with a prompt and a refusal."""
    for index, rule, error, prompt in _CHECKS:
        title = HEADER[index - 1]
        validation = DataValidation(
            **rule,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=title,
            error=error,
            promptTitle=title,
            prompt=prompt,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_ROW}:{letter}{max(last_row, FIRST_ROW)}")
        sheet.add_data_validation(validation)


def _locked(sheet: Worksheet, row: FormRow) -> list[Cell]:
    return [
        styled_cell(sheet, value, fill=_LOCKED_FILL, alignment=style.CENTRED if index in (1, 3) else style.WRAPPED)
        for index, value in enumerate(row.cells(), start=1)
    ]


def _open_cells(sheet: Worksheet) -> list[Cell]:
    """The empty cells a department fills in: unlocked, with the format each column takes."""
    cells = []
    for index in range(len(FIXED_HEADER) + 1, len(HEADER) + 1):
        centred = index in (STATUS_COLUMN, PERCENT_COLUMN, DATE_COLUMN)
        cells.append(
            styled_cell(
                sheet,
                alignment=style.CENTRED if centred else style.WRAPPED,
                number_format=_FORMATS.get(index),
                protection=_UNLOCKED,
            )
        )
    return cells


def _write_sheet(sheet: Worksheet, title: str, department: str, rows: Sequence[FormRow]) -> None:
    sheet.title = FORM_SHEET
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(
        [styled_cell(sheet, f"《{title}》落实进展反馈表", font=_TITLE_FONT, alignment=style.CENTRED, border=False)]
    )
    unit = f"填报单位：{department}　　牵头任务 {len(rows)} 项。{_NOTE}"
    sheet.append([styled_cell(sheet, unit, alignment=_UNIT_ALIGNMENT, border=False)])
    sheet.append(
        [
            styled_cell(
                sheet, name, font=style.HEADER, alignment=style.CENTRED, fill=_HEADER_FILLS[index <= len(FIXED_HEADER)]
            )
            for index, name in enumerate(HEADER, start=1)
        ]
    )
    for number, row in enumerate(rows, start=FIRST_ROW):
        sheet.append(_locked(sheet, row) + _open_cells(sheet))
        # Room for two lines of writing at least; a department may make a row taller still.
        height = style.text_height(zip(row.cells(), _WIDTHS, strict=False))
        sheet.row_dimensions[number].height = max(height or 0, _MIN_ROW_HEIGHT)
    for number, height in ((TITLE_ROW, 36), (UNIT_ROW, 30)):
        sheet.merge_cells(f"A{number}:{_LAST_COLUMN}{number}")
        sheet.row_dimensions[number].height = height
    last_row = FIRST_ROW + len(rows) - 1
    _validations(sheet, last_row)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    style.setup_page(sheet, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.print_area = f"A{TITLE_ROW}:{_LAST_COLUMN}{max(last_row, HEADER_ROW)}"
    # Rows may be made taller and columns wider to read long text; nothing else changes the structure.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False


def _write_info(sheet: Worksheet, values: Sequence[object]) -> None:
    for number, (key, value) in enumerate(zip(INFO_KEYS, values, strict=True), start=1):
        sheet.cell(number, 1, key)
        sheet.cell(number, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def save_form(key: str, department: str, rows: Sequence[FormRow], path: str | Path, today: dt.date | None) -> Path:
    """Write a form of ``rows`` (:func:`~matrix.track.form_layout.form_rows`) for the plan ``key`` to ``path``."""
    workbook = Workbook()
    _write_sheet(workbook.active, key, department, rows)
    digest = form_digest(key, department, (r.cells() for r in rows))
    when = (today or dt.date.today()).isoformat()
    _write_info(workbook.create_sheet(INFO_SHEET), (FORM_VERSION, key, department, digest, when))
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.title = f"{department}进展反馈表"
    workbook.properties.subject = key
    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return Path(path)


def write_form(plan: Plan, graph: nx.Graph, department: str, path: str | Path, *, today: dt.date | None = None) -> Path:
    """Write ``department``'s 进展反馈表 to ``path``.

    Raises
    ------
    OutputError
        When the file cannot be written.
    """
    return save_form(plan_key(plan), department, form_rows(plan, graph, department), path, today)


def form_files(plan: Plan, graph: nx.Graph) -> list[tuple[str, str]]:
    """Each department :func:`write_forms` writes a form for, with the file name it gives, in plan order."""
    departments = lead_departments(plan, graph)
    return list(zip(departments, unique_filenames(departments, FORM_PREFIX, ".xlsx"), strict=True))


def write_forms(plan: Plan, graph: nx.Graph, outdir: str | Path, *, today: dt.date | None = None) -> FormRun:
    """Write one 进展反馈表 per lead department into ``outdir`` (:func:`~matrix.track.form_layout.form_filename`).

    Parameters
    ----------
    plan, graph
        The plan with names resolved, and its graph.
    outdir
        Created when missing.
    today
        The generation date recorded in the form; today when omitted.

    Returns
    -------
    FormRun
        The files and the departments, in plan order.

    Raises
    ------
    OutputError
        When a file cannot be written.
    """
    key = plan_key(plan)
    forms = form_rows_by_department(plan, graph)
    names = unique_filenames(forms, FORM_PREFIX, ".xlsx")
    written = tuple(
        save_form(key, department, rows, path_inside(outdir, name), today)
        for (department, rows), name in zip(forms.items(), names, strict=True)
    )
    return FormRun(written, tuple(forms))
