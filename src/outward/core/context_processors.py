"""Template context shared by every page: the navigation for the user's role."""


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("home", "Home")]
    if user.is_vendor:
        items += [
            ("partners:list", "Partners"),
            ("health:dashboard", "Health"),
            ("exchange:upload", "Import"),
            ("targets:sheet", "Targets"),
        ]
    else:
        items.append(("objectives:index", "Objectives"))
    items.append(("plans:list", "Plans"))
    return {"nav_items": items}
