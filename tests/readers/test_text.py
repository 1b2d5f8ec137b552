"""The plan-text importer on the two seed plans and on small plans that vary the wording.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.model import GUARANTEE_KIND, Measure, Plan
from matrix.readers import import_plan, read_plan
from matrix.readers.text import read_plan_text, read_text

from ..conftest import seed_path


def by_title(plan: Plan, title: str) -> Measure:
    (measure,) = [m for m in plan.measures if m.title == title]
    return measure


@pytest.fixture(scope="module")
def wutai():
    return read_text(seed_path("wutai-2021-2025.txt"))


@pytest.fixture(scope="module")
def xinhuang():
    return read_text(seed_path("xinhuang-2021-2025.txt"))


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


# --- 五台县: one bracket per measure -------------------------------------------------------


def test_wutai_stages_are_named_by_the_plan(wutai) -> None:
    assert [s.name for s in wutai.plan.stages] == ["启动实施阶段", "深入实施阶段", "总结评估阶段"]


def test_wutai_has_33_measures_each_with_its_own_bracket(wutai) -> None:
    assigned = [m for m in wutai.plan.measures if m.assignments]
    assert len(assigned) == 33  # 三、: 5+4+4+3+3, 四、: 3+3+3+4+1
    for measure in assigned:
        assert measure.leads and measure.cooperators, measure.id
        assert {a.source.line for a in measure.assignments} == {measure.source.line}
        assert "牵头" not in measure.text and "配合）" not in measure.text


def test_wutai_sections_take_ids_and_kinds_from_their_chapters(wutai) -> None:
    sections = [(s.id, s.title, s.kind, len(s.measures)) for s in wutai.plan.sections]
    assert sections == [
        ("3.1", "青少年科学素质提升行动", "提升行动", 5),
        ("3.2", "农民科学素质提升行动", "提升行动", 4),
        ("3.3", "产业工人科学素质提升行动", "提升行动", 4),
        ("3.4", "老年人科学素质提升行动", "提升行动", 3),
        ("3.5", "领导干部和公务员科学素质提升行动", "提升行动", 3),
        ("4.1", "科技资源科普化工程", "重点工程", 3),
        ("4.2", "科普信息化提升工程", "重点工程", 3),
        ("4.3", "科普基础设施工程", "重点工程", 3),
        ("4.4", "基层科普能力提升工程", "重点工程", 4),
        ("4.5", "科学素质交流合作工程", "重点工程", 1),
        ("5.1", "组织领导", GUARANTEE_KIND, 2),
        ("5.2", "保障条件", GUARANTEE_KIND, 3),
    ]
    assert all(m.kind == s.kind for s in wutai.plan.sections for m in s.measures)


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


def test_wutai_paragraph_without_lead_phrase_is_titled_by_its_section(wutai) -> None:
    measure = wutai.plan.section_of("4.5.1").measures[0]  # line 70
    assert measure.title == "科学素质交流合作工程"
    assert measure.text.startswith("聚焦人民对美好生活的科技需求和科普需求")
    assert measure.leads == ("县科协",)
    assert len(measure.cooperators) == 14


def test_wutai_guarantee_items_are_unassigned_measures_with_suggestions(wutai) -> None:
    items = [m for m in wutai.plan.measures if m.kind == GUARANTEE_KIND]
    assert [m.title for m in items] == [
        "加强《纲要》实施组织领导",
        "完善《纲要》实施协调机制",
        "落实法规政策",
        "保障经费投入",
        "强化科普队伍",
    ]
    assert all(not m.assignments for m in items)
    assert items[0].suggested == ("五台县全民科学素质工作领导组",)  # 五台县…领导组统一领导
    assert items[1].suggested == ("县科协",)  # 县科协要发挥综合协调作用
    assert items[3].suggested == ()


def test_wutai_preamble_and_timeline_are_not_measures(wutai) -> None:
    texts = " ".join(m.text for m in wutai.plan.measures)
    assert "指导思想" not in texts and "7.9%" not in texts and "启动实施阶段" not in texts
    assert len(wutai.plan.measures) == 38


# --- 新晃县: block assignments after numbered measures ---------------------------------------

XINHUANG_BLOCKS = {52: 7, 66: 4, 79: 4, 90: 3, 102: 4, 117: 3, 127: 3, 139: 3, 155: 5}


def test_xinhuang_timeline_is_one_paragraph_split_at_its_years(xinhuang) -> None:
    stages = xinhuang.plan.stages  # line 178
    assert [(s.name, s.years) for s in stages] == [("2022年", "2022"), ("2023年", "2023"), ("2025年", "2025")]
    assert stages[1].text == "2023年配合做好全省公民科学素质调查和科普统计工作。"


def test_xinhuang_has_36_numbered_measures_in_9_blocks(xinhuang) -> None:
    assigned = [m for m in xinhuang.plan.measures if m.assignments]
    assert len(assigned) == 36
    per_block: dict[int, int] = {}
    for measure in assigned:
        (line,) = {a.source.line for a in measure.assignments}
        per_block[line] = per_block.get(line, 0) + 1
    assert per_block == XINHUANG_BLOCKS


def test_xinhuang_block_applies_to_every_measure_before_it(xinhuang) -> None:
    section = xinhuang.plan.section_of("2.1.1")
    assert [m.id for m in section.measures] == [f"2.1.{n}" for n in range(1, 8)]
    assert {m.leads for m in section.measures} == {("县教育局", "团县委", "县科协")}  # line 52
    assert {len(m.cooperators) for m in section.measures} == {12}


def test_xinhuang_block_without_label_keeps_bracketed_names_whole(xinhuang) -> None:
    section = xinhuang.plan.section_of("2.5.1")  # block at line 102, no 责任分工：
    assert len(section.measures) == 4
    for measure in section.measures:
        assert measure.leads == ("县委组织部", "县人力资源和社会保障局")
        assert measure.cooperators[:3] == ("县委宣传部", "县委统战部", "县委党校（县行政学校）")
        assert len(measure.cooperators) == 15


@pytest.mark.parametrize(
    ("title", "leads", "targets", "deadline"),
    [
        (  # line 45
            "实施科技创新后备人才培育计划",
            ("县教育局", "团县委", "县科协"),
            ("每年组织100人次青少年参与各级各类科技竞赛活动",),
            "每年",
        ),
        (  # line 60
            "实施高素质农民培育计划",
            ("县农业农村局", "县乡村振兴局"),
            ("至2025年培训农民5000人次以上", "培育农村创业创新带头人300名、农村实用人才50名"),
            "至2025年",
        ),
        (  # line 147
            "健全基层科普服务体系",
            ("县商务科技和工业信息化局", "县应急管理局", "县卫生健康局"),
            (
                "到2025年注册科技志愿者达到200名",
                "到2025年“科普中国”信息员注册人数达到10000人",
                "科普传播量累计突破200万次",
            ),
            "到2025年",
        ),
        (  # line 149
            "实施基层科普服务能力提升工程",
            ("县商务科技和工业信息化局", "县应急管理局", "县卫生健康局"),
            ("每万人拥有科普展厅面积达到160平方米", "全县居民健康素养水平不低于25%"),
            None,
        ),
        ("实施智慧助老行动", ("县卫生健康局", "县民政局"), (), None),  # line 84, block at 90
        (  # line 75
            "实施职业技能提升行动",
            ("县人力资源和社会保障局", "县总工会", "县商务科技和工业信息化局"),
            ("每年培训2000人次以上技能劳动者",),
            "每年",
        ),
        (  # line 137
            "大力加强科普基地建设",
            ("县商务科技和工业信息化局", "县科协", "县发展和改革局"),
            ("到2025年创建1家以上省级科普基地、3家以上市级科普基地",),
            "到2025年",
        ),
    ],
)
def test_xinhuang_spot_checks(
    xinhuang, title: str, leads: tuple[str, ...], targets: tuple[str, ...], deadline: str | None
) -> None:
    measure = by_title(xinhuang.plan, title)
    assert measure.leads == leads
    assert measure.targets == targets
    assert measure.deadline == deadline


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


def test_xinhuang_section_introductions_are_not_measures(xinhuang) -> None:
    texts = [m.text for m in xinhuang.plan.measures]
    assert not any(t.startswith("激发青少年好奇心和想象力") for t in texts)  # line 37
    assert xinhuang.plan.measures[0].text.startswith("大力弘扬科学精神和科学家精神。实施科学家精神进校园行动")


def test_xinhuang_organisation_chapter_gives_six_unassigned_items(xinhuang) -> None:
    items = [m for m in xinhuang.plan.measures if m.kind == GUARANTEE_KIND]
    assert [m.id for m in items] == ["4.1.1", "4.1.2", "4.2.1", "4.2.2", "4.3.1", "4.3.2"]
    assert [m.title for m in items] == [
        # lines 160 and 162 open with long sentences, so the section names them, numbered apart
        "组织保障（第1项）",
        "组织保障（第2项）",
        "完善检查评估机制",
        "完善表彰奖励机制",
        "完善法规政策",
        "保障经费投入",
    ]
    assert all(not m.assignments for m in items)
    assert items[0].suggested == ("县科协", "新晃侗族自治县全民科学素质工作领导小组办公室")
    assert items[1].suggested == ("各乡镇人民政府",)
    assert items[5].suggested == ("县人民政府",)  # 县人民政府安排经费


def test_xinhuang_cover_notice_and_distribution_list_are_not_measures(xinhuang) -> None:
    plan = xinhuang.plan
    everything = " ".join([m.text for m in plan.measures] + [s.text for s in plan.stages])
    assert "晃政办发" not in everything and "县人武部" not in everything and "印发" not in everything
    assert len(plan.measures) == 42


# --- small plans that vary the wording -------------------------------------------------------

HEAD = ["某县科普工作实施方案（2022-2025年）", "为推进科普工作，制定本方案。", "一、重点任务", "（一）科普宣传"]


def read(*lines: str, strict: bool = False):
    return read_plan_text("\n".join([*HEAD, *lines]), "plan.txt", strict=strict)


@pytest.mark.parametrize(
    ("bracket", "leads", "cooperators"),
    [
        ("（县教育局牵头，县科协、县妇联等单位配合）", ("县教育局",), ("县科协", "县妇联")),
        ("（县教育局牵头，县科协等单位参加。）", ("县教育局",), ("县科协",)),
        ("（县教育局负责，县科协协助）", ("县教育局",), ("县科协",)),
        ("（县教育局牵头，县科协、县妇联按职责分工负责）", ("县教育局", "县科协", "县妇联"), ()),
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


def test_block_without_label_and_numbering_with_dunhao() -> None:
    result = read(
        "加强科普宣传，营造良好氛围。",  # line 5: the section's introduction
        "1、开展科普宣传。每年开展活动12场次。",
        "2、建设科普阵地。到2025年建成科普站10个。",
        "（由县科协牵头，县教育局参加。）",
    )
    assert result.problems == ()
    first, second = result.plan.measures
    assert (first.title, first.leads, first.cooperators) == ("开展科普宣传", ("县科协",), ("县教育局",))
    assert first.targets == ("每年开展活动12场次",)
    assert (second.targets, second.deadline) == (("到2025年建成科普站10个",), "到2025年")
    assert second.assignments[0].source.line == 8


def test_a_task_table_instead_of_brackets() -> None:
    result = read(
        "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
        "1\t开展科普宣传\t县科协\t县教育局、县妇联\t每年",
        "2\t建设科普阵地\t县科协、县财政局\t\t2025年底前",
    )
    assert result.problems == ()
    first, second = result.plan.measures
    assert (first.title, first.leads, first.cooperators, first.deadline) == (
        "开展科普宣传",
        ("县科协",),
        ("县教育局", "县妇联"),
        "每年",
    )
    assert (second.leads, second.cooperators, second.deadline) == (("县科协", "县财政局"), (), "2025年底前")
    assert second.source.line == 7


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


def test_numbered_measures_without_a_block_assignment_are_reported() -> None:
    result = read("1.开展科普宣传。", "2.建设科普阵地。", "（二）人才培养", "1.培养科普人才。（县人社局牵头）")
    assert [(p.location.line, "没有分工" in p.message) for p in result.problems] == [(5, True), (6, True)]
    assert len(result.plan.measures) == 3
    assert result.plan.measures[2].id == "1.2.1"


@pytest.mark.parametrize(
    ("bracket", "message"),
    [
        ("（县教育局牵头，县科协！县妇联配合）", "句末标点"),
        ("（县教育局牵头，各有关单位配合）", "泛指的单位'各有关单位'"),
        ("（县教育局牵头县科协配合）", "含有分工用语"),
        ("（县科协配合）", "没有牵头单位"),
    ],
)
def test_malformed_assignments_are_reported(bracket: str, message: str) -> None:
    (problem,) = read(f"开展科普宣传。{bracket}").problems
    assert problem.location.line == 5
    assert message in problem.message


def test_numbering_that_jumps_is_reported() -> None:
    result = read("1.开展科普宣传。", "3.建设科普阵地。", "（责任分工：县科协牵头）")
    assert [p.location.line for p in result.problems] == [6]
    assert "编号不连续" in result.problems[0].message


def test_a_plan_without_a_title_is_reported() -> None:
    result = read_plan_text("一、重点任务\n（一）宣传\n开展宣传。（县科协牵头）", "plan.txt")
    assert [p.message for p in result.problems] == ["未找到方案标题 (no plan title found before the first chapter)"]
    assert len(result.plan.measures) == 1


def test_gbk_files_and_dispatch_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("\n".join([*HEAD, "开展科普宣传。（县科协牵头）"]).encode("gb18030"))
    assert import_plan(path).plan.measures[0].leads == ("县科协",)
    assert read_plan(path).title == "某县科普工作实施方案"


def test_read_plan_refuses_a_text_plan_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join([*HEAD, "开展科普宣传。（县科协配合）"]), encoding="utf-8")
    with pytest.raises(InputError, match=r"plan\.txt:5: 分工中没有牵头单位"):
        read_plan(path)


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


def test_a_plan_without_chapters_numbers_its_sections_alone() -> None:
    result = read_plan_text(
        "某县科普工作方案\n为推进科普，制定本方案。\n（一）科普宣传\n开展科普宣传。（县科协牵头）\n（二）科普阵地\n建设科普阵地。（县科协牵头）",
        "plan.txt",
    )
    assert result.problems == ()
    assert [(s.id, m.id, m.title) for s in result.plan.sections for m in s.measures] == [
        ("1", "1.1", "开展科普宣传"),
        ("2", "2.1", "建设科普阵地"),
    ]


def test_a_timeline_paragraph_without_years_is_reported_at_its_line() -> None:
    result = read("开展科普宣传。（县科协牵头）", "二、进度安排", "各单位要按时完成任务。")
    assert result.plan.stages == ()
    assert [(p.location.line, "进度安排中无法识别" in p.message) for p in result.problems] == [(7, True)]


def test_a_typed_table_with_name_and_content_columns() -> None:
    result = read(
        "| 序号 | 任务名称 | 任务内容 | 责任单位 | 协办单位 |",
        "| --- | --- | --- | --- | --- |",
        "| 1 | 开展科普宣传 | 每年开展科普活动20场。 | 县科协 | 县教育局 |",
    )
    assert result.problems == ()
    (measure,) = result.plan.measures
    assert (measure.title, measure.text, measure.targets) == (
        "开展科普宣传",
        "每年开展科普活动20场。",
        ("每年开展科普活动20场",),
    )
    assert (measure.leads, measure.cooperators, measure.deadline) == (("县科协",), ("县教育局",), "每年")


def test_task_rows_after_the_distribution_list_are_reported_not_dropped() -> None:
    result = read(
        "开展科普宣传。（县科协牵头）",
        "抄送：县委各部门。",
        "序号\t重点任务\t牵头单位",
        "1\t建设科普阵地\t县科协",
    )
    assert [m.title for m in result.plan.measures] == ["开展科普宣传"]
    (problem,) = result.problems
    assert problem.location.line == 8 and "1 行未读入" in problem.message


def test_block_assignments_written_before_their_measures() -> None:
    result = read(
        "（责任分工：县科协牵头，县教育局配合）",
        "1.开展科普宣传。",
        "2.建设科普阵地。",
        "（责任分工：县人社局牵头）",
        "3.培养科普人才。",
    )
    assert result.problems == ()
    assert [(m.title, m.leads) for m in result.plan.measures] == [
        ("开展科普宣传", ("县科协",)),
        ("建设科普阵地", ("县科协",)),
        ("培养科普人才", ("县人社局",)),
    ]
    assert result.plan.measures[2].assignments[0].source.line == 8


def test_a_block_assignment_that_assigns_nothing_is_reported() -> None:
    result = read("开展科普宣传。（县科协牵头）", "（责任分工：县教育局牵头）")
    assert [(p.location.line, p.message) for p in result.problems] == [
        (6, "责任分工没有可对应的任务 (assignment covers no measure)")
    ]
    assert result.plan.measures[0].leads == ("县科协",)


def test_a_department_listed_as_lead_and_cooperator_keeps_both_for_the_audit() -> None:
    (measure,) = read("开展科普宣传。（县教育局牵头，县教育局、县科协配合）").plan.measures
    assert [(a.department, a.role, a.also) for a in measure.assignments] == [
        ("县教育局", "A/R", ("C",)),
        ("县科协", "C", ()),
    ]
