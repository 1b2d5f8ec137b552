"""Bad input never crashes and never loses work: every file of the corpus, through ``raci build``.

For each file in ``tests/bad_inputs/expected.yaml`` the command must exit with
the listed code, print one ``Error:`` line that names the file and the line or
cell, show no traceback, and leave the output folder (here holding a good
build of a plan with the same name) exactly as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.readers import read_plan

from .bad_inputs_corpus import CORPUS, EXPECTED, GENERATED, corpus_file
from .conftest import SMALL_PLAN, findings_rows

REFUSED = EXPECTED["refused"]
ACCEPTED = EXPECTED["accepted"]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` (hidden ones too) with its content digest and modification time."""
    return {
        path.relative_to(folder).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def good_build(run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder a good ``raci build`` of the small plan writes, manifest included."""
    folder = tmp_path_factory.mktemp("good")
    plan = folder / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    result = run("build", plan, "-o", folder / "out")
    assert result.exit_code == 0, result.output
    return folder / "out" / "plan"


def test_the_manifest_lists_every_corpus_file_once() -> None:
    committed = {p.name for p in CORPUS.iterdir() if p.name not in ("expected.yaml", ".gitattributes")}
    assert not committed & set(GENERATED)
    assert committed | set(GENERATED) == set(REFUSED) | set(ACCEPTED)
    assert not set(REFUSED) & set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_input_is_one_located_line_and_leaves_outputs_alone(
    run, tmp_path: Path, good_build: Path, name: str
) -> None:
    expected = REFUSED[name]
    path = corpus_file(name, tmp_path / "in")
    out = tmp_path / "out"
    shutil.copytree(good_build, out / path.stem)
    before, input_before = snapshot(out), snapshot(path.parent)

    result = run("build", path, "-o", out, *(["--strict"] if expected.get("strict") else []))

    assert result.exit_code == expected["exit"], result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {path}{expected['location']}: "), lines[0]
    assert expected["message"] in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(out) == before
    assert snapshot(path.parent) == input_before


@pytest.mark.parametrize("name", sorted(name for name, expected in REFUSED.items() if expected.get("strict")))
def test_without_strict_the_passage_is_told_and_listed_as_an_error_and_the_plan_built(
    run, tmp_path: Path, name: str
) -> None:
    expected = REFUSED[name]
    path = corpus_file(name, tmp_path / "in")
    where = f"{path}{expected['location']}"

    result = run("build", path, "-o", tmp_path / "out")

    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if line.startswith(f"{where}: ")]
    assert len(told) == 1 and expected["message"] in told[0], result.stderr
    assert "其中 1 处原文未能识别" in result.stdout.splitlines()[-1]
    rows = findings_rows(tmp_path / "out" / path.stem / "责任分工矩阵.xlsx")
    unread = [row for row in rows if row["代码"] == "unread-passage"]
    assert [(row["级别"], row["位置"]) for row in unread] == [("错误", where)]
    assert expected["message"] in unread[0]["说明"]


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_odd_but_valid_input_builds_and_reads_as_written(run, tmp_path: Path, name: str) -> None:
    path = corpus_file(name, tmp_path / "in")
    # an office's own table names its plan and issuer in title lines or on the command line
    named = ["--title", "示例实施方案", "--issuer", "示例办公室"] if path.suffix in (".csv", ".xlsx") else []
    result = run("build", path, "-o", tmp_path / "out", *named)
    assert result.exit_code == 0, result.output
    expected = ACCEPTED[name]
    plan = read_plan(path)
    measures = {m.id: m for m in plan.measures}
    if "measures" in expected:
        assert list(measures) == expected["measures"]
    measure = measures[expected.get("measure", "3.4.1")]
    assert list(measure.cooperators) == expected["cooperators"]
    assert list(measure.leads) == expected.get("leads", ["县科协", "县民政局"])
    if "deadline" in expected:
        assert measures["3.4.2"].deadline == expected["deadline"]
    if "office" in expected:
        assert plan.office == expected["office"]


def test_debug_shows_the_error_itself(run, tmp_path: Path) -> None:
    path = corpus_file("duplicate_id.yaml", tmp_path)
    result = run("--debug", "build", path, "-o", tmp_path / "out")
    assert isinstance(result.exception, InputError)
    assert result.exception.location.line == 15


@pytest.mark.parametrize("template", ["not_a_zip.docx", "truncated.docx", "workbook_renamed.docx"])
def test_a_bad_letterhead_stops_the_build_before_any_output_is_touched(
    run, tmp_path: Path, good_build: Path, template: str
) -> None:
    plan = tmp_path / "in" / "plan.yaml"
    letterhead = corpus_file(template, tmp_path / "in")
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(good_build, out / "plan")
    before = snapshot(out)

    result = run("build", plan, "-o", out, "--template", letterhead)

    assert result.exit_code == 1, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"Error: {letterhead}: 无法作为 Word 模板打开")
    assert snapshot(out) == before
