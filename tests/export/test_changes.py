from __future__ import annotations

import json

import pytest

from matrix.diff import PlanDiff, diff_plans
from matrix.export.changes import diff_to_data, dump_diff_json, format_diff_table, role_change_label
from matrix.readers.yaml import read_yaml_text

from ..conftest import REVISED_PLAN, SMALL_PLAN


@pytest.fixture
def revision() -> PlanDiff:
    return diff_plans(read_yaml_text(SMALL_PLAN), read_yaml_text(REVISED_PLAN))


def test_json_parses_and_lists_each_department_once(revision: PlanDiff) -> None:
    data = json.loads(dump_diff_json(revision))
    assert data == diff_to_data(revision)
    assert data["summary"] == {
        "added": 1,
        "removed": 0,
        "reworded": 1,
        "moved": 0,
        "role_changes": 3,
        "departments": 5,
    }
    assert [(m["change"], m["id"]) for m in data["measures"]] == [("changed", "3.4.1"), ("added", "3.4.3")]
    assert data["departments"]["县民政局"] == [
        {
            "measure": "3.4.1",
            "title": "实施智慧助老行动",
            "change": "revised",
            "old_role": "R",
            "new_role": "R",
            "fields": ["text"],
        },
        {
            "measure": "3.4.2",
            "title": "加强老年人健康科普服务",
            "change": "lost",
            "old_role": "A/R",
            "new_role": None,
            "fields": [],
        },
    ]


def test_table_names_changes_in_chinese_and_aligns_wide_characters(revision: PlanDiff) -> None:
    lines = format_diff_table(revision).splitlines()
    assert "措施变更（2 项）" in lines
    assert "单位任务变更（7 处，涉及 5 个单位）" in lines
    row = next(line for line in lines if line.lstrip().startswith("县公安局"))
    assert "开展老年人防诈骗科普" in row and "新增任务" in row and "A/R 主责牵头" in row
    header = next(line for line in lines if line.lstrip().startswith("单位  "))
    # "编号" sits in the same terminal column on the header and on every row
    column = len(header[: header.index("编号")].encode("gbk"))
    assert all(
        len(line[: line.index("3.4")].encode("gbk")) == column for line in lines if line.lstrip().startswith("县")
    )


def test_identical_plans_say_so() -> None:
    plan = read_yaml_text(SMALL_PLAN)
    assert "完全相同" in format_diff_table(diff_plans(plan, plan))


def test_role_change_labels_use_the_plan_s_words(revision: PlanDiff) -> None:
    labels = {(c.department, c.measure): role_change_label(c) for c in revision.cells}
    assert labels["县科协", "3.4.2"] == "新增任务"
    assert labels["县民政局", "3.4.2"] == "不再承担"
    assert labels["县卫健局", "3.4.1"] == "内容修订：内容"
