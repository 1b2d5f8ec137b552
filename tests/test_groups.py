"""Groups: a plan assigns a measure to 各乡镇人民政府, every township does the work and counts it.

Built on the Xinhuang registry (input/departments-xinhuang.yaml: its eleven
townships and the group 各乡镇人民政府) and tests/fixtures/xinhuang-townships.yaml,
a plan that assigns measures to the group, to its alias 各乡镇 and to a vague group.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from matrix.audit import audit_plan
from matrix.export.plan_yaml import dump_plan_yaml
from matrix.graph import build_graph, workload, workload_rows
from matrix.groups import as_written, expand_groups
from matrix.merge import merge_plans
from matrix.model import Assignment, Group, Plan
from matrix.readers.yaml import read_registry, read_yaml, read_yaml_text
from matrix.registry import Registry, resolve_plan

from .conftest import INPUT, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "xinhuang-townships.yaml"
TOWNSHIPS = "各乡镇人民政府"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return read_registry(INPUT / "departments-xinhuang.yaml")


@pytest.fixture(scope="module")
def members(registry: Registry) -> tuple[str, ...]:
    (group,) = [g for g in registry.groups if g.name == TOWNSHIPS]
    return group.members


@pytest.fixture(scope="module")
def resolved(registry: Registry) -> Plan:
    return resolve_plan(read_yaml(FIXTURE), registry)[0]


def by_id(plan: Plan, measure_id: str):
    return next(m for m in plan.measures if m.id == measure_id)


def test_the_xinhuang_registry_defines_its_eleven_townships_as_the_group(registry: Registry) -> None:
    towns = next(g for g in registry.groups if g.name == TOWNSHIPS)
    assert len(towns.members) == 11 and "晃州镇人民政府" in towns.members and "步头降苗族乡人民政府" in towns.members
    registered = {d.name: d for d in registry.departments}
    assert all(registered[m].kind == "乡镇" for m in towns.members)
    assert {g.name for g in registry.groups if g.vague} == {"各有关部门", "各有关单位"}


def test_a_group_becomes_one_assignment_per_member_with_its_role_and_the_group(
    resolved: Plan, members: tuple[str, ...]
) -> None:
    measure = by_id(resolved, "2.2.1")
    through = [a for a in measure.assignments if a.group == TOWNSHIPS]
    assert [a.department for a in through] == list(members)
    assert {a.role for a in through} == {"R"}  # the leader is accountable, see test_leaders
    assert TOWNSHIPS not in {a.department for a in measure.assignments}
    named = {a.department: a.group for a in measure.assignments if a.group is None}
    assert named == {"县农业农村局": None, "县科协": None}


def test_an_alias_of_the_group_is_the_group(resolved: Plan, members: tuple[str, ...]) -> None:
    measure = by_id(resolved, "2.2.2")  # cooperators: 各乡镇
    assert [a.department for a in measure.assignments if a.group == TOWNSHIPS] == list(members)
    assert {a.role for a in measure.assignments if a.group} == {"C"}


def test_a_vague_group_stays_one_assignee_as_written(resolved: Plan) -> None:
    (assignment,) = by_id(resolved, "4.1.2").assignments
    assert (assignment.department, assignment.group) == ("各有关部门", None)


def test_a_township_named_itself_and_through_its_group_holds_one_role_as_named(
    resolved: Plan, members: tuple[str, ...]
) -> None:
    measure = by_id(resolved, "4.1.3")
    huangzhou = [a for a in measure.assignments if a.department == "晃州镇人民政府"]
    assert [(a.role, a.group) for a in huangzhou] == [("C", None)]
    assert {a.department for a in measure.assignments if a.group == TOWNSHIPS} == set(members) - {"晃州镇人民政府"}


def test_the_graph_has_an_edge_per_township_remembering_the_group(resolved: Plan, members: tuple[str, ...]) -> None:
    graph = build_graph(resolved)
    for member in members:
        assert graph.edges["2.2.1", member]["group"] == TOWNSHIPS
        assert graph.edges["2.2.1", member]["role"] == "R"
    assert graph.edges["2.2.1", "县科协"]["group"] == ""
    assert TOWNSHIPS not in graph


def test_workload_counts_the_group_measures_for_every_township(resolved: Plan, members: tuple[str, ...]) -> None:
    graph = build_graph(resolved)
    loads = {w.department: w for w in workload(graph, members)}
    for member in members:
        assert (loads[member].led, loads[member].cooperated) == (("2.2.1", "4.1.1"), ("2.2.2", "4.1.3"))
    rows = {r.department: r for r in workload_rows(graph)}
    assert all((rows[m].leads, rows[m].total) == (2, 4) for m in members)


def test_expanding_keeps_the_other_assignments_in_place() -> None:
    written = [Assignment("县科协", "R"), Assignment("各乡镇", "C"), Assignment("县妇联", "C")]
    expanded = expand_groups(written, {"各乡镇": ("甲镇", "乙乡")})
    assert [(a.department, a.group) for a in expanded] == [
        ("县科协", None),
        ("甲镇", "各乡镇"),
        ("乙乡", "各乡镇"),
        ("县妇联", None),
    ]


def test_a_whole_group_is_written_back_as_the_group_and_a_partial_one_member_by_member() -> None:
    group = Group("各乡镇", members=("甲镇", "乙乡"))
    whole = [
        Assignment("甲镇", "C", group="各乡镇"),
        Assignment("县科协", "R"),
        Assignment("乙乡", "C", group="各乡镇"),
    ]
    assert [a.department for a in as_written(whole, [group])] == ["各乡镇", "县科协"]
    partial = [Assignment("县科协", "R"), Assignment("乙乡", "C", group="各乡镇")]
    assert [(a.department, a.group) for a in as_written(partial, [group])] == [("县科协", None), ("乙乡", "各乡镇")]


def test_groups_and_leaders_survive_writing_the_plan_as_yaml(resolved: Plan) -> None:
    text = dump_plan_yaml(resolved)
    assert (
        "- 各乡镇人民政府\n" in text and "晃州镇人民政府\n" in text
    )  # the group, and its members listed under groups:
    again = read_yaml_text(text, "again.yaml")
    assert [g.name for g in again.groups] == [g.name for g in resolved.groups]
    assert by_id(again, "2.2.1").leads == (TOWNSHIPS,)
    assert by_id(again, "2.2.1").leaders == ("县政府分管副县长",)
    rebuilt = resolve_plan(again, Registry.of_plan(again))[0]
    for first, second in zip(resolved.measures, rebuilt.measures, strict=True):
        assert [(a.department, a.role, a.group) for a in first.assignments] == [
            (a.department, a.role, a.group) for a in second.assignments
        ], first.id
        assert first.leaders == second.leaders


def test_merging_by_plan_qualifies_the_group_and_its_members(registry: Registry) -> None:
    plan = replace(read_yaml(FIXTURE), departments=registry.departments, groups=registry.groups)
    merged = merge_plans([plan, replace(plan, source="input/xinhuang-2.yaml")], keys=["a", "b"])
    towns = next(g for g in merged.groups if g.name.endswith(TOWNSHIPS))
    assert towns.name == f"新晃侗族自治县（a）·{TOWNSHIPS}"
    assert towns.members[0] == "新晃侗族自治县（a）·晃州镇人民政府"
    expanded = resolve_plan(merged, Registry.of_plan(merged))[0]
    first = next(m for m in expanded.measures if m.id == "a:2.2.1")
    assert {a.group for a in first.assignments if a.group} == {towns.name}
    assert len([a for a in first.assignments if a.group]) == 11


def test_the_audit_counts_a_group_once_and_flags_only_a_vague_sole_lead(registry: Registry) -> None:
    plan = read_yaml(FIXTURE)
    findings = audit_plan(plan, build_graph(resolve_plan(plan, registry)[0]), registry=registry)
    # 4.1.2 is led by 各有关部门 alone (vague); 2.2.1 and 4.1.1 by 各乡镇人民政府, eleven townships each leading
    assert [f.measure for f in findings if f.code == "collective-lead"] == ["4.1.2"]
    assert not [f for f in findings if f.code in ("too-many-leads", "multiple-accountable")]


def test_the_audit_names_a_township_listed_beside_its_own_group(registry: Registry) -> None:
    plan = read_yaml(FIXTURE)
    findings = audit_plan(plan, build_graph(resolve_plan(plan, registry)[0]), registry=registry)
    (overlap,) = [f for f in findings if f.code == "group-and-member"]
    assert (overlap.measure, overlap.department) == ("4.1.3", "晃州镇人民政府")
    assert "同时又是所列“各乡镇人民政府”的成员" in overlap.message
