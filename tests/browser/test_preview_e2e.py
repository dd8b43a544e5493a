"""The live preview end to end: the real server, real Chromium, a theme edited on disk."""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest

from platxa_preview.demo import DEMO_ADDONS, DEMO_THEME
from platxa_preview.server import ServerConfig
from platxa_preview.server.watch import apply_changes
from tests.browser.preview_server import ThreadedPreviewServer

PRIMARY = "getComputedStyle(document.documentElement).getPropertyValue('--o-color-1').trim()"


@pytest.fixture
def theme_copy(tmp_path):
    shutil.copytree(DEMO_ADDONS / DEMO_THEME, tmp_path / "theme_edit")
    return tmp_path


@pytest.fixture
def preview_server(theme_copy):
    server = ThreadedPreviewServer(ServerConfig(
        addons_path=str(theme_copy), theme="theme_edit", port=0, watch=True,
        watch_debounce_ms=20)).start()  # fmt: skip
    yield server
    server.stop()


def wait_for(page, expression: str, timeout: float = 10_000):
    """Poll a JavaScript condition; as a function, since the page's CSP forbids eval."""
    page.wait_for_function(f"() => ({expression})", timeout=timeout)


def open_live(page, server, path="/preview/default/homepage"):
    page.goto(server.url(path))
    wait_for(page, "window.platxaLive && window.platxaLive.state === 'live'")
    page.evaluate("window.__marker = 'kept'")  # a navigation would lose it


def put_tokens(server, tokens):
    request = urllib.request.Request(
        server.url("/api/sessions/default/tokens"), data=json.dumps(tokens).encode(),
        method="PUT", headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_token_change_updates_computed_style_in_every_tab(browser, preview_server):
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    try:
        for page in (first, second):
            open_live(page, preview_server)
        put_tokens(preview_server, {"colors": {"primary": "#0b6e4f"}})
        for page in (first, second):
            wait_for(page, f"{PRIMARY} === '#0b6e4f'")
            assert page.evaluate("window.__marker") == "kept"
    finally:
        context.close()


def test_template_edited_on_disk_updates_the_dom_keeping_scroll(page, preview_server, theme_copy):
    open_live(page, preview_server)
    page.evaluate("window.scrollTo(0, 600)")
    scroll = page.evaluate("window.scrollY")
    assert scroll > 0
    sections = theme_copy / "theme_edit" / "views" / "sections.xml"
    sections.write_text(sections.read_text().replace("</ul>", "<li>Edited on disk</li></ul>", 1))
    wait_for(page, "document.body.innerText.includes('Edited on disk')", timeout=10_000)
    assert page.evaluate("window.__marker") == "kept"
    assert abs(page.evaluate("window.scrollY") - scroll) < 2


def test_error_overlay_appears_and_clears(page, preview_server, theme_copy):
    open_live(page, preview_server)
    sections = theme_copy / "theme_edit" / "views" / "sections.xml"
    good = sections.read_text()
    sections.write_text(good.replace("</template>", "</templat>", 1))
    overlay = "document.querySelector('platxa-error-overlay')"
    wait_for(
        page,
        f"{overlay} && {overlay}.shadowRoot.textContent.includes('sections.xml')",
        timeout=10_000,
    )
    assert "Edited" not in page.content()  # the last good page stays
    sections.write_text(good)
    wait_for(
        page,
        f"!{overlay} || !{overlay}.shadowRoot.textContent.includes('sections.xml') || "
        f"{overlay}.hidden || getComputedStyle({overlay}).display === 'none'",
        timeout=10_000,
    )
    assert page.evaluate("window.__marker") == "kept"


def test_page_reconnects_and_catches_up_after_a_server_restart(page, theme_copy):
    config = ServerConfig(addons_path=str(theme_copy), theme="theme_edit", port=0, watch=False)
    server = ThreadedPreviewServer(config).start()
    port = server.port
    try:
        open_live(page, server)
        server.stop()
        wait_for(page, "window.platxaLive.state !== 'live'")
        restarted = ThreadedPreviewServer(
            ServerConfig(addons_path=str(theme_copy), theme="theme_edit", port=port, watch=False)
        ).start()
        assert restarted.port == port
        try:
            restarted.call(
                lambda s: s.default.preview.update_tokens({"colors": {"primary": "#aa2233"}})
            )
            wait_for(page, "window.platxaLive.state === 'live'", timeout=15_000)
            wait_for(page, f"{PRIMARY} === '#aa2233'")  # caught up, no reload
            assert page.evaluate("window.__marker") == "kept"
        finally:
            restarted.stop()
    finally:
        pass


def test_section_update_from_a_theme_generator(page, preview_server):
    from platxa_preview.demo import demo_homepage_config

    preview_server.call(lambda s: s.default.preview.update_page("landing", demo_homepage_config()))
    open_live(page, preview_server, "/preview/default/landing")
    config = demo_homepage_config()
    config["sections"][0]["title"] = "Live from Python"

    def push(server):
        session = server.default
        session.broadcast(session.preview.update_page("landing", config), server.stats)

    preview_server.call(push)
    wait_for(page, "document.querySelector('[data-section-id=hero]')"
                           ".innerText.includes('Live from Python')")  # fmt: skip
    assert page.evaluate("window.__marker") == "kept"


def test_template_scripts_do_not_run(page, preview_server, theme_copy):
    homepage = theme_copy / "theme_edit" / "views" / "homepage.xml"
    homepage.write_text(
        homepage.read_text().replace(
            '<div id="wrap"', '<script>window.__injected = 1</script><div id="wrap"', 1
        )
    )
    preview_server.call(lambda s: apply_changes(s, {homepage}))
    open_live(page, preview_server)
    assert page.evaluate("window.__injected") is None


def test_scripts_in_live_updates_do_not_run(page, preview_server, theme_copy):
    open_live(page, preview_server)
    sections = theme_copy / "theme_edit" / "views" / "sections.xml"
    sections.write_text(
        sections.read_text().replace(
            "</ul>", "<li>Scripted<script>window.__injected = 1</script></li></ul>", 1
        )
    )
    wait_for(page, "document.body.innerText.includes('Scripted')")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__marker") == "kept"


def test_editor_colour_picker_restyles_the_framed_preview(page, preview_server):
    page.goto(preview_server.url("/"))
    frame = page.frame_locator("#preview")
    frame.locator("#wrapwrap").wait_for()
    preview = page.frames[1]
    preview.wait_for_function("() => window.platxaLive?.state === 'live'")
    preview.evaluate("window.__marker = 'kept'")
    page.locator('input[data-token="primary"]').fill("#c0392b")
    preview.wait_for_function(
        "() => getComputedStyle(document.documentElement)"
        ".getPropertyValue('--o-color-1').trim() === '#c0392b'"
    )
    assert preview.evaluate("window.__marker") == "kept"
    # a low-contrast choice is flagged next to the controls
    page.locator('input[data-token="primary"]').fill("#ffff66")
    page.wait_for_function("() => document.querySelector('#contrast').innerText.includes('AA')")
    page.locator("[data-viewport='375px']").click()
    assert page.evaluate("document.getElementById('preview').style.width") == "375px"
