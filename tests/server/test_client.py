"""PreviewClient against a real server on a real socket."""

from __future__ import annotations

from tornado.testing import AsyncHTTPTestCase, gen_test

from platxa_preview.client import PreviewClient, PreviewError
from platxa_preview.demo import demo_homepage_config
from platxa_preview.server import PreviewServer, ServerConfig


class ClientTest(AsyncHTTPTestCase):
    def get_app(self):
        self.server = PreviewServer(ServerConfig(watch=False))
        return self.server.app

    @gen_test
    async def test_a_theme_generator_session(self):
        client = PreviewClient(self.get_url(""))
        session = await client.create_session(tokens={"colors": {"primary": "#224466"}})
        assert session.preview_url.endswith(f"/preview/{session.id}/homepage")
        reply = await session.update_tokens({"colors": {"primary": "#ffee00"}})
        assert reply["version"] == 1 and reply["contrast"]
        reply = await session.update_page("landing", demo_homepage_config())
        page = await self.http_client.fetch(reply["preview_url"])
        assert b'data-section-id="hero"' in page.body
        assert (await session.status())["pages"] == ["homepage", "landing"]
        await session.delete()
        try:
            await session.status()
        except PreviewError as error:
            assert error.status == 404 and session.id in str(error)
        else:
            raise AssertionError("a deleted session answered")

    @gen_test
    async def test_server_errors_carry_the_server_message(self):
        client = PreviewClient(self.get_url(""))
        session = await client.session("default")
        try:
            await session.update_tokens({"colors": {"primary": "#fff;}</style>"}})
        except PreviewError as error:
            assert error.status == 400 and "colors.primary" in str(error)
        else:
            raise AssertionError("bad tokens were accepted")

    @gen_test
    async def test_unreachable_server(self):
        client = PreviewClient("http://127.0.0.1:9", timeout=2)
        try:
            await client.stats()
        except PreviewError as error:
            assert "cannot reach" in str(error) and error.status is None
        else:
            raise AssertionError("no error from a closed port")
