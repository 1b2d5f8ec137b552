"""One writer per output folder at a time.

Two ``raci build`` runs into one folder (two plan versions, a double click, a
scheduled job and a person) would each write some of the files; both would
end well and the folder would hold a mix of the two. The folder is locked
for the whole of a write instead, and a second writer is refused at once
with exit 4 rather than made to wait without saying why.

On POSIX the lock is ``flock`` on the folder itself, so no lock file is left
behind, and the system drops it when the process ends however it ends
(``kill -9`` included): a crashed run never leaves a stale lock. Elsewhere a
``.raci-lock`` file in the folder is locked with ``msvcrt``, which the system
also releases with the process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

__all__ = ["LOCK_NAME", "locked_folder"]

#: The lock file, where the folder itself cannot be locked (Windows).
LOCK_NAME = ".raci-lock"


def _busy(folder: Path) -> OutputError:
    return OutputError(
        f"输出目录 {folder} 正由另一个 raci 进程写入，请待其结束后再试 (the folder is being written by another run)"
    )


@contextmanager
def locked_folder(folder: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on the existing ``folder`` while the block runs.

    Raises
    ------
    OutputError
        When another process holds the lock, or the folder cannot be opened.
    """
    folder = Path(folder)
    try:
        import fcntl
    except ImportError:  # Windows
        yield from _locked_with_file(folder)
        return
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(f"无法打开输出目录 {folder}：{exc.strerror} (cannot write)") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _busy(folder) from None
        yield folder
    finally:
        os.close(handle)  # closing the last descriptor releases the lock


def _locked_with_file(folder: Path) -> Iterator[Path]:
    import msvcrt

    try:
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise OutputError(f"无法写入目录 {folder}：{exc.strerror} (cannot write)") from None
    try:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise _busy(folder) from None
        try:
            yield folder
        finally:
            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(handle)
