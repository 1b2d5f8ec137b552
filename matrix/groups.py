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

from .model import Assignment, Group

__all__ = ["as_written", "collapse_groups", "expand_groups", "group_of"]


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


def group_of(edge: Mapping[str, object]) -> str:
    """The group a graph edge came from, ``""`` when the department was named itself."""
    return str(edge.get("group") or "")


def collapse_groups(names: Iterable[str], groups: Mapping[str, str]) -> list[str]:
    """Names as the plan assigned them: each member that came through a group replaced by the group, once.

    ``groups`` maps a department to the group it holds this role through
    (departments named themselves are absent).

    Examples
    --------
    >>> collapse_groups(["县民政局", "甲镇", "乙乡"], {"甲镇": "各乡镇人民政府", "乙乡": "各乡镇人民政府"})
    ['县民政局', '各乡镇人民政府']
    """
    return list(dict.fromkeys(groups.get(name) or name for name in names))
