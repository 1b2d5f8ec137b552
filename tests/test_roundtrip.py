"""The office's round trip: build, edit the workbook in Excel, build from the workbook, in the plan's own folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import matrix
from matrix.export.manifest import file_digest, read_manifest
from matrix.workbook_layout import MATRIX_SHEET, SUMMARY_FIELDS, SUMMARY_SHEET

from .conftest import INPUT
from .test_pipeline import contents

DATE = dt.date(2026, 1, 5)


def set_role(workbook: Path, measure: str, department: str, role: str | None) -> str | None:
    """Change one role cell of the RACI矩阵 as an office does in Excel; return the role it held."""
    book = load_workbook(workbook)
    sheet = book[MATRIX_SHEET]
    column = next(c.column for c in sheet[1] if c.value == department)
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == measure)
    before = sheet.cell(row, column).value
    sheet.cell(row, column).value = role
    book.save(workbook)
    return before


def role_in(workbook: Path, measure: str, department: str) -> str | None:
    sheet = load_workbook(workbook, read_only=True)[MATRIX_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(department)
    return next(row[column] for row in rows[1:] if row[0] == measure)


def test_the_workbook_records_its_plan_and_a_rebuild_from_it_stays_in_the_plans_folder(tmp_path: Path) -> None:
    first = matrix.build(INPUT / "wutai.yaml", tmp_path, date=DATE)
    summary = {row[0]: row[1] for row in load_workbook(first.workbook)[SUMMARY_SHEET].iter_rows(values_only=True)}
    assert summary[SUMMARY_FIELDS["key"]] == "wutai"

    again = matrix.build(first.workbook, date=DATE)  # no output folder named: the plan's own
    assert again.folder == first.folder == tmp_path / "wutai"
    assert [p.name for p in tmp_path.iterdir()] == ["wutai"]
    assert not again.rewrote_source  # nobody had edited it
    # a copy elsewhere still knows its plan: -o names the folder that holds the plans' folders
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(first.workbook.read_bytes())
    assert matrix.build(copy, tmp_path, date=DATE).folder == tmp_path / "wutai"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wutai", "副本.xlsx"]


def test_an_edited_workbook_rebuilds_its_plans_folder_in_place(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path, "--date", DATE.isoformat()).exit_code == 0
    folder = tmp_path / "wutai"
    workbook = folder / "责任分工矩阵.xlsx"
    before = contents(folder)
    assert set_role(workbook, "3.1.1", "县科协", "R") == "C"

    result = run("build", workbook, "--date", DATE.isoformat())

    assert result.exit_code == 0, result.output
    assert f"已写入：{workbook}（已按其中的修改重新生成）" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["wutai"]  # no output/责任分工矩阵/ beside it
    assert role_in(workbook, "3.1.1", "县科协") == "R"
    assert read_manifest(folder)["责任分工矩阵.xlsx"].digest == file_digest(workbook)
    after = contents(folder)
    assert sorted(after) == sorted(before)  # one current set, the same files
    changed = {name for name in before if before[name] != after[name]}
    # 3.1.1 is 县教科局's, with 县委宣传部, 县科协, 团县委 and 县妇联: their notices, the two tables, and the
    # feedback forms of its two leads now (县科协 reports on 3.1.1, 县教科局's form names it as a partner)
    notices = [
        f"任务分解通知/任务分解通知-{name}.docx" for name in ("县教科局", "县委宣传部", "县科协", "团县委", "县妇联")
    ]
    forms = [f"进展反馈表/进展反馈表-{name}.xlsx" for name in ("县教科局", "县科协")]
    assert changed == {"责任分工矩阵.xlsx", "任务分解总表.docx", *notices, *forms}


def test_an_edited_workbook_beside_an_edited_notice_changes_nothing_without_force(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path, "--date", DATE.isoformat()).exit_code == 0
    folder = tmp_path / "wutai"
    workbook = folder / "责任分工矩阵.xlsx"
    set_role(workbook, "3.1.1", "县科协", "R")
    (notice,) = folder.glob("任务分解通知/*县科协.docx")
    notice.write_bytes(notice.read_bytes() + b" ")  # the office annotated its notice too
    edited = {p: p.read_bytes() for p in (workbook, notice)}

    result = run("build", workbook, "--date", DATE.isoformat())

    assert result.exit_code == 4
    assert "县科协.docx 在上次生成后被修改过" in result.output
    assert "责任分工矩阵.xlsx 在上次" not in result.output  # the workbook built from is not what stops it
    assert {p: p.read_bytes() for p in edited} == edited


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_building_from_an_unedited_workbook_writes_the_same_notices(tmp_path: Path, seed: str) -> None:
    first = matrix.build(INPUT / f"{seed}.yaml", tmp_path / "yaml", date=DATE)
    again = matrix.build(first.workbook, tmp_path / "workbook", date=DATE)
    assert again.folder == tmp_path / "workbook" / seed
    from_yaml, from_workbook = contents(first.folder), contents(again.folder)
    assert sorted(from_yaml) == sorted(from_workbook)
    notices = [name for name in from_yaml if name.endswith(".docx")]
    assert {name: from_workbook[name] for name in notices} == {name: from_yaml[name] for name in notices}
