"""Splitting Chinese official text at punctuation that is not inside brackets.

Department lists (``县委党校（县行政学校、干部学院）、县总工会``) and sentences
(``开展科技小论文（发明、制作）等活动。``) both carry separators inside brackets
that must not split them; this is the one place that knows how to skip them.
"""

from __future__ import annotations

__all__ = ["CLOSING", "OPENING", "split_outside_brackets"]

#: Brackets, quotes and title marks whose content is never split.
OPENING = "（(《“【〔["
CLOSING = "）)》”】〕]"


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split ``text`` at each of ``separators`` that stands outside brackets, quotes and titles.

    Pieces are returned as they are, empty ones included, so that a caller
    can tell ``甲、、乙`` from ``甲、乙``.

    Examples
    --------
    >>> split_outside_brackets("县委党校（县行政学校、干部学院）、县总工会", "、")
    ['县委党校（县行政学校、干部学院）', '县总工会']
    >>> split_outside_brackets("甲、、乙", "、")
    ['甲', '', '乙']
    """
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces
