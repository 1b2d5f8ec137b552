"""The layout of the RACI workbook, shared by the writer and the reader.

The workbook is both an output and an input: an office edits the RACI矩阵
sheet and hands the file back. Sheet names, fixed headers and the labels of
the 说明 sheet are therefore a format, written down once here so that
:mod:`matrix.export.excel` and :mod:`matrix.readers.xlsx` cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence

from .raci import LEADER_LABEL

__all__ = [
    "DIVISION_DIGEST",
    "DIVISION_HEADER",
    "DIVISION_SHEET",
    "FINDINGS_HEADER",
    "FINDINGS_SHEET",
    "LEADERS_HEADER",
    "LEADERS_SHEET",
    "LEGEND_LABEL",
    "LISTED_LEADS_LABELS",
    "MATRIX_HEADER",
    "MATRIX_SHEET",
    "MAX_CELL_CHARS",
    "PER_DEPARTMENT_HEADER",
    "RACI_SETTING_LABELS",
    "SUMMARY_FIELDS",
    "SUMMARY_LABELS",
    "SUMMARY_SHEET",
    "TOTAL_LABELS",
    "VAGUE_GROUP",
    "VERB_KIND_LABELS",
    "WORKLOAD_HEADER",
    "WORKLOAD_KIND_HEADERS",
    "WORKLOAD_SHEET",
    "YES_NO",
    "division_digest",
    "division_header",
    "join_names",
    "matrix_header",
    "per_department_header",
    "sheet_name",
    "split_names",
]

SUMMARY_SHEET = "说明"
MATRIX_SHEET = "RACI矩阵"
DIVISION_SHEET = "任务分工表"
WORKLOAD_SHEET = "部门工作量"
FINDINGS_SHEET = "审计问题"
LEADERS_SHEET = "领导分工"

#: Columns of the matrix before the first department column.
MATRIX_HEADER: tuple[str, ...] = ("编号", "所属行动/工程", "措施", "牵头数", "配合数")
#: Labels, in the 措施 column, of the rows that total each department's column.
TOTAL_LABELS: tuple[str, str] = ("牵头合计", "配合合计")
#: Label, in the 所属行动/工程 column, of the colour legend under the matrix.
LEGEND_LABEL = "图例"

#: The 任务分工表 layout offices already use; every header is one that
#: :data:`matrix.readers.table.COLUMNS` accepts, so the sheet reads back alone.
DIVISION_HEADER: tuple[str, ...] = (
    "序号",
    "重点任务",
    "具体措施",
    "牵头单位",
    "配合单位",
    "完成时限",
    "量化目标",
)
#: The most characters an Excel cell holds; openpyxl cuts a longer text there without a word.
MAX_CELL_CHARS = 32_767

#: The custom document property holding :func:`division_digest` of the 任务分工表 as written.
DIVISION_DIGEST = "raci-division-digest"


def division_digest(rows: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> str:
    """A digest of who the 任务分工表 says does what: (编号, leads, cooperators) of each row, in order.

    The writer stores it with the workbook; the reader compares it with the
    sheet as it comes back, to tell an edit of the 任务分工表 (which the
    RACI矩阵 would silently override) from a sheet left as written. Both
    pass the names as :func:`matrix.names.split_departments` reads the cells.

    >>> division_digest([("1.1", ["县科协"], [])]) == division_digest([("1.1", ("县科协",), ())])
    True
    """
    digest = hashlib.sha256()
    for ident, leads, cooperators in rows:
        digest.update(json.dumps([ident, list(leads), list(cooperators)], ensure_ascii=False).encode())
    return digest.hexdigest()


#: A department's own sheet: the 任务分工表 columns with its role inserted.
PER_DEPARTMENT_HEADER: tuple[str, ...] = (*DIVISION_HEADER[:3], "本单位角色", *DIVISION_HEADER[3:])
#: The 领导分工 sheet: one row per leader.
LEADERS_HEADER: tuple[str, ...] = (LEADER_LABEL, "措施数", "措施", "牵头单位", "配合单位")


def matrix_header(leaders: bool) -> tuple[str, ...]:
    """The matrix columns before the departments: :data:`MATRIX_HEADER`, with 牵头领导 after 措施
    when a measure of the plan names one (a plan without leaders keeps the narrower layout).

    >>> matrix_header(True)
    ('编号', '所属行动/工程', '措施', '牵头领导', '牵头数', '配合数')
    """
    return (*MATRIX_HEADER[:3], LEADER_LABEL, *MATRIX_HEADER[3:]) if leaders else MATRIX_HEADER


def division_header(leaders: bool) -> tuple[str, ...]:
    """The 任务分工表 columns: :data:`DIVISION_HEADER`, with 牵头领导 before 牵头单位 when a measure names one."""
    return (*DIVISION_HEADER[:3], LEADER_LABEL, *DIVISION_HEADER[3:]) if leaders else DIVISION_HEADER


def per_department_header(leaders: bool) -> tuple[str, ...]:
    """A department's own sheet: :func:`division_header` with the department's role after 具体措施."""
    header = division_header(leaders)
    return (*header[:3], "本单位角色", *header[3:])


#: Each department's load (:class:`matrix.graph.WorkloadRow`), in the 部门工作量 sheet and in ``raci workload``.
#: 合计 counts measures (a department has one role per measure); the share is of all measures of the plan.
WORKLOAD_HEADER: tuple[str, ...] = (
    "单位", "类别", "主责数（A）", "牵头数（R）", "配合数", "合计", "占全部措施比例", "涉及章节",
)  # fmt: skip
#: Workbooks written before the header said 类别 (and named fewer columns) are still read for the kinds.
WORKLOAD_KIND_HEADERS: tuple[str, ...] = ("类别", "类型")
#: The findings, in the 审计问题 sheet and in ``raci audit``: 问题 is the code in Chinese, 代码 what ``--ignore`` takes.
FINDINGS_HEADER: tuple[str, ...] = ("级别", "问题", "代码", "措施", "单位", "说明", "位置")

#: Plan attribute -> label in column A of the 说明 sheet. 方案简称 (the plan's file name, wutai) is what
#: a rebuild from the workbook names the plan's output folder by.
SUMMARY_FIELDS: dict[str, str] = {
    "title": "方案名称",
    "issuer": "印发单位",
    "office": "领导小组办公室",
    "period": "实施期限",
    "key": "方案简称",
}
#: The other labels of the 说明 sheet; rows without a label continue the one above.
SUMMARY_LABELS: dict[str, str] = {
    "generated": "生成日期",
    "targets": "工作目标",
    "stages": "进度安排",
    "sections": "章节",
    "legend": "角色说明",
    "measures": "措施数",
    "assigned": "已分配措施数",
    "departments": "单位数",
    "findings": "审计问题数",
    "groups": "集体",
    "raci": "角色规则",
    "registry": "单位登记表",
    "suggested": "原文提到的单位",
}
#: The 角色规则 rows: the plan's ``raci:`` setting (column B, as the YAML names it) -> its Chinese label
#: (column C); the value is in column D. The role verbs follow, one a row (verbs, the verb, 牵头 or 配合), when the
#: plan sets its own.
RACI_SETTING_LABELS: dict[str, str] = {
    "first_lead_accountable": "第一牵头单位兼主责（A/R）",
    "office_informed": "领导小组办公室知会每项措施（I）",
    "leader_accountable": "牵头领导为主责（A），牵头单位均为牵头（R）",
    "listed_leads": "“甲、乙等负责”名单的读法",
}
#: A yes/no setting in the 角色规则 rows.
YES_NO: dict[bool, str] = {True: "是", False: "否"}
#: ``raci: listed_leads`` in words (empty: the office has not decided).
LISTED_LEADS_LABELS: dict[str, str] = {"first": "列第一位者牵头", "all": "所列单位均牵头", "": "未指定"}
#: A role verb's kind in words (:data:`matrix.raci.LEAD`, :data:`matrix.raci.COOPERATE`).
VERB_KIND_LABELS: dict[str, str] = {"lead": "牵头", "cooperate": "配合"}
#: What the 说明 sheet writes for a vague group in place of its members.
VAGUE_GROUP = "泛指，无成员"


def join_names(names: Sequence[str]) -> str:
    r"""Names in one 说明 cell: 、 between them, or one a line when a name holds 、 itself (各县、市、区政府).

    >>> join_names(["县卫健委", "县卫生健康局"]), join_names(["各县、市政府", "各县市"])
    ('县卫健委、县卫生健康局', '各县、市政府\n各县市')
    """
    return ("\n" if any("、" in name for name in names) else "、").join(names)


def split_names(cell: str) -> tuple[str, ...]:
    r"""The names :func:`join_names` wrote into a cell.

    >>> split_names("县卫健委、县卫生健康局"), split_names("各县、市政府\n各县市"), split_names("")
    (('县卫健委', '县卫生健康局'), ('各县、市政府', '各县市'), ())
    """
    parts = cell.split("\n") if "\n" in cell else cell.split("、")
    return tuple(part.strip() for part in parts if part.strip())


_FORBIDDEN = re.compile(r"[\[\]:*?/\\：？［］]")
_MAX_SHEET_NAME = 31


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unused sheet name for ``name``.

    Excel refuses sheet names longer than 31 characters, containing any of
    ``[]:*?/\\`` or starting or ending with an apostrophe, and compares names
    case-insensitively. Forbidden characters become ``_``; a clash gets a
    ``~2``, ``~3`` … suffix within the 31 characters.

    Examples
    --------
    >>> sheet_name("县委党校[行政学校]/培训部")
    '县委党校_行政学校__培训部'
    >>> sheet_name("县科协", ["县科协"])
    '县科协~2'
    """
    base = _FORBIDDEN.sub("_", name).strip().strip("'")[:_MAX_SHEET_NAME] or "单位"
    used = {t.lower() for t in taken}
    candidate, number = base, 1
    while candidate.lower() in used:
        number += 1
        suffix = f"~{number}"
        candidate = base[: _MAX_SHEET_NAME - len(suffix)] + suffix
    return candidate
