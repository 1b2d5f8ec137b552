"""What a department's task notice says, as plain values built from the plan and the graph.

The wording lives here and the layout in :mod:`matrix.export.official`, so the
content can be tested without opening a Word file and the layout can change
without touching a sentence. Who does what is read from the graph (the one
answer to "who does what"); the plan supplies titles, texts and the order in
which it names departments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..diff import PlanDiff
from ..groups import assigned_names
from ..model import Measure, Plan, Stage
from ..numerals import chinese_numeral
from ..raci import ROLE_LABELS, is_lead, labelled
from .changes import role_change_label

__all__ = [
    "CHANGE_HEADER",
    "ChangeNotice",
    "Chapter",
    "Notice",
    "Task",
    "build_change_notice",
    "build_notice",
    "deadline_of",
    "default_requirements",
    "format_date",
    "full_title",
    "issuing_office",
    "leads_and_cooperators",
    "measures_of",
    "named_leads_and_cooperators",
    "period_text",
    "role_label",
    "task_of",
    "tasks_of",
]

#: Chapter headings of a notice, by the kind of role the department holds.
_LEAD, _COOPERATE, _INFORMED = "牵头任务", "配合任务", "知悉任务"
#: How a task names the other leads and cooperators, by the reader's own chapter.
_PARTNER_LABELS = {
    _LEAD: ("共同牵头单位", "配合单位"),
    _COOPERATE: ("牵头单位", "其他配合单位"),
    _INFORMED: ("牵头单位", "配合单位"),
}


@dataclass(frozen=True)
class Task:
    """One measure as one department sees it: what to do, by when, with whom."""

    measure: str
    title: str
    section: str
    text: str
    targets: tuple[str, ...]
    deadline: str
    role: str
    #: The lead departments, one by one (each township of a group).
    leads: tuple[str, ...]
    #: (label, names) pairs naming the others on the measure, e.g.
    #: ("牵头单位", ("县教科局",)); labels depend on the reader's own role.
    #: A whole group is named as the plan named it (各乡镇人民政府).
    partners: tuple[tuple[str, tuple[str, ...]], ...]
    #: The group the plan assigned the measure to, when the reader holds it as one of its members.
    group: str = ""
    #: The measure's 牵头领导.
    leaders: tuple[str, ...] = ()
    #: The leads as the plan names them, a whole group by its name: what a person reads.
    named_leads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """A numbered part of the notice body (一、牵头任务)."""

    heading: str
    tasks: tuple[Task, ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """Everything one department's notice says, in reading order."""

    department: str
    title: str
    addressee: str
    opening: str
    chapters: tuple[Chapter, ...]
    tasks: tuple[Task, ...]
    attachment_title: str
    signature: str
    date: str
    #: The 抄送 organs of the 版记, in order; none leaves the line out.
    copies: tuple[str, ...] = ()


def format_date(date: dt.date) -> str:
    """The date as GB/T 9704-2012 writes 成文日期: Arabic numerals, no leading zeros.

    Examples
    --------
    >>> format_date(dt.date(2026, 1, 5))
    '2026年1月5日'
    """
    return f"{date.year}年{date.month}月{date.day}日"


def full_title(plan: Plan) -> str:
    """The plan's title with its period, as a document cites it inside 《》.

    Examples
    --------
    >>> full_title(Plan("五台县全民科学素质行动规划纲要实施方案", period="2021-2025"))
    '五台县全民科学素质行动规划纲要实施方案（2021-2025年）'
    """
    period = plan.period.strip()
    if not period or period in plan.title:
        return plan.title
    return f"{plan.title}（{period_text(plan)}）"


def period_text(plan: Plan) -> str:
    """The plan's period as prose (2021-2025年), empty when the plan gives none."""
    return _years(plan.period)


def issuing_office(plan: Plan) -> str:
    """Who signs the notices: the leading group's office, else the group itself."""
    return plan.office or plan.issuer


def role_label(role: str) -> str:
    """A role in the words offices use, from :data:`matrix.raci.ROLE_LABELS`."""
    return ROLE_LABELS[role]


def _years(years: str) -> str:
    years = years.strip()
    return years if not years or "年" in years else f"{years}年"


