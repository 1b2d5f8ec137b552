from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from matrix.diff import diff_plans
from matrix.export.change_workbook import CHANGE_COLUMNS, CHANGE_SHEET, PAGE_UNITS, write_diff_workbook
from matrix.export.excel_style import FONT_NAME
from matrix.readers.yaml import read_yaml_text

from ..conftest import REVISED_PLAN, SMALL_PLAN
from ..invisible import invisible_characters
from ..rendering import needs_pdf_tools, page_count, pdf_text, to_pdf


def test_change_sheet_has_one_row_per_change_and_reads_back(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    path = write_diff_workbook(diff, tmp_path / "变更.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == [CHANGE_SHEET, "概况"]
    rows = list(workbook[CHANGE_SHEET].iter_rows(values_only=True))
    assert rows[0] == tuple(name for name, _ in CHANGE_COLUMNS)
    assert len(rows) == 1 + len(diff.measures) + len(diff.cells)
    assert ("措施", "3.4.3", "开展老年人防诈骗科普", None, "新增", None, None, "新增于“老年人科学素质提升行动”") in rows
    assert ("分工", "3.4.2", "加强老年人健康科普服务", "县民政局", "不再承担", "A/R 主责牵头", "—", None) in rows
    assert workbook[CHANGE_SHEET].freeze_panes == "A2"
    summary = dict(workbook["概况"].iter_rows(min_row=2, values_only=True))
    assert summary["新增措施"] == 1 and summary["涉及单位（发变更通知）"] == 5
    assert invisible_characters(path) == []


def test_no_temporary_file_is_left_beside_the_workbook(tmp_path: Path) -> None:
    plan = read_yaml_text(SMALL_PLAN)
    write_diff_workbook(diff_plans(plan, plan), tmp_path / "变更.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["变更.xlsx"]


def test_both_sheets_print_legibly_bordered_and_each_on_its_own_pages(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    workbook = load_workbook(write_diff_workbook(diff, tmp_path / "变更.xlsx"))
    for sheet in workbook:
        cells = [c for row in sheet.iter_rows() for c in row]
        assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in cells), sheet.title
        assert all(c.font.size >= 10 and c.font.name == FONT_NAME for c in cells), sheet.title
        # fitted to the page width: labels and values of 概况 on one page, not one page each
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$1:$1"
    widths = [workbook[CHANGE_SHEET].column_dimensions[chr(ord("A") + i)].width for i in range(len(CHANGE_COLUMNS))]
    assert sum(widths) <= PAGE_UNITS  # printed at full size, not shrunk to tiny text


@needs_pdf_tools
def test_the_summary_sheet_renders_labels_beside_values(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    pdf = to_pdf(write_diff_workbook(diff, tmp_path / "变更.xlsx"), tmp_path / "pdf")
    last = pdf_text(pdf, page_count(pdf))
    assert any("新增措施" in line and "1" in line.split("新增措施")[1] for line in last.splitlines())
