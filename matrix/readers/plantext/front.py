"""The plan's name and author: title, period, county and issuing body.

The title sits just above the first paragraph of prose, below any cover
notice (文号, 关于印发…的通知, 主送, signature, date), and is often broken
over two lines with the period on the second: ``…纲要`` / ``实施方案（2021-2025年）``.
Inside the plan the county writes itself as plain 县 (``县全民科学素质工作领导小组``);
:func:`expand_local` puts the county's name back so the issuer can stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..table import table_plan
from .endmatter import iso_date

__all__ = ["county_of", "expand_local", "find_issuer", "plan_title"]

# The period in brackets: （2021-2025年） / (2021—2025年) / （2021年至2025年）
_PERIOD = re.compile(r"[（(]\s*(?P<start>\d{4})\s*年?\s*[-—–－~～至到]+\s*(?P<end>\d{4})\s*年?\s*[）)]")

# Words that make a line a plan's title rather than an organisation's name.
_PLAN_WORDS = re.compile(r"方案|规划|计划|纲要|意见|办法|措施|举措|细则|要点|分工|分解|任务|清单|台账|通知")

# Lines of a cover notice that cannot be part of a title: a date, a 文号 such as
# 晃政办发〔2022〕11号, a 主送 line ending in a colon.
_NOT_TITLE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|〔\d{4}〕\s*\d+\s*号|[：:]$|^附\s*件")
# What ends the lines a national document opens with (its title): the 文号, the 主送 line, prose.
_TITLE_END = re.compile(r"〔\d{4}〕\s*\d+\s*号|[：:]$|。")

# A line that is one bracket, such as （此件主动公开）; only the period may stand so in a title.
_ASIDE = re.compile(r"^[（(][^）)]*[）)]$")

# An organisation's name on a line of its own (the signature under a notice).
_ORGANISATION = re.compile(r"(?:办公室|人民政府|委员会|领导小组|领导组|局)$")

# The title inside a cover notice: 关于印发《…》的通知 / 关于印发…的通知
_NOTICE_TITLE = re.compile(r"印发《(?P<title>[^》]+)》|关于印发(?P<bare>.+?)的通知")

# The body that leads the work: …全民科学素质工作领导小组 / …领导组 / …联席会议
_LEADING_BODY = re.compile(r"领导小组|领导组|联席会议")

_MAX_TITLE_LINE = 60


def _title_block(front: Sequence[str]) -> list[str]:
    """The lines just above the first prose paragraph that read as a title.

    When title lines stand after the last prose paragraph, just above the
    first chapter, they are the title: a cover notice whose plan is its
    attachment (…请认真抓好落实。/ 附件1 / 2025年县政府工作报告任务清单 / 一、…).
    """
    prose = [i for i, text in enumerate(front) if "。" in text]
    if prose:
        closing = _block_above(front[prose[-1] + 1 :])
        if _PLAN_WORDS.search("".join(closing)):
            return closing
    return _block_above(front[: prose[-1] if prose else len(front)])


def _block_above(lines: Sequence[str]) -> list[str]:
    """The last lines of ``lines`` that read as a title, without an organisation's name around them."""
    block: list[str] = []
    for text in reversed(lines):
        if "。" in text or _NOT_TITLE.search(text) or len(text) > _MAX_TITLE_LINE or iso_date(text):
            break
        if _ASIDE.match(text) and not _PERIOD.fullmatch(text):
            break
        block.insert(0, text)
    while block and _ORGANISATION.search(block[0]) and not _PLAN_WORDS.search(block[0]):
        block.pop(0)
    while block and _ORGANISATION.search(block[-1]) and not _PLAN_WORDS.search(block[-1]):
        block.pop()
    return block


def _opening_title(front: Sequence[str]) -> str:
    """The lines a document opens with, up to its 文号, 主送 line or first prose: a national document's title."""
    lines: list[str] = []
    for text in front:
        if _TITLE_END.search(text) or len(text) > _MAX_TITLE_LINE or _ASIDE.match(text):
            break
        lines.append(text)
    return "".join(lines)


