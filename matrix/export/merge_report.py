"""What a merge produced, as text: measures per plan, departments shared, workload across plans.

The point of merging two counties by name is to see which kinds of body carry
the work everywhere; the report puts that first and the full workload table
after it, heaviest first.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from ..graph import workload
from ..merge import BY_NAME, BY_PLAN, departments_by_plan, joined_names, split_id
from ..model import GUARANTEE_KIND, Plan
from .text_table import render, table

__all__ = ["format_merge_report"]

_MODE_WORDS = {BY_NAME: "同名单位视为同一单位", BY_PLAN: "各方案的单位分别计算"}


def format_merge_report(
    merged: Plan,
    graph: nx.Graph,
    *,
    mode: str,
    registries: Sequence[tuple[str, str]] = (),
    disputed: Sequence[tuple[str, Sequence[str]]] = (),
    width: int = 120,
) -> str:
    """Counts per plan, the registry of each, the names joined across plans, and each department's workload.

    Parameters
    ----------
    merged
        From :func:`matrix.merge.merge_plans`.
    graph
        ``build_graph(merged)``.
    mode
        The mode the plans were merged in, named in the report.
    registries
        Each plan's key and the registry file its names went through (empty: none).
    disputed
        By name: spellings the plans' registries give to different bodies
        (:func:`matrix.merge.disputed_spellings`).
    width
        The terminal's width, which the workload table fits.
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
    lines = [
        f"合并 {len(per_plan)} 个方案（{'、'.join(per_plan)}），{_MODE_WORDS.get(mode, mode)}",
        *(
            f"  {key}：单位名称按{f'单位登记表 {source} 统一' if source else '原文（未找到单位登记表）'}"
            for key, source in registries
        ),
        f"措施 {len(measures)} 项：已分配 {assigned} 项，未分配 {len(measures) - assigned} 项"
        f"（其中保障措施 {guarantee} 项）",
        *(f"  {key}：{total} 项，已分配 {done} 项" for key, (total, done) in per_plan.items()),
        *_units(merged, presence, mode, disputed),
        "",
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
    columns = ("单位", "方案", "主责", "牵头", "配合", "合计")
    return render([*lines, table("各单位工作量（按承担措施数从多到少）", columns, rows)], width)


def _units(
    merged: Plan, presence: dict[str, tuple[str, ...]], mode: str, disputed: Sequence[tuple[str, Sequence[str]]]
) -> list[str]:
    """How many departments, and, by name, which names were joined across plans and why that may be wrong."""
    if mode != BY_NAME:
        return [f"单位 {len(presence)} 个，各方案的同名单位分别计算，无跨方案合并"]
    joined = joined_names(merged)
    lines = [f"单位 {len(presence)} 个，其中按名称跨方案合并的 {len(joined)} 个" + ("：" if joined else "")]
    if joined:
        lines.append("  " + "、".join(f"{name}（{'、'.join(keys)}）" for name, keys in joined.items()))
        lines.append(
            "  以上同名单位已各计为一个单位；只有确属同一单位（如各县方案都写到的市级单位）时才应如此，"
            "各县自己的同名单位（如两县的县科协）是不同机构，请改用 --mode by-plan"
        )
    if disputed:
        lines.append(
            "  各方案的登记表对以下写法所指不同，合并后的登记表不再把它们作为别名或简称："
            + "；".join(f"“{name}”（{'、'.join(owners)}）" for name, owners in disputed)
        )
    return lines
