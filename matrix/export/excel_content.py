"""What each sheet of the RACI workbook says, as plain values.

Kept apart from :mod:`matrix.export.excel` so that the decisions an office
will question (which department comes first, what counts as a lead) can be
read and tested without opening a workbook. The 部门工作量 sheet lists
:func:`matrix.graph.workload_rows`, the one workload computation.
Nothing here imports openpyxl.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import networkx as nx

from ..audit import SEVERITY_LABELS, Finding, code_label
from ..graph import department_nodes
from ..groups import assigned_names
from ..leaders import leader_duties
from ..model import Group, Measure, Plan, Section
from ..raci import OFFICE_ORDER, ROLE_LABELS, RaciConfig, is_lead
from ..workbook_layout import (
    LISTED_LEADS_LABELS,
    RACI_SETTING_LABELS,
    SUMMARY_FIELDS,
    SUMMARY_LABELS,
    VAGUE_GROUP,
    VERB_KIND_LABELS,
    YES_NO,
    join_names,
)

__all__ = [
    "KIND_ORDER",
    "MeasureRow",
    "SummaryRow",
    "division_values",
    "finding_values",
    "leader_values",
    "matrix_rows",
    "order_departments",
    "summary_rows",
]

#: Department kinds in the order a county lists them; unknown kinds follow, by name.
KIND_ORDER: tuple[str, ...] = ("县委部门", "政府部门", "群团组织", "派驻机构", "乡镇", "其他", "领导小组办公室")


@dataclass(frozen=True)
class MeasureRow:
    """One measure as the matrix shows it: ids, titles and one role per department column.

    ``filled`` lists the columns that hold a role, in column order: a measure
    has a dozen departments and a province's matrix thousands of columns.
    """

    section: Section
    measure: Measure
    roles: tuple[str | None, ...]
    filled: tuple[int, ...]


@dataclass(frozen=True)
class SummaryRow:
    """A row of the 说明 sheet: a label (blank continues the previous one) and its values."""

    label: str
    values: tuple[object, ...]


def order_departments(graph: nx.Graph, registry: Sequence[str] = ()) -> list[str]:
    """Department columns as an office expects them, in the same places from one build to the next.

    Grouped by kind (县委 and 政府 columns together), then in the registry's
    order, then in the order the plan first names them. Never by load: an
    office that moves one assignment in Excel and rebuilds would otherwise
    find its columns shuffled (the 部门工作量 sheet lists the busiest first).
    A workbook read back lists its departments in its own column order, so a
    rebuild from it keeps the columns where they were.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("县科协", kind="群团组织", order=0)
    >>> g.add_node("县教科局", kind="政府部门", order=1)
    >>> g.add_node("县民政局", kind="政府部门", order=2)
    >>> for n in g: g.nodes[n]["bipartite"] = 1
    >>> order_departments(g, registry=["县民政局"])
    ['县民政局', '县教科局', '县科协']
    """
    place = {name: index for index, name in enumerate(registry)}

    def key(name: str) -> tuple:
        kind = graph.nodes[name]["kind"]
        rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
        return (rank, "" if rank < len(KIND_ORDER) else kind, place.get(name, len(place)), graph.nodes[name]["order"])

    return sorted(department_nodes(graph), key=key)


def matrix_rows(plan: Plan, graph: nx.Graph, departments: Sequence[str]) -> Iterator[MeasureRow]:
    """Each measure of ``plan`` with its role in each of ``departments``, lazily, in plan order."""
    column = {name: index for index, name in enumerate(departments)}
    for section in plan.sections:
        for measure in section.measures:
            # from the measure's few edges, not a look per department: most cells are empty
            roles: list[str | None] = [None] * len(departments)
            filled = []
            for department, edge in graph.adj.get(measure.id, {}).items():
                index = column.get(department)
                if index is not None:
                    roles[index] = edge["role"]
                    filled.append(index)
            yield MeasureRow(section, measure, tuple(roles), tuple(sorted(filled)))


def _by_role(graph: nx.Graph, measure_id: str) -> tuple[list[str], list[str]]:
    """Leads and cooperators of a measure, in the order the plan assigned them."""
    neighbours = list(graph[measure_id]) if measure_id in graph else []
    leads = [d for d in neighbours if is_lead(graph.edges[measure_id, d]["role"])]
    cooperators = [d for d in neighbours if graph.edges[measure_id, d]["role"] == "C"]
    return leads, cooperators


def division_values(
    graph: nx.Graph, section: Section, measure: Measure, groups: Sequence[Group] = (), *, leaders: bool = False
) -> tuple[str, ...]:
    """The 任务分工表 cells of one measure, in :func:`~matrix.workbook_layout.division_header` order.

    具体措施 holds the full text when there is one, because that is what the
    office forwards to a department; the title alone is used otherwise. A
    whole group of ``groups`` is named as the plan named it (各乡镇人民政府),
    not member by member; with ``leaders``, the 牵头领导 cell lists them one a line.
    """
    leads, cooperators = (assigned_names(graph, measure.id, names, groups) for names in _by_role(graph, measure.id))
    return (
        measure.id,
        section.title,
        measure.text or measure.title,
        *(("\n".join(measure.leaders),) if leaders else ()),
        "、".join(leads),
        "、".join(cooperators),
        measure.deadline or "",
        "\n".join(measure.targets),
    )


def finding_values(graph: nx.Graph, finding: Finding) -> tuple[str, ...]:
    """One finding in :data:`~matrix.workbook_layout.FINDINGS_HEADER` order, with the measure's title."""
    measure = ""
    if finding.measure is not None:
        title = graph.nodes[finding.measure]["title"] if finding.measure in graph else ""
        measure = f"{finding.measure} {title}".strip()
    return (
        SEVERITY_LABELS.get(finding.severity, finding.severity),
        code_label(finding.code),
        finding.code,
        measure,
        finding.department or "",
        finding.message,
        finding.location,
    )


