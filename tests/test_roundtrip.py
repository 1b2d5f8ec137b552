"""The office's round trip: build, edit the workbook in Excel, build from the workbook, in the plan's own folder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

import matrix
from matrix.export.manifest import file_digest, read_manifest
from matrix.model import Plan
from matrix.raci import RaciConfig
from matrix.workbook_layout import DIVISION_SHEET, MATRIX_SHEET, SUMMARY_FIELDS, SUMMARY_SHEET

from .conftest import INPUT, seed_path
from .export.test_change_notice import text_of
from .test_pipeline import contents

DATE = dt.date(2026, 1, 5)


def set_role(workbook: Path, measure: str, department: str, role: str | None) -> str | None:
    """Change one role cell of the RACI矩阵 as an office does in Excel; return the role it held."""
    book = load_workbook(workbook)
    sheet = book[MATRIX_SHEET]
    column = next(c.column for c in sheet[1] if c.value == department)
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == measure)
    before = sheet.cell(row, column).value
    sheet.cell(row, column).value = role
    book.save(workbook)
    return before


def role_in(workbook: Path, measure: str, department: str) -> str | None:
    sheet = load_workbook(workbook, read_only=True)[MATRIX_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(department)
    return next(row[column] for row in rows[1:] if row[0] == measure)


def test_the_workbook_records_its_plan_and_a_rebuild_from_it_stays_in_the_plans_folder(tmp_path: Path) -> None:
    first = matrix.build(INPUT / "wutai.yaml", tmp_path, date=DATE)
    summary = {row[0]: row[1] for row in load_workbook(first.workbook)[SUMMARY_SHEET].iter_rows(values_only=True)}
    assert summary[SUMMARY_FIELDS["key"]] == "wutai"

    again = matrix.build(first.workbook, date=DATE)  # no output folder named: the plan's own
    assert again.folder == first.folder == tmp_path / "wutai"
    assert [p.name for p in tmp_path.iterdir()] == ["wutai"]
    assert not again.rewrote_source  # nobody had edited it
    # a copy elsewhere still knows its plan: -o names the folder that holds the plans' folders
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(first.workbook.read_bytes())
    assert matrix.build(copy, tmp_path, date=DATE).folder == tmp_path / "wutai"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wutai", "副本.xlsx"]


def test_an_edited_workbook_rebuilds_its_plans_folder_in_place(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path, "--date", DATE.isoformat()).exit_code == 0
    folder = tmp_path / "wutai"
    workbook = folder / "责任分工矩阵.xlsx"
    before = contents(folder)
    assert set_role(workbook, "3.1.1", "县科协", "R") == "C"

    result = run("build", workbook, "--date", DATE.isoformat())

    assert result.exit_code == 0, result.output
    assert f"已写入：{workbook}（已按其中的修改重新生成）" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["wutai"]  # no output/责任分工矩阵/ beside it
    assert role_in(workbook, "3.1.1", "县科协") == "R"
    assert read_manifest(folder)["责任分工矩阵.xlsx"].digest == file_digest(workbook)
    after = contents(folder)
    assert sorted(after) == sorted(before)  # one current set, the same files
    changed = {name for name in before if before[name] != after[name]}
    # 3.1.1 is 县教科局's, with 县委宣传部, 县科协, 团县委 and 县妇联: their notices, the two tables, and the
    # feedback forms of its two leads now (县科协 reports on 3.1.1, 县教科局's form names it as a partner)
    notices = [
        f"任务分解通知/任务分解通知-{name}.docx" for name in ("县教科局", "县委宣传部", "县科协", "团县委", "县妇联")
    ]
    forms = [f"进展反馈表/进展反馈表-{name}.xlsx" for name in ("县教科局", "县科协")]
    assert changed == {"责任分工矩阵.xlsx", "任务分解总表.docx", *notices, *forms}


def test_an_edited_workbook_beside_an_edited_notice_changes_nothing_without_force(run, tmp_path: Path) -> None:
    assert run("build", INPUT / "wutai.yaml", "-o", tmp_path, "--date", DATE.isoformat()).exit_code == 0
    folder = tmp_path / "wutai"
    workbook = folder / "责任分工矩阵.xlsx"
    set_role(workbook, "3.1.1", "县科协", "R")
    (notice,) = folder.glob("任务分解通知/*县科协.docx")
    notice.write_bytes(notice.read_bytes() + b" ")  # the office annotated its notice too
    edited = {p: p.read_bytes() for p in (workbook, notice)}

    result = run("build", workbook, "--date", DATE.isoformat())

    assert result.exit_code == 4
    assert "县科协.docx 在上次生成后被修改过" in result.output
    assert "责任分工矩阵.xlsx 在上次" not in result.output  # the workbook built from is not what stops it
    assert {p: p.read_bytes() for p in edited} == edited


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_building_from_an_unedited_workbook_writes_the_same_notices(tmp_path: Path, seed: str) -> None:
    first = matrix.build(INPUT / f"{seed}.yaml", tmp_path / "yaml", date=DATE)
    again = matrix.build(first.workbook, tmp_path / "workbook", date=DATE)
    assert again.folder == tmp_path / "workbook" / seed
    from_yaml, from_workbook = contents(first.folder), contents(again.folder)
    assert sorted(from_yaml) == sorted(from_workbook)
    notices = [name for name in from_yaml if name.endswith(".docx")]
    assert {name: from_workbook[name] for name in notices} == {name: from_yaml[name] for name in notices}


# -- the office's whole loop, on both seeds ------------------------------------------------------------------------

#: What an office sets in the imported plan before its first build: none of these is the default, so a workbook that
#: forgot one would build something else.
OFFICE_SETTINGS = {
    "first_lead_accountable: true": "first_lead_accountable: false",
    "office_informed: true": "office_informed: false",
    "leader_accountable: true": "leader_accountable: false\n  verbs: {VERBS}",
}
EXTRA_VERBS = {"主抓": "lead", "协调": "cooperate"}
LEADER = "分管副县长"
FINGERPRINT = "任务指纹"


def readable(path: Path) -> object:
    """A file as a person reads it: a document's text, a workbook's cells by sheet (not the zip's bytes)."""
    if path.suffix == ".docx":
        return text_of(path)
    book = load_workbook(path, read_only=True)
    try:
        return {sheet.title: [row for row in sheet.iter_rows(values_only=True) if any(row)] for sheet in book}
    finally:
        book.close()


def read_set(folder: Path) -> dict[str, object]:
    return {
        p.relative_to(folder).as_posix(): readable(p)
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".docx", ".xlsx")
    }


