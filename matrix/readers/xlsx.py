"""Workbooks as input: an edited RACI workbook, or an office's own 任务分工表.

A workbook written by :func:`matrix.export.excel.write_workbook` comes back
through its RACI矩阵 sheet: the roles are read exactly as the office left them
(an ``A/R`` cell is ``A/R``; nothing is re-derived from the order of leads),
the plan's metadata from 说明, and measure texts, targets and deadlines from
任务分工表. A workbook without a RACI矩阵 sheet is read as a table, one row per
measure, through :func:`matrix.readers.table.plan_from_rows`.

Every refusal names the sheet and the cell, because the person fixing it is
looking at that workbook in Excel or WPS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError, one_line
from ..leaders import split_leaders
from ..model import Assignment, Department, Group, Location, Measure, Plan, Section, Stage
from ..names import name_problem, normalise_name, split_departments
from ..raci import LEADER_LABEL, ROLE_LABELS, ROLES, RaciConfig, is_lead, parse_role
from ..workbook_layout import (
    DIVISION_DIGEST,
    DIVISION_SHEET,
    FINDINGS_SHEET,
    LEADERS_SHEET,
    LEGEND_LABEL,
    LISTED_LEADS_LABELS,
    MATRIX_HEADER,
    MATRIX_SHEET,
    RACI_SETTING_LABELS,
    SUMMARY_FIELDS,
    SUMMARY_LABELS,
    SUMMARY_SHEET,
    TOTAL_LABELS,
    VAGUE_GROUP,
    VERB_KIND_LABELS,
    WORKLOAD_HEADER,
    WORKLOAD_KIND_HEADERS,
    WORKLOAD_SHEET,
    YES_NO,
    division_digest,
    matrix_header,
    split_names,
)
from .agreement import DivisionRow, check_agreement
from .archive import check_expansion
from .container import check_zip_container
from .plantext.parser import parse_plan
from .plantext.tasktable import sheet_items
from .sheetxml import sheet_sizes, uncached_formulas
from .table import HEADER_SEARCH_ROWS, Row, column_fields, is_header, plan_from_rows, row_values, table_heading
from .text import checked
from .unseen import refuse_unseen

__all__ = [
    "MAX_SHEET_CELLS",
    "MAX_WORKBOOK_CELLS",
    "open_workbook",
    "read_xlsx",
    "refuse_uncached",
    "refuse_unreadable",
]

#: The largest sheet read, rows × columns: three times a 10 000-measure, 300-department
#: matrix. A stray value far away (XFD1048576) would otherwise make every scan of the
#: sheet run over billions of empty cells.
MAX_SHEET_CELLS = 10_000_000

#: The most cells read from one workbook, empty formatted ones included: openpyxl takes some 10 to 80 µs
#: and a few hundred bytes for each. The workbook of a 20,000-measure, 300-department plan stores about 530,000.
MAX_WORKBOOK_CELLS = 1_000_000

#: The kind the graph gives the leading group's office by itself; the office is no registry entry.
_OFFICE_KIND = "领导小组办公室"


def read_xlsx(path: str | Path) -> Plan:
    """Read a plan from an .xlsx or .xlsm workbook.

    Parameters
    ----------
    path
        A RACI workbook (possibly edited), or any workbook whose 任务分工表
        sheet (else its first sheet) is a table of measures.

    Returns
    -------
    Plan
        For a RACI workbook: sections and measures in sheet order, one
        assignment per non-empty role cell, metadata from 说明.

    Raises
    ------
    InputError
        A missing, corrupt, encrypted or legacy .xls file; an empty sheet;
        a role not in :data:`matrix.raci.ROLES`; a merged cell in the matrix;
        an empty or malformed department header; a measure without 编号 or a
        repeated 编号. The location names the sheet and the cell.
    """
    path = Path(path)
    workbook = open_workbook(path)
    try:
        if SUMMARY_SHEET in workbook:
            refuse_unseen(path, workbook[SUMMARY_SHEET], lambda _row, _column: True)
        summary = _read_summary(workbook[SUMMARY_SHEET], path) if SUMMARY_SHEET in workbook else _Summary()
        if MATRIX_SHEET in workbook.sheetnames:
            return _read_matrix_workbook(workbook, path, summary)
        sheet = _table_sheet(workbook)
        refuse_unreadable(path, sheet, lambda _row, _column: True)  # an office table: every cell is read
        cells = _cells(sheet, path)
        _refuse_other_tables(workbook, sheet, path)
        if not _known_header(cells):
            items = sheet_items(cells, lambda row, column: _at(path, sheet, row + 1, column + 1))
            if items is not None:  # an office's own 任务分工表, read as the plan text reads its tables
                return checked(parse_plan(items, str(path)), strict=True).plan
        rows = (summary.with_kind(row) for row in _table_rows(cells, sheet, path))
        title, issuer = table_heading(cells[: _header_start(cells)])
        plan = plan_from_rows(rows, title=summary.title or title or path.stem, source=str(path))
        if issuer and not summary.title:
            plan = replace(plan, issuer=issuer)
        return summary.apply(plan) if summary.title else plan
    finally:
        workbook.close()


def open_workbook(path: Path) -> Workbook:
    """Open a workbook for reading values, or refuse it with its path.

    Raises
    ------
    InputError
        An encrypted, legacy, damaged or empty workbook, or a sheet reaching
        past :data:`MAX_SHEET_CELLS`.
    """
    check_zip_container(path, kind="工作簿", legacy=".xls", suffix=".xlsx", programs="Excel/WPS")
    _refuse_oversized(path)
    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl fails on a damaged archive with a dozen exception types
        raise InputError(
            f"工作簿已损坏，无法打开：{type(exc).__name__}: {one_line(exc)} (corrupt workbook)",
            Location(str(path)),
        ) from None
    if not workbook.worksheets:
        workbook.close()
        raise InputError("工作簿中没有工作表 (no worksheet)", Location(str(path)))
    for sheet in workbook.worksheets:
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            workbook.close()
            row, column = max(_filled(sheet), key=lambda rc: rc[0] * rc[1], default=(sheet.max_row, sheet.max_column))
            raise _too_far(path, sheet.title, f"{get_column_letter(column)}{row}")
    return workbook


def _refuse_oversized(path: Path) -> None:
    """Refuse a workbook whose parts, declared ranges or stored cells are past what can be loaded, before loading it.

    A sheet's declared range (its ``dimension``) past :data:`MAX_SHEET_CELLS`
    is refused at its farthest cell; more than :data:`MAX_WORKBOOK_CELLS`
    stored cells in all, at the sheet holding most of them.
    """
    check_expansion(path)
    sizes = sheet_sizes(path)
    for size in sizes:
        if size.corner and size.declared > MAX_SHEET_CELLS:
            raise _too_far(path, size.title, size.corner)
    total = sum(size.cells for size in sizes)
    if total > MAX_WORKBOOK_CELLS:
        largest = max(sizes, key=lambda size: size.cells)
        raise InputError(
            f"工作表“{largest.title}”中存有 {largest.cells:,} 个单元格（整个工作簿 {total:,} 个），"
            f"超过可读取的 {MAX_WORKBOOK_CELLS:,} 个，不像是实施方案；请删除表格以外的内容或格式 (too many cells)",
            Location(str(path), sheet=largest.title),
        )


def _filled(sheet: Worksheet) -> Iterator[tuple[int, int]]:
    """(row, column) of every cell holding a value, without visiting the empty ones between.

    openpyxl keeps a sheet's cells in a dict by coordinate; its public
    iterators walk the whole rectangle up to the farthest cell instead.
    """
    return (key for key, cell in sheet._cells.items() if cell.value not in (None, ""))


def _too_far(path: Path, title: str, corner: str) -> InputError:
    return InputError(
        f"工作表“{title}”的内容延伸到 {corner}，"
        f"超出可读取的范围（{MAX_SHEET_CELLS:,} 个单元格）；请删除表格以外的内容 (sheet extends too far)",
        Location(str(path), sheet=title, cell=corner),
    )


def _text(value: object) -> str:
    """A cell as text: numbers typed as ids lose their ``.0``, dates become ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _at(path: Path, sheet: Worksheet, row: int, column: int) -> Location:
    return Location(str(path), sheet=sheet.title, cell=f"{get_column_letter(column)}{row}")


