"""Task tables (任务分工表): measures whose assignment is given in columns, not brackets.

A header row names the columns, in words that vary from county to county:
序号 | 重点任务 (工作任务 / 具体措施 / 工作内容) | 牵头单位 (主办单位 / 责任单位) |
配合单位 (协办单位 / 参与单位) | 牵头领导 (责任领导) | 完成时限 (时间节点 / 进度安排).
The header may span two rows (责任单位 over 牵头单位 | 配合单位) and may declare the
list convention itself (``责任单位（列第一位的为牵头单位）``). A 责任单位 column beside a
牵头单位 column holds the other responsible bodies, who cooperate; a 责任单位
column alone is read by the plan's convention. The same header logic serves a
Word table, a worksheet and a table typed as text with tabs or ``|`` between cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model import Location
from ...numerals import chinese_numeral
from ...raci import COOPERATE, LEAD, RaciConfig
from .brackets import ROLE_NOUNS
from .conventions import find_declaration
from .headings import SECTION, parse_heading
from .source import SourceLine, TaskRow

__all__ = ["Columns", "find_header", "header_columns", "row_item", "sheet_items", "table_items", "text_cells"]

# Header words (the role columns are found by their verb, see _role):
_NUMBER = re.compile(r"^(?:序号|编号|序)$")
_TEXTUAL = re.compile(r"任务|措施|内容|事项|工作")  # what the task is: 重点任务, 具体措施, 工作内容 …
_SECTION = re.compile(r"类别|所属|分类|领域|板块")  # which action or project a row belongs to
_DEADLINE = re.compile(r"时限|时间|期限|时序|节点|进度")
_BODY = re.compile(r"单位|部门")
_LEADER = re.compile(r"领导")  # 牵头领导 / 责任领导 / 分管领导: officials, not bodies
# Verbs of a lead column that only say "responsible": the convention decides who leads.
_RESPONSIBLE = ("责任", "负责")

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
    #: A 责任单位 column: the lead column when the table has no 牵头单位 column, else more cooperators.
    responsible: int | None = None
    leaders: int | None = None
    #: The header cell that declares the list convention, if one does.
    declaration: str = ""
    #: Columns whose header cell is blank: a value under one belongs to no column.
    blank: tuple[int, ...] = ()
    #: Columns under a header no field reads (备注, a second 牵头单位, 完成情况), with that header:
    #: a value under one is read nowhere, so the parser says so.
    unread: tuple[tuple[int, str], ...] = ()


def _role(cell: str, config: RaciConfig) -> str | None:
    """LEAD, COOPERATE or ``"responsible"`` for a header such as 牵头单位 / 配合部门 / 责任单位, by its first verb."""
    words = [*ROLE_NOUNS, *(verb for verb, _ in config.verbs)]
    if not _BODY.search(cell) and cell not in words:
        return None
    found = [(cell.find(word), word) for word in words if word in cell]
    if not found:
        return None
    word = min(found)[1]
    if word in _RESPONSIBLE:
        return "responsible"
    return config.kind_of(ROLE_NOUNS.get(word, word))


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
    >>> columns = header_columns(["序号", "重点任务", "牵头单位", "参加单位", "完成时限"])
    >>> columns.number, columns.task, columns.leads, columns.cooperators, columns.deadline
    (0, 1, 2, 3, 4)
    >>> columns = header_columns(["序号", "重点任务", "具体措施", "牵头单位", "配合单位"])
    >>> columns.section, columns.task
    (1, 2)
    >>> header_columns(["任务", "牵头", "协办单位"]).cooperators
    2
    >>> header_columns(["姓名", "职务"]) is None
    True
    >>> columns = header_columns(["序号", "工作任务", "责任单位（列第一位的为牵头单位）", "时间节点"])
    >>> columns.leads, columns.responsible, columns.deadline, columns.declaration
    (2, 2, 3, '责任单位（列第一位的为牵头单位）')
    """
    config = config or RaciConfig()
    found: dict[str, int] = {}
    textual: list[tuple[int, str]] = []
    declaration = ""
    for index, raw in enumerate(cells):
        cell = re.sub(r"\s+", "", raw)
        if not declaration and find_declaration([(cell, Location(""))]):
            declaration = cell
        if _LEADER.search(cell) and not _BODY.search(cell):
            found.setdefault("leaders", index)
            continue
        role = _role(cell, config)
        if role == LEAD:
            found.setdefault("leads", index)
        elif role == "responsible":
            found.setdefault("responsible", index)
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
    if "leads" not in found and "responsible" in found:
        found["leads"] = found["responsible"]
    if "task" not in found or "leads" not in found:
        return None
    blank = tuple(index for index, cell in enumerate(cells) if not cell.strip())
    used = set(found.values())
    unread = tuple(
        (index, re.sub(r"\s+", "", cell)) for index, cell in enumerate(cells) if cell.strip() and index not in used
    )
    return Columns(width=len(cells), declaration=declaration, blank=blank, unread=unread, **found)


def _sub_header(cells: Sequence[str], above: Sequence[str], config: RaciConfig) -> bool:
    """True for the second row of a two-row header: only header words (牵头单位 | 配合单位), no task text.

    A cell repeating the one above it is the same header cell merged over both rows.
    """
    filled = [
        re.sub(r"\s+", "", cell)
        for cell, top in zip(cells, [*above, *[""] * len(cells)], strict=False)
        if cell.strip() and cell != top
    ]
    return bool(filled) and all(
        _role(cell, config) or _LEADER.search(cell) or _DEADLINE.search(cell) or _NUMBER.match(cell) for cell in filled
    )


