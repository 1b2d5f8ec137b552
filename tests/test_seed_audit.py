"""The audit and workload on the two seed plans, checked against counts made here from the seed text.

The expected numbers are not taken from the importer: each test reads the
seed text with plain regular expressions (Wutai: one assignment bracket per
measure; Xinhuang: one 责任分工 block for all numbered measures above it)
and counts for itself. The bundled plan YAMLs come from the importer; the
tests are skipped while they are absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matrix.audit import audit_plan
from matrix.findings import at_or_above
from matrix.graph import build_graph, workload_rows
from matrix.readers import read_plan
from matrix.readers.yaml import read_registry
from matrix.registry import resolve_plan

from .conftest import INPUT, seed_path

#: (opening sentence, leads, cooperators) of every assigned measure, as the seed writes them.
Assigned = list[tuple[str, list[str], list[str]]]


def plan_path(name: str) -> Path:
    path = INPUT / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path.name} is not bundled yet")
    return path


def wutai_assigned() -> Assigned:
    text = seed_path("wutai-2021-2025.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        match = re.search(r"（([^（）]*)牵头，([^（）]*)等单位配合）\s*$", line)
        if match:
            found.append((line.split("。")[0].strip(), match[1].split("、"), match[2].split("、")))
    return found


def xinhuang_assigned() -> Assigned:
    text = seed_path("xinhuang-2021-2025.txt").read_text(encoding="utf-8")
    parts = re.split(r"（(?:责任分工：)?由(.*?)牵头，(.*?)等单位参加。）", text)
    found = []
    for index in range(1, len(parts) - 1, 3):
        leads, cooperators, above = parts[index].split("、"), parts[index + 1].split("、"), parts[index - 1]
        for title in re.findall(r"^\d+\.(.+?)。", above, flags=re.MULTILINE):
            found.append((title.strip(), leads, cooperators))
    return found


def counted(assigned: Assigned, department: str) -> tuple[int, int, int, int]:
    """(accountable, leads, cooperates, total) of one department, counted from the seed."""
    accountable = sum(leads[0] == department for _, leads, _ in assigned)
    led = sum(department in leads for _, leads, _ in assigned)
    cooperated = sum(department in coop and department not in leads for _, leads, coop in assigned)
    return accountable, led, cooperated, led + cooperated


def test_the_seed_counts_themselves_are_plausible() -> None:
    assert len(wutai_assigned()) == 33
    assert len(xinhuang_assigned()) == 36


@pytest.mark.parametrize(
    ("name", "assigned", "departments"),
    [
        ("wutai", wutai_assigned, ("县科协", "县教科局", "县卫健局")),
        ("xinhuang", xinhuang_assigned, ("县科协", "县商务科技和工业信息化局", "县卫生健康局")),
    ],
)
def test_workload_matches_the_counts_in_the_seed_text(name: str, assigned, departments: tuple[str, ...]) -> None:
    rows = {r.department: r for r in workload_rows(build_graph(read_plan(plan_path(name))))}
    seed = assigned()
    for department in departments:
        row = rows[department]
        assert (row.accountable, row.leads, row.cooperates, row.total) == counted(seed, department), department


def test_with_the_registry_the_wutai_health_bureau_carries_both_spellings() -> None:
    plan = read_plan(plan_path("wutai"))
    resolved, _ = resolve_plan(plan, read_registry(INPUT / "departments-wutai.yaml"))
    row = next(r for r in workload_rows(build_graph(resolved)) if r.department == "县卫健局")
    seed = wutai_assigned()
    both = [counted(seed, n) for n in ("县卫健局", "县卫健委")]
    assert (row.leads, row.cooperates) == (both[0][1] + both[1][1], both[0][2] + both[1][2])


def _measures_naming(plan, assigned: Assigned, department: str) -> str:
    """Ids of the plan's measures whose seed paragraph names ``department``.

    A measure is matched by its opening sentence, which is its title, or the
    start of its text when the paragraph has no lead phrase (五台 4.5).
    """
    openings = [opening for opening, leads, coop in assigned if department in leads + coop]
    return "、".join(m.id for m in plan.measures if any(m.title == o or m.text.startswith(o) for o in openings))


def test_wutai_health_bureau_spellings_are_a_look_alike_with_their_measures() -> None:
    plan = read_plan(plan_path("wutai"))
    (finding,) = [f for f in audit_plan(plan, build_graph(plan)) if f.code == "look-alike"]
    seed = wutai_assigned()
    ju, wei = _measures_naming(plan, seed, "县卫健局"), _measures_naming(plan, seed, "县卫健委")
    assert len(wei.split("、")) == 2
    assert f"“县卫健局”（措施 {ju}）与“县卫健委”（措施 {wei}）" in finding.message
    assert finding.severity == "warning"


def test_with_the_registry_wutai_reports_the_mixed_spelling_and_nothing_unknown() -> None:
    plan = read_plan(plan_path("wutai"))
    registry = read_registry(INPUT / "departments-wutai.yaml")
    findings = audit_plan(plan, build_graph(resolve_plan(plan, registry)[0]), registry=registry)
    (mixed,) = [f for f in findings if f.code == "mixed-names"]
    seed = wutai_assigned()
    assert f"“县卫健委”（措施 {_measures_naming(plan, seed, '县卫健委')}）" in mixed.message
    assert not [f for f in findings if f.code in ("unknown-department", "near-duplicate", "alias-conflict")]


@pytest.mark.parametrize("name", ["wutai", "xinhuang"])
def test_each_seed_with_its_registry_has_no_errors(name: str) -> None:
    plan = read_plan(plan_path(name))
    registry = read_registry(INPUT / f"departments-{name}.yaml")
    findings = audit_plan(plan, build_graph(resolve_plan(plan, registry)[0]), registry=registry)
    assert at_or_above(findings, "error") == []
    assert not [f for f in findings if f.code == "unused-department"]


def test_raci_audit_on_the_wutai_seed_fails_on_warning_only(run) -> None:
    path, registry = plan_path("wutai"), INPUT / "departments-wutai.yaml"
    assert run("audit", path, "--registry", registry).exit_code == 0
    assert run("audit", path, "--fail-on", "warning").exit_code == 3
