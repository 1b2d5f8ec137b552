"""What an auditor looks for, as data: measures nobody owns, roles that do not add up.

Findings are values, never printed here; the CLI renders them as a table or
JSON and the workbook lists them on its 审计问题 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .graph import measure_nodes
from .model import GUARANTEE_KIND, Plan
from .raci import is_accountable, is_lead

__all__ = ["ERROR", "INFO", "SEVERITY_LABELS", "WARNING", "Finding", "audit_plan"]

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Finding:
    """One problem an auditor should see, with where to look for it."""

    severity: str
    code: str
    message: str
    measure: str | None = None
    department: str | None = None
    location: str = ""


def audit_plan(plan: Plan, graph: nx.Graph) -> list[Finding]:
    """Audit the assignments of ``plan`` as built into ``graph``.

    Returns
    -------
    list of Finding
        In plan order: measures with no assignment (a warning for 保障措施,
        which plans leave unassigned by design, an error otherwise) and
        measures that have cooperators but no lead.
    """
    findings: list[Finding] = []
    sources = {m.id: str(m.source or "") for m in plan.measures}
    for measure in measure_nodes(graph):
        roles = [graph.edges[measure, d]["role"] for d in graph[measure]]
        node = graph.nodes[measure]
        working = [r for r in roles if r != "I"]
        if not working:
            severity = WARNING if node["kind"] == GUARANTEE_KIND else ERROR
            findings.append(
                Finding(
                    severity,
                    "unassigned",
                    f"措施“{node['title']}”未分配任何单位",
                    measure,
                    None,
                    sources[measure],
                )
            )
        elif not any(is_lead(r) for r in working):
            findings.append(
                Finding(ERROR, "no-lead", f"措施“{node['title']}”没有牵头单位", measure, None, sources[measure])
            )
        elif not any(is_accountable(r) for r in working) and plan.raci.first_lead_accountable:
            findings.append(
                Finding(
                    WARNING,
                    "no-accountable",
                    f"措施“{node['title']}”没有主责单位（A）",
                    measure,
                    None,
                    sources[measure],
                )
            )
    return findings
