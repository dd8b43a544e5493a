// The connection status badge: a small pill in a corner saying whether the page is live.
//
// Users of live-reload tools ask for a persistent "disconnected" sign: without one, a page that
// silently stopped updating looks like an edit that did nothing. States: connecting, live,
// reconnecting, offline. It sits in a shadow root so theme CSS cannot restyle or hide it.

import { attachStyledShadow, element, singleton } from "./shadow.js";

export const BADGE_TAG = "platxa-status-badge";
export const BADGE_STATES = Object.freeze(["connecting", "live", "reconnecting", "offline"]);

const LABELS = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const CSS = `
:host { bottom: 12px !important; right: 12px !important; }
.badge { display: flex; align-items: center; gap: 6px; padding: 3px 10px 3px 8px;
         border-radius: 999px; background: rgba(20, 20, 24, 0.82); color: #fff;
         box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
.status { display: flex; align-items: center; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #9ca3af; flex: none; }
:host([data-state="live"]) .dot { background: #22c55e; }
:host([data-state="connecting"]) .dot, :host([data-state="reconnecting"]) .dot { background: #f59e0b; }
:host([data-state="offline"]) .dot { background: #ef4444; }
/* Live is the normal state: it stays visible but steps back until pointed at. */
:host([data-state="live"]) .badge { opacity: 0.55; }
:host([data-state="live"]:hover) .badge { opacity: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip-path: inset(50%); white-space: nowrap; }
button { font: inherit; color: inherit; background: transparent; border: 1px solid currentColor;
         border-radius: 999px; padding: 0 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #60a5fa; outline-offset: 2px; }
button[hidden] { display: none; }
`;

/** `<platxa-status-badge>`: `setState(state, detail)`; clicking "Retry" fires `platxa-retry`. */
export class StatusBadge extends HTMLElement {
  constructor() {
    super();
    const document = this.ownerDocument;
    const root = attachStyledShadow(this, CSS);
    this._label = element(document, "span", { class: "label" });
    this._retry = element(document, "button", { type: "button", hidden: "" }, ["Retry"]);
    this._retry.addEventListener("click", () => {
      this.dispatchEvent(new CustomEvent("platxa-retry", { bubbles: true, composed: true }));
    });
    // Only the label is the live region; the Retry button beside it is not announced.
    const status = element(document, "span", { class: "status", role: "status", "aria-live": "polite" }, [
      element(document, "span", { class: "dot", "aria-hidden": "true" }),
      element(document, "span", { class: "visually-hidden" }, ["Live preview: "]),
      this._label,
    ]);
    root.append(element(document, "div", { class: "badge" }, [status, this._retry]));
  }

  connectedCallback() {
    // Not in the constructor: an element made by createElement must not get attributes there.
    if (!this.state) this.setState("connecting");
  }

  get state() {
    return this.getAttribute("data-state");
  }

  /** Show `state` (one of BADGE_STATES); `detail` (e.g. "2 viewers") goes in the tooltip. */
  setState(state, detail = "") {
    if (!BADGE_STATES.includes(state)) throw new Error(`unknown badge state ${state}`);
    this.setAttribute("data-state", state);
    this._label.textContent = LABELS[state];
    const title = `Live preview: ${LABELS[state].replace("…", "")}${detail ? ` (${detail})` : ""}`;
    this.title = title;
    this._retry.hidden = state === "live" || state === "connecting";
  }
}

/** The page's status badge, created on first use. */
export function ensureBadge(document) {
  return singleton(document, BADGE_TAG, StatusBadge);
}
