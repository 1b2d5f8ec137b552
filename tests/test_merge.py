from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.export.plan_yaml import dump_plan_yaml
from matrix.graph import build_graph, workload
from matrix.merge import (
    BY_NAME,
    BY_PLAN,
    departments_by_plan,
    disputed_spellings,
    joined_names,
    merge_plans,
    plan_key,
    plan_place,
    split_id,
)
from matrix.model import Assignment, Department, Measure, Plan, Section
from matrix.readers import read_plan
from matrix.readers.yaml import read_yaml_text
from matrix.registry import Registry, resolve_plan

from .conftest import INPUT, SMALL_PLAN


def county(place: str, key: str, *measures: Measure, departments: tuple[Department, ...] = ()) -> Plan:
    return Plan(
        f"{place}全民科学素质行动规划纲要实施方案",
        sections=(Section("3.1", "青少年科学素质提升行动", kind="提升行动", measures=measures),),
        departments=departments,
        targets=("公民具备科学素质的比例达到12%",),
        source=f"input/{key}.yaml",
    )


def measure(measure_id: str, title: str, *roles: tuple[str, str]) -> Measure:
    return Measure(measure_id, title, assignments=tuple(Assignment(d, r) for d, r in roles))


@pytest.fixture
def counties() -> list[Plan]:
    wutai = county(
        "五台县",
        "wutai",
        measure("3.1.1", "实施科学家精神进校园行动", ("县教科局", "A/R"), ("县科协", "C")),
        measure("3.1.2", "开展青少年科技竞赛", ("县科协", "A/R")),
    )
    xinhuang = county(
        "新晃侗族自治县",
        "xinhuang",
        measure("3.1.1", "实施科技创新后备人才培育计划", ("县教育局", "A/R"), ("县科协", "R"), ("团县委", "C")),
    )
    return [wutai, xinhuang]


def test_measures_and_sections_are_namespaced_by_plan(counties: list[Plan]) -> None:
    merged = merge_plans(counties)
    assert [m.id for m in merged.measures] == ["wutai:3.1.1", "wutai:3.1.2", "xinhuang:3.1.1"]
    assert [(s.id, s.title, s.kind) for s in merged.sections] == [
        ("wutai:3.1", "五台县·青少年科学素质提升行动", "提升行动"),
        ("xinhuang:3.1", "新晃侗族自治县·青少年科学素质提升行动", "提升行动"),
    ]
    assert merged.targets == ("五台县：公民具备科学素质的比例达到12%", "新晃侗族自治县：公民具备科学素质的比例达到12%")
    assert split_id("xinhuang:3.1.1") == ("xinhuang", "3.1.1")
    assert merged.office == ""


def test_by_plan_keeps_equal_names_of_two_counties_apart(counties: list[Plan]) -> None:
    merged = merge_plans(counties, mode=BY_PLAN)
    assert merged.department_names() == (
        "五台县·县教科局",
        "五台县·县科协",
        "新晃侗族自治县·县教育局",
        "新晃侗族自治县·县科协",
        "新晃侗族自治县·团县委",
    )
    assert all(len(keys) == 1 for keys in departments_by_plan(merged).values())


def test_by_name_counts_a_body_once_and_its_work_across_plans(counties: list[Plan]) -> None:
    merged = merge_plans(counties, mode=BY_NAME)
    presence = departments_by_plan(merged)
    assert presence["县科协"] == ("wutai", "xinhuang")
    assert [d for d, keys in presence.items() if len(keys) > 1] == ["县科协"]
    (kexie,) = workload(build_graph(merged), ["县科协"])
    assert kexie.led == ("wutai:3.1.2", "xinhuang:3.1.1")
    assert kexie.cooperated == ("wutai:3.1.1",)


def test_by_name_resolves_registry_aliases_and_keeps_one_cell(counties: list[Plan]) -> None:
    registry = (Department("县卫生健康局", aliases=("县卫健局",), kind="政府部门"),)
    wutai = county(
        "五台县", "wutai", measure("1", "甲", ("县卫健局", "C"), ("县卫生健康局", "R")), departments=registry
    )
    xinhuang = county("新晃侗族自治县", "xinhuang", measure("1", "乙", ("县卫生健康局", "A/R")))
    merged = merge_plans([wutai, xinhuang], mode=BY_NAME)
    assert [m.assignments for m in merged.measures] == [
        (Assignment("县卫生健康局", "R", also=("C",)),),
        (Assignment("县卫生健康局", "A/R"),),
    ]
    assert merged.departments == registry
    assert build_graph(merged).nodes["县卫生健康局"]["kind"] == "政府部门"


