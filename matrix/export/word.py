"""Word task notices, one per department, and the summary table, in official-document layout.

The content comes from :mod:`matrix.export.notice` and the page from
:mod:`matrix.export.official`; this module puts one into the other and writes
the files. The template is built (or a letterhead opened) once per run and
every file starts from a copy of its bytes. Files are written through
:func:`matrix.export.atomic.atomic_path`, named through
:func:`matrix.export.filenames.safe_filename`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from docx.document import Document as DocumentObject

from ..graph import department_nodes
from ..leaders import leader_duties
from ..model import Plan
from ..numerals import chinese_numeral
from ..raci import LEADER_LABEL
from .filenames import path_inside, safe_filename, unique_filenames
from .notice import (
    Notice,
    Task,
    build_notice,
    deadline_of,
    format_date,
    full_title,
    issuing_office,
    named_leads_and_cooperators,
    role_label,
)
from .official import (
    BODY,
    HEADING1,
    HEADING1_FONT,
    HEADING2,
    PLAIN,
    SMALL_TABLE,
    TABLE,
    add_imprint,
    add_page_break,
    add_paragraph,
    add_signature,
    add_table,
    add_title,
    fitted_widths,
    letterhead_body,
    open_document,
    save_document,
    set_font,
    starting_document,
    turn_landscape,
    type_width,
)
from .workers import run_jobs, worker_count

__all__ = [
    "MIN_TASKS_PER_WORKER",
    "NOTICE_PREFIX",
    "NoticeRun",
    "NoticeSettings",
    "notice_filename",
    "notice_filenames",
    "notice_recipients",
    "notice_settings",
    "notice_work",
    "skipped_departments",
    "write_leader_summary",
    "write_notice",
    "write_notices",
    "write_summary",
]

NOTICE_PREFIX = "任务分解通知-"
#: Tasks (one a measure in a notice) a worker process must get to save more than it costs to start
#: (about a twentieth of a second): a county plan's 300-500 are written on every CPU, which brings
#: `raci build` of the Wutai seed from 1.0 s to 0.87 s on two CPUs; a plan of a few measures in this process.
MIN_TASKS_PER_WORKER = 100
_ATTACHMENT_HEADER = ("序号", "任务", "角色", "牵头单位", "完成时限")
_SUMMARY_HEADER = ("编号", "措施", "牵头单位", "配合单位", "完成时限")
#: The 措施 column of the summary holds a title of up to this many characters a line.
_SUMMARY_TITLE_CHARACTERS = 14


@dataclass(frozen=True)
class NoticeRun:
    """What :func:`write_notices` did: files written, and departments left without a notice."""

    written: tuple[Path, ...]
    skipped: tuple[str, ...]


def notice_filename(department: str) -> str:
    """The file name of ``department``'s notice; the name can only pick the file, never the folder.

    Examples
    --------
    >>> notice_filename("县科协")
    '任务分解通知-县科协.docx'
    >>> notice_filename("../x")
    '任务分解通知-_x.docx'
    """
    return f"{NOTICE_PREFIX}{safe_filename(department)}.docx"


def _task_lines(task: Task) -> list[str]:
    """The body lines under one task's heading, the same for led and supported measures."""
    lines = [f"所属任务：{task.section}（措施编号{task.measure}）。"]
    if task.leaders:
        lines.append(f"{LEADER_LABEL}：{'；'.join(task.leaders)}。")
    if task.group:
        lines.append(f"承担方式：本项任务分配给{task.group}，你单位作为其成员单位承担。")
    if task.text:
        lines.append(f"任务内容：{task.text}")
    if task.targets:
        lines.append(f"量化目标：{'；'.join(t.rstrip('。；;') for t in task.targets)}。")
    lines.append(f"完成时限：{task.deadline.rstrip('。')}。")
    if task.partners:
        lines.append("；".join(f"{label}：{'、'.join(names)}" for label, names in task.partners) + "。")
    return lines


def _render_notice(document: DocumentObject, notice: Notice, *, attachment: bool) -> None:
    if letterhead_body(document):  # the title stands two lines below the letterhead's red rule
        add_paragraph(document)
        add_paragraph(document)
    add_title(document, notice.title)
    add_paragraph(document)
    add_paragraph(document, notice.addressee, PLAIN)
    add_paragraph(document, notice.opening, BODY)
    for chapter in notice.chapters:
        add_paragraph(document, chapter.heading, HEADING1)
        for index, task in enumerate(chapter.tasks, start=1):
            add_paragraph(document, f"（{chinese_numeral(index)}）{task.title}", HEADING2)
            for line in _task_lines(task):
                add_paragraph(document, line, BODY)
        for text in chapter.paragraphs:
            add_paragraph(document, text, BODY)
    add_signature(document, notice.signature, notice.date, attachment=notice.attachment_title if attachment else None)
    if attachment:
        add_page_break(document)
        set_font(add_paragraph(document).add_run("附件"), HEADING1_FONT)
        add_paragraph(document)
        add_title(document, notice.attachment_title)
        add_paragraph(document)
        rows = [
            (str(i), task.title, role_label(task.role), "、".join(task.named_leads) or "—", task.deadline)
            for i, task in enumerate(notice.tasks, start=1)
        ]
        widths = fitted_widths(_ATTACHMENT_HEADER, rows, type_width(document), fill=1, names=(3,))
        add_table(document, _ATTACHMENT_HEADER, rows, widths, names=(3,))
    add_imprint(document, notice.copies, notice.signature, notice.date)


