"""
Browser journeys: headless Debian Chromium driven by Playwright against
pytest-django's ``live_server`` (which also serves the static files).

Mark each test module with::

    pytestmark = [
        pytest.mark.e2e,
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
    ]

``serialized_rollback`` gives each journey what migrations stored (roles, the
site) back after the previous journey's flush; see ``tests/conftest.py``.
Run only these with ``pytest -m e2e``, or skip them with ``-m "not e2e"``.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(django_settings.BASE_DIR) / "var" / "e2e"


def pytest_collection_modifyitems(items):
    # The live server starts before any test can point STATIC_ROOT somewhere,
    # so WhiteNoise notes (harmlessly) that collectstatic has not run.
    quiet = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(quiet)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's package)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    database_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop running in this thread, and
        # Django then hands "async" code a second set of connections. Keep the
        # test's own: the live server shares them, and the end-of-test flush
        # needs the one that knows the migrated state (serialized_rollback).
        for alias, connection in database_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site_over_http(live_server, settings):
    """The live server, with cookies a browser keeps over plain http://localhost."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    return live_server


@pytest.fixture
def page(browser, site_over_http, request):
    """
    A fresh browser tab on the live site. It fails the test on any console
    error (a blocked script or style, a missing file) and leaves a screenshot of
    the last screen in ``var/e2e/<test name>.png``.
    """
    context = browser.new_context(base_url=site_over_http.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems = []
    tab.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert problems == [], "the browser reported errors"
