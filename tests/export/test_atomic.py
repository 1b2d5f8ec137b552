"""A written file gets the mode a new file gets under the umask, or keeps the mode of the file it replaces;
only a regular file (or nothing) is ever replaced."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from matrix.errors import OutputError
from matrix.export.atomic import atomic_path, new_file_mode, write_text_atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes and device nodes are POSIX")


@pytest.fixture
def umask() -> Iterator[callable]:
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    assert new_file_mode() == expected
    assert mode(write_text_atomic(tmp_path / "a.csv", "x")) == expected


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask) -> None:
    path = tmp_path / "a.csv"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o664)
    umask(0o077)
    write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert mode(path) == 0o664


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(path: Path) -> None:
    target = path.with_name("target.txt")
    target.write_text("the link's target", encoding="utf-8")
    path.symlink_to(target)


def _dangling_link(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere.txt"))


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("creating a device node needs root")


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (_fifo, "命名管道"),
        (_link, "符号链接"),
        (_dangling_link, "符号链接"),
        (_device, "字符设备"),
        (_folder, "目录"),
    ],
)
def test_only_a_regular_file_is_replaced(tmp_path: Path, make, what: str) -> None:
    path = tmp_path / "out.csv"
    make(path)
    before = os.lstat(path)
    with pytest.raises(OutputError, match=f"out.csv 是{what}，不是普通文件"), atomic_path(path) as temporary:
        temporary.write_text("never", encoding="utf-8")
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"out.csv", *(["target.txt"] if make is _link else [])})
    if make is _link:
        assert (tmp_path / "target.txt").read_text(encoding="utf-8") == "the link's target"
