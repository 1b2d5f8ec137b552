"""Writing files so that a reader never sees half of one and a failure never costs the old one.

Every exporter writes through :func:`atomic_path`: the content goes to a
temporary file in the destination folder, and only a complete file is renamed
over the destination (``os.replace`` is atomic on one filesystem).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

__all__ = ["atomic_path", "write_text_atomic"]


@contextmanager
def atomic_path(destination: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; rename it into place on success.

    On an exception inside the block the temporary file is removed and the
    destination is left exactly as it was.

    Raises
    ------
    OutputError
        When the folder cannot be written, writing the content fails (a full
        disk), or the destination is locked by another program (Excel and WPS
        lock open workbooks on Windows).
    """
    destination = Path(destination)
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
            os.replace(temporary, destination)
        except PermissionError:
            raise OutputError(
                f"无法覆盖 {destination}：文件可能正在被其他程序（如 Excel、WPS）打开，请关闭后重试 "
                "(file is locked or read-only)"
            ) from None
        except OSError as exc:
            raise OutputError(f"无法写入 {destination}：{exc.strerror} (cannot write)") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(destination: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``destination`` atomically (UTF-8 unless told); return the path."""
    with atomic_path(destination) as temporary:
        temporary.write_text(text, encoding=encoding)
    return Path(destination)
