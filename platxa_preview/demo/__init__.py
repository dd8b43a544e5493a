"""The built-in demo theme: an Odoo theme module shipped with the package, previewed by default.

`theme_platxa_demo` depends on `website`, declares its palettes and fonts in
`static/src/scss/primary_variables.scss` (as Odoo themes do), adds one section type (`logos`,
views/sections.xml) and renders its homepage from the page config `data/homepage.json` with the
section library (`platxa_preview.pages`). Without Odoo's website module, the built-in stand-in
frame provides `website.layout`.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

DEMO_ADDONS = Path(__file__).resolve().parent
DEMO_THEME = "theme_platxa_demo"
DEMO_HOMEPAGE = f"{DEMO_THEME}.homepage"
DEMO_HOMEPAGE_CONFIG = DEMO_ADDONS / DEMO_THEME / "data" / "homepage.json"


def demo_manifest() -> dict:
    """The demo theme's manifest (read, never executed)."""
    source = (DEMO_ADDONS / DEMO_THEME / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(source)


def demo_view_files() -> list[Path]:
    """The demo theme's view files, in manifest order."""
    module = DEMO_ADDONS / DEMO_THEME
    return [module / name for name in demo_manifest().get("data", []) if name.endswith(".xml")]


def demo_homepage_config() -> dict:
    """The demo homepage as a page config (see `platxa_preview.pages`)."""
    return json.loads(DEMO_HOMEPAGE_CONFIG.read_text(encoding="utf-8"))
