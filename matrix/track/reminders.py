"""What a 督办通知 says, and what the 完成情况通报 says, as plain values built from the ledger.

The wording lives here and the page in :mod:`matrix.export.official` (through
:mod:`matrix.track.documents`), as for the task notices: the content can be
tested without opening a Word file. A department receives a 督办通知 when it
has a measure 逾期 or 未报送; each item names the measure, its deadline and
the last status the department reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..export.notice import format_date
from ..numerals import chinese_numeral
from .deadlines import RECURRING
from .ledger import NO_LEAD, OVERDUE, STALLED, UNREPORTED, Count, Ledger, LedgerRow

__all__ = [
    "Bulletin",
    "Reminder",
    "ReminderItem",
    "Section",
    "build_bulletin",
    "build_reminders",
    "last_reported",
    "reminder_recipients",
]


@dataclass(frozen=True)
class ReminderItem:
    """One measure a reminder asks about: what it is, when it was due, and what was last said of it."""

    measure: str
    title: str
    deadline: str
    last: str


@dataclass(frozen=True)
class Section:
    """A numbered part of a 督办通知 or 通报: a heading, paragraphs, optionally a table and the chart."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    chart: bool = False


@dataclass(frozen=True)
class Reminder:
    """One department's 督办通知: the items it is asked about, and the text in reading order."""

    department: str
    title: str
    addressee: str
    opening: str
    overdue: tuple[ReminderItem, ...]
    unreported: tuple[ReminderItem, ...]
    sections: tuple[Section, ...]
    signature: str
    date: str


