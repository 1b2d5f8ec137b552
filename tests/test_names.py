"""Department names: one spelling, lists split at separators and line breaks, never glued, the plan's verbs stripped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matrix.names import name_problem, normalise_name, split_departments
from matrix.raci import DEFAULT_VERBS, RaciConfig
from matrix.readers.plantext.brackets import is_assignment, parse_assignment
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


@pytest.mark.parametrize("office", ["县政协办", "县科协办", "县计生协办", "市政协办", "某某县作协办"])
def test_an_association_s_office_keeps_the_xie_ban_that_ends_its_name(office: str) -> None:
    """办 is the office of 政协 / 科协 …: 协办 there is no verb, and stripping it left 县政, 县科."""
    assert split_departments(f"县委办、{office}") == ["县委办", office]
    assert split_departments(f"{office}、县妇联协办") == [office, "县妇联"]
    # the verb written after the office's name is still a verb
    for verb, kind in DEFAULT_VERBS.items():
        if kind == "cooperate":
            assert normalise_name(f"{office}{verb}") == office
            assert normalise_name(f"{office}等单位{verb}") == office


@pytest.mark.parametrize("before", ["县科协", "县政协", "县财政局", "各乡镇", "县直各单位", "相关企业", "县委办"])
def test_xie_ban_after_a_whole_name_or_an_unknown_one_is_the_verb(before: str) -> None:
    assert split_departments(f"县委宣传部、{before}协办") == ["县委宣传部", before]


def test_the_plan_text_reader_finds_the_verb_after_an_association_s_office() -> None:
    """The bracket reader looks for verbs itself; it took 县政 + 协办 for a name and its verb."""
    parsed = parse_assignment("县政协办牵头，县委办、县科协办协办")
    assert (parsed.leads, parsed.cooperators, parsed.problems) == (("县政协办",), ("县委办", "县科协办"), ())
    parsed = parse_assignment("县委办牵头，县政协办协办")
    assert (parsed.leads, parsed.cooperators, parsed.problems) == (("县委办",), ("县政协办",), ())
    assert is_assignment("县政协办、县科协办配合") and not is_assignment("县政协办")


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
        ("\ufe0f", "VARIATION SELECTOR-16"),
        ("\u0301", "COMBINING ACUTE ACCENT"),
        ("\u3164", "HANGUL JUNGSEONG FILLER"),  # NFKC turns the compatibility filler into U+1160
        ("\u2800", "BRAILLE PATTERN BLANK"),
    ],
)
def test_invisible_and_bidi_characters_in_a_name_are_reported_visibly(char: str, label: str) -> None:
    (name,) = split_departments(f"县卫{char}健局")
    problem = name_problem(name)
    assert f"（{label}）" in problem
    assert char not in problem  # shown as <U+…>, so the message itself cannot be reordered or hidden


@given(st.lists(st.sampled_from(["县科协", "县民政局", "团县委", "县委党校（县行政学校）"]), min_size=2, max_size=4))
def test_names_joined_by_whitespace_are_never_glued_into_one(names: list[str]) -> None:
    for joiner in (" ", "\t", "\u3000"):
        (item,) = split_departments(joiner.join(names))
        assert name_problem(item) is not None
    assert split_departments("\n".join(names)) == names


@pytest.mark.parametrize(
    ("written", "mark"),
    [
        ("县科协）、（县妇联", "）"),
        ("县委宣传部、“县卫健局、县妇联", "“"),
        ("【县卫健局、县妇联", "【"),
        ("《县卫健局、县妇联", "《"),
        ("县卫健局〕、〔县妇联", "〕"),
        ("县委党校（县行政学校】", "】"),
        ("县委宣传部、「县卫健局、县妇联", "「"),
    ],
)
def test_a_bracket_or_quote_without_its_partner_or_out_of_order_is_reported_never_glued(
    written: str, mark: str
) -> None:
    """Its separators stood inside the bracket, so the list came back as one glued name; every pair is checked."""
    problems = [problem for name in split_departments(written) if (problem := name_problem(name))]
    assert problems and f"中的'{mark}'没有配对" in problems[0]


def test_a_name_quoted_as_a_whole_is_the_name_and_quotes_inside_a_name_stay() -> None:
    assert split_departments("县委宣传部、“县卫健局”、「县妇联」") == ["县委宣传部", "县卫健局", "县妇联"]
    assert split_departments("县“两新”组织党工委、《五台日报》社") == ["县“两新”组织党工委", "《五台日报》社"]
    assert name_problem("县“两新”组织党工委") is None


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("县妇联与县残联", ["县妇联", "县残联"]),
        ("县教育局和县科协", ["县教育局", "县科协"]),
        ("省财政厅及省税务局", ["省财政厅", "省税务局"]),
        ("县科协和各乡镇", ["县科协", "各乡镇"]),
        ("县人力资源和社会保障局", ["县人力资源和社会保障局"]),
        ("工业和信息化部", ["工业和信息化部"]),
        ("市生态环境局和顺县分局", ["市生态环境局和顺县分局"]),  # 和顺县 is a county of Shanxi
        ("县教育局和平区教育局", ["县教育局和平区教育局"]),
        ("县科协等10个部门", ["县科协"]),
        ("县科协、县妇联等五家单位配合", ["县科协", "县妇联"]),
        # 等有关部门 ends a list naming nobody more; a collective after 等 is one (省有关部门, 各乡镇)
        ("市工信局、市财政局等有关部门", ["市工信局", "市财政局"]),
        ("县科协等相关单位", ["县科协"]),
        ("县科协、县妇联等其它单位", ["县科协", "县妇联"]),
        ("能源局等省有关部门", ["能源局", "省有关部门"]),
        ("县农业农村局等各乡镇", ["县农业农村局", "各乡镇"]),
    ],
)
def test_every_reader_splits_two_whole_names_joined_by_he_and_keeps_names_with_he_inside(
    written: str, names: list[str]
) -> None:
    """Tables and YAML read 县妇联与县残联 as one department with a notice of its own; plan text did not."""
    assert split_departments(written) == names
    assert [name_problem(name) for name in names] == [None] * len(names)


@pytest.mark.parametrize(
    ("written", "mark"),
    [
        ("县科协和社区", "和"),
        ("县科协/县妇联", "/"),
        ("县科协-县妇联", "-"),
        ("县科协＋县妇联", "+"),
        ("县科协｜县妇联", "|"),
    ],
)
def test_a_whole_name_joined_to_more_by_a_mark_or_to_no_name_by_he_is_reported(written: str, mark: str) -> None:
    (problem,) = [name_problem(name) for name in split_departments(written)]
    assert f"中的“{mark}”前是一个完整的单位名称：是一个单位还是两个？" in problem
