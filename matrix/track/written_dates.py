"""Dates as offices type them into a cell: read whole, or refused with the reason.

A 报送日期 typed as text comes in the spellings of office documents:
``2025-12-05``, ``2025/12/5``, ``2025.12.05``, ``2025年12月5日`` (or ``5号``),
``二〇二五年十二月五日``, in full-width digits, with spaces, or with a time of
day after it. Each is read as the day it names. A date that leaves something
out (``12月5日`` has no year, ``25.12.5`` a year of two digits) or names no
day of the calendar (``2025-02-30``) is refused with what is wrong, never
completed by guessing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..readers.plantext.endmatter import iso_date

__all__ = ["WrittenDate", "read_written_date"]

# 2025-12-05 / 2025/12/5 / 2025.12.05, one separator throughout; a time of day may follow.
_SEPARATED = re.compile(
    r"(?P<year>\d+)\s*(?P<sep>[-/.])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")
# 12月5日, 12-05, 12/5: a month and a day without the year.
_NO_YEAR = re.compile(r"\d{1,2}\s*(?:月\s*\d{1,2}\s*[日号]?|[-/.]\s*\d{1,2})")


class WrittenDate(ValueError):
    """A text that is not a whole date; the message says what is missing or wrong, in Chinese with a gloss.

    It reads as the predicate of a sentence whose subject (报送日期) the caller puts in front.
    """


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise WrittenDate(f"“{text}”不是日历上的日期 (no such day)") from None


def read_written_date(text: str) -> dt.date:
    """The day ``text`` names.

    Raises
    ------
    WrittenDate
        When the text is not a date, leaves out the year, writes the year in
        two digits, or names a day the calendar does not have.

    Examples
    --------
    >>> [read_written_date(t).isoformat() for t in ("2025/12/5", "２０２５年１２月５号", "二〇二五年十二月五日")]
    ['2025-12-05', '2025-12-05', '2025-12-05']
    >>> read_written_date("12月5日")
    Traceback (most recent call last):
    ...
    matrix.track.written_dates.WrittenDate: “12月5日”没有年份，请写全，如 2026-11-30 (no year)
    >>> read_written_date("下周一")
    Traceback (most recent call last):
    ...
    matrix.track.written_dates.WrittenDate: 应为日期（如 2026-11-30），实为“下周一” (not a date)
    """
    typed = text.strip()
    cleaned = unicodedata.normalize("NFKC", typed).strip()
    separated = _SEPARATED.fullmatch(cleaned)
    if separated is not None:
        if len(separated["year"]) != 4:
            raise WrittenDate(f"“{typed}”的年份应写四位，如 2026-11-30 (year of four digits)")
        return _day(int(separated["year"]), int(separated["month"]), int(separated["day"]), typed)
    spelled = re.sub(r"\s+", "", _TIME.sub("", cleaned)).replace("号", "日")
    try:
        iso = iso_date(spelled)
    except ValueError:  # a run of 十 that is no numeral
        iso = None
    if iso is not None:
        year, month, day = (int(part) for part in iso.split("-"))
        return _day(year, month, day, typed)
    if _NO_YEAR.fullmatch(cleaned):
        raise WrittenDate(f"“{typed}”没有年份，请写全，如 2026-11-30 (no year)")
    raise WrittenDate(f"应为日期（如 2026-11-30），实为“{typed}” (not a date)")
