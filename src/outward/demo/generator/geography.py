"""Countries, ISO 3166-2 subdivisions, postal codes and the demo territory tree."""

from dataclasses import dataclass
from random import Random

from outward.territories.domain.matching import Criteria, Node

# Letters that appear in British, Irish and Canadian postal codes (no C, I, K, M, O, V).
_POSTAL_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Country:
    code: str
    weight: float
    tld: str
    legal_forms: tuple[str, ...]
    postal_suffix: str  # appended to a subdivision's prefix: '#' a digit, '@' a letter
    subdivisions: tuple[tuple[str, float, tuple[str, ...]], ...]  # (code, weight, prefixes)


COUNTRIES: tuple[Country, ...] = (
    Country("DE", 18, "de", ("GmbH", "AG", "GmbH & Co. KG"), "###", (
        ("DE-BY", 18, ("80", "81", "85", "86", "90", "91", "93", "97")),
        ("DE-BW", 14, ("70", "71", "68", "69", "72", "79")),
        ("DE-NW", 20, ("40", "44", "45", "47", "50", "51", "52", "53", "33", "48")),
        ("DE-BE", 10, ("10", "12", "13", "14")),
        ("DE-HH", 8, ("20", "21", "22")),
        ("DE-HE", 10, ("60", "61", "63", "64", "65", "34", "35")),
        ("DE-NI", 8, ("30", "31", "26", "37", "38")),
        ("DE-SN", 5, ("01", "04", "08", "09")),
    )),
    Country("US", 22, "com", ("Inc.", "LLC", "Corp."), "###", (
        ("US-CA", 20, ("90", "91", "92", "94", "95")),
        ("US-NY", 14, ("10", "11", "12", "14")),
        ("US-TX", 14, ("75", "76", "77", "78")),
        ("US-WA", 7, ("98", "99")),
        ("US-IL", 8, ("60", "61", "62")),
        ("US-FL", 10, ("32", "33", "34")),
        ("US-MA", 6, ("01", "02")),
        ("US-GA", 6, ("30", "31")),
    )),
    Country("GB", 10, "co.uk", ("Ltd", "plc", "LLP"), " #@@", (
        ("GB-LND", 14, ("EC1A", "EC2V", "EC3M", "EC4N")),
        ("GB-MAN", 8, ("M1", "M2", "M3", "M4", "M15")),
        ("GB-BIR", 6, ("B1", "B2", "B3", "B15")),
        ("GB-EDH", 5, ("EH1", "EH2", "EH3", "EH8")),
        ("GB-GLG", 5, ("G1", "G2", "G3", "G12")),
        ("GB-LDS", 4, ("LS1", "LS2", "LS11")),
        ("GB-BST", 4, ("BS1", "BS2", "BS8")),
        ("GB-CAM", 3, ("CB1", "CB2", "CB4")),
    )),
    Country("FR", 9, "fr", ("SAS", "SARL", "SA"), "###", (
        ("FR-IDF", 30, ("75", "92", "93", "94", "91", "78")),
        ("FR-ARA", 12, ("69", "38", "63", "74")),
        ("FR-PAC", 9, ("13", "06", "83")),
        ("FR-OCC", 8, ("31", "34", "30")),
        ("FR-NAQ", 7, ("33", "64", "87")),
        ("FR-HDF", 7, ("59", "62", "80")),
        ("FR-GES", 6, ("67", "68", "57", "54")),
    )),
    Country("NL", 7, "nl", ("B.V.", "N.V."), "## @@", (
        ("NL-NH", 10, ("10", "11", "20", "21")),
        ("NL-ZH", 10, ("25", "26", "30", "31", "23")),
        ("NL-UT", 6, ("35", "34")),
        ("NL-NB", 5, ("50", "51", "56", "48")),
        ("NL-GE", 4, ("65", "68", "73")),
    )),
    Country("AT", 3, "at", ("GmbH", "AG"), "###", (
        ("AT-9", 12, ("1",)),
        ("AT-3", 5, ("2", "3")),
        ("AT-4", 5, ("4",)),
        ("AT-6", 4, ("8",)),
        ("AT-5", 3, ("5",)),
        ("AT-7", 3, ("6",)),
    )),
    Country("CH", 3, "ch", ("AG", "GmbH", "SA"), "##", (
        ("CH-ZH", 12, ("80", "81", "84")),
        ("CH-GE", 5, ("12",)),
        ("CH-BE", 5, ("30", "32", "36")),
        ("CH-BS", 3, ("40",)),
        ("CH-VD", 5, ("10", "14", "18")),
    )),
    Country("BE", 2.5, "be", ("NV", "SA", "BV"), "##", (
        ("BE-BRU", 10, ("10", "11", "12")),
        ("BE-VAN", 6, ("20", "21", "22", "28")),
        ("BE-VOV", 5, ("90", "91", "92", "93")),
        ("BE-WLG", 3, ("40", "41", "48")),
    )),
    Country("ES", 4, "es", ("S.L.", "S.A."), "###", (
        ("ES-MD", 12, ("28",)),
        ("ES-CT", 10, ("08", "17", "25", "43")),
        ("ES-AN", 6, ("41", "29", "18", "14")),
        ("ES-VC", 5, ("46", "03", "12")),
    )),
    Country("IT", 4, "it", ("S.r.l.", "S.p.A."), "###", (
        ("IT-25", 14, ("20", "21", "24", "25")),
        ("IT-62", 9, ("00", "01", "04")),
        ("IT-21", 5, ("10", "12", "13")),
        ("IT-34", 5, ("30", "31", "35", "37")),
        ("IT-45", 5, ("40", "41", "42", "43")),
    )),
    Country("SE", 2, "se", ("AB",), "# ##", (
        ("SE-AB", 10, ("11", "12", "13", "16")),
        ("SE-O", 5, ("41", "42", "44")),
        ("SE-M", 4, ("21", "22", "25")),
    )),
    Country("DK", 1.5, "dk", ("A/S", "ApS"), "##", (
        ("DK-84", 10, ("10", "11", "12", "20", "24", "29")),
        ("DK-82", 5, ("80", "82", "87")),
    )),
    Country("PL", 2, "pl", ("Sp. z o.o.", "S.A."), "-###", (
        ("PL-14", 10, ("00", "01", "02", "03", "05")),
        ("PL-12", 5, ("30", "31", "32")),
        ("PL-30", 4, ("60", "61", "62")),
        ("PL-02", 4, ("50", "51", "53", "58")),
    )),
    Country("IE", 1.5, "ie", ("Ltd", "DAC"), " @#@#", (
        ("IE-D", 10, ("D01", "D02", "D04", "D08", "D24")),
        ("IE-CO", 3, ("T12", "T23", "P31")),
    )),
    Country("CA", 4, "ca", ("Inc.", "Ltd."), " #@#", (
        ("CA-ON", 12, ("M5V", "M5H", "M4W", "K1P", "L5B", "N2L")),
        ("CA-QC", 6, ("H3B", "H2X", "G1R")),
        ("CA-BC", 5, ("V6B", "V6C", "V5K")),
        ("CA-AB", 4, ("T2P", "T5J")),
    )),
    Country("BR", 2.5, "com.br", ("Ltda.", "S.A."), "###-###", (
        ("BR-SP", 12, ("01", "04", "05", "13")),
        ("BR-RJ", 5, ("20", "22", "24")),
        ("BR-MG", 4, ("30", "31", "35")),
    )),
    Country("MX", 1.5, "com.mx", ("S.A. de C.V.", "S. de R.L. de C.V."), "###", (
        ("MX-CMX", 10, ("01", "03", "06", "11")),
        ("MX-JAL", 4, ("44", "45")),
        ("MX-NLE", 4, ("64", "66")),
    )),
    Country("AU", 3, "com.au", ("Pty Ltd",), "##", (
        ("AU-NSW", 10, ("20", "21", "22")),
        ("AU-VIC", 8, ("30", "31", "32")),
        ("AU-QLD", 5, ("40", "41", "42")),
        ("AU-WA", 3, ("60", "61")),
    )),
    Country("JP", 2.5, "co.jp", ("K.K.", "G.K."), "-####", (
        ("JP-13", 14, ("100", "101", "105", "150", "160")),
        ("JP-27", 6, ("530", "541", "550")),
        ("JP-14", 4, ("220", "231", "210")),
        ("JP-23", 4, ("450", "460", "464")),
    )),
    Country("SG", 1.5, "com.sg", ("Pte. Ltd.",), "####", (
        ("SG-01", 10, ("01", "03", "05", "07", "22", "23")),
        ("SG-02", 3, ("53", "54", "55", "82")),
        ("SG-03", 3, ("72", "73", "75", "76")),
        ("SG-04", 3, ("46", "47", "48", "52")),
        ("SG-05", 3, ("60", "61", "64", "65")),
    )),
    Country("IN", 2, "co.in", ("Pvt. Ltd.", "Ltd."), "###", (
        ("IN-MH", 8, ("400", "411", "440")),
        ("IN-KA", 7, ("560", "570", "580")),
        ("IN-DL", 5, ("110",)),
        ("IN-TN", 4, ("600", "641", "625")),
    )),
)  # fmt: skip

