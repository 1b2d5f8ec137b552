"""Task tables (任务分工表) as offices exchange them, in Word and in their own workbooks.

Each table is built here in the shape offices use (a title line and the table,
header words that vary, a header over two rows, a merged category column,
several units in one cell), imported, and every measure's leads and
cooperators compared with what the table says.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from matrix.readers import import_plan, read_plan


def word_table(path: Path, title: str | None, rows: list[list[str]], merges=()) -> Path:
    """A .docx with a title paragraph and one table; ``merges`` are ((row, col), (row, col)) pairs."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            lines = text.split("\n")
            cell = table.cell(r, c)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)  # a second paragraph in the cell, as Enter in Word makes
    for (r1, c1), (r2, c2) in merges:
        table.cell(r2, c2).text = ""  # Word keeps the first cell's text when cells are merged
        table.cell(r1, c1).merge(table.cell(r2, c2))
    document.save(path)
    return path


def measures(path: Path, **options) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    result = import_plan(path, **options)
    assert result.problems == ()
    return [(m.title, m.leads, m.cooperators) for m in result.plan.measures]


def test_a_title_line_and_the_most_common_table_import_as_the_plan(tmp_path: Path) -> None:
    path = word_table(
        tmp_path / "分工表.docx",
        "某县2025年重点工作任务分工表",
        [
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "开展全民健身活动", "县文旅局", "县教育局\n县总工会", "2025年12月"],
            ["2", "建设社区养老服务站", "县民政局", "县卫健局，县财政局、各乡镇人民政府", "2025年9月"],
        ],
    )
    result = import_plan(path)
    assert result.problems == ()
    assert result.plan.title == "某县2025年重点工作任务分工表"
    assert [(m.title, m.leads, m.cooperators, m.deadline) for m in result.plan.measures] == [
        ("开展全民健身活动", ("县文旅局",), ("县教育局", "县总工会"), "2025年12月"),
        ("建设社区养老服务站", ("县民政局",), ("县卫健局", "县财政局", "各乡镇人民政府"), "2025年9月"),
    ]
    assert read_plan(path).measures[1].cooperators == ("县卫健局", "县财政局", "各乡镇人民政府")


def test_a_header_over_two_rows_and_a_merged_category_column(tmp_path: Path) -> None:
    path = word_table(
        tmp_path / "分工表.docx",
        "某市示范行动任务分工表",
        [
            ["序号", "类别", "工作任务", "责任单位", "责任单位", "时间节点"],
            ["序号", "类别", "工作任务", "牵头单位", "协办单位", "时间节点"],
            ["1", "营商环境", "压缩开办时间", "市市场监管局", "市税务局", "6月底"],
            ["2", "营商环境", "推行证照分离", "市审批局", "市市场监管局、市司法局", "9月底"],
            ["3", "项目建设", "加快重点项目开工", "市发展改革委", "各区人民政府", "年底"],
        ],
        merges=[
            ((0, 0), (1, 0)),
            ((0, 1), (1, 1)),
            ((0, 2), (1, 2)),
            ((0, 3), (0, 4)),
            ((0, 5), (1, 5)),
            ((2, 1), (3, 1)),
        ],
    )
    result = import_plan(path)
    assert result.problems == ()
    assert [(s.title, [m.title for m in s.measures]) for s in result.plan.sections] == [
        ("营商环境", ["压缩开办时间", "推行证照分离"]),
        ("项目建设", ["加快重点项目开工"]),
    ]
    assert measures(path)[1] == ("推行证照分离", ("市审批局",), ("市市场监管局", "市司法局"))


@pytest.mark.parametrize("again", [1, 2])
def test_a_header_repeated_on_every_page_is_not_a_task(tmp_path: Path, again: int) -> None:
    """A table pasted together from pages that each carry the header, of one row or two."""
    header = [["序号", "工作任务", "责任单位", "责任单位"], ["序号", "工作任务", "牵头单位", "协办单位"]]
    first, second = ["1", "压缩开办时间", "市市场监管局", "市税务局"], ["2", "推行证照分离", "市审批局", "市司法局"]
    path = word_table(tmp_path / "分工表.docx", "某市任务分工表", [*header, first, *header[2 - again :], second])
    assert measures(path) == [
        ("压缩开办时间", ("市市场监管局",), ("市税务局",)),
        ("推行证照分离", ("市审批局",), ("市司法局",)),
    ]


