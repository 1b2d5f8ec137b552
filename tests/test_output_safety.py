"""Outputs are written whole, only inside the output folder, and never over someone's work.

A locked workbook (open in Excel or WPS on Windows), a folder that cannot be
written, a file a person put where an output goes, and department or plan
names that look like paths must each end in exit 4 or in files inside ``-o``,
never in a traceback or a file elsewhere.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from bench.synthetic import write_synthetic_yaml
from matrix.cli import EXIT_OUTPUT
from matrix.export import atomic
from matrix.export.output_set import PREVIOUS_NAME, STAGING_NAME, OutputSet
from matrix.readers import read_plan

from .conftest import INPUT, ROOT, SMALL_PLAN, seed_path, wait_until
from .test_bad_inputs import snapshot

#: Department names that would leave the folder, or that Windows cannot use as file names.
#: Names that would leave the output folder or clash with a device as file names; each carries a
#: Chinese character, since a reader refuses a name without one before it can name a file.
HOSTILE_NAMES = ("../../县evil", "县a/b", "../县", "县\\..\\..\\x", "县科协\\..\\x", "县:局", "/县/../../局")


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
    workbook = out / "small" / "责任分工矩阵.xlsx"
    replace = os.replace

    def locked(source: object, destination: object) -> None:
        if workbook in (Path(source), Path(destination)):  # Excel on Windows holds the workbook open
            raise PermissionError(13, "Permission denied", str(destination))
        replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", locked)
    result = run("build", small_plan_path, "-o", out, "--date", "2026-01-05")

    assert result.exit_code == EXIT_OUTPUT
    assert "Traceback" not in result.output  # the error comes when the files are moved in, after the progress bar
    assert result.output.splitlines()[-1] == (
        f"Error: 无法覆盖 {workbook}：文件可能正在被其他程序（如 Excel、WPS）打开，请关闭后重试 "
        "(file is locked or read-only)"
    )
    assert snapshot(out) == before  # the summary moved in before the workbook was put back; no temporary left


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


def visible(folder: Path) -> dict[str, tuple[str, int]]:
    """:func:`snapshot` of the outputs and their manifest: a run's staging folder left out."""
    return {
        name: value
        for name, value in snapshot(folder).items()
        if not {STAGING_NAME, PREVIOUS_NAME} & set(name.split("/"))
    }


