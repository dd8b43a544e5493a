"""Tornado handlers: each translates HTTP or WebSocket traffic into calls on a Session/Preview."""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tornado.web
import tornado.websocket

import qweb

from .. import protocol
from ..preview import UpdateError
from ..scss.bootstrap import font_awesome_folder
from ..tokens import TokenError, report_as_json, resolve

if TYPE_CHECKING:
    from .app import PreviewServer

log = logging.getLogger("platxa_preview.server")
WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"
TOKEN_COOKIE = "platxa_token"


def widget_dir() -> Path:
    """The front-end modules: the source folder, or the copy inside an installed wheel."""
    installed = Path(__file__).resolve().parents[1] / "_widget"
    return installed if installed.is_dir() else WIDGET_DIR


class BaseHandler(tornado.web.RequestHandler):
    """Shared behaviour: the access token, body limits and JSON errors."""

    def initialize(self, server: PreviewServer) -> None:
        self.server = server

    def prepare(self) -> None:
        if not self.server.authorized(self):
            raise tornado.web.HTTPError(401, reason="missing or wrong access token")
        length = self.request.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.server.config.max_body_bytes:
            raise tornado.web.HTTPError(413, reason="request body too large")
        if len(self.request.body or b"") > self.server.config.max_body_bytes:
            raise tornado.web.HTTPError(413, reason="request body too large")

    def json_body(self) -> dict:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise tornado.web.HTTPError(400, reason=f"body is not valid JSON: {error}") from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(400, reason="body must be a JSON object")
        return body

    def send_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data))

    def session_or_404(self, session_id: str):
        session = self.server.store.get(session_id)
        if session is None:
            raise tornado.web.HTTPError(404, reason=f"no session {session_id!r}")
        session.touch()
        return session

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, tornado.web.HTTPError) and error.reason:
            reason = error.reason
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": reason, "status": status_code}))


class SessionsHandler(BaseHandler):
    def post(self) -> None:
        body = self.json_body()
        theme = body.get("theme")
        if theme is not None and not isinstance(theme, str):
            raise tornado.web.HTTPError(400, reason="'theme' must be a string")
        pages = body.get("pages") or {}
        if not isinstance(pages, dict):
            raise tornado.web.HTTPError(400, reason="'pages' must be an object of page configs")
        try:
            session = self.server.store.create(theme=theme, tokens=body.get("tokens"), pages=pages)
        except (UpdateError, TokenError, qweb.QWebError) as error:
            raise tornado.web.HTTPError(400, reason=_message(error)) from None
        self.server.schedule_compile(session)
        self.send_json(self.server.session_links(self, session), 201)


class SessionHandler(BaseHandler):
    def get(self, session_id: str) -> None:
        session = self.session_or_404(session_id)
        links = self.server.session_links(self, session)
        css_url = self.server.css_url.get(session.id)
        self.send_json({**session.describe(), **links, "css_url": css_url})

    def delete(self, session_id: str) -> None:
        if self.server.store.delete(session_id) is None:
            raise tornado.web.HTTPError(404, reason=f"no session {session_id!r}")
        self.set_status(204)
        self.finish()


class TokensHandler(BaseHandler):
    def put(self, session_id: str) -> None:
        session = self.session_or_404(session_id)
        started = time.perf_counter()
        try:
            messages = session.preview.update_tokens(self.json_body())
        except UpdateError as error:
            raise tornado.web.HTTPError(400, reason=error.message) from None
        session.broadcast(messages, self.server.stats, started)
        self.server.after_token_change(session)
        self.send_json(
            {
                "version": session.preview.version,
                "contrast": contrast_problems(session.preview.tokens),
            }
        )


