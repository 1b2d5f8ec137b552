"""What a department reports back, as plain values shared by the form reader, the store and the ledger.

A :class:`Report` is one row of a returned 进展反馈表: one measure, one
department, one period. A :class:`Submission` is one returned sheet: the
department's reports with where they came from, so that the store can say
when a file was collected before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "COMPLETE",
    "LAGGING",
    "NOT_STARTED",
    "ONGOING_STATUS",
    "STATUSES",
    "Filed",
    "Report",
    "Submission",
]

#: The 完成状态 a department may choose, in the order the dropdown offers them.
STATUSES: tuple[str, ...] = ("未启动", "推进中", "已完成", "滞后", "长期推进")
COMPLETE = "已完成"
NOT_STARTED = "未启动"
LAGGING = "滞后"
ONGOING_STATUS = "长期推进"


@dataclass(frozen=True)
class Report:
    """One department's word on one measure for one period.

    ``percent`` is a share from 0 to 1 (the sheet shows it as a percentage),
    ``None`` when left empty; ``cell`` is where the row stood in the returned
    sheet (``进展反馈表!A5``), for messages about it later.
    """

    period: str
    department: str
    measure: str
    status: str
    percent: float | None = None
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    person: str = ""
    phone: str = ""
    reported_on: dt.date | None = None
    cell: str = ""

    def same_progress(self, other: Report) -> bool:
        """Whether ``other`` says nothing new: the same status, share and progress text."""
        return (self.status, self.percent, self.progress.strip()) == (
            other.status,
            other.percent,
            other.progress.strip(),
        )


@dataclass(frozen=True)
class Submission:
    """One returned sheet: who sent it, the file, its fingerprints, and the rows filled in.

    ``file_digest`` is the SHA-256 of the file's bytes: the very same file
    sent again for another period is refused. ``form_digest`` fingerprints
    the locked part the form was generated with (plan, department, measures).
    ``blank`` lists the measures whose rows were left empty.
    """

    period: str
    department: str
    path: str
    file_digest: str
    form_digest: str
    reports: tuple[Report, ...] = ()
    blank: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filed:
    """A stored sheet: which department's, for which period, from which file, and when."""

    period: str
    department: str
    file: str
    file_digest: str
    collected_at: str

    def collected_twice(self) -> str:
        """The refusal of this same file sent again for another period."""
        return (
            f"同一文件已作为 {self.period} 期 {self.department} 的反馈收录过（{self.file}，{self.collected_at}）；"
            "每期请报送新填写的反馈表 (sheet collected twice)"
        )
