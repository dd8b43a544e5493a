"""The instant sheet against Odoo's compiled frontend CSS, rule by rule (no browser).

Each rule of the instant sheet must use a selector list the compiled CSS has (so it has the same
specificity and, coming later in the page, wins), and each declaration both have must carry the
same value. tests/browser/test_instant_fidelity.py compares the computed styles.
"""

from __future__ import annotations

import re

import pytest

from platxa_preview.scss import theme_tokens
from platxa_preview.tokens import TokenSet, instant_css

GENERATOR = TokenSet.from_dict(
    {
        "colors": {
            "primary": "#8b35a8",
            "accent": {"oklch": [0.8, 0.1, 60]},
            "neutral": {"dark": "#1d1020", "light": "#f6f1f8", "background": "#ffffff"},
        },
        "typography": {
            "families": {"sans": "Inter, sans-serif", "headings": "'DM Serif Display', serif"},
            "sizes": {"h1": "3rem", "h2": "40px", "h5": "1.125rem"},
        },
        "radius": {"base": "8px", "sm": "4px", "button": "999px"},
    }
)
#: rules website.scss prints (it is not in the corpus): the layout parts coloured with their
#: combination, the navbar font, the buttons font, and `--menu`... as combination numbers
WEBSITE_SCSS = re.compile(r"\.navbar|\.o_footer")
WEBSITE_SCSS_PROPERTIES = {"--menu", "--footer", "--copyright", "--btn-font-family"}
_NAMED = {"black": "#000000", "white": "#ffffff"}


def _split(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def parse(css: str) -> dict[tuple[str, str], dict[str, str]]:
    """(media, selector list) → declarations, later rules overriding earlier ones."""
    css = re.sub(r"/\*.*?\*/|@charset[^;]*;", "", css, flags=re.S)
    rules: dict[tuple[str, str], dict[str, str]] = {}

    def walk(text: str, media: str) -> None:
        position = 0
        while (opening := text.find("{", position)) >= 0:
            head, depth, end = text[position:opening].strip(), 1, opening + 1
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = text[opening + 1 : end - 1]
            if head.startswith("@media"):
                walk(body, " ".join(head.split()))
            elif not head.startswith("@"):
                selectors = ", ".join(" ".join(s.split()) for s in _split(head, ","))
                declarations = rules.setdefault((media, selectors), {})
                for declaration in _split(body, ";"):
                    name, _, value = declaration.partition(":")
                    declarations[name.strip()] = " ".join(value.split())
            position = end

    walk(css, "")
    return rules


def normalized(value: str) -> str:
    """Lower case, and the colour keywords the compiled CSS uses as hex."""
    value, important = value.lower(), ""
    if value.endswith(" !important"):
        value, important = value.removesuffix(" !important"), " !important"
    return _NAMED.get(value, value) + important


def by_selector(rules):
    """Declarations per single selector (media, selector) as the cascade would merge them."""
    single: dict[tuple[str, str], dict[str, str]] = {}
    for (media, selectors), declarations in rules.items():
        for selector in _split(selectors, ","):
            single.setdefault((media, selector), {}).update(declarations)
    return single


@pytest.mark.parametrize("tokens", [None, GENERATOR], ids=["theme palette", "generator tokens"])
def test_instant_rules_are_the_compiled_rules(frontend_css, corpus_site, tokens):
    program, compiled = frontend_css("theme_clean", tokens)
    assert not [d for d in program.problems if d.severity == "error"]
    sheet = instant_css(tokens or theme_tokens(corpus_site("theme_clean")))
    instant_rules = parse(sheet)
    compiled_rules = by_selector(parse(compiled.css))
    compared, wrong, unknown = 0, [], []
    for (media, selectors), declarations in instant_rules.items():
        for selector in _split(selectors, ","):
            if WEBSITE_SCSS.search(selector):
                continue
            target = compiled_rules.get((media, selector))
            if target is None:
                unknown.append(f"{media} {selector}".strip())
                continue
            for name, value in declarations.items():
                if name.startswith("--bs-") or name in WEBSITE_SCSS_PROPERTIES:
                    continue  # Bootstrap's spelling: for the built-in layer
                if name not in target:
                    continue  # e.g. what Odoo's .btn-primary leaves to .btn
                compared += 1
                if normalized(value) != normalized(target[name]):
                    wrong.append(f"{selector} {{ {name}: {value} }} compiled: {target[name]}")
    assert not unknown, "selectors the compiled CSS does not have:\n" + "\n".join(unknown[:30])
    assert not wrong, "\n".join(wrong[:30])
    assert compared > 1000
