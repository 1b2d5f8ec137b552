"""Benchmark: the workbook, the notices and the command line, from a county to a province.

Every step runs in a fresh process (see :mod:`bench.process`); the in-process
steps are defined in :mod:`bench.steps`, the baselines in
:mod:`bench.baselines`, the tables and target checks in :mod:`bench.report`.
Results go to ``output/bench.json`` and a Markdown table to standard output.

Usage::

    python bench/run.py                          # 40x30, 1000x100, 10000x300 and the province; 3 runs each
    python bench/run.py --sizes 20x10 --quick    # one run of everything, seconds
    python bench/run.py --sizes province --quick # the province-wide merge alone
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script, ``python bench/run.py``: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import click

from bench.process import ChildRun, run_child
from bench.report import check_targets, summarise_size, tables
from bench.steps import NOTICE_DATE, NOTICES, REPEAT_BUDGET, WORKBOOK
from bench.synthetic import PROVINCE, check_label
from matrix.export.atomic import write_text_atomic

__all__ = ["DEFAULT_SIZES", "ROOT", "main", "run_benchmark"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = f"40x30,1000x100,10000x300,{PROVINCE}"
#: In-process steps in the order they run.
IN_PROCESS = (
    "workbook", "openpyxl", "openpyxl_styled", "xlsxwriter", "notices", "docx", "forms", "collect"
)  # fmt: skip
#: Steps that read what an earlier step wrote: the workbook and the notices the bare writers copy,
#: the forms departments fill in.
_SOURCES = {"openpyxl_styled": WORKBOOK, "docx": NOTICES, "collect": "forms"}
#: Steps left out at a size, and why: copying 4,700 notices into bare python-docx takes minutes
#: and says nothing the 10000x300 ratio does not; the same for filling in thousands of forms.
_AT_GRID_SIZES = "not run at the province size (measured at the N×M sizes)"
_LEFT_OUT = {PROVINCE: dict.fromkeys(("docx", "forms", "collect"), _AT_GRID_SIZES)}
SEED_TEXT = "wutai-2021-2025.txt"
SEED_PLAN = ROOT / "input" / "wutai.yaml"


def _seed_text() -> Path | None:
    """The Wutai seed text: the shared original in ``shared/seeds`` above the checkout, else the bundled copy."""
    folders = [base / "shared" / "seeds" for base in ROOT.parents] + [ROOT / "input"]
    return next((folder / SEED_TEXT for folder in folders if (folder / SEED_TEXT).exists()), None)


def _in_process(step: str, size: str, repeat: int, workdir: Path) -> dict[str, Any]:
    result = workdir / f"{step}.json"
    command = [sys.executable, "-m", "bench.steps", step, "--size", size, "--repeat", str(repeat)]
    command += ["--workdir", str(workdir), "--result", str(result)]
    if step in _SOURCES:
        command += ["--source", str(workdir / _SOURCES[step])]
    child = run_child(command, cwd=ROOT)
    return {**json.loads(result.read_text(encoding="utf-8")), "child_wall": child.wall}


def _command(arguments: list[str], repeat: int) -> dict[str, Any]:
    """Run ``python -m matrix ARGUMENTS`` up to ``repeat`` times, each in a fresh process.

    Like the in-process steps, repeating stops once :data:`REPEAT_BUDGET` seconds are spent.
    """
    runs: list[ChildRun] = []
    while len(runs) < repeat and sum(run.wall for run in runs) < REPEAT_BUDGET:
        runs.append(run_child([sys.executable, "-m", "matrix", *arguments], cwd=ROOT))
    return {
        "command": ["raci", *arguments],
        "samples": [run.wall for run in runs],
        "cpu_samples": [run.cpu for run in runs],
        "max_rss": max(run.max_rss for run in runs),
    }


def _has_command(name: str) -> bool:
    from matrix.cli import cli

    return name in cli.commands


#: What ``raci build`` imports to write its files.
_WRITERS = ("matrix.export.excel", "matrix.export.word")


def _build(plan: Path, outdir: Path, repeat: int) -> dict[str, Any]:
    missing = [name for name in _WRITERS if importlib.util.find_spec(name) is None]
    if missing:
        return {"skipped": f"{', '.join(missing)} not in this checkout"}
    return _command(["build", str(plan), "-o", str(outdir), "--date", NOTICE_DATE.isoformat()], repeat)


def _seed(workdir: Path, repeat: int) -> dict[str, Any]:
    """``raci build`` and ``raci import`` on the Wutai seed, or why they could not run."""
    seed: dict[str, Any] = {}
    if not SEED_PLAN.exists():
        seed["build"] = {"skipped": f"{SEED_PLAN.relative_to(ROOT)} is not in this checkout"}
    else:
        seed["build"] = _build(SEED_PLAN, workdir / "seed-build", repeat)
    text = _seed_text()
    if text is None:
        seed["import"] = {"skipped": f"seed text {SEED_TEXT} not found"}
    elif not _has_command("import"):
        seed["import"] = {"skipped": "`raci import` is not in this checkout"}
    else:
        seed["import"] = _command(["import", str(text), "-o", str(workdir / "seed-import" / "wutai.yaml")], repeat)
    return seed


def _plan_file(label: str, path: Path) -> dict[str, int]:
    """Write the plan of ``label`` to ``path`` in a child process; return its counts.

    Not in this process: a child's peak resident set size is never below its
    parent's when it was started (Linux counts the pages the child held
    before it ran the new program), so a parent that had built a province
    would report every later command as taking at least as much memory.
    """
    command = [sys.executable, "-m", "bench.synthetic", label, str(path)]
    written = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(written.stdout)


def _size(label: str, repeat: int, workdir: Path, echo) -> dict[str, Any]:
    workdir.mkdir(parents=True)
    plan_path = workdir / f"synthetic-{label}.yaml"
    counts = _plan_file(label, plan_path)
    measures, departments, assignments = counts["measures"], counts["departments"], counts["assignments"]
    steps: dict[str, Any] = {}
    for step in IN_PROCESS:
        if step in _LEFT_OUT.get(label, {}):
            steps[step] = {"skipped": _LEFT_OUT[label][step]}
            continue
        echo(f"  {label}: {step}")
        steps[step] = _in_process(step, label, repeat, workdir)
    echo(f"  {label}: raci build")
    steps["build"] = _build(plan_path, workdir / "build", repeat)
    return {
        "label": label,
        **counts,
        "steps": steps,
        "summary": summarise_size(measures, departments, assignments, steps),
    }


def _machine() -> dict[str, Any]:
    versions = {name: metadata.version(name) for name in ("openpyxl", "XlsxWriter", "python-docx", "networkx")}
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": cpus, **versions}


def _load() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine skews wall times."""
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else None


