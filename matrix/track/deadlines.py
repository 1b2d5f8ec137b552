"""A measure's 完成时限 as data: a date, a recurring rule, ongoing work, or a reasoned refusal.

Plans write deadlines as prose: ``2022年底前``, ``2023年6月底前``, ``每年``,
``长期坚持``, ``2022年底前完成，长期坚持``. The ledger needs dates to say what is
overdue, so this module reads that prose, and only that: nothing here looks at
a file or the clock. What it cannot place on a calendar without choosing
between readings (``2025年前`` is the end of 2024 to some and of 2025 to
others; ``年内`` has no year) is :data:`UNREADABLE` with the reason, and is
reported with the measure's location by :func:`deadline_problems`; it is never
given a date.

A measure without a deadline of its own falls within the plan's period
(``2021-2025``), as the task notices say; the plan's stages (进度安排) give
milestones.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..export.notice import period_text
from ..model import Location, Measure, Plan
from .periods import month_end

__all__ = [
    "DATE",
    "NONE",
    "ONGOING",
    "RECURRING",
    "UNREADABLE",
    "Deadline",
    "DeadlineProblem",
    "Milestone",
    "deadline_problems",
    "due_dates",
    "measure_deadline",
    "parse_deadline",
    "plan_milestones",
]

DATE = "date"
RECURRING = "recurring"
ONGOING = "ongoing"
UNREADABLE = "unreadable"
NONE = "none"

#: The unit of a recurring deadline, as the plan writes it after 每.
_UNITS = {"年": "年", "年度": "年", "半年": "半年", "季度": "季度", "季": "季度", "月": "月"}
_MONTHS_PER_UNIT = {"年": 12, "半年": 6, "季度": 3, "月": 1}


@dataclass(frozen=True)
class Milestone:
    """A date the text names, with the words that go with it (``2022年底前完成初步建设``)."""

    date: dt.date
    label: str


@dataclass(frozen=True)
class Deadline:
    """What a 完成时限 says, read.

    ``kind`` is one of :data:`DATE` (``due`` is the last date named, ``milestones``
    all of them), :data:`RECURRING` (``every`` 年/半年/季度/月, optionally
    ``anchor`` (month, day) within the unit and ``due`` the date it runs to),
    :data:`ONGOING` (长期坚持: never overdue), :data:`UNREADABLE` (``reason`` says
    why), or :data:`NONE` (no deadline and no plan period). ``ongoing`` marks
    work that continues after ``due`` (…，长期坚持). ``from_period`` marks a
    deadline taken from the plan's period because the measure names none.
    """

    text: str
    kind: str
    due: dt.date | None = None
    milestones: tuple[Milestone, ...] = ()
    every: str | None = None
    anchor: tuple[int | None, int | None] | None = None
    start: dt.date | None = None
    ongoing: bool = False
    reason: str = ""
    from_period: bool = False

    def describe(self) -> str:
        """The reading in a few words, for a ledger cell.

        >>> parse_deadline("2022年底前完成，长期坚持").describe()
        '2022-12-31（此后长期坚持）'
        >>> parse_deadline("每年").describe(), parse_deadline("长期坚持").describe()
        ('每年', '长期')
        """
        if self.kind == DATE:
            after = "（此后长期坚持）" if self.ongoing else "（方案实施期限）" if self.from_period else ""
            return f"{self.due.isoformat()}{after}"
        if self.kind == RECURRING:
            month, day = self.anchor or (None, None)
            when = f"{month}月底前" if month else f"{day}日前" if day else ""
            until = f"，至{self.due.isoformat()}" if self.due else ""
            return f"每{self.every}{when}{until}"
        if self.kind == ONGOING:
            return "长期"
        if self.kind == UNREADABLE:
            return f"无法确定：{self.reason}"
        return "未规定"


@dataclass(frozen=True)
class DeadlineProblem:
    """A deadline the ledger cannot date, with the measure's place in the plan."""

    location: Location | str
    measure: str
    text: str
    reason: str

    def __str__(self) -> str:
        reading = f"措施 {self.measure} 的完成时限“{self.text}”无法确定日期：{self.reason}"
        return f"{self.location}: {reading} (unreadable deadline)"


# -- reading one clause ---------------------------------------------------------------------

