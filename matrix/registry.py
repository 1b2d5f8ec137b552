"""The registry (单位登记表): the only authority on which written names are one body.

A registry (:class:`Registry`) is a list of :class:`~matrix.model.Department`
entries with their aliases, and the :class:`~matrix.model.Group` names that
stand for several of them (各乡镇人民政府 for the townships). :func:`resolve`
rewrites a name only on an exact name or alias match;
everything that merely looks alike (:func:`matrix.lookalikes.near_duplicate`)
becomes a finding for a person to decide. :func:`resolve_plan` applies this to
a whole plan, once, and returns the findings of that one resolution; a group
name it meets becomes the group's members there (:mod:`matrix.groups`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .collectives import is_collective
from .findings import ERROR, INFO, WARNING, Finding, id_list
from .groups import expand_groups
from .lookalikes import DEFAULT_SIMILARITY, near_duplicate
from .model import Assignment, Department, Group, Measure, Plan
from .names import normalise_name
from .raci import ROLES

__all__ = [
    "KINDS",
    "MATCH_SHARE",
    "Registry",
    "RegistryMatch",
    "Resolution",
    "Resolved",
    "alias_conflicts",
    "as_registry",
    "match_registry",
    "name_appearances",
    "resolve",
    "resolve_names",
    "resolve_plan",
]

#: The kinds a registry entry may have, as county offices classify their bodies.
KINDS: tuple[str, ...] = ("县委部门", "政府部门", "群团组织", "派驻机构", "乡镇", "其他")

#: Resolution statuses.
CANONICAL, ALIAS, AMBIGUOUS, NEAR, UNKNOWN = "canonical", "alias", "ambiguous", "near", "unknown"


@dataclass(frozen=True)
class Registry:
    """The registry in force: departments, and the groups that stand for several of them.

    A group's members are departments of the same registry; a vague group
    has none (see :class:`~matrix.model.Group`).
    """

    departments: tuple[Department, ...] = ()
    groups: tuple[Group, ...] = ()

    @property
    def entries(self) -> tuple[Department | Group, ...]:
        """Everything a written name can resolve to: departments first, then groups."""
        return (*self.departments, *self.groups)

    @property
    def empty(self) -> bool:
        """True when there is nothing to resolve names against."""
        return not (self.departments or self.groups)

    @classmethod
    def of_plan(cls, plan: Plan) -> Registry:
        """The registry a plan carries in its own ``departments:`` and ``groups:``."""
        return cls(plan.departments, plan.groups)


def as_registry(registry: Registry | Iterable[Department]) -> Registry:
    """``registry`` itself, or a registry of the given departments without groups."""
    return registry if isinstance(registry, Registry) else Registry(tuple(registry))


@dataclass(frozen=True)
class Resolution:
    """What the registry says about one written name.

    ``canonical`` is set only when the registry is certain: the name is a
    registered name (``status`` ``"canonical"``) or the alias of exactly one
    entry (``"alias"``). Otherwise it is ``None`` and ``candidates`` lists
    the entries a person should consider: the claimants of an alias two
    entries share (``"ambiguous"``), look-alikes (``"near"``), or nothing
    (``"unknown"``).
    """

    written: str
    status: str
    canonical: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Resolved:
    """A plan whose names went through the registry once, with everything that resolution found.

    ``written`` is the plan as read (the audit quotes its spellings), ``plan``
    the same plan with canonical names (what the graph is built from),
    ``names`` the resolution of every name ``written`` uses, and ``findings``
    what a person should look at (see :func:`resolve_plan`).
    """

    written: Plan
    plan: Plan
    registry: Registry
    names: Mapping[str, Resolution]
    findings: tuple[Finding, ...]
    similarity: float = DEFAULT_SIMILARITY

    def canonical(self, name: str) -> str | None:
        """The registered name ``name`` stands for, or ``None`` if the registry is not certain."""
        resolution = self.names.get(name)
        if resolution is not None:
            return resolution.canonical
        return name if any(entry.name == name for entry in self.registry.entries) else None


def _spellings(entry: Department | Group) -> tuple[str, ...]:
    """The names a registry entry answers to: its name, aliases and short name."""
    short = getattr(entry, "short", None)
    return (entry.name, *entry.aliases, *((short,) if short else ()))


def _claims(registry: Iterable[Department | Group]) -> dict[str, list[str]]:
    """Every registered name, alias and short name -> the canonical names claiming it, in registry order."""
    claims: dict[str, list[str]] = {}
    for department in registry:
        for written in _spellings(department):
            owners = claims.setdefault(normalise_name(written), [])
            if department.name not in owners:
                owners.append(department.name)
    return claims


def resolve(name: str, registry: Sequence[Department | Group], *, similarity: float = DEFAULT_SIMILARITY) -> Resolution:
    """Resolve one written department name against ``registry``.

    Parameters
    ----------
    name
        A department name as the plan writes it.
    registry
        The registered departments (and groups: :attr:`Registry.entries`).
    similarity
        The rapidfuzz ratio from which an unregistered name counts as a look-alike.

    Returns
    -------
    Resolution
        Exact matches first: a registered name resolves to itself even if
        another entry lists it as an alias (that conflict is reported by
        :func:`alias_conflicts`); an alias resolves when one entry claims it.
        Then look-alikes among registered names and aliases, never rewritten.

    Examples
    --------
    >>> health = Department("县卫健局", aliases=("县卫健委",))
    >>> resolve("县卫健委", [health]).canonical
    '县卫健局'
    >>> r = resolve("县卫生健康局", [health])
    >>> r.status, r.canonical, r.candidates
    ('near', None, ('县卫健局',))
    """
    return _resolve(name, registry, _Index.of(registry), similarity)


@dataclass(frozen=True)
class _Index:
    """A registry's names and the claims on each spelling, made once for all the names of a plan."""

    names: frozenset[str]
    claims: Mapping[str, list[str]]

    @classmethod
    def of(cls, registry: Sequence[Department | Group]) -> _Index:
        return cls(frozenset(entry.name for entry in registry), _claims(registry))


