"""The 工作台账: every measure × lead department, its latest status, its history, and what is wrong.

Pure: stored reports, the plan, its graph and audit, and a date in; rows and
summaries out. Four flags, each with one rule:

- 逾期: a due date has passed (:func:`~matrix.track.deadlines.due_dates`) and
  the department has not reported the work done: for a fixed deadline, its
  latest status is not 已完成 (or 长期推进, when the deadline says the work
  continues: 2022年底前完成，长期坚持); for a recurring one (每年), no report
  in the periods up to the last due date since the one before says 已完成.
  Ongoing work, and deadlines that cannot be dated, are never overdue (the
  latter are listed, see :func:`~matrix.track.deadlines.deadline_problems`).
- 未报送: no report on the measure from the department for the current period.
- 进度滞后: the current status is 滞后, or the last ``stale`` periods all
  reported the same status, share and progress text without completing.
- 无牵头: the audit found no lead (or no department at all) for the measure.

The current period is the latest collected period that has started by the
as-of date, unless one is named.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from ..export.notice import full_title, issuing_office, leads_and_cooperators, role_label
from ..findings import Finding
from ..model import Plan
from .deadlines import (
    DATE,
    RECURRING,
    Deadline,
    DeadlineProblem,
    Milestone,
    deadline_problems,
    due_dates,
    measure_deadline,
    plan_milestones,
)
from .periods import Period, parse_period
from .records import COMPLETE, LAGGING, ONGOING_STATUS, STATUSES, Filed, Report

__all__ = [
    "FLAGS",
    "NOT_REPORTED",
    "NO_LEAD",
    "OVERDUE",
    "STALLED",
    "UNREPORTED",
    "Count",
    "Ledger",
    "LedgerRow",
    "build_ledger",
    "current_period",
]

OVERDUE = "逾期"
UNREPORTED = "未报送"
STALLED = "进度滞后"
NO_LEAD = "无牵头"
FLAGS = (OVERDUE, UNREPORTED, STALLED, NO_LEAD)
#: The status column of a measure nobody has reported on yet.
NOT_REPORTED = "未报告"
#: Audit findings that mean a measure has nobody to lead it.
_NO_LEAD_CODES = ("no-lead", "unassigned", "unassigned-guarantee")
#: Audit findings that mean a measure is led by a collective naming nobody (各有关部门): its rows stay, flagged.
_VAGUE_LEAD_CODES = ("collective-lead",)


@dataclass(frozen=True)
class LedgerRow:
    """One measure as one lead department carries it (``department`` empty when it has no lead).

    ``latest`` is the department's last report up to the current period,
    ``current`` its report for the current period; ``history`` the status in
    each of :attr:`Ledger.history` (empty where it did not report).
    ``missed`` is the due date an 逾期 flag is about.
    """

    measure: str
    title: str
    section: str
    department: str
    role: str
    deadline: Deadline
    latest: Report | None
    current: Report | None
    history: tuple[str, ...]
    flags: tuple[str, ...]
    missed: dt.date | None = None

    @property
    def status(self) -> str:
        """The latest status, or 未报告 when the department never reported on the measure."""
        return self.latest.status if self.latest else NOT_REPORTED


@dataclass(frozen=True)
class Count:
    """Counts over a set of ledger rows: one department's, or the whole plan's."""

    name: str
    measures: int
    statuses: tuple[tuple[str, int], ...]
    overdue: int
    unreported: int
    stalled: int
    submitted: bool | None = None

    def of(self, status: str) -> int:
        return dict(self.statuses).get(status, 0)

    @property
    def completion(self) -> float:
        """Share of the measures reported 已完成 (0 for none)."""
        return self.of(COMPLETE) / self.measures if self.measures else 0.0


@dataclass(frozen=True)
class Ledger:
    """The whole ledger as of a date.

    ``history`` holds the collected periods shown (oldest first, the current
    one last); ``completion`` each lead department's share of measures
    complete at the end of each of them; ``departments`` the counts per lead
    department in plan order, ``total`` over all lead rows; ``no_lead`` the
    measures without a lead or led only by a collective that names nobody
    (各有关部门: its rows are kept, with the collective's reports, and flagged
    无牵头 too, since nobody in particular answers for it).
    """

    title: str
    office: str
    as_of: dt.date
    period: Period | None
    history: tuple[Period, ...]
    rows: tuple[LedgerRow, ...]
    departments: tuple[Count, ...]
    total: Count
    no_lead: int
    completion: tuple[tuple[str, tuple[float, ...]], ...]
    milestones: tuple[Milestone, ...]
    problems: tuple[DeadlineProblem, ...]

    def flagged(self, flag: str, department: str | None = None) -> tuple[LedgerRow, ...]:
        """The rows carrying ``flag``, of one department when given."""
        return tuple(r for r in self.rows if flag in r.flags and (department is None or r.department == department))

    @property
    def stage(self) -> Milestone | None:
        """The stage of the plan's 进度安排 under way on the as-of date (the first not yet ended)."""
        return next((m for m in self.milestones if m.date >= self.as_of), None)


