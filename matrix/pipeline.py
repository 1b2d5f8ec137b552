"""The main job as a library: read a plan, resolve its names, build the graph, audit, write the outputs.

This module is the one place that decides which registry a plan uses, what
the outputs are called and the order of the stages; ``raci`` commands, the
benchmark and the tests call it, and so can a notebook::

    import matrix
    result = matrix.build("input/wutai.yaml", "output")
    result.workbook          # output/wutai/责任分工矩阵.xlsx

The stages themselves stay pure functions in their own modules; what is here
only strings them together, in the order the package exports them:
:func:`load` (read + resolve + graph), :func:`audit_findings`, :func:`build`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from .audit import UNREAD, AuditConfig, audit_resolved
from .errors import InputError, MatrixError
from .findings import Finding
from .graph import build_graph
from .lookalikes import DEFAULT_SIMILARITY
from .model import Department, Plan
from .raci import RaciConfig
from .readers.plantext.source import ImportResult, Problem
from .registry import Registry, Resolved, as_registry, match_registry, resolve_names

__all__ = [
    "DEFAULT_OUTPUT",
    "FOLDER_REGISTRY",
    "FORMS_FOLDER",
    "LEADERS_NAME",
    "NOTICES_FOLDER",
    "SUMMARY_NAME",
    "WORKBOOK_NAME",
    "BuildResult",
    "ImportOutcome",
    "Loaded",
    "Merged",
    "RegistryChoice",
    "audit_findings",
    "build",
    "build_notes",
    "choose_registry",
    "import_plan_file",
    "load",
    "merge",
    "output_root",
    "plan_folder",
    "registry_for",
    "report_format",
    "workload_report",
    "write_report",
]

#: The folder that holds one folder per plan, when nobody names one.
DEFAULT_OUTPUT = "output"
#: What :func:`build` writes into the plan's folder.
WORKBOOK_NAME = "责任分工矩阵.xlsx"
SUMMARY_NAME = "任务分解总表.docx"
NOTICES_FOLDER = "任务分解通知"
#: The 进展反馈表 of each lead department, sent with the notices (see :mod:`matrix.track`).
FORMS_FOLDER = "进展反馈表"
#: The 牵头领导 summary for the leading group, written when a measure names a leader.
LEADERS_NAME = "领导分工.docx"

#: A registry given to :func:`load`: a YAML file, a registry, or only its departments.
RegistrySource = str | Path | Registry | Sequence[Department] | None

#: The registry of every plan in a folder that has none of its own (``departments-<plan>.yaml``).
FOLDER_REGISTRY = "departments.yaml"


@dataclass(frozen=True)
class RegistryChoice:
    """The registry a plan's names go through, and where it was found, to tell the person running the build.

    ``source`` is the registry file (empty when none was used, or the
    departments were given or came with the plan); ``how`` says in Chinese
    why that file was taken, when nobody named it.
    """

    registry: Registry = field(default_factory=Registry)
    source: str = ""
    how: str = ""


@dataclass(frozen=True)
class Loaded:
    """A plan read from ``path``, its names resolved once, and the graph of the result.

    ``written`` is the plan as its file writes it (the audit quotes those
    spellings); ``plan`` has canonical names and is what every output shows;
    ``resolution`` holds the registry in force and the findings about names.
    """

    path: Path
    resolution: Resolved
    graph: nx.Graph
    #: Which registry was used and how it was found.
    registry_choice: RegistryChoice = RegistryChoice()
    #: Passages of a plan's text (.txt, .docx) the importer could not place, each an error finding of the audit.
    unread: tuple[Problem, ...] = ()

    @property
    def written(self) -> Plan:
        return self.resolution.written

    @property
    def plan(self) -> Plan:
        return self.resolution.plan

    @property
    def registry(self) -> Registry:
        return self.resolution.registry

    @property
    def key(self) -> str:
        """The plan's 方案简称: the key its workbook records, else its file's name (:func:`matrix.merge.plan_key`)."""
        from .merge import plan_key

        return plan_key(self.written)


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build` wrote, and what it found on the way."""

    plan: Plan
    folder: Path
    workbook: Path
    summary: Path
    notices: tuple[Path, ...]
    #: Departments the plan names that hold no task, so got no notice.
    skipped: tuple[str, ...]
    findings: tuple[Finding, ...]
    #: Files the previous build wrote and this one does not (a department that left the plan), now removed.
    removed: tuple[Path, ...] = ()
    #: One 进展反馈表 per lead department (none when the build was told not to write them).
    forms: tuple[Path, ...] = ()
    #: The 领导分工 document; ``None`` when no measure names a leader.
    leaders: Path | None = None
    #: The plan was the workbook this build writes, edited since the last build: it was rewritten with the edits.
    rewrote_source: bool = False

    @property
    def written(self) -> tuple[Path, ...]:
        """Every file written, workbook first."""
        return (self.workbook, self.summary, *((self.leaders,) if self.leaders else ()), *self.notices, *self.forms)

    def lines(self) -> list[str]:
        """What the build did, a line each, as ``raci build`` prints it: a new output is told where it is made."""
        rewrote = "（已按其中的修改重新生成）" if self.rewrote_source else ""
        lines = [
            f"方案：{self.plan.title}（{len(self.plan.measures)} 项措施）",
            f"已写入：{self.workbook}{rewrote}",
            f"已写入：{self.summary}",
            *([f"已写入：{self.leaders}"] if self.leaders else []),
            f"已写入 {len(self.notices)} 份任务分解通知：{self.folder / NOTICES_FOLDER}",
            *(f"已删除上次生成、本次不再生成的文件：{removed}" for removed in self.removed),
        ]
        if self.forms:
            lines.append(f"已写入 {len(self.forms)} 份进展反馈表：{self.folder / FORMS_FOLDER}")
        if self.skipped:
            lines.append(f"无任务、未发通知的单位：{'、'.join(self.skipped)}")
        if self.findings:
            unread = sum(1 for finding in self.findings if finding.code == UNREAD)
            among = f"（其中 {unread} 处原文未能识别，已在上方列出）" if unread else ""
            lines.append(f"审计发现 {len(self.findings)} 个问题{among}，详见工作簿“审计问题”表或 raci audit。")
        return lines


