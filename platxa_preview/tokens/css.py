"""The instant path: tokens → a small stylesheet of CSS custom properties, no libsass.

It prints what the compiled CSS would set for this palette, so a token change shows at once; the
exact SCSS result replaces this sheet when it is ready. The sheet is right over both theme layers
(it comes after the theme CSS in the page, so at equal specificity its rules win):

- the built-in layer (Bootstrap's own CSS) reads ``--bs-*`` custom properties;
- Odoo's compiled SCSS empties Bootstrap's prefix (``$variable-prefix: ''``), so its rules read
  ``--primary``, ``--body-color``, ``--link-color-rgb``, ``--btn-bg``... and colours some rules
  literally (``.o_cc*``, ``.btn-fill-primary, .btn-primary``, ``.text-primary``, headings fonts).

So ``:root`` carries both spellings, and rules use the selectors and shapes of Odoo's
(``html_editor.common.scss``, ``bootstrap_review_frontend.scss``), at the same specificity:
buttons set Odoo's ``--btn-*``, and one static rule maps Bootstrap's ``--bs-btn-*`` onto them for
the same selectors. The layout parts (header, footer, copyright) get their combination as
website.scss gives it to them. Values are printed as libsass prints them (fractional channels of
contrast-adjusted colours, RFS font sizes, Odoo's unicode support font in family lists), so
computed styles equal the compiled CSS's (tests/browser/test_instant_fidelity.py).

Selectors and templates are built once (cached); a call computes colours (:mod:`.palette`) and
fills strings.
"""

from __future__ import annotations

import functools
import time

from . import color as colorlib
from .color import RGB
from .model import GENERIC_FAMILIES, TokenSet, css_font_family, length_in_px
from .palette import (
    ColorSystem,
    Combination,
    OdooDesign,
    as_rem,
    resolve_color_system,
    tokens_to_odoo,
)

_hex = functools.lru_cache(maxsize=4096)(colorlib.rgb_to_hex)


@functools.lru_cache(maxsize=4096)
def _rgb(rgb: RGB) -> str:
    """``r, g, b`` as Bootstrap's ``to-rgb()`` prints it through libsass: a colour computed by
    Odoo's contrast functions keeps fractional channels (8 decimals), so the page gets the
    very colour the compiled CSS gives."""
    r, g, b = rgb
    if r % 1.0 == 0.0 and g % 1.0 == 0.0 and b % 1.0 == 0.0 and 0 <= min(rgb) <= max(rgb) <= 255:
        return f"{int(r)}, {int(g)}, {int(b)}"  # the usual case: hex colours, mix()
    return ", ".join(_channel(value) for value in rgb)


def _channel(value: float) -> str:
    value = min(255.0, max(0.0, value))
    rounded = round(value)
    return str(rounded) if abs(value - rounded) < 5e-9 else _number(value)