def _empty_sheet(path: Path, sheet: Worksheet) -> InputError:
    return InputError(f"工作表“{sheet.title}”为空 (empty sheet)", Location(str(path), sheet=sheet.title, cell="A1"))


# -- 说明 ---------------------------------------------------------------------------


@dataclass
class _Summary:
    """What the 说明 sheet says about the plan; empty when there is no such sheet."""

    fields: dict[str, str] = field(default_factory=dict)
    targets: list[str] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    #: Section title -> (id, kind).
    sections: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The registry's groups as the workbook lists them: name -> members (none for a vague group).
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Each group's aliases, by its name.
    group_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The plan's ``raci:`` settings as the 角色规则 rows give them (workbooks written before: none).
    raci: dict[str, object] = field(default_factory=dict)
    verbs: list[tuple[str, str]] = field(default_factory=list)
    #: The registry the workbook was built with (workbooks written before: none, 部门工作量 gives the kinds).
    departments: list[Department] = field(default_factory=list)
    #: Measure id -> the departments its text names while nobody is assigned.
    suggested: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    def with_kind(self, row: Row) -> Row:
        """The row with its section's kind (e.g. 保障措施, which needs no lead) when it has none."""
        section = self.sections.get(row.values.get("section", "").strip())
        if section is None or row.values.get("kind", "").strip():
            return row
        return Row({**row.values, "kind": section[1]}, row.locate)

    def config(self) -> RaciConfig:
        """The plan's 角色规则; the defaults for what the sheet does not say."""
        settings = dict(self.raci)
        if self.verbs:
            settings["verbs"] = tuple(self.verbs)
        return replace(RaciConfig(), **settings)

    def apply(self, plan: Plan) -> Plan:
        sections = []
        for section in plan.sections:
            ident, kind = self.sections.get(section.title, (section.id, section.kind))
            measures = tuple(replace(m, suggested=self.suggested.get(m.id, m.suggested)) for m in section.measures)
            sections.append(replace(section, id=ident, kind=kind, measures=measures))
        return replace(
            plan,
            title=self.title or plan.title,
            sections=tuple(sections),
            issuer=self.fields.get("issuer", ""),
            office=self.fields.get("office", ""),
            period=self.fields.get("period", ""),
            key=self.fields.get("key", ""),
            targets=tuple(self.targets),
            stages=tuple(self.stages),
            departments=tuple(self.departments) or plan.departments,
            groups=tuple(
                Group(name, aliases=self.group_aliases.get(name, ()), members=members, vague=not members)
                for name, members in self.groups.items()
            ),
            raci=self.config(),
        )


