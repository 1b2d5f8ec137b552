"""The layout of a Chinese official document (公文) after GB/T 9704-2012, in python-docx.

Only the page, the styles and a few building blocks live here; what a notice
says is :mod:`matrix.export.notice`. A document is set up once per run,
either from scratch (:func:`official_document`) or from a user's letterhead
(:func:`letterhead_document`), then serialised with :func:`document_bytes`
and reopened per file with :func:`open_document`, so styles are defined once
and every file starts from identical bytes.

Values from the standard: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so
margins 37/35/28/26 mm); 22 lines of 28 characters; title in 2号 (22 pt)
小标宋, body 3号 (16 pt) 仿宋, first-level headings 黑体, second-level 楷体;
page numbers "— 1 —" in 4号 (14 pt) 宋体, on the outside edge, one character
in from it. Word keeps a font name per script and python-docx only sets the
Latin one, so :func:`set_font` also writes ``w:eastAsia``: without it Chinese
text falls back to whatever the reader's default East Asian font is.
"""

from __future__ import annotations

import io
import math
import weakref
from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from ..errors import InputError, one_line

__all__ = [
    "BODY",
    "BODY_FONT",
    "HEADING1",
    "HEADING1_FONT",
    "HEADING2",
    "HEADING2_FONT",
    "LINE_PITCH",
    "MARGINS",
    "PAGE_NUMBER_FONT",
    "PLAIN",
    "TABLE",
    "TITLE",
    "TITLE_FONT",
    "add_page_break",
    "add_paragraph",
    "add_signature",
    "add_table",
    "document_bytes",
    "letterhead_document",
    "official_document",
    "official_template",
    "open_document",
    "set_font",
    "turn_landscape",
]

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

#: Style names. Prefixed so they never clash with Word's built-in 标题/正文,
#: which a Chinese Word shows under those names.
TITLE = "公文标题"
BODY = "公文正文"
PLAIN = "公文无缩进"
HEADING1 = "公文一级标题"
HEADING2 = "公文二级标题"
TABLE = "公文表格"

#: Top, bottom, left (订口), right.
MARGINS = (Mm(37), Mm(35), Mm(28), Mm(26))
#: 225 mm of 版心 over 22 lines.
LINE_PITCH = Pt(28.95)
_BODY_SIZE = Pt(16)
_TITLE_SIZE = Pt(22)
_TABLE_SIZE = Pt(12)
_PAGE_NUMBER_SIZE = Pt(14)
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
#: GB/T 9704: 28 characters to a line of the 156 mm type area. A 三号 character is 16 pt and
#: 28 of them are 448 pt, wider than the 442 pt line, so each is drawn a quarter point
#: narrower (character spacing in twentieths of a point, rounded so that 28 still fit).
CHARS_PER_LINE = 28
_TYPE_WIDTH = Length(Mm(210) - MARGINS[2] - MARGINS[3])
_GRID_SPACING = math.floor((_TYPE_WIDTH.pt / CHARS_PER_LINE - _BODY_SIZE.pt) * 20)


def set_font(target, name: str, size: Length | None = None, *, bold: bool | None = None) -> None:
    """Set ``name`` for Latin and East Asian text of a run or style.

    Theme font attributes are removed from the same element because Word
    prefers them over explicit names.

    Parameters
    ----------
    target
        A python-docx ``Run`` or ``Style`` (anything with a ``font``).
    name
        The font name as GB/T 9704 gives it; a reader without the font falls back.
    size, bold
        Left unchanged when ``None``.
    """
    font = target.font
    font.name = name
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    fonts = font.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)


def _paragraph_style(
    document: DocumentObject,
    name: str,
    font: str,
    size: Length,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    pitch: Length = LINE_PITCH,
    heading: bool = False,
    grid: bool = False,
) -> ParagraphStyle:
    """Add the style ``name`` unless the document already has it (a letterhead's own wins).

    ``grid`` narrows the characters so that :data:`CHARS_PER_LINE` fill a line; the
    first-line indent is then two of those characters.
    """
    if name in [s.name for s in document.styles]:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = None
    style.quick_style = True
    set_font(style, font, size, bold=False)
    layout = style.paragraph_format
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = pitch
    character = size
    if grid:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(_GRID_SPACING))
        properties = style.element.get_or_add_rPr()
        properties.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs")
        character = Pt(size.pt + _GRID_SPACING / 20)
    layout.first_line_indent = 2 * character if indent else Pt(0)
    layout.widow_control = False
    layout.keep_with_next = heading
    if align is not None:
        layout.alignment = align
    return style


