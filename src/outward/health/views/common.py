"""What the health pages share: quadrant names for people, links, the selection form's page."""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

QUADRANTS = {
    "mutiny_risk": (
        "Mutiny risk",
        "Meeting your quota while missing their own objectives: growing your numbers at "
        "their own expense. Talk to them first.",
    ),
    "struggling": ("Struggling", "Missing both your quota and their own objectives."),
    "objectives_unknown": (
        "Objectives unknown",
        "No objectives evaluated yet: none on record, or all still running. Ask them what they "
        "want to achieve.",
    ),
    "drifting": (
        "Drifting",
        "Meeting their own objectives, but not your quota: succeeding, not with you.",
    ),
    "no_target": ("No target", "Their objectives are known, but you set no revenue target."),
    "thriving": ("Thriving", "Meeting both your quota and their own objectives."),
}
TREND_QUARTERS = 8


class PartnerLinks(dict):
    """Partner key → the partner's page, built when first asked for (few are shown)."""

    def __init__(self):
        super().__init__()
        pattern = reverse("partners:detail", kwargs={"partner_id": "PARTNER-KEY"})
        self.head, self.tail = pattern.split("PARTNER-KEY")

    def __missing__(self, partner_id: str) -> str:
        link = self[partner_id] = f"{self.head}{quote(partner_id, safe='')}{self.tail}"
        return link


def selection_page(request: HttpRequest, form, build, *, page: str, partial: str) -> HttpResponse:
    """A page of the selection form plus what `build(form)` adds; htmx gets only `partial`."""
    context = {"form": form}
    valid = form.is_valid()
    if valid:
        context |= build(form)
    template = partial if request.htmx else page
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response
