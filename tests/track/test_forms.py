"""The feedback forms, written for the Wutai plan and read back as Excel would show them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from matrix.track.form_layout import (
    FIRST_ROW,
    FORM_SHEET,
    FORM_VERSION,
    HEADER,
    HEADER_ROW,
    INFO_KEYS,
    INFO_SHEET,
    form_filename,
    form_rows,
    lead_departments,
    plan_key,
)
from matrix.track.forms import write_forms
from matrix.track.records import STATUSES

from ..rendering import needs_pdf_tools, page_count, pdf_text, to_pdf
from .conftest import column

TODAY = dt.date(2025, 9, 1)


@pytest.fixture(scope="module")
def forms(wutai, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("forms")
    write_forms(wutai.plan, wutai.graph, outdir, today=TODAY)
    return outdir


def test_every_lead_department_gets_one_form_and_nobody_else(wutai, forms: Path) -> None:
    leads = {d for m in wutai.plan.measures for d in m.leads}
    assert set(lead_departments(wutai.plan, wutai.graph)) == leads
    assert sorted(p.name for p in forms.iterdir()) == sorted(form_filename(d) for d in leads)


def test_a_form_lists_the_measures_its_department_leads_in_plan_order(wutai, forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县科协"))[FORM_SHEET]
    led = [m.id for m in wutai.plan.measures if "县科协" in m.leads]
    assert len(led) == 23
    assert [sheet.cell(r, 1).value for r in range(FIRST_ROW, sheet.max_row + 1)] == led
    assert [c.value for c in sheet[HEADER_ROW]] == list(HEADER)
    assert "县科协" in sheet.cell(2, 1).value and "23 项" in sheet.cell(2, 1).value


def test_a_row_names_the_role_partners_and_deadline(wutai, forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县科协"))[FORM_SHEET]
    row = next(r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value == "3.1.2")
    values = [sheet.cell(row, c).value for c in range(1, 6)]
    # 3.1.2 is led by 县教科局 first, then 县科协, with 县工信局 and 团县委 cooperating
    partners = "共同牵头单位：县教科局；配合单位：县工信局、团县委"
    assert values == ["3.1.2", "提升基础教育阶段科学教育水平", "牵头", partners, "2021-2025年"]
    first = next(r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(r, 1).value == "3.3.4")
    assert sheet.cell(first, 3).value == "主责牵头"


def test_the_fixed_part_is_locked_and_the_rest_open(forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县教科局"))[FORM_SHEET]
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None
    assert not sheet.protection.formatRows and not sheet.protection.formatColumns
    for c in range(1, 6):
        assert sheet.cell(FIRST_ROW, c).protection.locked is True
    for c in range(6, len(HEADER) + 1):
        assert sheet.cell(FIRST_ROW, c).protection.locked is False


def test_the_filled_columns_are_validated(forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县教科局"))[FORM_SHEET]
    last = sheet.max_row
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    status = rules[f"{letter(column('完成状态'))}{FIRST_ROW}:{letter(column('完成状态'))}{last}"]
    assert status.type == "list" and status.formula1 == f'"{",".join(STATUSES)}"' and status.showErrorMessage
    share = rules[f"{letter(column('完成比例'))}{FIRST_ROW}:{letter(column('完成比例'))}{last}"]
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "1")
    date = rules[f"{letter(column('报送日期'))}{FIRST_ROW}:{letter(column('报送日期'))}{last}"]
    assert date.type == "date"
    assert sheet.cell(FIRST_ROW, column("完成比例")).number_format == "0%"


def test_the_form_prints_on_a4_landscape(forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县教科局"))[FORM_SHEET]
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_the_hidden_sheet_says_what_the_form_is_for(wutai, forms: Path) -> None:
    workbook = openpyxl.load_workbook(forms / form_filename("县教科局"))
    assert workbook.sheetnames == [FORM_SHEET, INFO_SHEET]
    info = workbook[INFO_SHEET]
    assert info.sheet_state == "veryHidden"
    values = {info.cell(r, 1).value: info.cell(r, 2).value for r in range(1, len(INFO_KEYS) + 1)}
    assert values["表单版本"] == FORM_VERSION
    assert values["方案"] == plan_key(wutai.plan) == "五台县全民科学素质行动规划纲要实施方案（2021-2025年）"
    assert values["单位"] == "县教科局"
    assert values["生成日期"] == TODAY.isoformat()
    assert workbook.security.lockStructure


def test_departments_whose_names_make_the_same_file_get_two_files(tmp_path: Path) -> None:
    from matrix.graph import build_graph
    from matrix.model import Assignment, Measure, Plan, Section

    measures = (
        Measure("1.1", "甲", assignments=(Assignment("县委党校/行政学校", "A/R"),)),
        Measure("1.2", "乙", assignments=(Assignment("县委党校_行政学校", "A/R"),)),
    )
    plan = Plan("方案", sections=(Section("1", "一", measures=measures),))
    run = write_forms(plan, build_graph(plan), tmp_path)
    assert [p.name for p in run.written] == ["进展反馈表-县委党校_行政学校.xlsx", "进展反馈表-县委党校_行政学校-2.xlsx"]
    assert openpyxl.load_workbook(run.written[1])[FORM_SHEET].cell(FIRST_ROW, 1).value == "1.2"


def test_form_rows_are_the_ones_written(wutai, forms: Path) -> None:
    sheet = openpyxl.load_workbook(forms / form_filename("县农业农村局"))[FORM_SHEET]
    written = [tuple(sheet.cell(r, c).value for c in range(1, 6)) for r in range(FIRST_ROW, sheet.max_row + 1)]
    assert written == [row.cells() for row in form_rows(wutai.plan, wutai.graph, "县农业农村局")]


@needs_pdf_tools
def test_the_rendered_form_keeps_every_column_on_the_page(forms: Path, tmp_path: Path) -> None:
    pdf = to_pdf(forms / form_filename("县农业农村局"), tmp_path)
    text = pdf_text(pdf, 1)
    assert page_count(pdf) == 1
    assert "落实进展反馈表" in text and "填报单位：县农业农村局" in text
    for name in ("编号", "进展情况", "完成状态", "报送日期"):
        assert name in text


def test_the_forms_of_all_departments_at_once_are_the_forms_of_each(wutai) -> None:
    from matrix.track.form_layout import form_rows_by_department

    every = form_rows_by_department(wutai.plan, wutai.graph)
    assert tuple(every) == lead_departments(wutai.plan, wutai.graph)
    assert every == {d: form_rows(wutai.plan, wutai.graph, d) for d in every}
