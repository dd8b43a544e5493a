"""`PreviewClient`: an async Python client of the preview server, for theme generators.

    client = PreviewClient("http://127.0.0.1:8080")
    session = await client.create_session(theme="theme_clean", tokens={...})
    await session.update_tokens({...})
    await session.update_page("landing", {"title": ..., "sections": [...]})
    print(session.preview_url)

Errors from the server surface as `PreviewError` with the server's message and status.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest


class PreviewError(Exception):
    """The server refused a request; `.status` is the HTTP status, `str()` its message."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class PreviewClient:
    def __init__(self, url: str, *, token: str | None = None, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._http = AsyncHTTPClient()

    async def request(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = HTTPRequest(
            f"{self.url}{path}",
            method=method,
            headers=headers,
            body=json.dumps(body) if body is not None else (None if method == "GET" else ""),
            request_timeout=self.timeout,
            allow_nonstandard_methods=True,
        )
        try:
            response = await self._http.fetch(request)
        except HTTPClientError as error:
            raise PreviewError(_server_message(error), error.code) from None
        except OSError as error:
            raise PreviewError(f"cannot reach {self.url}: {error}") from None
        return json.loads(response.body) if response.body else None

    async def create_session(self, *, theme: str | None = None,
                             tokens: Mapping | None = None,
                             pages: Mapping[str, Mapping] | None = None) -> Session:  # fmt: skip
        body: dict[str, Any] = {}
        if theme is not None:
            body["theme"] = theme
        if tokens is not None:
            body["tokens"] = dict(tokens)
        if pages:
            body["pages"] = {key: dict(value) for key, value in pages.items()}
        created = await self.request("POST", "/api/sessions", body)
        return Session(self, created["id"], created["preview_url"], created["ws_url"])

    async def session(self, session_id: str) -> Session:
        """An existing session (for example `default`, the server's own)."""
        status = await self.request("GET", f"/api/sessions/{session_id}")
        return Session(self, status["id"], status["preview_url"], status["ws_url"])

    async def stats(self) -> dict:
        return await self.request("GET", "/api/stats")


class Session:
    def __init__(self, client: PreviewClient, session_id: str, preview_url: str, ws_url: str):
        self.client = client
        self.id = session_id
        self.preview_url = preview_url
        self.ws_url = ws_url

    async def status(self) -> dict:
        return await self.client.request("GET", f"/api/sessions/{self.id}")

    async def update_tokens(self, tokens: Mapping) -> dict:
        """Replace the tokens; the reply holds the new version and the contrast problems."""
        return await self.client.request("PUT", f"/api/sessions/{self.id}/tokens", dict(tokens))

    async def update_page(self, page_id: str, content: Mapping) -> dict:
        reply = await self.client.request(
            "POST", f"/api/sessions/{self.id}/pages", {"page_id": page_id, "content": content}
        )
        return reply

    def page_url(self, page_id: str) -> str:
        return self.preview_url.rsplit("/", 1)[0] + "/" + page_id

    async def delete(self) -> None:
        await self.client.request("DELETE", f"/api/sessions/{self.id}")


def _server_message(error: HTTPClientError) -> str:
    body = error.response.body if error.response is not None else b""
    try:
        return json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return f"HTTP {error.code}: {error.message}"
