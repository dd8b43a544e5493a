"""The preview server: configuration, routes, the default session and the file watcher."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import hmac
import json
import logging
import re
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import tornado.web
from tornado.netutil import bind_sockets

from ..preview import Preview
from ..scss import builtin_css, theme_tokens
from ..scss.bootstrap import font_awesome_folder
from ..site import HOMEPAGE, ThemeSite
from . import handlers
from .sessions import DEFAULT_SESSION, DEFAULT_TTL_SECONDS, SessionStore, Stats

log = logging.getLogger("platxa_preview.server")
MAX_PORT_TRIES = 100
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class ServerConfig:
    addons_path: str | None = None
    theme: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = None  # required from every client when set
    session_ttl: float = DEFAULT_TTL_SECONDS
    max_body_bytes: int = 1024 * 1024
    debug: bool = False
    watch: bool = True
    watch_debounce_ms: int = 50
    bootstrap_scss: str | None = None  # Bootstrap's SCSS folder, when Odoo's tree lacks it
    compile_scss: bool = True  # compile the theme's SCSS (else only the instant layers)

    @property
    def local(self) -> bool:
        return self.host in LOCAL_HOSTS


class PreviewServer:
    """Sessions, the Tornado application and the helpers its handlers use."""

    def __init__(self, config: ServerConfig | None = None):
        self.config = config or ServerConfig()
        if not self.config.local and not self.config.token:
            self.config.token = secrets.token_urlsafe(18)
        self.stats = Stats()
        self.sites = SiteCache(self.config.addons_path)
        self._builtin: dict[str, str] = {}
        self.static_urls = StaticUrls(self.module_folder)
        self.store = SessionStore(self.make_preview, ttl=self.config.session_ttl)
        self.hashed_assets: dict[str, tuple[str, str]] = {}
        self._compiles: dict[str, dict] = {}  # session id -> compile state
        self.css_url: dict[str, str] = {}  # session id -> its compiled CSS at a hashed URL
        self.ready = False
        self.default = self.store.create(session_id=DEFAULT_SESSION, expires=False)
        self.ready = True
        self.app = self.make_app()
        self._tasks: list[asyncio.Task] = []

    # -- sessions ---------------------------------------------------------------------------

    def make_preview(self, theme=None, tokens=None, pages=None) -> Preview:
        theme = theme or self.config.theme
        preview = Preview(
            lambda: self.sites.get(theme),
            tokens=tokens,
            pages=pages,
            rewrite_urls=self.static_urls.rewrite,
        )
        # Until the theme's SCSS is compiled, Bootstrap with the palette's custom properties
        # (the built-in layer, milliseconds to build) keeps the page styled.
        preview.theme_css = self._builtin_css(preview.tokens or _theme_tokens(preview))
        return preview

    def _builtin_css(self, tokens) -> str:
        """The built-in layer, shared by sessions with the same tokens (it embeds Bootstrap)."""
        key = json.dumps(tokens.to_dict(), sort_keys=True)
        css = self._builtin.get(key)
        if css is None:
            if len(self._builtin) >= 64:
                self._builtin.pop(next(iter(self._builtin)))
            css = self._builtin[key] = builtin_css(tokens)
        return css

    def resolve_page(self, preview: Preview, page: str) -> str | None:
        """A page of the URL: a page id of the session, else a website page by its path."""
        if page in preview.page_ids():
            return page
        path = "/" + page.lstrip("/")
        if path == "/":
            return HOMEPAGE
        return path if preview.site.site.page(path) is not None else None

    def module_folder(self, name: str) -> Path | None:
        for session in self.store.sessions.values():
            module = session.preview.site.site.module(name)
            if module is not None:
                return Path(module.path)
        return None

    def after_token_change(self, session) -> None:
        """The exact CSS follows the instant one: compile the theme's SCSS with the tokens."""
        self.schedule_compile(session)

    def schedule_compile(self, session) -> None:
        """Compile in the background; changes during a compile start one more when it ends,
        so the last state always gets compiled and no compile is wasted on a stale one."""
        if not self.config.compile_scss:
            return
        state = self._compiles.setdefault(session.id, {"running": False, "again": False})
        if state["running"]:
            state["again"] = True
            return
        state["running"] = True
        self._tasks.append(asyncio.ensure_future(self._compile(session, state)))

    async def _compile(self, session, state: dict) -> None:
        from ..scss import ScssError, theme_css_async

        try:
            while True:
                state["again"] = False
                preview = session.preview
                started = time.perf_counter()
                try:
                    result = await theme_css_async(
                        preview.site,
                        tokens=preview.tokens,
                        bootstrap_scss=self.config.bootstrap_scss,
                    )
                except ScssError as error:
                    session.broadcast(preview.report_error(error), self.stats, started)
                else:
                    digest = hashlib.sha256(result.css.encode()).hexdigest()[:32]
                    self.hashed_assets[digest] = ("css", result.css)
                    self.css_url[session.id] = f"/assets/{digest}.css"
                    messages = preview.update_theme_css(result.css) + preview.clear_errors()
                    session.broadcast(messages, self.stats, started)
                if not state["again"]:
                    break
        finally:
            state["running"] = False

    # -- URLs and access ----------------------------------------------------------------------

    def _query_token(self) -> str:
        return f"?token={self.config.token}" if self.config.token else ""

    def preview_url(self, handler, session, page_id: str = HOMEPAGE) -> str:
        return (
            f"{handler.request.protocol}://{handler.request.host}/preview/{session.id}/"
            f"{page_id.lstrip('/')}"
        )

    def ws_url(self, handler, session) -> str:
        scheme = "wss" if handler.request.protocol == "https" else "ws"
        return f"{scheme}://{handler.request.host}/ws/{session.id}"

    def session_links(self, handler, session) -> dict:
        return {
            "id": session.id,
            "preview_url": self.preview_url(handler, session),
            "ws_url": self.ws_url(handler, session),
        }

    def authorized(self, handler) -> bool:
        """With an access token configured, every request must carry it (query, header or
        the cookie set when a browser first came with it)."""
        expected = self.config.token
        if not expected:
            return True
        given = (
            handler.get_query_argument("token", None)
            or (handler.request.headers.get("Authorization") or "").removeprefix("Bearer ")
            or handler.get_cookie(handlers.TOKEN_COOKIE)
        )
        if given and hmac.compare_digest(given, expected):
            if handler.get_cookie(handlers.TOKEN_COOKIE) != expected:
                handler.set_cookie(
                    handlers.TOKEN_COOKIE, expected, httponly=True, samesite="Strict"
                )
            return True
        return False

    def origin_allowed(self, origin: str, request) -> bool:
        """WebSockets only from pages this server served (same host)."""
        return urlparse(origin).netloc == request.host

    # -- application ----------------------------------------------------------------------------

    def make_app(self) -> tornado.web.Application:
        common = {"server": self}
        return tornado.web.Application(
            [
                (r"/", EditorHandler, common),
                (r"/health", handlers.HealthHandler, common),
                (r"/ready", handlers.ReadyHandler, common),
                (r"/api/openapi\.json", handlers.OpenApiHandler, common),
                (r"/api/stats", handlers.StatsHandler, common),
                (r"/api/sessions", handlers.SessionsHandler, common),
                (r"/api/sessions/([^/]+)", handlers.SessionHandler, common),
                (r"/api/sessions/([^/]+)/tokens", handlers.TokensHandler, common),
                (r"/api/sessions/([^/]+)/pages", handlers.PagesHandler, common),
                (r"/preview/([^/]+)/?(.*)", handlers.PreviewHandler, common),
                (r"/ws/([^/]+)", handlers.LiveSocket, common),
                (r"/assets/([0-9a-f]{16,64})\.(css)", handlers.HashedAssetHandler, common),
                (r"/assets/static/(.+)", handlers.HashedStaticHandler, common),
                (
                    r"/_platxa/lib/fontawesome/(.*)",
                    handlers.LibraryFileHandler,
                    {"path": str(font_awesome_folder() or handlers.widget_dir())},
                ),
                (
                    r"/_platxa/(.*)",
                    handlers.WidgetFileHandler,
                    {"path": str(handlers.widget_dir())},
                ),
                (r"/([a-z0-9_]+)/static/(.+)", handlers.ModuleStaticHandler, common),
            ],
            websocket_max_message_size=2 * 1024 * 1024,
            max_body_size=8 * 1024 * 1024,
        )

    # -- running ----------------------------------------------------------------------------

    def start(self, sockets: list[socket.socket]) -> None:
        """Serve on bound sockets; start the expiry and file-watching tasks."""
        from tornado.httpserver import HTTPServer

        self.http = HTTPServer(self.app)
        self.http.add_sockets(sockets)
        self._tasks.append(asyncio.ensure_future(self._expire_sessions()))
        self.schedule_compile(self.default)
        if self.config.watch:
            from .watch import watch_modules

            self._tasks.append(asyncio.ensure_future(watch_modules(self)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        self.http.stop()
        await self.http.close_all_connections()

    async def _expire_sessions(self) -> None:
        while True:
            await asyncio.sleep(min(60, self.config.session_ttl / 2))
            for session_id in self.store.expire():
                log.info("session %s expired", session_id)


class StaticUrls:
    """Module static files at content-hashed URLs (`/assets/static/<sha>/<module>/static/..`),
    so browsers cache them for a year and still see every change."""

    PATTERN = re.compile(r"""(?<=["'(])/([a-z0-9_]+)/static/([^"')?#\s]+)""")

    def __init__(self, module_folder: Callable[[str], Path | None]):
        self.module_folder = module_folder
        self.digests: dict[tuple[Path, int, int], str] = {}
        self.files: dict[str, Path] = {}  # "<sha>/<module>/static/<path>" -> file

    def rewrite(self, html: str) -> str:
        return self.PATTERN.sub(self._hashed, html)

    def _hashed(self, match: re.Match) -> str:
        module, relative = match.group(1), match.group(2)
        folder = self.module_folder(module)
        if folder is None:
            return match.group(0)
        path = (folder / "static" / relative).resolve()
        if (folder / "static").resolve() not in path.parents or not path.is_file():
            return match.group(0)
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        digest = self.digests.get(key)
        if digest is None:
            digest = self.digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        name = f"{digest}/{module}/static/{relative}"
        self.files[name] = path
        return f"/assets/static/{name}"


class SiteCache:
    """One loaded theme site per theme, shared by every session previewing it (sessions differ
    only by tokens and page configs, so a thousand sessions do not load a theme a thousand
    times); a file change reloads each affected theme once."""

    def __init__(self, addons_path: str | None):
        self.addons_path = addons_path
        self.sites: dict[str | None, ThemeSite] = {}

    def get(self, theme: str | None) -> ThemeSite:
        site = self.sites.get(theme)
        if site is None:
            site = self.sites[theme] = ThemeSite.load(self.addons_path, theme)
        return site

    def reload(self, theme: str | None) -> ThemeSite:
        site = ThemeSite.load(self.addons_path, theme)
        self.sites[theme] = site
        return site


def _theme_tokens(preview: Preview):
    """The theme's own palette and fonts as tokens (the demo palette when it has none)."""
    try:
        return theme_tokens(preview.site)
    except (KeyError, ValueError):
        from ..demo import DEMO_ADDONS, DEMO_THEME
        from ..tokens import theme_design

        return theme_design(DEMO_ADDONS / DEMO_THEME).palette_tokens()


class EditorHandler(handlers.BaseHandler):
    """The editor page: token controls beside the preview in an iframe."""

    def get(self) -> None:
        from .editor import editor_page

        nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", handlers.content_security_policy(nonce))
        self.finish(editor_page(self.server, self, nonce))


def bind_first_free_port(host: str, port: int) -> tuple[list[socket.socket], int]:
    """Bind `port`, or the next free one (up to MAX_PORT_TRIES): the sockets and the port."""
    for candidate in range(port, port + MAX_PORT_TRIES):
        try:
            sockets = bind_sockets(candidate, address=host)
            return sockets, sockets[0].getsockname()[1]  # the real port when asked for 0
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise OSError(f"no free port between {port} and {port + MAX_PORT_TRIES - 1} on {host}")
