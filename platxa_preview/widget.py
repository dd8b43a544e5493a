"""Jupyter widgets: `ThemePreview` (a theme's page, live as its tokens change) and `LiveHTML`.

```python
from platxa_preview.widget import ThemePreview, LiveHTML

preview = ThemePreview({"colors": {"primary": "#0b6e4f"}}, viewport="tablet")
preview  # the page, in a sandboxed iframe
preview.tokens = {"colors": {"primary": "#c2410c"}}  # the page's CSS changes, no reload
preview.controls()  # colour pickers, fonts and spacing bound to preview.tokens
ThemePreview.compare([tokens_a, tokens_b], labels=["A", "B"])  # side by side

live = LiveHTML("<h1>Working…</h1>")
live.html = "<h1>Done</h1>"  # morphed in, scroll kept
```

Rendering happens here, in the kernel, through the same `Preview` model as the preview server:
a token change sends the instant CSS layer at once and the theme CSS (the built-in layer, or
Odoo's SCSS compiled off the event loop) after it; a page or section change sends the protocol
messages `Preview` chose (section morphs, a `#wrapwrap` morph, or a reload). The front end
(widget/preview.js, and widget/frame.js inside the iframe) applies them; see docs/widget.md.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import html as html_lib
import logging
import mimetypes
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets

import qweb

from .preview import Preview, UpdateError
from .scss import (
    BUILTIN_LAYER,
    ScssError,
    ThemeCss,
    builtin_css,
    choose_pipeline,
    theme_css,
    theme_tokens,
)
from .scss import theme_css_async as _theme_css_async
from .server.app import StaticUrls
from .server.handlers import widget_dir
from .site import HOMEPAGE, ThemeSite
from .tokens import TokenError, TokenSet, load_tokens, report_as_json, resolve

log = logging.getLogger("platxa_preview.widget")

WIDGET_DIR = widget_dir()
PREVIEW_ESM = WIDGET_DIR / "preview.js"
FRAME_MODULE = WIDGET_DIR / "frame.js"
VIEWPORTS = ("desktop", "tablet", "mobile", "fit")  # 1280, 768, 375 px; the output's width
MAX_INLINE_BYTES = 2 * 1024 * 1024  # a static file larger than this is left as a URL
THEME_CSS_DELAY = 0.06  # seconds between a token change and the theme CSS compile it starts

# -- the frame's module, linked for a page in an opaque origin ----------------------------------

_RELATIVE_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*)(["'])(\./[\w./-]+\.js)\2""")
_linked: dict[tuple, str] = {}


def link_module(path: Path) -> str:
    """`path` (an ES module) as a `data:` URL, its relative imports replaced by `data:` URLs of
    the modules they name, recursively.

    The preview page lives in a sandboxed `srcdoc` frame (an opaque origin): it can fetch no
    module from the notebook's server, and a module loaded from a `data:` URL has no base for
    `./x.js`. Linking keeps the modules of widget/ as they are (the browser live client serves
    them by URL) and hands the frame the same code in one URL.
    """
    path = path.resolve()
    key = _signature(path.parent)
    cached = _linked.get((path, key))
    if cached is None:
        source = path.read_text(encoding="utf-8")

        def linked(match: re.Match) -> str:
            return f'{match.group(1)}"{link_module(path.parent / match.group(3))}"'

        source = _RELATIVE_IMPORT.sub(linked, source)
        encoded = base64.b64encode(source.encode("utf-8")).decode("ascii")
        cached = _linked[(path, key)] = f"data:text/javascript;base64,{encoded}"
    return cached


