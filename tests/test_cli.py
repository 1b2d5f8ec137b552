"""The ``raci`` command as a user runs it: exit codes, messages, files written and read back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from matrix.cli import cli
from matrix.readers import read_plan
from matrix.readers.yaml import read_registry
from matrix.workbook_layout import FINDINGS_HEADER, FINDINGS_SHEET

from .conftest import INPUT, SMALL_PLAN


def grid_role(workbook: Path, measure_title: str, department: str) -> str | None:
    """The RACI cell for one measure and department, located by the labels a reader sees."""
    sheet = load_workbook(workbook)["RACI矩阵"]
    header_row = next(r for r in sheet.iter_rows() if any(c.value == department for c in r))
    column = next(c.column for c in header_row if c.value == department)
    row = next(r for r in sheet.iter_rows() if any(c.value == measure_title for c in r))
    return row[0].parent.cell(row=row[0].row, column=column).value


def notice_text(folder: Path, department: str) -> str:
    (path,) = folder.glob(f"*{department}*.docx")
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_build_writes_workbook_and_notices_for_each_seed(run, tmp_path: Path, seed: str) -> None:
    plan_path = INPUT / f"{seed}.yaml"
    result = run("build", plan_path, "-o", tmp_path, "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    target = tmp_path / seed
    plan = read_plan(plan_path)
    sheet = load_workbook(target / "责任分工矩阵.xlsx")["RACI矩阵"]
    titles = {c.value for row in sheet.iter_rows() for c in row}
    assert {m.title for m in plan.measures} <= titles
    notices = sorted((target / "任务分解通知").glob("*.docx"))
    registry = read_registry(INPUT / f"departments-{seed}.yaml").departments
    canonical = {alias: d.name for d in registry for alias in d.aliases}
    working = {canonical.get(a.department, a.department) for m in plan.measures for a in m.assignments}
    assert len(notices) == len(working)
    assert "已写入" in result.output


def test_build_merges_one_department_under_two_names_through_the_registry(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path).exit_code == 0
    folder = tmp_path / "wutai" / "任务分解通知"
    assert not list(folder.glob("*县卫健委*"))
    text = notice_text(folder, "县卫健局")
    assert "树立相信科学、和谐理性的思想观念" in text  # written with 县卫健委 in the plan (Wutai line 31)
    kinds = {
        row[0].value: row[1].value
        for row in load_workbook(tmp_path / "wutai" / "责任分工矩阵.xlsx")["部门工作量"].iter_rows(min_row=2)
    }
    assert kinds["县科协"] == "群团组织"


def test_wutai_notice_and_matrix_show_what_the_kexie_leads(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path).exit_code == 0
    plan = read_plan(INPUT / "wutai.yaml")
    text = notice_text(tmp_path / "wutai" / "任务分解通知", "县科协")
    led = [m.title for m in plan.measures if "县科协" in m.leads]
    assert len(led) >= 10
    for title in led:
        assert title in text
    assert grid_role(tmp_path / "wutai" / "责任分工矩阵.xlsx", "实施智慧助老行动", "县科协") in {"R", "A/R"}


def test_build_without_a_plan_uses_the_bundled_sample(run, tmp_path: Path) -> None:
    result = run("build", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "wutai" / "责任分工矩阵.xlsx").exists()


@pytest.mark.parametrize("where", ["repository", "inside input"])
def test_the_findings_sheet_names_the_sample_as_the_user_would(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(INPUT.parent if where == "repository" else INPUT)
    assert run("build", "-o", tmp_path).exit_code == 0
    sheet = load_workbook(tmp_path / "wutai" / "责任分工矩阵.xlsx")[FINDINGS_SHEET]
    column = FINDINGS_HEADER.index("位置") + 1
    rows = sheet.iter_rows(min_row=2, values_only=True)
    places = {row[column - 1].split(":")[0] for row in rows if row[0] and row[column - 1]}
    assert places == {"input/wutai.yaml" if where == "repository" else "wutai.yaml"}


def test_an_edited_workbook_is_not_overwritten_without_force(run, tmp_path: Path, small_plan_path: Path) -> None:
    assert run("build", small_plan_path, "-o", tmp_path).exit_code == 0
    assert run("build", small_plan_path, "-o", tmp_path).exit_code == 0
    workbook = tmp_path / "small" / "责任分工矩阵.xlsx"
    edited = load_workbook(workbook)
    edited.active["A1"] = "改过"
    edited.save(workbook)
    before = workbook.read_bytes()
    result = run("build", small_plan_path, "-o", tmp_path)
    assert result.exit_code == 4
    assert "--force" in result.output
    assert workbook.read_bytes() == before
    assert run("build", small_plan_path, "-o", tmp_path, "--force").exit_code == 0
    assert workbook.read_bytes() != before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.yaml", "title: [unclosed\n", "bad.yaml:2: YAML 格式错误"),
        ("dup.yaml", SMALL_PLAN.replace('id: "3.4.2"', 'id: "3.4.1"'), "dup.yaml:15: 措施编号 '3.4.1' 重复"),
        (
            "nolead.csv",
            "编号,措施,牵头单位\n1,实施智慧助老行动,县科协\n2,保障经费投入,\n",
            "nolead.csv:3: 牵头单位为空",
        ),
    ],
)
def test_bad_input_is_one_located_line_and_writes_nothing(
    run, tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_help_is_clear_for_the_group_and_build(run) -> None:
    assert "责任分工矩阵" in run("--help").output
    help_text = run("build", "--help").output
    assert "--output" in help_text and "--force" in help_text and "Example" in help_text


def test_build_help_names_every_kind_of_plan_file(run) -> None:
    help_text = run("build", "--help").output
    for suffix in (".yaml", ".csv", ".xlsx", ".txt", ".docx"):
        assert suffix in help_text, suffix


def _example_files(run, command: str) -> list[str]:
    """The file arguments of the Example lines of ``raci COMMAND --help``: those not written by the example."""
    text = run(command, "--help").output
    lines = text[text.index("Example:") :].splitlines()[1:]
    files = []
    for line in (line.split() for line in lines if line.strip().startswith("raci ")):
        for previous, word in pairwise(line):
            if Path(word).suffix and previous not in ("-o", "--output", ">") and not word.startswith("-"):
                files.append(word)
    return files


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_help_examples_name_files_that_exist(run, command: str) -> None:
    files = _example_files(run, command)
    assert files, "an example without an input file"
    assert [f for f in files if not (INPUT.parent / f).exists()] == []


def test_notice_options_reach_the_files(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run(
        "build", small_plan_path, "-o", tmp_path, "--titles-only", "--no-attachment", "--per-department",
        "--requirements", "请于每季度末报送进展。",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = tmp_path / "small" / "任务分解通知"
    text = notice_text(folder, "县科协")
    assert "实施智慧助老行动" in text
    assert "聚焦老年人运用智能技术" not in text  # the measure's full text, left out by --titles-only
    assert "请于每季度末报送进展。" in text
    (notice,) = folder.glob("*县科协*.docx")
    assert Document(str(notice)).tables == []
    sheets = load_workbook(tmp_path / "small" / "责任分工矩阵.xlsx").sheetnames
    assert any("县科协" in name for name in sheets)


def test_a_letterhead_template_frames_every_notice(run, tmp_path: Path, small_plan_path: Path) -> None:
    letterhead = Document()
    letterhead.sections[0].header.paragraphs[0].text = "五台县全民科学素质工作领导组办公室文件"
    template = tmp_path / "letterhead.docx"
    letterhead.save(str(template))
    assert run("build", small_plan_path, "-o", tmp_path / "out", "--template", template).exit_code == 0
    (notice,) = (tmp_path / "out" / "small" / "任务分解通知").glob("*县民政局*.docx")
    header = Document(str(notice)).sections[0].header.paragraphs[0].text
    assert header == "五台县全民科学素质工作领导组办公室文件"


def test_jobs_option_writes_the_same_notices_in_one_process_or_several(run, tmp_path: Path) -> None:
    one = run("build", INPUT / "xinhuang.yaml", "-o", tmp_path / "one", "-j", "1", "--date", "2026-11-23")
    two = run("build", INPUT / "xinhuang.yaml", "-o", tmp_path / "two", "-j", "2", "--date", "2026-11-23")
    assert one.exit_code == two.exit_code == 0, one.output + two.output
    names = [
        sorted(p.name for p in (tmp_path / out / "xinhuang" / "任务分解通知").glob("*.docx")) for out in ("one", "two")
    ]
    assert names[0] == names[1] and len(names[0]) > 20
    assert notice_text(tmp_path / "one" / "xinhuang" / "任务分解通知", "县科协") == notice_text(
        tmp_path / "two" / "xinhuang" / "任务分解通知", "县科协"
    )


def test_jobs_must_be_at_least_one(run, tmp_path: Path) -> None:
    result = run("build", INPUT / "wutai.yaml", "-o", tmp_path, "-j", "0")
    assert result.exit_code == 2 and "--jobs" in result.output
    assert not list(tmp_path.iterdir())


OFFICE_TABLE = "编号,措施,牵头单位,配合单位\n1.1,实施智慧助老行动,县科协,县民政局\n"
TITLE_ROWS = (
    "《五台县全民科学素质行动规划纲要实施方案》重点任务分工表,,,\n印发单位：五台县全民科学素质工作领导组办公室,,,\n"
)


def test_an_office_table_without_a_title_row_is_refused_until_title_and_issuer_are_given(run, tmp_path: Path) -> None:
    table = tmp_path / "office-table.csv"
    table.write_text(OFFICE_TABLE, encoding="utf-8")
    refused = run("build", table, "-o", tmp_path / "out")
    assert refused.exit_code == 1 and "--title" in refused.output and "--issuer" in refused.output
    assert refused.output.startswith(f"Error: {table}: 未写明方案名称、印发单位")
    assert not (tmp_path / "out").exists()
    title, issuer = "五台县全民科学素质行动规划纲要实施方案", "五台县全民科学素质工作领导组办公室"
    done = run("build", table, "-o", tmp_path / "out", "--title", title, "--issuer", issuer)
    assert done.exit_code == 0, done.output
    texts = [p.text.replace("\n", "") for p in Document(str(_notice(tmp_path / "out" / "office-table"))).paragraphs]
    assert f"关于印发《{title}》任务分解清单的通知" in "".join(texts)
    assert issuer in texts


def test_an_office_tables_title_row_names_the_plan_and_its_issuer(run, tmp_path: Path) -> None:
    for name in ("csv", "xlsx"):
        table = tmp_path / f"office-table.{name}"
        rows = [line.split(",") for line in (TITLE_ROWS + OFFICE_TABLE).splitlines()]
        if name == "csv":
            table.write_text(TITLE_ROWS + OFFICE_TABLE, encoding="utf-8")
        else:
            workbook = Workbook()
            for cells in rows:
                workbook.active.append([c or None for c in cells])
            workbook.save(table)
        result = run("build", table, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        notice = Document(str(_notice(tmp_path / name / "office-table")))
        texts = [p.text.replace("\n", "") for p in notice.paragraphs]
        assert "关于印发《五台县全民科学素质行动规划纲要实施方案》任务分解清单的通知" in texts, name
        assert "五台县全民科学素质工作领导组办公室" in texts, name  # the 落款


def _notice(folder: Path) -> Path:
    return next((folder / "任务分解通知").glob("*县科协.docx"))


def test_the_letterhead_options_reach_the_notice(run, tmp_path: Path, small_plan_path: Path) -> None:
    letterhead = Document()
    letterhead.add_paragraph("五台县全民科学素质工作领导组办公室文件")
    letterhead.add_paragraph("五科素办〔2026〕X号")
    template = tmp_path / "letterhead.docx"
    letterhead.save(str(template))
    without = run("build", small_plan_path, "-o", tmp_path / "a", "--template", template)
    assert without.exit_code == 1 and "--number" in without.output
    result = run(
        "build", small_plan_path, "-o", tmp_path / "b", "--template", template, "--number", "7",
        "--cc", "县委办公室、县政府办公室",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(_notice(tmp_path / "b" / "small"))).paragraphs]
    assert texts[1] == "五科素办〔2026〕7号"
    assert any("抄送：县委办公室，县政府办公室。" in t for t in texts)
