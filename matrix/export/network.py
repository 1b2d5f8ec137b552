"""The measure–department graph as a file for network tools (Gephi, Cytoscape, yEd).

GraphML and GEXF accept only strings, numbers and booleans as attribute
values; GraphML rejects ``None`` outright. :func:`portable_graph` makes that
explicit, so the written file is what the project's graph holds, with a
``side`` attribute (``measure`` / ``department``) that tools can colour by.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import OutputError
from ..graph import MEASURE
from .atomic import atomic_path

__all__ = ["GRAPH_FORMATS", "portable_graph", "write_network"]

#: File extension -> networkx writer.
GRAPH_FORMATS = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}


def _portable(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (tuple, list, set, frozenset)):
        return "、".join(str(v) for v in value)
    return str(value)


def _attributes(data: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    return {key: _portable(value) for key, value in data.items()}


def portable_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes every graph file format accepts.

    ``None`` becomes the empty string, sequences are joined with 、, other
    objects become their text. Nodes gain ``side``. The input is not changed.
    """
    portable = nx.Graph(**_attributes(graph.graph))
    for node, data in graph.nodes(data=True):
        side = "measure" if data.get("bipartite") == MEASURE else "department"
        portable.add_node(node, **_attributes(data), side=side)
    for u, v, data in graph.edges(data=True):
        portable.add_edge(u, v, **_attributes(data))
    return portable


def write_network(graph: nx.Graph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML or GEXF, chosen by the extension of ``path``, atomically.

    Raises
    ------
    OutputError
        For an extension other than ``.graphml`` or ``.gexf``, or when the
        file cannot be written.
    """
    path = Path(path)
    writer = GRAPH_FORMATS.get(path.suffix.lower())
    if writer is None:
        known = "、".join(GRAPH_FORMATS)
        raise OutputError(f"无法按扩展名 '{path.suffix}' 选择图格式，支持：{known} (unknown graph format): {path}")
    with atomic_path(path) as temporary:
        writer(portable_graph(graph), str(temporary))
    return path
