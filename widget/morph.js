// DOM morph: update a live element tree in place to match new HTML, keeping what the user has.
//
// Replacing innerHTML would reset scroll positions, drop focus and the caret, throw away what
// was typed into form fields and restart iframes. Instead the old tree is walked against the new
// one and only the differences are applied: matched elements stay the same objects, so the
// browser keeps their state by itself. Matching, in order of preference:
//   1. keys: `id` or `data-section-id`, looked up anywhere in the old tree (a keyed element
//      that moved to another parent is moved, not recreated);
//   2. position: the next unkeyed old sibling of the same kind, skipping one that is clearly an
//      insertion or a removal (an exact match one step ahead).
// What the browser cannot keep by itself is saved before and restored after: window and element
// scroll offsets, the focused element and its selection, and typed values of form controls
// that had to be recreated.
//
// Form controls: only attributes are synced, never the `value`/`checked`/`selected`
// properties. A control the user changed has its "dirty" flag set, so a new `value`/`checked`
// attribute no longer changes what it shows; an untouched control follows the new attribute.
// That is exactly "keep what was typed, show what the server changed".
//
// Scripts in the new HTML are dropped, never run (a page whose scripts change needs a reload).

const PRESERVE_ATTRIBUTE = "data-preview-preserve"; // an island the morph never touches
const KEY_ATTRIBUTES = ["id", "data-section-id"];
const FORM_CONTROLS = "input, textarea, select";

/** The key that identifies an element across renderings, or null. */
export function keyOf(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  for (const name of KEY_ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value) return `${name}=${value}`;
  }
  return null;
}

/**
 * Morph `oldElement` (a live element) into `newContent` (an HTML string holding one element,
 * or an element). Returns the element now in place: `oldElement` itself unless the tag changed.
 * Options: `childrenOnly` (keep `oldElement`'s own attributes, morph only its children).
 */
export function morph(oldElement, newContent, options = {}) {
  const document = oldElement.ownerDocument;
  const newElement = typeof newContent === "string" ? parseElement(document, newContent) : newContent;
  const saved = saveState(oldElement);
  const context = { document, keyed: indexKeys(oldElement), used: new Set() };
  let result = oldElement;
  if (options.childrenOnly) {
    morphChildren(oldElement, newElement, context);
  } else if (sameKind(oldElement, newElement)) {
    morphNode(oldElement, newElement, context);
  } else {
    result = createLike(newElement, context);
    oldElement.replaceWith(result);
  }
  restoreState(saved, result);
  return result;
}

/** Parse HTML holding exactly one element (whitespace and comments around it are ignored). */
export function parseElement(document, html) {
  // A <template> parses any fragment (even <tr>/<td>) without running scripts or loading images.
  const template = document.createElement("template");
  template.innerHTML = html;
  // Scripts never come in through an update: under 'strict-dynamic' a script element moved
  // into the page by a trusted module could run, and preview pages run no template scripts.
  for (const script of template.content.querySelectorAll("script")) script.remove();
  const elements = [...template.content.children];
  if (elements.length !== 1) {
    throw new Error(`morph: expected one element in the new HTML, found ${elements.length}`);
  }
  return elements[0];
}

// -- the walk ---------------------------------------------------------------------------------

function indexKeys(root) {
  const keyed = new Map();
  for (const element of root.querySelectorAll("[id], [data-section-id]")) {
    const key = keyOf(element);
    if (key && !keyed.has(key)) keyed.set(key, element);
  }
  return keyed;
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName &&
    (a.nodeType !== Node.ELEMENT_NODE || a.namespaceURI === b.namespaceURI);
}

function morphNode(from, to, context) {
  context.used.add(from);
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  // An identical subtree needs nothing (typed values are properties, not compared here).
  if (from.hasAttribute(PRESERVE_ATTRIBUTE) || from.isEqualNode(to)) return;
  syncAttributes(from, to);
  if (from.localName === "template" && from.namespaceURI === to.namespaceURI) {
    // Template content is a separate fragment: swap it whole when it changed.
    if (!from.content.isEqualNode(to.content)) from.content.replaceChildren(to.content.cloneNode(true));
    return;
  }
  morphChildren(from, to, context);
}

