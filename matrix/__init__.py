"""Responsibility matrices (RACI) from Chinese implementation plans (实施方案).

The flow is one direction: readers turn a plan file into a :class:`~matrix.model.Plan`,
:func:`~matrix.graph.build_graph` turns the plan into a bipartite graph of measures
and departments, the audit reads the graph, and the exporters write workbooks and
notices from it.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
