"""Returned feedback sheets: read when they are as the office sent them, refused at the cell when not."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from bench.feedback import fill_form
from matrix.errors import InputError
from matrix.graph import build_graph
from matrix.readers.yaml import read_yaml
from matrix.track.collect import expected_forms
from matrix.track.feedback import read_feedback
from matrix.track.form_layout import FIRST_ROW, FORM_SHEET, INFO_SHEET, form_filename, plan_key
from matrix.track.forms import write_form, write_forms

from ..conftest import INPUT, REVISED_PLAN, SMALL_PLAN
from .conftest import column, load

PERIOD = "2025-11"


@pytest.fixture(scope="module")
def forms(wutai, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("forms")
    write_forms(wutai.plan, wutai.graph, outdir)
    return outdir


def _read(wutai, path: Path):
    return read_feedback(path, PERIOD, plan_key(wutai.plan), expected_forms(wutai.plan, wutai.graph))


def _refusal(wutai, path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _read(wutai, path)
    return caught.value


def _edited(forms: Path, tmp_path: Path, department: str, edit) -> Path:
    """The department's form with ``edit(sheet)`` applied, saved beside the test."""
    workbook = openpyxl.load_workbook(forms / form_filename(department))
    edit(workbook)
    out = tmp_path / f"edited-{department}.xlsx"
    workbook.save(out)
    return out


def _row_of(sheet, measure: str) -> int:
    return next(r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value == measure)


def test_a_filled_sheet_is_read_row_by_row(wutai, forms: Path, tmp_path: Path) -> None:
    day = dt.date(2025, 11, 28)
    rows = {
        "3.2.1": {"进展情况": "已举办培训班3期", "完成状态": "推进中", "完成比例": 0.6, "存在问题": "经费紧张"},
        "3.2.2": {"进展情况": "全部完成", "完成状态": "已完成", "完成比例": "100%", "下一步措施": "巩固成果"},
    }
    path = fill_form(forms / form_filename("县农业农村局"), tmp_path / "农业.xlsx", rows, day=day, phone=13812345678)
    submission = _read(wutai, path)
    assert submission.department == "县农业农村局"
    assert submission.period == PERIOD
    first, second = submission.reports
    assert (first.measure, first.status, first.percent, first.progress, first.problems) == (
        "3.2.1",
        "推进中",
        0.6,
        "已举办培训班3期",
        "经费紧张",
    )
    assert (first.person, first.phone, first.reported_on) == ("张三", "13812345678", day)
    assert (second.status, second.percent, second.next_steps) == ("已完成", 1.0, "巩固成果")
    led = [m.id for m in wutai.plan.measures if "县农业农村局" in m.leads]
    assert submission.blank == tuple(m for m in led if m not in rows)
    assert first.cell == f"{FORM_SHEET}!A{FIRST_ROW + led.index('3.2.1')}"


def test_a_row_with_only_contact_details_is_not_a_report(wutai, forms: Path, tmp_path: Path) -> None:
    path = fill_form(forms / form_filename("县总工会"), tmp_path / "工会.xlsx", {"3.3.1": {}})
    submission = _read(wutai, path)
    assert submission.reports == ()
    assert "3.3.1" in submission.blank


def test_an_untouched_form_reports_nothing(wutai, forms: Path) -> None:
    submission = _read(wutai, forms / form_filename("县总工会"))
    assert submission.reports == () and len(submission.blank) == 3


