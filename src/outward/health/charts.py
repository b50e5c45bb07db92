"""Server-rendered SVG charts of the health report: the quadrant chart and the trend.

The geometry (where a value lands on the plot) is computed here from numbers the engine already
computed; nothing here decides a business number. The SVG is built as a string because a
dashboard may plot ten thousand partners and a template loop is too slow for that. Colours come
from CSS classes only (strict CSP: no inline styles).
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The plot area inside the SVG's view box.
WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 60, 700, 20, 390
R_MIN, R_MAX = 3.0, 14.0
# Attainment beyond this is drawn at the right edge (and said so in a note).
X_CEILING = 3.0
TIER_PALETTE_SIZE = 6
# Circles of the same tier whose centres fall in the same cell of this many pixels are drawn
# as one (the partner with the most revenue; its tooltip counts the others).
MERGE_PIXELS = 2.0
# Above this many plotted partners the chart becomes a density view of this many cells.
DENSITY_ABOVE = 300
DENSITY_COLUMNS, DENSITY_ROWS = 24, 10
DENSITY_LEVELS = 5


@dataclass(frozen=True)
class Plotted:
    """A partner as the quadrant chart draws it."""

    partner_id: str
    name: str
    tier: str
    attainment: float
    share: float
    revenue: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    css: str
    href: str
    title: str


@dataclass(frozen=True)
class Cell:
    """A cell of the density view: how many partners fall in it, and where to list them."""

    x: float
    y: float
    width: float
    height: float
    count: int
    css: str
    href: str
    title: str


@dataclass(frozen=True)
class LegendEntry:
    label: str
    css: str


@dataclass(frozen=True)
class Region:
    """A quadrant's area of the plot with its count and share of the plotted partners."""

    key: str
    label: str
    x: float
    y: float
    anchor: str
    count: int
    share: float


