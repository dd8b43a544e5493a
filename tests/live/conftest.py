"""The shared Chromium fixtures (`browser`, `page`) of tests/browser/, for the live tests here.

pytest shows a conftest's fixtures only to tests under its folder; this loads that conftest by
its path, so Chromium is launched by one piece of code, and once per session (its `browser`
fixture hands the running browser to a second loading of itself).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_path = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
_spec = importlib.util.spec_from_file_location("platxa_browser_fixtures", _path)
_browser_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser_fixtures)

browser = _browser_fixtures.browser
page = _browser_fixtures.page
