"""Assignment brackets: who leads and who cooperates, as the plan writes it.

Two styles occur, often in the same county:

- per measure, at the end of its paragraph:
  ``……能力。（县教科局、县科协牵头，县工信局、团县委等单位配合）``
- per block, on a line of its own after the measures it covers:
  ``（责任分工：由县教育局、团县委、县科协牵头，……等单位参加。）``, also
  without the 责任分工： label, and, in tables or tidier plans, as labels:
  ``（牵头单位：县教育局；配合单位：县科协）``.

and in national and provincial plans, with one verb for every body listed:
``（甲部、乙委、丙局等按职责分工负责）``, ``（责任单位：甲部、乙委）``, read by the plan's
convention (:mod:`.conventions`); and as labels on lines of their own under a
measure: ``牵头单位：甲局`` / ``责任单位：乙局、丙局``.

The verbs come from :class:`~matrix.raci.RaciConfig`, so a plan that writes
协办 or 主责 is read the same way the RACI mapping reads it; this module only
finds the names and the verb that follows them, and sorts them into bodies
named as leads, bodies that are only 负责, and cooperating bodies, for
:func:`~.conventions.decide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...leaders import split_leaders
from ...names import BODY_END, NOBODY_WORDS, looks_like_body, name_problem, name_verbs, normalise_name
from ...punctuation import split_outside_brackets
from ...raci import COOPERATE, LEAD, RaciConfig
from .conventions import DEFAULT, decide, strip_declaration
from .namelist import is_time, split_names

__all__ = [
    "ROLE_NOUNS",
    "ParsedAssignment",
    "assignment_brackets",
    "assignment_line",
    "closing_assignment",
    "heading_assignment",
    "is_assignment",
    "label_line",
    "parse_assignment",
    "parse_columns",
    "split_at_brackets",
    "time_line",
    "trailing_bracket",
]

# Closing bracket → its opener; some offices close a measure with [牵头单位:…;责任单位:…] or 【…】.
_OPENERS = {"）": "（", ")": "(", "】": "【", "]": "["}

# The label a block assignment may carry before its names: 责任分工：由…
_BLOCK_LABEL = re.compile(r"^(?:责任分工|职责分工|部门分工|分工)\s*[：:]\s*")

# A line that is a block assignment without brackets: 责任分工：… (role labels: see label_line)
_BARE_BLOCK = re.compile(r"^(?:责任分工|职责分工)\s*[：:]")
# A label whose list says each body's role with its own verbs: 部门分工：省发展改革委牵头，各地、各部门配合。
_DIVISION_LABEL = re.compile(r"部门分工\s*[：:]\s*")
# A label that says when, beside the bodies' labels: （责任单位：县教育局；完成时限：2025年6月底）
_TIME_LABEL = re.compile(r"(?:完成)?(?:时限|时间|期限|时间节点)\s*[：:]\s*")

# A line naming its lead body: 县消防救援大队为牵头单位，县住建局、县教育局为配合单位。
_AS_LEAD = re.compile(r"^[^。；;，,]{2,60}?为(?:牵头|主办|主责)(?:单位|部门)")

# Words between the names and the verb that do not change the role:
# 按职责分工负责, 按照各自职责负责, 按分工负责, 依职责负责, 根据职责分工负责, 按职能职责负责, 分别牵头, 共同负责.
_QUALIFIER = (
    r"(?P<qualifier>(?:按照?|依照?|根据|依据)(?:各自的?)?(?:工作)?(?:职能|职责|分工){1,3}|分别|共同|具体|牵头)?"
)
# What a name never holds: words of a qualifier glued to it (县文旅局按分工), which the list grammar did not know.
_QUALIFIER_WORDS = re.compile(r"职责|职能|分工")
# 甲部会同乙委负责: 甲部 leads, 乙委 cooperates.
_TOGETHER_WITH = re.compile(
    r"(?P<lead>[^，,；;]+?)会同(?P<with>[^，,；;]+?)(?:按职责分工|共同)?(?:负责|落实|实施|推进)(?:落实|实施|推进)?"
    r"(?=[，,；;。]|$)"
)
# What may follow the verb without changing the role: 牵头落实, 负责组织实施.
_CARRY_OUT = r"(?:组织实施|落实|实施|推进)"
# Asides in a bracket that assign nothing to this measure: 以下均需各地区落实，不再列出.
# 以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出.
_ASIDE = re.compile(
    r"^(?:以下|下文)(?:均|都)?需?(?:各地区|各地)?(?:负责)?落实$"
    r"|^(?:均|都)?需(?:各地区|各地)?(?:负责)?落实$"
    r"|^(?:以下|下文)[^，,；;。]{0,8}?(?:均|都)需[^，,；;。]{2,40}?落实$"
    r"|^不再(?:单独|一一|另行)?列出$"
    r"|^(?:以下|下)均?同$"
)
# A sentence of its own in a bracket that says who is left unnamed, and so names nobody:
# 明确牵头部门的，其他有关部门配合，不逐一列出，下同.
_UNLISTED = re.compile(r"^[^。]*不(?:再)?(?:单独|一一|逐一|另行)?列出(?:[，,](?:以下|下)均?同)?$")
# Officials a bracket may name beside the bodies (分管副省长、协管副秘书长负责): leaders, not departments.
_OFFICIAL = re.compile(r"(?:(?:省|市|州|盟|县|区|旗|乡|镇)长|秘书长|(?:省|市|州|县|区)领导|书记)$")

# Qualifiers that make every body of a 负责 group a lead: 共同负责, 分别负责.
_JOINT = ("分别", "共同", "牵头")

# A leading official, not a body: 牵头负责领导：金力。 / 责任领导：
_LEADER_LABEL = re.compile(r"(?:牵头|责任|分管|包抓|联系)?(?:负责)?(?:市|县|区|省)?领导\s*[：:]\s*")

_SEPARATORS = "，,；;。."

# Stands in for a verb that is part of a body's name (the 协办 of 县政协办) while verbs are looked for.
_IN_NAME = "\ue000"

#: Role nouns → the verb each stands for: 责任单位 means the same as 负责单位.
ROLE_NOUNS = {"责任": "负责", "协同": "协办"}
# Verbs that make a body responsible without saying it leads: the convention decides.
_RESPONSIBLE = ("负责",)

EXPLICIT, RESPONSIBLE, LEADER = "explicit", "responsible", "leader"
_WHEN = "when"  # the group of a time label: its text is the measure's deadline
# A label's list that says nobody: 配合单位：无 / 暂无 / — (a body named 无 was read before)
_NOBODY = re.compile(rf"^(?:{'|'.join(NOBODY_WORDS)}|/|／|-|－|—+|─+)$")


@dataclass(frozen=True)
class ParsedAssignment:
    """Departments named by one bracket, why any part of it could not be read, and how it was decided.

    ``rule`` names the rule of :mod:`.conventions` that gave the leads
    (``explicit``, ``single``, ``first``, ``all`` or ``columns``); ``text`` is
    the assignment as written; ``leaders`` are leading officials named beside
    the bodies (牵头负责领导：…), which are not departments; ``deadline`` a time
    written among the names.
    """

    leads: tuple[str, ...] = ()
    cooperators: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    rule: str = ""
    text: str = ""
    leaders: tuple[str, ...] = ()
    #: When the assignment says the work is due (``6月底完成`` among the names).
    deadline: str = ""


def trailing_bracket(text: str) -> tuple[str, str] | None:
    """Split a paragraph into the text before its final bracket and the bracket's content.

    Brackets inside the final one (``县委党校（县行政学校）``) are matched, so
    the split is at the right opening bracket. ``None`` when the paragraph
    does not end in a bracket.

    Examples
    --------
    >>> trailing_bracket("提升能力。（县教科局牵头，县委党校（县行政学校）等单位配合）。")
    ('提升能力。', '县教科局牵头，县委党校（县行政学校）等单位配合')
    >>> trailing_bracket("开展科技小论文（发明、制作）等活动。") is None
    True
    >>> trailing_bracket("抓好防控。[牵头单位:区卫健局;责任单位:各街办(新区)]")
    ('抓好防控。', '牵头单位:区卫健局;责任单位:各街办(新区)')
    """
    stripped = text.rstrip().rstrip("。；; \u3000")
    if not stripped or stripped[-1] not in _OPENERS:
        return None
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        char = stripped[index]
        if char in _OPENERS:
            depth += 1
        elif char in _OPENERS.values():
            depth -= 1
            if depth == 0:
                return stripped[:index].rstrip(), stripped[index + 1 : -1].strip()
    return None


def _top_level_brackets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost （…）, (…), 【…】 or […] in ``text``, ``end`` past the closing bracket."""
    spans = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in _OPENERS.values():
            if depth == 0:
                start = index
            depth += 1
        elif char in _OPENERS and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def assignment_brackets(text: str, config: RaciConfig | None = None) -> list[tuple[int, int, str]]:
    """(start, end, content) of each outermost bracket in ``text`` that assigns work.

    Examples
    --------
    >>> [c for _, _, c in assignment_brackets("开展宣传（含科普日）。（县科协牵头）建设阵地。（县教育局牵头）")]
    ['县科协牵头', '县教育局牵头']
    """
    config = config or RaciConfig()
    return [
        (start, end, text[start + 1 : end - 1].strip())
        for start, end in _top_level_brackets(text)
        if is_assignment(text[start + 1 : end - 1].strip(), config)
    ]


