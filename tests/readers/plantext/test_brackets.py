"""Assignment brackets: each wording of leads and cooperators, and what cannot be read in one.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

import pytest

from matrix.errors import InputError

from .conftest import by_title, read


def test_wutai_has_33_measures_each_with_its_own_bracket(wutai) -> None:
    assigned = [m for m in wutai.plan.measures if m.assignments]
    assert len(assigned) == 33  # 三、: 5+4+4+3+3, 四、: 3+3+3+4+1
    for measure in assigned:
        assert measure.leads and measure.cooperators, measure.id
        assert {a.source.line for a in measure.assignments} == {measure.source.line}
        assert "牵头" not in measure.text and "配合）" not in measure.text


def test_wutai_first_measure(wutai) -> None:
    first = wutai.plan.measures[0]  # line 25
    assert (first.id, first.title) == ("3.1.1", "实施科学家精神进校园行动")
    assert first.leads == ("县教科局",)
    assert first.cooperators == ("县委宣传部", "县科协", "团县委", "县妇联")
    assert {a.department: a.role for a in first.assignments}["县教科局"] == "A/R"
    assert first.text.startswith("实施科学家精神进校园行动。坚持立德树人")
    assert first.text.endswith("创新精神和实践能力。")
    assert first.source.line == 25


@pytest.mark.parametrize(
    ("title", "leads", "cooperators"),
    [
        (  # line 41
            "实施智慧助老行动",
            ("县科协", "县民政局"),
            (
                "县委宣传部",
                "县卫健局",
                "市生态环境局五台分局",
                "县应急局",
                "县文旅局",
                "县气象局",
                "县融媒体中心",
                "县总工会",
                "县妇联",
            ),
        ),
        ("加强对科普基础设施建设的统筹规划", ("县科协", "县财政局"), ("县发展改革局", "县教科局")),  # line 61
        (  # line 38
            "实施职业技能提升行动",
            ("县人社局",),
            (
                "县委宣传部",
                "县教科局",
                "县卫健局",
                "市生态环境局五台分局",
                "县应急局",
                "县融媒体中心",
                "团县委",
                "县总工会",
                "县妇联",
                "县科协",
            ),
        ),
        ("实施智慧科普建设工程", ("县科协",), ("县融媒体中心", "县教科局", "县工信局", "县农业农村局")),  # line 58
        (
            "发挥企业家提升产业工人科学素质的示范引领作用",
            ("县科协", "县总工会"),
            ("县工信局", "县人社局", "县融媒体中心"),
        ),
        (
            "实施乡村振兴科技支撑行动",
            ("县农业农村局", "县教科局"),
            ("县人社局", "县自然资源局", "市生态环境局五台分局", "县文旅局", "县林业局"),
        ),
    ],
)
def test_wutai_spot_checks(wutai, title: str, leads: tuple[str, ...], cooperators: tuple[str, ...]) -> None:
    measure = by_title(wutai.plan, title)
    assert measure.leads == leads
    assert measure.cooperators == cooperators
    assert measure.targets == ()  # no Wutai measure states a number


def test_xinhuang_block_without_label_keeps_bracketed_names_whole(xinhuang) -> None:
    section = xinhuang.plan.section_of("2.5.1")  # block at line 102, no 责任分工：
    assert len(section.measures) == 4
    for measure in section.measures:
        assert measure.leads == ("县委组织部", "县人力资源和社会保障局")
        assert measure.cooperators[:3] == ("县委宣传部", "县委统战部", "县委党校（县行政学校）")
        assert len(measure.cooperators) == 15


def test_xinhuang_cooperators_of_the_elderly_block(xinhuang) -> None:
    assert by_title(xinhuang.plan, "实施银龄科普行动").cooperators == (  # line 90
        "县委组织部",
        "县委宣传部",
        "县老干部服务中心",
        "县教育局",
        "县商务科技和工业信息化局",
        "县人力资源和社会保障局",
        "县文化旅游广电体育局",
        "县融媒体中心",
        "县市场监督管理局",
        "县科协",
    )


@pytest.mark.parametrize(
    ("bracket", "leads", "cooperators"),
    [
        ("（县教育局牵头，县科协、县妇联等单位配合）", ("县教育局",), ("县科协", "县妇联")),
        ("（县教育局牵头，县科协等单位参加。）", ("县教育局",), ("县科协",)),
        ("（县教育局负责，县科协协助）", ("县教育局",), ("县科协",)),
        # named leads win: the bodies that are only 负责 cooperate (issue 14)
        ("（县教育局牵头，县科协、县妇联按职责分工负责）", ("县教育局",), ("县科协", "县妇联")),
        ("（县教育局牵头）", ("县教育局",), ()),
        ("(县教育局牵头,县科协配合)", ("县教育局",), ("县科协",)),
        ("（责任单位：县教育局；配合单位：县科协）", ("县教育局",), ("县科协",)),
        ("（由县教育局、县科协共同负责）", ("县教育局", "县科协"), ()),
    ],
)
def test_per_measure_wording(bracket: str, leads: tuple[str, ...], cooperators: tuple[str, ...]) -> None:
    result = read(f"开展科普宣传。组织科普活动。{bracket}")
    assert result.problems == ()
    (measure,) = result.plan.measures
    assert (measure.id, measure.title, measure.text) == ("1.1.1", "开展科普宣传", "开展科普宣传。组织科普活动。")
    assert measure.leads == leads
    assert measure.cooperators == cooperators


def test_an_unparsable_bracket_is_reported_with_its_line_and_the_measure_kept() -> None:
    result = read("开展科普宣传。组织活动。（县教育局牵头抓总，县科协具体落实）")
    (problem,) = result.problems
    assert problem.location.line == 5
    assert "无法识别的分工表述" in problem.message and "牵头抓总" in problem.message
    (measure,) = result.plan.measures
    assert measure.assignments == () and measure.title == "开展科普宣传"


def test_strict_mode_raises_the_first_problem_with_its_line() -> None:
    with pytest.raises(InputError, match=r"plan\.txt:5: 无法识别的分工表述"):
        read("开展科普宣传。组织活动。（县教育局牵头抓总，县科协具体落实）", strict=True)


@pytest.mark.parametrize(
    ("bracket", "message"),
    [
        ("（县教育局牵头，县科协！县妇联配合）", "句末标点"),
        ("（县教育局牵头县科协配合）", "含有分工用语"),
        ("（县科协配合）", "没有牵头单位"),
    ],
)
def test_malformed_assignments_are_reported(bracket: str, message: str) -> None:
    (problem,) = read(f"开展科普宣传。{bracket}").problems
    assert problem.location.line == 5
    assert message in problem.message


def test_a_department_listed_as_lead_and_cooperator_keeps_both_for_the_audit() -> None:
    (measure,) = read("开展科普宣传。（县教育局牵头，县教育局、县科协配合）").plan.measures
    assert [(a.department, a.role, a.also) for a in measure.assignments] == [
        ("县教育局", "A/R", ("C",)),
        ("县科协", "C", ()),
    ]
