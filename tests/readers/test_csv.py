from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.readers import read_plan

HEADER = "编号,所属行动,措施,内容,牵头单位,配合单位,完成时限\n"
ROWS = (
    "3.1.1,青少年科学素质提升行动,实施科学家精神进校园行动,坚持立德树人。,县教科局,县委宣传部、县科协、团县委,2025年\n"
    '3.1.2,青少年科学素质提升行动,提升基础教育阶段科学教育水平,,县教科局、县科协,"县工信局,团县委",\n'
    "3.2.1,农民科学素质提升行动,实施高素质农民培育计划,,县农业农村局,县妇联,每年\n"
)


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_rows_become_measures_grouped_by_section(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, HEADER + ROWS))
    assert [s.title for s in plan.sections] == ["青少年科学素质提升行动", "农民科学素质提升行动"]
    assert [m.id for m in plan.measures] == ["3.1.1", "3.1.2", "3.2.1"]
    second = plan.measures[1]
    assert second.leads == ("县教科局", "县科协")
    assert second.cooperators == ("县工信局", "团县委")
    assert {a.department: a.role for a in second.assignments}["县教科局"] == "A/R"
    assert plan.measures[0].deadline == "2025年"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_bom_and_gbk_files_read_the_same(tmp_path: Path, encoding: str) -> None:
    plan = read_plan(write(tmp_path, HEADER + ROWS, encoding))
    assert plan.measures[2].title == "实施高素质农民培育计划"


def test_row_without_lead_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ROWS.replace(",县农业农村局,", ",,"))
    with pytest.raises(InputError, match="牵头单位为空") as info:
        read_plan(path)
    assert str(info.value).startswith(f"{path}:4: ")


def test_guarantee_rows_may_have_no_lead(tmp_path: Path) -> None:
    text = "编号,措施,牵头单位,类型\n5.1,保障经费投入,,保障措施\n"
    plan = read_plan(write(tmp_path, text))
    assert plan.measures[0].assignments == ()


@pytest.mark.parametrize(
    ("text", "match", "line"),
    [
        ("编号,措施,牵头人\n1,x,县科协\n", "无法识别的表头 '牵头人'", 1),
        ("编号,措施\n1,x\n", "缺少必需的列：牵头单位", 1),
        (HEADER + ROWS.replace("3.1.2,", "3.1.1,"), "措施编号 '3.1.1' 重复", 3),
        (HEADER + ROWS.replace("县教科局、县科协", "县教科局、、县科协"), "单位名称为空", 3),
        (HEADER, "没有任何措施", None),
        # a record whose quoted cell holds a line break is located at its first line
        ('编号,措施,牵头单位\n1,x,"县科协\n县民政局"\n,y,"县科协\n县妇联"\n', "编号为空", 4),
        ("编号,措施,牵头单位\n1,x,县科协,,\n2,y,县科协,,县妇联\n", "此行有 5 列，表头只有 3 列：第 5 列的“县妇联”", 3),
        ("编号,措施,牵头单位\n1,x,。\n", "牵头单位：单位名称为空", 2),
    ],
)
def test_bad_csv_is_located(tmp_path: Path, text: str, match: str, line: int | None) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=match) as info:
        read_plan(path)
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert str(info.value).startswith(prefix)


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\xff\xfe\x00\x81\x30\x81" * 3)
    with pytest.raises(InputError, match="UTF-8"):
        read_plan(path)
