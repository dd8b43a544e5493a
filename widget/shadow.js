// Shadow roots for the live client's own UI (status badge, error overlay).
//
// The theme's CSS is whatever the designer wrote, including `* {…}` and `div {…}` rules. Inside a
// shadow root none of it matches; `:host` rules marked !important also beat the page's own
// !important rules on the host element, and `all: initial` stops inherited fonts and colours.

const HOST_RESET = `
:host { all: initial !important; position: fixed !important; z-index: 2147483647 !important;
        display: block !important; font: 13px/1.4 system-ui, sans-serif !important; }
:host([hidden]) { display: none !important; }
`;

/** Attach an open shadow root to `host` with `css` (plus the host reset); returns the root. */
export function attachStyledShadow(host, css) {
  const root = host.attachShadow({ mode: "open" }); // open: tests and tools can look inside
  const text = HOST_RESET + css;
  // A constructed stylesheet is not an inline <style>, so a strict style-src CSP allows it.
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = host.ownerDocument.createElement("style");
    style.textContent = text;
    root.append(style);
  }
  return root;
}

/** Create an element with attributes and children (strings become text, never HTML). */
export function element(document, tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The single instance of custom element `tag` in `document`, created on first use. */
export function singleton(document, tag, elementClass) {
  const registry = document.defaultView.customElements;
  if (!registry.get(tag)) registry.define(tag, elementClass);
  let host = document.querySelector(tag);
  if (!host) {
    host = document.createElement(tag);
    // Beside <body>, not in it: a morph of the body (a page without #wrapwrap) cannot drop it.
    document.documentElement.append(host);
  }
  return host;
}
