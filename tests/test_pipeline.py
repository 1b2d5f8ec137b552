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

from .conftest import INPUT

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


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_the_library_writes_the_same_files_as_raci_build(run, tmp_path: Path, seed: str) -> None:
    result = matrix.build(INPUT / f"{seed}.yaml", tmp_path / "library", date=DATE)
    command = run("build", INPUT / f"{seed}.yaml", "-o", tmp_path / "command", "--date", DATE.isoformat())
    assert command.exit_code == 0, command.output

    library, cli = contents(tmp_path / "library" / seed), contents(tmp_path / "command" / seed)
    assert sorted(library) == sorted(cli)
    assert library == cli
    assert {"责任分工矩阵.xlsx", "任务分解总表.docx"} <= set(library)
    assert len([n for n in library if n.startswith("任务分解通知/")]) == len(result.notices) > 10
    library_manifest, cli_manifest = (
        json.loads((tmp_path / side / seed / ".raci-manifest.json").read_text(encoding="utf-8"))
        for side in ("library", "command")
    )
    assert sorted(library_manifest["files"]) == sorted(cli_manifest["files"])
    # what the command prints comes from the result
    assert f"已写入 {len(result.notices)} 份任务分解通知" in command.output
    assert f"审计发现 {len(result.findings)} 个问题" in command.output


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
