"""The notebook widgets' Python side: traits, and the comm messages their changes produce."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
from pathlib import Path

import ipywidgets
import pytest
import traitlets

from platxa_preview import widget as widget_module
from platxa_preview.demo import DEMO_ADDONS, DEMO_THEME
from platxa_preview.preview import UpdateError
from platxa_preview.scss import ScssError
from platxa_preview.widget import (
    LiveHTML,
    ThemePreview,
    diagnostics_table,
    frame_document,
    frame_module_url,
)
from tests.widget.harness import comms_to

GREEN, ORANGE = "#0b6e4f", "#c2410c"
QUESTIONS = [{"question": "Why?", "answer": "Because."}]
LANDING = {
    "title": "Landing",
    "sections": [
        {"type": "hero", "id": "top", "title": "Hello"},
        {"type": "faq", "id": "faq", "title": "Questions", "items": QUESTIONS},
    ],
}


class Recorder:
    """The state updates widgets send, in order (as the front end receives them)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, dict]] = []

    def __call__(self, msg_type: str, comm_id: str, data: dict) -> None:
        self.messages.append((msg_type, comm_id, data))

    def updates(self) -> list[dict]:
        return [
            data["state"]
            for msg_type, _, data in self.messages
            if msg_type == "comm_msg" and data.get("method") == "update"
        ]

    def clear(self) -> None:
        self.messages.clear()


@pytest.fixture
def recorder():
    return Recorder()


def make(recorder, cls=ThemePreview, *args, **kwargs):
    with comms_to(recorder):
        return cls(*args, **kwargs)


def decode(url: str) -> str:
    assert url.startswith("data:text/javascript;base64,")
    return base64.b64decode(url.split(",", 1)[1]).decode()


# -- the front end's files -----------------------------------------------------------------------


def test_the_esm_is_widget_preview_js_and_imports_nothing():
    source = Path(widget_module.PREVIEW_ESM).read_text()
    assert str(ThemePreview._esm) == source == str(LiveHTML._esm)
    # anywidget loads _esm from a Blob URL: a relative import could not resolve there.
    assert not re.search(r"""^\s*import\b|\bfrom\s*["']\.""", source, re.MULTILINE)


def test_the_frame_module_is_linked_into_data_urls_with_no_relative_import_left():
    frame = decode(frame_module_url())
    assert "startFrame" in frame and "./css.js" not in frame
    imported = [decode(url) for url in re.findall(r'from "(data:[^"]+)"', frame)]
    assert any("export function applyCss" in module for module in imported)
    assert any("export function morph" in module for module in imported)
    overlay = next(module for module in imported if "ErrorOverlay" in module)
    assert "./shadow.js" not in overlay and 'from "data:text/javascript' in overlay


def test_the_frame_document_lets_only_its_own_module_run():
    document = frame_document(
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>"
    )
    head = document[document.index("<head>") : document.index("</head>")]
    assert head.startswith('<head><meta http-equiv="Content-Security-Policy"')
    nonce = re.search(r"script-src 'nonce-([^']+)'", head).group(1)
    assert f'<script type="module" nonce="{nonce}" src="data:text/javascript;base64,' in head
    assert 'data-platxa-channel=""' in head  # each load of the frame gets its own channel
    assert "unsafe-inline" not in re.search(r"script-src[^;]*", head).group(0)


# -- ThemePreview: state -------------------------------------------------------------------------


def test_a_new_preview_holds_the_page_and_both_css_layers(recorder):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}}, compile_scss=False)
    assert preview.theme is None and preview.page == "homepage"
    assert '<style id="platxa-theme-css"></style><style id="platxa-tokens"></style>' in (
        preview._document
    )
    assert 'id="wrapwrap"' in preview._document
    assert GREEN in preview._token_css and "--o-color-1" in preview._token_css
    assert len(preview._theme_css) > 10_000 and preview.css_layer == "builtin"
    assert preview.errors == [] and len(preview.contrast) > 10
    json.dumps(preview.get_state())  # everything the front end gets is JSON


def test_empty_tokens_show_the_themes_own_palette(recorder):
    preview = make(recorder, compile_scss=False)
    assert preview.tokens == {}
    assert "#8b35a8" in preview._token_css  # the demo theme's primary colour


def test_module_static_files_are_inlined_for_the_opaque_origin_frame(recorder):
    preview = make(recorder, compile_scss=False)
    assert "/theme_platxa_demo/static/" not in preview._document
    assert 'src="data:image/svg+xml;base64,' in preview._document


def test_invalid_tokens_are_refused_naming_the_token(recorder):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}}, compile_scss=False)
    with pytest.raises(traitlets.TraitError, match=r"colors\.primary"):
        preview.tokens = {"colors": {"primary": "red; }"}}
    assert preview.tokens == {"colors": {"primary": GREEN}}


def test_viewport_is_a_preset_or_a_width(recorder):
    preview = make(recorder, compile_scss=False, viewport="mobile")
    preview.viewport = 900
    assert preview.viewport == 900
    with pytest.raises(traitlets.TraitError):
        preview.viewport = "phone"
    with pytest.raises(traitlets.TraitError):
        preview.height = 10


