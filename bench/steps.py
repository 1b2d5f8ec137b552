"""The in-process steps, each run alone in a fresh child by :mod:`bench.run`.

A step has an untimed setup (generate the plan, build the graph, read the
content a baseline needs) and a timed action (write the files). The child
times the action ``repeat`` times with ``perf_counter``, notes its own peak
resident set size, then runs the action once more under ``tracemalloc`` for
the peak of Python memory the action itself allocates. Both wall and CPU
time are kept: on a shared machine CPU time is the steadier of the two, and
the ratios against the baselines use it. The traced run comes
last and is not timed: tracing slows allocation several-fold and its own
bookkeeping would inflate the resident set.

Run one step by hand::

    python -m bench.steps workbook --size 1000x100 --workdir /tmp/b --result /tmp/b/r.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.baselines import (
    docx_blocks,
    dump_openpyxl,
    dump_openpyxl_styled,
    dump_xlsxwriter,
    matrix_grid,
    workbook_sheets,
    write_docx_bare,
)
from bench.synthetic import plan_for
from matrix.audit import audit_plan
from matrix.graph import build_graph

__all__ = ["NOTICES", "NOTICE_DATE", "REPEAT_BUDGET", "STEPS", "WORKBOOK", "main", "measure_action"]

#: A fixed date on the notices, so every run writes the same documents.
NOTICE_DATE = dt.date(2025, 1, 1)
#: The period the collect step files its sheets under, and the 报送日期 the sheets carry (within it).
REPORT_PERIOD, REPORT_DATE = "2026-11", dt.date(2026, 11, 28)
#: When the collect step collects: after its period began and its sheets were dated, whatever the machine's clock says.
REPORT_NOW = dt.datetime(2026, 12, 1, 9)

#: What the workbook and notices steps write into the working folder, for the baselines to copy.
WORKBOOK = "workbook.xlsx"
NOTICES = "notices"

#: Seconds of timed runs after which a step is not repeated further.
REPEAT_BUDGET = 30.0

#: A step whose timed run took longer is not traced: tracing runs several times slower,
#: and the process peak (``max_rss``) already bounds the memory of a large step.
TRACE_LIMIT = 60.0

#: ``ru_maxrss`` is in kibibytes on Linux (bytes on macOS).
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024

Action = Callable[[], Any]


class Unavailable(Exception):
    """The code a step measures is not in this checkout (yet)."""


def _import_writer(module: str, name: str) -> Callable[..., Any]:
    try:
        imported = __import__(module, fromlist=[name])
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("matrix"):
            raise Unavailable(f"{module} is not in this checkout") from None
        raise
    return getattr(imported, name)


def _workbook(size: str, workdir: Path, _source: Path | None) -> tuple[Action, dict[str, Any]]:
    write_workbook = _import_writer("matrix.export.excel", "write_workbook")
    plan = plan_for(size)
    graph = build_graph(plan)
    findings = audit_plan(plan, graph)
    path = workdir / WORKBOOK
    return (lambda: write_workbook(plan, graph, path, findings=findings)), {"path": str(path)}


def _styled(_size: str, workdir: Path, source: Path | None) -> tuple[Action, dict[str, Any]]:
    if source is None or not source.is_file():
        raise Unavailable("no workbook to copy: run the workbook step first and pass --source")
    sheets = workbook_sheets(source)
    path = workdir / "openpyxl-styled.xlsx"
    return (lambda: dump_openpyxl_styled(sheets, path)), {"path": str(path)}


def _grid_step(dump: Callable[[Any, Path], None], name: str) -> Callable[..., tuple[Action, dict[str, Any]]]:
    def step(size: str, workdir: Path, _source: Path | None) -> tuple[Action, dict[str, Any]]:
        grid = matrix_grid(build_graph(plan_for(size)))
        path = workdir / f"{name}.xlsx"
        return (lambda: dump(grid, path)), {"path": str(path)}

    return step


def _notices(size: str, workdir: Path, _source: Path | None) -> tuple[Action, dict[str, Any]]:
    write_notices = _import_writer("matrix.export.word", "write_notices")
    plan = plan_for(size)
    graph = build_graph(plan)
    outdir = workdir / NOTICES
    info: dict[str, Any] = {"path": str(outdir)}

    def action() -> None:
        # One process, as the baseline writes: the ratio is per document, not per machine.
        info["documents"] = len(write_notices(plan, graph, outdir, date=NOTICE_DATE, workers=1).written)

    return action, info


def _docx(size: str, workdir: Path, source: Path | None) -> tuple[Action, dict[str, Any]]:
    if source is None or not source.is_dir():
        raise Unavailable("no notices to copy: run the notices step first and pass --source")
    contents = [docx_blocks(path) for path in sorted(source.glob("*.docx"))]
    if not contents:
        raise Unavailable(f"no .docx in {source}")
    outdir = workdir / "bare-docx"
    outdir.mkdir(parents=True, exist_ok=True)

    def action() -> None:
        for index, blocks in enumerate(contents):
            write_docx_bare(blocks, outdir / f"{index}.docx")

    return action, {"path": str(outdir), "documents": len(contents)}


def _forms(size: str, workdir: Path, _source: Path | None) -> tuple[Action, dict[str, Any]]:
    write_forms = _import_writer("matrix.track.forms", "write_forms")
    plan = plan_for(size)
    graph = build_graph(plan)
    outdir = workdir / "forms"
    info: dict[str, Any] = {"path": str(outdir)}

    def action() -> None:
        info["documents"] = len(write_forms(plan, graph, outdir, today=NOTICE_DATE).written)

    return action, info


def _collect(size: str, workdir: Path, source: Path | None) -> tuple[Action, dict[str, Any]]:
    """Every lead department's form filled in (untimed), then collected into a fresh store (timed)."""
    collect = _import_writer("matrix.track.collect", "collect")
    store_class = _import_writer("matrix.track.store", "Store")
    if source is None or not any(source.glob("*.xlsx")):
        raise Unavailable("no forms to fill in: run the forms step first and pass --source")
    from bench.feedback import fill_every_form

    plan = plan_for(size)
    graph = build_graph(plan)
    sheets = fill_every_form(source, workdir / "returned", day=REPORT_DATE)
    store_path = workdir / "督办记录.sqlite"
    info: dict[str, Any] = {"path": str(store_path), "documents": len(sheets)}

    def action() -> None:
        store_path.unlink(missing_ok=True)
        with store_class.open(store_path) as store:
            info["reports"] = collect(plan, graph, sheets, REPORT_PERIOD, store, now=REPORT_NOW).reports

    return action, info


