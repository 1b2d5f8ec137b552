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
import re
import weakref
from collections.abc import Mapping, Sequence
from copy import copy
from functools import cache
from pathlib import Path
from typing import TypeVar

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from ..errors import InputError, one_line
from .atomic import atomic_path
from .linebreaks import fitting_width, text_width, title_lines, wrap_names

__all__ = [
    "BODY",
    "BODY_FONT",
    "BUNDLED_TEMPLATE",
    "HEADING1",
    "HEADING1_FONT",
    "HEADING2",
    "HEADING2_FONT",
    "LINE_PITCH",
    "MARGINS",
    "PAGE_NUMBER_FONT",
    "PLAIN",
    "SMALL_TABLE",
    "TABLE",
    "TITLE",
    "TITLE_FONT",
    "add_imprint",
    "add_page_break",
    "add_paragraph",
    "add_signature",
    "add_table",
    "add_title",
    "document_bytes",
    "fitted_widths",
    "letterhead_body",
    "letterhead_document",
    "official_document",
    "official_template",
    "open_document",
    "save_document",
    "set_font",
    "starting_document",
    "turn_landscape",
    "type_width",
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
#: A wide table's text (the summary): 五号, so a landscape page holds more of it.
SMALL_TABLE = "公文表格小"
_STYLES = (TITLE, BODY, PLAIN, HEADING1, HEADING2, TABLE, SMALL_TABLE)

#: Top, bottom, left (订口), right.
MARGINS = (Mm(37), Mm(35), Mm(28), Mm(26))
#: 225 mm of 版心 over 22 lines.
LINE_PITCH = Pt(28.95)
_BODY_SIZE = Pt(16)
_TITLE_SIZE = Pt(22)
_TABLE_SIZE = Pt(12)
#: Text size of each table style.
_TABLE_SIZES = {TABLE: Pt(12), SMALL_TABLE: Pt(10.5)}
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
    small = _paragraph_style(document, SMALL_TABLE, BODY_FONT, _TABLE_SIZES[SMALL_TABLE], pitch=Pt(16))
    small.paragraph_format.space_before = small.paragraph_format.space_after = Pt(2)
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
    _leave_out_unused(document)
    return document


#: Parts of python-docx's starting document no document of ours uses: Word 2010's second copy
#: of the styles (every word processor reads the styles part; Word writes the copy anew) and
#: the picture of the template's first page that file browsers would show for every notice.
_UNUSED_RELATIONSHIPS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.THUMBNAIL)
#: Where one style names another, and where the document, its footers and its numbering name a style.
_STYLE_LINKS = ("w:basedOn", "w:next", "w:link")
_STYLE_USES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyle", "w:styleLink", "w:numStyleLink", *_STYLE_LINKS)


def _leave_out_unused(document: DocumentObject) -> None:
    """Drop what python-docx's starting document carries and no notice uses.

    That template holds 170 styles (every table style Word knew in 2010) in
    two copies of 430 KB each: every file of a run parsed and compressed them
    again, most of the time of writing a county's notice. The default styles
    and the styles the document, its footers, its numbering or a kept style
    name stay, and the styles of :data:`_STYLES` whether used yet or not, so
    the file looks and behaves as before in every word processor.
    """
    for rels in (document.part.rels, document.part.package.rels):
        for rId in [rId for rId, rel in rels.items() if rel.reltype in _UNUSED_RELATIONSHIPS]:
            del rels[rId]
    styles = document.styles.element
    named = {qn(tag) for tag in _STYLE_USES}
    links = [qn(tag) for tag in _STYLE_LINKS]
    used: set[str] = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None and element is not styles:
            used.update(e.get(qn("w:val")) for e in element.iter(*named))
    by_id = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    ours = {document.styles[name].style_id for name in _STYLES}
    kept = {i for i, style in by_id.items() if style.get(qn("w:default")) in ("1", "true", "on")} | used | ours
    waiting = list(kept)
    while waiting:  # the styles a kept style is based on, followed by or linked to
        style = by_id.get(waiting.pop())
        linked = [] if style is None else [e.get(qn("w:val")) for e in style.iterchildren(*links)]
        for style_id in linked:
            if style_id not in kept:
                kept.add(style_id)
                waiting.append(style_id)
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)


