"""Completion by department over time, as one picture for the ledger workbook and the progress report.

A grid rather than lines: a county plan has a dozen lead departments and a
province's hundreds, and a dozen crossing lines are unreadable where a row of
shaded cells per department, one column per period, reads at a glance. Each
cell is the share of the department's measures reported 已完成 by the end of
that period; the last row is the whole plan. Drawn through
:func:`matrix.export.charts.render_png`, so the font and the renderer are the
ones of the other charts.
"""

from __future__ import annotations

from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from ..export.charts import render_png
from .ledger import Ledger

__all__ = ["CHART_FILE", "completion_chart_png", "completion_table"]

CHART_FILE = "完成进度.png"
_SHADES = LinearSegmentedColormap.from_list("completion", ["#fbe9e7", "#fff4d6", "#c7e9c0", "#238b45"])
_TOTAL = "全部牵头任务"


def completion_table(ledger: Ledger) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """Each lead department's completion per period shown, then the whole plan's (weighted by measures)."""
    measures = {count.name: count.measures for count in ledger.departments}
    total = ledger.total.measures
    overall = tuple(
        sum(shares[i] * measures[name] for name, shares in ledger.completion) / total if total else 0.0
        for i in range(len(ledger.history))
    )
    return (*ledger.completion, (_TOTAL, overall))


def completion_chart_png(ledger: Ledger) -> bytes:
    """The grid of :func:`completion_table` as a PNG, departments down and periods across.

    Raises
    ------
    OutputError
        When no font with Chinese glyphs is installed.
    """
    table = completion_table(ledger)
    names = [name for name, _shares in table]
    periods = [p.label for p in ledger.history]
    cells = [list(shares) for _name, shares in table]

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        figure.suptitle(f"{ledger.title}\n各牵头单位任务完成率（已完成任务占牵头任务的比例）", fontsize=11)
        if not periods:
            axes.text(0.5, 0.5, "尚未收录任何进展反馈", ha="center", va="center", transform=axes.transAxes)
            axes.axis("off")
            return
        image = axes.imshow(cells, cmap=_SHADES, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
        axes.set_xticks(range(len(periods)), labels=periods, fontsize=9)
        axes.set_yticks(range(len(names)), labels=names, fontsize=9)
        axes.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
        axes.axhline(len(names) - 1.5, color="#555555", linewidth=1.0)
        for y, row in enumerate(cells):
            for x, share in enumerate(row):
                colour = "white" if share > 0.75 else "#222222"
                axes.text(x, y, f"{share:.0%}", ha="center", va="center", fontsize=8, color=colour)
        colourbar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02, format=lambda v, _pos: f"{v:.0%}")
        colourbar.ax.tick_params(labelsize=8)

    width = max(6.0, 3.5 + 0.9 * len(periods))
    height = max(3.0, 1.8 + 0.3 * len(names))
    return render_png(draw, (width, height))
