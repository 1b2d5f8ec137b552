"""The department registry files: what they accept, what they refuse and where, and that they cover the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.readers.yaml import read_registry
from matrix.registry import KINDS, alias_conflicts, resolve

from ..conftest import INPUT, SMALL_PLAN, seed_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "departments.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_registry_file_gives_departments_with_their_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "title: 示例登记表\n"
        "departments:\n"
        "  - {name: 县卫健局, aliases: [县卫健委], kind: 政府部门}\n"
        "  - name: 县人力资源和社会保障局\n"
        "    short: 县人社局\n"
        "    kind: 政府部门\n",
    )
    health, labour = read_registry(path).departments
    assert (health.name, health.aliases, health.kind) == ("县卫健局", ("县卫健委",), "政府部门")
    assert (labour.short, str(labour.source)) == ("县人社局", f"{path}:4")


def test_a_bare_list_and_a_plan_file_are_registries_too(tmp_path: Path) -> None:
    assert [d.name for d in read_registry(write(tmp_path, "- {name: 县科协, kind: 群团组织}\n")).departments] == [
        "县科协"
    ]
    plan = SMALL_PLAN.replace("sections:", "departments:\n  - {name: 县民政局, kind: 政府部门}\nsections:")
    assert [d.kind for d in read_registry(write(tmp_path, plan)).departments] == ["政府部门"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "departments:\n  - {name: 县科协}\n  - {name: 县科协}\n",
            r"departments.yaml:3: 单位 '县科协' 重复登记，首次出现在 .*:2",
        ),
        ("departments:\n  - {name: 县科协, kind: 群团}\n", r"departments.yaml:2: 未知的单位类别 '群团'"),
        ("departments:\n  - {name: 县科协, alias: [科协]}\n", r"departments.yaml:2: 单位中有未知字段 'alias'"),
        ("title: 登记表\n", r"departments.yaml:1: 单位登记表缺少必填字段 'departments'"),
        ("departments: [\n", r"departments.yaml:2: YAML 格式错误"),
        ("", r"departments.yaml: 文件为空"),
    ],
)
def test_a_bad_registry_is_refused_with_its_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_registry(write(tmp_path, text))


def test_a_missing_registry_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="无法读取文件"):
        read_registry(tmp_path / "absent.yaml")


def _seed_names(text: str) -> set[str]:
    """Every department named in an assignment of a seed, split by hand."""
    names = set()
    names_inside = r"((?:[^（）]|（[^（）]*）)*?)"
    for lead, rest in re.findall(rf"（(?:责任分工：)?由?{names_inside}牵头，{names_inside}）", text):
        rest = re.sub(r"等单位(?:配合|参加)。?$", "", rest)
        names.update(n.strip() for n in re.split(r"、(?![^（]*）)", lead + "、" + rest) if n.strip())
    return names


@pytest.mark.parametrize(
    ("seed", "registry", "count"),
    [
        ("wutai-2021-2025.txt", "departments-wutai.yaml", 22),
        ("xinhuang-2021-2025.txt", "departments-xinhuang.yaml", 27),
    ],
)
def test_each_seed_registry_covers_every_name_its_plan_writes(seed: str, registry: str, count: int) -> None:
    names = _seed_names(seed_path(seed).read_text(encoding="utf-8"))
    departments = read_registry(INPUT / registry).departments
    assert len(names) == count
    unresolved = {n for n in names if resolve(n, departments).canonical is None}
    assert unresolved == set()
    assert alias_conflicts(departments) == []
    assert {d.kind for d in departments} <= set(KINDS)


def test_the_seed_registries_classify_the_bodies_as_the_county_does() -> None:
    wutai = {d.name: d for d in read_registry(INPUT / "departments-wutai.yaml").departments}
    assert wutai["市生态环境局五台分局"].kind == "派驻机构"
    assert {wutai[n].kind for n in ("团县委", "县妇联", "县总工会", "县科协")} == {"群团组织"}
    assert {wutai[n].kind for n in ("县委宣传部", "县委组织部")} == {"县委部门"}
    assert "县卫健委" in wutai["县卫健局"].aliases
    xinhuang = {d.name: d for d in read_registry(INPUT / "departments-xinhuang.yaml").departments}
    assert xinhuang["市生态环境局新晃分局"].kind == "派驻机构"
    assert xinhuang["县人力资源和社会保障局"].short == "县人社局"


def test_a_registry_defines_groups_by_members_or_as_vague(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "departments:\n"
        "  - {name: 甲镇人民政府, aliases: [甲镇], kind: 乡镇}\n"
        "  - {name: 乙乡人民政府, kind: 乡镇}\n"
        "groups:\n"
        "  - {name: 各乡镇人民政府, aliases: [各乡镇, 各乡（镇）], members: [甲镇, 乙乡人民政府]}\n"
        "  - {name: 各有关单位, vague: true}\n",
    )
    towns, concerned = read_registry(path).groups
    assert (towns.name, towns.aliases, towns.members, towns.vague) == (
        "各乡镇人民政府",
        ("各乡镇", "各乡（镇）"),
        ("甲镇人民政府", "乙乡人民政府"),  # a member written by its alias is the registered department
        False,
    )
    assert (concerned.members, concerned.vague, str(concerned.source)) == ((), True, f"{path}:6")


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        (
            "  - {name: 各乡镇人民政府}\n",
            r"departments.yaml:4: 集体“各乡镇人民政府”没有成员：请列出 members，或写 vague: true",
        ),
        (
            "  - {name: 各有关单位, vague: true, members: [甲镇]}\n",
            r"departments.yaml:4: 集体“各有关单位”标为 vague（泛指），不能再列成员",
        ),
        (
            "  - name: 各乡镇人民政府\n    members:\n      - 甲镇\n      - 丙镇\n",
            r"departments.yaml:7: 集体成员“丙镇”不是登记表 departments 中的单位",
        ),
        (
            "  - {name: 甲镇人民政府, members: [甲镇]}\n",
            r"departments.yaml:4: 集体 '甲镇人民政府' 重复登记，首次出现在 .*:2",
        ),
        ("  - {name: 各乡镇, member: [甲镇]}\n", r"departments.yaml:4: 集体中有未知字段 'member'"),
        ("  - {name: 各乡镇, vague: 是}\n", r"departments.yaml:4: vague应为 true 或 false"),
    ],
)
def test_a_bad_group_is_refused_with_its_line(tmp_path: Path, groups: str, message: str) -> None:
    text = "departments:\n  - {name: 甲镇人民政府, aliases: [甲镇], kind: 乡镇}\ngroups:\n" + groups
    with pytest.raises(InputError, match=message):
        read_registry(write(tmp_path, text))
