"""The report's kinds of diagram, drawn with matplotlib into a figure the caller owns.

Each function draws into a figure (or a PDF page's subfigure) and knows nothing of marts: the
numbers come in as plain series (`hrwh.followup.content` picks them). Colours are Okabe–Ito,
distinguishable with the common colour-vision deficiencies; heat maps use `cividis`, made to be
read the same way by them. Rates are fractions and shown as per cent.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import FigureBase
from matplotlib.ticker import PercentFormatter

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
GREY = "#777777"
SMALL_BASE_NOTE = "ofylld punkt = liten grupp: enstaka avgångar ger stora utslag"


@dataclass(frozen=True)
class Series:
    """One line: values by x (None where there is no value), and which points rest on a small
    base (drawn hollow)."""

    label: str
    x: Sequence[object]
    y: Sequence[float | None]
    small: Sequence[bool] = ()
    dashed: bool = False
    colour: str | None = None


def line_chart(
    fig: FigureBase, series: Sequence[Series], *, xlabel: str, ylabel: str, percent: bool = True
) -> None:
    """Lines over years or month-ends; hollow markers where a point rests on a small base."""
    ax = fig.subplots()
    small_anywhere = False
    for index, s in enumerate(series):
        colour = s.colour or OKABE_ITO[index % len(OKABE_ITO)]
        points = [(x, y) for x, y in zip(s.x, s.y, strict=True) if y is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        style = "--" if s.dashed else "-"
        ax.plot(xs, ys, style, color=colour, label=s.label, linewidth=1.4 if s.dashed else 2.2)
        small = [
            is_small
            for is_small, y in zip(s.small or [False] * len(s.x), s.y, strict=True)
            if y is not None
        ]
        small_anywhere |= any(small)
        ax.scatter(
            xs,
            ys,
            s=22,
            zorder=3,
            edgecolors=colour,
            facecolors=["white" if is_small else colour for is_small in small],
        )
    _axes(ax, xlabel, ylabel, percent)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False, loc="best")
    if small_anywhere:
        ax.text(0.0, 1.01, SMALL_BASE_NOTE, transform=ax.transAxes, fontsize=7, color=GREY)


def heatmap(
    fig: FigureBase,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    xlabel: str,
    ylabel: str,
    colour_label: str,
    percent: bool = True,
) -> None:
    """A table of numbers as colour, each cell labelled with its value; empty where none."""
    import numpy as np

    ax = fig.subplots()
    grid = np.ma.masked_invalid(
        np.array([[np.nan if v is None else float(v) for v in row] for row in values])
    )
    image = ax.imshow(grid, cmap="cividis", aspect="auto")
    low, high = float(grid.min()), float(grid.max())
    for (r, c), value in np.ndenumerate(grid.filled(np.nan)):
        if not np.isnan(value):
            light = (value - low) / ((high - low) or 1) > 0.6
            text = f"{value * 100:.0f}" if percent else f"{value:.1f}".replace(".", ",")
            ax.text(
                c,
                r,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="black" if light else "white",
            )
    ax.set_xticks(range(len(columns)), [str(c) for c in columns], rotation=45, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(colour_label)
    if percent:
        bar.formatter = PercentFormatter(1.0, decimals=0)


def bars(
    fig: FigureBase, labels: Sequence[str], values: Sequence[float], *, xlabel: str, ylabel: str
) -> None:
    """One bar per label, its value written on it."""
    ax = fig.subplots()
    drawn = ax.bar(range(len(labels)), values, color=OKABE_ITO[0])
    ax.bar_label(drawn, fmt="%d", fontsize=8)
    ax.set_xticks(range(len(labels)), labels)
    _axes(ax, xlabel, ylabel, percent=False)


@dataclass(frozen=True)
class Shares:
    """Positive, neutral and negative shares of one statement per round."""

    title: str
    rounds: Sequence[str]
    positive: Sequence[float]
    neutral: Sequence[float]
    negative: Sequence[float]


def share_bars(fig: FigureBase, panels: Sequence[Shares], *, xlabel: str) -> None:
    """Stacked positive/neutral/negative shares per round, one panel per statement."""
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    parts = (("Positiva", OKABE_ITO[0]), ("Neutrala", "#BBBBBB"), ("Negativa", OKABE_ITO[3]))
    for ax, panel in zip(axes, panels, strict=True):
        bottom = [0.0] * len(panel.rounds)
        for (label, colour), values in zip(
            parts, (panel.positive, panel.neutral, panel.negative), strict=True
        ):
            ax.bar(panel.rounds, values, bottom=bottom, color=colour, label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(textwrap.fill(panel.title, 30), fontsize=8)
        ax.tick_params(axis="x", rotation=45)
        _axes(ax, xlabel, "Andel svarande" if ax is axes[0] else "", percent=True)
    axes[-1].legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


@dataclass(frozen=True)
class Funnel:
    """The units of one occupation group at one month-end, with the city's rate and limits."""

    title: str
    size: Sequence[float]
    rate: Sequence[float]
    status: Sequence[str]
    city_rate: float
    upper_95: Sequence[float]
    upper_998: Sequence[float]
    statuses: dict[str, str] = field(default_factory=dict)
    """status → colour, in the legend's order."""


def funnel_plot(fig: FigureBase, panels: Sequence[Funnel], *, xlabel: str, ylabel: str) -> None:
    """Each unit's rate against its size, with the city's rate and the control limits that
    narrow as units grow (the limits come computed from the mart, sorted by size)."""
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    for ax, panel in zip(axes, panels, strict=True):
        ax.axhline(panel.city_rate, color="black", linewidth=1, label="Stadens andel")
        ax.plot(panel.size, panel.upper_95, "--", color=GREY, linewidth=1, label="Övre gräns 95 %")
        ax.plot(
            panel.size,
            panel.upper_998,
            ":",
            color="black",
            linewidth=1.2,
            label="Övre gräns 99,8 %",
        )
        for status, colour in panel.statuses.items():
            points = [
                (s, r)
                for s, r, st in zip(panel.size, panel.rate, panel.status, strict=True)
                if st == status
            ]
            if points:
                xs, ys = zip(*points, strict=True)
                ax.scatter(
                    xs,
                    ys,
                    s=14,
                    color=colour,
                    label=status,
                    zorder=3,
                    marker="o" if status == next(iter(panel.statuses)) else "D",
                )
        ax.set_title(panel.title, fontsize=9)
        ax.set_xscale("log")
        _axes(ax, xlabel, ylabel if ax is axes[0] else "", percent=True)
    # the limits of units of one or two soar: show the units, not the limits' far end
    highest = max(max(p.rate, default=0.0) for p in panels)
    axes[0].set_ylim(0, 1.25 * max([highest, *(p.city_rate for p in panels)]))
    axes[0].legend(fontsize=7, frameon=False, loc="upper right")


def _axes(ax: Axes, xlabel: str, ylabel: str, percent: bool) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylim(bottom=0)
