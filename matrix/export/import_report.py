"""What ``raci import`` tells the office about how it read a plan, as lines of text.

Besides the problems (which the office must fix), an import says how the
plan's lists were read (the convention it declared, or the default and the
measures it was applied to), which assignees are collectives kept whole, and,
with ``--explain``, for every measure the words that decided its leads and
cooperators and the rule that read them, so a long plan can be spot-checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..collectives import is_collective
from ..model import Measure
from ..readers.plantext.conventions import ALL_LEAD, FIRST_LISTED, RULE_LABELS
from ..readers.plantext.source import ImportResult

__all__ = ["explain_lines", "import_summary"]

_LISTED = {FIRST_LISTED: "列第一位者为牵头单位，其余为配合单位", ALL_LEAD: "所列单位均为牵头单位"}
_SHOWN = 12


def _ids(ids: Sequence[str]) -> str:
    shown = "、".join(ids[:_SHOWN])
    return shown + (f" 等 {len(ids)} 项" if len(ids) > _SHOWN else "")


def import_summary(result: ImportResult) -> list[str]:
    """The reading of the plan's lists, the collectives kept whole, and the notes, one line each.

    Examples
    --------
    >>> from matrix.model import Assignment, Plan, Section
    >>> m = Measure("1.1", "示例", assignments=(Assignment("甲局", "A/R"), Assignment("乙局", "R")))
    >>> from matrix.readers.plantext.source import Explanation
    >>> result = ImportResult(Plan("示例", sections=(Section("1", "示例", measures=(m,)),)),
    ...                       explanations=(Explanation("1.1", "all", "甲局、乙局负责"),))
    >>> print(import_summary(result)[0].replace("；", "；\\n"))
    分工规则：方案未声明“列第一位者为牵头单位”，1 项措施的单位名单按默认规则读作“所列单位均为牵头单位”：1.1；
    如应为首位牵头，请用 raci import --first-listed-leads
    """
    lines: list[str] = []
    convention = result.convention
    listed = [e.measure for e in result.explanations if e.rule in (FIRST_LISTED, ALL_LEAD)]
    reading = _LISTED[convention.listed]
    if convention.source == "declared" and convention.declaration is not None:
        declaration = convention.declaration
        lines.append(
            f"分工规则：方案在 {declaration.location} 声明“{declaration.text}”，"
            f"{len(listed)} 项措施的单位名单按此读作“{reading}”"
        )
    elif convention.source == "chosen":
        said = (
            f"（方案在 {convention.declaration.location} 声明“{convention.declaration.text}”）"
            if (convention.declaration)
            else ""
        )
        lines.append(f"分工规则：按指定，{len(listed)} 项措施的单位名单读作“{reading}”{said}")
    elif listed:
        other = "--first-listed-leads" if convention.listed == ALL_LEAD else "--all-lead"
        lines.append(
            f"分工规则：方案未声明“列第一位者为牵头单位”，{len(listed)} 项措施的单位名单按默认规则读作"
            f"“{reading}”：{_ids(listed)}；如应为{'首位牵头' if other == '--first-listed-leads' else '均为牵头'}，"
            f"请用 raci import {other}"
        )
    collectives: dict[str, list[str]] = {}
    for measure in result.plan.measures:
        for assignment in measure.assignments:
            if is_collective(assignment.department):
                collectives.setdefault(assignment.department, []).append(measure.id)
    for name, ids in collectives.items():
        lines.append(f"集体责任主体：“{name}”按原文作为一个单位保留（措施 {_ids(ids)}）")
    lines.extend(f"说明：{note}" for note in result.notes)
    return lines


def _roles(measure: Measure) -> str:
    leads = "、".join(measure.leads) or "（无）"
    cooperators = "、".join(measure.cooperators) or "（无）"
    return f"牵头：{leads}；配合：{cooperators}"


def explain_lines(result: ImportResult) -> list[str]:
    """Per measure: its id and title, who leads and cooperates, the rule, and the words that decided.

    Examples
    --------
    >>> from matrix.model import Assignment, Location, Plan, Section
    >>> from matrix.readers.plantext.source import Explanation
    >>> m = Measure("1.1", "开展宣传", assignments=(Assignment("甲局", "A/R"), Assignment("乙局", "C")))
    >>> result = ImportResult(Plan("示例", sections=(Section("1", "示例", measures=(m,)),)),
    ...     explanations=(Explanation("1.1", "explicit", "甲局牵头，乙局配合", Location("p.txt", 9)),))
    >>> explain_lines(result)
    ['1.1 开展宣传 | 牵头：甲局；配合：乙局 | 明示牵头（牵头/主办/牵头单位） | p.txt:9 “甲局牵头，乙局配合”']
    """
    explained = {e.measure: e for e in result.explanations}
    lines = []
    for measure in result.plan.measures:
        explanation = explained.get(measure.id)
        if explanation is None or not explanation.rule:
            lines.append(f"{measure.id} {measure.title} | 未分工 | — | {measure.source or ''}")
            continue
        rule = RULE_LABELS.get(explanation.rule, explanation.rule)
        if explanation.rule in (FIRST_LISTED, ALL_LEAD):
            rule += {"declared": "（方案声明）", "chosen": "（指定）", "default": "（默认）"}[result.convention.source]
        lines.append(
            f"{measure.id} {measure.title} | {_roles(measure)} | {rule} | "
            f"{explanation.location or ''} “{explanation.text}”"
        )
    return lines
