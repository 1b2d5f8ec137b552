"""The Excel RACI workbook an office opens, prints, edits and hands back.

Sheets, in order: 说明 (plan, legend, counts, groups), RACI矩阵 (measures ×
departments, foldable by section, with dropdowns, and a 牵头领导 column when the
plan names leaders), 任务分工表 (the layout offices already use), 部门工作量 (with
a chart), 领导分工 (when the plan names leaders), 审计问题, and optionally one
sheet per department.

Every row is written with ``Worksheet.append`` of ready-made cells, with all
sheet settings made before the first row. That one discipline serves both of
openpyxl's modes: small plans use a normal workbook, large ones the streaming
write-only workbook so that memory stays flat, and the two cannot drift apart
because they run the same code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

import networkx as nx
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import Outline

from ..audit import Finding
from ..graph import WorkloadRow, workload_rows
from ..groups import grouped_graph
from ..leaders import has_leaders
from ..model import Measure, Plan
from ..names import split_departments
from ..raci import LEADER_LABEL, OFFICE_ORDER, ROLE_LABELS, ROLES, labelled
from ..workbook_layout import (
    DIVISION_DIGEST,
    DIVISION_SHEET,
    FINDINGS_HEADER,
    FINDINGS_SHEET,
    LEADERS_HEADER,
    LEADERS_SHEET,
    LEGEND_LABEL,
    MATRIX_SHEET,
    SUMMARY_SHEET,
    TOTAL_LABELS,
    WORKLOAD_HEADER,
    WORKLOAD_SHEET,
    division_digest,
    division_header,
    matrix_header,
    per_department_header,
    sheet_name,
)
from . import excel_style as style
from .atomic import atomic_path
from .cached_values import store_cached_values
from .excel_content import (
    SummaryRow,
    division_values,
    finding_values,
    leader_values,
    matrix_rows,
    order_departments,
    summary_rows,
)
from .excel_style import styled_cell as _cell

__all__ = ["CHART_DEPARTMENTS", "STACKED_CHARACTER", "WRITE_ONLY_CELLS", "header_height", "write_workbook"]

#: Above this many matrix cells (measures × departments) the workbook is streamed.
#: A county plan has a few thousand; openpyxl holds ~20 000 styled cells in well
#: under 100 MB, and streaming costs nothing in the output, only in flexibility.
WRITE_ONLY_CELLS = 20_000
#: The roles the 牵头数 formulas count.
_LED = ("R", "A/R")
#: Departments shown in the workload chart; more bars than this cannot be read.
CHART_DEPARTMENTS = 15

_DIVISION_WIDTHS = {
    "序号": 8,
    "重点任务": 16,
    "具体措施": 60,
    "本单位角色": 8,
    "牵头单位": 18,
    "配合单位": 28,
    "完成时限": 10,
    "量化目标": 24,
}

#: 领导分工: after the leader, the count, measures (one a line), lead and cooperating departments.
_LEADER_WIDTHS = (8, 48, 30, 36)


def write_workbook(
    plan: Plan,
    graph: nx.Graph,
    path: str | Path,
    *,
    findings: Sequence[Finding] = (),
    per_department: bool = False,
    write_only: bool | None = None,
    expand_groups: bool = True,
) -> Path:
    """Write the RACI workbook of ``plan`` to ``path``, atomically.

    Parameters
    ----------
    plan
        The plan: sections, measure texts, targets and metadata.
    graph
        Its graph from :func:`matrix.graph.build_graph`: the roles written
        into every sheet, so that an office sees what the audit saw.
    path
        The .xlsx file to write; its folder is created if missing.
    findings
        Audit findings for the 审计问题 sheet.
    per_department
        Add one sheet per department listing its measures and role.
    write_only
        Stream rows with openpyxl's write-only mode. ``None`` decides by size:
        more than :data:`WRITE_ONLY_CELLS` matrix cells. Both modes write the
        same cells.
    expand_groups
        The matrix has a column per member of a group (each township); with
        ``False``, one column per group a measure was assigned to as a whole
        (各乡镇人民政府). The other sheets count and name members either way.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputError
        The folder cannot be written or the file is open in another program.

    See Also
    --------
    matrix.readers.xlsx.read_xlsx : reads an edited workbook back into a plan.
    """
    registered = [d.name for d in plan.departments]
    departments = order_departments(graph, registered)
    grid = graph if expand_groups or not plan.groups else grouped_graph(graph, plan.groups)
    columns = departments if grid is graph else order_departments(grid, registered)
    leaders = has_leaders(plan)
    if write_only is None:
        write_only = len(plan.measures) * max(1, len(columns)) > WRITE_ONLY_CELLS
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    _write_summary(workbook, summary_rows(plan, graph, findings, date.today().isoformat()))
    counts = _write_matrix(workbook, plan, grid, columns, leaders=leaders)
    division = [division_values(graph, s, m, plan.groups, leaders=leaders) for s in plan.sections for m in s.measures]
    leader_width = _leader_width(plan)
    header = division_header(leaders)
    _write_table(workbook.create_sheet(DIVISION_SHEET), header, division, _division_widths(header, leader_width))
    _record_division(workbook, header, division)
    _write_workload(workbook, workload_rows(graph, sort="total"))
    if leaders:
        leader_sheet = workbook.create_sheet(LEADERS_SHEET)
        widths = (leader_width, *_LEADER_WIDTHS)
        _write_table(leader_sheet, LEADERS_HEADER, leader_values(graph, plan.groups), widths)
    _write_findings(workbook, [finding_values(graph, f) for f in findings])
    if per_department:
        _write_department_sheets(workbook, plan, graph, departments, leaders=leaders, leader_width=leader_width)
    matrix_part = f"xl/worksheets/sheet{workbook.sheetnames.index(MATRIX_SHEET) + 1}.xml"
    with atomic_path(path) as temporary:
        workbook.save(temporary)
        store_cached_values(Path(temporary), matrix_part, counts)
    return Path(path)


def _record_division(workbook: Workbook, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Store who the 任务分工表 says does what, so that the reader can tell when only that sheet was edited."""
    ident, leads, cooperators = (header.index(name) for name in ("序号", "牵头单位", "配合单位"))
    digest = division_digest(
        (row[ident], split_departments(row[leads]), split_departments(row[cooperators])) for row in rows
    )
    workbook.custom_doc_props.append(StringProperty(name=DIVISION_DIGEST, value=digest))


