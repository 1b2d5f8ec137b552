"""What an auditor looks for, as data: measures nobody owns, roles that do not add up,
names the registry does not know, and departments carrying far more than the rest.

Each thing looked for is a :class:`Rule` in :data:`RULES`: a code, a severity, a
Chinese label for the 审计问题 sheet, and a function that finds it. The table is
the only place a code's severity is decided (``docs/audit-codes.md`` lists it
for auditors); adding a check is adding a function and a row.

Findings are values, never printed here; the CLI renders them as a table or
JSON (:mod:`matrix.export.report`) and the workbook lists them on its 审计问题
sheet. Every threshold is a field of :class:`AuditConfig`, because what counts
as "too many leads" is a policy of the leading group, not of this code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import networkx as nx

from .collectives import is_collective
from .findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding, id_list
from .graph import department_nodes, lead_median, measure_nodes, workload
from .groups import assigned_names
from .lookalikes import DEFAULT_SIMILARITY, near_duplicates
from .model import GUARANTEE_KIND, Department, Measure, Plan
from .raci import is_accountable, is_lead
from .readers.plantext.source import Problem
from .registry import Registry, Resolved, name_appearances, resolve_names

__all__ = [
    "CODES",
    "ERROR",
    "INFO",
    "RULES",
    "SEVERITY_LABELS",
    "UNREAD",
    "WARNING",
    "AuditConfig",
    "Finding",
    "Rule",
    "audit_plan",
    "audit_resolved",
    "code_label",
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
    #: Codes of :data:`RULES` not to look for (``raci audit --ignore``).
    ignore: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.ignore) - set(CODES))
        if unknown:
            raise ValueError(f"未知的审计代码：{'、'.join(unknown)}，可用：{', '.join(CODES)} (unknown audit code)")
        if self.max_leads < 1 or self.max_cooperators < 0:
            raise ValueError(
                f"阈值无效：max_leads={self.max_leads}, max_cooperators={self.max_cooperators} "
                "(max_leads must be at least 1, max_cooperators at least 0)"
            )
        if not 0 <= self.outlier_top < 1:
            raise ValueError(f"outlier_top 应在 0 与 1 之间，实为 {self.outlier_top} (share out of range)")
        if self.outlier_factor <= 0:
            raise ValueError(f"outlier_factor 应为正数，实为 {self.outlier_factor} (factor must be positive)")


# -- the rules ------------------------------------------------------------------------

#: Where a rule looks: the passages of a plan's text the importer could not place, the names of
#: the plan, each measure, or the departments as a whole.
PASSAGES, NAMES, MEASURE, DEPARTMENTS = "passages", "names", "measure", "departments"

#: The code of a passage of a plan's text that the importer could not place.
UNREAD = "unread-passage"


class Found(NamedTuple):
    """What a rule found; the rule's code and severity are added from :data:`RULES`."""

    message: str
    measure: str | None = None
    department: str | None = None
    location: str = ""


@dataclass(frozen=True)
class Rule:
    """One thing an auditor looks for: its code, its severity, its name in Chinese, and the check.

    ``check`` takes the audit (and, for ``scope`` ``"measure"``, one measure)
    and yields :class:`Found` values.
    """

    code: str
    severity: str
    label: str
    scope: str
    check: Callable[..., Iterable[Found]]


@dataclass(frozen=True)
class _Measure:
    """One measure as the measure rules see it: its node, its text, and who holds which role.

    ``leads``, ``accountable`` and ``cooperators`` name a whole group once, as
    the plan assigned it: 各乡镇人民政府 is one lead, not eleven.
    """

    id: str
    node: Mapping
    source: Measure | None
    roles: Mapping[str, Mapping]
    leads: tuple[str, ...]
    accountable: tuple[str, ...]
    cooperators: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"措施“{self.node['title']}”"

    @property
    def where(self) -> str:
        return str(self.source.source or "") if self.source else ""

    def found(self, message: str, department: str | None = None) -> Found:
        return Found(message, self.id, department, self.where)


