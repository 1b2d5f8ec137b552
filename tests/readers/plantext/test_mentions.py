"""Departments an unassigned item mentions, suggested to the audit as possible owners.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from matrix.model import GUARANTEE_KIND


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
