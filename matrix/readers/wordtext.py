"""The text of a Word body as Word shows it, not only what sits in plain runs.

python-docx reads a paragraph's direct runs and hyperlinks, a row's direct
cells, a cell's direct paragraphs and the body's direct paragraphs and tables.
Word keeps text in more places than that, and a plan edited in Word or WPS
carries them: runs inside smart tags (``w:smartTag``), simple fields
(``w:fldSimple``), inline content controls (``w:sdt``), custom XML
(``w:customXml``) and bidi wrappers (``w:dir``, ``w:bdo``); whole paragraphs,
tables, rows or cells inside a content control or custom XML; tables nested in
a table cell. Reading only the plain runs drops a department name without a
word, so :func:`unwrap` lifts the content out of those wrappers (in the
document held in memory, which is read and thrown away) and :func:`cell_text`
reads nested tables.

Two more keep text out of plain runs: ruby (``w:ruby``: the base text is the
text, the guide above it is not) and alternate content
(``mc:AlternateContent``: Word writes a newer form and a fallback; the
fallback is read, once). Both are lifted too.

Deleted text (``w:del``, ``w:delText``) stays deleted, as Word prints it.
Hidden, struck-through and white text is found by :mod:`matrix.readers.wordlook`.
Tracked insertions and moves cannot be read either way without guessing
whether the office meant to accept them, so :func:`tracked_change` finds them
for the reader to refuse. Text in a text box (``w:txbxContent``) belongs to no
line; :func:`text_box_text` finds it so the reader can say it was not read.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["cell_text", "text_box_text", "tracked_change", "unwrap"]

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
#: Wrappers whose children (less their properties) stand in for them, at any level.
_WRAPPERS = ("w:sdt", "w:customXml", "w:smartTag", "w:fldSimple", "w:dir", "w:bdo")
#: Children of a wrapper that describe it rather than hold content.
_PROPERTIES = {qn(tag) for tag in ("w:sdtPr", "w:sdtEndPr", "w:customXmlPr", "w:smartTagPr", "w:fldData")}
_SDT, _SDT_CONTENT, _SDT_PR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sdtPr")
_PLACEHOLDER_SHOWN = qn("w:showingPlcHdr")
_TEXT_BOX = qn("w:txbxContent")
#: Revision marks that add or move content: what Word shows depends on whether they are accepted.
_TRACKED = " | ".join(f".//w:{tag}" for tag in ("ins", "moveTo", "moveFrom", "cellIns", "cellMerge"))
_WRAPPER_XPATH = " | ".join(f".//{tag}" for tag in _WRAPPERS)


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Fallback"
_RUBY, _RUBY_BASE = qn("w:ruby"), qn("w:rubyBase")
_RUN = qn("w:r")


def _lift_ruby_and_alternates(body: BaseOxmlElement) -> None:
    """Put the base text of ruby in place of its run, and an alternate content's fallback in place of it."""
    for alternate in reversed(list(body.iter(_ALTERNATE))):
        fallback = alternate.find(_FALLBACK)
        _replace(alternate, list(fallback) if fallback is not None else [])
    for ruby in reversed(list(body.iter(_RUBY))):
        base = ruby.find(_RUBY_BASE)
        run = ruby.getparent()
        if run is not None and run.tag == _RUN:
            _replace(run, list(base) if base is not None else [])


def _replace(element: BaseOxmlElement, children: list[BaseOxmlElement]) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


def tracked_change(element: BaseOxmlElement) -> BaseOxmlElement | None:
    """The first tracked insertion or move in ``element`` (a body, paragraph or table), or ``None``."""
    found = element.xpath(_TRACKED)
    return found[0] if found else None


def _showing_placeholder(sdt: BaseOxmlElement) -> bool:
    """A content control still showing its prompt (单击或点击此处输入文字): nothing was typed into it."""
    properties = sdt.find(_SDT_PR)
    return properties is not None and properties.find(_PLACEHOLDER_SHOWN) is not None


def unwrap(body: BaseOxmlElement) -> int:
    """Replace every content control, custom XML, smart tag, simple field, bidi wrapper, ruby and
    alternate content by its content.

    A content control that still shows its placeholder prompt is removed:
    the prompt is Word's, not the plan's. Innermost wrappers go first, so a
    smart tag inside a content control ends up as plain runs of its paragraph.
    Returns how many wrappers were opened.
    """
    _lift_ruby_and_alternates(body)
    wrappers = body.xpath(_WRAPPER_XPATH)
    for wrapper in reversed(wrappers):
        if wrapper.tag == _SDT:
            content = wrapper.find(_SDT_CONTENT)
            children = [] if content is None or _showing_placeholder(wrapper) else list(content)
        else:
            children = [child for child in wrapper if child.tag not in _PROPERTIES]
        _replace(wrapper, children)
    return len(wrappers)


def cell_text(tc: BaseOxmlElement) -> str:
    """The text of a table cell (``w:tc``): a line per paragraph, and per row of a table nested in it.

    A nested table's cells are joined by a tab within a row; python-docx
    leaves such tables out of a cell's text altogether. Call :func:`unwrap`
    on the body first.
    """
    lines: list[str] = []
    for block in tc:
        if block.tag == _P:
            lines.append(block.text)  # python-docx's CT_P: its runs and hyperlinks
        elif block.tag == _TBL:
            for row in block.findall(_TR):
                lines.append("\t".join(cell_text(cell) for cell in row.findall(_TC)))
    return "\n".join(lines)


def text_box_text(p: BaseOxmlElement) -> str:
    """The text of the text boxes drawn in a paragraph, which is not part of its line; ``""`` if none."""
    return "".join(t.text or "" for box in p.iter(_TEXT_BOX) for t in box.iter(qn("w:t")))
