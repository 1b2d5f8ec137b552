"""Groups (各乡镇人民政府): one written name, several bodies that each do the work.

A plan assigns a measure to 各乡镇人民政府 and means every township. Readers
keep that name as written; the registry defines the group's members
(:class:`~matrix.model.Group`), and resolution replaces the group by one
assignment per member with the group's role, each remembering the group it
came from (:attr:`~matrix.model.Assignment.group`). From there on a member is
an ordinary department: it has its edge in the graph, its notice, its
workload. Only where a person reads the assignment is the group named again:
"assigned to 各乡镇人民政府" in a member's notice, the group as one column of the
matrix when asked (:func:`collapse_groups`).

A vague group (各有关单位) has no members and stays one assignee as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import networkx as nx

from .model import Assignment, Group

__all__ = ["as_written", "assigned_names", "edge_assignments", "expand_groups", "grouped_graph"]


def expand_groups(assignments: Iterable[Assignment], members: Mapping[str, Sequence[str]]) -> list[Assignment]:
    """Each assignment to a group with members replaced by one per member, in the members' order.

    Parameters
    ----------
    assignments
        One measure's assignments, names already canonical.
    members
        Group name -> its members' canonical names (groups without members left out).

    Returns
    -------
    list of Assignment
        The others unchanged and in place. Two assignments may now name one
        department (a township named itself and through its group): the
        caller merges them.

    Examples
    --------
    >>> expanded = expand_groups([Assignment("各乡镇人民政府", "R")], {"各乡镇人民政府": ("甲镇", "乙乡")})
    >>> [(a.department, a.role, a.group) for a in expanded]
    [('甲镇', 'R', '各乡镇人民政府'), ('乙乡', 'R', '各乡镇人民政府')]
    """
    expanded: list[Assignment] = []
    for assignment in assignments:
        names = members.get(assignment.department)
        if not names:
            expanded.append(assignment)
            continue
        expanded += [replace(assignment, department=member, group=assignment.department) for member in names]
    return expanded


def as_written(assignments: Sequence[Assignment], groups: Iterable[Group]) -> list[Assignment]:
    """A measure's assignments as the plan would write them: a whole group as its one name.

    Members holding one role through their group become one assignment to
    the group, in the place of the first of them, when every member of the
    group holds that role (through the group, or named itself as the plan
    also did); a group missing a member (an office took one township off the
    measure) stays spelled out member by member, so that writing and reading
    the plan again gives the same members.

    Examples
    --------
    >>> towns = Group("各乡镇人民政府", members=("甲镇", "乙乡"))
    >>> both = [Assignment("甲镇", "R", group=towns.name), Assignment("乙乡", "R", group=towns.name)]
    >>> [a.department for a in as_written(both, [towns])]
    ['各乡镇人民政府']
    >>> [a.department for a in as_written(both[:1], [towns])]
    ['甲镇']
    """
    members = {group.name: set(group.members) for group in groups if group.members}
    through: dict[tuple[str, str], set[str]] = {}
    for a in assignments:
        if a.group in members:
            through.setdefault((a.group, a.role), set()).add(a.department)
    named = {(a.department, a.role) for a in assignments if a.group is None}
    whole = {
        (group, role)
        for (group, role), names in through.items()
        if all(m in names or (m, role) in named for m in members[group])
    }
    written: dict[str, Assignment] = {}
    for a in assignments:
        if (a.group, a.role) in whole:
            written.setdefault(a.group, replace(a, department=a.group, group=None, also=()))
        else:
            written.setdefault(a.department, a)
    return list(written.values())


def edge_assignments(graph: nx.Graph, measure: str) -> list[Assignment]:
    """A measure's edges in ``graph`` as assignments (department, role, group), in department order."""
    edges = graph.adj.get(measure, {})
    ordered = sorted(edges, key=lambda d: graph.nodes[d]["order"])
    return [Assignment(d, edges[d]["role"], group=edges[d].get("group") or None) for d in ordered]


def assigned_names(graph: nx.Graph, measure: str, names: Sequence[str], groups: Iterable[Group]) -> tuple[str, ...]:
    """``names``, departments of ``measure``, as the plan assigned them: a whole group as its one name.

    For the places a person reads who does a measure (a notice's partners,
    the 任务分工表, the summary): "牵头单位：各乡镇人民政府", not eleven townships.
    A group stands where its first member stood; a department that is not
    in ``names`` does not bring its group in.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("1", bipartite=0, order=0)
    >>> for i, d in enumerate(["县科协", "甲镇", "乙乡"]): g.add_node(d, bipartite=1, order=i)
    >>> g.add_edge("1", "县科协", role="R", group="")
    >>> for d in ("甲镇", "乙乡"): g.add_edge("1", d, role="R", group="各乡镇")
    >>> assigned_names(g, "1", ["县科协", "甲镇", "乙乡"], [Group("各乡镇", members=("甲镇", "乙乡"))])
    ('县科协', '各乡镇')
    """
    edges = graph.adj.get(measure, {})
    if not any(edges[n].get("group") for n in names if n in edges):  # no group to name: the names as they are
        return tuple(dict.fromkeys(n for n in names if n in edges))
    wanted = set(names)
    kept = [a for a in edge_assignments(graph, measure) if a.department in wanted]
    written = as_written(kept, groups)
    place = {name: index for index, name in enumerate(names)}
    first = {a.group: place[a.department] for a in reversed(kept) if a.group}
    return tuple(sorted((a.department for a in written), key=lambda n: place.get(n, first.get(n, len(place)))))


def grouped_graph(graph: nx.Graph, groups: Iterable[Group]) -> nx.Graph:
    """A copy of ``graph`` in which every whole group on a measure is one department node again.

    For a matrix with one column per group (``--no-expand-groups``): the
    group's node takes the place of its first member in department order and
    the kind 集体; a member left without an edge of its own is dropped. The
    workload and the notices keep reading ``graph`` itself.
    """
    groups = tuple(groups)
    result = nx.Graph(**graph.graph)
    result.add_nodes_from(graph.nodes(data=True))
    for measure, data in graph.nodes(data=True):
        if data["bipartite"] != 0:
            continue
        for a in as_written(edge_assignments(graph, measure), groups):
            if a.department not in result:
                result.add_node(a.department, **_group_node(graph, next(g for g in groups if g.name == a.department)))
            edge = graph.edges[measure, a.department] if graph.has_edge(measure, a.department) else {}
            result.add_edge(
                measure, a.department, **{"source": "", "also": "", **edge, "role": a.role, "group": a.group or ""}
            )
    members = {m for g in groups for m in g.members}
    result.remove_nodes_from([n for n in members if n in result and result.degree(n) == 0])
    return result


def _group_node(graph: nx.Graph, group: Group) -> dict[str, object]:
    """A group's department node: where its first member stands, of its members' kind when they share one."""
    members = [graph.nodes[m] for m in group.members if m in graph]
    kinds = {m["kind"] for m in members}
    return {
        "bipartite": 1,
        "kind": kinds.pop() if len(kinds) == 1 else "集体",
        "office": False,
        "order": min(m["order"] for m in members) - 0.5,
    }