def _stage_phrase(stage: Stage) -> str:
    """One stage as a clause: 2021年为启动实施阶段, or the stage's own text when it is named by its year."""
    years = _years(stage.years)
    if stage.name.strip() not in ("", stage.years.strip(), years):
        return f"{years}为{stage.name}" if years else stage.name
    text = stage.text.strip().rstrip("。；;")
    if text and years and not text.startswith(years):
        return f"{years}，{text}"
    return text


def default_requirements(plan: Plan) -> tuple[str, ...]:
    """The 工作要求 paragraphs, built from the plan's own timeline and office."""
    office = issuing_office(plan)
    paragraphs = [
        "各单位要高度重视，将分解任务纳入本单位年度工作计划，明确分管领导和具体责任人，"
        "细化工作措施，确保各项任务按时保质完成。"
    ]
    stages = [phrase for phrase in map(_stage_phrase, plan.stages) if phrase]
    if stages:
        paragraphs.append(f"按照方案进度安排，{'；'.join(stages)}。各单位要按阶段推进，压茬抓好落实。")
    report = f"工作进展情况和存在的问题请及时报送{office}。" if office else ""
    paragraphs.append(f"牵头单位要发挥主导作用，加强统筹协调；配合单位要主动对接、积极支持，形成工作合力。{report}")
    return tuple(paragraphs)


def leads_and_cooperators(plan: Plan, graph: nx.Graph, measure: Measure) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lead (R, A/R, A) and cooperating (C) departments of ``measure``, from the graph.

    The order is the plan's own for the measure (first lead first), falling back
    to the order departments first appear in the plan. The Informed office is
    in neither.
    """
    named = {a.department: i for i, a in enumerate(measure.assignments)}
    roles = {d: data["role"] for d, data in graph[measure.id].items() if not graph.nodes[d]["office"]}
    ordered = sorted(roles, key=lambda d: (named.get(d, len(named)), graph.nodes[d]["order"]))
    leads = tuple(d for d in ordered if _chapter_of(roles[d]) == _LEAD)
    return leads, tuple(d for d in ordered if roles[d] == "C")


def named_leads_and_cooperators(
    plan: Plan, graph: nx.Graph, measure: Measure
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`leads_and_cooperators` as a person reads them: a whole group by its one name (各乡镇人民政府)."""
    return _named(plan, graph, measure, *leads_and_cooperators(plan, graph, measure))


def _named(
    plan: Plan, graph: nx.Graph, measure: Measure, leads: Sequence[str], cooperators: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        assigned_names(graph, measure.id, leads, plan.groups),
        assigned_names(graph, measure.id, cooperators, plan.groups),
    )


def deadline_of(plan: Plan, measure: Measure) -> str:
    """The measure's deadline, else the plan's period, which every measure falls within."""
    return measure.deadline or period_text(plan) or "—"


def _chapter_of(role: str) -> str:
    if is_lead(role) or role == "A":
        return _LEAD
    return _COOPERATE if role == "C" else _INFORMED


def task_of(plan: Plan, graph: nx.Graph, measure: Measure, department: str, *, full_text: bool = True) -> Task:
    """``measure`` as ``department`` sees it: its role, the other leads and cooperators, the deadline."""
    leads, cooperators = leads_and_cooperators(plan, graph, measure)
    edge = graph.edges[measure.id, department]
    role, group = edge["role"], edge.get("group", "")
    named = _named(plan, graph, measure, leads, cooperators)
    # the reader's own group is said once, as how the task came to it, not as a partner
    others = tuple(tuple(n for n in names if n not in (department, group)) for names in named)
    labels = _PARTNER_LABELS[_chapter_of(role)]
    text = measure.text.strip()
    if text.startswith(measure.title):
        text = text[len(measure.title) :].lstrip("。：:；; ")
    section = plan.section_of(measure.id)
    return Task(
        measure=measure.id,
        title=measure.title,
        section=f"{section.id} {section.title}".strip(),
        text=text if full_text else "",
        targets=measure.targets,
        deadline=deadline_of(plan, measure),
        role=role,
        leads=leads,
        partners=tuple((label, names) for label, names in zip(labels, others, strict=True) if names),
        group=group,
        leaders=measure.leaders,
        named_leads=named[0],
    )


