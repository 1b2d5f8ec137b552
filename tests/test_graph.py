from __future__ import annotations

from pathlib import Path

import pytest
from networkx.algorithms import bipartite

from matrix.errors import InputError
from matrix.graph import build_graph, department_nodes, measure_nodes, role_of, workload
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
