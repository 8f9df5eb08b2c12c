"""Price plots for the HTML report, drawn by matplotlib as static SVG.

Each P001/P002 finding gets a dot plot: the comparable items priced nearest to the
listing, one row each and named (id and title), the listing's own price, the median
and the factor lines. Each P004 finding plots the listings of the product (or the
variants of the group) against the tolerance. The overview puts every judged
listing of a category against its comparables' median, on a ratio scale.

Readable without colour: the listing, the comparables, the median and the limits
differ in marker shape and line style, and each figure is followed by a table of its
numbers in the page. The output is byte-for-byte the same for the same input: the
SVG ids are salted with a fixed string and no date goes into the metadata.

Prices are `Decimal` everywhere else; here, and only here, they become floats, as
coordinates on a drawing: nothing computed from them goes back into a finding.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

SALT = "listing-lint"
WIDTH = 7.6  # inches: fits an A4 page's width in print
ROW = 0.27  # inches per named row
TITLE_CHARS = 34  # of a comparable's title in its row label
CHAR = 0.066  # inches a label character takes at 8.5 pt, on average: margins are set, not measured
BOTTOM = 0.85  # inches under the axes: tick labels, the axis label and the legend


class MissingPlotting(ImportError):
    """matplotlib is not installed: the `html` extra."""


def _pyplot():
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingPlotting(str(exc)) from exc
    matplotlib.use("svg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "svg.hashsalt": SALT,
        "svg.fonttype": "none",  # text stays text: searchable, selectable, drawn in the page's own font
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "x",
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
    })
    return plt


def _svg(fig, prefix: str) -> str:
    """The figure as an inline `<svg>`: no XML prolog, ids made unique to this figure."""
    plt = _pyplot()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    plt.close(fig)
    text = out.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    # Several figures in one page: matplotlib's ids (hashes of what they hold) can repeat across them.
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', text)
    return text.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1).strip()


def _f(value: Any) -> float:
    return float(Decimal(str(value)))


def _short(text: str, most: int = TITLE_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _log_scale(values: list[float]) -> bool:
    positive = [v for v in values if v > 0]
    return bool(positive) and len(positive) == len(values) and max(positive) / min(positive) > 8


def _figure(labels: list[str], height: float):
    """A figure whose axes leave room for `labels` on the left and the legend below.

    The margins are worked out from the labels' length rather than by a layout engine,
    which would draw every figure twice: a report of hundreds of plots renders in half the time.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    left = min(0.2 + CHAR * max((len(label) for label in labels), default=4), WIDTH * 0.55)
    fig.subplots_adjust(left=left / WIDTH, right=1 - 0.15 / WIDTH, top=1 - 0.12 / height, bottom=BOTTOM / height)
    return fig, ax


def _legend(fig, ncol: int) -> None:
    fig.legend(loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=ncol, frameon=False, fontsize=7.5)


def _rows_plot(rows: list[tuple[str, float, bool]], lines: list[tuple[float, str, str]], xlabel: str, prefix: str) -> str:
    """A dot plot: one named row per price (the listing's marked), with vertical reference lines."""
    height = BOTTOM + 0.25 + ROW * len(rows)
    fig, ax = _figure([label for label, _, _ in rows], height)
    ys = list(range(len(rows)))[::-1]
    others = [(y, v) for y, (_, v, own) in zip(ys, rows) if not own]
    mine = [(y, v) for y, (_, v, own) in zip(ys, rows) if own]
    if others:
        ax.scatter([v for _, v in others], [y for y, _ in others], marker="o", s=22, color="#4c72b0",
                   label="comparable item", zorder=3)
    if mine:
        ax.scatter([v for _, v in mine], [y for y, _ in mine], marker="D", s=46, color="#c44e52",
                   edgecolors="black", linewidths=0.6, label="this listing", zorder=4)
    styles = {"median": ("--", "#333333"), "limit": (":", "#c44e52"), "low": ("-.", "#dd8452")}
    for value, label, kind in lines:
        style, color = styles[kind]
        ax.axvline(value, linestyle=style, color=color, linewidth=1.2, label=label, zorder=2)
    ax.set_yticks(ys)
    ax.set_yticklabels([label for label, _, _ in rows])
    for tick, (_, _, own) in zip(ax.get_yticklabels(), rows):
        if own:
            tick.set_fontweight("bold")
    values = [v for _, v, _ in rows] + [v for v, _, _ in lines]
    if _log_scale(values):
        _log_axis(ax, min(values), max(values), "")
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel(xlabel, labelpad=2)
    _legend(fig, 4)
    return _svg(fig, prefix)


NICE = (0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
        20000, 50000, 100000)