def _set(measure: str, name: str, value):
    def edit(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        row = _row_of(sheet, measure)
        sheet.cell(row, column("进展情况"), "有进展")
        sheet.cell(row, column("完成状态"), "推进中")
        cell = sheet.cell(row, column(name))
        cell.value = value
        if isinstance(value, int):
            cell.number_format = "General"  # a number pasted over the date format

    return edit


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("任务", "改过的任务名称", "锁定列“任务”被改动：应为“树立相信科学、和谐理性的思想观念”，实为“改过的任务名称”"),
        ("完成时限", "2030年", "锁定列“完成时限”被改动"),
        ("完成状态", "做完了", "完成状态“做完了”不在可选范围内（未启动、推进中、已完成、滞后、长期推进）"),
        ("完成状态", None, "已填写进展，但未选择完成状态"),
        ("报送日期", "下周一", "报送日期应为日期（如 2026-11-30），实为“下周一”"),
        ("报送日期", 45900, "报送日期应为日期"),
        ("完成比例", 60, "完成比例应在 0% 到 100% 之间，实为 6000%（如指 60%，请填 60%）"),
        ("完成比例", "六成", "完成比例应为百分数（如 60%），实为“六成”"),
        # A formula whose reference was deleted, as Excel saves it: an error value, not the words it showed.
        ("存在问题", "#REF!", "单元格显示错误值 #REF!（公式出错），请改为直接填写"),
        ("报送日期", "11月28日", "报送日期“11月28日”没有年份，请写全"),
        ("报送日期", "25.11.28", "报送日期“25.11.28”的年份应写四位"),
        ("报送日期", "2025-11-31", "报送日期“2025-11-31”不是日历上的日期"),
        ("报送日期", "2025-11-28 - 12-05", "报送日期应为日期（如 2026-11-30），实为“2025-11-28 - 12-05”"),
        # Last month's row sent again: filed under November it would be read as November's word.
        ("报送日期", dt.datetime(2025, 10, 28), "报送日期 2025-10-28 早于 2025-11 期的开始（2025-11-01）"),
        ("报送日期", "2205年11月28日", "报送日期 2205-11-28 晚于今天"),
        # filled by a program, never calculated: read without its result, the report was empty
        ("进展情况", '=CONCATENATE("已","开展")', "单元格中是公式，但没有计算结果"),
    ],
)
def test_a_bad_cell_is_refused_where_it_is(wutai, forms, tmp_path, name: str, value, message: str) -> None:
    path = _edited(forms, tmp_path, "县农业农村局", _set("3.2.1", name, value))
    error = _refusal(wutai, path)
    row = _row_of(openpyxl.load_workbook(path)[FORM_SHEET], "3.2.1")
    assert error.location.sheet == FORM_SHEET
    assert error.location.cell == f"{openpyxl.utils.get_column_letter(column(name))}{row}"
    assert message in error.message
    assert str(error).startswith(f"{path} [{FORM_SHEET}!")


@pytest.mark.parametrize(("status", "share"), [("已完成", 0.6), ("未启动", 0.2)])
def test_a_status_the_share_contradicts_is_refused_at_the_share(wutai, forms, tmp_path, status, share) -> None:
    def edit(workbook) -> None:
        _set("3.2.1", "完成比例", share)(workbook)
        sheet = workbook[FORM_SHEET]
        sheet.cell(_row_of(sheet, "3.2.1"), column("完成状态"), status)

    path = _edited(forms, tmp_path, "县农业农村局", edit)
    error = _refusal(wutai, path)
    assert error.location.cell == f"{openpyxl.utils.get_column_letter(column('完成比例'))}4"
    assert error.message.startswith(f"完成状态为“{status}”，完成比例却为 {share:.0%}：两者不符")


def test_text_dates_in_the_usual_spellings_are_dates(wutai, forms, tmp_path) -> None:
    spellings = (
        "2025-11-28",
        "2025/11/28",
        "2025.11.28",
        "2025年11月28日",
        "2025年11月28号",
        "2025 年 11 月 28 日",
        "二〇二五年十一月二十八日",
        "２０２５年１１月２８日",
        "2025／11／28",
        "2025-11-28 00:00:00",
        " 2025.11.28 ",
    )
    for text in spellings:
        path = _edited(forms, tmp_path, "县农业农村局", _set("3.2.1", "报送日期", text))
        assert _read(wutai, path).reports[0].reported_on == dt.date(2025, 11, 28), text


def test_a_date_after_the_day_of_collecting_is_refused(wutai, forms, tmp_path) -> None:
    path = _edited(forms, tmp_path, "县农业农村局", _set("3.2.1", "报送日期", "2025-11-28"))
    expected = expected_forms(wutai.plan, wutai.graph)
    assert read_feedback(path, PERIOD, plan_key(wutai.plan), expected, today=dt.date(2025, 11, 28)).reports
    with pytest.raises(InputError, match=r"报送日期 2025-11-28 晚于今天（2025-11-27）") as caught:
        read_feedback(path, PERIOD, plan_key(wutai.plan), expected, today=dt.date(2025, 11, 27))
    assert caught.value.location.cell == f"{openpyxl.utils.get_column_letter(column('报送日期'))}4"