COUNTRY_BY_CODE = {country.code: country for country in COUNTRIES}

INDUSTRIES: tuple[tuple[str, float], ...] = (
    ("Manufacturing", 14),
    ("Retail", 10),
    ("Healthcare", 9),
    ("Financial Services", 9),
    ("Professional Services", 9),
    ("Government", 6),
    ("Education", 5),
    ("Logistics", 6),
    ("Energy", 4),
    ("Telecommunications", 4),
    ("Automotive", 5),
    ("Construction", 5),
    ("Media", 3),
    ("Hospitality", 4),
    ("Pharmaceuticals", 3),
)


def postal_code(rng: Random, country: Country, prefix: str) -> str:
    """A postal code in the country's local format, starting with the subdivision's prefix."""
    out = [prefix]
    for char in country.postal_suffix:
        if char == "#":
            out.append(str(rng.randrange(10)))
        elif char == "@":
            out.append(_POSTAL_LETTERS[rng.randrange(len(_POSTAL_LETTERS))])
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class TerritoryNode:
    territory_id: str
    name: str
    parent_id: str | None
    countries: tuple[str, ...] = ()
    subdivisions: tuple[str, ...] = ()
    postal_prefixes: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    priority: int = 0
    min_employees: int | None = None


_REGIONS = {
    "EMEA": {
        "DACH": ("DE", "AT", "CH"),
        "UKI": ("GB", "IE"),
        "Western Europe": ("FR", "NL", "BE"),
        "Southern Europe": ("ES", "IT"),
        "Nordics": ("SE", "DK"),
        "Central & Eastern Europe": ("PL",),
    },
    "AMER": {"North America": ("US", "CA"), "Latin America": ("BR", "MX")},
    "APAC": {"ANZ": ("AU",), "Japan": ("JP",), "South & Southeast Asia": ("SG", "IN")},
}

