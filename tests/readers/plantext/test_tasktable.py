"""Task tables typed into the text (tabs or |) in place of brackets.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from .conftest import read


def test_a_task_table_instead_of_brackets() -> None:
    result = read(
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t开展科普宣传\t县科协\t县教育局、县妇联\t每年",
        "2\t建设科普阵地\t县科协、县财政局\t\t2025年底前",
    )
    assert result.problems == ()
    first, second = result.plan.measures
    assert (first.title, first.leads, first.cooperators, first.deadline) == (
        "开展科普宣传",
        ("县科协",),
        ("县教育局", "县妇联"),
        "每年",
    )
    assert (second.leads, second.cooperators, second.deadline) == (("县科协", "县财政局"), (), "2025年底前")
    assert second.source.line == 7


def test_a_typed_table_with_name_and_content_columns() -> None:
    result = read(
        "| 序号 | 任务名称 | 任务内容 | 责任单位 | 协办单位 |",
        "| --- | --- | --- | --- | --- |",
        "| 1 | 开展科普宣传 | 每年开展科普活动20场。 | 县科协 | 县教育局 |",
    )
    assert result.problems == ()
    (measure,) = result.plan.measures
    assert (measure.title, measure.text, measure.targets) == (
        "开展科普宣传",
        "每年开展科普活动20场。",
        ("每年开展科普活动20场",),
    )
    assert (measure.leads, measure.cooperators, measure.deadline) == (("县科协",), ("县教育局",), "每年")


def test_task_rows_after_the_distribution_list_are_reported_not_dropped() -> None:
    result = read(
        "开展科普宣传。（县科协牵头）",
        "抄送：县委各部门。",
        "序号\t重点任务\t牵头单位",
        "1\t建设科普阵地\t县科协",
    )
    assert [m.title for m in result.plan.measures] == ["开展科普宣传"]
    (problem,) = result.problems
    assert problem.location.line == 8 and "1 行未读入" in problem.message
