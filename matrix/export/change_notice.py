"""One change notice per department: only what the revision changed for it.

After a plan is revised, re-sending every department its full task notice
buries the two lines that matter. A change notice lists the measures the
department gained, no longer carries, or now carries in another role, and
the measures it keeps whose wording, targets or deadline were revised.

What it says comes from :mod:`matrix.export.notice`, like the task notice's;
the page is the one the task notices use (:mod:`matrix.export.official`,
GB/T 9704), and file names are made unique as theirs are
(:func:`~matrix.export.filenames.unique_filenames`), so two departments whose
names come out alike in a file name do not overwrite each other's notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.shared import Mm

from ..diff import PlanDiff
from .filenames import path_inside, unique_filenames
from .notice import CHANGE_HEADER, ChangeNotice, build_change_notice
from .official import (
    BODY,
    PLAIN,
    add_paragraph,
    add_signature,
    add_table,
    add_title,
    official_template,
    open_document,
    save_document,
)

__all__ = ["CHANGE_NOTICE_PREFIX", "ChangeNotices", "change_notice_names", "write_change_notices"]

CHANGE_NOTICE_PREFIX = "变更通知-"
#: 156 mm, the type area between the GB/T 9704 margins, the measure widest.
_WIDTHS = (Mm(14), Mm(16), Mm(50), Mm(28), Mm(24), Mm(24))


@dataclass(frozen=True)
class ChangeNotices:
    """The notices written, one per affected department, in department order."""

    written: tuple[Path, ...]
    departments: tuple[str, ...]


def change_notice_names(departments: Sequence[str]) -> list[str]:
    """The file names of the departments' change notices, one each; a name can only pick the file, never the folder.

    >>> change_notice_names(["县委党校/行政学校", "县委党校_行政学校"])
    ['变更通知-县委党校_行政学校.docx', '变更通知-县委党校_行政学校-2.docx']
    """
    return unique_filenames(departments, CHANGE_NOTICE_PREFIX, ".docx")


def _render(template: bytes, notice: ChangeNotice, plan_title: str) -> DocumentObject:
    document = open_document(template)
    add_title(document, notice.title)
    add_paragraph(document)
    add_paragraph(document, notice.addressee, PLAIN)
    add_paragraph(document, notice.opening, BODY)
    add_table(document, CHANGE_HEADER, notice.rows, _WIDTHS)
    add_signature(document, notice.signature, notice.date)
    document.core_properties.title = f"任务分工调整通知（{notice.department}）"
    document.core_properties.subject = plan_title
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
        Where the notices go, one file per department (see :func:`change_notice_names`).
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
    for department, name in zip(departments, change_notice_names(departments), strict=True):
        path = path_inside(folder, name)
        notice = build_change_notice(diff, department, office=office, date=day)
        written.append(save_document(_render(template, notice, diff.new_title), path))
    return ChangeNotices(tuple(written), departments)
