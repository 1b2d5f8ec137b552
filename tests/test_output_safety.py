"""Outputs are written whole, only inside the output folder, and never over someone's work.

A locked workbook (open in Excel or WPS on Windows), a folder that cannot be
written, a file a person put where an output goes, and department or plan
names that look like paths must each end in exit 4 or in files inside ``-o``,
never in a traceback or a file elsewhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from matrix.cli import EXIT_OUTPUT
from matrix.export import atomic
from matrix.readers import read_plan

from .conftest import SMALL_PLAN
from .test_bad_inputs import snapshot

#: Department names that would leave the folder, or that Windows cannot use as file names.
HOSTILE_NAMES = ("../../evil", "a/b", "CON", "NUL", "COM1", "aux.txt", "县科协\\..\\x", "县:局")


def files_outside(root: Path, out: Path, before: set[Path]) -> list[Path]:
    """Paths under ``root`` that are new since ``before`` and neither inside ``out`` nor on the way to it."""
    inside = out.resolve()
    allowed = {inside, *inside.parents}
    return [
        p
        for p in root.rglob("*")
        if p not in before and p.resolve() not in allowed and inside not in p.resolve().parents
    ]


def one_error_line(output: str) -> str:
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in output, output
    return lines[0]


def test_a_locked_output_is_exit_4_and_the_previous_build_stays(
    run, tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)

    def locked(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(atomic.os, "replace", locked)
    result = run("build", small_plan_path, "-o", out)

    assert result.exit_code == EXIT_OUTPUT
    assert "可能正在被其他程序（如 Excel、WPS）打开" in one_error_line(result.output)
    assert snapshot(out) == before  # no half-written file, no temporary left behind


def test_a_full_disk_while_renaming_is_exit_4(
    run, tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    result = run("build", small_plan_path, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_OUTPUT
    assert "No space left on device" in one_error_line(result.output)
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


def test_a_full_disk_while_writing_is_exit_4_and_the_previous_build_stays(
    run, tmp_path: Path, small_plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", full)
    result = run("build", small_plan_path, "-o", out, "--force")
    assert result.exit_code == EXIT_OUTPUT
    assert "写入" in one_error_line(result.output) and "No space left on device" in result.output
    assert snapshot(out) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind the user")
def test_a_read_only_output_folder_is_exit_4(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = run("build", small_plan_path, "-o", out)
    finally:
        out.chmod(0o700)
    assert result.exit_code == EXIT_OUTPUT
    assert "无法写入" in one_error_line(result.output)


def test_a_file_where_the_output_folder_goes_is_exit_4(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "small").write_text("不是目录", encoding="utf-8")
    result = run("build", small_plan_path, "-o", out)
    assert result.exit_code == EXIT_OUTPUT
    assert "无法写入" in one_error_line(result.output)
    assert (out / "small").read_text(encoding="utf-8") == "不是目录"


def test_a_workbook_the_tool_did_not_write_is_not_overwritten(run, tmp_path: Path, small_plan_path: Path) -> None:
    target = tmp_path / "out" / "small"
    target.mkdir(parents=True)
    (target / "责任分工矩阵.xlsx").write_bytes(b"someone's own workbook")
    result = run("build", small_plan_path, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_OUTPUT
    assert "--force" in one_error_line(result.output)
    assert (target / "责任分工矩阵.xlsx").read_bytes() == b"someone's own workbook"
    assert [p.name for p in target.rglob("*")] == ["责任分工矩阵.xlsx"]


def test_an_edited_notice_is_not_overwritten_without_force(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    notice = next((out / "small" / "任务分解通知").glob("*.docx"))
    notice.write_bytes(notice.read_bytes() + b"\0")
    before = snapshot(out)
    result = run("build", small_plan_path, "-o", out)
    assert result.exit_code == EXIT_OUTPUT
    assert notice.name in one_error_line(result.output)
    assert snapshot(out) == before


def test_hostile_department_names_write_only_inside_the_output_folder(run, tmp_path: Path) -> None:
    cooperators = ", ".join(f"'{name}'" for name in HOSTILE_NAMES)
    plan = tmp_path / "plans" / "hostile.yaml"
    plan.parent.mkdir()
    plan.write_text(SMALL_PLAN.replace("cooperators: [县卫健局]", f"cooperators: [{cooperators}]"), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))

    result = run("build", plan, "-o", out)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, out, before) == []
    notices = list((out / "hostile" / "任务分解通知").iterdir())
    assert all(p.parent == out / "hostile" / "任务分解通知" for p in notices)
    # one notice per department named in the plan: none lost to a name that cleans up like another
    assert len(notices) == len(read_plan(plan).department_names())


@pytest.mark.parametrize("stem", ["..", ".", "CON", "a:b", " lpt1 "])
def test_a_plan_file_name_cannot_choose_a_folder_outside_the_output(run, tmp_path: Path, stem: str) -> None:
    plan = tmp_path / "plans" / f"{stem}.yaml"
    plan.parent.mkdir()
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))

    result = run("build", plan, "-o", out)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, out, before) == []
    (folder,) = out.iterdir()
    assert folder.name not in ("..", ".", "CON") and ":" not in folder.name
    assert (folder / "责任分工矩阵.xlsx").exists()


def test_import_default_output_stays_in_output_for_a_hostile_plan_name(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plans" / "...txt"
    plan.parent.mkdir()
    plan.write_text("某县实施方案\n一、重点任务\n（一）宣传\n开展宣传。（县科协牵头）\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))

    result = run("import", plan)

    assert result.exit_code == 0, result.output
    assert files_outside(tmp_path, tmp_path / "output", before) == []
    assert [p.suffix for p in (tmp_path / "output").iterdir() if not p.name.startswith(".")] == [".yaml"]


#: A plan's own text, as ``raci import`` reads it.
PLAN_TEXT = "某县实施方案\n一、重点任务\n（一）宣传\n开展宣传。（县科协牵头）\n"


def test_import_does_not_overwrite_a_hand_edited_plan_without_force(run, tmp_path: Path) -> None:
    text = tmp_path / "方案.txt"
    text.write_text(PLAN_TEXT, encoding="utf-8")
    plan = tmp_path / "input" / "plan.yaml"
    assert run("import", text, "-o", plan).exit_code == 0
    assert run("import", text, "-o", plan).exit_code == 0  # its own output, unchanged: replaced
    edited = plan.read_text(encoding="utf-8").replace("县科协", "县科学技术协会")
    plan.write_text(edited, encoding="utf-8")

    result = run("import", text, "-o", plan)

    assert result.exit_code == EXIT_OUTPUT
    assert one_error_line(result.output) == (
        f"Error: {plan} 在上次生成后被修改过（或不是本工具生成的），为免丢失修改未覆盖；"
        "确认要覆盖请加 --force，或用 -o 指定其他输出位置 (output was edited; use --force to overwrite)"
    )
    assert plan.read_text(encoding="utf-8") == edited
    assert run("import", text, "-o", plan, "--force").exit_code == 0
    assert "县科学技术协会" not in plan.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["workload"], "工作量.csv"),
        (["graph"], "small.graphml"),
        (["merge", "{revised}"], "merged.yaml"),
    ],
)
def test_a_file_the_command_did_not_write_is_not_overwritten(
    run, tmp_path: Path, small_plan_path: Path, revised_plan_path: Path, command: list[str], output: str
) -> None:
    target = tmp_path / output
    target.write_text("a person's own file", encoding="utf-8")
    before = snapshot(tmp_path)
    args = [a.replace("{revised}", str(revised_plan_path)) for a in command]

    result = run(*args, small_plan_path, "-o", target)

    assert result.exit_code == EXIT_OUTPUT, result.output
    assert f"{target} 在上次生成后被修改过（或不是本工具生成的）" in one_error_line(result.output)
    assert snapshot(tmp_path) == before
    assert run(*args, small_plan_path, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") != "a person's own file"
    assert run(*args, small_plan_path, "-o", target).exit_code == 0  # now the tool's own


def test_workload_does_not_overwrite_its_own_input(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run("workload", small_plan_path, "-o", small_plan_path)
    assert result.exit_code == EXIT_OUTPUT
    assert f"{small_plan_path} 在上次生成后被修改过（或不是本工具生成的）" in one_error_line(result.output)
    assert small_plan_path.read_text(encoding="utf-8") == SMALL_PLAN


def test_chart_does_not_overwrite_a_picture_it_did_not_write(run, tmp_path: Path, small_plan_path: Path) -> None:
    picture = tmp_path / "out" / "small" / "部门工作量.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"a person's picture")
    before = snapshot(tmp_path / "out")
    result = run("chart", small_plan_path, "-o", tmp_path / "out", "--kind", "workload")
    assert result.exit_code == EXIT_OUTPUT
    assert "部门工作量.png 在上次生成后被修改过" in one_error_line(result.output)
    assert snapshot(tmp_path / "out") == before


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(path: Path) -> None:
    path.symlink_to(path.with_name("small.yaml"))


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and device nodes")
@pytest.mark.parametrize(("make", "what"), [(_fifo, "命名管道"), (_link, "符号链接"), (_device, "字符设备")])
@pytest.mark.parametrize("command", ["workload", "graph", "import"])
def test_output_onto_a_node_that_is_not_a_regular_file_is_refused(
    run, tmp_path: Path, small_plan_path: Path, make, what: str, command: str
) -> None:
    source = small_plan_path
    if command == "import":
        source = tmp_path / "方案.txt"
        source.write_text(PLAN_TEXT, encoding="utf-8")
    target = tmp_path / ("out.graphml" if command == "graph" else "out.yaml")
    make(target)
    before = os.lstat(target)
    plan_before = small_plan_path.read_bytes()

    result = run(command, source, "-o", target, "--force")

    assert result.exit_code == EXIT_OUTPUT
    assert f"{target} 是{what}，不是普通文件，不能作为输出" in one_error_line(result.output)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert small_plan_path.read_bytes() == plan_before


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_build_outputs_get_the_umask_mode_and_keep_a_mode_set_since(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o002)
    try:
        assert run("build", small_plan_path, "-o", out, "-j", "2").exit_code == 0
        written = [p for p in (out / "small").rglob("*") if p.is_file()]
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == dict.fromkeys(
            (p.name for p in written), 0o664
        )
        workbook = out / "small" / "责任分工矩阵.xlsx"
        workbook.chmod(0o660)  # the office shares it with its group only
        os.umask(0o077)
        assert run("build", small_plan_path, "-o", out).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(workbook.stat().st_mode) == 0o660


def test_a_template_without_page_settings_is_refused_before_anything_is_written(
    run, tmp_path: Path, small_plan_path: Path
) -> None:
    template = tmp_path / "版头.docx"
    document = Document()
    document.add_paragraph("五台县全民科学素质工作领导组办公室")
    body = document.element.body
    body.remove(body.find(qn("w:sectPr")))
    document.save(template)
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)

    result = run("build", small_plan_path, "-o", out, "--template", template, "--force")

    assert result.exit_code == 1
    assert one_error_line(result.output) == (
        f"Error: {template} [word/document.xml]: Word 模板的正文末尾没有页面设置（w:sectPr），"
        "无法确定纸张、页边距和页眉页脚；请在 Word 或 WPS 中打开模板、确认页面设置后另存为 .docx "
        "(template has no section properties)"
    )
    assert snapshot(out) == before