def cells_of(document: Path) -> list[str]:
    """The paragraphs and table cells of a document, each one item; a cell's line breaks (where a list of names
    wraps, which moves with a longer name) left out."""
    word = Document(str(document))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return [p.text for p in word.paragraphs] + [cell.replace("\n", "") for cell in cells]


def office_edits_imported_plan(plan_yaml: Path) -> None:
    """The office's own settings and a 牵头领导 for the first measure, typed into the imported YAML."""
    verbs = ", ".join(f"{v}: {k}" for v, k in {**dict(RaciConfig().verbs), **EXTRA_VERBS}.items())
    text = plan_yaml.read_text(encoding="utf-8")
    for old, new in OFFICE_SETTINGS.items():
        assert old in text
        text = text.replace(old, new.replace("{VERBS}", "{" + verbs + "}"), 1)
    first_title = re.search(r"^    title: .*\n", text, flags=re.M)
    text = text[: first_title.end()] + f"    leaders:\n    - {LEADER}\n" + text[first_title.end() :]
    plan_yaml.write_text(text, encoding="utf-8")


def rename_column(workbook: Path, old: str, new: str) -> None:
    """Rename a department in the RACI矩阵's header, as an office does in Excel."""
    book = load_workbook(workbook)
    (cell,) = (c for c in book[MATRIX_SHEET][1] if c.value == old)
    cell.value = new
    book.save(workbook)