# Bootstrap 5.3 button-variant amounts (web bootstrap_overridden_frontend.scss keeps 15%)
_HOVER_BG, _HOVER_BORDER, _ACTIVE_BG, _ACTIVE_BORDER = (
    (15.0, 15.0),
    (20.0, 10.0),
    (20.0, 20.0),
    (25.0, 10.0),
)
#: the button custom properties a variant sets (Odoo ``--btn-X``, Bootstrap ``--bs-btn-X``)
_BTN_VARIABLES = (
    "color",
    "bg",
    "border-color",
    "hover-color",
    "hover-bg",
    "hover-border-color",
    "focus-shadow-rgb",
    "active-color",
    "active-bg",
    "active-border-color",
    "disabled-color",
    "disabled-bg",
    "disabled-border-color",
)
_BTN_PAGE = {
    "primary": (".btn-fill-primary, .btn-primary", ".btn-outline-primary"),
    "secondary": (".btn-fill-secondary, .btn-secondary", ".btn-outline-secondary"),
}
#: over Bootstrap's own CSS (the built-in layer), the buttons this sheet colours read its
#: ``--btn-*`` values (Bootstrap's ``.btn-primary`` rules come earlier, at equal specificity)
_BTN_BRIDGE = (
    ", ".join(selector for pair in _BTN_PAGE.values() for selector in pair)
    + " { "
    + " ".join(f"--bs-btn-{name}: var(--btn-{name});" for name in _BTN_VARIABLES)
    + " }"
)
#: the layout parts website.scss colours with a combination (`o-apply-colors`)
_LAYOUT_SELECTORS = {
    "menu": ".navbar-light",
    "footer": ".o_footer",
    "copyright": ".o_footer_copyright",
}
#: website.scss keeps navbar links on the navbar's own link colours (over the `.navbar-light`
#: combination's `a:not(.btn)`), in Odoo's and in Bootstrap's spelling
_NAVBAR_LINKS = (
    ".navbar-light a.nav-link { color: var(--nav-link-color, var(--bs-nav-link-color)); }\n"
    ".navbar-light a.nav-link:hover "
    "{ color: var(--nav-link-hover-color, var(--bs-nav-link-hover-color)); }"
)
#: Bootstrap components coloured with $component-active-bg, and their custom properties
_ACTIVE_COMPONENTS = (
    (".nav-pills", ("nav-pills-link-active-bg",)),
    (".list-group", ("list-group-active-bg", "list-group-active-border-color")),
    (".pagination", ("pagination-active-bg", "pagination-active-border-color")),
    (".progress, .progress-stacked", ("progress-bar-bg",)),
)
#: components whose background Odoo's SCSS prints as the body colour, and the property
_BODY_BG_COMPONENTS = (
    (".dropdown-menu", "dropdown-bg"),
    (".modal", "modal-bg"),
    (".popover", "popover-bg"),
    (".card", "card-bg"),
    (".list-group", "list-group-bg"),
)
#: what website.scss sets in the navbar font
_NAVBAR_FONT = (
    ".navbar-brand, .navbar-text, .navbar .nav-link, .navbar a.js_change_lang span, "
    ".navbar a.o_add_language"
)
_UNICODE_FONT = "Odoo Unicode Support Noto"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@functools.lru_cache(maxsize=256)
def _selectors(index: int, extra: tuple[str, ...]) -> dict[str, str]:
    """The selectors of combination `index`'s rules, as html_editor.common.scss prints them
    (``$o-color-extras-nesting-selector``: ``.o_ccN X, .o_colored_level .o_ccN X``), plus the
    layout parts using this combination (`extra`, website.scss ``@extend``s them)."""
    cc = f".o_cc{index}"
    nested = f".o_colored_level {cc}"

    def join(*groups: list[str]) -> str:
        return ", ".join(part for group in groups for part in group)

    def each(roots: tuple[str, ...], parts: tuple[str, ...]) -> list[str]:
        return [f"{root} {part}" for root in roots for part in parts]

    heading_classes = tuple(f".{h}" for h in _HEADINGS)
    selectors = {
        "root": ", ".join((cc, *extra)),
        "muted": join(
            [f"{cc} .text-muted", f"{nested} .text-muted"], each(extra, (".text-muted",))
        ),
        "headings": join(
            each((cc,), _HEADINGS),
            each((cc,), heading_classes),
            each((nested,), _HEADINGS),
            each(extra, _HEADINGS + heading_classes),
        ),
        "links": join(each((cc, nested, *extra), ("a:not(.btn)", ".btn-link"))),
        "links_hover": join(each((cc, nested, *extra), ("a:not(.btn):hover", ".btn-link:hover"))),
        "pills": join(
            each(
                (cc, nested, *extra),
                (".nav-pills .nav-link.active", ".nav-pills .show > .nav-link"),
            )
        ),
        "list": join(each((cc, nested, *extra), ("a.list-group-item",))),
        "list_active": join(each((cc, nested, *extra), ("a.list-group-item.active",))),
    }
    for number in range(2, 7):
        selectors[f"h{number}"] = join(each((cc, nested, *extra), (f"h{number}",)))
    for name in ("primary", "secondary"):
        selectors[f"fill-{name}"] = join(
            [f"{cc} .btn-fill-{name}", f"{cc} .btn-{name}", f"{nested} .btn-fill-{name}"],
            each(extra, (f".btn-fill-{name}", f".btn-{name}")),
        )
        selectors[f"outline-{name}"] = join(each((cc, nested, *extra), (f".btn-outline-{name}",)))
    return selectors


