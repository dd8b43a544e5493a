"""Session expiry and broadcast rules of the session store."""

from __future__ import annotations

import time

from platxa_preview.server import PreviewServer, ServerConfig


class Viewer:
    def __init__(self, page_id):
        self.page_id = page_id
        self.received = []

    def send(self, message):
        self.received.append(message)


def test_idle_sessions_expire_but_watched_and_default_ones_stay():
    server = PreviewServer(ServerConfig(watch=False, session_ttl=60))
    idle, watched = server.store.create(), server.store.create()
    watched.viewers.add(Viewer("homepage"))
    later = time.time() + 61
    assert server.store.expire(now=later) == [idle.id]
    assert server.store.get(watched.id) is watched
    assert server.store.get("default") is server.default
    assert server.store.expire(now=time.time() + 30) == []


def test_broadcast_reaches_only_the_viewers_of_the_page_concerned():
    server = PreviewServer(ServerConfig(watch=False))
    session = server.default
    home, other = Viewer("homepage"), Viewer("landing")
    session.viewers.update({home, other})
    session.broadcast(
        [
            {"type": "section_update", "page_id": "landing", "version": 1},
            {"type": "css_update", "layer": "tokens", "version": 2},
        ]
    )
    assert [m["type"] for m in home.received] == ["css_update"]
    assert [m["type"] for m in other.received] == ["section_update", "css_update"]


def test_deleting_a_session_tells_its_viewers():
    server = PreviewServer(ServerConfig(watch=False))
    session = server.store.create()
    viewer = Viewer("homepage")
    session.viewers.add(viewer)
    server.store.delete(session.id)
    assert viewer.received[-1]["type"] == "error"
    assert viewer.received[-1]["code"] == "session-deleted"