def split_at_brackets(text: str, config: RaciConfig | None = None) -> list[str]:
    """A paragraph that carries several assignment brackets, cut after each one.

    ``一是开展宣传（甲局牵头）；二是建设阵地（乙局牵头）。`` assigns two pieces of
    work to two bodies: reading only the last bracket would lose the first
    silently. Text after the last bracket stays with the last piece. A
    paragraph with one bracket or none comes back whole.

    Examples
    --------
    >>> split_at_brackets("一是开展宣传（县科协牵头）；二是建设阵地（县教育局牵头）。")
    ['一是开展宣传（县科协牵头）；', '二是建设阵地（县教育局牵头）。']
    >>> split_at_brackets("开展宣传。（县科协牵头）")
    ['开展宣传。（县科协牵头）']
    """
    found = assignment_brackets(text, config)
    if len(found) < 2:
        return [text]
    pieces = []
    position = 0
    for _, end, _ in found:
        while end < len(text) and text[end] in "。；;，, \u3000":
            end += 1
        pieces.append(text[position:end])
        position = end
    if text[position:].strip():
        pieces[-1] += text[position:]
    return [piece.strip() for piece in pieces if piece.strip()]


def _verbs_only(text: str, config: RaciConfig) -> str:
    """``text`` with every verb that is part of a body's name (县政协办) masked, same length, for finding verbs.

    >>> _verbs_only("县政协办牵头", RaciConfig()) == "县政" + _IN_NAME * 2 + "牵头"
    True
    """
    masked = list(text)
    for start, end in name_verbs(text, [verb for verb, _ in config.verbs]):
        masked[start:end] = _IN_NAME * (end - start)
    return "".join(masked)


