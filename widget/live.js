// The browser live client of a preview page (protocol: docs/protocol.md).
//
// Loaded by the page as
//   <script type="module" nonce="…" src="/_platxa/live.js" data-ws-url="…" data-page-id="…"
//           data-version="12" data-epoch="a1b2c3"></script>
// it connects to the session's WebSocket, says `hello` with the last version it applied on every
// (re)connect, and applies what the server sends: CSS layer swaps, section and page morphs,
// reloads that keep the scroll position, errors in an overlay, the connection state in a badge.
// The client is `window.platxaLive` (an EventTarget: "message" and "state" events).
//
// Optional attributes: data-root (the element a dom_update morphs, default "#wrapwrap") and
// data-apply="false" (connect and report, but never touch the page: for the editor page).

import { ensureBadge } from "./badge.js";
import { applyCss } from "./css.js";
import { morph, restoreScroll, saveScroll } from "./morph.js";
import { ensureOverlay } from "./overlay.js";

// Reconnection: exponential backoff with full jitter. The n-th retry (n = 0, 1, …) waits a
// random time in [0, min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2^n)): every tab of a restarted
// server does not come back at the same instant, and a server that stays down costs one
// attempt per ~10 s per tab. The count resets once the server has answered a hello.
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
export const CONNECT_TIMEOUT_MS = 10_000; // a handshake that neither opens nor fails is abandoned
export const OFFLINE_AFTER_FAILURES = 6; // then the badge says offline (retries go on)
const OUTBOX_LIMIT = 100; // editor messages kept while disconnected, sent after the next hello
const SCROLL_KEY_PREFIX = "platxa-live:scroll:"; // sessionStorage, per page URL
const RESTORE_SCROLL_MS = 1500; // how long a reloaded page keeps re-applying the saved scroll

