"""The server compiles a real theme's SCSS in the background and reports SCSS errors live."""

from __future__ import annotations

import json
import shutil

from tornado.httpclient import HTTPRequest
from tornado.testing import AsyncHTTPTestCase, gen_test
from tornado.websocket import websocket_connect

from platxa_preview.scss import fetch_bootstrap_scss
from platxa_preview.server import PreviewServer, ServerConfig
from platxa_preview.server.watch import apply_changes
from tests.conftest import corpus_path
from tests.scss.conftest import CACHE


class ThemeScssTest(AsyncHTTPTestCase):
    def get_app(self):
        import tempfile
        from pathlib import Path

        self.themes = Path(tempfile.mkdtemp())
        source = corpus_path("design-themes", "theme_clean")
        shutil.copytree(source, self.themes / "theme_clean")
        addons = f"{corpus_path('odoo', 'addons')},{self.themes}"
        self.server = PreviewServer(
            ServerConfig(
                addons_path=addons,
                theme="theme_clean",
                watch=False,
                bootstrap_scss=str(fetch_bootstrap_scss(CACHE)),
            )
        )
        return self.server.app

    def tearDown(self):
        super().tearDown()
        shutil.rmtree(self.themes, ignore_errors=True)

    async def viewer(self):
        preview = self.server.default.preview
        preview.document("homepage")
        socket = await websocket_connect(
            HTTPRequest(
                f"ws://127.0.0.1:{self.get_http_port()}/ws/default",
                headers={"Origin": f"http://127.0.0.1:{self.get_http_port()}"},
            )
        )
        await socket.write_message(
            json.dumps(
                {
                    "type": "hello",
                    "version": preview.version,
                    "epoch": preview.epoch,
                    "page_id": "homepage",
                }
            )
        )
        return socket

    async def next_of(self, socket, kinds):
        while True:
            message = json.loads(await socket.read_message())
            if message["type"] in kinds:
                return message

    @gen_test(timeout=60)
    async def test_compiled_css_follows_and_scss_errors_show_file_and_line(self):
        socket = await self.viewer()
        self.server.schedule_compile(self.server.default)
        update = await self.next_of(socket, {"css_update", "error"})
        assert update["type"] == "css_update" and update["layer"] == "theme", update
        assert "--o-color-1" in update["css"] and len(update["css"]) > 100_000
        status = json.loads(
            (await self.http_client.fetch(self.get_url("/api/sessions/default"))).body
        )
        css = await self.http_client.fetch(self.get_url(status["css_url"]))
        assert css.body.decode() == update["css"]
        assert "immutable" in css.headers["Cache-Control"]

        variables = (
            self.themes / "theme_clean" / "static" / "src" / "scss" / "primary_variables.scss"
        )
        good = variables.read_text()
        variables.write_text(good + "\n$broken: (;\n")
        apply_changes(self.server, {variables})
        error = await self.next_of(socket, {"error"})
        assert error["file"].endswith("primary_variables.scss")
        assert error["line"] == good.count("\n") + 2
        variables.write_text(good)
        apply_changes(self.server, {variables})
        cleared = await self.next_of(socket, {"status"})
        assert cleared["errors"] == []