def _verb_pattern(config: RaciConfig) -> str:
    verbs = sorted((verb for verb, _ in config.verbs), key=len, reverse=True)
    return "|".join(map(re.escape, ["负总责", *verbs]))


def _label_pattern(config: RaciConfig) -> re.Pattern[str]:
    # 牵头单位： / 配合部门： / 责任单位： / 牵头责任单位： / 协同责任单位： / 主要协作单位：
    # and in a bureau's own plan, its sections: 责任科室： / 牵头处室： / 配合股室：
    words = "|".join(map(re.escape, [*ROLE_NOUNS, *(verb for verb, _ in config.verbs)]))
    return re.compile(
        rf"(?P<rank>主要|其他|其它)?(?P<verb>{words})(?:责任|负责)?(?:单位|部门|主体|科室|处室|股室)\s*[：:]\s*"
    )


# 主要责任单位：甲局；其他责任单位：乙局 — the rank in front of a 责任 label says who leads.
_RANKED = {"主要": EXPLICIT, "其他": COOPERATE, "其它": COOPERATE}


def label_line(text: str, config: RaciConfig | None = None) -> bool:
    """True for a line that starts with a role label: 牵头单位： / 主要协作单位： / 牵头负责领导：

    Examples
    --------
    >>> label_line("主要协作单位:各乡镇人民政府"), label_line("牵头负责领导：刘某。"), label_line("牵头抓总。")
    (True, True, False)
    >>> label_line("分管省领导:林某"), label_line("部门分工:省发展改革委牵头,各地、各部门配合。")
    (True, True)
    >>> label_line("牵头处室：规划处"), label_line("责任科室:组干科、机关党委")
    (True, True)
    """
    text = text.strip()
    return bool(
        _label_pattern(config or RaciConfig()).match(text) or _LEADER_LABEL.match(text) or _DIVISION_LABEL.match(text)
    )


