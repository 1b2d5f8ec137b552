"""Leading officials (牵头领导): read from YAML and task tables, Accountable above the lead department."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from matrix.audit import audit_plan
from matrix.export.plan_yaml import dump_plan_yaml
from matrix.graph import build_graph
from matrix.leaders import leader_duties
from matrix.merge import merge_plans
from matrix.readers import import_plan, read_plan
from matrix.readers.yaml import read_yaml_text

from .conftest import ROOT, SMALL_PLAN

#: SMALL_PLAN with a leader on 3.4.1 (whose leads are 县科协 and 县民政局).
LED_PLAN = SMALL_PLAN.replace(
    "        leads: [县科协, 县民政局]\n", "        leaders: [县政府分管副县长]\n        leads: [县科协, 县民政局]\n"
)


def roles(plan, measure_id: str) -> dict[str, str]:
    measure = next(m for m in plan.measures if m.id == measure_id)
    return {a.department: a.role for a in measure.assignments}


def test_a_leader_is_accountable_and_the_first_lead_responsible() -> None:
    plan = read_yaml_text(LED_PLAN)
    assert plan.measures[0].leaders == ("县政府分管副县长",)
    assert roles(plan, "3.4.1") == {"县科协": "R", "县民政局": "R", "县委宣传部": "C", "县卫健局": "C"}
    assert roles(plan, "3.4.2")["县民政局"] == "A/R"  # no leader: the first lead stays A/R


def test_the_plan_may_keep_the_first_lead_accountable_beside_its_leader() -> None:
    plan = read_yaml_text("raci:\n  leader_accountable: false\n" + LED_PLAN)
    assert roles(plan, "3.4.1")["县科协"] == "A/R"
    assert plan.measures[0].leaders == ("县政府分管副县长",)


def test_leaders_given_as_text_are_split_by_line_or_semicolon_never_inside_a_title() -> None:
    plan = read_yaml_text(LED_PLAN.replace("leaders: [县政府分管副县长]", "leaders: 县委常委、常务副县长；张三"))
    assert plan.measures[0].leaders == ("县委常委、常务副县长", "张三")


def test_a_measure_whose_leader_is_accountable_is_not_reported_without_one() -> None:
    plan = read_yaml_text(LED_PLAN)
    codes = {(f.code, f.measure) for f in audit_plan(plan, build_graph(plan))}
    assert ("no-accountable", "3.4.1") not in codes
    nobody = read_yaml_text(
        SMALL_PLAN.replace("leads: [县科协, 县民政局]\n", "leads: [县科协, 县民政局]\n        accountable: []\n")
    )
    assert ("no-accountable", "3.4.1") in {(f.code, f.measure) for f in audit_plan(nobody, build_graph(nobody))}


@pytest.mark.parametrize("header", ["牵头领导", "责任领导"])
def test_a_task_tables_leader_column_gives_the_leaders(tmp_path: Path, header: str) -> None:
    path = tmp_path / "分工表.csv"
    path.write_text(
        f"序号,重点任务,具体措施,{header},牵头单位,配合单位\n"
        '1,农民科学素质提升行动,实施高素质农民培育计划,"县委常委、常务副县长\n县政府分管副县长",县农业农村局,县科协\n'
        "2,农民科学素质提升行动,实施乡村振兴科技支撑行动,,县科协,县农业农村局\n",
        encoding="utf-8",
    )
    first, second = read_plan(path).measures
    assert first.leaders == ("县委常委、常务副县长", "县政府分管副县长")
    assert {a.department: a.role for a in first.assignments} == {"县农业农村局": "R", "县科协": "C"}
    assert (second.leaders, second.leads, second.accountable) == ((), ("县科协",), ("县科协",))


def test_an_offices_workbook_with_a_leader_column_gives_the_leaders(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "任务分工表"
    sheet.append(["编号", "措施", "牵头领导", "牵头单位", "配合单位"])
    sheet.append(["1", "实施高素质农民培育计划", "县政府分管副县长", "县农业农村局", "县科协"])
    path = tmp_path / "分工表.xlsx"
    workbook.save(path)
    (measure,) = read_plan(path).measures
    assert (measure.leaders, measure.leads, measure.accountable) == (("县政府分管副县长",), ("县农业农村局",), ())


def test_a_plans_own_text_names_the_leader_on_a_label_line_and_the_imported_yaml_keeps_it() -> None:
    """牵头负责领导：张某。 under a measure makes 张某 its leader, Accountable above the lead, through import too."""
    result = import_plan(ROOT / "tests" / "readers" / "plans" / "city_label_lines.txt")
    assert [(m.title, m.leaders) for m in result.plan.measures] == [
        ("地区生产总值增长6%左右", ("张某",)),
        ("财政收入增长5%左右", ("李某",)),
        ("持续扩大有效投资", ()),
        ("促进消费提质扩容", ()),
    ]
    first, _, third, _ = result.plan.measures
    assert (first.leads, first.accountable) == (("市发展改革委",), ())
    assert (third.leads, third.accountable) == (("市发展改革委",), ("市发展改革委",))
    again = read_yaml_text(dump_plan_yaml(result.plan), "plan.yaml")
    assert [m.leaders for m in again.measures] == [m.leaders for m in result.plan.measures]
    assert [m.assignments for m in again.measures] == [m.assignments for m in result.plan.measures]


def test_each_leader_is_listed_with_the_measures_and_departments_they_answer_for() -> None:
    plan = read_yaml_text(
        LED_PLAN.replace(
            "        leads: [县民政局]\n", "        leaders: [县政府分管副县长]\n        leads: [县民政局]\n"
        )
    )
    (duty,) = leader_duties(build_graph(plan))
    assert duty.leader == "县政府分管副县长"
    assert duty.measures == ("3.4.1", "3.4.2")
    assert duty.leads == ("县科协", "县民政局")
    assert duty.cooperators == ("县委宣传部", "县卫健局")  # the office, informed of everything, is in neither


def test_merging_by_plan_keeps_each_countys_leaders_apart() -> None:
    first = read_yaml_text(LED_PLAN, "input/wutai.yaml")
    second = read_yaml_text(LED_PLAN.replace("五台县", "新晃侗族自治县"), "input/xinhuang.yaml")
    merged = merge_plans([first, second])
    assert [m.leaders for m in merged.measures if m.leaders] == [
        ("五台县·县政府分管副县长",),
        ("新晃侗族自治县·县政府分管副县长",),
    ]
    assert merge_plans([first, second], mode="by-name").measures[0].leaders == ("县政府分管副县长",)
