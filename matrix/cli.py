"""The ``raci`` command: parse options, call the library, print, choose the exit code.

Exit codes: 0 success; 1 bad input (a located message); 2 bad usage; 3 the
audit found problems at or above ``--fail-on``; 4 an output could not be
written safely; 70 an internal error (run again with ``--debug`` for details).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .errors import InputError, MatrixError, OutputError
from .readers import FORMATS

__all__ = ["EXIT_AUDIT", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OUTPUT", "cli"]

EXIT_INPUT = 1
EXIT_AUDIT = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 70

#: The sample plan bundled with the project, used when ``build`` is given no plan.
SAMPLE_PLAN = Path("input") / "wutai.yaml"


@dataclass
class _State:
    debug: bool = False


class _Failure(click.ClickException):
    """A library error shown as one ``Error:`` line with its own exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Group(click.Group):
    """Turns library errors into one located line; tracebacks only with ``--debug``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # the reader of a pipe (``raci audit | head``) has all it wanted: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:
            state = ctx.find_object(_State)
            if state is not None and state.debug:
                raise
            if isinstance(exc, MatrixError):
                raise _Failure(str(exc), EXIT_OUTPUT if isinstance(exc, OutputError) else EXIT_INPUT) from None
            raise _Failure(
                f"内部错误 (internal error): {type(exc).__name__}: {exc}；加 --debug 可查看详细信息",
                EXIT_INTERNAL,
            ) from None


def _sample_plan() -> Path:
    """The bundled sample: ``input/wutai.yaml`` here, else beside the package (editable install).

    Named relative to the working folder where it lies below it, as a user
    would type it: the path reaches every location in the workbook's 审计问题
    sheet, which is shared with people on other machines.
    """
    if SAMPLE_PLAN.exists():
        return SAMPLE_PLAN
    bundled = Path(__file__).resolve().parents[1] / SAMPLE_PLAN
    if bundled.exists():
        try:
            return bundled.relative_to(Path.cwd().resolve())
        except ValueError:
            return bundled
    raise InputError("未指定方案文件，且找不到示例方案 input/wutai.yaml (no plan given)")


input_format_option = click.option(
    "--input-format",
    "input_fmt",
    type=click.Choice(sorted(FORMATS)),
    help="输入格式；默认按扩展名判断 (input format).",
)
plan_argument = click.argument("plan", type=click.Path(dir_okay=False, path_type=Path), required=False)
output_folder_option = click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="输出目录；每个方案写入其中以方案文件名命名的子目录。",
)
date_option = click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="通知落款日期（YYYY-MM-DD），默认今天。")
force_option = click.option(
    "--force", is_flag=True, help="覆盖（或删除）被人修改过、或不是本工具生成的输出文件 (overwrite edited outputs)."
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈。")
@click.version_option(package_name="raci-matrix")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """从实施方案生成责任分工矩阵（RACI）、任务分解通知和审计报告。

    Responsibility matrices, task notices and audits from Chinese
    implementation plans (实施方案).
    """
    ctx.obj = _State(debug=debug)


registry_option = click.option(
    "--registry",
    "registry_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="单位登记表（YAML）；默认依次用方案的 departments 部分、同目录的 departments-<方案名>.yaml、"
    "departments.yaml、或同目录中唯一与方案单位名称相符的 departments-*.yaml (registry).",
)


@cli.command()
@plan_argument
@input_format_option
@registry_option
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="输出目录；每个方案写入其中以方案简称（方案文件名）命名的子目录。默认 output；"
    "从本工具生成的工作簿重建时，默认写回该工作簿所在的方案目录。",
)
@date_option
@force_option
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="本单位的公文模板（.docx，正文为版头）；通知写在版头之后。",
)
@click.option("--number", help="填入模板发文字号占位符（如“〔2026〕X号”）的文号，如 12。")
@click.option("--cc", "copies", help="版记中的抄送机关，以“、”或“，”分隔。")
@click.option("--title", help="方案名称（任务分工表没有标题行时必填）。")
@click.option("--issuer", help="印发单位，即通知的落款（任务分工表没有写明时必填）。")
@click.option("--requirements", help="“工作要求”一节的文字；默认依方案的进度安排生成，给空字符串则不写此节。")
@click.option("--titles-only", is_flag=True, help="通知中只列措施名称，不抄录措施全文。")
@click.option("--no-attachment", is_flag=True, help="通知不附任务分解清单表。")
@click.option("--per-department", is_flag=True, help="工作簿中为每个单位另加一张任务表。")
@click.option(
    "--no-forms", is_flag=True,
    help="不写各牵头单位的进展反馈表（上次写的作为不再生成的文件删除；raci track forms 可单独生成）。",
)  # fmt: skip
@click.option(
    "--expand-groups/--no-expand-groups",
    default=True,
    show_default=True,
    help="矩阵中集体（如各乡镇人民政府）按成员单位分列；--no-expand-groups 则整体分配的集体只占一列。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="同时写通知、反馈表和总表的进程数；默认每个 CPU 一个（仅 Linux），只有几项措施的方案 1 个 (processes)。",
)
@click.option(
    "--strict",
    is_flag=True,
    help="方案原文（.txt/.docx）中有一处无法识别即报错退出，不写文件；默认照常生成，并把每一处列为审计错误。",
)
def build(
    plan: Path | None,
    input_fmt: str | None,
    registry_path: Path | None,
    outdir: Path | None,
    date: dt.datetime | None,
    force: bool,
    template: Path | None,
    number: str | None,
    copies: str | None,
    title: str | None,
    issuer: str | None,
    requirements: str | None,
    titles_only: bool,
    no_attachment: bool,
    per_department: bool,
    no_forms: bool,
    expand_groups: bool,
    jobs: int | None,
    strict: bool,
) -> None:
    """生成 RACI 工作簿、任务分解总表、各单位任务分解通知和进展反馈表（有牵头领导时另写领导分工）。

    Write the RACI workbook, the summary table, one task notice per
    department and one feedback form per lead department. PLAN is a plan
    file: YAML (.yaml), a table (.csv, or .xlsx: a workbook raci build
    wrote, or an office's 任务分工表), or the plan's own text (.txt, .docx).
    Each passage of a text that raci import could not place is printed on
    stderr with its location before anything is written and listed as an
    error on the workbook's 审计问题 sheet (unread-passage); with --strict
    the first one refuses the plan instead. Without PLAN the bundled sample
    input/wutai.yaml is used. Files go to OUTPUT/<plan name>/. A workbook
    raci build wrote knows its plan: after an office edited
    output/wutai/责任分工矩阵.xlsx, building from it updates output/wutai/ in
    place (the workbook itself included, with the edits carried over).

    \b
    Example:
        raci build input/xinhuang.yaml -o output
        raci build input/wutai-2021-2025.txt --registry input/departments-wutai.yaml
    """
    from .pipeline import build as build_plan

    if number is not None and template is None:
        raise click.UsageError("--number 需与 --template 一起使用 (--number fills the template's document number)")
    with _NoticeProgress() as bar:
        result = build_plan(
            plan or _sample_plan(),
            outdir,
            fmt=input_fmt,
            registry=registry_path,
            date=date.date() if date else None,
            template=template,
            requirements=requirements,
            full_text=not titles_only,
            attachment=not no_attachment,
            per_department=per_department,
            expand_groups=expand_groups,
            jobs=jobs,
            force=force,
            strict=strict,
            progress=bar.update,
            notify=lambda line: click.echo(line, err=True),
            forms=not no_forms,
            copies=_split_names(copies),
            number=number,
            title=title,
            issuer=issuer,
        )
    for line in result.lines():
        click.echo(line)


class _NoticeProgress:
    """The notices' progress bar on stderr, opened once the build knows how many notices there are."""

    def __enter__(self) -> _NoticeProgress:
        self._bar: Any = None
        self._shown = 0
        return self

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="正在生成任务分解通知", file=sys.stderr).__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)