def registry_for(path: str | Path, plan: Plan, registry: RegistrySource = None) -> Registry:
    """The registry a plan's names go through (see :func:`choose_registry`)."""
    return choose_registry(path, plan, registry).registry


def choose_registry(path: str | Path, plan: Plan, registry: RegistrySource = None) -> RegistryChoice:
    """The registry a plan's names go through, and how it was found.

    In this order: ``registry`` if given (a YAML file, a registry, or the
    departments); the plan's own ``departments:`` and ``groups:``;
    ``departments-<plan>.yaml`` beside the plan; :data:`FOLDER_REGISTRY`
    beside it; the one ``departments-*.yaml`` beside it that knows nearly
    all the plan's names and is the only one that does
    (:func:`~matrix.registry.match_registry`: a plan imported to a new file
    name keeps its county's registry); else none, and names are
    only compared with each other.

    Raises
    ------
    InputError
        A registry file that cannot be read, with its location.

    Examples
    --------
    >>> from matrix.readers import read_plan
    >>> choose_registry("input/plan.yaml", read_plan("input/wutai-2021-2025.txt")).source
    'input/departments-wutai.yaml'
    """
    from .readers.yaml import read_registry

    if isinstance(registry, (str, Path)):
        return RegistryChoice(read_registry(registry), str(registry))
    if registry is not None:
        return RegistryChoice(as_registry(registry))
    if plan.departments or plan.groups:
        return RegistryChoice(Registry.of_plan(plan))
    path = Path(path)
    sibling = path.with_name(f"departments-{path.stem}.yaml")
    if sibling.exists():
        return RegistryChoice(read_registry(sibling), str(sibling), "与方案同名")
    default = path.with_name(FOLDER_REGISTRY)
    if default.exists():
        return RegistryChoice(read_registry(default), str(default), "方案所在目录的默认登记表")
    candidates = {str(p): read_registry(p) for p in sorted(path.parent.glob("departments-*.yaml"))}
    match = match_registry(plan, candidates)
    if match is None:
        return RegistryChoice()
    how = f"按内容选定：方案写到的 {match.named} 个单位名称中有 {match.known} 个在此表中"
    return RegistryChoice(candidates[match.key], match.key, how)


