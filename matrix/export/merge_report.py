"""What a merge produced, as text: measures per plan, departments shared, workload across plans.

The point of merging two counties by name is to see which kinds of body carry
the work everywhere; the report puts that first and the full workload table
after it, heaviest first.
"""

from __future__ import annotations

import networkx as nx

from ..graph import workload
from ..merge import BY_NAME, BY_PLAN, departments_by_plan, split_id
from ..model import GUARANTEE_KIND, Plan
from .text_table import format_table

__all__ = ["format_merge_report"]

_MODE_WORDS = {BY_NAME: "同名单位视为同一单位", BY_PLAN: "各方案的单位分别计算"}


def format_merge_report(merged: Plan, graph: nx.Graph, *, mode: str) -> str:
    """Counts per plan, the departments in several plans, and each department's workload.

    Parameters
    ----------
    merged
        From :func:`matrix.merge.merge_plans`.
    graph
        ``build_graph(merged)``.
    mode
        The mode the plans were merged in, named in the report.
    """
    per_plan: dict[str, list[int]] = {}
    for measure in merged.measures:
        counts = per_plan.setdefault(split_id(measure.id)[0], [0, 0])
        counts[0] += 1
        counts[1] += bool(measure.assignments)
    measures = merged.measures
    assigned = sum(1 for m in measures if m.assignments)
    guarantee = sum(1 for m in measures if not m.assignments and m.kind == GUARANTEE_KIND)
    presence = departments_by_plan(merged)
    shared = [d for d, keys in presence.items() if len(keys) > 1]
    lines = [
        f"合并 {len(per_plan)} 个方案（{'、'.join(per_plan)}），{_MODE_WORDS.get(mode, mode)}",
        f"措施 {len(measures)} 项：已分配 {assigned} 项，未分配 {len(measures) - assigned} 项"
        f"（其中保障措施 {guarantee} 项）",
        *(f"  {key}：{total} 项，已分配 {done} 项" for key, (total, done) in per_plan.items()),
        f"单位 {len(presence)} 个，其中出现在多个方案中的 {len(shared)} 个"
        + (f"：{'、'.join(shared)}" if shared else ""),
        "",
        "各单位工作量（按承担措施数从多到少）",
    ]
    loads = sorted(workload(graph), key=lambda w: (-w.total, -len(w.led)))
    rows = [
        (
            w.department,
            "、".join(presence.get(w.department, ())),
            len(w.accountable),
            len(w.led),
            len(w.cooperated),
            w.total,
        )
        for w in loads
        if w.total
    ]
    lines += format_table(("单位", "方案", "主责", "牵头", "配合", "合计"), rows)
    return "\n".join(lines)
