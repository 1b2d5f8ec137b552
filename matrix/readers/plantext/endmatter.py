"""What surrounds the measures of an official document and is never a measure.

A plan issued by a government or its office carries a signature (the issuing
organ, the date, often ``（此件公开发布）``) under its cover notice or after its
last measure, and attachment headings (``附件``, ``附件1``, ``附件：重点任务分工表``)
before an attached plan or task table. These lines are metadata: the organ
is the plan's issuer, the date the plan's date. Distribution lines (抄送 …
印发) end the body and are found by :func:`.headings.ends_body`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...numerals import numeral_value
from .headings import parse_heading

__all__ = ["Signature", "attachment_title", "find_signatures", "is_matter", "iso_date"]

_NUMERAL = "〇○零一二三四五六七八九"
# 2023年3月17日 / 二〇二三年三月十七日
_DATE = re.compile(
    rf"^(?P<year>\d{{4}}|[{_NUMERAL}]{{4}})\s*年\s*(?P<month>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
    r"\s*(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)
# （此件公开发布） / （此件主动公开） / (此件不公开)
_PUBLICATION = re.compile(r"^[（(]\s*此件[^）)]{0,12}[）)]$")
# 附件 / 附件1 / 附件：1.重点任务分工表 / 附件2：…
_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*(?:[：:．.、]\s*.*)?$")
# An organisation that signs: 国务院办公厅, 广东省人民政府办公厅, 五台县全民科学素质工作领导组
_ORGAN = re.compile(
    r"^[\u4e00-\u9fff（）()·]{2,40}"
    r"(?:国务院|人民政府|政府|办公室|办公厅|委员会|领导小组|领导组|党委|局|厅|委|部|中心|办|会|院|署)$"
)
_MAX_ORGANS = 3


@dataclass(frozen=True)
class Signature:
    """An issuing organ (several, joined by 、, for a joint document) and the date under it."""

    organ: str
    date: str
    lines: tuple[int, ...]


def iso_date(text: str) -> str | None:
    """``2023-03-17`` for a line that is only a date, ``None`` otherwise.

    Examples
    --------
    >>> iso_date("2023年3月17日"), iso_date("二〇二〇年十一月一日"), iso_date("2021年，启动实施。")
    ('2023-03-17', '2020-11-01', None)
    """
    match = _DATE.match(text.strip())
    if match is None:
        return None

    def number(part: str) -> int:
        if part.isdigit():
            return int(part)
        if len(part) == 4:
            return int("".join(str("零一二三四五六七八九".index(c)) if c not in "〇○" else "0" for c in part))
        return numeral_value(part)

    year, month, day = (number(match[key]) for key in ("year", "month", "day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _organ(text: str) -> bool:
    return bool(_ORGAN.match(text.strip())) and parse_heading(text.strip()) is None


def is_matter(text: str) -> bool:
    """True for a line that is a publication note or an attachment heading.

    Examples
    --------
    >>> is_matter("（此件公开发布）"), is_matter("附件1"), is_matter("附件：重点任务分工表"), is_matter("附加条件。")
    (True, True, True, False)
    """
    text = text.strip()
    return bool(_PUBLICATION.match(text) or _ATTACHMENT.match(text))


def attachment_title(text: str) -> bool:
    """True for an attachment heading alone on its line (附件1), whose next short line is its title."""
    return bool(re.match(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?$", text.strip()))


def find_signatures(texts: Sequence[str]) -> list[Signature]:
    """Every signature in the lines: up to three organ lines directly above a date line.

    Parameters
    ----------
    texts
        The document's lines, blank lines removed.

    Examples
    --------
    >>> find_signatures(["……认真贯彻执行。", "广东省人民政府办公厅", "2023年3月17日", "（此件公开发布）"])
    [Signature(organ='广东省人民政府办公厅', date='2023-03-17', lines=(1, 2))]
    >>> find_signatures(["到2025年，建成10个站点。", "2025年12月31日"])
    []
    """
    signatures = []
    for index, text in enumerate(texts):
        date = iso_date(text)
        if date is None:
            continue
        start = index
        while start > 0 and index - start < _MAX_ORGANS and _organ(texts[start - 1]):
            start -= 1
        if start < index:
            organs = "、".join(t.strip() for t in texts[start:index])
            signatures.append(Signature(organs, date, tuple(range(start, index + 1))))
    return signatures
