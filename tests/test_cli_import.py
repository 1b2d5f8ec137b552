"""``raci import``: a plan's text in, the YAML that ``raci build`` reads out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matrix.readers import read_plan
from matrix.readers.text import read_text

from .conftest import INPUT, ROOT, seed_path

PLANS = ROOT / "tests" / "readers" / "plans"

BAD_PLAN = "\n".join(
    [
        "某县科普工作实施方案",
        "为推进科普工作，制定本方案。",
        "一、重点任务",
        "（一）科普宣传",
        "开展科普宣传。（县教育局牵头抓总）",
    ]
)


@pytest.mark.parametrize("seed", ["wutai-2021-2025.txt", "xinhuang-2021-2025.txt"])
def test_import_writes_yaml_that_reads_back_as_the_plan(run, tmp_path: Path, seed: str) -> None:
    out = tmp_path / "plan.yaml"
    result = run("import", seed_path(seed), "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"已写入：{out}" in result.stdout
    imported = read_text(seed_path(seed)).plan
    built = read_plan(out)
    assert built.measures == imported.measures
    assert (built.title, built.office, built.stages) == (imported.title, imported.office, imported.stages)


def test_import_writes_to_output_by_default_and_lists_problems_on_stderr(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.txt").write_text(BAD_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("import", "plan.txt")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["plan.txt:5: 无法识别的分工表述：县教育局牵头抓总 (unparsable assignment)"]
    assert (tmp_path / "output" / "plan.yaml").exists()
    # the passage it could not read, and so the measure left without a department
    assert "2 处需核对：1 处原文未能识别，1 项措施未分配单位；逐项见上文及 raci audit output/plan.yaml" in result.stdout


def test_import_strict_stops_at_the_first_problem_and_writes_nothing(run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(BAD_PLAN, encoding="utf-8")
    result = run("import", plan, "--strict", "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {plan}:5: 无法识别的分工表述：县教育局牵头抓总 (unparsable assignment)"
    assert not (tmp_path / "plan.yaml").exists()


@pytest.mark.parametrize(
    ("name", "message"), [("missing.txt", "文件不存在"), ("plan.pdf", "无法从扩展名 '.pdf' 判断格式")]
)
def test_import_refuses_what_it_cannot_read(run, tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    result = run("import", tmp_path / name, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_import_refuses_a_text_with_nothing_to_import_and_writes_nothing(run, tmp_path: Path) -> None:
    bad = Path(__file__).parent / "bad_inputs"
    for name, message in (
        ("no_measures.txt", "方案中没有任何措施 (the plan has no measures)"),
        ("no_assignments.txt", "方案中没有任何分工"),
    ):
        out = tmp_path / f"{name}.yaml"
        result = run("import", bad / name, "-o", out)
        assert result.exit_code == 1, name
        assert f"Error: {bad / name}: {message}" in result.output
        assert not out.exists()


@pytest.mark.parametrize("registry", [True, False], ids=["beside-its-registry", "without-a-registry"])
def test_import_counts_what_needs_a_look_as_the_audit_reports_it(run, tmp_path: Path, registry: bool) -> None:
    if registry:
        (tmp_path / "departments-wutai.yaml").write_bytes((INPUT / "departments-wutai.yaml").read_bytes())
    out = tmp_path / "wutai.yaml"

    result = run("import", seed_path("wutai-2021-2025.txt"), "-o", out)

    assert result.exit_code == 0, result.output
    # five measures nobody is assigned to, and 县卫健委 beside 县卫健局: the registry folds it, or nothing does
    assert result.stdout.splitlines()[-1] == (
        f"已写入：{out}（38 项措施，6 处需核对：5 项措施未分配单位，1 处单位名称相近或写法不一；"
        f"逐项见 raci audit {out}）"
    )
    audit = run("audit", out, "--format", "json")
    findings = json.loads(audit.stdout)["findings"]
    assert len([f for f in findings if f["code"] in ("unassigned", "unassigned-guarantee")]) == 5
    (names,) = [f for f in findings if f["code"] in ("mixed-names", "look-alike")]
    assert names["code"] == ("mixed-names" if registry else "look-alike")
    assert "县卫健委" in names["message"] and "县卫健局" in names["message"]


def test_import_counts_collectives_and_lists_read_by_the_default(run, tmp_path: Path) -> None:
    out = tmp_path / "city.yaml"
    result = run("import", PLANS / "city_collectives.txt", "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    collectives = [line for line in lines if line.startswith("集体责任主体：")]
    assert len(collectives) == 5
    assert "2 项措施的单位名单按默认规则读作" in lines[0]
    assert lines[-1].startswith(f"已写入：{out}（5 项措施，")
    assert "5 个集体责任主体按原文整体保留，2 项措施的单位名单按默认规则读出；逐项见上文及 raci audit" in lines[-1]