_YEAR = r"(?P<year>\d{4})"
#: Date expressions, most specific first; each names its groups so one function can date them.
_DATES = re.compile(
    r"(?<!\d)(?:"
    + "|".join(
        (
            r"(?P<fyp>十(?P<fyp_digit>[一二三四五六七八九])五)(?:期间|时期|期末|末)?",
            r"(?P<iso_year>\d{4})[-./](?P<iso_month>\d{1,2})[-./](?P<iso_day>\d{1,2})日?",
            r"(?P<range_from>\d{4})年?-(?P<range_to>\d{4})年?(?:年底|年末|底|末)?",
            rf"{_YEAR}年(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})[日号]|(?P<part>底|末|份|上旬|中旬|下旬|初))?",
            r"(?P<q_year>\d{4})年(?:第|前)?(?P<quarter>[一二三四1-4])季度(?:末|底)?",
            r"(?P<h_year>\d{4})年(?P<half>上半年|下半年|年中|年底|年末|底|末|初|年初)",
            r"(?P<bare_year>\d{4})(?:年|$)",
        )
    )
    + r")(?!\d)"
)
_BEFORE = re.compile(r"^(?:以前|之前|前)")
_FROM = re.compile(r"^(?:起|开始|以来|以后|之后)")
_RECURRING = re.compile(
    r"每(?P<unit>半年|年度|年|季度|季|月)(?:(?P<month>\d{1,2})月(?:底|末)?|(?P<day>\d{1,2})[日号])?"
)
_ONGOING = re.compile(r"长期|持续|常态化|常年|久久为功|即日起")
#: Time words that say "when" without a year to put it in: 年内, 12月底, 上半年 alone.
_YEARLESS = re.compile(r"\d{1,2}月|上半年|下半年|年内|年底|年末|年初|季度|年度内")
#: Words that promise a time without naming one.
_VAGUE = re.compile(r"近期|适时|尽快|限期|届时|择机|及时|按要求|按上级要求")
_DASHES = re.compile(r"\s*(?:[—–－~～]+|至|到)\s*(?=\d{4})")


@dataclass(frozen=True)
class _Clause:
    """What one clause contributed: dates, a start, a rule, ongoing work, or why it cannot be read."""

    dates: tuple[Milestone, ...] = ()
    start: dt.date | None = None
    every: str | None = None
    anchor: tuple[int | None, int | None] | None = None
    ongoing: bool = False
    timeless: bool = False
    problem: str = ""


