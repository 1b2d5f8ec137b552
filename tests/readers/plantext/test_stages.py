"""The timeline (实施步骤, 进度安排): stages with their names and years.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from .conftest import read


def test_wutai_stages_are_named_by_the_plan(wutai) -> None:
    assert [s.name for s in wutai.plan.stages] == ["启动实施阶段", "深入实施阶段", "总结评估阶段"]


def test_xinhuang_timeline_is_one_paragraph_split_at_its_years(xinhuang) -> None:
    stages = xinhuang.plan.stages  # line 178
    assert [(s.name, s.years) for s in stages] == [("2022年", "2022"), ("2023年", "2023"), ("2025年", "2025")]
    assert stages[1].text == "2023年配合做好全省公民科学素质调查和科普统计工作。"


def test_a_timeline_paragraph_without_years_is_reported_at_its_line() -> None:
    result = read("开展科普宣传。（县科协牵头）", "二、进度安排", "各单位要按时完成任务。")
    assert result.plan.stages == ()
    assert [(p.location.line, "进度安排中无法识别" in p.message) for p in result.problems] == [(7, True)]
