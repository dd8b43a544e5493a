"""Push HTML from any Python program and see it live in every open browser tab.

    from platxa_preview.live import LivePreviewServer

    with LivePreviewServer("<h1>Hello</h1>", title="My report") as server:
        print("open", server.url)
        ...
        server.update("<h1>Hello again</h1>")  # from any thread, e.g. a Tk callback

`LivePreviewServer` runs Tornado on a thread of its own (with its own event loop), so the
program using it needs no asyncio. It binds 127.0.0.1 on a free port by default. What it serves:

| path | what |
|---|---|
| `/` | the page: the pushed HTML as the `<body>`'s content, plus `_platxa/push.js` (CSP nonce) |
| `/ws` | WebSocket of the page's live client: `hello` in, `dom_update` and `status` out |
| `/poll?version=N&epoch=E&wait=S` | the fallback when WebSockets are blocked: the `dom_update` |
|  | as JSON (200) once the page is behind, else 204 after waiting up to `S` seconds |
| `/livereload` | the LiveReload protocol 7 (livereload.js, LiveReload browser extensions) |
| `/_platxa/…` | the front-end modules (`widget/`) |

Messages are those of `platxa_preview.protocol` (see docs/protocol.md). One difference: the
morph target of a `dom_update` is the page's `<body>`, not `#wrapwrap`: its `page_id` is
`LIVE_PAGE_ID` ("body") and its `html` is the body's content, exactly what was pushed. Every
update increments `version`; `epoch` names this server instance. A tab that connects or polls
with an older version (or another epoch) gets the current body at once, so nothing is missed
and nothing loops. Bursts of updates are coalesced: a tab gets the latest HTML, once.
"""

from __future__ import annotations

import asyncio
import html as html_escaping
import ipaddress
import json
import logging
import secrets
import threading
import webbrowser
from contextlib import suppress
from types import TracebackType
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.ioloop
import tornado.locks
import tornado.web
import tornado.websocket
from tornado.netutil import bind_sockets

from . import protocol
from .server.handlers import WidgetFileHandler, content_security_policy, widget_dir

log = logging.getLogger("platxa_preview.live")

LIVE_PAGE_ID = "body"  # the page_id of this server's dom_update messages: the <body> is morphed
DEFAULT_TITLE = "Live preview"
POLL_WAIT_SECONDS = 25.0  # long-poll hold: under the usual 30-60 s proxy idle timeouts
LIVERELOAD_PROTOCOL_7 = "http://livereload.com/protocols/official-7"
LIVERELOAD_SERVER_NAME = "platxa-preview"
LIVERELOAD_PATH = "/"  # the `path` of LiveReload reload commands: the page (not CSS: full reload)
SHUTDOWN_SECONDS = 5.0
LOOPBACK_NAMES = ("localhost",)


