"""Plans written back as YAML, the form people edit and ``raci build`` reads.

The output is stable (the same plan gives byte-identical text), keeps Chinese
as it is rather than escaping it, and leaves out what the defaults imply, so a
diff between two versions shows only real changes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..groups import as_written
from ..model import Measure, Plan, Section
from ..raci import RaciConfig, assign
from .atomic import write_text_atomic

__all__ = ["dump_plan_yaml", "plan_to_data", "write_plan_yaml"]

_HEADER = (
    "# 实施方案结构化输入：raci build 可直接读取，可手工编辑。\n"
    "# 字段说明见 docs/input-schema.md；leads = 牵头单位，cooperators = 配合/参加单位。\n"
)


def _present(*pairs: tuple[str, Any]) -> dict[str, Any]:
    """The pairs whose value is set, as a dict: defaults stay out of the file."""
    return {key: value for key, value in pairs if value}


def _measure_data(measure: Measure, section: Section, plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {"id": measure.id, "title": measure.title}
    if measure.text:
        data["text"] = measure.text
    if measure.kind and measure.kind != section.kind:
        data["kind"] = measure.kind
    # a whole group is written as the plan wrote it (各乡镇人民政府); reading it again expands it again
    measure = replace(measure, assignments=tuple(as_written(measure.assignments, plan.groups)))
    leads, cooperators = list(measure.leads), list(measure.cooperators)
    # a lead the plan also lists as 配合 stays listed twice, so the audit still sees it after a round trip
    cooperators += [a.department for a in measure.assignments if "C" in a.also and a.department not in cooperators]
    if measure.leaders:
        data["leaders"] = list(measure.leaders)
    if leads:
        data["leads"] = leads
    if cooperators:
        data["cooperators"] = cooperators
    written = tuple((a.department, a.role) for a in measure.assignments if a.role != "I")
    if assign(leads, cooperators, config=plan.raci, leaders=measure.leaders) != written:
        data["accountable"] = list(measure.accountable)
    informed = [a.department for a in measure.assignments if a.role == "I"]
    if informed:
        data["informed"] = informed
    if measure.targets:
        data["targets"] = list(measure.targets)
    if measure.deadline:
        data["deadline"] = measure.deadline
    if measure.suggested:
        data["suggested"] = list(measure.suggested)
    return data


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain YAML-ready data, in the schema's key order."""
    data: dict[str, Any] = {"title": plan.title}
    for key in ("issuer", "office", "period", "date"):
        if getattr(plan, key):
            data[key] = getattr(plan, key)
    if plan.targets:
        data["targets"] = list(plan.targets)
    if plan.stages:
        data["stages"] = [
            {k: v for k, v in (("name", s.name), ("years", s.years), ("text", s.text)) if v} for s in plan.stages
        ]
    default = RaciConfig()
    if plan.raci != default:
        raci: dict[str, Any] = {
            "first_lead_accountable": plan.raci.first_lead_accountable,
            "office_informed": plan.raci.office_informed,
            "leader_accountable": plan.raci.leader_accountable,
        }
        if plan.raci.verbs != default.verbs:
            raci["verbs"] = dict(plan.raci.verbs)
        if plan.raci.listed_leads:
            raci["listed_leads"] = plan.raci.listed_leads
        data["raci"] = raci
    if plan.departments:
        data["departments"] = [
            {
                k: v
                for k, v in (
                    ("name", d.name),
                    ("aliases", list(d.aliases)),
                    ("kind", d.kind),
                    ("short", d.short),
                )
                if v
            }
            for d in plan.departments
        ]
    if plan.groups:
        data["groups"] = [
            {k: v for k, v in (("name", g.name), ("aliases", list(g.aliases)), ("members", list(g.members))) if v}
            | ({"vague": True} if g.vague else {})
            for g in plan.groups
        ]
    data["sections"] = [
        {
            **_present(("id", s.id), ("title", s.title), ("kind", s.kind)),
            "measures": [_measure_data(m, s, plan) for m in s.measures],
        }
        for s in plan.sections
    ]
    return data


def dump_plan_yaml(plan: Plan) -> str:
    """The plan as YAML text, with a short header saying what the file is."""
    body = yaml.safe_dump(plan_to_data(plan), allow_unicode=True, sort_keys=False, width=100, indent=2)
    return _HEADER + body


def write_plan_yaml(plan: Plan, path: str | Path) -> Path:
    """Write the plan as YAML to ``path`` atomically; return the path."""
    return write_text_atomic(path, dump_plan_yaml(plan))
