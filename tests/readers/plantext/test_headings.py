"""Headings: chapters and sections give ids and kinds; numbering that jumps is reported.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from matrix.model import GUARANTEE_KIND
from matrix.readers.text import read_plan_text

from .conftest import read


def test_wutai_sections_take_ids_and_kinds_from_their_chapters(wutai) -> None:
    sections = [(s.id, s.title, s.kind, len(s.measures)) for s in wutai.plan.sections]
    assert sections == [
        ("3.1", "青少年科学素质提升行动", "提升行动", 5),
        ("3.2", "农民科学素质提升行动", "提升行动", 4),
        ("3.3", "产业工人科学素质提升行动", "提升行动", 4),
        ("3.4", "老年人科学素质提升行动", "提升行动", 3),
        ("3.5", "领导干部和公务员科学素质提升行动", "提升行动", 3),
        ("4.1", "科技资源科普化工程", "重点工程", 3),
        ("4.2", "科普信息化提升工程", "重点工程", 3),
        ("4.3", "科普基础设施工程", "重点工程", 3),
        ("4.4", "基层科普能力提升工程", "重点工程", 4),
        ("4.5", "科学素质交流合作工程", "重点工程", 1),
        ("5.1", "组织领导", GUARANTEE_KIND, 2),
        ("5.2", "保障条件", GUARANTEE_KIND, 3),
    ]
    assert all(m.kind == s.kind for s in wutai.plan.sections for m in s.measures)


def test_a_plan_without_chapters_numbers_its_sections_alone() -> None:
    result = read_plan_text(
        "某县科普工作方案\n为推进科普，制定本方案。\n（一）科普宣传\n开展科普宣传。（县科协牵头）\n（二）科普阵地\n建设科普阵地。（县科协牵头）",
        "plan.txt",
    )
    assert result.problems == ()
    assert [(s.id, m.id, m.title) for s in result.plan.sections for m in s.measures] == [
        ("1", "1.1", "开展科普宣传"),
        ("2", "2.1", "建设科普阵地"),
    ]


def test_numbering_that_jumps_is_reported() -> None:
    result = read("1.开展科普宣传。", "3.建设科普阵地。", "（责任分工：县科协牵头）")
    assert [p.location.line for p in result.problems] == [6]
    assert "编号不连续" in result.problems[0].message