def measures_of(plan: Plan, graph: nx.Graph, department: str) -> list[Measure]:
    """The measures ``department`` has a role on, in plan order.

    Found from the department's own edges: looking through every measure of
    the plan for each department made the notices and forms of a province
    (4,000 measures, 4,700 departments) quadratic.
    """
    return [plan.measure(m) for m in sorted(graph[department], key=lambda m: graph.nodes[m]["order"])]


def tasks_of(plan: Plan, graph: nx.Graph, department: str, *, full_text: bool = True) -> tuple[Task, ...]:
    """Every measure ``department`` has a role on, in plan order."""
    return tuple(
        task_of(plan, graph, measure, department, full_text=full_text)
        for measure in measures_of(plan, graph, department)
    )


def build_notice(
    plan: Plan,
    graph: nx.Graph,
    department: str,
    *,
    date: dt.date,
    requirements: str | None = None,
    full_text: bool = True,
    copies: Sequence[str] = (),
) -> Notice:
    """The notice ``department`` receives: its tasks by role, then the 工作要求.

    Parameters
    ----------
    plan, graph
        The plan and its graph from :func:`matrix.graph.build_graph`.
    department
        A department node of ``graph``.
    date
        The 成文日期.
    requirements
        The 工作要求 text, one paragraph a line; built from the plan's stages when omitted.
    full_text
        Quote each measure's full text; ``False`` keeps the notice to titles.
    copies
        The 抄送 organs of the 版记.

    Returns
    -------
    Notice
        Chapters that would be empty are left out, and the rest numbered 一、二、… in order.
    """
    tasks = tasks_of(plan, graph, department, full_text=full_text)
    grouped = {kind: tuple(t for t in tasks if _chapter_of(t.role) == kind) for kind in (_LEAD, _COOPERATE, _INFORMED)}
    if requirements is None:
        paragraphs = default_requirements(plan)
    else:
        paragraphs = tuple(line.strip() for line in requirements.splitlines() if line.strip())
    parts = [Chapter(kind, tasks=grouped[kind]) for kind in grouped if grouped[kind]]
    if paragraphs:
        parts.append(Chapter("工作要求", paragraphs=paragraphs))
    chapters = tuple(
        Chapter(f"{chinese_numeral(i + 1)}、{c.heading}", c.tasks, c.paragraphs) for i, c in enumerate(parts)
    )
    title = full_title(plan)
    counts = "、".join(f"{kind}{len(grouped[kind])}项" for kind in grouped if grouped[kind])
    years = period_text(plan)
    opening = f"为抓好《{title}》贯彻落实，现将{years}你单位承担的{counts}分解如下，请结合工作实际，认真抓好落实。"
    return Notice(
        department=department,
        title=f"关于印发《{title}》任务分解清单的通知",
        addressee=f"{department}：",
        opening=opening,
        chapters=chapters,
        tasks=tasks,
        attachment_title=f"{department}任务分解清单",
        signature=issuing_office(plan),
        date=format_date(date),
        copies=tuple(copies),
    )


# -- change notices ---------------------------------------------------------------------

#: The columns of a change notice's table.
CHANGE_HEADER: tuple[str, ...] = ("序号", "编号", "措施", "调整", "原角色", "现角色")


@dataclass(frozen=True)
class ChangeNotice:
    """Everything one department's change notice says: what the revision changed for it, one row a measure."""

    department: str
    title: str
    addressee: str
    opening: str
    rows: tuple[tuple[str, ...], ...]
    signature: str
    date: str


def build_change_notice(diff: PlanDiff, department: str, *, office: str, date: dt.date) -> ChangeNotice:
    """The change notice of ``department`` for a revised plan, in the words of its task notice (你单位).

    Rows follow :data:`CHANGE_HEADER`; measures the revision left alone for
    the department are not listed, and the opening says so.
    """
    rows = tuple(
        (str(i), c.measure, c.title, role_change_label(c), labelled(c.old_role), labelled(c.new_role))
        for i, c in enumerate(diff.for_department(department), start=1)
    )
    return ChangeNotice(
        department=department,
        title=f"关于《{diff.new_title}》任务分工调整的通知",
        addressee=f"{department}：",
        opening=f"《{diff.new_title}》已修订。与修订前相比，你单位承担的任务有以下调整，"
        "请对照调整后的分工做好衔接，抓好落实。未列出的任务保持不变。",
        rows=rows,
        signature=office,
        date=format_date(date),
    )
