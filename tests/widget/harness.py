"""The notebook widgets' front end in real Chromium, without Jupyter.

A `WidgetHarness` serves widget/ at /_platxa/ and a page (`/widget/{model_id}`) that loads
widget/preview.js and calls its `render({model, el})` with a small model object following
anywidget's contract (`get`, `set`, `on`, `off`, `save_changes`, `send`). The model's state comes
from a real Python widget: widgets created inside `harness.capture()` publish their comm
messages to the harness, which forwards them over a WebSocket to the page, as the kernel's comm
would (one message per `hold_sync`, in order). What the page's model saves goes back to the
widget (`set_state`). So a test changes a trait in Python and looks at the iframe in Chromium.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import comm
import tornado.web
import tornado.websocket
from comm.base_comm import BaseComm

from tests.browser.servers import ThreadedTornado

WIDGET = Path(__file__).resolve().parents[2] / "widget"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>widget harness</title>
<style>body { margin: 0; font: 14px system-ui; } #output { width: 900px; }</style></head>
<body><div id="output"></div>
<script type="module">
// A model with anywidget's interface (the AFM contract), fed by the Python widget's comm.
class HarnessModel {
  constructor(state, socket) {
    this.state = { ...state };
    this.socket = socket;
    this.listeners = new Map();
    this.unsaved = {};
    this.received = 0;
  }
  get(name) { return this.state[name]; }
  set(name, value) {
    this.state[name] = value;
    this.unsaved[name] = value;
    this.emit(`change:${name}`);
  }
  on(name, callback) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(callback);
  }
  off(name, callback) {
    if (!name) return this.listeners.clear();
    if (!callback) return this.listeners.delete(name);
    this.listeners.get(name)?.delete(callback);
  }
  save_changes() {
    this.socket.send(JSON.stringify({ method: "update", state: this.unsaved }));
    this.unsaved = {};
  }
  send(content) { this.socket.send(JSON.stringify({ method: "custom", content })); }
  emit(name, ...args) {
    for (const callback of [...(this.listeners.get(name) ?? [])]) callback(...args);
  }
  // A state update from the kernel: every value first, then one event per changed key
  // (as Backbone does).
  update(state) {
    const changed = Object.keys(state).filter(
      (key) => JSON.stringify(this.state[key]) !== JSON.stringify(state[key]));
    Object.assign(this.state, state);
    this.received += 1;
    for (const key of changed) this.emit(`change:${key}`);
    this.emit("change");
  }
}

const modelId = location.pathname.split("/").pop();
const socket = new WebSocket(`ws://${location.host}/bridge/${modelId}`);
const harness = (window.harness = { model: null, events: [], view: null, cleanup: null });
socket.onmessage = async (event) => {
  const message = JSON.parse(event.data);
  if (message.method === "open") {
    const model = (harness.model = new HarnessModel(message.state, socket));
    const el = document.getElementById("output");
    el.addEventListener("platxa-preview:frame", (e) => {
      harness.events.push(e.detail);
      if (harness.onFrame) harness.onFrame(e.detail);
    });
    const module = await import("/_platxa/preview.js");
    harness.cleanup = await module.default.render({ model, el });
    harness.view = el.platxaPreview;
  } else if (message.method === "update") {
    if (harness.onUpdate) harness.onUpdate(message.state);
    harness.model.update(message.state);
  } else if (message.method === "custom") {
    harness.model.emit("msg:custom", message.content, []);
  }
};
</script></body></html>
"""


class SinkComm(BaseComm):
    """A comm whose messages go to `sink(msg_type, comm_id, data)` instead of a kernel."""

    def __init__(self, sink: Callable[[str, str, dict], None], **kwargs) -> None:
        self.sink = sink
        super().__init__(**kwargs)

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys) -> None:
        self.sink(msg_type, self.comm_id, data or {})


@contextlib.contextmanager
def comms_to(sink: Callable[[str, str, dict], None]) -> Iterator[None]:
    """Widgets created in this block send their comm messages to `sink`."""
    original = comm.create_comm
    comm.create_comm = lambda **kwargs: SinkComm(sink, **kwargs)
    try:
        yield
    finally:
        comm.create_comm = original


class WidgetHarness:
    def __init__(self) -> None:
        self.sockets: dict[str, set[BridgeSocket]] = {}
        self.server = ThreadedTornado(self._make_app)

    def _make_app(self) -> tornado.web.Application:
        return tornado.web.Application(
            [
                (r"/widget/([0-9a-f]+)", PageHandler),
                (r"/bridge/([0-9a-f]+)", BridgeSocket, {"harness": self}),
                (r"/_platxa/(.*)", tornado.web.StaticFileHandler, {"path": str(WIDGET)}),
            ],
            websocket_max_message_size=64 * 1024 * 1024,
        )

    def start(self) -> WidgetHarness:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def url(self, widget) -> str:
        return self.server.url(f"/widget/{widget.model_id}")

    def capture(self):
        """Widgets created in this block talk to the harness."""
        return comms_to(self._publish)

    def _publish(self, msg_type: str, comm_id: str, data: dict) -> None:
        if msg_type == "comm_msg" and data.get("method") in ("update", "custom"):
            self.forward(comm_id, data)

    def forward(self, model_id: str, data: dict) -> None:
        text = json.dumps(data)
        loop = getattr(self.server, "loop", None)
        if loop is None:
            return
        if threading.get_ident() == self.server._thread.ident:  # a widget living on this loop
            self._send(model_id, text)
        else:
            loop.call_soon_threadsafe(self._send, model_id, text)

    def _send(self, model_id: str, text: str) -> None:
        for socket in list(self.sockets.get(model_id, ())):
            socket.write_message(text)


class PageHandler(tornado.web.RequestHandler):
    def get(self, model_id: str) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGE)


class BridgeSocket(tornado.websocket.WebSocketHandler):
    def initialize(self, harness: WidgetHarness) -> None:
        self.harness = harness

    def open(self, model_id: str) -> None:
        from ipywidgets.widgets.widget import _instances  # every open widget by model id

        widget = _instances.get(model_id)
        if widget is None:
            self.close(4004, "no such widget")
            return
        self.model_id, self.widget = model_id, widget
        self.harness.sockets.setdefault(model_id, set()).add(self)
        # The state now; every later change follows on this socket, in order.
        self.write_message(json.dumps({"method": "open", "state": widget.get_state()}))

    def on_message(self, message: str | bytes) -> None:
        data = json.loads(message)
        if data.get("method") == "update":
            self.widget.set_state(data["state"])
        elif data.get("method") == "custom":
            self.widget._handle_custom_msg(data["content"], [])

    def on_close(self) -> None:
        model_id = getattr(self, "model_id", None)
        if model_id is not None:
            self.harness.sockets.get(model_id, set()).discard(self)