def _read_summary(sheet: Worksheet, path: Path) -> _Summary:
    """Label/value rows; a row without a label continues the label above it."""
    summary = _Summary()
    by_label = {label: key for key, label in {**SUMMARY_FIELDS, **SUMMARY_LABELS}.items()}
    current = None
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_text(v) for v in row] + ["", "", "", "", ""]
        if cells[0]:
            current = by_label.get(cells[0])
        if current is None or not any(cells[1:]):
            continue
        if current in SUMMARY_FIELDS:
            summary.fields[current] = cells[1]
        elif current == "targets":
            summary.targets.append(cells[1])
        elif current == "stages":
            summary.stages.append(Stage(cells[1], cells[2], cells[3]))
        elif current == "sections":
            summary.sections[cells[2]] = (cells[1], cells[3])
        elif current == "groups" and cells[1]:
            members = () if cells[2] == VAGUE_GROUP else tuple(split_departments(cells[2]))
            summary.groups[normalise_name(cells[1])] = members
            summary.group_aliases[normalise_name(cells[1])] = tuple(map(normalise_name, split_names(cells[3])))
        elif current == "raci":
            _read_setting(summary, cells, lambda column, row=number: _at(path, sheet, row, column))
        elif current == "registry" and cells[1]:
            aliases = tuple(map(normalise_name, split_names(cells[3])))
            department = Department(normalise_name(cells[1]), aliases, cells[2] or "其他", cells[4] or None)
            summary.departments.append(department)
        elif current == "suggested" and cells[1]:
            summary.suggested[cells[1]] = tuple(map(normalise_name, split_names(cells[2])))
    return summary


