"""Reading a returned 进展反馈表, or refusing it with the file and the cell.

A returned sheet is only believed when everything the office wrote is still
as the current plan says: the plan, the department (in the hidden sheet, on
the 填报单位 line and in the file's name), the header, and every locked cell
of every row; words outside the cells (a sheet added, a comment, a text box)
are refused by :mod:`matrix.track.unread`. A sheet typed over, with rows
added or deleted or cells merged, of another plan, another department or an
older version of this plan, is refused at the first cell that differs, with
what was expected; so is
a status outside the list, a share outside 0-100 % or contradicting the
status (已完成 at 60 %), a date that is not a date, and a 报送日期 before the
period began (last period's sheet sent again) or after the day of collecting.
Nothing is read around a problem: the person who fixes it is looking at that
cell in Excel or WPS.

A row counts as reported when any of 进展情况, 完成状态, 完成比例, 存在问题 or
下一步措施 is filled in, and then it must have a 完成状态; a row with only the
contact columns filled is left as not reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..export.filenames import safe_filename
from ..model import Location
from ..readers import MAX_INPUT_BYTES
from ..readers.xlsx import open_workbook, refuse_unreadable
from .form_layout import (
    DATE_COLUMN,
    FILLED_HEADER,
    FIRST_ROW,
    FIXED_HEADER,
    FORM_SHEET,
    FORM_VERSION,
    HEADER,
    HEADER_ROW,
    INFO_KEYS,
    INFO_SHEET,
    PERCENT_COLUMN,
    STATUS_COLUMN,
    TITLE_ROW,
    UNIT_ROW,
    FormRow,
    form_digest,
)
from .periods import Period, parse_period
from .records import COMPLETE, NOT_STARTED, STATUSES, Report, Submission
from .unread import refuse_unread
from .written_dates import WrittenDate, read_written_date

__all__ = ["ExpectedForm", "file_digest", "read_feedback"]

_FILLED_START = len(FIXED_HEADER) + 1
#: Columns whose content makes a row a report; 责任人, 联系电话 and 报送日期 alone do not.
_REPORTING = ("进展情况", "完成状态", "完成比例", "存在问题", "下一步措施")


@dataclass(frozen=True)
class ExpectedForm:
    """What the current plan says a department's form holds: the check a returned sheet must pass.

    ``leads`` gives the lead departments of every measure that has one and
    ``departments`` every department of the plan (the office aside), so that a
    row or a file of another department is refused by name.
    """

    plan_key: str
    department: str
    rows: tuple[FormRow, ...]
    leads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    departments: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        return form_digest(self.plan_key, self.department, (r.cells() for r in self.rows))


def file_digest(path: Path) -> str | None:
    """The SHA-256 a returned file is known by, ``None`` for one that is missing or too large to be a form."""
    if not path.is_file() or path.stat().st_size > MAX_INPUT_BYTES:
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(value: object) -> str:
    """A cell as the text a person typed: whole numbers without ``.0``, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


class _Sheet:
    """One returned sheet, with the location of any of its cells at hand."""

    def __init__(self, path: Path, sheet: Worksheet) -> None:
        self.path, self.sheet = path, sheet

    def at(self, row: int, column: int) -> Location:
        return Location(str(self.path), sheet=self.sheet.title, cell=f"{get_column_letter(column)}{row}")

    def refuse(self, row: int, column: int, message: str) -> InputError:
        return InputError(message, self.at(row, column))

    def value(self, row: int, column: int) -> object:
        return self.sheet.cell(row, column).value


def _info(path: Path, workbook) -> dict[str, str]:
    """The hidden 表单信息 sheet as key → value; a sheet without it was not made by ``raci track forms``."""
    names = workbook.sheetnames
    if FORM_SHEET not in names or INFO_SHEET not in names:
        raise InputError(
            f"不是 raci track forms 生成的进展反馈表（缺少工作表“{FORM_SHEET}”或其表单信息）；"
            "请用下发的反馈表原文件填报 (not a feedback form)",
            Location(str(path)),
        )
    sheet = workbook[INFO_SHEET]
    info = {_text(sheet.cell(r, 1).value): _text(sheet.cell(r, 2).value) for r in range(1, len(INFO_KEYS) + 1)}
    missing = [key for key in INFO_KEYS if not info.get(key)]
    if missing:
        raise InputError(
            f"反馈表的表单信息缺少“{missing[0]}”，无法确认它属于哪个方案 (form information damaged)",
            Location(str(path), sheet=INFO_SHEET, cell=f"B{INFO_KEYS.index(missing[0]) + 1}"),
        )
    return info


