"""Several plans as one: two counties side by side, or a county plan with its province's.

A merged plan is an ordinary :class:`~matrix.model.Plan`, so the graph, the
audit, the workload and every exporter work on it unchanged. Two things must
not collide on the way:

* measures and sections are namespaced by a short key per plan
  (``wutai:3.1.1``), so 3.1.1 of one county never meets 3.1.1 of another;
* departments are matched in one of two modes, after each plan's names went
  through that plan's own registry (its ``departments:`` and ``groups:``:
  五台县's 县卫健委 is its 县卫健局 before anything is compared). ``by-plan``
  keeps each plan's bodies apart by qualifying their names with the plan's
  place (``五台县·县科协``), because 县科协 of two counties are two offices
  with two directors. ``by-name`` treats equal canonical names as one body;
  it is right for bodies the plans really share (a city's 市科协 named in two
  county plans), and the mode for asking which kinds of body carry the work
  across counties. :func:`joined_names` says which names it joined.

Everything here is pure: plans in, a plan out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Literal

from .errors import InputError
from .model import Department, Group, Measure, Plan, Section, Stage
from .names import QUALIFIER, normalise_name
from .raci import RaciConfig
from .registry import Registry, alias_conflicts, resolve_plan

__all__ = [
    "BY_NAME",
    "BY_PLAN",
    "MODES",
    "NAMESPACE",
    "QUALIFIER",
    "MergeMode",
    "departments_by_plan",
    "disputed_spellings",
    "joined_names",
    "merge_plans",
    "plan_key",
    "plan_place",
    "split_id",
]

BY_PLAN = "by-plan"
BY_NAME = "by-name"
MODES: tuple[str, ...] = (BY_PLAN, BY_NAME)
MergeMode = Literal["by-plan", "by-name"]

#: Between a plan's key and a measure or section id: ``wutai:3.1.1``.
NAMESPACE = ":"

_PLACE = re.compile(r"^(.{2,12}?(?:自治县|自治州|自治区|自治旗|特别行政区|省|市|县|区|旗|盟))")


def plan_key(plan: Plan, index: int = 0) -> str:
    """The short key (方案简称) that namespaces a plan's ids and names its output folder: its file name
    without extension, or the key its workbook records (:attr:`~matrix.model.Plan.key`).

    A plan built in memory has no file; it is keyed by its position,
    ``plan1``, ``plan2`` …

    Examples
    --------
    >>> plan_key(Plan("五台县全民科学素质行动规划纲要实施方案", source="input/wutai.yaml"))
    'wutai'
    >>> plan_key(Plan("五台县全民科学素质行动规划纲要实施方案", source="output/wutai/责任分工矩阵.xlsx", key="wutai"))
    'wutai'
    """
    stem = PurePath(plan.source).stem if plan.source else ""
    return plan.key or stem or f"plan{index + 1}"


def plan_place(plan: Plan) -> str:
    """The place a plan is for, read from the start of its title; the whole title otherwise.

    Examples
    --------
    >>> plan_place(Plan("新晃侗族自治县全民科学素质行动规划纲要实施方案"))
    '新晃侗族自治县'
    >>> plan_place(Plan("山西省全民科学素质行动规划纲要实施方案"))
    '山西省'
    """
    found = _PLACE.match(plan.title)
    return found.group(1) if found else plan.title


def split_id(merged_id: str) -> tuple[str, str]:
    """``wutai:3.1.1`` → ``("wutai", "3.1.1")``; an id without a key gives ``("", id)``."""
    key, sep, local = merged_id.partition(NAMESPACE)
    return (key, local) if sep else ("", merged_id)


def _keys_and_places(plans: Sequence[Plan], keys: Sequence[str] | None) -> tuple[list[str], list[str]]:
    if keys is not None and len(keys) != len(plans):
        raise ValueError(f"keys has {len(keys)} entries for {len(plans)} plans")
    keys = list(keys) if keys is not None else [plan_key(p, i) for i, p in enumerate(plans)]
    for key, plan in zip(keys, plans, strict=True):
        if not key or NAMESPACE in key:
            raise InputError(f"方案简称 '{key}' 不能为空或含有 '{NAMESPACE}' (bad plan key)", plan.source or None)
    seen: dict[str, Plan] = {}
    for key, plan in zip(keys, plans, strict=True):
        if key in seen:
            raise InputError(
                f"两个方案的简称都是 '{key}'（{seen[key].source or seen[key].title} 与 {plan.source or plan.title}），"
                "请把其中一个文件改名 (two plans share a key)"
            )
        seen[key] = plan
    places = [plan_place(p) for p in plans]
    # Two plans of one place (a plan and its revision) are told apart by their keys.
    places = [
        f"{place}（{key}）" if places.count(place) > 1 else place for place, key in zip(places, keys, strict=True)
    ]
    return keys, places


def _own_names(plan: Plan) -> Plan:
    """The plan with its names resolved through its own registry; as it is when it carries none."""
    registry = Registry.of_plan(plan)
    return plan if registry.empty else resolve_plan(plan, registry)[0]


def _united_registry(plans: Sequence[Plan]) -> Registry:
    """One entry per canonical name: aliases united, the first specific kind and short name kept.

    Groups of one name are one group with the members of each (vague only if every plan says so).
    """
    groups: dict[str, Group] = {}
    for plan in plans:
        for group in plan.groups:
            known = groups.get(group.name)
            groups[group.name] = (
                group
                if known is None
                else replace(
                    known,
                    aliases=tuple(dict.fromkeys([*known.aliases, *group.aliases])),
                    members=tuple(dict.fromkeys([*known.members, *group.members])),
                    vague=known.vague and group.vague,
                )
            )
    merged: dict[str, Department] = {}
    for plan in plans:
        for department in plan.departments:
            known = merged.get(department.name)
            if known is None:
                merged[department.name] = department
                continue
            merged[department.name] = replace(
                known,
                aliases=tuple(dict.fromkeys([*known.aliases, *department.aliases])),
                kind=known.kind if known.kind != "其他" else department.kind,
                short=known.short or department.short,
            )
    return Registry(tuple(merged.values()), tuple(groups.values()))


def disputed_spellings(plans: Sequence[Plan]) -> list[tuple[str, tuple[str, ...]]]:
    """Spellings the plans' registries give to different bodies, with the bodies.

    五台县 registers 县卫健局 as its health bureau's name, 新晃 as the short
    name of its 县卫生健康局. Each plan was read through its own registry, so
    no name was misread; but the registry of a plan merged by name cannot
    keep such a spelling as an alias, or the merged plan could not be read
    again without guessing. :func:`merge_plans` leaves these out of the
    aliases (a body's own name stays its name); the merge report lists them.

    Examples
    --------
    >>> a = Plan("甲县方案", departments=(Department("县卫健局", aliases=("县卫健委",)),))
    >>> b = Plan("乙县方案", departments=(Department("县卫生健康局", short="县卫健局"),))
    >>> disputed_spellings([a, b])
    [('县卫健局', ('县卫健局', '县卫生健康局'))]
    """
    return alias_conflicts(_united_registry(plans).entries)


def _merged_registry(plans: Sequence[Plan]) -> Registry:
    """The registry of a plan merged by name: :func:`_united_registry` without :func:`disputed_spellings`
    as aliases or short names."""
    united = _united_registry(plans)
    disputed = {name for name, _ in alias_conflicts(united.entries)}
    if not disputed:
        return united

    def undisputed(entry):
        kept = tuple(a for a in entry.aliases if normalise_name(a) not in disputed)
        short = getattr(entry, "short", None)
        if short is not None and normalise_name(short) in disputed:
            return replace(entry, aliases=kept, short=None)
        return replace(entry, aliases=kept)

    return Registry(tuple(map(undisputed, united.departments)), tuple(map(undisputed, united.groups)))


def joined_names(merged: Plan) -> dict[str, tuple[str, ...]]:
    """The departments of a plan merged by name that hold roles in several plans, with those plans' keys.

    Each is counted as one body across the plans: right for a body the plans
    really share, wrong for two counties' offices of the same name.
    """
    return {name: keys for name, keys in departments_by_plan(merged).items() if len(keys) > 1}


def _renamed(measure: Measure, key: str, place: str | None) -> Measure:
    """The measure with its id namespaced and, given a place, its department names qualified."""
    measure = replace(measure, id=f"{key}{NAMESPACE}{measure.id}")
    if place is None:
        return measure

    def name(department: str) -> str:
        return f"{place}{QUALIFIER}{department}"

    return replace(
        measure,
        assignments=tuple(
            replace(a, department=name(a.department), group=name(a.group) if a.group else None)
            for a in measure.assignments
        ),
        suggested=tuple(map(name, measure.suggested)),
        leaders=tuple(map(name, measure.leaders)),
    )


def _qualified_registry(plan: Plan, place: str) -> Registry:
    def q(name: str) -> str:
        return f"{place}{QUALIFIER}{name}"

    return Registry(
        tuple(
            replace(d, name=q(d.name), aliases=tuple(map(q, d.aliases)), short=q(d.short) if d.short else None)
            for d in plan.departments
        ),
        tuple(
            replace(g, name=q(g.name), aliases=tuple(map(q, g.aliases)), members=tuple(map(q, g.members)))
            for g in plan.groups
        ),
    )


def _joined(values: Sequence[str]) -> str:
    return "、".join(dict.fromkeys(v for v in values if v))


def merge_plans(plans: Sequence[Plan], *, mode: MergeMode = BY_PLAN, keys: Sequence[str] | None = None) -> Plan:
    """Merge several plans into one.

    Parameters
    ----------
    plans
        Two or more plans, in the order their sections should appear.
    mode
        ``"by-plan"``: departments are qualified with their plan's place
        (``五台县·县科协``) and never shared. ``"by-name"``: equal names are
        one department (:func:`joined_names`). In both, each plan's names are
        first resolved through its own registry (its ``departments:`` and
        ``groups:``; :func:`matrix.pipeline.merge` gives each plan the
        registry ``raci build`` would use).
    keys
        The namespace of each plan's ids; by default :func:`plan_key` (the
        file name: ``wutai``).

    Returns
    -------
    Plan
        Sections with ids ``key:id`` and titles ``place·title``; measures
        with ids ``key:id`` and their assignments renamed per ``mode``;
        targets and stages prefixed with the place. The merged plan has no
        leading-group office: each plan's office keeps the roles the plan
        gives it explicitly, and no office is Informed of the other plans'
        measures. ``source`` lists the plans' files.

    Raises
    ------
    InputError
        Two plans with the same key.
    ValueError
        An unknown ``mode``, fewer than one plan, or ``keys`` of the wrong length.

    Examples
    --------
    >>> from matrix.model import Assignment, Measure, Section
    >>> def county(name, source):
    ...     m = Measure("1.1", "开展科普活动", assignments=(Assignment("县科协", "A/R"),))
    ...     return Plan(f"{name}实施方案", sections=(Section("1", "行动", measures=(m,)),), source=source)
    >>> plans = [county("五台县", "wutai.yaml"), county("新晃侗族自治县", "xinhuang.yaml")]
    >>> merged = merge_plans(plans)
    >>> [(m.id, m.leads) for m in merged.measures]
    [('wutai:1.1', ('五台县·县科协',)), ('xinhuang:1.1', ('新晃侗族自治县·县科协',))]
    >>> merge_plans(plans, mode="by-name").department_names()
    ('县科协',)
    """
    if mode not in MODES:
        raise ValueError(f"unknown merge mode '{mode}', expected one of {', '.join(MODES)}")
    if not plans:
        raise ValueError("merge_plans needs at least one plan")
    keys, places = _keys_and_places(plans, keys)
    sources = [_own_names(plan) for plan in plans]
    if mode == BY_NAME:
        registry = _merged_registry(sources)
    else:
        qualified = [_qualified_registry(plan, place) for plan, place in zip(sources, places, strict=True)]
        registry = Registry(
            tuple(d for r in qualified for d in r.departments), tuple(g for r in qualified for g in r.groups)
        )
    sections: list[Section] = []
    for plan, key, place in zip(sources, keys, places, strict=True):
        for section in plan.sections:
            measures = tuple(_renamed(m, key, None if mode == BY_NAME else place) for m in section.measures)
            sections.append(
                replace(
                    section,
                    id=f"{key}{NAMESPACE}{section.id}",
                    title=f"{place}{QUALIFIER}{section.title}",
                    measures=measures,
                )
            )
    configs = {p.raci for p in plans}
    return Plan(
        title=f"{_joined([p.title for p in plans])}（合并）",
        sections=tuple(sections),
        issuer=_joined([p.issuer for p in plans]),
        period=_joined([p.period for p in plans]),
        targets=tuple(f"{place}：{t}" for p, place in zip(plans, places, strict=True) for t in p.targets),
        stages=tuple(
            Stage(f"{place}{QUALIFIER}{s.name}", s.years, s.text)
            for p, place in zip(plans, places, strict=True)
            for s in p.stages
        ),
        departments=registry.departments,
        groups=registry.groups,
        raci=configs.pop() if len(configs) == 1 else RaciConfig(),
        source=_joined([p.source for p in plans]),
    )


def departments_by_plan(merged: Plan) -> dict[str, tuple[str, ...]]:
    """Which plans (by key) each department of a merged plan has a role in.

    In by-name mode a department with more than one key is shared across
    plans; in by-plan mode every department belongs to exactly one.

    Returns
    -------
    dict
        Department name → plan keys, departments in order of first
        appearance, keys in plan order.
    """
    found: dict[str, dict[str, None]] = {}
    for measure in merged.measures:
        key, _ = split_id(measure.id)
        for assignment in measure.assignments:
            found.setdefault(assignment.department, {})[key] = None
    return {name: tuple(keys) for name, keys in found.items()}