def _read_setting(summary: _Summary, cells: list[str], at: Callable[[int], Location]) -> None:
    """One 角色规则 row; a value the setting cannot take is refused at its cell, not read as the default."""
    key, value = cells[1], cells[3]
    if key == "verbs":
        kinds = {label: kind for kind, label in VERB_KIND_LABELS.items()}
        if value not in kinds:
            raise InputError(f"角色用语应为“牵头”或“配合”，实为“{value}” (expected 牵头 or 配合)", at(4))
        summary.verbs.append((cells[2], kinds[value]))
        return
    if key == "listed_leads":
        choices = {label: code for code, label in LISTED_LEADS_LABELS.items()}
    elif key in RACI_SETTING_LABELS:
        choices = {label: flag for flag, label in YES_NO.items()}
    else:
        known = "、".join(RACI_SETTING_LABELS)
        raise InputError(f"未知的角色规则“{key}”，应为 {known} 或 verbs (unknown raci setting)", at(2))
    if value not in choices:
        raise InputError(f"{cells[2] or key} 应为 {' 或 '.join(choices)}，实为“{value}” (unknown value)", at(4))
    summary.raci[key] = choices[value]


# -- RACI矩阵 ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Details:
    """What the 任务分工表 adds to a measure row of the matrix."""

    text: str
    targets: tuple[str, ...]
    deadline: str | None
    #: Leads and cooperators as the 分工表 names them (a whole group by its name).
    leads: tuple[str, ...] = ()
    cooperators: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()

    @property
    def order(self) -> tuple[str, ...]:
        """Leads then cooperators as the 分工表 lists them: the order notices name them in."""
        return (*self.leads, *self.cooperators)