def _resolve(name: str, registry: Sequence[Department | Group], index: _Index, similarity: float) -> Resolution:
    """:func:`resolve` with the registry's :class:`_Index` made by the caller: a province's 4,700 names
    against its 4,700 entries took half a minute when each name looked through every entry."""
    written = normalise_name(name)
    if written in index.names:
        return Resolution(written, CANONICAL, written)
    owners = index.claims.get(written, [])
    if len(owners) == 1:
        return Resolution(written, ALIAS, owners[0])
    if owners:
        return Resolution(written, AMBIGUOUS, None, tuple(owners), "多个登记单位共用此别名")
    candidates: dict[str, str] = {}
    for department in registry:
        for known in _spellings(department):
            reason = near_duplicate(written, known, similarity=similarity)
            if reason and department.name not in candidates:
                candidates[department.name] = reason
    if candidates:
        return Resolution(written, NEAR, None, tuple(candidates), "；".join(dict.fromkeys(candidates.values())))
    return Resolution(written, UNKNOWN)


def alias_conflicts(registry: Iterable[Department | Group]) -> list[tuple[str, tuple[str, ...]]]:
    """Names that more than one registry entry claims, with the claimants.

    A name claimed twice (an alias of two entries, or one entry's name and
    another's alias) cannot be resolved without guessing, so it is reported
    rather than settled by registry order.

    Examples
    --------
    >>> alias_conflicts([Department("县教育局", aliases=("县教科局",)), Department("县教科局")])
    [('县教科局', ('县教育局', '县教科局'))]
    """
    return [(name, tuple(owners)) for name, owners in _claims(registry).items() if len(owners) > 1]


