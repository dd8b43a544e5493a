"""The preview HTTP server (Tornado): thin handlers over a page renderer."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable

import tornado.web

from qweb import QWebError

MAX_PORT_TRIES = 100


class PageHandler(tornado.web.RequestHandler):
    """Serves one rendered page; a template error becomes a readable 500 page."""

    def initialize(self, render_page: Callable[[], str]) -> None:
        self.render_page = render_page

    def get(self) -> None:
        try:
            html = self.render_page()
        except QWebError as error:
            self.set_status(500)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"The page could not be rendered:\n\n{error}\n")
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html)


class HealthHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        self.finish({"status": "ok"})


def make_app(render_page: Callable[[], str]) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (r"/", PageHandler, {"render_page": render_page}),
            (r"/health", HealthHandler),
        ]
    )


def bind_first_free_port(host: str, port: int) -> tuple[list[socket.socket], int]:
    """Bind `port`, or the next free one (up to MAX_PORT_TRIES): returns the sockets and port."""
    from tornado.netutil import bind_sockets

    for candidate in range(port, port + MAX_PORT_TRIES):
        try:
            return bind_sockets(candidate, address=host), candidate
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
    raise OSError(f"no free port between {port} and {port + MAX_PORT_TRIES - 1} on {host}")
