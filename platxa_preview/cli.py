"""The `platxa-preview` command line: each subcommand is a thin wrapper."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import webbrowser
from pathlib import Path

import qweb

from .check import check_paths
from .site import HOMEPAGE, ThemeSite

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line argument that cannot be used; exit status 2."""


def read_values(text: str | None) -> dict:
    """`--values`: a JSON object, or `@file` holding one."""
    if not text:
        return {}
    source = "--values"
    if text.startswith("@"):
        source = text[1:]
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot read {source}: {error.strerror}") from None
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"{source}: invalid JSON at line {error.lineno}: {error.msg}") from None
    if not isinstance(values, dict):
        raise UsageError(f"{source}: expected a JSON object, got {type(values).__name__}")
    return values


def read_tokens(path: str | None):
    """`--tokens FILE`: design tokens (plain JSON or W3C DTCG); bad ones are usage errors."""
    if not path:
        return None
    from .tokens import TokenError, load_tokens

    try:
        return load_tokens(path)
    except TokenError as error:
        raise UsageError(f"{path}: {error}") from None


def write_output(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def report_problems(problems) -> None:
    """Rendering goes on past broken parts; say on stderr what was left out and where."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def command_render(args: argparse.Namespace) -> int:
    values = read_values(args.values)
    tokens = read_tokens(args.tokens)
    site = ThemeSite.load(args.addons_path, args.theme)
    page = site.render(args.page, values, tokens=tokens)
    write_output(page.html, args.output)
    report_problems(page.problems)
    return EXIT_OK


def command_check(args: argparse.Namespace) -> int:
    diagnostics = check_paths(args.paths, args.addons_path)
    checked_modules = {Path(path).name for path in args.paths}
    shown = [
        d for d in diagnostics
        if args.all or d.severity == "error" or d.module in checked_modules or d.module is None
    ]  # fmt: skip
    counts = {severity: 0 for severity in ("error", "warning", "info")}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    if args.format == "json":
        document = {
            "version": 1,
            "checked": [str(path) for path in args.paths],
            "summary": counts,
            "diagnostics": [d.to_dict() for d in diagnostics],
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        for diagnostic in shown:
            print(diagnostic.format())
        hidden = len(diagnostics) - len(shown)
        summary = f"{counts['error']} errors, {counts['warning']} warnings"
        if hidden:
            summary += f" ({hidden} in dependencies not shown; --all shows them)"
        print(summary)
    return EXIT_PROBLEMS if counts["error"] else EXIT_OK


def command_serve(args: argparse.Namespace) -> int:
    import logging

    from .server import PreviewServer, ServerConfig, bind_first_free_port

    logging.basicConfig(level=logging.INFO if args.debug else logging.WARNING,
                        format="%(asctime)s %(name)s %(message)s")  # fmt: skip
    config = ServerConfig(addons_path=args.addons_path, theme=args.theme, host=args.host,
                          port=args.port, token=args.token, debug=args.debug,
                          session_ttl=args.session_ttl * 60,
                          bootstrap_scss=args.bootstrap_scss)  # fmt: skip
    server = PreviewServer(config)
    if not config.local:
        print(f"warning: serving on {args.host}, reachable beyond this machine; clients need "
              f"the access token {config.token}", file=sys.stderr)  # fmt: skip
    sockets, port = bind_first_free_port(args.host, args.port)
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{port}/" + (f"?token={config.token}" if config.token else "")

    async def run() -> None:
        server.start(sockets)
        print(f"platxa-preview: serving {server.default.preview.theme} at {url} "
              "(Ctrl+C to stop)", flush=True)  # fmt: skip
        if args.open:
            webbrowser.open(url)
        await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return EXIT_OK


def command_scss(args: argparse.Namespace) -> int:
    from .scss import ODOO_LAYER, BootstrapNotFound, theme_css

    tokens = read_tokens(args.tokens)
    site = ThemeSite.load(args.addons_path, args.theme)
    try:
        result = theme_css(site, tokens=tokens, bootstrap_scss=args.bootstrap_scss)
    except BootstrapNotFound as error:
        raise UsageError(str(error)) from None
    write_output(result.css, args.output)
    if result.layer == ODOO_LAYER and result.program and result.compiled:
        how = "from the cache" if result.compiled.cached else f"{result.compiled.seconds:.2f} s"
        print(
            f"platxa-preview scss: {site.theme}: {result.reason}; "
            f"{len(result.program.files)} files of {result.program.bundle} ({how})",
            file=sys.stderr,
        )
    else:
        print(
            f"platxa-preview scss: {site.theme}: built-in layer (Bootstrap 5.3.3 CSS and the "
            f"theme's palette and fonts): {result.reason}",
            file=sys.stderr,
        )
    report_problems(result.problems)
    return EXIT_OK


def command_tokens_show(args: argparse.Namespace) -> int:
    from .tokens import report_as_json, report_as_text, resolve

    tokens = read_tokens(args.tokens)
    if tokens is None:  # the theme's own palette and fonts, read back as tokens
        from .scss import theme_tokens

        site = ThemeSite.load(args.addons_path, args.theme)
        try:
            tokens = theme_tokens(site)
        except (KeyError, ValueError) as error:
            raise UsageError(f"{site.theme}: cannot read its palette: {error}") from None
    resolved = resolve(tokens)
    if args.format == "json":
        write_output(json.dumps(report_as_json(resolved), indent=2) + "\n", None)
    else:
        write_output(report_as_text(resolved), None)
    return EXIT_OK


def command_tokens_export(args: argparse.Namespace) -> int:
    from .scss import export_primary_variables

    tokens = read_tokens(args.tokens)
    site = ThemeSite.load(args.addons_path, args.theme) if args.theme else None
    write_output(export_primary_variables(tokens, site), args.output)
    return EXIT_OK


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--addons-path", metavar="P[,P...]",
        help="folders holding Odoo modules, comma-separated, as Odoo's --addons-path",
    )  # fmt: skip
    parser.add_argument(
        "--theme", help="the theme module to preview (default: the built-in demo theme)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="platxa-preview", description="Preview Odoo website themes without Odoo."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the live preview")
    add_site_arguments(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--open", action="store_true", help="open the page in a browser")
    serve.add_argument("--token", help="access token clients must give (generated when binding "
                       "beyond localhost)")  # fmt: skip
    serve.add_argument("--debug", action="store_true", help="log every WebSocket message")
    serve.add_argument(
        "--session-ttl",
        type=float,
        default=30,
        metavar="MINUTES",
        help="sessions expire after this long without activity (default 30)",
    )
    serve.add_argument(
        "--bootstrap-scss",
        metavar="DIR",
        help="Bootstrap's SCSS, when the Odoo tree on the addons path lacks it",
    )
    serve.set_defaults(handler=command_serve)

    render = commands.add_parser("render", help="render a page to standalone HTML")
    add_site_arguments(render)
    render.add_argument(
        "--page", default=HOMEPAGE,
        help="homepage (default), the URL of a website page (/contactus) or a template key",
    )  # fmt: skip
    render.add_argument("--values", help="render values: a JSON object or @file.json")
    render.add_argument("--tokens", help="a design tokens file (JSON or W3C DTCG)")
    render.add_argument("-o", "--output", help="write to this file instead of stdout")
    render.set_defaults(handler=command_render)

    check = commands.add_parser("check", help="validate Odoo modules or XML files")
    check.add_argument("--addons-path", metavar="P[,P...]", help="where dependencies are found")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--all", action="store_true", help="also list warnings found inside dependencies"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="module folders or XML files")
    check.set_defaults(handler=command_check)

    scss = commands.add_parser("scss", help="compile the theme's CSS")
    add_site_arguments(scss)
    scss.add_argument("--tokens", help="a design tokens file overriding the theme's palette")
    scss.add_argument(
        "--bootstrap-scss", metavar="DIR",
        help="Bootstrap 5.3.3's scss folder, when the Odoo tree lacks web/static/lib/bootstrap",
    )  # fmt: skip
    scss.add_argument("-o", "--output", help="write to this file instead of stdout")
    scss.set_defaults(handler=command_scss)

    tokens = commands.add_parser("tokens", help="design tokens: show or export")
    actions = tokens.add_subparsers(dest="action", required=True)
    show = actions.add_parser("show", help="resolved colours, Odoo palette and contrast")
    add_site_arguments(show)
    show.add_argument("--tokens", help="a tokens file (default: the theme's own palette)")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=command_tokens_show)
    export = actions.add_parser("export", help="a primary_variables.scss for these tokens")
    add_site_arguments(export)
    export.add_argument("--tokens", required=True, help="a design tokens file")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(handler=command_tokens_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as error:
        print(f"platxa-preview {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except qweb.QWebError as error:
        print(f"platxa-preview {args.command}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
