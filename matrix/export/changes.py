"""A plan diff in the words an office uses: as plain data, as JSON, as a terminal table.

The workbook and the change notices take their labels from here, so a change
is called the same thing on screen, in Excel and on paper.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rich.console import RenderableType

from ..diff import ADDED, CHANGED, GAINED, LOST, REMOVED, REVISED, MeasureChange, PlanDiff, RoleChange
from ..raci import ROLE_LABELS, labelled
from .text_table import render, table

__all__ = [
    "CHANGE_LABELS",
    "FIELD_LABELS",
    "diff_to_data",
    "dump_diff_json",
    "format_diff_table",
    "measure_change_note",
    "role_change_label",
]

#: How each kind of change is named, for measures and for a department's roles.
CHANGE_LABELS: Mapping[str, str] = {
    ADDED: "新增",
    REMOVED: "删除",
    CHANGED: "修改",
    GAINED: "新增任务",
    LOST: "不再承担",
    REVISED: "内容修订",
}

#: The measure fields a change may touch, as the plan calls them.
FIELD_LABELS: Mapping[str, str] = {
    "id": "编号",
    "section": "所属章节",
    "title": "标题",
    "text": "内容",
    "targets": "量化目标",
    "deadline": "完成时限",
}


def role_change_label(change: RoleChange) -> str:
    """新增任务, 不再承担, 牵头→配合 for a changed role, 内容修订：量化目标 for a revised measure."""
    if change.kind == CHANGED:
        return f"{ROLE_LABELS.get(change.old_role or '', change.old_role)}→{ROLE_LABELS.get(change.new_role or '', '')}"
    if change.kind == REVISED:
        return f"{CHANGE_LABELS[REVISED]}：{'、'.join(FIELD_LABELS[f] for f in change.fields)}"
    return CHANGE_LABELS[change.kind]


def measure_change_note(change: MeasureChange) -> str:
    """One line saying what happened to a measure, e.g. ``编号 3.1.2→3.1.3；标题``."""
    if change.kind == ADDED or change.old is None:
        return f"新增于“{change.new_section}”" if change.new_section else "新增"
    if change.kind == REMOVED or change.new is None:
        return f"原属“{change.old_section}”" if change.old_section else "删除"
    notes = []
    for name in change.fields:
        if name == "id":
            notes.append(f"编号 {change.old.id}→{change.new.id}")
        elif name == "section":
            notes.append(f"章节 “{change.old_section}”→“{change.new_section}”")
        elif name == "title":
            notes.append(f"标题（原为“{change.old.title}”）")
        else:
            notes.append(FIELD_LABELS[name])
    return "；".join(notes)


def _measure_data(change: MeasureChange) -> dict[str, Any]:
    data: dict[str, Any] = {"change": change.kind, "id": change.id, "title": change.title}
    if change.old is not None and change.new is not None:
        data.update(old_id=change.old.id, old_title=change.old.title, fields=list(change.fields))
    if change.old_section:
        data["old_section"] = change.old_section
    if change.new_section:
        data["section"] = change.new_section
    return data


def _role_data(change: RoleChange) -> dict[str, Any]:
    return {
        "measure": change.measure,
        "title": change.title,
        "change": change.kind,
        "old_role": change.old_role,
        "new_role": change.new_role,
        "fields": list(change.fields),
    }


def diff_to_data(diff: PlanDiff) -> dict[str, Any]:
    """The diff as JSON-ready data: a summary, the measure changes, the changes per department.

    Keys are English and values are the plan's own text, so a script can read
    it and a person can still recognise every measure.
    """
    return {
        "old": diff.old_title,
        "new": diff.new_title,
        "summary": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "reworded": len(diff.reworded),
            "moved": len(diff.moved),
            "role_changes": len(diff.roles),
            "departments": len(diff.affected_departments()),
        },
        "measures": [_measure_data(c) for c in diff.measures],
        "departments": {d: [_role_data(r) for r in diff.for_department(d)] for d in diff.affected_departments()},
    }


def dump_diff_json(diff: PlanDiff) -> str:
    """The diff as indented JSON that keeps Chinese readable."""
    return json.dumps(diff_to_data(diff), ensure_ascii=False, indent=2)


def format_diff_table(diff: PlanDiff, *, width: int = 120) -> str:
    """The diff as two aligned tables for a terminal ``width`` columns wide: measure changes, then role changes."""
    parts: list[RenderableType | str] = [f"原方案：{diff.old_title}", f"新方案：{diff.new_title}", ""]
    if not diff:
        return render([*parts, "两个方案的措施和分工完全相同。"], width)
    heading = f"措施变更（{len(diff.measures)} 项）"
    rows = [(CHANGE_LABELS[c.kind], c.id, c.title, measure_change_note(c)) for c in diff.measures]
    parts += [table(heading, ("变更", "编号", "措施", "说明"), rows)] if rows else [heading, "无"]
    departments = diff.affected_departments()
    heading = f"单位任务变更（{len(diff.cells)} 处，涉及 {len(departments)} 个单位）"
    rows = [
        (r.department, r.measure, r.title, labelled(r.old_role), labelled(r.new_role), role_change_label(r))
        for d in departments
        for r in diff.for_department(d)
    ]
    parts += (
        [table(heading, ("单位", "编号", "措施", "原角色", "新角色", "变更"), rows)] if rows else ["", heading, "无"]
    )
    return render(parts, width)
