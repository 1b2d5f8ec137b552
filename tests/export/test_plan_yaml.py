from __future__ import annotations

from pathlib import Path

from matrix.export.plan_yaml import dump_plan_yaml, write_plan_yaml
from matrix.readers.yaml import read_yaml, read_yaml_text

from ..conftest import SMALL_PLAN


def test_written_yaml_reads_back_to_the_same_plan(small_plan_path: Path, tmp_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    out = write_plan_yaml(plan, tmp_path / "again.yaml")
    assert read_yaml(out) == plan


def test_dump_is_stable_and_keeps_chinese(small_plan_path: Path) -> None:
    plan = read_yaml(small_plan_path)
    text = dump_plan_yaml(plan)
    assert text == dump_plan_yaml(read_yaml_text(text))
    assert "实施智慧助老行动" in text and "\\u" not in text


def test_non_default_accountability_is_written_explicitly() -> None:
    text = SMALL_PLAN.replace("        leads: [县民政局]\n", "        leads: [县民政局]\n        accountable: []\n")
    plan = read_yaml_text(text)
    assert plan.measures[1].accountable == ()
    assert read_yaml_text(dump_plan_yaml(plan)) == plan
