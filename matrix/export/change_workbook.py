"""A plan diff as an Excel workbook that an office can filter, sort and print.

One flat 变更 sheet, one row per change, so that Excel's filter answers both
"what changed in the plan" (类型 = 措施) and "what changed for 县科协"
(单位 = 县科协) without a second layout to learn. A 概况 sheet names the two
versions and counts the changes.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..diff import PlanDiff
from ..raci import labelled
from .atomic import atomic_path
from .changes import CHANGE_LABELS, diff_to_data, measure_change_note, role_change_label
from .excel_style import plain_cell

__all__ = ["CHANGE_COLUMNS", "CHANGE_SHEET", "write_diff_workbook"]

CHANGE_SHEET = "变更"
#: Column headers of the 变更 sheet, with their widths in characters.
CHANGE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("类型", 6),
    ("编号", 10),
    ("措施", 40),
    ("单位", 18),
    ("变更", 14),
    ("原角色", 14),
    ("新角色", 14),
    ("说明", 48),
)
_SUMMARY_LABELS = {
    "added": "新增措施",
    "removed": "删除措施",
    "reworded": "措施表述修改",
    "moved": "措施编号或章节调整",
    "role_changes": "单位角色变更（处）",
    "departments": "涉及单位（发变更通知）",
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


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
    sheet.append([name for name, _ in CHANGE_COLUMNS])
    for row in _change_rows(diff):
        sheet.append([plain_cell(sheet, value) for value in row])
    for index, (_, width) in enumerate(CHANGE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    summary = workbook.create_sheet("概况")
    summary.append(["原方案", diff.old_title])
    summary.append(["新方案", diff.new_title])
    for key, count in diff_to_data(diff)["summary"].items():
        summary.append([_SUMMARY_LABELS[key], count])
    summary.column_dimensions["A"].width = 22
    summary.column_dimensions["B"].width = 60
    for cell in summary["A"]:
        cell.font = Font(bold=True)

    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return Path(path)
