"""Department names: one spelling, lists split at separators and line breaks, never glued, the plan's verbs stripped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matrix.names import name_problem, normalise_name, split_departments
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
    config = RaciConfig(verbs=(("牵头", "lead"), ("协力", "cooperate")))
    assert split_departments("县教科局、县妇联等单位协力", config) == ["县教科局", "县妇联"]
    assert split_departments("县教科局、县妇联等单位协力") == ["县教科局", "县妇联等单位协力"]
    # 配合 is not a cooperate verb of this plan, so it stays part of what was written
    assert normalise_name("县妇联配合", config) == "县妇联配合"


def test_a_yaml_plan_s_raci_verbs_reach_its_department_lists() -> None:
    plan = read_yaml_text(PLAN_WITH_OWN_VERB, "plan.yaml")
    assert plan.measures[0].cooperators == ("县教科局", "县妇联")


@pytest.mark.parametrize("between", ["\n", "\r\n", "\n\n", " \n\t", "\u2028", "、\n", "\n、 "])
def test_a_line_break_between_two_names_separates_them(between: str) -> None:
    assert split_departments(f"县科协{between}县民政局") == ["县科协", "县民政局"]


@pytest.mark.parametrize("between", [" ", "\t", "\u3000", "\u00a0", "  \u3000"])
def test_a_space_between_two_names_is_never_deleted_but_reported(between: str) -> None:
    (name,) = split_departments(f"县科协{between}县民政局、")
    assert name == "县科协 县民政局"
    assert "单位名称中有空白：'县科协 县民政局'" in name_problem(name)


def test_space_beside_or_inside_a_bracket_and_around_separators_separates_nothing() -> None:
    assert split_departments("县委党校 （县行政学校　干部学院） 、 县妇联 等单位配合") == [
        "县委党校（县行政学校干部学院）",
        "县妇联",
    ]
    assert normalise_name(" 由 县教育局 ") == "县教育局"


def test_full_width_letters_and_digits_are_the_same_name_as_half_width() -> None:
    assert normalise_name("县ＣＤＣ") == normalise_name("县CDC") == "县CDC"
    assert split_departments("ＡＢＣ局（１号）") == ["ABC局（1号）"]


@pytest.mark.parametrize(
    ("char", "label"),
    [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200d", "ZERO WIDTH JOINER"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u00ad", "SOFT HYPHEN"),
    ],
)
def test_invisible_and_bidi_characters_in_a_name_are_reported_visibly(char: str, label: str) -> None:
    (name,) = split_departments(f"县卫{char}健局")
    problem = name_problem(name)
    assert f"U+{ord(char):04X}（{label}）" in problem
    assert char not in problem  # shown as <U+…>, so the message itself cannot be reordered or hidden


@given(st.lists(st.sampled_from(["县科协", "县民政局", "团县委", "县委党校（县行政学校）"]), min_size=2, max_size=4))
def test_names_joined_by_whitespace_are_never_glued_into_one(names: list[str]) -> None:
    for joiner in (" ", "\t", "\u3000"):
        (item,) = split_departments(joiner.join(names))
        assert name_problem(item) is not None
    assert split_departments("\n".join(names)) == names
