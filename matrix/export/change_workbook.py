"""A plan diff as an Excel workbook that an office can filter, sort and print.

One flat 变更 sheet, one row per change, so that Excel's filter answers both
"what changed in the plan" (类型 = 措施) and "what changed for 县科协"
(单位 = 县科协) without a second layout to learn. A 概况 sheet names the two
versions and counts the changes.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ..diff import PlanDiff
from ..raci import labelled
from . import excel_style as style
from .atomic import atomic_path
from .changes import CHANGE_LABELS, diff_to_data, measure_change_note, role_change_label
from .excel_style import plain_cell

__all__ = ["CHANGE_COLUMNS", "CHANGE_SHEET", "PAGE_UNITS", "SUMMARY_SHEET", "write_diff_workbook"]

CHANGE_SHEET = "变更"
#: Column headers of the 变更 sheet, with their widths in characters.
CHANGE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("类型", 6),
    ("编号", 10),
    ("措施", 30),
    ("单位", 18),
    ("变更", 14),
    ("原角色", 14),
    ("新角色", 14),
    ("说明", 30),
)
#: A landscape A4 page holds about this many width units at full size: the columns add up to
#: no more, so the sheet prints at 100 % instead of being shrunk to fit.
PAGE_UNITS = 140
_SUMMARY_LABELS = {
    "added": "新增措施",
    "removed": "删除措施",
    "reworded": "措施表述修改",
    "moved": "措施编号或章节调整",
    "role_changes": "单位角色变更（处）",
    "departments": "涉及单位（发变更通知）",
}
SUMMARY_SHEET = "概况"


def _change_rows(diff: PlanDiff) -> list[tuple[str, ...]]:
    """Measure changes first, in plan order, then role changes grouped by department."""
    notes = {c.id: CHANGE_LABELS[c.kind] + "措施" for c in diff.measures}
    rows = [("措施", c.id, c.title, "", CHANGE_LABELS[c.kind], "", "", measure_change_note(c)) for c in diff.measures]
    for department in diff.affected_departments():
        for r in diff.for_department(department):
            rows.append(
                (
                    "分工",
                    r.measure,
                    r.title,
                    r.department,
                    role_change_label(r),
                    labelled(r.old_role),
                    labelled(r.new_role),
                    notes.get(r.measure, ""),
                )
            )
    return rows


def _table(sheet, header: list[str], rows: list[tuple], widths: list[int]) -> None:
    """A bordered table in the workbook's font, header shaded and frozen, long text wrapped, texts as text."""
    sheet.append(header)
    for row in rows:
        sheet.append([plain_cell(sheet, value) for value in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border, cell.alignment = style.HEADER, style.HEADER_FILL, style.BORDER, style.CENTRED
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            numeric = isinstance(cell.value, int)
            cell.font, cell.border = style.BODY, style.BORDER
            cell.alignment = style.CENTRED if numeric else style.WRAPPED
    sheet.freeze_panes = "A2"


def write_diff_workbook(diff: PlanDiff, path: str | Path) -> Path:
    """Write ``diff`` to an .xlsx at ``path`` (atomically) and return the path.

    Raises
    ------
    OutputError
        When the file cannot be written or is open in Excel or WPS.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = CHANGE_SHEET
    _table(sheet, [name for name, _ in CHANGE_COLUMNS], _change_rows(diff), [width for _, width in CHANGE_COLUMNS])
    sheet.auto_filter.ref = sheet.dimensions
    style.setup_page(sheet, landscape=True)

    summary = workbook.create_sheet(SUMMARY_SHEET)
    rows = [("原方案", diff.old_title), ("新方案", diff.new_title)]
    rows += [(_SUMMARY_LABELS[key], count) for key, count in diff_to_data(diff)["summary"].items()]
    _table(summary, ["项目", "内容"], rows, [24, 60])
    # labels and values on one page, not the labels on one and the values on the next
    style.setup_page(summary, landscape=False)

    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return Path(path)
