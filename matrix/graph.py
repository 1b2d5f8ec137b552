"""The plan as a bipartite graph: measures on one side, departments on the other.

Follows networkx's bipartite convention: every node has ``bipartite`` = 0
(measure) or 1 (department). Edges carry ``role``, a RACI cell label from
:data:`matrix.raci.ROLES`. Node keys are the measure id and the canonical
department name, so a graph reads naturally in code and in Gephi alike.

Everything downstream (audit, workload, exports) reads this graph rather than
the raw input, so there is one answer to "who does what".
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

from .errors import InputError
from .model import Plan
from .raci import is_accountable, is_lead

__all__ = [
    "DEPARTMENT",
    "MEASURE",
    "SORT_KEYS",
    "SharedMeasures",
    "Workload",
    "WorkloadRow",
    "build_graph",
    "co_assignment",
    "department_nodes",
    "lead_median",
    "measure_nodes",
    "role_of",
    "workload",
    "workload_rows",
]

MEASURE = 0
DEPARTMENT = 1


@dataclass(frozen=True)
class Workload:
    """What one department carries, as measure ids in plan order."""

    department: str
    accountable: tuple[str, ...]
    led: tuple[str, ...]
    cooperated: tuple[str, ...]
    informed: tuple[str, ...]

    @property
    def total(self) -> int:
        """Measures the department works on (led or cooperated), each counted once."""
        return len(set(self.led) | set(self.cooperated))


def build_graph(plan: Plan) -> nx.Graph:
    """Build the measure–department graph of ``plan``.

    Parameters
    ----------
    plan
        A plan from any reader.

    Returns
    -------
    networkx.Graph
        Measure nodes (``bipartite=0``) with ``title``, ``section``,
        ``section_title``, ``kind`` and ``order``; department nodes
        (``bipartite=1``) with ``kind`` (from the plan's registry, 其他 when
        absent) and ``office`` (True for the leading-group office). Measure
        nodes also carry ``leaders``, the measure's 牵头领导 (a tuple, often
        empty). One edge per assignment with ``role``, ``source``, ``also``
        (the weaker roles the input also gave, joined by ``/``; empty for most
        edges) and ``group``: the group the plan assigned the measure to when
        the department holds its role as one of its members (各乡镇人民政府),
        else empty. When ``plan.raci.office_informed`` and the plan
        names an office, the office is Informed (``I``) of every measure that has
        no role for it already. Unassigned measures are kept as isolated nodes.

    Raises
    ------
    InputError
        If a measure id is also a department name: the two sides must not share keys.

    Examples
    --------
    >>> from matrix.model import Plan, Section, Measure, Assignment
    >>> m = Measure("1.1", "示例措施", assignments=(Assignment("县科协", "A/R"),))
    >>> G = build_graph(Plan("示例方案", sections=(Section("1", "示例", measures=(m,)),)))
    >>> G.edges["1.1", "县科协"]["role"]
    'A/R'
    """
    graph = nx.Graph(title=plan.title, issuer=plan.issuer, office=plan.office, period=plan.period)
    kinds = {d.name: d.kind for d in plan.departments}
    order = 0
    for section in plan.sections:
        for measure in section.measures:
            graph.add_node(
                measure.id,
                bipartite=MEASURE,
                title=measure.title,
                section=section.id,
                section_title=section.title,
                kind=measure.kind or section.kind,
                order=order,
                leaders=measure.leaders,
            )
            order += 1
    for index, name in enumerate(plan.department_names()):
        if name in graph and graph.nodes[name]["bipartite"] == MEASURE:
            raise InputError(f"措施编号与单位名称相同：'{name}' (measure id equals a department name)")
        graph.add_node(name, bipartite=DEPARTMENT, kind=kinds.get(name, "其他"), office=False, order=index)
    for measure in plan.measures:
        for a in measure.assignments:
            graph.add_edge(
                measure.id,
                a.department,
                role=a.role,
                source=str(a.source or ""),
                also="/".join(a.also),
                group=a.group or "",
            )
    if plan.raci.office_informed and plan.office:
        if plan.office not in graph:
            graph.add_node(plan.office, bipartite=DEPARTMENT, kind="领导小组办公室", office=True, order=len(graph))
        else:
            graph.nodes[plan.office]["office"] = True
        for measure in plan.measures:
            if not graph.has_edge(measure.id, plan.office):
                graph.add_edge(measure.id, plan.office, role="I", source="", also="", group="")
    return graph


def _nodes(graph: nx.Graph, side: int) -> list[str]:
    nodes = [n for n, d in graph.nodes(data=True) if d["bipartite"] == side]
    return sorted(nodes, key=lambda n: graph.nodes[n]["order"])


def measure_nodes(graph: nx.Graph) -> list[str]:
    """Measure ids in plan order."""
    return _nodes(graph, MEASURE)


def department_nodes(graph: nx.Graph) -> list[str]:
    """Department names in order of first appearance in the plan."""
    return _nodes(graph, DEPARTMENT)


def role_of(graph: nx.Graph, measure: str, department: str) -> str | None:
    """The role label of ``department`` on ``measure``, or ``None`` if it has none."""
    data = graph.get_edge_data(measure, department)
    return data["role"] if data else None


def workload(graph: nx.Graph, departments: Iterable[str] | None = None) -> list[Workload]:
    """Per-department workload, in department order.

    Parameters
    ----------
    graph
        A graph from :func:`build_graph`.
    departments
        Restrict to these names; all departments when omitted.

    Returns
    -------
    list of Workload
        Measures as accountable (A, A/R), as lead (R, A/R), as cooperator (C)
        and informed (I), each in plan order.
    """
    names = list(departments) if departments is not None else department_nodes(graph)
    result = []
    for name in names:
        roles = {m: graph.edges[m, name]["role"] for m in graph[name]}
        ordered = sorted(roles, key=lambda m: graph.nodes[m]["order"])
        result.append(
            Workload(
                department=name,
                accountable=tuple(m for m in ordered if is_accountable(roles[m])),
                led=tuple(m for m in ordered if is_lead(roles[m])),
                cooperated=tuple(m for m in ordered if roles[m] == "C"),
                informed=tuple(m for m in ordered if roles[m] == "I"),
            )
        )
    return result


#: How :func:`workload_rows` may order its rows.
SORT_KEYS: tuple[str, ...] = ("leads", "total", "name")


@dataclass(frozen=True)
class WorkloadRow:
    """One line of the workload table: counts a leading group compares across departments."""

    department: str
    kind: str
    accountable: int
    leads: int
    cooperates: int
    total: int
    #: ``total`` as a share of all measures of the plan, 0..1.
    share: float
    #: Titles of the sections the department works in, in plan order.
    sections: tuple[str, ...]


def workload_rows(graph: nx.Graph, *, sort: str = "leads") -> list[WorkloadRow]:
    """The workload table of every department that leads or cooperates on a measure.

    Parameters
    ----------
    graph
        A graph from :func:`build_graph`.
    sort
        ``"leads"``: most leads first (then most measures); ``"total"``: most
        measures first (then most leads); ``"name"``: by name. Ties keep the
        plan's department order, so the table is stable between runs.

    Returns
    -------
    list of WorkloadRow
        Departments that are only Informed (the leading-group office) are
        left out: they carry no work to compare.

    Raises
    ------
    ValueError
        For a ``sort`` not in :data:`SORT_KEYS`.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"未知的排序方式 '{sort}'，应为 {' / '.join(SORT_KEYS)} 之一 (unknown sort key)")
    measures = len(measure_nodes(graph))
    rows = []
    for load in workload(graph):
        if not load.total:
            continue
        worked = sorted(set(load.led) | set(load.cooperated), key=lambda m: graph.nodes[m]["order"])
        sections = tuple(dict.fromkeys(graph.nodes[m]["section_title"] for m in worked))
        rows.append(
            WorkloadRow(
                department=load.department,
                kind=graph.nodes[load.department]["kind"],
                accountable=len(load.accountable),
                leads=len(load.led),
                cooperates=len(load.cooperated),
                total=load.total,
                share=load.total / measures if measures else 0.0,
                sections=sections,
            )
        )
    if sort == "leads":
        rows.sort(key=lambda r: (-r.leads, -r.total))
    elif sort == "total":
        rows.sort(key=lambda r: (-r.total, -r.leads))
    else:
        rows.sort(key=lambda r: r.department)
    return rows