class LivePreviewServer:
    """A page whose body is whatever the program last pushed, live in every open tab."""

    def __init__(
        self,
        html: str = "",
        title: str | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        poll_wait: float = POLL_WAIT_SECONDS,
    ) -> None:
        """`html` is the body's content; `port` 0 picks a free port; `poll_wait` is the longest
        a `/poll` request is held open (seconds)."""
        self.title = title or DEFAULT_TITLE
        self.host = host
        self.poll_wait = poll_wait
        self.epoch = secrets.token_hex(6)
        self._html = _as_text(html)
        self._version = 0
        self._lock = threading.Lock()  # html and version: written by any thread
        self._requested_port = port
        self._port: int | None = None
        self._thread: threading.Thread | None = None
        self._io_loop: tornado.ioloop.IOLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._broadcast_pending = False
        self._startup_error: BaseException | None = None
        # Used on the server thread only:
        self.tabs: set[PushSocket] = set()
        self.livereload_clients: set[LiveReloadSocket] = set()
        self._changed: tornado.locks.Condition | None = None

    # -- the state any thread may read or change -----------------------------------------------

    @property
    def html(self) -> str:
        with self._lock:
            return self._html

    @property
    def version(self) -> int:
        with self._lock:
            return self._version

    def snapshot(self) -> tuple[str, int]:
        """The current body HTML and its version, read together."""
        with self._lock:
            return self._html, self._version

    def behind(self, version: int, epoch: str | None) -> bool:
        """Whether a page showing `version` of server `epoch` must be brought up to date."""
        return epoch != self.epoch or version < self.version

    def update(self, html: str) -> int:
        """Replace the body's content and push it to every open tab; returns the new version.

        Thread-safe and non-blocking: callable from any thread (a GUI callback, a worker) before,
        during or after `start()`; the sending happens on the server's own thread."""
        text = _as_text(html)
        with self._lock:
            self._html = text
            self._version += 1
            version = self._version
            loop = None if self._broadcast_pending else self._io_loop
            if loop is not None:
                self._broadcast_pending = True
        if loop is not None:  # one broadcast per burst of updates: it sends the latest
            loop.add_callback(self._broadcast)
        return version

    # -- running ---------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the live preview server is not started (call start())")
        return self._port

    @property
    def url(self) -> str:
        """The page's address, e.g. http://127.0.0.1:50123/."""
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    @property
    def viewers(self) -> int:
        """Open tabs connected by WebSocket."""
        return len(self.tabs)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 10.0) -> LivePreviewServer:
        """Bind and serve on a new thread; returns once the server is listening."""
        if self._thread is not None:
            raise RuntimeError("the live preview server is already started")
        if not _is_loopback(self.host):
            log.warning(
                "live preview server bound to %s: anyone who can reach it sees what is pushed",
                self.host,
            )
        sockets = bind_sockets(self._requested_port, address=self.host or None)  # errors raise here
        self._port = sockets[0].getsockname()[1]
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(sockets, ready), name=f"platxa-live-{self._port}", daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout) or self._startup_error is not None:
            error = self._startup_error
            self.stop()
            raise RuntimeError(f"the live preview server did not start: {error}") from error
        log.info("live preview at %s", self.url)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Close every connection, stop serving and join the server thread (idempotent)."""
        thread, loop, stopping = self._thread, self._io_loop, self._stopping
        if thread is None:
            return
        if thread is threading.current_thread():
            raise RuntimeError("stop() cannot be called from the server's own thread")
        if loop is not None and stopping is not None:
            loop.add_callback(stopping.set)
        thread.join(timeout)
        if thread.is_alive():
            raise RuntimeError(f"the live preview server thread did not stop in {timeout} s")
        self._thread = None
        self._port = None

    def open_browser(self) -> bool:
        """Open the page in the user's web browser."""
        return webbrowser.open(self.url)

    def __enter__(self) -> LivePreviewServer:
        return self if self._thread is not None else self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "not started"
        return f"<LivePreviewServer {where} version={self.version}>"

    def _run(self, sockets: list, ready: threading.Event) -> None:
        try:
            asyncio.run(self._serve(sockets, ready))
        except BaseException as error:
            if ready.is_set():
                log.exception("the live preview server stopped on an error")
            self._startup_error = error  # reported by start(), if it is still waiting
            for sock in sockets:
                sock.close()
            ready.set()
        finally:
            with self._lock:
                self._io_loop = None
                self._broadcast_pending = False

    async def _serve(self, sockets: list, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        self._changed = tornado.locks.Condition()
        http = tornado.httpserver.HTTPServer(self.make_app())
        http.add_sockets(sockets)
        with self._lock:
            self._io_loop = tornado.ioloop.IOLoop.current()
        ready.set()
        await self._stopping.wait()
        with self._lock:
            self._io_loop = None  # update() from now on only changes the state
        http.stop()
        for client in [*self.tabs, *self.livereload_clients]:
            client.close(1001, "server stopping")
        self._changed.notify_all()  # long polls answer at once (204)
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(http.close_all_connections(), SHUTDOWN_SECONDS)

    def make_app(self) -> tornado.web.Application:
        common = {"live": self}
        return tornado.web.Application(
            [
                (r"/", PageHandler, common),
                (r"/ws", PushSocket, common),
                (r"/poll", PollHandler, common),
                (r"/livereload", LiveReloadSocket, common),
                (r"/_platxa/(.*)", WidgetFileHandler, {"path": str(widget_dir())}),
            ],
            websocket_max_message_size=protocol.MAX_MESSAGE_BYTES,
            log_function=_log_request,
        )

    # -- on the server thread ---------------------------------------------------------------------

    def _broadcast(self) -> None:
        with self._lock:
            self._broadcast_pending = False
        html, version = self.snapshot()
        message = protocol.dom_update_message(LIVE_PAGE_ID, html, version=version, epoch=self.epoch)
        for tab in list(self.tabs):
            if tab.version is not None and tab.version < version:
                tab.send(message, version)
        if self._changed is not None:
            self._changed.notify_all()
        for client in list(self.livereload_clients):
            client.reload()

    async def wait_until_behind(self, version: int, epoch: str | None, wait: float) -> bool:
        """Wait up to `wait` seconds until a page showing `version` of `epoch` is behind;
        whether it is (False: timed out, or the server is stopping)."""
        deadline = tornado.ioloop.IOLoop.current().time() + wait
        while not self.behind(version, epoch):
            if self._changed is None or self._io_loop is None:
                return False
            if not await self._changed.wait(timeout=deadline):
                return self.behind(version, epoch)
        return True

    def status(self) -> dict:
        return protocol.status_message(
            version=self.version, epoch=self.epoch, viewers=len(self.tabs), theme=None, errors=[]
        )

    def allowed_host(self, request) -> bool:
        """Bound to loopback, only requests addressed to a loopback name are served: a page on
        another site cannot read the preview through DNS rebinding."""
        if not _is_loopback(self.host):
            return True
        return _is_loopback(urlsplit(f"//{request.host}").hostname or "")

    def document(self, nonce: str) -> str:
        html, version = self.snapshot()
        # The page is what push.js rebuilds on every update: `<body>` + the pushed HTML. The
        # script sits in <head> so the body holds nothing but what the program pushed.
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html_escaping.escape(self.title)}</title>\n"
            f'<script type="module" nonce="{nonce}" src="_platxa/push.js" data-platxa-push '
            f'data-version="{version}" data-epoch="{self.epoch}"></script>\n'
            f"</head>\n<body>{html}</body>\n</html>\n"
        )


