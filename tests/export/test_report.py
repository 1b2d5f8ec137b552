"""Findings and workload as text: the table shows what the JSON holds, CSV reads back."""

from __future__ import annotations

import csv
import io
import json

from matrix.export.report import (
    findings_json,
    findings_table,
    workload_csv,
    workload_json,
    workload_table,
)
from matrix.findings import Finding
from matrix.graph import SharedMeasures, WorkloadRow
from matrix.workbook_layout import FINDINGS_HEADER, WORKLOAD_HEADER

FINDINGS = [
    Finding("error", "no-lead", "措施“只有配合的措施”没有牵头单位", "1.2", None, "plan.xlsx [任务分工表!C3]"),
    Finding("info", "cooperates-only", "“县妇联”参与 2 项措施，均为配合", None, "县妇联"),
]
ROWS = [
    WorkloadRow("县科协", "群团组织", 2, 3, 1, 4, 0.5, ("青少年科学素质提升行动", "科普基础设施工程")),
    WorkloadRow("县妇联", "群团组织", 0, 0, 2, 2, 0.25, ("青少年科学素质提升行动",)),
]
PAIRS = [SharedMeasures("县科协", "县妇联", 2)]


def test_the_findings_table_has_the_chinese_columns_and_every_cell() -> None:
    text = findings_table(FINDINGS, width=200)
    for label in FINDINGS_HEADER:
        assert label in text
    assert "审计发现 2 个问题（错误 1，警告 0，提示 1）" in text
    for cell in ("错误", "no-lead", "1.2", "没有牵头单位", "plan.xlsx [任务分工表!C3]", "提示", "县妇联"):
        assert cell in text


def test_a_clean_audit_says_so() -> None:
    assert findings_table([]) == "审计未发现问题。\n"


def test_findings_json_holds_every_field_and_the_counts() -> None:
    data = json.loads(findings_json(FINDINGS))
    assert data["counts"] == {"error": 1, "warning": 0, "info": 1}
    assert [Finding(**item) for item in data["findings"]] == FINDINGS
    assert data["findings"][1]["measure"] is None


def test_workload_table_shows_counts_share_sections_and_pairs() -> None:
    text = workload_table(ROWS, PAIRS, width=200)
    for label in (*WORKLOAD_HEADER, "共同参与措施最多的单位组合", "共同参与措施数"):
        assert label in text
    assert "50%" in text and "青少年科学素质提升行动、科普基础设施工程" in text


def test_workload_json_and_csv_read_back() -> None:
    data = json.loads(workload_json(ROWS, PAIRS, measures=8))
    assert data["measures"] == 8
    assert data["departments"][0] | {"sections": None} == {
        "department": "县科协", "kind": "群团组织", "accountable": 2, "leads": 3, "cooperates": 1,
        "total": 4, "share": 0.5, "sections": None,
    }  # fmt: skip
    assert data["pairs"] == [{"first": "县科协", "second": "县妇联", "shared": 2}]
    rows = list(csv.reader(io.StringIO(workload_csv(ROWS))))
    assert rows[0] == list(WORKLOAD_HEADER)
    assert rows[1] == ["县科协", "群团组织", "2", "3", "1", "4", "0.5000", "青少年科学素质提升行动、科普基础设施工程"]
