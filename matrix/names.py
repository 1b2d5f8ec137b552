"""Department names as plans write them, made comparable: one spelling, lists split.

Plans write the same body in several ways: with 由 in front, with 等单位配合
behind, with half-width brackets, with full-width letters (ＡＢＣ), with spaces
beside a bracket. Everything that compares
department names goes through :func:`normalise_name` first, and every list of
names through :func:`split_departments`, so that two readers never disagree
on what a name is. Whether two different spellings are one body is not
decided here: :mod:`matrix.lookalikes` says which names look alike and
:mod:`matrix.registry` resolves them.

The cooperate verbs stripped from the end of a name (配合, 参加 …) are those of
:mod:`matrix.raci`, so a plan whose ``raci: verbs:`` adds 协同 has
``县科协等单位协同`` read as 县科协 too. A verb is stripped only where it is a
verb: plans write it after a whole name (``县教育局、县财政局协办``), while in
``县政协办`` (the CPPCC office) and ``县科协办`` the 协 ends an association's name
(政协, 科协) and 办 is its office. :func:`verb_in_name` tells the two apart,
for this module and for the plan-text reader that finds verbs in brackets.

Whitespace is never deleted between two names: that glued ``县科协`` and
``县民政局`` into a department ``县科协县民政局`` with a notice of its own. A line
break (a new line in a CSV cell, Alt+Enter in Excel, two paragraphs in a Word
cell) separates two names as 、 does; a space, tab or U+3000 left inside a
name is reported by :func:`name_problem`, as are invisible and bidi control
characters, which make one name look like another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .collectives import is_collective, join_region_lists
from .punctuation import CLOSING, OPENING, split_outside_brackets, unbalanced
from .raci import COOPERATE, RaciConfig

__all__ = [
    "BODY_END",
    "NOBODY_WORDS",
    "QUALIFIER",
    "SEPARATORS",
    "looks_like_body",
    "name_problem",
    "name_verbs",
    "normalise_name",
    "split_departments",
    "split_qualifier",
    "verb_in_name",
]

#: Characters that separate names in a list (outside brackets).
SEPARATORS = "、，,；;"
#: Between a place and a body's name in a plan merged by plan: ``五台县·县科协`` (see :mod:`matrix.merge`).
QUALIFIER = "·"

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})
_LEADING = re.compile(r"^由")
# A name written in quotation marks as a whole: “县卫健局” or 「县卫健局」 is 县卫健局 (quotes inside a name stay:
# 县“两新”组织党工委).
_QUOTED = re.compile(r'^(?:“(?P<a>[^“”]+)”|"(?P<b>[^"]+)"|「(?P<c>[^「」]+)」|『(?P<d>[^『』]+)』)$')
_PUNCT = "。.；;，,、：: \t\u3000"
_DEFAULT = RaciConfig()
#: A run of whitespace holding a line end: in a list, it separates two names.
_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")
_SPACE = re.compile(r"\s")
_AROUND_SEPARATOR = re.compile(rf"\s*([{SEPARATORS}])\s*")

#: How the names of public bodies end: 局, 委, 办, 中心, 县委党校（县行政学校）…, and the zones
#: that receive tasks as bodies do (立山经济开发区, 工业园区, 高新区), though a bare 区 is a place.
BODY_END = re.compile(
    r"(?:局|委|办|部|厅|署|会|院|联|协|中心|站|所|校|团|社|馆|队|府|组|处|室|司|台|行|关|）"
    r"|(?:开发|园|新|高新|示范|保税|试验|合作)区)$"
)
#: Associations whose short name ends in 协 (政协, 科协, 计生协, and the 文联 member
#: associations 作协, 书协, 美协 …): the 协 a verb such as 协办 begins with may end their name.
_ASSOCIATION = re.compile(r"(?:政|科|计生|老科|作|书|美|音|舞|剧|曲|摄|影|视|民|杂|体|侨|残)协$")


def _unified(text: str) -> str:
    """``text`` in NFKC (ＡＢＣ is ABC, U+3000 a space), brackets full-width as official documents write them."""
    return unicodedata.normalize("NFKC", text).translate(_HALF_TO_FULL)


def _without_space_in_brackets(text: str) -> str:
    """Drop whitespace inside a bracket and before its opening: it separates no two names there.

    Whitespace after a closing bracket is kept: ``县委党校（县行政学校） 县科协``
    is two names.

    >>> _without_space_in_brackets("县委党校 （ 县行政学校 干部学院 ） 县科协")
    '县委党校（县行政学校干部学院） 县科协'
    """
    if not _SPACE.search(text):
        return text
    kept: list[str] = []
    depth = 0
    for char in text:
        if char in OPENING:
            while kept and kept[-1].isspace():
                kept.pop()
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif depth and char.isspace():
            continue
        kept.append(char)
    return "".join(kept)


# What 等 ends a list with when it names nobody more: 等单位, 等有关部门, 等其它单位 — one vocabulary for
# _trailing (the end of a name) and _VAGUE_ETC (a piece after 等 that is no collective to split off).
_VAGUE_KIND = "(?:相关|有关|其他|其它)"
_BODY_WORD = "(?:单位|部门|成员单位)"


@lru_cache(maxsize=32)
def _trailing(cooperate: tuple[str, ...]) -> re.Pattern[str]:
    """``等单位配合`` / ``等10个部门`` / ``等`` / ``配合`` at the end of a name, for the given cooperate verbs."""
    verbs = "|".join(map(re.escape, cooperate))
    tail = f"(?:{verbs})" if verbs else "(?!)"
    count = r"(?:\d+|[一二两三四五六七八九十]+)(?:个|家)"  # 等10个部门, 等五家单位
    return re.compile(rf"(?:等(?:{count})?{_VAGUE_KIND}?{_BODY_WORD}?{tail}?|{tail})$")


# X等Y where Y is a collective: 银保监会等国务院相关部门
_ETC = re.compile(r"^(?P<head>.+?)等(?P<tail>.+)$")
_VAGUE_ETC = re.compile(f"{_VAGUE_KIND}?{_BODY_WORD}")
# A conjunction between names; 和 that begins a place's name is none (市生态环境局和顺县分局 is one body).
_CONJUNCTION = r"以及|和(?!(?:顺|平|林格尔|田|龙|政|静|硕|布克赛尔)(?:县|区|市|旗|地区))|及|与"
# Y和Z / Y及Z / Y以及Z where Z is a collective: 国务院相关部门及各地区, 州委编办及州直相关单位
_AND = re.compile(rf"^(?P<head>.+?)(?:{_CONJUNCTION})(?P<tail>.+)$")
# 和 / 及 / 与 anywhere in a name, for two whole names joined: 省财政厅和省税务局
_AND_ANY = re.compile(_CONJUNCTION)


def looks_like_body(name: str) -> bool:
    """True for a name that ends as a body's name does or stands for a group: 县妇联, 各乡镇.

    >>> looks_like_body("县妇联"), looks_like_body("各乡镇"), looks_like_body("县教育局主抓"), looks_like_body("社区")
    (True, True, False, False)
    """
    return (len(name) >= 3 and bool(BODY_END.search(name))) or is_collective(name)


def _unfold(piece: str) -> list[str]:
    """A piece that joins bodies and collectives with 等 / 和 / 及 / 与, cut into its names.

    和 joins two bodies only when both sides are whole names (县妇联与县残联);
    it stays inside a name such as 县人力资源和社会保障局 or 工业和信息化部,
    whose part before 和 is no name.

    >>> _unfold("县妇联与县残联"), _unfold("县人力资源和社会保障局"), _unfold("市生态环境局和顺县分局")
    (['县妇联', '县残联'], ['县人力资源和社会保障局'], ['市生态环境局和顺县分局'])
    >>> _unfold("能源局等省有关部门和各地级以上市人民政府")
    ['能源局', '省有关部门', '各地级以上市人民政府']
    >>> _unfold("市财政局等有关部门"), _unfold("市财政局和有关部门")
    (['市财政局等有关部门'], ['市财政局', '有关部门'])
    """
    for pattern in (_ETC, _AND):
        match = pattern.match(piece)
        if match and is_collective(match["tail"]) and not (pattern is _ETC and _VAGUE_ETC.match(match["tail"])):
            return [*_unfold(match["head"]), *_unfold(match["tail"])]
    for match in _AND_ANY.finditer(piece):
        head, tail = piece[: match.start()], piece[match.end() :]
        if looks_like_body(head) and looks_like_body(tail):
            return [*_unfold(head), *_unfold(tail)]
    return [piece]


# Characters that look like others in a name and are not them: radicals that NFKC leaves alone
# (⻄ U+2EC4 is no 西), Cyrillic and Greek letters (县СDС is not 县CDC).
_LOOKALIKE_SCRIPT = re.compile(r"^(?:CJK RADICAL|KANGXI RADICAL|CYRILLIC|GREEK) ")

# Marks typists put between two names that no body's name holds: 县科协/县妇联, 县科协-县妇联, 县科协＋县妇联.
_JOINING_MARK = re.compile(r"[/／|｜+＋&＆\-－—–~～]")


def _joined(name: str) -> str | None:
    """What joins a whole name to more: a 和 / 及 / 与 whose rest is no whole name, or a mark such as / or -.

    >>> _joined("县科协和社区"), _joined("县人力资源和社会保障局"), _joined("县科协/县妇联"), _joined("县科协-县妇联")
    ('和', None, '/', '-')
    """
    for match in _AND_ANY.finditer(name):
        if looks_like_body(name[: match.start()]) and not looks_like_body(name[match.end() :]):
            return match[0]
    for match in _JOINING_MARK.finditer(name):
        if looks_like_body(name[: match.start()]):
            return match[0]
    return None


def verb_in_name(before: str, verb: str) -> bool:
    """True when ``verb`` written right after ``before`` ends a body's name instead of assigning a role.

    A cooperating verb follows a whole name (``县财政局协办``, ``县科协协办``,
    ``各乡镇协办``). It is part of the name only when ``before`` is no whole name
    but becomes an association's name with the verb's first characters
    (``县政`` + ``协办``: 县政协's office), and the whole still ends as a body's name does.

    Examples
    --------
    >>> verb_in_name("县政", "协办"), verb_in_name("县科", "协办"), verb_in_name("县科协", "协办")
    (True, True, False)
    >>> verb_in_name("县财政局", "协办"), verb_in_name("相关企业", "协办"), verb_in_name("县政", "配合")
    (False, False, False)
    """
    if not before or BODY_END.search(before) or not BODY_END.search(before + verb):
        return False
    return any(_ASSOCIATION.search(before + verb[:length]) for length in range(1, len(verb)))


def name_verbs(text: str, verbs: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``text`` holds one of ``verbs`` as part of a body's name (``县政协办``), as (start, end) spans.

    The name before each occurrence runs back to the last separator or
    bracket, so ``县委办牵头，县政协办配合`` finds the 协办 of 县政协办 only.

    >>> name_verbs("县委办牵头，县政协办、县科协协办", ["牵头", "协办", "配合"])
    [(8, 10)]
    """
    words = sorted(set(verbs), key=len, reverse=True)
    if not words:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer("|".join(map(re.escape, words)), text):
        cut = max(text.rfind(mark, 0, match.start()) for mark in f"{SEPARATORS}。（(【“\n ")
        start = cut + 1
        if verb_in_name(text[start : match.start()], match[0]):
            spans.append(match.span())
    return spans


def normalise_name(name: str, config: RaciConfig | None = None) -> str:
    """The canonical spelling of one department name.

    Strips surrounding blanks and punctuation, a leading 由, a trailing
    等单位配合 / 等单位参加 / 等 (the cooperate verbs of ``config``, the
    defaults of :class:`~matrix.raci.RaciConfig` when omitted), and writes
    brackets full-width, as Chinese official documents do, so that
    ``县委党校(县行政学校)`` and ``县委党校（县行政学校）`` are the same name.

    Examples
    --------
    >>> normalise_name(" 由县教育局 ")
    '县教育局'
    >>> normalise_name("县妇联等单位配合")
    '县妇联'
    >>> normalise_name("县委党校(县行政学校)")
    '县委党校（县行政学校）'
    >>> normalise_name("县妇联等单位协同", RaciConfig(verbs=(("牵头", "lead"), ("协同", "cooperate"))))
    '县妇联'
    >>> normalise_name("“县卫健局”"), normalise_name("县“两新”组织党工委")
    ('县卫健局', '县“两新”组织党工委')
    >>> normalise_name("县政协办"), normalise_name("县政协办协办"), normalise_name("县科协协办")
    ('县政协办', '县政协办', '县科协')
    """
    trailing = _trailing((config or _DEFAULT).verbs_of(COOPERATE))
    text = " ".join(_without_space_in_brackets(_unified(name)).split()).strip(_PUNCT)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text).strip(_PUNCT)
        if quoted := _QUOTED.match(text):
            text = next(part for part in quoted.groups() if part).strip(_PUNCT)
        tail = trailing.search(text)
        if tail and not verb_in_name(text[: tail.start()], tail[0]):
            text = text[: tail.start()].strip(_PUNCT)
    return text


