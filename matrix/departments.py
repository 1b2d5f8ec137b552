"""Department names as plans write them, made comparable and resolved against a registry.

Plans write the same body in several ways: with 由 in front, with 等单位配合
behind, with half-width brackets, with stray spaces. Everything that compares
department names goes through :func:`normalise_name` first, and every list of
names through :func:`split_departments`, so that two readers never disagree
on what a name is.

Beyond spelling, plans abbreviate (县卫健局 for 县卫生健康局), switch suffixes
(县卫健委 beside 县卫健局) and merge bureaus (县商务科技和工业信息化局). The
registry (:class:`~matrix.model.Department` entries with aliases) is the only
authority on which names are one body: :func:`resolve` rewrites a name only on
an exact name or alias match, and everything that merely looks alike
(:func:`near_duplicate`) becomes a finding for a person to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .findings import ERROR, INFO, WARNING, Finding
from .model import Assignment, Department, Measure, Plan
from .punctuation import split_outside_brackets
from .raci import ROLES

__all__ = [
    "ABBREVIATIONS",
    "DEFAULT_SIMILARITY",
    "KINDS",
    "SEPARATORS",
    "Resolution",
    "alias_conflicts",
    "name_appearances",
    "name_problem",
    "name_tokens",
    "near_duplicate",
    "near_duplicates",
    "normalise_name",
    "resolve",
    "resolve_plan",
    "split_departments",
]

#: The kinds a registry entry may have, as county offices classify their bodies.
KINDS: tuple[str, ...] = ("县委部门", "政府部门", "群团组织", "派驻机构", "其他")

#: Characters that separate names in a list (outside brackets).
SEPARATORS = "、，,；;"

_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）"})
_LEADING = re.compile(r"^由")
_TRAILING = re.compile(
    r"(?:等(?:相关|有关|其他)?(?:单位|部门|成员单位)?(?:配合|参加|参与|协助|协办)?|"
    r"(?:配合|参加|参与|协助|协办))$"
)
_PUNCT = "。.；;，,、：: \t\u3000"


def normalise_name(name: str) -> str:
    """The canonical spelling of one department name.

    Strips surrounding blanks and punctuation, a leading 由, a trailing
    等单位配合 / 等单位参加 / 等, and writes brackets full-width, as Chinese
    official documents do, so that ``县委党校(县行政学校)`` and
    ``县委党校（县行政学校）`` are the same name.

    Examples
    --------
    >>> normalise_name(" 由县教育局 ")
    '县教育局'
    >>> normalise_name("县妇联等单位配合")
    '县妇联'
    >>> normalise_name("县委党校(县行政学校)")
    '县委党校（县行政学校）'
    """
    text = re.sub(r"\s+", "", name.translate(_HALF_TO_FULL)).strip(_PUNCT)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = _TRAILING.sub("", text).strip(_PUNCT)
    return text


def split_departments(text: str) -> list[str]:
    """Split a list such as ``县教科局、县科协`` into normalised names.

    Separators inside brackets do not split, so ``县委党校（县行政学校）``
    stays one name. Empty items are kept as empty strings rather than
    dropped, so a caller can report ``县科协、、县妇联`` as an error instead
    of silently accepting it; a trailing separator is tolerated.

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
    return [normalise_name(item) for item in items]


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


