from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.model import GUARANTEE_KIND
from matrix.readers import read_plan
from matrix.readers.yaml import read_yaml, read_yaml_text

from ..conftest import SMALL_PLAN


def test_reads_plan_metadata_sections_and_measures(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    assert plan.title == "五台县全民科学素质行动规划纲要实施方案"
    assert plan.office == "五台县全民科学素质工作领导组办公室"
    assert [s.id for s in plan.sections] == ["3.4", "5.2"]
    assert [m.id for m in plan.measures] == ["3.4.1", "3.4.2", "5.2.1"]


def test_first_lead_is_accountable_and_text_lists_are_split(small_plan_path: Path) -> None:
    measure = read_yaml(small_plan_path).measures[0]
    roles = {a.department: a.role for a in measure.assignments}
    assert roles == {"县科协": "A/R", "县民政局": "R", "县委宣传部": "C", "县卫健局": "C"}


def test_measures_inherit_their_section_kind_and_keep_targets(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    guarantee = plan.measures[2]
    assert guarantee.kind == GUARANTEE_KIND
    assert guarantee.assignments == ()
    assert guarantee.suggested == ("县财政局",)
    assert plan.measures[1].targets == ("每年组织100人次参加健康讲座",)
    assert plan.measures[1].deadline == "2025年"


def test_assignments_remember_their_line(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    sources = {a.department: str(a.source) for a in plan.measures[0].assignments}
    assert sources["县科协"] == f"{small_plan_path}:13"
    assert sources["县卫健局"] == f"{small_plan_path}:14"
    assert str(plan.measures[1].source) == f"{small_plan_path}:15"


def test_accountable_override_and_raci_config() -> None:
    text = SMALL_PLAN.replace(
        "        leads: [县科协, 县民政局]\n",
        "        leads: [县科协, 县民政局]\n        accountable: [县民政局]\n",
    )
    text = text.replace("period: 2021-2025\n", "period: 2021-2025\nraci:\n  office_informed: false\n")
    plan = read_yaml_text(text)
    roles = {a.department: a.role for a in plan.measures[0].assignments}
    assert roles["县科协"] == "R" and roles["县民政局"] == "A/R"
    assert plan.raci.office_informed is False


def test_read_plan_dispatches_by_extension(small_plan_path: Path) -> None:
    assert read_plan(small_plan_path).title.startswith("五台县")


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ("title: [unclosed\n", 2, "YAML 格式错误"),
        ("- just a list\n", 1, "方案应为键值映射"),
        (SMALL_PLAN.replace("period:", "perod:"), 4, "未知字段 'perod'"),
        (SMALL_PLAN.replace('      - id: "3.4.2"\n', "      - \n"), 16, "缺少必填字段 'id'"),
        (SMALL_PLAN.replace('id: "3.4.2"', 'id: "3.4.1"'), 15, "措施编号 '3.4.1' 重复"),
        (SMALL_PLAN.replace("cooperators: [县卫健局]", "cooperators: [县卫健局, '']"), 18, "单位名称为空"),
        (SMALL_PLAN.replace("县委宣传部、县卫健局", "县委宣传部、、县卫健局"), 14, "单位名称为空"),
        (
            SMALL_PLAN.replace("office_informed", "x").replace("period: 2021-2025\n", "raci: {office_informed: 1}\n"),
            4,
            "应为 true 或 false",
        ),
    ],
)
def test_bad_yaml_names_file_and_line(tmp_path: Path, text: str, line: int, match: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match) as info:
        read_yaml(path)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_plan_without_measures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("title: 空方案\nsections:\n  - id: '1'\n    title: 无\n", encoding="utf-8")
    with pytest.raises(InputError, match="没有任何措施"):
        read_yaml(path)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_plan(tmp_path / "none.yaml")
    odd = tmp_path / "plan.json"
    odd.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="--input-format"):
        read_plan(odd)