def current_period(periods: Iterable[Period], as_of: dt.date) -> Period | None:
    """The latest of ``periods`` that has started by ``as_of``.

    >>> current_period([parse_period("2026-10"), parse_period("2026-11")], dt.date(2026, 11, 3)).label
    '2026-11'
    >>> current_period([parse_period("2026-12")], dt.date(2026, 11, 3)) is None
    True
    """
    started = [p for p in periods if p.start <= as_of]
    return max(started) if started else None


def _done(report: Report | None, deadline: Deadline) -> bool:
    if report is None:
        return False
    return report.status == COMPLETE or (deadline.ongoing and report.status == ONGOING_STATUS)


def _missed(
    deadline: Deadline,
    reports: Mapping[Period, Report],
    latest: Report | None,
    periods: Sequence[Period],
    as_of: dt.date,
) -> dt.date | None:
    """The due date the department has missed as of ``as_of``, if any (see the module's rule)."""
    if deadline.kind == DATE:
        return deadline.due if deadline.due < as_of and not _done(latest, deadline) else None
    if deadline.kind != RECURRING or not periods:
        return None
    first = periods[0].start
    due = due_dates(deadline, dt.date.min, as_of - dt.timedelta(days=1))
    if not due or due[-1] < first:
        return None
    last = due[-1]
    before = due[-2] if len(due) > 1 else dt.date.min
    window = [p for p in periods if before < p.end <= last]
    if not window:
        return None
    return None if any(_done(reports.get(p), deadline) for p in window) else last


def _stalled(current: Report | None, reports: Mapping[Period, Report], shown: Sequence[Period], stale: int) -> bool:
    if current is not None and current.status == LAGGING:
        return True
    if stale < 2 or len(shown) < stale:
        return False
    last = [reports.get(p) for p in shown[-stale:]]
    if any(r is None for r in last) or last[-1].status == COMPLETE:
        return False
    return all(r.same_progress(last[0]) for r in last[1:])


def _count(name: str, rows: Sequence[LedgerRow], submitted: bool | None = None) -> Count:
    statuses = defaultdict(int)
    for row in rows:
        statuses[row.status] += 1
    order = (*STATUSES, NOT_REPORTED)
    return Count(
        name=name,
        measures=len(rows),
        statuses=tuple((s, statuses[s]) for s in order),
        overdue=sum(OVERDUE in r.flags for r in rows),
        unreported=sum(UNREPORTED in r.flags for r in rows),
        stalled=sum(STALLED in r.flags for r in rows),
        submitted=submitted,
    )


