"""Word plans (.docx): paragraphs and task tables, fed to the same parser as text.

A paragraph becomes a line, numbered by its position among the body's
paragraphs, with the number Word draws for list paragraphs put back in front
(:mod:`matrix.readers.wordlists`). A table whose header names a task column
and a 牵头单位 column (a 任务分工表) becomes task rows, located by table and
row; a row whose one text spans the table is a heading. Any other table is
reported and skipped, since nothing in it can be placed.

Text is read wherever Word shows it (:mod:`matrix.readers.wordtext`): inside
content controls, smart tags, fields and custom XML, and in tables nested in a
cell. A document with tracked insertions or moves is refused until they are
accepted or rejected; text in a text box is reported, since it belongs to no line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from docx.document import Document
from docx.exceptions import PythonDocxError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import InputError, one_line
from ..model import Location, Plan
from ..raci import RaciConfig
from .archive import check_expansion, count_elements, main_part, read_part
from .container import check_zip_container
from .plantext.parser import Item, parse_plan
from .plantext.source import ImportResult, Problem, SourceLine
from .plantext.tasktable import find_header, table_items
from .text import checked
from .wordlists import UnreadableNumbering, list_labels
from .wordlook import WordStyles, marked_text
from .wordtext import cell_text, text_box_text, tracked_change, unwrap

__all__ = ["MAX_PARAGRAPHS", "docx_items", "read_docx", "read_docx_plan"]

#: How many rows may stand above a task table's header (a merged caption such as 重点任务分工表).
_CAPTION_ROWS = 2


def _table_items(table: Table, number: int, path: str, config: RaciConfig) -> tuple[list[Item], list[Problem]]:
    rows = [[cell_text(cell._tc).strip() for cell in row.cells] for row in table.rows]
    header = find_header(rows, config, search=_CAPTION_ROWS + 1)
    if header is not None:
        start, columns = header
        body = [
            (cells, Location(path, sheet=f"表{number}", cell=f"第{row_number}行"))
            for row_number, cells in enumerate(rows[start:], start=start + 1)
        ]
        return list(table_items(body, columns, config)), []
    where = Location(path, sheet=f"表{number}")
    return [], [Problem(where, "表格没有“任务”和“牵头单位”列，不是任务分工表，已跳过 (table skipped)")]


#: What python-docx raises on XML it cannot read: a number that is not one, a merged cell with nothing above it.
_MALFORMED = (ValueError, KeyError, IndexError, PythonDocxError)


def _malformed(error: Exception, where: Location | str) -> InputError:
    detail = one_line(error)
    advice = "请在 Word 或 WPS 中打开、另存为 .docx 后再试"
    return InputError(f"Word 文档内容已损坏（{detail}），{advice} (malformed .docx content)", where)


def docx_items(document: Document, path: str, config: RaciConfig | None = None) -> tuple[list[Item], list[Problem]]:
    """The paragraphs and task-table rows of a document, in order, and the tables skipped.

    Parameters
    ----------
    document
        An opened python-docx document.
    path
        The file name used in locations: ``plan.docx:12`` is the twelfth body
        paragraph, ``plan.docx [表1!第3行]`` the third row of the first table.
    config
        The verb mapping, used to recognise 牵头单位 / 配合单位 headers.

    Raises
    ------
    InputError
        When a paragraph's list numbering or a table cannot be read (a damaged
        file), or the document holds tracked insertions or moves, hidden,
        struck-through or white text (directly or through a style), located at
        that paragraph or table.
    """
    config = config or RaciConfig()
    body = document.element.body
    unwrap(body)
    content = [
        Paragraph(block, document) if block.tag == qn("w:p") else Table(block, document)
        for block in body.iterchildren(qn("w:p"), qn("w:tbl"))
    ]
    _refuse_tracked_changes(content, path, WordStyles(document.styles.element))
    paragraphs = [block for block in content if isinstance(block, Paragraph)]
    try:
        labels = iter(list_labels(document, paragraphs))
    except UnreadableNumbering as error:
        raise _malformed(error, Location(path, line=error.index + 1)) from None
    except _MALFORMED as error:
        raise _malformed(error, path) from None
    items: list[Item] = []
    problems: list[Problem] = []
    paragraph_number = table_number = 0
    for block in content:
        if isinstance(block, Paragraph):
            paragraph_number += 1
            label, text = next(labels), block.text
            if label and not text.lstrip().startswith(label):
                text = label + text
            # a line break inside a paragraph (Shift+Enter) separates lines as a new paragraph would
            location = Location(path, line=paragraph_number)
            boxed = text_box_text(block._p)
            if boxed.strip():
                problems.append(Problem(location, f"文本框中的文字未读取：'{boxed.strip()[:40]}' (text box not read)"))
            items.extend(SourceLine(part, location) for part in text.split("\n"))
        else:
            table_number += 1
            try:
                table_items, table_problems = _table_items(block, table_number, path, config)
            except _MALFORMED as error:
                raise _malformed(error, Location(path, sheet=f"表{table_number}")) from None
            items.extend(table_items)
            problems.extend(table_problems)
    return items, problems


def _refuse_tracked_changes(content: list[Paragraph | Table], path: str, styles: WordStyles) -> None:
    """Refuse a document with tracked insertions or moves, or hidden, struck-through or white text, where it first is.

    Deletions need no decision: their text is not read, as Word prints it.
    """
    paragraph_number = table_number = 0
    for block in content:
        element = block._p if isinstance(block, Paragraph) else block._tbl
        if isinstance(block, Paragraph):
            paragraph_number += 1
            where = Location(path, line=paragraph_number)
        else:
            table_number += 1
            where = Location(path, sheet=f"表{table_number}")
        if tracked_change(element) is not None:
            raise InputError(
                "文档中有修订（插入或移动的文字）：请在 Word 或 WPS 中接受或拒绝所有修订后再导入 "
                "(accept or reject the tracked changes first)",
                where,
            )
        if marked := marked_text(element, styles):
            what, text = marked
            raise InputError(
                f"此处有{what}：“{text.strip()[:40]}”，是否算数无法判断；请在 Word 或 WPS 中删去这些文字，"
                "或取消隐藏、去掉删除线、改为黑色后再导入 (hidden, struck-through or white text)",
                where,
            )


#: Paragraphs in one document, those in table cells included: a county's plan has a few hundred, a
#: province's a few thousand; python-docx spends some 100 µs on each.
MAX_PARAGRAPHS = 200_000
_WORDPROCESSING = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _refuse_oversized(path: Path) -> None:
    """Refuse a document whose parts, or paragraphs, are past what can be read in seconds, before loading it."""
    check_expansion(path)
    main = main_part(path)
    data = read_part(path, main) if main else None
    count = count_elements(data, _WORDPROCESSING, "p") if data else 0
    if count > MAX_PARAGRAPHS:
        raise InputError(
            f"文档中有 {count:,} 个段落，超过可读取的 {MAX_PARAGRAPHS:,} 个，不像是实施方案 (too many paragraphs)",
            Location(str(path)),
        )


def read_docx(path: str | Path, *, strict: bool = False, config: RaciConfig | None = None) -> ImportResult:
    """Read a plan from a Word file.

    Parameters
    ----------
    path
        A .docx file (Word 2007 or later; a .doc must be saved as .docx first).
    strict, config
        As for :func:`matrix.readers.text.read_plan_text`.

    Returns
    -------
    ImportResult
        The plan and every problem: tables that are not task tables first,
        then what the parser could not place.

    Raises
    ------
    InputError
        When the file is not a Word document, and with ``strict`` for the first problem.
    """
    path = Path(path)
    check_zip_container(path, kind="文档", legacy=".doc", suffix=".docx", programs="Word/WPS")
    _refuse_oversized(path)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several types for a file that is not .docx
        detail = one_line(error)
        raise InputError(f"无法作为 Word 文档打开：{detail} (not a .docx file)", str(path)) from None
    items, problems = docx_items(document, str(path), config)
    result = parse_plan(items, str(path), config)
    return checked(replace(result, problems=(*problems, *result.problems)), strict=strict)


def read_docx_plan(path: str | Path) -> Plan:
    """The plan in a Word file, read strictly: what :func:`matrix.readers.read_plan` calls for .docx."""
    return read_docx(path, strict=True).plan
