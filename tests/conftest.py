"""Fixtures shared by the suite: the seed plans, the bundled inputs, a small plan, the ``raci`` command."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from matrix.cli import cli
from matrix.graph import build_graph
from matrix.model import Plan
from matrix.readers.yaml import read_yaml

ROOT = Path(__file__).resolve().parents[1]
INPUT = ROOT / "input"
#: The seed plans live beside the repository in ../shared/seeds; copies are bundled in input/.
SEEDS = ROOT.parent / "shared" / "seeds"

#: A small plan in the schema of docs/input-schema.md, with real names from the Wutai seed.
SMALL_PLAN = """\
title: 五台县全民科学素质行动规划纲要实施方案
issuer: 五台县全民科学素质工作领导组
office: 五台县全民科学素质工作领导组办公室
period: 2021-2025
sections:
  - id: "3.4"
    title: 老年人科学素质提升行动
    kind: 提升行动
    measures:
      - id: "3.4.1"
        title: 实施智慧助老行动
        text: 聚焦老年人运用智能技术、融入智慧社会的需求和困难。
        leads: [县科协, 县民政局]
        cooperators: 县委宣传部、县卫健局
      - id: "3.4.2"
        title: 加强老年人健康科普服务
        leads: [县民政局]
        cooperators: [县卫健局]
        targets: [每年组织100人次参加健康讲座]
        deadline: 2025年
  - id: "5.2"
    title: 保障条件
    kind: 保障措施
    measures:
      - id: "5.2.1"
        title: 保障经费投入
        suggested: [县财政局]
"""


#: SMALL_PLAN revised: 3.4.2 handed from 县民政局 to 县科协, 3.4.1 reworded, 3.4.3 added.
REVISED_PLAN = (
    SMALL_PLAN.replace("        leads: [县民政局]\n", "        leads: [县科协]\n")
    .replace("聚焦老年人运用智能技术", "围绕老年人运用智能技术")
    .replace(
        '  - id: "5.2"\n',
        '      - id: "3.4.3"\n        title: 开展老年人防诈骗科普\n        leads: [县公安局]\n  - id: "5.2"\n',
    )
)


def seed_path(name: str) -> Path:
    """A seed plan's text, preferring the shared original and falling back to the bundled copy."""
    for folder in (SEEDS, INPUT):
        path = folder / name
        if path.exists():
            return path
    pytest.skip(f"seed plan {name} not available")


@pytest.fixture
def small_plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


#: An excerpt of the Wutai plan with departments, stages and a guarantee measure.
WUTAI_EXCERPT = Path(__file__).parent / "wutai_excerpt.yaml"


@pytest.fixture
def wutai_excerpt() -> Plan:
    """Five measures of the Wutai plan in three sections, one of them unassigned."""
    return read_yaml(WUTAI_EXCERPT)


@pytest.fixture
def wutai_excerpt_graph(wutai_excerpt: Plan) -> nx.Graph:
    return build_graph(wutai_excerpt)


@pytest.fixture
def revised_plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "revised.yaml"
    path.write_text(REVISED_PLAN, encoding="utf-8")
    return path


#: A terminal wide enough that no table the CLI prints is wrapped, whatever runs the tests.
TERMINAL = {"COLUMNS": "400"}


@pytest.fixture(scope="session")
def run() -> Callable[..., Result]:
    """``run("build", plan, "-o", out)``: the ``raci`` command in-process, arguments as strings.

    The result carries ``exit_code``, ``output`` and, for an internal error,
    ``exception``. ``env`` adds environment variables to :data:`TERMINAL`.
    """

    def invoke(*args: object, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], env={**TERMINAL, **(env or {})})

    return invoke


def wait_until(condition: Callable[[], bool], seconds: float = 120.0) -> bool:
    """Poll ``condition`` until it holds (``True``) or ``seconds`` pass (``False``): for another process's doing."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def findings_rows(workbook: Path) -> list[dict[str, str]]:
    """The rows of a built workbook's 审计问题 sheet, each by its header, read back with openpyxl."""
    from openpyxl import load_workbook

    sheet = load_workbook(workbook, read_only=True)["审计问题"]
    rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(row)]
