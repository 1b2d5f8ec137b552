from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Mm

from matrix.diff import diff_plans
from matrix.export.change_notice import change_notice_names, write_change_notices
from matrix.export.notice import build_notice
from matrix.export.official import BODY, TITLE
from matrix.graph import build_graph
from matrix.readers.yaml import read_yaml_text

from ..conftest import REVISED_PLAN, SMALL_PLAN
from ..invisible import invisible_characters

OFFICE = "五台县全民科学素质工作领导组办公室"


def text_of(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_each_concerned_department_gets_a_notice_with_only_its_changes(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    notices = write_change_notices(diff, tmp_path, office=OFFICE, date=dt.date(2026, 11, 23))
    assert notices.departments == diff.affected_departments()
    assert [p.name for p in notices.written] == change_notice_names(notices.departments)
    (police_file, civil_file) = (notices.written[notices.departments.index(d)] for d in ("县公安局", "县民政局"))
    police = text_of(police_file)
    assert "县公安局：" in police and "开展老年人防诈骗科普" in police and "新增任务" in police
    assert "实施智慧助老行动" not in police and "加强老年人健康科普服务" not in police
    assert OFFICE in police and "2026年11月23日" in police
    civil = text_of(civil_file)
    assert "不再承担" in civil and "内容修订：内容" in civil
    assert "开展老年人防诈骗科普" not in civil
    assert [found for path in notices.written for found in invisible_characters(path)] == []


def test_a_revision_that_changes_nobody_s_tasks_writes_nothing(tmp_path: Path) -> None:
    plan = read_yaml_text(SMALL_PLAN)
    notices = write_change_notices(diff_plans(plan, plan), tmp_path / "notices")
    assert notices.written == () and not (tmp_path / "notices").exists()


def test_file_names_are_safe_on_windows() -> None:
    assert change_notice_names(["县委党校/行政学校"]) == ["变更通知-县委党校_行政学校.docx"]


def test_two_departments_whose_names_come_out_alike_each_keep_their_notice(tmp_path: Path) -> None:
    old = read_yaml_text(SMALL_PLAN)
    new = read_yaml_text(
        # a name with a character no file name may hold (the readers refuse / between names, not :)
        SMALL_PLAN.replace("cooperators: [县卫健局]", "cooperators: [县卫健局, '县委党校:行政学校', 县委党校_行政学校]")
    )
    notices = write_change_notices(diff_plans(old, new), tmp_path, office=OFFICE, date=dt.date(2026, 11, 23))
    assert [p.name for p in notices.written] == [
        "变更通知-县委党校_行政学校.docx",
        "变更通知-县委党校_行政学校-2.docx",
    ]
    addressees = [next(line for line in text_of(p).split("\n") if line.endswith("：")) for p in notices.written]
    assert addressees == ["县委党校:行政学校：", "县委党校_行政学校："]


def test_a_change_notice_addresses_the_department_as_its_task_notice_does(tmp_path: Path) -> None:
    old, new = read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN)
    (path, *_) = write_change_notices(diff_plans(old, new), tmp_path, office=OFFICE).written
    task_notice = build_notice(new, build_graph(new), "县科协", date=dt.date(2026, 11, 23))
    assert "你单位" in task_notice.opening
    assert "你单位承担的任务有以下调整" in text_of(path) and "贵单位" not in text_of(path)


def test_the_change_table_fits_the_type_area_with_the_measure_widest(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    (path, *_) = write_change_notices(diff, tmp_path).written
    (table,) = Document(str(path)).tables
    widths = [column.width for column in table.columns]
    assert abs(sum(widths) - Mm(156)) < Mm(1)
    assert max(widths) == widths[2]
    assert [c.text for c in table.rows[0].cells] == ["序号", "编号", "措施", "调整", "原角色", "现角色"]


def test_change_notices_have_the_official_page_of_the_task_notices(tmp_path: Path) -> None:
    diff = diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))
    path = write_change_notices(diff, tmp_path, office=OFFICE, date=dt.date(2026, 11, 23)).written[0]
    document = Document(str(path))
    section = document.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert all(abs(got - Mm(want)) < Mm(0.1) for got, want in zip(margins, (37, 35, 28, 26), strict=True))
    styles = {p.text.replace("\n", ""): p.style.name for p in document.paragraphs if p.text}
    assert styles[f"关于《{diff.new_title}》任务分工调整的通知"] == TITLE
    assert next(s for t, s in styles.items() if t.startswith(f"《{diff.new_title}》已修订")) == BODY
    assert [p.text for p in document.paragraphs if p.text][-2:] == [OFFICE, "2026年11月23日"]
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer  # page numbers, as on the task notices
