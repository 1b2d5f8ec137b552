"""Which department names look like one body written two ways: suggestions, never merges.

Plans abbreviate (县卫健局 for 县卫生健康局), switch suffixes (县卫健委 beside
县卫健局) and merge bureaus (县商务科技和工业信息化局). The rules here know how
Chinese department names are built, and rapidfuzz catches typing errors; what
they find is a reason for a person to look. Only the registry
(:mod:`matrix.registry`) decides that two names are one body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import fuzz, process

from .names import normalise_name, split_qualifier

__all__ = ["ABBREVIATIONS", "DEFAULT_SIMILARITY", "name_tokens", "near_duplicate", "near_duplicates"]

#: The abbreviation rules of Chinese department names: the concepts a name is
#: built from, and every way plans write them. Short and long forms map to the
#: same concepts, so 县卫健局 and 县卫生健康局 compare equal, and a merged bureau
#: such as 县文化旅游广电体育局 contains the concepts of 县文旅局.
_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("卫生健康",), ("卫生健康", "卫健")),
    (("人力资源", "社会保障"), ("人力资源和社会保障", "人力资源社会保障", "人社")),
    (("教育", "科技"), ("教育科技", "教育和科技", "教科")),
    (("教育",), ("教育",)),
    (("科协",), ("科学技术协会", "科协")),
    (("科技",), ("科学技术", "科技")),
    (("发展改革",), ("发展和改革", "发展改革", "发改")),
    (("工业", "信息化"), ("工业和信息化", "工业信息化", "工信")),
    (("文化", "旅游"), ("文化和旅游", "文化旅游", "文旅")),
    (("文化",), ("文化",)),
    (("旅游",), ("旅游",)),
    (("广电",), ("广播电视", "广电")),
    (("体育",), ("体育",)),
    (("应急管理",), ("应急管理", "应急")),
    (("市场监督管理",), ("市场监督管理", "市场监管")),
    (("农业农村",), ("农业农村", "农业和农村")),
    (("自然资源",), ("自然资源和规划", "自然资源")),
    (("生态环境",), ("生态环境", "环境保护", "环保")),
    (("商务",), ("商务",)),
)
#: Every written form -> the concepts it stands for (see the rules above).
ABBREVIATIONS: Mapping[str, tuple[str, ...]] = {form: concepts for concepts, forms in _RULES for form in forms}
_FORMS = sorted(ABBREVIATIONS, key=len, reverse=True)
_CONCEPTS = {c for concepts in ABBREVIATIONS.values() for c in concepts}

#: Below this rapidfuzz ratio two names are not called similar. At 80, two
#: five-character names that differ in one character (a typo) are similar,
#: while four-character names such as 县民政局 / 县财政局 are not.
DEFAULT_SIMILARITY = 80.0

_REGION = re.compile(r"^[省市县区](?!委)")
_BRACKETED = re.compile(r"（[^（）]*）")
_BRANCH = re.compile(r"^(.+?)局.+分局$")
_SUFFIX = re.compile(r"(?:委员会|办公室|局|委|办)$")


@lru_cache(maxsize=16384)  # a name is compared with many others; a province has ~5,000
def name_tokens(name: str) -> frozenset[str]:
    """The concepts a department name is made of, for comparing names written differently.

    Drops the region prefix (县, 市 — but not the 县 of 县委), bracketed
    remarks, the body suffix (局 / 委 / 委员会 / 办 / 办公室) and the
    connecting 和; expands the abbreviations of :data:`ABBREVIATIONS`; keeps
    whatever it does not know as one opaque token. A city bureau's county
    branch (市生态环境局五台分局) is reduced to its bureau.

    Examples
    --------
    >>> name_tokens("县卫健委") == name_tokens("县卫生健康局")
    True
    >>> sorted(name_tokens("县商务科技和工业信息化局"))
    ['信息化', '商务', '工业', '科技']
    >>> sorted(name_tokens("县委宣传部"))
    ['县委宣传部']
    """
    text = _BRACKETED.sub("", normalise_name(name))
    text = _REGION.sub("", text)
    branch = _BRANCH.match(text)
    text = branch.group(1) if branch else _SUFFIX.sub("", text)
    tokens: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(text):
        form = next((f for f in _FORMS if text.startswith(f, index)), None)
        if form is None:
            if text[index] in "和与" and not rest and tokens:
                index += 1
                continue
            rest.append(text[index])
            index += 1
            continue
        if rest:
            tokens.append("".join(rest))
            rest = []
        tokens.extend(ABBREVIATIONS[form])
        index += len(form)
    if rest:
        tokens.append("".join(rest))
    return frozenset(tokens)


def near_duplicate(first: str, second: str, *, similarity: float = DEFAULT_SIMILARITY) -> str | None:
    """Why two different names may be one body, or ``None`` if they do not look alike.

    Three rules, from the most to the least certain: the same concepts once
    abbreviations and suffixes are undone (县卫健局 / 县卫健委); one name's
    concepts all contained in the other's, as when bureaus merge (县文旅局 /
    县文化旅游广电体育局); and a rapidfuzz ratio of at least ``similarity``
    for what the rules do not know (typing errors). It only ever suggests:
    the registry decides.

    In a plan merged by plan, names of two places (``五台县·县科协``,
    ``代县·县科协``) are two bodies by construction, and names of one place
    are compared without it: a shared ``五台县·`` would make any two short
    names look alike.

    Examples
    --------
    >>> near_duplicate("县卫健局", "县卫健委")
    '简称或后缀不同，所指相同'
    >>> near_duplicate("县文旅局", "县文化旅游广电体育局")
    '“县文旅局”的职能包含在“县文化旅游广电体育局”中'
    >>> near_duplicate("县委宣传部", "县委组织部") is None
    True
    >>> near_duplicate("县教科局", "县科协") is None
    True
    >>> near_duplicate("五台县·县妇联", "五台县·县文联") is None, near_duplicate("五台县·县科协", "代县·县科协") is None
    (True, True)
    """
    a, b = normalise_name(first), normalise_name(second)
    if a == b:
        return None
    compared = _compared(a, b)
    if compared is None:
        return None
    own_a, own_b = compared
    tokens_a, tokens_b = name_tokens(own_a), name_tokens(own_b)
    if tokens_a == tokens_b:
        return "简称或后缀不同，所指相同"
    for small, large, small_name, large_name in ((tokens_a, tokens_b, a, b), (tokens_b, tokens_a, b, a)):
        if small and small < large and small <= _CONCEPTS:
            return f"“{small_name}”的职能包含在“{large_name}”中"
    score = fuzz.ratio(own_a, own_b)
    if score >= similarity:
        return f"字面相似（相似度 {score:.0f}）"
    return None


def _compared(first: str, second: str) -> tuple[str, str] | None:
    """What of two names is compared: their own names when both are of one place, nothing when of two."""
    (place_a, own_a), (place_b, own_b) = split_qualifier(first), split_qualifier(second)
    if place_a and place_b:
        return (own_a, own_b) if place_a == place_b else None
    return first, second


def near_duplicates(names: Iterable[str], *, similarity: float = DEFAULT_SIMILARITY) -> list[tuple[str, str, str]]:
    """Every pair of ``names`` that :func:`near_duplicate` calls alike, with the reason.

    Pairs come in the order of ``names`` (first name of the pair first), so
    that reports follow the plan. Only pairs that one of the three rules can
    call alike are compared (names of one concept set, a set of known
    concepts inside another's, and the pairs rapidfuzz scores at least
    ``similarity`` over the whole list at once), so a province's 4,000
    names take a second rather than the hours of comparing every pair.

    Examples
    --------
    >>> near_duplicates(["县卫健局", "县科协", "县卫健委"])
    [('县卫健局', '县卫健委', '简称或后缀不同，所指相同')]
    """
    unique = list(dict.fromkeys(normalise_name(n) for n in names))
    pairs = []
    for i, j in sorted(_candidate_pairs(unique, similarity)):
        reason = near_duplicate(unique[i], unique[j], similarity=similarity)
        if reason:
            pairs.append((unique[i], unique[j], reason))
    return pairs


def _candidate_pairs(names: list[str], similarity: float) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that :func:`near_duplicate` may call alike: all of them, and few more.

    Names of one place are compared by their own names, within the place;
    names of no place with every name, whole (see :func:`_compared`).
    """
    places: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        places.setdefault(split_qualifier(name)[0], []).append(index)
    found: set[tuple[int, int]] = set()
    for place, members in places.items():
        if not place:
            continue
        own = [split_qualifier(names[i])[1] for i in members]
        found.update((members[a], members[b]) for a, b in _candidates(own, similarity))
    unplaced = set(places.get("", ()))
    if unplaced:
        everything = range(len(names)) if len(unplaced) < len(names) else sorted(unplaced)
        chosen = list(everything)
        found.update(
            (chosen[a], chosen[b])
            for a, b in _candidates([names[i] for i in chosen], similarity)
            if chosen[a] in unplaced or chosen[b] in unplaced
        )
    return found


def _candidates(names: list[str], similarity: float) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of ``names`` that one of the three rules may call alike."""
    tokens = [name_tokens(name) for name in names]
    found: set[tuple[int, int]] = set()
    # the same concepts
    alike: dict[frozenset[str], list[int]] = {}
    for index, concepts in enumerate(tokens):
        alike.setdefault(concepts, []).append(index)
    for members in alike.values():
        found.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    # known concepts contained in another name's
    holding: dict[str, set[int]] = {}
    for index, concepts in enumerate(tokens):
        for concept in concepts:
            holding.setdefault(concept, set()).add(index)
    for index, concepts in enumerate(tokens):
        if concepts and concepts <= _CONCEPTS:
            containing = set.intersection(*(holding[c] for c in concepts))
            found.update((min(index, other), max(index, other)) for other in containing if tokens[other] != concepts)
    # written alike: one call per name over the names after it, scored in C
    for index, name in enumerate(names):
        later = names[index + 1 :]
        for _, _, offset in process.extract(name, later, scorer=fuzz.ratio, score_cutoff=similarity, limit=None):
            found.add((index, index + 1 + offset))
    return found