def load(
    plan_path: str | Path,
    *,
    fmt: str | None = None,
    registry: RegistrySource = None,
    similarity: float = DEFAULT_SIMILARITY,
    strict: bool = True,
) -> Loaded:
    """Read a plan file, resolve its names through its registry, and build the graph.

    Parameters
    ----------
    plan_path
        A plan file (.yaml, .csv, .xlsx, .txt, .docx).
    fmt
        The input format when the extension does not say it (see
        :data:`matrix.readers.FORMATS`).
    registry
        As for :func:`registry_for`.
    similarity
        The rapidfuzz ratio from which unregistered names count as look-alikes.
    strict
        Refuse a plan's text (.txt, .docx) at its first passage that cannot be
        placed. Without it, such passages are kept in ``Loaded.unread`` and the
        audit reports each (``unread-passage``), as :func:`build` and ``raci
        audit`` do; commands that would show the plan without its audit keep
        the default.

    Raises
    ------
    InputError
        The plan or its registry cannot be read, with file and line.

    Examples
    --------
    >>> loaded = load("input/wutai.yaml")
    >>> loaded.plan.title, len(loaded.plan.measures)
    ('五台县全民科学素质行动规划纲要实施方案', 38)
    >>> "县卫健委" in loaded.graph, "县卫健局" in loaded.graph  # folded by input/departments-wutai.yaml
    (False, True)
    """
    from .readers import read_plan, read_plan_leniently

    path = Path(plan_path)
    written, unread = (read_plan(path, fmt), ()) if strict else read_plan_leniently(path, fmt)
    choice = choose_registry(path, written, registry)
    resolution = resolve_names(written, choice.registry, similarity=similarity)
    return Loaded(path, resolution, build_graph(resolution.plan), choice, unread)


def audit_findings(loaded: Loaded, config: AuditConfig | None = None) -> list[Finding]:
    """The audit findings of a loaded plan, name findings first (see :func:`matrix.audit.audit_plan`).

    Examples
    --------
    >>> sorted({f.code for f in audit_findings(load("input/wutai.yaml"))})[:3]
    ['cooperates-only', 'mixed-names', 'unassigned-guarantee']
    """
    return audit_resolved(loaded.resolution, loaded.graph, config=config, unread=loaded.unread)


def plan_folder(out_dir: str | Path, plan_path: str | Path, *, key: str | None = None) -> Path:
    """``out_dir/<plan name>``: the plan's file name (or ``key``) picks a folder inside ``out_dir``, never elsewhere.

    A file named ``...yaml`` has the stem ``..``, and on a shared Windows drive
    ``CON`` or ``a:b`` cannot be a folder, so the name goes through
    :func:`~matrix.export.filenames.safe_filename` first.

    Examples
    --------
    >>> plan_folder("output", "input/wutai.yaml").as_posix()
    'output/wutai'
    >>> plan_folder("output", "output/wutai/责任分工矩阵.xlsx", key="wutai").as_posix()
    'output/wutai'
    """
    from .export.filenames import path_inside, safe_filename

    return path_inside(out_dir, safe_filename(key or Path(plan_path).stem))


def output_root(loaded: Loaded) -> Path:
    """Where :func:`build` writes when not told: :data:`DEFAULT_OUTPUT`, or, for a workbook lying in
    its own plan's folder, the folder above, so that the rebuild updates that plan's folder in place.

    A workbook the tool wrote records its plan's key (方案简称, in its 说明
    sheet); ``output/wutai/责任分工矩阵.xlsx`` recording ``wutai`` is the
    Wutai plan's own, and an office that fixed an assignment in it and
    builds from it wants ``output/wutai/`` updated, not a new
    ``output/责任分工矩阵/`` beside it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     first = build("input/wutai.yaml", out, date=dt.date(2026, 1, 5))
    ...     output_root(load(first.workbook)) == Path(out)
    True
    """
    from .export.filenames import safe_filename

    recorded = loaded.written.key
    folder = loaded.path.parent
    if recorded and folder.name == safe_filename(recorded):
        return folder.parent
    return Path(DEFAULT_OUTPUT)