def test_a_rebuild_removes_the_notice_of_a_department_that_left_the_plan_and_says_so(
    run, tmp_path: Path, small_plan_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    notices = out / "small" / "任务分解通知"
    assert (notices / "任务分解通知-县委宣传部.docx").exists()
    small_plan_path.write_text(SMALL_PLAN.replace("县委宣传部、县卫健局", "县卫健局"), encoding="utf-8")

    result = run("build", small_plan_path, "-o", out)

    assert result.exit_code == 0, result.output
    removed = notices / "任务分解通知-县委宣传部.docx"
    assert f"已删除上次生成、本次不再生成的文件：{removed}" in result.output.splitlines()
    assert "已写入 3 份任务分解通知" in result.output
    assert sorted(p.name for p in notices.iterdir()) == [
        "任务分解通知-县卫健局.docx",
        "任务分解通知-县民政局.docx",
        "任务分解通知-县科协.docx",
    ]


def test_office_lock_files_and_a_persons_own_files_do_not_block_a_build(
    run, tmp_path: Path, small_plan_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    folder = out / "small"
    (folder / "~$责任分工矩阵.xlsx").write_bytes(b"Excel's lock file")
    (folder / "任务分解通知" / "~$务分解通知-县科协.docx").write_bytes(b"Word's lock file")
    (folder / "会议纪要.docx").write_bytes(b"the office's own minutes")

    result = run("build", small_plan_path, "-o", out, "--date", "2026-01-05")

    assert result.exit_code == 0, result.output
    assert (folder / "~$责任分工矩阵.xlsx").read_bytes() == b"Excel's lock file"
    assert (folder / "任务分解通知" / "~$务分解通知-县科协.docx").read_bytes() == b"Word's lock file"
    assert (folder / "会议纪要.docx").read_bytes() == b"the office's own minutes"
    assert "已删除" not in result.output


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_inside_the_output_folder_is_refused_before_anything_is_written(
    run, tmp_path: Path, small_plan_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = tmp_path / "out" / "small"
    folder.mkdir(parents=True)
    (folder / "任务分解通知").symlink_to(elsewhere, target_is_directory=True)

    result = run("build", small_plan_path, "-o", tmp_path / "out")

    assert result.exit_code == EXIT_OUTPUT
    assert one_error_line(result.output) == (
        f"Error: {folder / '任务分解通知'} 是符号链接，输出会写到 {folder} 之外；请改为普通目录或换一个输出目录 "
        "(symbolic link inside the output folder)"
    )
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in folder.iterdir()) == ["任务分解通知"]


def test_a_second_build_into_a_folder_being_written_is_refused(run, tmp_path: Path, small_plan_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", small_plan_path, "-o", out).exit_code == 0
    before = snapshot(out)
    with OutputSet(out / "small", "build"):  # another build holds the folder
        result = run("build", small_plan_path, "-o", out, "--date", "2026-01-05")
    assert result.exit_code == EXIT_OUTPUT
    assert one_error_line(result.output) == (
        f"Error: 输出目录 {out / 'small'} 正由另一个 raci 进程写入，请待其结束后再试 "
        "(the folder is being written by another run)"
    )
    assert snapshot(out) == before


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="kill -9 of a build with forked workers")
def test_a_build_killed_part_way_leaves_the_previous_one_and_the_next_build_needs_no_force(run, tmp_path: Path) -> None:
    plan = write_synthetic_yaml(tmp_path / "big.yaml", measures=200, departments=60)
    out = tmp_path / "out"
    assert run("build", plan, "-o", out, "--date", "2026-01-05").exit_code == 0
    before = visible(out)
    staged = out / "big" / STAGING_NAME / "任务分解通知"
    build = subprocess.Popen(
        [sys.executable, "-m", "matrix", "build", str(plan), "-o", str(out), "--date", "2026-02-01", "-j", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(lambda: staged.is_dir() and len(list(staged.glob("*.docx"))) >= 3), "no notice was staged"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()

    assert visible(out) == before  # what a person sees: the previous build, whole

    result = run("build", plan, "-o", out, "--date", "2026-02-01")
    assert result.exit_code == 0, result.output
    assert not (out / "big" / STAGING_NAME).exists()
    assert visible(out).keys() == before.keys()


def _county_folder(tmp_path: Path, *registries: str) -> Path:
    """A folder with the Wutai plan's text and the given registries of input/, as a newcomer has it."""
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(seed_path("wutai-2021-2025.txt"), tmp_path / "seed.txt")
    for name in registries:
        shutil.copy(INPUT / name, folder / name)
    return folder


def test_an_imported_plan_is_built_with_its_countys_registry(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _county_folder(tmp_path, "departments-wutai.yaml", "departments-xinhuang.yaml")
    monkeypatch.chdir(tmp_path)
    assert run("import", "seed.txt", "-o", "input/plan.yaml").exit_code == 0

    result = run("build", "input/plan.yaml", "-o", "out")

    assert result.exit_code == 0, result.output
    assert "单位登记表：input/departments-wutai.yaml（按内容选定：方案写到的 22 个单位名称中有 22 个在此表中）" in (
        result.stderr.splitlines()
    )
    notices = sorted(p.name for p in (tmp_path / "out" / "plan" / "任务分解通知").iterdir())
    assert len(notices) == 21
    assert "任务分解通知-县卫健局.docx" in notices and "任务分解通知-县卫健委.docx" not in notices


def test_a_folder_registry_serves_every_plan_in_the_folder(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _county_folder(tmp_path)
    shutil.copy(INPUT / "departments-wutai.yaml", folder / "departments.yaml")
    monkeypatch.chdir(tmp_path)
    assert run("import", "seed.txt", "-o", "input/plan.yaml").exit_code == 0
    result = run("build", "input/plan.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "单位登记表：input/departments.yaml（方案所在目录的默认登记表）" in result.stderr.splitlines()
    assert len(list((tmp_path / "out" / "plan" / "任务分解通知").iterdir())) == 21


def test_without_a_registry_look_alike_names_are_named_before_the_notices_go_out(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _county_folder(tmp_path, "departments-xinhuang.yaml")  # another county's registry: not taken
    monkeypatch.chdir(tmp_path)
    assert run("import", "seed.txt", "-o", "input/plan.yaml").exit_code == 0

    result = run("build", "input/plan.yaml", "-o", "out")

    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("注意")]
    assert warning == (
        "注意：未找到单位登记表，以下名称疑为同一单位，将各发一份通知：“县卫健局”与“县卫健委”（简称或后缀不同，所指相同）。"
        "如为同一单位，请用 --registry 指定登记表，或在方案旁放 departments.yaml "
        "(no registry: look-alike names each get a notice)"
    )
    assert result.stderr.index(warning) < result.stderr.index("正在生成任务分解通知")
    assert len(list((tmp_path / "out" / "plan" / "任务分解通知").iterdir())) == 22
