"""Plans in the styles offices receive, read end to end: every measure's leads and cooperators.

The plans in ``tests/readers/plans/`` are invented in the shapes real national,
provincial, city and county plans take (assignment styles, numbering, cover
notices and signatures, task tables); ``expected.yaml`` says what each must give.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from matrix.collectives import is_collective
from matrix.readers import import_plan

PLANS = Path(__file__).parent / "plans"
EXPECTED = yaml.safe_load((PLANS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_measure_has_the_leads_and_cooperators_the_plan_gives(name: str) -> None:
    expected = EXPECTED[name]
    result = import_plan(PLANS / name)
    assert [str(p) for p in result.problems] == [f"{PLANS / name}{p}" for p in expected.get("problems", [])]
    rules = {e.measure: e.rule for e in result.explanations}
    read = [[m.id, m.title, list(m.leads), list(m.cooperators), rules[m.id]] for m in result.plan.measures]
    assert read == expected["measures"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_and_convention(name: str) -> None:
    expected = EXPECTED[name]
    result = import_plan(PLANS / name)
    plan = result.plan
    assert (plan.title, plan.issuer, plan.date) == (
        expected["title"],
        expected.get("issuer", ""),
        expected.get("date", ""),
    )
    assert [result.convention.listed, result.convention.source] == expected["convention"]
    named = {a.department for m in plan.measures for a in m.assignments}
    assert sorted(n for n in named if is_collective(n)) == sorted(expected.get("collectives", []))


def test_a_time_or_an_aside_in_a_bracket_is_no_department() -> None:
    result = import_plan(PLANS / "national_asides_and_times.txt")
    assert result.problems == ()
    assert [m.deadline for m in result.plan.measures] == [None, "2025年底前完成", None, "持续推进", None, None]
    named = {a.department for m in result.plan.measures for a in m.assignments}
    assert not named & {"以下均需各地区落实", "不再列出", "2025年底前完成", "持续推进"}


def test_officials_and_leader_lines_are_leaders_and_a_time_is_a_deadline() -> None:
    lines = import_plan(PLANS / "provincial_division_lines.txt").plan.measures
    assert [m.leaders for m in lines] == [("王某",), ("王某",), ("李某",)]
    brackets = import_plan(PLANS / "provincial_officials_in_brackets.txt").plan.measures
    assert [m.leaders for m in brackets] == [("分管副省长、协管副秘书长",)] * 2 + [("分管副省长",), ()]
    assert [m.deadline for m in brackets] == [None, None, None, "年内持续推进"]
    named = {a.department for m in brackets for a in m.assignments}
    assert named == {"省科技厅", "省财政厅", "省税务局", "省发展改革委"}


def test_a_time_label_in_a_bracket_is_the_deadline_and_a_leader_label_the_leader() -> None:
    lines = import_plan(PLANS / "city_label_lines.txt").plan.measures  # 完成时限：… under label lines
    assert [m.deadline for m in lines] == [None, None, "2025年12月底", None]
    measures = import_plan(PLANS / "city_labels_with_times.txt").plan.measures
    assert [m.deadline for m in measures] == [None, "2025年12月底", "2025年10月", None, None, None, None]
    assert [m.leaders for m in measures] == [(), (), (), ("李某",), (), (), ()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_yaml_it_writes_reads_back_with_the_same_assignments(name: str, tmp_path: Path) -> None:
    from matrix.export.plan_yaml import write_plan_yaml
    from matrix.readers import read_plan

    plan = import_plan(PLANS / name).plan
    written = write_plan_yaml(plan, tmp_path / "plan.yaml")
    back = read_plan(written)
    assert [(m.id, m.leads, m.cooperators) for m in back.measures] == [
        (m.id, m.leads, m.cooperators) for m in plan.measures
    ]
    assert (back.issuer, back.date, back.raci.listed_leads) == (plan.issuer, plan.date, plan.raci.listed_leads)
