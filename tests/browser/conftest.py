"""Real Chromium for the browser tests: Debian's `chromium` driven by Playwright.

Playwright's own browser download is never used (`playwright install` cannot run here); the
system browser at /usr/bin/chromium is. Without it the browser tests are skipped, except in CI
(env CI set), where `.ci/run` installs it and its absence is a failure.

Playwright's sync API leaves its event loop marked as running in the main thread between calls,
so while the browser is open no test can run an asyncio loop there (tornado.testing,
asyncio.run). Hence: tests using the browser run after all others (tests/conftest.py orders
them), and servers a browser test talks to run on their own thread
(`tests.browser.servers.ThreadedTornado`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it: .ci/run installs Debian's chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(request) -> Iterator:
    """One Chromium for the whole test session."""
    shared = getattr(request.config, "_platxa_chromium", None)
    if shared is not None:  # this fixture loaded again by another folder's conftest
        yield shared
        return
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        request.config._platxa_chromium = browser
        try:
            yield browser
        finally:
            del request.config._platxa_chromium
            browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A new page per test, in its own context (fresh sessionStorage and cache)."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.set_default_timeout(5_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
