"""Department names: one spelling, lists split, the plan's own cooperate verbs stripped."""

from __future__ import annotations

from matrix.names import normalise_name, split_departments
from matrix.raci import DEFAULT_VERBS, RaciConfig
from matrix.readers.yaml import read_yaml_text

PLAN_WITH_OWN_VERB = """\
title: 示例方案
raci:
  verbs: {牵头: lead, 协同: cooperate}
sections:
  - id: "1"
    title: 示例
    measures:
      - id: "1.1"
        title: 开展科普
        leads: 县科协
        cooperators: 县教科局、县妇联等单位协同
"""


def test_every_default_cooperate_verb_is_stripped_from_the_end_of_a_name() -> None:
    for verb, kind in DEFAULT_VERBS.items():
        if kind == "cooperate":
            assert normalise_name(f"县妇联等单位{verb}") == "县妇联"
            assert normalise_name(f"县妇联{verb}") == "县妇联"


def test_a_verb_the_plan_adds_is_stripped_only_under_that_plan() -> None:
    config = RaciConfig(verbs=(("牵头", "lead"), ("协同", "cooperate")))
    assert split_departments("县教科局、县妇联等单位协同", config) == ["县教科局", "县妇联"]
    assert split_departments("县教科局、县妇联等单位协同") == ["县教科局", "县妇联等单位协同"]
    # 配合 is not a cooperate verb of this plan, so it stays part of what was written
    assert normalise_name("县妇联配合", config) == "县妇联配合"


def test_a_yaml_plan_s_raci_verbs_reach_its_department_lists() -> None:
    plan = read_yaml_text(PLAN_WITH_OWN_VERB, "plan.yaml")
    assert plan.measures[0].cooperators == ("县教科局", "县妇联")
