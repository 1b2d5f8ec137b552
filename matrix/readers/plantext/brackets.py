"""Assignment brackets: who leads and who cooperates, as the plan writes it.

Two styles occur, often in the same county:

- per measure, at the end of its paragraph:
  ``……能力。（县教科局、县科协牵头，县工信局、团县委等单位配合）``
- per block, on a line of its own after the measures it covers:
  ``（责任分工：由县教育局、团县委、县科协牵头，……等单位参加。）``, also
  without the 责任分工： label, and, in tables or tidier plans, as labels:
  ``（牵头单位：县教育局；配合单位：县科协）``.

The verbs come from :class:`~matrix.raci.RaciConfig`, so a plan that writes
协办 or 主责 is read the same way the RACI mapping reads it; this module only
finds the names and the verb that follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...names import name_problem, split_departments
from ...raci import COOPERATE, LEAD, RaciConfig

__all__ = [
    "ROLE_NOUNS",
    "ParsedAssignment",
    "assignment_line",
    "is_assignment",
    "parse_assignment",
    "parse_columns",
    "trailing_bracket",
]

_OPENERS = {"）": "（", ")": "(", "】": "【"}

# The label a block assignment may carry before its names: 责任分工：由…
_BLOCK_LABEL = re.compile(r"^(?:责任分工|职责分工|分工)\s*[：:]\s*")

# A line that is a block assignment without brackets: 责任分工：… / 牵头单位：…
_BARE_BLOCK = re.compile(r"^(?:责任分工|职责分工|责任单位|牵头单位)\s*[：:]")

# Words between the names and the verb that do not change the role:
# 按职责分工负责, 按照各自职责负责, 分别牵头, 共同负责.
_QUALIFIER = r"(?:按照?(?:各自)?职责(?:分工)?|分别|共同|具体)"

# Names that stand for "whoever is concerned": 各有关单位, 相关部门, 县直各单位.
_GENERIC = re.compile(
    r"^(?:县直|市直|区直)?(?:各|其他|其它)?(?:有关|相关|成员|责任)?(?:职能)?(?:单位|部门)(?:和(?:单位|部门))?$"
)

_SEPARATORS = "，,；;。."

# How the names of public bodies end: 局, 委, 办, 中心, 县委党校（县行政学校）…
_BODY_END = re.compile(r"(?:局|委|办|部|会|院|联|协|中心|站|所|校|团|社|馆|队|府|组|处|室|司|台|行|）)$")

#: Role nouns → the verb each stands for: 责任单位 means the same as 负责单位.
ROLE_NOUNS = {"责任": "负责"}


@dataclass(frozen=True)
class ParsedAssignment:
    """Departments named by one bracket, and why any part of it could not be read."""

    leads: tuple[str, ...] = ()
    cooperators: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


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


def _verb_pattern(config: RaciConfig) -> str:
    verbs = sorted((verb for verb, _ in config.verbs), key=len, reverse=True)
    return "|".join(map(re.escape, verbs))


def _label_pattern(config: RaciConfig) -> re.Pattern[str]:
    # 牵头单位： / 配合部门： / 责任单位：
    words = "|".join(map(re.escape, [*ROLE_NOUNS, *(verb for verb, _ in config.verbs)]))
    return re.compile(rf"(?P<verb>{words})(?:单位|部门)\s*[：:]\s*")


def is_assignment(content: str, config: RaciConfig | None = None) -> bool:
    """True when a bracket's content assigns work.

    It does when it names a lead verb or a role label, or when it ends in a
    cooperating verb after names that end the way bodies' names do
    (``（县科协配合）``, an assignment that lacks its lead). A bracket such as
    ``（鼓励群众参与）`` is prose. A bracket with 牵头 is an assignment even if it
    cannot be parsed, so that it is reported rather than left in the text.

    Examples
    --------
    >>> is_assignment("县教科局牵头，县科协配合"), is_assignment("县科协配合"), is_assignment("鼓励群众参与")
    (True, True, False)
    >>> is_assignment("发明、制作")
    False
    """
    config = config or RaciConfig()
    leads = "|".join(map(re.escape, config.verbs_of(LEAD)))
    if _BLOCK_LABEL.match(content) or _label_pattern(config).search(content) or re.search(leads, content):
        return True
    cooperate = "|".join(map(re.escape, config.verbs_of(COOPERATE)))
    tail = re.search(rf"^(?P<names>.+?)(?:{cooperate})+[。；;]?$", content.strip())
    return tail is not None and all(_BODY_END.search(name) for name in split_departments(tail["names"], config))


def assignment_line(text: str, config: RaciConfig | None = None) -> str | None:
    """The assignment a whole line states, for block assignments; ``None`` for other lines.

    Examples
    --------
    >>> assignment_line("（由县委组织部牵头，县委党校（县行政学校）等单位参加。）")
    '由县委组织部牵头，县委党校（县行政学校）等单位参加。'
    >>> assignment_line("责任分工：由县教育局牵头。")
    '责任分工：由县教育局牵头。'
    >>> assignment_line("（2021-2025年）") is None
    True
    """
    config = config or RaciConfig()
    split = trailing_bracket(text)
    if split is not None and not split[0] and is_assignment(split[1], config):
        return split[1]
    if _BARE_BLOCK.match(text.strip()):
        return text.strip()
    return None


def _groups(body: str, config: RaciConfig) -> tuple[list[tuple[str, str]], str]:
    """(verb, names) pairs in the order written, and whatever text was left unread."""
    label = _label_pattern(config)
    labels = list(label.finditer(body))
    if labels:
        leftover = body[: labels[0].start()].strip(_SEPARATORS + " ")
        groups = []
        for match, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(body)
            verb = ROLE_NOUNS.get(match["verb"], match["verb"])
            groups.append((verb, body[match.end() : end]))
        return groups, leftover
    verbs = _verb_pattern(config)
    # names, an optional qualifier, one or more verbs, then a separator or the end:
    # 县教科局、县科协牵头，  /  县财政局按职责分工负责。
    group = re.compile(rf"\s*(?P<names>.*?){_QUALIFIER}?(?P<verbs>(?:{verbs})+)\s*(?:[{re.escape(_SEPARATORS)}]+|$)")
    groups = []
    position = 0
    while position < len(body):
        match = group.match(body, position)
        if match is None or match.end() == position:
            return groups, body[position:].strip()
        first_verb = re.match(verbs, match["verbs"])
        groups.append((first_verb[0] if first_verb else match["verbs"], match["names"]))
        position = match.end()
    return groups, ""


def _names(text: str, verb_words: str, config: RaciConfig) -> tuple[list[str], list[str]]:
    """Names in one group that can be assigned, and messages for those that cannot."""
    names: list[str] = []
    problems: list[str] = []
    for name in split_departments(text, config):
        if reason := name_problem(name):
            problems.append(reason)
        elif _GENERIC.match(name):
            problems.append(f"泛指的单位'{name}'未计入分工，请写明具体单位 (generic body not assigned)")
        elif found := re.search(verb_words, name):
            problems.append(f"单位名称'{name}'中含有分工用语'{found[0]}'，缺少分隔符？ (role word inside a name)")
        else:
            names.append(name)
    return names, problems


def parse_assignment(content: str, config: RaciConfig | None = None) -> ParsedAssignment:
    """Read the departments from an assignment bracket's content.

    Parameters
    ----------
    content
        The text inside the bracket, e.g. ``县教科局牵头，县科协等单位配合``.
    config
        The verb mapping; :class:`~matrix.raci.RaciConfig` defaults when omitted.

    Returns
    -------
    ParsedAssignment
        Leads and cooperators in the plan's order, normalised by
        :func:`matrix.names.split_departments`, and one message for each
        part that could not be read: text left over, an unknown label, an empty
        or malformed name, a generic body (各有关单位), or no lead at all.

    Examples
    --------
    >>> parse_assignment("由县教育局、团县委牵头，县委党校（县行政学校）等单位参加。")
    ParsedAssignment(leads=('县教育局', '团县委'), cooperators=('县委党校（县行政学校）',), problems=())
    >>> parse_assignment("牵头单位：县科协；配合单位：县妇联").cooperators
    ('县妇联',)
    >>> parse_assignment("县教育局牵头抓总").problems
    ('无法识别的分工表述：县教育局牵头抓总 (unparsable assignment)',)
    """
    config = config or RaciConfig()
    body = _BLOCK_LABEL.sub("", content.strip())
    groups, leftover = _groups(body, config)
    problems: list[str] = []
    if leftover:
        problems.append(f"无法识别的分工表述：{leftover} (unparsable assignment)")
    return _collect([(config.kind_of(verb), verb, text) for verb, text in groups], content, problems, config)


def parse_columns(leads: str, cooperators: str, config: RaciConfig | None = None) -> ParsedAssignment:
    """Read the departments from the lead and cooperating cells of a task table row.

    The names are checked exactly as :func:`parse_assignment` checks a bracket's.

    Examples
    --------
    >>> parse_columns("县教育局、县科协", "县妇联等单位")
    ParsedAssignment(leads=('县教育局', '县科协'), cooperators=('县妇联',), problems=())
    """
    config = config or RaciConfig()
    groups = [(LEAD, "牵头单位", leads)]
    if cooperators.strip():
        groups.append((COOPERATE, "配合单位", cooperators))
    return _collect(groups, f"{leads} / {cooperators}", [], config)


def _collect(
    groups: list[tuple[str | None, str, str]], content: str, problems: list[str], config: RaciConfig
) -> ParsedAssignment:
    """Leads and cooperators from (kind, verb, names) groups, with every name checked."""
    leads: list[str] = []
    cooperators: list[str] = []
    verb_words = _verb_pattern(config)
    for kind, verb, text in groups:
        names, name_problems = _names(text, verb_words, config)
        problems.extend(name_problems)
        if not names and not name_problems:
            problems.append(f"'{verb}'没有写明单位 (no department given for '{verb}')")
        if kind == LEAD:
            leads.extend(names)
        elif kind == COOPERATE:
            cooperators.extend(names)
        else:
            problems.append(f"未知的分工用语'{verb}' (verb not in the RACI mapping)")
    if not leads and not problems:
        problems.append(f"分工中没有牵头单位：{content} (no lead department)")
    return ParsedAssignment(tuple(dict.fromkeys(leads)), tuple(dict.fromkeys(cooperators)), tuple(problems))
