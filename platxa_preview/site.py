"""A theme loaded with its dependencies, rendering its pages with the demo environment.

`ThemeSite.load(addons_path, theme)` loads the theme the way Odoo installs it; `render(page)`
renders `homepage`, a URL of a `website.page`, or a template key. A theme's homepage is, in
this order: the page config its manifest names in `preview_pages['homepage']` (a
platxa-preview key that Odoo ignores; the built-in demo theme uses it), else what Odoo's
configurator builds: the manifest's `configurator_snippets['homepage']` (or the older
`snippet_lists['homepage']`) inside `website.layout`, else the theme's own `<theme>.homepage`
template, else the site's `/` page. Without Odoo's website module on the addons path, the
stand-in frame provides `website.layout`.

Nothing here stops a page for one broken part: an inheritance spec that cannot apply is
skipped, a snippet that fails to render is left out, and each is reported in `problems` with
its file and line.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

import qweb

from .demo import DEMO_ADDONS, DEMO_THEME
from .diagnostics import Diagnostics
from .environment import demo_environment, public_visitor_has_groups
from .odoo import LoadedSite, load_site
from .pages import PAGE_TEMPLATE, SectionLibrary, render_page
from .templates import load_frame, load_sections
from .tokens import TokenSet, instant_css

HOMEPAGE = "homepage"
TOKEN_STYLE_ID = "platxa-tokens"
_IMAGE_URL = re.compile(r"/web/image/([A-Za-z0-9_.]+)")
LAYOUT = "website.layout"
COMPOSITION_KEY = "platxa_preview.snippet_page"
COMPOSITION = f"""<templates>
<t t-name="{COMPOSITION_KEY}"><t t-call="website.layout">
<div id="wrap" class="oe_structure oe_empty"><t t-foreach="snippets" t-as="html"><t t-out="html"/>
</t></div></t></t>
</templates>"""


@dataclass
class SnippetResult:
    """One homepage snippet: the template used for it, and whether it rendered."""

    name: str
    template: str | None
    rendered: bool = False
    error: str | None = None
    html: str = ""


@dataclass
class RenderedPage:
    html: str
    snippets: list[SnippetResult] = field(default_factory=list)
    problems: Diagnostics = field(default_factory=Diagnostics)


class ThemeSite:
    """One theme on an addons path, ready to render pages."""

    def __init__(self, site: LoadedSite, theme: str | None):
        self.site = site
        self.theme = theme
        self.engine = site.engine
        # Problems found while rendering (specs that cannot apply, snippets that fail).
        self.problems = Diagnostics()
        self._reported: set[tuple] = set()
        self.load_seconds = 0.0

    # -- loading --------------------------------------------------------------------------

    @classmethod
    def load(cls, addons_path=None, theme: str | None = None) -> ThemeSite:
        """Load `theme` (default: the built-in demo theme) and what it depends on."""
        started = time.perf_counter()
        paths = _as_list(addons_path)
        if theme is None or theme == DEMO_THEME:
            theme = DEMO_THEME
            paths.append(str(DEMO_ADDONS))
        site_holder: list[ThemeSite] = []
        engine = qweb.Engine(
            has_groups=public_visitor_has_groups,
            on_inheritance_error=lambda error: site_holder[0].report(error),
            attribute_hook=lambda tag, attrs, static: site_holder[0]._rewrite_images(tag, attrs),
        )
        loaded = load_site(paths, [theme], engine=engine)
        theme = Path(theme).name if ("/" in theme or theme.startswith(".")) else theme
        if loaded.module(theme) is None:
            searched = ", ".join(str(folder) for folder in loaded.addons.folders) or "nothing"
            raise qweb.QWebError(
                f"Theme {theme!r} is not on the addons path (searched: {searched})",
                code="unknown-module",
            )
        site = cls(loaded, theme)
        site_holder.append(site)
        site._images = _preview_images(loaded, theme)
        # The stand-in frame serves as website.layout when Odoo's website is absent; the
        # frame is loaded after the modules, so theme specs on the real layout keep working.
        load_frame(engine)
        load_sections(engine)
        engine.load(COMPOSITION, module="platxa_preview")
        site.load_seconds = time.perf_counter() - started
        return site

    @property
    def diagnostics(self) -> Diagnostics:
        """Everything known to be wrong: loading problems, then rendering problems."""
        return Diagnostics([*self.site.diagnostics, *self.problems])

    def report(self, error: qweb.QWebError, code: str | None = None) -> None:
        key = (error.file, error.line, error.message)
        if key in self._reported:
            return
        self._reported.add(key)
        module = self.site.module(self.theme) if self.theme else None
        in_theme = bool(module and error.file and str(module.path) in str(error.file))
        self.problems.add(
            "error" if in_theme else "warning",
            code or (error.code if error.code else "render-error"),
            error.message,
            file=error.file,
            line=error.line,
            module=self.theme if in_theme else None,
        )

    # -- pages ----------------------------------------------------------------------------

    def homepage_snippets(self) -> list[SnippetResult]:
        """The configurator snippets of the theme's homepage and the template for each."""
        module = self.site.module(self.theme) if self.theme else None
        names = module.manifest.homepage_snippets if module is not None else []
        results = []
        for name in names:
            key = name if "." in name else None
            candidates = [key] if key else [f"website.configurator_{name}", f"website.{name}"]
            template = next((c for c in candidates if c and c in self.engine), None)
            results.append(SnippetResult(name, template))
        return results

    def render(
        self,
        page: str = HOMEPAGE,
        values: Mapping[str, Any] | None = None,
        *,
        url: str | None = None,
        tokens: TokenSet | None = None,
    ) -> RenderedPage:
        """Render `homepage`, a page URL (`/contactus`) or a template key as a whole page.

        With `tokens`, the page carries their instant stylesheet (CSS custom properties) at
        the end of its head, so the design tokens show without compiling SCSS.
        """
        before = len(self.problems)
        environment = demo_environment(values, engine=self.engine, url=url or _url_of(page))
        if page == HOMEPAGE:
            result = self._render_homepage(environment)
        elif page.startswith("/"):
            record = self.site.page(page)
            if record is None or not record.view_key:
                known = sorted(p.url for p in self.site.pages if p.url)
                raise qweb.QWebError(
                    f"No page at {page!r}; pages: {', '.join(known) or 'none'}",
                    code="unknown-template",
                )
            result = self._render_template(record.view_key, environment)
        else:
            result = self._render_template(page, environment)
        result.problems = Diagnostics(self.problems[before:])
        if tokens is not None:
            result.html = with_token_css(result.html, instant_css(tokens))
        return result

    def page_config(self, name: str) -> dict | None:
        """A page config the theme ships (`preview_pages` in its manifest), or None."""
        module = self.site.module(self.theme) if self.theme else None
        relative = module.manifest.raw.get("preview_pages", {}).get(name) if module else None
        if not relative:
            return None
        path = Path(module.path) / relative
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise qweb.QWebError(
                f"Cannot read page config {relative!r}: {error}", file=str(path),
                code="missing-data-file",
            ) from None  # fmt: skip

    def render_page_config(self, config: Mapping[str, Any], environment: dict) -> str:
        """A page described as data, rendered with the section library in the layout."""
        own = f"{self.theme}.homepage"
        return render_page(
            self.engine,
            config,
            values=environment,
            library=SectionLibrary.for_engine(self.engine, [self.theme] if self.theme else []),
            page_template=own if own in self.engine else PAGE_TEMPLATE,
        )

    def _render_homepage(self, environment: dict) -> RenderedPage:
        config = self.page_config(HOMEPAGE)
        if config is not None:
            return RenderedPage(self.render_page_config(config, environment))
        snippets = self.homepage_snippets()
        if not any(snippet.template for snippet in snippets):
            # No configurator homepage: the theme's own homepage template, else the site's "/".
            own_homepage = f"{self.theme}.homepage"
            if own_homepage in self.engine:
                return RenderedPage(self._render_whole(own_homepage, environment))
            root_page = self.site.page("/")
            if root_page is not None and root_page.view_key in self.engine:
                return self._render_template(root_page.view_key, environment)
        parts = []
        for snippet in snippets:
            if snippet.template is None:
                snippet.error = f"no template for snippet {snippet.name!r}"
                self.problems.warning(
                    "unknown-snippet",
                    f"homepage snippet {snippet.name!r} is not defined by any loaded module",
                    module=self.theme,
                )
                continue
            try:
                html = self.engine.render(snippet.template, environment)
                parts.append(html)
                snippet.rendered, snippet.html = True, str(html)
            except qweb.QWebError as error:
                snippet.error = str(error).splitlines()[0]
                self.report(error, code="render-error")
        values = dict(environment, snippets=parts)
        html = self._render_whole(COMPOSITION_KEY, values)
        return RenderedPage(html, snippets)

    def _render_template(self, key: str, environment: dict) -> RenderedPage:
        html = self._render_whole(key, environment)
        if "<html" not in html:  # a fragment (a snippet, a section): show it in the layout
            values = dict(environment, snippets=[Markup(html)])
            html = self._render_whole(COMPOSITION_KEY, values)
        return RenderedPage(html)

    def _render_whole(self, key: str, values: dict) -> str:
        return str(self.engine.render(key, values))

    # -- images ---------------------------------------------------------------------------

    _images: dict[str, str]

    def _rewrite_images(self, tag: str, attrs: dict) -> dict:
        """Theme preview images replace website's default ones, as the configurator does
        (in `src` and in `background-image: url(...)` styles)."""
        if not self._images:
            return attrs
        changed = None
        for name in ("src", "style", "data-original-src"):
            value = attrs.get(name)
            if isinstance(value, str) and "/web/image/" in value:
                new = _IMAGE_URL.sub(lambda m: self._images.get(m.group(1), m.group(0)), value)
                if new != value:
                    changed = changed or dict(attrs)
                    changed[name] = new
        return changed or attrs


def with_token_css(html: str, css: str) -> str:
    """Add the token stylesheet last in the head, where it overrides the theme's defaults."""
    style = f'<style id="{TOKEN_STYLE_ID}">\n{css}</style>\n'
    head_end = html.find("</head>")
    if head_end < 0:
        return style + html
    return html[:head_end] + style + html[head_end:]


def _preview_images(site: LoadedSite, theme: str | None) -> dict[str, str]:
    module = site.module(theme) if theme else None
    images = dict(module.manifest.images_preview_theme) if module is not None else {}
    for key, attachment in site.attachments.items():
        url = getattr(attachment, "url", None)
        if url and key not in images:
            images[key] = url
    return images


def _url_of(page: str) -> str:
    return "/" if page == HOMEPAGE else page if page.startswith("/") else "/"


def _as_list(addons_path) -> list[str]:
    if not addons_path:
        return []
    if isinstance(addons_path, str):
        return [part for part in addons_path.split(",") if part]
    return [str(part) for part in addons_path]
