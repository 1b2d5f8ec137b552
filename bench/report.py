"""Turning raw measurements into ratios, per-cell costs, target checks and Markdown tables.

Pure functions over the result dictionary that :mod:`bench.run` assembles,
so the numbers in the JSON file, the printed table and the README are the
same numbers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PROVINCE_TARGETS",
    "SEED_BUILD_LIMIT",
    "TARGETS",
    "Target",
    "check_targets",
    "median_seconds",
    "summarise_size",
    "tables",
]

MIB = 1024 * 1024
#: The steps that run the project's own code; the others are baselines.
OURS = ("workbook", "notices", "build")
#: The size label of the province-wide merge (:data:`bench.synthetic.PROVINCE`).
PROVINCE = "province"


@dataclass(frozen=True)
class Target:
    """A promise about one size (or the seed plan), and whether this run kept it."""

    name: str
    at: str
    limit: float
    value: float | None
    unit: str

    @property
    def met(self) -> bool | None:
        """``None`` when the step could not be measured."""
        return None if self.value is None else self.value <= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "at": self.at,
            "limit": self.limit,
            "value": self.value,
            "unit": self.unit,
            "met": self.met,
        }


#: (name, key in the summary, limit, unit), checked at the largest N×M size.
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("workbook / styled openpyxl write-only, CPU", "workbook_vs_styled", 1.5, "×"),
    ("notices / bare python-docx, CPU per notice", "notices_vs_docx", 0.3, "×"),
    ("`raci build`, wall", "build_wall_s", 60, "s"),
    ("`raci build`, peak RSS", "build_rss_mib", 400, "MiB"),
)
#: The same, checked at the province-wide merge.
PROVINCE_TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("`raci build`, wall", "build_wall_s", 60, "s"),
    ("`raci build`, peak RSS", "build_rss_mib", 500, "MiB"),
)
#: The seed plan end to end, interpreter start included.
SEED_BUILD_LIMIT = 1.0


def median_seconds(step: dict[str, Any] | None, clock: str = "cpu") -> float | None:
    """The median of a step's timed runs by ``clock`` (``"cpu"`` or ``"wall"``); ``None`` if skipped."""
    key = "cpu_samples" if clock == "cpu" else "samples"
    if not step or key not in step:
        return None
    return statistics.median(step[key])


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _per_document(step: dict[str, Any] | None) -> float | None:
    seconds = median_seconds(step)
    return seconds / step["documents"] if seconds is not None and step.get("documents") else None


def summarise_size(measures: int, departments: int, assignments: int, steps: dict[str, Any]) -> dict[str, Any]:
    """Ratios, time per assignment and per notice, and the peak memory of one size's steps."""
    seconds = {name: median_seconds(step) for name, step in steps.items()}
    rss = [steps[name]["max_rss"] for name in OURS if "max_rss" in (steps.get(name) or {})]
    build = steps.get("build") or {}
    build_wall = median_seconds(build, "wall")
    documents = (steps.get("notices") or {}).get("documents")
    return {
        "workbook_vs_openpyxl": _ratio(seconds.get("workbook"), seconds.get("openpyxl")),
        "workbook_vs_styled": _ratio(seconds.get("workbook"), seconds.get("openpyxl_styled")),
        "workbook_vs_xlsxwriter": _ratio(seconds.get("workbook"), seconds.get("xlsxwriter")),
        "notices_per_document_s": _per_document(steps.get("notices")),
        "docx_per_document_s": _per_document(steps.get("docx")),
        "notices_vs_docx": _ratio(_per_document(steps.get("notices")), _per_document(steps.get("docx"))),
        "us_per_assignment": {name: s / assignments * 1e6 for name, s in seconds.items() if s is not None},
        "build_wall_s": build_wall,
        "build_wall_per_notice_s": build_wall / documents if build_wall is not None and documents else None,
        "build_rss_mib": build["max_rss"] / MIB if "max_rss" in build else None,
        "peak_rss_mib": max(rss) / MIB if rss else None,
    }


def _checked(size: dict[str, Any] | None, targets: tuple[tuple[str, str, float, str], ...], at: str) -> list[Target]:
    summary = size["summary"] if size else {}
    return [Target(name, at, limit, summary.get(key), unit) for name, key, limit, unit in targets]


def check_targets(sizes: list[dict[str, Any]], seed_build: dict[str, Any] | None) -> list[Target]:
    """The issue's targets: at the largest N×M size run, at the province, and on the seed plan."""
    grids = [size for size in sizes if size["label"] != PROVINCE]
    largest = max(grids, key=lambda size: size["cells"], default=None)
    province = next((size for size in sizes if size["label"] == PROVINCE), None)
    checks = _checked(largest, TARGETS, largest["label"] if largest else "largest N×M")
    checks += _checked(province, PROVINCE_TARGETS, PROVINCE)
    checks.append(Target("`raci build`, wall", "seed plan", SEED_BUILD_LIMIT, median_seconds(seed_build, "wall"), "s"))
    return checks


def _s(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}g}"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _mib(step: dict[str, Any] | None, key: str = "max_rss") -> str:
    return "–" if not step or key not in step else f"{step[key] / MIB:.0f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _workbook_table(sizes: list[dict[str, Any]]) -> str:
    rows = []
    for size in sizes:
        steps, summary = size["steps"], size["summary"]
        per_assignment = summary["us_per_assignment"]
        rows.append(
            [
                size["label"],
                f"{size['assignments']:,}",
                _s(median_seconds(steps.get("workbook"))),
                _s(median_seconds(steps.get("openpyxl"))),
                _x(summary["workbook_vs_openpyxl"]),
                _s(median_seconds(steps.get("openpyxl_styled"))),
                _x(summary["workbook_vs_styled"]),
                _s(median_seconds(steps.get("xlsxwriter"))),
                _x(summary["workbook_vs_xlsxwriter"]),
                _s(per_assignment.get("workbook")),
                _s(per_assignment.get("openpyxl_styled")),
                f"{_mib(steps.get('workbook'), 'tracemalloc_peak')} / {_mib(steps.get('workbook'))}",
            ]
        )
    header = [
        "size",
        "assignments",
        "ours CPU s",
        "plain openpyxl CPU s",
        "ours/plain",
        "styled openpyxl CPU s",
        "ours/styled",
        "XlsxWriter CPU s",
        "ours/XlsxWriter",
        "ours µs/assignment",
        "styled µs/assignment",
        "ours MiB traced / RSS",
    ]
    return _table(header, rows)


