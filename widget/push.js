// The live client of LivePreviewServer (platxa_preview/live.py): whatever the Python program
// pushes is morphed into this page's <body>, so scroll position, focus and typed values stay.
//
// Loaded by the page as
//   <script type="module" nonce="…" src="_platxa/push.js" data-platxa-push
//           data-version="3" data-epoch="a1b2c3"></script>
// Transport: a WebSocket at `ws` beside the page; the client says `hello` with the version it
// shows and gets a `dom_update` (page_id "body", html = the body's content) whenever it is
// behind. If the first WebSocket never opens (a proxy that refuses the upgrade, or one that
// hangs it), the page falls back to long polling `poll?version=N&epoch=E`, which answers the
// same `dom_update` as JSON (204: nothing new yet). A connection that worked and dropped (a
// restart) is retried as a WebSocket, with backoff. `?platxa-transport=poll` in the page's URL
// forces polling from the start.
//
// Scripts in pushed HTML never run: the page's CSP blocks them on load, and they are dropped
// from updates (an element created by the morph would otherwise run under 'strict-dynamic').
//
// The client is `window.platxaPush`: `version`, `epoch`, `transport` ("connecting",
// "websocket", "polling"), `updates` (morphs applied); a `platxa-push:update` event is
// dispatched on `document` after each morph.

import { ensureBadge } from "./badge.js";
import { backoffDelay, CONNECT_TIMEOUT_MS, OFFLINE_AFTER_FAILURES } from "./live.js";
import { morph } from "./morph.js";

export const POLL_WAIT_SECONDS = 25; // how long the server may hold a poll (it caps this)
export const TRANSPORT_PARAMETER = "platxa-transport";

export class PushClient {
  constructor({ base, version = 0, epoch = null, forcePolling = false, document = globalThis.document }) {
    this.document = document;
    this.window = document.defaultView;
    this.base = new URL(base, this.window.location.href); // the server root, also behind a proxy prefix
    this.version = version;
    this.epoch = epoch;
    this.transport = "connecting";
    this.updates = 0;
    this.forcePolling = forcePolling;
    this._failures = 0;
    this._everOpened = false;
    this._socket = null;
    this._timer = null;
    this._unloading = false;
    this._badge = ensureBadge(document);
  }

  start() {
    const { window } = this;
    window.addEventListener("pagehide", () => { this._unloading = true; });
    this._badge.addEventListener("platxa-retry", () => this._retryNow());
    window.addEventListener("online", () => this._retryNow());
    if (this.forcePolling) this._poll();
    else this._connect();
    return this;
  }

  /** Morph a `dom_update` into the body unless the page already shows that version. */
  apply(message) {
    if (!message || message.type !== "dom_update" || typeof message.html !== "string") return false;
    if (message.epoch === this.epoch && message.version <= this.version) return false;
    // Parsed exactly as the server's page is (`<body>` + html), in an inert document: nothing
    // loads or runs until the morph puts nodes into the live page.
    const parsed = new DOMParser().parseFromString(
      `<!DOCTYPE html><html><head></head><body>${message.html}</body></html>`, "text/html");
    for (const script of parsed.body.querySelectorAll("script")) script.remove();
    morph(this.document.body, parsed.body, { childrenOnly: true });
    this.version = message.version;
    this.epoch = message.epoch;
    this.updates += 1;
    this.document.dispatchEvent(new CustomEvent("platxa-push:update", { detail: { version: this.version } }));
    return true;
  }

  _receive(message) {
    if (message?.type === "dom_update") this.apply(message);
    else if (message?.type === "status") this._live(message.viewers);
    else if (message?.type === "error") console.warn(`platxa push: ${message.message}`);
  }

  _live(viewers) {
    const detail = Number.isInteger(viewers) ? `${viewers} viewer${viewers === 1 ? "" : "s"}` : this.transport;
    this._badge.setState("live", detail);
  }

  _setTransport(transport) {
    this.transport = transport;
    this.document.documentElement.dataset.platxaTransport = transport;
  }

  // -- WebSocket ---------------------------------------------------------------------------------

  _connect() {
    clearTimeout(this._timer);
    this._timer = null;
    const url = new URL("ws", this.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    this._socket = socket;
    let opened = false;
    // A proxy may neither accept nor refuse the upgrade: give up on it after a while.
    const timeout = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      opened = true;
      this._everOpened = true;
      clearTimeout(timeout);
      this._setTransport("websocket");
      socket.send(JSON.stringify({ type: "hello", version: this.version, epoch: this.epoch, page_id: null }));
    };
    socket.onmessage = (event) => {
      this._failures = 0;
      try {
        this._receive(JSON.parse(event.data));
      } catch (error) {
        console.warn("platxa push: a message could not be applied", error);
      }
    };
    socket.onerror = () => {}; // always followed by close, which decides
    socket.onclose = () => {
      clearTimeout(timeout);
      socket.onopen = socket.onmessage = socket.onclose = null;
      if (socket !== this._socket) return;
      this._socket = null;
      if (this._unloading) return;
      // Never opened on this page: WebSockets do not get through. Polling does the same job.
      if (!opened && !this._everOpened) this._poll();
      else this._retryLater(() => this._connect());
    };
  }

  // -- long polling ------------------------------------------------------------------------------

  async _poll() {
    this._setTransport("polling");
    this._badge.setState("connecting", "polling");
    while (!this._unloading) {
      const url = new URL("poll", this.base);
      url.searchParams.set("version", String(this.version));
      if (this.epoch) url.searchParams.set("epoch", this.epoch);
      url.searchParams.set("wait", String(POLL_WAIT_SECONDS));
      try {
        const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
        if (response.status === 200) this._receive(await response.json());
        else if (response.status !== 204) throw new Error(`HTTP ${response.status}`);
        this._failures = 0;
        this._live(null);
      } catch (error) {
        if (this._unloading) return;
        console.warn(`platxa push: poll failed (${error.message}); retrying`);
        await new Promise((resolve) => this._retryLater(resolve));
      }
    }
  }

  // -- retries -----------------------------------------------------------------------------------

  _retryLater(retry) {
    const delay = backoffDelay(this._failures);
    this._failures += 1;
    const offline = this._failures >= OFFLINE_AFTER_FAILURES || this.window.navigator.onLine === false;
    this._badge.setState(offline ? "offline" : "reconnecting", `next try in ${(delay / 1000).toFixed(1)} s`);
    clearTimeout(this._timer);
    this._pendingRetry = retry;
    this._timer = setTimeout(() => {
      this._timer = null;
      this._pendingRetry = null;
      retry();
    }, delay);
  }

  _retryNow() {
    const retry = this._pendingRetry;
    if (!retry || this._unloading) return;
    clearTimeout(this._timer);
    this._timer = null;
    this._pendingRetry = null;
    retry();
  }
}

function startFromScript(document) {
  const script = document.querySelector("script[data-platxa-push]");
  if (!script) return null; // imported as a library
  const version = Number.parseInt(script.dataset.version ?? "0", 10);
  const forced = new URLSearchParams(document.defaultView.location.search).get(TRANSPORT_PARAMETER);
  const client = new PushClient({
    base: new URL("../", import.meta.url), // push.js is served at <root>/_platxa/push.js
    version: Number.isInteger(version) && version >= 0 ? version : 0,
    epoch: script.dataset.epoch || null,
    forcePolling: forced === "poll",
    document,
  });
  globalThis.platxaPush = client;
  return client.start();
}

if (typeof document !== "undefined") startFromScript(document);
