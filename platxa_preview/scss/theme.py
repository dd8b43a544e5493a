"""A theme's CSS: Odoo's pipeline when Odoo's SCSS and Bootstrap's SCSS are available, else the
built-in layer. One entry point for the CLI, the server and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..odoo import LoadedSite
from ..tokens import TokenSet, theme_design, to_primary_variables_scss
from .bootstrap import find_bootstrap_scss
from .builtin import builtin_css
from .compiler import CompiledCss, ScssCompiler, default_compiler
from .program import FRONTEND_BUNDLE, ScssProgram, build_program, has_odoo_scss

ODOO_LAYER, BUILTIN_LAYER = "odoo", "builtin"


@dataclass
class ThemeCss:
    css: str
    layer: str  # 'odoo' (Odoo's SCSS compiled) or 'builtin' (Bootstrap CSS + built-in layer)
    reason: str  # what was used, or why the built-in layer was
    program: ScssProgram | None = None
    compiled: CompiledCss | None = None
    problems: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class Pipeline:
    """Which layer a site gets, and the Bootstrap SCSS folder for Odoo's."""

    layer: str
    bootstrap_scss: Path | None
    reason: str


def choose_pipeline(site, bootstrap_scss: str | Path | None = None) -> Pipeline:
    """Odoo's pipeline needs Odoo's web/website SCSS on the addons path and Bootstrap's SCSS
    (`bootstrap_scss`, the Odoo tree's, or $PLATXA_BOOTSTRAP_SCSS). Raises BootstrapNotFound
    when `bootstrap_scss` is given but is not Bootstrap's SCSS."""
    loaded = _loaded(site)
    web = loaded.module("web")
    folder = find_bootstrap_scss(bootstrap_scss, web.path if web is not None else None)
    if not has_odoo_scss(loaded):
        return Pipeline(BUILTIN_LAYER, folder, "Odoo's web/website SCSS is not on the addons path")
    if folder is None:
        return Pipeline(
            BUILTIN_LAYER,
            None,
            "Bootstrap's SCSS was not found (web/static/lib/bootstrap/scss is not in the Odoo "
            "tree; give --bootstrap-scss DIR)",
        )
    return Pipeline(ODOO_LAYER, folder, f"Odoo's SCSS pipeline, Bootstrap SCSS from {folder}")


def theme_tokens(site, theme: str | None = None) -> TokenSet:
    """The theme's default palette and fonts, read from its `primary_variables.scss` (over
    website's palette library when it is on the addons path), as tokens."""
    loaded = _loaded(site)
    module = loaded.module(theme) if theme else loaded.theme
    if module is None:
        raise KeyError(f"no theme {theme!r} on the addons path")
    design = theme_design(module.path, [str(folder) for folder in loaded.addons.folders])
    return design.palette_tokens()


def theme_css(
    site,
    *,
    tokens: TokenSet | None = None,
    bootstrap_scss: str | Path | None = None,
    compiler: ScssCompiler | None = None,
    bundle: str = FRONTEND_BUNDLE,
) -> ThemeCss:
    """The CSS of the site's theme (with `tokens` overriding its palette and fonts)."""
    pipeline, ready = _prepare(site, tokens, bootstrap_scss, bundle)
    if isinstance(ready, ThemeCss):
        return ready
    compiled = (compiler or default_compiler()).compile(ready)
    return ThemeCss(compiled.css, ODOO_LAYER, pipeline.reason, ready, compiled, ready.problems)


async def theme_css_async(
    site,
    *,
    tokens: TokenSet | None = None,
    bootstrap_scss: str | Path | None = None,
    compiler: ScssCompiler | None = None,
    bundle: str = FRONTEND_BUNDLE,
) -> ThemeCss:
    """:func:`theme_css` with the compile off the event loop."""
    pipeline, ready = _prepare(site, tokens, bootstrap_scss, bundle)
    if isinstance(ready, ThemeCss):
        return ready
    compiled = await (compiler or default_compiler()).compile_async(ready)
    return ThemeCss(compiled.css, ODOO_LAYER, pipeline.reason, ready, compiled, ready.problems)


def _prepare(site, tokens, bootstrap_scss, bundle) -> tuple[Pipeline, ThemeCss | ScssProgram]:
    """The built-in layer's result, or the SCSS program to compile."""
    pipeline = choose_pipeline(site, bootstrap_scss)
    if pipeline.layer == BUILTIN_LAYER:
        return pipeline, _builtin(site, tokens, pipeline)
    program = build_program(
        _loaded(site), bundle, bootstrap_scss=pipeline.bootstrap_scss, tokens=tokens
    )
    return pipeline, program


def _builtin(site, tokens: TokenSet | None, pipeline: Pipeline) -> ThemeCss:
    problems = Diagnostics()
    if tokens is None:
        try:
            tokens = theme_tokens(site)
        except (KeyError, ValueError) as error:
            from ..demo import DEMO_ADDONS, DEMO_THEME

            problems.warning(
                "scss-error",
                f"the theme's palette cannot be read ({error}); showing the demo palette",
            )
            design = theme_design(DEMO_ADDONS / DEMO_THEME)
            tokens = design.palette_tokens()
    return ThemeCss(builtin_css(tokens), BUILTIN_LAYER, pipeline.reason, problems=problems)


def _loaded(site) -> LoadedSite:
    """A LoadedSite from a ThemeSite or a LoadedSite."""
    return site.site if hasattr(site, "site") and isinstance(site.site, LoadedSite) else site


def export_primary_variables(tokens: TokenSet, site=None, theme: str | None = None) -> str:
    """A `primary_variables.scss` that makes a theme use these tokens. With a site, it is the
    theme's own file followed by the tokens merged over it (its header, footer and button
    settings stay); without, a file declaring everything itself."""
    if site is None:
        return to_primary_variables_scss(tokens)
    loaded = _loaded(site)
    module = loaded.module(theme) if theme else loaded.theme
    own = module.path / "static" / "src" / "scss" / "primary_variables.scss" if module else None
    if own is None or not own.is_file():
        return to_primary_variables_scss(tokens)
    text = own.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    header = f"\n// ---- design tokens over {module.name}'s own primary variables ----\n"
    return text + header + to_primary_variables_scss(tokens, merge=True)
