"""One change notice per department: only what the revision changed for it.

After a plan is revised, re-sending every department its full task notice
buries the two lines that matter. A change notice lists the measures the
department gained, no longer carries, or now carries in another role, and
the measures it keeps whose wording, targets or deadline were revised.

The layout follows the main parts of GB/T 9704 (page margins, 小标宋 title,
仿宋 body at 三号, 落款 and date at the right) with plain python-docx.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.run import Run

from ..diff import PlanDiff
from .atomic import atomic_path
from .changes import role_change_label, role_words

__all__ = ["ChangeNotices", "change_notice_name", "write_change_notices"]

_TITLE_FONT = "方正小标宋简体"
_BODY_FONT = "仿宋_GB2312"
_HEADING_FONT = "黑体"
_BODY_SIZE = Pt(16)  # 三号
_TABLE_SIZE = Pt(12)  # 小四
#: The change table's columns and widths: 156 mm, the type area between the GB/T 9704 margins.
_COLUMNS = (
    ("序号", Mm(14)),
    ("编号", Mm(16)),
    ("措施", Mm(50)),
    ("调整", Mm(28)),
    ("原角色", Mm(24)),
    ("现角色", Mm(24)),
)
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class ChangeNotices:
    """The notices written, one per affected department, in department order."""

    written: tuple[Path, ...]
    departments: tuple[str, ...]


def change_notice_name(department: str) -> str:
    """The file name of a department's change notice, safe on Windows."""
    return f"变更通知-{_UNSAFE.sub('_', department)}.docx"


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _font(run: Run, name: str, size: Pt, *, bold: bool = False) -> Run:
    """Set Latin and East Asian fonts alike: Word falls back to SimSun for CJK otherwise."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    return run


def _paragraph(document, text: str, font: str = _BODY_FONT, *, align=None, indent: bool = False, bold=False):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28)
    paragraph.paragraph_format.space_after = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, _BODY_SIZE, bold=bold)
    return paragraph


def _table(document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=1, cols=len(_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # Word reads the cell widths, LibreOffice and WPS the grid's column widths: set both.
    for column, (_, width) in zip(table.columns, _COLUMNS, strict=True):
        column.width = width
    for cell, (text, width) in zip(table.rows[0].cells, _COLUMNS, strict=True):
        cell.width = width
        _font(cell.paragraphs[0].add_run(text), _HEADING_FONT, _TABLE_SIZE)
    for row in rows:
        cells = table.add_row().cells
        for cell, text, (_, width) in zip(cells, row, _COLUMNS, strict=True):
            cell.width = width
            _font(cell.paragraphs[0].add_run(text), _BODY_FONT, _TABLE_SIZE)


def _notice(diff: PlanDiff, department: str, office: str, day: dt.date):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    title = _paragraph(document, f"关于《{diff.new_title}》任务分工调整的通知", _TITLE_FONT)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.size = Pt(22)  # 二号
    _paragraph(document, "")
    _paragraph(document, f"{department}：")
    _paragraph(
        document,
        f"《{diff.new_title}》已修订。与修订前相比，贵单位承担的任务有以下调整，"
        "请对照调整后的分工做好衔接，抓好落实。未列出的任务保持不变。",
        indent=True,
    )
    rows = [
        (str(i), c.measure, c.title, role_change_label(c), role_words(c.old_role), role_words(c.new_role))
        for i, c in enumerate(diff.for_department(department), start=1)
    ]
    _table(document, rows)
    _paragraph(document, "")
    if office:
        _paragraph(document, office, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, _chinese_date(day), align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.core_properties.title = f"任务分工调整通知（{department}）"
    document.core_properties.subject = diff.new_title
    return document


def write_change_notices(
    diff: PlanDiff, folder: str | Path, *, office: str = "", date: dt.date | None = None
) -> ChangeNotices:
    """Write a change notice for each department the revision concerns.

    Parameters
    ----------
    diff
        From :func:`matrix.diff.diff_plans`.
    folder
        Where the notices go, one file per department (see :func:`change_notice_name`).
    office
        Who signs the notices (落款), usually the new plan's leading-group office.
    date
        The date under the signature; today when omitted.

    Returns
    -------
    ChangeNotices
        The files written and the departments they are for. Nothing is
        written when the revision changes nobody's tasks.

    Raises
    ------
    OutputError
        When a notice cannot be written.
    """
    day = date or dt.date.today()
    folder = Path(folder)
    written = []
    departments = diff.affected_departments()
    for department in departments:
        path = folder / change_notice_name(department)
        with atomic_path(path) as temporary:
            _notice(diff, department, office, day).save(str(temporary))
        written.append(path)
    return ChangeNotices(tuple(written), departments)