_COUNTRY_NAMES = {
    "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "GB": "United Kingdom",
    "IE": "Ireland", "FR": "France", "NL": "Netherlands", "BE": "Belgium", "ES": "Spain",
    "IT": "Italy", "SE": "Sweden", "DK": "Denmark", "PL": "Poland", "US": "United States",
    "CA": "Canada", "BR": "Brazil", "MX": "Mexico", "AU": "Australia", "JP": "Japan",
    "SG": "Singapore", "IN": "India",
}  # fmt: skip

# Below the country level: states, metro areas by postal prefix, and one industry carve-out.
_SUBNATIONAL = (
    TerritoryNode("T-DE-BY", "Bavaria", "T-DE", subdivisions=("DE-BY",)),
    TerritoryNode("T-DE-MUC", "Munich metro", "T-DE-BY", postal_prefixes=("80", "81", "85")),
    TerritoryNode("T-DE-NW", "North Rhine-Westphalia", "T-DE", subdivisions=("DE-NW",)),
    TerritoryNode("T-DE-BE", "Berlin", "T-DE", subdivisions=("DE-BE",)),
    TerritoryNode("T-US-WEST", "US West", "T-US", subdivisions=("US-CA", "US-WA")),
    TerritoryNode("T-US-BAY", "San Francisco Bay Area", "T-US-WEST", postal_prefixes=("94", "95")),
    TerritoryNode(
        "T-US-EAST", "US East", "T-US", subdivisions=("US-NY", "US-MA", "US-FL", "US-GA")
    ),
    TerritoryNode("T-US-CENTRAL", "US Central", "T-US", subdivisions=("US-TX", "US-IL")),
    TerritoryNode("T-US-PUB", "US Public Sector", "T-US", industries=("Government",), priority=10),
    TerritoryNode("T-GB-LDN", "City of London", "T-GB", postal_prefixes=("EC",)),
    TerritoryNode("T-FR-IDF", "Île-de-France", "T-FR", subdivisions=("FR-IDF",)),
    TerritoryNode("T-CA-ON", "Ontario", "T-CA", subdivisions=("CA-ON",)),
    # The rest of France by region, so each of its regions has a territory.
    TerritoryNode("T-FR-ARA", "Auvergne-Rhône-Alpes", "T-FR", subdivisions=("FR-ARA",)),
    TerritoryNode("T-FR-PAC", "Provence-Alpes-Côte d'Azur", "T-FR", subdivisions=("FR-PAC",)),
    TerritoryNode("T-FR-OCC", "Occitanie", "T-FR", subdivisions=("FR-OCC",)),
    TerritoryNode("T-FR-NAQ", "Nouvelle-Aquitaine", "T-FR", subdivisions=("FR-NAQ",)),
    TerritoryNode("T-FR-HDF", "Hauts-de-France", "T-FR", subdivisions=("FR-HDF",)),
    TerritoryNode("T-FR-GES", "Grand Est", "T-FR", subdivisions=("FR-GES",)),
)  # fmt: skip

