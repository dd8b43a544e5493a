"""End to end in real JupyterLab: a notebook's cells run, the preview shows, a token change
restyles it in place.

JupyterLab (from PyPI, in the test extra) is started headless on 127.0.0.1 on a free port, with
an access token, a temporary root and temporary config/data/settings folders, and no browser of
its own; Chromium (tests/browser/conftest.py) drives it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import nbformat
import pytest

GREEN, ORANGE = "rgb(11, 110, 79)", "rgb(194, 65, 12)"
CELLS = [
    "from platxa_preview.widget import ThemePreview\n"
    'preview = ThemePreview({"colors": {"primary": "#0b6e4f"}}, viewport="tablet", height=420)\n'
    "preview",
    'preview.tokens = {"colors": {"primary": "#c2410c"}}',
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs '.[test]', which has it)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory) -> Iterator[dict]:
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        _unavailable("jupyterlab is not installed (pip install -e '.[test]')")
    root = tmp_path_factory.mktemp("lab")
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in CELLS],
        metadata={"kernelspec": kernelspec},
    )
    nbformat.write(notebook, root / "preview.ipynb")
    home = root.parent / f"{root.name}-jupyter"
    env = dict(os.environ)
    for variable, folder in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[variable] = str(home / folder)
    # No news toast over the cells (and no fetching it).
    notification = home / "settings" / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = _free_port(), secrets.token_hex(16)
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--ServerApp.allow_root=True", "--ServerApp.port_retries=0",
            "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1
                )
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:]
                    ) from None
                time.sleep(0.1)
        yield {"url": f"http://127.0.0.1:{port}", "token": token, "log": home / "lab.log"}
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()


def _frame(page):
    handle = page.locator("iframe.platxa-preview-frame").element_handle(timeout=30_000)
    return handle.content_frame()


def _poll(frame, expression: str, expected, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = frame.evaluate(expression)
        except Exception:  # the frame is still loading its document
            value = None
        if value == expected:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{expression} is {value!r}, expected {expected!r}")
        time.sleep(0.05)


def _run_cell(page, index: int) -> None:
    """Run a cell with Shift+Enter; again if it did not start (a kernel still connecting can
    drop the request), until its prompt shows it queued or ran."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(index)
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(6):
        cell.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if re.search(r"\[(\*|\d+)\]", prompt.inner_text()):
                return
            time.sleep(0.1)
    raise AssertionError(f"cell {index} did not run: prompt {prompt.inner_text()!r}")


def test_a_notebook_shows_the_preview_and_a_token_change(browser, jupyterlab):
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(f"{jupyterlab['url']}/lab/tree/preview.ipynb?token={jupyterlab['token']}")
        page.locator(".jp-Notebook .jp-CodeCell").first.wait_for()
        page.get_by_text("Kernel status: Idle").first.wait_for(state="attached")  # kernel up
        _run_cell(page, 0)
        frame = _frame(page)
        button = "getComputedStyle(document.querySelector('.btn-primary')).backgroundColor"
        _poll(frame, button, GREEN)
        iframe = page.locator("iframe.platxa-preview-frame")
        assert iframe.get_attribute("sandbox") == "allow-scripts"
        assert _poll(frame, "window.innerWidth", 768)  # the tablet viewport
        frame.evaluate("window.__marker = 'kept'")
        _run_cell(page, 1)
        _poll(frame, button, ORANGE)
        assert frame.evaluate("window.__marker") == "kept"  # restyled, not reloaded
    except Exception:
        page.screenshot(path=str(jupyterlab["log"].with_name("failure.png")))
        raise
    finally:
        context.close()
    assert time.monotonic() - started < 60
