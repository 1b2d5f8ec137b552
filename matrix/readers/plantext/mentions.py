"""Departments a measure's prose names although no bracket assigns it anything.

Guarantee chapters (组织实施, 保障条件) give work in sentences:
``县科协要发挥综合协调作用``, ``县人民政府安排经费``. Those names become
:attr:`~matrix.model.Measure.suggested`, a hint for whoever audits the plan,
never an assignment. Only names the plan itself uses elsewhere are looked
for, plus the county government and the leading body, so that the hint
does not guess at bodies from arbitrary words.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["named_bodies"]


def _spellings(known: Iterable[str], county: str, bodies: Iterable[str]) -> dict[str, str]:
    """Every spelling to look for → the name to record."""
    spellings = {name: name for name in known}
    local = county[-1:] if county else "县"
    for name in (f"{local}人民政府", f"{local}政府", "各乡镇人民政府"):
        spellings.setdefault(name, name)
    for body in bodies:
        if not body:
            continue
        spellings[body] = body
        if county and body.startswith(county):
            spellings[local + body[len(county) :]] = body
    return spellings


def named_bodies(text: str, known: Iterable[str], county: str = "", bodies: Iterable[str] = ()) -> tuple[str, ...]:
    """Departments named in ``text``, in the order they first appear.

    Parameters
    ----------
    text
        A measure's prose.
    known
        Department names the plan assigns elsewhere.
    county
        The county's full name, so that 县 can be matched as its abbreviation.
    bodies
        The leading body and its office with the county written out; found
        also when the text abbreviates them (``县全民科学素质工作领导小组办公室``).

    Examples
    --------
    >>> named_bodies("县科协发挥县全民科学素质工作领导小组办公室的作用，县人民政府安排经费。",
    ...              ["县科协"], "新晃侗族自治县", ["新晃侗族自治县全民科学素质工作领导小组办公室"])
    ('县科协', '新晃侗族自治县全民科学素质工作领导小组办公室', '县人民政府')
    """
    spellings = _spellings(known, county, bodies)
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for spelling in sorted(spellings, key=len, reverse=True):
        start = text.find(spelling)
        while start >= 0:
            end = start + len(spelling)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(spelling)
                found.append((start, spellings[spelling]))
            start = text.find(spelling, end)
    return tuple(dict.fromkeys(name for _, name in sorted(found)))
