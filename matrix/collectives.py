"""Collective assignees: names that stand for a group of bodies, not for one department.

National and provincial plans assign work to 各省级人民政府, 各区（县）人民政府,
各有关部门和单位, 国务院相关部门; county plans to 各乡镇人民政府 or 县直各单位.
Such a name is kept whole, as written, as one assignee with its role: which
bodies it stands for is the registry's business, not the reader's. Readers use
:func:`is_collective` to keep the name whole and to list it in the import
report; the audit uses it to flag a measure whose only lead is a collective,
since nobody in particular answers for such a measure.
"""

from __future__ import annotations

import re

__all__ = ["REGION_PARTS", "is_collective", "join_region_lists"]

# 各… (各省级人民政府, 各地区, 各区（县）人民政府, 全区经济运行各专班), or an unnamed
# "concerned" body with or without its level: 有关部门, 国务院相关部门, 市级各有关部门, 县直各单位;
# the members of a body: 区疫情防控指挥部成员单位, 县创文工作领导小组成员单位.
_COLLECTIVE = re.compile(
    r"^各"
    r"|[^（(]各(?:有关|相关|成员|责任)?(?:部门|单位|地区|地|级|专班|乡镇|街道|机构|方面)"
    r"|^(?:国务院|中央|[省市县区州盟旗](?:直|级|委|政府)?)?(?:各)?(?:其他|其它)?(?:有关|相关|成员|责任)?(?:职能)?"
    r"(?:部门|单位|机构)(?:和(?:部门|单位|机构))?$"
    r"|(?:领导小组|指挥部|委员会|联席会议|工作专班)(?:各)?成员单位$"
)
# One of these makes a name ending in 部门 / 单位 a collective (县机构编制委员会办公室 is one body).
_VAGUE = re.compile(r"各|其他|其它|有关|相关|成员|直")

#: What may follow 各省 / 各县 in a list that names one collective: 各省、自治区、直辖市人民政府,
#: 各县、市、区政府, 各区、县级市. Each part is a kind of administrative area, nothing more.
REGION_PARTS = re.compile(
    r"^(?:省|自治区|直辖市|计划单列市|副省级城市|市|地级市|县级市|州|自治州|盟|县|自治县|区|旗|乡|镇|街道|"
    r"新疆生产建设兵团)(?:[（〔(][^）〕)]*[）〕)])?(?:人民政府|政府|党委和政府|党委|管委会|办事处)?$"
)


def is_collective(name: str) -> bool:
    """True for a name that stands for several bodies: 各省级人民政府, 有关部门, 县直各单位.

    Examples
    --------
    >>> [is_collective(n) for n in ("各省级人民政府", "各区（县）人民政府", "国务院相关部门", "县直各单位")]
    [True, True, True, True]
    >>> [is_collective(n) for n in ("县科协", "县委党校（县行政学校）", "省有关部门", "各县、市、区政府")]
    [False, False, True, True]
    >>> [is_collective(n) for n in ("省直其他有关部门和单位", "县机构编制委员会办公室", "市直单位")]
    [True, False, True]
    >>> [is_collective(n) for n in ("区疫情防控指挥部成员单位", "县创文工作领导小组成员单位", "县委员会办公室")]
    [True, True, False]
    """
    match = _COLLECTIVE.search(name)
    return bool(match) and (name.startswith("各") or bool(_VAGUE.search(match[0])))


# A piece that ends in 各 and an area kind, so that the next pieces may continue it: 各区 / …和各区
_OPEN_COLLECTIVE = re.compile(r"各(?:省|市|州|盟|县|区|旗|乡|镇|地)(?:[（〔(][^）〕)]*[）〕)])?$")
_CLOSING_SUFFIXES = ("政府", "党委", "管委会", "办事处")


def join_region_lists(pieces: list[str]) -> list[str]:
    """Pieces of a list cut at 、 put back together where they are one collective.

    ``各县``, ``市``, ``区政府`` → ``各县、市、区政府``; ``各区``, ``县级市`` →
    ``各区、县级市``: one assignee written as a list of area kinds, which every
    reader must keep whole (a department 县级市 does not exist).

    Examples
    --------
    >>> join_region_lists(["市财政局", "各省", "自治区", "直辖市人民政府", "县科协"])
    ['市财政局', '各省、自治区、直辖市人民政府', '县科协']
    >>> join_region_lists(["各区", "县级市"]), join_region_lists(["县科协", "市"])
    (['各区、县级市'], ['县科协', '市'])
    >>> join_region_lists(["各市〔州〕", "县〔市、区、特区〕人民政府"])
    ['各市〔州〕、县〔市、区、特区〕人民政府']
    """
    joined: list[str] = []
    open_list = False  # the last piece is a collective whose list of area kinds may go on
    for piece in pieces:
        stripped = piece.strip()
        if joined and (open_list or _OPEN_COLLECTIVE.search(joined[-1])) and REGION_PARTS.match(stripped):
            joined[-1] = f"{joined[-1]}、{stripped}"
            open_list = not stripped.endswith(_CLOSING_SUFFIXES)
        else:
            joined.append(piece)
            open_list = False
    return joined