def test_each_plan_reads_its_names_through_its_own_registry_before_merging() -> None:
    # 五台县 calls its education bureau 县教科局 and registers 县教育局 as its alias; 新晃 has a 县教育局 of its own
    wutai = county(
        "五台县",
        "wutai",
        measure("1", "甲", ("县教育局", "A/R")),
        departments=(Department("县教科局", aliases=("县教育局",)),),
    )
    other = county(
        "新晃侗族自治县", "xinhuang", measure("1", "乙", ("县教育局", "A/R")), departments=(Department("县教育局"),)
    )
    by_name = merge_plans([wutai, other], mode=BY_NAME)
    assert [m.leads for m in by_name.measures] == [("县教科局",), ("县教育局",)]
    assert joined_names(by_name) == {}
    # the merged registry cannot keep 县教育局 as 县教科局's alias: it is the other county's bureau
    assert by_name.departments == (Department("县教科局"), Department("县教育局"))
    assert disputed_spellings([wutai, other]) == [("县教育局", ("县教科局", "县教育局"))]
    assert resolve_plan(by_name, Registry.of_plan(by_name))[0].measures == by_name.measures
    by_plan = merge_plans([wutai, other])
    assert [m.leads for m in by_plan.measures] == [("五台县·县教科局",), ("新晃侗族自治县·县教育局",)]


def test_by_plan_qualifies_the_registries_too() -> None:
    registry = (Department("县卫生健康局", aliases=("县卫健局",), short="县卫健局"),)
    merged = merge_plans([county("五台县", "wutai", measure("1", "甲"), departments=registry)])
    assert merged.departments == (Department("五台县·县卫生健康局", ("五台县·县卫健局",), short="五台县·县卫健局"),)


def test_two_plans_with_one_key_are_refused(counties: list[Plan]) -> None:
    with pytest.raises(InputError, match="两个方案的简称都是 'wutai'"):
        merge_plans([counties[0], counties[0]])
    merged = merge_plans([counties[0], counties[0]], keys=["v2021", "v2023"])
    assert merged.sections[1].title == "五台县（v2023）·青少年科学素质提升行动"


def test_bad_arguments_are_refused(counties: list[Plan]) -> None:
    with pytest.raises(ValueError, match="unknown merge mode 'by-magic'"):
        merge_plans(counties, mode="by-magic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one plan"):
        merge_plans([])
    with pytest.raises(InputError, match="不能为空或含有 ':'"):
        merge_plans(counties, keys=["a:b", "c"])


def test_keys_and_places_come_from_file_and_title() -> None:
    assert plan_key(Plan("x", source="/data/五台县2021.yaml")) == "五台县2021"
    assert plan_key(Plan("x"), 2) == "plan3"
    assert plan_place(Plan("怀化市全民科学素质行动实施方案")) == "怀化市"
    assert plan_place(Plan("全民科学素质行动实施方案")) == "全民科学素质行动实施方案"


@pytest.mark.parametrize("mode", [BY_PLAN, BY_NAME])
def test_merged_plan_round_trips_through_yaml(mode: str, counties: list[Plan]) -> None:
    as_read = [read_yaml_text(SMALL_PLAN, "small.yaml")]
    as_read += [read_yaml_text(dump_plan_yaml(c), c.source) for c in counties]
    merged = merge_plans(as_read, mode=mode)
    assert read_yaml_text(dump_plan_yaml(merged)) == merged


def seed(name: str) -> Plan:
    path = INPUT / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path} is not on this branch yet")
    return read_plan(path)


def assigned(plan: Plan) -> list[Measure]:
    return [m for m in plan.measures if m.assignments]


def test_merging_the_two_seeds_keeps_every_measure() -> None:
    wutai, xinhuang = seed("wutai"), seed("xinhuang")
    for mode in (BY_PLAN, BY_NAME):
        merged = merge_plans([wutai, xinhuang], mode=mode)
        assert len(assigned(merged)) == 69
        assert len([m for m in merged.measures if not m.assignments and m.kind == "保障措施"]) == 11
    by_name = departments_by_plan(merge_plans([wutai, xinhuang], mode=BY_NAME))
    shared = {d for d, keys in by_name.items() if keys == ("wutai", "xinhuang")}
    assert shared == set(wutai.department_names()) & set(xinhuang.department_names())
    assert "县科协" in shared
    by_plan = departments_by_plan(merge_plans([wutai, xinhuang], mode=BY_PLAN))
    assert len(by_plan) == len(wutai.department_names()) + len(xinhuang.department_names())


