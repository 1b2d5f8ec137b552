"""Department names as plans write them, made comparable: one spelling, lists split.

Plans write the same body in several ways: with 由 in front, with 等单位配合
behind, with half-width brackets, with stray spaces. Everything that compares
department names goes through :func:`normalise_name` first, and every list of
names through :func:`split_departments`, so that two readers never disagree
on what a name is. Whether two different spellings are one body is not
decided here: :mod:`matrix.lookalikes` says which names look alike and
:mod:`matrix.registry` resolves them.

The cooperate verbs stripped from the end of a name (配合, 参加 …) are those of
:mod:`matrix.raci`, so a plan whose ``raci: verbs:`` adds 协同 has
``县科协等单位协同`` read as 县科协 too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .punctuation import split_outside_brackets
from .raci import COOPERATE, RaciConfig

__all__ = ["SEPARATORS", "name_problem", "normalise_name", "split_departments"]

#: Characters that separate names in a list (outside brackets).
SEPARATORS = "、，,；;"

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})
_LEADING = re.compile(r"^由")
_PUNCT = "。.；;，,、：: \t\u3000"
_DEFAULT = RaciConfig()


@lru_cache(maxsize=32)
def _trailing(cooperate: tuple[str, ...]) -> re.Pattern[str]:
    """``等单位配合`` / ``等`` / ``配合`` at the end of a name, for the given cooperate verbs."""
    verbs = "|".join(map(re.escape, cooperate))
    tail = f"(?:{verbs})" if verbs else "(?!)"
    return re.compile(rf"(?:等(?:相关|有关|其他)?(?:单位|部门|成员单位)?{tail}?|{tail})$")


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
    """
    trailing = _trailing((config or _DEFAULT).verbs_of(COOPERATE))
    text = re.sub(r"\s+", "", name.translate(_HALF_TO_FULL)).strip(_PUNCT)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = trailing.sub("", text).strip(_PUNCT)
    return text


def split_departments(text: str, config: RaciConfig | None = None) -> list[str]:
    """Split a list such as ``县教科局、县科协`` into normalised names.

    Separators inside brackets do not split, so ``县委党校（县行政学校）``
    stays one name. Empty items are kept as empty strings rather than
    dropped, so a caller can report ``县科协、、县妇联`` as an error instead
    of silently accepting it; a trailing separator is tolerated. ``config``
    is passed to :func:`normalise_name`.

    Examples
    --------
    >>> split_departments("由县教育局、团县委、县科协")
    ['县教育局', '团县委', '县科协']
    >>> split_departments("县委党校（县行政学校、干部学院）、县总工会等单位参加")
    ['县委党校（县行政学校、干部学院）', '县总工会']
    """
    text = text.translate(_HALF_TO_FULL).strip().rstrip("。；;，,、")
    if not text:
        return []
    items = split_outside_brackets(text, SEPARATORS)
    return [normalise_name(item, config) for item in items]


def name_problem(name: str) -> str | None:
    """Why ``name`` does not look like a department name, or ``None`` if it does.

    Catches what typing and bad imports produce: empty names, names that are
    sentences, unbalanced brackets. It does not judge whether the body exists;
    that is the registry's job.
    """
    if not name:
        return "单位名称为空 (empty department name)"
    if len(name) > 40:
        return f"单位名称过长（{len(name)} 字），疑似整句而非单位名 (name too long)"
    if name.count("（") != name.count("）"):
        return f"单位名称括号不成对：'{name}' (unbalanced brackets)"
    if re.search(r"[。！？!?]", name):
        return f"单位名称含句末标点：'{name}' (sentence punctuation in a name)"
    return None
