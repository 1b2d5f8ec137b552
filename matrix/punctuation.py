"""Splitting Chinese official text at punctuation that is not inside brackets.

Department lists (``县委党校（县行政学校、干部学院）、县总工会``) and sentences
(``开展科技小论文（发明、制作）等活动。``) both carry separators inside brackets
that must not split them; this is the one place that knows how to skip them.
"""

from __future__ import annotations

__all__ = ["CLOSING", "OPENING", "split_outside_brackets", "unbalanced"]

#: Brackets, quotes and title marks whose content is never split.
OPENING = "（(《“【〔[〈「『"
CLOSING = "）)》”】〕]〉」』"


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
    >>> split_outside_brackets("各区人民政府〈含开发区、风景区〉、市统计局", "、")
    ['各区人民政府〈含开发区、风景区〉', '市统计局']
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


_PAIRS = dict(zip(CLOSING, OPENING, strict=True))


def unbalanced(text: str) -> str | None:
    """The first bracket, quote or title mark of ``text`` that has no partner, or ``None``.

    Every pair is checked for balance and order, not only the count of （ and ）:
    ``县科协）、（县妇联`` has as many of each, yet its 、 would stand inside a
    bracket and the two names would be read as one. A character that closes
    what was not opened, or the wrong kind of bracket, is reported as well as
    one left open.

    Examples
    --------
    >>> unbalanced("县委党校（县行政学校）、县科协") is None
    True
    >>> unbalanced("县科协）、（县妇联"), unbalanced("《条例》、“县科协、县妇联"), unbalanced("【县科协）")
    ('）', '“', '）')
    """
    stack: list[str] = []
    for char in text:
        if char in OPENING:
            stack.append(char)
        elif char in CLOSING:
            if not stack or stack[-1] != _PAIRS[char]:
                return char
            stack.pop()
    return stack[0] if stack else None