def test_a_responsibility_column_that_declares_the_first_listed_lead(tmp_path: Path) -> None:
    path = word_table(
        tmp_path / "分工表.docx",
        "某县示范工作任务清单",
        [
            ["序号", "具体措施", "责任单位（列第一位的为牵头单位）", "责任领导", "进度安排"],
            ["1", "完善应急预案", "县应急管理局、县公安局、县消防救援大队", "王某", "每季度"],
            ["2", "开展应急演练", "县应急管理局", "王某", "每年"],
        ],
    )
    result = import_plan(path)
    assert (result.convention.listed, result.convention.source) == ("first", "declared")
    assert measures(path) == [
        ("完善应急预案", ("县应急管理局",), ("县公安局", "县消防救援大队")),
        ("开展应急演练", ("县应急管理局",), ()),
    ]
    assert [m.leaders for m in result.plan.measures] == [("王某",), ("王某",)]


def test_a_cell_whose_list_carries_its_own_verbs_is_read_by_them(tmp_path: Path) -> None:
    path = word_table(
        tmp_path / "分工表.docx",
        "某市2025年重点工作责任分解表",
        [
            ["序号", "工作任务", "责任单位（列第一位的为牵头单位）"],
            ["1", "固定资产投资增长8%", "市发改委、市住建局、市交通局"],
            ["2", "城乡居民收入稳步增长", "市人社局、市农业农村局分别牵头"],
            ["3", "推进老旧小区改造", "市住建局牵头，市财政局、各区政府配合"],
        ],
    )
    assert measures(path) == [
        ("固定资产投资增长8%", ("市发改委",), ("市住建局", "市交通局")),
        ("城乡居民收入稳步增长", ("市人社局", "市农业农村局"), ()),
        ("推进老旧小区改造", ("市住建局",), ("市财政局", "各区政府")),
    ]


def test_a_responsibility_column_without_a_declaration_takes_the_default_or_the_office_choice(
    tmp_path: Path,
) -> None:
    rows = [["序号", "工作内容", "责任单位"], ["1", "推进数据共享", "县数据局、县发改局"]]
    path = word_table(tmp_path / "分工表.docx", "某县数据工作要点", rows)
    result = import_plan(path)
    assert [e.rule for e in result.explanations] == ["all"]
    assert measures(path) == [("推进数据共享", ("县数据局", "县发改局"), ())]
    assert measures(path, config=_first()) == [("推进数据共享", ("县数据局",), ("县发改局",))]


def _first():
    from matrix.raci import RaciConfig

    return RaciConfig(listed_leads="first")


def office_workbook(path: Path, rows: list[list[str]], merges: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    for cells in rows:
        sheet.append(cells)
    for merged in merges:
        sheet.merge_cells(merged)
    book.save(path)
    return path


def test_an_office_workbook_with_a_title_row_merged_categories_and_alt_enter_cells(tmp_path: Path) -> None:
    path = office_workbook(
        tmp_path / "分工表.xlsx",
        [
            ["某县2025年示范工作任务分工表", None, None, None, None, None],
            ["序号", "类别", "具体措施", "主办单位", "协办单位", "进度安排"],
            [1, "（一）教育提升", "建设智慧教室", "县教育局", "县财政局\n县数据局", "2025年6月"],
            [2, None, "培训骨干教师", "县教育局", "县人社局，县科协", "2025年9月"],
            [3, "（二）健康促进", "开展健康讲座", "县卫健局", "各乡镇人民政府", "每季度"],
        ],
        ["A1:F1", "B3:B4"],
    )
    plan = read_plan(path)
    assert plan.title == "某县2025年示范工作任务分工表"
    assert [(s.title, [(m.title, m.leads, m.cooperators, m.deadline) for m in s.measures]) for s in plan.sections] == [
        (
            "教育提升",
            [
                ("建设智慧教室", ("县教育局",), ("县财政局", "县数据局"), "2025年6月"),
                ("培训骨干教师", ("县教育局",), ("县人社局", "县科协"), "2025年9月"),
            ],
        ),
        ("健康促进", [("开展健康讲座", ("县卫健局",), ("各乡镇人民政府",), "每季度")]),
    ]
    assert str(plan.measures[1].source) == f"{path} [任务分工!C4]"


def test_a_table_titled_by_its_plan_in_book_title_marks_is_that_plans_table(tmp_path: Path) -> None:
    """《X》重点任务分工表 is plan X's table: the notices print 《X》 once, not 《《X》重点任务分工表》."""
    import matrix

    path = office_workbook(
        tmp_path / "分工表.xlsx",
        [
            ["《某县优化营商环境实施方案（2023-2025年）》重点任务分工表", None, None, None],
            ["序号", "具体措施", "主办单位", "协办单位"],
            [1, "推行一网通办", "县政务服务中心", "县发改局"],
        ],
        ["A1:D1"],
    )
    plan = read_plan(path)
    assert (plan.title, plan.period) == ("某县优化营商环境实施方案", "2023-2025")
    result = matrix.build(path, tmp_path / "out", issuer="某县人民政府办公室")
    notice = docx.Document(next(p for p in result.notices if "县发改局" in p.name))
    opening = "".join(p.text for p in notice.paragraphs[:6])
    assert "《某县优化营商环境实施方案（2023-2025年）》" in opening.replace("\n", "")
    assert "《《" not in opening and "分工表》" not in opening


def test_an_office_workbook_names_its_issuer_on_a_line_above_the_header(tmp_path: Path) -> None:
    """The line build's refusal asks for (印发单位：…) is read: the notices are signed by that office."""
    import matrix

    path = office_workbook(
        tmp_path / "分工表.xlsx",
        [
            ["《某县优化营商环境实施方案》重点任务分工表", None, None, None],
            ["印发单位：某县人民政府办公室", None, None, None],
            ["序号", "具体措施", "主办单位", "协办单位"],
            [1, "推行一网通办", "县政务服务中心", "县发改局"],
        ],
        [],
    )
    plan = read_plan(path)
    assert plan.title == "某县优化营商环境实施方案"
    assert (plan.issuer, plan.office) == ("某县人民政府办公室", "某县人民政府办公室")
    result = matrix.build(path, tmp_path / "out")
    notice = docx.Document(next(p for p in result.notices if "县发改局" in p.name))
    assert "某县人民政府办公室" in [p.text for p in notice.paragraphs]


def test_an_office_workbook_whose_second_header_row_names_lead_and_responsible_columns(tmp_path: Path) -> None:
    path = office_workbook(
        tmp_path / "分工表.xlsx",
        [
            ["序号", "重点任务", "责任分工", None, "完成时限"],
            [None, None, "牵头单位", "责任单位", None],
            [1, "实施城市更新", "市住建局", "市自然资源局、各区人民政府", "2025年底"],
        ],
        ["C1:D1", "A1:A2", "B1:B2", "E1:E2"],
    )
    (measure,) = read_plan(path).measures
    assert (measure.leads, measure.cooperators, measure.deadline) == (
        ("市住建局",),
        ("市自然资源局", "各区人民政府"),
        "2025年底",
    )


def test_a_workbook_in_the_schema_spellings_keeps_its_ids(tmp_path: Path) -> None:
    path = office_workbook(
        tmp_path / "分工表.xlsx",
        [["编号", "措施", "牵头单位", "配合单位"], ["3.4.1", "开展宣传", "县科协", "县妇联"]],
        [],
    )
    assert [m.id for m in read_plan(path).measures] == ["3.4.1"]


@pytest.mark.parametrize("header", [["姓名", "职务", "电话"]])
def test_a_workbook_that_is_no_task_table_is_still_refused_with_its_cell(tmp_path: Path, header: list[str]) -> None:
    from matrix.errors import InputError

    path = office_workbook(tmp_path / "通讯录.xlsx", [header, ["张三", "科员", "123"]], [])
    with pytest.raises(InputError, match=r"无法识别的表头 '姓名'"):
        read_plan(path)
