"""What a build writes for a plan that assigns work to 各乡镇人民政府 and names 牵头领导, read back as a person would.

The plan is tests/fixtures/xinhuang-townships.yaml with the Xinhuang registry
(input/departments-xinhuang.yaml, its eleven townships as the group). The
expected measures of each township come from the plan file itself: every
measure that names the group or its alias, in any role.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import matrix
from matrix.export.word import notice_filename
from matrix.readers.yaml import read_registry, read_yaml
from matrix.workbook_layout import DIVISION_SHEET, LEADERS_SHEET, MATRIX_SHEET, SUMMARY_SHEET, WORKLOAD_SHEET

from ..conftest import INPUT, ROOT
from ..invisible import invisible_characters

FIXTURE = ROOT / "tests" / "fixtures" / "xinhuang-townships.yaml"
REGISTRY = INPUT / "departments-xinhuang.yaml"
TOWNSHIPS = "各乡镇人民政府"
DATE = dt.date(2026, 11, 23)


def members() -> tuple[str, ...]:
    return next(g for g in read_registry(REGISTRY).groups if g.name == TOWNSHIPS).members


def group_measures() -> dict[str, str]:
    """Measure id -> role word (牵头 / 配合) of every measure the plan file assigns to the group, by any spelling."""
    spellings = {TOWNSHIPS, *next(g for g in read_registry(REGISTRY).groups if g.name == TOWNSHIPS).aliases}
    found = {}
    for measure in read_yaml(FIXTURE).measures:
        for a in measure.assignments:
            if a.department in spellings:
                found[measure.id] = "牵头" if "R" in a.role else "配合"
    return found


def notice_text(path: Path) -> list[str]:
    document = Document(str(path))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def tasks(path: Path) -> dict[str, list[str]]:
    """Each task of a notice by measure id: the lines under its heading, up to the next heading."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in [p.text for p in Document(str(path)).paragraphs]:
        if re.match(r"^（[一二三四五六七八九十]+）", line) or re.match(r"^[一二三四五六七八九十]+、", line):
            current = []
            continue
        match = re.search(r"措施编号([\d.]+)", line)
        if match and current is not None:
            found[match.group(1)] = current
        if current is not None:
            current.append(line)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> matrix.BuildResult:
    return matrix.build(FIXTURE, tmp_path_factory.mktemp("out"), registry=REGISTRY, date=DATE, jobs=1)


def test_every_township_gets_a_notice_with_exactly_the_groups_measures(built: matrix.BuildResult) -> None:
    expected = group_measures()
    assert set(expected) == {"2.2.1", "2.2.2", "4.1.1", "4.1.3"}
    notices = {p.name: p for p in built.notices}
    for member in members():
        own = tasks(notices[notice_filename(member)])
        assert set(own) == set(expected), member
        for measure in expected:
            said = [line for line in own[measure] if line.startswith("承担方式：")]
            # 晃州镇 is named itself on 4.1.3 as well as through the group: it holds that task itself
            named_itself = member == "晃州镇人民政府" and measure == "4.1.3"
            assert said == (
                [] if named_itself else [f"承担方式：本项任务分配给{TOWNSHIPS}，你单位作为其成员单位承担。"]
            )
    assert notice_filename(TOWNSHIPS) not in notices  # the group itself receives nothing


def test_a_township_notice_files_the_group_measures_by_role_and_names_the_others_as_the_plan_does(
    built: matrix.BuildResult,
) -> None:
    text = notice_text(built.folder / "任务分解通知" / notice_filename("波洲镇人民政府"))
    assert next(line for line in text if "你单位承担的" in line).endswith(
        "现将2021-2025年你单位承担的牵头任务2项、配合任务2项分解如下，请结合工作实际，认真抓好落实。"
    )
    assert "配合单位：县农业农村局、县科协。" in text  # 2.2.1: its own group is not listed as a partner
    assert "牵头单位：县农业农村局；其他配合单位：县人力资源和社会保障局。" in text
    assert "各乡镇人民政府" in text  # the attachment's 牵头单位 column names the group once


