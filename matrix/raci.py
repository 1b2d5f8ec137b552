"""The one place where the plan's verbs (牵头, 配合, 参加, 负责 …) become RACI roles.

The default mapping follows how Chinese implementation plans assign work:

========================  =====================================================
plan wording              RACI role
========================  =====================================================
牵头 / 负责 / 主责 / 主办  R (Responsible); the first lead is also A (Accountable)
配合 / 参加 / 参与 / 协助  C (Consulted)
the leading-group office  I (Informed) of every measure, added by the graph
牵头领导 (a county leader) A (Accountable) above the lead departments, which are
                          then R only; the leader is not a department and has
                          no cell of its own, but the 牵头领导 column
========================  =====================================================

Everything in this table is configurable through :class:`RaciConfig`, which a
plan file may override in its ``raci:`` section.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "COOPERATE",
    "DEFAULT_VERBS",
    "LEAD",
    "LEADER_LABEL",
    "LISTED_LEADS",
    "OFFICE_ORDER",
    "ROLES",
    "ROLE_LABELS",
    "RaciConfig",
    "assign",
    "is_accountable",
    "is_lead",
    "labelled",
    "listed_twice",
    "parse_role",
]

#: Every label a matrix cell may hold, strongest first (two roles for one department: the first wins).
ROLES: tuple[str, ...] = ("A/R", "R", "A", "C", "I")

#: What each cell label means, in the words offices use; every writer (workbook legend and dropdown, notices,
#: change notices, charts, 督办 forms) takes its words from here, so a role reads the same everywhere.
ROLE_LABELS: Mapping[str, str] = {
    "A/R": "主责牵头",
    "R": "牵头",
    "A": "主责",
    "C": "配合",
    "I": "知会",
}

#: What the matrix, the 任务分工表 and the notices call a measure's leading official.
LEADER_LABEL = "牵头领导"

#: The roles in the order an office reads them: who leads, who helps, who is told; A alone (accountable
#: without leading, set by a measure's ``accountable:``) is rare and comes last.
OFFICE_ORDER: tuple[str, ...] = ("A/R", "R", "C", "I", "A")


def labelled(role: str | None) -> str:
    """A cell label with its meaning, as legends and change lists show it; ``—`` for no role.

    Examples
    --------
    >>> labelled("A/R"), labelled("C"), labelled(None)
    ('A/R 主责牵头', 'C 配合', '—')
    """
    if role is None:
        return "—"
    return f"{role} {ROLE_LABELS.get(role, '')}".strip()


LEAD = "lead"
COOPERATE = "cooperate"

DEFAULT_VERBS: Mapping[str, str] = {
    "牵头": LEAD,
    "负责": LEAD,
    "主责": LEAD,
    "主办": LEAD,
    "配合": COOPERATE,
    "参加": COOPERATE,
    "参与": COOPERATE,
    "协助": COOPERATE,
    "协办": COOPERATE,
    "协同": COOPERATE,
    "协作": COOPERATE,
}

#: How a list of bodies that are merely 负责 (``甲部、乙委等按职责分工负责``) is read when
#: the plan names no lead: the first listed leads, or every body listed leads.
LISTED_LEADS: tuple[str, ...] = ("first", "all")


@dataclass(frozen=True)
class RaciConfig:
    """How plan wording maps to roles; the defaults match the module table."""

    #: The first-listed lead is also Accountable (cell "A/R").
    first_lead_accountable: bool = True
    #: The leading-group office is Informed of every measure.
    office_informed: bool = True
    #: A measure's 牵头领导 is its Accountable, in place of the first lead:
    #: its lead departments are then all R. ``False`` keeps the first lead A/R
    #: and shows the leader beside it.
    leader_accountable: bool = True
    #: Verb -> LEAD or COOPERATE, as (verb, kind) pairs so the config stays hashable.
    verbs: tuple[tuple[str, str], ...] = field(default_factory=lambda: tuple(DEFAULT_VERBS.items()))
    #: The reading of undifferentiated lists in a plan's text (one of :data:`LISTED_LEADS`);
    #: empty when the office has not decided, so the plan's declaration or the importer's
    #: default applies (see :mod:`matrix.readers.plantext.conventions`).
    listed_leads: str = ""

    def kind_of(self, verb: str) -> str | None:
        """LEAD, COOPERATE or None for a verb the mapping does not know."""
        return dict(self.verbs).get(verb)

    def verbs_of(self, kind: str) -> tuple[str, ...]:
        """The verbs mapped to ``kind``, longest first so that a regex tries them greedily."""
        return tuple(sorted((v for v, k in self.verbs if k == kind), key=len, reverse=True))


def assign(
    leads: Iterable[str],
    cooperators: Iterable[str] = (),
    *,
    accountable: Iterable[str] | None = None,
    config: RaciConfig | None = None,
    leaders: Iterable[str] = (),
) -> tuple[tuple[str, str], ...]:
    """Turn a measure's lead and cooperating departments into (department, role) pairs.

    Parameters
    ----------
    leads, cooperators
        Department names in the plan's order.
    accountable
        Departments that carry A. ``None`` means "as configured": the first
        lead when ``first_lead_accountable`` (and no leader takes A, see
        ``leaders``), otherwise nobody. An accountable department that is not
        a lead is A only.
    config
        The mapping in force; the defaults when omitted.
    leaders
        The measure's 牵头领导. When there is one and ``leader_accountable``
        is set, the leader is accountable and no department is A by default.

    Returns
    -------
    tuple of (department, role)
        One pair per department, leads first, in the plan's order. A name
        listed both as lead and cooperator stays a lead: the stronger role wins.

    Examples
    --------
    >>> assign(["县教科局", "县科协"], ["县工信局"])
    (('县教科局', 'A/R'), ('县科协', 'R'), ('县工信局', 'C'))
    >>> assign(["县教科局"], leaders=["县政府分管副县长"])
    (('县教科局', 'R'),)
    """
    config = config or RaciConfig()
    leads = list(dict.fromkeys(leads))
    if accountable is None:
        by_leader = config.leader_accountable and any(True for _ in leaders)
        first = config.first_lead_accountable and leads and not by_leader
        accountable_set = {leads[0]} if first else set()
    else:
        accountable_set = set(accountable)
    pairs: dict[str, str] = {}
    for name in leads:
        pairs[name] = "A/R" if name in accountable_set else "R"
    for name in accountable_set - set(leads):
        pairs[name] = "A"
    for name in cooperators:
        pairs.setdefault(name, "C")
    return tuple(pairs.items())


def listed_twice(leads: Iterable[str], cooperators: Iterable[str]) -> tuple[str, ...]:
    """Departments the input lists both as lead and as cooperator, in lead order.

    :func:`assign` gives such a department one cell with the stronger role,
    which is right for the matrix but hides a contradiction in the input.
    Readers record these names in :attr:`matrix.model.Assignment.also` so
    that the audit can report them.

    Examples
    --------
    >>> listed_twice(["县教科局", "县科协"], ["县科协", "团县委"])
    ('县科协',)
    """
    cooperating = set(cooperators)
    return tuple(name for name in dict.fromkeys(leads) if name in cooperating)


_ALIASES = {"AR": "A/R", "RA": "A/R", "R/A": "A/R", "A/R": "A/R", "A,R": "A/R", "A+R": "A/R"}


def parse_role(text: str) -> str:
    """Normalise a cell's text to one of :data:`ROLES`; ``ValueError`` names the bad value.

    Accepts lower case, full-width letters and the common spellings of A/R
    (``AR``, ``R/A``, ``A、R``) because offices type them all.
    """
    raw = unicodedata.normalize("NFKC", str(text)).strip().upper().replace(" ", "").replace("、", "/")
    if raw in ROLES:
        return raw
    if raw in _ALIASES:
        return _ALIASES[raw]
    raise ValueError(f"未知的角色 '{text}'，应为 {' / '.join(ROLES)} 之一 (unknown role)")


def is_lead(role: str) -> bool:
    """True for R and A/R."""
    return "R" in role


def is_accountable(role: str) -> bool:
    """True for A and A/R."""
    return "A" in role
