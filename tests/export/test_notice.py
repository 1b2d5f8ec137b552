"""The words of a notice, as values: no Word file involved."""

from __future__ import annotations

import datetime as dt

import pytest

from matrix.export.notice import build_notice, default_requirements, full_title
from matrix.graph import build_graph
from matrix.model import Assignment, Measure, Plan, Section, Stage
from matrix.numerals import chinese_numeral


def test_stages_named_by_their_year_contribute_their_text() -> None:
    plan = Plan(
        "新晃侗族自治县全民科学素质行动规划纲要实施方案",
        stages=(
            Stage("2022年", "2022", "2022年，指导各乡镇制定具体实施办法并启动实施。"),
            Stage("2023年", "2023", "配合做好全省公民科学素质调查和科普统计工作。"),
            Stage("2025年", "2025"),
        ),
    )
    (stages,) = [p for p in default_requirements(plan) if p.startswith("按照方案进度安排")]
    assert stages == (
        "按照方案进度安排，2022年，指导各乡镇制定具体实施办法并启动实施；"
        "2023年，配合做好全省公民科学素质调查和科普统计工作。各单位要按阶段推进，压茬抓好落实。"
    )


def test_a_plan_without_stages_or_office_still_has_requirements() -> None:
    paragraphs = default_requirements(Plan("示例方案"))
    assert paragraphs and not any("报送" in p or "进度安排" in p for p in paragraphs)


def test_a_period_already_in_the_title_is_not_repeated() -> None:
    assert full_title(Plan("某县实施方案（2021-2025年）", period="2021-2025")) == "某县实施方案（2021-2025年）"


def test_chinese_numeral_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="expects 1-9999, got 10000"):
        chinese_numeral(10000)
    with pytest.raises(ValueError, match="expects 1-9999, got 0"):
        chinese_numeral(0)


def test_a_department_with_many_tasks_gets_them_all_in_order() -> None:
    measures = tuple(Measure(f"1.{i}", f"措施{i}", assignments=(Assignment("县科协", "R"),)) for i in range(1, 13))
    plan = Plan("示例方案", sections=(Section("1", "示例", measures=measures),))
    notice = build_notice(plan, build_graph(plan), "县科协", date=dt.date(2026, 1, 5))
    (lead, requirements) = notice.chapters
    assert lead.heading == "一、牵头任务" and requirements.heading == "二、工作要求"
    assert [t.title for t in lead.tasks] == [f"措施{i}" for i in range(1, 13)]
    assert notice.date == "2026年1月5日"
