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
        # the contrast-adjusted link colour keeps libsass's fractional channels
        "--bs-link-color-rgb": "24.68786611, 93.26527197, 139.21213389",
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
    assert ".btn { --bs-btn-border-radius: 10rem; --btn-border-radius: 10rem; }" in css


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
        r"--btn-color: #ffffff; --btn-bg: #333333;",
        css,
    )
    assert ".o_cc1 .btn-outline-secondary" in css
    assert (
        "h1, h2, h3, h4, h5, h6, .h1, .h2, .h3, .h4, .h5, .h6 "
        '{ font-family: "Dosis", "Odoo Unicode Support Noto", sans-serif; }' in css
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


# -- Odoo's compiled CSS reads unprefixed custom properties ($variable-prefix: '') -------------
# Expected values below are those of the corpus compile of theme_clean (palette clean-1, which
# TOKENS is), so each one is what Odoo's SCSS prints for the same palette.


def test_root_has_odoo_unprefixed_custom_properties(css):
    root = declarations(css)
    expected = {
        "--primary": "#3498db",
        "--primary-rgb": "52, 152, 219",
        "--secondary": "#34495e",
        "--light": "#e5edf2",
        "--dark-rgb": "51, 51, 51",
        "--primary-text-emphasis": "#195d8b",
        "--primary-bg-subtle": "#d6eaf8",
        "--primary-border-subtle": "#aed6f1",
        "--secondary-text-emphasis": "#151d26",
        "--secondary-bg-subtle": "#d6dbdf",
        "--secondary-border-subtle": "#aeb6bf",
        "--focus-ring-color": "rgba(52, 152, 219, 0.25)",
        "--gray-600": "#6c757d",
        "--body-color": "#212529",
        "--body-color-rgb": "33, 37, 41",
        "--body-bg": "#ffffff",
        "--body-bg-rgb": "255, 255, 255",
        "--secondary-color": "rgba(33, 37, 41, 0.75)",
        "--tertiary-bg": "#e9e9ea",
        "--link-color": "#195d8b",
        "--link-color-rgb": "24.68786611, 93.26527197, 139.21213389",
        # website's $link-hover-color darkens the contrast-adjusted link colour
        "--link-hover-color": "#0d324a",
        "--link-hover-color-rgb": "13.16485356, 49.73389121, 74.23514644",
        "--heading-color": "inherit",
    }
    for name, value in expected.items():
        assert root[name] == value, name
        bootstrap = "--bs-" + name[2:]
        assert root[bootstrap] == value, bootstrap  # the built-in layer reads Bootstrap's
    assert '--font-sans-serif: "PT Sans", "Odoo Unicode Support Noto", sans-serif;' in css
    assert "--border-radius: 0.4rem; --border-radius-sm: 0.3rem;" in css
    assert "--body-font-size: 1rem;" in css


def rule(css: str, selector: str) -> str:
    """The declarations of the rule whose selector list is exactly `selector`."""
    match = re.search(r"(?m)^" + re.escape(selector) + r" \{ ([^}]*) \}", css)
    assert match, f"no rule {selector!r}"
    return match.group(1)


def test_buttons_set_odoo_btn_variables_and_bootstrap_reads_them(css):
    # bootstrap_review_frontend.scss's page-level buttons, values as compiled for clean-1
    assert rule(css, ".btn-fill-primary, .btn-primary").startswith(
        "--btn-color: #ffffff; --btn-bg: #3498db; --btn-border-color: #3498db; "
        "--btn-hover-color: #ffffff; --btn-hover-bg: #2c81ba; --btn-hover-border-color: #2a7aaf; "
        "--btn-focus-shadow-rgb: 82, 167, 224; --btn-active-color: #ffffff; "
        "--btn-active-bg: #2a7aaf; --btn-active-border-color: #2772a4;"
    )
    assert rule(css, ".btn-outline-primary").startswith("--btn-color: #195d8b;")
    assert "--btn-bg: #34495e;" in rule(css, ".btn-fill-secondary, .btn-secondary")
    assert "--bs-btn-bg: #" not in css  # colours go to --btn-*, once
    bridge = rule(
        css,
        ".btn-fill-primary, .btn-primary, .btn-outline-primary, "
        ".btn-fill-secondary, .btn-secondary, .btn-outline-secondary",
    )
    names = re.findall(r"--bs-btn-([\w-]+): var\(--btn-([\w-]+)\);", bridge)
    assert len(names) == 13 and all(a == b for a, b in names)
    assert {"bg", "hover-bg", "active-bg", "focus-shadow-rgb", "disabled-color"} <= {
        a for a, _ in names
    }


def test_combination_rules_have_odoos_selectors_and_values(css):
    # exactly the selector lists html_editor.common.scss compiles to (same specificity)
    fill = rule(
        css,
        ".o_cc1 .btn-fill-primary, .o_cc1 .btn-primary, .o_colored_level .o_cc1 .btn-fill-primary",
    )
    assert fill.startswith("--btn-color: #ffffff; --btn-bg: #3498db;")
    outline = rule(css, ".o_cc1 .btn-outline-primary, .o_colored_level .o_cc1 .btn-outline-primary")
    assert "--btn-color: #195d8b;" in outline
    assert "--btn-focus-shadow-rgb: 24.68786611, 93.26527197, 139.21213389;" in outline
    assert "--gradient: none;" in outline
    links = ".o_cc4 a:not(.btn), .o_cc4 .btn-link, .o_colored_level .o_cc4 a:not(.btn), "
    assert rule(css, links + ".o_colored_level .o_cc4 .btn-link") == "color: #000000;"
    assert rule(css, ".o_cc3 .text-muted, .o_colored_level .o_cc3 .text-muted") == (
        "color: rgba(255, 255, 255, 0.7) !important;"
    )
    headings = ", ".join(
        [f".o_cc1 h{n}" for n in range(1, 7)]
        + [f".o_cc1 .h{n}" for n in range(1, 7)]
        + [f".o_colored_level .o_cc1 h{n}" for n in range(1, 7)]
    )
    assert rule(css, headings) == "color: inherit;"  # unset headings inherit (o-bg-color)
    # combination 2 also colours the layout parts (website.scss extends them)
    cc2 = headings.replace("o_cc1", "o_cc2")
    assert re.search(re.escape(cc2) + r", \.navbar-light h1, [^{]*\{ color: #333333; \}", css)
    active = rule(
        css,
        ".o_cc4 .nav-pills .nav-link.active, .o_cc4 .nav-pills .show > .nav-link, "
        ".o_colored_level .o_cc4 .nav-pills .nav-link.active, "
        ".o_colored_level .o_cc4 .nav-pills .show > .nav-link",
    )
    assert active == "background-color: #333333; color: #ffffff;"
    assert rule(css, ".o_cc1 a.list-group-item, .o_colored_level .o_cc1 a.list-group-item") == (
        "color: #3498db;"
    )


def test_page_level_rules_odoo_prints_literally(css):
    assert rule(css, ".text-primary") == "color: #3498db !important;"
    assert rule(css, ".text-dark") == "color: #333333 !important;"
    assert "--nav-pills-link-active-bg: #3498db;" in rule(css, ".nav-pills")
    assert "--bs-nav-pills-link-active-bg: #3498db;" in rule(css, ".nav-pills")
    assert rule(css, ".form-check-input:checked") == (
        "background-color: #3498db; border-color: #3498db;"
    )
    assert "--dropdown-bg: #ffffff;" in rule(css, ".dropdown-menu")
    assert rule(css, ".modal-content") == "color: #212529;"
    assert rule(css, ".bg-o-color-3 .text-muted, .o_colored_level .bg-o-color-3 .text-muted") == (
        "color: rgba(33, 37, 41, 0.7) !important;"
    )
    # website.scss keeps navbar links on the navbar's colours over the menu's combination
    assert (
        ".navbar-light a.nav-link { color: var(--nav-link-color, var(--bs-nav-link-color)); }"
        in (css)
    )


def test_heading_colours_the_palette_sets_get_their_own_rule():
    palette = {"o-cc3-h2": "#ff00aa", "o-cc5-headings": "o-color-1"}
    css = instant_css(TokenSet.from_dict(dict(TOKENS, odoo={"palette": palette})))
    assert rule(css, ".o_cc3 h2, .o_colored_level .o_cc3 h2") == "color: #ff00aa;"
    assert ".o_cc3 h3, .o_colored_level .o_cc3 h3 {" not in css
    assert ".o_cc5 h2, .o_colored_level .o_cc5 h2 {" not in css  # h2 follows cc5's headings
    cc5 = ", ".join(
        [f".o_cc5 h{n}" for n in range(1, 7)]
        + [f".o_cc5 .h{n}" for n in range(1, 7)]
        + [f".o_colored_level .o_cc5 h{n}" for n in range(1, 7)]
    )
    assert rule(css, cc5) == "color: #3498db;"


def test_fonts_and_sizes_as_odoo_prints_them(css):
    # o-add-unicode-support-font, and Bootstrap's RFS for headings above 1.25rem
    assert rule(css, "h1, .h1, .h1-fs") == "font-size: calc(1.38125rem + 1.575vw);"
    assert "@media (min-width: 1200px) { h1, .h1, .h1-fs { font-size: 2.5625rem; } }" in css
    sizes = {"h1": "40px", "h4": "1.25rem", "h6": "14px"}
    typography = dict(TOKENS["typography"], sizes=sizes)
    families = {"sans": "Inter, sans-serif", "navbar": "Georgia, serif", "mono": "Menlo, monospace"}
    typography["families"] = families
    other = instant_css(TokenSet.from_dict(dict(TOKENS, typography=typography)))
    assert rule(other, "h1, .h1, .h1-fs") == "font-size: calc(1.375rem + 1.5vw);"  # Bootstrap's
    assert rule(other, "h4, .h4, .h4-fs") == "font-size: 1.25rem;"
    assert rule(other, "h6, .h6, .h6-fs") == "font-size: 14px;"
    assert "@media (min-width: 1200px) { h1, .h1, .h1-fs { font-size: 2.5rem; } }" in other
    assert '--font-sans-serif: "Inter", "Odoo Unicode Support Noto", sans-serif;' in other
    assert '--bs-font-monospace: "Menlo", monospace; --font-monospace: "Menlo", monospace;' in (
        other
    )
    assert (
        rule(
            other,
            ".navbar-brand, .navbar-text, .navbar .nav-link, .navbar a.js_change_lang span, "
            ".navbar a.o_add_language",
        )
        == 'font-family: "Georgia", "Odoo Unicode Support Noto", serif;'
    )
