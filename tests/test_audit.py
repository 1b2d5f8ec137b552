"""The audit on small hand-built plans: one check at a time, each with its location."""

from __future__ import annotations

from pathlib import Path

import pytest

from matrix.audit import CODES, RULES, AuditConfig, audit_plan
from matrix.findings import SEVERITIES, SEVERITY_LABELS, Finding, at_or_above
from matrix.graph import build_graph
from matrix.model import GUARANTEE_KIND, Assignment, Department, Location, Measure, Plan, Section
from matrix.readers.yaml import read_yaml
from matrix.registry import resolve_plan


def plan_of(*measures: Measure, kind: str = "提升行动", **fields) -> Plan:
    return Plan("测试方案", sections=(Section("1", "测试行动", kind=kind, measures=measures),), **fields)


def measure(id_: str, *assignments: tuple[str, str], **fields) -> Measure:
    where = Location("plan.yaml", int(id_) * 10)
    return Measure(
        id_, f"措施{id_}", assignments=tuple(Assignment(d, r, where) for d, r in assignments), source=where, **fields
    )


def audit(plan: Plan, **options) -> list[Finding]:
    return audit_plan(plan, build_graph(plan), **options)


def codes(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.measure, f.department) for f in findings]


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_a_measure_without_a_lead_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: 测试方案\n"
        "sections:\n"
        "  - id: '1'\n"
        "    title: 测试行动\n"
        "    measures:\n"
        "      - id: '1.1'\n"
        "        title: 有牵头的措施\n"
        "        leads: [县科协]\n"
        "      - id: '1.2'\n"
        "        title: 只有配合的措施\n"
        "        accountable: []\n"
        "        cooperators: [县妇联]\n",
        encoding="utf-8",
    )
    plan = read_yaml(path)
    (finding,) = only(audit(plan), "no-lead")
    assert (finding.severity, finding.measure, finding.location) == ("error", "1.2", f"{path}:9")
    assert "只有配合的措施" in finding.message


def test_an_unassigned_measure_is_an_error_but_a_guarantee_item_a_warning_naming_probable_owners() -> None:
    action = plan_of(measure("1"))
    (finding,) = only(audit(action), "unassigned")
    assert (finding.severity, finding.location) == ("error", "plan.yaml:10")
    assert only(audit(action), "unassigned-guarantee") == []
    guarantee = plan_of(measure("1", suggested=("县财政局", "县科协")), kind=GUARANTEE_KIND)
    assert only(audit(guarantee), "unassigned") == []
    (finding,) = only(audit(guarantee), "unassigned-guarantee")
    assert finding.severity == "warning"
    assert "县财政局、县科协 可能是责任单位" in finding.message


def test_the_office_being_informed_does_not_count_as_an_assignment() -> None:
    plan = plan_of(measure("1"), office="领导小组办公室")
    assert codes(only(audit(plan), "unassigned")) == [("unassigned", "1", None)]


def test_accountability_must_be_single() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县教科局", "A/R")),
        measure("2", ("县科协", "R"), ("县教科局", "R")),
        measure("3", ("县科协", "A/R")),
    )
    findings = audit(plan)
    assert codes(only(findings, "multiple-accountable")) == [("multiple-accountable", "1", None)]
    assert codes(only(findings, "no-accountable")) == [("no-accountable", "2", None)]
    assert only(findings, "multiple-accountable")[0].severity == "error"


def test_no_accountable_is_not_reported_when_the_plan_does_not_assign_a() -> None:
    from matrix.raci import RaciConfig

    plan = plan_of(measure("1", ("县科协", "R")), raci=RaciConfig(first_lead_accountable=False))
    assert only(audit(plan), "no-accountable") == []