def time_line(text: str) -> bool:
    """True for a line that only says when, as a label: 完成时限：2025年6月底 / 时间节点：年底前.

    Under a measure's label lines it belongs to them (its text is the deadline).

    Examples
    --------
    >>> time_line("完成时限：2025年6月底"), time_line("时间节点:持续推进"), time_line("完成时限较紧。")
    (True, True, False)
    """
    return bool(_TIME_LABEL.match(text.strip()))


# The closing clause of a measure that assigns it in a sentence, as the State Council's 分工 notices write:
# ……的问题，由国土资源部会同农业部等部门负责落实。 / ……，由发展改革委会同财政部研究提出落实意见。 / ……，由教育部负责。
_BY_TOGETHER = re.compile(
    r"^由(?P<lead>[^，,；;。]+?)会同(?P<with>[^，,；;。]+?)(?:等(?:有关)?(?:部门|单位))?"
    r"(?:按职责分工|共同)?(?:负责|研究|落实|制定|推进|组织|提出|开展|抓好|做好)[^，,；;。]*$"
)
_BY_RESPONSIBLE = re.compile(rf"^由(?P<names>[^，,；;。]+?)(?:牵头)?负责{_CARRY_OUT}?$")


def closing_assignment(text: str, config: RaciConfig | None = None) -> tuple[str, str] | None:
    """The assignment a measure states in its closing clause instead of a bracket: as a bracket would hold
    it, and the clause as written.

    Only a clause that begins with 由 and reads without a problem counts, so
    that prose such as 由点到面推进 assigns nothing.

    Examples
    --------
    >>> closing_assignment("关于耕地保护的问题，由国土资源部会同农业部等部门负责落实。")
    ('国土资源部牵头，农业部配合', '由国土资源部会同农业部等部门负责落实')
    >>> closing_assignment("提出落实意见，由发展改革委会同中央农办、财政部研究提出落实意见。")[0]
    '发展改革委牵头，中央农办、财政部配合'
    >>> closing_assignment("关于标准的问题，由市场监管总局负责。")[0]
    '市场监管总局负责'
    >>> closing_assignment("试点工作由点到面推进。") is None
    True
    """
    clause = re.split(r"[，,；;]", text.strip().rstrip("。．. "))[-1].strip()
    if match := _BY_TOGETHER.match(clause):
        content = f"{match['lead']}牵头，{match['with']}配合"
    elif match := _BY_RESPONSIBLE.match(clause):
        content = f"{match['names']}负责"
    else:
        return None
    parsed = parse_assignment(content, config)
    return (content, clause) if parsed.leads and not parsed.problems else None


# A heading that groups the tasks of one lead: 一、县示范区管委会牵头工作（8项） / （二）县发改局负责的任务
_LEAD_HEADING = re.compile(
    r"^(?P<names>[^，,；;。（(]{2,60}?)(?P<verb>牵头|负责)"
    r"(?:的?(?:工作|任务|事项)(?:[（(]\d+项[）)])?|[（(]\d+项[）)])$"
)
# How a chapter heading that is a goal, not a body, begins: 落实属地负责工作, 明确牵头事项, 由…牵头的工作
_HEADING_VERB = re.compile(r"^(?:由|落实|压实|强化|明确|健全|完善|加强|推进|坚持|建立|实行|严格|需要|突出|夯实)")


def heading_assignment(title: str, config: RaciConfig | None = None) -> str | None:
    """The assignment of a heading that names the lead of every task under it, as a bracket would hold it.

    Only a heading whose every name ends as bodies' names do (局, 委, 管委会,
    人民政府…) and does not open with a verb is read so; 落实属地负责工作 and
    压实部门负责任务 are the goals of a chapter, and their tasks stay
    unassigned (and are reported) rather than led by 落实属地.

    Examples
    --------
    >>> heading_assignment("县示范区管委会牵头工作(8项)")
    '县示范区管委会牵头'
    >>> heading_assignment("县发改局、县财政局负责的任务"), heading_assignment("县住建局牵头（3项）")
    ('县发改局、县财政局负责', '县住建局牵头')
    >>> goals = ("加快推进重点工作", "落实属地负责工作", "压实部门负责任务", "强化政府负责工作")
    >>> [heading_assignment(t) for t in goals]
    [None, None, None, None]
    """
    match = _LEAD_HEADING.match(title.strip())
    if match is None or _HEADING_VERB.match(match["names"]):
        return None
    content = f"{match['names']}{match['verb']}"
    parsed = parse_assignment(content, config)
    named = (*parsed.leads, *parsed.cooperators)
    if parsed.problems or not parsed.leads or not all(BODY_END.search(name) for name in named):
        return None
    return content


