"""The timeline of a plan (进度安排) as :class:`~matrix.model.Stage` values.

Plans write it in two ways: one paragraph per named stage
(``启动实施阶段。2021年，…``, also ``启动实施阶段（2021年）：…``), or one paragraph
whose sentences each open with a year (``2022年，…。2023年…。2025年…。``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import Stage
from .clauses import nonblank_parts, time_phrase

__all__ = ["parse_stages"]

# 启动实施阶段。… / 启动实施阶段（2021年）：… / 第一阶段：…
_NAMED = re.compile(
    r"^(?P<name>[^。，；：:（(]{1,20}阶段)\s*(?:[（(](?P<years>[^）)]*)[）)])?\s*[。：:，,]?\s*(?P<rest>.*)$"
)


def _by_year(text: str) -> list[Stage]:
    """Stages of a paragraph whose sentences open with a year; [] when none does."""
    stages: list[Stage] = []
    for sentence in nonblank_parts(text, "。"):
        years = time_phrase(sentence)
        if years is None and stages:
            last = stages[-1]
            stages[-1] = Stage(last.name, last.years, f"{last.text}{sentence}。")
        elif years is None:
            return []
        else:
            name = years if years.endswith(("末", "底")) else f"{years}年"
            stages.append(Stage(name, years, f"{sentence}。"))
    return stages


def parse_stages(paragraphs: Sequence[str]) -> tuple[tuple[Stage, ...], tuple[str, ...]]:
    """The stages the paragraphs describe, and the paragraphs that describe none.

    A stage the plan does not name is named after its years (``2022年``):
    the importer does not invent 启动实施 / 深入实施 where the plan is silent.

    Examples
    --------
    >>> parse_stages(["启动实施阶段。2021年，推动实施。"])[0]
    (Stage(name='启动实施阶段', years='2021', text='2021年，推动实施。'),)
    >>> [s.years for s in parse_stages(["2022年，启动实施。2023年配合调查。2025年进行总结。"])[0]]
    ['2022', '2023', '2025']
    """
    stages: list[Stage] = []
    unread: list[str] = []
    for text in paragraphs:
        named = _NAMED.match(text)
        if named:
            years = time_phrase(named["years"] or named["rest"]) or ""
            stages.append(Stage(named["name"], years, named["rest"]))
        elif by_year := _by_year(text):
            stages.extend(by_year)
        else:
            unread.append(text)
    return tuple(stages), tuple(unread)
