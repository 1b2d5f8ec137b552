"""The RACI workbook, written for a real plan excerpt and read back with openpyxl."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from matrix.audit import ERROR, INFO, WARNING, Finding, audit_plan
from matrix.export import excel
from matrix.export.excel import write_workbook
from matrix.graph import build_graph, department_nodes, role_of, workload_rows
from matrix.model import Assignment, Measure, Plan, Section
from matrix.pipeline import load
from matrix.raci import LEADER_LABEL
from matrix.workbook_layout import (
    DIVISION_HEADER,
    DIVISION_SHEET,
    FINDINGS_SHEET,
    MATRIX_HEADER,
    MATRIX_SHEET,
    PER_DEPARTMENT_HEADER,
    SUMMARY_SHEET,
    TOTAL_LABELS,
    WORKLOAD_HEADER,
    WORKLOAD_SHEET,
)

from ..conftest import INPUT
from ..rendering import needs_pdf_tools, page_count, pdf_info, pdf_text, to_pdf

SHEETS = [SUMMARY_SHEET, MATRIX_SHEET, DIVISION_SHEET, WORKLOAD_SHEET, FINDINGS_SHEET]


@pytest.fixture
def workbook_path(tmp_path: Path, wutai_excerpt: Plan, wutai_excerpt_graph: nx.Graph) -> Path:
    findings = audit_plan(wutai_excerpt, wutai_excerpt_graph)
    return write_workbook(wutai_excerpt, wutai_excerpt_graph, tmp_path / "wutai.xlsx", findings=findings)


def _matrix(path: Path):
    return openpyxl.load_workbook(path)[MATRIX_SHEET]


def _row_of(worksheet, measure_id: str) -> int:
    return next(c.row for c in worksheet["A"] if c.value == measure_id)


def _column_of(worksheet, department: str) -> int:
    return next(c.column for c in worksheet[1] if c.value == department)


def test_it_writes_the_five_sheets_in_order(workbook_path: Path) -> None:
    assert openpyxl.load_workbook(workbook_path).sheetnames == SHEETS


def test_it_returns_the_path_and_leaves_no_temporary_file(workbook_path: Path) -> None:
    assert workbook_path.exists()
    assert [p.name for p in workbook_path.parent.iterdir()] == ["wutai.xlsx"]


def test_the_matrix_has_one_row_per_measure_and_per_section(workbook_path: Path, wutai_excerpt: Plan) -> None:
    worksheet = _matrix(workbook_path)
    ids = [c.value for c in worksheet["A"][1:] if c.value]
    assert ids == ["3.1", "3.1.1", "3.1.3", "3.4", "3.4.1", "3.4.3", "5.1", "5.1.1"]
    measures = [i for i in ids if i.count(".") == 2]
    assert len(measures) == len(wutai_excerpt.measures) == 5


def test_the_matrix_shows_each_role_where_the_plan_puts_it(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    row = _row_of(worksheet, "3.4.1")
    assert worksheet.cell(row, 3).value == "实施智慧助老行动"
    assert worksheet.cell(row, _column_of(worksheet, "县科协")).value == "A/R"
    assert worksheet.cell(row, _column_of(worksheet, "县民政局")).value == "R"
    assert worksheet.cell(row, _column_of(worksheet, "县卫健局")).value == "C"
    assert worksheet.cell(row, _column_of(worksheet, "五台县全民科学素质工作领导组办公室")).value == "I"
    assert worksheet.cell(row, _column_of(worksheet, "县人社局")).value is None


def test_every_grid_cell_of_the_seed_plan_holds_its_role_or_nothing(tmp_path: Path) -> None:
    # the grid is written from each measure's own edges: no role may land in another column or be left out
    loaded = load(INPUT / "wutai.yaml")
    path = write_workbook(loaded.plan, loaded.graph, tmp_path / "wutai.xlsx")
    worksheet = _matrix(path)
    first = len(MATRIX_HEADER) + 1
    departments = [c.value for c in worksheet[1][first - 1 :]]
    assert set(departments) == set(department_nodes(loaded.graph))
    seen = 0
    for row in worksheet.iter_rows(min_row=2, values_only=True):
        measure = row[0]
        if measure not in loaded.graph:
            continue
        seen += 1
        cells = row[first - 1 : first - 1 + len(departments)]
        assert list(cells) == [role_of(loaded.graph, measure, d) for d in departments], measure
    assert seen == len(loaded.plan.measures) == 38


def test_department_columns_run_by_kind_then_in_the_registry_order(workbook_path: Path) -> None:
    header = [c.value for c in _matrix(workbook_path)[1]]
    assert header[: len(MATRIX_HEADER)] == list(MATRIX_HEADER)
    assert header[len(MATRIX_HEADER) :] == [
        "县委宣传部",
        "县教科局",
        "县民政局",
        "县卫健局",
        "县人社局",
        "县科协",
        "县总工会",
        "县妇联",
        "团县委",
        "市生态环境局五台分局",
        "五台县全民科学素质工作领导组办公室",
    ]


def _columns(path: Path) -> list[str]:
    return [c.value for c in _matrix(path)[1]][len(MATRIX_HEADER) :]


def test_columns_stay_in_place_when_a_rebuilt_plan_moves_work_between_departments(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    """Without a registry; the revision hands 3.4.2 from 县民政局 to 县科协, so their loads swap."""
    for plan in (small_plan_path, revised_plan_path):
        assert run("build", plan, "-o", tmp_path / "out").exit_code == 0
    before, after = (_columns(tmp_path / "out" / name / "责任分工矩阵.xlsx") for name in ("small", "revised"))
    assert before == ["县科协", "县民政局", "县委宣传部", "县卫健局", "五台县全民科学素质工作领导组办公室"]
    assert after == [*before[:-1], "县公安局", before[-1]]  # a department new to the plan comes after


def test_columns_stay_in_place_when_an_edited_workbook_is_rebuilt(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", INPUT / "wutai.yaml", "-o", out).exit_code == 0
    built = out / "wutai" / "责任分工矩阵.xlsx"
    edited = tmp_path / "edited.xlsx"
    workbook = openpyxl.load_workbook(built)
    sheet = workbook[MATRIX_SHEET]
    columns = _columns(built)
    busiest = columns.index("县科协") + len(MATRIX_HEADER) + 1
    quietest = columns.index("县气象局") + len(MATRIX_HEADER) + 1
    for row in range(2, sheet.max_row + 1):  # 县科协 hands every measure it leads over to 县气象局
        if sheet.cell(row, busiest).value in ("A/R", "R"):
            sheet.cell(row, quietest).value = sheet.cell(row, busiest).value
            sheet.cell(row, busiest).value = None
    workbook.save(edited)

    result = run("build", edited, "-o", out)

    assert result.exit_code == 0, result.output
    assert _columns(out / "wutai" / "责任分工矩阵.xlsx") == columns  # the workbook knows its plan's folder


def test_the_grid_offers_a_dropdown_of_roles_on_measure_rows_only(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    (validation,) = worksheet.data_validations.dataValidation
    assert validation.type == "list"
    # in the order an office reads them, each with its Chinese label in the input message
    assert validation.formula1 == '"A/R,R,C,I,A"'
    assert validation.prompt == "A/R 主责牵头；R 牵头；C 配合；I 知会；A 主责"
    assert validation.allow_blank
    assert validation.showErrorMessage
    assert str(validation.sqref) == "F3:P4 F6:P7 F9:P9"
    assert "F3" in validation.sqref
    assert "F2" not in validation.sqref  # a section row


def test_the_matrix_is_frozen_filtered_and_foldable(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    assert worksheet.freeze_panes == "F2"
    assert worksheet.auto_filter.ref == "A1:P9"
    assert worksheet.row_dimensions[3].outline_level == 1
    assert worksheet.row_dimensions[2].outline_level == 0
    assert worksheet.sheet_properties.outlinePr.summaryBelow is False


def test_department_headers_are_vertical(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    assert worksheet["F1"].alignment.textRotation == 255
    assert worksheet["C1"].alignment.textRotation == 0


def test_roles_are_coloured_by_rules_that_follow_edits(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    rules = {r.formula[0]: r for cf in worksheet.conditional_formatting for r in cf.rules if r.type == "cellIs"}
    assert set(rules) == {'"A/R"', '"R"', '"A"', '"C"', '"I"'}
    assert rules['"A/R"'].dxf.fill.fgColor.rgb.endswith("C00000")


def test_empty_grid_cells_are_drawn_by_rules_and_not_written(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    by_range = [(str(cf.sqref), r) for cf in worksheet.conditional_formatting for r in cf.rules]
    always = {sqref: r for sqref, r in by_range if r.type == "expression" and r.formula == ["TRUE"]}
    grid = next(r for sqref, r in always.items() if "F3:" in sqref)
    sections = next(r for sqref, r in always.items() if "F2:" in sqref)
    assert grid.dxf.border.left.style == "thin" and grid.dxf.fill is None
    assert sections.dxf.fill.bgColor.rgb.endswith("EDEDED") and sections.dxf.border.top.style == "thin"
    # applied after every role rule: LibreOffice stops at the first rule that holds
    assert max(r.priority for _, r in by_range if r.type == "cellIs") < min(r.priority for r in always.values())
    # a role typed into an empty cell is centred like the written ones
    assert worksheet.column_dimensions["F"].alignment.horizontal == "center"
    values = [(c.coordinate, c.value) for c in worksheet[3][5:]]
    empty = next(coordinate for coordinate, value in values if value is None)
    with zipfile.ZipFile(workbook_path) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    matrix_xml = next(xml for xml in sheets if "COUNTIF" in xml)
    assert f'r="{empty}"' not in matrix_xml
    assert f'r="{next(c for c, v in values if v)}"' in matrix_xml


def test_totals_count_leads_and_cooperators_live(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    lead_row = next(c.row for c in worksheet["C"] if c.value == TOTAL_LABELS[0])
    column = _column_of(worksheet, "县科协")
    letter = openpyxl.utils.get_column_letter(column)
    assert (
        worksheet.cell(lead_row, column).value
        == f'=COUNTIF({letter}2:{letter}9,"R")+COUNTIF({letter}2:{letter}9,"A/R")'
    )
    assert worksheet.cell(lead_row + 1, column).value == f'=COUNTIF({letter}2:{letter}9,"C")'
    row = _row_of(worksheet, "3.4.1")
    assert worksheet.cell(row, 5).value == f'=COUNTIF(F{row}:P{row},"C")'


def test_every_sheet_prints_on_a4_with_titles_and_page_numbers(workbook_path: Path) -> None:
    workbook = openpyxl.load_workbook(workbook_path)
    for worksheet in workbook:
        assert worksheet.page_setup.paperSize == 9, worksheet.title  # A4
        assert worksheet.page_setup.fitToWidth == 1
        assert worksheet.sheet_properties.pageSetUpPr.fitToPage
        assert worksheet.print_title_rows == "$1:$1"
        assert worksheet.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert workbook[MATRIX_SHEET].page_setup.orientation == "landscape"
    assert workbook[MATRIX_SHEET].print_title_cols == "$A:$C"


def test_cells_name_a_font_that_renders_chinese(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    assert {worksheet["A1"].font.name, worksheet["C3"].font.name, worksheet["F3"].font.name} == {"等线"}


def test_the_division_sheet_lists_leads_and_cooperators_as_offices_write_them(workbook_path: Path) -> None:
    worksheet = openpyxl.load_workbook(workbook_path)[DIVISION_SHEET]
    assert [c.value for c in worksheet[1]] == list(DIVISION_HEADER)
    row = [c.value for c in worksheet[_row_of(worksheet, "3.1.3")]]
    assert row[1] == "青少年科学素质提升行动"
    assert row[2].startswith("实施科技创新后备人才培育计划。")
    assert row[3:] == [
        "县教科局、县科协",
        "县委宣传部、团县委",
        "2025年底",
        "每年组织100人次参加青少年科技创新大赛",
    ]
    assert worksheet["C3"].alignment.wrap_text
    assert worksheet["C3"].border.left.style == "thin"
    assert worksheet.column_dimensions["C"].width == 60


def test_the_workload_sheet_counts_and_charts_the_busiest_departments(
    workbook_path: Path, wutai_excerpt_graph: nx.Graph
) -> None:
    worksheet = openpyxl.load_workbook(workbook_path)[WORKLOAD_SHEET]
    rows = {r[0]: r[1:] for r in worksheet.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in worksheet[1]]
    assert header == list(WORKLOAD_HEADER)
    assert header[6] == "占全部措施比例"  # the header says what the share is of
    assert rows["县科协"][:6] == ("群团组织", 2, 3, 1, 4, pytest.approx(4 / 5))  # 4 of the excerpt's 5 measures
    assert rows["县委宣传部"][:6] == ("县委部门", 0, 0, 3, 3, pytest.approx(3 / 5))
    assert rows["县科协"][6] == "、".join(workload_rows(wutai_excerpt_graph)[0].sections)
    assert worksheet["G2"].number_format == "0.0%"
    assert [c.value for c in worksheet["A"][1:3]] == ["县科协", "县教科局"]  # heaviest first
    (chart,) = worksheet._charts
    assert chart.type == "bar"
    assert chart.grouping == "stacked"


def test_findings_are_listed_one_a_row_and_coloured_by_severity(tmp_path: Path, wutai_excerpt: Plan) -> None:
    graph = build_graph(wutai_excerpt)
    findings = [
        Finding(ERROR, "no-lead", "措施“实施银龄科普行动”没有牵头单位", "3.4.3", None, "wutai.yaml:40"),
        Finding(WARNING, "unassigned-guarantee", "未分配", "5.1.1"),
        Finding(INFO, "look-alike-registered", "县卫健局 与 县卫健委 疑似同一单位", None, "县卫健局"),
    ]
    path = write_workbook(wutai_excerpt, graph, tmp_path / "w.xlsx", findings=findings)
    worksheet = openpyxl.load_workbook(path)[FINDINGS_SHEET]
    assert [c.value for c in worksheet[1]] == ["级别", "问题", "代码", "措施", "单位", "说明", "位置"]
    rows = list(worksheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == (
        "错误",
        "无牵头单位",
        "no-lead",
        "3.4.3 实施银龄科普行动",
        None,
        findings[0].message,
        "wutai.yaml:40",
    )
    # every problem is named in Chinese for the people who read the sheet; the code stays for --ignore
    assert [row[1] for row in rows] == ["无牵头单位", "保障措施未分配单位", "登记为不同单位的相似名称"]
    assert rows[2][4] == "县卫健局"
    fills = [worksheet.cell(r, 1).fill.fgColor.rgb[-6:] for r in (2, 3, 4)]
    assert fills == ["F8CBAD", "FFE699", "E7E6E6"]


def test_the_summary_carries_the_plan_and_the_counts(workbook_path: Path) -> None:
    worksheet = openpyxl.load_workbook(workbook_path)[SUMMARY_SHEET]
    labels = {r[0]: r[1:] for r in worksheet.iter_rows(values_only=True) if r[0]}
    assert labels["印发单位"][0] == "五台县全民科学素质工作领导组"
    assert labels["实施期限"][0] == "2021-2025年"
    assert labels["措施数"][0] == 5
    assert labels["已分配措施数"][0] == 4
    assert labels["单位数"][0] == 11
    assert labels["角色说明"][:2] == ("A/R", "主责牵头")


def test_per_department_sheets_list_each_departments_measures_and_role(
    tmp_path: Path, wutai_excerpt: Plan, wutai_excerpt_graph: nx.Graph
) -> None:
    path = write_workbook(wutai_excerpt, wutai_excerpt_graph, tmp_path / "w.xlsx", per_department=True)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[: len(SHEETS)] == SHEETS
    assert len(workbook.sheetnames) == len(SHEETS) + 11
    worksheet = workbook["县科协"]
    assert [c.value for c in worksheet[1]] == list(PER_DEPARTMENT_HEADER)
    rows = list(worksheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3]) for r in rows] == [
        ("3.1.1", "C"),
        ("3.1.3", "R"),
        ("3.4.1", "A/R"),
        ("3.4.3", "A/R"),
    ]
    assert worksheet.print_title_rows == "$1:$1"


def test_department_sheet_names_are_sanitised_and_unique(tmp_path: Path) -> None:
    long = "县委党校（县行政学校）[培训部]/继续教育中心:远程教育站点管理办公室"
    measure = Measure(
        "1.1",
        "示例措施",
        assignments=(Assignment(long, "A/R"), Assignment(long[:31], "C")),
    )
    plan = Plan("示例方案", sections=(Section("1", "示例", measures=(measure,)),))
    path = write_workbook(plan, build_graph(plan), tmp_path / "w.xlsx", per_department=True)
    names = openpyxl.load_workbook(path).sheetnames[len(SHEETS) :]
    assert len(names) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == 2


def _values(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook}


def test_streaming_and_normal_mode_write_the_same_cells(
    tmp_path: Path, wutai_excerpt: Plan, wutai_excerpt_graph: nx.Graph
) -> None:
    findings = audit_plan(wutai_excerpt, wutai_excerpt_graph)
    normal, streamed = (
        write_workbook(
            wutai_excerpt,
            wutai_excerpt_graph,
            tmp_path / f"{mode}.xlsx",
            findings=findings,
            per_department=True,
            write_only=mode,
        )
        for mode in (False, True)
    )
    assert _values(normal) == _values(streamed)
    a, b = _matrix(normal), _matrix(streamed)
    assert (a.freeze_panes, a.print_title_rows) == (b.freeze_panes, b.print_title_rows)
    assert str(a.data_validations.dataValidation[0].sqref) == str(b.data_validations.dataValidation[0].sqref)
    assert b.row_dimensions[3].outline_level == 1


def test_large_plans_are_streamed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, wutai_excerpt: Plan) -> None:
    modes = []
    real = excel.Workbook

    def spy(write_only: bool = False):
        modes.append(write_only)
        return real(write_only=write_only)

    monkeypatch.setattr(excel, "Workbook", spy)
    graph = build_graph(wutai_excerpt)
    write_workbook(wutai_excerpt, graph, tmp_path / "small.xlsx")
    monkeypatch.setattr(excel, "WRITE_ONLY_CELLS", 10)
    write_workbook(wutai_excerpt, graph, tmp_path / "large.xlsx")
    assert modes == [False, True]


def test_a_plan_without_departments_still_writes(tmp_path: Path) -> None:
    plan = Plan("空方案", sections=(Section("1", "组织领导", measures=(Measure("1.1", "加强组织领导"),)),))
    path = write_workbook(plan, build_graph(plan), tmp_path / "w.xlsx")
    worksheet = _matrix(path)
    assert [c.value for c in worksheet[1]] == list(MATRIX_HEADER)
    assert worksheet.data_validations.dataValidation == []


@needs_pdf_tools
def test_libreoffice_prints_each_sheet_on_numbered_a4_pages(workbook_path: Path, tmp_path: Path) -> None:
    pdf = to_pdf(workbook_path, tmp_path / "pdf")
    info = pdf_info(pdf)
    pages = page_count(pdf)
    assert pages == len(SHEETS)  # the excerpt fits one page per sheet, fitted to width
    assert "(A4)" in info
    text = pdf_text(pdf)
    assert "第 2 页，共 5 页" in text
    assert "实施智慧助老行动" in text


def _generated_plan(measures: int, departments: int) -> Plan:
    """A plan as large as a city's: every measure led by two departments, six cooperating."""
    names = [f"县第{i:03d}局" for i in range(departments)]
    sections = []
    for s in range(measures // 50):
        items = []
        for k in range(50):
            chosen = [names[(s * 50 + k + j * 7) % departments] for j in range(8)]
            roles = ["A/R", "R"] + ["C"] * 6
            items.append(
                Measure(
                    f"{s + 1}.{k + 1}",
                    f"第{s + 1}项行动的第{k + 1}项措施",
                    assignments=tuple(Assignment(d, r) for d, r in zip(chosen, roles, strict=True)),
                )
            )
        sections.append(Section(str(s + 1), f"第{s + 1}项行动", measures=tuple(items)))
    return Plan("生成的大型方案", sections=tuple(sections), office="领导小组办公室")


def _trimmed(worksheet) -> list[tuple]:
    """Rows without trailing blanks: read-only sheets pad rows to a dimension streaming does not record."""
    rows = []
    for row in worksheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    return rows


def test_a_large_plan_streams_the_same_matrix_as_a_normal_workbook(tmp_path: Path) -> None:
    plan = _generated_plan(250, 90)
    graph = build_graph(plan)
    assert len(plan.measures) * 91 > excel.WRITE_ONLY_CELLS
    streamed = write_workbook(plan, graph, tmp_path / "streamed.xlsx")
    normal = write_workbook(plan, graph, tmp_path / "normal.xlsx", write_only=False)
    a = openpyxl.load_workbook(streamed, read_only=True)
    b = openpyxl.load_workbook(normal, read_only=True)
    for name in SHEETS:
        assert _trimmed(a[name]) == _trimmed(b[name]), name
    rows = _trimmed(a[MATRIX_SHEET])[1:]
    assert sum(1 for r in rows if len(r) > 2 and r[0] and r[2]) == 250
    assert sum(1 for r in rows for v in r[len(MATRIX_HEADER) :] if v == "A/R") == 250


FORMULA_LIKE = '=HYPERLINK("http://example.invalid","点此")'


@pytest.mark.parametrize("write_only", [False, True])
def test_text_that_looks_like_a_formula_is_written_as_text_and_reads_back(tmp_path: Path, write_only: bool) -> None:
    """A title, measure or department name starting with = stays text: no live link, and the workbook reads back."""
    from matrix.readers.xlsx import read_xlsx

    department = "=县科协（1）"
    measure = Measure("1.1", FORMULA_LIKE, assignments=(Assignment(department, "A/R"), Assignment("县妇联", "C")))
    plan = Plan("=1+1", sections=(Section("1", "=SUM(A1:A9)", measures=(measure,)),))
    path = write_workbook(plan, build_graph(plan), tmp_path / "plan.xlsx", write_only=write_only)

    workbook = openpyxl.load_workbook(path)
    formulas = {
        (sheet.title, cell.coordinate): cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" and not str(cell.value).startswith(("=COUNTIF", "=SUM(D", "=SUM(E"))
    }
    assert formulas == {}
    matrix = workbook[MATRIX_SHEET]
    assert (matrix["C3"].value, matrix["F1"].value) == (FORMULA_LIKE, department)
    again = read_xlsx(path)
    assert (again.title, again.sections[0].title, again.measures[0].title) == ("=1+1", "=SUM(A1:A9)", FORMULA_LIKE)
    assert again.measures[0].leads == (department,)


def test_a_cell_longer_than_excel_holds_is_refused_not_cut(tmp_path: Path) -> None:
    from matrix.errors import OutputError

    long = "县科协" * 11_000
    plan = Plan("方案", sections=(Section("1", "行动", measures=(Measure("1.1", "措施", text=long),)),))
    with pytest.raises(OutputError, match="超过 Excel 32,767 字的上限"):
        write_workbook(plan, build_graph(plan), tmp_path / "plan.xlsx")
    assert not (tmp_path / "plan.xlsx").exists()


_TERM = re.compile(r'(COUNTIF|SUM)\(([A-Z]+[0-9]+):([A-Z]+[0-9]+)(?:,"([^"]*)")?\)')


def _computed(formula: str, formulas, values) -> int:
    """What a COUNTIF/SUM formula of the matrix evaluates to, from the cells it names."""
    total = 0
    for function, start, end, role in _TERM.findall(formula):
        if function == "COUNTIF":
            total += sum(1 for row in formulas[start:end] for c in row if c.value == role)
        else:  # SUM of counts: their cached values
            total += sum(c.value or 0 for row in values[start:end] for c in row)
    assert formula == "=" + "+".join(m.group(0) for m in _TERM.finditer(formula))  # no term left unread
    return total


@pytest.mark.parametrize("leaders", [False, True], ids=["plain", "with-leaders-column"])
def test_counts_carry_their_values_for_previews_that_do_not_calculate(
    tmp_path: Path, wutai_excerpt: Plan, leaders: bool
) -> None:
    plan = wutai_excerpt
    if leaders:  # a 牵头领导 column moves the counts one column right
        first = plan.measures[0]
        led = dataclasses.replace(first, leaders=("县委常委、副县长",))
        sections = tuple(
            dataclasses.replace(s, measures=tuple(led if m is first else m for m in s.measures)) for s in plan.sections
        )
        plan = dataclasses.replace(plan, sections=sections)
    path = write_workbook(plan, build_graph(plan), tmp_path / "m.xlsx")
    formulas = _matrix(path)
    values = openpyxl.load_workbook(path, data_only=True)[MATRIX_SHEET]
    assert (LEADER_LABEL in [c.value for c in formulas[1]]) == leaders
    cells = [c for row in formulas.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    # every formula's stored value is what it computes, wherever the columns stand
    assert cells and all(values[c.coordinate].value == _computed(c.value, formulas, values) for c in cells)
    measure = next(m for m in plan.measures if m.id == "3.4.1")
    row = _row_of(formulas, "3.4.1")
    led_column, cooperated_column = _column_of(formulas, "牵头数"), _column_of(formulas, "配合数")
    assert (values.cell(row, led_column).value, values.cell(row, cooperated_column).value) == (
        len(measure.leads),
        len(measure.cooperators),
    )


def test_the_header_is_tall_enough_for_the_longest_name_stacked(tmp_path: Path) -> None:
    office = "新晃侗族自治县全民科学素质工作领导小组办公室"  # 22 characters, Xinhuang's office
    measure = Measure("1.1", "示例措施", assignments=(Assignment("县科协", "A/R"),))
    plan = Plan("示例方案", sections=(Section("1", "示例", measures=(measure,)),), office=office)
    worksheet = _matrix(write_workbook(plan, build_graph(plan), tmp_path / "m.xlsx"))
    # a stacked character of the 10 pt header takes 15 points and more in LibreOffice and Excel
    assert worksheet.row_dimensions[1].height >= 15 * len(office)


def test_matrix_rows_are_even_and_titles_fit_their_column(workbook_path: Path, wutai_excerpt: Plan) -> None:
    worksheet = _matrix(workbook_path)
    heights = {worksheet.row_dimensions[_row_of(worksheet, m.id)].height for m in wutai_excerpt.measures}
    assert len(heights) == 1
    widths = [worksheet.column_dimensions[letter].width for letter in "BC"]
    # a Chinese character of 10 pt needs about 1.9 of Excel's width units
    assert widths[0] >= 1.9 * max(len(s.title) for s in wutai_excerpt.sections)
    assert widths[1] >= 1.9 * max(len(m.title) for m in wutai_excerpt.measures)


def test_the_legend_prints_in_the_footer_not_on_a_page_of_its_own(workbook_path: Path) -> None:
    worksheet = _matrix(workbook_path)
    lead_row = next(c.row for c in worksheet["C"] if c.value == TOTAL_LABELS[0])
    assert worksheet.print_area.endswith(f"${lead_row + 1}")
    assert "A/R" in worksheet.oddFooter.left.text and "图例" in worksheet.oddFooter.left.text


def test_the_workload_sheet_shows_the_longest_name_whole(tmp_path: Path) -> None:
    name = "新晃侗族自治县商务科技和工业信息化局"
    measure = Measure("1.1", "示例措施", assignments=(Assignment(name, "A/R"), Assignment("县科协", "C")))
    plan = Plan("示例方案", sections=(Section("1", "示例", measures=(measure,)),))
    worksheet = openpyxl.load_workbook(write_workbook(plan, build_graph(plan), tmp_path / "m.xlsx"))[WORKLOAD_SHEET]
    assert name in [c.value for c in worksheet["A"]]
    assert worksheet.column_dimensions["A"].width >= 1.9 * len(name)
