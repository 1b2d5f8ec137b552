"""What a measure's prose says besides its assignment: its title, its numbers, its deadline.

Plans state a measure as a short lead phrase ending in 。 followed by the
detail (``实施银龄科普行动。积极开发…``), and put what can be checked later
(``每年组织100人次…``, ``到2025年，注册科技志愿者达到200名``) in clauses of
their own. These functions find those pieces by the punctuation and the
numbers, never by the wording of a particular plan.
"""

from __future__ import annotations

import re

from ...punctuation import split_outside_brackets

__all__ = ["MAX_TITLE", "deadline", "first_clause", "lead_phrase", "nonblank_parts", "targets", "time_phrase"]

#: Longest lead phrase still read as a title; longer first sentences are prose.
MAX_TITLE = 40

# A clause that is only a time: 到2025年 / 至2025年底 / 2022年 / “十四五”期间.
_TIME_ONLY = re.compile(
    r"^(?:到|至|截至|截止到?)?\s*(?:\d{4}\s*年(?:底|末|前)?|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期|末))$"
)

# What a number is when it is not a target: a year or a span of years
# (2021-2025年, 2025年末), and whatever sits in a title 《…》, a quotation “…” or a
# document number 〔2021〕.
_NOT_A_QUANTITY = re.compile(r"\d{4}\s*(?:[-—–－~～至到]\s*\d{4})?\s*年|《[^》]*》|“[^”]*”|〔[^〕]*〕")

# A deadline, earliest first in the text: 到2025年 / 至2025年底 / 2025年末 / 每年.
_DEADLINE = re.compile(
    r"(?:到|至|截至|截止到?)\s*\d{4}\s*年(?:底|末)?(?:前)?"  # 到2025年, 至2025年底前
    r"|\d{4}\s*年(?:底|末)(?:前)?"  # 2025年末
    r"|每(?:年|半年|季度|月)(?!度)"  # 每年 (recurring); 每年度 is an adjective
)

# The time a stage or a sentence opens with: 2021年 / 2022-2025年 / 2025年末 / 2022年至2025年.
_TIME_PHRASE = re.compile(
    r"^(?:到|至)?\s*(?P<start>\d{4})\s*年?(?:\s*[-—–－~～至到]\s*(?P<end>\d{4})\s*年?)?(?P<part>底|末|上半年|下半年)?"
)


def nonblank_parts(text: str, separators: str) -> list[str]:
    """Split ``text`` at ``separators`` outside brackets, quotes and titles; stripped, empty pieces dropped.

    Examples
    --------
    >>> nonblank_parts("实施馆校合作（含科技小论文，发明）。开展活动。", "。")
    ['实施馆校合作（含科技小论文，发明）', '开展活动']
    """
    return [piece.strip() for piece in split_outside_brackets(text, separators) if piece.strip()]


def lead_phrase(text: str) -> str | None:
    """The measure's title: its first sentence when that reads as a heading.

    The first sentence ends at 。 or at a colon (``实施银龄科普行动：…``).
    A heading is short and has no comma or semicolon of its own;
    a first sentence that is already prose (``聚焦人民对美好生活的科技需求，…``)
    means the paragraph has no title and the caller must find one elsewhere.

    Examples
    --------
    >>> lead_phrase("实施银龄科普行动。积极开发老龄人力资源。")
    '实施银龄科普行动'
    >>> lead_phrase("实施银龄科普行动：积极开发老龄人力资源。")
    '实施银龄科普行动'
    >>> lead_phrase("聚焦人民对美好生活的科技需求和科普需求，积极参加交流。") is None
    True
    """
    sentences = nonblank_parts(text, "。！？：:")
    if not sentences:
        return None
    first = sentences[0]
    if len(first) > MAX_TITLE or len(first) < 2:
        return None
    if nonblank_parts(first, "，,；;") != [first]:
        return None
    return first


def first_clause(text: str) -> str | None:
    """The text up to its first comma or full stop, when that is short enough to name a numbered item.

    ``2.全省生产总值增长7%以上，在实际工作中力争更好结果。`` has no lead phrase of its own;
    its first clause names it better than its section does.

    Examples
    --------
    >>> first_clause("加大简政放权力度，承接好省下放事项。"), first_clause("以" + "长" * 50 + "，")
    ('加大简政放权力度', None)
    """
    parts = nonblank_parts(text, "。！？：:，,；;")
    if not parts or not 2 <= len(parts[0]) <= MAX_TITLE:
        return None
    return parts[0]


def _clauses(text: str) -> list[str]:
    """Clauses of ``text``, with a clause that is only a time joined to the next one.

    Half-width commas and colons split too, except between digits (10,000; 8:30).
    """
    text = re.sub(r"(?<!\d)([,:])|([,:])(?!\d)", "，", text)
    clauses: list[str] = []
    pending = ""
    for clause in nonblank_parts(text, "。！？；;，："):
        if _TIME_ONLY.match(clause):
            pending += clause
            continue
        clauses.append(pending + clause)
        pending = ""
    return clauses


def targets(text: str) -> tuple[str, ...]:
    """The clauses of ``text`` that state a quantity: a number that is not a year or a reference.

    A clause that only says when (``至2025年``) is kept in front of the clause
    it dates, so each target reads on its own.

    Examples
    --------
    >>> targets("开展竞赛，每年组织100人次青少年参与各级各类科技竞赛活动。")
    ('每年组织100人次青少年参与各级各类科技竞赛活动',)
    >>> targets("至2025年，培训农民5000人次以上，培育带头人300名。落实《2019-2022年规划》。")
    ('至2025年培训农民5000人次以上', '培育带头人300名')
    >>> targets("全县居民健康素养水平不低于25%。")
    ('全县居民健康素养水平不低于25%',)
    """
    return tuple(clause for clause in _clauses(text) if re.search(r"\d", _NOT_A_QUANTITY.sub("", clause)))


def deadline(text: str) -> str | None:
    """The first deadline or recurrence the text states, as written.

    Examples
    --------
    >>> deadline("到2025年，注册科技志愿者达到200名。")
    '到2025年'
    >>> deadline("每年培训2000人次以上技能劳动者。")
    '每年'
    >>> deadline("落实《2019-2022年湖南省干部教育规划》。") is None
    True
    """
    masked = re.sub(r"《[^》]*》", lambda m: "　" * len(m[0]), text)
    match = _DEADLINE.search(masked)
    return re.sub(r"\s+", "", match[0]) if match else None


def time_phrase(text: str) -> str | None:
    """The years ``text`` opens with, as ``2021``, ``2022-2025`` or ``2025年末``.

    Examples
    --------
    >>> time_phrase("2021年，推动和指导"), time_phrase("2022-2025年，聚焦"), time_phrase("2025年末，组织")
    ('2021', '2022-2025', '2025年末')
    >>> time_phrase("聚焦目标任务") is None
    True
    """
    match = _TIME_PHRASE.match(text.strip())
    if match is None:
        return None
    years = match["start"] + (f"-{match['end']}" if match["end"] else "")
    return years + (f"年{match['part']}" if match["part"] else "")