def letterhead_document(path: str | Path, *, number: str | None = None, body: bool = True) -> DocumentObject:
    """A user's letterhead: its page, header, footer and styles, and its body as the 版头.

    Offices keep their letterhead as a document whose body holds the 版头 (the
    issuer's name in red, the 发文字号, the red rule), often with a 发文字号
    placeholder such as ``五科素办〔2026〕X号``: the notice is written after that
    body, the placeholder filled with ``number``. Styles the notices need but
    the letterhead lacks are added with the standard's values; styles it has
    under the same names are used as they are. A footer without a page number
    gets the standard's, so the first page of a letterhead with its own
    first-page header keeps its number.

    Parameters
    ----------
    path
        The .docx letterhead.
    number
        The 发文字号's number (``12``), or the whole number with its year
        (``〔2026〕12号``), put in place of the placeholder's ``X``.
    body
        Keep the body as the 版头; ``False`` keeps only the page, header,
        footer and styles (the summary table is not a 发文).

    Raises
    ------
    InputError
        When ``path`` is missing or not a .docx file, or its body ends without
        page settings (``w:sectPr``), so there is no page to put the notices on.
        When ``number`` is given and the body holds no placeholder, or the body
        holds one and no ``number`` is given, since a notice would go out with ``X号``.
    """
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types (zip, XML, package) for a damaged file
        detail = one_line(exc)
        raise InputError(f"无法作为 Word 模板打开 (not a .docx template): {detail}", str(path)) from None
    content = document.element.body
    if content.find(qn("w:sectPr")) is None:
        raise InputError(
            "Word 模板的正文末尾没有页面设置（w:sectPr），无法确定纸张、页边距和页眉页脚；"
            "请在 Word 或 WPS 中打开模板、确认页面设置后另存为 .docx (template has no section properties)",
            f"{path} [word/document.xml]",
        )
    for child in list(content):
        if child.tag != qn("w:sectPr") and not (body and child.tag in (qn("w:p"), qn("w:tbl"))):
            content.remove(child)
    if body:
        _fill_number(document, number, path)
    for section in document.sections:
        _add_missing_page_numbers(document, section)
    _add_styles(document)
    return document


#: A 发文字号 placeholder: 〔2026〕X号 (X, x, Ｘ or × for the number).
_NUMBER_PLACEHOLDER = re.compile(r"(〔\d{4}〕)([XxＸ×]+)(号)")
_FULL_NUMBER = re.compile(r"〔\d{4}〕\d+号")


def _fill_number(document: DocumentObject, number: str | None, path: str | Path) -> None:
    """Put ``number`` in place of the 发文字号 placeholder of the letterhead's body."""
    found = False
    for paragraph in document.element.body.iter(qn("w:p")):
        runs = [r for r in paragraph.iter(qn("w:r"))]
        texts = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in runs]
        match = _NUMBER_PLACEHOLDER.search("".join(texts))
        if match is None:
            continue
        found = True
        if number is None:
            raise InputError(
                f"模板的发文字号“{match.group(0)}”尚未填写，请用 --number 给出文号 "
                "(the letterhead has a document-number placeholder: give --number)",
                str(path),
            )
        number = number.strip()
        filled = number if _FULL_NUMBER.fullmatch(number) else f"{match.group(1)}{number}{match.group(3)}"
        _replace_across_runs(runs, texts, match.start(), match.end(), filled)
    if number is not None and not found:
        raise InputError(
            "模板正文中没有发文字号占位符（如“〔2026〕X号”），--number 无处填写 "
            "(no document-number placeholder in the letterhead)",
            str(path),
        )