class PagesHandler(BaseHandler):
    def post(self, session_id: str) -> None:
        session = self.session_or_404(session_id)
        body = self.json_body()
        page_id, content = body.get("page_id"), body.get("content")
        if not isinstance(page_id, str) or not isinstance(content, dict):
            raise tornado.web.HTTPError(400, reason="expected {page_id: str, content: object}")
        started = time.perf_counter()
        try:
            messages = session.preview.update_page(page_id, content)
        except UpdateError as error:
            raise tornado.web.HTTPError(400, reason=error.message) from None
        session.broadcast(messages, self.server.stats, started)
        url = self.server.preview_url(self, session, page_id)
        self.send_json({"page_id": page_id, "version": session.preview.version, "preview_url": url})


class PreviewHandler(BaseHandler):
    """A rendered page with the live client (and a CSP that lets only that script run)."""

    def get(self, session_id: str, page: str) -> None:
        session = self.session_or_404(session_id)
        preview = session.preview
        page_id = self.server.resolve_page(preview, page or "homepage")
        if page_id is None:
            raise tornado.web.HTTPError(404, reason=f"no page {page!r} in session {session_id!r}")
        try:
            document = preview.document(page_id)
        except (qweb.QWebError, UpdateError) as error:
            raise tornado.web.HTTPError(500, reason=_message(error)) from None
        nonce = secrets.token_urlsafe(16)
        script = (
            f'<script type="module" nonce="{nonce}" src="/_platxa/live.js" '
            f'data-ws-url="{self.server.ws_url(self, session)}" data-page-id="{page_id}" '
            f'data-version="{preview.version}" data-epoch="{preview.epoch}"></script>'
        )
        if font_awesome_folder() is not None:  # Odoo's templates use `fa fa-*` icons
            head = document.find("<head>")
            if head >= 0:
                document = document[: head + 6] + ICON_LINKS + document[head + 6 :]
        position = document.rfind("</body>")
        document = (
            (document[:position] + script + document[position:])
            if position >= 0
            else (document + script)
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", content_security_policy(nonce))
        self.finish(document)


def content_security_policy(nonce: str) -> str:
    """Only the live client runs; the theme's own inline scripts do not (a preview has no
    Odoo JavaScript to serve them); styles, images and fonts of the page load as usual."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'nonce-{nonce}' 'strict-dynamic'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "frame-ancestors 'self'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


class LiveSocket(tornado.websocket.WebSocketHandler):
    """`/ws/{session}`: one open preview page."""

    def initialize(self, server: PreviewServer) -> None:
        self.server = server
        self.session = None
        self.page_id: str | None = None

    def check_origin(self, origin: str) -> bool:
        return self.server.origin_allowed(origin, self.request)

    def prepare(self):
        if not self.server.authorized(self):
            raise tornado.web.HTTPError(401, reason="missing or wrong access token")

    def open(self, session_id: str) -> None:
        self.session = self.server.store.get(session_id)
        if self.session is None:
            self.send(protocol.error_message(f"no session {session_id!r}", code="unknown-session"))
            self.close(4404, "unknown session")
            return
        self.session.viewers.add(self)
        self.session.touch()

    def on_message(self, raw: str | bytes) -> None:
        if self.session is None:
            return
        if self.server.config.debug:
            log.info("ws %s <- %s", self.session.id, raw[:500])
        self.server.stats.messages_received += 1
        started = time.perf_counter()
        try:
            message = protocol.parse_client_message(raw)
        except protocol.ProtocolError as error:
            self.send(protocol.error_message(str(error), code="bad-message"))
            return
        self.session.touch()
        preview = self.session.preview
        kind = message["type"]
        if kind == "hello":
            self.page_id = message["page_id"]
            behind = message["epoch"] != preview.epoch or message["version"] < preview.version
            for reply in (
                preview.snapshot(self.page_id)
                if behind
                else [preview.status(viewers=len(self.session.viewers))]
            ):
                self.send(reply)
            return
        try:
            if kind == "token_update":
                messages = preview.update_tokens(message["tokens"])
            elif kind == "page_update":
                messages = preview.update_page(message["page_id"], message["content"])
            else:
                messages = preview.update_section(
                    message["page_id"], message["section_id"], message["content"]
                )
        except UpdateError as error:
            self.send(protocol.error_message(error.message, code=error.code or "bad-update"))
            return
        self.session.broadcast(messages, self.server.stats, started)
        if kind == "token_update":
            self.server.after_token_change(self.session)

    def on_close(self) -> None:
        if self.session is not None:
            self.session.viewers.discard(self)

    def send(self, message: dict) -> None:
        if self.server.config.debug:
            log.info("ws -> %s", json.dumps(message)[:500])
        try:
            self.write_message(json.dumps(message, separators=(",", ":")))
        except tornado.websocket.WebSocketClosedError:
            if self.session is not None:
                self.session.viewers.discard(self)


class HealthHandler(BaseHandler):
    def prepare(self) -> None:  # liveness needs no token
        pass

    def get(self) -> None:
        self.send_json({"status": "ok"})


class ReadyHandler(HealthHandler):
    def get(self) -> None:
        ready = self.server.ready
        self.send_json({"ready": ready, "sessions": len(self.server.store)}, 200 if ready else 503)


class StatsHandler(BaseHandler):
    def get(self) -> None:
        stats = self.server.stats
        self.send_json(
            {
                "sessions": len(self.server.store),
                "viewers": sum(len(s.viewers) for s in self.server.store.sessions.values()),
                "updates_sent": stats.updates_sent,
                "messages_received": stats.messages_received,
                "update_latency_ms": stats.percentiles(),
            }
        )


class OpenApiHandler(BaseHandler):
    def get(self) -> None:
        from .openapi import OPENAPI

        self.send_json(OPENAPI)


class WidgetFileHandler(tornado.web.StaticFileHandler):
    """The front-end modules at /_platxa/ (revalidated: they change during development)."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")