class _Audit:
    """What every rule reads: the resolution, the graph and the thresholds; shared views made once."""

    def __init__(
        self, resolution: Resolved, graph: nx.Graph, config: AuditConfig, unread: Sequence[Problem] = ()
    ) -> None:
        self.resolution, self.graph, self.config = resolution, graph, config
        self.plan = resolution.written
        self.unread = tuple(unread)

    @cached_property
    def measures(self) -> list[_Measure]:
        sources = {m.id: m for m in self.plan.measures}
        graph, groups = self.graph, self.resolution.plan.groups
        measures = []
        for m in measure_nodes(graph):
            roles = {d: e for d, e in graph[m].items() if e["role"] != "I"}
            leads, accountable, cooperators = (
                assigned_names(graph, m, [d for d, edge in roles.items() if holds(edge["role"])], groups)
                for holds in (is_lead, is_accountable, lambda role: role == "C")
            )
            measures.append(_Measure(m, graph.nodes[m], sources.get(m), roles, leads, accountable, cooperators))
        return measures

    def stands_for_nobody(self, name: str) -> bool:
        """True for a collective no member list stands behind: a vague group of the registry, or one it does not define.

        A group with members (各乡镇人民政府 with its townships) is not such a
        name: each member leads the measure in its own area.
        """
        defined = {g.name: g for g in self.resolution.plan.groups}
        if name in defined:
            return not defined[name].members
        return is_collective(name)

    @cached_property
    def look_alikes(self) -> list[tuple[bool, Found]]:
        """Pairs of names the plan uses that may be one body, each with whether the registry lists both.

        Names are compared after resolution, so registered spellings of one
        body are not paired again (``mixed-names`` reports them). A pair of
        one registered and one unregistered name is left to ``near-duplicate``
        of the resolution; a pair the registry lists as two entries is only
        information, since the registry has decided.
        """
        resolution = self.resolution
        appearances = name_appearances(self.plan)
        resolved: dict[str, str] = {}
        registered: set[str] = set()
        for name in appearances:
            canonical = resolution.canonical(name)
            resolved.setdefault(canonical or name, name)
            if canonical:
                registered.add(canonical)
        pairs = []
        for first, second, reason in near_duplicates(resolved, similarity=self.config.similarity):
            if not resolution.registry.empty and (first in registered) != (second in registered):
                continue
            both = first in registered and second in registered
            uses = [_measures_writing(appearances, resolved[n], resolution) for n in (first, second)]
            message = f"“{first}”（措施 {uses[0]}）与“{second}”（措施 {uses[1]}）可能是同一单位（{reason}）；" + (
                "登记表将二者列为不同单位，请确认" if both else "请在单位登记表中确认是否为别名"
            )
            where = "；".join(w for w in (_first_where(appearances, resolved[n]) for n in (first, second)) if w)
            pairs.append((both, Found(message, None, first, where)))
        return pairs


def _measures_writing(appearances: Mapping[str, list[tuple[str, str]]], name: str, resolution: Resolved) -> str:
    """The measure ids that write ``name`` or any spelling resolving to the same body."""
    target = resolution.canonical(name)
    ids = [
        measure
        for written, uses in appearances.items()
        if written == name or (target and resolution.canonical(written) == target)
        for measure, _ in uses
    ]
    return id_list(list(dict.fromkeys(ids)))


def _first_where(appearances: Mapping[str, list[tuple[str, str]]], name: str) -> str:
    return next((where for _, where in appearances.get(name, ()) if where), "")


# passages ------------------------------------------------------------------------------


def _unread_passage(audit: _Audit) -> Iterator[Found]:
    """Each passage of a plan's text the importer could not place, at its location, naming the words.

    An error: the measure or assignment those words hold may be missing from
    every output, so nobody may send the notices before a person has looked.
    A passage that is a measure's own paragraph names that measure.
    """
    at = {m.source: m.id for m in audit.plan.measures if m.source is not None}
    for passage in audit.unread:
        yield Found(passage.described, at.get(passage.location), None, str(passage.location))


# names ---------------------------------------------------------------------------------


def _resolved_as(code: str) -> Callable[[_Audit], Iterator[Found]]:
    """The findings of ``code`` from the resolution of the plan's names (:func:`~matrix.registry.resolve_names`)."""

    def check(audit: _Audit) -> Iterator[Found]:
        for f in audit.resolution.findings:
            if f.code == code:
                yield Found(f.message, f.measure, f.department, f.location)

    return check