# -- near-duplicates ----------------------------------------------------------

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
    """
    a, b = normalise_name(first), normalise_name(second)
    if a == b:
        return None
    tokens_a, tokens_b = name_tokens(a), name_tokens(b)
    if tokens_a == tokens_b:
        return "简称或后缀不同，所指相同"
    for small, large, small_name, large_name in ((tokens_a, tokens_b, a, b), (tokens_b, tokens_a, b, a)):
        if small and small < large and small <= _CONCEPTS:
            return f"“{small_name}”的职能包含在“{large_name}”中"
    score = fuzz.ratio(a, b)
    if score >= similarity:
        return f"字面相似（相似度 {score:.0f}）"
    return None


def near_duplicates(names: Iterable[str], *, similarity: float = DEFAULT_SIMILARITY) -> list[tuple[str, str, str]]:
    """Every pair of ``names`` that :func:`near_duplicate` calls alike, with the reason.

    Pairs come in the order of ``names`` (first name of the pair first), so
    that reports follow the plan.

    Examples
    --------
    >>> near_duplicates(["县卫健局", "县科协", "县卫健委"])
    [('县卫健局', '县卫健委', '简称或后缀不同，所指相同')]
    """
    unique = list(dict.fromkeys(normalise_name(n) for n in names))
    pairs = []
    for i, first in enumerate(unique):
        for second in unique[i + 1 :]:
            reason = near_duplicate(first, second, similarity=similarity)
            if reason:
                pairs.append((first, second, reason))
    return pairs


# -- the registry -------------------------------------------------------------

#: Resolution statuses.
CANONICAL, ALIAS, AMBIGUOUS, NEAR, UNKNOWN = "canonical", "alias", "ambiguous", "near", "unknown"


@dataclass(frozen=True)
class Resolution:
    """What the registry says about one written name.

    ``canonical`` is set only when the registry is certain: the name is a
    registered name (``status`` ``"canonical"``) or the alias of exactly one
    entry (``"alias"``). Otherwise it is ``None`` and ``candidates`` lists
    the entries a person should consider: the claimants of an alias two
    entries share (``"ambiguous"``), look-alikes (``"near"``), or nothing
    (``"unknown"``).
    """

    written: str
    status: str
    canonical: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""


def _spellings(department: Department) -> tuple[str, ...]:
    """The names a registry entry answers to: its name, aliases and short name."""
    short = (department.short,) if department.short else ()
    return (department.name, *department.aliases, *short)


def _claims(registry: Iterable[Department]) -> dict[str, list[str]]:
    """Every registered name, alias and short name -> the canonical names claiming it, in registry order."""
    claims: dict[str, list[str]] = {}
    for department in registry:
        for written in _spellings(department):
            owners = claims.setdefault(normalise_name(written), [])
            if department.name not in owners:
                owners.append(department.name)
    return claims


def resolve(name: str, registry: Sequence[Department], *, similarity: float = DEFAULT_SIMILARITY) -> Resolution:
    """Resolve one written department name against ``registry``.

    Parameters
    ----------
    name
        A department name as the plan writes it.
    registry
        The registered departments.
    similarity
        The rapidfuzz ratio from which an unregistered name counts as a look-alike.

    Returns
    -------
    Resolution
        Exact matches first: a registered name resolves to itself even if
        another entry lists it as an alias (that conflict is reported by
        :func:`alias_conflicts`); an alias resolves when one entry claims it.
        Then look-alikes among registered names and aliases, never rewritten.

    Examples
    --------
    >>> health = Department("县卫健局", aliases=("县卫健委",))
    >>> resolve("县卫健委", [health]).canonical
    '县卫健局'
    >>> r = resolve("县卫生健康局", [health])
    >>> r.status, r.canonical, r.candidates
    ('near', None, ('县卫健局',))
    """
    written = normalise_name(name)
    if any(d.name == written for d in registry):
        return Resolution(written, CANONICAL, written)
    owners = _claims(registry).get(written, [])
    if len(owners) == 1:
        return Resolution(written, ALIAS, owners[0])
    if owners:
        return Resolution(written, AMBIGUOUS, None, tuple(owners), "多个登记单位共用此别名")
    candidates: dict[str, str] = {}
    for department in registry:
        for known in _spellings(department):
            reason = near_duplicate(written, known, similarity=similarity)
            if reason and department.name not in candidates:
                candidates[department.name] = reason
    if candidates:
        return Resolution(written, NEAR, None, tuple(candidates), "；".join(dict.fromkeys(candidates.values())))
    return Resolution(written, UNKNOWN)


def alias_conflicts(registry: Iterable[Department]) -> list[tuple[str, tuple[str, ...]]]:
    """Names that more than one registry entry claims, with the claimants.

    A name claimed twice (an alias of two entries, or one entry's name and
    another's alias) cannot be resolved without guessing, so it is reported
    rather than settled by registry order.

    Examples
    --------
    >>> alias_conflicts([Department("县教育局", aliases=("县教科局",)), Department("县教科局")])
    [('县教科局', ('县教育局', '县教科局'))]
    """
    return [(name, tuple(owners)) for name, owners in _claims(registry).items() if len(owners) > 1]


def name_appearances(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """Every department name the plan writes -> (measure id, location) of each use, in plan order.

    Findings about names quote this, so that a person sees where each
    spelling occurs before deciding whether two spellings are one body.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    for measure in plan.measures:
        for assignment in measure.assignments:
            where = assignment.source or measure.source
            found.setdefault(assignment.department, []).append((measure.id, str(where or "")))
    return found


def _uses(name: str, appearances: Mapping[str, list[tuple[str, str]]]) -> str:
    """``“县卫健委”（措施 3.2.1、3.5.1）``: a name and the measures that write it."""
    measures = "、".join(dict.fromkeys(m for m, _ in appearances.get(name, ())))
    return f"“{name}”（措施 {measures}）" if measures else f"“{name}”"


def _first_location(name: str, appearances: Mapping[str, list[tuple[str, str]]]) -> str:
    return next((where for _, where in appearances.get(name, ()) if where), "")


def _registry_location(names: Iterable[str], registry: Sequence[Department]) -> str:
    sources = {d.name: str(d.source) for d in registry if d.source is not None}
    return "；".join(dict.fromkeys(sources[n] for n in names if n in sources))


def _merge(assignments: Iterable[Assignment]) -> tuple[Assignment, ...]:
    """One assignment per department, the strongest role winning and the others kept in ``also``.

    Two spellings of one body on one measure (县卫健局 牵头, 县卫健委 配合)
    become one department after resolution; like :func:`matrix.raci.assign`,
    the stronger role takes the cell, and a weaker role it does not already
    include is remembered so that the audit can report the contradiction.
    """
    merged: dict[str, Assignment] = {}
    for current in assignments:
        kept = merged.get(current.department)
        if kept is None:
            merged[current.department] = current
            continue
        strong, weak = sorted((kept, current), key=lambda a: ROLES.index(a.role) if a.role in ROLES else 99)
        also = [*strong.also, *weak.also]
        if not set(weak.role) - {"/"} <= set(strong.role):
            also.append(weak.role)
        merged[current.department] = replace(strong, also=tuple(dict.fromkeys(also)))
    return tuple(merged.values())


def resolve_plan(
    plan: Plan, registry: Sequence[Department], *, similarity: float = DEFAULT_SIMILARITY
) -> tuple[Plan, list[Finding]]:
    """Rewrite the plan's department names to the registry's canonical names.

    Parameters
    ----------
    plan
        A plan as read, with department names as the plan writes them.
    registry
        The registered departments; the resolved plan carries them as
        :attr:`Plan.departments`, so the graph knows each body's kind.
    similarity
        Passed to :func:`resolve` for look-alikes.

    Returns
    -------
    plan : Plan
        The same plan with every certain alias replaced by its canonical
        name; names the registry is not certain about are left as written.
        When two spellings of one body meet on one measure they are merged
        (see :class:`~matrix.model.Assignment` ``also``).
    findings : list of Finding
        ``alias-conflict`` (error): a name two entries claim; ``unknown-department``
        (error): a name not in the registry; ``near-duplicate`` (error): an
        unregistered name resembling a registered one, with both places;
        ``mixed-names`` (warning): the plan writes one registered body in
        several ways, with the measures of each; ``alias`` (info): the plan
        consistently writes an alias.

    Examples
    --------
    >>> from matrix.model import Measure, Section
    >>> m = Measure("1", "示例", assignments=(Assignment("县卫健委", "A/R"),))
    >>> plan = Plan("示例方案", sections=(Section("1", "示例", measures=(m,)),))
    >>> resolved, findings = resolve_plan(plan, [Department("县卫健局", aliases=("县卫健委",))])
    >>> resolved.measures[0].leads, [f.code for f in findings]
    (('县卫健局',), ['alias'])
    """
    registry = tuple(registry)
    appearances = name_appearances(plan)
    findings: list[Finding] = []
    for name, owners in alias_conflicts(registry):
        used = f"；方案中{_uses(name, appearances)}因此未能归并" if name in appearances else ""
        findings.append(
            Finding(
                ERROR,
                "alias-conflict",
                f"登记表中名称“{name}”同时属于 {'、'.join(owners)}，无法判断所指单位{used}",
                None,
                name,
                _registry_location(owners, registry),
            )
        )
    resolutions = {name: resolve(name, registry, similarity=similarity) for name in appearances}
    spellings: dict[str, list[str]] = {}
    for name, resolution in resolutions.items():
        if resolution.canonical is not None:
            spellings.setdefault(resolution.canonical, []).append(name)
        elif resolution.status == NEAR:
            findings.append(
                Finding(
                    ERROR,
                    "near-duplicate",
                    f"{_uses(name, appearances)}不在登记表中，与登记单位 {'、'.join(resolution.candidates)} "
                    f"相近（{resolution.reason}）；请在登记表中将其列为别名或新单位",
                    None,
                    name,
                    "；".join(
                        w
                        for w in (
                            _first_location(name, appearances),
                            _registry_location(resolution.candidates, registry),
                        )
                        if w
                    ),
                )
            )
        elif resolution.status == UNKNOWN:
            findings.append(
                Finding(
                    ERROR,
                    "unknown-department",
                    f"{_uses(name, appearances)}不在单位登记表中",
                    None,
                    name,
                    _first_location(name, appearances),
                )
            )
    for canonical, written in spellings.items():
        if len(written) > 1:
            findings.append(
                Finding(
                    WARNING,
                    "mixed-names",
                    f"方案中同一单位有 {len(written)} 种写法：{'、'.join(_uses(n, appearances) for n in written)}；"
                    f"已按登记表统一为“{canonical}”，建议修改原文",
                    None,
                    canonical,
                    "；".join(_first_location(n, appearances) for n in written),
                )
            )
        elif written[0] != canonical:
            findings.append(
                Finding(
                    INFO,
                    "alias",
                    f"方案写作{_uses(written[0], appearances)}，已按登记表统一为“{canonical}”",
                    None,
                    canonical,
                    _first_location(written[0], appearances),
                )
            )
    rename = {n: r.canonical for n, r in resolutions.items() if r.canonical is not None}
    sections = tuple(
        replace(section, measures=tuple(_rename(measure, rename) for measure in section.measures))
        for section in plan.sections
    )
    return replace(plan, sections=sections, departments=registry), findings


def _rename(measure: Measure, rename: Mapping[str, str]) -> Measure:
    renamed = (replace(a, department=rename.get(a.department, a.department)) for a in measure.assignments)
    suggested = tuple(dict.fromkeys(rename.get(n, n) for n in measure.suggested))
    return replace(measure, assignments=_merge(renamed), suggested=suggested)