# -- cells and rows -------------------------------------------------------------


class _Rows:
    """Appends rows to one sheet and knows which row comes next.

    Write-only sheets cannot be asked for their length, and a row's height and
    outline level must be set before the row is written.
    """

    def __init__(self, worksheet) -> None:
        self.worksheet = worksheet
        self.count = 0

    def append(self, cells: Iterable[Cell], *, height: float | None = None, outline: int = 0) -> int:
        self.count += 1
        if height is not None or outline:
            dimension = self.worksheet.row_dimensions[self.count]
            if height is not None:
                dimension.height = height
            if outline:
                dimension.outline_level = outline
        self.worksheet.append(list(cells))
        return self.count


def _header(worksheet, names: Sequence[str]) -> list[Cell]:
    return [_cell(worksheet, n, font=style.HEADER, fill=style.HEADER_FILL, alignment=style.CENTRED) for n in names]


def _set_widths(worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width


# -- 说明 -----------------------------------------------------------------------


_SUMMARY_WIDTHS = (16, 12, 28, 36, 8)


def _write_summary(workbook: Workbook, rows: Sequence[SummaryRow]) -> None:
    """Label/value rows; a lone value spans the four value columns, so long titles stay readable."""
    worksheet = workbook.create_sheet(SUMMARY_SHEET)
    _set_widths(worksheet, _SUMMARY_WIDTHS)
    style.setup_page(worksheet, landscape=False)
    span = len(_SUMMARY_WIDTHS)
    out = _Rows(worksheet)
    title = rows[0].values[0]
    worksheet.merged_cells.add(f"A1:{get_column_letter(span)}1")
    heading = _cell(worksheet, f"{title}\n责任分工矩阵", font=style.TITLE, border=False, alignment=style.WRAPPED)
    out.append([heading], height=48)
    out.append([])
    for row in rows:
        cells = [_cell(worksheet, row.label or None, font=style.HEADER, alignment=style.WRAPPED)]
        for value in row.values:
            role = str(value) if str(value) in ROLE_LABELS else None
            cells.append(
                _cell(
                    worksheet,
                    value,
                    fill=style.ROLE_FILLS[role] if role else None,
                    font=style.ROLE_FONTS[role] if role else style.BODY,
                    alignment=style.CENTRED if role else style.WRAPPED,
                )
            )
        if len(row.values) == 1:
            worksheet.merged_cells.add(f"B{out.count + 1}:{get_column_letter(span)}{out.count + 1}")
            cells += [_cell(worksheet) for _ in range(span - 2)]
            widths: Sequence[float] = (sum(_SUMMARY_WIDTHS[1:]),)
        else:
            widths = _SUMMARY_WIDTHS[1:]
        out.append(cells, height=style.text_height(zip((str(v) for v in row.values), widths, strict=False)))


# -- RACI矩阵 --------------------------------------------------------------------


def _write_matrix(
    workbook: Workbook, plan: Plan, graph: nx.Graph, departments: Sequence[str], *, leaders: bool
) -> dict[str, int]:
    """Write the RACI矩阵 sheet; return the value of each count formula by cell, to be cached."""
    worksheet = workbook.create_sheet(MATRIX_SHEET)
    fixed = matrix_header(leaders)
    first = len(fixed) + 1
    last = first + len(departments) - 1
    first_letter, last_letter = get_column_letter(first), get_column_letter(max(last, first))
    width = max(last, len(fixed))
    blocks = _measure_blocks(plan)
    last_data_row = 1 + len(plan.sections) + len(plan.measures)

    widths, leader_width = _matrix_widths(plan), _leader_width(plan)
    _set_widths(worksheet, (*widths, *((leader_width,) if leaders else ()), 6, 6, *([4.5] * len(departments))))
    # the two count columns stand just before the departments (after 牵头领导 when there is one)
    led_letter, cooperated_letter = get_column_letter(first - 2), get_column_letter(first - 1)
    for column in range(first, last + 1):
        # a role typed into an empty grid cell is centred like the written ones
        worksheet.column_dimensions[get_column_letter(column)].alignment = style.CENTRED
    worksheet.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=False)
    worksheet.freeze_panes = f"{first_letter}2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(width)}{last_data_row}"
    style.setup_page(worksheet, landscape=True, title_columns="A:C")
    if departments and blocks:
        grid = " ".join(f"{first_letter}{top}:{last_letter}{bottom}" for top, bottom in blocks)
        _add_role_validation(worksheet, grid)
        for role in ROLES:
            worksheet.conditional_formatting.add(
                grid,
                CellIsRule(
                    operator="equal",
                    formula=[f'"{role}"'],
                    fill=style.ROLE_FILLS[role],
                    font=style.ROLE_FONTS[role],
                ),
            )
        # Empty grid cells are not written: their borders (and the section rows' shading)
        # come from rules over the ranges. In a province-wide matrix nineteen cells in twenty
        # are empty, and writing each cost ten times the rest of the workbook.
        worksheet.conditional_formatting.add(grid, FormulaRule(formula=["TRUE"], border=style.BORDER))
    if departments and plan.sections:
        sections = " ".join(f"{first_letter}{row}:{last_letter}{row}" for row in _section_rows(plan))
        shading = FormulaRule(formula=["TRUE"], fill=style.SECTION_FILL, border=style.BORDER)
        worksheet.conditional_formatting.add(sections, shading)

    out = _Rows(worksheet)
    header = _header(worksheet, fixed)
    header += [
        _cell(worksheet, name, font=style.HEADER, fill=style.HEADER_FILL, alignment=style.VERTICAL)
        for name in departments
    ]
    out.append(header, height=header_height(departments))
    # every measure row as tall as the tallest: a printed grid reads evenly
    height = (
        max(
            (style.text_height([(s.title, widths[1]), (m.title, widths[2]), (_leader_text(m), leader_width)]) or 0)
            for s in plan.sections
            for m in s.measures
        )
        if plan.measures
        else 0
    )

    rows = iter(matrix_rows(plan, graph, departments))
    cached: dict[str, int] = {}
    #: per department column: [cooperated, led]
    by_column = [[0, 0] for _ in departments]
    for section in plan.sections:
        out.append(
            [
                _cell(worksheet, section.id, font=style.SECTION, fill=style.SECTION_FILL),
                _cell(worksheet, section.title, font=style.SECTION, fill=style.SECTION_FILL),
                *(_cell(worksheet, fill=style.SECTION_FILL) for _ in range(len(fixed) - 2)),
            ]
        )
        for _ in section.measures:
            row = next(rows)
            grid: list[Cell | None] = [None] * len(departments)
            led = cooperated = 0
            for index in row.filled:  # the columns holding a role, not every department
                role = row.roles[index]
                grid[index] = _cell(worksheet, role, alignment=style.CENTRED)
                if role in _LED or role == "C":
                    led, cooperated = led + (role in _LED), cooperated + (role == "C")
                    by_column[index][role in _LED] += 1
            number = out.count + 1
            span = f"{first_letter}{number}:{last_letter}{number}"
            counts = (f'=COUNTIF({span},"R")+COUNTIF({span},"A/R")', f'=COUNTIF({span},"C")') if departments else (0, 0)
            leader = _leader_text(row.measure)
            cached[f"{led_letter}{number}"], cached[f"{cooperated_letter}{number}"] = led, cooperated
            out.append(
                [
                    _cell(worksheet, row.measure.id, alignment=style.WRAPPED),
                    _cell(worksheet, section.title, alignment=style.WRAPPED),
                    _cell(worksheet, row.measure.title, alignment=style.WRAPPED),
                    *((_cell(worksheet, leader or None, alignment=style.WRAPPED),) if leaders else ()),
                    *(_cell(worksheet, c, alignment=style.CENTRED, formula=True) for c in counts),
                    *grid,
                ],
                height=height or None,
                outline=1,
            )
    _write_matrix_totals(out, fixed, len(departments), last_data_row)
    if departments:
        lead_row, cooperate_row = out.count - 1, out.count
        cached[f"{led_letter}{lead_row}"] = sum(led for _, led in by_column)
        cached[f"{cooperated_letter}{cooperate_row}"] = sum(cooperated for cooperated, _ in by_column)
        for offset, (cooperated, led) in enumerate(by_column):
            letter = get_column_letter(first + offset)
            cached[f"{letter}{lead_row}"], cached[f"{letter}{cooperate_row}"] = led, cooperated
    _write_legend(out)
    # On paper the legend goes to every page's footer: printed under the totals, it took a page
    # of its own under a full repeated header.
    worksheet.print_area = f"A1:{get_column_letter(width)}{last_data_row + len(TOTAL_LABELS)}"
    worksheet.oddFooter.left.text = "图例：" + "　".join(labelled(role) for role in ROLES)
    worksheet.oddFooter.left.font = style.FONT_NAME
    worksheet.oddFooter.left.size = 8
    return cached