def _look_alike(audit: _Audit) -> Iterator[Found]:
    return (found for both, found in audit.look_alikes if not both)


def _look_alike_registered(audit: _Audit) -> Iterator[Found]:
    return (found for both, found in audit.look_alikes if both)


# measures ------------------------------------------------------------------------------


def _unassigned_items(measure: _Measure, *, guarantee: bool) -> Iterator[Found]:
    if measure.roles or (measure.node["kind"] == GUARANTEE_KIND) != guarantee:
        return
    suggested = measure.source.suggested if measure.source else ()
    hint = f"；原文提到的 {'、'.join(suggested)} 可能是责任单位" if suggested else ""
    yield measure.found(f"{measure.title}未分配任何单位{hint}")


def _unassigned(_audit: _Audit, measure: _Measure) -> Iterator[Found]:
    return _unassigned_items(measure, guarantee=False)


def _unassigned_guarantee(_audit: _Audit, measure: _Measure) -> Iterator[Found]:
    return _unassigned_items(measure, guarantee=True)


def _no_lead(_audit: _Audit, measure: _Measure) -> Iterator[Found]:
    if measure.roles and not measure.leads:
        yield measure.found(f"{measure.title}没有牵头单位")


def _collective_lead(audit: _Audit, measure: _Measure) -> Iterator[Found]:
    leads = measure.leads
    if leads and all(audit.stands_for_nobody(d) for d in leads):
        yield measure.found(
            f"{measure.title}的牵头单位只有集体责任主体（{'、'.join(leads)}），没有一个具体单位牵头；请确认由谁负总责",
            leads[0],
        )


def _group_and_member(audit: _Audit, measure: _Measure) -> Iterator[Found]:
    """A township named itself on a measure that also names its group (各乡镇人民政府、晃州镇).

    It holds one role there, the stronger of the two (the one named itself
    when they are equal), so the plan may say one thing twice or mean
    something the matrix cannot show: a person should read it.
    """
    if measure.source is None:
        return
    resolution = audit.resolution
    members = {g.name: g.members for g in resolution.registry.groups if g.members}
    named = [resolution.canonical(a.department) or a.department for a in measure.source.assignments]
    for group in dict.fromkeys(n for n in named if n in members):
        for member in dict.fromkeys(n for n in named if n in members[group]):
            yield measure.found(
                f"“{member}”在{measure.title}中单独列出，同时又是所列“{group}”的成员；矩阵和通知中只计一次，"
                "取较强的角色，请核对原文",
                member,
            )


def _multiple_accountable(_audit: _Audit, measure: _Measure) -> Iterator[Found]:
    accountable = measure.accountable
    if len(accountable) > 1:
        names = "、".join(accountable)
        yield measure.found(f"{measure.title}有 {len(accountable)} 个主责单位（A）：{names}；主责应唯一")


def _no_accountable(audit: _Audit, measure: _Measure) -> Iterator[Found]:
    raci = audit.plan.raci
    leader_accountable = bool(measure.node.get("leaders")) and raci.leader_accountable  # the 牵头领导 is A
    if measure.leads and not measure.accountable and raci.first_lead_accountable and not leader_accountable:
        yield measure.found(f"{measure.title}没有主责单位（A）")


def _lead_and_cooperator(_audit: _Audit, measure: _Measure) -> Iterator[Found]:
    for department in measure.leads:
        if "C" in measure.roles.get(department, {}).get("also", "").split("/"):
            yield measure.found(
                f"“{department}”在{measure.title}中既列为牵头单位又列为配合单位；矩阵中按牵头计，请核对原文", department
            )


def _too_many_leads(audit: _Audit, measure: _Measure) -> Iterator[Found]:
    leads, limit = measure.leads, audit.config.max_leads
    if len(leads) > limit:
        names = "、".join(leads)
        yield measure.found(f"{measure.title}有 {len(leads)} 个牵头单位（多于 {limit} 个），责任分散：{names}")


def _too_many_cooperators(audit: _Audit, measure: _Measure) -> Iterator[Found]:
    cooperators, limit = measure.cooperators, audit.config.max_cooperators
    if len(cooperators) > limit:
        yield measure.found(f"{measure.title}有 {len(cooperators)} 个配合单位（多于 {limit} 个），配合责任难以落实")