def test_a_department_listed_as_lead_and_cooperator_is_seen_although_assign_keeps_one_role(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: 测试方案\nsections:\n  - id: '1'\n    title: 测试行动\n    measures:\n"
        "      - {id: '1.1', title: 措施甲, leads: [县教科局, 县科协], cooperators: [县科协, 团县委]}\n",
        encoding="utf-8",
    )
    plan = read_yaml(path)
    assert dict((a.department, a.role) for a in plan.measures[0].assignments)["县科协"] == "R"
    (finding,) = only(audit(plan), "lead-and-cooperator")
    assert (finding.severity, finding.measure, finding.department) == ("warning", "1.1", "县科协")
    assert finding.location == f"{path}:6"


def test_lead_and_cooperator_also_appears_when_two_spellings_merge() -> None:
    registry = (Department("县卫健局", aliases=("县卫健委",)),)
    plan = plan_of(measure("1", ("县卫健局", "A/R"), ("县卫健委", "C")))
    resolved, _ = resolve_plan(plan, registry)
    findings = audit_plan(plan, build_graph(resolved), registry=registry)
    assert codes(only(findings, "lead-and-cooperator")) == [("lead-and-cooperator", "1", "县卫健局")]


def test_diffused_accountability_and_crowds_of_cooperators_follow_the_thresholds() -> None:
    leads = [(f"县局{i}", "A/R" if i == 0 else "R") for i in range(4)]
    cooperators = [(f"县配合单位{i}", "C") for i in range(16)]
    plan = plan_of(measure("1", *leads, *cooperators))
    findings = audit(plan)
    assert codes(only(findings, "too-many-leads")) == [("too-many-leads", "1", None)]
    assert codes(only(findings, "too-many-cooperators")) == [("too-many-cooperators", "1", None)]
    relaxed = audit(plan, config=AuditConfig(max_leads=4, max_cooperators=16))
    assert only(relaxed, "too-many-leads") == only(relaxed, "too-many-cooperators") == []
    strict = audit(plan_of(measure("1", *leads[:2])), config=AuditConfig(max_leads=1))
    assert "2 个牵头单位（多于 1 个）" in only(strict, "too-many-leads")[0].message


@pytest.mark.parametrize(
    "options",
    [{"max_leads": 0}, {"max_cooperators": -1}, {"outlier_top": 1.0}, {"outlier_factor": 0}],
)
def test_nonsensical_thresholds_are_refused(options: dict) -> None:
    with pytest.raises(ValueError, match=r"max_leads|outlier_top|outlier_factor"):
        AuditConfig(**options)


def test_without_a_registry_two_spellings_are_a_near_duplicate_with_the_measures_of_each() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县卫健局", "C")),
        measure("2", ("县科协", "A/R"), ("县卫健委", "C")),
        measure("3", ("县委宣传部", "A/R"), ("县委组织部", "C"), ("县卫健局", "C")),
    )
    (finding,) = only(audit(plan), "look-alike")
    assert (finding.severity, finding.department) == ("warning", "县卫健局")
    assert "“县卫健局”（措施 1、3）与“县卫健委”（措施 2）" in finding.message
    assert finding.location == "plan.yaml:10；plan.yaml:20"


def test_a_name_written_by_thousands_of_measures_is_named_with_a_hundred_and_the_count() -> None:
    # a finding is one cell of the 审计问题 sheet: 5,000 measure ids would not fit in one
    many = [measure(str(n), ("县科协", "A/R"), ("县卫健局", "C")) for n in range(1, 5001)]
    plan = plan_of(*many, measure("5001", ("县委宣传部", "A/R"), ("县卫健委", "C")))
    (finding,) = only(audit(plan), "look-alike")
    first = "、".join(str(n) for n in range(1, 101))
    assert f"“县卫健局”（措施 {first} 等 5000 项）与“县卫健委”（措施 5001）" in finding.message
    assert len(finding.message) < 1000


REGISTRY = (
    Department("县科协", kind="群团组织", source=Location("departments.yaml", 2)),
    Department("县卫健局", aliases=("县卫健委",), kind="政府部门", source=Location("departments.yaml", 3)),
    Department("县教育局", aliases=("县教科局",), kind="政府部门", source=Location("departments.yaml", 4)),
    Department("县科技局", aliases=("县教科局",), kind="政府部门", source=Location("departments.yaml", 5)),
    Department("县林业局", kind="政府部门", source=Location("departments.yaml", 6)),
)