@dataclass(frozen=True)
class QuadrantChart:
    x_max: float
    threshold: float
    points: tuple[Point, ...]
    cells: tuple[Cell, ...]
    regions: tuple[Region, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    quota_line_x: float
    threshold_line_y: float
    legend: tuple[LegendEntry, ...]
    plotted: int
    unplotted: int
    clamped: int
    merged: int = 0  # partners drawn under another partner's circle (see MERGE_PIXELS)

    @property
    def density(self) -> bool:
        return bool(self.cells)


def x_position(value: float, *, x_max: float) -> float:
    """The horizontal pixel of a quota attainment (clamped to the plot)."""
    return round(LEFT + min(max(value, 0.0), x_max) / x_max * (RIGHT - LEFT), 2)


def y_position(value: float) -> float:
    """The vertical pixel of an objectives met share (0 at the bottom, 1 at the top)."""
    return round(BOTTOM - min(max(value, 0.0), 1.0) * (BOTTOM - TOP), 2)


def radius(revenue: float, *, max_revenue: float) -> float:
    """A point's radius: its area grows with revenue, between R_MIN and R_MAX."""
    if max_revenue <= 0 or revenue <= 0:
        return R_MIN
    return round(R_MIN + (R_MAX - R_MIN) * math.sqrt(min(revenue, max_revenue) / max_revenue), 2)


def axis_max(attainments: Iterable[float]) -> float:
    """The right end of the attainment axis: at least 200%, in steps of 50%, at most 300%."""
    top = max(attainments, default=0.0)
    return min(X_CEILING, max(2.0, math.ceil(top * 2) / 2))


def tier_classes(tiers: Iterable[str]) -> dict[str, str]:
    """A fixed palette of CSS classes per tier (alphabetical); more tiers share `tier-other`."""
    named = sorted({t for t in tiers if t})
    classes = {
        tier: f"tier-{i + 1}" if i < TIER_PALETTE_SIZE else "tier-other"
        for i, tier in enumerate(named)
    }
    classes[""] = "tier-none"
    return classes


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def quadrant_of(attainment: float, share: float, threshold: float) -> str:
    """The quadrant a plotted point lies in (both sides known)."""
    if attainment >= 1:
        return "thriving" if share >= threshold else "mutiny_risk"
    return "drifting" if share >= threshold else "struggling"


REGION_LABELS = {
    "drifting": "Drifting",
    "thriving": "Thriving",
    "struggling": "Struggling",
    "mutiny_risk": "Mutiny risk",
}


def quadrant_chart(
    plotted: Sequence[Plotted],
    *,
    unplotted: int,
    threshold: float,
    palette: dict[str, str],
    partner_href: Callable[[str], str],
    cell_href: Callable[[float, float, float, float], str],
) -> QuadrantChart:
    """The partners on the plane of quota attainment (x) and own objectives met (y).

    Up to DENSITY_ABOVE partners each get a circle (size revenue, colour tier, a link to the
    partner). Above that a circle per partner only hides them behind each other, so the plot
    turns into a density view: cells shaded by how many partners fall in them, each a link to
    the list of those partners (`cell_href(attainment from, to, share from, to)`).
    """
    x_max = axis_max(p.attainment for p in plotted)
    qx, ty = x_position(1.0, x_max=x_max), y_position(threshold)
    counts = dict.fromkeys(REGION_LABELS, 0)
    for p in plotted:
        counts[quadrant_of(p.attainment, p.share, threshold)] += 1
    total = (len(plotted) + unplotted) or 1  # shares of every partner, as the lists give them
    regions = (
        Region(
            "drifting",
            "Drifting",
            LEFT + 6,
            TOP + 14,
            "start",
            counts["drifting"],
            counts["drifting"] / total,
        ),
        Region(
            "thriving",
            "Thriving",
            RIGHT - 6,
            TOP + 14,
            "end",
            counts["thriving"],
            counts["thriving"] / total,
        ),
        Region(
            "struggling",
            "Struggling",
            LEFT + 6,
            BOTTOM - 6,
            "start",
            counts["struggling"],
            counts["struggling"] / total,
        ),
        Region(
            "mutiny_risk",
            "Mutiny risk",
            RIGHT - 6,
            BOTTOM - 6,
            "end",
            counts["mutiny_risk"],
            counts["mutiny_risk"] / total,
        ),
    )
    if len(plotted) > DENSITY_ABOVE:
        points, merged = (), 0
        cells = _density(plotted, x_max=x_max, cell_href=cell_href)
        legend = tuple(
            LegendEntry(label=label, css=f"density-{level}")
            for level, label in _density_legend(cells)
        )
    else:
        points, merged = _points(plotted, x_max=x_max, palette=palette, partner_href=partner_href)
        cells = ()
        shown = {p.tier for p in plotted}
        legend = tuple(
            LegendEntry(label=tier or "No tier", css=palette.get(tier, "tier-other"))
            for tier in sorted(shown, key=lambda t: (t == "", t))
        )
    steps = int(round(x_max / 0.5))
    x_ticks = tuple((x_position(i * 0.5, x_max=x_max), f"{i * 50}%") for i in range(steps + 1))
    y_ticks = tuple((y_position(i / 4), f"{i * 25}%") for i in range(5))
    return QuadrantChart(
        x_max=x_max,
        threshold=threshold,
        points=points,
        cells=cells,
        regions=regions,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        quota_line_x=qx,
        threshold_line_y=ty,
        legend=legend,
        plotted=len(plotted),
        unplotted=unplotted,
        clamped=sum(1 for p in plotted if p.attainment > x_max),
        merged=merged,
    )


def _points(plotted, *, x_max, palette, partner_href) -> tuple[tuple[Point, ...], int]:
    max_revenue = max((p.revenue for p in plotted), default=0.0)
    # Largest revenue first: the partner drawn for a cell is the one with the most revenue.
    ordered = sorted(plotted, key=lambda p: (-p.revenue, p.partner_id))
    merged_cells: dict[tuple, list] = {}
    for p in ordered:
        x, y = x_position(p.attainment, x_max=x_max), y_position(p.share)
        css = f"point {palette.get(p.tier, 'tier-other')}"
        key = (int(x // MERGE_PIXELS), int(y // MERGE_PIXELS), css)
        if key in merged_cells:
            merged_cells[key][1] += 1
        else:
            merged_cells[key] = [(p, x, y, css), 0]
    points = []
    for (p, x, y, css), others in merged_cells.values():
        title = (
            f"{p.name} ({p.partner_id}): quota {_percent(p.attainment)},"
            f" own objectives {_percent(p.share)}, revenue {p.revenue:,.0f}"
        )
        if others:
            title += f" (and {others} more partner{'s' if others > 1 else ''} here)"
        r = radius(p.revenue, max_revenue=max_revenue)
        points.append(Point(x=x, y=y, r=r, css=css, href=partner_href(p.partner_id), title=title))
    # Big circles first so that small ones stay clickable on top of them.
    points.sort(key=lambda point: -point.r)
    return tuple(points), len(plotted) - len(points)


def _density(plotted, *, x_max: float, cell_href) -> tuple[Cell, ...]:
    columns, rows = DENSITY_COLUMNS, DENSITY_ROWS
    x_step, y_step = x_max / columns, 1.0 / rows
    counts: dict[tuple[int, int], int] = {}
    for p in plotted:
        column = min(int(min(max(p.attainment, 0.0), x_max) / x_step), columns - 1)
        row = min(int(min(max(p.share, 0.0), 1.0) / y_step), rows - 1)
        counts[(column, row)] = counts.get((column, row), 0) + 1
    most = max(counts.values(), default=1)
    cells = []
    for (column, row), count in sorted(counts.items()):
        low_x, low_y = column * x_step, row * y_step
        # The last column also holds everything beyond the axis's end.
        high_x = low_x + x_step if column < columns - 1 else None
        high_y = low_y + y_step
        left, right = x_position(low_x, x_max=x_max), x_position(low_x + x_step, x_max=x_max)
        top, bottom = y_position(high_y), y_position(low_y)
        level = 1 + min(
            DENSITY_LEVELS - 1, int(DENSITY_LEVELS * math.log1p(count) / math.log1p(most + 0.001))
        )
        beyond = "" if high_x is not None else " or more"
        title = (
            f"{count:,} partner{'s' if count != 1 else ''}: quota {_percent(low_x)}–"
            f"{_percent(low_x + x_step)}{beyond},"
            f" own objectives {_percent(low_y)}–{_percent(high_y)}"
        )
        cells.append(
            Cell(
                x=left,
                y=top,
                width=round(right - left, 2),
                height=round(bottom - top, 2),
                count=count,
                css=f"cell density-{level}",
                href=cell_href(low_x, high_x, low_y, high_y if row < rows - 1 else None),
                title=title,
            )
        )
    return tuple(cells)


def _density_legend(cells: Sequence[Cell]) -> list[tuple[int, str]]:
    by_level: dict[int, list[int]] = {}
    for cell in cells:
        level = int(cell.css.rsplit("-", 1)[1])
        by_level.setdefault(level, []).append(cell.count)
    return [
        (level, f"{min(counts):,}–{max(counts):,} partners a cell")
        for level, counts in sorted(by_level.items())
    ]


def render_quadrant_svg(chart: QuadrantChart) -> SafeString:
    """The quadrant chart as SVG markup: a group of links (circles or density cells).

    It holds links, so it is a labelled group, not an image (an image must not contain
    interactive elements); every link has its own accessible name.
    """
    qx, ty = chart.quota_line_x, chart.threshold_line_y
    kind = "density view" if chart.density else "one circle per partner"
    parts = [
        f'<svg class="chart quadrant-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        'aria-labelledby="quadrant-title" aria-describedby="quadrant-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="quadrant-title">Partners by quota attainment and own objectives met</title>',
        f'<desc id="quadrant-desc">{escape(kind)}. Horizontal axis: quota attainment. Vertical '
        "axis: share of the partner's own objectives met. The table after the chart gives "
        "each quadrant's count.</desc>",
        f'<clipPath id="plot-area"><rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" '
        f'height="{BOTTOM - TOP}"/></clipPath>',
        # Quadrant regions: top left drifting, top right thriving, bottom left struggling,
        # bottom right mutiny risk.
        f'<rect class="region drifting" x="{LEFT}" y="{TOP}" width="{qx - LEFT:.2f}" '
        f'height="{ty - TOP:.2f}"/>',
        f'<rect class="region thriving" x="{qx}" y="{TOP}" width="{RIGHT - qx:.2f}" '
        f'height="{ty - TOP:.2f}"/>',
        f'<rect class="region struggling" x="{LEFT}" y="{ty}" width="{qx - LEFT:.2f}" '
        f'height="{BOTTOM - ty:.2f}"/>',
        f'<rect class="region mutiny_risk" x="{qx}" y="{ty}" width="{RIGHT - qx:.2f}" '
        f'height="{BOTTOM - ty:.2f}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}"/>',
    ]
    for x, label in chart.x_ticks:
        parts.append(
            f'<text class="tick" x="{x}" y="{BOTTOM + 16}" text-anchor="middle">{label}</text>'
        )
    for y, label in chart.y_ticks:
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>'
        )
    parts += [
        f'<text class="axis-label" x="{(LEFT + RIGHT) / 2}" y="{HEIGHT - 14}" '
        'text-anchor="middle">Quota attainment (revenue ÷ target to date)</text>',
        f'<text class="axis-label" x="14" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + BOTTOM) / 2})">Own objectives met</text>',
        '<g class="points" clip-path="url(#plot-area)">',
    ]
    for cell in chart.cells:
        parts.append(
            f'<a href="{escape(cell.href)}" aria-label="{escape(cell.title)}">'
            f'<rect class="{cell.css}" x="{cell.x}" y="{cell.y}" width="{cell.width}" '
            f'height="{cell.height}"><title>{escape(cell.title)}</title></rect></a>'
        )
    for p in chart.points:
        parts.append(
            f'<a href="{escape(p.href)}" aria-label="{escape(p.title)}"><circle class="{p.css}" '
            f'cx="{p.x}" cy="{p.y}" r="{p.r}"><title>{escape(p.title)}</title></circle></a>'
        )
    parts += [
        "</g>",
        f'<line class="threshold quota-line" x1="{qx}" y1="{TOP}" x2="{qx}" y2="{BOTTOM}"/>',
        f'<line class="threshold share-line" x1="{LEFT}" y1="{ty}" x2="{RIGHT}" y2="{ty}"/>',
    ]
    for region in chart.regions:
        parts.append(
            f'<text class="region-label" x="{region.x}" y="{region.y}" '
            f'text-anchor="{region.anchor}">{escape(region.label)} · {region.count:,} '
            f"({region.share * 100:.0f}%)</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every dynamic value above is escaped


@dataclass(frozen=True)
class TrendSeries:
    key: str
    label: str
    css: str
    # Runs of consecutive known values; an unknown quarter breaks the line.
    segments: tuple[tuple[tuple[float, float], ...], ...]
    dots: tuple[tuple[float, float, str], ...]


@dataclass(frozen=True)
class TrendChart:
    labels: tuple[tuple[float, str], ...]
    series: tuple[TrendSeries, ...]
    y_ticks: tuple[tuple[float, str], ...]


TREND_SERIES = (
    ("met_own_objectives_share", "Met their own objectives", "series-objectives"),
    ("met_quota_share", "Met your quota", "series-quota"),
)


# The trend's first and last quarters sit inside the plot so their labels are not cut off.
TREND_LEFT, TREND_RIGHT = LEFT + 30, RIGHT - 30


def trend_x(index: int, count: int) -> float:
    """The horizontal pixel of the index-th quarter of count (evenly spread)."""
    if count <= 1:
        return float((TREND_LEFT + TREND_RIGHT) / 2)
    return round(TREND_LEFT + index * (TREND_RIGHT - TREND_LEFT) / (count - 1), 2)


def trend_chart(quarters: Sequence[dict]) -> TrendChart:
    """Two lines over the quarters: share meeting own objectives and share meeting quota."""
    count = len(quarters)
    series = []
    for key, label, css in TREND_SERIES:
        segments: list[list[tuple[float, float]]] = []
        dots = []
        current: list[tuple[float, float]] = []
        for i, quarter in enumerate(quarters):
            value = quarter.get(key)
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            point = (trend_x(i, count), y_position(value))
            current.append(point)
            dots.append((*point, f"{quarter['period']}: {label.lower()} {_percent(value)}"))
        if current:
            segments.append(current)
        series.append(
            TrendSeries(
                key=key,
                label=label,
                css=css,
                segments=tuple(tuple(s) for s in segments),
                dots=tuple(dots),
            )
        )
    return TrendChart(
        labels=tuple((trend_x(i, count), q["period"]) for i, q in enumerate(quarters)),
        series=tuple(series),
        y_ticks=tuple((y_position(i / 4), f"{i * 25}%") for i in range(5)),
    )


def render_trend_svg(chart: TrendChart, *, title: str) -> SafeString:
    """The trend as SVG (decorative for screen readers: the table next to it has the data)."""
    parts = [
        f'<svg class="chart trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}"/>',
    ]
    for y, label in chart.y_ticks:
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>'
        )
    for x, label in chart.labels:
        parts.append(
            f'<text class="tick" x="{x}" y="{BOTTOM + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for s in chart.series:
        for segment in s.segments:
            coords = " ".join(f"{x},{y}" for x, y in segment)
            parts.append(f'<polyline class="line {s.css}" points="{coords}"/>')
        for x, y, text in s.dots:
            parts.append(
                f'<circle class="dot {s.css}" cx="{x}" cy="{y}" r="4">'
                f"<title>{escape(text)}</title></circle>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every dynamic value above is escaped