def _signature(folder: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.js")))


def frame_module_url() -> str:
    """widget/frame.js with everything it imports, as one `data:` URL."""
    return link_module(FRAME_MODULE)


# -- the frame's document ------------------------------------------------------------------------


def frame_policy(nonce: str) -> str:
    """The frame's Content-Security-Policy: only the frame's own module (by nonce, and what it
    imports) runs; the theme's scripts do not (as on the preview server's pages); images, fonts
    and stylesheets may come from the web (Google Fonts), nothing may be fetched by script."""
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; "
        "style-src 'unsafe-inline' data: https:; img-src data: blob: https: http:; "
        "font-src data: https: http:; media-src data: https:; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )


_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def frame_document(html: str, *, root: str = "#wrapwrap") -> str:
    """A page made ready for the widget's frame: the policy first in its head, the frame's
    module (channel left empty: each load gets its own) last."""
    nonce = secrets.token_urlsafe(16)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{frame_policy(nonce)}">'
    script = (
        f'<script type="module" nonce="{nonce}" src="{frame_module_url()}" '
        f'data-platxa-channel="" data-root="{html_lib.escape(root)}"></script>'
    )
    match = _HEAD_OPEN.search(html)
    if match is None:
        html = f"<head></head>{html}"
        match = _HEAD_OPEN.search(html)
    html = html[: match.end()] + meta + html[match.end() :]
    end = html.lower().find("</head>")
    return html[:end] + script + html[end:]


def empty_document(*, title: str = "") -> str:
    """A blank page with both CSS layers (a failed first render, LiveHTML)."""
    return frame_document(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_lib.escape(title)}</title>"
        '<style id="platxa-theme-css"></style><style id="platxa-tokens"></style>'
        "</head><body></body></html>",
        root="body",
    )


class InlineStatic:
    """Module static files (`/module/static/...`) as `data:` URLs: a frame in an opaque origin
    can fetch them from nowhere. The URLs are found as the preview server finds them
    (`StaticUrls.PATTERN`); a file too large or outside its module's `static` stays a URL."""

    def __init__(self, module_folder: Callable[[str], Path | None]):
        self.module_folder = module_folder
        self._cache: dict[tuple[Path, int, int], str] = {}

    def rewrite(self, text: str) -> str:
        return StaticUrls.PATTERN.sub(self._inline, text)

    def _inline(self, match: re.Match) -> str:
        module, relative = match.group(1), match.group(2)
        folder = self.module_folder(module)
        if folder is None:
            return match.group(0)
        static = (folder / "static").resolve()
        path = (static / relative).resolve()
        if static not in path.parents or not path.is_file():
            return match.group(0)
        stat = path.stat()
        if stat.st_size > MAX_INLINE_BYTES:
            return match.group(0)
        key = (path, stat.st_mtime_ns, stat.st_size)
        url = self._cache.get(key)
        if url is None:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            url = self._cache[key] = f"data:{kind};base64,{data}"
        return url


# -- ThemePreview --------------------------------------------------------------------------------


