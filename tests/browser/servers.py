"""Servers for browser tests, each on its own thread and event loop.

While Playwright's sync API has a browser open, it leaves its event loop marked as running in the
main thread between calls, so no server can run an asyncio loop there; it runs beside the test.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Callable
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web


class ThreadedTornado:
    """A Tornado application served on 127.0.0.1 from its own thread and event loop.

    `make_application` is called on that loop. The test thread reaches the server's objects
    with `call`, which runs a function (or coroutine function) there and returns its result.
    """

    def __init__(self, make_application: Callable[[], tornado.web.Application]) -> None:
        self._make_application = make_application
        self._started = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)
        self.port = 0

    async def _serve(self) -> None:
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        server = tornado.httpserver.HTTPServer(self._make_application())
        server.add_sockets(sockets)
        self.loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        self._started.set()
        await self._stopped.wait()
        server.stop()
        await server.close_all_connections()

    def start(self) -> ThreadedTornado:
        self._thread.start()
        if not self._started.wait(10):
            raise RuntimeError("the test server did not start")
        return self

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(10)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, function: Callable[..., Any], *args: Any, timeout: float = 10) -> Any:
        async def run() -> Any:
            result = function(*args)
            return await result if inspect.isawaitable(result) else result

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)
