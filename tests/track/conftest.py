"""The Wutai plan loaded as ``raci`` loads it, and the columns of the feedback form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from matrix.audit import audit_plan
from matrix.findings import Finding
from matrix.graph import build_graph
from matrix.model import Plan
from matrix.readers import read_plan
from matrix.readers.yaml import read_registry
from matrix.registry import resolve_plan
from matrix.track.form_layout import HEADER

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
    return HEADER.index(name) + 1
