"""The WebSocket protocol end to end on a real socket: catch-up, broadcast, bad input, files."""

from __future__ import annotations

import json
import shutil

from tornado.testing import AsyncHTTPTestCase, gen_test
from tornado.websocket import websocket_connect

from platxa_preview.demo import DEMO_ADDONS, DEMO_THEME, demo_homepage_config
from platxa_preview.server import PreviewServer, ServerConfig
from platxa_preview.server.watch import apply_changes


class SocketTest(AsyncHTTPTestCase):
    config = ServerConfig(watch=False)

    def get_app(self):
        self.server = PreviewServer(self.config)
        return self.server.app

    async def connect(self, session="default", page_id="homepage", version=None, epoch=None):
        url = f"ws://127.0.0.1:{self.get_http_port()}/ws/{session}"
        request_headers = {"Origin": f"http://127.0.0.1:{self.get_http_port()}"}
        from tornado.httpclient import HTTPRequest

        socket = await websocket_connect(HTTPRequest(url, headers=request_headers))
        preview = self.server.store.get(session).preview if self.server.store.get(session) else None
        hello = {
            "type": "hello",
            "page_id": page_id,
            "version": preview.version if version is None and preview else (version or 0),
            "epoch": epoch if epoch is not None else (preview.epoch if preview else None),
        }
        await socket.write_message(json.dumps(hello))
        return socket

    async def receive(self, socket, kinds=None):
        while True:
            message = json.loads(await socket.read_message())
            if kinds is None or message["type"] in kinds:
                return message

    @gen_test
    async def test_up_to_date_hello_gets_a_status(self):
        socket = await self.connect()
        status = await self.receive(socket)
        assert status["type"] == "status" and status["theme"] == DEMO_THEME
        assert status["errors"] == [] and status["viewers"] == 1

    @gen_test
    async def test_stale_or_other_epoch_hello_gets_a_full_catch_up(self):
        for version, epoch in ((0, None), (0, "another-server")):
            self.server.default.preview.update_tokens({"colors": {"primary": {"hex": "#336699"}}})
            socket = await self.connect(version=version, epoch=epoch)
            kinds = [json.loads(await socket.read_message())["type"] for _ in range(4)]
            assert kinds == ["css_update", "css_update", "dom_update", "status"]
            socket.close()

    @gen_test
    async def test_token_update_reaches_every_viewer(self):
        first, second = await self.connect(), await self.connect()
        await self.receive(first, {"status"})
        await self.receive(second, {"status"})
        await first.write_message(
            json.dumps({"type": "token_update", "tokens": {"colors": {"primary": "#aa3300"}}})
        )
        for socket in (first, second):
            update = await self.receive(socket, {"css_update"})
            assert update["layer"] == "tokens" and "--o-color-1: #aa3300" in update["css"]
            assert update["version"] == 1
            # the exact theme CSS follows (here the built-in layer: no Odoo SCSS on the path)
            exact = await self.receive(socket, {"css_update"})
            assert exact["layer"] == "theme" and exact["version"] > 1
            assert "--o-color-1: #aa3300" in exact["css"] and ".btn" in exact["css"]

    @gen_test
    async def test_page_update_patches_one_section_for_that_page_only(self):
        config = demo_homepage_config()
        self.server.default.preview.update_page("landing", config)
        self.server.default.preview.document("landing")
        landing = await self.connect(page_id="landing")
        home = await self.connect(page_id="homepage")
        await self.receive(landing, {"status"})
        await self.receive(home, {"status"})
        await landing.write_message(
            json.dumps(
                {
                    "type": "section_update",
                    "page_id": "landing",
                    "section_id": "hero",
                    "content": {"type": "hero", "title": "Spring sale <now>"},
                }
            )
        )
        update = await self.receive(landing, {"section_update", "dom_update"})
        assert update["type"] == "section_update" and update["section_id"] == "hero"
        assert "Spring sale &lt;now&gt;" in update["html"]
        await home.write_message(
            json.dumps(
                {
                    "type": "hello",
                    "version": update["version"],
                    "epoch": update["epoch"],
                    "page_id": "homepage",
                }
            )
        )
        assert (await self.receive(home))["type"] == "status"  # nothing for another page

    @gen_test
    async def test_bad_messages_get_an_error_and_the_connection_stays(self):
        socket = await self.connect()
        await self.receive(socket, {"status"})
        for raw, message in [("not json", "not valid JSON"), ("[]", "JSON object"),
                             ('{"type": "launch"}', "unknown message type"),
                             ('{"type": "page_update", "page_id": "x"}', "content"),
                             ('{"type": "token_update", "tokens": {"colors": '
                              '{"primary": "url(x)"}}}', "colors.primary")]:  # fmt: skip
            await socket.write_message(raw)
            error = await self.receive(socket, {"error"})
            assert message in error["message"], (raw, error)
        await socket.write_message(
            json.dumps({"type": "hello", "version": 0, "epoch": self.server.default.preview.epoch})
        )
        assert (await self.receive(socket, {"status", "css_update"}))["type"]

    @gen_test
    async def test_unknown_session_is_refused(self):
        from tornado.httpclient import HTTPRequest

        url = f"ws://127.0.0.1:{self.get_http_port()}/ws/nope"
        socket = await websocket_connect(
            HTTPRequest(url, headers={"Origin": f"http://127.0.0.1:{self.get_http_port()}"})
        )
        error = json.loads(await socket.read_message())
        assert error["type"] == "error" and "nope" in error["message"]
        assert await socket.read_message() is None  # closed

    @gen_test
    async def test_other_origins_cannot_connect(self):
        from tornado.httpclient import HTTPClientError, HTTPRequest

        url = f"ws://127.0.0.1:{self.get_http_port()}/ws/default"
        try:
            await websocket_connect(HTTPRequest(url, headers={"Origin": "http://evil.test"}))
        except HTTPClientError as error:
            assert error.code == 403
        else:
            raise AssertionError("a foreign origin connected")


