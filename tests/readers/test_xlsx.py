"""Reading workbooks back: an edited RACI workbook, an office's 任务分工表, and broken files."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from matrix.errors import InputError
from matrix.export.excel import write_workbook
from matrix.graph import build_graph
from matrix.model import Plan
from matrix.readers import read_plan
from matrix.readers.xlsx import read_xlsx
from matrix.workbook_layout import DIVISION_SHEET, MATRIX_SHEET, SUMMARY_SHEET, WORKLOAD_SHEET


@pytest.fixture
def workbook_path(tmp_path: Path, wutai_excerpt: Plan, wutai_excerpt_graph: nx.Graph) -> Path:
    return write_workbook(wutai_excerpt, wutai_excerpt_graph, tmp_path / "wutai.xlsx", per_department=True)


def _edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def _cell(workbook: openpyxl.Workbook, measure_id: str, department: str):
    sheet = workbook[MATRIX_SHEET]
    row = next(c.row for c in sheet["A"] if c.value == measure_id)
    column = next(c.column for c in sheet[1] if c.value == department)
    return sheet.cell(row, column)


def _coordinate(path: Path, measure_id: str, department: str) -> str:
    return _cell(openpyxl.load_workbook(path), measure_id, department).coordinate


def _roles(plan: Plan) -> set[tuple[str, str, str]]:
    graph = build_graph(plan)
    return {(m, d, r) for m, d, r in graph.edges(data="role")}


# -- round trip ---------------------------------------------------------------------


def test_a_written_workbook_reads_back_as_the_same_plan(workbook_path: Path, wutai_excerpt: Plan) -> None:
    plan = read_xlsx(workbook_path)
    assert plan.sections == wutai_excerpt.sections
    assert [s.id for s in plan.sections] == ["3.1", "3.4", "5.1"]
    assert _roles(plan) == _roles(wutai_excerpt)
    for key in ("title", "issuer", "office", "period", "targets", "stages"):
        assert getattr(plan, key) == getattr(wutai_excerpt, key), key


def test_leads_keep_the_plans_order_not_the_column_order(workbook_path: Path) -> None:
    measure = next(m for m in read_xlsx(workbook_path).measures if m.id == "3.4.1")
    assert measure.leads == ("县科协", "县民政局")
    assert measure.cooperators[:2] == ("县委宣传部", "县卫健局")


def test_texts_targets_and_deadlines_come_from_the_division_sheet(workbook_path: Path) -> None:
    measure = next(m for m in read_xlsx(workbook_path).measures if m.id == "3.1.3")
    assert measure.text.startswith("实施科技创新后备人才培育计划。实施“中学生英才计划”")
    assert measure.targets == ("每年组织100人次参加青少年科技创新大赛",)
    assert measure.deadline == "2025年底"


def test_department_kinds_come_back_from_the_workload_sheet(workbook_path: Path) -> None:
    kinds = {d.name: d.kind for d in read_xlsx(workbook_path).departments}
    assert kinds["县科协"] == "群团组织"
    assert kinds["市生态环境局五台分局"] == "派驻机构"


def test_an_edited_cell_changes_the_assignment(workbook_path: Path) -> None:
    def promote(workbook):
        _cell(workbook, "3.4.1", "县卫健局").value = "R"
        _cell(workbook, "3.4.1", "县人社局").value = "c"
        _cell(workbook, "3.1.1", "县科协").value = None

    plan = read_xlsx(_edit(workbook_path, promote))
    roles = _roles(plan)
    assert ("3.4.1", "县卫健局", "R") in roles
    assert ("3.4.1", "县人社局", "C") in roles
    assert not any(m == "3.1.1" and d == "县科协" for m, d, _ in roles)
    measure = next(m for m in plan.measures if m.id == "3.4.1")
    assignment = next(a for a in measure.assignments if a.department == "县卫健局")
    assert assignment.source.sheet == MATRIX_SHEET
    assert assignment.source.cell == _coordinate(workbook_path, "3.4.1", "县卫健局")


def test_an_ar_cell_stays_ar_whatever_its_position(workbook_path: Path) -> None:
    def swap(workbook):
        _cell(workbook, "3.4.1", "县科协").value = "R"
        _cell(workbook, "3.4.1", "县民政局").value = "A/R"

    measure = next(m for m in read_xlsx(_edit(workbook_path, swap)).measures if m.id == "3.4.1")
    roles = {a.department: a.role for a in measure.assignments}
    assert roles["县民政局"] == "A/R"
    assert roles["县科协"] == "R"
    assert measure.accountable == ("县民政局",)


def test_the_office_informed_column_is_left_to_the_graph(workbook_path: Path) -> None:
    plan = read_xlsx(workbook_path)
    assert not any(a.role == "I" for m in plan.measures for a in m.assignments)
    assert build_graph(plan).edges["5.1.1", plan.office]["role"] == "I"


def test_a_streamed_workbook_reads_back_the_same(
    tmp_path: Path, wutai_excerpt: Plan, wutai_excerpt_graph: nx.Graph
) -> None:
    path = write_workbook(wutai_excerpt, wutai_excerpt_graph, tmp_path / "w.xlsx", write_only=True)
    assert read_xlsx(path).sections == wutai_excerpt.sections


def test_read_plan_picks_this_reader_for_xlsx_and_xlsm(workbook_path: Path) -> None:
    xlsm = workbook_path.with_suffix(".xlsm")
    xlsm.write_bytes(workbook_path.read_bytes())
    assert read_plan(workbook_path).title == read_plan(xlsm).title == read_xlsx(workbook_path).title


def test_ids_typed_as_numbers_are_read_as_text(workbook_path: Path) -> None:
    def renumber(workbook):
        sheet = workbook[MATRIX_SHEET]
        next(c for c in sheet["A"] if c.value == "3.1.1").value = 7.0

    assert "7" in [m.id for m in read_xlsx(_edit(workbook_path, renumber)).measures]


# -- the 任务分工表 alone ------------------------------------------------------------


def test_without_a_matrix_the_division_sheet_is_read(workbook_path: Path, wutai_excerpt: Plan) -> None:
    plan = read_xlsx(_edit(workbook_path, lambda wb: wb.remove(wb[MATRIX_SHEET])))
    measure = next(m for m in plan.measures if m.id == "3.4.1")
    assert measure.leads == ("县科协", "县民政局")
    assert {a.department: a.role for a in measure.assignments}["县科协"] == "A/R"
    assert plan.title == wutai_excerpt.title
    assert [s.id for s in plan.sections] == ["3.1", "3.4", "5.1"]


def test_an_offices_own_table_with_a_title_line_and_merged_task_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "附件"
    sheet.append(["五台县全民科学素质行动任务分工表"])
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "重点任务", "具体措施", "牵头单位", "配合单位"])
    sheet.append([1, "老年人科学素质提升行动", "实施智慧助老行动", "县科协、县民政局", "县委宣传部、县卫健局"])
    sheet.append([2, None, "实施银龄科普行动", "县科协、县民政局", "县人社局"])
    sheet.merge_cells("B3:B4")
    path = tmp_path / "分工表.xlsx"
    workbook.save(path)
    plan = read_xlsx(path)
    assert plan.title == "五台县全民科学素质行动"  # the sheet's title row, 任务分工表 left out
    assert [m.id for m in plan.sections[0].measures] == ["1", "2"]
    assert plan.sections[0].title == "老年人科学素质提升行动"
    assert plan.measures[0].assignments[0].role == "A/R"


def test_an_error_in_a_table_names_its_cell(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "具体措施", "牵头单位"])
    workbook.active.append([1, "实施智慧助老行动", None])
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match=r"牵头单位为空.*\[Sheet!C2\]|\[Sheet!C2\].*牵头单位为空"):
        read_xlsx(path)


# -- refusals ----------------------------------------------------------------------


def test_a_role_not_in_the_list_is_refused_with_its_cell(workbook_path: Path) -> None:
    coordinate = _coordinate(workbook_path, "3.4.1", "县卫健局")
    _edit(workbook_path, lambda wb: setattr(_cell(wb, "3.4.1", "县卫健局"), "value", "牵头"))
    with pytest.raises(InputError, match=rf"\[RACI矩阵!{coordinate}\].*未知的角色 '牵头'"):
        read_xlsx(workbook_path)


def test_a_merged_cell_in_the_grid_is_refused(workbook_path: Path) -> None:
    _edit(workbook_path, lambda wb: wb[MATRIX_SHEET].merge_cells("G6:H6"))
    with pytest.raises(InputError, match=r"\[RACI矩阵!G6\].*合并单元格 G6:H6"):
        read_xlsx(workbook_path)


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        pytest.param("K1", None, r"\[RACI矩阵!K1\].*单位名称为空", id="department-header-emptied"),
        pytest.param("K1", "县科协（科普部", r"\[RACI矩阵!K1\].*括号或引号不成对", id="department-header-malformed"),
        pytest.param("K1", 42, r"\[RACI矩阵!K1\].*应为文字", id="department-header-a-number"),
        pytest.param("K1", "县委宣传部", r"\[RACI矩阵!K1\].*县委宣传部.*F1.*重复", id="department-header-repeated"),
        pytest.param("C1", "任务", r"\[RACI矩阵!C1\].*表头应为“措施”", id="fixed-header-renamed"),
        pytest.param("A3", None, r"\[RACI矩阵!A3\].*编号为空", id="measure-without-id"),
        pytest.param("A4", "3.1.1", r"\[RACI矩阵!A4\].*'3.1.1' 重复.*RACI矩阵!A3", id="measure-id-repeated"),
        pytest.param("G2", "R", r"\[RACI矩阵!C2\].*缺少措施名称", id="roles-on-a-section-row"),
    ],
)
def test_an_edited_cell_that_breaks_the_matrix_is_refused_with_its_cell(
    workbook_path: Path, cell: str, value: object, message: str
) -> None:
    _edit(workbook_path, lambda wb: setattr(wb[MATRIX_SHEET][cell], "value", value))
    with pytest.raises(InputError, match=message):
        read_xlsx(workbook_path)


def test_an_empty_matrix_sheet_is_refused(workbook_path: Path) -> None:
    def empty(workbook):
        index = workbook.sheetnames.index(MATRIX_SHEET)
        workbook.remove(workbook[MATRIX_SHEET])
        workbook.create_sheet(MATRIX_SHEET, index)

    with pytest.raises(InputError, match=r"\[RACI矩阵!A1\].*为空"):
        read_xlsx(_edit(workbook_path, empty))


def test_an_empty_first_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match=r"\[Sheet!A1\].*工作表“Sheet”为空"):
        read_xlsx(path)


def test_a_matrix_with_only_sections_is_refused(workbook_path: Path) -> None:
    def keep_sections(workbook):
        sheet = workbook[MATRIX_SHEET]
        for row in (9, 7, 6, 4, 3):
            sheet.delete_rows(row)

    with pytest.raises(InputError, match=r"\[RACI矩阵!A2\].*没有任何措施"):
        read_xlsx(_edit(workbook_path, keep_sections))


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("序号,措施\n1,实施智慧助老行动\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"plan\.xlsx.*不是有效的 \.xlsx"):
        read_xlsx(path)


def test_a_corrupt_workbook_is_refused(tmp_path: Path, workbook_path: Path) -> None:
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(workbook_path) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/workbook.xml":
                target.writestr(item, source.read(item))
    with pytest.raises(InputError, match=r"corrupt\.xlsx.*已损坏"):
        read_xlsx(path)


def test_a_truncated_workbook_is_refused(tmp_path: Path, workbook_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(workbook_path.read_bytes()[:2000])
    with pytest.raises(InputError, match=r"cut\.xlsx.*已损坏"):
        read_xlsx(path)


def test_a_password_protected_workbook_is_refused(tmp_path: Path) -> None:
    # Excel saves a workbook with an open password as an OLE compound file
    # (EncryptionInfo + EncryptedPackage streams); its signature is what the reader sees.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(InputError, match=r"locked\.xlsx.*设置了打开密码"):
        read_xlsx(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.xlsx.*无法读取"):
        read_xlsx(tmp_path / "nowhere.xlsx")


def test_sheets_besides_the_matrix_are_optional(workbook_path: Path) -> None:
    def strip(workbook):
        for name in (SUMMARY_SHEET, DIVISION_SHEET, WORKLOAD_SHEET):
            workbook.remove(workbook[name])

    plan = read_xlsx(_edit(workbook_path, strip))
    assert plan.title == "wutai"
    assert len(plan.measures) == 5
    assert plan.departments == ()
