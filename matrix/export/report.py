"""Audit findings and workload as text a person reads or a program parses.

Every function returns a string and writes nothing: the CLI prints it, a
test compares it. Tables are drawn by :mod:`.text_table`, so the columns
stay aligned in a terminal where a Chinese character is two columns wide.
Labels are Chinese, as the offices that read the report expect; JSON keys
are English, as the programs that parse it expect.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from ..audit import code_label
from ..findings import SEVERITIES, SEVERITY_LABELS, Finding
from ..graph import SharedMeasures, WorkloadRow
from ..workbook_layout import FINDINGS_HEADER, WORKLOAD_HEADER
from .text_table import render, table

__all__ = [
    "PAIR_COLUMNS",
    "findings_json",
    "findings_table",
    "workload_csv",
    "workload_json",
    "workload_table",
]

#: Findings columns whose lines are never broken: a code and a location are looked up, not read.
_UNBROKEN_COLUMNS = ("级别", "代码", "位置")
#: Column labels of the co-assignment table.
PAIR_COLUMNS: tuple[str, ...] = ("单位", "单位", "共同参与措施数")


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


#: Below this many columns the findings are listed one under another: a table would leave the
#: explanation a column a few characters wide.
NARROW = 120


def findings_table(findings: Sequence[Finding], *, width: int = 120) -> str:
    """The findings with a count line, for a terminal or a log: a table, or a list when ``width`` is narrow.

    An empty list gives one line saying nothing was found, so that a clean
    audit is visibly clean rather than silent. A location is never broken
    across lines (one location a line) while the terminal is wider than it.
    """
    counts = _counts(findings)
    summary = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in SEVERITIES)
    if not findings:
        return "审计未发现问题。\n"
    title = f"审计发现 {len(findings)} 个问题（{summary}）"
    if width < NARROW:
        return render([Text(title), *(part for f in findings for part in _finding_lines(f))], width)
    rows = (
        (
            SEVERITY_LABELS.get(f.severity, f.severity),
            code_label(f.code),
            f.code,
            f.measure or "",
            f.department or "",
            f.message,
            "\n".join(_locations(f)),
        )
        for f in findings
    )
    return render([table(title, FINDINGS_HEADER, rows, unbroken=_UNBROKEN_COLUMNS)], width)


def _locations(finding: Finding) -> list[str]:
    """The places a finding names (several are joined with ；)."""
    return [part for part in (finding.location or "").split("；") if part]


def _finding_lines(finding: Finding) -> Iterator[RenderableType]:
    """One finding as a few lines: level, problem, code, measure and department; each location; the explanation."""
    head = [SEVERITY_LABELS.get(finding.severity, finding.severity), code_label(finding.code), finding.code]
    named = zip(("措施", "单位"), (finding.measure, finding.department), strict=True)
    head += [f"{label}：{value}" for label, value in named if value]
    yield Text("")
    yield Text("  ".join(head), no_wrap=True, overflow="fold")
    for location in _locations(finding):
        yield Padding(Text(f"位置：{location}", no_wrap=True, overflow="fold"), (0, 0, 0, 2))
    yield Padding(Text(finding.message), (0, 0, 0, 2))


def findings_json(findings: Sequence[Finding]) -> str:
    """The findings as JSON: ``{"counts": {...}, "findings": [{severity, code, measure, ...}]}``.

    Keys are the :class:`~matrix.findings.Finding` fields; ``null`` where a
    finding has no measure or department.
    """
    data = {"counts": _counts(findings), "findings": [asdict(f) for f in findings]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _workload_cells(row: WorkloadRow) -> tuple[str, ...]:
    return (
        row.department,
        row.kind,
        str(row.accountable),
        str(row.leads),
        str(row.cooperates),
        str(row.total),
        f"{row.share:.0%}",
        "、".join(row.sections),
    )


def workload_table(rows: Sequence[WorkloadRow], pairs: Sequence[SharedMeasures], *, width: int = 120) -> str:
    """The workload table and, below it, the department pairs that share the most measures."""
    tables = [table("各单位任务量", WORKLOAD_HEADER, (_workload_cells(r) for r in rows))]
    if pairs:
        tables.append(
            table(
                "共同参与措施最多的单位组合",
                PAIR_COLUMNS,
                ((p.first, p.second, str(p.shared)) for p in pairs),
            )
        )
    return render(tables, width)


def workload_json(rows: Sequence[WorkloadRow], pairs: Sequence[SharedMeasures], measures: int) -> str:
    """Workload and co-assignment as JSON: ``{"measures", "departments": [...], "pairs": [...]}``."""
    data = {
        "measures": measures,
        "departments": [asdict(r) for r in rows],
        "pairs": [asdict(p) for p in pairs],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def workload_csv(rows: Sequence[WorkloadRow]) -> str:
    """The workload table as CSV with the Chinese headers of :data:`WORKLOAD_HEADER`.

    The share is written as a number (0.25), not as text (25%), so that a
    spreadsheet can sum and sort it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(WORKLOAD_HEADER)
    for row in rows:
        cells = list(_workload_cells(row))
        cells[6] = f"{row.share:.4f}"
        writer.writerow(cells)
    return buffer.getvalue()
