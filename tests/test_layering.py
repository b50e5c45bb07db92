"""The layering contracts (pyproject.toml, checked by `make lint`) cover every area."""

import importlib.util
import tomllib
from pathlib import Path

from django.apps import apps

CONTRACTS = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["tool"][
    "importlinter"
]["contracts"]


def _areas() -> list[str]:
    return [c.name for c in apps.get_app_configs() if c.name.startswith("outward.")]


def test_every_area_has_its_place_in_the_layers():
    (layers,) = [c for c in CONTRACTS if c["type"] == "layers"]
    placed = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    assert placed == set(_areas())


def test_every_areas_views_are_guarded_against_other_areas():
    guarded = {
        module for c in CONTRACTS if c["type"] == "forbidden" for module in c["forbidden_modules"]
    }
    with_views = {f"{area}.views" for area in _areas() if importlib.util.find_spec(f"{area}.views")}
    assert with_views == guarded