function morphChildren(fromParent, toParent, context) {
  // `placed` is the last old child put in its final place; the cursor is always the node after
  // it, recomputed each time because a key lookup may have moved nodes away meanwhile.
  let placed = null;
  const next = () => (placed ? placed.nextSibling : fromParent.firstChild);
  for (const toChild of [...toParent.childNodes]) {
    const cursor = next();
    let node = findMatch(toChild, cursor, fromParent, context);
    if (node) {
      if (node !== cursor && node.parentNode === fromParent && keyOf(node) === null) {
        // Matched a few siblings ahead: the unkeyed nodes in between were removed.
        while (next() !== node && keyOf(next()) === null) next().remove();
      }
      if (node !== next()) moveBefore(fromParent, node, next());
      morphNode(node, toChild, context);
    } else {
      node = createLike(toChild, context);
      fromParent.insertBefore(node, next());
    }
    placed = node;
  }
  // What is left has no counterpart. A keyed element removed here may still be picked up by a
  // key lookup elsewhere in the tree later: it is detached, not destroyed.
  while (next()) next().remove();
}

function findMatch(toChild, cursor, fromParent, context) {
  const key = keyOf(toChild);
  if (key) {
    const old = context.keyed.get(key);
    const usable = old && !context.used.has(old) && sameKind(old, toChild) && !old.contains(fromParent);
    return usable ? old : null; // a keyed element is never matched by position
  }
  if (toChild.nodeType !== Node.ELEMENT_NODE) {
    return cursor && isCandidate(cursor, toChild, context) ? cursor : null; // text: by position
  }
  // Elements: compare with the next elements, stepping over text between them.
  const first = cursor && cursor.nodeType !== Node.ELEMENT_NODE ? cursor.nextElementSibling : cursor;
  if (!first) return null;
  if (!isCandidate(first, toChild, context)) {
    // Was `first` removed? Yes if the element after it is exactly the new one, or of the new
    // one's kind while nothing coming in the new list is of `first`'s kind.
    const after = first.nextElementSibling;
    if (!after || !isCandidate(after, toChild, context)) return null;
    return after.isEqualNode(toChild) || !comesLater(toChild, first) ? after : null;
  }
  if (first.isEqualNode(toChild)) return first;
  // Is the new element an insertion? (`first` is exactly the new element after it)
  const nextNew = toChild.nextElementSibling;
  if (nextNew && first.isEqualNode(nextNew)) return null;
  // Was `first` removed? (the element after it is exactly the new one)
  const after = first.nextElementSibling;
  if (after && isCandidate(after, toChild, context) && after.isEqualNode(toChild)) return after;
  return first;
}

const LOOKAHEAD = 8; // siblings looked at for a match; enough for the edits a person makes

function comesLater(toChild, old) {
  let next = toChild.nextElementSibling;
  for (let count = 0; next && count < LOOKAHEAD; count += 1, next = next.nextElementSibling) {
    if (sameKind(old, next)) return true;
  }
  return false;
}

function isCandidate(old, toChild, context) {
  return !context.used.has(old) && keyOf(old) === null && sameKind(old, toChild);
}

function moveBefore(parent, node, reference) {
  // `moveBefore` keeps an iframe loaded, a video playing and focus where it is; older browsers
  // fall back to a plain insert (which reloads iframes: the price of a reorder there).
  if (parent.moveBefore && parent.isConnected && node.isConnected) {
    try {
      parent.moveBefore(node, reference);
      return;
    } catch {
      // not movable atomically (e.g. across documents): insert instead
    }
  }
  parent.insertBefore(node, reference);
}

function createLike(toNode, context) {
  if (toNode.nodeType !== Node.ELEMENT_NODE) return context.document.importNode(toNode, true);
  // An element is built empty and its children morphed in, so keyed old elements anywhere in
  // the old tree are reused inside new wrappers instead of being recreated.
  // A <template> keeps its content fragment; a <script> stays inert: imported parser-made
  // scripts are marked "already started", while one made by createElement would run.
  if (toNode.localName === "template" || toNode.localName === "script") {
    return context.document.importNode(toNode, true);
  }
  const element = context.document.createElementNS(toNode.namespaceURI, toNode.localName);
  syncAttributes(element, toNode);
  morphChildren(element, toNode, context);
  return element;
}

function syncAttributes(from, to) {
  // The user opening a <details> or a <dialog> is kept, like typed values.
  const keepOpen = from.localName === "details" || from.localName === "dialog";
  for (const { namespaceURI, name, value } of to.attributes) {
    if (keepOpen && name === "open") continue;
    if (from.getAttribute(name) !== value) {
      if (namespaceURI) from.setAttributeNS(namespaceURI, name, value);
      else from.setAttribute(name, value);
    }
  }
  for (const { namespaceURI, localName, name } of [...from.attributes]) {
    if (keepOpen && name === "open") continue;
    if (!to.hasAttribute(name)) {
      if (namespaceURI) from.removeAttributeNS(namespaceURI, localName);
      else from.removeAttribute(name);
    }
  }
}

// -- what the browser does not keep by itself ---------------------------------------------------

