"""Aligned plain-text tables for a terminal, where a Chinese character takes two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

__all__ = ["display_width", "format_table"]


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for each wide (CJK) character.

    Examples
    --------
    >>> display_width("县科协 R")
    8
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """The header, a rule and one line per row, columns padded to their widest cell.

    ``len()`` counts a Chinese character as one, so padding with it would push
    every column after a Chinese cell out of line.
    """
    cells = [[str(c) for c in headers], *([str(c) for c in row] for row in rows)]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip()

    return [line(cells[0]), line(["-" * w for w in widths]), *map(line, cells[1:])]
