"""An output folder is written by one run at a time, all at once, and never over a person's files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from matrix.errors import OutputError
from matrix.export.manifest import MANIFEST_NAME, file_digest, read_manifest
from matrix.export.output_set import JOURNAL_NAME, PREVIOUS_NAME, STAGING_NAME, OutputSet, write_file

from ..conftest import ROOT
from ..test_bad_inputs import snapshot


def build(folder: Path, files: dict[str, str], *, job: str = "build", prune: bool = True, force: bool = False):
    """One run writing ``files`` (name → text) into ``folder`` through an output set."""
    with OutputSet(folder, job, prune=prune, force=force) as outputs:
        for name, text in files.items():
            outputs.stage(name).write_text(text, encoding="utf-8")
        return outputs.commit()


def texts(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` but the manifest, with its text."""
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME
    }


FIRST = {"矩阵.xlsx": "v1", "通知/通知-县科协.docx": "v1", "通知/通知-县民政局.docx": "v1"}


def test_a_commit_puts_every_file_in_place_and_records_it(tmp_path: Path) -> None:
    committed = build(tmp_path / "out", FIRST)
    out = tmp_path / "out"
    in_order = ("矩阵.xlsx", "通知/通知-县民政局.docx", "通知/通知-县科协.docx")
    assert committed.written == tuple(out / name for name in in_order)
    assert committed.removed == ()
    assert texts(out) == FIRST
    manifest = read_manifest(out)
    assert {k: (w.digest, w.job) for k, w in manifest.items()} == {
        name: (file_digest(out / name), "build") for name in FIRST
    }
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST_NAME, "矩阵.xlsx", "通知"])


def test_files_the_run_does_not_write_do_not_stand_in_its_way(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    (out / "通知" / "~$知-县科协.docx").write_bytes(b"Word's lock file")
    (out / "我的笔记.docx").write_text("a person's own file", encoding="utf-8")
    build(out, {name: "v2" for name in FIRST})
    assert texts(out)["通知/通知-县科协.docx"] == "v2"
    assert (out / "通知" / "~$知-县科协.docx").read_bytes() == b"Word's lock file"
    assert (out / "我的笔记.docx").read_text(encoding="utf-8") == "a person's own file"


SECOND = {"矩阵.xlsx": "v2", "通知/通知-县科协.docx": "v2"}  # 县民政局 left the plan


@pytest.mark.parametrize(
    ("edited", "message"),
    [
        ("通知/通知-县科协.docx", r"通知-县科协\.docx 在上次生成后被修改过.*--force"),
        ("通知/通知-县民政局.docx", r"通知-县民政局\.docx 本次不再生成，但在上次生成后被修改过.*--force"),
    ],
)
def test_an_edited_output_stops_the_run_before_anything_changes_unless_forced(
    tmp_path: Path, edited: str, message: str
) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    (out / edited).write_text("edited by the office", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(OutputError, match=message):
        build(out, SECOND)
    assert snapshot(out) == before
    committed = build(out, SECOND, force=True)
    assert texts(out) == SECOND
    assert committed.removed == (out / "通知" / "通知-县民政局.docx",)


def test_expect_refuses_before_the_writing_starts(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a person's plan", encoding="utf-8")
    with OutputSet(tmp_path, "import") as outputs:
        with pytest.raises(OutputError, match=r"a\.yaml 在上次生成后被修改过（或不是本工具生成的）"):
            outputs.expect(["a.yaml"])
        outputs.expect(["b.yaml"])


def test_a_rebuild_removes_what_its_command_wrote_before_and_no_longer_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    build(out, {"workload.png": "chart"}, job="chart", prune=False)
    (out / "通知" / "通知-县外.docx").write_text("not the tool's", encoding="utf-8")

    committed = build(out, SECOND)

    assert committed.removed == (out / "通知" / "通知-县民政局.docx",)
    assert texts(out) == {
        "workload.png": "chart",  # another command's output
        "矩阵.xlsx": "v2",
        "通知/通知-县外.docx": "not the tool's",  # never the tool's
        "通知/通知-县科协.docx": "v2",
    }
    assert "通知/通知-县民政局.docx" not in read_manifest(out)


def test_a_file_the_run_read_as_its_input_is_replaced_only_while_it_is_what_was_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    (out / "矩阵.xlsx").write_text("v1 with the office's edits", encoding="utf-8")
    read = file_digest(out / "矩阵.xlsx")

    # edited again after the run read it: refused like any edited output, nothing changed
    with OutputSet(out, "build", prune=True, sources={"矩阵.xlsx": read}) as outputs:
        outputs.stage("矩阵.xlsx").write_text("v2 from the edits", encoding="utf-8")
        (out / "矩阵.xlsx").write_text("edited once more", encoding="utf-8")
        with pytest.raises(OutputError, match=r"矩阵\.xlsx 在上次生成后被修改过"):
            outputs.commit()
    assert texts(out) == {**FIRST, "矩阵.xlsx": "edited once more"}
    (out / "矩阵.xlsx").write_text("v1 with the office's edits", encoding="utf-8")

    # still what was read: replaced by what the run wrote from it; the other outputs as always
    with OutputSet(out, "build", prune=True, sources={"矩阵.xlsx": read}) as outputs:
        outputs.expect(FIRST)
        for name in FIRST:
            outputs.stage(name).write_text("v2 from the edits", encoding="utf-8")
        outputs.commit()
    assert set(texts(out).values()) == {"v2 from the edits"}
    assert read_manifest(out)["矩阵.xlsx"].digest == file_digest(out / "矩阵.xlsx")


def test_a_failed_run_leaves_the_previous_outputs_and_no_trace(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    before = snapshot(out)
    with pytest.raises(RuntimeError), OutputSet(out, "build", prune=True) as outputs:
        outputs.stage("矩阵.xlsx").write_text("v2", encoding="utf-8")
        raise RuntimeError("an internal error half-way")
    assert snapshot(out) == before


def test_a_run_that_writes_nothing_leaves_no_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), OutputSet(tmp_path / "a" / "b", "chart", root=tmp_path):
        raise RuntimeError("no font")
    assert list(tmp_path.iterdir()) == []


def test_a_second_run_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    with (
        OutputSet(tmp_path, "build"),
        pytest.raises(OutputError, match="正由另一个 raci 进程写入"),
        OutputSet(tmp_path, "build"),
    ):
        pass
    with OutputSet(tmp_path, "build"):  # released with the first
        pass


def test_a_file_that_cannot_be_replaced_puts_every_earlier_one_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    before = snapshot(out)
    locked = out / "通知" / "通知-县科协.docx"
    real_replace = os.replace

    def replace(source: object, destination: object) -> None:
        if Path(source) == locked:  # Windows refuses to move a file Word holds open
            raise PermissionError(13, "Permission denied")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match=r"无法覆盖 .*通知-县科协\.docx：文件可能正在被其他程序"):
        build(out, {name: "v2" for name in FIRST})
    assert snapshot(out) == before


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and modes")
def test_a_symbolic_link_inside_the_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "通知").symlink_to(elsewhere, target_is_directory=True)
    with (
        OutputSet(out, "build") as outputs,
        pytest.raises(OutputError, match=r"out/通知 是符号链接，输出会写到 .* 之外"),
    ):
        outputs.expect(["通知/通知-县科协.docx"])
    with pytest.raises(OutputError, match="是符号链接"):
        build(out, FIRST)
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["通知"]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_new_outputs_get_the_umask_mode_and_replaced_ones_keep_theirs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o002)
    try:
        build(out, FIRST)
        assert {stat.S_IMODE((out / n).stat().st_mode) for n in FIRST} == {0o664}
        (out / "矩阵.xlsx").chmod(0o640)
        os.umask(0o077)
        build(out, {name: "v2" for name in FIRST})
    finally:
        os.umask(old)
    assert stat.S_IMODE((out / "矩阵.xlsx").stat().st_mode) == 0o640
    assert stat.S_IMODE((out / "通知" / "通知-县科协.docx").stat().st_mode) == 0o664


