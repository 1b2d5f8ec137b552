from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from matrix.diff import ADDED, CHANGED, GAINED, LOST, REMOVED, REVISED, RoleChange, diff_plans
from matrix.model import Assignment, Measure, Plan, Section
from matrix.readers.yaml import read_yaml_text

from .conftest import SMALL_PLAN


@pytest.fixture
def plan() -> Plan:
    return read_yaml_text(SMALL_PLAN)


def with_measure(plan: Plan, measure_id: str, **changes) -> Plan:
    """A copy of ``plan`` with one measure replaced by a changed copy."""
    sections = tuple(
        replace(s, measures=tuple(replace(m, **changes) if m.id == measure_id else m for m in s.measures))
        for s in plan.sections
    )
    return replace(plan, sections=sections)


def test_a_plan_compared_with_itself_has_no_changes(plan: Plan) -> None:
    diff = diff_plans(plan, plan)
    assert not diff
    assert diff.measures == () and diff.roles == () and diff.departments() == ()


def test_moving_a_measure_to_another_lead_reports_exactly_that_for_both(plan: Plan) -> None:
    moved = with_measure(plan, "3.4.2", assignments=(Assignment("县科协", "A/R"), Assignment("县卫健局", "C")))
    diff = diff_plans(plan, moved)
    assert diff.measures == ()
    assert diff.roles == (
        RoleChange("县科协", "3.4.2", "加强老年人健康科普服务", None, "A/R"),
        RoleChange("县民政局", "3.4.2", "加强老年人健康科普服务", "A/R", None),
    )
    assert [r.kind for r in diff.for_department("县科协")] == [GAINED]
    assert [r.kind for r in diff.for_department("县民政局")] == [LOST]
    assert diff.departments() == ("县科协", "县民政局")
    assert diff.for_department("县卫健局") == ()


def test_a_role_change_from_lead_to_cooperator_is_one_change(plan: Plan) -> None:
    changed = with_measure(
        plan,
        "3.4.1",
        assignments=(
            Assignment("县科协", "A/R"),
            Assignment("县民政局", "C"),
            Assignment("县委宣传部", "C"),
            Assignment("县卫健局", "C"),
        ),
    )
    (change,) = diff_plans(plan, changed).roles
    assert (change.department, change.old_role, change.new_role, change.kind) == ("县民政局", "R", "C", CHANGED)


def test_reworded_title_and_text_are_detected_on_the_same_id(plan: Plan) -> None:
    reworded = with_measure(plan, "3.4.1", title="深入实施智慧助老行动", text="新的表述。")
    diff = diff_plans(plan, reworded)
    (change,) = diff.measures
    assert change.kind == CHANGED and change.fields == ("title", "text")
    assert change.old.title == "实施智慧助老行动" and change.title == "深入实施智慧助老行动"
    assert diff.reworded == (change,) and diff.moved == ()
    assert diff.roles == ()


def test_blanks_and_a_final_full_stop_are_not_a_rewording(plan: Plan) -> None:
    assert not diff_plans(plan, with_measure(plan, "3.4.1", title="实施 智慧助老行动。"))


def test_changed_targets_and_deadline_are_reported(plan: Plan) -> None:
    changed = with_measure(plan, "3.4.2", targets=("每年组织200人次参加健康讲座",), deadline="2024年")
    (change,) = diff_plans(plan, changed).measures
    assert change.fields == ("targets", "deadline")
    assert not change.reworded and not change.moved


def test_added_and_removed_measures_carry_their_roles(plan: Plan) -> None:
    new_measure = Measure("3.4.3", "开展老年人防诈骗科普", assignments=(Assignment("县公安局", "A/R"),))
    sections = (
        replace(plan.sections[0], measures=(plan.sections[0].measures[0], new_measure)),
        plan.sections[1],
    )
    diff = diff_plans(plan, replace(plan, sections=sections))
    assert [(c.kind, c.id) for c in diff.measures] == [(ADDED, "3.4.3"), (REMOVED, "3.4.2")]
    assert diff.added[0].new_section == "老年人科学素质提升行动"
    assert [(r.department, r.measure, r.kind) for r in diff.roles] == [
        ("县公安局", "3.4.3", GAINED),
        ("县民政局", "3.4.2", LOST),
        ("县卫健局", "3.4.2", LOST),
    ]


def test_renumbered_measures_are_matched_by_title_not_by_id() -> None:
    first = Measure("1.1", "甲措施", assignments=(Assignment("县科协", "A/R"),))
    second = Measure("1.2", "乙措施", assignments=(Assignment("县妇联", "A/R"),))
    inserted = Measure("1.1", "新增措施", assignments=(Assignment("团县委", "A/R"),))
    old = Plan("方案", sections=(Section("1", "行动", measures=(first, second)),))
    new = Plan(
        "方案",
        sections=(Section("1", "行动", measures=(inserted, replace(first, id="1.2"), replace(second, id="1.3"))),),
    )
    diff = diff_plans(old, new)
    assert [(c.kind, c.id, c.fields) for c in diff.measures] == [
        (ADDED, "1.1", ()),
        (CHANGED, "1.2", ("id",)),
        (CHANGED, "1.3", ("id",)),
    ]
    assert diff.moved == diff.measures[1:]
    assert [(r.department, r.kind) for r in diff.roles] == [("团县委", GAINED)]


