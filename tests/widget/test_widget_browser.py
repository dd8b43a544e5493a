"""The widgets' front end (widget/preview.js in the page, widget/frame.js in the iframe) in real
Chromium, driven by real Python widgets through the harness (tests/widget/harness.py)."""

from __future__ import annotations

import shutil
import time

import pytest

from platxa_preview.demo import DEMO_ADDONS, DEMO_THEME
from platxa_preview.widget import LiveHTML, ThemePreview

BUTTON = ".btn-primary"
QUESTIONS = [{"question": "Why?", "answer": "Because."}, {"question": "How?", "answer": "So."}]


def open_widget(page, harness, widget):
    page.goto(harness.url(widget))
    page.wait_for_function("window.harness && window.harness.view && window.harness.view.ready")
    frame = preview_frame(page)
    wait_in_frame(page, "document.readyState === 'complete'")
    return frame


def preview_frame(page):
    return page.locator("iframe.platxa-preview-frame").element_handle().content_frame()


def frame_eval(page, expression):
    return preview_frame(page).evaluate(expression)


def wait_in_frame(page, expression, timeout=5_000):
    """Poll `expression` in the frame (its policy forbids the eval behind wait_for_function)."""
    deadline = time.monotonic() + timeout / 1000
    while not frame_eval(page, expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting in the frame for {expression}")
        time.sleep(0.02)


def background(page, selector=BUTTON):
    return frame_eval(
        page, f"getComputedStyle(document.querySelector({selector!r})).backgroundColor"
    )


@pytest.fixture
def make(harness):
    widgets = []

    def make(cls, *args, **kwargs):
        with harness.capture():
            widget = cls(*args, **kwargs)
        widgets.append(widget)
        return widget

    yield make
    for widget in widgets:
        widget.close()


def test_the_page_shows_in_a_sandboxed_srcdoc_frame(page, harness, make):
    widget = make(ThemePreview, compile_scss=False)
    open_widget(page, harness, widget)
    frame = page.locator("iframe.platxa-preview-frame")
    assert frame.get_attribute("sandbox") == "allow-scripts"
    assert frame.get_attribute("src") is None
    assert frame_eval(page, "document.querySelector('#wrapwrap') !== null")
    # The theme's image is inlined (the opaque-origin frame can fetch nothing from the notebook).
    assert frame_eval(page, "[...document.images].every((i) => i.src.startsWith('data:image/'))")
    # An opaque origin: the frame cannot reach the notebook page.
    assert frame_eval(page, "(() => { try { return !parent.document; } catch { return true; } })()")


def test_a_token_change_restyles_the_frame_without_reloading_it(page, harness, make):
    widget = make(ThemePreview, {"colors": {"primary": "#0b6e4f"}}, compile_scss=False)
    open_widget(page, harness, widget)
    assert background(page) == "rgb(11, 110, 79)"
    frame_eval(page, "window.__marker = 'kept'")
    loads = page.evaluate("harness.view.loads")
    widget.tokens = {"colors": {"primary": "#c2410c"}}
    wait_in_frame(
        page,
        f"getComputedStyle(document.querySelector('{BUTTON}')).backgroundColor"
        " === 'rgb(194, 65, 12)'",
    )
    assert frame_eval(page, "window.__marker") == "kept"
    assert page.evaluate("harness.view.loads") == loads
    style = frame_eval(page, "document.querySelector('style#platxa-tokens').textContent")
    assert "#c2410c" in style


def test_a_section_change_is_morphed_in_keeping_scroll(page, harness, make):
    sections = [
        {"type": "hero", "id": "top", "title": "Hello"},
        *(
            {"type": "faq", "id": f"t{i}", "title": f"Block {i}", "items": QUESTIONS}
            for i in range(6)
        ),
        {"type": "contact", "id": "end", "title": "Bye"},
    ]
    widget = make(
        ThemePreview,
        pages={"landing": {"title": "L", "sections": sections}},
        page="landing",
        compile_scss=False,
        height=400,
    )
    open_widget(page, harness, widget)
    frame_eval(page, "window.scrollTo(0, 700)")
    scroll = frame_eval(page, "window.scrollY")
    assert scroll > 300
    frame_eval(page, "document.querySelector('[data-section-id=end]').__marker = 'kept'")
    loads = page.evaluate("harness.view.loads")
    widget.update_section("t2", {"type": "faq", "title": "Changed block", "items": QUESTIONS})
    wait_in_frame(page, "document.body.innerText.includes('Changed block')")
    assert frame_eval(page, "document.querySelector('[data-section-id=end]').__marker") == "kept"
    assert abs(frame_eval(page, "window.scrollY") - scroll) < 2
    assert page.evaluate("harness.view.loads") == loads


def test_switching_page_loads_the_frame_again(page, harness, make):
    widget = make(
        ThemePreview,
        compile_scss=False,
        pages={"other": {"title": "O", "sections": [{"type": "hero", "title": "Other"}]}},
    )
    open_widget(page, harness, widget)
    loads = page.evaluate("harness.view.loads")
    widget.page = "other"
    page.wait_for_function(f"harness.view.loads > {loads} && harness.view.ready")
    wait_in_frame(page, "document.body.innerText.includes('Other')")


def test_viewport_sets_the_frame_width(page, harness, make):
    widget = make(ThemePreview, compile_scss=False, viewport="mobile")
    open_widget(page, harness, widget)
    assert frame_eval(page, "window.innerWidth") == 375
    widget.viewport = 600
    wait_in_frame(page, "window.innerWidth === 600")
    widget.height = 300
    page.wait_for_function("document.querySelector('iframe').clientHeight === 300")
    # Desktop: laid out at 1280 px (its media queries see a desktop), shown scaled to fit.
    widget.viewport = "desktop"
    wait_in_frame(page, "window.innerWidth === 1280")
    shown = page.evaluate("document.querySelector('iframe').getBoundingClientRect().toJSON()")
    assert shown["width"] <= 900 and abs(shown["height"] - 300) < 2
    widget.viewport = "fit"  # the output's own width (the harness's output is 900 px wide)
    wait_in_frame(page, "window.innerWidth === 900")


def test_errors_show_in_an_overlay_naming_file_and_line(page, harness, make, tmp_path):
    shutil.copytree(DEMO_ADDONS / DEMO_THEME, tmp_path / "theme_edit")
    widget = make(ThemePreview, theme="theme_edit", addons_path=str(tmp_path), compile_scss=False)
    open_widget(page, harness, widget)
    frame_eval(page, "window.__marker = 'kept'")
    sections = tmp_path / "theme_edit" / "views" / "sections.xml"
    good = sections.read_text()
    sections.write_text(good.replace("</template>", "</templat>", 1))
    widget.reload()
    assert widget.errors and widget.errors[0]["file"].endswith("sections.xml")
    overlay = "document.querySelector('platxa-error-overlay')"
    wait_in_frame(
        page,
        f"{overlay} && !{overlay}.hidden && "
        f"/sections\\.xml:\\d+/.test({overlay}.shadowRoot.textContent)",
    )
    sections.write_text(good.replace("</ul>", "<li>Fixed again</li></ul>", 1))
    widget.reload()
    assert widget.errors == []
    wait_in_frame(page, "document.body.innerText.includes('Fixed again')")
    wait_in_frame(page, f"{overlay}.hidden")
    assert frame_eval(page, "window.__marker") == "kept"


def test_theme_scripts_do_not_run_and_links_do_not_navigate(page, harness, make, tmp_path):
    shutil.copytree(DEMO_ADDONS / DEMO_THEME, tmp_path / "theme_edit")
    homepage = tmp_path / "theme_edit" / "views" / "homepage.xml"
    homepage.write_text(
        homepage.read_text().replace(
            '<div id="wrap"', '<script>window.__ran = 1</script><div id="wrap"', 1
        )
    )
    widget = make(ThemePreview, theme="theme_edit", addons_path=str(tmp_path), compile_scss=False)
    open_widget(page, harness, widget)
    assert "__ran" in widget._document
    assert frame_eval(page, "window.__ran") is None
    frame_eval(page, "window.__marker = 'kept'")
    frame_eval(page, "document.querySelector('a[href^=\"/\"]').click()")
    page.wait_for_timeout(200)
    assert frame_eval(page, "window.__marker") == "kept"


def test_live_html_morphs_keeping_scroll_and_typed_values(page, harness, make):
    paragraphs = "".join(f"<p>Paragraph {i}</p>" for i in range(80))
    widget = make(
        LiveHTML,
        f"<input id='name'><h1>Version 1</h1>{paragraphs}",
        css="h1 { color: rgb(1, 2, 3); }",
        height=300,
    )
    open_widget(page, harness, widget)
    assert (
        frame_eval(page, "getComputedStyle(document.querySelector('h1')).color") == "rgb(1, 2, 3)"
    )
    preview_frame(page).fill("#name", "typed")
    frame_eval(page, "window.scrollTo(0, 900)")
    scroll = frame_eval(page, "window.scrollY")
    frame_eval(page, "window.__marker = 'kept'")
    widget.html = f"<input id='name'><h1>Version 2</h1>{paragraphs}<script>window.__ran=1</script>"
    wait_in_frame(page, "document.querySelector('h1').textContent === 'Version 2'")
    assert abs(frame_eval(page, "window.scrollY") - scroll) < 2
    assert frame_eval(page, "document.querySelector('#name').value") == "typed"
    assert frame_eval(page, "window.__ran") is None
    widget.css = "h1 { color: rgb(9, 8, 7); }"
    wait_in_frame(page, "getComputedStyle(document.querySelector('h1')).color === 'rgb(9, 8, 7)'")
    assert frame_eval(page, "window.__marker") == "kept"


def test_a_second_view_of_a_changed_widget_shows_its_current_state(page, harness, make):
    widget = make(
        ThemePreview,
        {"colors": {"primary": "#0b6e4f"}},
        compile_scss=False,
        pages={"p": {"title": "P", "sections": [{"type": "hero", "id": "h", "title": "One"}]}},
        page="p",
    )
    widget.update_section("h", {"type": "hero", "title": "Two"})
    widget.tokens = {"colors": {"primary": "#c2410c"}}
    open_widget(page, harness, widget)
    wait_in_frame(page, "document.body.innerText.includes('Two')")
    assert background(page) == "rgb(194, 65, 12)"