def _add_styles(document: DocumentObject) -> None:
    _paragraph_style(document, TITLE, TITLE_FONT, _TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=Pt(35))
    justified = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph_style(document, BODY, BODY_FONT, _BODY_SIZE, align=justified, indent=True, grid=True)
    _paragraph_style(document, PLAIN, BODY_FONT, _BODY_SIZE, align=justified, grid=True)
    _paragraph_style(document, HEADING1, HEADING1_FONT, _BODY_SIZE, indent=True, heading=True, grid=True)
    _paragraph_style(document, HEADING2, HEADING2_FONT, _BODY_SIZE, indent=True, heading=True, grid=True)
    table = _paragraph_style(document, TABLE, BODY_FONT, _TABLE_SIZE, pitch=Pt(20))
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(3)


def _page_number_paragraph(paragraph: Paragraph, *, odd: bool) -> None:
    """Write "— N —" with N a PAGE field, one character in from the outside edge."""
    layout = paragraph.paragraph_format
    layout.space_before = layout.space_after = Pt(0)
    if odd:
        layout.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        layout.right_indent = _PAGE_NUMBER_SIZE
    else:
        layout.alignment = WD_ALIGN_PARAGRAPH.LEFT
        layout.left_indent = _PAGE_NUMBER_SIZE
    set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, _PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        set_font(run, PAGE_NUMBER_FONT, _PAGE_NUMBER_SIZE)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, _PAGE_NUMBER_SIZE)


def official_document() -> DocumentObject:
    """A blank document with the GB/T 9704 page, styles and page numbers."""
    document = Document()
    set_font(document.styles["Normal"], BODY_FONT, _BODY_SIZE)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}") if defaults is not None else None
    if fonts is not None:
        for attribute in _THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attribute), BODY_FONT)
    _add_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = MARGINS
    section.header_distance = Mm(15)
    # The number's top sits 7 mm below the text block; one 4号 line is about 6 mm.
    section.footer_distance = MARGINS[1] - Mm(13)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], odd=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)
    return document


def letterhead_document(path: str | Path) -> DocumentObject:
    """A user's letterhead with its body emptied: its page, header, footer and styles are kept.

    Styles the notices need but the letterhead lacks are added with the
    standard's values; styles it has under the same names are used as they are.
    Only the last section survives, since the body, with any earlier section
    breaks, is cleared.

    Raises
    ------
    InputError
        When ``path`` is missing or not a .docx file, or its body ends without
        page settings (``w:sectPr``), so there is no page to put the notices on.
    """
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types (zip, XML, package) for a damaged file
        detail = one_line(exc)
        raise InputError(f"无法作为 Word 模板打开 (not a .docx template): {detail}", str(path)) from None
    body = document.element.body
    if body.find(qn("w:sectPr")) is None:
        raise InputError(
            "Word 模板的正文末尾没有页面设置（w:sectPr），无法确定纸张、页边距和页眉页脚；"
            "请在 Word 或 WPS 中打开模板、确认页面设置后另存为 .docx (template has no section properties)",
            f"{path} [word/document.xml]",
        )
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _add_styles(document)
    return document