def test_a_measure_moved_to_another_section_is_moved_not_removed_and_added() -> None:
    measure = Measure("1.1", "甲措施", assignments=(Assignment("县科协", "A/R"),))
    old = Plan("方案", sections=(Section("1", "提升行动", measures=(measure,)), Section("2", "重点工程")))
    moved = replace(measure, id="2.1")
    new = Plan("方案", sections=(Section("1", "提升行动"), Section("2", "重点工程", measures=(moved,))))
    (change,) = diff_plans(old, new).measures
    assert change.fields == ("id", "section")
    assert (change.old_section, change.new_section) == ("提升行动", "重点工程")


def test_a_renamed_section_does_not_move_its_measures(plan: Plan) -> None:
    renamed = replace(plan, sections=(replace(plan.sections[0], title="老年人科学素质提升"), plan.sections[1]))
    assert not diff_plans(plan, renamed)


def test_duplicate_titles_fall_back_to_ids() -> None:
    def twice(lead: str) -> Plan:
        measures = (
            Measure("1.1", "开展科普活动", assignments=(Assignment("县科协", "A/R"),)),
            Measure("1.2", "开展科普活动", assignments=(Assignment(lead, "A/R"),)),
        )
        return Plan("方案", sections=(Section("1", "行动", measures=measures),))

    diff = diff_plans(twice("县妇联"), twice("团县委"))
    assert diff.measures == ()
    assert [(r.department, r.measure, r.kind) for r in diff.roles] == [
        ("团县委", "1.2", GAINED),
        ("县妇联", "1.2", LOST),
    ]


def test_a_revised_measure_concerns_every_department_keeping_a_role_on_it(plan: Plan) -> None:
    revised = with_measure(plan, "3.4.2", targets=("每年组织200人次参加健康讲座",))
    diff = diff_plans(plan, revised)
    assert diff.roles == () and diff.departments() == ()
    assert diff.affected_departments() == ("县民政局", "县卫健局")
    (cell,) = diff.for_department("县卫健局")
    assert (cell.measure, cell.kind, cell.old_role, cell.new_role, cell.fields) == (
        "3.4.2",
        REVISED,
        "C",
        "C",
        ("targets",),
    )
    assert diff.for_department("县科协") == ()


def test_a_role_change_on_a_reworded_measure_says_what_was_reworded(plan: Plan) -> None:
    changed = with_measure(plan, "3.4.2", text="新的表述。", assignments=(Assignment("县科协", "A/R"),))
    diff = diff_plans(plan, changed)
    assert [(c.department, c.kind, c.fields) for c in diff.cells] == [
        ("县科协", GAINED, ("text",)),
        ("县民政局", LOST, ("text",)),
        ("县卫健局", LOST, ("text",)),
    ]


def test_a_renumbering_alone_concerns_nobody() -> None:
    measure = Measure("1.1", "甲措施", assignments=(Assignment("县科协", "A/R"),))
    old = Plan("方案", sections=(Section("1", "行动", measures=(measure,)),))
    new = Plan("方案", sections=(Section("1", "行动", measures=(replace(measure, id="1.2"),)),))
    diff = diff_plans(old, new)
    assert len(diff.moved) == 1
    assert diff.affected_departments() == ()


def test_cli_diff_prints_a_chinese_table(run, small_plan_path: Path, revised_plan_path: Path) -> None:
    result = run("diff", small_plan_path, revised_plan_path)
    assert result.exit_code == 0, result.output
    assert "措施变更（2 项）" in result.output
    assert "县公安局" in result.output and "新增任务" in result.output


def test_cli_diff_json_parses(run, small_plan_path: Path, revised_plan_path: Path) -> None:
    result = run("diff", small_plan_path, revised_plan_path, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["added"] == 1
    assert [c["change"] for c in data["departments"]["县科协"]] == ["revised", "gained"]


def test_cli_diff_writes_workbook_and_notices(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    out = tmp_path / "changes"
    result = run("diff", small_plan_path, revised_plan_path, "-o", out, "--format", "json", "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert "已写入 5 份变更通知" in result.stderr
    assert "变更" in load_workbook(out / "变更.xlsx").sheetnames
    assert len(list((out / "变更通知").glob("*.docx"))) == 5


def test_cli_diff_does_not_overwrite_an_edited_workbook(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    assert run("diff", small_plan_path, revised_plan_path, "-o", tmp_path).exit_code == 0
    workbook = load_workbook(tmp_path / "变更.xlsx")
    workbook.active["A1"] = "改过"
    workbook.save(tmp_path / "变更.xlsx")
    result = run("diff", small_plan_path, revised_plan_path, "-o", tmp_path)
    assert result.exit_code == 4 and "--force" in result.output
    assert run("diff", small_plan_path, revised_plan_path, "-o", tmp_path, "--force").exit_code == 0


def test_cli_diff_of_a_missing_file_is_one_located_error(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run("diff", small_plan_path, tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope.yaml'}: 文件不存在 (no such file)"


def test_cli_diff_removes_its_own_notices_that_no_longer_apply_and_nothing_else(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    assert run("diff", small_plan_path, revised_plan_path, "-o", tmp_path).exit_code == 0
    notices = sorted((tmp_path / "变更通知").glob("*.docx"))
    (tmp_path / "变更通知" / "~$更通知-县科协.docx").write_bytes(b"Word's lock file")
    (tmp_path / "变更通知" / "我的说明.docx").write_bytes(b"a person's own document")

    result = run("diff", small_plan_path, small_plan_path, "-o", tmp_path)  # no change concerns anybody

    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("已删除")] == [
        f"已删除本次不再生成的旧文件：{path}" for path in notices
    ]
    assert sorted(p.name for p in (tmp_path / "变更通知").iterdir()) == ["~$更通知-县科协.docx", "我的说明.docx"]