def is_assignment(content: str, config: RaciConfig | None = None) -> bool:
    """True when a bracket's content assigns work.

    It does when it names a lead verb or a role label, or when it ends in a
    cooperating verb after names that end the way bodies' names do
    (``（县科协配合）``, an assignment that lacks its lead; ``（县教育局主抓，县科协配合）``,
    whose lead verb is not in the mapping, so that it is reported, not taken for prose).
    A bracket such as ``（鼓励群众参与）`` is prose. A bracket with 牵头 is an assignment even if it
    cannot be parsed, so that it is reported rather than left in the text.

    Examples
    --------
    >>> is_assignment("县教科局牵头，县科协配合"), is_assignment("县科协配合"), is_assignment("鼓励群众参与")
    (True, True, False)
    >>> is_assignment("发明、制作"), is_assignment("县教育局主抓，县科协配合")
    (False, True)
    """
    config = config or RaciConfig()
    leads = "|".join(map(re.escape, ["负总责", *config.verbs_of(LEAD)]))
    if _BLOCK_LABEL.match(content) or _label_pattern(config).search(content) or re.search(leads, content):
        return True
    cooperate = "|".join(map(re.escape, config.verbs_of(COOPERATE)))
    content = content.strip()
    tail = re.search(rf"^(?P<names>.+?)(?:{cooperate})+[。；;]?$", _verbs_only(content, config))
    # the names right before the verb; a clause before them may hold a verb the mapping lacks (县教育局主抓，)
    names = split_outside_brackets(content[: tail.end("names")], "，,；;。")[-1] if tail else ""
    return tail is not None and all(looks_like_body(name) for name in split_names(names, config).names)


def assignment_line(text: str, config: RaciConfig | None = None) -> str | None:
    """The assignment a whole line states, for block assignments; ``None`` for other lines.

    Examples
    --------
    >>> assignment_line("（由县委组织部牵头，县委党校（县行政学校）等单位参加。）")
    '由县委组织部牵头，县委党校（县行政学校）等单位参加。'
    >>> assignment_line("责任分工：由县教育局牵头。")
    '责任分工：由县教育局牵头。'
    >>> assignment_line("牵头单位：区发改局")
    '牵头单位：区发改局'
    >>> assignment_line("县消防救援大队为牵头单位，县住建局为配合单位。")
    '县消防救援大队为牵头单位，县住建局为配合单位。'
    >>> assignment_line("（2021-2025年）") is None
    True
    """
    config = config or RaciConfig()
    split = trailing_bracket(text)
    if split is not None and not split[0] and is_assignment(split[1], config):
        return split[1]
    if _BARE_BLOCK.match(text.strip()) or label_line(text, config) or _AS_LEAD.match(text.strip()):
        return text.strip()
    return None


def _kind(verb: str, qualifier: str | None, config: RaciConfig) -> str | None:
    """EXPLICIT, RESPONSIBLE, COOPERATE or None for the first verb of a group."""
    verb = ROLE_NOUNS.get(verb, verb)
    if verb == "负总责":
        return EXPLICIT
    kind = config.kind_of(verb)
    if kind == LEAD:
        return RESPONSIBLE if verb in _RESPONSIBLE and qualifier not in _JOINT else EXPLICIT
    return kind


def _labelled(body: str, config: RaciConfig) -> tuple[list[tuple[str | None, str, str]], str] | None:
    """(kind, verb, names) for each label of ``牵头单位：甲局；责任单位：乙局``; None without labels."""
    marks = sorted(
        [(m.start(), m.end(), m["verb"], m["rank"]) for m in _label_pattern(config).finditer(body)]
        + [(m.start(), m.end(), LEADER, None) for m in _LEADER_LABEL.finditer(body)]
        + [(m.start(), m.end(), "部门分工", None) for m in _DIVISION_LABEL.finditer(body)]
    )
    if not marks:
        return None
    marks += [(m.start(), m.end(), _WHEN, None) for m in _TIME_LABEL.finditer(body)]
    marks.sort()
    leftover = body[: marks[0][0]].strip(_SEPARATORS + " ")
    groups: list[tuple[str | None, str, str]] = []
    if leftover:
        # verbs before the first label: 市教育局牵头，市财政局配合；责任领导：李四
        written, rest = _verb_groups(leftover, config)
        if written and not rest:
            groups, leftover = written, ""
    for (_, end, verb, rank), following in zip(marks, [*marks[1:], None], strict=True):
        stop = following[0] if following else len(body)
        if verb in (LEADER, _WHEN):
            groups.append((verb, verb, body[end:stop]))
            continue
        kind = None if verb == "部门分工" else _ranked(verb, rank, config)
        groups.extend(_listed(kind, verb, body[end:stop], config))
    return groups, leftover


