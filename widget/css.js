// CSS hot-swap: the page's live stylesheet layers, replaced in place.
//
// Each layer is one <style> element with a fixed id. Replacing its text is synchronous: the
// browser restyles with the new rules at the next frame, and at no point is the page without
// the layer (no flash of unstyled content, unlike removing a <link> before its successor loads).

/** The id of the <style> element holding each layer (the server renders the same ids). */
export const LAYER_STYLE_IDS = Object.freeze({
  tokens: "platxa-tokens", // instant CSS custom properties from the design tokens
  theme: "platxa-theme-css", // the compiled SCSS
});

/**
 * Replace the CSS of `layer` ("tokens" or "theme") in `document`; the <style> element is created
 * at the end of <head> when missing. `options.nonce` is set on a created element, for pages
 * whose Content-Security-Policy lists a style nonce. Returns the <style> element.
 */
export function applyCss(document, layer, css, options = {}) {
  const id = LAYER_STYLE_IDS[layer];
  if (!id) throw new Error(`applyCss: unknown CSS layer ${JSON.stringify(layer)}`);
  let style = document.querySelector(`style#${id}`);
  if (!style) {
    style = document.createElement("style");
    style.id = id;
    if (options.nonce) style.nonce = options.nonce;
    (document.head ?? document.documentElement).append(style);
  }
  // Same text: touching it would still make the browser re-parse and restyle the whole page.
  if (style.textContent !== css) style.textContent = css;
  return style;
}
