"""``raci build PLAN.txt|.docx`` builds a plan with one odd passage as it builds one from YAML.

An unassigned measure is an ``unassigned`` finding, as for YAML; a passage the
importer could not place is told on stderr with its location before anything
is written, is an error (``unread-passage``) on the 审计问题 sheet and in
``raci audit``, and is counted in the last line; ``--strict`` refuses the plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import matrix

from .conftest import findings_rows

#: An invented county plan: four measures, one with a bracket nobody can read, one with no assignment.
PLAN = """\
某县全民健身实施方案
为推动全民健身，制定本方案。
一、重点任务
（一）建设健身设施
1.新建一批社区健身中心。（县体育局牵头，县财政局、县住建局配合）
2.改造老旧体育场馆。（县体育局牵头抓总）
3.推进学校体育场地开放。
4.举办全民健身运动会。（县教育局牵头，县体育局配合）
二、保障措施
加强组织领导，县体育局做好统筹。
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "健身.txt"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    return path


def matrix_roles(workbook: Path) -> dict[tuple[str, str], str]:
    """(measure id, department) -> role letter in the built RACI矩阵 sheet."""
    rows = list(load_workbook(workbook, read_only=True)["RACI矩阵"].iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "编号")
    start = header.index("配合数") + 1
    return {
        (str(row[0]), str(name)): str(role)
        for row in rows[rows.index(header) + 1 :]
        if row and row[0]
        for name, role in zip(header[start:], row[start:], strict=False)
        if name and role
    }


def test_one_odd_passage_is_told_listed_and_counted_and_the_rest_built(run, tmp_path: Path, plan: Path) -> None:
    result = run("build", plan, "-o", tmp_path / "out")

    assert result.exit_code == 0, result.output
    assert f"{plan}:6: 无法识别的分工表述：县体育局牵头抓总" in result.stderr
    assert "原文：“2.改造老旧体育场馆。（县体育局牵头抓总）”" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("审计发现")
    assert "其中 1 处原文未能识别" in result.stdout.splitlines()[-1]
    workbook = tmp_path / "out" / "健身" / "责任分工矩阵.xlsx"
    rows = findings_rows(workbook)
    unread = [row for row in rows if row["代码"] == "unread-passage"]
    assert [(r["级别"], r["问题"], r["措施"], r["位置"]) for r in unread] == [
        ("错误", "原文未能识别", "1.1.2 改造老旧体育场馆", f"{plan}:6")
    ]
    assert "县体育局牵头抓总" in unread[0]["说明"] and "改造老旧体育场馆" in unread[0]["说明"]
    unassigned = [row["措施"].split()[0] for row in rows if row["代码"] == "unassigned" and row["级别"] == "错误"]
    assert unassigned == ["1.1.2", "1.1.3"]  # the task chapter's; 2.1 is a 保障 item, a warning
    roles = matrix_roles(workbook)
    assert roles[("1.1.1", "县体育局")] == "A/R" and roles[("1.1.1", "县住建局")] == "C"
    assert roles[("1.1.4", "县教育局")] == "A/R" and roles[("1.1.4", "县体育局")] == "C"
    assert not any(measure == "1.1.2" for measure, _ in roles)


def test_strict_refuses_the_plan_at_the_passage_and_writes_nothing(run, tmp_path: Path, plan: Path) -> None:
    result = run("build", plan, "-o", tmp_path / "out", "--strict")

    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line == f"Error: {plan}:6: 无法识别的分工表述：县体育局牵头抓总 (unparsable assignment)"
    assert not (tmp_path / "out").exists()


def test_raci_audit_lists_the_passage_as_an_error(run, plan: Path) -> None:
    result = run("audit", plan, "--format", "json")

    assert result.exit_code == 3
    assert '"unread-passage"' in result.stdout and f"{plan}:6" in result.stdout


def test_raci_audit_ignore_leaves_the_passage_out(run, plan: Path) -> None:
    result = run("audit", plan, "--format", "json", "--ignore", "unread-passage", "--ignore", "unassigned")

    assert result.exit_code == 0, result.output
    assert "unread-passage" not in result.stdout and '"unassigned-guarantee"' in result.stdout


def test_the_passages_are_told_before_anything_is_written(tmp_path: Path, plan: Path) -> None:
    told: list[tuple[str, bool]] = []
    folder = tmp_path / "out" / "健身"

    result = matrix.build(
        plan, tmp_path / "out", date=dt.date(2026, 1, 5), notify=lambda line: told.append((line, folder.exists()))
    )

    assert told[0] == (f"{plan}:6: {result.findings[0].message}", False)
    assert result.findings[0].code == "unread-passage"


def test_a_word_plan_reads_the_same(run, tmp_path: Path) -> None:
    document = Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "健身.docx"
    document.save(path)

    result = run("build", path, "-o", tmp_path / "out")

    assert result.exit_code == 0, result.output
    assert f"{path}:6: 无法识别的分工表述：县体育局牵头抓总" in result.stderr
    rows = findings_rows(tmp_path / "out" / "健身" / "责任分工矩阵.xlsx")
    unread = [(r["措施"].split()[0], r["位置"]) for r in rows if r["代码"] == "unread-passage"]
    assert unread == [("1.1.2", f"{path}:6")]