def _listed(kind: str | None, verb: str, text: str, config: RaciConfig) -> list[tuple[str | None, str, str]]:
    """The groups of a label's list or a table cell: by the verbs the list carries when it reads by them
    (责任单位：甲局、乙局分别牵头 / 甲局牵头，乙局配合), else all of ``kind``."""
    written, rest = _verb_groups(text.strip(_SEPARATORS + " "), config)
    return written if written and not rest else [(kind, verb, text)]


def _ranked(verb: str, rank: str | None, config: RaciConfig) -> str | None:
    """The kind of a label: 主要责任单位 leads and 其他责任单位 cooperates, whatever the convention.

    A rank before a verb that already says the role (主要牵头单位, 主要协作单位) changes nothing.
    """
    kind = _kind(verb, None, config)
    return _RANKED[rank] if rank and kind == RESPONSIBLE else kind


def _groups(body: str, config: RaciConfig) -> tuple[list[tuple[str | None, str, str]], str]:
    """(kind, verb, names) triples in the order written, and whatever text was left unread."""
    labelled = _labelled(body, config)
    if labelled is not None:
        return labelled
    return _verb_groups(body, config)


def _verb_groups(body: str, config: RaciConfig) -> tuple[list[tuple[str | None, str, str]], str]:
    """(kind, verb, names) for each group of names followed by its verb, and the text left unread."""
    verbs = _verb_pattern(config)
    roles = "|".join(map(re.escape, [*ROLE_NOUNS, *(verb for verb, _ in config.verbs)]))
    # names, an optional qualifier, one or more verbs, then a separator or the end:
    # 县教科局、县科协牵头，  /  县财政局按职责分工负责。  /  甲局为牵头单位，
    group = re.compile(
        rf"\s*(?P<names>.*?)(?:为(?P<role>{roles})(?:单位|部门)|{_QUALIFIER}(?P<verbs>(?:{verbs})+){_CARRY_OUT}?)"
        rf"\s*(?:[{re.escape(_SEPARATORS)}]+|$)"
    )
    groups: list[tuple[str | None, str, str]] = []
    masked = _verbs_only(body, config)
    position = 0
    while position < len(body):
        match = group.match(masked, position)
        if match is None or match.end() == position:
            return groups, body[position:].strip()
        if match["role"]:
            verb = match["role"]
            kind = _kind(verb, None, config)
        else:
            verbs_written = re.findall(verbs, match["verbs"])
            verb = verbs_written[0]
            kinds = [_kind(v, match["qualifier"], config) for v in verbs_written]
            kind = EXPLICIT if EXPLICIT in kinds else kinds[0]
        groups.append((kind, verb, body[match.start("names") : match.end("names")]))
        position = match.end()
    return groups, ""


