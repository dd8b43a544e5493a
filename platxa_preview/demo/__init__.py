"""The built-in demo theme: an Odoo theme module shipped with the package, previewed by default."""

from __future__ import annotations

from pathlib import Path

DEMO_ADDONS = Path(__file__).resolve().parent
DEMO_THEME = "theme_platxa_demo"
DEMO_HOMEPAGE = f"{DEMO_THEME}.homepage"


def demo_view_files() -> list[Path]:
    """The demo theme's view files, in manifest order."""
    import ast

    module = DEMO_ADDONS / DEMO_THEME
    manifest = ast.literal_eval((module / "__manifest__.py").read_text(encoding="utf-8"))
    return [module / name for name in manifest.get("data", []) if name.endswith(".xml")]