def _read_matrix_workbook(workbook: Workbook, path: Path, summary: _Summary) -> Plan:
    sheet = workbook[MATRIX_SHEET]
    departments, leader_column = _department_columns(sheet, path)
    last_row = _last_matrix_row(sheet)
    _refuse_merged_cells(sheet, path, last_row)
    _refuse_rows_below(sheet, path, last_row)
    read = {1, 2, 3, *departments, *([leader_column] if leader_column else [])}
    refuse_unreadable(path, sheet, lambda row, column: row <= last_row and column in read)
    division = _read_division(workbook[DIVISION_SHEET], path) if DIVISION_SHEET in workbook.sheetnames else []
    details = {row.ident: found for row, found in division}
    matrix: dict[str, tuple[int, tuple[Assignment, ...]]] = {}

    section_ids: dict[str, str] = {title: ident for title, (ident, _) in summary.sections.items()}
    grouped: dict[str, list[Measure]] = {}
    seen: dict[str, Location] = {}
    current = ""
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_row=last_row, values_only=True), start=2):
        ident, section, title = (_text(v) for v in (*row[:3], None, None, None)[:3])
        roles = _roles(sheet, path, number, row, departments)
        if not (ident or section or title or roles):
            continue
        if not title:
            if roles:
                raise InputError("有角色的行缺少措施名称 (empty 措施 cell)", _at(path, sheet, number, 3))
            current = section or ident
            if section and ident:
                section_ids[section] = ident
            continue
        where = _at(path, sheet, number, 1)
        if not ident:
            raise InputError("编号为空 (empty 编号 cell)", where)
        if ident in seen:
            raise InputError(f"措施编号 '{ident}' 重复，首次出现在 {seen[ident]} (duplicate measure id)", where)
        seen[ident] = where
        matrix[ident] = (number, roles)
        found = details.get(ident, _Details("", (), None))
        roles = _through_groups(_in_plan_order(roles, found, summary), found, summary.groups)
        leaders = split_leaders(_text(row[leader_column - 1])) if leader_column else found.leaders
        grouped.setdefault(section or current, []).append(
            Measure(
                id=ident,
                title=title,
                text="" if found.text == title else found.text,
                targets=found.targets,
                deadline=found.deadline,
                assignments=roles,
                source=where,
                leaders=leaders,
            )
        )
    if not grouped:
        raise InputError("RACI矩阵中没有任何措施 (no measures)", Location(str(path), sheet=sheet.title, cell="A2"))
    if _division_edited(workbook, division):
        columns = {name: get_column_letter(column) for column, name in departments.items()}
        check_agreement([row for row, _ in division], matrix, columns, summary.groups)
    kinds = {title: kind for title, (_, kind) in summary.sections.items()}
    sections = []
    for index, (title, measures) in enumerate(grouped.items(), start=1):
        kind = kinds.get(title, "")
        sections.append(
            Section(
                id=section_ids.get(title, str(index)),
                title=title or "未分组",
                kind=kind,
                measures=tuple(_with_kind(m, kind) for m in measures),
            )
        )
    plan = Plan(
        title=summary.title or path.stem,
        sections=tuple(sections),
        departments=_registry(workbook, departments.values()),
        source=str(path),
    )
    return summary.apply(plan)


def _in_plan_order(assignments: tuple[Assignment, ...], details: _Details, summary: _Summary) -> tuple[Assignment, ...]:
    """Assignments by role (A/R, R, A, C, I), then as the 任务分工表 lists them, then by column.

    Columns are ordered by kind and registry, not by the plan, so without this
    the lead named first in every notice would not be the plan's. A group the
    分工表 names stands for its members, in their order. The office's ``I`` on
    every measure is left out: the graph adds it back by configuration. A
    column the office renamed keeps the place the 分工表 gives its old name
    when the row has exactly one name the 分工表 lacks and the 分工表 one
    the row lacks (only the order of names depends on it, never a role).
    """
    office = summary.fields.get("office", "")
    kept = [a for a in assignments if not (a.department == office and a.role == "I")]
    names = [each for name in details.order for each in (name, *summary.groups.get(name, ()))]
    listed = {name: index for index, name in reversed(list(enumerate(names)))}
    unlisted = [a.department for a in kept if a.department not in listed]
    missing = [name for name in listed if name not in {a.department for a in kept} and name not in summary.groups]
    if len(unlisted) == len(missing) == 1:
        listed[unlisted[0]] = listed[missing[0]]
    return tuple(sorted(kept, key=lambda a: (ROLES.index(a.role), listed.get(a.department, len(listed)))))


def _through_groups(
    assignments: tuple[Assignment, ...], details: _Details, groups: dict[str, tuple[str, ...]]
) -> tuple[Assignment, ...]:
    """The members' assignments that the 任务分工表 shows as their group's, remembering the group.

    The workbook's matrix has a column per member (each township), and its
    任务分工表 names a whole group once, in the 牵头单位 or 配合单位 column; a
    member holding the role that column stands for holds it through the
    group, as the plan assigned it, unless the column also names it itself.
    A member an office took off the measure in the matrix simply has no
    assignment; one it gave another role holds that role itself.
    """
    through: dict[tuple[str, bool], str] = {}
    for listed, lead in ((details.leads, True), (details.cooperators, False)):
        for name in listed:
            for member in groups.get(name, ()):
                if member not in listed:  # a township the 分工表 also names itself holds its role itself
                    through.setdefault((member, lead), name)
    result = []
    for a in assignments:
        lead = is_lead(a.role) or a.role == "A"
        group = through.get((a.department, lead)) if lead or a.role == "C" else None
        result.append(replace(a, group=group) if group and a.group is None else a)
    return tuple(result)


