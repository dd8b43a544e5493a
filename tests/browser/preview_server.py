"""The real preview server (platxa_preview.server) on its own thread and event loop, for tests
and benchmarks that drive it from a browser."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from platxa_preview.server import PreviewServer, ServerConfig
from platxa_preview.server.app import bind_first_free_port


class ThreadedPreviewServer:
    def __init__(self, config: ServerConfig):
        self.config = config
        self._started = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)

    async def _serve(self) -> None:
        self.server = PreviewServer(self.config)
        sockets, self.port = bind_first_free_port("127.0.0.1", self.config.port)
        self.server.start(sockets)
        self.loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        self._started.set()
        await self._stopped.wait()
        await self.server.stop()

    def start(self) -> ThreadedPreviewServer:
        self._thread.start()
        if not self._started.wait(30):
            raise RuntimeError("the preview server did not start")
        return self

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(15)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, function: Callable[..., Any], *args: Any, timeout: float = 30) -> Any:
        """Run `function(server, *args)` on the server's loop (awaiting it if async)."""

        async def run() -> Any:
            result = function(self.server, *args)
            return await result if asyncio.iscoroutine(result) else result

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)
