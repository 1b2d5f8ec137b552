"""Readers: one module per input format, each returning a :class:`~matrix.model.Plan`.

:func:`read_plan` picks the reader by file extension, as csvkit does, and says
so plainly when it cannot, suggesting ``--format``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..errors import InputError
from ..model import Plan

__all__ = ["FORMATS", "MAX_INPUT_BYTES", "read_plan"]

#: Format name -> (module, function); modules load on first use to keep start-up quick.
FORMATS: dict[str, tuple[str, str]] = {
    "yaml": ("yaml", "read_yaml"),
    "csv": ("csv", "read_csv"),
    "xlsx": ("xlsx", "read_xlsx"),
}
#: Plans are a few hundred kilobytes even for a province; anything far larger is not a plan.
MAX_INPUT_BYTES = 20 * 1024 * 1024

_EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_plan(path: str | Path, fmt: str | None = None) -> Plan:
    """Read a plan from ``path`` with the reader for ``fmt`` or for its extension.

    Raises
    ------
    InputError
        A missing file, a file over :data:`MAX_INPUT_BYTES`, an unknown
        format, or whatever the reader reports.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("文件不存在 (no such file)", str(path))
    if path.is_dir():
        raise InputError("这是一个目录，不是方案文件 (is a directory)", str(path))
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_INPUT_BYTES // 1024 // 1024} MB），"
            "不像是实施方案；请检查是否选错了文件 (input too large)",
            str(path),
        )
    fmt = fmt or _EXTENSIONS.get(path.suffix.lower())
    if fmt not in FORMATS:
        known = "、".join(sorted(_EXTENSIONS))
        raise InputError(
            f"无法从扩展名 '{path.suffix}' 判断格式，支持：{known}；可用 --format 指定 (unknown format)",
            str(path),
        )
    module, function = FORMATS[fmt]
    reader: Callable[[Path], Plan] = getattr(import_module(f".{module}", __name__), function)
    return reader(path)
