"""Pictures of the assignments: workload bars, the RACI matrix as a heat map, the co-assignment network.

A leading-group meeting looks at a picture before it reads a table: who
carries the most, where the matrix is empty, which bodies always work
together. All three are drawn by matplotlib (the Agg renderer, no display
needed) from the graph of :mod:`matrix.graph`, never from the raw input.

Chinese labels need a font with Chinese glyphs; matplotlib's default has
none and would draw empty boxes. :func:`find_cjk_font` picks one installed
on this machine and says what to install when there is none, rather than
writing pictures nobody can read.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..errors import OutputError
from ..graph import co_assignment, department_nodes, measure_nodes, workload
from ..raci import labelled
from .atomic import atomic_path

__all__ = [
    "CHART_FILES",
    "CJK_FAMILIES",
    "KINDS",
    "ROLE_COLOURS",
    "coassignment_graph",
    "find_cjk_font",
    "heatmap_png",
    "network_png",
    "render_png",
    "workload_chart_png",
    "write_charts",
]

#: Font families with Chinese glyphs, preferred first: Simplified Chinese sans-serif
#: faces read best on screen at small sizes; serif and other CJK locales follow.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Noto Serif SC",
    "SimSun",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Arial Unicode MS",
)

#: One colour per matrix cell label, dark for responsibility, light for information.
ROLE_COLOURS: Mapping[str, str] = {
    "A/R": "#08519c",
    "R": "#4a98c9",
    "A": "#807dba",
    "C": "#fd8d3c",
    "I": "#d9d9d9",
}
_EDGE_COLOURS = LinearSegmentedColormap.from_list("co-assignment", ["#deebf7", "#08306b"])

#: Chart kind → file name in the output folder.
CHART_FILES: Mapping[str, str] = {
    "workload": "部门工作量.png",
    "heatmap": "RACI热力图.png",
    "network": "协作网络.png",
}
KINDS: tuple[str, ...] = tuple(CHART_FILES)

_DPI = 150
_INSTALL_HINT = (
    "找不到可显示中文的字体，图表中的中文会显示为方框。请安装中文字体后重试："
    "Debian/Ubuntu 运行 apt-get install fonts-noto-cjk（或 fonts-wqy-zenhei），"
    "CentOS/麒麟运行 yum install google-noto-sans-cjk-fonts；Windows 自带微软雅黑/黑体，macOS 自带苹方。"
    "若刚安装字体，请删除 matplotlib 的字体缓存（~/.cache/matplotlib）。"
    f"已查找：{'、'.join(CJK_FAMILIES[:8])} 等 (no CJK font found; install fonts-noto-cjk)"
)


def find_cjk_font() -> str:
    """The family name of an installed font that can draw Chinese.

    Returns
    -------
    str
        The first of :data:`CJK_FAMILIES` that matplotlib knows, else any
        known family with "CJK" in its name.

    Raises
    ------
    OutputError
        When no such font is installed, naming the packages to install.
    """
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    others = sorted(name for name in installed if "CJK" in name)
    if others:
        return others[0]
    raise OutputError(_INSTALL_HINT)


def render_png(draw: Callable[[Figure], None], size: tuple[float, float]) -> bytes:
    """Draw on a fresh figure with a Chinese font and return the PNG bytes.

    A :class:`~matplotlib.figure.Figure` with its own Agg canvas rather than
    pyplot: no global figure list, no display, safe to call from any thread.
    """
    family = find_cjk_font()
    with matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": False}):
        figure = Figure(figsize=size, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _title(graph: nx.Graph, what: str) -> str:
    title = graph.graph.get("title", "")
    return f"{title}\n{what}" if title else what


def workload_chart_png(graph: nx.Graph) -> bytes:
    """A horizontal bar per department, split into 主责, 牵头 and 配合, heaviest at the top.

    Departments that are only informed (the leading-group office) carry no
    work and are left out. The PNG bytes can go to a file or into a workbook
    (``openpyxl.drawing.image.Image(io.BytesIO(png))``).
    """
    loads = sorted((w for w in workload(graph) if w.total), key=lambda w: (w.total, len(w.led)))
    names = [w.department for w in loads]
    parts = (
        (labelled("A/R"), [len(set(w.led) & set(w.accountable)) for w in loads], ROLE_COLOURS["A/R"]),
        (labelled("R"), [len(set(w.led) - set(w.accountable)) for w in loads], ROLE_COLOURS["R"]),
        (labelled("C"), [len(w.cooperated) for w in loads], ROLE_COLOURS["C"]),
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        left = [0] * len(loads)
        for label, counts, colour in parts:
            axes.barh(names, counts, left=left, color=colour, label=label, height=0.7)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        for y, total in enumerate(left):
            axes.text(total + 0.2, y, str(total), va="center", fontsize=8)
        axes.set_xlabel("承担措施数（项）")
        axes.set_title(_title(graph, "各单位工作量"), fontsize=11)
        axes.margins(x=0.08, y=0.01)
        axes.tick_params(axis="y", labelsize=9)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="lower right", frameon=False)
        if not loads:
            axes.text(0.5, 0.5, "没有已分配的任务", ha="center", va="center", transform=axes.transAxes)

    return render_png(draw, (8.0, max(3.0, 1.6 + 0.28 * len(loads))))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def heatmap_png(graph: nx.Graph) -> bytes:
    """The RACI matrix as coloured cells: measures down, departments across.

    Departments are ordered by workload, heaviest at the left, so the dense
    columns sit together and a measure without a lead shows as a row with no
    blue. Sections are separated by a line.
    """
    measures = measure_nodes(graph)
    loads = {w.department: w.total for w in workload(graph)}
    departments = sorted(department_nodes(graph), key=lambda d: -loads.get(d, 0))
    codes = {role: index + 1 for index, role in enumerate(ROLE_COLOURS)}
    cells = [
        [codes.get(graph.edges[m, d]["role"], 0) if graph.has_edge(m, d) else 0 for d in departments] for m in measures
    ]
    colours = ListedColormap(["#ffffff", *ROLE_COLOURS.values()])
    norm = BoundaryNorm([i - 0.5 for i in range(len(ROLE_COLOURS) + 2)], colours.N)
    row_labels = [f"{m}  {_short(graph.nodes[m]['title'], 18)}" for m in measures]
    # The office's full name (…工作领导组办公室) would be the longest label by far.
    column_labels = ["领导小组办公室" if graph.nodes[d].get("office") else _short(d, 14) for d in departments]
    boundaries = [
        i
        for i in range(1, len(measures))
        if graph.nodes[measures[i]]["section"] != graph.nodes[measures[i - 1]]["section"]
    ]

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        axes.imshow(cells, cmap=colours, norm=norm, aspect="auto", interpolation="nearest")
        axes.set_xticks(range(len(departments)), labels=column_labels, rotation=90, fontsize=8)
        axes.set_yticks(range(len(measures)), labels=row_labels, fontsize=8)
        axes.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
        axes.set_xticks([x - 0.5 for x in range(1, len(departments))], minor=True)
        axes.set_yticks([y - 0.5 for y in range(1, len(measures))], minor=True)
        axes.grid(which="minor", color="#f0f0f0", linewidth=0.5)
        axes.tick_params(which="minor", length=0)
        for y in boundaries:
            axes.axhline(y - 0.5, color="#555555", linewidth=0.8)
        handles = [Patch(facecolor=c, edgecolor="#999999", label=labelled(r)) for r, c in ROLE_COLOURS.items()]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, fontsize=9)
        figure.suptitle(_title(graph, "RACI 责任分工矩阵"), fontsize=11)

    width = max(6.0, 3.8 + 0.24 * len(departments))
    height = max(4.0, 3.4 + 0.2 * len(measures))
    return render_png(draw, (width, height))


def coassignment_graph(graph: nx.Graph) -> nx.Graph:
    """Departments with work, linked by the number of measures they share as lead or cooperator.

    The pairs come from :func:`matrix.graph.co_assignment`, which leaves out
    Informed roles: the leading-group office is informed of every measure and
    would otherwise be linked to everyone with the largest weight, hiding the
    real working relationships. A department that works alone is a node
    without edges.
    """
    network = nx.Graph()
    network.add_nodes_from(w.department for w in workload(graph) if w.total)
    network.add_weighted_edges_from((p.first, p.second, p.shared) for p in co_assignment(graph))
    return network


def network_png(graph: nx.Graph) -> bytes:
    """The department co-assignment network: node size by workload, edge width by shared measures."""
    network = coassignment_graph(graph)
    loads = {w.department: w for w in workload(graph)}
    # Unweighted springs spread a dense projection evenly enough for every label to
    # stay readable; weighted springs pull the busiest bodies into one unreadable knot.
    position = nx.spring_layout(network, weight=None, seed=20211, k=3 / max(1, len(network)) ** 0.5, iterations=300)
    edges = sorted(network.edges, key=lambda e: network.edges[e]["weight"])
    weights = [network.edges[e]["weight"] for e in edges]
    heaviest = max(weights, default=1)
    family = find_cjk_font()

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        nx.draw_networkx_edges(
            network,
            position,
            ax=axes,
            edgelist=edges,
            width=[0.3 + 3.7 * w / heaviest for w in weights],
            edge_color=weights,
            edge_cmap=_EDGE_COLOURS,
            edge_vmin=0,
            edge_vmax=heaviest,
            alpha=0.75,
        )
        nx.draw_networkx_nodes(
            network,
            position,
            ax=axes,
            node_size=[60 + 40 * loads[d].total for d in network],
            node_color=[ROLE_COLOURS["A/R"] if loads[d].led else ROLE_COLOURS["C"] for d in network],
            alpha=0.85,
        )
        nx.draw_networkx_labels(
            network,
            position,
            ax=axes,
            font_family=family,
            font_size=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        )
        axes.set_title(_title(graph, "部门协作网络（连线越粗，共同承担的措施越多）"), fontsize=11)
        axes.axis("off")
        axes.margins(0.08)
        handles = [
            Patch(facecolor=ROLE_COLOURS["A/R"], label="牵头至少一项措施"),
            Patch(facecolor=ROLE_COLOURS["C"], label="只承担配合"),
        ]
        axes.legend(handles=handles, loc="lower left", frameon=False, fontsize=9)
        if not len(network):
            axes.text(0.5, 0.5, "没有已分配的任务", ha="center", va="center", transform=axes.transAxes)

    return render_png(draw, (11.0, 9.0))


_RENDERERS: Mapping[str, Callable[[nx.Graph], bytes]] = {
    "workload": workload_chart_png,
    "heatmap": heatmap_png,
    "network": network_png,
}


def write_charts(graph: nx.Graph, folder: str | Path, kinds: Iterable[str] = KINDS) -> list[Path]:
    """Write the chosen charts as PNG files into ``folder``; return their paths.

    Raises
    ------
    ValueError
        For a kind not in :data:`KINDS`.
    OutputError
        When no Chinese font is installed or a file cannot be written.
    """
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in _RENDERERS]
    if unknown:
        raise ValueError(f"unknown chart kind {unknown[0]!r}, expected one of {', '.join(KINDS)}")
    written = []
    for kind in kinds:
        path = Path(folder) / CHART_FILES[kind]
        png = _RENDERERS[kind](graph)
        with atomic_path(path) as temporary:
            temporary.write_bytes(png)
        written.append(path)
    return written
