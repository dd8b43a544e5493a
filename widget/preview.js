// The notebook front end of the ThemePreview and LiveHTML widgets (anywidget: `render({model, el})`).
//
// The page is shown in an iframe with `srcdoc` and `sandbox="allow-scripts"` (never
// allow-same-origin: the page cannot touch the notebook, its cookies or its storage). The frame
// is loaded once; afterwards every change crosses as a postMessage to the receiver inside it
// (frame.js), which applies it without reloading: token and theme CSS swap their <style> layer,
// page and section changes are morphed in (scroll, focus and typed values kept), errors show as
// an overlay naming file and line. Only a structural change (another page, a new document head)
// loads the frame again.
//
// This file imports nothing: anywidget loads `_esm` from a Blob URL, where relative imports do
// not resolve. The frame's modules (frame.js and the css/morph/overlay modules it imports) reach
// the page inside `_document`, linked by the kernel into one data: URL module
// (platxa_preview/widget.py, `frame_module_url`).
//
// The model (traits written by the kernel; this file never writes any):
//   _document   the page's HTML with empty CSS layers and the frame's <script> (channel "")
//   _theme_css  the theme layer (compiled SCSS or the built-in layer)   -> style#platxa-theme-css
//   _token_css  the instant layer of the design tokens                  -> style#platxa-tokens
//   _patch      {version, messages}: the protocol messages of the last page change; a version
//               that does not follow the one shown (or a `reload`) loads the frame again
//   errors      [{file, line, message, code}] shown in the overlay; [] clears it
//   viewport    "desktop" (1280) | "tablet" (768) | "mobile" (375) | "fit" | a width in px;
//   height      the shown height in px
//   html        (LiveHTML only) the body's content, morphed in on change
// Frame replies are dispatched on `el` as `platxa-preview:frame` events (detail: the reply);
// `el.platxaPreview` is the view (for tests and tools).

const CHANNEL_KEY = "platxaFrame"; // as in frame.js
const CHANNEL_PLACEHOLDER = 'data-platxa-channel=""';
// The width the page is laid out at (its media queries see it); shown scaled down to fit the
// output area when that is narrower, as a designer's device preview does.
// "fit": the output area's own width, unscaled.
export const VIEWPORT_WIDTHS = Object.freeze({ desktop: 1280, tablet: 768, mobile: 375, fit: null });
const LAYERS = Object.freeze({ theme: ["_theme_css", "platxa-theme-css"], tokens: ["_token_css", "platxa-tokens"] });
const MORPHS = new Set(["section_update", "dom_update"]);

export class PreviewView {
  constructor(model, el) {
    this.model = model;
    this.el = el;
    this.window = el.ownerDocument.defaultView;
    this.ready = false;
    this.loads = 0; // how many times the frame was (re)loaded
    this.shown = 0; // the _patch version the frame shows
    this.probe = null; // {selector, property}: read back after each CSS swap (benchmarks)
    this._queue = [];
    this._nextId = 1;
    this._listeners = [];

    const document = el.ownerDocument;
    this.frame = document.createElement("iframe");
    this.frame.setAttribute("sandbox", "allow-scripts");
    this.frame.setAttribute("referrerpolicy", "no-referrer");
    this.frame.setAttribute("title", "Theme preview");
    this.frame.className = "platxa-preview-frame";
    this.frame.style.cssText =
      "display:block;border:0;background:#fff;max-width:none;transform-origin:0 0;";
    this.screen = document.createElement("div"); // the frame's box at its shown (scaled) size
    this.screen.style.cssText = "overflow:hidden;flex:none;box-shadow:0 0 0 1px #d1d5db;";
    this.screen.append(this.frame);
    this.container = document.createElement("div");
    this.container.className = "platxa-preview";
    this.container.style.cssText =
      "display:flex;justify-content:center;background:#e5e7eb;box-sizing:border-box;width:100%;";
    this.container.append(this.screen);
    el.replaceChildren(this.container);
    this._resizeObserver = new this.window.ResizeObserver(() => this.resize());
    this._resizeObserver.observe(this.container);
    el.platxaPreview = this;

    this._onMessage = (event) => this._receive(event);
    this.window.addEventListener("message", this._onMessage);
    this._on("change:_token_css", () => this._css("tokens"));
    this._on("change:_theme_css", () => this._css("theme"));
    this._on("change:_patch", () => this._patch());
    this._on("change:errors", () => this._errors());
    this._on("change:html", () => this.post({ type: "dom_update", page_id: "body", html: this.model.get("html") ?? "" }));
    this._on("change:viewport", () => this.resize());
    this._on("change:height", () => this.resize());
    this.resize();
    this.load();
  }

