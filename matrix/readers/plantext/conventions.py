"""Assignment conventions: who leads when a bracket lists several bodies under one verb.

Plans write ``（甲部、乙委、丙局等按职责分工负责）`` or ``（责任单位：甲部、乙委）``
and mean one of two things, which only the plan can say:

- **first listed leads**: declared once, usually inside the first bracket
  (``列第一位者为牵头单位，下同``, ``排在第一位的部门为牵头部门``, ``第一个单位为牵头单位``);
  甲部 leads, the others cooperate;
- **all listed lead**: ``无牵头单位的，责任单位即为牵头单位``; every body named is responsible.

A bracket that names its leads (``甲部牵头，乙委、丙局按职责分工负责``, ``甲部、乙委牵头负责``,
``牵头单位：甲部；责任单位：乙委``) needs no convention: the named leads lead and the
bodies that are merely 负责 cooperate. One body alone leads whatever the wording.

When the plan declares nothing, the importer applies :data:`DEFAULT` (every
body listed leads, which is what the words say) and reports each measure it
applied it to; ``raci import --first-listed-leads`` or ``--all-lead`` (or
``raci: listed_leads:`` in the plan YAML) is the office's decision. Each rule is
a small function below; :func:`decide` picks one for a bracket and says which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Location

__all__ = [
    "ALL_LEAD",
    "DEFAULT",
    "FIRST_LISTED",
    "RULE_LABELS",
    "Convention",
    "Decision",
    "Declaration",
    "all_lead",
    "decide",
    "find_declaration",
    "first_listed",
    "strip_declaration",
]

FIRST_LISTED, ALL_LEAD = "first", "all"
#: The reading of an undeclared list: every body listed leads, as the verb 负责 says.
DEFAULT = ALL_LEAD

#: How each rule is named in the import report (--explain).
RULE_LABELS = {
    "explicit": "明示牵头（牵头/主办/牵头单位）",
    "single": "仅列一个单位",
    FIRST_LISTED: "列第一位者为牵头单位",
    ALL_LEAD: "所列单位均为牵头单位",
    "columns": "任务分工表的牵头/配合列",
}

# 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 排名第一的为牵头单位 / 第一个单位为牵头单位 / 列首位的为牵头单位
_FIRST = re.compile(
    r"(?:列|排名?|排列|位列|位于|名列)?在?(?:第一位|首位|第一个|第一|前面)(?:的|者)?(?:责任|牵头)?(?:单位|部门)?"
    r"(?:为|是|系)(?:牵头|主责|主办)(?:单位|部门)?"
)
# 无牵头单位的，责任单位即为牵头单位 / 所列单位均为牵头单位
_ALL = re.compile(r"(?:责任单位|所列单位|列出的单位)(?:即|均|都)为(?:牵头|责任)(?:单位|部门)")
# What may follow a declaration in its sentence: 其他为配合单位, 下同, 以下同, 其他部门和单位按职责分工负责.
_DECLARATION_TAIL = re.compile(
    r"^(?:其他|其余|其它)(?:单位|部门)?(?:为|是)(?:配合|参与|协办|责任)(?:单位|部门)$|^(?:以下|下)均?同$"
    r"|^(?:其他|其余|其它)(?:有关|相关)?(?:单位|部门)(?:和单位|和部门)?(?:按照?职责分工负责|配合)$"
)
_CLAUSE_SEPARATORS = re.compile(r"[，,；;。]")
# A remark in brackets inside a list: 市卫生健康委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）
_REMARK = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Declaration:
    """What a plan says about its lists, where, and in which words."""

    listed: str
    text: str
    location: Location


@dataclass(frozen=True)
class Convention:
    """The reading in force for undifferentiated lists, and why: ``declared``, ``chosen`` or ``default``."""

    listed: str = DEFAULT
    source: str = "default"
    declaration: Declaration | None = None


@dataclass(frozen=True)
class Decision:
    """Who leads and who cooperates, and which rule said so."""

    leads: tuple[str, ...]
    cooperators: tuple[str, ...]
    rule: str


def _declares(text: str) -> str | None:
    if _FIRST.search(text):
        return FIRST_LISTED
    if _ALL.search(text):
        return ALL_LEAD
    return None


def find_declaration(texts: Sequence[tuple[str, Location]]) -> Declaration | None:
    """The first declaration of a list convention among the plan's lines, cells and headers.

    Examples
    --------
    >>> where = Location("p.txt", 3)
    >>> find_declaration([("（甲部、乙委等负责，列第一位者为牵头单位，下同）", where)]).listed
    'first'
    >>> find_declaration([("牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要统筹", where)]).listed
    'all'
    >>> find_declaration([("责任分解中，列第一位的责任单位为牵头单位或汇总单位。", where)]).listed
    'first'
    >>> find_declaration([("开展第一次普查。", where)]) is None
    True
    """
    for text, location in texts:
        if listed := _declares(text):
            match = _FIRST.search(text) or _ALL.search(text)
            return Declaration(listed, match[0] if match else text, location)
    return None


def strip_declaration(content: str) -> tuple[str, bool]:
    """A bracket's content without the declaration clause it carries, and whether it carried one.

    Examples
    --------
    >>> strip_declaration("甲部、乙委等按职责分工负责，列第一位者为牵头单位，下同")
    ('甲部、乙委等按职责分工负责', True)
    >>> strip_declaration("甲部牵头，乙委配合")
    ('甲部牵头，乙委配合', False)

    A declaration written as a remark in brackets after the last name goes
    with its brackets, whatever else the remark says:

    >>> strip_declaration("甲部、乙委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）")
    ('甲部、乙委', True)
    """
    if _declares(content) is None:
        return content, False
    without = _REMARK.sub(lambda remark: "" if _declares(remark[0]) else remark[0], content)
    if without != content:
        return strip_declaration(without)[0], True
    kept: list[str] = []
    position = 0
    found = False
    for match in [*_CLAUSE_SEPARATORS.finditer(content), None]:
        end = match.start() if match else len(content)
        clause = content[position:end].strip()
        separator = match[0] if match else ""
        if _declares(clause) or (found and _DECLARATION_TAIL.match(clause)):
            found = True
        elif clause:
            kept.append(clause + separator)
        position = end + len(separator)
    return "".join(kept).rstrip("，,；;"), True


def first_listed(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first body leads, the others cooperate.

    >>> first_listed(["甲部", "乙委", "丙局"])
    (('甲部',), ('乙委', '丙局'))
    """
    return tuple(names[:1]), tuple(names[1:])


