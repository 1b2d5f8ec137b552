"""What changed between two versions of a plan, measure by measure and department by department.

Plans are revised: a measure is reworded, moved to another chapter, handed to
another lead, dropped. Offices need to tell each department exactly what
changed *for it*, so the diff is computed on two levels: measures (added,
removed, reworded, moved) and role cells (a department gained, lost or
changed a role on a measure).

Matching measures follows the plan's own promise that ids are stable, with
one exception: a measure whose id changed but whose title did not (a
renumbering after an insertion, or a move to another section) is the same
measure. Titles are matched first, so renumbering never shows up as a chain
of rewordings; ids are matched second. Everything here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Measure, Plan, Section

__all__ = [
    "ADDED",
    "CHANGED",
    "CONTENT_FIELDS",
    "GAINED",
    "LOST",
    "REMOVED",
    "REVISED",
    "MeasureChange",
    "PlanDiff",
    "RoleChange",
    "diff_plans",
]

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
GAINED = "gained"
LOST = "lost"
REVISED = "revised"

#: Measure fields compared when two versions are matched, in the order they are reported.
_COMPARED = ("id", "section", "title", "text", "targets", "deadline")
#: The fields whose change alters what a department has to do (a renumbering does not).
CONTENT_FIELDS = ("title", "text", "targets", "deadline")


@dataclass(frozen=True)
class MeasureChange:
    """One measure that is new, gone, or different between the two plans.

    ``fields`` names what differs for a matched pair (``id``, ``section``,
    ``title``, ``text``, ``targets``, ``deadline``); it is empty for added and
    removed measures. ``old_section`` and ``new_section`` are section titles.
    """

    kind: str
    old: Measure | None = None
    new: Measure | None = None
    fields: tuple[str, ...] = ()
    old_section: str = ""
    new_section: str = ""

    @property
    def id(self) -> str:
        """The measure's id in the new plan, or in the old one when it was removed."""
        return (self.new or self.old).id  # type: ignore[union-attr]

    @property
    def title(self) -> str:
        """The measure's title in the new plan, or in the old one when it was removed."""
        return (self.new or self.old).title  # type: ignore[union-attr]

    @property
    def reworded(self) -> bool:
        """True when the title or the text changed."""
        return "title" in self.fields or "text" in self.fields

    @property
    def moved(self) -> bool:
        """True when the id or the section changed."""
        return "id" in self.fields or "section" in self.fields