/** Scroll offsets of the window and of every scrolled element under `root` (root included). */
export function saveScroll(root) {
  const view = root.ownerDocument.defaultView;
  const elements = [];
  for (const element of [root, ...root.querySelectorAll("*")]) {
    if (element.scrollTop || element.scrollLeft) {
      elements.push({ element, key: keyOf(element), top: element.scrollTop, left: element.scrollLeft });
    }
  }
  return { x: view.scrollX, y: view.scrollY, elements };
}

/** Put scroll offsets back; an element that was replaced is found again by its key. */
export function restoreScroll(saved, root) {
  const document = root.ownerDocument;
  for (const { element, key, top, left } of saved.elements) {
    const target = element?.isConnected ? element : findByKey(document, root, key);
    if (target && (target.scrollTop !== top || target.scrollLeft !== left)) {
      target.scrollTop = top;
      target.scrollLeft = left;
    }
  }
  const view = document.defaultView;
  if (view.scrollX !== saved.x || view.scrollY !== saved.y) view.scrollTo(saved.x, saved.y);
}

function findByKey(document, root, key) {
  if (!key) return null;
  const [name, value] = [key.slice(0, key.indexOf("=")), key.slice(key.indexOf("=") + 1)];
  const selector = `[${name}="${CSS.escape(value)}"]`;
  return root.matches(selector) ? root : root.querySelector(selector) ?? document.querySelector(selector);
}

function saveState(root) {
  const document = root.ownerDocument;
  const active = document.activeElement;
  const focus = active && active !== document.body && (root.contains(active) || active.contains(root))
    ? { element: active, key: controlKey(active), ...readSelection(active) }
    : null;
  const dirty = [];
  for (const control of root.querySelectorAll(FORM_CONTROLS)) {
    const state = dirtyState(control);
    if (state) dirty.push({ element: control, key: controlKey(control), state });
  }
  return { scroll: saveScroll(root), focus, dirty };
}

function restoreState(saved, root) {
  const document = root.ownerDocument;
  // Typed values of controls that had to be recreated (a kept control still has its own).
  for (const { element, key, state } of saved.dirty) {
    if (element.isConnected) continue;
    const replacement = findControl(root, key);
    if (replacement) applyDirtyState(replacement, state);
  }
  const focus = saved.focus;
  if (focus) {
    const target = focus.element.isConnected ? focus.element : findControl(root, focus.key);
    if (target && document.activeElement !== target) target.focus({ preventScroll: true });
    if (target && target.value === focus.value) writeSelection(target, focus);
  }
  restoreScroll(saved.scroll, root);
  // Layout settling after the morph (fonts, images sized by new CSS) can clamp or shift the
  // offsets once more; one more pass on the next frame puts them back.
  document.defaultView.requestAnimationFrame(() => restoreScroll(saved.scroll, root));
}

function controlKey(element) {
  const id = element.getAttribute?.("id");
  if (id) return `#${CSS.escape(id)}`;
  const name = element.getAttribute?.("name");
  if (!name) return null;
  const base = `${element.localName}[name="${CSS.escape(name)}"]`;
  // Radio buttons and checkboxes share a name; their value tells them apart.
  return element.type === "radio" || element.type === "checkbox"
    ? `${base}[value="${CSS.escape(element.getAttribute("value") ?? "on")}"]`
    : base;
}

function findControl(root, key) {
  if (!key) return null;
  return root.matches(key) ? root : root.querySelector(key);
}

function readSelection(element) {
  try {
    return {
      value: element.value,
      start: element.selectionStart,
      end: element.selectionEnd,
      direction: element.selectionDirection,
    };
  } catch {
    return {}; // not a text control (checkbox, select, a focused link)
  }
}

function writeSelection(element, { start, end, direction }) {
  if (start == null) return;
  try {
    if (element.selectionStart !== start || element.selectionEnd !== end) {
      element.setSelectionRange(start, end, direction ?? "none");
    }
  } catch {
    // the control type has no selection (number, email in some browsers)
  }
}

function dirtyState(control) {
  if (control.localName === "select") {
    const options = [...control.options];
    if (options.every((option) => option.selected === option.defaultSelected)) return null;
    return { selected: options.filter((option) => option.selected).map((option) => option.value) };
  }
  if (control.type === "checkbox" || control.type === "radio") {
    return control.checked !== control.defaultChecked ? { checked: control.checked } : null;
  }
  if (control.type === "file") return null; // cannot be set from script
  return control.value !== control.defaultValue ? { value: control.value } : null;
}

function applyDirtyState(control, state) {
  if ("selected" in state && control.localName === "select") {
    for (const option of control.options) option.selected = state.selected.includes(option.value);
  } else if ("checked" in state) {
    control.checked = state.checked;
  } else if ("value" in state && control.type !== "file") {
    control.value = state.value;
  }
}
