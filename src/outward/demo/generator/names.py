"""Real-looking company names for partners and accounts, drawn from a seeded generator."""

from random import Random

_STEM_HEADS = (
    "North", "Blue", "Silver", "Iron", "Bright", "Clear", "Red", "Cloud", "Data", "Net",
    "Peak", "River", "Stone", "Star", "Sun", "Wave", "Arc", "Core", "Hex", "Vector",
    "Quantum", "Summit", "Atlas", "Nova", "Pixel", "Cedar", "Falcon", "Harbor", "Meridian",
    "Orbit", "Lake", "Oak", "Granite", "Polar", "Copper", "Amber", "Signal", "Beacon",
)  # fmt: skip
_STEM_TAILS = (
    "point", "bridge", "wise", "stack", "path", "field", "gate", "line", "works", "forge",
    "logic", "sphere", "shift", "scale", "craft", "byte", "view", "wind", "crest", "mark",
    "side", "stream",
)  # fmt: skip
# (what the partner calls itself, the word used in its domain)
_PARTNER_KINDS = (
    ("IT Solutions", "it"), ("Systems", "systems"), ("Consulting", "consulting"),
    ("Networks", "networks"), ("Cloud Services", "cloud"), ("Digital", "digital"),
    ("Integration", "integration"), ("Technologies", "tech"), ("Data", "data"),
    ("Security", "security"), ("Managed Services", "ms"), ("Software", "software"),
)  # fmt: skip

_SURNAMES = (
    "Hartmann", "Becker", "Keller", "Schneider", "Weber", "Fischer", "Wagner", "Richter",
    "Miller", "Johnson", "Carter", "Brooks", "Turner", "Walsh", "Murphy", "Kelly",
    "Martin", "Bernard", "Dubois", "Laurent", "Moreau", "de Vries", "Jansen", "Visser",
    "Rossi", "Bianchi", "Romano", "Garcia", "Lopez", "Navarro", "Nilsson", "Berg",
    "Jensen", "Nowak", "Kowalski", "Silva", "Santos", "Tanaka", "Sato", "Patel", "Shah",
    "Nguyen", "Lee", "Chen", "Wright", "Hughes", "Foster", "Maier", "Huber", "Vogel",
)  # fmt: skip
_PLACES = (
    "Alpine", "Atlantic", "Pacific", "Central", "Metro", "Coastal", "Highland", "Valley",
    "Northern", "Southern", "Eastern", "Western", "Continental", "Harbour", "Lakeside",
)  # fmt: skip
_INDUSTRY_WORDS = {
    "Manufacturing": ("Manufacturing", "Industries", "Precision", "Tooling", "Plastics"),
    "Retail": ("Retail", "Stores", "Markets", "Fashion", "Home & Garden"),
    "Healthcare": ("Clinic", "Health", "Medical Center", "Care", "Diagnostics"),
    "Financial Services": ("Bank", "Capital", "Insurance", "Finance", "Asset Management"),
    "Professional Services": ("Partners", "Advisory", "Legal", "Accounting", "Consulting"),
    "Government": ("City Council", "Public Works", "Transit Authority", "Water Board"),
    "Education": ("University", "Academy", "College", "School District"),
    "Logistics": ("Logistics", "Freight", "Transport", "Shipping"),
    "Energy": ("Energy", "Power", "Utilities", "Solar"),
    "Telecommunications": ("Telecom", "Communications", "Fiber"),
    "Automotive": ("Automotive", "Motors", "Auto Parts"),
    "Construction": ("Construction", "Builders", "Engineering"),
    "Media": ("Media", "Publishing", "Studios"),
    "Hospitality": ("Hotels", "Resorts", "Catering"),
    "Pharmaceuticals": ("Pharma", "Biotech", "Laboratories"),
}
_PUBLIC = {"Government", "Education"}


def partner_name(rng: Random, legal_forms: tuple[str, ...]) -> tuple[str, str, str]:
    """(company name, domain label, stem) for a partner, e.g. Northbridge IT Solutions GmbH."""
    stem = rng.choice(_STEM_HEADS) + rng.choice(_STEM_TAILS)
    kind, slug = rng.choice(_PARTNER_KINDS)
    return f"{stem} {kind} {rng.choice(legal_forms)}", f"{stem.lower()}-{slug}", stem


def account_name(rng: Random, industry: str, legal_forms: tuple[str, ...]) -> str:
    """An end customer's name that fits its industry."""
    word = rng.choice(_INDUSTRY_WORDS[industry])
    if industry in _PUBLIC:
        return f"{rng.choice(_PLACES)} {word}"
    if rng.random() < 0.6:
        return f"{rng.choice(_SURNAMES)} {word} {rng.choice(legal_forms)}"
    return f"{rng.choice(_PLACES)} {word} {rng.choice(legal_forms)}"
