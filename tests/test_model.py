from __future__ import annotations

import pytest

from matrix.model import Measure, Plan, Section


def _plan(sections: int, per_section: int) -> Plan:
    return Plan(
        "方案",
        sections=tuple(
            Section(str(s), f"第{s}部分", measures=tuple(Measure(f"{s}.{m}", "措施") for m in range(per_section)))
            for s in range(sections)
        ),
    )


def test_section_of_finds_every_measure_in_its_own_section() -> None:
    plan = _plan(4, 3)
    for section in plan.sections:
        for measure in section.measures:
            assert plan.section_of(measure.id) is section


def test_section_of_unknown_measure_is_a_key_error() -> None:
    with pytest.raises(KeyError, match=r"9\.9"):
        _plan(2, 2).section_of("9.9")


def test_section_of_a_repeated_id_is_its_first_section() -> None:
    """Readers refuse repeated ids, but a plan built in code may hold one; the first wins, as in document order."""
    first = Section("1", "一", measures=(Measure("x", "甲"),))
    second = Section("2", "二", measures=(Measure("x", "乙"),))
    assert Plan("方案", sections=(first, second)).section_of("x") is first


def test_plans_with_a_looked_up_section_still_compare_by_content() -> None:
    plan, same = _plan(2, 2), _plan(2, 2)
    plan.section_of("1.1")
    assert plan == same and hash(plan) == hash(same)
