"""Plain-text plans (.txt): the file's lines, numbered, fed to the shared plan parser.

This is the I/O edge for text: it reads the file, tolerating the encodings
county offices save in (UTF-8 with or without BOM, GB18030), and turns the
parser's first problem into an :class:`~matrix.errors.InputError` when asked
to be strict. Everything else happens in :mod:`matrix.readers.plantext`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..model import Location, Plan
from ..raci import RaciConfig
from .files import decode_text, read_bytes
from .plantext.parser import parse_plan
from .plantext.source import ImportResult, Problem, SourceLine

__all__ = ["ImportResult", "Problem", "checked", "read_plan_text", "read_text", "read_text_plan"]


def read_plan_text(
    text: str | Iterable[str], path: str = "<text>", *, strict: bool = False, config: RaciConfig | None = None
) -> ImportResult:
    """Read a plan held in memory: a whole text, or its lines.

    Parameters
    ----------
    text
        The plan as one string or as lines (without or with line ends).
    path
        Name used in locations, so problems read ``plan.txt:52: …``.
    strict
        Raise on the first problem instead of returning it.
    config
        The verb-to-role mapping; defaults as in :mod:`matrix.raci`.

    Returns
    -------
    ImportResult
        The plan and every problem, each located by line (1-based).

    Raises
    ------
    InputError
        With ``strict``, for the first problem, carrying its location.

    Examples
    --------
    >>> result = read_plan_text("某县实施方案\\n一、重点任务\\n（一）宣传\\n开展宣传。（县科协牵头）")
    >>> [(m.id, m.title, m.leads) for m in result.plan.measures]
    [('1.1.1', '开展宣传', ('县科协',))]
    """
    lines = text.splitlines() if isinstance(text, str) else [line.rstrip("\r\n") for line in text]
    items = [SourceLine(line, Location(path, line=number)) for number, line in enumerate(lines, start=1)]
    return checked(parse_plan(items, path, config), strict=strict)


def checked(result: ImportResult, *, strict: bool) -> ImportResult:
    """``result`` unchanged, or with ``strict`` an :class:`InputError` for its first problem."""
    if strict and result.problems:
        first = result.problems[0]
        raise InputError(first.message, first.location)
    return result


def read_text(path: str | Path, *, strict: bool = False, config: RaciConfig | None = None) -> ImportResult:
    """Read a plan from a text file.

    Parameters
    ----------
    path
        A .txt file in UTF-8 (with or without BOM) or GB18030.
    strict, config
        As for :func:`read_plan_text`.

    Raises
    ------
    InputError
        When the file cannot be read or decoded, and with ``strict`` for the
        first problem in it.
    """
    return read_plan_text(decode_text(read_bytes(path), path), str(path), strict=strict, config=config)


def read_text_plan(path: str | Path) -> Plan:
    """The plan in a text file, read strictly: what :func:`matrix.readers.read_plan` calls for .txt."""
    return read_text(path, strict=True).plan