def parse_assignment(content: str, config: RaciConfig | None = None) -> ParsedAssignment:
    """Read the departments from an assignment bracket's content.

    Parameters
    ----------
    content
        The text inside the bracket, e.g. ``县教科局牵头，县科协等单位配合``.
    config
        The verb mapping, and in ``listed_leads`` how a list of merely
        responsible bodies is read (see :mod:`.conventions`; its default when
        empty); :class:`~matrix.raci.RaciConfig` defaults when omitted.

    Returns
    -------
    ParsedAssignment
        Leads and cooperators in the plan's order, normalised by
        :func:`~.names.split_names`, the rule that decided them, and one message
        for each part that could not be read: text left over, an unknown label,
        an empty or malformed name, or no lead at all. Collectives
        (各省级人民政府, 有关部门) are kept whole as assignees.

    Examples
    --------
    >>> parse_assignment("由县教育局、团县委牵头，县委党校（县行政学校）等单位参加。").leads
    ('县教育局', '团县委')
    >>> parse_assignment("牵头单位：县科协；配合单位：县妇联").cooperators
    ('县妇联',)
    >>> parse_assignment("县教育局牵头抓总").problems
    ('无法识别的分工表述：县教育局牵头抓总 (unparsable assignment)',)
    >>> parse_assignment("国家发展改革委牵头，国务院相关部门及各地区按职责分工负责").cooperators
    ('国务院相关部门', '各地区')
    >>> parsed = parse_assignment("教育部会同财政部、人力资源社会保障部负责")
    >>> parsed.leads, parsed.cooperators
    (('教育部',), ('财政部', '人力资源社会保障部'))
    >>> parsed = parse_assignment("责任单位：县教育局；完成时限：2025年6月底")
    >>> parsed.leads, parsed.deadline
    (('县教育局',), '2025年6月底')
    >>> parse_assignment("牵头单位：县交通运输局；配合单位：无").cooperators
    ()
    >>> parsed = parse_assignment("分管副省长、协管副秘书长负责，省科技厅牵头")
    >>> parsed.leads, parsed.cooperators, parsed.leaders
    (('省科技厅',), (), ('分管副省长、协管副秘书长',))
    """
    config = config or RaciConfig()
    written, _ = strip_declaration(content.strip())
    body, times = _without_asides(_TOGETHER_WITH.sub(r"\g<lead>牵头，\g<with>配合", _BLOCK_LABEL.sub("", written)))
    groups, leftover = _groups(body, config)
    problems: list[str] = []
    if leftover:
        problems.append(f"无法识别的分工表述：{leftover} (unparsable assignment)")
    parsed = _collect(groups, content, problems, config)
    return replace(parsed, deadline="、".join([parsed.deadline, *times]).strip("、")) if times else parsed


def _without_asides(body: str) -> tuple[str, list[str]]:
    """The bracket without its closing clauses that assign nothing: a time (2025年底前完成), an aside.

    Examples
    --------
    >>> _without_asides("甲部牵头，乙委按职责分工负责，2025年底前完成")
    ('甲部牵头，乙委按职责分工负责', ['2025年底前完成'])
    >>> _without_asides("甲部、乙委按职责分工负责，以下均需各地区落实，不再列出")
    ('甲部、乙委按职责分工负责', [])
    >>> _without_asides("牵头单位：甲局，下同"), _without_asides("甲部负责（以下均需各地落实，不再列出）")
    (('牵头单位：甲局', []), ('甲部负责', []))
    >>> _without_asides("甲部牵头，各地区负责落实")  # an assignment, not an aside
    ('甲部牵头，各地区负责落实', [])
    >>> _without_asides("责任单位：甲局、乙局。以下政策措施均需各县区人民政府落实，不再单独列出")
    ('责任单位：甲局、乙局', [])
    >>> _without_asides("甲部牵头。明确牵头部门的，其他有关部门配合，不逐一列出，下同")
    ('甲部牵头', [])
    """
    remark = trailing_bracket(body)
    said = [c.strip() for c in re.split(r"[，,；;。]", remark[1]) if c.strip()] if remark and remark[0] else []
    if said and all(_ASIDE.match(clause) for clause in said):
        body = remark[0]  # a remark in brackets that only says asides: …负责（以下均需各市县落实，不再列出）
    sentences = re.split(r"(?<=。)", body)
    while len(sentences) > 1 and (not sentences[-1].strip() or _UNLISTED.match(sentences[-1].strip())):
        sentences.pop()
    kept = "".join(sentences)
    clauses = re.split(r"([，,；;。])", kept if kept == body else kept.strip().rstrip("。"))
    times: list[str] = []
    while len(clauses) >= 3:
        last = clauses[-1].strip().rstrip("。")
        if is_time(last):
            times.insert(0, last)
        elif not _ASIDE.match(last):
            break
        clauses = clauses[:-2]
    return "".join(clauses), times


