"""The Wutai plan loaded as ``raci`` loads it, and departments filling in their forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from matrix.audit import audit_plan
from matrix.findings import Finding
from matrix.graph import build_graph
from matrix.model import Plan
from matrix.readers import read_plan
from matrix.readers.yaml import read_registry
from matrix.registry import resolve_plan
from matrix.track.form_layout import FILLED_HEADER, FIRST_ROW, FIXED_HEADER, FORM_SHEET

from ..conftest import INPUT

WUTAI = INPUT / "wutai.yaml"


@dataclass(frozen=True)
class Loaded:
    plan: Plan
    graph: nx.Graph
    findings: tuple[Finding, ...]


def load(path: Path, registry: Path | None = None) -> Loaded:
    """The plan with names resolved through its registry, its graph and audit, as the commands see them."""
    written = read_plan(path)
    departments = read_registry(registry) if registry else ()
    plan = resolve_plan(written, departments)[0] if departments else written
    graph = build_graph(plan)
    return Loaded(plan, graph, tuple(audit_plan(written, graph, registry=departments or None)))


@pytest.fixture(scope="session")
def wutai() -> Loaded:
    return load(WUTAI, INPUT / "departments-wutai.yaml")


def column(name: str) -> int:
    """The 1-based column of a header of the feedback form."""
    header = (*FIXED_HEADER, *FILLED_HEADER)
    return header.index(name) + 1


def fill_form(
    form: Path,
    out: Path,
    rows: Mapping[str, Mapping[str, object]],
    *,
    person: str = "张三",
    phone: str = "0350-1234567",
    day: dt.date | None = None,
) -> Path:
    """Fill ``form`` as a department would and save it as ``out``.

    ``rows`` maps a measure id to the cells to fill (``{"完成状态": "推进中",
    "完成比例": 0.5}``); 责任人, 联系电话 and 报送日期 are filled on those rows too.
    """
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[FORM_SHEET]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        values = rows.get(sheet.cell(row, 1).value)
        if values is None:
            continue
        filled = {"责任人": person, "联系电话": phone, "报送日期": day, **values}
        for name, value in filled.items():
            sheet.cell(row, column(name), value)
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out
