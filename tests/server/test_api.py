"""The HTTP API on a real socket (tornado.testing): sessions, tokens, pages, previews, limits."""

from __future__ import annotations

import json
import re
import uuid

from tornado.testing import AsyncHTTPTestCase

from platxa_preview.demo import demo_homepage_config
from platxa_preview.server import PreviewServer, ServerConfig

TOKENS = {"colors": {"primary": {"hex": "#0b6e4f"}}}


class ApiTest(AsyncHTTPTestCase):
    def get_app(self):
        self.server = PreviewServer(ServerConfig(watch=False))
        return self.server.app

    def call(self, method, path, body=None, raw=None, headers=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is None and method in ("POST", "PUT"):
            data = ""
        response = self.fetch(path, method=method, body=data, headers=headers, raise_error=False)
        kind = response.headers.get("Content-Type", "")
        payload = json.loads(response.body) if "json" in kind and response.body else None
        return response, payload

    def create(self, **body):
        response, payload = self.call("POST", "/api/sessions", body)
        assert response.code == 201, payload
        return payload

    def test_session_lifecycle(self):
        created = self.create()
        uuid.UUID(created["id"])  # random UUIDs
        assert created["preview_url"].endswith(f"/preview/{created['id']}/homepage")
        assert created["ws_url"].startswith("ws://") and created["ws_url"].endswith(created["id"])
        response, status = self.call("GET", f"/api/sessions/{created['id']}")
        assert response.code == 200
        assert status["theme"] == "theme_platxa_demo" and status["pages"] == ["homepage"]
        assert status["viewers"] == 0 and status["created"] <= status["last_activity"]
        assert self.call("DELETE", f"/api/sessions/{created['id']}")[0].code == 204
        assert self.call("GET", f"/api/sessions/{created['id']}")[0].code == 404

    def test_session_with_tokens_and_pages(self):
        created = self.create(tokens=TOKENS, pages={"landing": demo_homepage_config()})
        status = self.call("GET", f"/api/sessions/{created['id']}")[1]
        assert status["pages"] == ["homepage", "landing"]
        page = self.fetch(f"/preview/{created['id']}/landing")
        assert page.code == 200
        assert "--o-color-1: #0b6e4f" in page.body.decode()

    def test_unknown_sessions_are_404(self):
        for method, path in [("GET", "/api/sessions/nope"), ("DELETE", "/api/sessions/nope"),
                             ("PUT", "/api/sessions/nope/tokens"),
                             ("POST", "/api/sessions/nope/pages"),
                             ("GET", "/preview/nope/homepage")]:  # fmt: skip
            response, payload = self.call(method, path, {} if method in ("PUT", "POST") else None)
            assert response.code == 404, path
            assert "nope" in payload["error"]

    def test_malformed_bodies_are_400_with_a_message(self):
        session = self.create()["id"]
        cases = [
            ("POST", "/api/sessions", "{not json", "not valid JSON"),
            ("POST", "/api/sessions", "[1]", "must be a JSON object"),
            ("POST", "/api/sessions", json.dumps({"theme": "theme_nowhere"}), "theme_nowhere"),
            ("PUT", f"/api/sessions/{session}/tokens",
             json.dumps({"colors": {"primary": {"hex": "red;}"}}}), "colors.primary"),
            ("POST", f"/api/sessions/{session}/pages", json.dumps({"page_id": "x"}),
             "page_id"),
            ("POST", f"/api/sessions/{session}/pages",
             json.dumps({"page_id": "x", "content": {"sections": [{"type": "nope"}]}}), "nope"),
        ]  # fmt: skip
        for method, path, raw, message in cases:
            response, payload = self.call(method, path, raw=raw)
            assert response.code == 400, (path, raw)
            assert message in payload["error"], payload

    def test_oversized_bodies_are_413(self):
        session = self.create()["id"]
        raw = json.dumps({"colors": {}, "padding": "x" * (2 * 1024 * 1024)})
        response, payload = self.call("PUT", f"/api/sessions/{session}/tokens", raw=raw)
        assert response.code == 413
        assert "too large" in payload["error"]

    def test_token_update_reports_contrast_problems(self):
        session = self.create()["id"]
        response, payload = self.call("PUT", f"/api/sessions/{session}/tokens",
                                      {"colors": {"primary": {"hex": "#ffee00"}}})  # fmt: skip
        assert response.code == 200 and payload["version"] == 1
        assert any(problem["ratio"] < 4.5 for problem in payload["contrast"])

    def test_page_update_is_previewable(self):
        session = self.create()["id"]
        config = demo_homepage_config()
        response, payload = self.call("POST", f"/api/sessions/{session}/pages",
                                      {"page_id": "spring", "content": config})  # fmt: skip
        assert response.code == 200
        assert payload["preview_url"].endswith(f"/preview/{session}/spring")
        html = self.fetch(f"/preview/{session}/spring").body.decode()
        assert 'data-section-id="hero"' in html

    def test_preview_page_runs_only_the_live_client(self):
        response = self.fetch("/preview/default/homepage")
        csp = response.headers["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
        html = response.body.decode()
        assert f'<script type="module" nonce="{nonce}" src="/_platxa/live.js"' in html
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert 'data-ws-url="ws://' in html and 'data-page-id="homepage"' in html
        assert response.headers["Cache-Control"] == "no-store"

    def test_website_pages_by_path(self):
        assert self.fetch("/preview/default/homepage").code == 200
        assert self.fetch("/preview/default/no-such-page").code == 404

    def test_health_ready_stats_openapi(self):
        assert json.loads(self.fetch("/health").body) == {"status": "ok"}
        assert json.loads(self.fetch("/ready").body)["ready"] is True
        stats = json.loads(self.fetch("/api/stats").body)
        assert {"sessions", "viewers", "updates_sent", "update_latency_ms"} <= set(stats)
        spec = json.loads(self.fetch("/api/openapi.json").body)
        assert spec["openapi"].startswith("3.1")
        for path in (
            "/api/sessions",
            "/api/sessions/{id}",
            "/api/sessions/{id}/tokens",
            "/api/sessions/{id}/pages",
            "/preview/{id}/{page}",
            "/health",
            "/ready",
        ):
            assert path in spec["paths"], path

    def test_widget_and_module_static_files(self):
        editor = self.fetch("/_platxa/editor.js")
        assert editor.code == 200 and b"sendTokens" in editor.body
        image = self.fetch("/theme_platxa_demo/static/src/img/hero.svg")
        assert image.code == 200 and image.headers["Content-Type"] == "image/svg+xml"
        assert self.fetch("/theme_platxa_demo/static/../__manifest__.py").code == 404
        assert self.fetch("/theme_platxa_demo/static/%2e%2e/__manifest__.py").code == 404
        assert self.fetch("/no_module/static/a.css").code == 404

    def test_editor_page(self):
        html = self.fetch("/").body.decode()
        for control in ('type="color"', 'data-oklch="primary"', 'data-font="headings"',
                        'data-spacing="unit"', 'id="contrast"', 'id="page"',
                        'data-viewport="375px"', '<iframe id="preview"'):  # fmt: skip
            assert control in html, control


class TokenAccessTest(AsyncHTTPTestCase):
    """Beyond localhost an access token is required (generated when not given)."""

    def get_app(self):
        self.server = PreviewServer(ServerConfig(host="0.0.0.0", watch=False))
        return self.server.app

    def test_requests_need_the_token(self):
        token = self.server.config.token
        assert token and len(token) >= 16
        assert self.fetch("/api/stats").code == 401
        assert self.fetch("/api/stats?token=wrong").code == 401
        assert self.fetch(f"/api/stats?token={token}").code == 200
        headers = {"Authorization": f"Bearer {token}"}
        assert self.fetch("/preview/default/homepage", headers=headers).code == 200
        assert self.fetch("/health").code == 200  # liveness stays open


class HashedStaticTest(AsyncHTTPTestCase):
    def get_app(self):
        self.server = PreviewServer(ServerConfig(watch=False))
        return self.server.app

    def test_theme_images_are_served_at_content_hashed_urls(self):
        html = self.fetch("/preview/default/homepage").body.decode()
        urls = re.findall(r'/assets/static/[0-9a-f]{16}/theme_platxa_demo/static/[^"\')]+', html)
        assert urls, "the demo theme's images should be at hashed URLs"
        assert '"/theme_platxa_demo/static/src/img/hero.svg' not in html
        response = self.fetch(urls[0])
        assert response.code == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert self.fetch("/assets/static/0000000000000000/theme_platxa_demo/static/x").code == 404


class IconsTest(AsyncHTTPTestCase):
    def get_app(self):
        self.server = PreviewServer(ServerConfig(watch=False))
        return self.server.app

    def test_font_awesome_comes_from_the_installed_package(self):
        html = self.fetch("/preview/default/homepage").body.decode()
        assert 'href="/_platxa/lib/fontawesome/css/v4-shims.min.css"' in html
        css = self.fetch("/_platxa/lib/fontawesome/css/all.min.css")
        assert css.code == 200 and b"Font Awesome" in css.body
        font = self.fetch("/_platxa/lib/fontawesome/webfonts/fa-solid-900.woff2")
        assert font.code == 200 and len(font.body) > 10_000
