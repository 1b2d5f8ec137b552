"""One change notice per department: only what the revision changed for it.

After a plan is revised, re-sending every department its full task notice
buries the two lines that matter. A change notice lists the measures the
department gained, no longer carries, or now carries in another role, and
the measures it keeps whose wording, targets or deadline were revised.

The page is the one the task notices use (:mod:`matrix.export.official`,
GB/T 9704), and file names go through the same
:func:`~matrix.export.filenames.safe_filename`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.shared import Mm

from ..diff import PlanDiff
from ..raci import labelled
from .atomic import atomic_path
from .changes import role_change_label
from .filenames import path_inside, safe_filename
from .notice import format_date
from .official import (
    BODY,
    PLAIN,
    TITLE,
    add_paragraph,
    add_signature,
    add_table,
    official_template,
    open_document,
)

__all__ = ["ChangeNotices", "change_notice_name", "write_change_notices"]

_HEADER = ("序号", "编号", "措施", "调整", "原角色", "现角色")
#: 156 mm, the type area between the GB/T 9704 margins, the measure widest.
_WIDTHS = (Mm(14), Mm(16), Mm(50), Mm(28), Mm(24), Mm(24))


@dataclass(frozen=True)
class ChangeNotices:
    """The notices written, one per affected department, in department order."""

    written: tuple[Path, ...]
    departments: tuple[str, ...]


def change_notice_name(department: str) -> str:
    """The file name of a department's change notice; the name can only pick the file, never the folder.

    >>> change_notice_name("县委党校/行政学校")
    '变更通知-县委党校_行政学校.docx'
    """
    return f"变更通知-{safe_filename(department)}.docx"


def _notice(template: bytes, diff: PlanDiff, department: str, office: str, day: dt.date) -> DocumentObject:
    document = open_document(template)
    add_paragraph(document, f"关于《{diff.new_title}》任务分工调整的通知", TITLE)
    add_paragraph(document)
    add_paragraph(document, f"{department}：", PLAIN)
    add_paragraph(
        document,
        f"《{diff.new_title}》已修订。与修订前相比，贵单位承担的任务有以下调整，"
        "请对照调整后的分工做好衔接，抓好落实。未列出的任务保持不变。",
        BODY,
    )
    rows = [
        (str(i), c.measure, c.title, role_change_label(c), labelled(c.old_role), labelled(c.new_role))
        for i, c in enumerate(diff.for_department(department), start=1)
    ]
    add_table(document, _HEADER, rows, _WIDTHS)
    add_signature(document, office, format_date(day))
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
    written = []
    departments = diff.affected_departments()
    template = official_template() if departments else b""
    for department in departments:
        path = path_inside(folder, change_notice_name(department))
        with atomic_path(path) as temporary:
            _notice(template, diff, department, office, day).save(str(temporary))
        written.append(path)
    return ChangeNotices(tuple(written), departments)
