"""Outputs are written whole, only inside the output folder, and never over someone's work.

A locked workbook (open in Excel or WPS on Windows), a folder that cannot be
written, a file a person put where an output goes, and department or plan
names that look like paths must each end in exit 4 or in files inside ``-o``,
never in a traceback or a file elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from matrix.cli import EXIT_OUTPUT, cli
from matrix.export import atomic
from matrix.readers import read_plan

from .conftest import SMALL_PLAN
from .test_bad_inputs import snapshot

#: Department names that would leave the folder, or that Windows cannot use as file names.
HOSTILE_NAMES = ("../../evil", "a/b", "CON", "NUL", "COM1", "aux.txt", "县科协\\..\\x", "县:局")


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def files_outside(root: Path, out: Path, before: set[Path]) -> list[Path]:
    """Paths under ``root`` that are new since ``before`` and neither inside ``out`` nor on the way to it."""
    inside = out.resolve()
    allowed = {inside, *inside.parents}
    return [
        p
        for p in root.rglob("*")
        if p not in before and p.resolve() not in allowed and inside not in p.resolve().parents
    ]


def one_error_line(output: str) -> str:
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in output, output
    return lines[0]


def test_a_locked_output_is_exit_4_and_the_previous_build_stays(
    tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)

    def locked(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(atomic.os, "replace", locked)
    result = run("build", small_plan_path, "-o", out)

    assert result.exit_code == EXIT_OUTPUT
    assert "可能正在被其他程序（如 Excel、WPS）打开" in one_error_line(result.output)
    assert snapshot(out) == before  # no half-written file, no temporary left behind


def test_a_full_disk_while_renaming_is_exit_4(
    tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    result = run("build", small_plan_path, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_OUTPUT
    assert "No space left on device" in one_error_line(result.output)
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


def test_a_full_disk_while_writing_is_exit_4_and_the_previous_build_stays(
    tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", full)
    result = run("build", small_plan_path, "-o", out, "--force")
    assert result.exit_code == EXIT_OUTPUT
    assert "写入" in one_error_line(result.output) and "No space left on device" in result.output
    assert snapshot(out) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind the user")
def test_a_read_only_output_folder_is_exit_4(tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = run("build", small_plan_path, "-o", out)
    finally:
        out.chmod(0o700)
    assert result.exit_code == EXIT_OUTPUT
    assert "无法写入" in one_error_line(result.output)


def test_a_file_where_the_output_folder_goes_is_exit_4(tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "small").write_text("不是目录", encoding="utf-8")
    result = run("build", small_plan_path, "-o", out)
    assert result.exit_code == EXIT_OUTPUT
    assert "无法写入" in one_error_line(result.output)
    assert (out / "small").read_text(encoding="utf-8") == "不是目录"


def test_a_workbook_the_tool_did_not_write_is_not_overwritten(tmp_path: Path, small_plan_path: Path) -> None:
    target = tmp_path / "out" / "small"
    target.mkdir(parents=True)
    (target / "责任分工矩阵.xlsx").write_bytes(b"someone's own workbook")
    result = run("build", small_plan_path, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_OUTPUT
    assert "--force" in one_error_line(result.output)
    assert (target / "责任分工矩阵.xlsx").read_bytes() == b"someone's own workbook"
    assert [p.name for p in target.rglob("*")] == ["责任分工矩阵.xlsx"]


def test_an_edited_notice_is_not_overwritten_without_force(tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    notice = next((out / "small" / "任务分解通知").glob("*.docx"))
    notice.write_bytes(notice.read_bytes() + b"\0")
    before = snapshot(out)
    result = run("build", small_plan_path, "-o", out)
    assert result.exit_code == EXIT_OUTPUT
    assert notice.name in one_error_line(result.output)
    assert snapshot(out) == before


def test_hostile_department_names_write_only_inside_the_output_folder(tmp_path: Path) -> None:
    cooperators = ", ".join(f"'{name}'" for name in HOSTILE_NAMES)
    plan = tmp_path / "plans" / "hostile.yaml"
    plan.parent.mkdir()
    plan.write_text(SMALL_PLAN.replace("cooperators: [县卫健局]", f"cooperators: [{cooperators}]"), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))

    result = run("build", plan, "-o", out)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, out, before) == []
    notices = list((out / "hostile" / "任务分解通知").iterdir())
    assert all(p.parent == out / "hostile" / "任务分解通知" for p in notices)
    # one notice per department named in the plan: none lost to a name that cleans up like another
    assert len(notices) == len(read_plan(plan).department_names())


@pytest.mark.parametrize("stem", ["..", ".", "CON", "a:b", " lpt1 "])
def test_a_plan_file_name_cannot_choose_a_folder_outside_the_output(tmp_path: Path, stem: str) -> None:
    plan = tmp_path / "plans" / f"{stem}.yaml"
    plan.parent.mkdir()
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))

    result = run("build", plan, "-o", out)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, out, before) == []
    (folder,) = out.iterdir()
    assert folder.name not in ("..", ".", "CON") and ":" not in folder.name
    assert (folder / "责任分工矩阵.xlsx").exists()


def test_import_default_output_stays_in_output_for_a_hostile_plan_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plans" / "...txt"
    plan.parent.mkdir()
    plan.write_text("某县实施方案\n一、重点任务\n（一）宣传\n开展宣传。（县科协牵头）\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))

    result = run("import", plan)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, tmp_path / "output", before) == []
    assert [p.suffix for p in (tmp_path / "output").iterdir()] == [".yaml"]