@dataclass(frozen=True)
class RoleChange:
    """One cell of the matrix that concerns ``department`` on ``measure``.

    ``old_role`` is ``None`` when the department gains the measure, ``new_role``
    is ``None`` when it loses it; both are set and differ when the role changed
    (R→C); both are set and equal when the role stayed but the measure's
    content was revised (``fields`` then names what, from :data:`CONTENT_FIELDS`).
    ``measure`` and ``title`` are as in the new plan, or the old one when the
    measure was removed.
    """

    department: str
    measure: str
    title: str
    old_role: str | None
    new_role: str | None
    fields: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """GAINED, LOST, CHANGED or REVISED."""
        if self.old_role is None:
            return GAINED
        if self.new_role is None:
            return LOST
        return REVISED if self.old_role == self.new_role else CHANGED


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changed from ``old_title`` to ``new_title``, in plan order.

    ``cells`` holds, per measure, the role changes and then the departments
    that kept their role on a revised measure: everything a department's
    change notice lists.
    """

    old_title: str
    new_title: str
    measures: tuple[MeasureChange, ...] = ()
    cells: tuple[RoleChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.measures or self.cells)

    def _of_kind(self, kind: str) -> tuple[MeasureChange, ...]:
        return tuple(c for c in self.measures if c.kind == kind)

    @property
    def added(self) -> tuple[MeasureChange, ...]:
        """Measures only in the new plan."""
        return self._of_kind(ADDED)

    @property
    def removed(self) -> tuple[MeasureChange, ...]:
        """Measures only in the old plan."""
        return self._of_kind(REMOVED)

    @property
    def reworded(self) -> tuple[MeasureChange, ...]:
        """Matched measures whose title or text changed."""
        return tuple(c for c in self._of_kind(CHANGED) if c.reworded)

    @property
    def moved(self) -> tuple[MeasureChange, ...]:
        """Matched measures whose id or section changed."""
        return tuple(c for c in self._of_kind(CHANGED) if c.moved)

    @property
    def roles(self) -> tuple[RoleChange, ...]:
        """The cells whose role differs: gained, lost or changed."""
        return tuple(c for c in self.cells if c.kind != REVISED)

    def departments(self) -> tuple[str, ...]:
        """Departments with at least one role change, in order of first change."""
        return tuple(dict.fromkeys(r.department for r in self.roles))

    def affected_departments(self) -> tuple[str, ...]:
        """Departments with a role change or a revised measure: those who get a change notice."""
        return tuple(dict.fromkeys(c.department for c in self.cells))

    def for_department(self, department: str) -> tuple[RoleChange, ...]:
        """What changed for one department: its role changes and its revised measures, in plan order.

        A department that still leads a measure whose target went from 100 to
        200 人次 has to hear about it as much as one that gained a measure.
        """
        return tuple(c for c in self.cells if c.department == department)


def _title_key(title: str) -> str:
    """Titles compared without blanks or trailing punctuation: retyping is not rewording."""
    return re.sub(r"\s+", "", title).rstrip("。；;，,")


def _unique_by_title(measures: Iterable[Measure]) -> dict[str, Measure]:
    """Measures keyed by title, leaving out titles that occur twice: those cannot identify a measure."""
    seen: dict[str, list[Measure]] = {}
    for measure in measures:
        seen.setdefault(_title_key(measure.title), []).append(measure)
    return {key: found[0] for key, found in seen.items() if len(found) == 1}


def _pair(old: Plan, new: Plan) -> Iterator[tuple[Measure | None, Measure | None]]:
    """Old and new versions of each measure: equal titles first, then equal ids."""
    old_by_title = _unique_by_title(old.measures)
    new_by_title = _unique_by_title(new.measures)
    match: dict[str, Measure] = {}  # new id -> old measure
    for key, measure in new_by_title.items():
        if key in old_by_title:
            match[measure.id] = old_by_title[key]
    matched_old = {m.id for m in match.values()}
    old_by_id = {m.id: m for m in old.measures if m.id not in matched_old}
    for measure in new.measures:
        if measure.id not in match and measure.id in old_by_id:
            match[measure.id] = old_by_id.pop(measure.id)
    for measure in new.measures:
        yield match.get(measure.id), measure
    for measure in old.measures:
        if measure.id in old_by_id:
            yield measure, None


def _changed_fields(old: Measure, new: Measure, old_section: Section, new_section: Section) -> tuple[str, ...]:
    # A section renamed or renumbered is still the same section; only a change of both is a move.
    same_section = old_section.id == new_section.id or _title_key(old_section.title) == _title_key(new_section.title)
    values = {
        "id": (old.id, new.id),
        "section": (True, same_section),
        "title": (_title_key(old.title), _title_key(new.title)),
        "text": (old.text.strip(), new.text.strip()),
        "targets": (old.targets, new.targets),
        "deadline": (old.deadline, new.deadline),
    }
    return tuple(name for name in _COMPARED if values[name][0] != values[name][1])


def _cells(old: Measure | None, new: Measure | None, shown: Measure, fields: tuple[str, ...] = ()) -> list[RoleChange]:
    """The cells of one measure that concern someone: role changes, then (if revised) unchanged roles.

    Departments come in the new plan's order, then those only in the old one.
    """
    before = {a.department: a.role for a in old.assignments} if old else {}
    after = {a.department: a.role for a in new.assignments} if new else {}
    revised = tuple(f for f in fields if f in CONTENT_FIELDS)
    cells = []
    for department in dict.fromkeys([*after, *before]):
        old_role, new_role = before.get(department), after.get(department)
        if old_role != new_role or revised:
            cells.append(RoleChange(department, shown.id, shown.title, old_role, new_role, revised))
    return sorted(cells, key=lambda c: c.kind == REVISED)


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Compare two versions of a plan.

    Parameters
    ----------
    old, new
        The earlier and the later version, from any reader.

    Returns
    -------
    PlanDiff
        Measure changes and the cells that concern a department (role
        changes, and unchanged roles on revised measures), the new plan's
        order first and the removed measures after, in the old plan's order.
        Equal plans give an empty (falsy) diff.

    Notes
    -----
    A measure is matched across the plans by its title when the title is
    unique in both (ignoring blanks and trailing punctuation), otherwise by its
    id. A matched pair whose id or section differs is *moved*; one whose title
    or text differs is *reworded*; it can be both. Departments are compared
    by their canonical names as the readers produce them.

    Examples
    --------
    >>> from matrix.model import Assignment, Measure, Plan, Section
    >>> def plan(lead):
    ...     m = Measure("1.1", "实施智慧助老行动", assignments=(Assignment(lead, "A/R"),))
    ...     return Plan("示例", sections=(Section("1", "提升行动", measures=(m,)),))
    >>> [(r.department, r.kind) for r in diff_plans(plan("县科协"), plan("县民政局")).roles]
    [('县民政局', 'gained'), ('县科协', 'lost')]
    """
    measures: list[MeasureChange] = []
    cells: list[RoleChange] = []
    for before, after in _pair(old, new):
        if before is None:
            measures.append(MeasureChange(ADDED, new=after, new_section=new.section_of(after.id).title))
            cells.extend(_cells(None, after, after))
        elif after is None:
            measures.append(MeasureChange(REMOVED, old=before, old_section=old.section_of(before.id).title))
            cells.extend(_cells(before, None, before))
        else:
            old_section, new_section = old.section_of(before.id), new.section_of(after.id)
            fields = _changed_fields(before, after, old_section, new_section)
            if fields:
                change = MeasureChange(CHANGED, before, after, fields, old_section.title, new_section.title)
                measures.append(change)
            cells.extend(_cells(before, after, after, fields))
    return PlanDiff(old.title, new.title, tuple(measures), tuple(cells))
