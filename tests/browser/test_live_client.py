"""The browser live client (widget/live.js and the modules it uses) in real Chromium.

A small Tornado server, started here in a thread, serves widget/ at /_platxa/, test pages under
a strict Content-Security-Policy (scripts by nonce only, as preview pages are served), and a
WebSocket endpoint whose messages each test sends itself. End-to-end tests against the real
preview server live with the server's tests.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

import pytest
import tornado.web
import tornado.websocket

from tests.browser.servers import ThreadedTornado

WIDGET = Path(__file__).resolve().parents[2] / "widget"
NONCE = "bm9uY2UtZm9yLXRlc3Rz"
CSP = (  # as preview pages are served (platxa_preview/server)
    f"default-src 'self'; script-src 'nonce-{NONCE}' 'strict-dynamic'; "
    "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; object-src 'none'"
)


class Channel:
    """One test's WebSocket endpoint: the sockets open on it and what the page sent."""

    def __init__(self) -> None:
        self.sockets: set[tornado.websocket.WebSocketHandler] = set()
        self.received: list[dict] = []
        self.accepting = True
        self.refused = 0
        self.changed = threading.Condition()

    def hellos(self) -> list[dict]:
        return [message for message in self.received if message.get("type") == "hello"]

    def wait(self, condition, what: str, timeout: float = 5.0):
        with self.changed:
            if not self.changed.wait_for(condition, timeout):
                raise AssertionError(f"timed out waiting for {what}; received {self.received}")
            return condition()


class SocketHandler(tornado.websocket.WebSocketHandler):
    def initialize(self, channels: dict[str, Channel]) -> None:
        self.channels = channels

    async def get(self, name: str) -> None:
        channel = self.channels[name]
        if not channel.accepting:  # a server that is down: the handshake fails
            with channel.changed:
                channel.refused += 1
                channel.changed.notify_all()
            raise tornado.web.HTTPError(503)
        self.channel = channel
        await super().get(name)

    def open(self, name: str) -> None:
        with self.channel.changed:
            self.channel.sockets.add(self)
            self.channel.changed.notify_all()

    def on_message(self, message: str | bytes) -> None:
        with self.channel.changed:
            self.channel.received.append(json.loads(message))
            self.channel.changed.notify_all()

    def on_close(self) -> None:
        with self.channel.changed:
            self.channel.sockets.discard(self)
            self.channel.changed.notify_all()


class PageHandler(tornado.web.RequestHandler):
    def initialize(self, pages: dict[str, str]) -> None:
        self.pages = pages

    def get(self, name: str) -> None:
        if name not in self.pages:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if not name.startswith("harness"):
            self.set_header("Content-Security-Policy", CSP)
        self.set_header("Cache-Control", "no-store")
        self.write(self.pages[name])


class LiveTestServer(ThreadedTornado):
    """widget/ at /_platxa/, test pages at /page/<name>, test WebSockets at /ws/<channel>."""

    def __init__(self) -> None:
        self.channels: dict[str, Channel] = {}
        self.pages: dict[str, str] = {}
        super().__init__(self._application)

    def _application(self) -> tornado.web.Application:
        return tornado.web.Application([
            (r"/_platxa/(.*)", tornado.web.StaticFileHandler, {"path": str(WIDGET)}),
            (r"/page/([\w.-]+)", PageHandler, {"pages": self.pages}),
            (r"/ws/([\w-]+)", SocketHandler, {"channels": self.channels}),
        ])  # fmt: skip

    def send(self, channel: Channel, message: dict) -> None:
        text = json.dumps(message)
        self.call(lambda: [socket.write_message(text) for socket in list(channel.sockets)])

    def close_sockets(self, channel: Channel) -> None:
        self.call(lambda: [socket.close() for socket in list(channel.sockets)])


@pytest.fixture(scope="module")
def server():
    server = LiveTestServer().start()
    yield server
    server.stop()


