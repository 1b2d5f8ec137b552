"""The graph as GraphML and GEXF: written atomically, read back with its roles and kinds."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from matrix.errors import OutputError
from matrix.export.network import portable_graph, write_network
from matrix.graph import build_graph
from matrix.readers.yaml import read_yaml


@pytest.mark.parametrize(("suffix", "read"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_the_graph_file_reads_back_with_roles_and_kinds(
    tmp_path: Path, small_plan_path: Path, suffix: str, read
) -> None:
    graph = build_graph(read_yaml(small_plan_path))
    path = write_network(graph, tmp_path / "out" / f"plan{suffix}")
    back = read(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.edges["3.4.1", "县科协"]["role"] == "A/R"
    assert back.nodes["县科协"]["side"] == "department" and back.nodes["3.4.1"]["side"] == "measure"
    assert back.nodes["3.4.1"]["kind"] == "提升行动"
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"plan{suffix}"]


def test_none_and_sequences_become_text() -> None:
    graph = nx.Graph(title=None)
    graph.add_node("1", bipartite=0, targets=("甲", "乙"), deadline=None)
    portable = portable_graph(graph)
    assert portable.graph["title"] == ""
    assert portable.nodes["1"] == {"bipartite": 0, "targets": "甲、乙", "deadline": "", "side": "measure"}
    assert graph.nodes["1"]["deadline"] is None


def test_an_unknown_extension_is_refused_and_nothing_is_written(tmp_path: Path, small_plan_path: Path) -> None:
    with pytest.raises(OutputError, match=r"无法按扩展名 '\.dot' 选择图格式"):
        write_network(build_graph(read_yaml(small_plan_path)), tmp_path / "plan.dot")
    assert list(tmp_path.iterdir()) == [small_plan_path]
