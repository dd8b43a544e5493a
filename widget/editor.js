// The editor page: turns the controls into a token object and PUTs it to the session;
// the preview iframe updates itself through its own live client.
const controls = document.getElementById("controls");
const session = controls.dataset.session;
const frame = document.getElementById("preview");
const errorBox = document.getElementById("error");
const contrastList = document.querySelector("#contrast ul");

function setPath(target, path, value) {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

function collectTokens() {
  const tokens = { colors: {}, typography: { families: {} }, spacing: {}, radius: {} };
  for (const input of controls.querySelectorAll("[data-token]")) {
    const oklch = controls.querySelector(`[data-oklch="${input.dataset.token}"]`).value.trim();
    // An OKLCH value typed by the designer wins over the picker's hex.
    setPath(tokens.colors, input.dataset.token, oklch ? { oklch } : { hex: input.value });
  }
  for (const select of controls.querySelectorAll("[data-font]")) {
    tokens.typography.families[select.dataset.font] = select.value;
  }
  const unit = controls.querySelector("[data-spacing=unit]");
  tokens.spacing.unit = Number(unit.value);
  const radius = controls.querySelector("[data-radius=base]");
  tokens.radius.base = `${radius.value}px`;
  return tokens;
}

let pending = null;
async function sendTokens() {
  // One request in flight; the latest state is sent when it returns (no change is lost).
  if (pending) { pending.again = true; return; }
  pending = { again: false };
  try {
    const response = await fetch(`/api/sessions/${session}/tokens`, {
      method: "PUT", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(collectTokens()),
    });
    const reply = await response.json();
    errorBox.hidden = response.ok;
    if (!response.ok) errorBox.textContent = reply.error;
    else showContrast(reply.contrast || []);
  } catch (error) {
    errorBox.hidden = false;
    errorBox.textContent = String(error);
  } finally {
    const again = pending.again;
    pending = null;
    if (again) sendTokens();
  }
}

function showContrast(problems) {
  contrastList.replaceChildren(...problems.map((p) => {
    const item = document.createElement("li");
    item.textContent = `o_cc${p.combination} ${p.element}: ${p.ratio}:1 (below AA)`;
    return item;
  }));
  if (!problems.length) {
    const item = document.createElement("li");
    item.style.color = "#1a7f37";
    item.textContent = "All combinations pass WCAG AA";
    contrastList.replaceChildren(item);
  }
}

controls.addEventListener("input", (event) => {
  const output = event.target.parentElement.querySelector("output");
  if (output) output.textContent = `${event.target.value}px`;
  sendTokens();
});

document.getElementById("page").addEventListener("change", (event) => {
  frame.src = `/preview/${session}/${encodeURIComponent(event.target.value)}`;
});

for (const button of document.querySelectorAll("[data-viewport]")) {
  button.addEventListener("click", () => {
    frame.style.width = button.dataset.viewport;
    for (const other of document.querySelectorAll("[data-viewport]")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
  });
}