def build_notes(loaded: Loaded) -> list[str]:
    """What the person running a build should know before the notices go out, one line each.

    First every passage of the plan's text that could not be placed, as
    ``位置: 消息`` (the form ``raci import`` lists them in), since each is a
    measure or an assignment the outputs may lack; then which registry file
    was found for the plan, when nobody named it; and,
    when no registry was used, the look-alike names that will each get a
    notice of their own (县卫健委 and 县卫健局), since the office would
    otherwise send one bureau two notices.

    Examples
    --------
    >>> build_notes(load("input/wutai.yaml"))
    ['单位登记表：input/departments-wutai.yaml（与方案同名）']
    """
    from .export.word import notice_recipients
    from .lookalikes import near_duplicates

    unread = [f"{problem.location}: {problem.described}" for problem in loaded.unread]
    choice = loaded.registry_choice
    if choice.registry.entries:
        return [*unread, f"单位登记表：{choice.source}（{choice.how}）"] if choice.how else unread
    pairs = near_duplicates(notice_recipients(loaded.graph))
    if not pairs:
        return unread
    alike = "；".join(f"“{first}”与“{second}”（{reason}）" for first, second, reason in pairs)
    return [
        *unread,
        f"注意：未找到单位登记表，以下名称疑为同一单位，将各发一份通知：{alike}。"
        f"如为同一单位，请用 --registry 指定登记表，或在方案旁放 {FOLDER_REGISTRY} "
        "(no registry: look-alike names each get a notice)",
    ]