def _split_names(text: str | None) -> tuple[str, ...]:
    """Organs typed on the command line, separated by 、 ， , ； or ;, as typed (no plan wording to strip)."""
    return tuple(name.strip() for name in re.split(r"[、，,；;]", text or "") if name.strip())


# -- audit, workload, graph -----------------------------------------------------


def _width() -> int:
    """The terminal's width (``COLUMNS`` where set); 140 when the output is not a terminal."""
    return shutil.get_terminal_size((140, 24)).columns


@cli.command()
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@registry_option
@click.option(
    "--format", "out_fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="输出格式 (output format).",
)  # fmt: skip
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
    help="有此级别或更严重的问题时以退出码 3 结束。",
)  # fmt: skip
@click.option("--max-leads", type=click.IntRange(min=1), default=3, show_default=True, help="每项措施牵头单位上限。")
@click.option(
    "--max-cooperators", type=click.IntRange(min=0), default=15, show_default=True, help="每项措施配合单位上限。"
)
@click.option(
    "--ignore", "ignored", multiple=True, metavar="CODE",
    help="不检查此代码的问题，可多次给出（如 --ignore unassigned-guarantee）；代码见 docs/audit-codes.md。",
)  # fmt: skip
@input_format_option
@click.pass_context
def audit(
    ctx: click.Context,
    plan: Path,
    registry_path: Path | None,
    out_fmt: str,
    fail_on: str,
    max_leads: int,
    max_cooperators: int,
    ignored: tuple[str, ...],
    input_fmt: str | None,
) -> None:
    """审计任务分工：无人负责的措施、牵头与主责问题、单位名称、工作量。

    Audit the assignments of PLAN: measures without owners or leads, roles
    that do not add up, department names the registry does not know or that
    look alike, and departments carrying far more than the rest. Exits with 3
    when there are findings at or above --fail-on. Every code, its severity
    and what to do about it: docs/audit-codes.md.

    \b
    Example:
        raci audit input/wutai.yaml --registry input/departments-wutai.yaml
        raci audit input/xinhuang.yaml --fail-on warning --ignore unassigned-guarantee
    """
    from .audit import AuditConfig
    from .export.report import findings_json, findings_table
    from .findings import at_or_above
    from .pipeline import audit_findings, load

    try:
        config = AuditConfig(max_leads=max_leads, max_cooperators=max_cooperators, ignore=frozenset(ignored))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--ignore") from None
    findings = audit_findings(load(plan, fmt=input_fmt, registry=registry_path, strict=False), config)
    click.echo(findings_json(findings) if out_fmt == "json" else findings_table(findings, width=_width()), nl=False)
    if fail_on != "never" and at_or_above(findings, fail_on):
        ctx.exit(EXIT_AUDIT)


