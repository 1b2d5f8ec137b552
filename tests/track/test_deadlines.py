"""Deadlines read into dates and rules, and the ones that cannot be read, reported with their place."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from matrix.model import Location, Measure, Plan, Section
from matrix.track.deadlines import (
    DATE,
    NONE,
    ONGOING,
    RECURRING,
    UNREADABLE,
    deadline_problems,
    due_dates,
    measure_deadline,
    parse_deadline,
    plan_milestones,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2022年底前", D(2022, 12, 31)),
        ("2022年年底前", D(2022, 12, 31)),
        ("2025年末", D(2025, 12, 31)),
        ("2023年6月底前", D(2023, 6, 30)),
        ("2024年2月底前", D(2024, 2, 29)),
        ("2023年6月", D(2023, 6, 30)),
        ("2023年6月30日前", D(2023, 6, 30)),
        ("2023年9月中旬", D(2023, 9, 20)),
        ("2023.6.30", D(2023, 6, 30)),
        ("２０２２年底前", D(2022, 12, 31)),
        ("2023年上半年", D(2023, 6, 30)),
        ("2023年下半年", D(2023, 12, 31)),
        ("2023年第三季度", D(2023, 9, 30)),
        ("2023年一季度末", D(2023, 3, 31)),
        ("至2025年", D(2025, 12, 31)),
        ("到2025年", D(2025, 12, 31)),
        ("2025年", D(2025, 12, 31)),
        ("2021-2025年", D(2025, 12, 31)),
        ("2021—2025年", D(2025, 12, 31)),
        ("2021年至2025年", D(2025, 12, 31)),
        ("“十四五”期间", D(2025, 12, 31)),
        ("十三五末", D(2020, 12, 31)),
        ("2022年底前建成并投入使用", D(2022, 12, 31)),
        ("持续开展至2025年底", D(2025, 12, 31)),
    ],
)
def test_a_date_is_read_as_the_last_day_it_allows(text: str, due: dt.date) -> None:
    read = parse_deadline(text)
    assert (read.kind, read.due, read.ongoing) == (DATE, due, False)


def test_several_dates_are_milestones_and_the_last_is_due() -> None:
    read = parse_deadline("2022年底前取得阶段性成效，2025年底前全面完成")
    assert read.due == D(2025, 12, 31)
    assert [(m.date, m.label) for m in read.milestones] == [
        (D(2022, 12, 31), "2022年底前取得阶段性成效"),
        (D(2025, 12, 31), "2025年底前全面完成"),
    ]


def test_a_date_then_ongoing_work_keeps_the_date() -> None:
    read = parse_deadline("2022年底前完成，长期坚持")
    assert (read.kind, read.due, read.ongoing) == (DATE, D(2022, 12, 31), True)
    assert read.describe() == "2022-12-31（此后长期坚持）"


@pytest.mark.parametrize(
    ("text", "every", "anchor"),
    [
        ("每年", "年", None),
        ("每年度", "年", None),
        ("每半年", "半年", None),
        ("每季度", "季度", None),
        ("每月", "月", None),
        ("每年6月底前", "年", (6, None)),
        ("每月25日前", "月", (None, 25)),
    ],
)
def test_recurring_deadlines_are_rules(text: str, every: str, anchor) -> None:
    read = parse_deadline(text)
    assert (read.kind, read.every, read.anchor, read.due) == (RECURRING, every, anchor, None)


def test_a_recurrence_with_an_end_and_a_start() -> None:
    read = parse_deadline("2022年起每年，至2025年")
    assert (read.kind, read.every, read.start, read.due) == (RECURRING, "年", D(2022, 1, 1), D(2025, 12, 31))


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "长期", "常态化开展", "2022年起"])
def test_ongoing_work_has_no_due_date(text: str) -> None:
    read = parse_deadline(text)
    assert (read.kind, read.due) == (ONGOING, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025年前", "可指2024年底或2025年底"),
        ("2025年以前", "可指2024年底或2025年底"),
        ("2023年6月前", "可指该月之前或该月底之前"),
        ("年内完成", "“年内”没有写明年份"),
        ("12月底前", "“12月”没有写明年份"),
        ("适时", "“适时”不是确定的时间"),
        ("近期完成", "“近期”不是确定的时间"),
        ("2023年初", "年初是哪一天"),
        ("2023-02-30", "不是有效日期"),
        ("2023年13月", "不是有效月份"),
        ("按上级部署", "没有可识别的日期"),
        ("每年、每季度", "几种周期"),
        ("每月31日前", "并非每月都有"),
        ("2022年底前完成，适时调整", "“适时”不是确定的时间"),
    ],
)
def test_what_cannot_be_dated_says_why_and_has_no_date(text: str, reason: str) -> None:
    read = parse_deadline(text)
    assert read.kind == UNREADABLE
    assert read.due is None
    assert reason in read.reason
    assert read.describe().startswith("无法确定：")


@pytest.mark.parametrize("text", [None, "", "  "])
def test_no_deadline_is_none(text) -> None:
    assert parse_deadline(text).kind == NONE


def _plan(*measures: Measure, period: str = "2021-2025") -> Plan:
    sections = (Section("3.1", "行动", measures=measures),)
    return Plan("某县实施方案", sections=sections, period=period, source="plan.yaml")


def test_a_measure_without_a_deadline_is_due_at_the_end_of_the_plan_period() -> None:
    measure = Measure("3.1.1", "措施")
    read = measure_deadline(_plan(measure), measure)
    assert (read.kind, read.due, read.from_period, read.text) == (DATE, D(2025, 12, 31), True, "2021-2025年")
    assert read.describe() == "2025-12-31（方案实施期限）"


def test_a_yearly_deadline_runs_to_the_end_of_the_plan() -> None:
    measure = Measure("3.1.1", "措施", deadline="每年")
    read = measure_deadline(_plan(measure), measure)
    assert (read.kind, read.due, read.from_period) == (RECURRING, D(2025, 12, 31), False)


def test_a_plan_without_period_leaves_a_measure_without_deadline() -> None:
    measure = Measure("3.1.1", "措施")
    assert measure_deadline(_plan(measure, period=""), measure).kind == NONE


def test_unreadable_deadlines_are_reported_at_the_measure() -> None:
    good = Measure("3.1.1", "措施一", deadline="2022年底前", source=Location("plan.yaml", line=10))
    bad = Measure("3.1.2", "措施二", deadline="2025年前", source=Location("plan.yaml", line=20))
    (problem,) = deadline_problems(_plan(good, bad))
    assert problem.measure == "3.1.2"
    assert str(problem).startswith("plan.yaml:20: 措施 3.1.2 的完成时限“2025年前”无法确定日期：")


def test_the_wutai_stages_give_milestones(wutai) -> None:
    assert [(m.date, m.label) for m in plan_milestones(wutai.plan)] == [
        (D(2021, 12, 31), "启动实施阶段"),
        (D(2025, 12, 31), "深入实施阶段"),
        (D(2025, 12, 31), "总结评估阶段"),
    ]


def test_the_seed_plans_have_no_unreadable_deadline(wutai) -> None:
    from ..conftest import INPUT
    from .conftest import load

    assert deadline_problems(wutai.plan) == ()
    assert deadline_problems(load(INPUT / "xinhuang.yaml").plan) == ()


def test_due_dates_of_a_fixed_deadline_fall_once() -> None:
    read = parse_deadline("2023年6月底前")
    assert due_dates(read, D(2023, 1, 1), D(2023, 12, 31)) == (D(2023, 6, 30),)
    assert due_dates(read, D(2023, 7, 1), D(2023, 12, 31)) == ()


def test_due_dates_of_a_rule_fall_every_unit_within_its_span() -> None:
    yearly = replace(parse_deadline("每年"), start=D(2022, 1, 1), due=D(2024, 12, 31))
    assert due_dates(yearly, D(2000, 1, 1), D(2030, 1, 1)) == (D(2022, 12, 31), D(2023, 12, 31), D(2024, 12, 31))
    assert due_dates(parse_deadline("每半年"), D(2023, 1, 1), D(2023, 12, 31)) == (D(2023, 6, 30), D(2023, 12, 31))
    assert due_dates(parse_deadline("每月25日前"), D(2023, 1, 1), D(2023, 2, 28)) == (D(2023, 1, 25), D(2023, 2, 25))
    assert due_dates(parse_deadline("长期坚持"), D(2000, 1, 1), D(2030, 1, 1)) == ()
