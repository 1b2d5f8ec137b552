"""The 督办 store: every department's reports, period after period, in one SQLite file.

SQLite from the standard library: a real database an office can keep for
years, copy, back up and query with any SQLite tool, with no server. The
schema carries its version (``PRAGMA user_version``) and the file an
application id of its own, so a database written by a newer release, or any
other SQLite file, is refused by name instead of being misread.

Reports are keyed by plan, period, department and measure. A collect is one
transaction: every sheet of it is stored, or none is. Collecting a sheet
again upserts the same rows (nothing is duplicated), and a measure a later
sheet leaves empty keeps what an earlier sheet of the same period said
(nothing is lost).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, OutputError, one_line
from ..model import Location
from .records import Filed, Report, Submission

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "Saved", "Store"]

#: Raised whenever the schema changes; older files are upgraded, newer ones refused.
SCHEMA_VERSION = 1
#: ``PRAGMA application_id``: "RACI" in ASCII, marking the file as this program's.
APPLICATION_ID = 0x52414349

_SCHEMA = """
CREATE TABLE submissions (
    plan TEXT NOT NULL,
    period TEXT NOT NULL,
    department TEXT NOT NULL,
    file TEXT NOT NULL,
    file_digest TEXT NOT NULL,
    form_digest TEXT NOT NULL,
    collected_at TEXT NOT NULL,
    PRIMARY KEY (plan, period, department)
);
CREATE INDEX submissions_by_file ON submissions (plan, file_digest);
CREATE TABLE reports (
    plan TEXT NOT NULL,
    period TEXT NOT NULL,
    department TEXT NOT NULL,
    measure TEXT NOT NULL,
    status TEXT NOT NULL,
    percent REAL,
    progress TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    person TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    reported_on TEXT,
    cell TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan, period, department, measure),
    FOREIGN KEY (plan, period, department) REFERENCES submissions (plan, period, department)
);
"""

_UPSERT_SUBMISSION = """
INSERT INTO submissions (plan, period, department, file, file_digest, form_digest, collected_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (plan, period, department) DO UPDATE SET
    file = excluded.file, file_digest = excluded.file_digest,
    form_digest = excluded.form_digest, collected_at = excluded.collected_at
"""
_UPSERT_REPORT = """
INSERT INTO reports (plan, period, department, measure, status, percent, progress, problems, next_steps,
                     person, phone, reported_on, cell)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (plan, period, department, measure) DO UPDATE SET
    status = excluded.status, percent = excluded.percent, progress = excluded.progress,
    problems = excluded.problems, next_steps = excluded.next_steps, person = excluded.person,
    phone = excluded.phone, reported_on = excluded.reported_on, cell = excluded.cell
"""


@dataclass(frozen=True)
class Saved:
    """What one collect did: sheets stored for the first time, replaced, or already there unchanged."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    reports: int


class Store:
    """One SQLite file of reports; open it with :meth:`open`, close it (or use ``with``).

    Raises
    ------
    InputError
        From :meth:`open`: a file that is not SQLite, an SQLite file of
        another program, or one written by a newer release.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and with ``create``, create) the store at ``path``.

        Without ``create``, a missing file is an :class:`InputError` that says
        to collect first: the ledger of a store that does not exist would
        show every department as silent.
        """
        path = Path(path)
        if not path.exists() and not create:
            raise InputError(
                "尚未收录任何反馈：找不到督办数据库，请先运行 raci track collect，或用 --store 指定数据库 (no store)",
                Location(str(path)),
            )
        if path.exists() and path.is_dir():
            raise InputError("这是一个目录，不是督办数据库 (is a directory)", Location(str(path)))
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"无法打开督办数据库 {path}：{one_line(exc)} (cannot open store)") from None
        store = cls(connection, path)
        try:
            store._prepare()
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        """Check the file is ours and current; lay out the schema in a new one."""
        where = Location(str(self.path))
        try:
            application = self._connection.execute("PRAGMA application_id").fetchone()[0]
            version = self._connection.execute("PRAGMA user_version").fetchone()[0]
            tables = self._connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InputError(f"不是督办数据库（{one_line(exc)}）(not an SQLite database)", where) from None
        if application != APPLICATION_ID and (tables or application):
            raise InputError("这是其他程序的 SQLite 数据库，不是 raci 的督办数据库 (not a raci store)", where)
        if version > SCHEMA_VERSION:
            raise InputError(
                f"此督办数据库由更新版本的 raci 创建（数据库版本 {version}，本程序只认识到 {SCHEMA_VERSION}），"
                "请升级 raci 后再用；为免损坏数据，未做任何改动 (store from a newer version)",
                where,
            )
        if application == APPLICATION_ID and version == SCHEMA_VERSION:
            return
        # A new, empty file. (An older schema of this program would be upgraded here; version 1 is the first.)
        with self._transaction() as connection:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: a collect is stored whole or not at all."""
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise OutputError(f"督办数据库 {self.path} 正被占用或不可写：{one_line(exc)} (store is busy)") from None
        try:
            yield self._connection
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        try:
            self._connection.execute("COMMIT")
        except sqlite3.Error as exc:
            self._connection.execute("ROLLBACK")
            raise OutputError(f"无法写入督办数据库 {self.path}：{one_line(exc)} (write failed)") from None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def filed_for_another_period(self, plan: str, file_digest: str, period: str) -> Filed | None:
        """Where the file of SHA-256 ``file_digest`` is stored for a period other than ``period``, if it is."""
        row = self._connection.execute(
            "SELECT period, department, file, file_digest, collected_at FROM submissions"
            " WHERE plan = ? AND file_digest = ? AND period != ? ORDER BY period LIMIT 1",
            (plan, file_digest, period),
        ).fetchone()
        return None if row is None else Filed(*row)

    def filed_elsewhere(self, plan: str, submissions: Sequence[Submission]) -> dict[str, Filed]:
        """Of ``submissions``, those whose very file is already stored for another period, by file digest."""
        found: dict[str, Filed] = {}
        for submission in submissions:
            filed = self.filed_for_another_period(plan, submission.file_digest, submission.period)
            if filed is not None:
                found[submission.file_digest] = filed
        return found

    def save(self, plan: str, submissions: Sequence[Submission], *, now: dt.datetime | None = None) -> Saved:
        """Store ``submissions`` in one transaction.

        Raises
        ------
        InputError
            When a submission's very file is already stored for another
            period (:meth:`filed_elsewhere`); nothing is stored.
        OutputError
            When the file cannot be written; nothing is stored.
        """
        stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
        added, replaced, unchanged, count = [], [], [], 0
        with self._transaction() as connection:
            again = self.filed_elsewhere(plan, submissions)
            if again:
                submission = next(s for s in submissions if s.file_digest in again)
                raise InputError(again[submission.file_digest].collected_twice(), Location(submission.path))
            for submission in submissions:
                key = (plan, submission.period, submission.department)
                before = connection.execute(
                    "SELECT file_digest FROM submissions WHERE plan = ? AND period = ? AND department = ?", key
                ).fetchone()
                if before is not None and before[0] == submission.file_digest:
                    unchanged.append(submission.department)
                    continue
                (added if before is None else replaced).append(submission.department)
                connection.execute(
                    _UPSERT_SUBMISSION,
                    (*key, submission.path, submission.file_digest, submission.form_digest, stamp),
                )
                connection.executemany(_UPSERT_REPORT, [(plan, *_report_row(r)) for r in submission.reports])
                count += len(submission.reports)
        return Saved(tuple(added), tuple(replaced), tuple(unchanged), count)

    # -- reading -----------------------------------------------------------------------------

    def reports(self, plan: str) -> tuple[Report, ...]:
        """Every stored report of ``plan``."""
        rows = self._connection.execute(
            "SELECT period, department, measure, status, percent, progress, problems, next_steps, person, phone,"
            " reported_on, cell FROM reports WHERE plan = ? ORDER BY period, department, measure",
            (plan,),
        )
        return tuple(_report(row) for row in rows)

    def filed(self, plan: str) -> tuple[Filed, ...]:
        """Every stored sheet of ``plan``, by period and department."""
        rows = self._connection.execute(
            "SELECT period, department, file, file_digest, collected_at FROM submissions WHERE plan = ?"
            " ORDER BY period, department",
            (plan,),
        )
        return tuple(Filed(*row) for row in rows)


def _report_row(report: Report) -> tuple[object, ...]:
    reported_on = report.reported_on.isoformat() if report.reported_on else None
    return (
        report.period,
        report.department,
        report.measure,
        report.status,
        report.percent,
        report.progress,
        report.problems,
        report.next_steps,
        report.person,
        report.phone,
        reported_on,
        report.cell,
    )


def _report(row: Sequence[object]) -> Report:
    *values, reported_on, cell = row
    day = dt.date.fromisoformat(reported_on) if reported_on else None
    return Report(*values, reported_on=day, cell=cell)
