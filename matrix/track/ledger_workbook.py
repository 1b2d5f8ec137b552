"""The 执行台账 workbook: the ledger as the office keeps it, filters it and prints it.

Sheets, in order: 总体情况 (the counts and the flags' meaning), 执行台账 (one
row per measure × lead department, with its latest report, its history and
its flags), 单位汇总 (counts per lead department), 完成进度 (completion per
department per period, with the chart) and, when there are any, 时限核对
(deadlines that could not be dated). The content comes from
:class:`~matrix.track.ledger.Ledger`; nothing here decides a flag.
"""

from __future__ import annotations

import io
from collections.abc import Container, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..export import excel_style as style
from ..export.atomic import atomic_path
from ..export.excel_style import styled_cell
from ..export.notice import format_date
from .ledger import NO_LEAD, NOT_REPORTED, OVERDUE, STALLED, UNREPORTED, Count, Ledger, LedgerRow
from .progress_chart import completion_table
from .records import COMPLETE, LAGGING, ONGOING_STATUS, STATUSES

__all__ = ["COUNT_HEADER", "LEDGER_SHEET", "SHEETS", "ledger_header", "write_ledger_workbook"]

SUMMARY_SHEET, LEDGER_SHEET, DEPARTMENT_SHEET, PROGRESS_SHEET, PROBLEM_SHEET = (
    "总体情况",
    "执行台账",
    "单位汇总",
    "完成进度",
    "时限核对",
)
SHEETS = (SUMMARY_SHEET, LEDGER_SHEET, DEPARTMENT_SHEET, PROGRESS_SHEET, PROBLEM_SHEET)

_LEDGER_COLUMNS = (
    ("编号", 7),
    ("任务", 22),
    ("所属任务", 16),
    ("牵头单位", 12),
    ("角色", 10),
    ("完成时限", 12),
    ("时限解读", 14),
    ("最新状态", 9),
    ("完成比例", 8),
    ("进展情况", 30),
    ("存在问题", 18),
    ("下一步措施", 18),
    ("责任人", 8),
    ("联系电话", 13),
    ("最近报送", 9),
)
_FLAG_COLUMN = ("督办标记", 14)
#: Points a wrapped line takes: Excel's 13.5 cut the third line of a task in LibreOffice's CJK fonts.
_LINE_HEIGHT = 15.0
_HISTORY_WIDTH = 9
COUNT_HEADER = (
    "单位",
    "牵头任务",
    *STATUSES,
    NOT_REPORTED,
    "完成率",
    OVERDUE,
    UNREPORTED,
    STALLED,
    "本期报送",
)
_COUNT_WIDTHS = (16, 8, 7, 7, 7, 7, 8, 7, 8, 6, 7, 8, 8)

#: The first flag of a row colours its 督办标记 cell; statuses colour their own cell.
FLAG_FILLS = {
    OVERDUE: PatternFill("solid", fgColor="F8CBAD"),
    UNREPORTED: PatternFill("solid", fgColor="FCE4D6"),
    STALLED: PatternFill("solid", fgColor="FFE699"),
    NO_LEAD: PatternFill("solid", fgColor="D9D9D9"),
}
STATUS_FILLS = {
    COMPLETE: PatternFill("solid", fgColor="C6EFCE"),
    LAGGING: PatternFill("solid", fgColor="FFC7CE"),
    ONGOING_STATUS: PatternFill("solid", fgColor="DDEBF7"),
    NOT_REPORTED: PatternFill("solid", fgColor="EDEDED"),
}
_FLAG_MEANINGS = (
    (OVERDUE, "完成时限已过，牵头单位尚未报告完成（每年、每季度等周期性任务：上一周期内未报告完成）"),
    (UNREPORTED, "本期未收到牵头单位对该任务的进展反馈"),
    (STALLED, "本期报告“滞后”，或连续数期进展情况、状态和完成比例均无变化"),
    (NO_LEAD, "方案未明确牵头单位（或只写了“各有关部门”等不指具体单位的集体），需领导小组明确"),
)


def ledger_header(ledger: Ledger) -> tuple[str, ...]:
    """The 执行台账 header: fixed columns, one per period of the history, then the flags."""
    return (*(name for name, _ in _LEDGER_COLUMNS), *(p.label for p in ledger.history), _FLAG_COLUMN[0])