def skipped_departments(plan: Plan, graph: nx.Graph) -> tuple[str, ...]:
    """Departments known to the plan or graph that hold no role, so get no notice."""
    named = set(notice_recipients(graph))
    known = [n for n in department_nodes(graph) if not graph.nodes[n]["office"]]
    for department in plan.departments:
        if not ({department.name, *department.aliases} & set(graph.nodes)):
            known.append(department.name)
    return tuple(n for n in dict.fromkeys(known) if n not in named)


def notice_recipients(graph: nx.Graph) -> list[str]:
    """The departments that receive a notice: every one with a role, except the office that issues them."""
    return [n for n in department_nodes(graph) if not graph.nodes[n]["office"] and graph.degree(n) > 0]


def notice_filenames(graph: nx.Graph) -> list[str]:
    """The file name of each recipient's notice, in :func:`notice_recipients` order: what :func:`write_notices` writes.

    Known before anything is written, so that a build can check the files it
    is about to replace first.
    """
    return unique_filenames(notice_recipients(graph), NOTICE_PREFIX, ".docx")


def write_notices(
    plan: Plan,
    graph: nx.Graph,
    outdir: str | Path,
    *,
    date: dt.date | None = None,
    template: str | Path | None = None,
    requirements: str | None = None,
    full_text: bool = True,
    attachment: bool = True,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    copies: Sequence[str] = (),
    number: str | None = None,
) -> NoticeRun:
    """Write one task-breakdown notice (任务分解通知) per department into ``outdir``.

    The leading-group office issues the notices and receives none; a
    department without any role gets none either and is listed in
    ``skipped``.

    Parameters
    ----------
    plan, graph
        The plan and its graph from :func:`matrix.graph.build_graph`.
    outdir
        Folder for the files, created when missing. Files are named
        ``任务分解通知-<单位>.docx`` with the name made safe.
    date
        The 成文日期; today when omitted.
    template
        A .docx letterhead whose page, header, footer, styles and body (the
        版头) are kept, the notice written after it; the GB/T 9704 layout
        when omitted.
    requirements
        The 工作要求 text, one paragraph a line; built from the plan's timeline
        when ``None``. An empty text leaves the chapter out.
    full_text
        Quote each measure's text; ``False`` lists titles only.
    attachment
        Append the department's task table as 附件.
    progress
        Called with each department's name as its file is written (in the
        order they finish when several are written at once).
    workers
        Processes writing notices side by side; when ``None``, one per CPU
        for a plan with :data:`MIN_TASKS_PER_WORKER` tasks per CPU, else one
        (see :func:`matrix.export.workers.worker_count`); 1 for this process
        only. The files are the same either way.
    copies
        The 抄送 organs named in the 版记 at the foot of the last page.
    number
        Fills the letterhead's 发文字号 placeholder (``〔2026〕X号``); see
        :func:`matrix.export.official.letterhead_document`.

    Returns
    -------
    NoticeRun
        The paths written, in department order, and the departments skipped.

    Raises
    ------
    InputError
        When ``template`` cannot be opened as a .docx file, or its 发文字号
        placeholder and ``number`` do not go together.
    OutputError
        When a file cannot be written.
    """
    outdir = Path(outdir)
    settings = notice_settings(
        plan,
        graph,
        date=date,
        template=template,
        requirements=requirements,
        full_text=full_text,
        attachment=attachment,
        copies=copies,
        number=number,
    )
    recipients = notice_recipients(graph)
    jobs = [(d, path_inside(outdir, name)) for d, name in zip(recipients, notice_filenames(graph), strict=True)]
    written: list[Path | None] = [None] * len(jobs)
    count = worker_count(len(jobs), workers, work=notice_work(graph), least_work=MIN_TASKS_PER_WORKER)
    for index, path in run_jobs(write_notice, jobs, count, shared=settings):
        written[index] = path
        if progress is not None:
            progress(recipients[index])
    return NoticeRun(written=tuple(p for p in written if p is not None), skipped=skipped_departments(plan, graph))


@dataclass(frozen=True)
class NoticeSettings:
    """What every notice of a run is written with: the plan, its graph, the starting document and the options.

    Workers writing notices side by side get it once, with the memory they
    are forked with (:func:`matrix.export.workers.run_jobs`); each notice's
    content is built where the notice is written, so a large plan's notices
    are never all in memory at once.
    """

    plan: Plan
    graph: nx.Graph
    template: bytes
    date: dt.date
    requirements: str | None
    full_text: bool
    attachment: bool
    copies: tuple[str, ...]