def _replace_across_runs(runs: list, texts: list[str], start: int, end: int, replacement: str) -> None:
    """Replace characters ``start:end`` of the runs' joined text, keeping the first run's formatting."""
    offset, placed = 0, False
    for run, text in zip(runs, texts, strict=True):
        low, high = offset, offset + len(text)
        offset = high
        if high <= start or low >= end or not text:
            continue
        keep_before = text[: max(0, start - low)]
        keep_after = text[max(0, end - low) :] if end <= high else ""
        new = keep_before + ("" if placed else replacement) + keep_after
        placed = True
        pieces = list(run.iter(qn("w:t")))
        pieces[0].text = new
        pieces[0].set(qn("xml:space"), "preserve")
        for extra in pieces[1:]:
            extra.getparent().remove(extra)


def _add_missing_page_numbers(document: DocumentObject, section) -> None:
    """Give each footer the letterhead uses, and lacks a page number, the standard's "— N —"."""
    footers = [(section.footer, True)]
    if document.settings.odd_and_even_pages_header_footer:
        footers.append((section.even_page_footer, False))
    if section.different_first_page_header_footer:
        footers.append((section.first_page_footer, True))
    for footer, odd in footers:
        if any("PAGE" in (t.text or "") for t in footer._element.iter(qn("w:instrText"))):
            continue
        if any(f.get(qn("w:instr"), "").strip().startswith("PAGE") for f in footer._element.iter(qn("w:fldSimple"))):
            continue
        paragraph = (
            footer.paragraphs[0] if footer.paragraphs and not footer.paragraphs[0].text else footer.add_paragraph()
        )
        _page_number_paragraph(paragraph, odd=odd)


def letterhead_body(document: DocumentObject) -> bool:
    """Whether the document already holds a 版头 in its body, which the title then follows."""
    return any(child.tag in (qn("w:p"), qn("w:tbl")) for child in document.element.body)


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


#: :func:`official_document` as built when the layout last changed, shipped with the package:
#: building it takes a tenth of a second, a tenth of ``raci build`` on a county plan. A test
#: keeps it the same as what :func:`official_document` builds; ``python -m matrix.export.official``
#: writes it anew.
BUNDLED_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "official.docx"


@cache
def official_template() -> bytes:
    """:func:`official_document` as bytes: every notice, change notice and summary of a run starts from it.

    Read from :data:`BUNDLED_TEMPLATE`, or built when the package was installed without it.
    """
    try:
        return BUNDLED_TEMPLATE.read_bytes()
    except OSError:
        return document_bytes(official_document())


def open_document(template: bytes) -> DocumentObject:
    """A fresh, independent document from :func:`document_bytes` output."""
    return Document(io.BytesIO(template))


def starting_document(letterhead: str | Path | None = None, *, number: str | None = None, body: bool = True) -> bytes:
    """What every document of a run starts from: the office's letterhead, or the standard's page without one.

    Task notices, the summary, 领导分工 and 督办 documents all start here, so a
    letterhead is read (and refused) the same way for each; ``number`` and
    ``body`` are :func:`letterhead_document`'s.
    """
    if letterhead is None:
        return official_template()
    return document_bytes(letterhead_document(letterhead, number=number, body=body))


def save_document(document: DocumentObject, path: str | Path) -> Path:
    """Write ``document`` to ``path`` through a temporary file beside it, so a reader never sees half a file."""
    path = Path(path)
    with atomic_path(path) as temporary:
        document.save(str(temporary))
    return path


def add_paragraph(document: DocumentObject, text: str = "", style: str = PLAIN) -> Paragraph:
    """Append a paragraph in the style named ``style``.

    The paragraph is a copy of a prototype of its style (see
    :func:`_prototype_paragraph`), put before the body's closing page settings
    directly: python-docx's ``add_paragraph`` compares the style with every
    style of the document and then looks for the page settings among all the
    body's paragraphs, on each call, which made a notice of a few hundred
    tasks take seconds.
    """
    paragraph = _prototype_paragraph(document, style, text=bool(text))
    if text:
        _put_text(paragraph[-1], text)
    _append_block(document, paragraph)
    return Paragraph(paragraph, document._body)


