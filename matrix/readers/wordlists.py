"""The numbers Word draws in front of list paragraphs, which are not in the paragraph's text.

A plan typed in Word often numbers its chapters, sections and items with a
multilevel list (``一、`` / ``（一）`` / ``1.``) instead of typing the numbers.
python-docx gives only the typed text, so the numbers are rebuilt here from
the numbering definitions (``word/numbering.xml``): each paragraph's list and
level, the level's format and text pattern, and a counter per list.

Counters are kept per list instance (``w:num``); a level restarts when a
higher level of the same list advances, and a ``w:startOverride`` sets where
a list instance begins, as Word does for "restart numbering".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..numerals import chinese_numeral

__all__ = ["UnreadableNumbering", "list_labels"]

_LEVELS = 9
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographDigital",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else default


def _format(number: int, fmt: str) -> str:
    """One counter in a level's format (decimal, chineseCounting, lowerLetter, …)."""
    if fmt in _CHINESE_FORMATS and 0 < number < 100:
        return chinese_numeral(number)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else str(number)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(number))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    parts = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    parts += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in parts:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _definitions(document: Document) -> dict[str, tuple[dict[int, _Level], dict[int, int]]]:
    """numId → (levels of its abstract list, start overrides by level)."""
    numbering = document.part.numbering_part.element
    abstracts: dict[str, dict[int, _Level]] = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl")))] = _Level(
                start=int(_val(lvl, "w:start", "1") or 1),
                fmt=_val(lvl, "w:numFmt", "decimal") or "decimal",
                text=_val(lvl, "w:lvlText", "") or "",
            )
        abstracts[abstract.get(qn("w:abstractNumId"))] = levels
    lists = {}
    for num in numbering.findall(qn("w:num")):
        overrides = {
            int(override.get(qn("w:ilvl"))): int(start)
            for override in num.findall(qn("w:lvlOverride"))
            if (start := _val(override, "w:startOverride")) is not None
        }
        lists[num.get(qn("w:numId"))] = (abstracts.get(_val(num, "w:abstractNumId") or "", {}), overrides)
    return lists


def _start(level: int, levels: dict[int, _Level], overrides: dict[int, int]) -> int:
    return overrides.get(level, levels.get(level, _Level()).start)


class UnreadableNumbering(ValueError):
    """A paragraph's list number cannot be read (a level that is not a number); ``index`` counts from 0."""

    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(str(error))
        self.index = index


def _list_of(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, from its own properties or its style's."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while (num_pr is None or num_pr.numId is None) and style is not None:
        style_pr = style.element.pPr
        num_pr = style_pr.numPr if style_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), level


def list_labels(document: Document, paragraphs: Sequence[Paragraph]) -> list[str]:
    """The number Word shows before each paragraph (``一、``, ``（二）``, ``3.``), or ``""``.

    Parameters
    ----------
    document
        The document whose numbering definitions apply.
    paragraphs
        Its body paragraphs in order; counters run across them.

    Returns
    -------
    list of str
        One label per paragraph; bullets and unnumbered paragraphs get ``""``.

    Raises
    ------
    UnreadableNumbering
        For the first paragraph whose list id or level is not a number.
    """
    definitions = _definitions(document)
    counters: dict[str, list[int | None]] = {}
    labels = []
    for index, paragraph in enumerate(paragraphs):
        try:
            found = _list_of(paragraph)
        except ValueError as error:  # python-docx parses the list's id and level as it reads them
            raise UnreadableNumbering(index, error) from error
        if found is None or found[0] not in definitions:
            labels.append("")
            continue
        num_id, level = found
        levels, overrides = definitions[num_id]
        definition = levels.get(level)
        if definition is None or definition.fmt in ("bullet", "none"):
            labels.append("")
            continue
        counter = counters.setdefault(num_id, [None] * _LEVELS)
        previous = counter[level]
        counter[level] = _start(level, levels, overrides) if previous is None else previous + 1
        counter[level + 1 :] = [None] * (_LEVELS - level - 1)
        label = definition.text
        for at in range(level + 1):
            value = counter[at]
            value = _start(at, levels, overrides) if value is None else value
            label = label.replace(f"%{at + 1}", _format(value, levels.get(at, _Level()).fmt))
        labels.append(label)
    return labels
