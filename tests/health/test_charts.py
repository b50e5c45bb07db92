"""The SVG charts map report values to the plot correctly."""

import xml.etree.ElementTree as ET

from outward.health import charts

SVG = "{http://www.w3.org/2000/svg}"


def row(partner_id, attainment, share, revenue=100.0, name=None, tier="Gold"):
    return (partner_id, name or f"Partner {partner_id}", tier, attainment, share, revenue)


def build(rows, tiers=None, threshold=0.75):
    tiers = tiers or {}
    plotted = [
        charts.Plotted(key, name, tiers.get(key, tier), attainment, share, revenue)
        for key, name, tier, attainment, share, revenue in rows
        if attainment is not None and share is not None
    ]
    return charts.quadrant_chart(
        plotted,
        unplotted=len(rows) - len(plotted),
        threshold=threshold,
        palette=charts.tier_classes([p.tier for p in plotted] + ["Gold"]),
        partner_href=lambda key: f"/partners/{key}/",
        cell_href=lambda *bounds: "/cell/" + ",".join(str(b) for b in bounds),
    )


def test_x_position_maps_zero_one_and_axis_end():
    assert charts.x_position(0.0, x_max=2.0) == charts.LEFT
    assert charts.x_position(1.0, x_max=2.0) == (charts.LEFT + charts.RIGHT) / 2
    assert charts.x_position(2.0, x_max=2.0) == charts.RIGHT


def test_x_position_clamps_beyond_axis_and_below_zero():
    assert charts.x_position(7.5, x_max=3.0) == charts.RIGHT
    assert charts.x_position(-1.0, x_max=3.0) == charts.LEFT


def test_y_position_maps_share_bottom_to_top():
    assert charts.y_position(0.0) == charts.BOTTOM
    assert charts.y_position(1.0) == charts.TOP
    assert charts.y_position(0.5) == (charts.TOP + charts.BOTTOM) / 2


def test_axis_max_is_at_least_two_and_at_most_three():
    assert charts.axis_max([]) == 2.0
    assert charts.axis_max([0.4, 1.2]) == 2.0
    assert charts.axis_max([2.2]) == 2.5
    assert charts.axis_max([9.0]) == 3.0


def test_radius_grows_with_square_root_of_revenue():
    assert charts.radius(0.0, max_revenue=400.0) == charts.R_MIN
    assert charts.radius(400.0, max_revenue=400.0) == charts.R_MAX
    assert charts.radius(100.0, max_revenue=400.0) == (charts.R_MIN + charts.R_MAX) / 2


def test_tier_classes_fixed_palette_alphabetical():
    assert charts.tier_classes(["Silver", "Gold", "", "Gold"]) == {
        "Gold": "tier-1",
        "Silver": "tier-2",
        "": "tier-none",
    }
    many = charts.tier_classes([f"T{i}" for i in range(8)])
    assert [many[f"T{i}"] for i in range(8)] == [
        "tier-1",
        "tier-2",
        "tier-3",
        "tier-4",
        "tier-5",
        "tier-6",
        "tier-other",
        "tier-other",
    ]


def test_quadrant_chart_places_points_and_threshold_lines():
    chart = build([row("P1", 1.0, 0.75, revenue=400.0), row("P2", 2.0, 0.0, revenue=100.0)])
    assert chart.x_max == 2.0
    assert chart.quota_line_x == (charts.LEFT + charts.RIGHT) / 2
    assert chart.threshold_line_y == charts.y_position(0.75)
    assert [(p.x, p.y, p.r, p.href) for p in chart.points] == [
        ((charts.LEFT + charts.RIGHT) / 2, charts.y_position(0.75), charts.R_MAX, "/partners/P1/"),
        (charts.RIGHT, charts.BOTTOM, (charts.R_MIN + charts.R_MAX) / 2, "/partners/P2/"),
    ]


def test_quadrant_chart_counts_unknown_points_instead_of_plotting():
    chart = build([row("P1", None, 0.5), row("P2", 1.1, None), row("P3", 0.5, 0.5)])
    assert chart.unplotted == 2
    assert [p.href for p in chart.points] == ["/partners/P3/"]


def test_quadrant_chart_counts_points_beyond_the_axis():
    chart = build([row("P1", 4.0, 0.5), row("P2", 0.5, 0.5)])
    assert (chart.x_max, chart.clamped, chart.points[0].x) == (3.0, 1, charts.RIGHT)


def test_quadrant_chart_legend_lists_plotted_tiers_with_their_class():
    rows = [row("P1", 1.0, 1.0, tier="Silver"), row("P2", 0.5, 0.5, tier="")]
    rows.append(row("P3", None, 0.5, tier="Platinum"))
    chart = build(rows)
    assert chart.legend == (
        charts.LegendEntry(label="Silver", css="tier-2"),
        charts.LegendEntry(label="No tier", css="tier-none"),
    )
    assert sorted(p.css for p in chart.points) == ["point tier-2", "point tier-none"]