def _with_kind(measure: Measure, kind: str) -> Measure:
    return replace(measure, kind=kind)


def _department_columns(sheet: Worksheet, path: Path) -> tuple[dict[int, str], int | None]:
    """Column number -> department name, from the header row, and the 牵头领导 column if there is one.

    Raises
    ------
    InputError
        An empty sheet, a header that is not the RACI layout, or a department
        header that is empty (over a column that holds roles), not text, a
        malformed name or a repeat.
    """
    if sheet.max_row < 1 or not any(c.value is not None for c in sheet[1]):
        raise _empty_sheet(path, sheet)
    header = [c.value for c in sheet[1]]
    for column, expected in enumerate(MATRIX_HEADER[:3], start=1):
        found = _text(header[column - 1]) if column <= len(header) else ""
        if found != expected:
            raise InputError(
                f"表头应为“{expected}”，实为“{found}” (not a RACI matrix header)", _at(path, sheet, 1, column)
            )
    departments: dict[int, str] = {}
    first = {}
    leaders = None
    fixed = matrix_header(leaders=True)
    below_header = {column for row, column in _filled(sheet) if row > 1}
    for column in range(4, len(header) + 1):  # after 编号, 所属行动/工程 and 措施
        raw = header[column - 1]
        if column <= len(fixed) and not departments and _text(raw) in fixed:
            leaders = column if _text(raw) == LEADER_LABEL else leaders
            continue
        where = _at(path, sheet, 1, column)
        if raw is None or _text(raw) == "":
            if column in below_header:
                raise InputError("单位名称为空，但此列有角色 (empty department header)", where)
            continue
        if not isinstance(raw, str):
            raise InputError(f"单位名称应为文字，实为 '{raw}' (department header is not text)", where)
        name = normalise_name(raw)
        problem = name_problem(name)
        if problem:
            raise InputError(problem, where)
        if name in first:
            raise InputError(f"单位“{name}”与 {first[name]} 列重复 (duplicate department column)", where)
        first[name] = where.cell
        departments[column] = name
    return departments, leaders


def _last_matrix_row(sheet: Worksheet) -> int:
    """The last measure or section row: the totals and the legend below it are not data."""
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=3, values_only=True), start=2):
        ident, section, title = (_text(v) for v in (*row, None, None, None)[:3])
        if (not ident and title in TOTAL_LABELS) or section == LEGEND_LABEL:
            return number - 1
    return sheet.max_row


def _refuse_merged_cells(sheet: Worksheet, path: Path, last_row: int) -> None:
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.min_row <= last_row:
            raise InputError(
                f"矩阵中不能有合并单元格 {merged.coord}，请取消合并 (merged cells in the matrix)",
                _at(path, sheet, merged.min_row, merged.min_col),
            )


def _roles(
    sheet: Worksheet, path: Path, number: int, row: tuple, departments: dict[int, str]
) -> tuple[Assignment, ...]:
    assignments = []
    for column, name in departments.items():
        value = row[column - 1] if column <= len(row) else None
        text = _text(value)
        if not text:
            continue
        where = _at(path, sheet, number, column)
        try:
            role = parse_role(text)
        except ValueError as exc:
            raise InputError(str(exc), where) from None
        assignments.append(Assignment(name, role, where))
    return tuple(assignments)