def _check_version(form: _Sheet, info: dict[str, str]) -> None:
    version = info["表单版本"]
    if not version.isdigit():
        raise form.refuse(TITLE_ROW, 1, f"反馈表的表单版本“{version}”无法识别 (unknown form version)")
    if int(version) > FORM_VERSION:
        raise form.refuse(
            TITLE_ROW,
            1,
            f"此反馈表由更新版本的 raci 生成（表单版本 {version}，本程序只认识到 {FORM_VERSION}），请升级 raci "
            "(form from a newer version)",
        )
    if int(version) < FORM_VERSION:
        raise form.refuse(
            TITLE_ROW,
            1,
            f"此反馈表是旧格式（表单版本 {version}），请用 raci track forms 重新生成后填报 (form of an old layout)",
        )


def _check_header(form: _Sheet) -> None:
    for column, name in enumerate(HEADER, start=1):
        found = _text(form.value(HEADER_ROW, column))
        if found != name:
            raise form.refuse(
                HEADER_ROW, column, f"表头应为“{name}”，实为“{found}”（列被移动、插入或删除？）(header changed)"
            )
    extra = _text(form.value(HEADER_ROW, len(HEADER) + 1))
    if extra:
        raise form.refuse(HEADER_ROW, len(HEADER) + 1, f"表格右侧多出一列“{extra}”（列被插入？）(column added)")


def _named(text: str, department: str) -> bool:
    return department in text or safe_filename(department) in text


def _check_department(form: _Sheet, expected: ExpectedForm) -> None:
    """The department the form was made for must still be the one on its 填报单位 line and in its file name.

    A department that takes another's form (a cooperating one, or one whose
    own form is lost), writes its name over the 填报单位 line or renames the
    file, would have its words filed as the other department's report.
    """
    department = expected.department
    line = _text(form.value(UNIT_ROW, 1))
    made = f"填报单位：{department}"
    if line != made and not line.startswith(f"{made}　"):
        written = re.match(r"填报单位[：:]\s*([^\s　]*)", line)
        found = written[1] if written else line[:40]
        raise form.refuse(
            UNIT_ROW,
            1,
            f"此表是为“{department}”生成的，填报单位却写作“{found}”：请用本单位的反馈表填报"
            " (sheet of another department)",
        )
    stem = form.path.stem
    if _named(stem, department):
        return
    others = sorted((d for d in expected.departments if d != department and _named(stem, d)), key=len, reverse=True)
    if others:
        raise form.refuse(
            UNIT_ROW,
            1,
            f"文件名写的是“{others[0]}”，此表却是为“{department}”生成的：请用本单位的反馈表填报，"
            "或把文件名改回本单位 (file named for another department)",
        )


