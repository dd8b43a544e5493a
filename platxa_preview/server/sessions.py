"""Preview sessions and their viewers: the in-memory store and the broadcast to open pages."""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .. import protocol
from ..preview import Preview

DEFAULT_SESSION = "default"
DEFAULT_TTL_SECONDS = 30 * 60


class Viewer(Protocol):
    """An open page: the WebSocket handler implements it."""

    page_id: str | None

    def send(self, message: dict) -> None: ...


@dataclass
class Session:
    id: str
    preview: Preview
    created: float = field(default_factory=time.time)
    last_activity: float = field(default_factory=time.time)
    viewers: set = field(default_factory=set)
    expires: bool = True

    def touch(self) -> None:
        self.last_activity = time.time()

    def broadcast(
        self, messages: list[dict], stats: Stats | None = None, started: float | None = None
    ) -> None:
        """Send messages to every open page of this session."""
        for message in messages:
            for viewer in list(self.viewers):
                page = message.get("page_id")
                if page is not None and viewer.page_id not in (None, page):
                    continue
                viewer.send(message)
            if stats is not None:
                stats.sent(len(self.viewers), started)

    def describe(self) -> dict[str, Any]:
        preview = self.preview
        return {
            "id": self.id,
            "theme": preview.theme,
            "tokens": preview.tokens.to_dict() if preview.tokens is not None else None,
            "pages": preview.page_ids(),
            "viewers": len(self.viewers),
            "version": preview.version,
            "created": self.created,
            "last_activity": self.last_activity,
            "errors": preview.errors,
        }


class Stats:
    """Counters and update latencies for /api/stats."""

    def __init__(self, keep: int = 1000):
        self.updates_sent = 0
        self.messages_received = 0
        self.latencies_ms: deque[float] = deque(maxlen=keep)

    def sent(self, viewers: int, started: float | None) -> None:
        self.updates_sent += viewers
        if started is not None:
            self.latencies_ms.append((time.perf_counter() - started) * 1000)

    def percentiles(self) -> dict[str, float | None]:
        values = sorted(self.latencies_ms)
        if not values:
            return {"p50": None, "p95": None, "p99": None}

        def at(fraction: float) -> float:
            return round(values[min(len(values) - 1, int(fraction * len(values)))], 3)

        return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99)}


class SessionStore:
    """Sessions by id (random UUIDs), expiring after `ttl` seconds without activity."""

    def __init__(self, make_preview: Callable[..., Preview], ttl: float = DEFAULT_TTL_SECONDS):
        self.make_preview = make_preview
        self.ttl = ttl
        self.sessions: dict[str, Session] = {}

    def create(
        self,
        *,
        theme: str | None = None,
        tokens=None,
        pages=None,
        session_id: str | None = None,
        expires: bool = True,
    ) -> Session:
        preview = self.make_preview(theme=theme, tokens=tokens, pages=pages)
        session = Session(session_id or str(uuid.uuid4()), preview, expires=expires)
        self.sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        return self.sessions.get(session_id)

    def delete(self, session_id: str) -> Session | None:
        session = self.sessions.pop(session_id, None)
        if session is not None:
            for viewer in list(session.viewers):
                viewer.send(
                    protocol.error_message(
                        "this preview session was deleted", code="session-deleted"
                    )
                )
        return session

    def expire(self, now: float | None = None) -> list[str]:
        """Drop sessions idle for longer than the ttl and with no open page."""
        now = time.time() if now is None else now
        gone = [
            session.id
            for session in self.sessions.values()
            if session.expires and not session.viewers and now - session.last_activity > self.ttl
        ]
        for session_id in gone:
            del self.sessions[session_id]
        return gone

    def __len__(self) -> int:
        return len(self.sessions)
