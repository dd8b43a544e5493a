"""The editor page at `/`: design-token controls beside the live preview in an iframe."""

from __future__ import annotations

from html import escape

FONTS = [
    "system-ui", "Inter", "Roboto", "Open Sans", "Lato", "Montserrat", "Poppins",
    "Source Sans Pro", "Georgia", "Merriweather", "Playfair Display", "DM Serif Display",
]  # fmt: skip
VIEWPORTS = {"desktop": "100%", "tablet": "768px", "mobile": "375px"}
COLORS = [
    ("primary", "Primary", "#8b35a8"),
    ("accent", "Accent", "#2bb1a5"),
    ("neutral.light", "Light", "#f4f1f6"),
    ("neutral.background", "Background", "#ffffff"),
    ("neutral.dark", "Dark", "#1f1a24"),
]


def editor_page(server, handler, nonce: str) -> str:
    session = server.default
    pages = "".join(
        f'<option value="{escape(page)}">{escape(page)}</option>'
        for page in session.preview.page_ids()
    )
    colors = "".join(
        f'<label class="color">{label}<span><input type="color" data-token="{path}" '
        f'value="{value}" aria-label="{label} colour"><input type="text" data-oklch="{path}" '
        f'placeholder="oklch(L C H)" aria-label="{label} as OKLCH"></span></label>'
        for path, label, value in COLORS
    )
    font_options = "".join(f'<option value="{escape(f)}">{escape(f)}</option>' for f in FONTS)
    viewports = "".join(
        f'<button type="button" data-viewport="{width}" '
        f'aria-pressed="{str(name == "desktop").lower()}">{name}</button>'
        for name, width in VIEWPORTS.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>platxa-preview · {escape(session.preview.theme or "")}</title>
<link rel="stylesheet" href="/_platxa/editor.css">
</head>
<body>
<aside id="controls" data-session="{escape(session.id)}">
  <h1>platxa-preview</h1>
  <p class="theme">{escape(session.preview.theme or "")}</p>
  <fieldset><legend>Colours</legend>{colors}</fieldset>
  <fieldset><legend>Fonts</legend>
    <label>Body <select data-font="sans">{font_options}</select></label>
    <label>Headings <select data-font="headings">{font_options}</select></label>
  </fieldset>
  <fieldset><legend>Spacing</legend>
    <label>Unit <input type="range" min="4" max="16" value="8" data-spacing="unit">
      <output>8px</output></label>
    <label>Radius <input type="range" min="0" max="24" value="6" data-radius="base">
      <output>6px</output></label>
  </fieldset>
  <section id="contrast" aria-live="polite"><h2>Contrast</h2><ul></ul></section>
  <p id="error" role="alert" hidden></p>
</aside>
<main>
  <nav>
    <label>Page <select id="page">{pages}</select></label>
    <span class="viewports">{viewports}</span>
  </nav>
  <div id="frame-holder"><iframe id="preview" title="Theme preview"
    src="/preview/{escape(session.id)}/homepage"></iframe></div>
</main>
<script type="module" nonce="{nonce}" src="/_platxa/editor.js"></script>
</body>
</html>"""