def _title(sheet: Worksheet, text: str, columns: int) -> None:
    """The first row: one title over ``columns`` columns."""
    sheet.append([styled_cell(sheet, text, font=style.TITLE, alignment=style.CENTRED, border=False)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(columns, 1))
    sheet.row_dimensions[1].height = 30


def _header(sheet: Worksheet, names: Sequence[str], widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.append(
        [styled_cell(sheet, n, font=style.HEADER, fill=style.HEADER_FILL, alignment=style.CENTRED) for n in names]
    )


def _body(
    sheet: Worksheet,
    values: Sequence[object],
    *,
    centred: Container[int] = (),
    fills: Mapping[int, PatternFill] | None = None,
    formats: Mapping[int, str] | None = None,
    font: Font = style.BODY,
) -> int:
    """Append one bordered row (columns counted from 1 in ``centred``, ``fills``, ``formats``); return its number."""
    fills, formats = fills or {}, formats or {}
    sheet.append(
        [
            styled_cell(
                sheet,
                value,
                font=font,
                alignment=style.CENTRED if column in centred else style.WRAPPED,
                fill=fills.get(column),
                number_format=formats.get(column),
            )
            for column, value in enumerate(values, start=1)
        ]
    )
    return sheet.max_row


def _stamp(ledger: Ledger) -> str:
    period = f"，{ledger.period.text}期" if ledger.period else "，尚未收录进展反馈"
    return f"截至{format_date(ledger.as_of)}{period}"


def _summary(sheet: Worksheet, ledger: Ledger) -> None:
    sheet.title = SUMMARY_SHEET
    _title(sheet, f"《{ledger.title}》执行情况", 2)
    total = ledger.total
    submitted = [c for c in ledger.departments if c.submitted]
    stage = ledger.stage
    rows = [
        ("统计时点", _stamp(ledger).removeprefix("截至").replace("，", "　")),
        ("牵头任务（措施×牵头单位）", total.measures),
        *((status, total.of(status)) for status in (*STATUSES, NOT_REPORTED)),
        ("完成率", total.completion),
        (OVERDUE, total.overdue),
        (UNREPORTED, total.unreported),
        (STALLED, total.stalled),
        (NO_LEAD + "的措施", ledger.no_lead),
        ("本期已报送单位", f"{len(submitted)} / {len(ledger.departments)}" if ledger.period else "—"),
        ("完成时限无法确定的措施", len(ledger.problems)),
        ("当前阶段", f"{stage.label}（至{format_date(stage.date)}）" if stage else "—"),
        ("", ""),
        *(("标记：" + flag, meaning) for flag, meaning in _FLAG_MEANINGS),
    ]
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 70
    for label, value in rows:
        if not label:
            sheet.append([])
            continue
        _body(sheet, (label, value), formats={2: "0.0%"} if label == "完成率" else None)
    style.setup_page(sheet, landscape=False, title_rows="1:1")


def _ledger_values(row: LedgerRow) -> tuple[object, ...]:
    latest = row.latest
    fixed = (
        row.measure,
        row.title,
        row.section,
        row.department or "—",
        row.role or "—",
        row.deadline.text or "—",
        row.deadline.describe(),
        row.status if row.department else "—",
        latest.percent if latest else None,
        latest.progress if latest else "",
        latest.problems if latest else "",
        latest.next_steps if latest else "",
        latest.person if latest else "",
        latest.phone if latest else "",
        latest.period if latest else "",
    )
    return (*fixed, *row.history, "、".join(row.flags))


def _ledger(sheet: Worksheet, ledger: Ledger) -> None:
    header = ledger_header(ledger)
    widths = [w for _, w in _LEDGER_COLUMNS] + [_HISTORY_WIDTH] * len(ledger.history) + [_FLAG_COLUMN[1]]
    _title(sheet, f"《{ledger.title}》执行台账（{_stamp(ledger)}）", len(header))
    _header(sheet, header, widths)
    first_history = len(_LEDGER_COLUMNS) + 1
    status_column, percent_column = 8, 9
    centred = {1, 5, status_column, percent_column, 15, *range(first_history, len(header) + 1)}
    for row in ledger.rows:
        values = _ledger_values(row)
        statuses = {status_column: row.status} | {first_history + i: s for i, s in enumerate(row.history)}
        fills = {column: STATUS_FILLS[s] for column, s in statuses.items() if s in STATUS_FILLS}
        if row.flags:
            fills[len(header)] = FLAG_FILLS[row.flags[0]]
        number = _body(sheet, values, centred=centred, fills=fills, formats={percent_column: "0%"})
        height = style.text_height(zip((str(v or "") for v in values), widths, strict=True), line=_LINE_HEIGHT)
        if height:
            sheet.row_dimensions[number].height = height
    last = max(2, 2 + len(ledger.rows))
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(header))}{last}"
    sheet.freeze_panes = "C3"
    style.setup_page(sheet, landscape=True, title_rows="2:2", title_columns="A:B")