def test_quadrant_regions_carry_their_count_and_share():
    rows = [row("T", 1.2, 0.9), row("M", 1.5, 0.1), row("M2", 1.0, 0.0), row("S", 0.2, 0.2)]
    chart = build(rows)
    assert {r.key: (r.count, r.share) for r in chart.regions} == {
        "drifting": (0, 0.0),
        "thriving": (1, 0.25),
        "struggling": (1, 0.25),
        "mutiny_risk": (2, 0.5),
    }
    svg = str(charts.render_quadrant_svg(chart))
    assert "Mutiny risk · 2 (50%)</text>" in svg


def test_many_partners_turn_the_chart_into_linked_density_cells():
    rows = [row(f"P{i}", 1.25, 0.85) for i in range(charts.DENSITY_ABOVE)]
    rows += [row("LOW", 0.01, 0.01), row("FAR", 9.0, 1.0)]
    chart = build(rows)
    assert (chart.density, chart.points, chart.plotted, chart.clamped) == (True, (), 302, 1)
    assert [(c.count, c.href) for c in chart.cells] == [
        (1, "/cell/0.0,0.125,0.0,0.1"),
        (300, "/cell/1.25,1.375,0.8,0.9"),
        (1, "/cell/2.875,None,0.9,None"),
    ]
    assert [c.css for c in chart.cells] == ["cell density-1", "cell density-5", "cell density-1"]
    root = ET.fromstring(str(charts.render_quadrant_svg(chart)))
    labels = [a.get("aria-label") for a in root.findall(f".//{SVG}a")]
    assert labels[1] == "300 partners: quota 125%–138%, own objectives 80%–90%"


def test_points_are_clipped_to_the_plot_area():
    root = ET.fromstring(str(charts.render_quadrant_svg(build([row("P1", 1.0, 1.0)]))))
    (group,) = root.findall(f"{SVG}g")
    assert group.get("clip-path") == "url(#plot-area)"


def test_render_quadrant_svg_links_each_point_with_escaped_tooltip():
    chart = build([row("P1", 1.5, 0.25, revenue=1234.0, name="<Acme & Co>")])
    root = ET.fromstring(str(charts.render_quadrant_svg(chart)))
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/partners/P1/"]
    circle = links[0].find(f"{SVG}circle")
    assert (circle.get("cx"), circle.get("cy"), circle.get("class")) == (
        str(charts.x_position(1.5, x_max=2.0)),
        str(charts.y_position(0.25)),
        "point tier-1",
    )
    assert circle.find(f"{SVG}title").text == (
        "<Acme & Co> (P1): quota 150%, own objectives 25%, revenue 1,234"
    )
    # Links inside: a labelled group, not an image (axe: no interactive content in an image).
    assert (root.get("role"), links[0].get("aria-label")) == (
        "group",
        circle.find(f"{SVG}title").text,
    )


def test_trend_chart_breaks_lines_at_unknown_quarters():
    quarters = [
        {"period": "2026-Q1", "met_own_objectives_share": 0.5, "met_quota_share": 1.0},
        {"period": "2026-Q2", "met_own_objectives_share": None, "met_quota_share": 0.0},
        {"period": "2026-Q3", "met_own_objectives_share": 0.25, "met_quota_share": 0.5},
    ]
    chart = charts.trend_chart(quarters)
    middle = (charts.TREND_LEFT + charts.TREND_RIGHT) / 2
    assert [label for _, label in chart.labels] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    objectives, quota = chart.series
    assert objectives.segments == (
        ((charts.TREND_LEFT, charts.y_position(0.5)),),
        ((charts.TREND_RIGHT, charts.y_position(0.25)),),
    )
    assert quota.segments == (
        (
            (charts.TREND_LEFT, charts.TOP),
            (middle, charts.BOTTOM),
            (charts.TREND_RIGHT, charts.y_position(0.5)),
        ),
    )
    svg = ET.fromstring(str(charts.render_trend_svg(chart, title="Trend")))
    assert len(svg.findall(f"{SVG}polyline")) == 3


def test_coinciding_circles_of_one_tier_are_drawn_once_as_the_largest():
    rows = [
        row("A", 1.0, 0.5, revenue=50.0),
        row("B", 1.001, 0.5, revenue=80.0),
        row("C", 1.0, 0.5, revenue=10.0),
        row("D", 1.5, 0.5, revenue=10.0),
    ]
    tiers = {"A": "Gold", "B": "Gold", "C": "Silver", "D": "Gold"}
    chart = build(rows, tiers=tiers)
    assert [(p.href, p.title.endswith("(and 1 more partner here)")) for p in chart.points] == [
        ("/partners/B/", True),
        ("/partners/C/", False),
        ("/partners/D/", False),
    ]
    assert (chart.merged, chart.unplotted) == (1, 0)
