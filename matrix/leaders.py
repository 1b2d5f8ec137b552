"""Leading officials (牵头领导): how a cell names them, and what each one answers for.

A 牵头领导 is a county leader (县政府分管副县长, 张三) accountable for a measure
above its lead departments. Leaders are not departments: they receive no
notice and have no cell in the matrix, but the matrix, the 任务分工表 and each
notice name them, and the leading group gets a 领导分工 summary of each
leader's measures and the departments working on them.

A leader is kept as written. Titles use 、 inside one person's style
(县委常委、常务副县长), so a cell lists several leaders one a line or separated
by ；, never by 、.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from .graph import DEPARTMENT, measure_nodes
from .raci import is_lead

__all__ = ["LeaderDuty", "leader_duties", "split_leaders"]

_SEPARATORS = re.compile(r"[\n；;]+")


def split_leaders(text: str) -> tuple[str, ...]:
    """The leaders one cell names: one a line or separated by ；, each kept whole.

    Examples
    --------
    >>> split_leaders("县委常委、常务副县长\\n县政府分管副县长")
    ('县委常委、常务副县长', '县政府分管副县长')
    >>> split_leaders(" 张三 ； 李四；")
    ('张三', '李四')
    """
    return tuple(dict.fromkeys(part.strip() for part in _SEPARATORS.split(text or "") if part.strip()))


@dataclass(frozen=True)
class LeaderDuty:
    """One leader's share of the plan: the measures led, and who works on them."""

    leader: str
    #: Measure ids in plan order.
    measures: tuple[str, ...]
    #: Lead departments of those measures, in order of first appearance.
    leads: tuple[str, ...]
    #: Cooperating departments of those measures, in order of first appearance.
    cooperators: tuple[str, ...]


def leader_duties(graph: nx.Graph) -> list[LeaderDuty]:
    """Every leader named on a measure of ``graph``, in order of first appearance, with their measures.

    Departments are listed as the graph holds them, one per member of a group;
    the office, Informed of everything, is in neither list.

    Examples
    --------
    >>> from matrix.graph import build_graph
    >>> from matrix.model import Assignment, Measure, Plan, Section
    >>> m = Measure("1", "措施", assignments=(Assignment("县科协", "R"),), leaders=("县政府分管副县长",))
    >>> leader_duties(build_graph(Plan("方案", sections=(Section("1", "章", measures=(m,)),))))
    [LeaderDuty(leader='县政府分管副县长', measures=('1',), leads=('县科协',), cooperators=())]
    """
    measures: dict[str, list[str]] = {}
    for measure in measure_nodes(graph):
        for leader in graph.nodes[measure].get("leaders", ()):
            measures.setdefault(leader, []).append(measure)
    duties = []
    for leader, ids in measures.items():
        leads: dict[str, None] = {}
        cooperators: dict[str, None] = {}
        for measure in ids:
            for department, edge in graph[measure].items():
                node = graph.nodes[department]
                if node["bipartite"] != DEPARTMENT or node["office"]:
                    continue
                if is_lead(edge["role"]) or edge["role"] == "A":
                    leads.setdefault(department, None)
                elif edge["role"] == "C":
                    cooperators.setdefault(department, None)
        duties.append(LeaderDuty(leader, tuple(ids), tuple(leads), tuple(c for c in cooperators if c not in leads)))
    return duties