def test_huge_input_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matrix.readers

    monkeypatch.setattr(matrix.readers, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "huge.yaml"
    path.write_text("title: x\n" + "# padding\n" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="文件过大"):
        read_plan(path)


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
def test_deep_nesting_is_located_by_either_parser(monkeypatch: pytest.MonkeyPatch, parser: str) -> None:
    import yaml

    from matrix.readers import yaml as reader

    if parser == "pure-python":
        monkeypatch.setattr(reader, "_FAST_LOADER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    text = "title: 方案\nsections:\n  - " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(InputError, match="嵌套层数过多") as caught:
        read_yaml_text(text, "deep.yaml")
    assert str(caught.value).startswith("deep.yaml:3: ")


@pytest.mark.parametrize("null", ["null", "~", "Null", "NULL", ""])
def test_yaml_null_is_empty_never_the_text_null(null: str) -> None:
    text = (
        SMALL_PLAN.replace("cooperators: 县委宣传部、县卫健局", f"cooperators: {null}")
        .replace("deadline: 2025年", f"deadline: {null}")
        .replace("office: 五台县全民科学素质工作领导组办公室", f"office: {null}")
    )
    plan = read_yaml_text(text)
    assert plan.office == ""
    assert plan.measures[0].cooperators == ()
    assert plan.measures[1].deadline is None
    assert "null" not in {a.department.lower() for m in plan.measures for a in m.assignments}


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("title: 五台县全民科学素质行动规划纲要实施方案", "title: ~", 1, "方案的必填字段 'title' 为空"),
        ("title: 实施智慧助老行动", "title: '  '", 11, "措施的必填字段 'title' 为空"),
        ('id: "3.4"', "id: Null", 6, "章节的必填字段 'id' 为空"),
        ("leads: [县科协, 县民政局]", "leads: [县科协, ~]", 13, "牵头单位：单位名称为空"),
        ("leads: [县科协, 县民政局]", "leads:\n          - 县科协\n            - 县民政局", 15, "被 YAML 并入了上一项"),
        ("leads: [县科协, 县民政局]", "leads:\n          - 县科协\n          - [县民政局]", 15, "实为嵌套列表"),
        ("leads: [县科协, 县民政局]", "leads:\n          - 县科协\n          - {name: 县民政局}", 15, "实为键值映射"),
    ],
)
def test_null_blank_and_nested_values_are_refused_at_their_line(old: str, new: str, line: int, message: str) -> None:
    assert old in SMALL_PLAN
    with pytest.raises(InputError, match=message) as caught:
        read_yaml_text(SMALL_PLAN.replace(old, new), "plan.yaml")
    assert str(caught.value).startswith(f"plan.yaml:{line}: ")


def test_a_name_list_folded_over_lines_without_a_dash_still_reads() -> None:
    text = SMALL_PLAN.replace("cooperators: 县委宣传部、县卫健局", "cooperators: 县委宣传部、\n          县卫健局")
    assert read_yaml_text(text).measures[0].cooperators == ("县委宣传部", "县卫健局")


def test_only_what_aliases_add_is_counted_never_what_the_file_writes_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark's 20,000-measure plan has over a million nodes and no alias at all: it must read."""
    from matrix.readers import yaml as reader

    monkeypatch.setattr(reader, "_MAX_ALIAS_NODES", 100)
    names = ", ".join(f"县单位{i}局" for i in range(1000))
    written_out = SMALL_PLAN.replace("suggested: [县财政局]", f"suggested: [{names}]")
    assert len(read_yaml_text(written_out).measures[2].suggested) == 1000
    aliased = written_out.replace("suggested: [", "suggested: &many [") + "targets: [*many]\n"
    with pytest.raises(InputError, match="别名引用过多") as caught:
        read_yaml_text(aliased, "plan.yaml")
    assert str(caught.value).startswith("plan.yaml:25: ")


def test_an_anchor_reused_on_another_measure_reads_but_nested_expansion_is_refused() -> None:
    reused = SMALL_PLAN.replace("cooperators: 县委宣传部、县卫健局", "cooperators: &common [县委宣传部, 县卫健局]")
    reused = reused.replace("cooperators: [县卫健局]", "cooperators: *common")
    assert read_yaml_text(reused).measures[1].cooperators == ("县委宣传部", "县卫健局")
    bomb = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 8))
    with pytest.raises(InputError, match="别名引用过多") as caught:
        read_yaml_text("l0: &l0 [x]\n" + bomb, "bomb.yaml")
    assert str(caught.value).startswith("bomb.yaml:7: ")
