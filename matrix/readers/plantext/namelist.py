"""The names in one group of an assignment: ``县教科局、县科协`` → two departments.

The list is cut as every reader cuts one (:func:`matrix.names.split_departments`:
at 、，；, and at line breaks inside a table cell; a space, tab or U+3000 between
two names stays in the name and is reported, never deleted; collectives stay
whole, ``各县、市、区政府`` is one assignee, not three;
``甲局、乙局等省有关部门和各地级以上市人民政府`` names two departments and two
collectives). On top of that, plan text carries more than names: a lead marked
in the list (``甲局（牵头）``) and a time (``6月底完成``). A bracket, quote or
title mark without its partner would swallow the separators after it, so such
a list is reported and not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...names import normalise_name, split_departments
from ...punctuation import unbalanced
from ...raci import RaciConfig

__all__ = ["Names", "is_time", "split_names"]

# Typists mix half- and full-width brackets in one name: 县委党校(县行政学校）
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})
# A name marked as the lead inside a list: 甲局（牵头）、乙局
_LEAD_MARK = re.compile(r"[（(](?:牵头|牵头单位|牵头部门|主责|主办)[）)]$")
# A time written among the names: 6月底完成 / 2025年底前 / 年内完成 / 长期坚持
_TIME = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:底|末|中旬|上旬|下旬|年底|年内)?(?:长期|持续|每年|每季度|每月)?(?:前|以前)?"
    r"(?:完成|启动|推进|坚持|实施)?$"
)


@dataclass(frozen=True)
class Names:
    """The names of one group in the plan's order; ``marked`` those written as 甲局（牵头）.

    ``times`` holds what the list says about when (``6月底完成``), which is no body.
    """

    names: tuple[str, ...] = ()
    marked: tuple[str, ...] = ()
    problem: str | None = None
    times: tuple[str, ...] = ()


def is_time(text: str) -> bool:
    """True for a clause that only says when: 6月底完成, 2025年底前, 年内完成, 长期坚持, 持续推进.

    >>> is_time("6月底完成"), is_time("2025年底前完成"), is_time("持续推进"), is_time("县财政局")
    (True, True, True, False)
    >>> is_time("年内持续推进"), is_time("长期坚持")
    (True, True)
    """
    return bool(text) and bool(re.search(r"\d|年|月|底|内|完成|坚持|推进", text)) and bool(_TIME.match(text))


def split_names(text: str, config: RaciConfig | None = None) -> Names:
    """Read the names of one group.

    Examples
    --------
    >>> split_names("县科协\\n县民政局、县妇联").names
    ('县科协', '县民政局', '县妇联')
    >>> split_names("县科协 县民政局").names  # a space between two names stays, for name_problem to report
    ('县科协 县民政局',)
    >>> split_names("中新苏滁高新区管委会等，各县、市、区政府").names
    ('中新苏滁高新区管委会', '各县、市、区政府')
    >>> split_names("各省、自治区、直辖市人民政府、国家发展改革委").names
    ('各省、自治区、直辖市人民政府', '国家发展改革委')
    >>> split_names("能源局等省有关部门和各地级以上市人民政府").names
    ('能源局', '省有关部门', '各地级以上市人民政府')
    >>> split_names("省财政厅和省税务局、县人力资源和社会保障局、县委党校(县行政学校）").names
    ('省财政厅', '省税务局', '县人力资源和社会保障局', '县委党校（县行政学校）')
    >>> split_names("甲局（牵头）、乙局").marked
    ('甲局',)
    >>> split_names("州委编办及州直相关单位，各县市人民政府，6月底完成")
    Names(names=('州委编办', '州直相关单位', '各县市人民政府'), marked=(), problem=None, times=('6月底完成',))
    >>> split_names("县科协）、（县妇联").problem
    "单位名单中的'）'没有配对的括号或引号，无法分开各单位：县科协）、（县妇联 (unbalanced bracket or quote)"
    """
    text = text.translate(_FULL_WIDTH)
    if mark := unbalanced(text):
        return Names(
            problem=f"单位名单中的'{mark}'没有配对的括号或引号，无法分开各单位：{text.strip()} "
            "(unbalanced bracket or quote)"
        )
    pieces = split_departments(text, config)
    names: list[str] = []
    marked: list[str] = []
    times: list[str] = []
    for piece in pieces:
        if is_time(piece):
            times.append(piece)
            continue
        lead = _LEAD_MARK.search(piece)
        name = normalise_name(piece[: lead.start()], config) if lead else piece
        names.append(name)
        if lead:
            marked.append(name)
    return Names(tuple(names), tuple(marked), times=tuple(times))
