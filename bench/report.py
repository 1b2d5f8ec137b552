"""Turning raw measurements into ratios, per-cell costs, target checks and Markdown tables.

Pure functions over the result dictionary that :mod:`bench.run` assembles,
so the numbers in the JSON file, the printed table and the README are the
same numbers.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

__all__ = ["TARGETS", "Target", "check_targets", "median_seconds", "summarise_size", "tables"]

MIB = 1024 * 1024
#: The steps that run the project's own code; the others are baselines.
OURS = ("workbook", "notices", "build")


@dataclass(frozen=True)
class Target:
    """A promise about the largest size, and whether this run kept it."""

    name: str
    limit: float
    value: float | None
    unit: str

    @property
    def met(self) -> bool | None:
        """``None`` when the step could not be measured."""
        return None if self.value is None else self.value <= self.limit

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "limit": self.limit, "value": self.value, "unit": self.unit, "met": self.met}


#: (name, key in the summary, limit, unit), checked at the largest size.
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("workbook / bare openpyxl write-only", "workbook_vs_openpyxl", 1.3, "×"),
    ("notices / bare python-docx, per document", "notices_vs_docx", 1.2, "×"),
    ("peak RSS of our steps (workbook, notices, build)", "peak_rss_mib", 1024, "MiB"),
)
#: The seed plan end to end, interpreter start included.
SEED_BUILD_LIMIT = 2.0


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
    """Ratios, time per cell and the peak memory of one size's steps."""
    cells = measures * departments
    seconds = {name: median_seconds(step) for name, step in steps.items()}
    rss = [steps[name]["max_rss"] for name in OURS if "max_rss" in (steps.get(name) or {})]
    return {
        "workbook_vs_openpyxl": _ratio(seconds.get("workbook"), seconds.get("openpyxl")),
        "workbook_vs_openpyxl_bordered": _ratio(seconds.get("workbook"), seconds.get("openpyxl_bordered")),
        "workbook_vs_xlsxwriter": _ratio(seconds.get("workbook"), seconds.get("xlsxwriter")),
        "notices_per_document_s": _per_document(steps.get("notices")),
        "docx_per_document_s": _per_document(steps.get("docx")),
        "notices_vs_docx": _ratio(_per_document(steps.get("notices")), _per_document(steps.get("docx"))),
        "us_per_cell": {name: s / cells * 1e6 for name, s in seconds.items() if s is not None},
        "us_per_assignment": {name: s / assignments * 1e6 for name, s in seconds.items() if s is not None},
        "peak_rss_mib": max(rss) / MIB if rss else None,
    }


def check_targets(size: dict[str, Any] | None, seed_build: dict[str, Any] | None) -> list[Target]:
    """The issue's targets, measured at ``size`` (the largest run) and on the seed plan."""
    summary = size["summary"] if size else {}
    checks = [Target(name, limit, summary.get(key), unit) for name, key, limit, unit in TARGETS]
    checks.append(Target("seed plan `raci build`, wall", SEED_BUILD_LIMIT, median_seconds(seed_build, "wall"), "s"))
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
        per_cell = summary["us_per_cell"]
        rows.append(
            [
                size["label"],
                f"{size['cells']:,}",
                _s(median_seconds(steps.get("workbook"))),
                _s(median_seconds(steps.get("openpyxl"))),
                _x(summary["workbook_vs_openpyxl"]),
                _s(median_seconds(steps.get("openpyxl_bordered"))),
                _x(summary["workbook_vs_openpyxl_bordered"]),
                _s(median_seconds(steps.get("xlsxwriter"))),
                _x(summary["workbook_vs_xlsxwriter"]),
                _s(per_cell.get("workbook")),
                _s(per_cell.get("openpyxl")),
                f"{_mib(steps.get('workbook'), 'tracemalloc_peak')} / {_mib(steps.get('workbook'))}",
            ]
        )
    header = [
        "size",
        "cells",
        "ours CPU s",
        "openpyxl CPU s",
        "ours/openpyxl",
        "bordered openpyxl CPU s",
        "ours/bordered",
        "XlsxWriter CPU s",
        "ours/XlsxWriter",
        "ours µs/cell",
        "openpyxl µs/cell",
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
        "ours ms/doc",
        "python-docx ms/doc",
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
    named = [(f"`raci {name}` on the Wutai seed", step) for name, step in seed.items()]
    named += [(f"`raci build` on synthetic {size['label']}", size["steps"].get("build")) for size in sizes]
    for name, step in named:
        wall, cpu = median_seconds(step, "wall"), median_seconds(step)
        rows.append([name, _s(wall), _s(cpu), _mib(step), _reason(step)])
    return _table(["command (fresh process)", "wall s", "CPU s", "peak RSS MiB", "note"], rows)


def _reason(step: dict[str, Any] | None) -> str:
    return step.get("skipped", "") if step else ""


def _targets_table(targets: list[dict[str, Any]], at: str) -> str:
    rows = []
    for t in targets:
        value = "–" if t["value"] is None else f"{t['value']:.3g} {t['unit']}"
        verdict = {True: "met", False: "**missed**", None: "not measured"}[t["met"]]
        rows.append([t["name"], f"≤ {t['limit']:g} {t['unit']}", value, verdict])
    return f"Targets (ratios and memory at {at}):\n\n" + _table(["target", "limit", "measured", ""], rows)


def tables(results: dict[str, Any]) -> str:
    """The whole report as Markdown: workbook, notices, commands and targets."""
    sizes = results["sizes"]
    at = sizes[-1]["label"] if sizes else "–"
    return "\n\n".join(
        [
            "Workbook (median CPU time of the timed runs; MiB: tracemalloc peak of the write / process peak RSS):\n\n"
            + _workbook_table(sizes),
            "Notices, one .docx per department:\n\n" + _notices_table(sizes),
            "督办: a feedback form per lead department, then every form filled in and collected into a fresh store"
            " in one transaction:\n\n" + _track_table(sizes),
            "Commands, wall time including interpreter start and imports:\n\n"
            + _commands_table(sizes, results["seed"]),
            _targets_table(results["targets"], at),
        ]
    )