class ThemePreview(anywidget.AnyWidget):
    """A theme's page in the notebook, restyled live as `tokens` change.

    Traits: `tokens` (the plain token format, `{}` = the theme's own palette and fonts),
    `theme` (default: the built-in demo theme), `addons_path` (comma-separated folders), `page`
    (`homepage`, a page added with `set_page`, or a website page path like `/contactus`),
    `viewport` (`desktop`, `tablet`, `mobile` (1280, 768, 375 px, scaled down to fit the output
    when wider), `fit` (the output's width) or a width in px), `height` (px). Read-only:
    `contrast` (every WCAG check of the tokens' colour combinations), `errors` (what the overlay
    shows: `{file, line, message, code}`), `css_layer` (`builtin` or `odoo`: the theme CSS shown).
    """

    _esm = PREVIEW_ESM

    tokens = traitlets.Dict().tag(sync=True)
    theme = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    addons_path = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    page = traitlets.Unicode(HOMEPAGE).tag(sync=True)
    viewport = traitlets.Union(
        [traitlets.Enum(VIEWPORTS), traitlets.Int(min=240, max=3840)], default_value="desktop"
    ).tag(sync=True)
    height = traitlets.Int(600, min=100, max=5000).tag(sync=True)
    contrast = traitlets.List(read_only=True).tag(sync=True)
    errors = traitlets.List(read_only=True).tag(sync=True)
    css_layer = traitlets.Unicode("", read_only=True).tag(sync=True)

    # What the front end draws (widget/preview.js documents each).
    _document = traitlets.Unicode("").tag(sync=True)
    _token_css = traitlets.Unicode("").tag(sync=True)
    _theme_css = traitlets.Unicode("").tag(sync=True)
    _patch = traitlets.Dict({"version": 0, "messages": []}).tag(sync=True)

    def __init__(
        self,
        tokens: Mapping | TokenSet | str | Path | None = None,
        *,
        theme: str | None = None,
        addons_path: str | Path | Sequence[str | Path] | None = None,
        page: str = HOMEPAGE,
        pages: Mapping[str, Mapping] | None = None,
        site: ThemeSite | None = None,
        bootstrap_scss: str | Path | None = None,
        compile_scss: bool = True,
        **kwargs: Any,
    ):
        """`site`: an already loaded `ThemeSite` to preview (shared by the previews of
        `compare`); `pages`: page configs to add; `compile_scss=False`: keep the built-in layer
        (no Odoo SCSS compile after token changes); `bootstrap_scss`: Bootstrap's SCSS folder
        when the Odoo tree lacks it."""
        self._preview: Preview | None = None
        self._page_failed = False
        self._given_site = site
        self._bootstrap_scss = bootstrap_scss
        self._compile_scss = compile_scss
        self._compiling = {"running": False, "again": False}
        self._compile_done = threading.Event()
        self._compile_done.set()
        self._inline = InlineStatic(self._module_folder)
        if site is not None:
            theme = theme or site.theme
        super().__init__(
            tokens=_token_dict(tokens),
            theme=theme,
            addons_path=_addons_string(addons_path),
            page=page,
            **kwargs,
        )
        with self.hold_sync():
            self._load(pages or {})

    # -- public API -------------------------------------------------------------------------

    @property
    def preview(self) -> Preview:
        """The `Preview` model behind the widget (the same one the server uses)."""
        assert self._preview is not None
        return self._preview

    @property
    def site(self) -> ThemeSite:
        return self.preview.site

    @property
    def contrast_problems(self) -> list[dict]:
        """The colour pairs failing WCAG AA (what the server's editor warns about)."""
        return [check for check in self.contrast if not check["passes"]]

    def document(self) -> str:
        """The shown page as a whole HTML document, with its current CSS layers."""
        return self.preview.document(self.page)

    def set_page(self, page_id: str, config: Mapping) -> None:
        """Add or change a page config (docs/pages.md); the shown page is morphed, not reloaded.
        Raises `UpdateError` when the config is invalid."""
        self._publish(self.preview.update_page(page_id, config))

    def update_section(self, section_id: str, content: Mapping, page_id: str | None = None) -> None:
        """Change one section of a page config (default: the shown page); only it is morphed."""
        self._publish(self.preview.update_section(page_id or self.page, section_id, content))

    def reload(self) -> None:
        """Read the theme's files again (after a generator rewrote them): the page is morphed
        or reloaded as needed, and a file that no longer parses shows in the overlay."""
        site = self._load_site(reuse=False)
        messages = self.preview.reload_files(site=site)
        if self._page_failed and not self.preview.errors:
            self._show_page(reload=True)  # the page never rendered: nothing to morph
        else:
            self._publish(messages)
        self._schedule_compile()

    def refresh_theme_css(self) -> None:
        """Compile the theme CSS for the current tokens now (blocking), instead of in the
        background."""
        self._apply_theme_css(self._theme_css_now)

    def wait_for_css(self, timeout: float = 30.0) -> bool:
        """Wait until the background theme CSS compile is done (scripts and tests; in a
        notebook the compile runs on the kernel's event loop after the cell). True when done."""
        return self._compile_done.wait(timeout)

    def controls(self, *, colors: Iterable[str] | None = None) -> ipywidgets.Box:
        """Colour pickers, font and spacing selectors bound to `tokens` (both ways)."""
        return TokenControls(self, colors=colors).box

    @classmethod
    def compare(
        cls,
        token_sets: Sequence[Mapping | TokenSet | str | Path],
        *,
        labels: Sequence[str] | None = None,
        columns: int | None = None,
        theme: str | None = None,
        addons_path: str | Path | Sequence[str | Path] | None = None,
        viewport: str | int = "mobile",
        height: int = 520,
        **kwargs: Any,
    ) -> ipywidgets.GridBox:
        """Several token sets (or palettes) of one theme side by side, one loaded theme shared
        by all. The grid's `previews` attribute lists the `ThemePreview`s."""
        site = kwargs.pop("site", None) or ThemeSite.load(_addons_string(addons_path), theme)
        previews = [
            cls(tokens, site=site, viewport=viewport, height=height, **kwargs)
            for tokens in token_sets
        ]
        names = list(labels or [])
        names += [_token_label(tokens, len(names) + i) for i, tokens in enumerate(token_sets)][
            len(names) :
        ]
        cells = [
            ipywidgets.VBox(
                [ipywidgets.HTML(f"<b>{html_lib.escape(str(name))}</b>"), preview],
                layout=ipywidgets.Layout(min_width="0"),
            )
            for name, preview in zip(names, previews, strict=True)
        ]
        columns = columns or min(len(cells), 3) or 1
        grid = ipywidgets.GridBox(
            cells,
            layout=ipywidgets.Layout(
                grid_template_columns=f"repeat({columns}, minmax(0, 1fr))", grid_gap="12px"
            ),
        )
        grid.previews = previews
        return grid

    # -- trait changes ----------------------------------------------------------------------

    @traitlets.validate("tokens")
    def _valid_tokens(self, proposal) -> dict:
        value = proposal["value"]
        if value:
            try:
                load_tokens(value)
            except TokenError as error:
                raise traitlets.TraitError(f"invalid tokens: {error}") from None
        return value

    @traitlets.validate("page")
    def _valid_page(self, proposal) -> str:
        page = proposal["value"]
        if self._preview is not None and not self._page_exists(page):
            known = ", ".join(self.preview.page_ids())
            raise traitlets.TraitError(f"no page {page!r}; pages: {known} or a website path")
        return page

    @traitlets.observe("tokens")
    def _tokens_changed(self, change) -> None:
        if self._preview is None:
            return
        self.preview.update_tokens(self._effective_tokens())
        # The instant layer goes out alone, first: it is what the designer waits for.
        self._token_css = self.preview.token_css
        # The message is written by another thread (ipykernel's IOPub thread): let it run now,
        # not after the contrast report below (up to a GIL switch interval, 5 ms, later).
        time.sleep(0)
        self.set_trait("contrast", _contrast(self.preview.tokens))
        self._schedule_compile()

    @traitlets.observe("page")
    def _page_changed(self, change) -> None:
        if self._preview is not None:
            self._show_page(reload=True)

    @traitlets.observe("theme", "addons_path")
    def _theme_changed(self, change) -> None:
        if self._preview is not None:
            with self.hold_sync():
                self._given_site = None
                self._load(dict(self.preview.pages))

    # -- internals --------------------------------------------------------------------------

    def _load(self, pages: Mapping[str, Mapping]) -> None:
        site = self._load_site(reuse=True)
        self._preview = Preview(lambda: site, pages=pages, rewrite_urls=self._inline.rewrite)
        self.preview.update_tokens(self._effective_tokens())
        if not self._page_exists(self.page):
            self.page = HOMEPAGE
        self._token_css = self.preview.token_css
        self.set_trait("contrast", _contrast(self.preview.tokens))
        self._first_theme_css()
        self._show_page(reload=True)

    def _load_site(self, *, reuse: bool) -> ThemeSite:
        if reuse and self._given_site is not None:
            return self._given_site
        return ThemeSite.load(self.addons_path, self.theme)

    def _effective_tokens(self) -> TokenSet | Mapping:
        """The tokens shown: `tokens`, or the theme's own palette and fonts for `{}`."""
        if self.tokens:
            return self.tokens
        try:
            return theme_tokens(self.preview.site)
        except (KeyError, ValueError):
            from .demo import DEMO_ADDONS, DEMO_THEME
            from .tokens import theme_design

            return theme_design(DEMO_ADDONS / DEMO_THEME).palette_tokens()

    def _page_exists(self, page: str) -> bool:
        if page in self.preview.page_ids():
            return True
        return page.startswith("/") and self.preview.site.site.page(page) is not None

    def _module_folder(self, name: str) -> Path | None:
        module = self._preview.site.site.module(name) if self._preview is not None else None
        return Path(module.path) if module is not None else None

    def _show_page(self, *, reload: bool) -> None:
        """Put the shown page's document in `_document`; `reload`: the frame loads it."""
        try:
            document = frame_document(self.preview.document(self.page, layers=False))
            self._page_failed = False
        except (qweb.QWebError, UpdateError) as error:
            self.preview.report_error(error)
            document = empty_document(title=str(self.page))
            self._page_failed = True
        with self.hold_sync():
            self._document = document
            if reload:
                self._next_patch([{"type": "reload"}])
            self._sync_errors()

    def _publish(self, messages: list[dict]) -> None:
        """Messages from the `Preview`: morphs of the shown page go to the frame as one patch;
        errors go to the overlay."""
        shown = [
            message
            for message in messages
            if message["type"] in ("section_update", "dom_update", "reload")
            and message.get("page_id", self.page) == self.page
        ]
        with self.hold_sync():
            if shown:
                self._show_page(reload=False)
                self._next_patch(shown)
            self._sync_errors()

    def _next_patch(self, messages: list[dict]) -> None:
        self._patch = {"version": self._patch["version"] + 1, "messages": messages}

    def _sync_errors(self) -> None:
        errors = [
            {key: error.get(key) for key in ("file", "line", "message", "code")}
            for error in self.preview.errors
        ]
        if errors != self.errors:
            self.set_trait("errors", errors)

    # -- the theme CSS layer ------------------------------------------------------------------

    def _first_theme_css(self) -> None:
        """The built-in layer (Bootstrap with the palette) is milliseconds away: shown at once.
        Odoo's SCSS, when on the addons path, is compiled in the background and replaces it."""
        self._apply_theme_css(self._builtin_result)
        pipeline = choose_pipeline(self.preview.site, self._bootstrap_scss)
        if pipeline.layer != BUILTIN_LAYER:
            self._schedule_compile()

    def _schedule_compile(self) -> None:
        """Compile in the background; a change during a compile starts one more when it ends,
        so the last tokens always get compiled and no compile runs for stale ones."""
        if not self._compile_scss:
            self._apply_theme_css(self._builtin_result)
            return
        if self._compiling["running"]:
            self._compiling["again"] = True
            return
        self._compiling["running"] = True
        self._compile_done.clear()
        if self._has_loop():
            asyncio.get_running_loop().create_task(self._compile_loop())
        else:  # no event loop in this thread (a script): a thread of its own
            threading.Thread(target=lambda: asyncio.run(self._compile_loop()), daemon=True).start()

    async def _compile_loop(self) -> None:
        try:
            while True:
                # A pause first: the instant layer, just sent, is applied in the browser without
                # this compile and its message competing for the CPU, and a slider's burst of
                # changes makes one compile.
                await asyncio.sleep(THEME_CSS_DELAY)
                self._compiling["again"] = False
                try:
                    result = await _theme_css_async(
                        self.preview.site,
                        tokens=self.preview.tokens,
                        bootstrap_scss=self._bootstrap_scss,
                    )
                except ScssError as error:
                    self._apply_theme_css(lambda error=error: error)
                except Exception:  # never leave the loop running with nothing to report
                    log.exception("theme CSS compile failed")
                else:
                    self._apply_theme_css(lambda result=result: result)
                if not self._compiling["again"]:
                    break
        finally:
            self._compiling["running"] = False
            self._compile_done.set()

    def _theme_css_now(self):
        try:
            return theme_css(
                self.preview.site, tokens=self.preview.tokens, bootstrap_scss=self._bootstrap_scss
            )
        except ScssError as error:
            return error

    def _builtin_result(self) -> ThemeCss:
        return ThemeCss(builtin_css(self.preview.tokens), BUILTIN_LAYER, "the built-in layer")

    def _apply_theme_css(self, produce: Callable[[], Any]) -> None:
        result = produce()
        with self.hold_sync():
            if isinstance(result, ScssError):
                self.preview.report_error(result)
            else:
                self.preview.update_theme_css(self._inline.rewrite(result.css))
                # The SCSS compiles again; a template that does not parse is still broken.
                if all(error.get("code") == "scss-error" for error in self.preview.errors):
                    self.preview.clear_errors()
                self._theme_css = self.preview.theme_css
                self.set_trait("css_layer", result.layer)
            self._sync_errors()

    @staticmethod
    def _has_loop() -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True


