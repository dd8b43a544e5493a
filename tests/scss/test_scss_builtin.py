"""The built-in layer (no Odoo SCSS: Bootstrap's compiled CSS + the theme's colours and fonts),
and the token export round trip through libsass."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from platxa_preview.scss import (
    BUILTIN_LAYER,
    ODOO_LAYER,
    VARIABLES_BUNDLE,
    bootstrap_css_path,
    build_program,
    choose_pipeline,
    palette_from_css,
    theme_css,
)
from platxa_preview.site import ThemeSite
from platxa_preview.tokens import TokenSet, resolve, to_primary_variables_scss
from tests.conftest import corpus_path
from tests.scss.conftest import write_scss_theme

DEMO_COLORS = ["#8b35a8", "#2bb1a5", "#f4f1f6", "#ffffff", "#1f1a24"]  # platxa-1


def test_demo_theme_without_odoo_uses_the_builtin_layer():
    site = ThemeSite.load(None, None)
    result = theme_css(site)
    assert result.layer == BUILTIN_LAYER
    assert "not on the addons path" in result.reason
    css = result.css
    found = palette_from_css(css, [f"o-color-{n}" for n in range(1, 6)])
    assert [found[f"o-color-{n}"] for n in range(1, 6)] == DEMO_COLORS
    for index in range(1, 6):
        assert re.search(rf"(^|[ ,]){re.escape(f'.o_cc{index}')}[ ,{{]", css, re.MULTILINE)
    assert ".btn-fill-primary, .btn-primary {" in css
    # Odoo's --btn-* values, which Bootstrap's own .btn-primary reads through --bs-btn-*
    assert "--btn-bg: #8b35a8;" in css and "--bs-btn-bg: var(--btn-bg);" in css
    assert css.startswith('@charset "UTF-8";/*!\n * Bootstrap  v5.3.3')
    assert ".row{--bs-gutter-x:1.5rem;" in css  # Bootstrap's own rules
    assert "Fraunces" in css and "h1, h2, h3, h4, h5, h6" in css  # the headings font
    assert ".pt32 { padding-top: 32px !important; }" in css
    assert "sourceMappingURL" not in css


def test_bootstrap_css_comes_from_the_installed_package():
    path = bootstrap_css_path()
    assert path.name == "bootstrap.min.css" and path.is_file()
    assert any(Path(p) in path.parents for p in sys.path if p)


def test_tokens_replace_the_theme_palette_in_the_builtin_layer():
    tokens = TokenSet.from_dict({"colors": {"primary": "#0a7e8c"}})
    css = theme_css(ThemeSite.load(None, None), tokens=tokens).css
    assert palette_from_css(css, ["o-color-1"]) == {"o-color-1": "#0a7e8c"}
    assert "#8b35a8" not in css


def test_odoo_pipeline_needs_bootstrap_scss(corpus_site, bootstrap_scss, monkeypatch):
    monkeypatch.delenv("PLATXA_BOOTSTRAP_SCSS", raising=False)
    site = corpus_site("theme_clean")
    without = choose_pipeline(site)
    assert without.layer == BUILTIN_LAYER and "--bootstrap-scss" in without.reason
    assert choose_pipeline(site, bootstrap_scss).layer == ODOO_LAYER
    monkeypatch.setenv("PLATXA_BOOTSTRAP_SCSS", str(bootstrap_scss))
    assert choose_pipeline(site).layer == ODOO_LAYER
    # a corpus theme without Bootstrap's SCSS still shows its palette
    monkeypatch.delenv("PLATXA_BOOTSTRAP_SCSS")
    css = theme_css(site).css
    assert palette_from_css(css, ["o-color-1"]) == {"o-color-1": "#3498db"}


def test_exported_primary_variables_compile_back_to_the_same_colours(
    tmp_path, bootstrap_scss, compiler
):
    tokens = TokenSet.from_dict(
        {
            "name": "roundtrip",
            "colors": {
                "primary": {"oklch": [0.55, 0.3, 300]},  # out of sRGB: gamut mapped
                "accent": "#e07a1f",
                "neutral": {"dark": "#1b1b2f", "light": "#f3f0ea", "background": "#fffefb"},
            },
            "typography": {"families": {"sans": "Inter, sans-serif", "headings": "Lora, serif"}},
        }
    )
    write_scss_theme(tmp_path, "theme_exported", to_primary_variables_scss(tokens))
    site = ThemeSite.load(f"{corpus_path('odoo', 'addons')},{tmp_path}", "theme_exported")
    program = build_program(site.site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    found = palette_from_css(compiler.compile(program).css)
    resolved = {color.name: color.hex for color in resolve(tokens).colors}
    assert [found[f"o-color-{n}"] for n in range(1, 6)] == [
        resolved[name]
        for name in ("primary", "accent", "neutral.light", "neutral.background", "neutral.dark")
    ]
    assert found["font"].startswith('"Inter"') and found["headings-font"].startswith('"Lora"')
