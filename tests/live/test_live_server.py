"""LivePreviewServer from Python: its own thread, the page, WebSocket pushes, polling, LiveReload.

Each test starts a real server on a free port. Clients run here on the test's own thread (HTTP
with urllib, WebSockets with Tornado's client in a separate event loop), so what they exercise
is exactly what a browser or a LiveReload extension would: a separate program talking to the
server thread over a real socket.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

from platxa_preview.live import (
    LIVE_PAGE_ID,
    LIVERELOAD_PROTOCOL_7,
    LIVERELOAD_SERVER_NAME,
    LivePreviewServer,
)

LIVERELOAD_PROTOCOL_6 = "http://livereload.com/protocols/official-6"


@pytest.fixture
def server() -> Iterator[LivePreviewServer]:
    with LivePreviewServer("<h1>Hello</h1>", title="Report <draft>") as live:
        yield live


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def run(coroutine, timeout: float = 10.0):
    """Run a client coroutine on an event loop of its own, on a thread of its own: the server
    has another loop on its thread, and this thread may have one running already (Playwright's
    sync API keeps one on the main thread once the browser tests have started it)."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, asyncio.wait_for(coroutine, timeout)).result()


async def connect(live: LivePreviewServer, path: str = "ws", origin: str | None = None):
    origin = origin or live.url.rstrip("/")
    url = live.url.replace("http://", "ws://") + path
    return await websocket_connect(HTTPRequest(url, headers={"Origin": origin}))


async def receive(connection: WebSocketClientConnection) -> dict | None:
    raw = await connection.read_message()
    return None if raw is None else json.loads(raw)


def update_from_a_thread(
    live: LivePreviewServer, html: str, delay: float = 0.0
) -> threading.Thread:
    """What a GUI program does: call update() from a plain thread that has no event loop."""

    def push() -> None:
        time.sleep(delay)
        live.update(html)

    thread = threading.Thread(target=push)
    thread.start()
    return thread


# -- running -------------------------------------------------------------------------------------


def test_start_serves_on_a_free_localhost_port_and_stop_frees_it():
    live = LivePreviewServer("<p>first</p>")
    live.start()
    port = live.port
    assert live.url == f"http://127.0.0.1:{port}/" and port > 0
    assert live.running
    status, _, body = get(live.url)
    assert status == 200 and b"<body><p>first</p></body>" in body
    live.stop()
    assert not live.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(RuntimeError, match="not started"):
        _ = live.url
    live.stop()  # idempotent


def test_two_servers_get_two_ports_and_start_twice_is_an_error():
    with LivePreviewServer("a") as first, LivePreviewServer("b") as second:
        assert first.port != second.port
        assert get(first.url)[2].count(b"<body>a</body>") == 1
        assert get(second.url)[2].count(b"<body>b</body>") == 1
        with pytest.raises(RuntimeError, match="already started"):
            first.start()


def test_binds_loopback_only():
    with LivePreviewServer("x") as live:
        listening = _listening_addresses(live.port)
        if listening is None:
            pytest.skip("no /proc/net/tcp to read the listening address from")
        assert listening == {"127.0.0.1"}


def test_requests_for_another_host_name_are_refused(server):
    # DNS rebinding: a foreign site resolving its name to 127.0.0.1 must not read the page.
    assert get(server.url, {"Host": f"attacker.example:{server.port}"})[0] == 403
    assert get(server.url, {"Host": f"localhost:{server.port}"})[0] == 200


def test_a_port_in_use_is_reported_by_start():
    with LivePreviewServer("x") as live, pytest.raises(OSError):
        LivePreviewServer("y", port=live.port).start()


def test_stop_is_prompt_with_open_connections(server):
    async def scenario():
        tab = await connect(server)
        await tab.write_message(json.dumps({"type": "hello", "version": 0, "epoch": server.epoch}))
        await receive(tab)
        started = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, server.stop)
        assert time.perf_counter() - started < 2
        assert await tab.read_message() is None  # closed by the server

    run(scenario())


# -- the page ----------------------------------------------------------------------------------


def test_page_carries_the_pushed_body_the_live_client_and_a_nonce_csp(server):
    status, headers, body = get(server.url)
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<title>Report &lt;draft&gt;</title>" in page
    assert "<body><h1>Hello</h1></body>" in page
    nonce = re.search(r"'nonce-([^']+)'", headers["Content-Security-Policy"]).group(1)
    script = re.search(r"<script [^>]*>", page).group(0)
    assert f'nonce="{nonce}"' in script and 'src="_platxa/push.js"' in script
    assert f'data-version="0" data-epoch="{server.epoch}"' in script
    assert headers["Cache-Control"] == "no-store"
    assert get(server.url)[1]["Content-Security-Policy"] != headers["Content-Security-Policy"]


