"""Notebook widget latency: a trait change in Python -> the style applied in the preview's iframe.

    python bench/widget_latency.py [--changes 100] [--instant-only]

A real `ThemePreview` drives the real front end (widget/preview.js, widget/frame.js inside the
sandboxed iframe) in Chromium through the test harness (tests/widget/harness.py): the widget's
comm messages go over a loopback WebSocket to a page whose model follows anywidget's contract, as
a kernel's comm goes to JupyterLab. Each change sets `preview.tokens` to a new primary colour
and waits until the frame reports the new computed `--o-color-1` of `.btn-primary` (the frame
reads it with getComputedStyle after swapping the CSS layer, so the element's style is resolved,
not just queued; a custom property, because the theme animates the button's own colours). Times are wall-clock, Python's and the page's clocks being the same machine's.

Printed: p50/p95 of the whole path, and its two halves: the kernel (trait set -> comm message
out: token validation, the instant CSS, the state message) and the browser (message in -> model
change event -> postMessage -> CSS swapped and style resolved in the frame). Target: p95 under
30 ms; the peer is one animation frame (16.7 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from platxa_preview.widget import ThemePreview  # noqa: E402
from tests.widget.harness import WidgetHarness  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip

# Resolves (wall clock, ms) when the frame has applied the token layer and `.btn-primary`'s
# computed background is `expected`; also notes when the state message reached the page.
WATCH = """(expected) => {
  const now = () => performance.timeOrigin + performance.now();
  const marks = {};
  harness.onUpdate = (state) => { if ('_token_css' in state && !marks.received) marks.received = now(); };
  return {done: new Promise((resolve) => {
    harness.onFrame = (reply) => {
      if (reply.type === 'applied' && reply.value?.trim() === expected) {
        harness.onFrame = null;
        resolve({...marks, applied: reply.at});  // stamped in the frame, when it applied it
      }
    };
  })};
}"""


# Counts what the view posts to the frame (each gets one reply, in harness.events).
SETUP = """() => {
  const view = harness.view;
  const post = view.post.bind(view);
  harness.posted = harness.events.length;
  view.post = (message) => { harness.posted += 1; return post(message); };
  view.probe = {selector: '.btn-primary', property: '--o-color-1'};
}"""


def percentiles(values: list[float]) -> tuple[str, float]:
    ordered = sorted(values)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  (n={len(ordered)})", p95


def colour(index: int) -> str:
    return f"#0b6e{index % 256:02x}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--instant-only", action="store_true",
                        help="compile_scss=False: the theme layer is rebuilt in line, not in the background")  # fmt: skip
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    harness = WidgetHarness().start()
    sent: list[float] = []
    forward = harness.forward

    def timed_forward(model_id: str, data: dict) -> None:
        if "_token_css" in data.get("state", {}):
            sent.append(time.time() * 1000)
        forward(model_id, data)

    harness.forward = timed_forward
    try:
        # The widget lives on the harness server's event loop, as a widget lives on the kernel's:
        # its traits are set there, and its theme CSS compile runs there as a task.
        def create() -> ThemePreview:
            with harness.capture():
                return ThemePreview({"colors": {"primary": "#0b6e4f"}}, height=500,
                                    compile_scss=not args.instant_only)  # fmt: skip

        def set_primary(value: str) -> None:
            preview.tokens = {"colors": {"primary": value}}

        preview = harness.server.call(create)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)  # fmt: skip
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.goto(harness.url(preview))
            page.wait_for_function("window.harness && harness.view && harness.view.ready")
            page.evaluate(SETUP)
            total, kernel, front = [], [], []
            for index in range(args.changes + 5):
                hex_value = colour(index + 1)
                handle = page.evaluate_handle(WATCH, hex_value)
                started = time.time() * 1000
                harness.server.call(set_primary, hex_value)
                marks = page.evaluate("(handle) => handle.done", handle)
                if index < 5:  # warm-up
                    continue
                total.append(marks["applied"] - started)
                kernel.append(sent[-1] - started)
                front.append(marks["applied"] - marks["received"])
                # The theme layer follows; the next change starts once the frame applied it.
                preview.wait_for_css(30)
                page.wait_for_function("harness.posted === harness.events.length", timeout=10_000)
            browser.close()
    finally:
        harness.stop()

    line, p95 = percentiles(total)
    print(f"trait change -> style applied in the iframe: {line}")
    print(f"  kernel  (trait set -> comm message out):   {percentiles(kernel)[0]}")
    print(f"  browser (message in -> style applied):     {percentiles(front)[0]}")
    print(f"target p95 < 30 ms: {'met' if p95 < 30 else 'NOT met'}; "
          f"ratio to one frame (16.7 ms): {p95 / 16.7:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