def _token_dict(tokens: Mapping | TokenSet | str | Path | None) -> dict:
    if tokens is None:
        return {}
    if isinstance(tokens, TokenSet):
        return tokens.to_dict()
    if isinstance(tokens, (str, Path)):
        return load_tokens(tokens).to_dict()
    return copy.deepcopy(dict(tokens))


def _addons_string(addons_path) -> str | None:
    if addons_path is None or addons_path == "":
        return None
    if isinstance(addons_path, (str, Path)):
        return str(addons_path)
    return ",".join(str(part) for part in addons_path)


def _contrast(tokens: TokenSet | None) -> list[dict]:
    return report_as_json(resolve(tokens))["contrast"] if tokens is not None else []


def _token_label(tokens, index: int) -> str:
    if isinstance(tokens, (str, Path)):
        return Path(tokens).stem
    name = tokens.name if isinstance(tokens, TokenSet) else (tokens or {}).get("name")
    return str(name or f"#{index + 1}")


# -- the tuning panel ----------------------------------------------------------------------------

FONT_CHOICES = (
    "system-ui",
    "Inter",
    "Roboto",
    "Open Sans",
    "Lato",
    "Montserrat",
    "Poppins",
    "PT Sans",
    "Source Sans Pro",
    "Dosis",
    "Merriweather",
    "Playfair Display",
    "Fraunces",
    "Georgia",
)
GENERIC_FALLBACK = {"Merriweather": "serif", "Playfair Display": "serif", "Fraunces": "serif"}
DEFAULT_COLORS = ("primary", "accent", "neutral.light", "neutral.background", "neutral.dark")
# Where a colour token lands in Odoo's palette: a picker shows the derived colour until set.
PALETTE_SLOT = {
    "primary": "o-color-1",
    "accent": "o-color-2",
    "neutral.light": "o-color-3",
    "neutral.background": "o-color-4",
    "neutral.dark": "o-color-5",
}


