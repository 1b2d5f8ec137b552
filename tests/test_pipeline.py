"""The pipeline as a library: ``matrix.build`` writes what ``raci build`` writes, names are resolved once."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

import matrix
from matrix import pipeline
from matrix.errors import InputError

from .conftest import INPUT, ROOT

DATE = dt.date(2026, 1, 5)


def contents(folder: Path) -> dict[str, dict[str, bytes]]:
    """Every output file under ``folder`` -> its zip parts, all but the save time in docProps/core.xml."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                parts = {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}
            found[path.relative_to(folder).as_posix()] = parts
    return found


FIXTURES = ROOT / "tests" / "fixtures"
XINHUANG_REGISTRY = INPUT / "departments-xinhuang.yaml"
#: The task table has no title lines above its header: the office names its plan and itself.
TASKS_TITLE, TASKS_ISSUER = "新晃侗族自治县全民科学素质行动规划纲要实施方案", "新晃侗族自治县全民科学素质工作领导小组"
#: Plan, options of matrix.build, the same as raci build options. "townships" assigns measures to
#: 各乡镇人民政府 (expanded per township in notices and forms, one column in the matrix) and names 牵头领导
#: (the 领导分工.docx only such a plan gets); "tasks" is an office's task table with a 牵头领导 column.
CASES = {
    "wutai": (INPUT / "wutai.yaml", {}, []),
    "xinhuang": (INPUT / "xinhuang.yaml", {}, []),
    "townships": (
        FIXTURES / "xinhuang-townships.yaml",
        {"registry": XINHUANG_REGISTRY, "expand_groups": False},
        ["--registry", XINHUANG_REGISTRY, "--no-expand-groups"],
    ),
    "tasks": (
        FIXTURES / "xinhuang-tasks.csv",
        {"registry": XINHUANG_REGISTRY, "title": TASKS_TITLE, "issuer": TASKS_ISSUER},
        ["--registry", XINHUANG_REGISTRY, "--title", TASKS_TITLE, "--issuer", TASKS_ISSUER],
    ),
}


def manifest(folder: Path) -> list[str]:
    return sorted(json.loads((folder / ".raci-manifest.json").read_text(encoding="utf-8"))["files"])


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_library_writes_the_same_files_as_raci_build(run, tmp_path: Path, case: str) -> None:
    plan, options, arguments = CASES[case]
    result = matrix.build(plan, tmp_path / "library", date=DATE, **options)
    command = run("build", plan, "-o", tmp_path / "command", "--date", DATE.isoformat(), *arguments)
    assert command.exit_code == 0, command.output

    library, cli = contents(result.folder), contents(tmp_path / "command" / result.folder.name)
    assert sorted(library) == sorted(cli)
    assert library == cli
    assert {"责任分工矩阵.xlsx", "任务分解总表.docx"} <= set(library)
    assert ("领导分工.docx" in library) == (case in ("townships", "tasks"))
    assert len([n for n in library if n.startswith("任务分解通知/")]) == len(result.notices) > 10
    assert len([n for n in library if n.startswith("进展反馈表/")]) == len(result.forms) > 5
    assert manifest(result.folder) == manifest(tmp_path / "command" / result.folder.name)
    # what the command prints comes from the result
    assert f"已写入 {len(result.notices)} 份任务分解通知" in command.output
    assert f"审计发现 {len(result.findings)} 个问题" in command.output


@pytest.mark.parametrize("case", ["wutai", "townships"])
def test_documents_written_by_workers_beside_the_workbook_are_the_files_written_in_one_process(
    tmp_path: Path, case: str
) -> None:
    plan, options, _ = CASES[case]
    alone = matrix.build(plan, tmp_path / "alone", date=DATE, jobs=1, **options)
    beside = matrix.build(plan, tmp_path / "beside", date=DATE, jobs=2, **options)
    for files in ("notices", "forms"):
        written = [[p.relative_to(r.folder) for p in getattr(r, files)] for r in (alone, beside)]
        assert written[0] == written[1], files
    assert beside.skipped == alone.skipped
    assert contents(beside.folder) == contents(alone.folder)
    assert ("领导分工.docx" in contents(beside.folder)) == (case == "townships")
    assert manifest(beside.folder) == manifest(alone.folder)


