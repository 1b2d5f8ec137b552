"""Reporting periods: months and quarters, in one order."""

from __future__ import annotations

import datetime as dt

import pytest

from matrix.track.periods import MONTH, QUARTER, parse_period


@pytest.mark.parametrize(
    ("text", "label", "kind", "start", "end"),
    [
        ("2026-11", "2026-11", MONTH, dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("2026-1", "2026-01", MONTH, dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        ("2026年2月", "2026-02", MONTH, dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("2026-Q4", "2026-Q4", QUARTER, dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("2026q1", "2026-Q1", QUARTER, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026年第二季度", "2026-Q2", QUARTER, dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    ],
)
def test_a_period_is_read_with_its_first_and_last_day(text, label, kind, start, end) -> None:
    period = parse_period(text)
    assert (period.label, period.kind, period.start, period.end) == (label, kind, start, end)


def test_periods_sort_by_their_end() -> None:
    labels = ["2026-12", "2026-Q3", "2026-10", "2025-12"]
    assert [p.label for p in sorted(map(parse_period, labels))] == ["2025-12", "2026-Q3", "2026-10", "2026-12"]


def test_the_text_of_a_period_is_as_a_notice_writes_it() -> None:
    assert (parse_period("2026-11").text, parse_period("2026-Q4").text) == ("2026年11月", "2026年第四季度")


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "11月", "2026", "2026-Q5", ""])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="期次应为"):
        parse_period(text)
