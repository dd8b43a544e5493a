"""Built-in QWeb templates (module `platxa_preview`): the stand-in frame and the section library.

- `frame.xml`: `platxa_preview.layout`, a stand-in for `website.layout` with its DOM landmarks
  (`div#wrapwrap` > `header#top`, `main` holding the page body, `footer#bottom`), used when
  Odoo's `web`/`website` modules are not on the addons path.
- `sections.xml`: `platxa_preview.section_<type>`, one template per built-in page section type
  (see `platxa_preview.pages`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

TEMPLATES_DIR = Path(__file__).resolve().parent
MODULE = "platxa_preview"
FRAME_FILE = TEMPLATES_DIR / "frame.xml"
SECTIONS_FILE = TEMPLATES_DIR / "sections.xml"
STANDIN_LAYOUT = f"{MODULE}.layout"
WEBSITE_LAYOUT = "website.layout"

__all__ = [
    "FRAME_FILE",
    "MODULE",
    "SECTIONS_FILE",
    "STANDIN_LAYOUT",
    "WEBSITE_LAYOUT",
    "ensure_sections",
    "load_frame",
    "load_sections",
]


def load_frame(engine, *, as_website_layout: bool = True) -> str:
    """Load the stand-in frame into `engine`; returns the layout key pages should call.

    With `as_website_layout` (the default) and no `website.layout` in the engine, the same
    layout is also loaded *as* `website.layout`, so theme templates that call it, and theme
    inheritance specs that target its landmarks (`//header`, `//main`, `//footer`,
    `//div[@id='wrapwrap']`), work without Odoo's website module. Load the frame before the
    theme's own files so that its specs find the layout.
    """
    engine.load(str(FRAME_FILE), module=MODULE)
    if as_website_layout and WEBSITE_LAYOUT not in engine:
        root = etree.parse(str(FRAME_FILE)).getroot()
        layout = root.find("template[@id='layout']")
        layout.set("id", WEBSITE_LAYOUT)
        for other in [child for child in root if child is not layout]:
            root.remove(other)
        engine.load(root, module=MODULE, file=str(FRAME_FILE))
        return WEBSITE_LAYOUT
    return WEBSITE_LAYOUT if WEBSITE_LAYOUT in engine else STANDIN_LAYOUT


def load_sections(engine) -> list[str]:
    """Load the built-in section templates into `engine`; returns their keys."""
    return engine.load(str(SECTIONS_FILE), module=MODULE)


def ensure_sections(engine) -> None:
    """Load the built-in section templates unless `engine` already has them."""
    if f"{MODULE}.section_hero" not in engine:
        load_sections(engine)