def test_a_rebuild_from_the_workbook_is_the_same_through_the_library_and_the_command(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rebuilds its own folder in place from the workbook built there, as an office does after editing it.

    Each side works in a folder of its own under the same relative names, since the audit's locations in the
    rebuilt workbook name the workbook read.
    """
    workbook = Path("output", "wutai", "责任分工矩阵.xlsx")
    (tmp_path / "library").mkdir()
    monkeypatch.chdir(tmp_path / "library")
    matrix.build(INPUT / "wutai.yaml", "output", date=DATE)
    rebuilt = matrix.build(workbook, date=DATE)
    assert rebuilt.folder == Path("output", "wutai") and rebuilt.rewrote_source is False
    (tmp_path / "command").mkdir()
    monkeypatch.chdir(tmp_path / "command")
    assert run("build", INPUT / "wutai.yaml", "-o", "output", "--date", DATE.isoformat()).exit_code == 0
    again = run("build", workbook, "--date", DATE.isoformat())
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == rebuilt.lines()  # what raci build prints is the result's account of itself
    assert rebuilt.lines()[1:3] == [
        f"已写入：{Path('output', 'wutai', n)}" for n in ("责任分工矩阵.xlsx", "任务分解总表.docx")
    ]

    library, command = (tmp_path / side / "output" / "wutai" for side in ("library", "command"))
    assert contents(library) == contents(command)
    assert "责任分工矩阵.xlsx" in contents(library)
    assert manifest(library) == manifest(command)


def test_load_resolves_names_once_and_the_audit_reuses_that_resolution(monkeypatch) -> None:
    calls = []
    resolve_names = pipeline.resolve_names

    def counting(*args, **kwargs):
        calls.append(args[0].title)
        return resolve_names(*args, **kwargs)

    monkeypatch.setattr(pipeline, "resolve_names", counting)
    monkeypatch.setattr("matrix.audit.resolve_names", counting)
    loaded = matrix.load(INPUT / "wutai.yaml")
    findings = matrix.audit_findings(loaded)
    assert len(calls) == 1
    assert "县卫健委" in {a.department for m in loaded.written.measures for a in m.assignments}
    assert "县卫健委" not in loaded.graph and "县卫健局" in loaded.graph
    (mixed,) = [f for f in findings if f.code == "mixed-names"]
    assert "县卫健委" in mixed.message and mixed.department == "县卫健局"


def test_the_registry_rule_option_then_plan_then_sibling(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text((INPUT / "wutai.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert matrix.load(plan).registry.empty  # no departments: in the plan, none beside it
    sibling = tmp_path / "departments-plan.yaml"
    sibling.write_text("departments:\n  - {name: 县卫健局, aliases: [县卫健委]}\n", encoding="utf-8")
    assert [d.name for d in matrix.load(plan).registry.departments] == ["县卫健局"]
    other = tmp_path / "other.yaml"
    other.write_text("departments:\n  - {name: 县科协}\n", encoding="utf-8")
    assert [d.name for d in matrix.load(plan, registry=other).registry.departments] == ["县科协"]
    assert matrix.load(plan, registry=[]).registry.empty


def test_a_bad_registry_is_a_located_input_error_before_anything_is_written(tmp_path: Path) -> None:
    registry = tmp_path / "departments.yaml"
    registry.write_text("departments:\n  - {name: 县科协, kind: 不存在}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"departments\.yaml:2"):
        matrix.build(INPUT / "wutai.yaml", tmp_path / "out", registry=registry)
    assert not (tmp_path / "out").exists()


def test_progress_counts_every_notice(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = matrix.build(INPUT / "wutai.yaml", tmp_path, date=DATE, jobs=1, progress=lambda *p: seen.append(p))
    total = len(result.notices)
    assert seen == [(n, total) for n in range(1, total + 1)]
