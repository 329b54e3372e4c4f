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
GAP = 8
LABEL_LINE = 16  # each label sits on its own line above its bars, from the left edge
VALUE_WIDTH = 56
LABEL_LIMIT = 80  # characters; the full label is in the bar's tooltip
PALETTE = ("#1f5fae", "#c8102e", "#1e7b34", "#b8860b", "#6c5b7b", "#3a7ca5")


def _svg_open(title: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    )


def _label(text: str, y: float) -> str:
    """A row label starting at the left edge, so no language's label is cut at its start."""
    return f'<text x="0" y="{y}" font-size="12" fill="#1d2430">{escape(_short(text))}</text>'


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    width: int = 560,
    color: str = PALETTE[0],
    percent: bool = False,
) -> Markup:
    """Horizontal bars, one per (label, value), longest bar = largest value."""
    items = list(items)
    row = LABEL_LINE + BAR_HEIGHT + GAP
    height = max(1, len(items)) * row + GAP
    span = width - VALUE_WIDTH
    top = max((value for _label, value in items), default=0) or 1
    parts = [_svg_open(title, width, height)]
    if not items:
        parts.append(f'<text x="0" y="{BAR_HEIGHT}" font-size="12">–</text>')
    for index, (label, value) in enumerate(items):
        y = GAP + index * row
        bar_y = y + LABEL_LINE
        length = span * (value / top) if value > 0 else 0
        shown = format_percent(value) if percent else format_number(round(value))
        parts.append(
            _label(label, y + 12)
            + f'<rect x="0" y="{bar_y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{color}"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{length + 4:.1f}" y="{bar_y + BAR_HEIGHT - 5}" '
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
    row = LABEL_LINE + len(series) * BAR_HEIGHT + GAP
    legend = 22
    height = legend + max(1, len(groups)) * row + GAP
    span = width - VALUE_WIDTH
    top = max((v for _label, values in groups for v in values), default=0) or 1
    parts = [_svg_open(title, width, height)]
    x = 0
    for index, name in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="2" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="12" font-size="12">{escape(name)}</text>'
        )
        x += 16 + _text_width(str(name)) + 16
    for g, (label, values) in enumerate(groups):
        y0 = legend + g * row
        parts.append(_label(label, y0 + 12))
        for s, value in enumerate(values):
            y = y0 + LABEL_LINE + s * BAR_HEIGHT
            length = span * (value / top) if value > 0 else 0
            parts.append(
                f'<rect x="0" y="{y}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT - 2}" fill="{PALETTE[s % len(PALETTE)]}"/>'
                f'<text x="{length + 4:.1f}" y="{y + BAR_HEIGHT - 5}" '
                f'font-size="11">{format_number(round(value))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _text_width(text: str, size: int = 12) -> int:
    """A generous estimate of a label's width: CJK characters are square, Latin ones narrower."""
    return int(sum(size if ord(c) > 0x2E80 else size * 0.62 for c in text))


def _short(label: str, limit: int = LABEL_LIMIT) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