def _notices_table(sizes: list[dict[str, Any]]) -> str:
    rows = []
    for size in sizes:
        steps, summary = size["steps"], size["summary"]
        notices = steps.get("notices") or {}
        per_doc, bare = summary["notices_per_document_s"], summary["docx_per_document_s"]
        rows.append(
            [
                size["label"],
                str(notices.get("documents", "–")),
                f"{size['assignments']:,}",
                _s(median_seconds(notices or None)),
                _s(per_doc * 1e3 if per_doc is not None else None),
                _s(bare * 1e3 if bare is not None else None),
                _x(summary["notices_vs_docx"]),
                _s(summary["us_per_assignment"].get("notices")),
                f"{_mib(steps.get('notices'), 'tracemalloc_peak')} / {_mib(steps.get('notices'))}",
            ]
        )
    header = [
        "size",
        "notices",
        "assignments",
        "ours CPU s",
        "ours ms/notice",
        "python-docx ms/notice",
        "ours/python-docx",
        "ours µs/assignment",
        "ours MiB traced / RSS",
    ]
    return _table(header, rows)


def _track_table(sizes: list[dict[str, Any]]) -> str:
    rows = []
    for size in sizes:
        steps = size["steps"]
        forms, collect = steps.get("forms") or {}, steps.get("collect") or {}
        seconds = median_seconds(collect or None)
        sheets, reports = collect.get("documents"), collect.get("reports")
        rows.append(
            [
                size["label"],
                str(forms.get("documents", "–")),
                _s(median_seconds(forms or None)),
                f"{_mib(forms or None, 'tracemalloc_peak')} / {_mib(forms or None)}",
                str(sheets or "–"),
                f"{reports:,}" if reports else "–",
                _s(seconds),
                _s(seconds / sheets * 1e3 if seconds is not None and sheets else None),
                _s(seconds / reports * 1e6 if seconds is not None and reports else None),
                f"{_mib(collect or None, 'tracemalloc_peak')} / {_mib(collect or None)}",
            ]
        )
    header = [
        "size",
        "forms",
        "forms CPU s",
        "forms MiB traced / RSS",
        "sheets collected",
        "reports",
        "collect CPU s",
        "collect ms/sheet",
        "collect µs/report",
        "collect MiB traced / RSS",
    ]
    return _table(header, rows)


def _commands_table(sizes: list[dict[str, Any]], seed: dict[str, Any]) -> str:
    rows = []
    named = [(f"`raci {name}` on the Wutai seed", step, None) for name, step in seed.items()]
    named += [
        (f"`raci build` on synthetic {size['label']}", size["steps"].get("build"), size["summary"]) for size in sizes
    ]
    for name, step, summary in named:
        wall, cpu = median_seconds(step, "wall"), median_seconds(step)
        per_notice = summary.get("build_wall_per_notice_s") if summary else None
        rows.append([name, _s(wall), _s(cpu), _mib(step), _s(per_notice * 1e3 if per_notice else None), _reason(step)])
    return _table(["command (fresh process)", "wall s", "CPU s", "peak RSS MiB", "wall ms/notice", "note"], rows)


def _reason(step: dict[str, Any] | None) -> str:
    return step.get("skipped", "") if step else ""


def _targets_table(targets: list[dict[str, Any]]) -> str:
    rows = []
    for t in targets:
        value = "–" if t["value"] is None else f"{t['value']:.3g} {t['unit']}"
        verdict = {True: "met", False: "**missed**", None: "not measured"}[t["met"]]
        rows.append([t["name"], t["at"], f"≤ {t['limit']:g} {t['unit']}", value, verdict])
    return "Targets:\n\n" + _table(["target", "at", "limit", "measured", ""], rows)


def _machine_line(machine: dict[str, Any]) -> str:
    load = machine.get("load_before"), machine.get("load_after")
    shown = " → ".join(f"{values[0]:.2f}" for values in load if values) or "unknown"
    return (
        f"Python {machine['python']}, {machine['cpus']} CPUs, {machine['platform']}; openpyxl {machine['openpyxl']}, "
        f"python-docx {machine['python-docx']}, networkx {machine['networkx']}; 1-minute load {shown} "
        "(wall times are only meaningful on an idle machine)"
    )


def tables(results: dict[str, Any]) -> str:
    """The whole report as Markdown: machine, workbook, notices, commands and targets."""
    sizes = results["sizes"]
    return "\n\n".join(
        [
            _machine_line(results["machine"]),
            "Workbook (median CPU time of the timed runs; MiB: tracemalloc peak of the write / process peak RSS):\n\n"
            + _workbook_table(sizes),
            "Notices, one .docx per department, in one process:\n\n" + _notices_table(sizes),
            "督办: a feedback form per lead department, then every form filled in and collected into a fresh store"
            " in one transaction:\n\n" + _track_table(sizes),
            "Commands, wall time including interpreter start and imports:\n\n"
            + _commands_table(sizes, results["seed"]),
            _targets_table(results["targets"]),
        ]
    )