def run_benchmark(sizes: list[str], repeat: int, echo=lambda _line: None) -> dict[str, Any]:
    """Measure every step at every size and on the seed; return the results as plain data."""
    load_before = _load()
    # Compile once up front so that no timed process pays for writing bytecode.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "matrix", "bench"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory(prefix="raci-bench-") as scratch:
        measured = []
        for label in sizes:
            measured.append(_size(label, repeat, Path(scratch) / label, echo))
        echo("  seed: raci build, raci import")
        seed = _seed(Path(scratch) / "seed", repeat)
    return {
        "machine": {**_machine(), "load_before": load_before, "load_after": _load()},
        "repeat": repeat,
        "sizes": measured,
        "seed": seed,
        "targets": [t.as_dict() for t in check_targets(measured, seed.get("build"))],
    }


def _sizes(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    labels = [part.strip() for part in value.split(",") if part.strip()]
    for label in labels:
        try:
            check_label(label)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    if not labels:
        raise click.BadParameter("give at least one size, e.g. 40x30")
    return labels


@click.command()
@click.option(
    "--sizes", default=DEFAULT_SIZES, show_default=True, callback=_sizes, help=f"MEASURESxDEPARTMENTS or {PROVINCE},…"
)
@click.option("--repeat", type=click.IntRange(min=1), default=3, show_default=True, help="Timed runs per step.")
@click.option("--quick", is_flag=True, help="One timed run per step (same as --repeat 1).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=ROOT / "output" / "bench.json",
    show_default=True,
    help="Where to write the results as JSON.",
)
def main(sizes: list[str], repeat: int, quick: bool, output: Path) -> None:
    """Time the workbook, notices and commands against bare-library baselines.

    \b
    Example:
        python bench/run.py --sizes 40x30,1000x100,10000x300,province
    """
    results = run_benchmark(sizes, 1 if quick else repeat, echo=lambda line: click.echo(line, err=True))
    write_text_atomic(output, json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    click.echo(tables(results))
    click.echo(f"\nResults written to {output}")


if __name__ == "__main__":
    main()
