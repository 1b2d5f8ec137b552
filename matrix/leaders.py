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
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .graph import measure_nodes
from .groups import assigned_names
from .model import Group, Plan
from .raci import is_lead

__all__ = ["LeaderDuty", "has_leaders", "leader_duties", "split_leaders"]

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


def has_leaders(plan: Plan) -> bool:
    """True when a measure of ``plan`` names a 牵头领导: the outputs then have their columns, sheet and summary."""
    return any(m.leaders for m in plan.measures)


@dataclass(frozen=True)
class LeaderDuty:
    """One leader's share of the plan: the measures led, and who works on them."""

    leader: str
    #: Measure ids in plan order.
    measures: tuple[str, ...]
    #: Lead departments of those measures, in order of first appearance, a whole group by its name.
    leads: tuple[str, ...]
    #: Cooperating departments of those measures that lead none of them, likewise.
    cooperators: tuple[str, ...]


def leader_duties(graph: nx.Graph, groups: Iterable[Group] = ()) -> list[LeaderDuty]:
    """Every leader named on a measure of ``graph``, in order of first appearance, with their measures.

    Departments are named as the plan assigned them: members that hold a
    measure as a whole group of ``groups`` are that group's one name. The
    office, Informed of everything, is in neither list.

    Examples
    --------
    >>> from matrix.graph import build_graph
    >>> from matrix.model import Assignment, Measure, Plan, Section
    >>> m = Measure("1", "措施", assignments=(Assignment("县科协", "R"),), leaders=("县政府分管副县长",))
    >>> leader_duties(build_graph(Plan("方案", sections=(Section("1", "章", measures=(m,)),))))
    [LeaderDuty(leader='县政府分管副县长', measures=('1',), leads=('县科协',), cooperators=())]
    """
    groups = tuple(groups)
    measures: dict[str, list[str]] = {}
    for measure in measure_nodes(graph):
        for leader in graph.nodes[measure].get("leaders", ()):
            measures.setdefault(leader, []).append(measure)
    duties = []
    for leader, ids in measures.items():
        leads: dict[str, None] = {}
        cooperators: dict[str, None] = {}
        for measure in ids:
            edges = graph[measure]
            led = [d for d in edges if is_lead(edges[d]["role"]) or edges[d]["role"] == "A"]
            helped = [d for d in edges if edges[d]["role"] == "C"]
            leads.update(dict.fromkeys(assigned_names(graph, measure, led, groups)))
            cooperators.update(dict.fromkeys(assigned_names(graph, measure, helped, groups)))
        duties.append(LeaderDuty(leader, tuple(ids), tuple(leads), tuple(c for c in cooperators if c not in leads)))
    return duties
