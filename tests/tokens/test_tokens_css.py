"""The instant path: custom properties and o_cc rules, stable output, speed, reports."""

from __future__ import annotations

import json
import re

import pytest

from platxa_preview.tokens import (
    TokenSet,
    bench_instant_css,
    contrast_report,
    instant_css,
    report_as_json,
    report_as_text,
    resolve,
)

TOKENS = {
    "colors": {
        "primary": "#3498db",
        "accent": "#34495e",
        "neutral": {"light": "#e5edf2", "background": "#ffffff", "dark": "#333333"},
    },
    "typography": {
        "families": {
            "sans": "'PT Sans', sans-serif",
            "headings": "Dosis, sans-serif",
            "mono": "monospace",
        },
        "sizes": {"base": "1rem", "h1": "2.5625rem"},
    },
    "radius": {"base": "0.4rem", "sm": "0.3rem", "button": "10rem"},
    "odoo": {"palette": {"menu": 2, "footer": 2, "copyright": 2}},
}


@pytest.fixture
def css() -> str:
    return instant_css(TokenSet.from_dict(TOKENS))


def declarations(css: str) -> dict[str, str]:
    root = css[css.index(":root {") : css.index("}")]
    return dict(re.findall(r"(--[\w-]+): ([^;]+);", root))


def test_root_has_bootstrap_and_odoo_custom_properties(css):
    root = declarations(css)
    expected = {
        "--o-color-1": "#3498db",
        "--o-color-5": "#333333",
        "--bs-primary": "#3498db",
        "--bs-primary-rgb": "52, 152, 219",
        "--bs-secondary": "#34495e",
        "--bs-light": "#e5edf2",
        "--bs-dark": "#333333",
        "--bs-body-bg": "#ffffff",
        "--bs-body-color": "#212529",
        "--bs-body-color-rgb": "33, 37, 41",
        "--bs-link-color": "#195d8b",
        "--bs-link-color-rgb": "25, 93, 139",
        "--o-cc2-bg": "#e5edf2",
        "--o-cc2-headings": "#333333",
        "--o-cc3-link": "#a0cfee",
        "--o-cc4-btn-primary": "#333333",
        "--o-cc4-btn-primary-text": "#ffffff",
        "--900": "#212529",
        "--menu": "2",
    }
    for name, value in expected.items():
        assert root[name] == value, name
    assert all(
        f"--o-cc{n}-{key}" in root
        for n in range(1, 6)
        for key in ("bg", "text", "link", "btn-secondary-border")
    )
    assert '--bs-font-sans-serif: "PT Sans", sans-serif;' in css
    assert "--bs-font-monospace: monospace;" in css
    assert "--bs-border-radius: 0.4rem; --bs-border-radius-sm: 0.3rem;" in css
    assert ".btn { --bs-btn-border-radius: 10rem; }" in css


def test_combination_rules(css):
    assert ".o_cc3, .navbar-light, .o_footer, .o_footer_copyright" not in css  # layout uses cc2
    assert (
        ".o_cc2, .navbar-light, .o_footer, .o_footer_copyright "
        "{ background-color: #e5edf2; color: #212529;" in css
    )
    assert ".o_cc5 { background-color: #333333; color: #ffffff; --background-color: #333333;" in css
    assert ".o_cc2 h1, .o_cc2 h2" in css and ".o_colored_level .o_cc2 h1" in css
    assert re.search(r"\.o_cc1 a:not\(\.btn\), \.o_cc1 \.btn-link, [^{]*\{ color: #195d8b; \}", css)
    assert re.search(
        r"\.o_cc4 \.btn-fill-primary, \.o_cc4 \.btn-primary, [^{]*\{ "
        r"--bs-btn-color: #ffffff; --bs-btn-bg: #333333;",
        css,
    )
    assert ".o_cc1 .btn-outline-secondary" in css
    assert (
        'h1, h2, h3, h4, h5, h6, .h1, .h2, .h3, .h4, .h5, .h6 { font-family: "Dosis", sans-serif; }'
        in css
    )
    assert ".bg-o-color-1 { background-color: #3498db !important;" in css


def test_output_is_stable_and_balanced(css):
    assert instant_css(TokenSet.from_dict(TOKENS)) == css
    assert TokenSet.from_dict(TOKENS).to_css() == css
    assert css.count("{") == css.count("}")
    assert len(css) < 40_000


def test_a_token_change_changes_only_what_depends_on_it(css):
    changed = dict(TOKENS, colors=dict(TOKENS["colors"], accent="#aa0000"))
    other = instant_css(TokenSet.from_dict(changed))
    assert declarations(other)["--bs-secondary"] == "#aa0000"
    assert declarations(other)["--bs-primary"] == declarations(css)["--bs-primary"]


def test_instant_css_is_fast():
    seconds = bench_instant_css(200)
    assert seconds < 0.005  # measured well under 1 ms; loose bound for slow CI machines


def test_contrast_report_covers_every_combination():
    checks = contrast_report(TokenSet.from_dict(TOKENS))
    assert {c.combination for c in checks} == {1, 2, 3, 4, 5}
    text_on_white = next(c for c in checks if c.combination == 1 and c.element == "text")
    assert (text_on_white.foreground, text_on_white.background) == ("#212529", "#ffffff")
    assert (
        text_on_white.verdict.ratio == pytest.approx(15.43, abs=0.01) and text_on_white.verdict.aaa
    )
    primary_button = next(
        c for c in checks if c.combination == 1 and c.element == "btn-primary label"
    )
    assert primary_button.verdict.ratio == pytest.approx(3.15, abs=0.01)
    assert not primary_button.verdict.aa and primary_button.verdict.aa_large
    assert not primary_button.passes


def test_reports_as_json_and_text():
    resolved = resolve(dict(TOKENS, colors=dict(TOKENS["colors"], accent="oklch(70% 0.35 150)")))
    data = report_as_json(resolved)
    json.dumps(data)
    accent = next(c for c in data["colors"] if c["name"] == "accent")
    assert accent["source"] == "oklch" and accent["gamut_mapped"] is True
    assert data["palette"]["o-color-2"] == accent["hex"]
    assert len(data["contrast"]) == 35
    text = report_as_text(resolved)
    assert "gamut mapped to sRGB" in text
    assert "o_cc1 text" in text and "AAA" in text
