"""The numbering that gives a plan its shape: 一、 / （一） / 1. / （1）.

Chinese official documents number four levels in a fixed way (GB/T 9704):
chapters ``一、``, sections ``（一）``, items ``1.`` and sub-items ``（1）``.
Plans typed by hand mix full- and half-width brackets and write ``1、`` as
often as ``1.``; all of those are accepted here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...numerals import numeral_value

__all__ = [
    "CHAPTER",
    "ITEM",
    "SECTION",
    "SUBITEM",
    "Heading",
    "ends_body",
    "parse_heading",
]

CHAPTER, SECTION, ITEM, SUBITEM = 1, 2, 3, 4

_NUMERAL = "[一二三四五六七八九十]{1,3}"

_PATTERNS = (
    # 一、总体要求   (a Chinese numeral and 、; 一. is a common slip for 一、)
    (CHAPTER, re.compile(rf"^(?P<num>{_NUMERAL})\s*[、.．]\s*(?P<title>\S.*)$")),
    # （一）指导思想 / (一)指导思想
    (SECTION, re.compile(rf"^[（(]\s*(?P<num>{_NUMERAL})\s*[）)]\s*[、.．]?\s*(?P<title>\S.*)$")),
    # 1.大力弘扬… / 1、大力弘扬… / 1．…; the lookahead keeps 1.5万元 a number, not an item
    (ITEM, re.compile(r"^(?P<num>\d{1,2})\s*(?:[.．、﹒](?!\d)|[）)])\s*(?P<title>\S.*)$")),
    # （1）… / (1)… / ①…
    (SUBITEM, re.compile(r"^(?:[（(]\s*(?P<num>\d{1,2})\s*[）)]|(?P<circled>[①-⑳]))\s*(?P<title>\S.*)$")),
)

# A chapter or section title runs to the first 。 when body text follows on the same line.
_TITLE_END = re.compile(r"^(?P<title>[^。，；：]{2,30})[。：:](?P<rest>.+)$")

# The distribution list and imprint that close an official document:
# 送：… / 抄送：… / 主送：… / …办公室  2022年10月14日印发
_END_OF_BODY = re.compile(r"^(?:抄送|主送|抄报|送)\s*[：:]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发\s*$")


@dataclass(frozen=True)
class Heading:
    """A numbered line: its level, its number and the text after the number.

    ``rest`` is body text that follows a chapter or section title on the same
    line (``（一）组织领导。加强…``); it is empty otherwise. For items the whole
    text after the number is the ``title``, since an item is a measure.
    """

    level: int
    number: int
    title: str
    rest: str = ""


def parse_heading(text: str) -> Heading | None:
    """The heading that ``text`` starts with, or ``None`` for a plain paragraph.

    Examples
    --------
    >>> parse_heading("三、提升行动")
    Heading(level=1, number=3, title='提升行动', rest='')
    >>> parse_heading("(二)保障条件")
    Heading(level=2, number=2, title='保障条件', rest='')
    >>> parse_heading("（一）组织领导。县委统一领导。")
    Heading(level=2, number=1, title='组织领导', rest='县委统一领导。')
    >>> parse_heading("(一)指导思想。").title
    '指导思想'
    >>> parse_heading("4、实施科技创新后备人才培育计划。").title
    '实施科技创新后备人才培育计划。'
    >>> parse_heading("2022年，启动实施。") is None
    True
    """
    for level, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        if level == SUBITEM and match["circled"]:
            number = ord(match["circled"]) - ord("①") + 1
        elif level in (CHAPTER, SECTION):
            number = numeral_value(match["num"])
        else:
            number = int(match["num"])
        title, rest = match["title"].strip(), ""
        if level in (CHAPTER, SECTION):
            if split := _TITLE_END.match(title):
                title, rest = split["title"], split["rest"].strip()
            title = title.rstrip("。.：:")
        return Heading(level, number, title, rest)
    return None


def ends_body(text: str) -> bool:
    """True for the distribution list or imprint line after which no plan text follows.

    Examples
    --------
    >>> ends_body("送：县委各部门，县人武部。"), ends_body("新晃侗族自治县人民政府办公室  2022年10月14日印发")
    (True, True)
    >>> ends_body("送教下乡。"), ends_body("（三）制定并印发")
    (False, False)
    """
    return _END_OF_BODY.search(text) is not None