def build(
    plan_path: str | Path,
    out_dir: str | Path | None = None,
    *,
    fmt: str | None = None,
    registry: RegistrySource = None,
    date: dt.date | None = None,
    template: str | Path | None = None,
    requirements: str | None = None,
    full_text: bool = True,
    attachment: bool = True,
    per_department: bool = False,
    expand_groups: bool = True,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    notify: Callable[[str], None] | None = None,
    forms: bool = True,
    number: str | None = None,
    copies: Sequence[str] = (),
    title: str | None = None,
    issuer: str | None = None,
) -> BuildResult:
    """Write a plan's RACI workbook, task-notice summary, one task notice per department and the feedback forms.

    Files go to ``out_dir/<plan name>/`` (:func:`plan_folder`; a workbook
    the tool wrote names its plan's folder by the key it records):
    :data:`WORKBOOK_NAME`, :data:`SUMMARY_NAME`, the notices in
    :data:`NOTICES_FOLDER`, one 进展反馈表 per lead department in
    :data:`FORMS_FOLDER` (what ``raci track forms`` writes), and
    :data:`LEADERS_NAME` when a measure names a 牵头领导. ``raci build`` is
    this function.

    The build is all or nothing: every file is written into a staging folder
    beside the outputs and moved into place only when all are complete
    (:class:`~matrix.export.output_set.OutputSet`), the folder is locked
    against a second build, and the notices an earlier build wrote for
    departments this one does not write to are removed. Only the files the
    build writes are checked for edits; anything else in the folder is left
    alone.

    Parameters
    ----------
    plan_path, fmt, registry
        As for :func:`load`.
    out_dir
        The folder that holds one folder per plan; by default
        :func:`output_root`: ``output``, or, building from a plan's workbook
        in that plan's folder, the folder above, so that the rebuild replaces
        the plan's outputs in place. The workbook built from is then itself
        replaced, edited as it is, by the one built from its content.
    date
        The date under the notices' signature; today when omitted.
    template
        A letterhead .docx whose body (the 版头) the notices follow.
    number
        Fills the letterhead's 发文字号 placeholder (``〔2026〕X号``).
    copies
        The 抄送 organs of the notices' 版记.
    title, issuer
        The plan's title and issuer, in place of what the plan says: an
        office's own task table may say neither.
    requirements
        The text of the notices' 工作要求 section; derived from the plan's
        stages when omitted, left out when empty.
    full_text, attachment
        Copy each measure's full text into the notices; attach the task list.
    per_department
        Add one task sheet per department to the workbook.
    expand_groups
        The matrix has a column per member of a group (each township); with
        ``False`` one per group assigned as a whole (各乡镇人民政府).
    jobs
        Processes writing the documents (notices, forms, the summary) side by
        side while this one writes the workbook; when omitted, chosen from the
        plan's size (one per CPU on Linux; none for a plan of a few measures).
    force
        Overwrite (or remove) outputs a person edited since the last build.
    strict
        Refuse a plan's text (.txt, .docx) at the first passage the importer
        could not place. Without it, as for a plan in YAML, the plan is built
        as far as it was read: every such passage is an error of the audit
        (``unread-passage``, on the 审计问题 sheet) and is told to ``notify``
        with its location before anything is written, and a measure without
        assignment is an ``unassigned`` finding.
    progress
        Called with (notices written, notices in all) as notices are written.
    notify
        Called with each line of :func:`build_notes` before anything is written.
    forms
        Write the feedback forms the lead departments return to the office.

    Raises
    ------
    InputError
        The plan, its registry or the letterhead cannot be read (with ``strict``,
        a passage of its text cannot be placed); nothing is written.
    OutputError
        An output was edited since the last build (without ``force``), cannot
        be written, lies behind a symbolic link, or another build is writing
        the folder; the previous outputs are then as they were.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     result = build("input/wutai.yaml", out, date=dt.date(2026, 1, 5))
    ...     result.workbook.name, result.summary.name, len(result.notices)
    ('责任分工矩阵.xlsx', '任务分解总表.docx', 21)
    """
    from .build_jobs import FORM, LEADERS, NOTICE, SUMMARY, DocumentJob, Documents, paths_of, write_document
    from .export.excel import write_workbook
    from .export.manifest import edited_files
    from .export.official import letterhead_document
    from .export.output_set import OutputSet
    from .export.word import (
        MIN_TASKS_PER_WORKER,
        notice_filenames,
        notice_recipients,
        notice_settings,
        notice_work,
        skipped_departments,
    )
    from .export.workers import started_jobs, worker_count
    from .leaders import has_leaders
    from .merge import plan_key
    from .track.forms import form_files

    read = _digest(plan_path)  # before reading: the workbook may be rewritten only while it is what was read
    loaded = load(plan_path, fmt=fmt, registry=registry, strict=strict)
    findings = tuple(audit_findings(loaded))
    if template is not None:  # a letterhead that cannot be used stops the run before any file is written
        letterhead_document(template, number=number)
    elif number is not None:
        raise ValueError("a document number (number=) fills a letterhead's placeholder: give template= too")
    out_dir = Path(out_dir) if out_dir is not None else output_root(loaded)
    target = plan_folder(out_dir, loaded.path, key=loaded.key)
    own = read is not None and loaded.path.resolve() == (target / WORKBOOK_NAME).resolve()
    edited = own and bool(edited_files(target, [target / WORKBOOK_NAME]))
    plan, graph = replace(loaded.plan, key=loaded.key), loaded.graph
    if title or issuer:
        plan = replace(plan, title=title or plan.title, issuer=issuer or plan.issuer)
    _check_notice_header(plan, Path(plan_path))
    notes = build_notes(loaded)
    if loaded.written.key and loaded.written.key != loaded.path.stem:
        notes.append(f"工作簿记录的方案简称：{loaded.written.key}，输出写入其目录 {target}")
    for line in notes:
        if notify is not None:
            notify(line)
    names = [f"{NOTICES_FOLDER}/{name}" for name in notice_filenames(graph)]
    total, done = len(names), [0]
    form_departments = form_files(plan, graph) if forms else []
    form_names = [f"{FORMS_FOLDER}/{name}" for _, name in form_departments]

    def advance(_department: str) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    sources = {WORKBOOK_NAME: read} if own and read is not None else {}
    with OutputSet(target, "build", root=out_dir, force=force, prune=True, sources=sources) as outputs:
        leaders = has_leaders(plan)
        outputs.expect([WORKBOOK_NAME, SUMMARY_NAME, *([LEADERS_NAME] if leaders else []), *names, *form_names])
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
        documents = Documents(settings, template, plan_key(plan))
        files = [DocumentJob(SUMMARY, outputs.stage(SUMMARY_NAME))]
        if leaders:
            files.append(DocumentJob(LEADERS, outputs.stage(LEADERS_NAME)))
        recipients = zip(notice_recipients(graph), names, strict=True)
        files += [DocumentJob(NOTICE, outputs.stage(name), department) for department, name in recipients]
        leads = zip(form_departments, form_names, strict=True)
        files += [DocumentJob(FORM, outputs.stage(name), department) for (department, _), name in leads]
        count = worker_count(len(files), jobs, work=notice_work(graph), least_work=MIN_TASKS_PER_WORKER)
        written: list[Path] = [Path()] * len(files)
        with started_jobs(write_document, files, count, shared=documents) as results:
            # this process writes the workbook while the workers write the documents
            write_workbook(
                plan,
                graph,
                outputs.stage(WORKBOOK_NAME),
                findings=findings,
                per_department=per_department,
                expand_groups=expand_groups,
            )
            for index, path in results:
                written[index] = path
                if files[index].kind == NOTICE:
                    advance(files[index].department)
        committed = outputs.commit()
    return BuildResult(
        plan,
        target,
        target / WORKBOOK_NAME,
        target / SUMMARY_NAME,
        tuple(outputs.final_of(path) for path in paths_of(files, written, NOTICE)),
        skipped_departments(plan, graph),
        findings,
        committed.removed,
        tuple(outputs.final_of(path) for path in paths_of(files, written, FORM)),
        target / LEADERS_NAME if leaders else None,
        edited,
    )


