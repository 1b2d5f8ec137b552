"""What a 进展反馈表 holds and where: shared by the writer of the forms and the reader of the returned ones.

The locked part of a form (measure, title, role, partners, deadline) is
computed here from the plan and its graph, once for both sides: the writer
puts it in the sheet, the reader compares the returned sheet with it, cell by
cell. A fingerprint of it is stored in the form's hidden 表单信息 sheet, so the
reader can tell a sheet typed over from a sheet made for an earlier version
of the plan.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..export.filenames import safe_filename
from ..export.notice import Task, full_title, leads_and_cooperators, measures_of, role_label, task_of
from ..model import Plan

__all__ = [
    "DATE_COLUMN",
    "FILLED_HEADER",
    "FIRST_ROW",
    "FIXED_HEADER",
    "FORM_PREFIX",
    "FORM_SHEET",
    "FORM_VERSION",
    "HEADER",
    "HEADER_ROW",
    "INFO_KEYS",
    "INFO_SHEET",
    "PERCENT_COLUMN",
    "STATUS_COLUMN",
    "FormRow",
    "form_digest",
    "form_filename",
    "form_rows",
    "form_rows_by_department",
    "lead_departments",
    "plan_key",
]

#: Raised whenever the layout changes, so that a sheet of an older layout is refused by name.
FORM_VERSION = 1
FORM_PREFIX = "进展反馈表-"
FORM_SHEET = "进展反馈表"
#: Hidden (``veryHidden``) sheet of key/value rows: what the form was made for.
INFO_SHEET = "表单信息"
INFO_KEYS = ("表单版本", "方案", "单位", "任务指纹", "生成日期")

FIXED_HEADER = ("编号", "任务", "本单位角色", "协同单位", "完成时限")
FILLED_HEADER = ("进展情况", "完成状态", "完成比例", "存在问题", "下一步措施", "责任人", "联系电话", "报送日期")
HEADER = FIXED_HEADER + FILLED_HEADER
#: Row of the title, of the department line, of the header, and the first measure.
TITLE_ROW, UNIT_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
#: 1-based columns of the values that are checked as they are read.
STATUS_COLUMN = len(FIXED_HEADER) + 1 + FILLED_HEADER.index("完成状态")
PERCENT_COLUMN = len(FIXED_HEADER) + 1 + FILLED_HEADER.index("完成比例")
DATE_COLUMN = len(FIXED_HEADER) + 1 + FILLED_HEADER.index("报送日期")


@dataclass(frozen=True)
class FormRow:
    """The locked cells of one row: what the office wrote, not the department."""

    measure: str
    title: str
    role: str
    partners: str
    deadline: str

    def cells(self) -> tuple[str, ...]:
        """The values in :data:`FIXED_HEADER` order."""
        return (self.measure, self.title, self.role, self.partners, self.deadline)


def plan_key(plan: Plan) -> str:
    """The name under which the store files the plan's reports: its full title (with the period).

    A revised plan keeps its title, so its reports stay with those of the
    earlier version; another plan has another title.
    """
    return full_title(plan)


def form_filename(department: str) -> str:
    """``进展反馈表-<单位>.xlsx``, the name only ever picking the file.

    >>> form_filename("县委党校/行政学校")
    '进展反馈表-县委党校_行政学校.xlsx'
    """
    return f"{FORM_PREFIX}{safe_filename(department)}.xlsx"


def lead_departments(plan: Plan, graph: nx.Graph) -> tuple[str, ...]:
    """Departments that lead (or are accountable for) at least one measure, in plan order.

    These report progress; cooperating departments report through the lead,
    as the notices ask.
    """
    seen: dict[str, None] = {}
    for measure in plan.measures:
        for department in leads_and_cooperators(plan, graph, measure)[0]:
            seen.setdefault(department, None)
    return tuple(seen)


def _form_row(task: Task) -> FormRow:
    partners = "；".join(f"{label}：{'、'.join(names)}" for label, names in task.partners)
    return FormRow(task.measure, task.title, role_label(task.role), partners or "—", task.deadline)


def form_rows_by_department(plan: Plan, graph: nx.Graph) -> dict[str, tuple[FormRow, ...]]:
    """The locked part of every lead department's form, from one pass over the measures.

    Keys are in the order of :func:`lead_departments`, rows in plan order.
    """
    rows: dict[str, list[FormRow]] = {}
    for measure in plan.measures:
        for department in leads_and_cooperators(plan, graph, measure)[0]:
            task = task_of(plan, graph, measure, department, full_text=False)
            rows.setdefault(department, []).append(_form_row(task))
    return {department: tuple(led) for department, led in rows.items()}


def form_rows(plan: Plan, graph: nx.Graph, department: str) -> tuple[FormRow, ...]:
    """The locked part of ``department``'s form: each measure it leads, in plan order.

    Only the measures the department holds a role on are looked at, so that
    the forms of a large plan can each be made on their own, side by side.
    """
    return tuple(
        _form_row(task_of(plan, graph, measure, department, full_text=False))
        for measure in measures_of(plan, graph, department)
        if department in leads_and_cooperators(plan, graph, measure)[0]
    )


def form_digest(key: str, department: str, rows: Iterable[tuple[str, ...]]) -> str:
    """A short fingerprint of a form's locked part; any change of plan, department or row changes it."""
    payload = json.dumps([key, department, [list(r) for r in rows]], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