@cli.command()
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@registry_option
@click.option(
    "--sort", type=click.Choice(["leads", "total", "name"]), default="leads", show_default=True,
    help="排序：牵头数、合计或单位名称。",
)  # fmt: skip
@click.option(
    "--format", "out_fmt", type=click.Choice(["table", "json", "csv"]),
    help="输出格式 (output format)；默认按 -o 的扩展名，否则为 table。",
)  # fmt: skip
@click.option(
    "--top", type=click.IntRange(min=0), default=10, show_default=True, help="列出共同参与措施最多的单位组合数。"
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="写入文件而不是屏幕；.csv 文件带 UTF-8 BOM，Excel、WPS 可直接打开。",
)  # fmt: skip
@input_format_option
@force_option
def workload(
    plan: Path,
    registry_path: Path | None,
    sort: str,
    out_fmt: str | None,
    top: int,
    output: Path | None,
    input_fmt: str | None,
    force: bool,
) -> None:
    """各单位任务量：主责、牵头、配合措施数，占全部措施的比例，涉及章节，以及最常共同参与的单位组合。

    Per department: measures accountable (A), led (R), cooperated, their
    total and share of all measures, and the sections involved; then the
    department pairs that share the most measures. CSV has the table only.

    \b
    Example:
        raci workload input/xinhuang.yaml --sort total -o output/工作量.csv
    """
    from .pipeline import load, report_format, workload_report, write_report

    fmt = report_format(output, out_fmt)
    loaded = load(plan, fmt=input_fmt, registry=registry_path)
    text = workload_report(loaded, fmt=fmt, sort=sort, top=top, width=_width() if output is None else 140)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"已写入：{write_report(output, text, fmt=fmt, job='workload', force=force)}")


def _graph_file(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    from .export.network import GRAPH_FORMATS

    if value.suffix.lower() not in GRAPH_FORMATS:
        raise click.BadParameter(f"扩展名应为 {' 或 '.join(GRAPH_FORMATS)}，实为 '{value.suffix}'")
    return value


@cli.command()
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, callback=_graph_file,
    help="输出文件：.graphml 或 .gexf。",
)  # fmt: skip
@registry_option
@input_format_option
@force_option
def graph(plan: Path, output: Path, registry_path: Path | None, input_fmt: str | None, force: bool) -> None:
    """把措施—单位二分图写成 GraphML 或 GEXF，供 Gephi 等工具查看。

    Write the measure–department graph as GraphML or GEXF (chosen by the
    extension of --output). Nodes carry side (measure / department) and
    kind; edges carry the RACI role.

    \b
    Example:
        raci graph input/wutai.yaml -o output/wutai.graphml
    """
    from .export.network import write_network
    from .export.output_set import write_file
    from .pipeline import load

    network = load(plan, fmt=input_fmt, registry=registry_path).graph
    click.echo(f"已写入：{write_file(output, lambda staged: write_network(network, staged), job='graph', force=force)}")