def test_with_a_registry_unknown_names_conflicts_and_unused_entries_are_reported() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县卫健委", "C"), ("县教科局", "C")),
        measure("2", ("县科协", "A/R"), ("县委组织部", "C")),
    )
    findings = audit(plan, registry=REGISTRY)
    conflict = only(findings, "alias-conflict")[0]
    assert (conflict.severity, conflict.department) == ("error", "县教科局")
    assert conflict.location == "departments.yaml:4；departments.yaml:5"
    assert "措施 1" in conflict.message
    unknown = only(findings, "unknown-department")[0]
    assert (unknown.severity, unknown.department, unknown.location) == ("error", "县委组织部", "plan.yaml:20")
    assert [f.department for f in only(findings, "alias")] == ["县卫健局"]
    unused = only(findings, "unused-department")
    assert [(f.severity, f.department, f.location) for f in unused] == [
        ("info", "县教育局", "departments.yaml:4"),
        ("info", "县科技局", "departments.yaml:5"),
        ("info", "县林业局", "departments.yaml:6"),
    ]


def test_the_plans_own_departments_section_is_the_registry_by_default() -> None:
    plan = plan_of(measure("1", ("县科协", "A/R"), ("县委组织部", "C")), departments=REGISTRY[:1])
    assert [f.department for f in only(audit(plan), "unknown-department")] == ["县委组织部"]
    assert only(audit(plan, registry=()), "unknown-department") == []


def test_registered_look_alikes_are_only_information_because_the_registry_decided() -> None:
    registry = (Department("县卫健局"), Department("县卫健委"), Department("县科协"))
    plan = plan_of(measure("1", ("县科协", "A/R"), ("县卫健局", "C"), ("县卫健委", "C")))
    (finding,) = only(audit(plan, registry=registry), "look-alike-registered")
    assert finding.severity == "info" and "登记表将二者列为不同单位" in finding.message


def test_an_unregistered_look_alike_is_reported_once_against_the_registry() -> None:
    plan = plan_of(measure("1", ("县科协", "A/R"), ("县卫健局", "C"), ("县卫生健康局", "C")))
    findings = only(audit(plan, registry=REGISTRY), "near-duplicate")
    assert [(f.severity, f.department) for f in findings] == [("error", "县卫生健康局")]
    assert "departments.yaml:3" in findings[0].location


def test_departments_that_only_cooperate_are_listed_for_information() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县妇联", "C")),
        measure("2", ("县教科局", "A/R"), ("县妇联", "C"), ("县科协", "C")),
        office="领导小组办公室",
    )
    assert [(f.severity, f.department) for f in only(audit(plan), "cooperates-only")] == [("info", "县妇联")]


def _leading(counts: dict[str, int]) -> Plan:
    measures, number = [], 1
    for department, count in counts.items():
        for _ in range(count):
            measures.append(measure(str(number), (department, "A/R"), ("县妇联", "C")))
            number += 1
    return plan_of(*measures)


def test_a_department_leading_more_than_twice_the_median_is_an_outlier() -> None:
    plan = _leading({"县科协": 7, "县教科局": 3, "县民政局": 3, "县总工会": 2, "县财政局": 1})
    findings = audit(plan, config=AuditConfig(outlier_top=0))
    (finding,) = only(findings, "workload-outlier")
    assert (finding.severity, finding.department) == ("info", "县科协")
    assert "牵头 7 项措施，是牵头数中位数（3）的 2.3 倍" in finding.message
    at_limit = _leading({"县科协": 6, "县教科局": 3, "县民政局": 3})
    assert only(audit(at_limit, config=AuditConfig(outlier_top=0)), "workload-outlier") == []