def _append_block(document: DocumentObject, block) -> None:
    """Put a paragraph or table at the end of the body, before its page settings (``w:sectPr``) when it has them."""
    body = document.element.body
    last = next(body.iterchildren(reversed=True), None)  # found from the end: len(body) counts every child
    if last is not None and last.tag == _SECTION_PROPERTIES:
        last.addprevious(block)
    else:
        body.append(block)


#: A hyphen between digits (``2021-2025年``, ``3-5``), where a line may not break.
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_SECTION_PROPERTIES = qn("w:sectPr")
_PRESERVE = qn("xml:space")
#: The pieces of a run's content, made once through python-docx's element classes and copied:
#: a copy is a fraction of the cost of making an element through its namespace lookup.
_TEXT, _LINE_BREAK, _NO_BREAK_HYPHEN = OxmlElement("w:t"), OxmlElement("w:br"), OxmlElement("w:noBreakHyphen")


_Element = TypeVar("_Element", bound=BaseOxmlElement)


def _copy(element: _Element) -> _Element:
    """A copy of ``element`` and everything in it, for the document being written.

    lxml copies an element's whole subtree even when asked for a plain copy;
    asked that way, without :func:`copy.deepcopy`'s bookkeeping, it copies in
    half the time, and a notice is thousands of copies.
    """
    return copy(element)


def _put_text(run: CT_R, text: str) -> None:
    """Append ``text`` to the run: a line feed as a line break, and a hyphen between digits as
    Word's non-breaking hyphen (``w:noBreakHyphen``), so that ``2022-2025年`` stays on one line.

    The text read back (python-docx, copy and paste) is the text given: no invisible character
    is added to hold the range together. Word and WPS keep such a range on one line;
    LibreOffice 7.4 may still break after the hyphen in Chinese text (it does so after every
    hyphen and non-breaking hyphen, and honours only invisible joiners).
    """
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(_copy(_LINE_BREAK))
        for part, piece in enumerate(_NUMBER_HYPHEN.split(line)):
            if part:
                run.append(_copy(_NO_BREAK_HYPHEN))
            if piece:
                element = _copy(_TEXT)
                element.text = piece
                if piece.strip() != piece:  # spaces at either end are kept only when marked so
                    element.set(_PRESERVE, "preserve")
                run.append(element)


def type_width(document: DocumentObject) -> Length:
    """The width of the type area of the document's last section."""
    section = document.sections[-1]
    return Length(section.page_width - section.left_margin - section.right_margin)


def add_title(document: DocumentObject, title: str) -> Paragraph:
    """The title in the 公文标题 style, its lines broken between words and balanced (GB/T 9704 7.3.3).

    The breaks are written into the paragraph (see :func:`matrix.export.linebreaks.title_lines`),
    so that every word processor shows the same lines.
    """
    characters = type_width(document).pt / _TITLE_SIZE.pt - 0.1
    return add_paragraph(document, "\n".join(title_lines(title, characters)), TITLE)


#: Style ids by style name, per document (keyed by its part: documents compare by content and
#: are unhashable): ``document.styles[name]`` searches styles.xml with XPath on every call, a
#: sixth of the time of writing a notice.
_STYLE_IDS: weakref.WeakKeyDictionary[object, dict[str, str]] = weakref.WeakKeyDictionary()
#: Paragraphs by style id, holding an empty run or not: made once per process, then copied.
_PARAGRAPHS: dict[tuple[str, bool], CT_P] = {}


