"""What an auditor looks for, as data: measures nobody owns, roles that do not add up,
names the registry does not know, and departments carrying far more than the rest.

Findings are values, never printed here; the CLI renders them as a table or
JSON (:mod:`matrix.export.report`) and the workbook lists them on its 审计问题
sheet. Every threshold is a field of :class:`AuditConfig`, because what counts
as "too many leads" is a policy of the leading group, not of this code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from .collectives import is_collective
from .findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding
from .graph import department_nodes, lead_median, measure_nodes, workload
from .groups import assigned_names
from .lookalikes import DEFAULT_SIMILARITY, near_duplicates
from .model import GUARANTEE_KIND, Department, Measure, Plan
from .raci import is_accountable, is_lead
from .registry import Registry, Resolved, name_appearances, resolve_names

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITY_LABELS",
    "WARNING",
    "AuditConfig",
    "Finding",
    "audit_plan",
    "audit_resolved",
]


@dataclass(frozen=True)
class AuditConfig:
    """The thresholds of the audit; the defaults suit a county plan of 20–60 measures."""

    #: More leads than this on one measure and nobody feels responsible.
    max_leads: int = 3
    #: More cooperators than this and "cooperation" means everyone.
    max_cooperators: int = 15
    #: A department leading more than this many times the median lead count is an outlier.
    outlier_factor: float = 2.0
    #: So is one in this top share of departments by lead count (0 turns the rule off).
    outlier_top: float = 0.10
    #: rapidfuzz ratio from which two names count as look-alikes.
    similarity: float = DEFAULT_SIMILARITY

    def __post_init__(self) -> None:
        if self.max_leads < 1 or self.max_cooperators < 0:
            raise ValueError(
                f"阈值无效：max_leads={self.max_leads}, max_cooperators={self.max_cooperators} "
                "(max_leads must be at least 1, max_cooperators at least 0)"
            )
        if not 0 <= self.outlier_top < 1:
            raise ValueError(f"outlier_top 应在 0 与 1 之间，实为 {self.outlier_top} (share out of range)")
        if self.outlier_factor <= 0:
            raise ValueError(f"outlier_factor 应为正数，实为 {self.outlier_factor} (factor must be positive)")


def audit_plan(
    plan: Plan,
    graph: nx.Graph,
    *,
    config: AuditConfig | None = None,
    registry: Registry | Sequence[Department] | None = None,
) -> list[Finding]:
    """Audit the assignments of ``plan`` as built into ``graph``.

    Parameters
    ----------
    plan
        The plan as read, with names as the plan writes them, so that
        aliases and mixed spellings can be reported.
    graph
        :func:`~matrix.graph.build_graph` of ``plan``, or of the plan that
        :func:`~matrix.registry.resolve_plan` returned for it.
    config
        Thresholds; the defaults of :class:`AuditConfig` when omitted.
    registry
        The registry (or only its departments); the plan's own
        ``departments`` and ``groups`` when omitted. Without either, names
        are only compared with each other.

    Returns
    -------
    list of Finding
        Name findings first (``alias-conflict``, ``unknown-department``,
        ``near-duplicate``, ``mixed-names``, ``alias``), then measure findings
        in plan order (``unassigned``, ``no-lead``, ``collective-lead``, ``no-accountable``,
        ``multiple-accountable``, ``lead-and-cooperator``, ``too-many-leads``,
        ``too-many-cooperators``), then department findings
        (``unused-department``, ``cooperates-only``, ``workload-outlier``).
    """
    config = config or AuditConfig()
    registry = registry if registry is not None else Registry.of_plan(plan)
    return audit_resolved(resolve_names(plan, registry, similarity=config.similarity), graph, config=config)


def audit_resolved(resolved: Resolved, graph: nx.Graph, *, config: AuditConfig | None = None) -> list[Finding]:
    """Audit a plan whose names were resolved once, as :func:`matrix.pipeline.load` does.

    The findings of that resolution open the list, and every later question
    about a name (which body it stands for) is answered from it, so a build
    resolves each name once. ``resolved`` is re-made only when ``config`` asks
    for another look-alike similarity than it was made with. Otherwise as
    :func:`audit_plan`.
    """
    config = config or AuditConfig()
    if resolved.similarity != config.similarity:
        resolved = resolve_names(resolved.written, resolved.registry, similarity=config.similarity)
    plan, registry = resolved.written, resolved.registry
    findings: list[Finding] = list(resolved.findings)
    findings += _look_alikes(resolved, config.similarity)
    measures = {m.id: m for m in plan.measures}
    for measure in measure_nodes(graph):
        findings += _measure_findings(graph, measure, measures.get(measure), resolved.plan, config)
    if not registry.empty:
        findings += _unused(graph, resolved)
    findings += _cooperates_only(graph)
    findings += _outliers(graph, config)
    return findings


def _look_alikes(resolution: Resolved, similarity: float) -> list[Finding]:
    """Pairs of names the plan uses that may be one body.

    Names are compared after resolution, so registered spellings of one body
    are not paired again (``mixed-names`` reports them). A pair of one
    registered and one unregistered name is left to ``near-duplicate`` of
    the resolution; a pair the registry lists as two entries is only
    information, since the registry has decided.
    """
    registry = resolution.registry
    appearances = name_appearances(resolution.written)
    resolved: dict[str, str] = {}
    registered: set[str] = set()
    for name in appearances:
        canonical = resolution.canonical(name)
        resolved.setdefault(canonical or name, name)
        if canonical:
            registered.add(canonical)
    findings = []
    for first, second, reason in near_duplicates(resolved, similarity=similarity):
        if not registry.empty and (first in registered) != (second in registered):
            continue
        both = first in registered and second in registered
        uses = [_measures_writing(appearances, resolved[n], resolution) for n in (first, second)]
        findings.append(
            Finding(
                INFO if both else WARNING,
                "near-duplicate",
                f"“{first}”（措施 {uses[0]}）与“{second}”（措施 {uses[1]}）可能是同一单位（{reason}）；"
                + ("登记表将二者列为不同单位，请确认" if both else "请在单位登记表中确认是否为别名"),
                None,
                first,
                "；".join(w for w in (_first_where(appearances, resolved[n]) for n in (first, second)) if w),
            )
        )
    return findings


def _measures_writing(appearances: Mapping[str, list[tuple[str, str]]], name: str, resolution: Resolved) -> str:
    """The measure ids that write ``name`` or any spelling resolving to the same body."""
    target = resolution.canonical(name)
    ids = [
        measure
        for written, uses in appearances.items()
        if written == name or (target and resolution.canonical(written) == target)
        for measure, _ in uses
    ]
    return "、".join(dict.fromkeys(ids))


def _first_where(appearances: Mapping[str, list[tuple[str, str]]], name: str) -> str:
    return next((where for _, where in appearances.get(name, ()) if where), "")


def _measure_findings(
    graph: nx.Graph, measure: str, source: Measure | None, plan: Plan, config: AuditConfig
) -> list[Finding]:
    node = graph.nodes[measure]
    where = str(source.source or "") if source else ""
    title = f"措施“{node['title']}”"
    roles = {d: graph.edges[measure, d] for d in graph[measure] if graph.edges[measure, d]["role"] != "I"}

    def found(severity: str, code: str, message: str, department: str | None = None) -> Finding:
        return Finding(severity, code, message, measure, department, where)

    if not roles:
        suggested = source.suggested if source else ()
        hint = f"；原文提到的 {'、'.join(suggested)} 可能是责任单位" if suggested else ""
        guarantee = node["kind"] == GUARANTEE_KIND
        return [found(WARNING if guarantee else ERROR, "unassigned", f"{title}未分配任何单位{hint}")]
    # a whole group counts once, as the plan assigned it: 各乡镇人民政府 is one lead, not eleven
    leads, accountable, cooperators = (
        assigned_names(graph, measure, [d for d, edge in roles.items() if holds(edge["role"])], plan.groups)
        for holds in (is_lead, is_accountable, lambda role: role == "C")
    )
    findings = []
    if not leads:
        findings.append(found(ERROR, "no-lead", f"{title}没有牵头单位"))
    elif all(_stands_for_nobody(d, plan) for d in leads):
        findings.append(
            found(
                WARNING,
                "collective-lead",
                f"{title}的牵头单位只有集体责任主体（{'、'.join(leads)}），没有一个具体单位牵头；请确认由谁负总责",
                leads[0],
            )
        )
    if len(accountable) > 1:
        findings.append(
            found(
                ERROR,
                "multiple-accountable",
                f"{title}有 {len(accountable)} 个主责单位（A）：{'、'.join(accountable)}；主责应唯一",
            )
        )
    elif leads and not accountable and plan.raci.first_lead_accountable and not _leader_accountable(node, plan):
        findings.append(found(WARNING, "no-accountable", f"{title}没有主责单位（A）"))
    for department in leads:
        if "C" in roles.get(department, {}).get("also", "").split("/"):
            findings.append(
                found(
                    WARNING,
                    "lead-and-cooperator",
                    f"“{department}”在{title}中既列为牵头单位又列为配合单位；矩阵中按牵头计，请核对原文",
                    department,
                )
            )
    if len(leads) > config.max_leads:
        findings.append(
            found(
                WARNING,
                "too-many-leads",
                f"{title}有 {len(leads)} 个牵头单位（多于 {config.max_leads} 个），责任分散：{'、'.join(leads)}",
            )
        )
    if len(cooperators) > config.max_cooperators:
        findings.append(
            found(
                WARNING,
                "too-many-cooperators",
                f"{title}有 {len(cooperators)} 个配合单位（多于 {config.max_cooperators} 个），配合责任难以落实",
            )
        )
    return findings


def _stands_for_nobody(name: str, plan: Plan) -> bool:
    """True for a collective no member list stands behind: a vague group of the registry, or one it does not define.

    A group with members (各乡镇人民政府 with its townships) is not such a name:
    each member leads the measure in its own area.
    """
    defined = {g.name: g for g in plan.groups}
    if name in defined:
        return not defined[name].members
    return is_collective(name)


def _leader_accountable(node: Mapping, plan: Plan) -> bool:
    """True when the measure's 牵头领导 is its Accountable, as the plan's ``raci:`` settings say."""
    return bool(node.get("leaders")) and plan.raci.leader_accountable


def _working(graph: nx.Graph) -> Iterable[str]:
    """Departments with at least one role other than Informed."""
    return (d for d in department_nodes(graph) if any(r != "I" for _, _, r in graph.edges(d, data="role")))


def _unused(graph: nx.Graph, resolution: Resolved) -> list[Finding]:
    """Registered bodies without a task; a group's members are the group's business.

    A county registry lists its townships for the plans that assign work to
    各乡镇人民政府; a plan that does not is told once about the group, not
    once per township.
    """
    registry = resolution.registry
    used = {resolution.canonical(d) or d for d in _working(graph)}
    used |= {group for _, _, group in graph.edges(data="group") if group}
    in_group = {member for group in registry.groups for member in group.members}
    findings = [
        Finding(
            INFO, "unused-department", f"登记单位“{d.name}”在本方案中没有任何任务", None, d.name, str(d.source or "")
        )
        for d in registry.departments
        if d.name not in used and d.name not in in_group
    ]
    for group in registry.groups:
        if group.name in used or any(member in used for member in group.members):
            continue
        count = f"（{len(group.members)} 个成员单位）" if group.members else ""
        findings.append(
            Finding(
                INFO,
                "unused-group",
                f"登记的集体“{group.name}”{count}在本方案中没有任何任务",
                None,
                group.name,
                str(group.source or ""),
            )
        )
    return findings


def _cooperates_only(graph: nx.Graph) -> list[Finding]:
    findings = []
    for load in workload(graph, _working(graph)):
        if load.cooperated and not load.led and not load.accountable:
            findings.append(
                Finding(
                    INFO,
                    "cooperates-only",
                    f"“{load.department}”参与 {len(load.cooperated)} 项措施，均为配合，未牵头任何措施",
                    None,
                    load.department,
                )
            )
    return findings


def _outliers(graph: nx.Graph, config: AuditConfig) -> list[Finding]:
    """Departments leading far more than the others: by ratio to the median, or by rank."""
    leaders = sorted((w for w in workload(graph) if w.led), key=lambda w: -len(w.led))
    if not leaders:
        return []
    median = lead_median(graph)
    top_count = math.ceil(len(leaders) * config.outlier_top) if config.outlier_top else 0
    top_floor = len(leaders[top_count - 1].led) if top_count else math.inf
    findings = []
    for load in leaders:
        led = len(load.led)
        reasons = []
        if led > config.outlier_factor * median:
            reasons.append(f"是牵头数中位数（{median:g}）的 {led / median:.1f} 倍")
        if led >= top_floor:
            reasons.append(f"居牵头单位前 {config.outlier_top:.0%}")
        if reasons:
            findings.append(
                Finding(
                    INFO,
                    "workload-outlier",
                    f"“{load.department}”牵头 {led} 项措施，{'，'.join(reasons)}；请确认力量是否匹配",
                    None,
                    load.department,
                )
            )
    return findings
