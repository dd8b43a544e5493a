"""The `platxa-preview` command line: each subcommand is a thin wrapper."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import webbrowser

import qweb

from .demo import build_demo_engine, render_demo_homepage


def render_homepage(engine: qweb.Engine) -> str:
    return render_demo_homepage(engine)


def command_render(args: argparse.Namespace) -> int:
    html = render_homepage(build_demo_engine())
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(html)
    else:
        sys.stdout.write(html)
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from tornado.httpserver import HTTPServer

    from .server import bind_first_free_port, make_app

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {args.host}, reachable beyond this machine", file=sys.stderr)
    engine = build_demo_engine()
    sockets, port = bind_first_free_port(args.host, args.port)
    url = f"http://{args.host}:{port}/"

    async def run() -> None:
        server = HTTPServer(make_app(lambda: render_homepage(engine)))
        server.add_sockets(sockets)
        print(f"platxa-preview: serving the demo theme at {url} (Ctrl+C to stop)", flush=True)
        if args.open:
            webbrowser.open(url)
        await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="platxa-preview", description="Preview Odoo website themes without Odoo."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the live preview")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--open", action="store_true", help="open the page in a browser")
    serve.set_defaults(handler=command_serve)
    render = commands.add_parser("render", help="render a page to standalone HTML")
    render.add_argument("-o", "--output", help="write to this file instead of stdout")
    render.set_defaults(handler=command_render)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except qweb.QWebError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
