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

__all__ = ["REGION_PARTS", "is_collective"]

# 各… (各省级人民政府, 各地区, 各区（县）人民政府, 全区经济运行各专班), or an unnamed
# "concerned" body with or without its level: 有关部门, 国务院相关部门, 市级各有关部门, 县直各单位.
_COLLECTIVE = re.compile(
    r"^各"
    r"|[^（(]各(?:有关|相关|成员|责任)?(?:部门|单位|地区|地|级|专班|乡镇|街道|机构|方面)"
    r"|^(?:国务院|中央|[省市县区州盟旗](?:直|级|委)?)?"
    r"(?:各)?(?:有关|相关|其他|其它|成员)(?:职能)?(?:部门|单位|机构)"
)

#: What may follow 各省 / 各县 in a list that names one collective: 各省、自治区、直辖市人民政府,
#: 各县、市、区政府, 各区、县级市. Each part is a kind of administrative area, nothing more.
REGION_PARTS = re.compile(
    r"^(?:省|自治区|直辖市|计划单列市|副省级城市|市|地级市|县级市|州|自治州|盟|县|自治县|区|旗|乡|镇|街道|"
    r"新疆生产建设兵团)(?:人民政府|政府|党委和政府|党委|管委会|办事处)?$"
)


def is_collective(name: str) -> bool:
    """True for a name that stands for several bodies: 各省级人民政府, 有关部门, 县直各单位.

    Examples
    --------
    >>> [is_collective(n) for n in ("各省级人民政府", "各区（县）人民政府", "国务院相关部门", "县直各单位")]
    [True, True, True, True]
    >>> [is_collective(n) for n in ("县科协", "县委党校（县行政学校）", "省有关部门", "各县、市、区政府")]
    [False, False, True, True]
    """
    return bool(_COLLECTIVE.search(name))
