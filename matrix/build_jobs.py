"""The documents of a build, as jobs that workers write while this process writes the workbook.

A build writes one workbook and many documents: the 任务分解总表, the 领导分工
when measures name leaders, a notice per department and a 进展反馈表 per lead
department. Each document depends on the plan and its graph only, so they are
written side by side (:func:`matrix.export.workers.started_jobs`) with the plan
and graph shared by fork, and each job is no more than a kind, a department
and a path: the content of a notice or form is built where it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .export.word import NoticeSettings, write_leader_summary, write_notice, write_summary
from .track.form_layout import form_rows
from .track.forms import save_form

__all__ = ["FORM", "LEADERS", "NOTICE", "SUMMARY", "DocumentJob", "Documents", "paths_of", "write_document"]

#: The kinds of document a build writes.
SUMMARY, LEADERS, NOTICE, FORM = "summary", "leaders", "notice", "form"


@dataclass(frozen=True)
class DocumentJob:
    """One file to write: its kind, the department it is for (none for the tables), where it goes."""

    kind: str
    path: Path
    department: str = ""


@dataclass(frozen=True)
class Documents:
    """What every document of a build is written from, shared with the workers."""

    notices: NoticeSettings
    #: The letterhead the tables take their page and styles from.
    template: str | Path | None
    #: The plan's key, recorded in each form.
    key: str

    @property
    def date(self) -> dt.date:
        return self.notices.date


def write_document(documents: Documents, job: DocumentJob) -> Path:
    """Write the file ``job`` names (a function of the module, so that workers can be handed it)."""
    plan, graph = documents.notices.plan, documents.notices.graph
    if job.kind == NOTICE:
        return write_notice(documents.notices, (job.department, job.path))
    if job.kind == FORM:
        rows = form_rows(plan, graph, job.department)
        return save_form(documents.key, job.department, rows, job.path, documents.date)
    table = {SUMMARY: write_summary, LEADERS: write_leader_summary}[job.kind]
    return table(plan, graph, job.path, date=documents.date, template=documents.template)


def paths_of(jobs: Sequence[DocumentJob], written: Sequence[Path], kind: str) -> tuple[Path, ...]:
    """The files of one kind written, in the order of their jobs."""
    return tuple(path for job, path in zip(jobs, written, strict=True) if job.kind == kind)
