"""The offline layer: a theme's CSS without Odoo's SCSS.

Bootstrap 5.3.3's compiled CSS (from the installed `django-bootstrap-static` package), then the
few rules of Odoo's frontend that theme pages rely on and that Bootstrap lacks (the spacing
classes `pt32`, `mb16`... of `html_editor.common.scss`), then the theme's colours and fonts as
the instant path computes them (:func:`platxa_preview.tokens.instant_css`: `--o-color-1..5`,
`--o-ccN-*`, `.o_cc1..5` with headings, links and buttons, `.btn-primary`, Bootstrap's `--bs-*`
variables, headings fonts). The palette is the theme's own (read from its
`primary_variables.scss`) or the given tokens.
"""

from __future__ import annotations

import functools

from ..tokens import TokenSet, instant_css
from .bootstrap import bootstrap_css


@functools.lru_cache(maxsize=1)
def odoo_frontend_rules() -> str:
    """Odoo's spacing utility classes (`o-spacing-all` of html_editor.common.scss)."""
    rules = []

    def vertical(name: int) -> None:
        rules.append(f".mt{name} {{ margin-top: {name}px !important; }}")
        rules.append(f".mb{name} {{ margin-bottom: {name}px !important; }}")
        rules.append(f".pt{name} {{ padding-top: {name}px !important; }}")
        rules.append(f".pb{name} {{ padding-bottom: {name}px !important; }}")

    for step in range(0, 257, 8):
        vertical(step)
    vertical(4)
    rules.append(".mt92 { margin-top: 92px !important; }")
    rules.append(".mb92 { margin-bottom: 92px !important; }")
    for name in (0, 4, 8, 16, 32, 64):
        rules.append(f".ml{name} {{ margin-left: {name}px !important; }}")
        rules.append(f".mr{name} {{ margin-right: {name}px !important; }}")
    rules.append("body { font-family: var(--bs-body-font-family); }")
    return "\n".join(rules) + "\n"


def builtin_css(tokens: TokenSet, *, with_bootstrap: bool = True) -> str:
    """The built-in layer for a palette and fonts given as tokens."""
    parts = []
    if with_bootstrap:
        parts.append(bootstrap_css())  # first: it starts with its @charset rule
    parts += [
        "/* platxa-preview built-in layer: Odoo's frontend rules without Odoo's SCSS */\n",
        odoo_frontend_rules(),
        instant_css(tokens).split("\n", 1)[1],  # without its "replaced by SCSS" comment
    ]
    return "".join(parts)