def test_a_row_added_is_refused(wutai, forms, tmp_path) -> None:
    def add(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        sheet.cell(sheet.max_row + 1, 1, "9.9.9")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", add))
    assert error.location.cell == f"A{FIRST_ROW + 3}"
    assert "编号 9.9.9 不是本单位在现行方案中牵头的任务（行被增加？）" in error.message


def test_a_row_for_a_measure_another_department_leads_is_refused_with_its_lead(wutai, forms, tmp_path) -> None:
    # 县总工会 cooperates on 3.3.3, which 县人社局 leads: its word there reaches the office through 县人社局.
    def add(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        sheet.cell(sheet.max_row + 1, 1, "3.3.3")
        sheet.cell(sheet.max_row, column("进展情况"), "配合开展职工技能培训")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", add))
    assert error.location.cell == f"A{FIRST_ROW + 3}"
    assert error.message.startswith("编号 3.3.3 由县人社局牵头，不是县总工会牵头的任务，应由牵头单位在其反馈表中报送")


def test_another_department_s_form_filled_in_is_refused_at_the_unit_line(wutai, forms, tmp_path) -> None:
    # 县财政局 leads nothing here and has no form; it fills in 县总工会's, writing its own name over the unit line.
    def sign(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        sheet.cell(2, 1).value = sheet.cell(2, 1).value.replace("县总工会", "县财政局")
        sheet.cell(FIRST_ROW, column("进展情况"), "已拨付经费")
        sheet.cell(FIRST_ROW, column("完成状态"), "推进中")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", sign))
    assert error.location.cell == "A2"
    assert error.message.startswith("此表是为“县总工会”生成的，填报单位却写作“县财政局”：请用本单位的反馈表填报")


def test_a_form_saved_under_the_name_of_a_department_that_only_cooperates_is_refused(wutai, forms, tmp_path) -> None:
    # 县妇联 leads nothing and gets no form of its own; it answered on 县总工会's.
    filled = fill_form(
        forms / form_filename("县总工会"), tmp_path / "县妇联反馈.xlsx", {"3.3.1": {"完成状态": "推进中"}}
    )
    error = _refusal(wutai, filled)
    assert error.message.startswith("文件名写的是“县妇联”，此表却是为“县总工会”生成的")


def test_a_form_saved_under_another_department_s_name_is_refused(wutai, forms, tmp_path) -> None:
    # 县人社局 lost its form and filled in 县总工会's, saved under its own name: 县人社局's word filed as 县总工会's.
    filled = fill_form(
        forms / form_filename("县总工会"), tmp_path / "进展反馈表-县人社局.xlsx", {"3.3.1": {"完成状态": "推进中"}}
    )
    error = _refusal(wutai, filled)
    assert error.location.cell == "A2"
    assert error.message.startswith("文件名写的是“县人社局”，此表却是为“县总工会”生成的")
    renamed = filled.rename(tmp_path / "县总工会11月反馈.xlsx")
    assert _read(wutai, renamed).department == "县总工会"


def test_cells_merged_over_rows_are_refused(wutai, forms, tmp_path) -> None:
    # One progress text for two measures: read, it would stand for the first row only.
    def merge(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        letter = openpyxl.utils.get_column_letter(column("进展情况"))
        sheet.cell(FIRST_ROW, column("进展情况"), "两项一并推进")
        sheet.cell(FIRST_ROW, column("完成状态"), "推进中")
        sheet.merge_cells(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + 1}")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", merge))
    letter = openpyxl.utils.get_column_letter(column("进展情况"))
    assert error.location.cell == f"{letter}{FIRST_ROW}"
    assert error.message.startswith(f"单元格 {letter}{FIRST_ROW}:{letter}{FIRST_ROW + 1} 被合并")


def test_a_sheet_added_with_content_is_refused(wutai, forms, tmp_path) -> None:
    # The form copied and the copy filled in, the original left empty: read, the sheet would report nothing.
    def copy(workbook) -> None:
        duplicate = workbook.copy_worksheet(workbook[FORM_SHEET])
        duplicate.cell(FIRST_ROW, column("进展情况"), "已完成培训")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", copy))
    assert (error.location.sheet, error.location.cell) == (f"{FORM_SHEET} Copy", "A1")
    assert error.message.startswith(f"反馈表中多出工作表“{FORM_SHEET} Copy”，其内容不会被收录")
    blank = _edited(forms, tmp_path, "县总工会", lambda wb: wb.create_sheet("Sheet1"))
    assert _read(wutai, blank).department == "县总工会"


def test_words_in_a_comment_are_refused_at_the_cell(wutai, forms, tmp_path) -> None:
    # The progress written in a 批注 on the status cell: read as cells, the row would say 推进中 and nothing else.
    def note(workbook) -> None:
        cell = workbook[FORM_SHEET].cell(FIRST_ROW, column("完成状态"), "推进中")
        cell.comment = Comment("已举办职工科普讲座两场", "张三")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", note))
    assert error.location.cell == f"{openpyxl.utils.get_column_letter(column('完成状态'))}{FIRST_ROW}"
    assert error.message.startswith("单元格批注中写有“已举办职工科普讲座两场”，批注不会被收录")


def test_words_in_a_text_box_are_refused(wutai, forms, tmp_path) -> None:
    # A drawing part with a text box, as Excel or WPS store one drawn over the sheet (openpyxl cannot draw it).
    path = tmp_path / "进展反馈表-县总工会.xlsx"
    shutil.copy(forms / form_filename("县总工会"), path)
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:sp><xdr:txBody>'
        "<a:p><a:r><a:t>3.3.1 已完成 &amp; 验收</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>"
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/drawings/drawing1.xml", drawing)
    error = _refusal(wutai, path)
    assert error.location.path == str(path) and error.location.cell is None
    assert error.message.startswith("工作簿中的文本框或图形里写有“3.3.1 已完成 & 验收”，不会被收录")


def test_a_row_without_number_is_refused(wutai, forms, tmp_path) -> None:
    def add(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        sheet.cell(sheet.max_row + 1, column("进展情况"), "另加的一项工作")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", add))
    assert (error.location.cell, error.message.split("：")[0]) == (f"A{FIRST_ROW + 3}", "此行没有编号")


def test_a_row_deleted_is_refused(wutai, forms, tmp_path) -> None:
    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", lambda wb: wb[FORM_SHEET].delete_rows(FIRST_ROW + 1)))
    assert error.location.cell == f"A{FIRST_ROW + 1}"
    assert "缺少编号 3.3.2" in error.message and "（行被删除？）" in error.message


def test_rows_in_another_order_are_refused(wutai, forms, tmp_path) -> None:
    def swap(workbook) -> None:
        sheet = workbook[FORM_SHEET]
        for c in range(1, 6):
            a, b = sheet.cell(FIRST_ROW, c), sheet.cell(FIRST_ROW + 1, c)
            a.value, b.value = b.value, a.value

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", swap))
    assert error.location.cell == f"A{FIRST_ROW}" and "行的顺序被改动" in error.message


def test_a_column_inserted_is_refused_at_the_header(wutai, forms, tmp_path) -> None:
    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", lambda wb: wb[FORM_SHEET].insert_cols(3)))
    assert error.location.cell == "C3" and "表头应为“本单位角色”" in error.message


def test_content_beside_the_table_is_refused(wutai, forms, tmp_path) -> None:
    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", lambda wb: wb[FORM_SHEET].cell(5, 15, "备注")))
    assert error.location.cell == "O5" and "表格右侧有内容" in error.message


def test_a_sheet_of_another_plan_is_refused(wutai, tmp_path) -> None:
    xinhuang = load(INPUT / "xinhuang.yaml", INPUT / "departments-xinhuang.yaml")
    department = xinhuang.plan.measures[0].leads[0]
    path = write_form(xinhuang.plan, xinhuang.graph, department, tmp_path / "x.xlsx")
    error = _refusal(wutai, path)
    assert error.location.cell == "A1"
    assert "不是《五台县全民科学素质行动规划纲要实施方案（2021-2025年）》的 (form of another plan)" in error.message


def test_a_sheet_made_for_an_earlier_version_of_the_plan_is_refused(tmp_path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (tmp_path / "revised.yaml").write_text(REVISED_PLAN, encoding="utf-8")
    old, new = read_yaml(tmp_path / "small.yaml"), read_yaml(tmp_path / "revised.yaml")
    path = write_form(old, build_graph(old), "县科协", tmp_path / "科协.xlsx")
    graph = build_graph(new)
    with pytest.raises(InputError) as caught:
        read_feedback(path, PERIOD, plan_key(new), expected_forms(new, graph))
    assert "此表按方案的旧版本生成" in caught.value.message
    assert "缺少编号 3.4.2" in caught.value.message


def test_a_sheet_of_a_newer_layout_is_refused(wutai, forms, tmp_path) -> None:
    def newer(workbook) -> None:
        workbook[INFO_SHEET].cell(1, 2, 99)

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", newer))
    assert "由更新版本的 raci 生成（表单版本 99" in error.message


def test_a_sheet_for_a_department_that_leads_nothing_is_refused(wutai, forms, tmp_path) -> None:
    def other(workbook) -> None:
        workbook[INFO_SHEET].cell(3, 2, "县妇联")

    error = _refusal(wutai, _edited(forms, tmp_path, "县总工会", other))
    assert error.location.cell == "A2" and "“县妇联”在现行方案中没有牵头任务" in error.message


def test_a_workbook_that_is_not_a_form_is_refused(wutai, tmp_path) -> None:
    path = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(path)
    assert "不是 raci track forms 生成的进展反馈表" in _refusal(wutai, path).message
    text = tmp_path / "renamed.xlsx"
    text.write_text("进展情况", encoding="utf-8")
    assert "不是有效的 .xlsx 工作簿" in _refusal(wutai, text).message
    assert "文件不存在" in _refusal(wutai, tmp_path / "missing.xlsx").message