def notice_settings(
    plan: Plan,
    graph: nx.Graph,
    *,
    date: dt.date | None = None,
    template: str | Path | None = None,
    requirements: str | None = None,
    full_text: bool = True,
    attachment: bool = True,
    copies: Sequence[str] = (),
    number: str | None = None,
) -> NoticeSettings:
    """The settings :func:`write_notice` takes, the letterhead read once (see :func:`write_notices`)."""
    skeleton = starting_document(template, number=number)
    return NoticeSettings(
        plan, graph, skeleton, date or dt.date.today(), requirements, full_text, attachment, tuple(copies)
    )


def notice_work(graph: nx.Graph) -> int:
    """The tasks (a measure in a notice) of all notices: the measure of work :data:`MIN_TASKS_PER_WORKER` is in."""
    return sum(graph.degree(d) for d in notice_recipients(graph))


def write_notice(settings: NoticeSettings, job: tuple[str, Path]) -> Path:
    """Write the notice of ``department`` to ``path``, ``job`` being the pair; its content built here."""
    department, path = job
    notice = build_notice(
        settings.plan,
        settings.graph,
        department,
        date=settings.date,
        requirements=settings.requirements,
        full_text=settings.full_text,
        copies=settings.copies,
    )
    document = open_document(settings.template)
    _render_notice(document, notice, attachment=settings.attachment)
    return save_document(document, path)


def write_summary(
    plan: Plan,
    graph: nx.Graph,
    path: str | Path,
    *,
    date: dt.date | None = None,
    template: str | Path | None = None,
) -> Path:
    """Write the 任务分解总表: every measure with its lead and cooperating departments.

    One table row per measure in plan order, measures without a lead included
    (their cells read —), so the office sees gaps as well as assignments.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    InputError
        When ``template`` cannot be opened as a .docx file.
    OutputError
        When the file cannot be written.
    """
    rows: list[tuple[str, ...]] = []
    for section in plan.sections:
        rows.append((f"{section.id} {section.title}".strip(),))
        for measure in section.measures:
            leads, cooperators = named_leads_and_cooperators(plan, graph, measure)
            deadline = deadline_of(plan, measure)
            rows.append((measure.id, measure.title, "、".join(leads) or "—", "、".join(cooperators) or "—", deadline))
    layout = _TableLayout(fill=3, names=(2, 3), most={1: _SUMMARY_TITLE_CHARACTERS, 2: 13}, style=SMALL_TABLE)
    return _table_document(plan, "任务分解总表", _SUMMARY_HEADER, rows, layout, path, date, template)


@dataclass(frozen=True)
class _TableLayout:
    """How a table document's columns are fitted (see :func:`matrix.export.official.fitted_widths`)."""

    fill: int
    names: tuple[int, ...] = ()
    most: Mapping[int, float] | None = None
    style: str = TABLE


def _table_document(
    plan: Plan,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    layout: _TableLayout,
    path: str | Path,
    date: dt.date | None,
    template: str | Path | None,
) -> Path:
    """A landscape document for the office: 《plan》name as its title, one table, signed by the office.

    A letterhead gives its page and styles but not its body: the table is not a 发文.
    """
    document = open_document(starting_document(template, body=False))
    turn_landscape(document)
    add_title(document, f"《{full_title(plan)}》{name}")
    add_paragraph(document)
    widths = fitted_widths(
        header, rows, type_width(document), fill=layout.fill, names=layout.names, most=layout.most, style=layout.style
    )
    add_table(document, header, rows, widths, names=layout.names, style=layout.style)
    add_signature(document, issuing_office(plan), format_date(date or dt.date.today()))
    return save_document(document, path)


_LEADERS_HEADER = ("序号", LEADER_LABEL, "牵头措施", "牵头单位", "配合单位")
#: The measures column takes the rest; the department columns are lists of names.
_LEADERS_LAYOUT = _TableLayout(fill=2, names=(3, 4), most={1: 10})


def write_leader_summary(
    plan: Plan,
    graph: nx.Graph,
    path: str | Path,
    *,
    date: dt.date | None = None,
    template: str | Path | None = None,
) -> Path:
    """Write the 领导分工 for the leading group: each 牵头领导 with the measures and departments they answer for.

    One row per leader in order of first appearance; measures as ``编号 措施``
    one a line, departments as the plan assigned them (a whole group by its
    name). The caller writes it only when a measure names a leader.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    InputError
        When ``template`` cannot be opened as a .docx file.
    OutputError
        When the file cannot be written.
    """
    rows = [
        (
            str(index),
            duty.leader,
            "\n".join(f"{m} {graph.nodes[m]['title']}" for m in duty.measures),
            "、".join(duty.leads) or "—",
            "、".join(duty.cooperators) or "—",
        )
        for index, duty in enumerate(leader_duties(graph, plan.groups), start=1)
    ]
    return _table_document(plan, "牵头领导分工表", _LEADERS_HEADER, rows, _LEADERS_LAYOUT, path, date, template)