# departments ---------------------------------------------------------------------------


def _working(graph: nx.Graph) -> Iterable[str]:
    """Departments with at least one role other than Informed."""
    return (d for d in department_nodes(graph) if any(r != "I" for _, _, r in graph.edges(d, data="role")))


def _used(audit: _Audit) -> set[str]:
    """Registered names and groups that hold a task in the plan."""
    graph = audit.graph
    used = {audit.resolution.canonical(d) or d for d in _working(graph)}
    return used | {group for _, _, group in graph.edges(data="group") if group}


def _unused_department(audit: _Audit) -> Iterator[Found]:
    """Registered bodies without a task; a group's members are the group's business (see ``unused-group``)."""
    registry = audit.resolution.registry
    if registry.empty:
        return
    used = _used(audit)
    in_group = {member for group in registry.groups for member in group.members}
    for d in registry.departments:
        if d.name not in used and d.name not in in_group:
            yield Found(f"登记单位“{d.name}”在本方案中没有任何任务", None, d.name, str(d.source or ""))


def _unused_group(audit: _Audit) -> Iterator[Found]:
    """A registered group none of whose members has a task: told once, not once per township."""
    registry = audit.resolution.registry
    if registry.empty:
        return
    used = _used(audit)
    for group in registry.groups:
        if group.name in used or any(member in used for member in group.members):
            continue
        count = f"（{len(group.members)} 个成员单位）" if group.members else ""
        yield Found(f"登记的集体“{group.name}”{count}在本方案中没有任何任务", None, group.name, str(group.source or ""))


def _cooperates_only(audit: _Audit) -> Iterator[Found]:
    for load in workload(audit.graph, _working(audit.graph)):
        if load.cooperated and not load.led and not load.accountable:
            count = len(load.cooperated)
            yield Found(f"“{load.department}”参与 {count} 项措施，均为配合，未牵头任何措施", None, load.department)


def _workload_outlier(audit: _Audit) -> Iterator[Found]:
    """Departments leading far more than the others: by ratio to the median, or by rank."""
    config, graph = audit.config, audit.graph
    leaders = sorted((w for w in workload(graph) if w.led), key=lambda w: -len(w.led))
    if not leaders:
        return
    median = lead_median(graph)
    top_count = math.ceil(len(leaders) * config.outlier_top) if config.outlier_top else 0
    top_floor = len(leaders[top_count - 1].led) if top_count else math.inf
    for load in leaders:
        led = len(load.led)
        reasons = []
        if led > config.outlier_factor * median:
            reasons.append(f"是牵头数中位数（{median:g}）的 {led / median:.1f} 倍")
        if led >= top_floor:
            reasons.append(f"居牵头单位前 {config.outlier_top:.0%}")
        if reasons:
            yield Found(
                f"“{load.department}”牵头 {led} 项措施，{'，'.join(reasons)}；请确认力量是否匹配", None, load.department
            )


