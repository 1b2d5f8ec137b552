"""Text tables for a terminal or a log, drawn with rich: a Chinese character takes two columns, long cells fold.

Every table the CLI prints (audit findings, workload, diff, merge) goes
through here, so they share one look and one way of fitting a terminal: the
prose columns give way when the terminal is narrow, the ``unbroken`` columns
(codes, locations) keep each line whole, because a location cut in two is no
longer one an editor can jump to.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["render", "table"]


def table(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[object]], *, unbroken: Sequence[str] = ()
) -> Table:
    """A table titled ``title``; cells fold where they must, except in the ``unbroken`` columns."""
    drawn = Table(title=title or None, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left")
    for column in columns:
        drawn.add_column(column, overflow="fold", no_wrap=column in unbroken)
    for row in rows:
        drawn.add_row(*(Text(str(value)) for value in row))
    return drawn


def render(parts: Iterable[RenderableType | str], width: int) -> str:
    """Tables and lines of text as plain text ``width`` columns wide, without colours or trailing blanks.

    Examples
    --------
    >>> print(render(["合计", table("", ("单位", "牵头"), [("县科协", 3)])], width=40), end="")
    合计
    <BLANKLINE>
      单位     牵头
     ───────────────
      县科协   3
    <BLANKLINE>
    """
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False)
    for part in parts:
        console.print(Text(part) if isinstance(part, str) else part)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