class TokenControls:
    """ipywidgets bound to a `ThemePreview`'s tokens: a change in a control sets `tokens` (only
    what the designer touched is written; the rest stays derived); a change of `tokens` from
    code moves the controls."""

    def __init__(self, preview: ThemePreview, *, colors: Iterable[str] | None = None):
        self.preview = preview
        self._updating = False
        self._touched: set[str] = set()
        small = ipywidgets.Layout(width="auto")
        self.colors = {
            name: ipywidgets.ColorPicker(
                description=name.removeprefix("neutral."), value="#000000", layout=small
            )
            for name in (colors or DEFAULT_COLORS)
        }
        self.fonts = {
            role: ipywidgets.Combobox(
                description=label, options=FONT_CHOICES, ensure_option=False, layout=small
            )
            for role, label in (("sans", "body font"), ("headings", "headings"))
        }
        slider = ipywidgets.Layout(width="300px")  # "auto" would leave the track no room
        self.spacing = ipywidgets.IntSlider(
            description="spacing px", min=2, max=16, step=1, value=4, layout=slider
        )
        self.radius = ipywidgets.FloatSlider(
            description="radius rem", min=0, max=2, step=0.125, value=0.375,
            readout_format=".3f", layout=slider,
        )  # fmt: skip
        self.show(self.base_tokens())
        controls = {
            **{f"color:{name}": picker for name, picker in self.colors.items()},
            **{f"font:{role}": box for role, box in self.fonts.items()},
            "spacing": self.spacing,
            "radius": self.radius,
        }
        for key, control in controls.items():
            control.observe(lambda change, key=key: self._control_changed(key), names="value")
        preview.observe(self._tokens_changed, names="tokens")
        layout = ipywidgets.Layout(flex_flow="row wrap", grid_gap="4px 12px", align_items="center")
        self.box = ipywidgets.Box(list(controls.values()), layout=layout)
        self.box.token_controls = self

    def base_tokens(self) -> dict:
        """The tokens the controls edit: the widget's, else the theme's own."""
        tokens = self.preview.preview.tokens
        return tokens.to_dict() if tokens is not None else {}

    def show(self, tokens: dict) -> None:
        """Move the controls to `tokens` (colours as shown: derived ones included)."""
        self._updating = True
        try:
            palette = report_as_json(resolve(load_tokens(tokens)))["palette"]
            for name, picker in self.colors.items():
                given = _color_hex(tokens.get("colors", {}), name)
                shown = given or palette.get(PALETTE_SLOT.get(name, ""))
                if isinstance(shown, str) and shown.startswith("#"):
                    picker.value = shown
            families = tokens.get("typography", {}).get("families", {})
            for role, box in self.fonts.items():
                box.value = families[role][0] if families.get(role) else ""
            if tokens.get("spacing", {}).get("unit") is not None:
                self.spacing.value = round(tokens["spacing"]["unit"])
            radius = tokens.get("radius", {}).get("base")
            if isinstance(radius, str) and radius.endswith("rem"):
                self.radius.value = float(radius[:-3])
        finally:
            self._updating = False

    def tokens_from_controls(self) -> dict:
        """The base tokens with what the designer touched taken from the controls."""
        tokens = self.base_tokens()
        for key in sorted(self._touched):
            kind, _, name = key.partition(":")
            if kind == "color":
                *parents, leaf = name.split(".")
                target = tokens.setdefault("colors", {})
                for parent in parents:
                    target = target.setdefault(parent, {})
                target[leaf] = self.colors[name].value
            elif kind == "font":
                family = self.fonts[name].value.strip()
                families = tokens.setdefault("typography", {}).setdefault("families", {})
                if family:
                    families[name] = [family, GENERIC_FALLBACK.get(family, "sans-serif")]
            elif kind == "spacing":
                tokens["spacing"] = {"unit": self.spacing.value}
            elif kind == "radius":
                tokens.setdefault("radius", {})["base"] = f"{self.radius.value:g}rem"
        return tokens

    def _control_changed(self, key: str) -> None:
        if self._updating:
            return
        self._touched.add(key)
        self._updating = True  # the tokens change below comes from here: nothing to show
        try:
            self.preview.tokens = self.tokens_from_controls()
        except traitlets.TraitError as error:  # a font name the token grammar refuses
            log.warning("%s", error)
        finally:
            self._updating = False

    def _tokens_changed(self, change) -> None:
        if not self._updating:  # set from code: the controls follow, and edit that from now
            self._touched.clear()
            self.show(self.base_tokens())