@functools.lru_cache(maxsize=2048)
def _button_variant(background: RGB, border: RGB, dark: RGB, light: RGB) -> str:
    """Bootstrap 5.3's ``button-variant`` mixin as Odoo's ``--btn-*`` declarations."""

    def contrast(color: RGB) -> RGB:
        return colorlib.color_contrast(color, dark, light)

    color = contrast(background)
    dark_text = color != light
    if dark_text:
        hover_bg = colorlib.tint_color(background, _HOVER_BG[1])
        hover_border = colorlib.tint_color(border, _HOVER_BORDER[1])
        active_bg = colorlib.tint_color(background, _ACTIVE_BG[1])
        active_border = colorlib.tint_color(border, _ACTIVE_BORDER[1])
    else:
        hover_bg = colorlib.shade_color(background, _HOVER_BG[0])
        hover_border = colorlib.shade_color(border, _HOVER_BORDER[0])
        active_bg = colorlib.shade_color(background, _ACTIVE_BG[0])
        active_border = colorlib.shade_color(border, _ACTIVE_BORDER[0])
    return (
        f"--btn-color: {_hex(color)}; --btn-bg: {_hex(background)}; "
        f"--btn-border-color: {_hex(border)}; --btn-hover-color: {_hex(contrast(hover_bg))}; "
        f"--btn-hover-bg: {_hex(hover_bg)}; --btn-hover-border-color: {_hex(hover_border)}; "
        f"--btn-focus-shadow-rgb: {_rgb(colorlib.mix(color, border, 15.0))}; "
        f"--btn-active-color: {_hex(contrast(active_bg))}; "
        f"--btn-active-bg: {_hex(active_bg)}; "
        f"--btn-active-border-color: {_hex(active_border)}; "
        f"--btn-disabled-color: {_hex(color)}; --btn-disabled-bg: {_hex(background)}; "
        f"--btn-disabled-border-color: {_hex(border)};"
    )


@functools.lru_cache(maxsize=2048)
def _button_outline_variant(color: RGB, dark: RGB, light: RGB) -> str:
    """Bootstrap 5.3's ``button-outline-variant`` mixin as Odoo's ``--btn-*`` declarations."""
    value, text = _hex(color), _hex(colorlib.color_contrast(color, dark, light))
    return (
        f"--btn-color: {value}; --btn-border-color: {value}; --btn-hover-color: {text}; "
        f"--btn-hover-bg: {value}; --btn-hover-border-color: {value}; "
        f"--btn-focus-shadow-rgb: {_rgb(color)}; --btn-active-color: {text}; "
        f"--btn-active-bg: {value}; --btn-active-border-color: {value}; "
        f"--btn-disabled-color: {value}; --btn-disabled-bg: transparent; "
        f"--btn-disabled-border-color: {value}; --gradient: none;"
    )


@functools.lru_cache(maxsize=1024)
def _muted(color: RGB) -> str:
    """Odoo's ``mute-color`` (30% more transparent) of an opaque colour."""
    return f"rgba({_rgb(color)}, 0.7)"


def _both(pairs: list[tuple[str, str]]) -> str:
    """Declarations in Bootstrap's ``--bs-`` spelling and in Odoo's unprefixed one."""
    bootstrap = " ".join([f"--bs-{name}: {value};" for name, value in pairs])
    return bootstrap + " " + " ".join([f"--{name}: {value};" for name, value in pairs])


@functools.lru_cache(maxsize=1024)
def _theme_color_pairs(name: str, value: RGB, body_bg: RGB) -> tuple[tuple[str, str], ...]:
    """A theme colour's custom properties; for primary and secondary also Bootstrap 5.3's
    text-emphasis / bg-subtle / border-subtle (website makes the primary text emphasis readable
    on the body: ``$primary-text-emphasis: increase-contrast``)."""
    pairs = [(name, _hex(value)), (f"{name}-rgb", _rgb(value))]
    if name in ("primary", "secondary"):
        emphasis = colorlib.shade_color(value, 60.0)
        if name == "primary" and not colorlib.has_enough_contrast(value, body_bg):
            emphasis = colorlib.increase_contrast(value, body_bg)
        pairs += [
            (f"{name}-text-emphasis", _hex(emphasis)),
            (f"{name}-bg-subtle", _hex(colorlib.tint_color(value, 80.0))),
            (f"{name}-border-subtle", _hex(colorlib.tint_color(value, 60.0))),
        ]
    if name == "primary":
        pairs.append(("focus-ring-color", f"rgba({_rgb(value)}, 0.25)"))
    return tuple(pairs)