def _style_id(document: DocumentObject, name: str) -> str:
    """The id of the style named ``name`` in ``document``, looked up once per document."""
    ids = _STYLE_IDS.setdefault(document.part, {})
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def _prototype_paragraph(document: DocumentObject, style: str, *, text: bool) -> CT_P:
    """A new paragraph in the style named ``style``, holding an empty run when ``text``.

    The first of each kind is built through python-docx's element classes (its
    properties in the schema's order); every later one is a deep copy of it,
    which writes the same XML without python-docx's object layer.
    """
    key = (_style_id(document, style), text)
    if key not in _PARAGRAPHS:
        paragraph = OxmlElement("w:p")
        paragraph.get_or_add_pPr().style = key[0]
        if text:
            paragraph.add_r()
        _PARAGRAPHS[key] = paragraph
    return _copy(_PARAGRAPHS[key])


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


def add_signature(document: DocumentObject, signature: str, date: str, *, attachment: str | None = None) -> None:
    """The 落款: issuer centred over the date, the date four characters in from the right.

    When the issuer's name is the longer, it keeps two characters from the
    right and the date is centred under it instead (GB/T 9704-2012, 7.3.5.2).
    ``attachment`` names the 附件 in the 附件说明 line, one blank line below
    the body and two characters in. The end of the body is kept on the same
    page, since the 落款 may not stand alone on one.
    """
    date_indent = 4.0
    signature_indent = date_indent + (text_width(date) - text_width(signature)) / 2
    if signature_indent < 2:
        signature_indent = 2.0
        date_indent = signature_indent + (text_width(signature) - text_width(date)) / 2
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


#: Formatted table rows by style id, number of columns and header or not: the first of each kind
#: in a process is formatted through python-docx, cell by cell, and copied after.
_ROWS: dict[tuple[str, int, bool], CT_Row] = {}


def _formatted(row: _Row, style: str, widths: Sequence[Length], *, header: bool) -> CT_Row:
    """``row``, new in its table, replaced by a formatted row of its kind with the columns ``widths`` wide."""
    key = (style, len(widths), header)
    if key not in _ROWS:
        _format_row(row, style, widths, header=header)
        _ROWS[key] = _copy(row._tr)
        return row._tr
    tr = _copy(_ROWS[key])
    for tc, width in zip(tr.tc_lst, widths, strict=True):
        tc.width = width
    row._tr.getparent().replace(row._tr, tr)
    return tr


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


#: A name column is as wide as its longest name up to this many characters, 、 included.
_LONGEST_NAME = 16
#: The space a cell keeps on each side of its text (Word's and LibreOffice's default, 0.19 cm).
_CELL_MARGIN = Pt(5.4)


def _cell_characters(width: Length, style: str = TABLE) -> float:
    """How many characters of the table style ``style`` a line of a cell ``width`` wide holds."""
    return (width - 2 * _CELL_MARGIN) / _TABLE_SIZES[style]


def fitted_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: Length,
    *,
    fill: int,
    names: Sequence[int] = (),
    most: Mapping[int, float] | None = None,
    style: str = TABLE,
) -> tuple[Length, ...]:
    """Column widths that fit the text: each column as wide as its longest cell, ``fill`` the rest
    (at least a fifth).

    A column in ``names`` holds department names joined by 、 and needs only its
    longest name on a line (:func:`add_table` breaks the list between names). A
    column is at most ``most[column]`` characters wide (8 unless given, 16 for names); its
    longer cells wrap. Band rows (a single text spanning the table) are not measured.
    ``style`` is the table's text style (:data:`TABLE` or :data:`SMALL_TABLE`).
    """
    size = _TABLE_SIZES[style]
    measured = [r for r in rows if len(r) == len(header)]
    widths: list[Length] = []
    for column, heading in enumerate(header):
        cells = [r[column] for r in measured]
        if column in names:  # a name and the 、 after it
            cells = [name + "、" for cell in cells for name in cell.split("、")]
        cap = (most or {}).get(column, _LONGEST_NAME if column in names else 8)
        characters = max(text_width(heading), fitting_width(cells, cap=cap))
        widths.append(_twips(characters * size + 2 * _CELL_MARGIN + Pt(1)))
    widths[fill] = Length(0)
    # The fill column keeps a fifth of the table. Short of room, name columns give way first (a
    # long name then wraps inside itself), down to eight characters; the short columns last.
    overflow = sum(widths) - total * 4 / 5
    for column in [*names, *(c for c in range(len(widths)) if c not in names)]:
        if overflow <= 0:
            break
        floor = 8 * size + 2 * _CELL_MARGIN if column in names else widths[column] * 0.6
        give = min(overflow, max(0, widths[column] - floor))
        widths[column] = _twips(widths[column] - give, down=True)
        overflow -= give
    widths[fill] = _twips(int(total) - sum(widths), down=True)
    return tuple(widths)


