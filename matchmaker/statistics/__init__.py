"""Statistics of the fair: per edition, cumulative over all editions, the public summary, and
their CSV/XLSX exports. Every figure is computed from the rows on request, never stored."""