def test_front_end_modules_are_served(server):
    for module in ("push.js", "morph.js", "badge.js", "live.js"):
        status, headers, _ = get(server.url + "_platxa/" + module)
        assert status == 200 and "javascript" in headers["Content-Type"], module
    assert b'from "./morph.js"' in get(server.url + "_platxa/push.js")[2]


def test_update_before_start_and_after_stop_only_changes_the_state():
    live = LivePreviewServer("<p>0</p>")
    assert live.update("<p>1</p>") == 1
    with live:
        assert b"<body><p>1</p></body>" in get(live.url)[2]
        assert b'data-version="1"' in get(live.url)[2]
    assert live.update("<p>2</p>") == 2 and live.html == "<p>2</p>"


def test_update_rejects_what_is_not_text(server):
    with pytest.raises(TypeError, match="string"):
        server.update(b"<p>bytes</p>")


# -- WebSocket pushes ----------------------------------------------------------------------------


def test_update_from_a_plain_thread_reaches_a_connected_tab(server):
    async def scenario():
        tab = await connect(server)
        await tab.write_message(json.dumps({"type": "hello", "version": 0, "epoch": server.epoch}))
        status = await receive(tab)
        assert status["type"] == "status" and status["viewers"] == 1 and status["errors"] == []
        update_from_a_thread(server, "<h1>Updated</h1>").join()
        update = await receive(tab)
        assert update == {
            "type": "dom_update",
            "page_id": LIVE_PAGE_ID,
            "html": "<h1>Updated</h1>",
            "version": 1,
            "epoch": server.epoch,
        }

    run(scenario())


def test_a_stale_or_restarted_tab_catches_up_on_hello(server):
    server.update("<p>v1</p>")
    server.update("<p>v2</p>")

    async def hello(version, epoch):
        tab = await connect(server)
        await tab.write_message(json.dumps({"type": "hello", "version": version, "epoch": epoch}))
        first = await receive(tab)
        second = await receive(tab) if first["type"] == "dom_update" else None
        tab.close()
        return first, second

    async def scenario():
        update, status = await hello(1, server.epoch)
        assert (
            update["html"] == "<p>v2</p>" and update["version"] == 2 and status["type"] == "status"
        )
        update, _ = await hello(2, "an-earlier-server")  # same number, other server: catch up
        assert update["type"] == "dom_update" and update["epoch"] == server.epoch
        status, _ = await hello(2, server.epoch)  # up to date: only a status
        assert status["type"] == "status" and status["version"] == 2

    run(scenario())


def test_a_burst_of_updates_ends_on_the_last_one_in_order(server):
    async def scenario():
        tab = await connect(server)
        await tab.write_message(json.dumps({"type": "hello", "version": 0, "epoch": server.epoch}))
        await receive(tab)

        def burst():
            for number in range(1, 51):
                server.update(f"<p>{number}</p>")

        threading.Thread(target=burst).start()
        versions = []
        while not versions or versions[-1] < 50:
            message = await receive(tab)
            versions.append(message["version"])
            last = message
        assert last["html"] == "<p>50</p>"
        assert versions == sorted(set(versions))  # never repeated, never backwards

    run(scenario())


def test_bad_or_unsupported_messages_get_an_error_and_the_tab_stays(server):
    async def scenario():
        tab = await connect(server)
        await tab.write_message("not json")
        assert (await receive(tab))["code"] == "bad-message"
        await tab.write_message(json.dumps({"type": "token_update", "tokens": {}}))
        error = await receive(tab)
        assert error["type"] == "error" and error["code"] == "unsupported"
        await tab.write_message(json.dumps({"type": "hello", "version": 0, "epoch": server.epoch}))
        assert (await receive(tab))["type"] == "status"

    run(scenario())


def test_websocket_from_another_site_is_refused(server):
    async def scenario():
        with pytest.raises(Exception, match="403"):
            await connect(server, origin="http://attacker.example")

    run(scenario())


# -- polling (when WebSockets cannot get through) --------------------------------------------------


def poll(live: LivePreviewServer, **arguments) -> tuple[int, dict | None]:
    query = "&".join(f"{name}={value}" for name, value in arguments.items())
    status, _, body = get(f"{live.url}poll?{query}")
    return status, (json.loads(body) if status == 200 else None)