def _color_hex(colors: Mapping, name: str) -> str | None:
    value: Any = colors
    for part in name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, Mapping):
        value = value.get("hex")
    return value if isinstance(value, str) and value.startswith("#") else None


# -- check results as a table --------------------------------------------------------------------


def diagnostics_table(diagnostics: Iterable) -> str:
    """`check` diagnostics (or their dicts) as an HTML table: severity, code, where, message."""
    rows = []
    for item in diagnostics:
        entry = item.to_dict() if hasattr(item, "to_dict") else dict(item)
        where = entry.get("file") or ""
        if entry.get("line"):
            where += f":{entry['line']}"
        severity = str(entry.get("severity", ""))
        colour = {"error": "#b91c1c", "warning": "#b45309"}.get(severity, "#374151")
        rows.append(
            "<tr>"
            f'<td style="color:{colour};font-weight:600">{html_lib.escape(severity)}</td>'
            f"<td><code>{html_lib.escape(str(entry.get('code', '')))}</code></td>"
            f"<td><code>{html_lib.escape(where)}</code></td>"
            f"<td>{html_lib.escape(str(entry.get('message', '')))}</td>"
            "</tr>"
        )
    if not rows:
        rows.append('<tr><td colspan="4">No problems found.</td></tr>')
    return (
        '<table class="platxa-diagnostics" style="border-collapse:collapse;font-size:13px">'
        "<thead><tr><th>severity</th><th>code</th><th>where</th><th>message</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# -- LiveHTML ------------------------------------------------------------------------------------


class LiveHTML(anywidget.AnyWidget):
    """Show HTML in a notebook and update it live: each change of `html` is morphed into the
    shown page (scroll, focus and typed values kept), `css` is swapped in place. Scripts in the
    HTML never run; the page is a sandboxed frame."""

    _esm = PREVIEW_ESM

    html = traitlets.Unicode("").tag(sync=True)
    css = traitlets.Unicode("")
    viewport = traitlets.Union(
        [traitlets.Enum(VIEWPORTS), traitlets.Int(min=240, max=3840)], default_value="fit"
    ).tag(sync=True)
    height = traitlets.Int(400, min=50, max=5000).tag(sync=True)

    _document = traitlets.Unicode("").tag(sync=True)
    _theme_css = traitlets.Unicode("").tag(sync=True)

    def __init__(self, html: str = "", *, css: str = "", title: str = "", **kwargs: Any):
        super().__init__(html=html, css=css, _document=empty_document(title=title), **kwargs)
        self._theme_css = css

    def update(self, html: str | None = None, *, css: str | None = None) -> None:
        """Change the HTML and/or the CSS in one message."""
        with self.hold_sync():
            if css is not None:
                self.css = css
            if html is not None:
                self.html = html

    @traitlets.observe("css")
    def _css_changed(self, change) -> None:
        self._theme_css = change["new"]