@cli.command(name="import")
@click.argument("plan", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出的 YAML 文件；默认 output/<方案文件名>.yaml。",
)
@click.option("--strict", is_flag=True, help="遇到第一个无法识别之处即报错退出，不写文件。")
@force_option
@click.option(
    "--first-listed-leads",
    "listed",
    flag_value="first",
    help="“甲、乙、丙等负责”一类名单：列第一位者牵头，其余配合（方案未声明时默认为均牵头）。",
)
@click.option("--all-lead", "listed", flag_value="all", help="“甲、乙、丙等负责”一类名单：所列单位均为牵头单位。")
@click.option("--explain", is_flag=True, help="逐项列出决定牵头、配合单位的原文和所用规则，便于抽查。")
def import_(plan: Path, out: Path | None, strict: bool, force: bool, listed: str | None, explain: bool) -> None:
    """从实施方案正文（.txt / .docx）提取任务分工，写成 raci build 可读的 YAML。

    Read a plan's own text (.txt, .docx) and write the structured plan as
    YAML for raci build. Every passage that could not be placed is
    listed on stderr as "位置: 消息"; check those, and the YAML, against the
    plan before building. How lists such as 甲、乙、丙等按职责分工负责 were read
    (the plan's declaration, or the default and the measures it applied to)
    and the collectives kept whole are listed too. A re-import keeps the
    reading recorded under raci: listed_leads in the existing output.

    \b
    Example:
        raci import input/wutai-2021-2025.txt -o input/plan.yaml
        raci import tests/readers/plans/city_collectives.txt --first-listed-leads --explain -o output/city.yaml
    """
    from .export.import_report import explain_lines, import_summary, review_counts, written_line
    from .pipeline import import_plan_file

    result = import_plan_file(plan, out, strict=strict, force=force, listed=listed)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    for line in import_summary(result.reading):
        click.echo(line)
    if explain:
        for line in explain_lines(result.reading):
            click.echo(line)
    counts = review_counts(result.reading, result.findings)
    click.echo(written_line(result.path, len(result.plan.measures), counts))


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "style",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="终端输出格式：表格或 JSON。",
)
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="同时写出 变更.xlsx 和各单位的变更通知（变更通知/*.docx）到此目录。",
)
@date_option
@force_option
@input_format_option
@registry_option
def diff_command(
    old: Path,
    new: Path,
    style: str,
    outdir: Path | None,
    date: dt.datetime | None,
    force: bool,
    input_fmt: str | None,
    registry_path: Path | None,
) -> None:
    """比较方案的两个版本：措施增删改、各单位任务分工的变化。

    Compare two versions of a plan: measures added, removed, reworded or
    moved, and each department's gained, lost and changed roles. With -o,
    also write the changes as a workbook and one change notice for each
    department concerned. Both versions' names go through a registry first
    (--registry, else each version's own, as for raci build), so a plan and
    the workbook built from it compare equal.

    \b
    Example:
        raci diff input/wutai-2021-2025.txt input/wutai.yaml -o output/修订
        raci diff input/xinhuang-2021-2025.txt input/xinhuang.yaml --format json
    """
    from .diff import diff_plans
    from .export.change_notice import write_change_notices
    from .export.change_workbook import write_diff_workbook
    from .export.changes import dump_diff_json, format_diff_table
    from .export.output_set import OutputSet
    from .pipeline import load

    new_plan = load(new, fmt=input_fmt, registry=registry_path).plan
    changes = diff_plans(load(old, fmt=input_fmt, registry=registry_path).plan, new_plan)
    click.echo(
        dump_diff_json(changes) + "\n" if style == "json" else format_diff_table(changes, width=_width()), nl=False
    )
    if outdir is None:
        return
    with OutputSet(outdir, "diff", force=force, prune=True) as outputs:
        write_diff_workbook(changes, outputs.stage("变更.xlsx"))
        sent = write_change_notices(
            changes, outputs.staging / "变更通知", office=new_plan.office or new_plan.issuer,
            date=date.date() if date else None,
        )  # fmt: skip
        committed = outputs.commit()
    click.echo(f"已写入：{outputs.final('变更.xlsx')}", err=True)
    click.echo(f"已写入 {len(sent.written)} 份变更通知：{outputs.final('变更通知')}", err=True)
    for removed in committed.removed:
        click.echo(f"已删除本次不再生成的旧文件：{removed}", err=True)