#: Height in points of one stacked (vertical) Chinese character of the 10 pt header font,
#: and what the cell keeps above and below: LibreOffice clipped the first character of a
#: 17-character name at 13 points a character.
STACKED_CHARACTER, _STACK_MARGIN = 15.5, 14


def header_height(departments: Sequence[str]) -> float:
    """The matrix header's height: the longest department name stacked in full (Excel's limit 409)."""
    longest = max((len(d) for d in departments), default=4)
    return min(409, STACKED_CHARACTER * longest + _STACK_MARGIN)


def _matrix_widths(plan: Plan) -> tuple[float, float, float]:
    """Widths of the 编号, 所属行动/工程 and 措施 columns: the longest of each, within bounds."""
    ids = max((len(m.id) for m in plan.measures), default=4)
    sections = max((_units(s.title) for s in plan.sections), default=8)
    titles = max((_units(m.title) for m in plan.measures), default=8)
    return (max(6, ids * 1.1 + 2), min(max(10, sections + 1), 34), min(max(12, titles + 1), 50))


#: Width of a 牵头领导 column (one leader a line): the longest leader's title whole, within these bounds.
_LEADER_WIDTH, _WIDEST_LEADER = 12, 30


def _leader_width(plan: Plan) -> float:
    """A 牵头领导 column as wide as the longest title (县委常委、常务副县长), so no title breaks inside."""
    longest = max((_units(name) for m in plan.measures for name in m.leaders), default=0)
    return min(max(_LEADER_WIDTH, longest + 1), _WIDEST_LEADER)


