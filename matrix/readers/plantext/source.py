"""What a reader hands to the parser, and what the parser hands back.

A reader's only job is to turn a file into :class:`SourceLine` and
:class:`TaskRow` values that remember where they came from; everything
after that is shared, so a plan reads the same from .txt and from .docx.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Location, Plan

__all__ = ["ImportResult", "Problem", "SourceLine", "TaskRow"]


@dataclass(frozen=True)
class SourceLine:
    """One paragraph of the plan as written, with where it was found."""

    text: str
    location: Location


@dataclass(frozen=True)
class TaskRow:
    """One row of a task table (任务分工表): a measure whose assignment is given in columns.

    ``leads`` and ``cooperators`` hold the cells as written (``县教育局、县科协``);
    ``deadline`` holds the 完成时限 cell, ``section`` the 类别 cell and ``detail``
    a separate 内容 cell; each is empty when the table has no such column.
    """

    task: str
    leads: str
    cooperators: str
    location: Location
    number: str = ""
    deadline: str = ""
    section: str = ""
    detail: str = ""

    @property
    def text(self) -> str:
        """The task as a paragraph would hold it, so rows and lines read alike where only text matters."""
        return self.task


@dataclass(frozen=True)
class Problem:
    """Something in the input the importer could not place; nothing is dropped without one."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """A plan as far as it could be read, and every problem met on the way."""

    plan: Plan
    problems: tuple[Problem, ...] = ()
