"""The synthetic plans: exact sizes, realistic assignments, reproducible, readable back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import MAX_DEPARTMENTS, parse_size, synthetic_plan, write_synthetic_yaml
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