/** The delay before retry number `attempt` (0-based), with full jitter. */
export function backoffDelay(attempt, random = Math.random) {
  return Math.floor(random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export class LiveClient extends EventTarget {
  /**
   * `wsUrl` (absolute or relative to the page), `pageId`, `version` and `epoch` (what the page
   * was rendered from), `root` (selector of the element a dom_update morphs), `apply` (false: do
   * not touch the page), `nonce` (for <style> elements created under a CSP), `document`.
   */
  constructor({ wsUrl, pageId = null, version = 0, epoch = null, root = "#wrapwrap", apply = true,
                nonce = "", document = globalThis.document }) {
    super();
    this.document = document;
    this.window = document.defaultView;
    this.wsUrl = websocketUrl(wsUrl, this.window.location);
    this.pageId = pageId;
    this.version = version;
    this.epoch = epoch;
    this.rootSelector = root;
    this.apply = apply;
    this.nonce = nonce;
    this.state = "connecting";
    this.socket = null;
    this._failures = 0;
    this._timer = null;
    this._closed = false;
    this._unloading = false;
    this._outbox = [];
    this._badge = ensureBadge(document);
    this._overlay = apply ? ensureOverlay(document) : null;
  }

  /** Connect and keep connected until `close()`. */
  start() {
    const { window } = this;
    this._badge.addEventListener("platxa-retry", () => this._retryNow());
    // Retrying while the tab is hidden or the machine offline only burns attempts; coming back
    // is the moment to try again at once.
    this.document.addEventListener("visibilitychange", () => {
      if (!this.document.hidden) this._retryNow();
    });
    window.addEventListener("online", () => this._retryNow());
    // A page being reloaded or left closes its socket: that is not a lost connection.
    window.addEventListener("pagehide", () => { this._unloading = true; });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        this._unloading = false;
        this._retryNow();
      }
    });
    this._connect();
    return this;
  }

  /** Disconnect for good (no reconnection). */
  close() {
    this._closed = true;
    clearTimeout(this._timer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close();
    }
    this._setState("offline", "closed");
  }

  /** Send a client message (the editor's token_update, page_update, ...). Returns true when sent
   * now, false when queued until the connection is back. */
  send(message) {
    const text = JSON.stringify(message);
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(text);
      return true;
    }
    this._outbox.push(text);
    if (this._outbox.length > OUTBOX_LIMIT) this._outbox.shift();
    return false;
  }

  // -- connection ------------------------------------------------------------------------------

  _connect() {
    clearTimeout(this._timer);
    this._timer = null;
    const socket = new WebSocket(this.wsUrl);
    this.socket = socket;
    let answered = false;
    const timeout = setTimeout(() => socket.close(), CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      clearTimeout(timeout);
      socket.send(JSON.stringify({
        type: "hello", version: this.version, epoch: this.epoch, page_id: this.pageId,
      }));
      for (const text of this._outbox.splice(0)) socket.send(text);
      this._setState("live");
    };
    socket.onmessage = (event) => {
      if (!answered) {
        answered = true;
        this._failures = 0; // the server answered the hello: a healthy connection
      }
      this._receive(event.data);
    };
    // An error is always followed by a close event; the close decides what happens next.
    socket.onerror = () => {};
    socket.onclose = () => {
      clearTimeout(timeout);
      if (socket !== this.socket) return; // an old socket closing late
      detach(socket);
      this.socket = null;
      if (!this._closed && !this._unloading) this._scheduleReconnect();
    };
  }

  _scheduleReconnect() {
    const delay = backoffDelay(this._failures);
    this._failures += 1;
    const offline = this._failures >= OFFLINE_AFTER_FAILURES || this.window.navigator.onLine === false;
    this._setState(offline ? "offline" : "reconnecting", `next try in ${(delay / 1000).toFixed(1)} s`);
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._timer = null;
      if (this.document.hidden) return; // visibilitychange retries when the tab is shown
      this._connect();
    }, delay);
  }

  _retryNow() {
    if (this._closed || this._unloading || this.socket) return;
    this._connect();
  }

  _setState(state, detail = "") {
    const changed = state !== this.state;
    this.state = state;
    this._badge.setState(state, detail);
    if (changed) this.dispatchEvent(new CustomEvent("state", { detail: { state, detail } }));
  }

  // -- messages --------------------------------------------------------------------------------

  _receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn("platxa live: a message that is not JSON was ignored");
      return;
    }
    if (!message || typeof message !== "object") return;
    const forOtherPage = message.page_id != null && this.pageId != null && message.page_id !== this.pageId;
    const handler = HANDLERS[message.type];
    if (handler && !forOtherPage) {
      if (this.apply) handler(this, message);
      else if (message.type === "status") this._showStatus(message);
    }
    // The version is the session's change counter. A change to another page is still "seen":
    // it does not concern this page, so a reconnect need not catch up on it.
    if (Number.isInteger(message.version)) this.version = message.version;
    if (typeof message.epoch === "string") this.epoch = message.epoch;
    this.dispatchEvent(new CustomEvent("message", { detail: message }));
  }

  _showStatus(message) {
    if (this.state === "live") {
      const viewers = Number.isInteger(message.viewers) ? `${message.viewers} viewer${message.viewers === 1 ? "" : "s"}` : "";
      this._badge.setState("live", viewers);
    }
  }

  _morph(target, html) {
    if (!target) return this._reload("the element to update is not on the page");
    try {
      morph(target, html);
    } catch (error) {
      console.warn("platxa live: morph failed, reloading", error);
      return this._reload("morph failed");
    }
    this._overlay?.clear(); // the page rendered again: whatever was broken is fixed
  }

  _reload(reason = "") {
    if (reason) console.info(`platxa live: reloading (${reason})`);
    saveScrollForReload(this.document);
    this._unloading = true;
    this.window.location.reload();
  }
}

// One function per server message type (docs/protocol.md, "Server → client").
const HANDLERS = {
  css_update(client, { layer, css }) {
    applyCss(client.document, layer, css ?? "", { nonce: client.nonce });
    // Compiled SCSS arriving means the theme compiles again; the tokens layer is sent even
    // while the SCSS is broken, so it clears nothing.
    if (layer === "theme") client._overlay?.clear();
  },
  section_update(client, { section_id: sectionId, html }) {
    const target = client.document.querySelector(`[data-section-id="${CSS.escape(String(sectionId))}"]`);
    client._morph(target, html);
  },
  dom_update(client, { html }) {
    client._morph(client.document.querySelector(client.rootSelector), html);
  },
  reload(client) {
    client._reload();
  },
  error(client, message) {
    client._overlay.show([message]);
  },
  status(client, message) {
    if (Array.isArray(message.errors)) client._overlay.show(message.errors); // [] clears
    client._showStatus(message);
  },
};

