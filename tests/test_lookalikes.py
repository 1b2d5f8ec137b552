"""Look-alike department names: near-duplicates in both directions, and the guards against false positives."""

from __future__ import annotations

import pytest

from matrix.lookalikes import ABBREVIATIONS, name_tokens, near_duplicate, near_duplicates
from matrix.names import QUALIFIER
from matrix.readers.yaml import read_registry, read_yaml

from .conftest import INPUT


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("县卫健局", "县卫生健康局"),
        ("县卫健局", "县卫健委"),
        ("县卫健委", "县卫生健康委员会"),
        ("县人社局", "县人力资源和社会保障局"),
        ("县发改局", "县发展和改革局"),
        ("县发展改革局", "县发展和改革局"),
        ("县工信局", "县工业和信息化局"),
        ("县工信局", "县工业信息化局"),
        ("县文旅局", "县文化和旅游局"),
        ("县应急局", "县应急管理局"),
        ("县市场监管局", "县市场监督管理局"),
        ("县科协", "县科学技术协会"),
        ("县教科局", "县教育科技局"),
    ],
)
def test_abbreviation_and_full_name_are_near_duplicates_in_both_directions(short: str, long: str) -> None:
    assert near_duplicate(short, long) == "简称或后缀不同，所指相同"
    assert near_duplicate(long, short) == "简称或后缀不同，所指相同"


@pytest.mark.parametrize(
    ("part", "merged"),
    [
        ("县文旅局", "县文化旅游广电体育局"),
        ("县工信局", "县商务科技和工业信息化局"),
        ("县教育局", "县教科局"),
    ],
)
def test_a_bureau_merged_into_a_larger_one_is_a_near_duplicate_either_way(part: str, merged: str) -> None:
    assert near_duplicate(part, merged) == f"“{part}”的职能包含在“{merged}”中"
    assert near_duplicate(merged, part) == f"“{part}”的职能包含在“{merged}”中"


def test_a_typing_error_is_caught_by_similarity() -> None:
    assert near_duplicate("县自然资源局", "县自然资原局").startswith("字面相似")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("县委宣传部", "县委组织部"),
        ("县委宣传部", "县委统战部"),
        ("县教科局", "县科协"),
        ("县民政局", "县财政局"),
        ("县教育局", "县体育局"),
        ("县农业农村局", "县林业局"),
        ("县农业农村局", "县乡村振兴局"),
        ("县总工会", "县工商联"),
        ("县科技局", "县科协"),
        ("团县委", "县委组织部"),
    ],
)
def test_different_bodies_are_not_near_duplicates(first: str, second: str) -> None:
    assert near_duplicate(first, second) is None
    assert near_duplicate(second, first) is None


def test_a_name_is_not_its_own_near_duplicate() -> None:
    assert near_duplicate("县科协", " 县科协等单位配合") is None


def test_county_branch_of_a_city_bureau_reduces_to_the_bureau() -> None:
    assert name_tokens("市生态环境局五台分局") == name_tokens("县生态环境局") == {"生态环境"}


def test_near_duplicates_lists_pairs_in_input_order() -> None:
    names = ["县卫健局", "县委宣传部", "县卫健委", "县委组织部", "县卫生健康局"]
    assert [(a, b) for a, b, _ in near_duplicates(names)] == [
        ("县卫健局", "县卫健委"),
        ("县卫健局", "县卫生健康局"),
        ("县卫健委", "县卫生健康局"),
    ]


def test_a_stricter_similarity_drops_the_fuzzy_match_only() -> None:
    assert near_duplicate("县自然资源局", "县自然资原局", similarity=90) is None
    assert near_duplicate("县卫健局", "县卫健委", similarity=100) is not None


def _every_pair(names: list[str], similarity: float) -> list[tuple[str, str, str]]:
    """The definition: near_duplicate of every pair, in input order."""
    pairs = []
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            reason = near_duplicate(first, second, similarity=similarity)
            if reason:
                pairs.append((first, second, reason))
    return pairs


def _seed_names() -> list[str]:
    """Every department name and alias of both seed plans and registries, and every abbreviation rule's forms."""
    names: list[str] = []
    for plan, registry in (("wutai", "departments-wutai"), ("xinhuang", "departments-xinhuang")):
        names += read_yaml(INPUT / f"{plan}.yaml").department_names()
        for department in read_registry(INPUT / f"{registry}.yaml").departments:
            names += [department.name, *department.aliases]
    names += [f"县{form}{suffix}" for form in ABBREVIATIONS for suffix in ("局", "委", "委员会")]
    names += ["县文化旅游广电体育局", "县商务科技和工业信息化局", "县自然资原局", "市生态环境局五台分局"]
    return list(dict.fromkeys(names))


@pytest.mark.parametrize("similarity", [60.0, 80.0])
def test_near_duplicates_finds_every_pair_that_comparing_all_pairs_finds(similarity: float) -> None:
    names = _seed_names()
    # the same names as two counties of a plan merged by plan, and a few without a place beside them
    names += [f"{place}{QUALIFIER}{name}" for place in ("五台县", "新晃侗族自治县") for name in names[:30]]
    expected = _every_pair(names, similarity)
    assert len(expected) > 100
    assert near_duplicates(names, similarity=similarity) == expected


def test_names_of_two_places_of_a_merged_plan_are_two_bodies_and_of_one_place_compared_without_it() -> None:
    assert near_duplicate("五台县·县科协", "代县·县科协") is None
    assert near_duplicate("五台县·县卫健局", "代县·县卫生健康局") is None
    # a shared place does not make two short names alike: 县妇联 and 县文联 are not
    assert near_duplicate("县妇联", "县文联") is None
    assert near_duplicate("五台县·县妇联", "五台县·县文联") is None
    assert near_duplicate("五台县·县卫健局", "五台县·县卫生健康局") == "简称或后缀不同，所指相同"
    assert near_duplicate("五台县·县自然资源局", "五台县·县自然资原局") == "字面相似（相似度 83）"
    # a name without a place is compared whole, with names of a place too
    assert near_duplicate("县卫健局", "五台县·县卫健局") is not None


def test_a_province_of_county_plans_merged_by_plan_pairs_names_within_a_county_only() -> None:
    counties = ("五台县", "代县", "繁峙县")
    own = read_yaml(INPUT / "wutai.yaml").department_names()
    names = [f"{county}{QUALIFIER}{name}" for county in counties for name in own]
    pairs = near_duplicates(names)
    assert pairs, "the Wutai plan writes 县卫健委 and 县卫健局"
    assert all(a.split(QUALIFIER)[0] == b.split(QUALIFIER)[0] for a, b, _ in pairs)
    per_county = [(a.split(QUALIFIER)[1], b.split(QUALIFIER)[1], r) for a, b, r in pairs if a.startswith("五台县")]
    assert per_county == near_duplicates(own)