def lead_median(graph: nx.Graph) -> float:
    """The median number of measures led, over the departments that lead at least one.

    Departments that never lead are left out on purpose: most bodies in a
    plan only cooperate, and counting their zeros would put the median at 0,
    making every lead look excessive.
    """
    counts = [len(w.led) for w in workload(graph) if w.led]
    return float(statistics.median(counts)) if counts else 0.0


@dataclass(frozen=True)
class SharedMeasures:
    """Two departments and how many measures they both work on (lead or cooperate)."""

    first: str
    second: str
    shared: int


def co_assignment(graph: nx.Graph, *, top: int | None = None) -> list[SharedMeasures]:
    """Department pairs that share the most measures: who has to work together most.

    Projects the graph onto its department side with networkx's
    :func:`~networkx.algorithms.bipartite.weighted_projected_graph`, after
    dropping Informed edges (the office is informed of everything and would
    pair with everyone).

    Parameters
    ----------
    graph
        A graph from :func:`build_graph`.
    top
        Keep only the first ``top`` pairs; all pairs when ``None``.

    Returns
    -------
    list of SharedMeasures
        Most shared measures first; ties in department order. Within a pair
        the department that appears first in the plan comes first.

    Examples
    --------
    >>> from matrix.model import Plan, Section, Measure, Assignment
    >>> team = (Assignment("县科协", "A/R"), Assignment("县教科局", "C"))
    >>> plan = Plan("示例", sections=(Section("1", "示例", measures=(Measure("1.1", "措施", assignments=team),)),))
    >>> co_assignment(build_graph(plan))
    [SharedMeasures(first='县科协', second='县教科局', shared=1)]
    """
    working = nx.Graph()
    working.add_nodes_from(graph.nodes(data=True))
    working.add_edges_from((u, v) for u, v, role in graph.edges(data="role") if role != "I")
    departments = [d for d in department_nodes(graph) if working.degree(d)]
    if not departments:
        return []
    projected = bipartite.weighted_projected_graph(working, departments)
    order = {d: i for i, d in enumerate(departments)}
    pairs = []
    for u, v, weight in projected.edges(data="weight"):
        first, second = sorted((u, v), key=order.__getitem__)
        pairs.append(SharedMeasures(first, second, weight))
    pairs.sort(key=lambda p: (-p.shared, order[p.first], order[p.second]))
    return pairs if top is None else pairs[:top]
