"""The ledger's flags, each against the reports that should and should not raise it."""

from __future__ import annotations

import datetime as dt

import pytest

from matrix.audit import audit_plan
from matrix.graph import build_graph
from matrix.model import Assignment, Measure, Plan, Section
from matrix.track.ledger import NO_LEAD, NOT_REPORTED, OVERDUE, STALLED, UNREPORTED, build_ledger
from matrix.track.periods import parse_period
from matrix.track.records import Filed, Report

from ..conftest import INPUT, ROOT
from .conftest import load

D = dt.date


def _measure(id_: str, deadline: str | None, *leads: str) -> Measure:
    roles = [Assignment(d, "A/R" if i == 0 else "R") for i, d in enumerate(leads)]
    return Measure(id_, f"措施{id_}", deadline=deadline, assignments=(*roles, Assignment("县丙", "C")) if leads else ())


PLAN = Plan(
    "某县实施方案",
    period="2025-2026",
    office="某县领导小组办公室",
    sections=(
        Section(
            "1",
            "行动",
            measures=(
                _measure("1.1", "2025年底前", "县甲"),
                _measure("1.2", "每季度", "县甲"),
                _measure("1.3", "长期坚持", "县乙"),
                _measure("1.4", "2025年6月底前", "县甲", "县乙"),
                _measure("1.5", None),
                _measure("1.6", "2025年前", "县乙"),
            ),
        ),
    ),
)
GRAPH = build_graph(PLAN)
FINDINGS = audit_plan(PLAN, GRAPH)


def _report(period: str, department: str, measure: str, status: str, progress: str = "") -> Report:
    return Report(period, department, measure, status, progress=progress)


REPORTS = (
    # 县甲 reports every month
    _report("2025-10", "县甲", "1.1", "推进中", "启动"),
    _report("2025-11", "县甲", "1.1", "推进中", "过半"),
    _report("2025-12", "县甲", "1.1", "滞后", "资金未到位"),
    _report("2025-10", "县甲", "1.2", "推进中"),
    _report("2025-11", "县甲", "1.2", "已完成"),
    _report("2025-12", "县甲", "1.2", "推进中"),
    _report("2025-10", "县甲", "1.4", "已完成"),
    _report("2025-11", "县甲", "1.4", "已完成"),
    _report("2025-12", "县甲", "1.4", "已完成"),
    # 县乙 copies its report for two months, then falls silent
    _report("2025-10", "县乙", "1.3", "长期推进", "同上月"),
    _report("2025-11", "县乙", "1.3", "长期推进", "同上月"),
    _report("2025-10", "县乙", "1.4", "推进中"),
    _report("2025-11", "县乙", "1.4", "推进中"),
)
FILED = tuple(
    Filed(period, department, f"{department}.xlsx", f"{period}{department}", "")
    for period, department in {(r.period, r.department) for r in REPORTS}
)


def _ledger(as_of: dt.date, **options):
    return build_ledger(PLAN, GRAPH, FINDINGS, REPORTS, FILED, as_of, **options)


def _row(ledger, measure: str, department: str):
    return next(r for r in ledger.rows if (r.measure, r.department) == (measure, department))


def test_the_current_period_is_the_latest_collected_that_has_begun() -> None:
    assert _ledger(D(2026, 1, 5)).period.label == "2025-12"
    assert _ledger(D(2025, 11, 20)).period.label == "2025-11"
    assert _ledger(D(2026, 1, 5), period=parse_period("2025-11")).period.label == "2025-11"


def test_one_row_per_measure_and_lead_in_plan_order_and_one_for_a_measure_without_lead() -> None:
    ledger = _ledger(D(2026, 1, 5))
    assert [(r.measure, r.department) for r in ledger.rows] == [
        ("1.1", "县甲"),
        ("1.2", "县甲"),
        ("1.3", "县乙"),
        ("1.4", "县甲"),
        ("1.4", "县乙"),
        ("1.5", ""),
        ("1.6", "县乙"),
    ]
    assert _row(ledger, "1.5", "").flags == (NO_LEAD,)
    assert ledger.no_lead == 1


def test_a_fixed_deadline_is_overdue_once_passed_without_completion() -> None:
    before, after = _ledger(D(2025, 12, 20)), _ledger(D(2026, 1, 5))
    assert OVERDUE not in _row(before, "1.1", "县甲").flags
    row = _row(after, "1.1", "县甲")
    assert OVERDUE in row.flags and row.missed == D(2025, 12, 31)
    # 1.4 was due in June: 县甲 completed it, 县乙 did not
    assert OVERDUE not in _row(before, "1.4", "县甲").flags
    assert _row(before, "1.4", "县乙").missed == D(2025, 6, 30)


