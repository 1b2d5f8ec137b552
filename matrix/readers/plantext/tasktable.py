"""Task tables (任务分工表): measures whose assignment is given in columns, not brackets.

A header row names the columns, in words that vary from county to county:
序号 | 重点任务 (任务 / 具体措施 / 工作内容) | 牵头单位 (责任单位) | 配合单位 (参加单位) | 完成时限.
The same header logic serves a Word table and a table typed as text with
tabs or ``|`` between cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Location
from ...numerals import chinese_numeral
from ...raci import COOPERATE, LEAD, RaciConfig
from .brackets import ROLE_NOUNS
from .headings import SECTION, parse_heading
from .source import SourceLine, TaskRow

__all__ = ["Columns", "header_columns", "row_item", "table_items", "text_cells"]

# Header words (the role columns are found by their verb, see _role):
_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_TEXTUAL = re.compile(r"任务|措施|内容|事项|工作")  # what the task is: 重点任务, 具体措施, 工作内容 …
_SECTION = re.compile(r"类别|所属|分类|领域|板块")  # which action or project a row belongs to
_DEADLINE = re.compile(r"时限|时间|期限|时序")
_BODY = re.compile(r"单位|部门")

# A line typed as a table row: cells between tabs or | (Markdown, or a paste from Word).
_CELL_SEPARATOR = re.compile(r"\t|\|")
# A Markdown rule under the header: |---|:---:|
_RULE = re.compile(r"^[\s|:：\-—]+$")


@dataclass(frozen=True)
class Columns:
    """Which column holds what, by index; ``None`` for a column the table lacks.

    ``task`` names the measure; ``detail`` holds its full text when the
    table has a separate 内容 column; ``section`` the action or project the
    row belongs to (类别, or 重点任务 beside a 具体措施 column).
    """

    task: int
    leads: int
    cooperators: int | None = None
    deadline: int | None = None
    number: int | None = None
    section: int | None = None
    detail: int | None = None
    width: int = 0


def _role(cell: str, config: RaciConfig) -> str | None:
    """LEAD or COOPERATE for a header such as 牵头单位 / 配合部门 / 牵头, by the verb it contains."""
    words = sorted([*ROLE_NOUNS, *(verb for verb, _ in config.verbs)], key=len, reverse=True)
    if not _BODY.search(cell) and cell not in words:
        return None
    for word in words:
        if word in cell:
            return config.kind_of(ROLE_NOUNS.get(word, word))
    return None


def _textual(found: dict[str, int], textual: list[tuple[int, str]]) -> None:
    """Share the columns that describe the task among task, detail and section.

    With one such column it is the task. With several, the most specific
    names the task (具体措施 before 工作任务 before 任务), a 内容 column is the
    detail, and a remaining 任务 column (重点任务 beside 具体措施) is the section.
    """
    if not textual:
        return
    order = [re.compile(p) for p in (r"措施|事项", r"任务名称|工作任务|具体任务", r"任务|工作", r"内容")]
    rank = {index: next(i for i, p in enumerate(order) if p.search(cell)) for index, cell in textual}
    task = min(rank, key=lambda index: (rank[index], index))
    found["task"] = task
    for index, cell in textual:
        if index == task:
            continue
        if "内容" in cell:
            found.setdefault("detail", index)
        else:
            found.setdefault("section", index)


def header_columns(cells: Sequence[str], config: RaciConfig | None = None) -> Columns | None:
    """The columns of a task table, or ``None`` if ``cells`` is not such a header.

    Examples
    --------
    >>> header_columns(["序号", "重点任务", "牵头单位", "参加单位", "完成时限"])
    Columns(task=1, leads=2, cooperators=3, deadline=4, number=0, section=None, detail=None, width=5)
    >>> columns = header_columns(["序号", "重点任务", "具体措施", "牵头单位", "配合单位"])
    >>> columns.section, columns.task
    (1, 2)
    >>> header_columns(["任务", "牵头", "协办单位"]).cooperators
    2
    >>> header_columns(["姓名", "职务"]) is None
    True
    """
    config = config or RaciConfig()
    found: dict[str, int] = {}
    textual: list[tuple[int, str]] = []
    for index, raw in enumerate(cells):
        cell = re.sub(r"\s+", "", raw)
        role = _role(cell, config)
        if role == LEAD:
            found.setdefault("leads", index)
        elif role == COOPERATE:
            found.setdefault("cooperators", index)
        elif _NUMBER.match(cell):
            found.setdefault("number", index)
        elif _SECTION.search(cell):
            found.setdefault("section", index)
        elif _DEADLINE.search(cell):
            found.setdefault("deadline", index)
        elif _TEXTUAL.search(cell):
            textual.append((index, cell))
    _textual(found, textual)
    if "task" not in found or "leads" not in found:
        return None
    return Columns(width=len(cells), **found)


def row_item(cells: Sequence[str], columns: Columns, location: Location) -> TaskRow | SourceLine | None:
    """What a body row of a task table holds.

    A row with task text is a :class:`TaskRow`. A row whose only text spans
    the table (a merged 类别 row such as ``（一）青少年科学素质提升行动``) is a
    heading and comes back as a :class:`SourceLine`, so that the parser places
    the rows below it in that section. An empty row is ``None``.

    Examples
    --------
    >>> columns = Columns(task=1, leads=2, cooperators=3)
    >>> row_item(["1", "实施智慧助老行动", "县科协", "县民政局"], columns, Location("t.txt", 5)).leads
    '县科协'
    >>> row_item(["（一）老年人科学素质提升行动"] * 4, columns, Location("t.txt", 4)).text
    '（一）老年人科学素质提升行动'
    """

    def cell(index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    task = cell(columns.task)
    filled = [text.strip() for text in cells if text.strip()]
    texts = list(dict.fromkeys(filled))
    merged = len(texts) == 1 and len(filled) > 1
    if not task or merged:
        return SourceLine(" ".join(texts), location) if texts else None
    return TaskRow(
        task=task,
        leads=cell(columns.leads),
        cooperators=cell(columns.cooperators),
        location=location,
        number=cell(columns.number),
        deadline=cell(columns.deadline),
        section=cell(columns.section),
        detail=cell(columns.detail),
    )


def table_items(rows: Sequence[tuple[Sequence[str], Location]], columns: Columns) -> list[TaskRow | SourceLine]:
    """The items of a task table's body rows, a section heading wherever the section column changes.

    A section cell already numbered (``（二）农民科学素质提升行动``) is used as
    it is; otherwise the sections are numbered （一）, （二）… in table order,
    which is the order the table gives them. An empty section cell continues
    the section above, as merged or blank cells do.
    """
    items: list[TaskRow | SourceLine] = []
    current = ""
    count = 0
    for cells, location in rows:
        item = row_item(cells, columns, location)
        if isinstance(item, TaskRow) and item.section and item.section != current:
            current, count = item.section, count + 1
            heading = parse_heading(current)
            numbered = heading is not None and heading.level == SECTION
            items.append(SourceLine(current if numbered else f"（{chinese_numeral(count)}）{current}", location))
        if item is not None:
            items.append(item)
    return items


def text_cells(text: str) -> list[str] | None:
    """The cells of a line typed as a table row, or ``None`` for an ordinary line.

    A row needs at least three cells; a Markdown rule (``|---|---|``) gives ``[]``.

    Examples
    --------
    >>> text_cells("| 1 | 实施智慧助老行动 | 县科协 | 县民政局 |")
    ['1', '实施智慧助老行动', '县科协', '县民政局']
    >>> text_cells("县教科局牵头，县科协配合") is None
    True
    """
    if _RULE.match(text) and "|" in text:
        return []
    cells = [cell.strip() for cell in _CELL_SEPARATOR.split(text.strip().strip("|"))]
    return cells if len(cells) >= 3 else None