def test_read_only_results_cannot_be_set(recorder):
    preview = make(recorder, compile_scss=False)
    for name in ("contrast", "errors", "css_layer"):
        with pytest.raises(traitlets.TraitError):
            setattr(preview, name, [] if name != "css_layer" else "x")


# -- ThemePreview: what a change sends -----------------------------------------------------------


def test_a_token_change_sends_the_instant_layer_alone_before_anything_else(recorder):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}}, compile_scss=False)
    recorder.clear()
    preview.tokens = {"colors": {"primary": ORANGE}}
    updates = recorder.updates()
    token_update = next(i for i, state in enumerate(updates) if "_token_css" in state)
    assert set(updates[token_update]) == {"_token_css"}
    assert ORANGE in updates[token_update]["_token_css"]
    later = [key for state in updates[token_update + 1 :] for key in state]
    assert "contrast" in later and "_theme_css" in later
    assert not any("_document" in state or "_patch" in state for state in updates)
    # A palette that fails contrast is reported.
    preview.tokens = {"colors": {"primary": "#ffff00"}}
    assert preview.contrast_problems and all(not c["passes"] for c in preview.contrast_problems)


def test_theme_css_is_compiled_off_the_caller_and_follows_the_tokens(recorder):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}})
    assert preview.wait_for_css(30)
    before = preview._theme_css
    preview.tokens = {"colors": {"primary": ORANGE}}
    assert preview.wait_for_css(30)
    assert preview._theme_css != before and preview.css_layer == "builtin"


def test_on_an_event_loop_the_compile_runs_as_a_task_and_coalesces(recorder, monkeypatch):
    compiled = []
    real = widget_module._theme_css_async

    async def counting(site, *, tokens, bootstrap_scss=None):
        compiled.append(tokens.to_dict()["colors"]["primary"])
        await asyncio.sleep(0.05)
        return await real(site, tokens=tokens, bootstrap_scss=bootstrap_scss)

    monkeypatch.setattr(widget_module, "_theme_css_async", counting)

    async def main():
        preview = make(recorder, tokens={"colors": {"primary": GREEN}})
        for colour in ("#111111", "#222222", "#333333", ORANGE):
            preview.tokens = {"colors": {"primary": colour}}
        while not preview._compile_done.is_set():
            await asyncio.sleep(0.01)
        return preview

    preview = asyncio.run(main())
    # The compile starts when the loop is free, with the tokens of then: one compile.
    assert compiled == [ORANGE]
    assert ORANGE in preview._token_css


def test_an_scss_error_shows_with_file_and_line_and_clears_on_the_next_compile(
    recorder, monkeypatch
):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}})
    preview.wait_for_css(30)
    real = widget_module._theme_css_async

    async def failing(site, **kwargs):
        raise ScssError("Undefined variable: $o-color-9", file="/t/primary.scss", line=7)

    monkeypatch.setattr(widget_module, "_theme_css_async", failing)
    preview.tokens = {"colors": {"primary": ORANGE}}
    preview.wait_for_css(30)
    assert preview.errors == [
        {
            "file": "/t/primary.scss",
            "line": 7,
            "message": "Undefined variable: $o-color-9",
            "code": "scss-error",
        }
    ]
    monkeypatch.setattr(widget_module, "_theme_css_async", real)
    preview.tokens = {"colors": {"primary": GREEN}}
    preview.wait_for_css(30)
    assert preview.errors == []


def test_a_section_change_sends_one_section_morph(recorder):
    preview = make(recorder, pages={"landing": LANDING}, page="landing", compile_scss=False)
    version = preview._patch["version"]
    recorder.clear()
    preview.update_section("faq", {"type": "faq", "title": "Changed", "items": QUESTIONS})
    [update] = recorder.updates()
    assert set(update) == {"_document", "_patch"}  # one message: the frame and later views agree
    assert update["_patch"]["version"] == version + 1
    [message] = update["_patch"]["messages"]
    assert message["type"] == "section_update" and message["section_id"] == "faq"
    assert "Changed" in message["html"] and "Changed" in update["_document"]


def test_a_page_structure_change_sends_a_page_morph(recorder):
    preview = make(recorder, pages={"landing": LANDING}, page="landing", compile_scss=False)
    changed = {**LANDING, "sections": [*LANDING["sections"], {"type": "contact", "title": "Hi"}]}
    preview.set_page("landing", changed)
    [message] = preview._patch["messages"]
    assert message["type"] == "dom_update" and message["html"].startswith('<div id="wrapwrap"')


def test_changes_to_a_page_not_shown_send_nothing_to_the_frame(recorder):
    preview = make(recorder, pages={"landing": LANDING}, compile_scss=False)
    before = dict(preview._patch)
    preview.set_page("landing", {**LANDING, "title": "Other"})
    assert preview._patch == before