def name_appearances(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """Every department name the plan writes -> (measure id, location) of each use, in plan order.

    Findings about names quote this, so that a person sees where each
    spelling occurs before deciding whether two spellings are one body.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for measure in plan.measures:
        for assignment in measure.assignments:
            where = assignment.source or measure.source
            found.setdefault(assignment.department, []).append((measure.id, str(where or "")))
    return found


def _uses(name: str, appearances: Mapping[str, list[tuple[str, str]]]) -> str:
    """``“县卫健委”（措施 3.2.1、3.5.1）``: a name and the measures that write it."""
    measures = id_list(list(dict.fromkeys(m for m, _ in appearances.get(name, ()))))
    return f"“{name}”（措施 {measures}）" if measures else f"“{name}”"


def _first_location(name: str, appearances: Mapping[str, list[tuple[str, str]]]) -> str:
    return next((where for _, where in appearances.get(name, ()) if where), "")


def _registry_location(names: Iterable[str], registry: Sequence[Department | Group]) -> str:
    sources = {d.name: str(d.source) for d in registry if d.source is not None}
    return "；".join(dict.fromkeys(sources[n] for n in names if n in sources))


def _merge(assignments: Iterable[Assignment]) -> tuple[Assignment, ...]:
    """One assignment per department, the strongest role winning and the others kept in ``also``.

    Two spellings of one body on one measure (县卫健局 牵头, 县卫健委 配合)
    become one department after resolution; like :func:`matrix.raci.assign`,
    the stronger role takes the cell, and a weaker role it does not already
    include is remembered so that the audit can report the contradiction.
    """
    merged: dict[str, Assignment] = {}
    for current in assignments:
        kept = merged.get(current.department)
        if kept is None:
            merged[current.department] = current
            continue
        # the stronger role first; of equal roles, the department named itself rather than through a group
        strong, weak = sorted(
            (kept, current), key=lambda a: (ROLES.index(a.role) if a.role in ROLES else 99, a.group is not None)
        )
        also = [*strong.also, *weak.also]
        if not set(weak.role) - {"/"} <= set(strong.role):
            also.append(weak.role)
        merged[current.department] = replace(strong, also=tuple(dict.fromkeys(also)))
    return tuple(merged.values())


def resolve_plan(
    plan: Plan, registry: Registry | Sequence[Department], *, similarity: float = DEFAULT_SIMILARITY
) -> tuple[Plan, list[Finding]]:
    """Rewrite the plan's department names to the registry's canonical names.

    Parameters
    ----------
    plan
        A plan as read, with department names as the plan writes them.
    registry
        The registry, or only its departments; the resolved plan carries them
        as :attr:`Plan.departments` and :attr:`Plan.groups`, so the graph
        knows each body's kind.
    similarity
        Passed to :func:`resolve` for look-alikes.

    Returns
    -------
    plan : Plan
        The same plan with every certain alias replaced by its canonical
        name; names the registry is not certain about are left as written.
        A group with members becomes one assignment per member, each
        remembering the group (:func:`matrix.groups.expand_groups`).
        When two spellings of one body meet on one measure they are merged
        (see :class:`~matrix.model.Assignment` ``also``).
    findings : list of Finding
        ``alias-conflict`` (error): a name two entries claim; ``unknown-department``
        (error): a name not in the registry; ``undefined-group`` (warning): a
        collective name (各街道办事处, 县直各单位) the registry neither lists
        with members nor as vague; ``near-duplicate`` (error): an
        unregistered name resembling a registered one, with both places;
        ``mixed-names`` (warning): the plan writes one registered body in
        several ways, with the measures of each; ``alias`` (info): the plan
        consistently writes an alias.

    Examples
    --------
    >>> from matrix.model import Measure, Section
    >>> m = Measure("1", "示例", assignments=(Assignment("县卫健委", "A/R"),))
    >>> plan = Plan("示例方案", sections=(Section("1", "示例", measures=(m,)),))
    >>> resolved, findings = resolve_plan(plan, [Department("县卫健局", aliases=("县卫健委",))])
    >>> resolved.measures[0].leads, [f.code for f in findings]
    (('县卫健局',), ['alias'])
    """
    resolved = resolve_names(plan, registry, similarity=similarity)
    return resolved.plan, list(resolved.findings)


def resolve_names(
    plan: Plan, registry: Registry | Sequence[Department], *, similarity: float = DEFAULT_SIMILARITY
) -> Resolved:
    """Resolve every name ``plan`` writes, once: the plan with canonical names, and what was found.

    :func:`resolve_plan` returns the first and last of this; the pipeline and
    the audit keep the whole, so that no name is resolved twice. An empty
    ``registry`` leaves the plan as it is and finds nothing.

    Examples
    --------
    >>> from matrix.model import Measure, Section
    >>> m = Measure("1", "示例", assignments=(Assignment("县卫健委", "A/R"), Assignment("县科协", "C")))
    >>> plan = Plan("示例方案", sections=(Section("1", "示例", measures=(m,)),))
    >>> resolved = resolve_names(plan, [Department("县卫健局", aliases=("县卫健委",)), Department("县科协")])
    >>> resolved.canonical("县卫健委"), resolved.canonical("县科协"), resolved.canonical("县妇联")
    ('县卫健局', '县科协', None)
    """
    registry = as_registry(registry)
    if registry.empty:
        return Resolved(plan, plan, registry, {}, (), similarity)
    entries = registry.entries
    appearances = name_appearances(plan)
    findings: list[Finding] = []
    for name, owners in alias_conflicts(entries):
        used = f"；方案中{_uses(name, appearances)}因此未能归并" if name in appearances else ""
        findings.append(
            Finding(
                ERROR,
                "alias-conflict",
                f"登记表中名称“{name}”同时属于 {'、'.join(owners)}，无法判断所指单位{used}",
                None,
                name,
                _registry_location(owners, entries),
            )
        )
    index = _Index.of(entries)
    resolutions = {name: _resolve(name, entries, index, similarity) for name in appearances}
    spellings: dict[str, list[str]] = {}
    for name, resolution in resolutions.items():
        if resolution.canonical is not None:
            spellings.setdefault(resolution.canonical, []).append(name)
        elif resolution.status == NEAR:
            findings.append(
                Finding(
                    ERROR,
                    "near-duplicate",
                    f"{_uses(name, appearances)}不在登记表中，与登记单位 {'、'.join(resolution.candidates)} "
                    f"相近（{resolution.reason}）；请在登记表中将其列为别名或新单位",
                    None,
                    name,
                    "；".join(
                        w
                        for w in (
                            _first_location(name, appearances),
                            _registry_location(resolution.candidates, entries),
                        )
                        if w
                    ),
                )
            )
        elif resolution.status == UNKNOWN and is_collective(name):
            findings.append(
                Finding(
                    WARNING,
                    "undefined-group",
                    f"集体名称{_uses(name, appearances)}未在登记表中定义成员：只能作为一个整体收到通知，"
                    "其成员单位不会各自收到通知、计入工作量；请在登记表 groups 中列出其成员，或写 vague: true 表示泛指",
                    None,
                    name,
                    _first_location(name, appearances),
                )
            )
        elif resolution.status == UNKNOWN:
            findings.append(
                Finding(
                    ERROR,
                    "unknown-department",
                    f"{_uses(name, appearances)}不在单位登记表中",
                    None,
                    name,
                    _first_location(name, appearances),
                )
            )
    for canonical, written in spellings.items():
        if len(written) > 1:
            findings.append(
                Finding(
                    WARNING,
                    "mixed-names",
                    f"方案中同一单位有 {len(written)} 种写法：{'、'.join(_uses(n, appearances) for n in written)}；"
                    f"已按登记表统一为“{canonical}”，建议修改原文",
                    None,
                    canonical,
                    "；".join(_first_location(n, appearances) for n in written),
                )
            )
        elif written[0] != canonical:
            findings.append(
                Finding(
                    INFO,
                    "alias",
                    f"方案写作{_uses(written[0], appearances)}，已按登记表统一为“{canonical}”",
                    None,
                    canonical,
                    _first_location(written[0], appearances),
                )
            )
    rename = {n: r.canonical for n, r in resolutions.items() if r.canonical is not None}
    members = {group.name: group.members for group in registry.groups if group.members}
    sections = tuple(
        replace(section, measures=tuple(_rename(measure, rename, members) for measure in section.measures))
        for section in plan.sections
    )
    return Resolved(
        written=plan,
        plan=replace(plan, sections=sections, departments=registry.departments, groups=registry.groups),
        registry=registry,
        names=resolutions,
        findings=tuple(findings),
        similarity=similarity,
    )


#: How many of a plan's names a registry found beside it must know to be taken as the plan's own.
MATCH_SHARE = 0.9


@dataclass(frozen=True)
class RegistryMatch:
    """A registry chosen for a plan by what it holds: its key, and how many of the plan's names it knows."""

    key: str
    known: int
    named: int


def match_registry(
    plan: Plan, candidates: Mapping[str, Registry | Sequence[Department]], *, share: float = MATCH_SHARE
) -> RegistryMatch | None:
    """The one candidate registry that knows (by name or alias) at least ``share`` of the names ``plan`` writes.

    A plan imported to a new file name (``input/plan.yaml``) no longer sits
    beside ``departments-plan.yaml``, but the county's registry is still in
    the folder. Names of the wrong county's registry would rename this
    county's departments, so a registry is taken only when it clearly
    belongs: it knows nearly every name, and no other candidate does.

    Returns
    -------
    RegistryMatch or None
        ``None`` when no candidate, or more than one, knows enough names.

    Examples
    --------
    >>> from matrix.model import Assignment, Measure, Plan, Section
    >>> m = Measure("1", "措施", assignments=(Assignment("县卫健委", "A/R"), Assignment("县科协", "C")))
    >>> plan = Plan("方案", sections=(Section("1", "行动", measures=(m,)),))
    >>> ours = (Department("县卫健局", aliases=("县卫健委",)), Department("县科协"))
    >>> theirs = (Department("县卫生健康局"), Department("县科协"))
    >>> match_registry(plan, {"ours.yaml": ours, "theirs.yaml": theirs})
    RegistryMatch(key='ours.yaml', known=2, named=2)
    """
    names = {normalise_name(name) for name in plan.department_names()}
    if not names:
        return None
    fits = []
    for key, registry in candidates.items():
        known = len(names & set(_claims(as_registry(registry).entries)))
        if known >= share * len(names):
            fits.append(RegistryMatch(key, known, len(names)))
    return fits[0] if len(fits) == 1 else None


def _rename(measure: Measure, rename: Mapping[str, str], members: Mapping[str, tuple[str, ...]]) -> Measure:
    renamed = (replace(a, department=rename.get(a.department, a.department)) for a in measure.assignments)
    suggested = tuple(dict.fromkeys(rename.get(n, n) for n in measure.suggested))
    return replace(measure, assignments=_merge(expand_groups(renamed, members)), suggested=suggested)
