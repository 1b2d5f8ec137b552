from __future__ import annotations

import io
import warnings
from pathlib import Path

import networkx as nx
import pytest
from matplotlib import font_manager
from matplotlib import image as mpimg
from matplotlib.ft2font import FT2Font

from matrix.errors import OutputError
from matrix.export.charts import (
    CHART_FILES,
    coassignment_graph,
    find_cjk_font,
    heatmap_png,
    network_png,
    workload_chart_png,
    write_charts,
)
from matrix.graph import build_graph
from matrix.readers import read_plan
from matrix.readers.yaml import read_yaml_text

from ..conftest import INPUT, SMALL_PLAN

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def graph() -> nx.Graph:
    return build_graph(read_yaml_text(SMALL_PLAN))


def decoded_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from actually decoding the image."""
    assert png.startswith(PNG_SIGNATURE)
    height, width, _ = mpimg.imread(io.BytesIO(png), format="png").shape
    return width, height


@pytest.mark.parametrize("render", [workload_chart_png, heatmap_png, network_png])
def test_each_chart_is_a_png_of_sensible_size(render, graph: nx.Graph) -> None:
    width, height = decoded_size(render(graph))
    assert 600 <= width <= 4000 and 400 <= height <= 4000


@pytest.mark.parametrize("render", [workload_chart_png, heatmap_png, network_png])
def test_chinese_labels_are_drawn_with_real_glyphs(render, graph: nx.Graph) -> None:
    # matplotlib warns "Glyph … missing from font(s)" where it would draw an empty box
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(graph)


def test_the_chosen_font_has_the_plan_s_characters() -> None:
    path = font_manager.findfont(font_manager.FontProperties(family=find_cjk_font()), fallback_to_default=False)
    font = FT2Font(path)
    assert all(font.get_char_index(ord(c)) for c in "县科协民政局卫健牵头配合主责知会（）·")


def test_a_machine_without_a_chinese_font_is_told_what_to_install(monkeypatch, graph: nx.Graph) -> None:
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    with pytest.raises(OutputError, match="fonts-noto-cjk"):
        find_cjk_font()
    with pytest.raises(OutputError, match="找不到可显示中文的字体"):
        workload_chart_png(graph)


def test_write_charts_writes_the_chosen_kinds(tmp_path: Path, graph: nx.Graph) -> None:
    written = write_charts(graph, tmp_path, ["heatmap", "workload"])
    assert [p.name for p in written] == [CHART_FILES["heatmap"], CHART_FILES["workload"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    with pytest.raises(ValueError, match="unknown chart kind 'pie'"):
        write_charts(graph, tmp_path, ["pie"])


def test_heat_map_grows_with_the_matrix(graph: nx.Graph) -> None:
    bigger = build_graph(read_yaml_text(SMALL_PLAN.replace('  - id: "5.2"', _MORE_MEASURES + '  - id: "5.2"')))
    small_width, small_height = decoded_size(heatmap_png(graph))
    width, height = decoded_size(heatmap_png(bigger))
    assert height > small_height and width >= small_width


_MORE_MEASURES = "".join(
    f'      - id: "3.4.{i}"\n        title: 措施{i}\n        leads: [县科协]\n        cooperators: [县妇联, 团县委]\n'
    for i in range(3, 23)
)


def test_co_assignment_counts_shared_measures_and_ignores_the_informed_office(graph: nx.Graph) -> None:
    network = coassignment_graph(graph)
    office = graph.graph["office"]
    assert office not in network
    assert network.edges["县民政局", "县卫健局"]["weight"] == 2
    assert network.edges["县科协", "县民政局"]["weight"] == 1
    assert set(network) == {"县科协", "县民政局", "县委宣传部", "县卫健局"}


def test_cli_chart_writes_all_three_pictures(run, tmp_path: Path, small_plan_path: Path) -> None:
    result = run("chart", small_plan_path, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for name in CHART_FILES.values():
        assert (tmp_path / "small" / name).read_bytes().startswith(PNG_SIGNATURE)
    assert result.output.count("已写入") == 3


def test_cli_chart_without_a_font_exits_with_the_install_hint(
    run, monkeypatch, tmp_path: Path, small_plan_path: Path
) -> None:
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    result = run("chart", small_plan_path, "-o", tmp_path, "--kind", "network")
    assert result.exit_code == 4
    assert result.output.startswith("Error: 找不到可显示中文的字体") and "fonts-noto-cjk" in result.output
    assert not (tmp_path / "small").exists()


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_seed_charts_render(tmp_path: Path, seed: str) -> None:
    path = INPUT / f"{seed}.yaml"
    if not path.exists():
        pytest.skip(f"{path} is not on this branch yet")
    graph = build_graph(read_plan(path))
    for written in write_charts(graph, tmp_path):
        width, height = decoded_size(written.read_bytes())
        assert width >= 1000 and height >= 900


def test_cli_chart_reads_names_through_a_registry(run, tmp_path: Path, small_plan_path: Path) -> None:
    registry = tmp_path / "departments.yaml"
    registry.write_text("departments:\n  - {name: 县卫生健康局, aliases: [县卫健局]}\n", encoding="utf-8")
    result = run("chart", small_plan_path, "-o", tmp_path, "--kind", "workload", "--registry", registry)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "small" / CHART_FILES["workload"]).exists()