def _digest(path: str | Path) -> str | None:
    """The SHA-256 of a plan file, or ``None`` when it cannot be read (reading it will say why)."""
    from .export.manifest import file_digest

    try:
        return file_digest(path)
    except OSError:
        return None


#: Files whose plan may carry no title but the file's name: the task tables offices keep.
_TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")


def _check_notice_header(plan: Plan, path: Path) -> None:
    """Refuse a plan whose notices would be titled with a file name or signed by nobody.

    An office's own 任务分工表 says its plan's title and issuer in a title row, if
    at all (:func:`matrix.readers.table.table_heading`); without them a notice
    would read 关于印发《file name》… with no 落款.
    """
    if path.suffix.lower() not in _TABLE_SUFFIXES:
        return
    untitled = plan.title == path.stem
    if untitled or not (plan.issuer or plan.office):
        missing = "、".join(
            w for w, gap in (("方案名称", untitled), ("印发单位", not (plan.issuer or plan.office))) if gap
        )
        raise InputError(
            f"未写明{missing}，任务分解通知无法{'命名和落款' if untitled else '落款'}：请在表头上方加标题行"
            "（如“《某某实施方案》任务分工表”“印发单位：某某办公室”），或用 --title 和 --issuer 给出 "
            "(the plan names no title or issuer: add a title row, or give --title and --issuer)",
            str(path),
        )


# -- merge ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Merged:
    """Several plans as one (:func:`merge`), with what the merge report tells the person who ran it."""

    plan: Plan
    graph: nx.Graph
    mode: str
    #: Each plan's key (its file name) and the registry its names went through.
    registries: tuple[tuple[str, RegistryChoice], ...]
    #: By name: spellings the plans' registries give to different bodies (see :func:`matrix.merge.disputed_spellings`).
    disputed: tuple[tuple[str, tuple[str, ...]], ...] = ()


def merge(
    plan_paths: Sequence[str | Path],
    *,
    mode: str = "by-plan",
    registry: RegistrySource = None,
    fmt: str | None = None,
) -> Merged:
    """Read several plans, resolve each through its own registry, and merge them (``raci merge``).

    Each plan's names go through the registry :func:`build` would use for it
    (:func:`choose_registry`: 五台县's ``departments-wutai.yaml``, 新晃's
    ``departments-xinhuang.yaml``), so 五台县's 县卫健委 is its 县卫健局 before
    anything is compared; ``registry`` given, through that one registry
    instead. Then :func:`matrix.merge.merge_plans` in ``mode``: ``by-plan``
    keeps two counties' 县科协 apart, ``by-name`` joins equal names.

    Raises
    ------
    InputError
        A plan or a registry cannot be read; two plans have one file name.

    Examples
    --------
    >>> merged = merge(["input/wutai.yaml", "input/xinhuang.yaml"])
    >>> [key for key, _ in merged.registries], "五台县·县卫健委" in merged.graph
    (['wutai', 'xinhuang'], False)
    """
    from .merge import BY_NAME, disputed_spellings, merge_plans, plan_key
    from .readers import read_plan
    from .readers.yaml import read_registry

    # a registry file named is read once, for every plan
    named = RegistryChoice(read_registry(registry), str(registry)) if isinstance(registry, (str, Path)) else None
    plans, choices = [], []
    for path in plan_paths:
        written = read_plan(path, fmt)
        choice = named if named is not None else choose_registry(path, written, registry)
        plans.append(resolve_names(written, choice.registry).plan)
        choices.append(choice)
    merged = merge_plans(plans, mode=mode)  # type: ignore[arg-type]
    keys = [plan_key(p, i) for i, p in enumerate(plans)]
    disputed = tuple(disputed_spellings(plans)) if mode == BY_NAME else ()
    return Merged(merged, build_graph(merged), mode, tuple(zip(keys, choices, strict=True)), disputed)


