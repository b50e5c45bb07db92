"""Playwright fixtures: end-to-end tests in Debian's Chromium against pytest-django's live server.

Use them in `tests/e2e/test_*.py`:

    pytestmark = pytest.mark.e2e

    def test_manager_opens_partner(world, live_server, logged_in_page):
        page = logged_in_page(world.manager)
        page.goto(f"{live_server.url}/partners/")

`page` fails its test when the browser logs a console error (CSP violations land there) or a
page error, or when a sub-resource (script, stylesheet, htmx request) answers 4xx/5xx. A test
that provokes one on purpose inspects and clears the `browser_errors` list before it ends.
Every test in this directory is marked `e2e` and skipped with a message when Chromium is missing.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import PASSWORD

# Playwright's sync API keeps an event loop in the main thread; Django would refuse ORM calls
# made by fixtures and tests next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    """Debian's Chromium, the browser CI installs; None when this machine has none."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items) -> None:
    # This hook sees the whole session's items: only touch the ones in this directory.
    missing = chromium_path() is None
    skip = pytest.mark.skip(
        reason="end-to-end tests need Chromium: apt-get install -y chromium (/usr/bin/chromium)"
    )
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings) -> None:
    """The live server speaks plain HTTP, so cookies must not be marked Secure there."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session (each test gets its own context)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("end-to-end tests need Chromium: apt-get install -y chromium")

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """Console errors, page errors and failed sub-resources seen by `page` during the test."""
    return []


@pytest.fixture
def page(browser, live_server, browser_errors) -> Iterator[object]:
    """A fresh browser tab (own cookies) that fails the test on any browser error."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()

    def on_console(message) -> None:
        # A 4xx/5xx is reported through on_response with its URL, which says more; a main
        # document that is a 404 on purpose (a "not found" page) is not a browser error.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            browser_errors.append(f"console: {message.text} ({message.location.get('url')})")

    def on_response(response) -> None:
        # A page may be a 404 on purpose; a server error never is, nor a broken sub-resource.
        is_document = response.request.resource_type == "document"
        broken = response.status >= 500 or (response.status >= 400 and not is_document)
        if broken and not response.url.endswith("/favicon.ico"):
            browser_errors.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: browser_errors.append(f"page error: {error}"))
    tab.on("response", on_response)
    yield tab
    context.close()
    assert browser_errors == [], "the browser reported errors:\n" + "\n".join(browser_errors)


@pytest.fixture
def logged_in_page(page, live_server) -> Callable[[object], object]:
    """Log a user in through the real login form; returns the page on the user's home."""

    def _login(user) -> object:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Email", exact=True).fill(user.username)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        assert "/login/" not in page.url, f"login as {user.username} failed on {page.url}"
        return page

    return _login
