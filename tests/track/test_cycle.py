"""The monthly cycle on the Wutai plan, end to end through ``raci``: build, forms, three periods of
feedback filled in as departments would, collect, then the ledger, reminders and report as of a date,
each checked against what was filled in.

What the departments do, period after period (2025-10, 2025-11, 2025-12):

- 县科协 completes 5, then 10, then 15 of its 23 measures; the rest are 推进中 with new progress each time;
- 县教科局 sends the same words every month (推进中, 50 %, 按计划推进): 进度滞后 after three periods;
- 县农业农村局 reports every measure 滞后;
- 县委宣传部 never returns its sheet;
- 县民政局's December sheet arrives late and is collected on its own;
- the others report 推进中, then 已完成 in December.

Wutai gives no deadline per measure, so every measure falls due at the end of the plan's period
(2025-12-31): as of 2026-01-08 whatever is not complete is overdue; as of 2025-12-05 nothing is.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import docx
import openpyxl
import pytest

from bench.feedback import fill_form
from matrix.track.form_layout import FIRST_ROW, FORM_SHEET, form_filename
from matrix.track.ledger_workbook import COUNT_HEADER, LEDGER_SHEET

from ..invisible import invisible_characters
from ..rendering import needs_pdf_tools, page_count, pdf_text, to_pdf
from .conftest import WUTAI

PERIODS = ("2025-10", "2025-11", "2025-12")
SILENT, STALE, LAGGING, PROGRESSING, LATE = "县委宣传部", "县教科局", "县农业农村局", "县科协", "县民政局"
AS_OF = "2026-01-08"


def _measures(form: Path) -> list[str]:
    sheet = openpyxl.load_workbook(form)[FORM_SHEET]
    return [sheet.cell(r, 1).value for r in range(FIRST_ROW, sheet.max_row + 1)]


def _filled(department: str, measures: list[str], index: int, period: str) -> dict[str, dict[str, object]]:
    """What ``department`` writes on its sheet for the ``index``-th period."""
    if department == PROGRESSING:
        done = 5 * (index + 1)
        return {
            m: {"进展情况": f"{period}：第{j + 1}项推进情况", "完成状态": "已完成" if j < done else "推进中",
                "完成比例": 1.0 if j < done else 0.2 * (index + 1)}
            for j, m in enumerate(measures)
        }  # fmt: skip
    if department == STALE:
        return {m: {"进展情况": "按计划推进", "完成状态": "推进中", "完成比例": 0.5} for m in measures}
    if department == LAGGING:
        return {m: {"进展情况": f"{period}受资金影响", "完成状态": "滞后", "存在问题": "资金未到位"} for m in measures}
    final = index == len(PERIODS) - 1
    return {m: {"进展情况": f"{period}进展", "完成状态": "已完成" if final else "推进中"} for m in measures}


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """Build, forms, and three periods of feedback collected; the paths of what was written."""
    from click.testing import CliRunner

    from matrix.cli import cli

    def run(*args: object) -> str:
        result = CliRunner().invoke(cli, [str(a) for a in args], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        return result.output

    root = tmp_path_factory.mktemp("cycle")
    paths = {"root": root, "forms": root / "forms", "store": root / "督办记录.sqlite"}
    run("build", WUTAI, "-o", root / "build", "--date", "2025-09-01")
    run("track", "forms", WUTAI, "-o", paths["forms"])
    departments = sorted(p.stem.removeprefix("进展反馈表-") for p in paths["forms"].glob("*.xlsx"))
    outputs = {}
    for index, period in enumerate(PERIODS):
        sheets, late = [], None
        for department in departments:
            if department == SILENT:
                continue
            form = paths["forms"] / form_filename(department)
            rows = _filled(department, _measures(form), index, period)
            day = dt.date(2025, 10 + index, 28)
            sheet = fill_form(form, root / "反馈" / period / f"{department}.xlsx", rows, day=day)
            if department == LATE and period == PERIODS[-1]:
                late = sheet
            else:
                sheets.append(sheet)
        outputs[period] = run("track", "collect", WUTAI, *sheets, "--period", period, "--store", paths["store"])
        if late is not None:
            outputs["late"] = run("track", "collect", WUTAI, late, "--period", period, "--store", paths["store"])
    paths["collect"] = outputs
    paths["ledger"] = root / "执行台账.xlsx"
    paths["ledger_output"] = run(
        "track", "ledger", WUTAI, "-o", paths["ledger"], "--as-of", AS_OF, "--store", paths["store"]
    )
    paths["reminders"] = root / "督办通知"
    run("track", "remind", WUTAI, "--as-of", AS_OF, "-o", paths["reminders"], "--store", paths["store"])
    paths["report"] = root / "完成情况通报.docx"
    run("track", "report", WUTAI, "--as-of", AS_OF, "-o", paths["report"], "--store", paths["store"])
    return paths


def test_build_still_writes_the_notices_the_forms_go_with(cycle) -> None:
    assert (cycle["root"] / "build" / "wutai" / "责任分工矩阵.xlsx").exists()


def test_each_collect_says_what_it_stored_and_who_is_missing(cycle) -> None:
    first = cycle["collect"]["2025-10"]
    assert "2025-10 期：收录 8 份反馈表（新收录 8，更新 0，无变化 0）" in first
    assert f"本期尚未报送的牵头单位（1 个）：{SILENT}" in first
    december = cycle["collect"]["2025-12"]
    assert f"本期尚未报送的牵头单位（2 个）：{LATE}、{SILENT}" in december
    assert "收录 1 份反馈表（新收录 1，更新 0，无变化 0），3 条进展" in cycle["collect"]["late"]


def test_the_store_holds_every_report_once(cycle, wutai) -> None:
    led = {d: [m.id for m in wutai.plan.measures if d in m.leads] for m in wutai.plan.measures for d in m.leads}
    expected = sum(len(ms) for d, ms in led.items() if d != SILENT) * len(PERIODS)
    with sqlite3.connect(cycle["store"]) as connection:
        count = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
        periods = connection.execute("SELECT DISTINCT period FROM reports ORDER BY period").fetchall()
    assert count == expected
    assert [p for (p,) in periods] == list(PERIODS)


def _ledger_rows(path: Path) -> dict[tuple[str, str], dict[str, object]]:
    sheet = openpyxl.load_workbook(path)[LEDGER_SHEET]
    header = [c.value for c in sheet[2]]
    rows = {}
    for values in sheet.iter_rows(min_row=3, values_only=True):
        row = dict(zip(header, values, strict=True))
        rows[row["编号"], row["牵头单位"]] = row
    return rows


def _expected_status(wutai, measure: str, department: str) -> str:
    """The December status each department wrote for ``measure``, from :func:`_filled`."""
    if department == SILENT:
        return "未报告"
    measures = [m.id for m in wutai.plan.measures if department in m.leads]
    return _filled(department, measures, len(PERIODS) - 1, PERIODS[-1])[measure]["完成状态"]


def test_the_ledger_flags_match_what_was_filled_in(cycle, wutai) -> None:
    rows = _ledger_rows(cycle["ledger"])
    lead_rows = [(m.id, d) for m in wutai.plan.measures for d in m.leads]
    no_lead = [m.id for m in wutai.plan.measures if not m.leads]
    assert set(rows) == set(lead_rows) | {(m, "—") for m in no_lead}
    for measure, department in lead_rows:
        row = rows[measure, department]
        status = _expected_status(wutai, measure, department)
        expected = []
        if status != "已完成":
            expected.append("逾期")  # due 2025-12-31, as of 2026-01-08
        if department == SILENT:
            expected.append("未报送")
        if department in (STALE, LAGGING):
            expected.append("进度滞后")  # the same words three times; or 滞后
        assert (row["最新状态"], row["督办标记"]) == (status, "、".join(expected) or None), (measure, department)
        assert row["完成时限"] == "2021-2025年"
        history = [row[p] for p in PERIODS]
        if department == SILENT:
            assert history == [None, None, None]
    for measure in no_lead:
        assert rows[measure, "—"]["督办标记"] == "无牵头"
    progressing = [rows[m, d] for m, d in lead_rows if d == PROGRESSING]
    assert sum(r["最新状态"] == "已完成" for r in progressing) == 15
    assert {r["最近报送"] for r in progressing} == {"2025-12"}


def test_the_department_summary_counts_the_same(cycle, wutai) -> None:
    sheet = openpyxl.load_workbook(cycle["ledger"])["单位汇总"]
    counts = {row[0]: dict(zip(COUNT_HEADER, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert counts[PROGRESSING]["已完成"] == 15 and counts[PROGRESSING]["逾期"] == 8
    assert counts[STALE]["进度滞后"] == counts[STALE]["牵头任务"] == 9
    assert counts[LAGGING]["滞后"] == counts[LAGGING]["逾期"] == 4
    assert (counts[SILENT]["未报送"], counts[SILENT]["本期报送"]) == (2, "否")
    assert counts[LATE]["已完成"] == 3 and counts[LATE]["本期报送"] == "是"
    assert counts["合计"]["牵头任务"] == sum(len(m.leads) for m in wutai.plan.measures)
    assert "逾期 23，未报送 2，进度滞后 13，无牵头 5" in cycle["ledger_output"]


def test_the_chart_is_written_beside_the_ledger_and_inside_it(cycle) -> None:
    png = cycle["ledger"].parent / "完成进度.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert len(openpyxl.load_workbook(cycle["ledger"])["完成进度"]._images) == 1


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_reminders_go_to_the_late_and_the_silent_with_what_they_missed(cycle, wutai) -> None:
    folder = cycle["reminders"]
    assert sorted(p.name for p in folder.glob("*.docx")) == sorted(
        f"督办通知-{d}.docx" for d in (STALE, PROGRESSING, LAGGING, SILENT)
    )
    silent = _text(folder / f"督办通知-{SILENT}.docx")
    assert "你单位有2项任务已过完成时限仍未报告完成、2项任务未报送2025年12月进展情况" in silent
    for measure in (m for m in wutai.plan.measures if SILENT in m.leads):
        assert measure.id in silent and measure.title in silent
    assert "从未报告进展" in silent
    lagging = _text(folder / f"督办通知-{LAGGING}.docx")
    assert "滞后（2025-12）" in lagging and "2021-2025年" in lagging
    progressing = _text(folder / f"督办通知-{PROGRESSING}.docx")
    late = [m.id for m in wutai.plan.measures if PROGRESSING in m.leads][15:]
    assert "你单位有8项任务已过完成时限仍未报告完成，具体如下" in progressing
    assert all(m in progressing for m in late)
    assert "推进中（2025-12，60%）" in progressing
    assert "五台县全民科学素质工作领导组办公室" in progressing and "2026年1月8日" in progressing
    assert "2026年1月18日前" in progressing  # the reply is due ten days on


def test_no_file_of_the_cycle_carries_an_invisible_character(cycle) -> None:
    files = [p for p in cycle["root"].rglob("*") if p.suffix in (".docx", ".xlsx")]
    assert {p.parent.name for p in files} >= {"督办通知", "进展反馈表", "任务分解通知", "forms"}
    assert [found for path in files for found in invisible_characters(path)] == []


def test_the_report_gives_the_counts_and_the_chart(cycle) -> None:
    text = _text(cycle["report"])
    assert "关于《五台县全民科学素质行动规划纲要实施方案（2021-2025年）》落实情况的通报" in text
    assert "已完成26项" in text and "完成率53.1%" in text
    assert f"{SILENT}未报送2025年12月进展情况" in text
    assert "5.1.1" in text  # a measure without a lead
    assert len(docx.Document(str(cycle["report"])).inline_shapes) == 1


def test_before_the_deadline_only_the_silent_are_reminded(cycle, run) -> None:
    result = run(
        "track", "remind", WUTAI, "--as-of", "2025-12-05", "--period", "2025-11", "--store", cycle["store"],
        "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{SILENT}：逾期 0 项，未报送 2 项"


def test_a_bad_sheet_is_one_located_error_and_nothing_is_stored(cycle, run, tmp_path) -> None:
    form = cycle["forms"] / form_filename(LAGGING)
    bad = fill_form(form, tmp_path / "bad.xlsx", {"3.2.1": {"进展情况": "有进展", "完成状态": "快好了"}})
    before = cycle["store"].read_bytes()
    result = run("track", "collect", WUTAI, bad, "--period", "2026-01", "--store", cycle["store"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"Error: {bad} [{FORM_SHEET}!G4]: 完成状态“快好了”不在可选范围内")
    assert "本次未收录任何内容" in result.output
    assert cycle["store"].read_bytes() == before


def test_the_same_file_collected_for_the_next_period_is_refused(cycle, run) -> None:
    sheet = cycle["root"] / "反馈" / "2025-12" / f"{LAGGING}.xlsx"
    result = run("track", "collect", WUTAI, sheet, "--period", "2026-01", "--store", cycle["store"])
    assert result.exit_code == 1
    assert f"同一文件已作为 2025-12 期 {LAGGING} 的反馈收录过" in result.output


def test_a_bad_period_is_a_usage_error(run, tmp_path) -> None:
    result = run("track", "collect", WUTAI, tmp_path / "x.xlsx", "--period", "2026-13")
    assert result.exit_code == 2 and "期次应为 2026-11（月）或 2026-Q4（季度）" in result.output


def test_a_ledger_without_a_store_says_to_collect_first(run, tmp_path) -> None:
    result = run("track", "ledger", WUTAI, "-o", tmp_path / "l.xlsx", "--store", tmp_path / "none.sqlite")
    assert result.exit_code == 1
    assert "请先运行 raci track collect" in result.output
    assert not (tmp_path / "l.xlsx").exists()


def test_a_store_from_a_newer_version_is_refused(cycle, run, tmp_path) -> None:
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(cycle["store"].read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    result = run("track", "ledger", WUTAI, "-o", tmp_path / "l.xlsx", "--store", newer)
    assert result.exit_code == 1 and "由更新版本的 raci 创建（数据库版本 99" in result.output


@needs_pdf_tools
def test_a_rendered_reminder_is_an_official_document(cycle, tmp_path) -> None:
    pdf = to_pdf(cycle["reminders"] / f"督办通知-{LAGGING}.docx", tmp_path)
    text = pdf_text(pdf)
    assert page_count(pdf) <= 3
    assert "关于督促落实" in text and "县农业农村局：" in text
    assert re.search(r"—\s*1\s*—", text)  # the page number of GB/T 9704
    assert "五台县全民科学素质工作领导组办公室" in pdf_text(pdf, page_count(pdf))


def test_office_lock_files_beside_the_sheets_are_skipped_and_said(cycle, run, tmp_path) -> None:
    lock = tmp_path / f"~${LAGGING}.xlsx"
    lock.write_bytes(b"\x0c\x00locked by someone")
    sheet = cycle["root"] / "反馈" / "2025-12" / f"{LAGGING}.xlsx"
    result = run("track", "collect", WUTAI, sheet, lock, "--period", "2025-12", "--store", cycle["store"])
    assert result.exit_code == 0, result.output
    assert f"跳过 Office 的临时锁定文件（不是反馈表）：{lock}" in result.output
    assert "无变化 1" in result.output
    only = run("track", "collect", WUTAI, lock, "--period", "2025-12", "--store", cycle["store"])
    assert only.exit_code == 2 and "没有可收录的反馈表" in only.output
