"""Chinese numerals both ways: the 三 of 三、 and （十二） read as numbers, and numbers written so.

Plans number chapters and sections in Chinese numerals (GB/T 9704), the readers
read them back to numbers, Word's list numbering is rebuilt in them, and the
notices number their own headings with them. One module, so that what a notice
writes is exactly what a reader reads.
"""

from __future__ import annotations

__all__ = ["chinese_numeral", "numeral_value"]

_DIGITS = "零一二三四五六七八九"


def numeral_value(text: str) -> int:
    """The value of a Chinese numeral up to 九十九, as headings write it.

    Raises
    ------
    ValueError
        For text that is not such a numeral, naming it.

    Examples
    --------
    >>> [numeral_value(t) for t in ("三", "十", "十二", "二十一")]
    [3, 10, 12, 21]
    >>> numeral_value("三百")
    Traceback (most recent call last):
    ...
    ValueError: 不是九十九以内的中文数字：'三百' (not a Chinese numeral up to 99)
    """
    tens, ten, units = text.partition("十")
    try:
        if not ten:
            value = _DIGITS.index(text) if len(text) == 1 else -1
        else:
            value = (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)
    except ValueError:
        value = -1
    if value <= 0 or len(tens) > 1 or len(units) > 1:
        raise ValueError(f"不是九十九以内的中文数字：'{text}' (not a Chinese numeral up to 99)")
    return value


def chinese_numeral(n: int) -> str:
    """``n`` (1-9999) in Chinese numerals, as headings write it (十二, not 一十二).

    A department of a merged, province-wide plan can hold hundreds of tasks,
    so its notice numbers them past 九十九.

    Raises
    ------
    ValueError
        For a number outside 1-9999, naming it.

    Examples
    --------
    >>> [chinese_numeral(n) for n in (1, 3, 10, 12, 20, 21, 47)]
    ['一', '三', '十', '十二', '二十', '二十一', '四十七']
    >>> [chinese_numeral(n) for n in (100, 101, 110, 1010, 2300)]
    ['一百', '一百零一', '一百一十', '一千零一十', '二千三百']
    >>> all(numeral_value(chinese_numeral(n)) == n for n in range(1, 100))
    True
    """
    if not 1 <= n <= 9999:
        raise ValueError(f"chinese_numeral expects 1-9999, got {n}")
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
        return head + (_DIGITS[ones] if ones else "")
    text, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            text += ("零" if gap else "") + _DIGITS[digit] + unit
            gap = False
        elif text:
            gap = True
    return text
