"""Audit findings and workload as text a person reads or a program parses.

Every function returns a string and writes nothing: the CLI prints it, a
test compares it. Tables are drawn with rich, which measures Chinese
characters as two columns wide, so the columns stay aligned in a terminal.
Labels are Chinese, as the offices that read the report expect; JSON keys
are English, as the programs that parse it expect.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..findings import SEVERITIES, SEVERITY_LABELS, Finding
from ..graph import SharedMeasures, WorkloadRow

__all__ = [
    "FINDING_COLUMNS",
    "PAIR_COLUMNS",
    "WORKLOAD_COLUMNS",
    "findings_json",
    "findings_table",
    "workload_csv",
    "workload_json",
    "workload_table",
]

#: Column labels of the findings table, in order.
FINDING_COLUMNS: tuple[str, ...] = ("级别", "代码", "措施", "单位", "说明", "位置")
#: Column labels of the workload table and CSV, in order.
WORKLOAD_COLUMNS: tuple[str, ...] = (
    "单位", "类别", "主责数（A）", "牵头数（R）", "配合数", "合计", "占比", "涉及章节",
)  # fmt: skip
#: Column labels of the co-assignment table.
PAIR_COLUMNS: tuple[str, ...] = ("单位", "单位", "共同参与措施数")


def _render(tables: Iterable[Table], width: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False)
    for table in tables:
        console.print(table)
    return buffer.getvalue()


def _table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(value) for value in row))
    return table


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES}


def findings_table(findings: Sequence[Finding], *, width: int = 120) -> str:
    """The findings as a table with a count line, for a terminal or a log.

    An empty list gives one line saying nothing was found, so that a clean
    audit is visibly clean rather than silent.
    """
    counts = _counts(findings)
    summary = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in SEVERITIES)
    if not findings:
        return "审计未发现问题。\n"
    rows = (
        (
            SEVERITY_LABELS.get(f.severity, f.severity),
            f.code,
            f.measure or "",
            f.department or "",
            f.message,
            f.location,
        )
        for f in findings
    )
    return _render([_table(f"审计发现 {len(findings)} 个问题（{summary}）", FINDING_COLUMNS, rows)], width)


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
    tables = [_table("各单位任务量", WORKLOAD_COLUMNS, (_workload_cells(r) for r in rows))]
    if pairs:
        tables.append(
            _table(
                "共同参与措施最多的单位组合",
                PAIR_COLUMNS,
                ((p.first, p.second, str(p.shared)) for p in pairs),
            )
        )
    return _render(tables, width)


def workload_json(rows: Sequence[WorkloadRow], pairs: Sequence[SharedMeasures], measures: int) -> str:
    """Workload and co-assignment as JSON: ``{"measures", "departments": [...], "pairs": [...]}``."""
    data = {
        "measures": measures,
        "departments": [asdict(r) for r in rows],
        "pairs": [asdict(p) for p in pairs],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def workload_csv(rows: Sequence[WorkloadRow]) -> str:
    """The workload table as CSV with the Chinese headers of :data:`WORKLOAD_COLUMNS`.

    The share is written as a number (0.25), not as text (25%), so that a
    spreadsheet can sum and sort it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(WORKLOAD_COLUMNS)
    for row in rows:
        cells = list(_workload_cells(row))
        cells[6] = f"{row.share:.4f}"
        writer.writerow(cells)
    return buffer.getvalue()