# -- import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    """What :func:`import_plan_file` wrote, the plan in it, and every passage that needs a person's look."""

    path: Path
    plan: Plan
    problems: tuple[Problem, ...]
    #: How the text was read: per measure the words and rule that decided, the list convention, notes.
    reading: ImportResult | None = None
    #: What ``raci audit`` of the written plan finds, through the registry ``raci build`` would use.
    findings: tuple[Finding, ...] = ()


def import_plan_file(
    plan_path: str | Path,
    out: str | Path | None = None,
    *,
    strict: bool = False,
    force: bool = False,
    listed: str | None = None,
) -> ImportOutcome:
    """Read a plan's own text (.txt, .docx) and write it as the YAML that :func:`build` reads.

    ``out`` defaults to ``output/<plan name>.yaml``. With ``strict`` the first
    passage that cannot be placed is an :class:`~matrix.errors.InputError` and
    nothing is written. ``listed`` (``"first"`` or ``"all"``) is the office's
    reading of lists such as 甲、乙等按职责分工负责; without it, the reading an
    earlier import recorded in ``out`` (``raci: listed_leads``) holds, else the
    plan's own declaration or the importer's default. The written plan is
    audited as ``raci audit`` would (``findings``), so the import can say what
    needs a person's look. ``raci import`` is this function.

    Raises
    ------
    InputError
        The file cannot be read (or, with ``strict``, has a passage that cannot be placed).
    OutputError
        ``out`` was edited since it was written (without ``force``), or cannot be written.
    """
    from .export.filenames import safe_filename
    from .export.output_set import write_file
    from .export.plan_yaml import write_plan_yaml
    from .readers import import_plan

    target = Path(out) if out is not None else Path("output") / f"{safe_filename(Path(plan_path).stem)}.yaml"
    config = RaciConfig(listed_leads=listed or _recorded_listing(target))
    result = import_plan(plan_path, strict=strict, config=config)
    written = write_file(target, lambda staged: write_plan_yaml(result.plan, staged), job="import", force=force)
    # read back as build and audit will read it, so the summary counts what they will report
    findings = audit_findings(load(written))
    return ImportOutcome(written, result.plan, tuple(result.problems), result, tuple(findings))


def _recorded_listing(path: Path) -> str:
    """The reading of lists an earlier import recorded in ``path`` (raci: listed_leads), if it can be read."""
    from .readers import read_plan

    if not path.is_file():
        return ""
    try:
        return read_plan(path, "yaml").raci.listed_leads
    except MatrixError:
        return ""


# -- reports --------------------------------------------------------------------------

#: Report formats a file's extension selects; anything else is a table.
_REPORT_SUFFIXES = ("json", "csv")


def report_format(output: str | Path | None, fmt: str | None = None) -> str:
    """``fmt`` if given, else the one ``output``'s extension names (json, csv), else ``"table"``.

    Examples
    --------
    >>> report_format("工作量.CSV"), report_format(None), report_format("a.csv", "json")
    ('csv', 'table', 'json')
    """
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in _REPORT_SUFFIXES else "table"


def workload_report(loaded: Loaded, *, fmt: str = "table", sort: str = "leads", top: int = 10, width: int = 140) -> str:
    """Each department's load, and the pairs that share the most measures, as a table, JSON or CSV (table only)."""
    from .export.report import workload_csv, workload_json, workload_table
    from .graph import co_assignment, measure_nodes, workload_rows

    rows = workload_rows(loaded.graph, sort=sort)
    if fmt == "csv":
        return workload_csv(rows)
    pairs = co_assignment(loaded.graph, top=top)
    if fmt == "json":
        return workload_json(rows, pairs, measures=len(measure_nodes(loaded.graph)))
    return workload_table(rows, pairs, width=width)


def write_report(path: str | Path, text: str, *, fmt: str, job: str, force: bool = False) -> Path:
    """Write a report file; a CSV file gets a UTF-8 byte-order mark.

    Excel and WPS on Chinese Windows read a CSV without one as GBK and garble it.

    Raises
    ------
    OutputError
        ``path`` was not written by the tool or was edited since (without ``force``), or cannot be written.
    """
    from .export.atomic import write_text_atomic
    from .export.output_set import write_file

    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    return write_file(path, lambda staged: write_text_atomic(staged, text, encoding=encoding), job=job, force=force)
