"""Collecting a period's returned sheets into the store: all of them, or none.

Every sheet is read and checked before anything is written (see
:mod:`matrix.track.feedback`); then two sheets of one department in the same
collect, and a file already stored for another period, are refused too. Only
when no sheet is refused is the whole collect stored, in one transaction.
An office that fixes the one bad sheet runs the same command again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import networkx as nx

from ..errors import InputError
from ..graph import department_nodes
from ..model import Location, Plan
from .feedback import ExpectedForm, file_digest, read_feedback
from .form_layout import FormRow, form_rows_by_department, plan_key
from .periods import parse_period
from .records import Submission
from .store import Saved, Store

__all__ = ["CollectError", "collect", "expected_forms", "read_submissions"]


class CollectError(InputError):
    """Returned sheets were refused; ``problems`` holds one located error per refused sheet.

    Nothing of the collect was stored.
    """

    def __init__(self, problems: Iterable[InputError]) -> None:
        self.problems = tuple(problems)
        if len(self.problems) == 1:
            only = self.problems[0]
            super().__init__(f"{only.message}；本次未收录任何内容", only.location)
        else:
            count = len(self.problems)
            super().__init__(f"{count} 份反馈表有误，本次未收录任何内容 ({count} sheets refused, nothing stored)")


def expected_forms(plan: Plan, graph: nx.Graph) -> Callable[[str], ExpectedForm | None]:
    """A look-up of each lead department's current form, all computed in one pass when first asked for."""
    key = plan_key(plan)

    @cache
    def every() -> dict[str, tuple[FormRow, ...]]:
        return form_rows_by_department(plan, graph)

    @cache
    def leads() -> dict[str, tuple[str, ...]]:
        by_measure: dict[str, list[str]] = {}
        for department, rows in every().items():
            for row in rows:
                by_measure.setdefault(row.measure, []).append(department)
        return {measure: tuple(departments) for measure, departments in by_measure.items()}

    @cache
    def names() -> tuple[str, ...]:
        # The office is left out: a department may well name the office its sheet goes to in the file name.
        return tuple(d for d in department_nodes(graph) if not graph.nodes[d].get("office"))

    def expected(department: str) -> ExpectedForm | None:
        rows = every().get(department)
        return None if rows is None else ExpectedForm(key, department, rows, leads(), names())

    return expected


def read_submissions(
    plan: Plan, graph: nx.Graph, paths: Iterable[str | Path], period: str, *, today: dt.date | None = None
) -> tuple[Submission, ...]:
    """Read every returned sheet of one period; refuse them together if any is wrong.

    ``today`` is the day of collecting (see :func:`~matrix.track.feedback.read_feedback`).

    Raises
    ------
    CollectError
        Listing each sheet that cannot be read or checked, and each sheet of a
        department whose sheet is already in this collect.
    """
    key = plan_key(plan)
    expected = expected_forms(plan, graph)
    submissions: list[Submission] = []
    problems: list[InputError] = []
    first: dict[str, Submission] = {}
    for path in paths:
        try:
            submission = read_feedback(path, period, key, expected, today=today)
        except InputError as exc:
            problems.append(exc)
            continue
        earlier = first.get(submission.department)
        if earlier is not None:
            problems.append(
                InputError(
                    f"与 {earlier.path} 同为 {submission.department} 的反馈表，同一期只能收录一份"
                    " (sheet collected twice)",
                    Location(str(path)),
                )
            )
            continue
        first[submission.department] = submission
        submissions.append(submission)
    if problems:
        raise CollectError(problems)
    return tuple(submissions)


def collect(
    plan: Plan,
    graph: nx.Graph,
    paths: Iterable[str | Path],
    period: str,
    store: Store,
    *,
    now: dt.datetime | None = None,
) -> Saved:
    """Read, check and store one period's returned sheets in one transaction.

    A period that has not begun by ``now`` is refused. A file already stored
    for another period is named as such before any sheet is read: whatever
    else is wrong with it, that is what happened.

    Raises
    ------
    CollectError
        When any sheet is refused (see :func:`read_submissions`) or a file is
        already stored for another period; nothing is stored.
    OutputError
        When the store cannot be written; nothing is stored.
    """
    key = plan_key(plan)
    today = now.date() if now else dt.date.today()
    window = parse_period(period)
    if window.start > today:
        # Reports filed under a period to come would stay out of every ledger until then.
        raise CollectError(
            [
                InputError(
                    f"期次 {window.label} 自 {window.start.isoformat()} 开始，今天（{today.isoformat()}）尚未开始；"
                    "请核对 --period (period not begun)"
                )
            ]
        )
    paths = [Path(p) for p in paths]
    problems: list[InputError] = []
    for path in paths:
        digest = file_digest(path)
        filed = None if digest is None else store.filed_for_another_period(key, digest, period)
        if filed is not None:
            problems.append(InputError(filed.collected_twice(), Location(str(path))))
    again = {problem.location.path for problem in problems}
    try:
        submissions = read_submissions(plan, graph, [p for p in paths if str(p) not in again], period, today=today)
    except CollectError as error:
        problems.extend(error.problems)
    if problems:
        order = {str(path): index for index, path in enumerate(paths)}
        raise CollectError(sorted(problems, key=lambda problem: order.get(problem.location.path, len(order))))
    return store.save(key, submissions, now=now)
