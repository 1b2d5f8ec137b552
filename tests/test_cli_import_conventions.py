"""``raci import`` on plans whose lists need a convention: the report, the flags and --explain."""

from __future__ import annotations

from pathlib import Path

from matrix.readers import read_plan

PLANS = Path(__file__).parent / "readers" / "plans"

UNDECLARED = "\n".join(
    [
        "某市推进示范工作实施方案",
        "为推进示范工作，制定本方案。",
        "一、重点任务",
        "1.建设示范园区。（市发展改革委、市财政局按职责分工负责）",
        "2.培育示范企业。（市工业和信息化局牵头，市财政局配合）",
        "3.落实属地责任。（各区（县）人民政府负责）",
    ]
)


def test_an_undeclared_list_is_read_by_the_default_and_the_report_names_its_measures(run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(UNDECLARED, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = run("import", plan, "-o", out)
    assert result.exit_code == 0, result.output
    assert "1 项措施的单位名单按默认规则读作“所列单位均为牵头单位”：1.1；" in result.output
    assert "raci import --first-listed-leads" in result.output
    assert "集体责任主体：“各区（县）人民政府”按原文作为一个单位保留（措施 1.3）" in result.output
    first, second, third = read_plan(out).measures
    assert (first.leads, first.cooperators) == (("市发展改革委", "市财政局"), ())
    assert (second.leads, second.cooperators) == (("市工业和信息化局",), ("市财政局",))
    assert third.leads == ("各区（县）人民政府",)


def test_first_listed_leads_is_the_office_decision_and_is_kept_for_a_reimport(run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(UNDECLARED, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = run("import", plan, "-o", out, "--first-listed-leads")
    assert result.exit_code == 0, result.output
    assert "分工规则：按指定，1 项措施的单位名单读作“列第一位者为牵头单位，其余为配合单位”" in result.output
    read = read_plan(out)
    assert read.raci.listed_leads == "first"
    assert "listed_leads: first" in out.read_text(encoding="utf-8")
    assert (read.measures[0].leads, read.measures[0].cooperators) == (("市发展改革委",), ("市财政局",))
    again = run("import", plan, "-o", out)  # no flag: the reading recorded in the YAML holds
    assert again.exit_code == 0, again.output
    assert "分工规则：按指定" in again.output
    assert read_plan(out).measures[0].cooperators == ("市财政局",)
    flipped = run("import", plan, "-o", tmp_path / "all.yaml", "--all-lead")
    assert flipped.exit_code == 0
    assert read_plan(tmp_path / "all.yaml").measures[0].leads == ("市发展改革委", "市财政局")


def test_explain_shows_for_each_measure_the_words_and_the_rule(run, tmp_path: Path) -> None:
    source = PLANS / "national_first_listed.txt"
    result = run("import", source, "-o", tmp_path / "plan.yaml", "--explain")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if " | " in line]
    assert len(lines) == 6
    assert lines[0] == (
        "1.1.1 清理妨碍公平竞争的规定 | 牵头：国家发展改革委；配合：市场监管总局、司法部 | "
        f"列第一位者为牵头单位（方案声明） | {source}:11 “国家发展改革委、市场监管总局、司法部等按职责分工负责，"
        "列第一位者为牵头单位，下同”"
    )
    assert lines[2].startswith("2.3.1 加强财政支持 | 牵头：财政部；配合：国家发展改革委、工业和信息化部 | 明示牵头")
    assert f"分工规则：方案在 {source}:11 声明“列第一位者为牵头单位”" in result.output
