"""Front matter: the title, issuer, office and targets above the first chapter, and what closes the document.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

import pytest

from matrix.model import GUARANTEE_KIND
from matrix.readers.text import read_plan_text, read_text

from ...conftest import seed_path


@pytest.mark.parametrize(
    ("seed", "title", "issuer", "target", "years"),
    [
        (
            "wutai-2021-2025.txt",
            "五台县全民科学素质行动规划纲要实施方案",  # lines 1 and 3
            "五台县全民科学素质工作领导组",  # line 73
            "到2025年我县公民具备科学素质的比例达到12.2%",  # line 21
            ["2021", "2022-2025", "2025年末"],  # lines 80-82
        ),
        (
            "xinhuang-2021-2025.txt",
            "新晃侗族自治县全民科学素质行动规划纲要实施方案",  # lines 17 and 19, below the cover notice
            "新晃侗族自治县全民科学素质工作领导小组",  # 县全民科学素质工作领导小组 at line 160
            "到2025年我县公民具备科学素质的比例超过15%",  # line 30
            ["2022", "2023", "2025"],  # line 178
        ),
    ],
)
def test_seed_metadata(seed: str, title: str, issuer: str, target: str, years: list[str]) -> None:
    result = read_text(seed_path(seed))
    assert result.problems == ()
    plan = result.plan
    assert (plan.title, plan.period, plan.issuer, plan.office) == (title, "2021-2025", issuer, issuer + "办公室")
    assert plan.targets == (target,)
    assert [s.years for s in plan.stages] == years


def test_a_plan_without_a_title_is_reported() -> None:
    result = read_plan_text("一、重点任务\n（一）宣传\n开展宣传。（县科协牵头）", "plan.txt")
    assert [p.message for p in result.problems] == ["未找到方案标题 (no plan title found before the first chapter)"]
    assert len(result.plan.measures) == 1


def test_wutai_preamble_and_timeline_are_not_measures(wutai) -> None:
    texts = " ".join(m.text for m in wutai.plan.measures)
    assert "指导思想" not in texts and "7.9%" not in texts and "启动实施阶段" not in texts
    assert len(wutai.plan.measures) == 38


def test_xinhuang_cover_notice_and_distribution_list_are_not_measures(xinhuang) -> None:
    plan = xinhuang.plan
    everything = " ".join([m.text for m in plan.measures] + [s.text for s in plan.stages])
    assert "晃政办发" not in everything and "县人武部" not in everything and "印发" not in everything
    assert len(plan.measures) == 42


CITY_PLAN = """\
某市人民政府办公室关于印发《某市全民科学素质行动规划纲要实施方案(2021—2025年)》的通知
某政办发〔2022〕8号
各乡、镇人民政府,街道办事处,市直各单位:
《某市全民科学素质行动规划纲要实施方案(2021—2025年)》已经市人民政府同意,现印发给你们,请认真组织实施。
某市人民政府办公室
2022年10月31日
(此件主动公开)
某市全民科学素质行动规划纲要实施方案(2021—2025年)
为提升全民科学素质,结合我市实际,制定本实施方案。
一、指导思想、原则和目标
(一)指导思想。以新发展理念为引领,提升全民科学素质。
(二)主要目标。到2025年,全市公民具备科学素质的比例达到16%,科普场馆年接待观众20万人次。
二、五大提升行动
(一)青少年科学素质提升行动。
1．实施科学家精神进校园行动：每年开展报告会10场。(责任单位:市教育局、市科协;配合单位:团市委)
2．提升基础教育阶段科学教育水平。完善科学教育设施。(市教育局负责,市财政局协助)
(二)农民科学素质提升行动(市农业农村局牵头,市科协配合)
加强农民技能培训,提升农民科学素质。
(1)开展农民技能培训。至2025年培训农民3000人次。
(2)实施乡村振兴科技支撑行动。推行科技特派员制度。
三、保障措施
1．加强组织领导。市全民科学素质工作领导小组统筹协调全市工作,市科协承担领导小组办公室日常工作。
2．保障经费投入。市人民政府将科普经费列入财政预算。
四、实施步骤
(一)启动部署阶段(2021年)。制定实施方案,启动实施。
(二)全面推进阶段(2022—2024年)。全面推进各项任务。
(三)总结评估阶段(2025年)。开展总结评估。
抄送:市委各部门,市人大常委会办公室。
某市人民政府办公室 2022年10月31日印发
"""


def test_a_city_plan_with_half_width_punctuation_and_other_wording() -> None:
    result = read_plan_text(CITY_PLAN, "city.txt")
    assert result.problems == ()
    plan = result.plan
    assert (plan.title, plan.period) == ("某市全民科学素质行动规划纲要实施方案", "2021-2025")  # not （此件主动公开）
    assert plan.office == "某市全民科学素质工作领导小组办公室"
    assert plan.targets == ("到2025年全市公民具备科学素质的比例达到16%", "科普场馆年接待观众20万人次")
    assert [(s.name, s.years) for s in plan.stages] == [
        ("启动部署阶段", "2021"),
        ("全面推进阶段", "2022-2024"),
        ("总结评估阶段", "2025"),
    ]
    rows = [(m.id, m.title, m.leads, m.cooperators, m.kind) for m in plan.measures]
    assert rows == [
        ("2.1.1", "实施科学家精神进校园行动", ("市教育局", "市科协"), ("团市委",), "提升行动"),
        ("2.1.2", "提升基础教育阶段科学教育水平", ("市教育局",), ("市财政局",), "提升行动"),
        # the section heading's bracket assigns the (1) (2) items below it
        ("2.2.1", "开展农民技能培训", ("市农业农村局",), ("市科协",), "提升行动"),
        ("2.2.2", "实施乡村振兴科技支撑行动", ("市农业农村局",), ("市科协",), "提升行动"),
        ("3.1", "加强组织领导", (), (), GUARANTEE_KIND),
        ("3.2", "保障经费投入", (), (), GUARANTEE_KIND),
    ]
    assert plan.sections[1].title == "农民科学素质提升行动"
    assert plan.measures[0].targets == ("每年开展报告会10场",)
    assert plan.measures[4].suggested == ("某市全民科学素质工作领导小组", "市科协")
    assert plan.measures[5].suggested == ("市人民政府",)
    assert "抄送" not in " ".join(m.text for m in plan.measures)