def _twips(emu: float, *, down: bool = False) -> Length:
    """``emu`` in whole twips, the unit a .docx stores widths in, so that the columns add up."""
    count = math.floor(emu / Twips(1)) if down else math.ceil(emu / Twips(1))
    return Twips(count)


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
    *,
    names: Sequence[int] = (),
    style: str = TABLE,
) -> Table:
    """A bordered table with a bold header row that repeats on every page; rows never split.

    Parameters
    ----------
    header
        Column headings.
    rows
        One sequence of cell texts per row, as long as ``header``; a row of
        one text is a band across the table (a section's heading), bold.
    widths
        Column widths; they should add up to the type area.
    names
        Columns of department names joined by 、: each line ends between
        two names, so that no name is cut in two.
    style
        The paragraph style of the cells: :data:`TABLE`, or :data:`SMALL_TABLE` for a wide table.
    """
    table = document.add_table(rows=1 + min(1, len(rows)), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS read; cells below are for Word
    per_line = {column: _cell_characters(widths[column], style) for column in names}
    style = _style_id(document, style)
    # The header and the first body row are made and formatted through python-docx; every
    # further row is a copy of the formatted first one with its texts put in, which writes the
    # same XML at a fraction of the cost (formatting cell by cell was most of a notice's time).
    header_row, *first = table.rows
    _put_row_texts(table, _formatted(header_row, style, widths, header=True), header, per_line)
    if not first:
        return table
    first_tr = _formatted(first[0], style, widths, header=False)
    prototype = _copy(first_tr)
    for number, texts in enumerate(rows):
        tr = first_tr if number == 0 else _copy(prototype)
        if number:
            table._tbl.append(tr)
        if len(texts) == 1 and len(header) > 1:
            _band(table, tr, texts[0], style, widths)
        else:
            _put_row_texts(table, tr, texts, per_line)
    return table


def _put_row_texts(table: Table, tr: CT_Row, texts: Sequence[str], per_line: Mapping[int, float]) -> None:
    """Put one text in the run of each cell of a formatted row; a name column's list broken between names."""
    for column, (tc, text) in enumerate(zip(tr.tc_lst, texts, strict=True)):
        if column in per_line and text:
            text = wrap_names(text.split("、"), per_line[column])
        _put_text(tc.p_lst[0].r_lst[0], text)


#: Band rows by style id and number of columns, merged through python-docx once per process:
#: merging looks the row up among all the table's rows, so a long table's bands took minutes.
_BANDS: dict[tuple[str, int], CT_Row] = {}


def _band(table: Table, tr: CT_Row, text: str, style: str, widths: Sequence[Length]) -> None:
    """Make a formatted row one cell across the table holding ``text`` in bold, left-aligned."""
    key = (style, len(widths))
    if key in _BANDS:
        band = _copy(_BANDS[key])
        band.tc_lst[0].width = Length(sum(widths))
        tr.getparent().replace(tr, band)
    else:
        merged = _Cell(tr.tc_lst[0], table).merge(_Cell(tr.tc_lst[-1], table))
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        paragraph = merged.paragraphs[0]
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.runs[0].bold = True
        paragraph.paragraph_format.keep_with_next = True  # a section's band stays with its first measure
        _BANDS[key] = _copy(tr)
        band = tr
    _put_text(band.tc_lst[0].p_lst[0].r_lst[0], text)


#: 版记 rules (GB/T 9704-2012, 7.4.1): the first and last 0.35 mm, those between 0.25 mm,
#: in eighths of a point.
_THICK_RULE, _THIN_RULE = 8, 6
#: 版记 text is 4号 (14 pt) 仿宋, one character in from each side.
_IMPRINT_SIZE = Pt(14)


def add_imprint(document: DocumentObject, copies: Sequence[str], issuer: str, date: str) -> None:
    """The 版记 at the foot of the last page: 抄送 and 印发机关/印发日期 between rules.

    Each line is a frame (``w:framePr``) placed at a fixed height above the
    bottom of the type area, so that it sits at the foot of whatever page the
    document ends on, in Word and in LibreOffice alike: LibreOffice 7.4 lays a
    floating table out at the top of the page and ignores a section's vertical
    alignment, and it merges consecutive framed paragraphs only when their
    borders are the same, so the two lines are two frames, one above the other.
    The last paragraph of the document is the empty one they are anchored to.

    Parameters
    ----------
    copies
        The 抄送 organs; the line is left out when there are none.
    issuer
        The 印发机关, on the left.
    date
        The 印发日期, on the right, followed by 印发.
    """
    section = document.sections[-1]
    height = section.page_height - section.top_margin - section.bottom_margin
    width = type_width(document)
    per_line = width / _IMPRINT_SIZE
    issued_text = f"{issuer}\t{date}印发"
    if text_width(f"\u3000{issuer}\u3000\u3000{date}印发\u3000") > per_line:  # a long name: the date below it
        issued_text = f"{issuer}\n\t{date}印发"
    issued = (issued_text, (_THICK_RULE, None) if copies else (_THICK_RULE, _THICK_RULE), issued_text.count("\n") + 1)
    lines = [issued]
    if copies:
        text = f"抄送：{'，'.join(copies)}。"
        lines.insert(0, (text, (_THIN_RULE, _THICK_RULE), math.ceil(text_width(f"\u3000{text}\u3000") / per_line)))
    bottom = height
    placed = []
    for text, (below, above), count in reversed(lines):
        bottom -= count * LINE_PITCH
        placed.append((text, below, above, bottom))
    for text, below, above, top in reversed(placed):
        paragraph = add_paragraph(document)
        # not justified: LibreOffice spreads a line that ends in a line break across the width
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _frame(paragraph, width, top)
        _rules(paragraph, above=above, below=below)
        # one character in from each side; not as indents, which would shorten the rules
        paragraph.paragraph_format.tab_stops.add_tab_stop(width - _IMPRINT_SIZE, WD_TAB_ALIGNMENT.RIGHT)
        first, _, rest = text.partition("\t")
        run = paragraph.add_run(f"\u3000{first}")
        set_font(run, BODY_FONT, _IMPRINT_SIZE)
        if rest:
            run.add_tab()
            run.add_text(rest)
    add_paragraph(document)


def _frame(paragraph: Paragraph, width: Length, top: Length) -> None:
    """Make ``paragraph`` a frame across the type area, ``top`` below its top edge."""
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w:w", str(int(width.twips))),
        ("w:wrap", "notBeside"),
        ("w:vAnchor", "margin"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "center"),
        ("w:y", str(int(Length(top).twips))),
    ):
        frame.set(qn(name), value)
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(frame, *_AFTER_FRAME)


#: What follows ``w:framePr`` in a paragraph's properties (ECMA-376 CT_PPrBase order).
_AFTER_FRAME = (
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _rules(paragraph: Paragraph, *, above: int | None, below: int | None) -> None:
    """Rules above and below ``paragraph``, each ``None`` or a width in eighths of a point."""
    borders = OxmlElement("w:pBdr")
    for edge, size in (("top", above), ("bottom", below)):
        if size is None:
            continue
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_FRAME[4:])


if __name__ == "__main__":
    BUNDLED_TEMPLATE.parent.mkdir(exist_ok=True)
    BUNDLED_TEMPLATE.write_bytes(document_bytes(official_document()))