def all_lead(names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every body listed leads.

    >>> all_lead(["甲部", "乙委"])
    (('甲部', '乙委'), ())
    """
    return tuple(names), ()


_RULES = {FIRST_LISTED: first_listed, ALL_LEAD: all_lead}


def decide(
    explicit: Sequence[str],
    responsible: Sequence[str],
    cooperators: Sequence[str],
    listed: str = DEFAULT,
) -> Decision:
    """Leads and cooperators of one assignment from its three kinds of names.

    Parameters
    ----------
    explicit
        Bodies the text names as leads (牵头, 主办, 牵头单位：, 甲局（牵头）, 共同负责).
    responsible
        Bodies that are only 负责 / 按职责分工负责 / listed as 责任单位.
    cooperators
        Bodies that 配合 / 参加 / 协办.
    listed
        The reading of a list of responsible bodies when no lead is named:
        :data:`FIRST_LISTED` or :data:`ALL_LEAD`.

    Examples
    --------
    >>> decide(["甲部"], ["乙委", "丙局"], []).cooperators
    ('乙委', '丙局')
    >>> decide([], ["甲部", "乙委"], ["丁办"], FIRST_LISTED)
    Decision(leads=('甲部',), cooperators=('乙委', '丁办'), rule='first')
    >>> decide([], ["甲部", "乙委"], []).rule
    'all'
    """
    if explicit:
        return Decision(tuple(explicit), (*responsible, *cooperators), "explicit")
    if len(responsible) <= 1:
        return Decision(tuple(responsible), tuple(cooperators), "single")
    leads, others = _RULES[listed](responsible)
    return Decision(leads, (*others, *cooperators), listed)
