"""The seed plans read once for every plantext test, and small plans built on a common head."""

from __future__ import annotations

import pytest

from matrix.model import Measure, Plan
from matrix.readers.plantext.source import ImportResult
from matrix.readers.text import read_plan_text, read_text

from ...conftest import seed_path


def by_title(plan: Plan, title: str) -> Measure:
    (measure,) = [m for m in plan.measures if m.title == title]
    return measure


@pytest.fixture(scope="session")
def wutai():
    return read_text(seed_path("wutai-2021-2025.txt"))


@pytest.fixture(scope="session")
def xinhuang():
    return read_text(seed_path("xinhuang-2021-2025.txt"))


#: The opening every small plan shares: title, preamble, chapter and section (lines 1-4).
HEAD = ["某县科普工作实施方案（2022-2025年）", "为推进科普工作，制定本方案。", "一、重点任务", "（一）科普宣传"]


def read(*lines: str, strict: bool = False) -> ImportResult:
    """A small plan: :data:`HEAD`, then ``lines`` from line 5."""
    return read_plan_text("\n".join([*HEAD, *lines]), "plan.txt", strict=strict)