def test_switching_page_reloads_the_frame_with_the_new_document(recorder):
    preview = make(recorder, pages={"landing": LANDING}, compile_scss=False)
    version = preview._patch["version"]
    preview.page = "landing"
    assert preview._patch == {"version": version + 1, "messages": [{"type": "reload"}]}
    assert "Questions" in preview._document
    with pytest.raises(traitlets.TraitError, match="no page 'nowhere'"):
        preview.page = "nowhere"


def test_an_invalid_page_config_is_refused(recorder):
    preview = make(recorder, compile_scss=False)
    with pytest.raises(UpdateError, match=r"sections\[0\]"):
        preview.set_page("bad", {"title": "x", "sections": [{"type": "hero"}]})


def test_a_broken_template_file_shows_with_file_and_line_then_recovers(recorder, tmp_path):
    shutil.copytree(DEMO_ADDONS / DEMO_THEME, tmp_path / "theme_edit")
    preview = make(recorder, theme="theme_edit", addons_path=tmp_path, compile_scss=False)
    sections = tmp_path / "theme_edit" / "views" / "sections.xml"
    good = sections.read_text()
    sections.write_text(good.replace("</template>", "</templat>", 1))
    document = preview._document
    preview.reload()
    [error] = preview.errors
    assert error["file"] == str(sections) and error["line"] > 1 and error["code"] == "xml-syntax"
    assert preview._document == document  # the last good page stays
    sections.write_text(good.replace("</ul>", "<li>Fixed</li></ul>", 1))
    preview.reload()
    assert preview.errors == [] and "Fixed" in preview._document
    assert preview._patch["messages"][0]["type"] in ("section_update", "dom_update")


def test_changing_theme_loads_it_and_reloads_the_frame(recorder, tmp_path):
    shutil.copytree(DEMO_ADDONS / DEMO_THEME, tmp_path / "theme_other")
    preview = make(recorder, compile_scss=False)
    version = preview._patch["version"]
    preview.addons_path = str(tmp_path)
    preview.theme = "theme_other"
    assert preview.site.theme == "theme_other"
    assert preview._patch["version"] > version
    assert preview._patch["messages"] == [{"type": "reload"}]


# -- controls and comparison ---------------------------------------------------------------------


def test_controls_show_the_derived_palette_and_write_only_what_was_touched(recorder):
    preview = make(recorder, tokens={"colors": {"primary": GREEN}}, compile_scss=False)
    with comms_to(recorder):
        box = preview.controls()
    controls = box.token_controls
    assert controls.colors["primary"].value == GREEN
    assert controls.colors["accent"].value.startswith("#")  # derived, shown
    controls.colors["accent"].value = "#123456"
    assert preview.tokens == {"colors": {"primary": GREEN, "accent": "#123456"}}
    controls.fonts["headings"].value = "Playfair Display"
    assert preview.tokens["typography"]["families"]["headings"] == ["Playfair Display", "serif"]
    controls.spacing.value = 8
    assert preview.tokens["spacing"] == {"unit": 8}
    # Tokens set from code move the controls.
    preview.tokens = {"colors": {"primary": ORANGE}}
    assert controls.colors["primary"].value == ORANGE
    assert controls.fonts["headings"].value == ""


def test_compare_puts_previews_of_one_theme_side_by_side(recorder):
    with comms_to(recorder):
        grid = ThemePreview.compare(
            [{"colors": {"primary": GREEN}}, {"name": "warm", "colors": {"primary": ORANGE}}],
            labels=["Green"],
            compile_scss=False,
        )
    assert isinstance(grid, ipywidgets.GridBox)
    assert grid.layout.grid_template_columns == "repeat(2, minmax(0, 1fr))"
    first, second = grid.previews
    assert first.site is second.site  # the theme is loaded once
    assert first.viewport == "mobile"
    assert GREEN in first._token_css and ORANGE in second._token_css
    labels = [cell.children[0].value for cell in grid.children]
    assert labels == ["<b>Green</b>", "<b>warm</b>"]


# -- LiveHTML and the table ----------------------------------------------------------------------


def test_live_html_sends_its_html_and_css_as_they_change(recorder):
    live = make(recorder, LiveHTML, "<h1>One</h1>", css="h1 { color: red; }")
    assert "<body></body>" in live._document and "Content-Security-Policy" in live._document
    assert 'data-root="body"' in live._document
    assert live._theme_css == "h1 { color: red; }"
    recorder.clear()
    live.update("<h1>Two</h1>", css="h1 { color: blue; }")
    assert recorder.updates() == [{"_theme_css": "h1 { color: blue; }", "html": "<h1>Two</h1>"}]


def test_diagnostics_are_shown_as_an_escaped_table():
    table = diagnostics_table(
        [
            {
                "severity": "error",
                "code": "xml-syntax",
                "message": "bad <t>",
                "file": "a.xml",
                "line": 3,
            }
        ]
    )
    assert "<code>a.xml:3</code>" in table and "bad &lt;t&gt;" in table
    assert "No problems found." in diagnostics_table([])