def test_a_recurring_deadline_needs_completion_within_each_unit() -> None:
    # the quarter to 30 September ended before tracking began: nothing to judge
    assert _row(_ledger(D(2025, 12, 20)), "1.2", "县甲").missed is None
    # the quarter to 31 December: completed in November
    assert _row(_ledger(D(2026, 1, 5)), "1.2", "县甲").missed is None
    silent = tuple(r for r in REPORTS if (r.measure, r.status) != ("1.2", "已完成"))
    ledger = build_ledger(PLAN, GRAPH, FINDINGS, silent, FILED, D(2026, 1, 5))
    assert _row(ledger, "1.2", "县甲").missed == D(2025, 12, 31)


def test_ongoing_work_and_an_undated_deadline_are_never_overdue() -> None:
    ledger = _ledger(D(2027, 1, 5))
    assert OVERDUE not in _row(ledger, "1.3", "县乙").flags
    assert OVERDUE not in _row(ledger, "1.6", "县乙").flags
    (problem,) = ledger.problems
    assert problem.measure == "1.6"


def test_a_department_silent_this_period_is_unreported_on_each_measure() -> None:
    ledger = _ledger(D(2026, 1, 5))
    assert [r.measure for r in ledger.flagged(UNREPORTED)] == ["1.3", "1.4", "1.6"]
    assert {d.name: d.submitted for d in ledger.departments} == {"县甲": True, "县乙": False}
    assert _row(ledger, "1.6", "县乙").status == NOT_REPORTED


def test_lagging_is_a_lagging_status_or_the_same_report_period_after_period() -> None:
    ledger = _ledger(D(2025, 12, 20), period=parse_period("2025-12"), stale=2)
    assert STALLED in _row(ledger, "1.1", "县甲").flags  # reported 滞后
    assert STALLED not in _row(ledger, "1.3", "县乙").flags  # silent in December: nothing to compare
    november = _ledger(D(2025, 12, 1), period=parse_period("2025-11"), stale=2)
    assert STALLED in _row(november, "1.3", "县乙").flags  # the same words two months running
    assert STALLED not in _row(november, "1.4", "县甲").flags  # the same, but complete
    assert STALLED not in _row(_ledger(D(2025, 12, 1), period=parse_period("2025-11")), "1.3", "县乙").flags


def test_history_shows_each_collected_period_up_to_the_current() -> None:
    ledger = _ledger(D(2025, 12, 1), period=parse_period("2025-11"))
    assert [p.label for p in ledger.history] == ["2025-10", "2025-11"]
    assert _row(ledger, "1.1", "县甲").history == ("推进中", "推进中")
    assert _row(ledger, "1.1", "县甲").latest.progress == "过半"  # December's report is after the ledger's period


def test_counts_per_department_and_for_the_plan() -> None:
    ledger = _ledger(D(2026, 1, 5))
    first = ledger.departments[0]
    assert (first.name, first.measures, first.of("已完成"), first.of("滞后"), first.overdue) == ("县甲", 3, 1, 1, 1)
    second = ledger.departments[1]
    assert (second.unreported, second.of("长期推进"), second.of(NOT_REPORTED), second.overdue) == (3, 1, 1, 1)
    assert (ledger.total.measures, ledger.total.overdue, ledger.total.unreported) == (6, 2, 3)
    assert ledger.total.completion == pytest.approx(1 / 6)


def test_completion_over_time_per_department() -> None:
    ledger = _ledger(D(2026, 1, 5))
    assert dict(ledger.completion) == {
        "县甲": pytest.approx((1 / 3, 2 / 3, 1 / 3)),
        "县乙": (0.0, 0.0, 0.0),
    }


def test_without_any_collection_nothing_is_unreported() -> None:
    ledger = build_ledger(PLAN, GRAPH, FINDINGS, (), (), D(2026, 1, 5))
    assert ledger.period is None and ledger.history == ()
    assert not ledger.flagged(UNREPORTED)
    assert [r.measure for r in ledger.flagged(OVERDUE)] == ["1.1", "1.4", "1.4"]


def test_a_measure_led_only_by_a_collective_naming_nobody_keeps_its_rows_and_is_flagged_no_lead() -> None:
    # The Xinhuang task table: 4.1.2 保障经费投入 is led by 各有关部门 alone (the audit's collective-lead).
    table = load(ROOT / "tests" / "fixtures" / "xinhuang-tasks.csv", INPUT / "departments-xinhuang.yaml")
    assert any(f.code == "collective-lead" and f.measure == "4.1.2" for f in table.findings)
    ledger = build_ledger(table.plan, table.graph, table.findings, (), (), D(2026, 1, 10))
    vague = [r for r in ledger.rows if r.measure == "4.1.2"]
    assert [(r.department, r.flags) for r in vague] == [("各有关部门", (OVERDUE, NO_LEAD))]
    township = next(r for r in ledger.rows if r.measure == "4.1.1")
    assert "人民政府" in township.department and NO_LEAD not in township.flags
    assert ledger.no_lead == 1