def _log_axis(ax, low: float, high: float, suffix: str) -> None:
    """A log axis labelled in plain numbers (`50`, `2×`), not powers of ten."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log")
    ticks = [t for t in NICE if low / 1.5 <= t <= high * 1.5]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}{suffix}"))


def comparables_plot(finding, prefix: str) -> str | None:
    """P001/P002: the listing's price against the comparable items priced nearest to it."""
    data = finding.data
    items = data.get("comparable_items")
    if not items or data.get("median") is None:
        return None
    cur = data["currency"]
    per = data.get("per") or "item"
    rows = [(f"{item['id']} {_short(item.get('title') or '')} {item['price']}".strip(), _f(item["price"]), False)
            for item in items]
    rows.append((f"{finding.listing_id or 'this listing'} (this listing) {data['price']}", _f(data["price"]), True))
    rows.sort(key=lambda r: (r[1], r[2]))
    median = _f(data["median"])
    lines = [(median, f"median {data['median']} {cur}", "median")]
    if "factor" in data:
        lines.append((median * _f(data["factor"]), f"{data['factor']}× the median", "limit"))
    if "low_factor" in data:
        lines.append((median * _f(data["low_factor"]), f"{data['low_factor']}× the median", "low"))
    unit = "" if per == "item" else f" per {per}"
    return _rows_plot(rows, lines, f"price in {cur}{unit}", prefix)


def product_plot(finding, prefix: str) -> str | None:
    """P004: the prices of the listings of one product, or of one variant group, against the tolerance."""
    data = finding.data
    prices = data.get("prices")
    if not prices:
        return None
    common = data.get("reference_currency") or data.get("currency")
    rows = []
    for p in prices:
        value = p.get("converted", p["price"])
        rows.append((f"{p['id']} {value}", _f(value), p["id"] == finding.listing_id))
    rows.sort(key=lambda r: (r[1], r[2]))
    if data.get("key") == "variant":
        reference = _f(data["reference"])
        factor = _f(data["variant_factor"])
        lines = [(reference, f"{data['compared_with']} {data['reference']} {common}", "median"),
                 (reference * factor, f"{data['variant_factor']}× that", "limit"),
                 (reference / factor, f"1/{data['variant_factor']} of that", "low")]
    else:
        low = min(r[1] for r in rows)
        tolerance = _f(data["tolerance"])
        lines = [(low, "the lowest price", "median"),
                 (low * (1 + tolerance), f"lowest + {_f(data['tolerance']) * 100:g}% tolerance", "limit")]
    return _rows_plot(rows, lines, f"price in {common}", prefix)


def plot_for(finding, prefix: str) -> str | None:
    if finding.code in ("P001", "P002"):
        return comparables_plot(finding, prefix)
    if finding.code == "P004":
        return product_plot(finding, prefix)
    return None


def overview_plot(groups: list[tuple[str, list[tuple[str, float, bool]]]], factor: float, low_factor: float,
                  prefix: str) -> str:
    """Per category: each judged listing's price as a multiple of its comparables' median (log scale)."""
    height = BOTTOM + 0.35 + 0.42 * len(groups)
    labels = [f"{name} ({len(points)})" for name, points in groups]
    fig, ax = _figure(labels, height)
    ys = list(range(len(groups)))[::-1]
    fine = [(r, y) for y, (_, points) in zip(ys, groups) for _, r, flagged in points if not flagged]
    flagged = [(r, y, name) for y, (_, points) in zip(ys, groups) for name, r, out in points if out]
    # Listings of one category at the same ratio would hide each other: spread them a little, always alike.
    def jitter(k: int) -> float:
        return ((k * 7) % 9 - 4) * 0.04

    if fine:
        ax.scatter([r for r, _ in fine], [y + jitter(k) for k, (_, y) in enumerate(fine)], marker="o", s=16,
                   color="#4c72b0", alpha=0.75, label="listing within the limits", zorder=3)
    if flagged:
        ax.scatter([r for r, _, _ in flagged], [y for _, y, _ in flagged], marker="D", s=40, color="#c44e52",
                   edgecolors="black", linewidths=0.6, label="listing flagged (P001/P002)", zorder=4)
        for r, y, name in flagged:
            ax.annotate(name, (r, y), xytext=(4, 5), textcoords="offset points", fontsize=7)
    ax.axvline(1, linestyle="--", color="#333333", linewidth=1.2, label="the comparables' median")
    ax.axvline(factor, linestyle=":", color="#c44e52", linewidth=1.2, label=f"{factor:g}× (P001)")
    ax.axvline(low_factor, linestyle="-.", color="#dd8452", linewidth=1.2, label=f"{low_factor:g}× (P002)")
    ratios = [r for _, points in groups for _, r, _ in points] + [factor, low_factor]
    _log_axis(ax, min(ratios), max(ratios), "×")
    ax.set_xlim(min(ratios) / 1.4, max(ratios) * (3 if flagged else 1.4))  # room for the names of the flagged
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.7, len(groups) - 0.3)
    ax.set_xlabel("the listing's price ÷ the median price of its comparable items (log scale)", labelpad=2)
    _legend(fig, 3)
    return _svg(fig, prefix)