_GRAYS = ("100", "200", "300", "400", "500", "600", "700", "800", "900")


@functools.lru_cache(maxsize=64)
def _gray_pairs(grays: tuple[RGB, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f"gray-{n}", _hex(value)) for n, value in zip(_GRAYS, grays, strict=True))


@functools.lru_cache(maxsize=256)
def _body_pairs(color: RGB, bg: RGB, dark: RGB, light: RGB) -> tuple[tuple[str, str], ...]:
    """The body's colours and Bootstrap 5.3's secondary/tertiary text and background derived
    from them (website: ``$body-tertiary-bg`` mixes the body's contrast colour in)."""
    rgb = _rgb(color)
    tertiary_bg = colorlib.mix(colorlib.color_contrast(bg, dark, light), bg, 10.0)
    return (
        ("body-color", _hex(color)),
        ("body-color-rgb", rgb),
        ("body-bg", _hex(bg)),
        ("body-bg-rgb", _rgb(bg)),
        ("secondary-color", f"rgba({rgb}, 0.75)"),
        ("secondary-color-rgb", rgb),
        ("tertiary-color", f"rgba({rgb}, 0.5)"),
        ("tertiary-color-rgb", rgb),
        ("tertiary-bg", _hex(tertiary_bg)),
        ("tertiary-bg-rgb", _rgb(tertiary_bg)),
        ("highlight-color", _hex(color)),
    )


def _root_variables(system: ColorSystem, out: list[str]) -> None:
    add = out.append
    for name, value in system.colors.items():
        add(f"--{name}: {_hex(value)};")
    for name, value in system.grays.items():
        add(f"--{name}: {_hex(value)};")
    for cc in system.combinations:
        prefix = f"--o-cc{cc.index}-"
        add(
            f"{prefix}bg: {_hex(cc.bg)}; {prefix}text: {_hex(cc.text)}; "
            f"{prefix}headings: {_hex(cc.headings)};"
        )
        add(" ".join(f"{prefix}h{n}: {_hex(c)};" for n, c in enumerate(cc.h2_h6, start=2)))
        add(
            f"{prefix}link: {_hex(cc.link)}; {prefix}btn-primary: {_hex(cc.btn_primary)}; "
            f"{prefix}btn-primary-text: {_hex(cc.btn_primary_text)}; "
            f"{prefix}btn-primary-border: {_hex(cc.btn_primary_border)}; "
            f"{prefix}btn-secondary: {_hex(cc.btn_secondary)}; "
            f"{prefix}btn-secondary-text: {_hex(cc.btn_secondary_text)}; "
            f"{prefix}btn-secondary-border: {_hex(cc.btn_secondary_border)};"
        )
    for part, number in system.layout.items():
        if number is not None:
            add(f"--{part}: {number};")
    grays, body_bg, body_color = system.grays, system.body_bg, system.body_color
    # Bootstrap's :root in both spellings (Odoo's compile prints them unprefixed)
    pairs: list[tuple[str, str]] = []
    theme = dict(system.theme_colors)
    # website bootstrap_overridden: $light is o-color-3, $dark is o-color-5
    theme["light"], theme["dark"] = system.colors["o-color-3"], system.colors["o-color-5"]
    for name, value in theme.items():
        pairs += _theme_color_pairs(name, value, body_bg)
    pairs += _gray_pairs(tuple(grays[n] for n in _GRAYS))
    pairs += _body_pairs(body_color, body_bg, system.contrast_dark, system.contrast_light)
    pairs += (
        ("link-color", _hex(system.link)),
        ("link-color-rgb", _rgb(system.link)),
        ("link-hover-color", _hex(system.link_hover)),
        ("link-hover-color-rgb", _rgb(system.link_hover)),
        ("heading-color", _hex(system.headings) if system.headings else "inherit"),
    )
    add(" ".join([f"--bs-{name}: {value};" for name, value in pairs]))
    add(" ".join([f"--{name}: {value};" for name, value in pairs]))
    add(
        f"--bs-white: {_hex(grays['white'])}; --bs-black: {_hex(grays['black'])}; "
        f"--bs-emphasis-color: {_hex(body_color)};"
    )