def _read_division(sheet: Worksheet, path: Path) -> list[tuple[DivisionRow, _Details]]:
    """Each measure row of the 任务分工表: its names and cells, and what it adds to the matrix row."""
    refuse_unreadable(path, sheet, lambda _row, _column: True)
    division = []
    for row in _table_rows(_cells(sheet, path), sheet, path):
        values = row.values
        ident = values.get("id", "").strip()
        if not ident:
            continue
        leads = tuple(split_departments(values.get("leads", "")))
        cooperators = tuple(split_departments(values.get("cooperators", "")))
        found = _Details(
            text=values.get("title", "").strip(),
            targets=tuple(t.strip() for t in values.get("targets", "").splitlines() if t.strip()),
            deadline=values.get("deadline", "").strip() or None,
            leads=leads,
            cooperators=cooperators,
            leaders=split_leaders(values.get("leaders", "")),
        )
        cells = DivisionRow(ident, leads, cooperators, row.locate("id"), row.locate("leads"), row.locate("cooperators"))
        division.append((cells, found))
    return division


def _division_edited(workbook: Workbook, division: list[tuple[DivisionRow, _Details]]) -> bool:
    """Whether the 任务分工表 says other than when this project wrote it (never, for a workbook it did not write)."""
    written = next((p.value for p in workbook.custom_doc_props if p.name == DIVISION_DIGEST), None)
    if written is None or not division:
        return False
    return written != division_digest((row.ident, row.leads, row.cooperators) for row, _ in division)


def _refuse_rows_below(sheet: Worksheet, path: Path, last_row: int) -> None:
    """Refuse anything below the matrix other than its two total rows and the legend: it would not be read.

    A measure typed under the totals (the first free row an office sees) was
    dropped without a word.
    """
    below: dict[int, dict[int, str]] = {}
    for row, column in _filled(sheet):
        if row > last_row:
            below.setdefault(row, {})[column] = _text(sheet.cell(row, column).value)
    meanings = set(ROLE_LABELS.values())
    for row in sorted(below):
        cells = below[row]
        totals = cells.get(3) in TOTAL_LABELS and 1 not in cells and 2 not in cells
        legend = set(cells) <= {2, 3, 4} and cells.get(2, LEGEND_LABEL) == LEGEND_LABEL and cells.get(3) in meanings
        if not (totals or legend):
            column = min(cells)
            raise InputError(
                f"合计行和图例之下的内容不会被读取：“{cells[column][:20]}”；措施请插入到合计行之上 "
                "(a row below the totals and the legend)",
                _at(path, sheet, row, column),
            )


def refuse_unreadable(path: Path, sheet: Worksheet, read: Callable[[int, int], bool]) -> None:
    """Refuse a cell that is read but would not read as a person sees it: an uncalculated formula, or text
    struck through or white on no fill (:mod:`matrix.readers.unseen`)."""
    refuse_uncached(path, sheet, read)
    refuse_unseen(path, sheet, read)


def refuse_uncached(path: Path, sheet: Worksheet, read: Callable[[int, int], bool]) -> None:
    """Refuse a cell that is read and holds a formula without a stored result: it would read as empty.

    ``read(row, column)`` says which cells the reader takes values from.
    """
    for coordinate in sorted(uncached_formulas(path, sheet.title), key=coordinate_to_tuple):
        row, column = coordinate_to_tuple(coordinate)
        if read(row, column):
            raise InputError(
                "单元格中是公式，但没有计算结果（文件未经 Excel 或 WPS 计算并保存）：请在 Excel 或 WPS 中打开后保存，"
                "或直接填写内容 (a formula without a stored result)",
                _at(path, sheet, row, column),
            )