def test_the_top_share_of_leads_is_an_outlier_ties_included() -> None:
    counts = {f"县局{i}": 2 for i in range(8)} | {"县科协": 4, "县教科局": 4}
    findings = only(audit(_leading(counts), config=AuditConfig(outlier_factor=10)), "workload-outlier")
    assert [f.department for f in findings] == ["县科协", "县教科局"]
    assert all("居牵头单位前 10%" in f.message for f in findings)
    top = only(audit(_leading(counts), config=AuditConfig(outlier_factor=10, outlier_top=0.5)), "workload-outlier")
    assert len(top) == 10


def test_a_clean_plan_has_no_errors_or_warnings() -> None:
    plan = plan_of(measure("1", ("县科协", "A/R"), ("县教科局", "C")), measure("2", ("县教科局", "A/R")))
    assert at_or_above(audit(plan, config=AuditConfig(outlier_top=0)), "warning") == []


def test_findings_come_names_first_then_measures_then_departments() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县卫健局", "C")),
        measure("2"),
        measure("3", ("县教科局", "A/R"), ("县卫健委", "C")),
    )
    assert [f.code for f in audit(plan, config=AuditConfig(outlier_top=0))] == [
        "look-alike",
        "unassigned",
        "cooperates-only",
        "cooperates-only",
    ]


def test_at_or_above_orders_severities_and_refuses_unknown_ones() -> None:
    found = [Finding("info", "a", ""), Finding("warning", "b", ""), Finding("error", "c", "")]
    assert [f.code for f in at_or_above(found, "info")] == ["a", "b", "c"]
    assert [f.code for f in at_or_above(found, "error")] == ["c"]
    with pytest.raises(ValueError, match="未知的级别 'fatal'"):
        at_or_above(found, "fatal")


def test_a_measure_led_only_by_collectives_is_flagged_with_them() -> None:
    plan = plan_of(
        measure("1", ("各乡镇人民政府", "A/R"), ("县财政局", "C")),
        measure("2", ("县财政局", "A/R"), ("各乡镇人民政府", "C")),
        measure("3", ("各省级人民政府", "A/R"), ("国务院相关部门", "R")),
    )
    found = only(audit(plan), "collective-lead")
    assert [(f.measure, f.severity, f.location) for f in found] == [
        ("1", "warning", "plan.yaml:10"),
        ("3", "warning", "plan.yaml:30"),
    ]
    assert "各省级人民政府、国务院相关部门" in found[1].message


def test_every_rule_has_one_code_a_severity_and_a_chinese_label() -> None:
    assert len(set(CODES)) == len(RULES)
    for rule in RULES:
        assert rule.severity in SEVERITIES, rule.code
        assert rule.label and all("\u4e00" <= c <= "\u9fff" for c in rule.label), rule.code


def test_the_table_decides_each_finding_s_severity() -> None:
    plan = plan_of(
        measure("1", ("县科协", "A/R"), ("县卫健局", "C"), ("县卫健委", "C")),
        measure("2", ("县妇联", "C")),
        measure("3"),
    )
    findings = audit(plan, registry=REGISTRY)
    assert {f.code for f in findings} >= {"mixed-names", "no-lead", "unassigned", "unknown-department"}
    severity = {rule.code: rule.severity for rule in RULES}
    assert all(f.severity == severity[f.code] for f in findings)


def test_ignored_codes_are_not_looked_for() -> None:
    plan = plan_of(measure("1", ("县科协", "C")), measure("2"))
    everything = {f.code for f in audit(plan)}
    assert {"no-lead", "unassigned"} <= everything
    left = {f.code for f in audit(plan, config=AuditConfig(ignore=frozenset({"no-lead"})))}
    assert left == everything - {"no-lead"}
    with pytest.raises(ValueError, match="未知的审计代码：no-leads"):
        AuditConfig(ignore=frozenset({"no-leads"}))


def test_docs_list_every_code_with_its_severity_and_label_in_table_order() -> None:
    text = (Path(__file__).parents[1] / "docs" / "audit-codes.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:4] for line in text.splitlines() if line.startswith("| `")]
    assert [tuple(cell.strip() for cell in row) for row in rows] == [
        (f"`{rule.code}`", SEVERITY_LABELS[rule.severity], rule.label) for rule in RULES
    ]