def test_poll_answers_only_when_the_version_changed(server):
    assert poll(server, version=0, epoch=server.epoch, wait=0) == (204, None)
    server.update("<p>new</p>")
    status, update = poll(server, version=0, epoch=server.epoch, wait=0)
    assert status == 200 and update["type"] == "dom_update" and update["page_id"] == LIVE_PAGE_ID
    assert update["html"] == "<p>new</p>" and update["version"] == 1
    assert poll(server, version=1, epoch=server.epoch, wait=0) == (204, None)
    assert poll(server, version=1, epoch="another-server", wait=0)[0] == 200


def test_a_long_poll_is_answered_by_an_update_from_a_thread(server):
    started = time.perf_counter()
    update_from_a_thread(server, "<p>pushed</p>", delay=0.2)
    status, update = poll(server, version=0, epoch=server.epoch, wait=10)
    assert status == 200 and update["html"] == "<p>pushed</p>"
    assert 0.15 < time.perf_counter() - started < 5


def test_a_long_poll_without_news_ends_with_204_after_the_wait(server):
    started = time.perf_counter()
    assert poll(server, version=0, epoch=server.epoch, wait=0.3)[0] == 204
    assert 0.25 < time.perf_counter() - started < 3


def test_stop_answers_pending_long_polls():
    live = LivePreviewServer("x", poll_wait=30).start()
    answers = []
    waiter = threading.Thread(
        target=lambda: answers.append(poll(live, version=0, epoch=live.epoch))
    )
    waiter.start()
    time.sleep(0.2)
    started = time.perf_counter()
    live.stop()
    waiter.join(5)
    assert answers == [(204, None)] and time.perf_counter() - started < 3


def test_poll_rejects_bad_arguments(server):
    for arguments in ({"version": "x"}, {"version": -1}, {"wait": "nan"}):
        assert poll(server, **arguments)[0] == 400, arguments


# -- the LiveReload protocol 7 -------------------------------------------------------------------


async def livereload_client(live: LivePreviewServer, protocols=None, origin=None):
    """Connect and shake hands exactly as livereload.js (src/connector.js) does."""
    client = await connect(live, "livereload", origin=origin or "http://localhost:3000")
    hello = {
        "command": "hello",
        "protocols": protocols or [LIVERELOAD_PROTOCOL_6, LIVERELOAD_PROTOCOL_7],
        "ver": "4.0.2",
        "ext": "Chrome",
        "extver": "2.1.0",
        "snipver": 1,
    }
    await client.write_message(json.dumps(hello))
    return client


def test_livereload_handshake_and_a_reload_on_every_update(server):
    async def scenario():
        # A page served elsewhere (another origin) using livereload.js, as is usual.
        client = await livereload_client(server)
        hello = await receive(client)
        assert hello == {
            "command": "hello",
            "protocols": [LIVERELOAD_PROTOCOL_7],
            "serverName": LIVERELOAD_SERVER_NAME,
        }
        # livereload.js then reports what it is (protocol 7 only): accepted, nothing answered.
        info = {"command": "info", "plugins": {"less": {"version": "1.0"}}, "url": "http://x/"}
        await client.write_message(json.dumps(info))
        update_from_a_thread(server, "<p>changed</p>").join()
        assert await receive(client) == {"command": "reload", "path": "/", "liveCSS": True}
        update_from_a_thread(server, "<p>again</p>").join()
        assert (await receive(client))["command"] == "reload"

    run(scenario())


def test_livereload_clients_without_protocol_7_or_a_hello_are_closed(server):
    async def scenario():
        old = await livereload_client(server, protocols=[LIVERELOAD_PROTOCOL_6])
        assert await old.read_message() is None and old.close_code == 1002
        rude = await connect(server, "livereload")
        await rude.write_message(json.dumps({"command": "info", "url": "http://x/"}))
        assert await rude.read_message() is None

    run(scenario())


def test_no_reload_before_the_handshake(server):
    async def scenario():
        client = await connect(server, "livereload")
        server.update("<p>early</p>")
        await asyncio.sleep(0.1)
        await client.write_message(
            json.dumps({"command": "hello", "protocols": [LIVERELOAD_PROTOCOL_7]})
        )
        assert (await receive(client))["command"] == "hello"  # not a reload first

    run(scenario())


def _listening_addresses(port: int) -> set[str] | None:
    """The local addresses listening on `port`, from Linux's /proc/net/tcp{,6}."""
    found: set[str] = set()
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    for table in tables:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            if len(address) == 8:
                found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
            else:
                found.add(f"ipv6:{address}")
    return found


def test_the_example_in_the_docs_runs():
    text = (Path(__file__).resolve().parents[2] / "docs" / "live.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    namespace: dict = {}
    exec(compile(example, "docs/live.md", "exec"), namespace)
    assert not namespace["server"].running