def split_qualifier(name: str) -> tuple[str, str]:
    """A merged plan's ``五台县·县科协`` as its place and the body's own name; ``("", name)`` unqualified.

    Examples
    --------
    >>> split_qualifier("五台县·县科协"), split_qualifier("县科协")
    (('五台县', '县科协'), ('', '县科协'))
    """
    place, sep, own = name.partition(QUALIFIER)
    return (place, own) if sep else ("", name)


def split_departments(text: str, config: RaciConfig | None = None) -> list[str]:
    """Split a list such as ``县教科局、县科协`` into normalised names.

    Separators inside brackets do not split, so ``县委党校（县行政学校）``
    stays one name. A line break between two names separates them like 、;
    a space between two names stays in the name, for :func:`name_problem`
    to report. Empty items are kept as empty strings rather than dropped, so
    a caller can report ``县科协、、县妇联`` (or a cell holding only ``、``) as
    an error instead of silently accepting it; a trailing separator is tolerated. ``config`` is passed to
    :func:`normalise_name`.

    Examples
    --------
    >>> split_departments("由县教育局、团县委、县科协")
    ['县教育局', '团县委', '县科协']
    >>> split_departments("县委党校（县行政学校、干部学院）、县总工会等单位参加")
    ['县委党校（县行政学校、干部学院）', '县总工会']
    >>> split_departments("县科协\\n县民政局、\\n县妇联")
    ['县科协', '县民政局', '县妇联']
    >>> split_departments("县科协 县民政局")
    ['县科协 县民政局']
    >>> split_departments("县科协、各区、县级市")  # one collective, kept whole
    ['县科协', '各区、县级市']
    >>> split_departments("、"), split_departments(" ")
    ([''], [])
    """
    text = _LINE_BREAK.sub("\n", _unified(text).strip())
    if not text:
        return []
    text = _AROUND_SEPARATOR.sub(r"\1", text).rstrip("。；;，,、")
    if not text:  # only punctuation: a cell meant to name someone, naming no one
        return [""]
    items = join_region_lists(split_outside_brackets(text, SEPARATORS + "\n"))
    return [normalise_name(part, config) for item in items for part in (_unfold(item) if item else [item])]