class FileChangeTest(AsyncHTTPTestCase):
    """A theme edited on disk: updates, an error overlay on broken XML, cleared when fixed."""

    def get_app(self):
        import tempfile
        from pathlib import Path

        self.addons = Path(tempfile.mkdtemp())
        shutil.copytree(DEMO_ADDONS / DEMO_THEME, self.addons / "theme_edit")
        self.sections = self.addons / "theme_edit" / "views" / "sections.xml"
        self.server = PreviewServer(
            ServerConfig(addons_path=str(self.addons), theme="theme_edit", watch=False)
        )
        return self.server.app

    def tearDown(self):
        super().tearDown()
        shutil.rmtree(self.addons, ignore_errors=True)

    @gen_test
    async def test_edit_break_and_fix_a_template(self):
        from tornado.httpclient import HTTPRequest

        preview = self.server.default.preview
        preview.document("homepage")
        url = f"ws://127.0.0.1:{self.get_http_port()}/ws/default"
        socket = await websocket_connect(
            HTTPRequest(url, headers={"Origin": f"http://127.0.0.1:{self.get_http_port()}"})
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
        json.loads(await socket.read_message())  # status

        original = self.sections.read_text()
        assert "logos" in original
        self.sections.write_text(original.replace("</ul>", "<li>Edited client</li></ul>", 1))
        apply_changes(self.server, {self.sections})
        update = json.loads(await socket.read_message())
        assert update["type"] in ("section_update", "dom_update")
        assert "Edited client" in update["html"]

        self.sections.write_text(original.replace("</template>", "</templat>", 1))
        apply_changes(self.server, {self.sections})
        error = json.loads(await socket.read_message())
        assert error["type"] == "error" and error["file"].endswith("sections.xml")
        assert error["line"]
        page = await self.http_client.fetch(self.get_url("/preview/default/homepage"))
        assert "Edited client" in page.body.decode()  # the last good page is still served

        self.sections.write_text(original)
        apply_changes(self.server, {self.sections})
        update, status = [json.loads(await socket.read_message()) for _ in range(2)]
        assert update["type"] in ("section_update", "dom_update")
        assert "Edited client" not in update["html"]
        assert status["type"] == "status" and status["errors"] == []  # clears the overlay