def test_write_file_refuses_a_file_it_did_not_write_and_replaces_its_own(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("a person's plan", encoding="utf-8")
    with pytest.raises(OutputError, match=r"plan\.yaml 在上次生成后被修改过"):
        write_file(plan, lambda p: p.write_text("generated", encoding="utf-8"), job="import")
    assert plan.read_text(encoding="utf-8") == "a person's plan"
    write_file(plan, lambda p: p.write_text("generated", encoding="utf-8"), job="import", force=True)
    write_file(plan, lambda p: p.write_text("generated again", encoding="utf-8"), job="import")
    assert plan.read_text(encoding="utf-8") == "generated again"
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_NAME, "plan.yaml"]


#: A run killed (kill -9) after it moved its first two files into place.
_KILLED_WHILE_MOVING = """
import os, signal, sys
from pathlib import Path
from matrix.export import output_set

moved = []
real_replace = os.replace

def replace(source, destination):
    if output_set.STAGING_NAME in str(source):
        if len(moved) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        moved.append(destination)
    real_replace(source, destination)

output_set.os.replace = replace
with output_set.OutputSet(Path(sys.argv[1]), "build", prune=True) as outputs:
    for name in ("矩阵.xlsx", "通知/通知-县科协.docx", "通知/通知-县教科局.docx"):
        outputs.stage(name).write_text("v2", encoding="utf-8")
    outputs.commit()
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
def test_a_run_killed_while_moving_its_files_is_finished_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, FIRST)
    script = tmp_path / "killed.py"
    script.write_text(_KILLED_WHILE_MOVING, encoding="utf-8")
    killed = subprocess.run([sys.executable, str(script), str(out)], cwd=ROOT, check=False)
    assert killed.returncode == -9
    assert (out / JOURNAL_NAME).exists()  # the moves were cut short: a mix, for now
    assert texts(out)["通知/通知-县民政局.docx"] == "v1"

    with OutputSet(out, "chart"):  # the next run into the folder, whatever it writes
        pass

    assert texts(out) == {"矩阵.xlsx": "v2", "通知/通知-县教科局.docx": "v2", "通知/通知-县科协.docx": "v2"}
    assert set(read_manifest(out)) == {"矩阵.xlsx", "通知/通知-县教科局.docx", "通知/通知-县科协.docx"}
    assert not any((out / name).exists() for name in (JOURNAL_NAME, STAGING_NAME, PREVIOUS_NAME))
    build(out, {"矩阵.xlsx": "v3"}, prune=False)  # and its files count as the tool's own
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["version"] == 2
