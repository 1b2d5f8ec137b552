"""What a reader hands to the parser, and what the parser hands back.

A reader's only job is to turn a file into :class:`SourceLine` and
:class:`TaskRow` values that remember where they came from; everything
after that is shared, so a plan reads the same from .txt and from .docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Location, Plan
from .conventions import Convention

__all__ = ["UNASSIGNED", "Explanation", "ImportResult", "Problem", "SourceLine", "TaskRow"]

#: The kind of a problem that says a task-chapter measure has nobody assigned: the measure itself was
#: read, and the audit's ``unassigned`` rule reports it as it does for a plan from YAML.
UNASSIGNED = "unassigned"


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
    ``responsible`` says the lead cell is a 责任单位 column in a table without a
    牵头单位 column, so its list is read by the plan's convention;
    ``declaration`` is the header cell that declares that convention
    (``责任单位（列第一位的为牵头单位）``), if any; ``leaders`` the 牵头领导 cell;
    ``overflow`` the cells no header names and ``unread`` those under a header
    no field reads (``备注：…``), both of which the parser reports.
    """

    task: str
    leads: str
    cooperators: str
    location: Location
    number: str = ""
    deadline: str = ""
    section: str = ""
    detail: str = ""
    responsible: bool = False
    declaration: str = ""
    leaders: str = ""
    #: What the row holds past its header or under a blank header cell, which no column reads.
    overflow: str = ""
    #: ``header：value`` of the cells under headers that no field reads; the row itself is read.
    unread: str = ""

    @property
    def text(self) -> str:
        """The task as a paragraph would hold it, so rows and lines read alike where only text matters."""
        return self.task


@dataclass(frozen=True)
class Problem:
    """Something in the input the importer could not place; nothing is dropped without one.

    ``passage`` is the paragraph or row at ``location`` as written, so that a
    person reading a finding far from the plan (the workbook's 审计问题 sheet)
    sees which words were not placed; ``kind`` is :data:`UNASSIGNED` for a
    measure without assignment, empty for a passage that was not read.
    """

    location: Location
    message: str
    passage: str = ""
    kind: str = ""

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    @property
    def described(self) -> str:
        """The message, followed by the passage when the message does not already quote it."""
        passage = self.passage.strip()
        if not passage or passage[:20] in self.message:
            return self.message
        shown = passage if len(passage) <= 60 else f"{passage[:60]}…"
        return f"{self.message}；原文：“{shown}”"


@dataclass(frozen=True)
class Explanation:
    """Why a measure has the leads and cooperators it has: the words that decided, and the rule.

    ``rule`` is a key of :data:`.conventions.RULE_LABELS`, empty for a measure
    without an assignment; ``text`` the bracket, line or table cells as written.
    """

    measure: str
    rule: str
    text: str
    location: Location | None = None
    leaders: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """A plan as far as it could be read, every problem met on the way, and how it was read.

    ``explanations`` say per measure which words and rule gave its assignment;
    ``convention`` is the reading of undifferentiated lists in force and why;
    ``notes`` are located facts a person should know but need not fix (a
    paragraph read as two measures).
    """

    plan: Plan
    problems: tuple[Problem, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    convention: Convention = field(default_factory=Convention)
    notes: tuple[Problem, ...] = ()