  /** (Re)load the frame from the model's current state. */
  load() {
    this.ready = false;
    this._queue = [];
    this.loads += 1;
    this.channel = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    this.shown = this.model.get("_patch")?.version ?? 0;
    this.frame.srcdoc = this.documentHtml();
  }

  /** The frame's document: `_document` with its CSS layers, body content and channel filled in. */
  documentHtml() {
    let html = this.model.get("_document") ?? "";
    for (const [trait, id] of Object.values(LAYERS)) html = fillStyle(html, id, this.model.get(trait) ?? "");
    const body = this.model.get("html");
    if (typeof body === "string") html = html.replace("<body></body>", () => `<body>${body}</body>`);
    return html.replace(CHANNEL_PLACEHOLDER, () => `data-platxa-channel="${this.channel}"`);
  }

  /** Lay the page out at the viewport's width; scale it down when the output area is narrower. */
  resize() {
    const viewport = this.model.get("viewport") ?? "desktop";
    const width = typeof viewport === "number" ? viewport : (VIEWPORT_WIDTHS[viewport] ?? null);
    const height = this.model.get("height") ?? 600;
    const available = this.container.clientWidth || width || 0;
    const scale = width ? Math.min(1, available / width) : 1;
    this.scale = scale;
    this.frame.style.width = width ? `${width}px` : "100%";
    this.frame.style.height = `${Math.round(height / scale)}px`;
    this.frame.style.transform = scale < 1 ? `scale(${scale})` : "";
    this.screen.style.width = width ? `${Math.floor(width * scale)}px` : "100%";
    this.screen.style.height = `${height}px`;
    this.container.dataset.viewport = String(viewport);
  }

  /** Send `message` to the frame (queued until it is ready); returns its id. */
  post(message) {
    const id = this._nextId++;
    const full = { ...message, id, [CHANNEL_KEY]: this.channel };
    if (!this.ready) {
      // Only the latest CSS of a layer matters.
      if (message.type === "css_update") {
        this._queue = this._queue.filter((queued) => !(queued.type === "css_update" && queued.layer === message.layer));
      }
      this._queue.push(full);
    } else {
      this.frame.contentWindow.postMessage(full, "*");
    }
    return id;
  }

  destroy() {
    for (const [name, callback] of this._listeners) this.model.off(name, callback);
    this._listeners = [];
    this.window.removeEventListener("message", this._onMessage);
    this._resizeObserver.disconnect();
    if (this.el.platxaPreview === this) delete this.el.platxaPreview;
    this.el.replaceChildren();
  }

  // -- internals -------------------------------------------------------------------------------

  _on(name, callback) {
    this.model.on(name, callback);
    this._listeners.push([name, callback]);
  }

  _css(layer) {
    const css = this.model.get(LAYERS[layer][0]) ?? "";
    this.post({ type: "css_update", layer, css, ...(this.probe ? { probe: this.probe } : {}) });
  }

  _patch() {
    const patch = this.model.get("_patch") ?? {};
    const version = patch.version ?? 0;
    if (version <= this.shown) return; // already in the document the frame was loaded with
    const messages = Array.isArray(patch.messages) ? patch.messages : [];
    if (version !== this.shown + 1 || messages.some((message) => message.type === "reload")) {
      this.load(); // missed a change, or the change needs a new document
      return;
    }
    this.shown = version;
    for (const message of messages) this.post(message);
  }

  _errors() {
    this.post({ type: "status", errors: this.model.get("errors") ?? [] });
  }

  _receive(event) {
    if (event.source !== this.frame.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data[CHANNEL_KEY] !== this.channel) return;
    if (data.type === "ready") {
      this.ready = true;
      const errors = this.model.get("errors") ?? [];
      if (errors.length) this._queue.unshift({ type: "status", errors, id: this._nextId++, [CHANNEL_KEY]: this.channel });
      for (const message of this._queue.splice(0)) this.frame.contentWindow.postMessage(message, "*");
    } else if (data.type === "failed" && MORPHS.has(data.message_type)) {
      // As the live client does when a morph fails: show the current page whole instead.
      console.warn("platxa preview: the frame could not apply a change, reloading it:", data.message);
      this.load();
    }
    this.el.dispatchEvent(new CustomEvent("platxa-preview:frame", { detail: data }));
  }
}

function fillStyle(html, id, css) {
  const empty = `<style id="${id}"></style>`;
  // CSS never legitimately contains "</style"; escaped, it cannot end the element early.
  const text = css.replaceAll("</style", "<\\/style");
  return html.replace(empty, () => `<style id="${id}">${text}</style>`);
}

function render({ model, el }) {
  const view = new PreviewView(model, el);
  return () => view.destroy();
}

export default { render };
