"""The server-side SVG charts: labels are never cut (they start at the left edge, on their own
line above the bars), whatever their length or language."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.statistics.charts import bar_chart, grouped_bar_chart

SECTOR = "71 — Architectural and engineering activities; technical testing and analysis"


def _labels(svg: str) -> list[tuple[float, str]]:
    return [
        (float(x), text)
        for x, text in re.findall(
            r'<text x="([0-9.]+)" y="[0-9.]+" font-size="12"[^>]*>([^<]*)<', svg
        )
    ]


def test_a_long_sector_label_is_shown_whole_from_the_left_edge():
    svg = str(bar_chart("Sectors", [(SECTOR, 12), ("10 — Manufacture of food products", 3)]))
    labels = dict((text, x) for x, text in _labels(svg))
    assert labels[SECTOR] == 0 and "text-anchor" not in svg
    assert labels["10 — Manufacture of food products"] == 0


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=120), st.integers(min_value=0, max_value=10**6)),
        max_size=8,
    )
)
def test_no_label_starts_outside_the_chart(items):
    svg = str(bar_chart("Any", items))
    for x, _text in _labels(svg):
        assert x >= 0
    rows = str(grouped_bar_chart("Any", [(label, [v, v]) for label, v in items], ["A", "B"]))
    assert "text-anchor" not in rows
    width = int(re.search(r'width="(\d+)"', rows).group(1))
    for x in re.findall(r'<rect x="([0-9.]+)"', rows):
        assert 0 <= float(x) <= width
