"""The plan as plain values: what every reader produces and every stage consumes.

Nothing here reads a file or prints. Collections are tuples so that a ``Plan``
can be hashed, compared and shared between stages without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .raci import RaciConfig

__all__ = [
    "GUARANTEE_KIND",
    "Assignment",
    "Department",
    "Group",
    "Location",
    "Measure",
    "Plan",
    "Section",
    "Stage",
]

#: Kind given to organisation / guarantee items that carry no formal assignment.
GUARANTEE_KIND = "保障措施"


@dataclass(frozen=True)
class Location:
    """Where a value came from, so that every message can point a person back to it."""

    path: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell is not None:
            where = f"{self.sheet}!{self.cell}" if self.sheet else self.cell
            return f"{self.path} [{where}]"
        if self.sheet is not None:
            return f"{self.path} [{self.sheet}]"
        if self.line is not None:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Department:
    """A body that can be assigned work; ``name`` is canonical and doubles as its id."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "其他"
    short: str | None = None
    source: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Group:
    """A name that stands for several bodies: 各乡镇人民政府 for the townships, 各有关单位 for nobody in particular.

    Plans assign work to such names as written; the registry says what they
    stand for. ``members`` are canonical department names, each an entry of
    the same registry; a ``vague`` group has no member list and never can
    (各有关单位, 相关部门), so it stays one assignee as written.
    """

    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    vague: bool = False
    source: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Assignment:
    """One department's part in one measure.

    ``role`` is a RACI cell label, one of :data:`matrix.raci.ROLES`
    (``"A/R"``, ``"R"``, ``"A"``, ``"C"``, ``"I"``): one assignment per
    department and measure, as one cell of the matrix. ``also`` keeps the
    weaker roles the input gave the same department on the same measure
    (a lead also listed as 配合): the cell shows the stronger role, and the
    audit still sees that the input said both.

    ``group`` is the collective name (各乡镇人民政府) the plan assigned the
    measure to when this department holds its role as one of that group's
    members; ``None`` when the plan names the department itself.
    """

    department: str
    role: str
    source: Location | None = field(default=None, compare=False)
    also: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Measure:
    """A task of the plan, the unit that is assigned and audited."""

    id: str
    title: str
    text: str = ""
    kind: str = ""
    targets: tuple[str, ...] = ()
    deadline: str | None = None
    assignments: tuple[Assignment, ...] = ()
    #: Departments the text names although no formal assignment exists
    #: (e.g. 县科协要发挥综合协调作用 in a guarantee chapter): hints for auditors.
    suggested: tuple[str, ...] = ()
    source: Location | None = field(default=None, compare=False)
    #: Leading officials (牵头领导) answerable for the measure above its lead
    #: departments, as the input names them: a name, a title (县政府分管副县长) or both.
    leaders: tuple[str, ...] = ()

    @property
    def leads(self) -> tuple[str, ...]:
        """Departments responsible (R or A/R), in the plan's order."""
        return tuple(a.department for a in self.assignments if "R" in a.role)

    @property
    def cooperators(self) -> tuple[str, ...]:
        """Departments consulted (C), in the plan's order."""
        return tuple(a.department for a in self.assignments if a.role == "C")

    @property
    def accountable(self) -> tuple[str, ...]:
        """Departments accountable (A or A/R)."""
        return tuple(a.department for a in self.assignments if "A" in a.role)


@dataclass(frozen=True)
class Section:
    """A group of measures under one heading, e.g. （一）青少年科学素质提升行动."""

    id: str
    title: str
    kind: str = ""
    measures: tuple[Measure, ...] = ()
    source: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Stage:
    """A step of the plan's timeline (进度安排), e.g. 启动实施阶段 in 2021."""

    name: str
    years: str = ""
    text: str = ""


@dataclass(frozen=True)
class Plan:
    """A whole implementation plan (实施方案) with its assignments."""

    title: str
    sections: tuple[Section, ...] = ()
    issuer: str = ""
    office: str = ""
    period: str = ""
    #: The date the plan was issued (ISO, 2023-03-17), from its signature; empty when it gives none.
    date: str = ""
    targets: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    departments: tuple[Department, ...] = ()
    raci: RaciConfig = field(default_factory=RaciConfig)
    source: str = field(default="", compare=False)
    #: The registry's groups (各乡镇人民政府 and its members), beside its ``departments``.
    groups: tuple[Group, ...] = ()
    #: 方案简称: the name of the plan's own file without extension (wutai), which names its output
    #: folder and its ids in a merge. Empty for a plan read from its own file (the file's name is the key);
    #: a workbook the tool wrote records it, so that a rebuild from the workbook goes to the plan's folder.
    key: str = field(default="", compare=False)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """Every measure in document order."""
        return tuple(m for s in self.sections for m in s.measures)

    def section_of(self, measure_id: str) -> Section:
        """The section holding ``measure_id``; ``KeyError`` if there is none."""
        try:
            return self._section_index[measure_id]
        except KeyError:
            raise KeyError(measure_id) from None

    def measure(self, measure_id: str) -> Measure:
        """The (first) measure numbered ``measure_id``; ``KeyError`` if there is none."""
        return self._measure_index[measure_id]

    @cached_property
    def _measure_index(self) -> dict[str, Measure]:
        index: dict[str, Measure] = {}
        for measure in self.measures:
            index.setdefault(measure.id, measure)
        return index

    @cached_property
    def _section_index(self) -> dict[str, Section]:
        """Measure id -> its (first) section, built once: notices ask for every task's
        section, and a scan per question made a 10,000-measure plan quadratic."""
        index: dict[str, Section] = {}
        for section in self.sections:
            for measure in section.measures:
                index.setdefault(measure.id, section)
        return index

    def department_names(self) -> tuple[str, ...]:
        """Every department named in an assignment, in order of first appearance."""
        seen: dict[str, None] = {}
        for measure in self.measures:
            for a in measure.assignments:
                seen.setdefault(a.department, None)
        return tuple(seen)
