"""The SQLite store: its schema and version, one transaction per collect, upserts that neither duplicate nor lose."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.track.records import Report, Submission
from matrix.track.store import APPLICATION_ID, SCHEMA_VERSION, Store

PLAN = "某县实施方案（2021-2025年）"
NOW = dt.datetime(2025, 12, 2, 9, 30)


def _submission(department: str, period: str, digest: str, *reports: tuple[str, str]) -> Submission:
    return Submission(
        period=period,
        department=department,
        path=f"{department}.xlsx",
        file_digest=digest,
        form_digest="f" * 16,
        reports=tuple(
            Report(period, department, measure, status, percent=0.5, reported_on=dt.date(2025, 11, 28))
            for measure, status in reports
        ),
    )


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_new_store_has_the_schema_version_and_application_id(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "督办.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"submissions", "reports"}


def test_reports_are_stored_and_read_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        sheet = _submission("县科协", "2025-11", "a", ("3.1.1", "推进中"), ("3.1.2", "已完成"))
        saved = store.save(PLAN, [sheet], now=NOW)
        assert (saved.added, saved.reports) == (("县科协",), 2)
        reports = store.reports(PLAN)
        (filed,) = store.filed(PLAN)
    assert [(r.measure, r.status, r.percent, r.reported_on) for r in reports] == [
        ("3.1.1", "推进中", 0.5, dt.date(2025, 11, 28)),
        ("3.1.2", "已完成", 0.5, dt.date(2025, 11, 28)),
    ]
    assert (filed.period, filed.department, filed.collected_at) == ("2025-11", "县科协", "2025-12-02T09:30:00")


def test_collecting_the_same_sheet_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    sheet = _submission("县科协", "2025-11", "a", ("3.1.1", "推进中"))
    with Store.open(path) as store:
        store.save(PLAN, [sheet], now=NOW)
        again = store.save(PLAN, [sheet], now=NOW + dt.timedelta(days=1))
        assert (again.added, again.replaced, again.unchanged, again.reports) == ((), (), ("县科协",), 0)
        assert store.filed(PLAN)[0].collected_at == "2025-12-02T09:30:00"
    assert (_count(path, "reports"), _count(path, "submissions")) == (1, 1)


def test_a_corrected_sheet_replaces_rows_and_keeps_the_ones_it_leaves_empty(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save(PLAN, [_submission("县科协", "2025-11", "a", ("3.1.1", "推进中"), ("3.1.2", "滞后"))])
        saved = store.save(PLAN, [_submission("县科协", "2025-11", "b", ("3.1.1", "已完成"))])
        assert saved.replaced == ("县科协",)
        assert {(r.measure, r.status) for r in store.reports(PLAN)} == {("3.1.1", "已完成"), ("3.1.2", "滞后")}


def test_a_late_sheet_joins_its_period_without_touching_the_others(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save(PLAN, [_submission("县科协", "2025-11", "a", ("3.1.1", "推进中"))])
        store.save(PLAN, [_submission("县教科局", "2025-11", "b", ("3.1.2", "推进中"))])
        assert [(f.period, f.department) for f in store.filed(PLAN)] == [("2025-11", "县教科局"), ("2025-11", "县科协")]


def test_the_same_file_for_another_period_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        store.save(PLAN, [_submission("县科协", "2025-11", "a", ("3.1.1", "推进中"))], now=NOW)
        fresh = _submission("县教科局", "2025-12", "b", ("3.1.2", "推进中"))
        again = _submission("县科协", "2025-12", "a", ("3.1.1", "推进中"))
        with pytest.raises(InputError, match=r"同一文件已作为 2025-11 期 县科协 的反馈收录过"):
            store.save(PLAN, [fresh, again])
    assert (_count(path, "reports"), _count(path, "submissions")) == (1, 1)


def test_a_collect_that_fails_half_way_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    good = _submission("县科协", "2025-11", "a", ("3.1.1", "推进中"))
    broken = _submission("县教科局", "2025-11", "b")
    broken = Submission(**{**broken.__dict__, "reports": (Report("2025-11", "县教科局", "3.1.2", None),)})
    with Store.open(path) as store, pytest.raises(sqlite3.IntegrityError):
        store.save(PLAN, [good, broken])
    assert (_count(path, "reports"), _count(path, "submissions")) == (0, 0)


def test_plans_are_kept_apart(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save(PLAN, [_submission("县科协", "2025-11", "a", ("3.1.1", "推进中"))])
        store.save("另一方案", [_submission("县科协", "2025-11", "a", ("3.1.1", "已完成"))])
        assert [r.status for r in store.reports(PLAN)] == ["推进中"]


def test_a_store_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(InputError, match=rf"由更新版本的 raci 创建（数据库版本 {SCHEMA_VERSION + 1}"):
        Store.open(path)
    assert path.read_bytes() == before


def test_another_program_s_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="其他程序的 SQLite 数据库"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="不是督办数据库"):
        Store.open(path)


def test_reading_a_store_that_does_not_exist_says_to_collect_first(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="请先运行 raci track collect"):
        Store.open(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()
