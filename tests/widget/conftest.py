"""Fixtures for the widget tests: Chromium (shared with tests/browser/) and the widget harness.

pytest shows a conftest's fixtures only to tests under its folder; the browser fixtures are
loaded from tests/browser/conftest.py by path, as tests/live/ does, so Chromium is launched once.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.widget.harness import WidgetHarness

_path = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
_spec = importlib.util.spec_from_file_location("platxa_browser_fixtures", _path)
_browser_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser_fixtures)

browser = _browser_fixtures.browser
page = _browser_fixtures.page


@pytest.fixture(scope="session")
def harness() -> Iterator[WidgetHarness]:
    """The widget harness server (its own thread); widgets made in `harness.capture()` show
    in a page at `harness.url(widget)`."""
    server = WidgetHarness().start()
    try:
        yield server
    finally:
        server.stop()