class LibraryFileHandler(tornado.web.StaticFileHandler):
    """Front-end libraries from installed packages (never a CDN), versioned with them."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "public, max-age=86400")


ICON_LINKS = (
    '<link rel="stylesheet" href="/_platxa/lib/fontawesome/css/all.min.css">'
    '<link rel="stylesheet" href="/_platxa/lib/fontawesome/css/v4-shims.min.css">'
)


class ModuleStaticHandler(BaseHandler):
    """`/<module>/static/<path>`: files of the modules on the addons path (theme images...)."""

    def get(self, module: str, path: str) -> None:
        folder = self.server.module_folder(module)
        if folder is None:
            raise tornado.web.HTTPError(404)
        root = (folder / "static").resolve()
        target = (root / path).resolve()
        if root not in target.parents or not target.is_file():
            raise tornado.web.HTTPError(404)
        data = target.read_bytes()
        etag = hashlib.sha256(data).hexdigest()[:20]
        self.set_header(
            "Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        self.set_header("ETag", f'"{etag}"')
        self.set_header("Cache-Control", "no-cache")
        if self.request.headers.get("If-None-Match") == f'"{etag}"':
            self.set_status(304)
            self.finish()
            return
        self.finish(data)


class HashedAssetHandler(BaseHandler):
    """`/assets/<sha>.<ext>`: compiled CSS by content hash, cached for a year."""

    def get(self, digest: str, extension: str) -> None:
        asset = self.server.hashed_assets.get(digest)
        if asset is None or asset[0] != extension:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.finish(asset[1])


class HashedStaticHandler(BaseHandler):
    """A module static file at its content-hashed URL: cached for a year."""

    def get(self, name: str) -> None:
        path = self.server.static_urls.files.get(name)
        if path is None or not path.is_file():
            raise tornado.web.HTTPError(404)
        self.set_header(
            "Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.finish(path.read_bytes())


def contrast_problems(tokens) -> list[dict]:
    """The colour pairs of the token set that fail WCAG AA (what the editor warns about)."""
    if tokens is None:
        return []
    report = report_as_json(resolve(tokens))
    return [entry for entry in report["contrast"] if not entry["passes"]]


def _message(error: Exception) -> str:
    return getattr(error, "message", None) or str(error).splitlines()[0]
