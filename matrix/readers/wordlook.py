"""How Word shows a run's text: hidden, struck through or white, wherever that formatting comes from.

Hidden text (``w:vanish``) is neither shown nor printed; struck-through text
(``w:strike``, ``w:dstrike``) is how many offices cross a department out
without deleting it; white text (``w:color`` ``FFFFFF``, or the theme's
背景 1) on no shading is there for the reader and invisible on screen and on
paper. Reading any of them would assign work nobody sees, and dropping them
would guess, so :func:`marked_text` finds them for the reader to refuse.

A run looks as its properties say after Word applies, from the nearest:
the run's own properties, its character style (``w:rStyle``), its
paragraph's style (``w:pStyle``, else the default paragraph style), the
style of the table it stands in, and the document defaults
(``w:docDefaults/w:rPrDefault``); each style with its ``w:basedOn`` chain,
where the nearest style that sets a property decides. The run's own property
always wins: ``<w:strike w:val="0"/>`` under a struck style is not struck.
Between the kinds of style, Word toggles strike and vanish (a struck
character style in a struck paragraph style cancels out) while other
programs may not; rather than read a name one of them shows struck, a run
is marked when any kind of style marks it and the run does not unmark it.
A table style's conditional formats (标题行, 汇总行, 第一列, 镶边行 …) apply
to the cells the table's style options (``w:tblLook``) and place select.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["WordStyles", "marked_text"]

_RUN, _TEXT, _PARAGRAPH, _TABLE, _CELL = qn("w:r"), qn("w:t"), qn("w:p"), qn("w:tbl"), qn("w:tc")
_TABLE_ROW, _CONDITIONAL = qn("w:tr"), qn("w:tblStylePr")
#: Text in a text box is not read (the Word reader reports it), so how it looks does not matter here: white
#: words on a filled shape are seen.
_TEXT_BOX = qn("w:txbxContent")
_RUN_PROPERTIES, _PARAGRAPH_PROPERTIES = qn("w:rPr"), qn("w:pPr")
_TABLE_PROPERTIES, _CELL_PROPERTIES = qn("w:tblPr"), qn("w:tcPr")
_VAL, _SHADING, _HIGHLIGHT, _COLOR = qn("w:val"), qn("w:shd"), qn("w:highlight"), qn("w:color")
_OFF = {"0", "false", "off"}
_WHITE = "FFFFFF"
#: Theme colours white in every built-in theme.
_WHITE_THEMES = {"background1", "light1"}
#: Properties that keep a run's text from being read as written, with what the reader says of them.
_MARKS = {
    qn("w:vanish"): "隐藏文字（Word 中不显示、不打印）",
    qn("w:strike"): "加了删除线的文字",
    qn("w:dstrike"): "加了双删除线的文字",
}
_WHITE_TEXT = "白色文字（没有底色，打印和阅读时看不见）"


def _value(element: BaseOxmlElement | None, attribute: str = _VAL) -> str | None:
    return None if element is None else element.get(attribute)


def _on(mark: BaseOxmlElement) -> bool:
    return (_value(mark) or "true").lower() not in _OFF


class WordStyles:
    """A document's styles (``w:styles``), to look up what a run inherits.

    Parameters
    ----------
    styles
        The styles part's root, or ``None`` for a document without one.
    """

    def __init__(self, styles: BaseOxmlElement | None) -> None:
        self._by_id: dict[tuple[str, str], BaseOxmlElement] = {}
        self._default: dict[str, BaseOxmlElement] = {}
        self._chains: dict[tuple[str, str | None], tuple[BaseOxmlElement, ...]] = {}
        #: Per table its rows' places and its style options; per cell the conditional formats that apply to it.
        #: A table of a few thousand rows is otherwise searched again for every run in it.
        self._tables: dict[BaseOxmlElement, tuple[dict[BaseOxmlElement, int], dict[str, bool]]] = {}
        self._kinds: dict[BaseOxmlElement, tuple[str, ...]] = {}
        self._found: dict[tuple[str, str | None, str], list[BaseOxmlElement]] = {}
        self._conditionals: dict[BaseOxmlElement, dict[str, BaseOxmlElement]] = {}
        self._run_default = self._paragraph_default = None
        if styles is None:
            return
        for style in styles.iterchildren(qn("w:style")):
            kind = style.get(qn("w:type"), "paragraph")
            self._by_id.setdefault((kind, style.get(qn("w:styleId"), "")), style)
            if (style.get(qn("w:default")) or "").lower() in ("1", "true", "on"):
                self._default.setdefault(kind, style)
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            self._run_default = defaults.find(f"{qn('w:rPrDefault')}/{_RUN_PROPERTIES}")
            self._paragraph_default = defaults.find(f"{qn('w:pPrDefault')}/{_PARAGRAPH_PROPERTIES}")

    def _chain(self, kind: str, style_id: str | None) -> tuple[BaseOxmlElement, ...]:
        """The style named (else the kind's default) and the styles it is based on, nearest first."""
        key = (kind, style_id)
        if key not in self._chains:
            style = self._by_id.get((kind, style_id or ""))
            if style is None:
                style = self._default.get(kind)
            chain: list[BaseOxmlElement] = []
            while style is not None and style not in chain:  # a basedOn loop ends where it comes round
                chain.append(style)
                style = self._by_id.get((kind, _value(style.find(qn("w:basedOn"))) or ""))
            self._chains[key] = tuple(chain)
        return self._chains[key]

    def _properties(self, kind: str, style_id: str | None, tag: str) -> list[BaseOxmlElement]:
        key = (kind, style_id, tag)
        if key not in self._found:
            self._found[key] = [p for style in self._chain(kind, style_id) if (p := style.find(tag)) is not None]
        return self._found[key]

    def _conditional_formats(self, style: BaseOxmlElement) -> dict[str, BaseOxmlElement]:
        if style not in self._conditionals:
            self._conditionals[style] = {c.get(qn("w:type")): c for c in style.iterchildren(_CONDITIONAL)}
        return self._conditionals[style]

    def marks(self, run: BaseOxmlElement) -> Iterator[str]:
        """What keeps the text of ``run`` from being read as written, as the reader says it."""
        own = run.find(_RUN_PROPERTIES)
        paragraph = next(run.iterancestors(_PARAGRAPH), None)
        table = next(run.iterancestors(_TABLE), None)
        paragraph_style = _value(_find(paragraph, _PARAGRAPH_PROPERTIES, qn("w:pStyle")))
        styles = [
            self._properties("character", _value(_find(own, qn("w:rStyle"))), _RUN_PROPERTIES),
            self._properties("paragraph", paragraph_style, _RUN_PROPERTIES),
            self._table_properties(run, table, _RUN_PROPERTIES) if table is not None else [],
            [self._run_default] if self._run_default is not None else [],
        ]
        for tag, what in _MARKS.items():
            mine = _find(own, tag)
            if _on(mine) if mine is not None else any(_first_on(layer, tag) for layer in styles):
                yield what
        layered = [*([own] if own is not None else []), *(p for layer in styles for p in layer)]
        if _white(_first(layered, _COLOR)) and not self._shaded(run, layered, paragraph, table, paragraph_style):
            yield _WHITE_TEXT

    def _shaded(
        self,
        run: BaseOxmlElement,
        layered: list[BaseOxmlElement],
        paragraph: BaseOxmlElement | None,
        table: BaseOxmlElement | None,
        paragraph_style: str | None,
    ) -> bool:
        """Whether anything behind the run is coloured: its shading or highlight, its paragraph's, cell's or table's."""
        highlight = _value(_first(layered, _HIGHLIGHT))
        if highlight not in (None, "none", "white") or _dark(_first(layered, _SHADING)):
            return True
        own = [p] if paragraph is not None and (p := paragraph.find(_PARAGRAPH_PROPERTIES)) is not None else []
        paragraph_layers = [*own, *self._properties("paragraph", paragraph_style, _PARAGRAPH_PROPERTIES)]
        if self._paragraph_default is not None:
            paragraph_layers.append(self._paragraph_default)
        if _dark(_first(paragraph_layers, _SHADING)):
            return True
        if table is None:
            return False
        cell = next(run.iterancestors(_CELL), None)
        behind = [_find(cell, _CELL_PROPERTIES, _SHADING), _find(table, _TABLE_PROPERTIES, _SHADING)]
        for tag in (_CELL_PROPERTIES, _TABLE_PROPERTIES):
            behind.extend(p.find(_SHADING) for p in self._table_properties(run, table, tag))
        return any(_dark(shading) for shading in behind)

    def _table_properties(self, run: BaseOxmlElement, table: BaseOxmlElement, tag: str) -> list[BaseOxmlElement]:
        """The properties ``tag`` the table's style gives the run's cell, nearest first: in each style of its
        chain, the conditional formats that apply to the cell (a corner, the header row, a band …) before the
        style's own."""
        chain = self._chain("table", _value(_find(table, _TABLE_PROPERTIES, qn("w:tblStyle"))))
        kinds = self._cell_kinds(table, next(run.iterancestors(_CELL), None)) if _conditional(chain) else ()
        found = []
        for style in chain:
            conditional = self._conditional_formats(style)
            found.extend(c.find(tag) for kind in kinds if (c := conditional.get(kind)) is not None)
            found.append(style.find(tag))
        return [properties for properties in found if properties is not None]

    def _cell_kinds(self, table: BaseOxmlElement, cell: BaseOxmlElement | None) -> tuple[str, ...]:
        """The conditional formats of the table's style that apply to ``cell``, the strongest first."""
        if cell is None:
            return ()
        if cell not in self._kinds:
            row = cell.getparent()
            if row is None or row.tag != _TABLE_ROW or row.getparent() is not table:
                self._kinds[cell] = ()
            else:
                if table not in self._tables:
                    rows = {each: index for index, each in enumerate(table.iterchildren(_TABLE_ROW))}
                    self._tables[table] = (rows, _look(table))
                rows, look = self._tables[table]
                cells = row.findall(_CELL)
                self._kinds[cell] = _conditions(look, (rows[row], len(rows)), (cells.index(cell), len(cells)))
        return self._kinds[cell]


def _conditional(chain: tuple[BaseOxmlElement, ...]) -> bool:
    return any(style.find(_CONDITIONAL) is not None for style in chain)


#: ``w:tblLook``'s switches and their bits in its older hexadecimal ``w:val``.
_LOOK_BITS = {
    "firstRow": 0x20,
    "lastRow": 0x40,
    "firstColumn": 0x80,
    "lastColumn": 0x100,
    "noHBand": 0x200,
    "noVBand": 0x400,
}


def _look(table: BaseOxmlElement) -> dict[str, bool]:
    """Which of the table style's conditional formats the table turns on (表格样式选项: 标题行, 镶边行 …)."""
    look = _find(table, _TABLE_PROPERTIES, qn("w:tblLook"))
    try:
        bits = int(_value(look) or "0", 16)
    except ValueError:  # a damaged value turns nothing on; the named switches still do
        bits = 0
    switches = {}
    for name, bit in _LOOK_BITS.items():
        given = look.get(qn(f"w:{name}")) if look is not None else None
        switches[name] = given.lower() in ("1", "true", "on") if given is not None else bool(bits & bit)
    return switches


def _conditions(look: dict[str, bool], row: tuple[int, int], column: tuple[int, int]) -> tuple[str, ...]:
    """The conditional formats of a table style that apply to the cell at ``row`` and ``column`` (each its
    place and how many there are), under the table's style options ``look``, the strongest first.

    Bands are counted one row or column each (a style's band size is not read).
    """
    (r, rows), (c, cells) = row, column
    top, bottom = look["firstRow"] and r == 0, look["lastRow"] and r == rows - 1
    left, right = look["firstColumn"] and c == 0, look["lastColumn"] and c == cells - 1
    kinds = [
        corner
        for corner, applies in (
            ("nwCell", top and left),
            ("neCell", top and right),
            ("swCell", bottom and left),
            ("seCell", bottom and right),
        )
        if applies
    ]
    kinds += [
        kind
        for kind, applies in (("firstRow", top), ("lastRow", bottom), ("firstCol", left), ("lastCol", right))
        if applies
    ]
    if not (top or bottom or look["noHBand"]):
        kinds.append("band1Horz" if (r - look["firstRow"]) % 2 == 0 else "band2Horz")
    if not (left or right or look["noVBand"]):
        kinds.append("band1Vert" if (c - look["firstColumn"]) % 2 == 0 else "band2Vert")
    return (*kinds, "wholeTable")


def _find(element: BaseOxmlElement | None, *path: str) -> BaseOxmlElement | None:
    for tag in path:
        if element is None:
            return None
        element = element.find(tag)
    return element


def _first(layers: list[BaseOxmlElement], tag: str) -> BaseOxmlElement | None:
    """The property ``tag`` of the nearest layer that sets it."""
    return next((found for layer in layers if (found := layer.find(tag)) is not None), None)


def _first_on(layers: list[BaseOxmlElement], tag: str) -> bool:
    found = _first(layers, tag)
    return found is not None and _on(found)


def _white(color: BaseOxmlElement | None) -> bool:
    if color is None:
        return False
    theme = color.get(qn("w:themeColor"))
    if theme is not None:
        return theme in _WHITE_THEMES and color.get(qn("w:themeShade")) is None
    return (_value(color) or "").upper() == _WHITE


def _dark(shading: BaseOxmlElement | None) -> bool:
    """Whether a shading (``w:shd``) colours what is behind text: a fill, or a pattern, that is not white."""
    if shading is None or _value(shading) == "nil":
        return False
    fill = (shading.get(qn("w:fill")) or "auto").upper()
    pattern = (_value(shading) or "clear").lower()
    if pattern == "clear":
        return fill not in ("AUTO", _WHITE) or shading.get(qn("w:themeFill")) not in (None, *_WHITE_THEMES)
    return (shading.get(qn("w:color")) or "auto").upper() != _WHITE or fill not in ("AUTO", _WHITE)


def marked_text(element: BaseOxmlElement, styles: WordStyles) -> tuple[str, str] | None:
    """(what it is, its text) for the first hidden, struck-through or white run holding text, or ``None``.

    Parameters
    ----------
    element
        A body paragraph or table (``w:p``, ``w:tbl``). Runs in its text boxes are not looked at.
    styles
        The document's styles, for what the run inherits.
    """
    for run in element.iter(_RUN):
        text = "".join(t.text or "" for t in run.iter(_TEXT))
        if text.strip() and next(run.iterancestors(_TEXT_BOX), None) is None:
            what = next(styles.marks(run), None)
            if what:
                return what, text
    return None