def test_other_departments_read_the_group_as_one_name(built: matrix.BuildResult) -> None:
    text = notice_text(built.folder / "任务分解通知" / notice_filename("县农业农村局"))
    assert "配合单位：各乡镇人民政府、县人力资源和社会保障局。" in text
    assert not [line for line in text if "波洲镇" in line]


def test_each_task_entry_names_its_leader(built: matrix.BuildResult) -> None:
    own = tasks(built.folder / "任务分解通知" / notice_filename("县农业农村局"))
    assert "牵头领导：县政府分管副县长。" in own["2.2.2"]
    township = tasks(built.folder / "任务分解通知" / notice_filename("扶罗镇人民政府"))
    assert "牵头领导：县委常委、常务副县长。" in township["4.1.1"]
    assert not [line for line in township["4.1.3"] if line.startswith("牵头领导")]


def test_the_matrix_has_a_column_per_township_and_the_leaders_beside_the_measures(built: matrix.BuildResult) -> None:
    sheet = load_workbook(built.workbook)[MATRIX_SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["编号", "所属行动/工程", "措施", "牵头领导", "牵头数", "配合数"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows["2.2.1"][3] == "县政府分管副县长"
    assert TOWNSHIPS not in header
    for member in members():
        assert rows["2.2.1"][header.index(member)] == "R"
        assert rows["2.2.2"][header.index(member)] == "C"
    assert rows["2.2.1"][header.index("县农业农村局")] == "C"


def test_the_division_sheet_names_the_group_and_the_leader(built: matrix.BuildResult) -> None:
    sheet = load_workbook(built.workbook)[DIVISION_SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["序号", "重点任务", "具体措施", "牵头领导", "牵头单位"]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (rows["2.2.1"]["牵头领导"], rows["2.2.1"]["牵头单位"]) == ("县政府分管副县长", TOWNSHIPS)
    assert rows["2.2.2"]["配合单位"] == f"{TOWNSHIPS}、县人力资源和社会保障局"
    assert rows["4.1.3"]["配合单位"] == f"晃州镇人民政府、{TOWNSHIPS}"


def workload_sheet(path: Path) -> dict[str, tuple[int, int]]:
    """Department -> (measures led, measures cooperated) from the 部门工作量 sheet."""
    sheet = load_workbook(path)[WORKLOAD_SHEET]
    header = [c.value for c in sheet[1]]
    led, cooperated = header.index("牵头数（R）"), header.index("配合数")
    return {row[0]: (row[led], row[cooperated]) for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_workload_counts_the_group_measures_for_every_township(built: matrix.BuildResult) -> None:
    rows = workload_sheet(built.workbook)
    assert all(rows[member] == (2, 2) for member in members())


def test_the_leaders_sheet_and_document_list_each_leaders_measures_and_departments(built: matrix.BuildResult) -> None:
    sheet = load_workbook(built.workbook)[LEADERS_SHEET]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [
        (
            "县政府分管副县长",
            2,
            "2.2.1 实施乡村振兴科技支撑行动\n2.2.2 实施高素质农民培育计划",
            f"{TOWNSHIPS}、县农业农村局",
            "县科协、县人力资源和社会保障局",
        ),
        ("县委常委、常务副县长", 1, "4.1.1 落实科学素质建设任务", TOWNSHIPS, None),
    ]
    assert built.leaders == built.folder / "领导分工.docx"
    document = Document(str(built.leaders))
    # the title in lines broken between words, as every document's title (GB/T 9704 7.3.3)
    assert document.paragraphs[0].text.split("\n") == [
        "《新晃侗族自治县全民科学素质行动规划纲要",
        "实施方案（2021-2025年）》牵头领导分工表",
    ]
    (table,) = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["序号", "牵头领导", "牵头措施", "牵头单位", "配合单位"]
    assert cells[2] == ["2", "县委常委、常务副县长", "4.1.1 落实科学素质建设任务", TOWNSHIPS, "—"]


def test_every_leader_column_shows_the_longest_title_whole_and_the_counts_centred(built: matrix.BuildResult) -> None:
    longest = "县委常委、常务副县长"  # 10 characters: it broke after 常务副 in the 14-unit column
    workbook = load_workbook(built.workbook)
    for name in (MATRIX_SHEET, DIVISION_SHEET, LEADERS_SHEET):
        sheet = workbook[name]
        (column,) = [c.column_letter for c in sheet[1] if c.value == "牵头领导"]
        assert any(longest in str(c.value) for c in sheet[column]), name
        # a Chinese character of 10 pt needs about 1.9 of Excel's width units
        assert sheet.column_dimensions[column].width >= 1.9 * len(longest), name
    counts = [row[1] for row in workbook[LEADERS_SHEET].iter_rows(min_row=2)]
    assert counts and all(c.alignment.horizontal == "center" for c in counts)


def test_the_summary_sheet_lists_the_groups(built: matrix.BuildResult) -> None:
    rows = list(load_workbook(built.workbook)[SUMMARY_SHEET].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "集体")
    assert rows[start][1:3] == (TOWNSHIPS, "、".join(members()))
    assert rows[start + 1][1:3] == ("各有关部门", "泛指，无成员")


def test_a_plan_without_leaders_has_neither_the_column_nor_the_document(tmp_path: Path) -> None:
    result = matrix.build(INPUT / "wutai.yaml", tmp_path, date=DATE, jobs=1)
    assert result.leaders is None and not (result.folder / "领导分工.docx").exists()
    workbook = load_workbook(result.workbook)
    assert "牵头领导" not in [c.value for c in workbook[MATRIX_SHEET][1]]
    assert LEADERS_SHEET not in workbook.sheetnames


def test_township_notices_and_the_leaders_document_carry_no_invisible_character(built: matrix.BuildResult) -> None:
    assert built.leaders is not None and any(notice_filename(m) in {p.name for p in built.notices} for m in members())
    assert [found for path in built.written for found in invisible_characters(path)] == []


def test_without_expanding_the_matrix_has_one_column_for_the_group(tmp_path: Path) -> None:
    result = matrix.build(FIXTURE, tmp_path, registry=REGISTRY, date=DATE, jobs=1, expand_groups=False)
    sheet = load_workbook(result.workbook)[MATRIX_SHEET]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert not set(members()) - {"晃州镇人民政府"} & set(header)  # 晃州镇 keeps its column: it is named itself on 4.1.3
    assert [rows[m][header.index(TOWNSHIPS)] for m in ("2.2.1", "2.2.2", "4.1.1", "4.1.3")] == ["R", "C", "R", "C"]
    assert rows["4.1.3"][header.index("晃州镇人民政府")] == "C"
    assert len(result.notices) == 15  # still a notice per township
    assert workload_sheet(result.workbook)["波洲镇人民政府"] == (2, 2)


@pytest.mark.parametrize("expand", [True, False])
def test_groups_and_leaders_survive_a_rebuild_from_the_workbook(tmp_path: Path, expand: bool) -> None:
    first = matrix.build(FIXTURE, tmp_path / "one", registry=REGISTRY, date=DATE, jobs=1, expand_groups=expand)
    copy = tmp_path / "edited.xlsx"
    shutil.copy(first.workbook, copy)
    second = matrix.build(copy, tmp_path / "two", date=DATE, jobs=1)
    assert [p.name for p in second.notices] == [p.name for p in first.notices]
    for one, two in zip(first.notices, second.notices, strict=True):
        assert notice_text(two) == notice_text(one), one.name
    assert notice_text(second.leaders) == notice_text(first.leaders)


def test_an_edited_workbook_takes_one_township_off_a_group_measure_and_changes_a_leader(
    tmp_path: Path, built: matrix.BuildResult
) -> None:
    copy = tmp_path / "edited.xlsx"
    workbook = load_workbook(built.workbook)
    sheet = workbook[MATRIX_SHEET]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "4.1.1")
    row[header.index("波洲镇人民政府")].value = None
    row[header.index("牵头领导")].value = "县长"
    workbook.save(copy)
    rebuilt = matrix.build(copy, tmp_path / "out", date=DATE, jobs=1)
    notices = {p.name: p for p in rebuilt.notices}
    assert "4.1.1" not in tasks(notices[notice_filename("波洲镇人民政府")])
    other = tasks(notices[notice_filename("鱼市镇人民政府")])["4.1.1"]
    assert "牵头领导：县长。" in other
    assert f"承担方式：本项任务分配给{TOWNSHIPS}，你单位作为其成员单位承担。" in other


TASK_TABLE = ROOT / "tests" / "fixtures" / "xinhuang-tasks.csv"


def table_group_measures() -> dict[str, tuple[int, int]]:
    """Measure id -> (lead, cooperate) of every row of the task table that names the townships, read with csv."""
    spellings = {TOWNSHIPS, *next(g for g in read_registry(REGISTRY).groups if g.name == TOWNSHIPS).aliases}
    with TASK_TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = {}
    for row in rows:
        lead = bool(spellings & set(row["牵头单位"].split("、")))
        cooperate = bool(spellings & set(row["配合单位"].split("、")))
        if lead or cooperate:
            found[row["序号"]] = (int(lead), int(cooperate))
    return found


@pytest.fixture(scope="module")
def table_built(tmp_path_factory: pytest.TempPathFactory) -> matrix.BuildResult:
    # the table has no title lines above its header: the office names its plan and itself, as with --title/--issuer
    return matrix.build(
        TASK_TABLE,
        tmp_path_factory.mktemp("table"),
        registry=REGISTRY,
        date=DATE,
        jobs=1,
        title="新晃侗族自治县全民科学素质行动规划纲要实施方案",
        issuer="新晃侗族自治县全民科学素质工作领导小组",
    )


def test_a_task_table_gives_every_township_a_notice_with_the_groups_rows_and_counts_them(
    table_built: matrix.BuildResult,
) -> None:
    expected = table_group_measures()
    assert set(expected) == {"2.2.1", "2.2.2", "4.1.1"}
    notices = {p.name: p for p in table_built.notices}
    rows = workload_sheet(table_built.workbook)
    led, cooperated = (sum(roles[i] for roles in expected.values()) for i in (0, 1))
    for member in members():
        assert set(tasks(notices[notice_filename(member)])) == set(expected), member
        assert rows[member] == (led, cooperated), member


def test_a_task_tables_leader_column_reaches_the_notices_and_the_leaders_summary(
    table_built: matrix.BuildResult,
) -> None:
    own = tasks(table_built.folder / "任务分解通知" / notice_filename("晃州镇人民政府"))
    assert "牵头领导：县委常委、常务副县长；县政府分管副县长。" in own["4.1.1"]
    (table,) = Document(str(table_built.leaders)).tables
    by_leader = {row.cells[1].text: row.cells[2].text for row in table.rows[1:]}
    assert [line.split()[0] for line in by_leader["县政府分管副县长"].splitlines()] == [
        "2.2.1",
        "2.2.2",
        "4.1.1",
        "4.2.1",
    ]
    assert [line.split()[0] for line in by_leader["县委常委、常务副县长"].splitlines()] == ["4.1.1"]


def test_the_audit_of_a_task_table_reports_an_undefined_group_and_a_vague_sole_lead(
    table_built: matrix.BuildResult,
) -> None:
    found = {(f.code, f.measure): f for f in table_built.findings}
    undefined = next(f for (code, _), f in found.items() if code == "undefined-group")
    assert (undefined.department, undefined.severity) == ("县直各单位", "warning")
    assert "（措施 4.2.1）" in undefined.message and undefined.location.endswith("xinhuang-tasks.csv:7")
    assert found["collective-lead", "4.1.2"].department == "各有关部门"
    assert not [f for f in table_built.findings if f.code == "unknown-department"]
    assert not [m for code, m in found if code == "collective-lead" and m != "4.1.2"]