def plan_title(front: Sequence[str]) -> tuple[str, str]:
    """The title without its period, and the period as ``2021-2025``; empty strings when absent.

    Parameters
    ----------
    front
        The lines before the first chapter heading, blank lines removed.

    Examples
    --------
    >>> front = ["晃政办发〔2022〕11号", "2022年10月14日", "新晃侗族自治县全民科学素质行动规划纲要",
    ...          "实施方案（2021-2025年）", "根据《纲要》精神，为实现我县全民科学素质工作目标，制定本方案。"]
    >>> plan_title(front)
    ('新晃侗族自治县全民科学素质行动规划纲要实施方案', '2021-2025')
    >>> plan_title(["2022年10月31日", "(此件主动公开)", "某市科普实施方案(2021—2025年)", "为推进科普，制定本方案。"])
    ('某市科普实施方案', '2021-2025')
    >>> plan_title(["国务院关于推进某项工作的", "实施意见", "国发〔2023〕9号", "各省、自治区、直辖市人民政府：",
    ...             "为推进某项工作，现提出如下意见。"])
    ('国务院关于推进某项工作的实施意见', '')
    >>> plan_title(["国务院办公厅关于印发某项改革重点任务分工方案的通知", "国办函〔2022〕5号", "各部门："])
    ('某项改革重点任务分工方案', '')
    >>> plan_title(["附件1", "《某县优化营商环境实施方案（2023-2025年）》重点任务分工表"])
    ('某县优化营商环境实施方案', '2023-2025')
    """
    joined = "".join(_title_block(front))
    if not _PLAN_WORDS.search(joined):
        joined = _opening_title(front)
    if not _PLAN_WORDS.search(joined) or _NOTICE_TITLE.search(joined):
        notice = next((m for text in [joined, *front] if (m := _NOTICE_TITLE.search(text))), None)
        joined = (notice["title"] or notice["bare"]) if notice else ""
    joined = table_plan(joined)
    period = _PERIOD.search(joined) or next((m for text in front if (m := _PERIOD.search(text))), None)
    title = _PERIOD.sub("", joined).strip()
    return title, f"{period['start']}-{period['end']}" if period else ""


def county_of(title: str) -> str:
    """The county (or district, city, banner) a title names, e.g. 新晃侗族自治县; empty if none.

    Examples
    --------
    >>> county_of("新晃侗族自治县全民科学素质行动规划纲要实施方案"), county_of("五台县全民科学素质实施方案")
    ('新晃侗族自治县', '五台县')
    """
    head = title[:12]
    ends = [i for i, char in enumerate(head) if char in "县区市旗"]
    return head[: ends[-1] + 1] if ends else ""


def expand_local(name: str, county: str) -> str:
    """Write a name the plan abbreviates to 县… with the county's full name.

    Examples
    --------
    >>> expand_local("县全民科学素质工作领导小组", "新晃侗族自治县")
    '新晃侗族自治县全民科学素质工作领导小组'
    >>> expand_local("五台县全民科学素质工作领导组", "五台县")
    '五台县全民科学素质工作领导组'
    """
    if county and not name.startswith(county) and name[:1] == county[-1]:
        return county + name[1:]
    return name


def find_issuer(texts: Sequence[str], county: str) -> str:
    """The body that leads the plan's work (e.g. 五台县全民科学素质工作领导组), first as mentioned.

    The name starts at the county (``五台县…``) or at its abbreviation (``县…``)
    nearest before 领导小组 / 领导组 / 联席会议, and is given with the county
    written out. Empty when the plan names no such body.

    Examples
    --------
    >>> find_issuer(["县科协发挥县全民科学素质工作领导小组办公室的作用。"], "新晃侗族自治县")
    '新晃侗族自治县全民科学素质工作领导小组'
    """
    if not county:
        return ""
    for text in texts:
        for match in _LEADING_BODY.finditer(text):
            before = text[: match.start()]
            start = max(before.rfind(county), before.rfind(county[-1]))
            if start < 0:
                continue
            name = before[start:] + match[0]
            if re.fullmatch(r"[\u4e00-\u9fff]{4,30}", name):
                return expand_local(name, county)
    return ""
