"""Template context shared by every page: the main menu for the user (core/sections.py)."""

from outward.core.sections import menu_for


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": [(entry.url_name, entry.label) for entry in menu_for(user)]}