# Segments below some subdivisions: enterprise accounts (1,000 employees and more).
_SEGMENTED = ("T-DE-NW", "T-DE-BE", "T-FR-IDF", "T-FR-ARA", "T-US-EAST", "T-CA-ON")
_NAMES = {node.territory_id: node.name for node in _SUBNATIONAL}
_SEGMENTS = tuple(
    TerritoryNode(f"{parent}-ENT", f"{_NAMES[parent]} enterprise", parent, min_employees=1000)
    for parent in _SEGMENTED
)


def territory_tree() -> list[TerritoryNode]:
    """World > regions > sub-regions > countries > states and metro areas > enterprise
    segments, parents first."""
    nodes = [TerritoryNode("T-WORLD", "World", None)]
    for region, subregions in _REGIONS.items():
        region_id = f"T-{region}"
        all_countries = tuple(code for codes in subregions.values() for code in codes)
        nodes.append(TerritoryNode(region_id, region, "T-WORLD", countries=all_countries))
        for subregion, codes in subregions.items():
            sub_id = "T-" + subregion.upper().replace(" & ", "-").replace(" ", "-")
            nodes.append(TerritoryNode(sub_id, subregion, region_id, countries=codes))
            for code in codes:
                nodes.append(TerritoryNode(f"T-{code}", _COUNTRY_NAMES[code], sub_id, (code,)))
    nodes.extend(_SUBNATIONAL)
    nodes.extend(_SEGMENTS)
    return nodes


def matching_tree() -> list[Node]:
    """The demo tree as the territory rules read it."""
    return [
        Node(
            territory_id=node.territory_id,
            parent_id=node.parent_id,
            priority=node.priority,
            criteria=Criteria.of(
                countries=node.countries,
                subdivisions=node.subdivisions,
                postal_prefixes=node.postal_prefixes,
                industries=node.industries,
                min_employees=node.min_employees,
            ),
        )
        for node in territory_tree()
    ]
