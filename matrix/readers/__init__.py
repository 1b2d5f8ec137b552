"""Readers: one module per input format, each returning a :class:`~matrix.model.Plan`.

:func:`read_plan` picks the reader by file extension, as csvkit does, and says
so plainly when it cannot, suggesting ``--input-format``. A plan's own text (.txt,
.docx) is read strictly there: the first passage that cannot be placed is an
:class:`~matrix.errors.InputError`. :func:`import_plan` reads the same files
leniently and returns every problem, for ``raci import`` to list;
:func:`read_plan_leniently` does so for any format, for ``raci build``, which
makes each problem an audit finding.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import cast

from ..errors import InputError
from ..model import Location, Plan
from ..raci import RaciConfig
from .checks import NO_MEASURES, check_plan
from .plantext.source import UNASSIGNED, ImportResult, Problem

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "MAX_INPUT_BYTES",
    "NOTHING_ASSIGNED",
    "import_plan",
    "read_plan",
    "read_plan_leniently",
]

#: Format name -> (module, function); modules load on first use to keep start-up quick.
FORMATS: dict[str, tuple[str, str]] = {
    "yaml": ("yaml", "read_yaml"),
    "csv": ("csv", "read_csv"),
    "xlsx": ("xlsx", "read_xlsx"),
    "text": ("text", "read_text_plan"),
    "docx": ("docx", "read_docx_plan"),
}
#: Formats holding a plan's prose, which :func:`import_plan` reads with problems listed.
IMPORT_FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text"),
    "docx": ("docx", "read_docx"),
}
#: The refusal of a text in which measures were found but no body assigned to any of them.
NOTHING_ASSIGNED = "方案中没有任何分工：未找到任何牵头或配合单位，无可导入 (nothing assigned in the plan)"

#: Plans are a few hundred kilobytes even for a province; anything far larger is not a plan.
MAX_INPUT_BYTES = 20 * 1024 * 1024

_EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".txt": "text",
    ".docx": "docx",
}


def _reader(path: Path, fmt: str | None, formats: dict[str, tuple[str, str]]) -> Callable[[Path], object]:
    """The reader function for ``path`` after checking that the file is there and plausible."""
    if not path.exists():
        raise InputError("文件不存在 (no such file)", str(path))
    if path.is_dir():
        raise InputError("这是一个目录，不是方案文件 (is a directory)", str(path))
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 的上限），"
            "不像是实施方案；请检查是否选错了文件 (input too large)",
            str(path),
        )
    fmt = fmt or _EXTENSIONS.get(path.suffix.lower())
    if fmt not in formats:
        known = "、".join(sorted(ext for ext, name in _EXTENSIONS.items() if name in formats))
        raise InputError(
            f"无法从扩展名 '{path.suffix}' 判断格式，支持：{known}；可用 --input-format 指定 (unknown format)",
            str(path),
        )
    module, function = formats[fmt]
    return getattr(import_module(f".{module}", __name__), function)


def read_plan(path: str | Path, fmt: str | None = None) -> Plan:
    """Read a plan from ``path`` with the reader for ``fmt`` or for its extension.

    Raises
    ------
    InputError
        A missing file, a file over :data:`MAX_INPUT_BYTES`, an unknown
        format, whatever the reader reports, or a plan that
        :func:`~matrix.readers.checks.check_plan` refuses (no measures, a
        control character in its text).
    """
    path = Path(path)
    reader = cast(Callable[[Path], Plan], _reader(path, fmt, FORMATS))
    return check_plan(reader(path))


def import_plan(
    path: str | Path, fmt: str | None = None, *, strict: bool = False, config: RaciConfig | None = None
) -> ImportResult:
    """Read a plan's own text (.txt or .docx) with every passage that could not be placed.

    Parameters
    ----------
    path
        The plan file.
    fmt
        One of :data:`IMPORT_FORMATS`; by default taken from the extension.
    strict
        Raise on the first problem instead of listing it.
    config
        The RACI mapping and, in ``listed_leads``, the office's reading of
        undifferentiated lists; the plan's own declaration or the default when empty.

    Raises
    ------
    InputError
        As :func:`read_plan` for the file itself; with ``strict``, for the
        first problem in it. A text with nothing to import is always refused:
        no measure, or no assignment written anywhere (an assignment that was
        written but could not be read is listed as a problem instead).
    """
    path = Path(path)
    reader = cast(Callable[..., ImportResult], _reader(path, fmt, IMPORT_FORMATS))
    result = reader(path, strict=strict, config=config)
    if not result.plan.measures:
        raise InputError(NO_MEASURES, Location(str(path)))
    if not any(m.assignments for m in result.plan.measures) and not any(e.text for e in result.explanations):
        raise InputError(NOTHING_ASSIGNED, Location(str(path)))
    return result


def read_plan_leniently(path: str | Path, fmt: str | None = None) -> tuple[Plan, tuple[Problem, ...]]:
    """A plan, and every passage of its text (.txt, .docx) that could not be placed.

    A plan's own text is read as :func:`import_plan` reads it; a measure
    without assignment is not among the problems returned, since it is in the
    plan and the audit reports it (``unassigned``) as it does for any format.
    Every other format is read as :func:`read_plan` reads it, with no problems:
    those readers refuse what they cannot read.

    Raises
    ------
    InputError
        As :func:`read_plan`, and for a text with nothing to import.
    """
    path = Path(path)
    if (fmt or _EXTENSIONS.get(path.suffix.lower())) not in IMPORT_FORMATS:
        return read_plan(path, fmt), ()
    result = import_plan(path, fmt)
    return check_plan(result.plan), tuple(p for p in result.problems if p.kind != UNASSIGNED)