def summary_rows(plan: Plan, graph: nx.Graph, findings: Sequence[Finding], generated: str) -> list[SummaryRow]:
    """The 说明 sheet: plan metadata, legend and counts, as label/value rows.

    The metadata rows are what :func:`matrix.readers.xlsx.read_xlsx` reads
    back, so that notices can be regenerated from an edited workbook: with
    the plan's 角色规则 (``raci:``), its registry (kinds, aliases, short names;
    the groups with their aliases) and the departments an unassigned
    measure's text names, a workbook built again gives what the plan gave.
    """
    rows = [SummaryRow(SUMMARY_FIELDS[key], (getattr(plan, key),)) for key in SUMMARY_FIELDS]
    rows.append(SummaryRow(SUMMARY_LABELS["generated"], (generated,)))
    rows += _continued(SUMMARY_LABELS["targets"], [(t,) for t in plan.targets])
    rows += _continued(SUMMARY_LABELS["stages"], [(s.name, s.years, s.text) for s in plan.stages])
    rows += _continued(SUMMARY_LABELS["sections"], [(s.id, s.title, s.kind, len(s.measures)) for s in plan.sections])
    rows += _continued(SUMMARY_LABELS["legend"], [(role, ROLE_LABELS[role]) for role in OFFICE_ORDER])
    rows += _continued(
        SUMMARY_LABELS["groups"],
        [(g.name, "、".join(g.members) or VAGUE_GROUP, join_names(g.aliases)) for g in plan.groups],
    )
    assigned = sum(1 for m in plan.measures if any(r != "I" for r in _roles(graph, m.id)))
    departments = len(department_nodes(graph))
    for key, count in (
        ("measures", len(plan.measures)),
        ("assigned", assigned),
        ("departments", departments),
        ("findings", len(findings)),
    ):
        rows.append(SummaryRow(SUMMARY_LABELS[key], (count,)))
    # what a build from the workbook needs back, after what a person reads first
    rows += _continued(SUMMARY_LABELS["raci"], _raci_rows(plan.raci))
    rows += _continued(
        SUMMARY_LABELS["registry"],
        [(d.name, d.kind, join_names(d.aliases), d.short or "") for d in plan.departments],
    )
    rows += _continued(
        SUMMARY_LABELS["suggested"], [(m.id, join_names(m.suggested)) for m in plan.measures if m.suggested]
    )
    return rows


def _raci_rows(config: RaciConfig) -> list[tuple[object, ...]]:
    """The plan's ``raci:`` settings: YAML key, its label, its value; the verbs only when the plan sets its own."""
    rows: list[tuple[object, ...]] = [
        (key, RACI_SETTING_LABELS[key], YES_NO[getattr(config, key)])
        for key in ("first_lead_accountable", "office_informed", "leader_accountable")
    ]
    rows.append(("listed_leads", RACI_SETTING_LABELS["listed_leads"], LISTED_LEADS_LABELS[config.listed_leads]))
    if config.verbs != RaciConfig().verbs:
        rows += [("verbs", verb, VERB_KIND_LABELS[kind]) for verb, kind in config.verbs]
    return rows


def _roles(graph: nx.Graph, measure_id: str) -> list[str]:
    if measure_id not in graph:
        return []
    return [graph.edges[measure_id, d]["role"] for d in graph[measure_id]]


def _continued(label: str, values: list[tuple[object, ...]]) -> list[SummaryRow]:
    """Rows under one label: the label on the first row only, as a person would write it."""
    return [SummaryRow(label if i == 0 else "", v) for i, v in enumerate(values)]


def leader_values(graph: nx.Graph, groups: Sequence[Group] = ()) -> list[tuple[object, ...]]:
    """The 领导分工 sheet in :data:`~matrix.workbook_layout.LEADERS_HEADER` order: each leader, how
    many measures, which, and the departments on them (a whole group by its name)."""
    return [
        (
            duty.leader,
            len(duty.measures),
            "\n".join(f"{m} {graph.nodes[m]['title']}" for m in duty.measures),
            "、".join(duty.leads),
            "、".join(duty.cooperators),
        )
        for duty in leader_duties(graph, groups)
    ]