def _division_widths(header: Sequence[str], leader_width: float) -> list[float]:
    """The 任务分工表's column widths, its 牵头领导 column fitted to the plan's leaders."""
    return [leader_width if name == LEADER_LABEL else _DIVISION_WIDTHS.get(name, 12) for name in header]


def _leader_text(measure: Measure) -> str:
    """A measure's 牵头领导 as its matrix cell shows them, one a line."""
    return "\n".join(measure.leaders)


def _units(text: str) -> float:
    """Excel width units a 10 pt text needs: a Chinese character about 1.9, ASCII about 1.1."""
    return sum(1.1 if ord(c) < 128 else 1.9 for c in text)


def _section_rows(plan: Plan) -> list[int]:
    """The sheet row of each section's own row, above its measures."""
    rows, row = [], 1
    for section in plan.sections:
        row += 1
        rows.append(row)
        row += len(section.measures)
    return rows


def _measure_blocks(plan: Plan) -> list[tuple[int, int]]:
    """First and last sheet row of each section's measures, the rows below its section row."""
    return [
        (row + 1, row + len(section.measures))
        for section, row in zip(plan.sections, _section_rows(plan), strict=True)
        if section.measures
    ]


def _add_role_validation(worksheet, ranges: str) -> None:
    """A dropdown of the RACI labels; anything else typed into the grid is refused."""
    validation = DataValidation(
        type="list",
        formula1=f'"{",".join(OFFICE_ORDER)}"',
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorTitle="角色无效",
        error=f"请从下拉列表选择：{'、'.join(OFFICE_ORDER)}，或留空",
        showInputMessage=True,
        promptTitle="RACI 角色",
        prompt="；".join(labelled(role) for role in OFFICE_ORDER),
    )
    validation.sqref = ranges  # type: ignore[assignment]
    worksheet.data_validations.append(validation)