def _normalise(text: str) -> str:
    """Full-width digits and punctuation folded (NFKC), spaces and quotes dropped, year ranges joined by -."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s“”\"'‘’]", "", text)
    return _DASHES.sub("-", text)


def _five_year_plan_end(digit: str) -> int:
    """The last year of the 十X五 five-year plan (the third ran 1966-1970, and every one after is five years)."""
    number = 10 + "一二三四五六七八九".index(digit) + 1
    return 1970 + 5 * (number - 3)


def _valid(year: int, month: int, day: int | None = None) -> dt.date | None:
    try:
        return dt.date(year, month, day) if day is not None else month_end(year, month)
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> tuple[dt.date | None, str]:
    """The date a match names and, if none, why; ``before`` ambiguity is checked by the caller."""
    group = match.groupdict()
    if group["fyp"]:
        return dt.date(_five_year_plan_end(group["fyp_digit"]), 12, 31), ""
    if group["iso_year"]:
        day = _valid(int(group["iso_year"]), int(group["iso_month"]), int(group["iso_day"]))
        return day, "" if day else f"“{match[0]}”不是有效日期"
    if group["range_to"]:
        return dt.date(int(group["range_to"]), 12, 31), ""
    if group["year"]:
        year, month, day, part = int(group["year"]), int(group["month"]), group["day"], group["part"]
        if not 1 <= month <= 12:
            return None, f"“{match[0]}”不是有效月份"
        if part == "初":
            return None, f"“{match[0]}”没有具体日期（月初是哪一天？）"
        if day is not None:
            date = _valid(year, month, int(day))
            return date, "" if date else f"“{match[0]}”不是有效日期"
        days = {"上旬": 10, "中旬": 20}
        return (_valid(year, month, days[part]) if part in days else month_end(year, month)), ""
    if group["q_year"]:
        quarter = "一二三四".index(group["quarter"]) + 1 if group["quarter"] in "一二三四" else int(group["quarter"])
        return month_end(int(group["q_year"]), quarter * 3), ""
    if group["h_year"]:
        year, half = int(group["h_year"]), group["half"]
        if half in ("初", "年初"):
            return None, f"“{match[0]}”没有具体日期（年初是哪一天？）"
        return (dt.date(year, 6, 30) if half in ("上半年", "年中") else dt.date(year, 12, 31)), ""
    return dt.date(int(group["bare_year"]), 12, 31), ""


#: Which matches read differently with 前 after them: a year or a month, but not 年底前 or 6月30日前.
def _ambiguous_before(match: re.Match[str]) -> bool:
    group = match.groupdict()
    if group["bare_year"]:
        return True
    return bool(group["year"]) and group["day"] is None and group["part"] in (None, "份")


def _read_clause(clause: str) -> _Clause:
    recurring = _RECURRING.search(clause)
    masked = _RECURRING.sub(lambda m: "#" * len(m[0]), clause)
    dates: list[Milestone] = []
    start = None
    for match in _DATES.finditer(masked):
        after = masked[match.end() :]
        date, problem = _date_of(match)
        if problem:
            return _Clause(problem=problem)
        if _FROM.match(after):
            start = date.replace(month=1, day=1) if match.group("bare_year") else date
            continue
        if _BEFORE.match(after) and _ambiguous_before(match):
            written = match[0] + _BEFORE.match(after)[0]
            if match.group("bare_year"):
                year = int(match.group("bare_year"))
                return _Clause(
                    problem=f"“{written}”可指{year - 1}年底或{year}年底，请写明“{year}年底前”或“{year - 1}年底前”"
                )
            return _Clause(problem=f"“{written}”可指该月之前或该月底之前，请写明“{match[0]}底前”或具体日期")
        dates.append(Milestone(date, clause))
    if recurring:
        unit = _UNITS[recurring["unit"]]
        month, day = recurring["month"], recurring["day"]
        if (month and unit != "年") or (day and unit != "月"):
            return _Clause(problem=f"“{recurring[0]}”的时间点与周期不符")
        if month and not 1 <= int(month) <= 12:
            return _Clause(problem=f"“{recurring[0]}”不是有效月份")
        if day and not 1 <= int(day) <= 28:
            return _Clause(problem=f"“{recurring[0]}”的日期并非每月都有，请写明 1-28 日或“月底”")
        anchor = (int(month), None) if month else (None, int(day)) if day else None
        return _Clause(dates=tuple(dates), start=start, every=unit, anchor=anchor)
    if dates or start:
        return _Clause(dates=tuple(dates), start=start)
    if _ONGOING.search(clause):
        return _Clause(ongoing=True)
    vague = _VAGUE.search(clause)
    if vague:
        return _Clause(problem=f"“{vague[0]}”不是确定的时间")
    yearless = _YEARLESS.search(clause)
    if yearless:
        return _Clause(problem=f"“{yearless[0]}”没有写明年份，无法确定是哪一年")
    return _Clause(timeless=True)


def _clauses(text: str) -> Iterator[str]:
    for piece in re.split(r"[,，;；。、/]|并且|并", text):
        if piece:
            yield piece


def parse_deadline(text: str | None) -> Deadline:
    """Read a 完成时限.

    Parameters
    ----------
    text
        The deadline as the plan writes it; empty or ``None`` gives :data:`NONE`.

    Returns
    -------
    Deadline
        Clauses are read one by one (split at commas, semicolons and 并); a
        clause without any time word (``并投入使用``) only describes the one
        before. One clause that is unreadable makes the whole deadline so:
        a deadline half understood would be half guessed.

    Examples
    --------
    >>> parse_deadline("2022年底前").due, parse_deadline("2023年6月底前").due
    (datetime.date(2022, 12, 31), datetime.date(2023, 6, 30))
    >>> parse_deadline("每年").kind, parse_deadline("持续推进").kind
    ('recurring', 'ongoing')
    >>> d = parse_deadline("2022年底前取得阶段性成效，2025年底前全面完成")
    >>> d.due, [m.date.year for m in d.milestones]
    (datetime.date(2025, 12, 31), [2022, 2025])
    >>> parse_deadline("2025年前").reason
    '“2025年前”可指2024年底或2025年底，请写明“2025年底前”或“2024年底前”'
    >>> parse_deadline("年内完成").kind
    'unreadable'
    """
    written = (text or "").strip()
    if not written:
        return Deadline("", NONE)
    parts = [_read_clause(clause) for clause in _clauses(_normalise(written))]
    problems = [p.problem for p in parts if p.problem]
    if problems:
        return Deadline(written, UNREADABLE, reason="；".join(problems))
    if all(p.timeless for p in parts):
        return Deadline(written, UNREADABLE, reason="没有可识别的日期、周期或“长期”等字样")
    milestones = tuple(sorted((m for p in parts for m in p.dates), key=lambda m: m.date))
    due = milestones[-1].date if milestones else None
    starts = [p.start for p in parts if p.start]
    start = min(starts) if starts else None
    rules = {(p.every, p.anchor) for p in parts if p.every}
    if len(rules) > 1:
        return Deadline(written, UNREADABLE, reason="同时写了几种周期，无法确定按哪一种督办")
    ongoing = any(p.ongoing for p in parts)
    if rules:
        every, anchor = rules.pop()
        return Deadline(written, RECURRING, due=due, milestones=milestones, every=every, anchor=anchor, start=start)
    if milestones:
        return Deadline(written, DATE, due=due, milestones=milestones, start=start, ongoing=ongoing)
    return Deadline(written, ONGOING, start=start)


# -- deadlines of a plan ----------------------------------------------------------------------


def measure_deadline(plan: Plan, measure: Measure) -> Deadline:
    """The measure's own deadline, else the plan's period (``2021-2025`` is due at the end of 2025).

    A recurring deadline (每年) without an end of its own runs to the end of
    the plan's period. The notices print the period for a measure without a deadline of its own
    (:func:`matrix.export.notice.deadline_of`); the ledger reads the same words.
    """
    period = parse_deadline(plan.period)
    if measure.deadline and measure.deadline.strip():
        own = parse_deadline(measure.deadline)
        if own.kind == RECURRING and own.due is None and period.kind == DATE:
            return replace(own, due=period.due)  # 每年 within a 2021-2025 plan runs to its end
        return own
    if period.kind != NONE:
        return replace(period, text=period_text(plan), from_period=True)
    return period


def plan_milestones(plan: Plan) -> tuple[Milestone, ...]:
    """The end of each stage of the plan's 进度安排 that can be dated, labelled with the stage's name."""
    milestones = []
    for stage in plan.stages:
        read = parse_deadline(stage.years)
        if read.kind == DATE:
            milestones.append(Milestone(read.due, stage.name))
    return tuple(milestones)


def deadline_problems(plan: Plan) -> tuple[DeadlineProblem, ...]:
    """Every measure (and stage) whose deadline cannot be dated, where the plan says it."""
    problems = []
    for measure in plan.measures:
        read = measure_deadline(plan, measure)
        if read.kind == UNREADABLE:
            where = measure.source if measure.source is not None else plan.source
            problems.append(DeadlineProblem(where, measure.id, read.text, read.reason))
    return tuple(problems)


def due_dates(deadline: Deadline, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The days in ``[first, last]`` on which the deadline falls due.

    A fixed deadline falls due once; a recurring one at the end of every
    unit (or on its anchor: 每年6月底前 on 30 June), from its start to its
    ``due`` when it names them; ongoing work and unreadable deadlines never.

    Examples
    --------
    >>> [d.isoformat() for d in due_dates(parse_deadline("每季度"), dt.date(2026, 1, 1), dt.date(2026, 8, 1))]
    ['2026-03-31', '2026-06-30']
    >>> due_dates(parse_deadline("每年6月底前"), dt.date(2025, 7, 1), dt.date(2026, 12, 31))
    (datetime.date(2026, 6, 30),)
    """
    if deadline.kind == DATE:
        return (deadline.due,) if first <= deadline.due <= last else ()
    if deadline.kind != RECURRING:
        return ()
    step = _MONTHS_PER_UNIT[deadline.every]
    month_anchor, day_anchor = deadline.anchor or (None, None)
    stop = min(last, deadline.due) if deadline.due else last
    begin = max(first, deadline.start) if deadline.start else first
    dates = []
    year, month = begin.year, 1
    while (year, month) <= (stop.year, stop.month):
        if month_anchor is not None:
            day = month_end(year, month) if month == month_anchor else None
        elif month % step == 0:
            day = dt.date(year, month, day_anchor) if day_anchor else month_end(year, month)
        else:
            day = None
        if day is not None and begin <= day <= stop:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(dates)
