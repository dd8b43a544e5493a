// The receiver inside a notebook preview's iframe: applies what the widget posts to it.
//
// The notebook widget (preview.js) shows the page in an iframe with `srcdoc` and
// `sandbox="allow-scripts"` (never allow-same-origin): the page runs in an opaque origin and
// cannot reach the notebook, so the notebook cannot reach into the page either. Updates cross as
// postMessage: this module, loaded by the page as
//   <script type="module" nonce="…" src="data:…" data-platxa-channel="…" data-root="#wrapwrap">
// applies them with the same code as the browser live client (css.js swaps a CSS layer,
// morph.js patches the DOM keeping scroll, focus and typed values, overlay.js shows errors), and
// answers each one, so the widget knows the page is loaded and what it has applied.
//
// Messages in: the server's protocol messages (docs/protocol.md) `css_update`,
// `section_update`, `dom_update` (page_id "body": the body's content, as LiveHTML sends it;
// otherwise the outer HTML of the root element), `error`, `status` (`errors` shown, [] clears),
// plus `probe {selector, property}` (the computed value of a property, for tests and benchmarks).
// Each may carry `id` and `probe`. Messages out: `ready` once, then `applied {id, message_type,
// version, value, at}`
// (`at`: when, in wall-clock ms) or `failed {id, message_type, message}` for each message in.

import { applyCss } from "./css.js";
import { morph } from "./morph.js";
import { ensureOverlay } from "./overlay.js";

/** The key every message of the bridge carries (its value: the frame's channel). */
export const CHANNEL_KEY = "platxaFrame";

/** Start the receiver in `window` (a preview frame); returns a function that stops it. */
export function startFrame({ window = globalThis.window, channel, root = "#wrapwrap" }) {
  const document = window.document;
  const parent = window.parent;
  const reply = (message) => parent.postMessage({ [CHANNEL_KEY]: channel, ...message }, "*");
  const context = { document, root };

  const onMessage = (event) => {
    // Only the widget that made this frame talks to it (the page itself runs no other script).
    if (event.source !== parent) return;
    const message = event.data;
    if (!message || typeof message !== "object" || message[CHANNEL_KEY] !== channel) return;
    const handler = HANDLERS[message.type];
    if (!handler) {
      return reply({ type: "failed", id: message.id, message_type: message.type, message: `unknown message ${message.type}` });
    }
    try {
      handler(context, message);
    } catch (error) {
      console.warn("platxa preview frame:", error);
      return reply({ type: "failed", id: message.id, message_type: message.type, message: String(error?.message ?? error) });
    }
    const value = message.probe ? probe(document, message.probe) : undefined;
    // `at`: when it was applied, as wall-clock milliseconds (comparable across frames).
    const at = window.performance.timeOrigin + window.performance.now();
    reply({ type: "applied", id: message.id, message_type: message.type, version: message.version, value, at });
  };

  // A preview is a picture of the site, not a browser: following a link would take the frame
  // (and the bridge with it) away from the page. Links inside the page (#anchors) still work.
  const onClick = (event) => {
    const link = event.target?.closest?.("a[href]");
    if (link && !link.getAttribute("href").startsWith("#")) event.preventDefault();
  };
  const onSubmit = (event) => event.preventDefault();

  window.addEventListener("message", onMessage);
  document.addEventListener("click", onClick, true);
  document.addEventListener("submit", onSubmit, true);
  reply({ type: "ready" });
  return () => {
    window.removeEventListener("message", onMessage);
    document.removeEventListener("click", onClick, true);
    document.removeEventListener("submit", onSubmit, true);
  };
}

// One function per message type, as in live.js.
const HANDLERS = {
  css_update({ document }, { layer, css }) {
    applyCss(document, layer, css ?? "");
  },
  section_update({ document }, { section_id: sectionId, html }) {
    const target = document.querySelector(`[data-section-id="${CSS.escape(String(sectionId))}"]`);
    if (!target) throw new Error(`no section ${sectionId} on the page`);
    morph(target, html);
  },
  dom_update({ document, root }, { page_id: pageId, html }) {
    if (pageId === "body") {
      // The body's content, parsed as a page would be, in an inert document (nothing loads or
      // runs until the morph puts nodes into the page; scripts are dropped).
      const parsed = new DOMParser().parseFromString(
        `<!DOCTYPE html><html><head></head><body>${html}</body></html>`, "text/html");
      for (const script of parsed.body.querySelectorAll("script")) script.remove();
      morph(document.body, parsed.body, { childrenOnly: true });
      return;
    }
    const target = document.querySelector(root);
    if (!target) throw new Error(`no ${root} on the page`);
    morph(target, html);
  },
  error({ document }, message) {
    ensureOverlay(document).show([message]);
  },
  status({ document }, { errors }) {
    if (!Array.isArray(errors)) return;
    // No overlay element is created while there is nothing to show.
    if (errors.length || document.querySelector("platxa-error-overlay")) ensureOverlay(document).show(errors);
  },
  probe() {}, // the value is read after every message that asks for one
};

function probe(document, { selector = ":root", property }) {
  const element = document.querySelector(selector);
  return element ? document.defaultView.getComputedStyle(element).getPropertyValue(property) : null;
}

// -- start from the page's <script> tag ---------------------------------------------------------

function startFromScript(document) {
  const script = document.querySelector("script[data-platxa-channel]");
  if (!script || document.defaultView.parent === document.defaultView) return null;
  return startFrame({
    window: document.defaultView,
    channel: script.dataset.platxaChannel,
    root: script.dataset.root || "#wrapwrap",
  });
}

if (typeof document !== "undefined") startFromScript(document);
