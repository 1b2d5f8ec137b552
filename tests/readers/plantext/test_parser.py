"""The parser's placing of measures: block assignments over the measures they cover, introductions left out.

Expected values are taken from the seed text itself (line numbers in comments),
not from the importer's output.
"""

from __future__ import annotations

from .conftest import read

XINHUANG_BLOCKS = {52: 7, 66: 4, 79: 4, 90: 3, 102: 4, 117: 3, 127: 3, 139: 3, 155: 5}


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


def test_xinhuang_section_introductions_are_not_measures(xinhuang) -> None:
    texts = [m.text for m in xinhuang.plan.measures]
    assert not any(t.startswith("激发青少年好奇心和想象力") for t in texts)  # line 37
    assert xinhuang.plan.measures[0].text.startswith("大力弘扬科学精神和科学家精神。实施科学家精神进校园行动")


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


def test_numbered_measures_without_a_block_assignment_are_reported() -> None:
    result = read("1.开展科普宣传。", "2.建设科普阵地。", "（二）人才培养", "1.培养科普人才。（县人社局牵头）")
    assert [(p.location.line, "没有分工" in p.message) for p in result.problems] == [(5, True), (6, True)]
    assert len(result.plan.measures) == 3
    assert result.plan.measures[2].id == "1.2.1"


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


def test_a_development_zone_in_a_responsibility_list_is_a_body_like_any_bureau() -> None:
    """责任单位：立山经济开发区，各街道 — the zone's committee takes tasks; it was reported as unreadable and lost."""
    result = read(
        "1.努力实现地区生产总值增长6%左右。",
        "牵头单位：县发改局",
        "责任单位：县经济开发区，各街道、县直各部门",
        "2.规模以上工业增加值增长5%左右。",
        "牵头单位：县工信局",
        "责任单位：县高新区，县工业园区",
    )
    assert result.problems == ()
    assert [(m.leads, m.cooperators) for m in result.plan.measures] == [
        (("县发改局",), ("县经济开发区", "各街道", "县直各部门")),
        (("县工信局",), ("县高新区", "县工业园区")),
    ]