def find_header(
    rows: Sequence[Sequence[str]], config: RaciConfig | None = None, search: int = 3
) -> tuple[int, Columns] | None:
    """Where a task table's header ends and what its columns are; ``None`` if no header is found.

    The header is looked for among the first ``search`` rows (a caption may
    stand above it). A second header row (``牵头单位 | 配合单位`` under a merged
    ``责任单位``) is merged into the first: its words name the columns they stand in.

    Returns
    -------
    tuple of (int, Columns)
        The index of the first body row, and the columns.

    Examples
    --------
    >>> rows = [["序号", "重点任务", "责任单位", "责任单位", "完成时限"], ["", "", "牵头单位", "配合单位", ""],
    ...         ["1", "开展宣传", "县科协", "县教育局", "每年"]]
    >>> start, columns = find_header(rows)
    >>> start, columns.leads, columns.cooperators, columns.deadline
    (2, 2, 3, 4)
    """
    config = config or RaciConfig()
    for index, cells in enumerate(rows[:search]):
        following = rows[index + 1] if index + 1 < len(rows) else None
        if following is not None and _sub_header(following, cells, config):
            merged = [below if below.strip() else above for above, below in zip(cells, following, strict=False)]
            columns = header_columns(merged, config)
            if columns is not None:
                return index + 2, columns
        columns = header_columns(cells, config)
        if columns is not None:
            return index + 1, columns
    return None


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
    alone = columns.responsible == columns.leads  # a 责任单位 column and no 牵头单位 column
    # cells past the header or under a blank header cell belong to no column: an extra | or tab shifted them
    overflow = [
        text.strip()
        for index, text in enumerate(cells)
        if text.strip() and (index >= columns.width or index in columns.blank)
    ]
    others = [cell(columns.responsible)] if columns.responsible is not None and not alone else []
    return TaskRow(
        task=task,
        leads=cell(columns.leads),
        cooperators="、".join(text for text in [*others, cell(columns.cooperators)] if text),
        location=location,
        number=cell(columns.number),
        deadline=cell(columns.deadline),
        section=cell(columns.section),
        detail=cell(columns.detail),
        responsible=alone,
        declaration=columns.declaration,
        leaders=cell(columns.leaders),
        overflow="、".join(overflow),
        unread="；".join(f"{header}：{cell(index)}" for index, header in columns.unread if cell(index)),
    )


def _header_again(
    rows: Sequence[tuple[Sequence[str], Location]], index: int, columns: Columns, config: RaciConfig
) -> int:
    """How many rows from ``index`` on repeat the table's header (one, two for a two-row header, or none)."""
    cells = rows[index][0]
    if header_columns(cells, config) == columns:
        return 1
    following = rows[index + 1][0] if index + 1 < len(rows) else None
    if following is not None and _sub_header(following, cells, config):
        merged = [below if below.strip() else above for above, below in zip(cells, following, strict=False)]
        if header_columns(merged, config) == columns:
            return 2
    return 0


def table_items(
    rows: Sequence[tuple[Sequence[str], Location]], columns: Columns, config: RaciConfig | None = None
) -> list[TaskRow | SourceLine]:
    """The items of a task table's body rows, a section heading wherever the section column changes.

    A section cell already numbered (``（二）农民科学素质提升行动``) is used as
    it is; otherwise the sections are numbered （一）, （二）… in table order,
    which is the order the table gives them. An empty section cell continues
    the section above, as merged or blank cells do. The header again, one row
    or two (a table pasted together from pages that each had one), is skipped;
    read as a task, it was a measure 重点任务 led by 牵头单位.
    """
    config = config or RaciConfig()
    items: list[TaskRow | SourceLine] = []
    current = ""
    count = 0
    skip = 0
    for index, (cells, location) in enumerate(rows):
        skip = skip - 1 if skip else _header_again(rows, index, columns, config)
        if skip:
            continue
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


def sheet_items(
    rows: Sequence[Sequence[str]],
    locate: Callable[[int, int], Location],
    config: RaciConfig | None = None,
    search: int = 10,
) -> list[TaskRow | SourceLine] | None:
    """A worksheet holding a task table as the parser's items; ``None`` when no header is found.

    The rows above the header (a merged title such as ``某县2024年重点工作任务分工表``)
    come first as the title line; each body row is located at its task cell.

    Examples
    --------
    >>> rows = [["某县重点工作任务分工表", "", ""], ["工作任务", "主办单位", "协办单位"],
    ...         ["开展宣传", "县科协", "县妇联"]]
    >>> items = sheet_items(rows, lambda row, column: Location("t.xlsx", sheet="Sheet1", cell=f"{row}:{column}"))
    >>> [item.text for item in items], items[1].cooperators, str(items[1].location)
    (['某县重点工作任务分工表', '开展宣传'], '县妇联', 't.xlsx [Sheet1!2:0]')
    """
    header = find_header(rows, config, search)
    if header is None:
        return None
    start, columns = header
    above = [cell.strip() for cells in rows[: max(0, start - 1)] for cell in cells if cell.strip()]
    caption = [SourceLine(text, locate(0, 0)) for text in dict.fromkeys(above)]
    body = [(cells, locate(index, columns.task)) for index, cells in enumerate(rows[start:], start=start)]
    return [*caption, *table_items(body, columns, config)]