def parse_columns(
    leads: str,
    cooperators: str,
    config: RaciConfig | None = None,
    *,
    responsible: bool = False,
) -> ParsedAssignment:
    """Read the departments from the lead and cooperating cells of a task table row.

    ``responsible`` says the lead cell is a 责任单位 column of a table without a
    牵头单位 column, so that its list is read by the convention. The names are
    checked exactly as :func:`parse_assignment` checks a bracket's.

    Examples
    --------
    >>> parsed = parse_columns("县教育局、县科协", "县妇联等单位")
    >>> parsed.leads, parsed.cooperators, parsed.rule
    (('县教育局', '县科协'), ('县妇联',), 'columns')
    >>> parse_columns("县教育局\\n县科协", "", responsible=True).leads
    ('县教育局', '县科协')
    >>> parse_columns("市人社局、市农业农村局分别牵头", "", responsible=True).leads
    ('市人社局', '市农业农村局')
    """
    config = config or RaciConfig()
    groups = _listed(RESPONSIBLE if responsible else EXPLICIT, "牵头单位", leads, config)
    if cooperators.strip():
        groups += _listed(COOPERATE, "配合单位", cooperators, config)
    parsed = _collect(groups, f"{leads} / {cooperators}", [], config)
    return parsed if responsible else replace(parsed, rule="columns")


def _names(text: str, verb_words: str, config: RaciConfig) -> tuple[list[str], list[str], list[str], tuple[str, ...]]:
    """Names in one group that can be assigned, those marked （牵头）, messages for those that cannot, and times."""
    split = split_names(text, config)
    if split.problem:
        return [], [], [split.problem], ()
    names: list[str] = []
    problems: list[str] = []
    # a clause before the one the verb closes that is no body's name carries a verb of its own the
    # mapping lacks: 县教育局主抓，县科协配合 — 县教育局主抓 is neither a department nor 县科协's partner
    clauses = [piece.strip() for piece in split_outside_brackets(text, "，,；;")[:-1]]
    unread = {normalise_name(clause, config) for clause in clauses if clause and not looks_like_body(clause)}
    for name in split.names:
        if name in unread:
            problems.append(f"无法识别的分工表述：{name} (unparsable assignment)")
        elif reason := name_problem(name):
            problems.append(reason)
        elif (found := re.search(verb_words, _verbs_only(name, config))) or (found := _QUALIFIER_WORDS.search(name)):
            problems.append(f"单位名称'{name}'中含有分工用语'{found[0]}'，缺少分隔符？ (role word inside a name)")
        else:
            names.append(name)
    return names, [name for name in split.marked if name in names], problems, split.times


def _collect(
    groups: list[tuple[str | None, str, str]],
    content: str,
    problems: list[str],
    config: RaciConfig,
) -> ParsedAssignment:
    """Leads and cooperators from (kind, verb, names) groups, with every name checked."""
    sorted_names: dict[str, list[str]] = {EXPLICIT: [], RESPONSIBLE: [], COOPERATE: [], LEADER: []}
    times: list[str] = []
    verb_words = _verb_pattern(config)
    for kind, verb, text in groups:
        if kind == LEADER:
            sorted_names[LEADER].extend(split_leaders(text.strip().strip("。；;，,")))
            continue
        if kind == _WHEN:
            times.append(text.strip().strip("。；;，,"))
            continue
        if _NOBODY.match(text.strip().strip("。；;，, ")):
            continue
        names, marked, name_problems, group_times = _names(text, verb_words, config)
        if names and not name_problems and all(_OFFICIAL.search(name) for name in names):
            sorted_names[LEADER].append("、".join(names))  # 分管副省长、协管副秘书长负责: who oversees, not a body
            continue
        problems.extend(name_problems)
        times.extend(group_times)
        if not names and not name_problems and not group_times:
            problems.append(f"'{verb}'没有写明单位 (no department given for '{verb}')")
        if kind is None:
            problems.append(f"未知的分工用语'{verb}' (verb not in the RACI mapping)")
            continue
        sorted_names[EXPLICIT].extend(marked)
        sorted_names[kind].extend(name for name in names if name not in marked)
    decision = decide(
        list(dict.fromkeys(sorted_names[EXPLICIT])),
        list(dict.fromkeys(sorted_names[RESPONSIBLE])),
        list(dict.fromkeys(sorted_names[COOPERATE])),
        config.listed_leads or DEFAULT,
    )
    leads = tuple(dict.fromkeys(decision.leads))
    if not leads and not problems:
        problems.append(f"分工中没有牵头单位：{content} (no lead department)")
    return ParsedAssignment(
        leads,
        tuple(dict.fromkeys(decision.cooperators)),
        tuple(problems),
        decision.rule,
        content.strip(),
        tuple(sorted_names[LEADER]),
        "、".join(times),
    )