#: Letters that show as nothing: Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _invisible(char: str) -> bool:
    """A format character (zero-width, bidi), a combining or enclosing mark or variation selector, a blank letter:
    each makes one name look like another or like nothing."""
    return unicodedata.category(char) in ("Cf", "Mn", "Me") or char in _BLANK_LETTERS


#: Words written where a department would stand, saying there is none (yet): read as a name, each
#: got a notice of its own (任务分解通知-待定.docx) and led measures the audit counted as led.
#: Those that say there is nobody, which a plan's text writes for a list that names no one (配合单位：无).
NOBODY_WORDS = ("无", "暂无", "没有")
_PLACEHOLDERS = frozenset(
    (
        *NOBODY_WORDS,
        *("无单位", "待定", "未定", "待确定", "待明确", "另定", "另行确定", "另行明确"),
        *("暂缺", "不详", "空", "略", "n/a", "na", "tbd", "tbc", "none", "null", "nil"),
    )
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")


def name_problem(name: str) -> str | None:
    """Why ``name`` does not look like a department name, or ``None`` if it does.

    Catches what typing and bad imports produce: empty names, invisible or
    bidi control characters, whitespace between two names, names that are
    sentences, a bracket, quote or title mark without its partner or out of
    order (``县科协）、（县妇联`` would be one name). It does not judge whether the body
    exists; that is the registry's job.

    Examples
    --------
    >>> name_problem("县科协 县民政局").endswith("(whitespace inside a name)")
    True
    >>> name_problem("县\u2ec4部办").endswith("(look-alike character in a name)")
    True
    >>> name_problem("县科协\\u202e局").split("：")[1]
    "'县科协<U+202E>局' (invisible or bidi control character in a name)"
    >>> name_problem("待定").endswith("(a placeholder, not a department: leave it empty)")
    True
    >>> name_problem("N/A").endswith("(a placeholder, not a department: leave it empty)")
    True
    >>> name_problem("IT").endswith("(no Chinese character in a department name)")
    True
    """
    if not name:
        return "单位名称为空 (empty department name)"
    invisible = next((char for char in name if _invisible(char)), None)
    if invisible is not None:
        shown = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in name)
        return (
            f"单位名称中有不可见的控制字符 U+{ord(invisible):04X}（{unicodedata.name(invisible, '')}）：'{shown}' "
            "(invisible or bidi control character in a name)"
        )
    if lookalike := next((char for char in name if _LOOKALIKE_SCRIPT.match(unicodedata.name(char, ""))), None):
        return (
            f"单位名称“{name}”中的“{lookalike}”是 U+{ord(lookalike):04X}（{unicodedata.name(lookalike)}），"
            "看起来像汉字或拉丁字母，却不是；请重新输入该字 (look-alike character in a name)"
        )
    if any(char.isspace() for char in name):
        return (
            f"单位名称中有空白：'{name}'；两个单位之间请用“、”分隔或换行，一个单位的名称中不要有空格 "
            "(whitespace inside a name)"
        )
    if name.casefold() in _PLACEHOLDERS:
        return (
            f"“{name}”不是单位名称：没有或尚未确定单位时请将此处留空，审计会列出没有牵头单位的措施 "
            "(a placeholder, not a department: leave it empty)"
        )
    if not _HAN.search(name):
        return f"单位名称“{name}”中没有汉字，不像单位名称 (no Chinese character in a department name)"
    if len(name) > 40:
        return f"单位名称过长（{len(name)} 字），疑似整句而非单位名 (name too long)"
    if joined := _joined(name):
        return (
            f"单位名称“{name}”中的“{joined}”前是一个完整的单位名称：是一个单位还是两个？"
            "两个单位之间请用“、”分隔 (two names joined?)"
        )
    if mark := unbalanced(name):
        return f"单位名称括号或引号不成对：'{name}' 中的'{mark}'没有配对 (unbalanced bracket or quote)"
    if re.search(r"[。！？!?]", name):
        return f"单位名称含句末标点：'{name}' (sentence punctuation in a name)"
    return None