def build_ledger(
    plan: Plan,
    graph: nx.Graph,
    findings: Iterable[Finding],
    reports: Iterable[Report],
    filed: Iterable[Filed],
    as_of: dt.date,
    *,
    period: Period | None = None,
    stale: int = 3,
    history: int = 6,
) -> Ledger:
    """The ledger of ``plan`` as of ``as_of``.

    Parameters
    ----------
    plan, graph
        The plan with names resolved and its graph.
    findings
        The audit's findings; measures it finds without a lead are flagged 无牵头.
    reports, filed
        Everything stored for the plan (:meth:`~matrix.track.store.Store.reports`
        and :meth:`~matrix.track.store.Store.filed`); reports of periods after
        the current one are left out.
    as_of
        The day the ledger is drawn up: deadlines before it have passed.
    period
        The current period; by default :func:`current_period` of the collected ones.
    stale
        Periods without change after which a measure is 进度滞后 (2 or more; fewer turns the rule off).
    history
        How many collected periods, up to the current one, the history shows.
    """
    filed = tuple(filed)
    collected = sorted({parse_period(f.period) for f in filed} | {parse_period(r.period) for r in reports})
    period = period or current_period(collected, as_of)
    periods = [p for p in collected if period is not None and p <= period]
    if period is not None and period not in periods:
        periods.append(period)
    shown = periods[-history:] if history > 0 else []
    by_label = {p.label: p for p in periods}
    kept: dict[tuple[str, str], dict[Period, Report]] = defaultdict(dict)
    for report in reports:
        if report.period in by_label:
            kept[report.department, report.measure][by_label[report.period]] = report
    submitted = {f.department for f in filed if period is not None and f.period == period.label}
    no_lead = {f.measure for f in findings if f.code in _NO_LEAD_CODES and f.measure}
    vague = {f.measure for f in findings if f.code in _VAGUE_LEAD_CODES and f.measure}

    rows: list[LedgerRow] = []
    for measure in plan.measures:
        section = plan.section_of(measure.id)
        place = f"{section.id} {section.title}".strip()
        deadline = measure_deadline(plan, measure)
        leads = leads_and_cooperators(plan, graph, measure)[0]
        if measure.id in no_lead or not leads:
            blank = ("",) * len(shown)
            rows.append(LedgerRow(measure.id, measure.title, place, "", "", deadline, None, None, blank, (NO_LEAD,)))
            continue
        for department in leads:
            own = kept.get((department, measure.id), {})
            latest = own[max(own)] if own else None
            current = own.get(period) if period is not None else None
            missed = _missed(deadline, own, latest, periods, as_of)
            flags = (
                *((OVERDUE,) if missed else ()),
                *((UNREPORTED,) if period is not None and current is None else ()),
                *((STALLED,) if _stalled(current, own, shown, stale) else ()),
                *((NO_LEAD,) if measure.id in vague else ()),
            )
            rows.append(
                LedgerRow(
                    measure=measure.id,
                    title=measure.title,
                    section=place,
                    department=department,
                    role=role_label(graph.edges[measure.id, department]["role"]),
                    deadline=deadline,
                    latest=latest,
                    current=current,
                    history=tuple(own[p].status if p in own else "" for p in shown),
                    flags=flags,
                    missed=missed,
                )
            )

    lead_rows = [r for r in rows if r.department]
    by_department: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in lead_rows:
        by_department[row.department].append(row)
    departments = tuple(
        _count(name, own, submitted=name in submitted if period is not None else None)
        for name, own in by_department.items()
    )
    completion = tuple(
        (name, tuple(_completion_at(own, kept, p) for p in shown)) for name, own in by_department.items()
    )
    return Ledger(
        title=full_title(plan),
        office=issuing_office(plan),
        as_of=as_of,
        period=period,
        history=tuple(shown),
        rows=tuple(rows),
        departments=departments,
        total=_count("合计", lead_rows),
        no_lead=len({r.measure for r in rows if NO_LEAD in r.flags}),
        completion=completion,
        milestones=plan_milestones(plan),
        problems=deadline_problems(plan),
    )


def _completion_at(rows: Sequence[LedgerRow], kept: Mapping[tuple[str, str], Mapping[Period, Report]], when: Period):
    """The share of ``rows`` whose latest report by the end of ``when`` says 已完成."""
    done = 0
    for row in rows:
        own = kept.get((row.department, row.measure), {})
        up_to = [p for p in own if p <= when]
        if up_to and own[max(up_to)].status == COMPLETE:
            done += 1
    return done / len(rows) if rows else 0.0
