"""Findings: what an auditor should look at, as plain values.

Kept apart from :mod:`matrix.audit` because two stages produce them: name
resolution (:mod:`matrix.registry`) reports aliases and near-duplicates,
and the audit reports everything about roles and workload. Both must speak
the same type without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "SHOWN_IDS",
    "WARNING",
    "Finding",
    "at_or_above",
    "id_list",
]

ERROR = "error"
WARNING = "warning"
INFO = "info"
#: Severities from the most to the least serious.
SEVERITIES: tuple[str, ...] = (ERROR, WARNING, INFO)
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
#: A finding lists at most this many measure ids, then how many there are: a county plan's lists
#: stay whole, while a finding is one cell of the 审计问题 sheet (32,767 characters at most) and in
#: a plan of 10,000 measures one department's name is written by thousands of them.
SHOWN_IDS = 100


def id_list(ids: Sequence[str], most: int = SHOWN_IDS) -> str:
    """The ids joined by 、, or the first ``most`` of them and how many there are in all.

    Examples
    --------
    >>> id_list(["3.1.1", "3.2.1"])
    '3.1.1、3.2.1'
    >>> id_list([str(n) for n in range(1, 31)], most=12)
    '1、2、3、4、5、6、7、8、9、10、11、12 等 30 项'
    """
    shown = "、".join(ids[:most])
    return shown + (f" 等 {len(ids)} 项" if len(ids) > most else "")


@dataclass(frozen=True)
class Finding:
    """One problem an auditor should see, with where to look for it.

    ``measure`` and ``department`` are ids (measure id, canonical or written
    department name) so that a finding can be joined back to the graph;
    ``location`` is the human pointer (``plan.yaml:40``), possibly several
    joined by ``；`` when a finding compares two places.
    """

    severity: str
    code: str
    message: str
    measure: str | None = None
    department: str | None = None
    location: str = ""


def at_or_above(findings: Iterable[Finding], severity: str) -> list[Finding]:
    """The findings at least as serious as ``severity``.

    The CLI's ``--fail-on`` threshold uses this, so that "fail on warning"
    also fails on errors.

    Raises
    ------
    ValueError
        If ``severity`` is not one of :data:`SEVERITIES`.

    Examples
    --------
    >>> found = [Finding(INFO, "x", ""), Finding(ERROR, "y", "")]
    >>> [f.code for f in at_or_above(found, WARNING)]
    ['y']
    """
    if severity not in SEVERITIES:
        raise ValueError(f"未知的级别 '{severity}'，应为 {' / '.join(SEVERITIES)} 之一 (unknown severity)")
    limit = SEVERITIES.index(severity)
    return [f for f in findings if f.severity in SEVERITIES and SEVERITIES.index(f.severity) <= limit]
