"""The ledger workbook, the reminders and the report, from the hand-built plan of test_ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
from docx.shared import Mm

from matrix.track.documents import _widths, write_bulletin, write_reminders
from matrix.track.ledger import build_ledger
from matrix.track.ledger_workbook import LEDGER_SHEET, SHEETS, ledger_header, write_ledger_workbook
from matrix.track.progress_chart import completion_chart_png, completion_table
from matrix.track.reminders import build_bulletin, build_reminders

from .test_ledger import FILED, FINDINGS, GRAPH, PLAN, REPORTS, _ledger

AS_OF = dt.date(2026, 1, 5)


def test_the_workbook_has_every_sheet_and_lists_the_undated_deadline(tmp_path: Path) -> None:
    ledger = _ledger(AS_OF)
    path = write_ledger_workbook(ledger, tmp_path / "台账.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == list(SHEETS)
    sheet = workbook[LEDGER_SHEET]
    assert [c.value for c in sheet[2]] == list(ledger_header(ledger))
    assert sheet.auto_filter.ref == f"A2:{openpyxl.utils.get_column_letter(len(ledger_header(ledger)))}9"
    problems = workbook["时限核对"]
    assert [c.value for c in problems[3]][:3] == ["1.6", "2025年前", problems.cell(3, 3).value]
    assert "可指2024年底或2025年底" in problems.cell(3, 3).value


def test_without_undated_deadlines_there_is_no_check_sheet(tmp_path: Path, wutai) -> None:
    ledger = build_ledger(wutai.plan, wutai.graph, wutai.findings, (), (), AS_OF)
    workbook = openpyxl.load_workbook(write_ledger_workbook(ledger, tmp_path / "台账.xlsx"))
    assert "时限核对" not in workbook.sheetnames


def test_the_completion_table_ends_with_the_whole_plan() -> None:
    table = completion_table(_ledger(AS_OF))
    assert [name for name, _ in table] == ["县甲", "县乙", "全部牵头任务"]
    assert table[-1][1][-1] == _ledger(AS_OF).total.completion
    assert completion_chart_png(_ledger(AS_OF)).startswith(b"\x89PNG")


def test_a_reminder_names_the_missed_date_of_a_recurring_deadline() -> None:
    silent = tuple(r for r in REPORTS if (r.measure, r.status) != ("1.2", "已完成"))
    ledger = build_ledger(PLAN, GRAPH, FINDINGS, silent, FILED, AS_OF)
    (first, second) = build_reminders(ledger, reply_by=AS_OF + dt.timedelta(days=7))
    assert first.department == "县甲"
    items = {i.measure: i for i in first.overdue}
    assert items["1.2"].deadline == "每季度（2025年12月31日到期）"
    assert items["1.1"].deadline == "2025年底前"
    assert [s.heading for s in first.sections] == ["一、已过完成时限、尚未报告完成的任务", "二、工作要求"]
    assert [s.heading for s in second.sections][1] == "二、未报送2025年12月进展的任务"
    assert "2026年1月12日前" in second.sections[-1].paragraphs[0]


def test_the_report_lists_the_overdue_by_department(tmp_path: Path) -> None:
    bulletin = build_bulletin(_ledger(AS_OF))
    headings = [s.heading for s in bulletin.sections]
    assert headings == [
        "一、总体情况",
        "二、各单位完成情况",
        "三、逾期未完成的任务",
        "四、未按时报送进展的单位",
        "五、尚未明确牵头单位的措施",
        "六、下一步工作",
    ]
    overdue = bulletin.sections[2].rows
    assert [(r[0], r[1]) for r in overdue] == [("县甲", "1.1"), ("县乙", "1.4")]
    path = write_bulletin(bulletin, tmp_path / "通报.docx", chart_png=completion_chart_png(_ledger(AS_OF)))
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == 1
    assert document.paragraphs[0].text == bulletin.title


def test_reminder_files_are_one_per_department(tmp_path: Path) -> None:
    reminders = build_reminders(_ledger(AS_OF), reply_by=AS_OF)
    run = write_reminders(reminders, tmp_path)
    assert [p.name for p in run.written] == ["督办通知-县甲.docx", "督办通知-县乙.docx"]
    assert docx.Document(str(run.written[1])).paragraphs[2].text == "县乙："


def test_table_columns_fill_the_type_area_and_keep_short_texts_on_one_line() -> None:
    header = ("单位", "编号", "任务", "完成时限", "最近报告")
    rows = [("县农业农村局", "3.2.1", "树立相信科学、和谐理性的思想观念" * 2, "2021-2025年", "推进中（2025-12，50%）")]
    widths = _widths(header, rows)
    assert abs(sum(w.mm for w in widths) - 156) < 0.01
    assert widths[0] >= Mm(6 * 4.2) and widths[3] >= Mm(6 * 4.2)
    assert widths[2] > widths[4] > widths[1]
