"""LivePreviewServer (platxa_preview/live.py, widget/push.js) in real Chromium: pushes from a
plain thread morph into open tabs. The browser is the shared one of tests/browser/conftest.py.

"No navigation" is proven by a marker set on `window` before the update: a reload would drop it.
Waits are on page conditions (Playwright's `wait_for_function`, given a function so that the
page's CSP, which forbids eval, does not apply), never on fixed sleeps.

The polling fallback is exercised the way it happens in the field: the page is opened through
a reverse proxy (started here) that forwards HTTP but answers WebSocket upgrades with 403, as
proxies that block WebSockets do. The page's first WebSocket never opens, so push.js switches
to long polling `/poll` through the same proxy. `?platxa-transport=poll` (forced polling) is
tested too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import tornado.httpclient
import tornado.web

from platxa_preview.live import LivePreviewServer
from tests.browser.servers import ThreadedTornado

TALL_PAGE = (
    '<main style="height: 4000px"><h1 id="title">{title}</h1>'
    '<section id="middle" style="margin-top: 1500px"><p id="text">{text}</p></section></main>'
)


@pytest.fixture
def live() -> Iterator[LivePreviewServer]:
    with LivePreviewServer(TALL_PAGE.format(title="Report", text="first"), title="Live") as server:
        yield server


def wait_for(page, expression: str):
    return page.wait_for_function(f"() => ({expression})").json_value()


def push_from_a_thread(live: LivePreviewServer, html: str) -> None:
    """An update as a GUI program makes it: from a plain thread with no event loop."""
    thread = threading.Thread(target=live.update, args=(html,))
    thread.start()
    thread.join()


def open_live(page, url: str, transport: str = "websocket"):
    page.goto(url)
    wait_for(page, f"window.platxaPush?.transport === '{transport}'")
    page.evaluate("() => { window.__marker = 'still the same page'; }")
    return page


def test_update_from_a_thread_morphs_the_tab_without_navigation_keeping_scroll(page, live):
    open_live(page, live.url)
    wait_for(page, "document.querySelector('platxa-status-badge')?.dataset.state === 'live'")
    page.evaluate("() => window.scrollTo(0, 1200)")
    wait_for(page, "window.scrollY === 1200")
    paragraph = page.evaluate_handle("() => document.getElementById('text')")

    push_from_a_thread(live, TALL_PAGE.format(title="Report", text="second"))

    wait_for(page, "document.getElementById('text').textContent === 'second'")
    state = page.evaluate(
        "(old) => [window.__marker, window.scrollY, old === document.getElementById('text'),"
        " window.platxaPush.version, window.platxaPush.updates]",
        paragraph,
    )
    assert state == ["still the same page", 1200, True, 1, 1]


def test_two_tabs_both_update(page, live):
    second = page.context.new_page()
    for tab in (page, second):
        open_live(tab, live.url)
    for number in (1, 2):
        push_from_a_thread(live, TALL_PAGE.format(title=f"Version {number}", text="x"))
        for tab in (page, second):
            wait_for(tab, f"document.getElementById('title').textContent === 'Version {number}'")
    for tab in (page, second):
        assert tab.evaluate("() => [window.__marker, window.platxaPush.version]") == [
            "still the same page",
            2,
        ]


def test_a_tab_opened_before_an_update_is_never_behind(page, live):
    # The update races the tab's WebSocket hello: whichever comes first, the tab ends current.
    page.goto(live.url)
    push_from_a_thread(live, TALL_PAGE.format(title="Report", text="raced"))
    wait_for(page, "document.getElementById('text')?.textContent === 'raced'")


def test_scripts_in_pushed_html_do_not_run(page, live):
    open_live(page, live.url)
    push_from_a_thread(live, '<p id="text">with a script</p><script>window.__ran = true</script>')
    wait_for(page, "document.getElementById('text').textContent === 'with a script'")
    assert page.evaluate("() => window.__ran") is None


def test_polling_fallback_when_a_proxy_refuses_websockets(page, live):
    with WebSocketBlockingProxy(live.url) as proxy:
        open_live(page, proxy.url(), transport="polling")
        assert proxy.refused_upgrades == 1
        for text in ("polled once", "polled twice"):
            push_from_a_thread(live, TALL_PAGE.format(title="Report", text=text))
            wait_for(page, f"document.getElementById('text').textContent === '{text}'")
        assert page.evaluate("() => window.__marker") == "still the same page"
        assert proxy.refused_upgrades == 1  # polling does not keep knocking


def test_polling_can_be_forced_by_the_page_url(page, live):
    open_live(page, live.url + "?platxa-transport=poll", transport="polling")
    push_from_a_thread(live, TALL_PAGE.format(title="Report", text="forced"))
    wait_for(page, "document.getElementById('text').textContent === 'forced'")
    assert live.viewers == 0  # no WebSocket was opened
    assert page.evaluate("() => window.__marker") == "still the same page"


class WebSocketBlockingProxy(ThreadedTornado):
    """A reverse proxy on its own thread: HTTP is forwarded, WebSocket upgrades get 403."""

    def __init__(self, upstream: str) -> None:
        super().__init__(
            lambda: tornado.web.Application([(r"/.*", ForwardHandler, {"proxy": self})])
        )
        self.upstream = upstream
        self.refused_upgrades = 0

    def __enter__(self) -> WebSocketBlockingProxy:
        return self.start()

    def __exit__(self, *exception) -> None:
        self.stop()


class ForwardHandler(tornado.web.RequestHandler):
    FORWARDED_HEADERS = ("Content-Type", "Content-Security-Policy", "Cache-Control")

    def initialize(self, proxy: WebSocketBlockingProxy) -> None:
        self.proxy = proxy

    async def get(self) -> None:
        if self.request.headers.get("Upgrade", "").lower() == "websocket":
            self.proxy.refused_upgrades += 1
            raise tornado.web.HTTPError(403, reason="WebSockets are not allowed here")
        upstream = self.proxy.upstream + self.request.uri.lstrip("/")
        client = tornado.httpclient.AsyncHTTPClient()
        response = await client.fetch(upstream, raise_error=False, request_timeout=60)
        self.set_status(response.code)
        for name in self.FORWARDED_HEADERS:
            if name in response.headers:
                self.set_header(name, response.headers[name])
        if response.code != 204:
            self.write(response.body or b"")
        self.finish()
