"""Characters nobody sees: none may be written into a file people read, copy and hand to programs.

A word joiner (U+2060) or zero-width space looks like nothing on the page but is kept by copy
and paste and by every program reading the file, so a name or a title with one no longer
matches the plan. Layout is done with layout (line breaks, Word's non-breaking hyphen).
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

#: Unicode categories drawn as nothing: format characters (U+200B, U+2060, U+00AD, U+FEFF …),
#: private use, line and paragraph separators; control characters other than tab and line ends.
_INVISIBLE_CATEGORIES = {"Cf", "Co", "Zl", "Zp"}
_CONTROLS_ALLOWED = "\t\n\r"
#: List level definitions of the python-docx template: Symbol-font bullets (U+F0B7, private
#: use) drawn as a bullet when a list uses them; no text of a plan goes there.
_LIST_DEFINITIONS = "word/numbering.xml"


def is_invisible(character: str) -> bool:
    category = unicodedata.category(character)
    return category in _INVISIBLE_CATEGORIES or (category == "Cc" and character not in _CONTROLS_ALLOWED)


def invisible_characters(path: Path) -> list[str]:
    """``file:part: U+XXXX`` for every invisible character in the XML of a .docx or .xlsx (text and attributes)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if not member.endswith((".xml", ".rels")) or member == _LIST_DEFINITIONS:
                continue
            text = archive.read(member).decode("utf-8-sig")  # a byte-order mark opening a part is no text
            found += [f"{path.name}:{member}: U+{ord(c):04X}" for c in set(text) if is_invisible(c)]
    return found