def _combination_rules(
    cc: Combination, system: ColorSystem, extra: tuple[str, ...], out: list[str]
) -> None:
    """``.o_ccN`` and what html_editor.common.scss colours inside it, in its order."""
    dark, light = system.contrast_dark, system.contrast_light
    selectors = _selectors(cc.index, extra)
    add = out.append
    bg, text = _hex(cc.bg), _hex(cc.text)
    add(
        f"{selectors['root']} {{ background-color: {bg}; color: {text}; --background-color: {bg}; "
        f"--color: {text}; --o-cc-bg: {bg}; }}"
    )
    add(f"{selectors['muted']} {{ color: {_muted(cc.text)} !important; }}")
    # unset headings inherit (o-bg-color's rule): said again to undo an older palette's colour
    headings = _hex(cc.headings) if cc.headings_set else "inherit"
    add(f"{selectors['headings']} {{ color: {headings}; }}")
    for number, (value, is_set) in enumerate(zip(cc.h2_h6, cc.h2_h6_set, strict=True), start=2):
        if is_set:
            add(f"{selectors[f'h{number}']} {{ color: {_hex(value)}; }}")
    add(f"{selectors['links']} {{ color: {_hex(cc.link)}; }}")
    add(f"{selectors['links_hover']} {{ color: {_hex(cc.link_hover)}; }}")
    variants = (
        ("primary", cc.btn_primary, cc.btn_primary_border, cc.btn_primary_outline),
        ("secondary", cc.btn_secondary, cc.btn_secondary_border, cc.btn_secondary_outline),
    )
    for name, background, border, outline in variants:
        fill = _button_variant(background, border, dark, light)
        add(f"{selectors[f'fill-{name}']} {{ {fill} }}")
        outlined = _button_outline_variant(outline, dark, light)
        add(f"{selectors[f'outline-{name}']} {{ {outlined} }}")
    primary, primary_text = _hex(cc.btn_primary), _hex(cc.btn_primary_text)
    add(f"{selectors['pills']} {{ background-color: {primary}; color: {primary_text}; }}")
    add(f"{selectors['list']} {{ color: {primary}; }}")
    add(
        f"{selectors['list_active']} {{ background-color: {primary}; color: {primary_text}; "
        f"border-color: {primary}; }}"
    )


def color_system_css(system: ColorSystem) -> list[str]:
    """The colour part of the instant stylesheet, as lines."""
    lines = [":root {"]
    _root_variables(system, lines)
    lines.append("}")
    first = system.combinations[0]
    dark, light = system.contrast_dark, system.contrast_light
    # page-level buttons use combination 1's button colours ($o-btn-bg-colors); the outline
    # ones are made readable on the body (bootstrap_review_frontend.scss)
    variants = (
        ("primary", first.btn_primary, first.btn_primary_border, first.btn_primary_outline),
        ("secondary", first.btn_secondary, first.btn_secondary_border, first.btn_secondary_outline),
    )
    for name, background, border, outline in variants:
        fill_selector, outline_selector = _BTN_PAGE[name]
        lines.append(f"{fill_selector} {{ {_button_variant(background, border, dark, light)} }}")
        lines.append(f"{outline_selector} {{ {_button_outline_variant(outline, dark, light)} }}")
    lines.append(_BTN_BRIDGE)
    theme = dict(system.theme_colors)
    theme["light"], theme["dark"] = system.colors["o-color-3"], system.colors["o-color-5"]
    for name, value in theme.items():  # bootstrap_review_frontend: BS4's literal .text-*
        lines.append(f".text-{name} {{ color: {_hex(value)} !important; }}")
    # $component-active-bg (website: o-cc1-btn-primary) and its contrast colour
    active, active_text = _hex(first.btn_primary), _hex(first.btn_primary_text)
    for selector, names in _ACTIVE_COMPONENTS:
        lines.append(f"{selector} {{ {_both([(name, active) for name in names])} }}")
    # components whose background Odoo's SCSS prints as the body colour ($body-bg)
    body_bg = _hex(system.body_bg)
    for selector, name in _BODY_BG_COMPONENTS:
        lines.append(f"{selector} {{ {_both([(name, body_bg)])} }}")
    lines.append(f".modal-content {{ color: {_hex(system.body_color)}; }}")
    dropdown = [("dropdown-link-active-bg", active), ("dropdown-link-active-color", active_text)]
    lines.append(f".dropdown-menu .dropdown-item.active {{ {_both(dropdown)} }}")
    lines.append(
        f".form-check-input:checked {{ background-color: {active}; border-color: {active}; }}"
    )
    extras: dict[int, list[str]] = {}
    for part, number in system.layout.items():
        if number is not None:
            extras.setdefault(number, []).append(_LAYOUT_SELECTORS[part])
    for cc in system.combinations:
        _combination_rules(cc, system, tuple(extras.get(cc.index, ())), lines)
    if system.layout.get("menu") is not None:
        lines.append(_NAVBAR_LINKS)
    for number in range(1, 6):
        value = system.colors[f"o-color-{number}"]
        lines.append(_color_utilities(number, value, system.contrast_dark, system.contrast_light))
    return lines


