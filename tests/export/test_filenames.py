"""File names from department names: valid on Windows and POSIX, never outside the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import OutputError
from matrix.export.filenames import MAX_NAME_CHARS, path_inside, safe_filename


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("县科协", "县科协"),
        ("../x", "_x"),
        ("a/b", "a_b"),
        ("a\\b", "a_b"),
        ("CON:", "CON_"),
        ("con", "con_"),
        ("LPT1.txt", "LPT1.txt_"),
        ('县"科"协?', "县_科_协_"),
        ("县科协\t\n", "县科协__"),
        ("...", "未命名"),
        ("", "未命名"),
        (" .隐藏. ", "隐藏"),
        ("a..b", "a.b"),
    ],
)
def test_safe_filename_keeps_one_harmless_component(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_long_names_are_cut_to_fit_the_file_system() -> None:
    name = safe_filename("县" * 500)
    assert len(name) == MAX_NAME_CHARS
    assert len(f"任务分解通知-{name}.docx".encode()) <= 255


def test_path_inside_accepts_a_plain_name(tmp_path: Path) -> None:
    assert path_inside(tmp_path, "任务分解通知-县科协.docx") == tmp_path / "任务分解通知-县科协.docx"


@pytest.mark.parametrize("name", ["../x.docx", "a/b.docx", "..", "/etc/passwd"])
def test_path_inside_refuses_a_name_that_leaves_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="leaves the output folder"):
        path_inside(tmp_path, name)