def shares_a_measure(plan: Plan, department: str) -> set[str]:
    """Every department on a measure with ``department``, itself included."""
    return {
        a.department
        for m in plan.measures
        if department in {b.department for b in m.assignments}
        for a in m.assignments
    }


def renamed_in(value: object, old: str, new: str) -> object:
    """``value`` (text, or a workbook's cells) with every ``old`` written ``new``."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {renamed_in(k, old, new): renamed_in(v, old, new) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(renamed_in(v, old, new) for v in value)
    return value


def digestless(value: object) -> object:
    """A form's cells without its 任务指纹 row; anything else as it is."""
    if isinstance(value, dict):
        return {k: [row for row in rows if row[0] != FINGERPRINT] for k, rows in value.items()}
    return value


def files_of(department: str) -> set[str]:
    return {f"任务分解通知/任务分解通知-{department}.docx", f"进展反馈表/进展反馈表-{department}.xlsx"}


@pytest.mark.parametrize(("seed", "listed"), [("wutai", "--first-listed-leads"), ("xinhuang", "--all-lead")])
def test_the_offices_loop_import_build_edit_in_excel_build_again(run, tmp_path: Path, seed: str, listed: str) -> None:
    # import the plan's text beside its county's registry, set the office's rules, build
    plans, out = tmp_path / "input", tmp_path / "output"
    plans.mkdir()
    (plans / f"departments-{seed}.yaml").write_bytes((INPUT / f"departments-{seed}.yaml").read_bytes())
    plan_yaml = plans / f"{seed}.yaml"
    imported = run("import", seed_path(f"{seed}-2021-2025.txt"), listed, "-o", plan_yaml)
    assert imported.exit_code == 0, imported.output
    office_edits_imported_plan(plan_yaml)
    assert run("build", plan_yaml, "-o", out, "--date", DATE.isoformat()).exit_code == 0
    folder = out / seed
    workbook = folder / "责任分工矩阵.xlsx"
    from_yaml = matrix.load(plan_yaml)
    assert from_yaml.plan.raci.listed_leads == {"--first-listed-leads": "first", "--all-lead": "all"}[listed]
    assert "两个方案的措施和分工完全相同" in run("diff", plan_yaml, workbook).output  # the plan and its own workbook
    before = read_set(folder)
    summary_cells = cells_of(folder / "任务分解总表.docx")

    # in Excel: one cooperator becomes a lead (of a measure the renamed department is not on), one department renamed
    plan = from_yaml.plan
    county = plan.title[: plan.title.index("县") + 1]
    old, new = "县气象局", f"{county}气象局"
    assert old not in " ".join(m.text + m.title for m in plan.measures)  # so a changed text is the rename
    leads_somewhere = {a.department for m in plan.measures for a in m.assignments if a.role == "R"}
    measure, helper = next(
        (m.id, a.department)
        for m in plan.measures
        for a in m.assignments
        if a.role == "C"
        and a.department in leads_somewhere
        and a.group is None
        and old not in {b.department for b in m.assignments}
    )
    assert set_role(workbook, measure, helper, "R") == "C"
    rename_column(workbook, old, new)

    result = run("build", workbook, "--date", DATE.isoformat())

    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [seed]
    after = read_set(folder)
    renamed = {name.replace(old, new) for name in before}
    assert sorted(after) == sorted(renamed)  # exactly one current set: the renamed department's files replaced
    assert sorted(read_manifest(folder)) == sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != ".raci-manifest.json"
    )

    on_measure = {a.department for m in plan.measures if m.id == measure for a in m.assignments}
    near_rename = shares_a_measure(plan, old)
    tables = {"责任分工矩阵.xlsx", "任务分解总表.docx", "领导分工.docx"}
    for name in before:
        if name in tables or any(name in files_of(d) for d in on_measure):
            continue
        if any(name in files_of(d) for d in near_rename):  # the rename, and nothing else
            # a form's 任务指纹 digests its tasks, partners' names included: it changes with them
            assert digestless(after[name.replace(old, new)]) == digestless(renamed_in(before[name], old, new)), name
        else:
            assert after[name] == before[name], name

    # the tables that list everything changed only where the edits are
    cells = [renamed_in(summary_cells, old, new), cells_of(folder / "任务分解总表.docx")]
    assert [(a, b) for a, b in zip(*cells, strict=True) if a != b and helper not in a + b] == []
    assert cells[0] != cells[1]
    sheets = [before["责任分工矩阵.xlsx"], after["责任分工矩阵.xlsx"]]
    # the 说明 keeps the registry as it was (the plan's own 县气象局); only the audit's count moves with the new name
    assert [[row for row in sheet[SUMMARY_SHEET] if row[0] != "审计问题数"] for sheet in sheets] == [
        [row for row in sheets[0][SUMMARY_SHEET] if row[0] != "审计问题数"]
    ] * 2
    division = [renamed_in(sheets[0][DIVISION_SHEET], old, new), sheets[1][DIVISION_SHEET]]
    assert [a[0] for a, b in zip(*division, strict=True) if a != b] == [measure]

    # the changed notices say what changed
    notice = f"任务分解通知/任务分解通知-{helper}.docx"
    lead_part = lambda text: text.split("一、牵头任务", 1)[-1].split("二、配合任务", 1)[0]  # noqa: E731
    assert f"措施编号{measure}" not in lead_part(before[notice])
    assert f"措施编号{measure}" in lead_part(after[notice])
    assert f"{new}：" in after[f"任务分解通知/任务分解通知-{new}.docx"]

    # everything the plan set survived the workbook: rules, registry (aliases, kinds, groups), leaders, stages, targets
    rebuilt = matrix.load(workbook)
    assert rebuilt.plan.raci == from_yaml.plan.raci
    assert dict(rebuilt.plan.raci.verbs).items() >= EXTRA_VERBS.items()
    assert rebuilt.registry == from_yaml.registry
    assert any(d.aliases for d in rebuilt.registry.departments)
    assert rebuilt.plan.groups == from_yaml.plan.groups
    assert (rebuilt.plan.targets, rebuilt.plan.stages) == (plan.targets, plan.stages) != ((), ())
    assert rebuilt.plan.measures[0].leaders == (LEADER,)
    assert [m.suggested for m in rebuilt.plan.measures] == [m.suggested for m in plan.measures]
    expected = {
        m.id: {
            (new if a.department == old else a.department): (
                "R" if (m.id, a.department) == (measure, helper) else a.role
            )
            for a in m.assignments
        }
        for m in plan.measures
    }
    assert {m.id: {a.department: a.role for a in m.assignments} for m in rebuilt.plan.measures} == expected


def test_a_role_rule_the_office_mistyped_in_the_summary_sheet_is_refused_at_its_cell(run, tmp_path: Path) -> None:
    first = matrix.build(INPUT / "xinhuang.yaml", tmp_path, date=DATE)
    book = load_workbook(first.workbook)
    (row,) = (r for r in book[SUMMARY_SHEET].iter_rows() if r[1].value == "office_informed")
    assert row[3].value == "是"
    row[3].value = "也许"
    book.save(first.workbook)
    edited = first.workbook.read_bytes()

    result = run("build", first.workbook, "--date", DATE.isoformat())

    assert result.exit_code != 0
    assert f"说明!D{row[3].row}" in result.output and "应为 是 或 否" in result.output
    assert "Traceback" not in result.output
    assert first.workbook.read_bytes() == edited