def _write_matrix_totals(out: _Rows, fixed: Sequence[str], departments: int, last_data_row: int) -> None:
    """Two rows of live COUNTIF totals, so the counts follow an office's edits."""
    worksheet = out.worksheet
    first = len(fixed) + 1
    roles_of = {TOTAL_LABELS[0]: ("R", "A/R"), TOTAL_LABELS[1]: ("C",)}
    for offset, (label, roles) in enumerate(roles_of.items()):
        count_column = get_column_letter(len(fixed) - 1 + offset)
        cells = [
            _cell(worksheet, fill=style.HEADER_FILL),
            _cell(worksheet, fill=style.HEADER_FILL),
            _cell(worksheet, label, font=style.HEADER, fill=style.HEADER_FILL),
            *(_cell(worksheet, fill=style.HEADER_FILL) for _ in range(len(fixed) - 5)),
        ]
        for column in range(len(fixed) - 1, first + departments):
            letter = get_column_letter(column)
            span = f"{letter}2:{letter}{last_data_row}"
            if column < first:
                value = f"=SUM({span})" if letter == count_column else None
            else:
                value = "=" + "+".join(f'COUNTIF({span},"{r}")' for r in roles)
            cells.append(
                _cell(
                    worksheet, value, font=style.HEADER, fill=style.HEADER_FILL, alignment=style.CENTRED, formula=True
                )
            )
        out.append(cells)


def _write_legend(out: _Rows) -> None:
    worksheet = out.worksheet
    out.append([])
    for index, role in enumerate(OFFICE_ORDER):
        meaning = ROLE_LABELS[role]
        out.append(
            [
                None,
                _cell(worksheet, LEGEND_LABEL if index == 0 else None, font=style.HEADER, border=False),
                _cell(worksheet, meaning, border=False),
                _cell(
                    worksheet,
                    role,
                    fill=style.ROLE_FILLS[role],
                    font=style.ROLE_FONTS[role],
                    alignment=style.CENTRED,
                ),
            ]
        )


# -- 任务分工表 and the department sheets ------------------------------------------


def _start_table(worksheet, header: Sequence[str], widths: Sequence[float], *, landscape: bool) -> _Rows:
    """Column widths, a frozen header repeated on every printed page, and the header itself."""
    _set_widths(worksheet, widths)
    worksheet.freeze_panes = "A2"
    style.setup_page(worksheet, landscape=landscape)
    out = _Rows(worksheet)
    out.append(_header(worksheet, header), height=24)
    return out