#: Step name -> setup returning (timed action, facts about it).
STEPS: dict[str, Callable[..., tuple[Action, dict[str, Any]]]] = {
    "workbook": _workbook,
    "openpyxl": _grid_step(dump_openpyxl, "openpyxl"),
    "openpyxl_styled": _styled,
    "xlsxwriter": _grid_step(dump_xlsxwriter, "xlsxwriter"),
    "notices": _notices,
    "docx": _docx,
    "forms": _forms,
    "collect": _collect,
}


def measure_action(action: Action, repeat: int, budget: float = REPEAT_BUDGET) -> dict[str, Any]:
    """Time ``action`` up to ``repeat`` times, note the process peak, then trace one more run.

    Runs stop early once ``budget`` seconds have been spent timing, so that a
    step taking a minute is timed once or twice rather than holding the whole
    benchmark for a quarter of an hour; at least one run is always made.

    Returns
    -------
    dict
        ``samples`` (wall seconds per run), ``cpu_samples`` (CPU seconds of
        this process per run, which other load on the machine disturbs less), ``max_rss`` (bytes, the process peak
        before tracing, setup included) and, for a step whose timed run
        took under :data:`TRACE_LIMIT` seconds, ``tracemalloc_peak`` (bytes
        the action itself had allocated at most, at once).
    """
    samples: list[float] = []
    cpu_samples: list[float] = []
    while len(samples) < repeat and sum(samples) < budget:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu_samples.append(time.process_time() - start_cpu)
        samples.append(time.perf_counter() - start)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _MAXRSS_UNIT
    measured = {"samples": samples, "cpu_samples": cpu_samples, "max_rss": max_rss}
    if min(samples) > TRACE_LIMIT:
        return measured
    gc.collect()
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {**measured, "tracemalloc_peak": peak}


def main(argv: list[str] | None = None) -> int:
    """Run one step and write its measurements as JSON to ``--result``."""
    parser = argparse.ArgumentParser(description="Run one benchmark step in this process.")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--size", required=True, help="MEASURESxDEPARTMENTS, e.g. 1000x100, or province")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument(
        "--source",
        type=Path,
        help="for docx and openpyxl_styled: the notices or workbook to copy; for collect: the forms to fill in",
    )
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    try:
        action, info = STEPS[args.step](args.size, args.workdir, args.source)
    except Unavailable as exc:
        result: dict[str, Any] = {"skipped": str(exc)}
    else:
        result = {**measure_action(action, args.repeat), **info}
    args.result.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