def test_cli_merge_writes_a_plan_that_reads_back(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    out = tmp_path / "merged.yaml"
    result = run("merge", small_plan_path, revised_plan_path, "-o", out, "--mode", "by-name")
    assert result.exit_code == 0, result.output
    merged = read_plan(out)
    assert [m.id for m in merged.measures][:2] == ["small:3.4.1", "small:3.4.2"]
    assert len(merged.measures) == 7
    assert "单位 5 个，其中按名称跨方案合并的 4 个" in result.output
    assert "县卫健局（small、revised）" in result.output
    row = next(line for line in result.output.splitlines() if line.split()[:1] == ["县卫健局"])
    assert row.split() == ["县卫健局", "small、revised", "0", "0", "4", "4"]


def test_cli_merge_by_plan_shares_no_department(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path
) -> None:
    result = run("merge", small_plan_path, revised_plan_path, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 0, result.output
    assert "各方案的同名单位分别计算，无跨方案合并" in result.output
    assert "五台县（small）·县科协" in read_plan(tmp_path / "m.yaml").department_names()


def test_cli_merge_needs_two_plans(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run("merge", small_plan_path, "-o", tmp_path / "m.yaml")
    assert result.exit_code == 2
    assert "至少需要两个方案文件" in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_cli_merge_resolves_names_through_a_given_registry(run, tmp_path: Path) -> None:
    plans = (INPUT / "wutai.yaml", INPUT / "xinhuang.yaml")
    args = ("--mode", "by-name", "--registry", INPUT / "departments-wutai.yaml")
    resolved = run("merge", *plans, "-o", tmp_path / "one.yaml", *args)
    assert resolved.exit_code == 0, resolved.output
    assert f"wutai：单位名称按单位登记表 {INPUT / 'departments-wutai.yaml'} 统一" in resolved.output
    assert f"xinhuang：单位名称按单位登记表 {INPUT / 'departments-wutai.yaml'} 统一" in resolved.output
    names = read_plan(tmp_path / "one.yaml").department_names()
    assert "县卫健局" in names and "县卫健委" not in names


def test_cli_merge_of_the_two_seeds_reads_each_through_its_own_registry(run, tmp_path: Path) -> None:
    plans = (INPUT / "wutai.yaml", INPUT / "xinhuang.yaml")
    by_plan = run("merge", *plans, "-o", tmp_path / "by-plan.yaml")
    by_name = run("merge", *plans, "-o", tmp_path / "by-name.yaml", "--mode", "by-name")
    assert by_plan.exit_code == by_name.exit_code == 0, by_plan.output + by_name.output
    for result in (by_plan, by_name):
        assert f"wutai：单位名称按单位登记表 {INPUT / 'departments-wutai.yaml'} 统一" in result.output
        assert f"xinhuang：单位名称按单位登记表 {INPUT / 'departments-xinhuang.yaml'} 统一" in result.output

    # by plan (the default): 五台县 writes its health bureau two ways, one body; the two 县科协 stay two
    merged = read_plan(tmp_path / "by-plan.yaml")
    names = merged.department_names()
    assert "五台县·县卫健局" in names and not [n for n in names if n.endswith("县卫健委")]
    assert {"五台县·县科协", "新晃侗族自治县·县科协"} <= set(names)
    assert all(len(keys) == 1 for keys in departments_by_plan(merged).values())
    assert "新晃侗族自治县·县卫生健康局" in names
    registry = {d.name: d for d in merged.departments}
    assert registry["五台县·县卫健局"].aliases == ("五台县·县卫健委",)
    assert registry["五台县·县卫健局"].kind == "政府部门"

    # by name: each county's names first, so 县卫健局 (五台县) and 县卫生健康局 (新晃) stay two bodies,
    # and the report names every name it joined across the plans
    merged = read_plan(tmp_path / "by-name.yaml")
    names = merged.department_names()
    assert "县卫健委" not in names and {"县卫健局", "县卫生健康局"} <= set(names)
    joined = joined_names(merged)
    assert joined["县科协"] == ("wutai", "xinhuang")
    line = by_name.output.splitlines()[
        by_name.output.splitlines().index(f"单位 {len(names)} 个，其中按名称跨方案合并的 {len(joined)} 个：") + 1
    ]
    assert line.strip() == "、".join(f"{name}（wutai、xinhuang）" for name in joined)
    assert "“县卫健局”（县卫健局、县卫生健康局）" in by_name.output
    # the merged plan builds without a name two registry entries claim
    audit = run("audit", tmp_path / "by-name.yaml", "--format", "json")
    assert "alias-conflict" not in audit.output