class _LiveHandler(tornado.web.RequestHandler):
    def initialize(self, live: LivePreviewServer) -> None:
        self.live = live

    def prepare(self) -> None:
        if not self.live.allowed_host(self.request):
            raise tornado.web.HTTPError(403, reason="unexpected Host header")
        self.set_header("Cache-Control", "no-store")


class PageHandler(_LiveHandler):
    """`/`: the page with its live client, under a CSP that lets only that client run."""

    def get(self) -> None:
        nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", content_security_policy(nonce))
        self.finish(self.live.document(nonce))


class PollHandler(_LiveHandler):
    """`/poll?version=N&epoch=E&wait=S`: the WebSocket-less way to stay up to date.

    Answers the `dom_update` (200, JSON) as soon as the caller is behind (an older version or
    another epoch): at once if it already is, otherwise when an update comes within `wait`
    seconds (default and maximum: the server's `poll_wait`; 0 is a plain short poll). Nothing
    new within that time: 204. Bad arguments: 400."""

    async def get(self) -> None:
        live = self.live
        version = self._number("version", int, 0)
        wait = min(max(self._number("wait", float, live.poll_wait), 0.0), live.poll_wait)
        epoch = self.get_query_argument("epoch", None) or None
        if version < 0:
            raise tornado.web.HTTPError(400, reason="version must be a whole number >= 0")
        if not await live.wait_until_behind(version, epoch, wait):
            self.set_status(204)
            self.finish()
            return
        html, current = live.snapshot()
        message = protocol.dom_update_message(LIVE_PAGE_ID, html, version=current, epoch=live.epoch)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(message, separators=(",", ":")))

    def _number(self, name: str, kind: type, default):
        raw = self.get_query_argument(name, None)
        if raw in (None, ""):
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise tornado.web.HTTPError(400, reason=f"{name} must be a number") from None
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            raise tornado.web.HTTPError(400, reason=f"{name} must be a finite number")
        return value