function detach(socket) {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
}

/** `ws:`/`wss:` URL for `url`, which may be relative to the page (behind a proxy). */
export function websocketUrl(url, location) {
  const resolved = new URL(url, location.href);
  if (resolved.protocol === "http:") resolved.protocol = "ws:";
  if (resolved.protocol === "https:") resolved.protocol = "wss:";
  return resolved.href;
}

// -- scroll across a reload ---------------------------------------------------------------------

function scrollStorageKey(location) {
  return SCROLL_KEY_PREFIX + location.pathname + location.search;
}

/** Remember the window's and keyed elements' scroll offsets for the reloaded page. */
export function saveScrollForReload(document) {
  const { x, y, elements } = saveScroll(document.documentElement);
  const keyed = elements.filter((entry) => entry.key).map(({ key, top, left }) => ({ key, top, left }));
  const window = document.defaultView;
  try {
    window.sessionStorage.setItem(scrollStorageKey(window.location), JSON.stringify({ x, y, elements: keyed }));
    // The browser's own restoration would race ours (and lands wrong when late content shifts).
    window.history.scrollRestoration = "manual";
  } catch {
    // storage disabled (privacy mode, sandboxed frame): the reload simply starts at the top
  }
}

/** After a reload: re-apply the saved scroll until the page is tall enough, the user scrolls,
 * or RESTORE_SCROLL_MS passes (fonts and images arriving late change the page height). */
export function restoreScrollAfterReload(document) {
  const window = document.defaultView;
  let saved;
  try {
    const key = scrollStorageKey(window.location);
    saved = JSON.parse(window.sessionStorage.getItem(key) ?? "null");
    window.sessionStorage.removeItem(key);
  } catch {
    return;
  }
  if (!saved) return;
  const root = document.documentElement;
  const deadline = window.performance.now() + RESTORE_SCROLL_MS;
  const userEvents = ["wheel", "touchstart", "keydown", "pointerdown"];
  let done = false;
  const finish = () => {
    done = true;
    for (const type of userEvents) window.removeEventListener(type, finish, true);
    window.history.scrollRestoration = "auto";
  };
  for (const type of userEvents) window.addEventListener(type, finish, { capture: true, passive: true });
  const reached = () =>
    window.scrollX === saved.x && window.scrollY === saved.y &&
    saved.elements.every(({ key, top, left }) => {
      const target = findKeyed(document, key);
      return !target || (target.scrollTop === top && target.scrollLeft === left);
    });
  const attempt = () => {
    if (done) return;
    restoreScroll(saved, root);
    if (window.performance.now() > deadline || (document.readyState === "complete" && reached())) {
      finish();
    } else {
      window.requestAnimationFrame(attempt);
    }
  };
  attempt();
}

function findKeyed(document, key) {
  const at = key.indexOf("=");
  return document.querySelector(`[${key.slice(0, at)}="${CSS.escape(key.slice(at + 1))}"]`);
}

// -- start from the page's <script> tag ---------------------------------------------------------

function ownScript(document) {
  // A module script has no document.currentScript: find the tag by its URL.
  const scripts = [...document.querySelectorAll("script[data-ws-url]")];
  return scripts.find((script) => script.src === import.meta.url) ?? scripts[0] ?? null;
}

function startFromScript(document) {
  const script = ownScript(document);
  if (!script) return null; // imported as a library (the notebook widget, tests)
  const data = script.dataset;
  const version = Number.parseInt(data.version ?? "0", 10);
  const client = new LiveClient({
    wsUrl: data.wsUrl,
    pageId: data.pageId || null,
    version: Number.isInteger(version) && version >= 0 ? version : 0,
    epoch: data.epoch || null,
    root: data.root || "#wrapwrap",
    apply: data.apply !== "false",
    nonce: script.nonce,
    document,
  });
  if (client.apply) restoreScrollAfterReload(document);
  globalThis.platxaLive = client;
  return client.start();
}

if (typeof document !== "undefined") startFromScript(document);