def turn_landscape(document: DocumentObject) -> None:
    """Lay the last section on its side for a wide table, keeping the 订口 margin at the binding edge."""
    section = document.sections[-1]
    if section.orientation == WD_ORIENT.LANDSCAPE:
        return
    top, bottom, left, right = (
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin, section.bottom_margin = left, right
    section.left_margin, section.right_margin = top, bottom


def document_bytes(document: DocumentObject) -> bytes:
    """The document as .docx bytes, the template every file of a run starts from."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@cache
def official_template() -> bytes:
    """:func:`official_document` as bytes, built once per process: every notice, change
    notice and summary of a run starts from it, and building it is a tenth of a second."""
    return document_bytes(official_document())


def open_document(template: bytes) -> DocumentObject:
    """A fresh, independent document from :func:`document_bytes` output."""
    return Document(io.BytesIO(template))


def add_paragraph(document: DocumentObject, text: str = "", style: str = PLAIN) -> Paragraph:
    """Append a paragraph in the style named ``style``.

    python-docx's own ``add_paragraph(style=...)`` compares the style with
    every style of the document on each call, which made writing the notices
    of a county plan take seconds; one lookup by name is enough.
    """
    paragraph = document.add_paragraph(text)
    _set_style(paragraph, _style_id(document, style))
    return paragraph


#: Style ids by style name, per document (keyed by its part: documents compare by
#: content and are unhashable): ``document.styles[name]`` searches styles.xml with
#: XPath on every call, a sixth of the time of writing a notice.
_STYLE_IDS: weakref.WeakKeyDictionary[object, dict[str, str]] = weakref.WeakKeyDictionary()


def _style_id(document: DocumentObject, name: str) -> str:
    """The id of the style named ``name`` in ``document``, looked up once per document."""
    ids = _STYLE_IDS.setdefault(document.part, {})
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def _set_style(paragraph: Paragraph, style_id: str) -> None:
    """Give ``paragraph`` the style ``style_id``.

    A paragraph just added has no properties yet, and its ``<w:pPr>`` with the
    ``<w:pStyle>`` is built directly as the paragraph's first child, where the
    schema puts it; python-docx's general path looks up the place of each new
    element among its possible neighbours, a quarter of a notice's time.
    """
    p = paragraph._p
    if p.pPr is not None:
        p.pPr.style = style_id
        return
    properties = OxmlElement("w:pPr")
    reference = OxmlElement("w:pStyle")
    reference.set(qn("w:val"), style_id)
    properties.append(reference)
    p.insert(0, properties)


def add_page_break(document: DocumentObject) -> None:
    """Start a new page, as an attachment does."""
    add_paragraph(document).add_run().add_break(WD_BREAK.PAGE)


def _width(text: str) -> float:
    """Width in body characters: ASCII (the digits of a date) takes half."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def add_signature(document: DocumentObject, signature: str, date: str, *, attachment: str | None = None) -> None:
    """The 落款: issuer centred over the date, the date four characters in from the right.

    When the issuer's name is the longer, it keeps two characters from the
    right and the date is centred under it instead (GB/T 9704-2012, 7.3.5.2).
    ``attachment`` names the 附件 in the 附件说明 line, one blank line below
    the body and two characters in. The end of the body is kept on the same
    page, since the 落款 may not stand alone on one.
    """
    date_indent = 4.0
    signature_indent = date_indent + (_width(date) - _width(signature)) / 2
    if signature_indent < 2:
        signature_indent = 2.0
        date_indent = signature_indent + (_width(signature) - _width(date)) / 2
    _keep_last_block_with_next(document)
    if attachment is not None:
        add_paragraph(document).paragraph_format.keep_with_next = True
        note = add_paragraph(document, f"附件：{attachment}", BODY)
        note.paragraph_format.keep_with_next = True
    for _ in range(2):
        add_paragraph(document).paragraph_format.keep_with_next = True
    for text, indent in ((signature, signature_indent), (date, date_indent)):
        paragraph = add_paragraph(document, text)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(_BODY_SIZE.pt * indent)
        paragraph.paragraph_format.keep_with_next = text == signature


def _keep_last_block_with_next(document: DocumentObject) -> None:
    """Tie the last paragraph, or a table's last row, to what follows.

    GB/T 9704 does not let the 落款 stand alone on a page; keeping the end of
    the body with it moves both to the next page together.
    """
    blocks = [child for child in document.element.body if child.tag in (qn("w:p"), qn("w:tbl"))]
    if not blocks:
        return
    last = blocks[-1]
    if last.tag == qn("w:p"):
        paragraphs = [Paragraph(last, document._body)]
    else:
        table = Table(last, document._body)
        paragraphs = [p for cell in table.rows[-1].cells for p in cell.paragraphs]
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _set_borders(table: Table) -> None:
    """Single borders on every cell, without relying on a table style the letterhead may lack."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


def _format_row(row: _Row, style: str, widths: Sequence[Length], *, header: bool) -> None:
    """Borders aside, everything a table row carries: no page split, widths, style, bold header."""
    flags = ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",)
    for flag in flags:
        element = OxmlElement(flag)
        element.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(element)
    for column, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        _set_style(paragraph, style)
        paragraph.add_run().bold = header
        if header or column == 0:
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
) -> Table:
    """A bordered table with a bold header row that repeats on every page; rows never split.

    Parameters
    ----------
    header
        Column headings.
    rows
        One sequence of cell texts per row, as long as ``header``.
    widths
        Column widths; they should add up to the 156 mm 版心.
    """
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS read; cells below are for Word
    style = _style_id(document, TABLE)
    # The header and the first body row are formatted through python-docx; every further
    # row is a copy of the formatted first one with its texts put in, which writes the same
    # XML at a fraction of the cost (formatting cell by cell was most of a notice's time).
    formatted: dict[bool, CT_Row] = {}
    for number, (row, texts) in enumerate(zip(table.rows, [header, *rows], strict=True)):
        is_header = number == 0
        if is_header not in formatted:
            _format_row(row, style, widths, header=is_header)
            formatted[is_header] = deepcopy(row._tr)
            tr = row._tr
        else:
            tr = deepcopy(formatted[is_header])
            row._tr.getparent().replace(row._tr, tr)
        for tc, text in zip(tr.tc_lst, texts, strict=True):
            _Cell(tc, table).paragraphs[0].runs[0].text = text
    return table