@dataclass(frozen=True)
class Bulletin:
    """The 完成情况通报 to the leading group."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    signature: str
    date: str


def last_reported(row: LedgerRow) -> str:
    """The department's last word on the measure: 推进中（2025-11，60%）, or 未报告.

    >>> from matrix.track.deadlines import parse_deadline
    >>> last_reported(LedgerRow("1.1", "措施", "", "县甲", "", parse_deadline(""), None, None, (), ()))
    '从未报告进展'
    """
    latest = row.latest
    if latest is None:
        return "从未报告进展"
    share = f"，{latest.percent:.0%}" if latest.percent is not None else ""
    return f"{latest.status}（{latest.period}{share}）"


def _item(row: LedgerRow) -> ReminderItem:
    deadline = row.deadline.text or "—"
    if row.missed is not None and row.deadline.kind == RECURRING:
        deadline = f"{deadline}（{format_date(row.missed)}到期）"  # which of the recurring dates was missed
    return ReminderItem(row.measure, row.title, deadline, last_reported(row))


_ITEM_HEADER = ("序号", "编号", "任务", "完成时限", "最近报告情况")


def _item_rows(items: tuple[ReminderItem, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((str(i), t.measure, t.title, t.deadline, t.last) for i, t in enumerate(items, start=1))


def _numbered(parts: list[Section]) -> tuple[Section, ...]:
    """The parts with their headings numbered 一、二、… in order."""
    return tuple(
        Section(f"{chinese_numeral(i)}、{s.heading}", s.paragraphs, s.header, s.rows, s.chart)
        for i, s in enumerate(parts, start=1)
    )


def reminder_recipients(ledger: Ledger) -> tuple[str, ...]:
    """Lead departments with at least one measure 逾期 or 未报送, in plan order."""
    flagged = {r.department for r in ledger.rows if r.department and ({OVERDUE, UNREPORTED} & set(r.flags))}
    return tuple(count.name for count in ledger.departments if count.name in flagged)


def build_reminders(ledger: Ledger, *, reply_by: dt.date) -> tuple[Reminder, ...]:
    """One 督办通知 per department of :func:`reminder_recipients`.

    Parameters
    ----------
    ledger
        The ledger as of the reminders' date (their 成文日期).
    reply_by
        The day by which the department is to reply and report what is missing.
    """
    counts = {count.name: count for count in ledger.departments}
    period = ledger.period.text if ledger.period else ""
    reminders = []
    for department in reminder_recipients(ledger):
        overdue = tuple(_item(r) for r in ledger.flagged(OVERDUE, department))
        unreported = tuple(_item(r) for r in ledger.flagged(UNREPORTED, department))
        found = []
        if overdue:
            found.append(f"{len(overdue)}项任务已过完成时限仍未报告完成")
        if unreported:
            found.append(f"{len(unreported)}项任务未报送{period}进展情况")
        opening = (
            f"按照《{ledger.title}》任务分工，你单位牵头负责{counts[department].measures}项任务。"
            f"截至{format_date(ledger.as_of)}，经对各牵头单位{period}进展情况汇总梳理，你单位有"
            f"{'、'.join(found)}，具体如下。"
        )
        asks = []
        if overdue:
            asks.append("对逾期任务逐项分析原因，明确整改措施和完成时间，抓紧推进落实")
        if unreported:
            asks.append("对未报送的任务补报进展反馈表")
        requirement = (
            f"请你单位高度重视，{'；'.join(asks)}，并于{format_date(reply_by)}前将有关情况书面报送{ledger.office}。"
            "逾期仍未落实的，将在完成情况通报中予以通报。"
        )
        listed = (("已过完成时限、尚未报告完成的任务", overdue), (f"未报送{period}进展的任务", unreported))
        parts = [Section(name, header=_ITEM_HEADER, rows=_item_rows(items)) for name, items in listed if items]
        parts.append(Section("工作要求", (requirement,)))
        reminders.append(
            Reminder(
                department=department,
                title=f"关于督促落实《{ledger.title}》有关任务的通知",
                addressee=f"{department}：",
                opening=opening,
                overdue=overdue,
                unreported=unreported,
                sections=_numbered(parts),
                signature=ledger.office,
                date=format_date(ledger.as_of),
            )
        )
    return tuple(reminders)


def _count_row(count: Count) -> tuple[str, ...]:
    return (
        count.name,
        str(count.measures),
        str(count.of("已完成")),
        f"{count.completion:.0%}",
        str(count.overdue),
        str(count.unreported),
        str(count.stalled),
    )


def build_bulletin(ledger: Ledger) -> Bulletin:
    """The 完成情况通报: counts, each department's standing, the overdue list by department, the chart."""
    total = ledger.total
    period = ledger.period.text if ledger.period else ""
    when = format_date(ledger.as_of)
    silent = [c.name for c in ledger.departments if c.submitted is False]
    overview = (
        f"《{ledger.title}》共明确牵头任务{total.measures}项（按措施和牵头单位计）。截至{when}，"
        f"已完成{total.of('已完成')}项，推进中{total.of('推进中')}项，长期推进{total.of('长期推进')}项，"
        f"滞后{total.of('滞后')}项，未启动{total.of('未启动')}项，尚未报告进展{total.of('未报告')}项，"
        f"完成率{total.completion:.1%}。已过完成时限未报告完成的{total.overdue}项，"
        f"进度滞后的{total.stalled}项。"
    )
    paragraphs = [overview]
    if ledger.period:
        submitted = sum(1 for c in ledger.departments if c.submitted)
        paragraphs.append(f"{period}应报送进展的牵头单位{len(ledger.departments)}个，已报送{submitted}个。")
    if ledger.stage:
        paragraphs.append(f"按照方案进度安排，目前处于{ledger.stage.label}（至{format_date(ledger.stage.date)}）。")
    parts = [
        Section("总体情况", tuple(paragraphs)),
        Section(
            "各单位完成情况",
            ("各牵头单位任务完成情况见下表，各单位按期完成率见下图。",),
            header=("单位", "牵头任务", "已完成", "完成率", OVERDUE, UNREPORTED, STALLED),
            rows=tuple(_count_row(c) for c in ledger.departments),
            chart=True,
        ),
    ]
    order = {count.name: i for i, count in enumerate(ledger.departments)}
    overdue = sorted(ledger.flagged(OVERDUE), key=lambda r: order[r.department])
    if overdue:
        parts.append(
            Section(
                "逾期未完成的任务",
                (f"以下{len(overdue)}项任务已过完成时限，牵头单位尚未报告完成，按单位列出。",),
                header=("单位", "编号", "任务", "完成时限", "最近报告"),
                rows=tuple((r.department, r.measure, r.title, _item(r).deadline, last_reported(r)) for r in overdue),
            )
        )
    if silent:
        parts.append(Section("未按时报送进展的单位", (f"{'、'.join(silent)}未报送{period}进展情况。",)))
    orphans = [r for r in ledger.rows if NO_LEAD in r.flags]
    if orphans:
        listed = "、".join(f"{r.measure}{r.title}" for r in orphans)
        parts.append(Section("尚未明确牵头单位的措施", (f"{listed}，共{len(orphans)}项，请领导小组明确牵头单位。",)))
    parts.append(
        Section(
            "下一步工作",
            (
                "各牵头单位要对照任务分工，对逾期和滞后任务逐项分析原因、制定整改措施，按期报送进展情况。"
                f"{ledger.office}将持续跟踪督办，定期通报落实情况。",
            ),
        )
    )
    return Bulletin(
        title=f"关于《{ledger.title}》落实情况的通报",
        subtitle=f"（截至{when}）",
        sections=_numbered(parts),
        signature=ledger.office,
        date=when,
    )
