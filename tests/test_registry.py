"""Registry resolution: exact names and aliases rewrite, look-alikes and conflicts become findings."""

from __future__ import annotations

import pytest

from matrix.model import Assignment, Department, Location, Measure, Plan, Section
from matrix.readers import read_plan
from matrix.readers.yaml import read_registry
from matrix.registry import RegistryMatch, alias_conflicts, match_registry, resolve, resolve_plan

from .conftest import INPUT, seed_path


def plan_of(*measures: Measure) -> Plan:
    return Plan("测试方案", sections=(Section("1", "测试", measures=measures),))


def measure(id_: str, *assignments: tuple[str, str], line: int = 1) -> Measure:
    where = Location("plan.yaml", line)
    return Measure(id_, f"措施{id_}", assignments=tuple(Assignment(d, r, where) for d, r in assignments), source=where)


REGISTRY = (
    Department("县卫健局", aliases=("县卫健委",), kind="政府部门"),
    Department("县人力资源和社会保障局", kind="政府部门", short="县人社局"),
    Department("县委宣传部", kind="县委部门"),
    Department("县科协", kind="群团组织"),
)


@pytest.mark.parametrize(
    ("written", "status", "canonical"),
    [
        ("县卫健局", "canonical", "县卫健局"),
        ("县卫健委", "alias", "县卫健局"),
        ("县人社局", "alias", "县人力资源和社会保障局"),
        (" 由县委宣传部 ", "canonical", "县委宣传部"),
        ("县卫生健康局", "near", None),
        ("县委组织部", "unknown", None),
    ],
)
def test_resolve_rewrites_only_exact_names_and_aliases(written: str, status: str, canonical: str | None) -> None:
    resolution = resolve(written, REGISTRY)
    assert (resolution.status, resolution.canonical) == (status, canonical)


def test_a_look_alike_names_its_candidates_and_why() -> None:
    resolution = resolve("县卫生健康局", REGISTRY)
    assert resolution.candidates == ("县卫健局",)
    assert "简称或后缀不同" in resolution.reason


def test_an_alias_claimed_by_two_entries_is_ambiguous_and_a_conflict() -> None:
    registry = (Department("县教育局", aliases=("县教科局",)), Department("县科技局", aliases=("县教科局",)))
    resolution = resolve("县教科局", registry)
    assert (resolution.status, resolution.canonical) == ("ambiguous", None)
    assert resolution.candidates == ("县教育局", "县科技局")
    assert alias_conflicts(registry) == [("县教科局", ("县教育局", "县科技局"))]


def test_a_registered_name_wins_over_another_entrys_alias_but_the_conflict_is_reported() -> None:
    registry = (Department("县教育局", aliases=("县教科局",)), Department("县教科局"))
    assert resolve("县教科局", registry).canonical == "县教科局"
    assert alias_conflicts(registry) == [("县教科局", ("县教育局", "县教科局"))]


def test_resolve_plan_rewrites_aliases_and_reports_mixed_spellings_with_their_measures() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县卫健局", "C"), line=3),
        measure("2", ("县科协", "A/R"), ("县卫健委", "C"), line=7),
        measure("3", ("县人社局", "A/R"), line=11),
    )
    resolved, findings = resolve_plan(plan, REGISTRY)
    assert [m.cooperators for m in resolved.measures] == [("县卫健局",), ("县卫健局",), ()]
    assert resolved.measures[2].leads == ("县人力资源和社会保障局",)
    assert resolved.departments == REGISTRY
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"mixed-names", "alias"}
    mixed = by_code["mixed-names"]
    assert mixed.severity == "warning" and mixed.department == "县卫健局"
    assert "“县卫健局”（措施 1）" in mixed.message and "“县卫健委”（措施 2）" in mixed.message
    assert mixed.location == "plan.yaml:3；plan.yaml:7"
    assert by_code["alias"].severity == "info"
    assert "县人社局" in by_code["alias"].message and by_code["alias"].location == "plan.yaml:11"


def test_resolve_plan_reports_unknown_and_look_alike_names_without_rewriting_them() -> None:
    plan = plan_of(measure("1", ("县委组织部", "A/R"), ("县卫生健康局", "C"), line=5))
    resolved, findings = resolve_plan(plan, REGISTRY)
    assert resolved.measures[0].assignments == plan.measures[0].assignments
    assert [(f.severity, f.code, f.department) for f in findings] == [
        ("error", "unknown-department", "县委组织部"),
        ("error", "near-duplicate", "县卫生健康局"),
    ]
    assert "县卫健局" in findings[1].message and findings[1].location.startswith("plan.yaml:5")


def test_two_spellings_of_one_body_on_one_measure_merge_and_keep_the_weaker_role() -> None:
    plan = plan_of(measure("1", ("县卫健局", "A/R"), ("县卫健委", "C")))
    resolved, _ = resolve_plan(plan, REGISTRY)
    (merged,) = resolved.measures[0].assignments
    assert (merged.department, merged.role, merged.also) == ("县卫健局", "A/R", ("C",))


def test_resolve_plan_leaves_its_input_unchanged() -> None:
    plan = plan_of(measure("1", ("县卫健委", "A/R")))
    before = plan.measures[0].assignments
    resolve_plan(plan, REGISTRY)
    assert plan.measures[0].assignments == before


@pytest.mark.parametrize(("seed", "county"), [("wutai-2021-2025.txt", "wutai"), ("xinhuang-2021-2025.txt", "xinhuang")])
def test_the_registry_of_an_imported_plan_is_found_by_what_it_holds(seed: str, county: str) -> None:
    plan = read_plan(seed_path(seed))
    candidates = {name: read_registry(INPUT / f"departments-{name}.yaml") for name in ("wutai", "xinhuang")}
    match = match_registry(plan, candidates)
    named = len(plan.department_names())
    assert match == RegistryMatch(county, named, named)


def test_no_registry_is_matched_when_two_know_the_plan_or_none_knows_enough() -> None:
    plan = plan_of(measure("1", ("县卫健委", "A/R"), ("县科协", "C")))
    both = (Department("县卫健局", aliases=("县卫健委",)), Department("县科协"))
    half = (Department("县科协"),)
    assert match_registry(plan, {"a": both, "b": both}) is None
    assert match_registry(plan, {"a": half}) is None
    assert match_registry(plan, {"a": half, "b": both}) == RegistryMatch("b", 2, 2)
