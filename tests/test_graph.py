from __future__ import annotations

from pathlib import Path

import pytest
from networkx.algorithms import bipartite

from matrix.errors import InputError
from matrix.graph import (
    build_graph,
    co_assignment,
    department_nodes,
    lead_median,
    measure_nodes,
    role_of,
    workload,
    workload_rows,
)
from matrix.model import Assignment, Measure, Plan, Section
from matrix.readers.yaml import read_yaml


def test_graph_is_bipartite_with_roles_on_edges(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    graph = build_graph(plan)
    assert bipartite.is_bipartite(graph)
    assert set(measure_nodes(graph)) == {m.id for m in plan.measures}
    assert role_of(graph, "3.4.1", "县科协") == "A/R"
    assert role_of(graph, "3.4.1", "县卫健局") == "C"
    assert role_of(graph, "3.4.2", "县科协") is None


def test_office_is_informed_of_every_measure(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    graph = build_graph(plan)
    assignments = sum(len(m.assignments) for m in plan.measures)
    assert graph.number_of_edges() == assignments + len(plan.measures)
    assert {role_of(graph, m.id, plan.office) for m in plan.measures} == {"I"}
    assert graph.nodes[plan.office]["office"] is True


def test_without_office_edges_are_the_assignments(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    plan = Plan(plan.title, sections=plan.sections)
    graph = build_graph(plan)
    assert graph.number_of_edges() == sum(len(m.assignments) for m in plan.measures)
    assert department_nodes(graph) == ["县科协", "县民政局", "县委宣传部", "县卫健局"]
    assert graph.degree("5.2.1") == 0


def test_workload_counts_leads_and_cooperation(small_plan_path: Path) -> None:
    graph = build_graph(read_yaml(small_plan_path))
    loads = {w.department: w for w in workload(graph)}
    assert loads["县民政局"].led == ("3.4.1", "3.4.2")
    assert loads["县民政局"].accountable == ("3.4.2",)
    assert loads["县卫健局"].cooperated == ("3.4.1", "3.4.2")
    assert loads["县卫健局"].total == 2 and loads["县科协"].total == 1


def test_measure_id_equal_to_a_department_name_is_refused() -> None:
    measure = Measure("县科协", "怪异编号", assignments=(Assignment("县科协", "A/R"),))
    with pytest.raises(InputError, match="措施编号与单位名称相同"):
        build_graph(Plan("x", sections=(Section("1", "s", measures=(measure,)),)))


def _team_plan() -> Plan:
    def m(id_: str, *pairs: tuple[str, str]) -> Measure:
        return Measure(id_, f"措施{id_}", assignments=tuple(Assignment(d, r) for d, r in pairs))

    first = Section("1", "青少年科学素质提升行动", measures=(
        m("1.1", ("县科协", "A/R"), ("县教科局", "C"), ("团县委", "C")),
        m("1.2", ("县教科局", "A/R"), ("县科协", "R"), ("团县委", "C")),
    ))  # fmt: skip
    second = Section("2", "科普基础设施工程", measures=(
        m("2.1", ("县科协", "A/R"), ("县财政局", "C")),
        m("2.2", ("县财政局", "A/R")),
    ))  # fmt: skip
    return Plan("示例", sections=(first, second), office="领导小组办公室")


def test_workload_rows_count_roles_share_and_sections() -> None:
    rows = {r.department: r for r in workload_rows(build_graph(_team_plan()))}
    kexie = rows["县科协"]
    assert (kexie.accountable, kexie.leads, kexie.cooperates, kexie.total) == (2, 3, 0, 3)
    assert kexie.share == 0.75
    assert kexie.sections == ("青少年科学素质提升行动", "科普基础设施工程")
    assert (rows["团县委"].leads, rows["团县委"].cooperates, rows["团县委"].sections) == (
        0,
        2,
        ("青少年科学素质提升行动",),
    )
    assert "领导小组办公室" not in rows


def test_workload_rows_sort_by_leads_total_or_name() -> None:
    graph = build_graph(_team_plan())
    assert [r.department for r in workload_rows(graph)] == ["县科协", "县教科局", "县财政局", "团县委"]
    assert [r.department for r in workload_rows(graph, sort="total")][:2] == ["县科协", "县教科局"]
    assert [r.department for r in workload_rows(graph, sort="name")] == sorted(
        ["县科协", "县教科局", "县财政局", "团县委"]
    )
    with pytest.raises(ValueError, match="未知的排序方式 'size'"):
        workload_rows(graph, sort="size")


def test_co_assignment_counts_shared_measures_and_ignores_the_informed_office() -> None:
    pairs = co_assignment(build_graph(_team_plan()))
    assert [(p.first, p.second, p.shared) for p in pairs] == [
        ("县科协", "县教科局", 2),
        ("县科协", "团县委", 2),
        ("县教科局", "团县委", 2),
        ("县科协", "县财政局", 1),
    ]
    assert co_assignment(build_graph(_team_plan()), top=1) == pairs[:1]
    assert co_assignment(build_graph(Plan("空", sections=(Section("1", "s", measures=(Measure("1", "t"),)),)))) == []


def test_lead_median_ignores_departments_that_never_lead() -> None:
    assert lead_median(build_graph(_team_plan())) == 1.0


def test_edges_carry_the_roles_a_lead_also_had_in_the_input() -> None:
    measure = Measure("1", "t", assignments=(Assignment("县科协", "A/R", also=("C",)), Assignment("县妇联", "C")))
    graph = build_graph(Plan("x", sections=(Section("1", "s", measures=(measure,)),)))
    assert graph.edges["1", "县科协"]["also"] == "C"
    assert graph.edges["1", "县妇联"]["also"] == ""