def _check_merged(form: _Sheet) -> None:
    """Refuse cells merged in the table: one entry over several rows would be read for the first row only."""
    for merged in sorted(form.sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= HEADER_ROW:
            raise form.refuse(
                merged.min_row,
                merged.min_col,
                f"单元格 {merged.coord} 被合并：每项任务请在本行分别填写，不要合并单元格 (cells merged)",
            )


def _last_row(sheet: Worksheet) -> int:
    """The last row holding any value, ignoring trailing empty rows (and empty formatted ones)."""
    last = HEADER_ROW
    for (row, _column), cell in sheet._cells.items():
        if row > last and cell.value not in (None, ""):
            last = row
    return last


def _locked_cells(form: _Sheet, row: int) -> tuple[str, ...]:
    return tuple(_text(form.value(row, column)) for column in range(1, _FILLED_START))


def _check_beside(form: _Sheet) -> None:
    """Refuse anything typed right of the table: it would be read by nobody."""
    beside = [key for key, cell in form.sheet._cells.items() if key[1] > len(HEADER) and cell.value not in (None, "")]
    if beside:
        row, column = min(beside)
        raise form.refuse(row, column, "表格右侧有内容，不会被收录；请删除或填入表内 (content beside the table)")


def _difference(form: _Sheet, found: Sequence[tuple[int, tuple[str, ...]]], expected: ExpectedForm) -> InputError:
    """The first place where the sheet's locked part differs from ``expected``, as a located error."""
    wanted = {row.measure: row for row in expected.rows}
    seen: dict[str, int] = {}
    for number, cells in found:
        measure = cells[0]
        if not measure:
            return form.refuse(number, 1, "此行没有编号：反馈表中不能增加行 (row added)")
        if measure in seen:
            return form.refuse(number, 1, f"编号 {measure} 与第 {seen[measure]} 行重复（行被复制？）(duplicate row)")
        if measure not in wanted:
            leads = "、".join(expected.leads.get(measure, ()))
            if leads:
                return form.refuse(
                    number,
                    1,
                    f"编号 {measure} 由{leads}牵头，不是{expected.department}牵头的任务，应由牵头单位在其反馈表中报送"
                    "（行被增加？）(row of a measure another department leads)",
                )
            return form.refuse(
                number, 1, f"编号 {measure} 不是本单位在现行方案中牵头的任务（行被增加？）(row not in the plan)"
            )
        seen[measure] = number
    for index, row in enumerate(expected.rows):
        if row.measure not in seen:
            return form.refuse(
                FIRST_ROW + index,
                1,
                f"缺少编号 {row.measure}（{row.title}）的行（行被删除？）(row deleted)",
            )
    for position, (number, cells) in enumerate(found):
        row = expected.rows[position]
        if cells[0] != row.measure:
            return form.refuse(
                number, 1, f"此行应为编号 {row.measure}，实为 {cells[0]}：行的顺序被改动 (rows reordered)"
            )
        for column, (got, want) in enumerate(zip(cells, row.cells(), strict=True), start=1):
            if got != want:
                return form.refuse(
                    number,
                    column,
                    f"锁定列“{FIXED_HEADER[column - 1]}”被改动：应为“{want}”，实为“{got}” (locked cell edited)",
                )
    return form.refuse(FIRST_ROW, 1, "反馈表的锁定部分与现行方案不一致 (locked part differs)")


def _percent(form: _Sheet, row: int, value: object) -> float | None:
    column = PERCENT_COLUMN
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[%％]\s*", value)
        if match is None:
            raise form.refuse(row, column, f"完成比例应为百分数（如 60%），实为“{value}” (not a percentage)")
        value = float(match[1]) / 100
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise form.refuse(row, column, f"完成比例应为百分数（如 60%），实为“{value}” (not a percentage)")
    if not 0 <= value <= 1:
        raise form.refuse(
            row,
            column,
            f"完成比例应在 0% 到 100% 之间，实为 {value:.0%}（如指 {value:g}%，请填 {value:g}%）(out of range)",
        )
    return float(value)


def _date(form: _Sheet, row: int, value: object, period: Period, today: dt.date) -> dt.date | None:
    """The 报送日期 of a row: a date within reach of the period, or refused at its cell.

    A date before the period began is last period's (a sheet sent again, or a
    row whose date was not brought up to date); a date after the day of
    collecting is a slip of the keyboard. Either would file the row under the
    wrong month without a word.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = read_written_date(value)
        except WrittenDate as exc:
            raise form.refuse(row, DATE_COLUMN, f"报送日期{exc}") from None
    else:
        raise form.refuse(row, DATE_COLUMN, f"报送日期应为日期（如 2026-11-30），实为“{value}” (not a date)")
    if day < period.start:
        raise form.refuse(
            row,
            DATE_COLUMN,
            f"报送日期 {day.isoformat()} 早于 {period.label} 期的开始（{period.start.isoformat()}）："
            "是上一期的反馈表，还是日期未更新？本期情况未变也请填本期的报送日期 (date before the period)",
        )
    if day > today:
        raise form.refuse(
            row, DATE_COLUMN, f"报送日期 {day.isoformat()} 晚于今天（{today.isoformat()}），请核对 (date in the future)"
        )
    return day


def _report(form: _Sheet, row: int, measure: str, period: Period, department: str, today: dt.date) -> Report | None:
    for column in range(_FILLED_START, len(HEADER) + 1):
        if form.sheet.cell(row, column).data_type == "e":  # #REF!, #DIV/0!: a formula gone wrong, not the words
            raise form.refuse(
                row,
                column,
                f"单元格显示错误值 {form.value(row, column)}（公式出错），请改为直接填写 (error value)",
            )
    values = {name: form.value(row, _FILLED_START + i) for i, name in enumerate(FILLED_HEADER)}
    if not any(_text(values[name]) for name in _REPORTING):
        return None
    status = _text(values["完成状态"])
    if not status:
        raise form.refuse(
            row, STATUS_COLUMN, f"编号 {measure} 已填写进展，但未选择完成状态（{'、'.join(STATUSES)}）(status missing)"
        )
    if status not in STATUSES:
        raise form.refuse(
            row, STATUS_COLUMN, f"完成状态“{status}”不在可选范围内（{'、'.join(STATUSES)}）(status not in the list)"
        )
    percent = _percent(form, row, values["完成比例"])
    if percent is not None and ((status == COMPLETE and percent < 1) or (status == NOT_STARTED and percent > 0)):
        raise form.refuse(
            row,
            PERCENT_COLUMN,
            f"完成状态为“{status}”，完成比例却为 {percent:.0%}：两者不符，请核对 (status and share disagree)",
        )
    return Report(
        period=period.label,
        department=department,
        measure=measure,
        status=status,
        percent=percent,
        progress=_text(values["进展情况"]),
        problems=_text(values["存在问题"]),
        next_steps=_text(values["下一步措施"]),
        person=_text(values["责任人"]),
        phone=_text(values["联系电话"]),
        reported_on=_date(form, row, values["报送日期"], period, today),
        cell=f"{FORM_SHEET}!A{row}",
    )


def read_feedback(
    path: str | Path,
    period: str,
    plan_key: str,
    expected_for: Callable[[str], ExpectedForm | None],
    *,
    today: dt.date | None = None,
) -> Submission:
    """Read one returned 进展反馈表.

    Parameters
    ----------
    path
        The returned .xlsx file.
    period
        The reporting period the reports are filed under (``2026-11``).
    plan_key
        The current plan's key (:func:`~matrix.track.form_layout.plan_key`).
    expected_for
        The current form of a department, ``None`` for one that leads nothing.
    today
        The day of collecting (today when omitted): a 报送日期 after it is refused.

    Returns
    -------
    Submission
        The department, the rows it reported, and the rows it left empty.

    Raises
    ------
    InputError
        With the file and, where there is one, the cell: not a form, a form
        of another plan, of a newer or older layout or plan version, a header
        or locked cell changed, rows added, deleted or reordered, cells merged,
        a sheet added, the form of another department, a status outside the
        list, a share outside 0-100 %, a date that is not a date or lies
        before the period or after ``today``, a reported row without a status,
        content beside the table.
    """
    path = Path(path)
    window = parse_period(period)
    today = today or dt.date.today()
    if not path.is_file():
        raise InputError("文件不存在 (no such file)", Location(str(path)))
    digest = file_digest(path)
    if digest is None:
        raise InputError("文件过大，不像是进展反馈表 (file too large)", Location(str(path)))
    workbook = open_workbook(path)
    try:
        info = _info(path, workbook)
        refuse_unread(path, workbook, (FORM_SHEET, INFO_SHEET))
        form = _Sheet(path, workbook[FORM_SHEET])
        _check_version(form, info)
        # a formula never calculated (a sheet filled by a program) would read as an empty report, and struck or
        # white text as a department did not show it
        refuse_unreadable(path, form.sheet, lambda row, _column: row >= FIRST_ROW)
        if info["方案"] != plan_key:
            raise form.refuse(
                TITLE_ROW, 1, f"这是《{info['方案']}》的反馈表，不是《{plan_key}》的 (form of another plan)"
            )
        department = info["单位"]
        expected = expected_for(department)
        if expected is None:
            raise form.refuse(
                UNIT_ROW,
                1,
                f"“{department}”在现行方案中没有牵头任务；此表可能按方案的旧版本生成 (department leads nothing)",
            )
        _check_department(form, expected)
        _check_header(form)
        _check_merged(form)
        last = _last_row(form.sheet)
        found = [
            (row, tuple(_text(form.value(row, c)) for c in range(1, _FILLED_START)))
            for row in range(FIRST_ROW, last + 1)
        ]
        as_read = form_digest(plan_key, department, (cells for _row, cells in found))
        if as_read != expected.digest:
            error = _difference(form, found, expected)
            if as_read == info["任务指纹"]:  # untouched since it was made, so made for another version
                raise InputError(
                    f"此表按方案的旧版本生成，与现行方案不符（{error.message}）；"
                    "请用 raci track forms 按现行方案重新生成后填报 (form of an older version of the plan)",
                    error.location,
                )
            raise error
        _check_beside(form)
        reports, blank = [], []
        for row, cells in found:
            report = _report(form, row, cells[0], window, department, today)
            if report is None:
                blank.append(cells[0])
            else:
                reports.append(report)
    finally:
        workbook.close()
    return Submission(
        period=window.label,
        department=department,
        path=str(path),
        file_digest=digest,
        form_digest=info["任务指纹"],
        reports=tuple(reports),
        blank=tuple(blank),
    )
