from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from matrix.diff import diff_plans
from matrix.export.change_workbook import CHANGE_COLUMNS, CHANGE_SHEET, write_diff_workbook
from matrix.readers.yaml import read_yaml_text

from ..conftest import REVISED_PLAN, SMALL_PLAN


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
    summary = dict(workbook["概况"].iter_rows(values_only=True))
    assert summary["新增措施"] == 1 and summary["涉及单位（发变更通知）"] == 5


def test_no_temporary_file_is_left_beside_the_workbook(tmp_path: Path) -> None:
    plan = read_yaml_text(SMALL_PLAN)
    write_diff_workbook(diff_plans(plan, plan), tmp_path / "变更.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["变更.xlsx"]
