"""Reporting periods: the month or quarter a department's feedback is about.

Offices collect progress monthly (``2026-11``) or quarterly (``2026-Q4``). A
period is stored as that label, and compared by the day it ends, so that the
ledger can say which report is the latest and which periods came before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["MONTH", "QUARTER", "Period", "month_end", "parse_period"]

MONTH = "月"
QUARTER = "季度"

_QUARTER_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FORMS = (
    (re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"), MONTH),
    (re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月"), MONTH),
    (re.compile(r"(?P<year>\d{4})-?[Qq](?P<quarter>[1-4])"), QUARTER),
    (re.compile(r"(?P<year>\d{4})年第?(?P<quarter>[一二三四1-4])季度"), QUARTER),
)


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month``.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """A month or a quarter; periods sort by the day they end, a month before the quarter it closes."""

    end: dt.date
    kind: str
    label: str

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        months = 3 if self.kind == QUARTER else 1
        first_month = self.end.month - months + 1
        return dt.date(self.end.year, first_month, 1)

    @property
    def text(self) -> str:
        """The period in words, as a notice writes it: 2026年11月, 2026年第四季度."""
        if self.kind == QUARTER:
            return f"{self.end.year}年第{'一二三四'[self.end.month // 3 - 1]}季度"
        return f"{self.end.year}年{self.end.month}月"

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period:
    """A period from ``2026-11``, ``2026年11月``, ``2026-Q4`` or ``2026年第四季度``.

    The label is normalised (``2026-11``, ``2026-Q4``) so that the same period
    typed two ways is stored once.

    Raises
    ------
    ValueError
        For anything else, or a month outside 1-12.

    Examples
    --------
    >>> parse_period("2026-11").end, parse_period("2026年第四季度").label
    (datetime.date(2026, 11, 30), '2026-Q4')
    >>> parse_period("2026-13")
    Traceback (most recent call last):
    ...
    ValueError: 期次应为 2026-11（月）或 2026-Q4（季度），实为 '2026-13' (bad period)
    """
    cleaned = text.strip()
    for pattern, kind in _FORMS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        year = int(match["year"])
        if kind == QUARTER:
            quarter = _QUARTER_DIGITS[match["quarter"]]
            return Period(month_end(year, quarter * 3), QUARTER, f"{year}-Q{quarter}")
        month = int(match["month"])
        if 1 <= month <= 12:
            return Period(month_end(year, month), MONTH, f"{year}-{month:02d}")
    raise ValueError(f"期次应为 2026-11（月）或 2026-Q4（季度），实为 '{text}' (bad period)")
