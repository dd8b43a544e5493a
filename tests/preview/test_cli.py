"""The command line: `render` prints the demo page, `serve` serves it on the first free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from platxa_preview.cli import main


def test_render_prints_the_demo_homepage(capsys):
    assert main(["render"]) == 0
    html = capsys.readouterr().out
    assert html.lstrip().startswith("<!DOCTYPE html>")
    for landmark in ('id="wrapwrap"', "<header ", "<main>", 'id="wrap"', "<footer "):
        assert landmark in html
    assert "Design in tokens, see it in Odoo" in html


def test_render_writes_a_file(tmp_path):
    target = tmp_path / "page.html"
    assert main(["render", "-o", str(target)]) == 0
    assert 'id="wrapwrap"' in target.read_text(encoding="utf-8")


def test_serve_takes_the_next_port_when_the_first_is_busy():
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "platxa_preview.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "serving theme_platxa_demo at http://127.0.0.1:" in line
        url = line.split(" at ")[1].split()[0]
        assert url != f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert 'src="/preview/default/homepage"' in page  # the editor page frames the preview
        with urllib.request.urlopen(url + "preview/default/homepage", timeout=5) as response:
            assert 'id="wrapwrap"' in response.read().decode()
        with urllib.request.urlopen(url + "health", timeout=5) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        busy.close()
