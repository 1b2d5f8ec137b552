"""Responsibility matrices (RACI) from Chinese implementation plans (实施方案).

The flow is one direction: readers turn a plan file into a :class:`~matrix.model.Plan`,
the registry resolves its department names, :func:`~matrix.graph.build_graph` turns
the plan into a bipartite graph of measures and departments, the audit reads the
graph, and the exporters write workbooks and notices from it. The package exports
that pipeline (:mod:`matrix.pipeline`) in its order:

>>> import matrix
>>> loaded = matrix.load("input/wutai.yaml")                     # read, resolve names, build the graph
>>> findings = matrix.audit_findings(loaded)                      # what an auditor should look at
>>> [(f.code, f.department) for f in findings][0]                # the plan writes 县卫健委 twice
('mixed-names', '县卫健局')
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as out:                    # what ``raci build`` writes
...     result = matrix.build("input/wutai.yaml", out)
...     [p.name for p in result.written[:2]]
['责任分工矩阵.xlsx', '任务分解总表.docx']

The names load on first use, so that ``raci --help`` does not wait for networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import BuildResult, Loaded, audit_findings, build, load

__all__ = ["BuildResult", "Loaded", "__version__", "audit_findings", "build", "load"]

__version__ = "0.1.0"

_PIPELINE = frozenset({"load", "Loaded", "audit_findings", "build", "BuildResult"})


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'matrix' has no attribute {name!r}")