def _write_table(
    worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[float] | None = None,
    fill: Callable[[Sequence[str]], PatternFill | None] = lambda _values: None,
) -> _Rows:
    """A bordered, wrapped table under a repeated header: the 分工表 layout every office prints."""
    widths = widths or [_DIVISION_WIDTHS.get(name, 12) for name in header]
    out = _start_table(worksheet, header, widths, landscape=True)
    for values in rows:
        colour = fill(values)
        out.append(
            [_cell(worksheet, v or None, fill=colour, alignment=_alignment(v)) for v in values],
            height=style.text_height(zip((str(v) for v in values), widths, strict=True)),
        )
    return out


def _alignment(value: object) -> Alignment:
    """A count centred, a text wrapped from the top left."""
    return style.TOP_CENTRED if isinstance(value, int) else style.WRAPPED


def _write_department_sheets(
    workbook: Workbook, plan: Plan, graph: nx.Graph, departments: Sequence[str], *, leaders: bool, leader_width: float
) -> None:
    taken = list(workbook.sheetnames)
    for department in departments:
        name = sheet_name(department, taken)
        taken.append(name)
        rows = []
        for section in plan.sections:
            for measure in section.measures:
                if not graph.has_edge(measure.id, department):
                    continue
                values = division_values(graph, section, measure, plan.groups, leaders=leaders)
                rows.append((*values[:3], graph.edges[measure.id, department]["role"], *values[3:]))
        header = per_department_header(leaders)
        _write_table(workbook.create_sheet(name), header, rows, _division_widths(header, leader_width))


# -- 部门工作量 ------------------------------------------------------------------------


def _write_workload(workbook: Workbook, rows: Sequence[WorkloadRow]) -> None:
    worksheet = workbook.create_sheet(WORKLOAD_SHEET)
    name_width = max(24, *(_units(r.department) + 2 for r in rows)) if rows else 24
    widths = (name_width, 14, 10, 10, 8, 8, 12, 48)
    out = _start_table(worksheet, WORKLOAD_HEADER, widths, landscape=True)
    counts = (lambda r: r.accountable, lambda r: r.leads, lambda r: r.cooperates, lambda r: r.total)
    for row in rows:
        sections = "、".join(row.sections)
        out.append(
            [
                _cell(worksheet, row.department, alignment=style.WRAPPED),
                _cell(worksheet, row.kind, alignment=style.WRAPPED),
                *(_cell(worksheet, count(row), alignment=style.TOP_CENTRED) for count in counts),
                _cell(worksheet, row.share, alignment=style.TOP_CENTRED, number_format="0.0%"),
                _cell(worksheet, sections, alignment=style.WRAPPED),
            ],
            height=style.text_height([(row.department, widths[0]), (sections, widths[-1])]),  # every section shown
        )
    working = sum(1 for r in rows if r.total)
    if working:
        chart = _workload_chart(worksheet, min(working, CHART_DEPARTMENTS), rows[0].total)
        worksheet.add_chart(chart, f"{get_column_letter(len(WORKLOAD_HEADER) + 2)}2")


def _workload_chart(worksheet, count: int, most: int) -> BarChart:
    """Stacked horizontal bars of the busiest departments, heaviest on top."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = f"部门工作量（前 {count} 位）"
    chart.y_axis.title = "措施数"
    chart.y_axis.majorUnit = max(1, math.ceil(most / 8))
    chart.y_axis.number_format = "0"
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    leads = WORKLOAD_HEADER.index("牵头数（R）") + 1  # stacked with 配合数 beside it: together the 合计
    chart.add_data(
        Reference(worksheet, min_col=leads, max_col=leads + 1, min_row=1, max_row=1 + count), titles_from_data=True
    )
    chart.set_categories(Reference(worksheet, min_col=1, min_row=2, max_row=1 + count))
    chart.width = 15
    chart.height = max(7.5, 0.8 * count + 3)
    return chart


# -- 审计问题 --------------------------------------------------------------------------


def _write_findings(workbook: Workbook, rows: Sequence[Sequence[str]]) -> None:
    worksheet = workbook.create_sheet(FINDINGS_SHEET)
    widths = (8, 18, 22, 30, 16, 48, 30)
    out = _write_table(
        worksheet, FINDINGS_HEADER, rows, widths, fill=lambda values: style.SEVERITY_FILLS.get(values[0])
    )
    if not rows:
        out.append([_cell(worksheet, "未发现问题", border=False)])