@cli.command("merge")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="合并后的方案文件（YAML），可再交给 raci build、raci chart 等命令。",
)
@click.option(
    "--mode",
    type=click.Choice(["by-plan", "by-name"]),
    default="by-plan",
    show_default=True,
    help="by-plan：各方案的同名单位分开（五台县·县科协）；by-name：同名单位视为同一单位（只适合确属同一单位者，如市级单位）。",
)
@click.option(
    "--registry", "registry_path", type=click.Path(dir_okay=False, path_type=Path),
    help="单位登记表（YAML）：合并前各方案都按它统一单位名称；默认各方案用各自的登记表，如 raci build (registry).",
)  # fmt: skip
@force_option
def merge_command(plans: tuple[Path, ...], output: Path, mode: str, registry_path: Path | None, force: bool) -> None:
    """把多个方案合并为一个，并统计各单位跨方案的工作量。

    Merge several plans into one YAML plan: measures are namespaced by
    plan file name (wutai:3.1.1), sections prefixed with the plan's place.
    Each plan's names first go through its own registry, as raci build
    finds it (departments-wutai.yaml beside wutai.yaml), or through the one
    --registry given. by-plan (the default) keeps two counties' bodies
    apart; by-name counts equal names as one body and lists them. Prints
    the measures per plan, the names joined across plans and each
    department's workload across plans.

    \b
    Example:
        raci merge input/wutai.yaml input/xinhuang.yaml -o output/两县.yaml
    """
    from .export.merge_report import format_merge_report
    from .export.output_set import write_file
    from .export.plan_yaml import write_plan_yaml
    from .pipeline import merge

    if len(plans) < 2:
        raise click.UsageError("至少需要两个方案文件才能合并 (need two or more plans)")
    merged = merge(plans, mode=mode, registry=registry_path)
    write_file(output, lambda staged: write_plan_yaml(merged.plan, staged), job="merge", force=force)
    registries = [(key, choice.source) for key, choice in merged.registries]
    report = format_merge_report(
        merged.plan, merged.graph, mode=mode, registries=registries, disputed=merged.disputed, width=_width()
    )
    click.echo(report, nl=False)
    click.echo(f"已写入：{output}")


@cli.command("chart")
@plan_argument
@input_format_option
@registry_option
@output_folder_option
@click.option(
    "--kind",
    type=click.Choice(["workload", "heatmap", "network", "all"]),
    default="all",
    show_default=True,
    help="workload：部门工作量柱状图；heatmap：RACI 热力图；network：部门协作网络。",
)
@force_option
def chart(
    plan: Path | None, input_fmt: str | None, registry_path: Path | None, outdir: Path, kind: str, force: bool
) -> None:
    """画出部门工作量、RACI 热力图和部门协作网络（PNG）。

    Draw the workload bar chart, the RACI heat map and the department
    co-assignment network as PNG files in OUTPUT/<plan name>/, with
    department names resolved through the registry as raci audit does.
    Needs a font with Chinese glyphs (e.g. fonts-noto-cjk).

    \b
    Example:
        raci chart input/wutai.yaml --kind network
    """
    from .export.charts import CHART_FILES, KINDS, write_charts
    from .export.output_set import OutputSet
    from .pipeline import load, plan_folder

    path = plan or _sample_plan()
    graph = load(path, fmt=input_fmt, registry=registry_path).graph
    kinds = KINDS if kind == "all" else [kind]
    with OutputSet(plan_folder(outdir, path), "chart", root=outdir, force=force) as outputs:
        outputs.expect(CHART_FILES[k] for k in kinds)
        written = [outputs.final_of(p) for p in write_charts(graph, outputs.staging, kinds)]
        outputs.commit()
    for file in written:
        click.echo(f"已写入：{file}")


# The 督办 commands (raci track …) live in a module of their own and join the group here.
from .track.commands import track  # noqa: E402

cli.add_command(track)
