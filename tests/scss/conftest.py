"""Bootstrap's SCSS for the SCSS tests (npm `bootstrap@5.3.3`, fetched once into tests/.cache),
and the corpus themes compiled once per session."""

from __future__ import annotations

import os
import subprocess

import pytest

from platxa_preview.scss import ScssCompiler, build_program, fetch_bootstrap_scss
from platxa_preview.site import ThemeSite
from tests.conftest import PROJECT_ROOT, corpus_path

CACHE = PROJECT_ROOT / "tests" / ".cache"
#: the corpus themes whose manifests load their SCSS through `ir.asset` (Odoo 17+)
CURRENT_THEMES = [
    "theme_brutalist",
    "theme_clean",
    "theme_cobalt",
    "theme_treehouse",
    "theme_zenith",
]


def skip_or_fail(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must never skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def bootstrap_scss():
    """Bootstrap 5.3.3's SCSS folder from the npm registry, cached in tests/.cache."""
    try:
        return fetch_bootstrap_scss(CACHE)
    except FileNotFoundError as error:
        skip_or_fail(f"Bootstrap's SCSS cannot be fetched: {error}")
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        skip_or_fail(f"npm pack bootstrap@5.3.3 failed: {error}")


def corpus_addons() -> str:
    return f"{corpus_path('odoo', 'addons')},{corpus_path('design-themes')}"


@pytest.fixture(scope="session")
def compiler():
    """One compiler (and cache) for the session's compiles."""
    compiler = ScssCompiler()
    yield compiler
    compiler.close()


@pytest.fixture(scope="session")
def corpus_site():
    """`corpus_site(theme)`: the theme loaded over the corpus (once per theme)."""
    sites: dict[str, ThemeSite] = {}

    def load(theme: str | None) -> ThemeSite:
        if theme not in sites:
            sites[theme] = ThemeSite.load(corpus_addons(), theme)
        return sites[theme]

    return load


@pytest.fixture(scope="session")
def frontend_css(corpus_site, bootstrap_scss, compiler):
    """`frontend_css(theme, tokens=None)`: the full web.assets_frontend CSS (compiled once)."""
    compiled: dict = {}

    def css(theme: str | None, tokens=None):
        key = (theme, id(tokens))
        if key not in compiled:
            site = corpus_site(theme)
            program = build_program(site.site, bootstrap_scss=bootstrap_scss, tokens=tokens)
            compiled[key] = (program, compiler.compile(program))
        return compiled[key]

    return css


def write_scss_theme(
    addons, name: str, primary_variables: str, bootstrap_overridden: str | None = None
):
    """A theme module loading its SCSS as current themes do (`ir.asset` records)."""
    module = addons / name
    (module / "static" / "src" / "scss").mkdir(parents=True)
    (module / "data").mkdir()
    (module / "__manifest__.py").write_text(
        f"{{'name': '{name}', 'depends': ['website'], 'data': ['data/ir_asset.xml']}}\n"
    )
    records = [
        f'<asset id="{name}.primary_variables_scss" name="Primary variables">'
        "<bundle>web._assets_primary_variables</bundle>"
        f"<path>{name}/static/src/scss/primary_variables.scss</path></asset>"
    ]
    (module / "static/src/scss/primary_variables.scss").write_text(primary_variables)
    if bootstrap_overridden is not None:
        records.append(
            f'<asset id="{name}.bootstrap_overridden_scss" name="Bootstrap overridden">'
            '<bundle directive="prepend">web._assets_frontend_helpers</bundle>'
            f"<path>{name}/static/src/scss/bootstrap_overridden.scss</path></asset>"
        )
        (module / "static/src/scss/bootstrap_overridden.scss").write_text(bootstrap_overridden)
    (module / "data" / "ir_asset.xml").write_text(f"<odoo>{''.join(records)}</odoo>\n")
    return module
