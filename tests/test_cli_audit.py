"""``raci audit``, ``raci workload`` and ``raci graph`` as a user runs them: output, files, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rich.cells import cell_len as display_width

from .conftest import INPUT, SMALL_PLAN

#: A terminal wide enough that no message wraps, so table text can be compared with JSON.

NO_LEAD_PLAN = """\
title: 测试方案
sections:
  - id: '1'
    title: 测试行动
    kind: 提升行动
    measures:
      - {id: '1.1', title: 有牵头的措施, leads: [县科协], cooperators: [县卫健局]}
      - {id: '1.2', title: 只有配合的措施, accountable: [], cooperators: [县卫健委]}
"""


@pytest.fixture
def no_lead_path(tmp_path: Path) -> Path:
    path = tmp_path / "nolead.yaml"
    path.write_text(NO_LEAD_PLAN, encoding="utf-8")
    return path


def test_audit_prints_a_table_with_chinese_columns_and_the_located_finding(run, no_lead_path: Path) -> None:
    result = run("audit", no_lead_path)
    assert result.exit_code == 3, result.output
    header = next(line for line in result.output.splitlines() if "级别" in line)
    assert header.split() == ["级别", "问题", "代码", "措施", "单位", "说明", "位置"]
    row = next(line for line in result.output.splitlines() if "no-lead" in line)
    assert "错误" in row and "无牵头单位" in row and "1.2" in row and f"{no_lead_path}:8" in row


def test_audit_json_parses_and_matches_the_table(run, no_lead_path: Path) -> None:
    table = run("audit", no_lead_path, "--fail-on", "never").output
    result = run("audit", no_lead_path, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(result.output)
    codes = [f["code"] for f in data["findings"]]
    assert "no-lead" in codes and "look-alike" in codes
    assert sum(data["counts"].values()) == len(data["findings"])
    lines = [line for line in table.splitlines() if line.strip()]
    for finding in data["findings"]:
        (index,) = [i for i, line in enumerate(lines) if finding["message"] in line]
        places = finding["location"].split("；")  # one location a line, from the finding's own line on
        assert finding["code"] in lines[index]
        assert all(place in line for place, line in zip(places, lines[index:], strict=False))
    assert f"审计发现 {len(data['findings'])} 个问题" in table


@pytest.mark.parametrize(
    ("plan", "fail_on", "code"),
    [
        ("small", "error", 0),
        ("small", "warning", 3),
        ("small", "never", 0),
        ("nolead", "error", 3),
        ("nolead", "warning", 3),
        ("nolead", "never", 0),
    ],
)
def test_audit_exit_code_follows_fail_on(run, tmp_path: Path, plan: str, fail_on: str, code: int) -> None:
    path = tmp_path / f"{plan}.yaml"
    path.write_text(SMALL_PLAN if plan == "small" else NO_LEAD_PLAN, encoding="utf-8")
    assert run("audit", path, "--fail-on", fail_on).exit_code == code


def test_audit_default_fails_on_errors_only(run, small_plan_path: Path) -> None:
    result = run("audit", small_plan_path)
    assert result.exit_code == 0
    assert "unassigned" in result.output and "警告" in result.output


def test_audit_thresholds_come_from_the_options(run, small_plan_path: Path) -> None:
    data = json.loads(run("audit", small_plan_path, "--format", "json", "--max-leads", "1").output)
    assert [f["measure"] for f in data["findings"] if f["code"] == "too-many-leads"] == ["3.4.1"]
    assert run("audit", small_plan_path, "--max-leads", "0").exit_code == 2


def test_audit_with_a_registry_reports_unknown_names_and_resolves_aliases(
    run, tmp_path: Path, no_lead_path: Path
) -> None:
    registry = tmp_path / "departments.yaml"
    registry.write_text("departments:\n  - {name: 县卫健局, aliases: [县卫健委], kind: 政府部门}\n", encoding="utf-8")
    result = run("audit", no_lead_path, "--registry", registry, "--format", "json")
    assert result.exit_code == 3
    found = {(f["code"], f["department"]) for f in json.loads(result.output)["findings"]}
    assert ("unknown-department", "县科协") in found
    assert ("mixed-names", "县卫健局") in found
    assert not any(code in ("near-duplicate", "look-alike") for code, _ in found)


def test_a_bad_registry_is_one_located_error_line(run, tmp_path: Path, small_plan_path: Path) -> None:
    registry = tmp_path / "departments.yaml"
    registry.write_text("departments:\n  - {name: 县科协, kind: 群团}\n", encoding="utf-8")
    result = run("audit", small_plan_path, "--registry", registry)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: {registry}:2: 未知的单位类别 '群团'，应为 县委部门 / 政府部门")


def test_a_missing_plan_is_exit_1(run, tmp_path: Path) -> None:
    result = run("audit", tmp_path / "absent.yaml")
    assert result.exit_code == 1 and "文件不存在" in result.output


def test_workload_table_has_the_columns_and_the_pairs(run, small_plan_path: Path) -> None:
    result = run("workload", small_plan_path)
    assert result.exit_code == 0, result.output
    for label in ("主责数（A）", "牵头数（R）", "配合数", "合计", "占全部措施比例", "涉及章节", "共同参与措施数"):
        assert label in result.output
    first = next(line for line in result.output.splitlines() if "县民政局" in line)
    assert first.split()[:8] == ["县民政局", "其他", "1", "2", "0", "2", "67%", "老年人科学素质提升行动"]


def test_workload_json_and_csv_agree(run, small_plan_path: Path) -> None:
    data = json.loads(run("workload", small_plan_path, "--format", "json").output)
    assert data["measures"] == 3
    assert [d["department"] for d in data["departments"]] == ["县民政局", "县科协", "县卫健局", "县委宣传部"]
    assert {"first": "县民政局", "second": "县卫健局", "shared": 2} in data["pairs"]
    rows = list(csv.reader(io.StringIO(run("workload", small_plan_path, "--format", "csv").output)))
    assert [r[0] for r in rows[1:]] == [d["department"] for d in data["departments"]]
    assert [int(r[5]) for r in rows[1:]] == [d["total"] for d in data["departments"]]


def test_workload_sort_and_top(run, small_plan_path: Path) -> None:
    data = json.loads(run("workload", small_plan_path, "--format", "json", "--sort", "total", "--top", "1").output)
    assert [d["department"] for d in data["departments"]][:2] == ["县民政局", "县卫健局"]
    assert len(data["pairs"]) == 1
    assert run("workload", small_plan_path, "--sort", "size").exit_code == 2


def test_workload_csv_file_has_a_byte_order_mark_for_excel(run, tmp_path: Path) -> None:
    out = tmp_path / "工作量.csv"
    result = run("workload", INPUT / "wutai.yaml", "--registry", INPUT / "departments-wutai.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "单位" and "县科协" in [r[0] for r in rows[1:]]
    printed = run("workload", INPUT / "wutai.yaml", "--registry", INPUT / "departments-wutai.yaml", "--format", "csv")
    assert not printed.output.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(printed.output))) == rows


def test_workload_json_file_by_its_extension(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "load.json"
    assert run("workload", small_plan_path, "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["measures"] == 3


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_writes_a_file_network_tools_read(run, tmp_path: Path, small_plan_path: Path, suffix: str) -> None:
    out = tmp_path / "out" / f"plan{suffix}"
    result = run("graph", small_plan_path, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已写入：{out}" in result.output
    back = (nx.read_graphml if suffix == ".graphml" else nx.read_gexf)(out)
    assert back.edges["3.4.2", "县民政局"]["role"] == "A/R"


def test_graph_refuses_an_unknown_extension_as_a_usage_error(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run("graph", small_plan_path, "-o", tmp_path / "plan.dot")
    assert result.exit_code == 2
    assert "扩展名应为 .graphml 或 .gexf，实为 '.dot'" in result.output
    assert not (tmp_path / "plan.dot").exists()


@pytest.mark.parametrize("columns", [80, 100, 140])
def test_no_location_is_split_across_lines_in_a_terminal_of_any_width(run, columns: int) -> None:
    plan = INPUT / "wutai.yaml"
    result = run("audit", plan, "--fail-on", "never", env={"COLUMNS": str(columns)})
    data = json.loads(run("audit", plan, "--format", "json", "--fail-on", "never").output)
    lines = result.output.splitlines()
    assert max(map(display_width, lines)) <= columns
    locations = [part for f in data["findings"] for part in f["location"].split("；")]
    assert len(locations) > len(data["findings"]) > 10  # a finding with two places among them
    for location in locations:
        assert any(location in line for line in lines), location
    assert f"审计发现 {len(data['findings'])} 个问题" in lines[0]


def test_ignore_leaves_a_code_out_and_an_unknown_code_is_a_usage_error(run, small_plan_path: Path) -> None:
    assert run("audit", small_plan_path, "--fail-on", "warning").exit_code == 3
    result = run("audit", small_plan_path, "--fail-on", "warning", "--ignore", "unassigned-guarantee")
    assert result.exit_code == 0, result.output
    assert "unassigned-guarantee" not in result.output
    wrong = run("audit", small_plan_path, "--ignore", "unasigned")
    assert wrong.exit_code == 2
    assert "未知的审计代码：unasigned" in wrong.output and "unassigned-guarantee" in wrong.output


@pytest.fixture(scope="module")
def wutai_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbook ``raci build`` writes for the bundled Wutai plan (registry input/departments-wutai.yaml)."""
    from click.testing import CliRunner

    from matrix.cli import cli

    out = tmp_path_factory.mktemp("wutai")
    result = CliRunner().invoke(cli, ["build", str(INPUT / "wutai.yaml"), "-o", str(out), "--no-forms"])
    assert result.exit_code == 0, result.output
    return out / "wutai" / "责任分工矩阵.xlsx"


def test_auditing_the_tools_own_workbook_finds_no_unknown_department(run, wutai_workbook: Path) -> None:
    """The registry rebuilt from 部门工作量 keeps every kind: 县融媒体中心 (其他) was called unknown."""
    result = run("audit", wutai_workbook, "--format", "json")
    codes = {(f["code"], f["department"]) for f in json.loads(result.output)["findings"]}
    assert not {code for code, _ in codes} & {"unknown-department", "near-duplicate", "look-alike-registered"}, codes
    assert ("cooperates-only", "县融媒体中心") in codes


@pytest.mark.parametrize("registry", [(), ("--registry", INPUT / "departments-wutai.yaml")])
def test_a_plan_and_its_own_workbook_compare_equal(run, wutai_workbook: Path, registry: tuple) -> None:
    """Both versions' names go through a registry: 县卫健委 in the plan is 县卫健局 in the workbook."""
    result = run("diff", INPUT / "wutai.yaml", wutai_workbook, *registry)
    assert result.exit_code == 0, result.output
    assert "两个方案的措施和分工完全相同" in result.output