@functools.lru_cache(maxsize=1024)
def _color_utilities(number: int, value: RGB, dark: RGB, light: RGB) -> str:
    """``.bg-o-color-N`` (Odoo's ``bg-variant``: contrasting text, muted text) and
    ``.text-o-color-N``."""
    bg, text = _hex(value), colorlib.color_contrast(value, dark, light)
    return (
        f".bg-o-color-{number} {{ background-color: {bg} !important; color: {_hex(text)}; "
        f"--background-color: {bg}; --color: {_hex(text)}; }}\n"
        f".bg-o-color-{number} .text-muted, .o_colored_level .bg-o-color-{number} .text-muted "
        f"{{ color: {_muted(text)} !important; }}\n"
        f".text-o-color-{number} {{ color: {bg} !important; }}"
    )


@functools.lru_cache(maxsize=256)
def _odoo_font_family(families: tuple[str, ...]) -> str:
    """The family list as Odoo prints it: ``o-add-unicode-support-font`` puts Odoo's unicode
    support font before a generic ``serif``/``sans-serif``."""
    parts = []
    for family in families:
        if family in ("serif", "sans-serif"):
            parts.append(f'"{_UNICODE_FONT}"')
        parts.append(family if family in GENERIC_FAMILIES else f'"{family}"')
    return ", ".join(parts)


def _number(value: float) -> str:
    """A number as Sass prints it (8 decimals at most, no trailing zeros)."""
    return f"{value:.8f}".rstrip("0").rstrip(".")


def _heading_size(size: str, base: str | None) -> str:
    """A heading size as Odoo prints it: the base size times the heading's multiplier, so in
    the base size's unit (rem unless the base is given in px)."""
    px = length_in_px(size)
    if px is None:
        return size
    if base is not None and base.endswith("px"):
        return f"{_number(px)}px"
    return f"{_number(px / 16.0)}rem"


@functools.lru_cache(maxsize=256)
def _responsive_font_size(selector: str, size: str) -> tuple[str, str | None]:
    """Bootstrap's RFS ``font-size`` mixin (base 1.25rem, factor 10, breakpoint 1200px): the
    rule, and the rule of its ``(min-width: 1200px)`` media query (None for a fixed size)."""
    px = length_in_px(size)
    if px is None or px <= 20.0:  # 20px: the RFS base value, below which sizes stay fixed
        return f"{selector} {{ font-size: {size}; }}", None
    minimum = 20.0 + (px - 20.0) / 10.0
    fluid = f"calc({_number(minimum / 16.0)}rem + {_number((px - minimum) / 12.0)}vw)"
    return (
        f"{selector} {{ font-size: {fluid}; }}",
        f"{selector} {{ font-size: {_number(px / 16.0)}rem; }}",
    )


