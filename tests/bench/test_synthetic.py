"""The synthetic plans: exact sizes, realistic assignments, reproducible, readable back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import (
    MAX_DEPARTMENTS,
    PROVINCE,
    check_label,
    parse_size,
    plan_for,
    synthetic_plan,
    write_synthetic_yaml,
)
from matrix.names import QUALIFIER
from matrix.readers.yaml import read_yaml


def test_it_has_exactly_the_requested_measures_and_departments() -> None:
    plan = synthetic_plan(120, 45, seed=3)
    assert len(plan.measures) == 120
    assert len(plan.department_names()) == 45
    assert {d.name for d in plan.departments} == set(plan.department_names())


def test_each_measure_has_one_to_three_leads_and_three_to_fifteen_cooperators() -> None:
    for measure in synthetic_plan(300, 100, seed=5).measures:
        assert 1 <= len(measure.leads) <= 3
        assert 3 <= len(measure.cooperators) <= 16  # one more when it absorbs an unused department
        assert measure.accountable == measure.leads[:1]


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    assert synthetic_plan(50, 20, seed=1) == synthetic_plan(50, 20, seed=1)
    assert synthetic_plan(50, 20, seed=1) != synthetic_plan(50, 20, seed=2)


def test_department_names_are_distinct_chinese_names() -> None:
    names = [d.name for d in synthetic_plan(10, MAX_DEPARTMENTS).departments]
    assert len(set(names)) == MAX_DEPARTMENTS
    assert "县科协" in names and "代县科协" in names and "团县委" in names


def test_the_yaml_it_writes_reads_back_as_the_same_plan(tmp_path: Path) -> None:
    path = write_synthetic_yaml(tmp_path / "plan.yaml", 30, 25, seed=7)
    assert read_yaml(path) == synthetic_plan(30, 25, seed=7)


@pytest.mark.parametrize("text, expected", [("40x30", (40, 30)), ("1000×100", (1000, 100)), (" 5X7 ", (5, 7))])
def test_parse_size_reads_measures_by_departments(text: str, expected: tuple[int, int]) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [("40", "should be MEASURESxDEPARTMENTS"), ("0x5", "at least 1 measure, got 0"), ("5x99999", "got 99999")],
)
def test_parse_size_names_the_bad_value(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_size(text)


def test_the_province_merges_a_hundred_county_plans_by_plan() -> None:
    plan = plan_for(PROVINCE)
    assert len(plan.measures) == 100 * 40
    counties: dict[str, set[str]] = {}
    for name in plan.department_names():
        county, _, own = name.partition(QUALIFIER)
        counties.setdefault(county, set()).add(own)
    assert len(counties) == 100
    assert all(30 <= len(own) <= 60 for own in counties.values())
    assert 4000 <= len(plan.department_names()) <= 5000
    assert {d.name for d in plan.departments} == set(plan.department_names())
    assert "五台县" in counties and "县科协" in counties["五台县"] and "台城镇人民政府" in counties["清徐县"]
    assert plan.office == "山西省全民科学素质工作领导小组办公室"
    # one county's measures name that county's bodies only
    for measure in plan.measures[:40]:
        assert all(a.department.startswith("清徐县" + QUALIFIER) for a in measure.assignments)


def test_a_county_plan_has_its_own_agencies_then_its_townships() -> None:
    plan = synthetic_plan(40, 55, seed=2, place="代县")
    names = [d.name for d in plan.departments]
    assert names[:2] == ["县科协", "县教科局"] and names[40] == "台城镇人民政府"
    assert plan.title.startswith("代县") and plan.office == "代县全民科学素质工作领导组办公室"
    with pytest.raises(ValueError, match="at most 60"):
        synthetic_plan(40, 61, place="代县")


def test_a_size_label_is_measures_by_departments_or_the_province() -> None:
    check_label("province")
    check_label("40x30")
    with pytest.raises(ValueError, match="should be MEASURESxDEPARTMENTS"):
        check_label("county")
