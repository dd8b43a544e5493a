"""The instant token layer against the exact compile, in real Chromium.

A corpus theme's homepage (theme_clean, rendered by ThemeSite) plus a specimen of what palettes
colour (headings, links, muted text, the four button kinds with their hover/active colours,
pills, list groups, in every colour combination, nested, and at page level) is shown with:

- reference: Odoo's SCSS compiled with the tokens, no instant layer;
- the instant layer for the tokens over the theme's own compiled CSS (what a viewer sees right
  after a token change), and over the CSS compiled for another palette;
- the compiled CSS for the tokens with the instant layer still after it (what stays on screen);
- the built-in layer (Bootstrap's own CSS + the instant rules) built from the tokens.

Computed styles of every element of the page body (`#wrap`) and of `<body>` must match the
reference. The header and footer are left out: the corpus has no website.scss, whose rules
colour them with the menu/footer combinations (the instant layer does as website.scss does).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from platxa_preview.preview import with_css_layers
from platxa_preview.scss import fetch_bootstrap_scss, theme_css
from platxa_preview.scss.builtin import builtin_css
from platxa_preview.site import ThemeSite
from platxa_preview.tokens import TokenSet, instant_css
from tests.scss.conftest import CACHE, corpus_addons, skip_or_fail

#: what theme generators send: hex and OKLCH colours, fonts, heading sizes, radii
GENERATOR = {
    "colors": {
        "primary": "#8b35a8",
        "accent": {"oklch": [0.8, 0.1, 60]},
        "neutral": {"dark": "#1d1020", "light": "#f6f1f8", "background": "#ffffff"},
    },
    "typography": {
        "families": {"sans": "Inter, sans-serif", "headings": "'DM Serif Display', serif"},
        "sizes": {"h1": "3rem", "h2": "40px"},
    },
    "radius": {"base": "8px", "button": "999px"},
}
#: a palette setting what combinations otherwise derive (headings, one heading level, a link,
#: buttons, text) and putting the layout parts on other combinations. It gives the same kinds of
#: tokens as GENERATOR: what a token set leaves out (say, fonts) the instant layer does not
#: state, so the CSS under it shows through until the exact compile arrives
OVERRIDES = {
    "colors": {
        "primary": "#c0392b",
        "accent": "#2c3e50",
        "neutral": {"dark": "#222222", "light": "#fdf2e9", "background": "#ffffff"},
    },
    "typography": {
        "families": {"sans": "Lato, sans-serif", "headings": "Georgia, serif"},
        "sizes": {"h1": "2.75rem", "h2": "28px"},
    },
    "radius": {"base": "0.25rem", "button": "0.5rem"},
    "odoo": {
        "palette": {
            "o-cc1-headings": "o-color-2",
            "o-cc1-text": "#444444",
            "o-cc2-link": "#00aa00",
            "o-cc3-h2": "#ff00aa",
            "o-cc4-btn-primary": "o-color-3",
            "o-cc5-btn-secondary-border": "#ffcc00",
            "menu": 3,
            "footer": 5,
            "copyright": 4,
        }
    },
}
TOKEN_SETS = {"generator": GENERATOR, "overrides": OVERRIDES}
OTHER = {"generator": "overrides", "overrides": "generator"}


def _probes(prefix: str) -> str:
    return f"""
    <h1 data-probe="{prefix} h1">Heading 1</h1><h2 data-probe="{prefix} h2">Heading 2</h2>
    <h3 data-probe="{prefix} h3">Heading 3</h3><h6 data-probe="{prefix} h6">Heading 6</h6>
    <p data-probe="{prefix} text">Text with <a href="#l" data-probe="{prefix} link">a link</a>
      and <span class="text-muted" data-probe="{prefix} muted">muted words</span>.</p>
    <p>
      <a href="#b" class="btn btn-primary" data-probe="{prefix} btn-primary">Primary</a>
      <a href="#b" class="btn btn-secondary" data-probe="{prefix} btn-secondary">Secondary</a>
      <a href="#b" class="btn btn-outline-primary" data-probe="{prefix} btn-outline-primary">
        Outline</a>
      <a href="#b" class="btn btn-outline-secondary" data-probe="{prefix} btn-outline-secondary">
        Outline 2</a>
      <a href="#b" class="btn btn-lg btn-primary" data-probe="{prefix} btn-lg">Large</a>
    </p>
    <ul class="nav nav-pills"><li class="nav-item">
      <a class="nav-link active" href="#p" data-probe="{prefix} pill">Active pill</a></li></ul>
    <div class="list-group">
      <a class="list-group-item" href="#g" data-probe="{prefix} list">Item</a>
      <a class="list-group-item active" href="#g" data-probe="{prefix} list-active">Active</a>
    </div>"""


SPECIMEN = (
    '<section id="platxa-specimen" class="pt32 pb32"><div class="container">'
    + _probes("page")
    + '<p><span class="text-primary" data-probe="text-primary">primary</span> '
    '<span class="text-secondary" data-probe="text-secondary">secondary</span> '
    '<span class="bg-primary" data-probe="bg-primary">bg</span> '
    '<span class="bg-light" data-probe="bg-light">light</span></p>'
    + "".join(
        f'<div class="bg-o-color-{n}" data-probe="bg-o-color-{n}">'
        f'<span class="text-muted" data-probe="bg-o-color-{n} muted">muted</span></div>'
        f'<span class="text-o-color-{n}" data-probe="text-o-color-{n}">o-color-{n}</span>'
        for n in range(1, 6)
    )
    + "".join(
        f'<div class="o_cc o_cc{n} p-3" data-probe="cc{n}">{_probes(f"cc{n}")}</div>'
        for n in range(1, 6)
    )
    + '<div class="o_colored_level o_cc o_cc5 p-3"><div class="o_cc o_cc2 p-3" '
    'data-probe="cc2 in cc5">' + _probes("nested") + "</div></div></div></section>"
)

PROPERTIES = (
    "color",
    "background-color",
    "border-top-color",
    "font-family",
    "font-size",
    "border-top-left-radius",
)
#: a button's other states, read from the custom properties they use (no hover needed)
BUTTON_STATES = ("hover-color", "hover-bg", "hover-border-color", "active-color", "active-bg")

MEASURE = """([properties, states]) => {
    const probe = document.createElement('span');
    document.body.appendChild(probe);
    const asColor = (value) => {
        probe.style.color = '';
        probe.style.color = value.trim();
        return probe.style.color ? getComputedStyle(probe).color : value.trim();
    };
    const read = (element) => {
        const style = getComputedStyle(element);
        const values = {};
        for (const name of properties) values[name] = style.getPropertyValue(name);
        if (element.classList.contains('btn')) {
            for (const state of states) {
                values['--btn-' + state] = asColor(style.getPropertyValue('--btn-' + state));
                values['--bs-btn-' + state] = asColor(style.getPropertyValue('--bs-btn-' + state));
            }
        }
        return values;
    };
    const result = {body: read(document.body)};
    let index = 0;
    for (const element of document.querySelectorAll('#wrap *')) {
        index += 1;
        const tag = element.tagName.toLowerCase();
        const name = element.dataset.probe
            || `#wrap element ${index} <${tag} class="${element.className}">`;
        result[name] = read(element);
    }
    probe.remove();
    return result;
}"""

_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?")


def same(a: str, b: str) -> bool:
    """Equal computed values, colour channels and lengths within rounding (1/255, 0.5px)."""
    if a == b:
        return True
    if _NUMBERS.sub("#", a) != _NUMBERS.sub("#", b):
        return False
    numbers_a = [float(n) for n in _NUMBERS.findall(a)]
    numbers_b = [float(n) for n in _NUMBERS.findall(b)]
    return all(abs(x - y) <= 1.0 for x, y in zip(numbers_a, numbers_b, strict=True))


def differences(
    reference: dict, measured: dict, properties=None, *, bootstrap_buttons: bool = False
) -> list[str]:
    assert list(reference) == list(measured), "the two pages have different elements"
    found = []
    for element, values in reference.items():
        for name, expected in values.items():
            if properties is not None and name not in properties:
                continue
            if name.startswith("--bs-btn-"):
                continue  # what Bootstrap's own CSS reads: compared in place of --btn-*
            got_name = "--bs-" + name[2:] if bootstrap_buttons and name.startswith("--") else name
            if not same(expected, measured[element][got_name]):
                found.append(
                    f"{element}: {name} is {measured[element][got_name]!r}, "
                    f"compiled CSS gives {expected!r}"
                )
    return found


@pytest.fixture(scope="module")
def stylesheets():
    """theme_clean's homepage with the specimen, and the compiled CSS: the theme's own
    palette and each token set (Odoo's SCSS, corpus addons, npm Bootstrap 5.3.3)."""
    try:
        bootstrap = fetch_bootstrap_scss(CACHE)
    except FileNotFoundError as error:
        skip_or_fail(f"Bootstrap's SCSS cannot be fetched: {error}")
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        skip_or_fail(f"npm pack bootstrap@5.3.3 failed: {error}")
    site = ThemeSite.load(corpus_addons(), "theme_clean")
    html = site.render().html
    html, count = re.subn(r'(<div id="wrap"[^>]*>)', lambda m: m.group(1) + SPECIMEN, html)
    assert count == 1
    tokens = {name: TokenSet.from_dict(data) for name, data in TOKEN_SETS.items()}
    compiled = {"theme": theme_css(site, bootstrap_scss=bootstrap)}
    for name, token_set in tokens.items():
        compiled[name] = theme_css(site, tokens=token_set, bootstrap_scss=bootstrap)
    for name, result in compiled.items():
        assert result.layer == "odoo", (name, result.reason)
        assert "--btn-bg" in result.css and "--bs-btn-bg" not in result.css
    return {
        "html": html,
        "tokens": tokens,
        "compiled": {name: result.css for name, result in compiled.items()},
        "instant": {name: instant_css(token_set) for name, token_set in tokens.items()},
    }


@pytest.fixture
def measure(page, stylesheets):
    page.route("**/*", lambda route: route.abort())  # images and fonts are not needed

    def show(theme: str, tokens: str) -> dict:
        page.set_content(with_css_layers(stylesheets["html"], theme, tokens))
        page.wait_for_function("() => document.readyState === 'complete'")
        return page.evaluate(MEASURE, [list(PROPERTIES), list(BUTTON_STATES)])

    return show


@pytest.mark.parametrize("name", list(TOKEN_SETS))
def test_instant_layer_matches_the_compiled_css(measure, stylesheets, name):
    compiled, instant = stylesheets["compiled"], stylesheets["instant"][name]
    reference = measure(compiled[name], "")

    stale = measure(compiled["theme"], "")
    changed = differences(reference, stale)
    assert len(changed) > 100, "the token set must change the page for this test to mean much"
    for probe in ("page btn-primary", "cc4 btn-primary", "page link", "cc2 h1", "body"):
        assert any(line.startswith(f"{probe}:") for line in changed), probe

    for theme in ("theme", OTHER[name], name):
        # right after the change (over older compiled CSS), and once the exact CSS is there
        wrong = differences(reference, measure(compiled[theme], instant))
        assert not wrong, f"instant layer over the CSS compiled for {theme!r}:\n" + "\n".join(
            wrong[:40]
        )


@pytest.mark.parametrize("name", list(TOKEN_SETS))
def test_builtin_layer_colours_match_the_compiled_css(measure, stylesheets, name):
    """Bootstrap's own CSS with the instant rules (``--bs-*``) colours the page as Odoo's
    compiled CSS does (fonts, sizes and borders are Bootstrap's there, not compared)."""
    compiled = stylesheets["compiled"][name]
    reference = measure(compiled, "")
    builtin = measure(builtin_css(stylesheets["tokens"][name]), "")
    colours = ("color", "background-color", *(f"--btn-{state}" for state in BUTTON_STATES))
    wrong = differences(reference, builtin, colours, bootstrap_buttons=True)
    assert not wrong, "built-in layer:\n" + "\n".join(wrong[:40])
