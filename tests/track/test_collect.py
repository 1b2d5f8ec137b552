"""A period's returned sheets, collected together: every one stored, or none."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from bench.feedback import fill_form
from matrix.track.collect import CollectError, collect
from matrix.track.form_layout import FORM_SHEET, form_filename, plan_key
from matrix.track.forms import write_forms
from matrix.track.store import Store


@pytest.fixture(scope="module")
def forms(wutai, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("forms")
    write_forms(wutai.plan, wutai.graph, outdir)
    return outdir


def _fill(forms: Path, out: Path, department: str, status: str = "推进中", day=dt.date(2025, 11, 28)) -> Path:
    workbook = openpyxl.load_workbook(forms / form_filename(department))
    measures = [c.value for c in workbook[FORM_SHEET]["A"][3:]]
    return fill_form(forms / form_filename(department), out, {m: {"完成状态": status} for m in measures}, day=day)


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM reports").fetchone()[0]


def test_a_period_is_stored_and_collecting_it_again_duplicates_nothing(wutai, forms, tmp_path) -> None:
    sheets = [_fill(forms, tmp_path / f"{d}.xlsx", d) for d in ("县总工会", "县民政局")]
    with Store.open(tmp_path / "s.sqlite") as store:
        first = collect(wutai.plan, wutai.graph, sheets, "2025-11", store)
        again = collect(wutai.plan, wutai.graph, sheets, "2025-11", store)
        assert (first.added, first.reports) == (("县总工会", "县民政局"), 6)
        assert again.unchanged == ("县总工会", "县民政局")
        assert len(store.reports(plan_key(wutai.plan))) == 6


def test_every_bad_sheet_is_named_and_nothing_is_stored(wutai, forms, tmp_path) -> None:
    good = _fill(forms, tmp_path / "good.xlsx", "县总工会")
    bad = _fill(forms, tmp_path / "bad.xlsx", "县民政局", status="差不多")
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path) as store, pytest.raises(CollectError) as caught:
        collect(wutai.plan, wutai.graph, [good, bad, plain], "2025-11", store)
    error = caught.value
    assert str(error).startswith("2 份反馈表有误，本次未收录任何内容")
    assert [p.location.path for p in error.problems] == [str(bad), str(plain)]
    assert "完成状态“差不多”不在可选范围内" in error.problems[0].message
    assert _rows(store_path) == 0


def test_one_bad_sheet_is_the_error_itself(wutai, forms, tmp_path) -> None:
    bad = _fill(forms, tmp_path / "bad.xlsx", "县民政局", status="差不多")
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(CollectError) as caught:
        collect(wutai.plan, wutai.graph, [bad], "2025-11", store)
    assert caught.value.location.cell == "G4"
    assert caught.value.message.startswith("完成状态“差不多”不在可选范围内")


def test_two_sheets_of_one_department_in_one_collect_are_refused(wutai, forms, tmp_path) -> None:
    first = _fill(forms, tmp_path / "a.xlsx", "县总工会")
    second = _fill(forms, tmp_path / "b.xlsx", "县总工会", status="已完成")
    with Store.open(tmp_path / "s.sqlite") as store, pytest.raises(CollectError) as caught:
        collect(wutai.plan, wutai.graph, [first, second], "2025-11", store)
    assert str(caught.value).startswith(f"{second}: 与 {first} 同为 县总工会 的反馈表，同一期只能收录一份")


def test_the_same_file_sent_for_the_next_period_is_refused(wutai, forms, tmp_path) -> None:
    # Dated early in December, so that the date alone would let it pass for December.
    sheet = _fill(forms, tmp_path / "a.xlsx", "县总工会", day=dt.date(2025, 12, 2))
    other = _fill(forms, tmp_path / "b.xlsx", "县民政局", day=dt.date(2025, 12, 2))
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path) as store:
        collect(wutai.plan, wutai.graph, [sheet], "2025-11", store)
        with pytest.raises(CollectError, match="同一文件已作为 2025-11 期 县总工会 的反馈收录过"):
            collect(wutai.plan, wutai.graph, [other, sheet], "2025-12", store)
    assert _rows(store_path) == 3


def test_last_period_s_sheet_saved_again_is_refused_at_its_date(wutai, forms, tmp_path) -> None:
    # November's sheet opened and saved again (another file now) and sent for December: its rows are November's.
    november = _fill(forms, tmp_path / "a.xlsx", "县总工会")
    workbook = openpyxl.load_workbook(november)
    workbook[FORM_SHEET]["K4"] = "李四"
    resaved = tmp_path / "县总工会12月.xlsx"
    workbook.save(resaved)
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path) as store:
        collect(wutai.plan, wutai.graph, [november], "2025-11", store)
        with pytest.raises(CollectError) as caught:
            collect(wutai.plan, wutai.graph, [resaved], "2025-12", store, now=dt.datetime(2025, 12, 29, 9))
    assert (caught.value.location.path, caught.value.location.cell) == (str(resaved), "M4")
    assert caught.value.message.startswith("报送日期 2025-11-28 早于 2025-12 期的开始（2025-12-01）")
    assert _rows(store_path) == 3


def test_a_period_that_has_not_begun_is_refused(wutai, forms, tmp_path) -> None:
    # --period 2026-12 typed on 28 November: filed there, the reports would be in no ledger until December.
    sheet = _fill(forms, tmp_path / "a.xlsx", "县总工会")
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path) as store, pytest.raises(CollectError) as caught:
        collect(wutai.plan, wutai.graph, [sheet], "2025-12", store, now=dt.datetime(2025, 11, 28, 17))
    assert str(caught.value).startswith("期次 2025-12 自 2025-12-01 开始，今天（2025-11-28）尚未开始")
    assert _rows(store_path) == 0