def _count_values(count: Count) -> tuple[object, ...]:
    submitted = {True: "是", False: "否", None: "—"}[count.submitted]
    return (
        count.name,
        count.measures,
        *(count.of(s) for s in (*STATUSES, NOT_REPORTED)),
        count.completion,
        count.overdue,
        count.unreported,
        count.stalled,
        submitted,
    )


def _departments(sheet: Worksheet, ledger: Ledger) -> None:
    _title(sheet, f"各牵头单位任务完成情况（{_stamp(ledger)}）", len(COUNT_HEADER))
    _header(sheet, COUNT_HEADER, _COUNT_WIDTHS)
    rate = COUNT_HEADER.index("完成率") + 1
    centred = range(2, len(COUNT_HEADER) + 1)
    flagged = {rate + 1: OVERDUE, rate + 2: UNREPORTED, rate + 3: STALLED}
    for count in (*ledger.departments, ledger.total):
        values = _count_values(count)
        fills = {column: FLAG_FILLS[flag] for column, flag in flagged.items() if values[column - 1]}
        if count.submitted is False:
            fills[len(COUNT_HEADER)] = FLAG_FILLS[UNREPORTED]
        font = style.HEADER if count is ledger.total else style.BODY
        _body(sheet, values, centred=centred, fills=fills, formats={rate: "0.0%"}, font=font)
    sheet.freeze_panes = "B3"
    style.setup_page(sheet, landscape=True, title_rows="2:2")


def _progress(sheet: Worksheet, ledger: Ledger, chart_png: bytes | None) -> None:
    periods = [p.label for p in ledger.history]
    header = ("单位", *periods)
    _title(sheet, "各牵头单位任务完成率（按期）", max(len(header), 4))
    _header(sheet, header, (16, *[10] * len(periods)))
    table = completion_table(ledger)
    shares_columns = range(2, len(header) + 1)
    for name, shares in table:
        _body(sheet, (name, *shares), centred=shares_columns, formats=dict.fromkeys(shares_columns, "0%"))
    if periods:
        area = f"B3:{get_column_letter(len(header))}{2 + len(table)}"
        sheet.conditional_formatting.add(
            area, ColorScaleRule(start_type="num", start_value=0, start_color="FBE9E7", end_type="num", end_value=1,
                                 end_color="63BE7B")
        )  # fmt: skip
    if chart_png is not None:
        picture = Image(io.BytesIO(chart_png))
        scale = min(1.0, 900 / picture.width)
        picture.width, picture.height = picture.width * scale, picture.height * scale
        sheet.add_image(picture, f"{get_column_letter(len(header) + 2)}2")
    style.setup_page(sheet, landscape=True, title_rows="2:2")


def _problems(sheet: Worksheet, ledger: Ledger) -> None:
    header = ("编号", "完成时限", "无法确定的原因", "位置")
    _title(sheet, "完成时限无法确定日期的措施（请在方案中写明具体日期）", len(header))
    _header(sheet, header, (8, 20, 60, 30))
    for problem in ledger.problems:
        _body(sheet, (problem.measure, problem.text, problem.reason, str(problem.location)), centred=(1,))
    style.setup_page(sheet, landscape=True, title_rows="2:2")


def write_ledger_workbook(ledger: Ledger, path: str | Path, *, chart_png: bytes | None = None) -> Path:
    """Write the ledger as an .xlsx workbook to ``path``.

    Parameters
    ----------
    ledger
        From :func:`~matrix.track.ledger.build_ledger`.
    path
        The workbook; written atomically.
    chart_png
        The completion chart (:func:`~matrix.track.progress_chart.completion_chart_png`),
        placed on the 完成进度 sheet beside its table; left out when ``None``.

    Raises
    ------
    OutputError
        When the file cannot be written.
    """
    workbook = Workbook()
    _summary(workbook.active, ledger)
    _ledger(workbook.create_sheet(LEDGER_SHEET), ledger)
    _departments(workbook.create_sheet(DEPARTMENT_SHEET), ledger)
    _progress(workbook.create_sheet(PROGRESS_SHEET), ledger, chart_png)
    if ledger.problems:
        _problems(workbook.create_sheet(PROBLEM_SHEET), ledger)
    workbook.properties.title = f"{ledger.title}执行台账"
    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return Path(path)
