"""Clauses of a measure: its title, quantitative targets and deadline.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

import pytest

from .conftest import by_title


def test_wutai_paragraph_without_lead_phrase_is_titled_by_its_section(wutai) -> None:
    measure = wutai.plan.section_of("4.5.1").measures[0]  # line 70
    assert measure.title == "科学素质交流合作工程"
    assert measure.text.startswith("聚焦人民对美好生活的科技需求和科普需求")
    assert measure.leads == ("县科协",)
    assert len(measure.cooperators) == 14


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
