"""Server-rendered SVG charts of the health report: the quadrant chart and the trend.

The geometry (where a value lands on the plot) is computed here from numbers the engine already
computed; nothing here decides a business number. The SVG is built as a string because a
dashboard may plot ten thousand partners and a template loop is too slow for that. Colours come
from CSS classes only (strict CSP: no inline styles).
"""

import math
from collections.abc import Iterable, Sequence
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


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    css: str
    href: str
    title: str


@dataclass(frozen=True)
class LegendEntry:
    label: str
    css: str


@dataclass(frozen=True)
class QuadrantChart:
    x_max: float
    threshold: float
    points: tuple[Point, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    quota_line_x: float
    threshold_line_y: float
    legend: tuple[LegendEntry, ...]
    unplotted: int
    clamped: int
    merged: int = 0  # partners drawn under another partner's circle (see MERGE_PIXELS)


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


def quadrant_chart(
    rows: Sequence[dict],
    *,
    threshold: float,
    tiers: dict[str, str],
    palette: dict[str, str],
    hrefs: dict[str, str],
) -> QuadrantChart:
    """Place each partner of the report (x attainment, y share, size revenue, colour tier).

    `tiers` maps partner_id to tier, `palette` tier to CSS class (see `tier_classes`), `hrefs`
    partner_id to the link of the point.
    """
    plotted = [
        r
        for r in rows
        if r["quota_attainment"] is not None and r["objectives_met_share"] is not None
    ]
    x_max = axis_max(r["quota_attainment"] for r in plotted)
    max_revenue = max((r["revenue_actual"] or 0.0 for r in plotted), default=0.0)
    # Largest revenue first: the partner drawn for a cell is the one with the most revenue.
    ordered = sorted(plotted, key=lambda r: (-(r["revenue_actual"] or 0.0), r["partner_id"]))
    cells: dict[tuple, list] = {}
    for row in ordered:
        x = x_position(row["quota_attainment"], x_max=x_max)
        y = y_position(row["objectives_met_share"])
        css = f"point {palette.get(tiers.get(row['partner_id'], ''), 'tier-other')}"
        key = (int(x // MERGE_PIXELS), int(y // MERGE_PIXELS), css)
        if key in cells:
            cells[key][1] += 1
        else:
            cells[key] = [(row, x, y, css), 0]
    points = []
    for (row, x, y, css), others in cells.values():
        title = (
            f"{row['name']} ({row['partner_id']}):"
            f" quota {_percent(row['quota_attainment'])},"
            f" own objectives {_percent(row['objectives_met_share'])},"
            f" revenue {row['revenue_actual']:,.0f}"
        )
        if others:
            title += f" (and {others} more partner{'s' if others > 1 else ''} here)"
        points.append(
            Point(
                x=x,
                y=y,
                r=radius(row["revenue_actual"] or 0.0, max_revenue=max_revenue),
                css=css,
                href=hrefs[row["partner_id"]],
                title=title,
            )
        )
    # Big circles first so that small ones stay clickable on top of them.
    points.sort(key=lambda p: -p.r)
    steps = int(round(x_max / 0.5))
    x_ticks = tuple((x_position(i * 0.5, x_max=x_max), f"{i * 50}%") for i in range(steps + 1))
    y_ticks = tuple((y_position(i / 4), f"{i * 25}%") for i in range(5))
    shown = {tiers.get(r["partner_id"], "") for r in plotted}
    legend = tuple(
        LegendEntry(label=tier or "No tier", css=palette.get(tier, "tier-other"))
        for tier in sorted(shown, key=lambda t: (t == "", t))
    )
    return QuadrantChart(
        x_max=x_max,
        threshold=threshold,
        points=tuple(points),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        quota_line_x=x_position(1.0, x_max=x_max),
        threshold_line_y=y_position(threshold),
        legend=legend,
        unplotted=len(rows) - len(plotted),
        clamped=sum(1 for r in plotted if r["quota_attainment"] > x_max),
        merged=len(plotted) - len(points),
    )


def render_quadrant_svg(chart: QuadrantChart) -> SafeString:
    """The quadrant chart as accessible SVG markup (links with tooltips on every point)."""
    qx, ty = chart.quota_line_x, chart.threshold_line_y
    parts = [
        f'<svg class="chart quadrant-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="quadrant-title quadrant-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="quadrant-title">Partners by quota attainment and own objectives met</title>',
        '<desc id="quadrant-desc">Horizontal axis: quota attainment. Vertical axis: share of '
        "the partner's own objectives met. Circle size: revenue. Colour: tier. The lists below "
        "the chart hold the same partners per quadrant.</desc>",
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
        f'<text class="region-label" x="{LEFT + 6}" y="{TOP + 14}">Drifting</text>',
        f'<text class="region-label" x="{RIGHT - 6}" y="{TOP + 14}" text-anchor="end">'
        "Thriving</text>",
        f'<text class="region-label" x="{LEFT + 6}" y="{BOTTOM - 6}">Struggling</text>',
        f'<text class="region-label" x="{RIGHT - 6}" y="{BOTTOM - 6}" text-anchor="end">'
        "Mutiny risk</text>",
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
        'text-anchor="middle">Quota attainment (revenue actual ÷ target)</text>',
        f'<text class="axis-label" x="14" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + BOTTOM) / 2})">Own objectives met</text>',
        f'<line class="threshold quota-line" x1="{qx}" y1="{TOP}" x2="{qx}" y2="{BOTTOM}"/>',
        f'<line class="threshold share-line" x1="{LEFT}" y1="{ty}" x2="{RIGHT}" y2="{ty}"/>',
        '<g class="points">',
    ]
    for p in chart.points:
        parts.append(
            f'<a href="{escape(p.href)}"><circle class="{p.css}" cx="{p.x}" cy="{p.y}" '
            f'r="{p.r}"><title>{escape(p.title)}</title></circle></a>'
        )
    parts.append("</g></svg>")
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
