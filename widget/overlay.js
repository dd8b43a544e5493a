// The error overlay: what broke (file:line and message) over the last good page.
//
// A failed SCSS compile or template render keeps the previous page on screen, so without a
// visible sign the designer would think the edit did nothing. The panel covers only the bottom
// of the page (the last good page stays readable above it), is announced (role=alert) without
// taking focus away from whatever the user is typing in, and is dismissed with its button or
// Escape. Text goes in as text, never as HTML: error messages quote user input.

import { attachStyledShadow, element, singleton } from "./shadow.js";

export const OVERLAY_TAG = "platxa-error-overlay";

const CSS = `
:host { left: 12px !important; right: 12px !important; bottom: 48px !important;
        z-index: 2147483646 !important; }
.panel { max-width: 860px; margin: 0 auto; max-height: 45vh; overflow: auto; box-sizing: border-box;
         background: #1f1416; color: #fde8e8; border: 1px solid #f87171; border-left-width: 6px;
         border-radius: 8px; box-shadow: 0 8px 30px rgba(0, 0, 0, 0.35); padding: 10px 14px; }
header { display: flex; align-items: center; justify-content: space-between; gap: 12px; }
h2 { font-size: 14px; margin: 0; color: #fca5a5; }
ol { margin: 8px 0 0; padding: 0; list-style: none; }
li + li { margin-top: 10px; padding-top: 10px; border-top: 1px solid rgba(248, 113, 113, 0.3); }
.location { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; color: #fecaca; }
.code { font-size: 11px; margin-left: 8px; padding: 0 6px; border-radius: 4px;
        background: rgba(248, 113, 113, 0.2); }
pre { margin: 4px 0 0; white-space: pre-wrap; word-break: break-word;
      font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; color: #fff; }
button { font: inherit; color: inherit; background: transparent; border: 1px solid currentColor;
         border-radius: 6px; padding: 1px 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #60a5fa; outline-offset: 2px; }
`;

/** `<platxa-error-overlay>`: `show(errors)`, `clear()`, `dismiss()`; `errors` is what is shown. */
export class ErrorOverlay extends HTMLElement {
  constructor() {
    super();
    const document = this.ownerDocument;
    const root = attachStyledShadow(this, CSS);
    this.errors = [];
    this._dismissed = null; // the errors the user dismissed: the same ones again stay hidden
    this._list = element(document, "ol");
    const close = element(document, "button", { type: "button", "aria-label": "Dismiss (Escape)" }, ["×"]);
    close.addEventListener("click", () => this.dismiss());
    this._panel = element(document, "div", { class: "panel", role: "alert" }, [
      element(document, "header", {}, [element(document, "h2", {}, ["Preview error"]), close]),
      this._list,
    ]);
    root.append(this._panel);
    this._onKeydown = (event) => {
      if (event.key === "Escape" && !event.defaultPrevented && !this.hidden) this.dismiss();
    };
  }

  connectedCallback() {
    this.hidden = this.errors.length === 0;
    this.ownerDocument.addEventListener("keydown", this._onKeydown);
  }

  disconnectedCallback() {
    this.ownerDocument.removeEventListener("keydown", this._onKeydown);
  }

  /** Show `errors` ({file, line, message, code} each); an empty list clears the overlay. */
  show(errors) {
    const list = (Array.isArray(errors) ? errors : [errors]).filter(Boolean);
    if (list.length === 0) return this.clear();
    const signature = JSON.stringify(list);
    // A status repeating errors already dismissed must not bring the panel back.
    if (signature === this._dismissed) return;
    this._dismissed = null;
    this.errors = list;
    const document = this.ownerDocument;
    this._list.replaceChildren(...list.map((error) => this._item(document, error)));
    this.hidden = false;
  }

  clear() {
    this.errors = [];
    this._dismissed = null;
    this._list.replaceChildren();
    this.hidden = true;
  }

  dismiss() {
    this._dismissed = JSON.stringify(this.errors);
    this.hidden = true;
  }

  _item(document, { file, line, message, code }) {
    const where = file ? `${file}${line != null ? `:${line}` : ""}` : "";
    const heading = element(document, "div", {}, where ? [element(document, "span", { class: "location" }, [where])] : []);
    if (code) heading.append(element(document, "span", { class: "code" }, [String(code)]));
    return element(document, "li", {}, [heading, element(document, "pre", {}, [String(message ?? "")])]);
  }
}

/** The page's error overlay, created (hidden) on first use. */
export function ensureOverlay(document) {
  return singleton(document, OVERLAY_TAG, ErrorOverlay);
}