class PushSocket(tornado.websocket.WebSocketHandler):
    """`/ws`: one open page. It says `hello` with the version it shows; it gets `dom_update`s."""

    def initialize(self, live: LivePreviewServer) -> None:
        self.live = live
        self.version: int | None = None  # what the page shows; None until its hello

    def check_origin(self, origin: str) -> bool:
        return urlsplit(origin).netloc == self.request.host  # pages this server served

    def prepare(self):
        if not self.live.allowed_host(self.request):
            raise tornado.web.HTTPError(403, reason="unexpected Host header")

    def open(self) -> None:
        self.live.tabs.add(self)

    def on_message(self, raw: str | bytes) -> None:
        try:
            message = protocol.parse_client_message(raw)
        except protocol.ProtocolError as error:
            self.send(protocol.error_message(str(error), code="bad-message"))
            return
        if message["type"] != "hello":
            self.send(
                protocol.error_message(
                    f"{message['type']}: this server only pushes what the program sends",
                    code="unsupported",
                )
            )
            return
        html, version = self.live.snapshot()
        if self.live.behind(message["version"], message["epoch"]):
            update = protocol.dom_update_message(
                LIVE_PAGE_ID, html, version=version, epoch=self.live.epoch
            )
            self.send(update, version)
        self.version = version
        self.send(self.live.status())

    def on_close(self) -> None:
        self.live.tabs.discard(self)

    def send(self, message: dict, version: int | None = None) -> None:
        try:
            self.write_message(protocol.encode(message))
        except tornado.websocket.WebSocketClosedError:
            self.live.tabs.discard(self)
            return
        if version is not None:
            self.version = version


class LiveReloadSocket(tornado.websocket.WebSocketHandler):
    """`/livereload`: the LiveReload protocol, version 7.

    The client (livereload.js, or a LiveReload browser extension, which injects it) opens with
    `{"command": "hello", "protocols": [...]}`; listing official-7, it is answered with our
    `hello` (protocols and serverName), then gets `{"command": "reload", "path": "/",
    "liveCSS": true}` on every update; the path is the page, so the client reloads it. The
    client's `info` (its URL and plugins) is accepted and ignored. A client that does not speak
    protocol 7 is closed, as the protocol asks. Any origin may connect: the page using
    livereload.js is usually served by another server, and nothing here reads or changes state.
    """

    def initialize(self, live: LivePreviewServer) -> None:
        self.live = live
        self.handshaken = False

    def check_origin(self, origin: str) -> bool:
        return True

    def prepare(self):
        if not self.live.allowed_host(self.request):
            raise tornado.web.HTTPError(403, reason="unexpected Host header")

    def open(self) -> None:
        self.live.livereload_clients.add(self)

    def on_message(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            message = None
        command = message.get("command") if isinstance(message, dict) else None
        if command == "hello":
            protocols = message.get("protocols")
            if not isinstance(protocols, list) or LIVERELOAD_PROTOCOL_7 not in protocols:
                self.close(1002, "no supported LiveReload protocol (official-7 only)")
                return
            self.handshaken = True
            self.send(
                {
                    "command": "hello",
                    "protocols": [LIVERELOAD_PROTOCOL_7],
                    "serverName": LIVERELOAD_SERVER_NAME,
                }
            )
        elif not self.handshaken:
            self.close(1002, "the LiveReload handshake starts with hello")
        elif command == "info":
            log.debug("livereload client at %s", message.get("url"))

    def on_close(self) -> None:
        self.live.livereload_clients.discard(self)

    def reload(self) -> None:
        if self.handshaken:
            self.send({"command": "reload", "path": LIVERELOAD_PATH, "liveCSS": True})

    def send(self, message: dict) -> None:
        try:
            self.write_message(json.dumps(message, separators=(",", ":")))
        except tornado.websocket.WebSocketClosedError:
            self.live.livereload_clients.discard(self)


def _log_request(handler: tornado.web.RequestHandler) -> None:
    # Quiet by default: a host program (a Tk app) should not see every favicon 404 on stderr.
    status = handler.get_status()
    level = logging.WARNING if status >= 500 else logging.DEBUG
    request = handler.request
    log.log(
        level,
        "%d %s %s %.1f ms",
        status,
        request.method,
        request.uri,
        1000 * request.request_time(),
    )


def _as_text(html: str) -> str:
    if not isinstance(html, str):  # markupsafe.Markup is a str
        raise TypeError(f"html must be a string, not {type(html).__name__}")
    return str(html)


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["LIVE_PAGE_ID", "LivePreviewServer"]
