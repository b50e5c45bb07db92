"""Moving through a page with the keyboard alone, as a keyboard user does."""

MAX_TABS = 80


def tab_to(page, locator) -> None:
    """Press Tab until `locator` has the focus; fail if it is never reached."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reachable with the Tab key")
