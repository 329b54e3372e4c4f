"""Charts rendered on the server as inline SVG: no JavaScript, they print like the page.

Labels are user data (sector and country names are reference data, but type names and the like
are translated strings): everything placed in the markup is escaped. Numbers are written for
the reader's locale.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from matchmaker.languages.formatting import format_number, format_percent

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 190
VALUE_WIDTH = 56
PALETTE = ("#1d4e89", "#c0392b", "#2e8b57", "#d4a017", "#6c5b7b", "#3a7ca5")


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    width: int = 560,
    color: str = PALETTE[0],
    percent: bool = False,
) -> Markup:
    """Horizontal bars, one per (label, value), longest bar = largest value."""
    items = list(items)
    height = max(1, len(items)) * (BAR_HEIGHT + GAP) + GAP
    span = width - LABEL_WIDTH - VALUE_WIDTH
    top = max((value for _label, value in items), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    if not items:
        parts.append(f'<text x="0" y="{BAR_HEIGHT}" font-size="12">–</text>')
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = span * (value / top) if value > 0 else 0
        shown = format_percent(value) if percent else format_number(round(value))
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" font-size="12" '
            f'text-anchor="end">{escape(_short(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{color}"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" '
            f'font-size="12">{shown}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def grouped_bar_chart(
    title: str,
    groups: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[str],
    width: int = 560,
) -> Markup:
    """One row per group, one bar per series in it (e.g. per edition: EU and CN companies), with
    a legend."""
    groups = list(groups)
    row = len(series) * BAR_HEIGHT + GAP
    legend = 20
    height = legend + max(1, len(groups)) * row + GAP
    span = width - LABEL_WIDTH - VALUE_WIDTH
    top = max((v for _label, values in groups for v in values), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    for index, name in enumerate(series):
        x = LABEL_WIDTH + index * 120
        parts.append(
            f'<rect x="{x}" y="2" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="12" font-size="12">{escape(name)}</text>'
        )
    for g, (label, values) in enumerate(groups):
        y0 = legend + g * row
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y0 + BAR_HEIGHT - 5}" font-size="12" '
            f'text-anchor="end">{escape(_short(label))}</text>'
        )
        for s, value in enumerate(values):
            y = y0 + s * BAR_HEIGHT
            length = span * (value / top) if value > 0 else 0
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT - 2}" fill="{PALETTE[s % len(PALETTE)]}"/>'
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" '
                f'font-size="11">{format_number(round(value))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