#: Everything the audit looks for, in the order findings are listed: passages of the plan's text
#: left unread, names, then each measure in plan order, then departments. The severities are chosen
#: for auditors: what leaves a task without an owner (or with two) is an error, what makes ownership
#: unclear a warning, the rest information.
RULES: tuple[Rule, ...] = (
    Rule(UNREAD, ERROR, "原文未能识别", PASSAGES, _unread_passage),
    Rule("alias-conflict", ERROR, "登记表别名冲突", NAMES, _resolved_as("alias-conflict")),
    Rule("near-duplicate", ERROR, "未登记的相近名称", NAMES, _resolved_as("near-duplicate")),
    Rule("unknown-department", ERROR, "未登记单位", NAMES, _resolved_as("unknown-department")),
    Rule("undefined-group", WARNING, "集体未定义成员", NAMES, _resolved_as("undefined-group")),
    Rule("mixed-names", WARNING, "同一单位多种写法", NAMES, _resolved_as("mixed-names")),
    Rule("alias", INFO, "使用别名", NAMES, _resolved_as("alias")),
    Rule("look-alike", WARNING, "疑似同一单位", NAMES, _look_alike),
    Rule("look-alike-registered", INFO, "登记为不同单位的相似名称", NAMES, _look_alike_registered),
    Rule("unassigned", ERROR, "任务未分配单位", MEASURE, _unassigned),
    Rule("unassigned-guarantee", WARNING, "保障措施未分配单位", MEASURE, _unassigned_guarantee),
    Rule("no-lead", ERROR, "无牵头单位", MEASURE, _no_lead),
    Rule("collective-lead", WARNING, "仅由集体牵头", MEASURE, _collective_lead),
    Rule("multiple-accountable", ERROR, "主责单位不唯一", MEASURE, _multiple_accountable),
    Rule("no-accountable", WARNING, "无主责单位", MEASURE, _no_accountable),
    Rule("lead-and-cooperator", WARNING, "既牵头又配合", MEASURE, _lead_and_cooperator),
    Rule("too-many-leads", WARNING, "牵头单位过多", MEASURE, _too_many_leads),
    Rule("too-many-cooperators", WARNING, "配合单位过多", MEASURE, _too_many_cooperators),
    Rule("group-and-member", WARNING, "集体与其成员重复列出", MEASURE, _group_and_member),
    Rule("unused-department", INFO, "登记单位无任务", DEPARTMENTS, _unused_department),
    Rule("unused-group", INFO, "登记集体无任务", DEPARTMENTS, _unused_group),
    Rule("cooperates-only", INFO, "只配合不牵头", DEPARTMENTS, _cooperates_only),
    Rule("workload-outlier", INFO, "牵头任务畸多", DEPARTMENTS, _workload_outlier),
)
#: Every code, in table order.
CODES: tuple[str, ...] = tuple(rule.code for rule in RULES)
_BY_CODE: Mapping[str, Rule] = {rule.code: rule for rule in RULES}


def code_label(code: str) -> str:
    """A finding code in Chinese, as the 审计问题 sheet shows it; an unknown code as it is.

    Examples
    --------
    >>> code_label("mixed-names"), code_label("unassigned")
    ('同一单位多种写法', '任务未分配单位')
    """
    rule = _BY_CODE.get(code)
    return rule.label if rule else code


# -- running them ---------------------------------------------------------------------


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
        Thresholds and ignored codes; the defaults of :class:`AuditConfig` when omitted.
    registry
        The registry (or only its departments); the plan's own
        ``departments`` and ``groups`` when omitted. Without either, names
        are only compared with each other.

    Returns
    -------
    list of Finding
        One per thing :data:`RULES` found, with the rule's code and severity:
        name findings first, then measure findings in plan order, then
        department findings.
    """
    config = config or AuditConfig()
    registry = registry if registry is not None else Registry.of_plan(plan)
    return audit_resolved(resolve_names(plan, registry, similarity=config.similarity), graph, config=config)


def audit_resolved(
    resolved: Resolved, graph: nx.Graph, *, config: AuditConfig | None = None, unread: Sequence[Problem] = ()
) -> list[Finding]:
    """Audit a plan whose names were resolved once, as :func:`matrix.pipeline.load` does.

    The findings of that resolution are the name rules' findings, and every
    later question about a name (which body it stands for) is answered from
    it, so a build resolves each name once. ``resolved`` is re-made only when
    ``config`` asks for another look-alike similarity than it was made with.
    ``unread`` are the passages of the plan's text the importer could not
    place (:attr:`matrix.pipeline.Loaded.unread`); each is an
    ``unread-passage`` finding, listed first. Otherwise as :func:`audit_plan`.
    """
    config = config or AuditConfig()
    if resolved.similarity != config.similarity:
        resolved = resolve_names(resolved.written, resolved.registry, similarity=config.similarity)
    audit = _Audit(resolved, graph, config, unread)
    rules = [rule for rule in RULES if rule.code not in config.ignore]

    def run(scope: str, *arguments: object) -> Iterator[Finding]:
        for rule in rules:
            if rule.scope == scope:
                for found in rule.check(audit, *arguments):
                    yield Finding(rule.severity, rule.code, *found)

    findings = list(run(PASSAGES))
    findings += run(NAMES)
    for measure in audit.measures:
        findings += run(MEASURE, measure)
    findings += run(DEPARTMENTS)
    return findings
