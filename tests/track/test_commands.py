"""``raci build`` and the ``raci track`` commands share the plan's output folder without stepping on each other."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from bench.feedback import fill_every_form
from matrix.track.form_layout import FORM_SHEET

from ..conftest import INPUT


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding the Wutai plan and its registry, where ``output/`` is the default."""
    for name in ("wutai.yaml", "departments-wutai.yaml"):
        shutil.copy(INPUT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[FORM_SHEET].iter_rows(min_row=3, values_only=True))


def test_build_writes_the_forms_that_track_forms_writes(run, workdir: Path, tmp_path: Path) -> None:
    built = run("build", "wutai.yaml", "--date", "2025-09-01")
    assert built.exit_code == 0, built.output
    assert "已写入 9 份进展反馈表：output/wutai/进展反馈表" in built.output
    alone = run("track", "forms", "wutai.yaml", "-o", tmp_path / "alone")
    assert alone.exit_code == 0, alone.output
    forms = sorted((workdir / "output" / "wutai" / "进展反馈表").glob("*.xlsx"))
    assert [p.name for p in forms] == sorted(p.name for p in (tmp_path / "alone").glob("*.xlsx"))
    for form in forms:
        assert _rows(form) == _rows(tmp_path / "alone" / form.name)


def test_build_without_forms(run, workdir: Path) -> None:
    result = run("build", "wutai.yaml", "--no-forms")
    assert result.exit_code == 0, result.output
    assert not (workdir / "output" / "wutai" / "进展反馈表").exists()


def test_a_rebuild_after_the_monthly_cycle_replaces_only_its_own_files(run, workdir: Path) -> None:
    assert run("build", "wutai.yaml", "--date", "2025-09-01").exit_code == 0
    assert run("track", "forms", "wutai.yaml").exit_code == 0  # over the forms the build wrote
    folder = workdir / "output" / "wutai"
    sheets = fill_every_form(folder / "进展反馈表", workdir / "反馈", day=dt.date(2025, 11, 28))
    assert run("track", "collect", "wutai.yaml", *sheets, "--period", "2025-11").exit_code == 0
    for command in ("ledger", "remind", "report"):
        result = run("track", command, "wutai.yaml", "--as-of", "2026-01-05")
        assert result.exit_code == 0, result.output
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"督办记录.sqlite", "执行台账.xlsx", "完成进度.png", "完成情况通报-2026-01-05.docx"} <= written
    assert any(name.startswith("督办通知/2026-01-05/督办通知-") for name in written)
    ledger = (folder / "执行台账.xlsx").read_bytes()
    rebuilt = run("build", "wutai.yaml", "--date", "2025-09-01")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (folder / "执行台账.xlsx").read_bytes() == ledger
    assert (folder / "督办记录.sqlite").exists()
