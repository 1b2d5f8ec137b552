"""Writing files so that a reader never sees half of one and a failure never costs the old one.

Every exporter writes through :func:`atomic_path`: the content goes to a
temporary file in the destination folder, and only a complete file is renamed
over the destination (``os.replace`` is atomic on one filesystem).

The temporary file comes from :func:`tempfile.mkstemp`, which creates it
readable by its owner alone. Notices and workbooks live on folders an office
shares, so the finished file gets the mode any new file would get under the
user's umask, or, when it replaces a file, that file's mode: a colleague who
could open last week's notice can open this week's.

Only a regular file (or nothing) is ever replaced. A symbolic link, a device
node or a pipe at the destination is somebody's arrangement, not an output:
renaming over it would silently swap the node for a file, so it is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

__all__ = [
    "atomic_path",
    "check_destination",
    "locked_message",
    "mode_for",
    "new_file_mode",
    "replace_keeping_mode",
    "write_text_atomic",
]

#: What each kind of non-regular node is called in a message, in Chinese and English.
_NODE_KINDS = (
    (stat.S_ISLNK, "符号链接", "symbolic link"),
    (stat.S_ISDIR, "目录", "directory"),
    (stat.S_ISFIFO, "命名管道", "FIFO"),
    (stat.S_ISCHR, "字符设备", "character device"),
    (stat.S_ISBLK, "块设备", "block device"),
    (stat.S_ISSOCK, "套接字", "socket"),
)


def _umask() -> int:
    """The process umask, read without changing it where the system lets us (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, and put it back
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permission bits an ordinary new file gets here: 0666 less the umask (0644 under umask 022)."""
    return 0o666 & ~_umask()


def check_destination(destination: str | Path) -> os.stat_result | None:
    """Refuse a destination that exists and is not a regular file; return its status, or ``None`` if missing.

    Raises
    ------
    OutputError
        Naming the path and what it is (symbolic link, directory, FIFO, device).
    """
    destination = Path(destination)
    try:
        status = os.lstat(destination)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"无法写入 {destination}：{exc.strerror} (cannot write)") from None
    for test, chinese, english in _NODE_KINDS:
        if test(status.st_mode):
            raise OutputError(
                f"{destination} 是{chinese}，不是普通文件，不能作为输出；请指定普通文件或尚不存在的路径 "
                f"(output is a {english}, not a regular file)"
            )
    return status


def mode_for(destination: str | Path) -> int:
    """The mode a file written to ``destination`` gets: the mode of the regular file there, or a new file's."""
    status = check_destination(destination)
    return stat.S_IMODE(status.st_mode) if status is not None else new_file_mode()


def replace_keeping_mode(source: Path, destination: Path) -> None:
    """Rename ``source`` over ``destination``, giving it the destination's mode, or a new file's mode.

    Raises ``OSError`` as :func:`os.replace` does; callers say what it means.
    """
    os.chmod(source, mode_for(destination))
    os.replace(source, destination)


@contextmanager
def atomic_path(destination: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; rename it into place on success.

    On an exception inside the block the temporary file is removed and the
    destination is left exactly as it was. The file placed keeps the mode of
    the file it replaces; a new one gets the umask's mode.

    Raises
    ------
    OutputError
        When the destination exists and is not a regular file (a symbolic
        link, a device, a pipe), the folder cannot be written, writing the
        content fails (a full disk), or the destination is locked by another
        program (Excel and WPS lock open workbooks on Windows).
    """
    destination = Path(destination)
    check_destination(destination)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{destination.stem[:40]}.", suffix=destination.suffix, dir=destination.parent
        )
    except OSError as exc:
        raise OutputError(f"无法写入目录 {destination.parent}：{exc.strerror} (cannot write)") from None
    os.close(handle)
    temporary = Path(name)
    try:
        try:
            yield temporary
        except OSError as exc:
            # a full disk or a vanished folder while the content is written: the old file stays as it was
            raise OutputError(f"写入 {destination} 时出错：{exc.strerror or exc} (write failed)") from None
        try:
            replace_keeping_mode(temporary, destination)
        except PermissionError:
            raise OutputError(locked_message(destination)) from None
        except OSError as exc:
            raise OutputError(f"无法写入 {destination}：{exc.strerror} (cannot write)") from None
    finally:
        temporary.unlink(missing_ok=True)


def locked_message(destination: Path) -> str:
    """What to tell a user whose file could not be replaced: usually it is open in Excel or WPS."""
    return (
        f"无法覆盖 {destination}：文件可能正在被其他程序（如 Excel、WPS）打开，请关闭后重试 "
        "(file is locked or read-only)"
    )


def write_text_atomic(destination: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``destination`` atomically (UTF-8 unless told); return the path."""
    with atomic_path(destination) as temporary:
        temporary.write_text(text, encoding=encoding)
    return Path(destination)