def page_html(channel_name: str, body: str, *, version: int = 3, epoch: str = "e1",
              page_id: str = "home", head: str = "", attributes: str = "") -> str:  # fmt: skip
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>live client test</title>
<script nonce="{NONCE}">
  window.__violations = [];
  document.addEventListener("securitypolicyviolation",
    (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));
</script>
<style>body {{ margin: 0 }} section {{ min-height: 600px }}</style>{head}
<script type="module" nonce="{NONCE}" src="/_platxa/live.js" {attributes}
        data-ws-url="/ws/{channel_name}" data-page-id="{page_id}" data-version="{version}"
        data-epoch="{epoch}"></script>
</head><body>{body}<script>window.__templateScript = "ran";</script></body></html>"""


class Live:
    """One test's view of the page and its channel."""

    def __init__(self, server: LiveTestServer, page) -> None:
        self.server, self.page = server, page
        self.name = uuid.uuid4().hex[:12]
        self.channel = server.channels[self.name] = Channel()

    def open(self, body: str, **options) -> None:
        """Serve and open a page with the live client; return when it has said hello."""
        self.server.pages[self.name] = page_html(self.name, body, **options)
        self.page.goto(self.server.url(f"/page/{self.name}"))
        self.channel.wait(lambda: self.channel.hellos(), "the first hello")
        self.wait_for("window.platxaLive?.state === 'live'")

    def send(self, type: str, **fields) -> None:
        fields.setdefault("epoch", "e1")
        self.server.send(self.channel, {"type": type, **fields})

    def wait_for(self, expression: str, arg=None):
        """Poll until the JavaScript `expression` is truthy; returns its value."""
        # As a function: a string predicate would be eval'ed in the page, which its CSP forbids.
        return self.page.wait_for_function(f"() => ({expression})", arg=arg).json_value()

    def evaluate(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_no_csp_violation(self) -> None:
        # The template's own inline script is blocked by design; nothing else may be.
        violations = [v for v in self.evaluate("window.__violations") if "inline" not in v]
        assert violations == []
        assert self.evaluate("window.__templateScript") is None


@pytest.fixture
def live(server, page) -> Live:
    return Live(server, page)


def sections(*texts: str) -> str:
    return "".join(
        f'<section data-section-id="s{index}"><h2>{text}</h2></section>'
        for index, text in enumerate(texts, 1)
    )


FORM_SECTION = """<section data-section-id="form"><h2 class="title">Contact</h2>
  <form><input id="name" name="name" value="server"><textarea name="note">server note</textarea>
  <select name="size"><option value="s">S</option><option value="m" selected>M</option>
  <option value="l">L</option></select></form>
  <div class="scroller" id="scroller" style="height: 80px; overflow: auto">
    <div style="height: 1000px">tall</div></div></section>"""


def wrapwrap(*inner: str) -> str:
    return f'<div id="wrapwrap"><main>{"".join(inner)}</main></div>'


# -- CSS ----------------------------------------------------------------------------------------


def test_css_update_applies_to_computed_style_without_navigation(live):
    live.open(wrapwrap('<p id="probe">text</p>'))
    live.evaluate("window.__marker = 42")
    live.send("css_update", layer="tokens", css=":root { --probe: rgb(1, 2, 3); }", version=4)
    live.send("css_update", layer="theme", css="#probe { color: var(--probe); }", version=5)
    live.wait_for("getComputedStyle(document.getElementById('probe')).color === 'rgb(1, 2, 3)'")
    live.send("css_update", layer="tokens", css=":root { --probe: rgb(9, 8, 7); }", version=6)
    live.wait_for("getComputedStyle(document.getElementById('probe')).color === 'rgb(9, 8, 7)'")
    assert live.evaluate("window.__marker") == 42  # same document: no navigation happened
    assert live.evaluate("platxaLive.version") == 6
    layers = live.evaluate(
        "[...document.querySelectorAll('head > style[id^=platxa]')].map((s) => s.id)"
    )
    assert layers == ["platxa-tokens", "platxa-theme-css"]  # swapped in place, never duplicated
    live.assert_no_csp_violation()


def test_css_update_replaces_the_server_rendered_layer_in_place(live):
    live.open(
        wrapwrap('<p id="probe">text</p>'),
        head='<style id="platxa-theme-css">#probe { color: rgb(0, 0, 255); }</style>'
        '<link rel="stylesheet" href="data:text/css,">',
    )
    before = live.evaluate("document.head.children.length")
    live.send("css_update", layer="theme", css="#probe { color: rgb(0, 128, 0); }", version=4)
    live.wait_for("getComputedStyle(document.getElementById('probe')).color === 'rgb(0, 128, 0)'")
    assert live.evaluate("document.head.children.length") == before
    assert live.evaluate("document.querySelectorAll('#platxa-theme-css').length") == 1


# -- morphs -------------------------------------------------------------------------------------


def prepare_user_state(live) -> None:
    """Scroll, type, pick and focus the way a user would, and tag elements to check identity."""
    page = live.page
    page.fill("#name", "typed by the user")
    page.fill("textarea[name=note]", "my own note")
    page.select_option("select[name=size]", "l")
    page.focus("#name")
    live.evaluate("""() => {
        const input = document.getElementById('name');
        input.setSelectionRange(3, 8);
        input.__identity = 'kept';
        document.querySelector('[data-section-id=form]').__identity = 'kept';
        document.getElementById('scroller').scrollTop = 250;
        window.scrollTo(0, 900);
    }""")
    live.wait_for("window.scrollY === 900")


def assert_user_state_kept(live) -> None:
    state = live.evaluate("""() => {
        const input = document.getElementById('name');
        return {
            scrollY: window.scrollY,
            innerScroll: document.getElementById('scroller').scrollTop,
            focused: document.activeElement === input,
            sameInput: input.__identity,
            sameSection: document.querySelector('[data-section-id=form]').__identity,
            value: input.value,
            selection: [input.selectionStart, input.selectionEnd],
            note: document.querySelector('textarea').value,
            size: document.querySelector('select').value,
        };
    }""")
    assert state == {
        "scrollY": 900,
        "innerScroll": 250,
        "focused": True,
        "sameInput": "kept",
        "sameSection": "kept",
        "value": "typed by the user",
        "selection": [3, 8],
        "note": "my own note",
        "size": "l",
    }


def test_section_update_morphs_one_section_keeping_scroll_focus_and_typed_values(live):
    live.open(wrapwrap(sections("One", "Two"), FORM_SECTION, sections("Four")))
    prepare_user_state(live)
    new_form = FORM_SECTION.replace("Contact", "New").replace('value="server"', 'value="new"')
    live.send("section_update", page_id="home", section_id="form", html=new_form, version=4)
    live.wait_for("document.querySelector('[data-section-id=form] .title').textContent === 'New'")
    assert_user_state_kept(live)
    # An untouched control follows the server; the typed one did not (checked above).
    assert live.evaluate("document.getElementById('name').defaultValue") == "new"
    assert live.evaluate("platxaLive.version") == 4
    live.assert_no_csp_violation()


def test_dom_update_morphs_wrapwrap_keeping_state_and_section_identity(live):
    live.open(wrapwrap(sections("One", "Two"), FORM_SECTION))
    prepare_user_state(live)
    live.evaluate("document.querySelector('[data-section-id=s1]').__identity = 'first'")
    # The new page: a new section before the others, s1 and s2 swapped, a changed heading.
    new_page = wrapwrap(
        '<section data-section-id="new"><h2>New</h2><script>window.__ran = 1</script></section>',
        '<section data-section-id="s2"><h2>Two</h2></section>',
        '<section data-section-id="s1"><h2>One, edited</h2></section>',
        FORM_SECTION,
    ).replace('<div id="wrapwrap">', '<div id="wrapwrap" class="o_updated">')
    live.send("dom_update", page_id="home", html=new_page, version=9)
    live.wait_for("document.getElementById('wrapwrap').classList.contains('o_updated')")
    order = live.evaluate(
        "[...document.querySelectorAll('[data-section-id]')].map((s) => s.dataset.sectionId)"
    )
    assert order == ["new", "s2", "s1", "form"]
    assert live.evaluate("document.querySelector('[data-section-id=s1]').__identity") == "first"
    assert live.evaluate("document.querySelector('[data-section-id=s1] h2').textContent") == (
        "One, edited"
    )
    assert_user_state_kept(live)
    # Scripts never come in through a morph: under 'strict-dynamic' a script element inserted
    # by the trusted live client could run, so they are dropped from the new HTML.
    assert live.evaluate("document.querySelector('[data-section-id=new] script') === null")
    assert live.evaluate("window.__ran") is None


def test_section_update_for_a_missing_section_reloads_the_page(live):
    live.open(wrapwrap(sections("One")))
    live.evaluate("window.__marker = 1")
    live.send("section_update", page_id="home", section_id="nowhere", html="<section></section>",
              version=4)  # fmt: skip
    live.wait_for("window.__marker === undefined && window.platxaLive?.state === 'live'")


# -- reload -------------------------------------------------------------------------------------


def test_reload_restores_the_scroll_position(live):
    live.open(wrapwrap(sections("One", "Two", "Three", "Four", "Five")))
    live.evaluate("window.scrollTo(0, 1234); window.__marker = 1")
    live.wait_for("window.scrollY === 1234")
    hellos = len(live.channel.hellos())
    live.send("reload", version=4)
    live.wait_for("window.__marker === undefined && window.scrollY === 1234")
    # The reloaded page connects again and says hello with the version it was rendered from.
    live.channel.wait(lambda: len(live.channel.hellos()) > hellos, "the hello after the reload")
    live.wait_for("history.scrollRestoration === 'auto'")  # normal navigation is left as it was


# -- overlay and badge --------------------------------------------------------------------------


OVERLAY_TEXT = """() => {
    const host = document.querySelector('platxa-error-overlay');
    if (!host || host.hidden || !host.shadowRoot) return null;
    const panel = host.shadowRoot.querySelector('[role=alert]');
    return panel && getComputedStyle(host).display !== 'none' ? panel.textContent : null;
}"""


def test_error_overlay_shows_in_a_shadow_root_and_clears_on_status_without_errors(live):
    live.open(wrapwrap(sections("One")))
    # Theme CSS that would hide or restyle it if it were in the page's tree.
    hostile = "platxa-error-overlay, div, pre { display: none !important; color: red }"
    live.send("css_update", layer="theme", css=hostile, version=4)
    live.send("error", file="views/home.xml", line=12, message="t-esc: name 'x' is not defined",
              code="qweb", version=4)  # fmt: skip
    text = live.wait_for(f"({OVERLAY_TEXT})()")
    assert "views/home.xml:12" in text
    assert "t-esc: name 'x' is not defined" in text
    assert live.evaluate("document.querySelector('platxa-error-overlay').shadowRoot.mode") == "open"
    assert live.evaluate("document.querySelectorAll('[role=alert]').length") == 0  # not light DOM
    live.send("status", errors=[], viewers=1, version=4)
    live.wait_for(f"({OVERLAY_TEXT})() === null")
    live.assert_no_csp_violation()


def test_error_overlay_is_dismissed_with_escape_and_stays_dismissed_for_the_same_error(live):
    live.open(wrapwrap(sections("One")))
    error = {"file": "static/src/scss/theme.scss", "line": 3, "message": "undefined variable"}
    live.send("status", errors=[error], version=4)
    assert "theme.scss:3" in live.wait_for(f"({OVERLAY_TEXT})()")
    live.page.keyboard.press("Escape")
    live.wait_for(f"({OVERLAY_TEXT})() === null")
    live.send("status", errors=[error], viewers=2, version=4)  # the same error again: stays hidden
    live.send("error", file="views/other.xml", line=1, message="new problem", version=5)
    assert "views/other.xml:1" in live.wait_for(f"({OVERLAY_TEXT})()")


def test_a_successful_morph_clears_the_overlay(live):
    live.open(wrapwrap(sections("One")))
    live.send("error", file="views/home.xml", line=2, message="broken", version=4)
    live.wait_for(f"({OVERLAY_TEXT})()")
    live.send("section_update", page_id="home", section_id="s1",
              html='<section data-section-id="s1"><h2>Fixed</h2></section>', version=5)  # fmt: skip
    live.wait_for(f"({OVERLAY_TEXT})() === null")


def test_reconnects_after_the_socket_closes_and_says_hello_with_the_last_version(live):
    live.open(wrapwrap(sections("One")))
    first = {"type": "hello", "version": 3, "epoch": "e1", "page_id": "home"}
    assert live.channel.hellos()[0] == first
    assert live.evaluate("document.querySelector('platxa-status-badge').dataset.state") == "live"
    live.evaluate("""window.__states = [];
        platxaLive.addEventListener('state', (e) => window.__states.push(e.detail.state))""")
    live.send("css_update", layer="tokens", css=":root { --x: 1px; }", version=7, epoch="e2")
    live.wait_for("platxaLive.version === 7")
    # The server goes away: open sockets close and handshakes fail until it is back.
    live.channel.accepting = False
    live.server.close_sockets(live.channel)
    live.wait_for("document.querySelector('platxa-status-badge').dataset.state === 'reconnecting'")
    live.channel.wait(lambda: live.channel.refused >= 1, "a refused reconnection attempt")
    live.channel.accepting = True
    live.wait_for("document.querySelector('platxa-status-badge').dataset.state === 'live'")
    hello = live.channel.wait(lambda: live.channel.hellos()[1:], "the hello after reconnecting")
    assert hello[-1] == {"type": "hello", "version": 7, "epoch": "e2", "page_id": "home"}
    states = live.evaluate("window.__states")
    assert states[0] == "reconnecting" and states[-1] == "live"
    status = live.evaluate(
        "document.querySelector('platxa-status-badge').shadowRoot.querySelector('[role=status]')"
        ".textContent"
    )
    assert status == "Live preview: Live"


def test_the_editor_mode_sends_and_reports_without_touching_the_page(live):
    live.open(wrapwrap('<p id="probe">text</p>'), attributes='data-apply="false"')
    live.evaluate("""window.__messages = [];
        platxaLive.addEventListener('message', (e) => window.__messages.push(e.detail.type))""")
    live.send("css_update", layer="theme", css="#probe { color: rgb(1, 2, 3); }", version=4)
    live.send("error", file="a.xml", line=1, message="broken", version=4)
    live.wait_for("window.__messages.length === 2")
    assert live.evaluate("document.getElementById('platxa-theme-css')") is None
    assert live.evaluate("document.querySelector('platxa-error-overlay')") is None
    sent = live.evaluate("platxaLive.send({type: 'token_update', tokens: {colors: {}}})")
    assert sent is True
    live.channel.wait(
        lambda: any(m["type"] == "token_update" for m in live.channel.received), "token_update"
    )


def test_messages_for_another_page_are_ignored(live):
    live.open(wrapwrap(sections("One")))
    other = '<section data-section-id="s1"><h2>Other page</h2></section>'
    live.send("section_update", page_id="about", section_id="s1", html=other, version=4)
    live.send("dom_update", page_id="about", html=wrapwrap("<p>about</p>"), version=5)
    mine = '<section data-section-id="s1"><h2>Mine</h2></section>'
    live.send("section_update", page_id="home", section_id="s1", html=mine, version=6)
    # Messages arrive in order: once the last one is applied, the others were seen and skipped.
    live.wait_for("document.querySelector('[data-section-id=s1] h2').textContent === 'Mine'")
    assert live.evaluate("document.querySelectorAll('[data-section-id]').length") == 1
    assert live.evaluate("platxaLive.version") == 6


# -- the morph module on its own -----------------------------------------------------------------


HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body><div id="stage"></div></body></html>"""


@pytest.fixture
def harness(server, page):
    server.pages["harness"] = HARNESS
    page.goto(server.url("/page/harness"))

    def run(old: str, new: str, check: str, setup: str = ""):
        """Put `old` in the stage, run `setup`, morph its first element into `new`, `check`."""
        return page.evaluate(
            f"""async ([oldHtml, newHtml]) => {{
                const {{ morph }} = await import('/_platxa/morph.js');
                const stage = document.getElementById('stage');
                stage.innerHTML = oldHtml;
                const root = stage.firstElementChild;
                {setup}
                const result = morph(root, newHtml);
                return ({check});
            }}""",
            [old, new],
        )

    return run


def test_morph_keeps_keyed_elements_across_moves_into_new_wrappers(harness):
    old = '<div><p id="a">a</p><p id="b">b</p></div>'
    new = '<div><section><p id="b">b2</p></section><p id="a">a</p></div>'
    result = harness(
        old, new,
        "[result === root, document.getElementById('a').__tag, document.getElementById('b').__tag,"
        " stage.innerHTML]",
        setup="document.getElementById('a').__tag = 'A'; document.getElementById('b').__tag = 'B';",
    )  # fmt: skip
    assert result == [True, "A", "B", new]


def test_morph_syncs_attributes_text_and_replaces_changed_tags(harness):
    old = '<div class="x" data-old="1"><span>one</span><em>two</em></div>'
    new = '<div class="y" title="t"><span>uno</span><strong>two</strong></div>'
    assert harness(old, new, "stage.innerHTML") == new
    replaced = '<section id="r">y</section>'
    check = "[result !== root, stage.innerHTML]"
    assert harness('<div id="r">x</div>', replaced, check) == [True, replaced]


def test_morph_handles_insertions_and_removals_of_unkeyed_siblings(harness):
    old = "<ul>\n  <li>one</li>\n  <li>two</li>\n  <li>three</li>\n</ul>"
    inserted = "<ul>\n  <li>zero</li>\n  <li>one</li>\n  <li>two</li>\n  <li>three</li>\n</ul>"
    setup = "root.children[1].__tag = 'two';"
    check = "[stage.innerHTML, [...root.children].map((li) => li.__tag ?? null)]"
    assert harness(old, inserted, check, setup) == [inserted, [None, None, "two", None]]
    removed = "<ul>\n  <li>two</li>\n  <li>three</li>\n</ul>"
    assert harness(old, removed, check, setup) == [removed, ["two", None]]


def test_morph_keeps_a_recreated_controls_typed_value_and_user_toggled_details(harness):
    old = '<form><div><input name="q"></div><details><summary>s</summary>x</details></form>'
    new = '<form><p><input name="q" value="new"></p><details><summary>s</summary>y</details></form>'
    setup = "root.querySelector('input').value = 'typed'; root.querySelector('details').open = 1;"
    check = "[root.querySelector('input').value, root.querySelector('details').open]"
    assert harness(old, new, check, setup) == ["typed", True]


def test_backoff_is_exponential_with_full_jitter_and_capped(harness):
    delays = harness(
        "<p></p>", "<p></p>",
        """await import('/_platxa/live.js').then(({ backoffDelay }) =>
            [0, 1, 2, 3, 4, 5, 10].map((attempt) => [backoffDelay(attempt, () => 0),
                                                     backoffDelay(attempt, () => 0.999999)]))""",
    )  # fmt: skip
    assert [low for low, _ in delays] == [0] * 7
    assert [high for _, high in delays] == [499, 999, 1999, 3999, 7999, 9999, 9999]


def test_morph_never_runs_scripts_from_the_new_html(harness):
    new = "<div><section><script>window.__ran = true</script></section></div>"
    assert harness("<div></div>", new, "[root.innerHTML, window.__ran ?? false]") == [
        "<section></section>",
        False,
    ]


def test_morph_leaves_preserved_islands_alone(harness):
    old = '<div><div data-preview-preserve id="map"><canvas></canvas></div><p>a</p></div>'
    new = '<div><div data-preview-preserve id="map"></div><p>b</p></div>'
    check = "[root.querySelector('#map canvas') !== null, root.querySelector('p').textContent]"
    assert harness(old, new, check) == [True, "b"]
