"""The ``raci track`` commands: the monthly cycle of 督办, each command a few lines over :mod:`matrix.track`.

Registered on the main group by :mod:`matrix.cli` (import that, not this
module, first); errors reach the main group's handler, which prints one
located line and picks the exit code. By default everything lives in the
plan's output folder (``output/<plan>/``): the forms, the store
(督办记录.sqlite), the ledger, the reminders and the report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from ..cli import force_option, input_format_option, registry_option
from ..findings import Finding
from ..model import Plan
from .periods import Period, parse_period

if TYPE_CHECKING:  # networkx takes a fifth of a second to import; raci --help needs none of it
    import networkx as nx

__all__ = ["STORE_NAME", "track"]

STORE_NAME = "督办记录.sqlite"
_OUTPUT = Path("output")


class _Plan(NamedTuple):
    """The plan as the track commands use it: names resolved, its graph, the audit, its output folder."""

    plan: Plan
    graph: nx.Graph
    findings: tuple[Finding, ...]
    folder: Path


def _load(path: Path, fmt: str | None, registry_path: Path | None) -> _Plan:
    from ..pipeline import audit_findings, load, plan_folder

    loaded = load(path, fmt=fmt, registry=registry_path)
    return _Plan(loaded.plan, loaded.graph, tuple(audit_findings(loaded)), plan_folder(_OUTPUT, path))


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return parse_period(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _report_deadlines(plan: Plan) -> None:
    """Deadlines that cannot be dated are never overdue; say which, with where the plan writes them."""
    from .deadlines import deadline_problems

    problems = deadline_problems(plan)
    if problems:
        click.echo(f"注意：{len(problems)} 项措施的完成时限无法确定日期，不判断是否逾期：", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)


plan_argument = click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"督办数据库（SQLite）；默认 output/<方案名>/{STORE_NAME}。",
)
as_of_option = click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="统计截止日期（YYYY-MM-DD），默认今天；此日之前到期的任务才判断逾期。",
)
period_option = click.option(
    "--period", callback=_period, help="本期（如 2026-11 或 2026-Q4）；默认为截止日期前最近收录的一期。"
)


def ledger_options(command):
    """The options of the commands that draw up the ledger first (ledger, remind, report), in this order."""
    for option in reversed((as_of_option, period_option, store_option, registry_option, input_format_option)):
        command = option(command)
    return command


template_option = click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="本单位的公文模板（.docx，含版头），同 raci build。",
)


def _ledger(loaded: _Plan, store_path: Path | None, as_of: dt.datetime | None, period: Period | None, **options):
    from .form_layout import plan_key
    from .ledger import build_ledger
    from .store import Store

    key = plan_key(loaded.plan)
    with Store.open(store_path or loaded.folder / STORE_NAME, create=False) as store:
        reports, filed = store.reports(key), store.filed(key)
    day = as_of.date() if as_of else dt.date.today()
    return build_ledger(loaded.plan, loaded.graph, loaded.findings, reports, filed, day, period=period, **options)


@click.group()
def track() -> None:
    """督办：下发进展反馈表、收集反馈、生成执行台账、督办通知和完成情况通报。

    Follow up the plan month after month: feedback forms for the lead
    departments, the returned sheets collected into a database, the ledger
    with what is overdue or unreported, reminders and a progress report.

    Once: forms. Each month (or quarter), when the sheets come back:
    collect them for the period, then ledger, remind and report as of a
    date, e.g. raci track collect input/wutai.yaml 反馈/*.xlsx --period 2026-11.

    \b
    Example:
        raci track forms input/wutai.yaml
        raci track ledger input/wutai.yaml --as-of 2026-12-05
        raci track remind input/wutai.yaml --as-of 2026-12-05
        raci track report input/wutai.yaml --as-of 2026-12-05
    """


@track.command()
@plan_argument
@click.option(
    "-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
    help="反馈表目录；默认 output/<方案名>/进展反馈表（raci build 也写在这里）。",
)  # fmt: skip
@registry_option
@input_format_option
@force_option
def forms(plan: Path, outdir: Path | None, registry_path: Path | None, input_fmt: str | None, force: bool) -> None:
    """为每个牵头单位生成进展反馈表（进展反馈表-<单位>.xlsx）。

    One feedback workbook per lead department: its measures with role,
    partners and deadline locked, and the columns it fills in (progress,
    status from a list, share done, problems, next steps, contact, date).
    Forms of departments that no longer lead anything are removed.

    \b
    Example:
        raci track forms input/wutai.yaml -o output/wutai/进展反馈表
    """
    from ..export.output_set import OutputSet
    from ..pipeline import FORMS_FOLDER
    from .forms import write_forms

    loaded = _load(plan, input_fmt, registry_path)
    # By default the forms go where raci build puts them, under the plan folder's manifest, so that
    # either command may replace what the other wrote.
    folder, inside = (outdir, "") if outdir else (loaded.folder, FORMS_FOLDER)
    with OutputSet(folder, "track-forms", root=outdir or _OUTPUT, force=force, prune=True) as outputs:
        run = write_forms(loaded.plan, loaded.graph, outputs.staging / inside)
        committed = outputs.commit()
    click.echo(f"已写入 {len(run.written)} 份进展反馈表：{folder / inside}")
    for removed in committed.removed:
        click.echo(f"已删除本次不再生成的旧反馈表：{removed}", err=True)
    _report_deadlines(loaded.plan)


@track.command()
@plan_argument
@click.argument("sheets", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--period", callback=_period, required=True, help="这批反馈所属的期次，如 2026-11（月）或 2026-Q4（季度）。"
)
@store_option
@registry_option
@input_format_option
def collect(
    plan: Path,
    sheets: tuple[Path, ...],
    period: Period,
    store_path: Path | None,
    registry_path: Path | None,
    input_fmt: str | None,
) -> None:
    """收录各单位报回的进展反馈表；有一份有误则全部不收录。

    Read every returned sheet, check it belongs to this plan and was not
    changed where it is locked, and store the reports for PERIOD. A sheet
    with a problem is named with its cell and nothing is stored; a late
    sheet is collected by running the command again for the same period.

    \b
    Example:
        raci track collect input/wutai.yaml 反馈/*.xlsx --period 2026-11
    """
    from .collect import CollectError
    from .collect import collect as collect_sheets
    from .form_layout import lead_departments, plan_key
    from .store import Store

    # Excel and WPS leave ~$<name>.xlsx beside a workbook that is open; a glob picks it up with the sheets.
    locks = [sheet for sheet in sheets if sheet.name.startswith("~$")]
    for lock in locks:
        click.echo(f"跳过 Office 的临时锁定文件（不是反馈表）：{lock}", err=True)
    sheets = tuple(sheet for sheet in sheets if sheet not in locks)
    if not sheets:
        raise click.UsageError("没有可收录的反馈表 (no sheets to collect)")
    loaded = _load(plan, input_fmt, registry_path)
    path = store_path or loaded.folder / STORE_NAME
    with Store.open(path) as store:
        try:
            saved = collect_sheets(loaded.plan, loaded.graph, sheets, period.label, store)
        except CollectError as error:
            if len(error.problems) > 1:
                for problem in error.problems:
                    click.echo(f"  {problem}", err=True)
            click.echo("本次未收录任何内容 (nothing stored)", err=True)
            raise
        filed = {f.department for f in store.filed(plan_key(loaded.plan)) if f.period == period.label}
    counts = f"新收录 {len(saved.added)}，更新 {len(saved.replaced)}，无变化 {len(saved.unchanged)}"
    click.echo(f"{period.label} 期：收录 {len(sheets)} 份反馈表（{counts}），{saved.reports} 条进展。")
    missing = [d for d in lead_departments(loaded.plan, loaded.graph) if d not in filed]
    if missing:
        click.echo(f"本期尚未报送的牵头单位（{len(missing)} 个）：{'、'.join(missing)}")
    click.echo(f"督办数据库：{path}")


@track.command()
@plan_argument
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="台账工作簿；默认 output/<方案名>/执行台账.xlsx。完成进度图（PNG）写在同一目录。",
)  # fmt: skip
@ledger_options
@force_option
@click.option(
    "--stale", type=click.IntRange(min=0), default=3, show_default=True,
    help="连续几期进展无变化即标记“进度滞后”；0 或 1 不按此判断。",
)  # fmt: skip
@click.option("--history", type=click.IntRange(min=1), default=6, show_default=True, help="台账中列出最近几期的状态。")
def ledger(
    plan: Path,
    output: Path | None,
    as_of: dt.datetime | None,
    period: Period | None,
    stale: int,
    history: int,
    store_path: Path | None,
    registry_path: Path | None,
    input_fmt: str | None,
    force: bool,
) -> None:
    """生成执行台账：每项任务的最新进展、历次状态和督办标记（逾期、未报送、进度滞后、无牵头）。

    Write the ledger workbook (one row per measure and lead department, a
    summary per department and for the plan, completion over time) and the
    completion chart as PNG beside it.

    \b
    Example:
        raci track ledger input/wutai.yaml -o output/wutai/执行台账.xlsx --as-of 2026-12-05
    """
    from ..export.output_set import OutputSet
    from .ledger_workbook import write_ledger_workbook
    from .progress_chart import CHART_FILE, completion_chart_png

    loaded = _load(plan, input_fmt, registry_path)
    result = _ledger(loaded, store_path, as_of, period, stale=stale, history=history)
    path = output or loaded.folder / "执行台账.xlsx"
    with OutputSet(path.parent, "track-ledger", force=force) as outputs:
        outputs.expect([path.name, CHART_FILE])
        chart = completion_chart_png(result)
        outputs.stage(CHART_FILE).write_bytes(chart)
        write_ledger_workbook(result, outputs.stage(path.name), chart_png=chart)
        outputs.commit()
    total = result.total
    click.echo(
        f"截至 {result.as_of.isoformat()}（{result.period.label if result.period else '尚无反馈'}）："
        f"牵头任务 {total.measures} 项，已完成 {total.of('已完成')}，逾期 {total.overdue}，"
        f"未报送 {total.unreported}，进度滞后 {total.stalled}，无牵头 {result.no_lead}"
    )
    click.echo(f"已写入：{path}")
    click.echo(f"已写入：{path.parent / CHART_FILE}")
    _report_deadlines(loaded.plan)


@track.command()
@plan_argument
@click.option(
    "-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
    help="督办通知目录；默认 output/<方案名>/督办通知/<截止日期>。",
)  # fmt: skip
@ledger_options
@force_option
@click.option("--dry-run", is_flag=True, help="只列出将收到督办通知的单位和事项，不写文件。")
@click.option(
    "--reply-days", type=click.IntRange(min=1), default=10, show_default=True, help="要求在截止日期后几日内书面回复。"
)
@template_option
def remind(
    plan: Path,
    outdir: Path | None,
    as_of: dt.datetime | None,
    period: Period | None,
    dry_run: bool,
    reply_days: int,
    template: Path | None,
    store_path: Path | None,
    registry_path: Path | None,
    input_fmt: str | None,
    force: bool,
) -> None:
    """给有逾期或未报送任务的牵头单位各写一份督办通知（公文格式）。

    One reminder per department with overdue or unreported measures, in the
    GB/T 9704 layout of the task notices, listing each measure with its
    deadline and the status last reported. --dry-run lists who would get one.

    \b
    Example:
        raci track remind input/wutai.yaml --as-of 2026-12-05 --dry-run
    """
    from ..export.official import letterhead_document
    from ..export.output_set import OutputSet
    from .documents import write_reminders
    from .reminders import build_reminders

    loaded = _load(plan, input_fmt, registry_path)
    result = _ledger(loaded, store_path, as_of, period)
    reminders = build_reminders(result, reply_by=result.as_of + dt.timedelta(days=reply_days))
    for reminder in reminders:
        click.echo(f"{reminder.department}：逾期 {len(reminder.overdue)} 项，未报送 {len(reminder.unreported)} 项")
    if not reminders:
        click.echo("没有逾期或未报送的任务，无需督办。")
    if dry_run or not reminders:
        return
    if template is not None:
        letterhead_document(template)  # refused before anything is written
    # By default under the plan folder's manifest, one folder per date, earlier dates kept.
    folder, inside = (outdir, "") if outdir else (loaded.folder, f"督办通知/{result.as_of.isoformat()}")
    with OutputSet(folder, "track-remind", root=outdir or _OUTPUT, force=force, prune=bool(outdir)) as outputs:
        run = write_reminders(reminders, outputs.staging / inside, template=template)
        outputs.commit()
    click.echo(f"已写入 {len(run.written)} 份督办通知：{folder / inside}")


@track.command()
@plan_argument
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="通报文件（.docx）；默认 output/<方案名>/完成情况通报-<截止日期>.docx。",
)  # fmt: skip
@ledger_options
@force_option
@template_option
def report(
    plan: Path,
    output: Path | None,
    as_of: dt.datetime | None,
    period: Period | None,
    template: Path | None,
    store_path: Path | None,
    registry_path: Path | None,
    input_fmt: str | None,
    force: bool,
) -> None:
    """生成向领导小组报送的完成情况通报（.docx）。

    The progress report for the leading group: the counts, each lead
    department's standing, the overdue measures by department, the
    departments that did not report, measures without a lead, and the
    completion chart.

    \b
    Example:
        raci track report input/wutai.yaml --as-of 2026-12-05
    """
    from ..export.official import letterhead_document
    from ..export.output_set import write_file
    from .documents import write_bulletin
    from .progress_chart import completion_chart_png
    from .reminders import build_bulletin

    loaded = _load(plan, input_fmt, registry_path)
    result = _ledger(loaded, store_path, as_of, period)
    if template is not None:
        letterhead_document(template)
    path = output or loaded.folder / f"完成情况通报-{result.as_of.isoformat()}.docx"
    chart = completion_chart_png(result)
    bulletin = build_bulletin(result)
    write_file(path, lambda staged: write_bulletin(bulletin, staged, chart_png=chart, template=template),
               job="track-report", force=force)  # fmt: skip
    click.echo(f"已写入：{path}")