def _registry(workbook: Workbook, names) -> tuple[Department, ...]:
    """The registry the workbook was built with, rebuilt from 部门工作量: every department with its kind.

    Kind 其他 included: without it, auditing the workbook (or comparing it with
    its plan) called 县融媒体中心 an unknown department.
    """
    if WORKLOAD_SHEET not in workbook.sheetnames:
        return ()
    sheet = workbook[WORKLOAD_SHEET]
    header = [_text(c.value) for c in sheet[1]]
    if header[:1] != list(WORKLOAD_HEADER[:1]) or header[1:2] not in ([h] for h in WORKLOAD_KIND_HEADERS):
        return ()
    kinds = {}
    for row in sheet.iter_rows(min_row=2, max_col=2, values_only=True):
        name, kind = normalise_name(_text(row[0])), _text(row[1])
        if name and kind and kind != _OFFICE_KIND:
            kinds[name] = kind
    return tuple(Department(name, kind=kinds[name]) for name in names if name in kinds)


# -- tables ---------------------------------------------------------------------------


#: The sheets of the workbook the tool writes.
_OWN_SHEETS = frozenset((SUMMARY_SHEET, MATRIX_SHEET, DIVISION_SHEET, WORKLOAD_SHEET, FINDINGS_SHEET, LEADERS_SHEET))


def _table_sheet(workbook: Workbook) -> Worksheet:
    """The sheet holding an office's table: 任务分工表, else the first sheet shown (a hidden one is nobody's table)."""
    if DIVISION_SHEET in workbook.sheetnames:
        return workbook[DIVISION_SHEET]
    return next((sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"), workbook.worksheets[0])


def _refuse_other_tables(workbook: Workbook, read: Worksheet, path: Path) -> None:
    """Refuse a workbook whose other shown sheets hold measures too: one sheet is read, the rest would be lost.

    A sheet of notes or a list of departments is no table of measures and is left alone, and so is every
    other sheet of a workbook the tool wrote (it has a 说明 sheet): 审计问题 and the sheet of each department
    list measures, and are views of the one 任务分工表.
    """
    if SUMMARY_SHEET in workbook.sheetnames:
        return
    for sheet in workbook.worksheets:
        if sheet is read or sheet.sheet_state != "visible" or sheet.title in _OWN_SHEETS:
            continue
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        if any(any(r) for r in rows) and (_known_header(rows) or sheet_items(rows, lambda *_: Location(""))):
            raise InputError(
                f"工作表“{sheet.title}”也是一张任务表，但只读取“{read.title}”：请把各表的措施合并到一张工作表，"
                "或删去不用的工作表后再导入 (another sheet of measures would not be read)",
                Location(str(path), sheet=sheet.title, cell="A1"),
            )


def _cells(sheet: Worksheet, path: Path) -> list[list[str]]:
    """The sheet as text; merged cells, which offices use for a 重点任务 spanning its measures, fill their range."""
    rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if not any(any(r) for r in rows):
        raise _empty_sheet(path, sheet)
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = value
    return rows


def _header_start(rows: list[list[str]]) -> int:
    start = next((i for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]) if is_header(r)), None)
    return start if start is not None else next(i for i, r in enumerate(rows) if any(r))


def _known_header(rows: list[list[str]]) -> bool:
    """True when the table's header is in the schema's spellings (编号, 措施, 牵头单位 …)."""
    try:
        column_fields(rows[_header_start(rows)], lambda column: Location(""))
    except InputError:
        return False
    return True


def _table_rows(rows: list[list[str]], sheet: Worksheet, path: Path) -> Iterator[Row]:
    """The sheet's measure rows as :class:`~matrix.readers.table.Row`, located by cell.

    The header is the first row naming both a 措施 and a 牵头单位 column (a
    title line above it is skipped).
    """
    start = _header_start(rows)
    header_row = start + 1
    fields = column_fields(rows[start], lambda column: _at(path, sheet, header_row, column + 1))
    columns = {name: index for index, name in fields.items()}
    for number, cells in enumerate(rows[start + 1 :], start=header_row + 1):
        if not any(cells):
            continue

        def cell(column: int, number: int = number) -> Location:
            return _at(path, sheet, number, column + 1)

        def locate(name: str, number: int = number) -> Location:
            return _at(path, sheet, number, columns.get(name, 0) + 1)

        values = row_values(cells, rows[start], fields, cell)

        yield Row(values, locate)