def _typography_css(tokens: TokenSet, design: OdooDesign, lines: list[str]) -> None:
    fonts = design.fonts
    root: list[str] = []
    if "base" in fonts:
        root.append(f"--bs-font-sans-serif: {css_font_family(fonts['base'])};")
        root.append("--bs-body-font-family: var(--bs-font-sans-serif);")
        root.append(f"--font-sans-serif: {_odoo_font_family(fonts['base'])};")
    if "mono" in fonts:
        mono = css_font_family(fonts["mono"])
        root.append(f"--bs-font-monospace: {mono}; --font-monospace: {mono};")
    sizes = tokens.sizes
    if "base" in sizes:
        base = sizes["base"]
        root.append(
            f"--bs-body-font-size: {base}; --body-font-size: {base}; --font-size-base: {base};"
        )
    for name in ("small", "lead"):
        if name in sizes:
            root.append(f"--{name}-font-size: {sizes[name]};")
    for name in _HEADINGS:
        if name in sizes:
            root.append(f"--{name}-font-size: {_heading_size(sizes[name], sizes.get('base'))};")
    radius = {name: as_rem(value) for name, value in tokens.radius.items()}  # as Odoo writes them
    radii = [
        (f"border-radius{variable}", radius[name])
        for name, variable in (
            ("base", ""),
            ("sm", "-sm"),
            ("lg", "-lg"),
            ("xl", "-xl"),
            ("xxl", "-xxl"),
            ("pill", "-pill"),
        )
        if name in radius
    ]
    if radii:
        root.append(_both(radii))
    if root:
        lines.append(":root { " + " ".join(root) + " }")
    if "headings" in fonts:
        lines.append(
            "h1, h2, h3, h4, h5, h6, .h1, .h2, .h3, .h4, .h5, .h6 "
            f"{{ font-family: {_odoo_font_family(fonts['headings'])}; }}"
        )
    wide: list[str] = []
    for heading in _HEADINGS:
        if heading in sizes:
            rule, media = _responsive_font_size(
                f"{heading}, .{heading}, .{heading}-fs", sizes[heading]
            )
            lines.append(rule)
            if media:
                wide.append(media)
    if wide:
        lines.append("@media (min-width: 1200px) { " + " ".join(wide) + " }")
    button: list[str] = []
    if "buttons" in fonts:
        family = _odoo_font_family(fonts["buttons"])
        button.append(f"--bs-btn-font-family: {family}; --btn-font-family: {family};")
    if "button" in radius:
        value = radius["button"]
        button.append(f"--bs-btn-border-radius: {value}; --btn-border-radius: {value};")
    if button:
        lines.append(".btn { " + " ".join(button) + " }")
    if "navbar" in fonts:
        lines.append(f"{_NAVBAR_FONT} {{ font-family: {_odoo_font_family(fonts['navbar'])}; }}")
    if "input" in radius:
        lines.append(f".form-control, .form-select {{ border-radius: {radius['input']}; }}")


def instant_css(tokens: TokenSet) -> str:
    """The instant stylesheet for a token set (a few kB of CSS, in well under a millisecond)."""
    design = tokens_to_odoo(tokens)
    system = resolve_color_system(design.palette, design.grays, design.theme_colors)
    lines = ["/* platxa-preview instant tokens: replaced by the compiled theme CSS */"]
    lines += color_system_css(system)
    _typography_css(tokens, design, lines)
    return "\n".join(lines) + "\n"


def bench_instant_css(n: int = 1000) -> float:
    """Seconds per ``instant_css`` call when a token changes every call (the primary colour and
    its OKLCH-given accent change, so caches of earlier colours do not help)."""
    from .model import ColorToken

    base = TokenSet.from_dict(
        {
            "colors": {
                "primary": "#8b35a8",
                "accent": {"oklch": [0.8, 0.1, 60]},
                "neutral": {"dark": "#1d1020", "light": "#f6f1f8", "background": "#ffffff"},
            },
            "typography": {
                "families": {"sans": "Inter, sans-serif", "headings": "'DM Serif Display', serif"}
            },
            "radius": {"base": "8px", "button": "999px"},
        }
    )
    variants = []
    for i in range(n):
        colors = dict(base.colors)
        colors["primary"] = ColorToken("colors.primary", hex=f"#{(i * 2654435761) % 0xFFFFFF:06x}")
        colors["accent"] = ColorToken(
            "colors.accent", oklch=(0.8, 0.1, (i * 0.37) % 360), prefer="oklch"
        )
        variants.append(TokenSet(**{**base.__dict__, "colors": colors}))
    start = time.perf_counter()
    for tokens in variants:
        instant_css(tokens)
    return (time.perf_counter() - start) / n
