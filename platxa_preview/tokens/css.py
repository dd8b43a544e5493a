"""The instant path: tokens → a small stylesheet of CSS custom properties, no libsass.

It prints what the compiled Odoo CSS would set for this palette (Bootstrap 5.3 ``--bs-*``,
Odoo's ``--o-color-*``, ``--o-ccN-*`` and grays in ``:root``, the ``.o_cc1..5`` rules with their
headings, links and buttons, the layout parts' combinations) so a token change shows at once; the
exact SCSS result replaces this sheet when it is ready. Selectors and templates are built once at
import; a call only computes colours (:mod:`.palette`) and fills strings.
"""

from __future__ import annotations

import functools
import time

from . import color as colorlib
from .color import RGB
from .model import TokenSet, css_font_family
from .palette import ColorSystem, Combination, OdooDesign, resolve_color_system, tokens_to_odoo

_hex = functools.lru_cache(maxsize=4096)(colorlib.rgb_to_hex)
_rgb = functools.lru_cache(maxsize=4096)(colorlib.rgb_triplet)

# Bootstrap 5.3 button-variant amounts (web bootstrap_overridden_frontend.scss keeps 15%)
_HOVER_BG, _HOVER_BORDER, _ACTIVE_BG, _ACTIVE_BORDER = (
    (15.0, 15.0),
    (20.0, 10.0),
    (20.0, 20.0),
    (25.0, 10.0),
)


@functools.lru_cache(maxsize=1024)
def _nested(selector: str, index: int, extra: tuple[str, ...] = ()) -> str:
    """``.o_ccN X, .o_colored_level .o_ccN X`` (Odoo's ``$o-color-extras-nesting-selector``)."""
    roots = [f".o_cc{index}", f".o_colored_level .o_cc{index}", *extra]
    return ", ".join(f"{root} {part.strip()}" for root in roots for part in selector.split(","))


_HEADINGS = "h1, h2, h3, h4, h5, h6"
_LINKS = "a:not(.btn), .btn-link"
_LINKS_HOVER = "a:not(.btn):hover, .btn-link:hover"
_BTN = {
    "primary": ".btn-fill-primary, .btn-primary",
    "secondary": ".btn-fill-secondary, .btn-secondary",
}
_OUTLINE = {"primary": ".btn-outline-primary", "secondary": ".btn-outline-secondary"}
#: the layout parts website.scss colours with a combination (`o-apply-colors`)
_LAYOUT_SELECTORS = {
    "menu": ".navbar-light",
    "footer": ".o_footer",
    "copyright": ".o_footer_copyright",
}


@functools.lru_cache(maxsize=2048)
def _button_variant(background: RGB, border: RGB, dark: RGB, light: RGB) -> str:
    """Bootstrap 5.3's ``button-variant`` mixin as ``--bs-btn-*`` declarations."""

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
        f"--bs-btn-color: {_hex(color)}; --bs-btn-bg: {_hex(background)}; "
        f"--bs-btn-border-color: {_hex(border)}; --bs-btn-hover-color: {_hex(contrast(hover_bg))}; "
        f"--bs-btn-hover-bg: {_hex(hover_bg)}; --bs-btn-hover-border-color: {_hex(hover_border)}; "
        f"--bs-btn-focus-shadow-rgb: {_rgb(colorlib.mix(color, border, 15.0))}; "
        f"--bs-btn-active-color: {_hex(contrast(active_bg))}; "
        f"--bs-btn-active-bg: {_hex(active_bg)}; "
        f"--bs-btn-active-border-color: {_hex(active_border)}; "
        f"--bs-btn-disabled-color: {_hex(color)}; --bs-btn-disabled-bg: {_hex(background)}; "
        f"--bs-btn-disabled-border-color: {_hex(border)};"
    )


@functools.lru_cache(maxsize=2048)
def _button_outline_variant(color: RGB, dark: RGB, light: RGB) -> str:
    value, text = _hex(color), _hex(colorlib.color_contrast(color, dark, light))
    return (
        f"--bs-btn-color: {value}; --bs-btn-border-color: {value}; --bs-btn-hover-color: {text}; "
        f"--bs-btn-hover-bg: {value}; --bs-btn-hover-border-color: {value}; "
        f"--bs-btn-focus-shadow-rgb: {_rgb(color)}; --bs-btn-active-color: {text}; "
        f"--bs-btn-active-bg: {value}; --bs-btn-active-border-color: {value}; "
        f"--bs-btn-disabled-color: {value}; --bs-btn-disabled-bg: transparent; "
        f"--bs-btn-disabled-border-color: {value}; --bs-gradient: none;"
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
    theme = dict(system.theme_colors)
    # website bootstrap_overridden: $light is o-color-3, $dark is o-color-5
    theme["light"], theme["dark"] = system.colors["o-color-3"], system.colors["o-color-5"]
    for name, value in theme.items():
        add(f"--bs-{name}: {_hex(value)}; --bs-{name}-rgb: {_rgb(value)};")
    for name in ("100", "200", "300", "400", "500", "600", "700", "800", "900"):
        add(f"--bs-gray-{name}: {_hex(system.grays[name])};")
    add(f"--bs-white: {_hex(system.grays['white'])}; --bs-black: {_hex(system.grays['black'])};")
    add(
        f"--bs-body-color: {_hex(system.body_color)}; "
        f"--bs-body-color-rgb: {_rgb(system.body_color)}; "
        f"--bs-body-bg: {_hex(system.body_bg)}; --bs-body-bg-rgb: {_rgb(system.body_bg)}; "
        f"--bs-emphasis-color: {_hex(system.body_color)};"
    )
    add(
        f"--bs-link-color: {_hex(system.link)}; --bs-link-color-rgb: {_rgb(system.link)}; "
        f"--bs-link-hover-color: {_hex(system.link_hover)}; "
        f"--bs-link-hover-color-rgb: {_rgb(system.link_hover)};"
    )
    add(f"--bs-heading-color: {_hex(system.headings) if system.headings else 'inherit'};")


def _combination_rules(
    cc: Combination, system: ColorSystem, extra: tuple[str, ...], out: list[str]
) -> None:
    dark, light = system.contrast_dark, system.contrast_light
    index = cc.index
    bg, text = _hex(cc.bg), _hex(cc.text)
    roots = ", ".join((f".o_cc{index}", *extra))
    out.append(
        f"{roots} {{ background-color: {bg}; color: {text}; --background-color: {bg}; "
        f"--color: {text}; --o-cc-bg: {bg}; }}"
    )
    out.append(f"{_nested(_HEADINGS, index, extra)} {{ color: {_hex(cc.headings)}; }}")
    for number, value in enumerate(cc.h2_h6, start=2):
        if value != cc.headings:
            out.append(f"{_nested(f'h{number}', index, extra)} {{ color: {_hex(value)}; }}")
    out.append(f"{_nested(_LINKS, index, extra)} {{ color: {_hex(cc.link)}; }}")
    out.append(f"{_nested(_LINKS_HOVER, index, extra)} {{ color: {_hex(cc.link_hover)}; }}")
    variants = (
        ("primary", cc.btn_primary, cc.btn_primary_border, cc.btn_primary_outline),
        ("secondary", cc.btn_secondary, cc.btn_secondary_border, cc.btn_secondary_outline),
    )
    for name, background, border, outline in variants:
        fill = _button_variant(background, border, dark, light)
        out.append(f"{_nested(_BTN[name], index, extra)} {{ {fill} }}")
        outlined = _button_outline_variant(outline, dark, light)
        out.append(f"{_nested(_OUTLINE[name], index, extra)} {{ {outlined} }}")


def color_system_css(system: ColorSystem) -> list[str]:
    """The colour part of the instant stylesheet, as lines."""
    lines = [":root {"]
    _root_variables(system, lines)
    lines.append("}")

    def contrast(background: RGB) -> RGB:
        return colorlib.color_contrast(background, system.contrast_dark, system.contrast_light)

    first = system.combinations[0]
    dark, light = system.contrast_dark, system.contrast_light
    # page-level buttons use combination 1's button colours ($o-btn-bg-colors)
    primary = _button_variant(first.btn_primary, first.btn_primary_border, dark, light)
    secondary = _button_variant(first.btn_secondary, first.btn_secondary_border, dark, light)
    lines.append(f"{_BTN['primary']} {{ {primary} }}")
    lines.append(f"{_BTN['secondary']} {{ {secondary} }}")
    extras: dict[int, list[str]] = {}
    for part, number in system.layout.items():
        if number is not None:
            extras.setdefault(number, []).append(_LAYOUT_SELECTORS[part])
    for cc in system.combinations:
        _combination_rules(cc, system, tuple(extras.get(cc.index, ())), lines)
    for number in range(1, 6):
        value = system.colors[f"o-color-{number}"]
        bg, text = _hex(value), _hex(contrast(value))
        lines.append(
            f".bg-o-color-{number} {{ background-color: {bg} !important; color: {text}; "
            f"--background-color: {bg}; --color: {text}; }}"
        )
        lines.append(f".text-o-color-{number} {{ color: {bg} !important; }}")
    return lines


def _typography_css(tokens: TokenSet, design: OdooDesign, lines: list[str]) -> None:
    fonts = design.fonts
    root: list[str] = []
    if "base" in fonts:
        root.append(f"--bs-font-sans-serif: {css_font_family(fonts['base'])};")
        root.append("--bs-body-font-family: var(--bs-font-sans-serif);")
    if "mono" in fonts:
        root.append(f"--bs-font-monospace: {css_font_family(fonts['mono'])};")
    sizes = tokens.sizes
    if "base" in sizes:
        root.append(f"--bs-body-font-size: {sizes['base']}; --font-size-base: {sizes['base']};")
    for name in ("small", "lead", "h1", "h2", "h3", "h4", "h5", "h6"):
        if name in sizes:
            root.append(f"--{name}-font-size: {sizes[name]};")
    radius = tokens.radius
    for name, variable in (
        ("base", ""),
        ("sm", "-sm"),
        ("lg", "-lg"),
        ("xl", "-xl"),
        ("xxl", "-xxl"),
        ("pill", "-pill"),
    ):
        if name in radius:
            root.append(f"--bs-border-radius{variable}: {radius[name]};")
    if root:
        lines.append(":root { " + " ".join(root) + " }")
    if "headings" in fonts:
        lines.append(
            "h1, h2, h3, h4, h5, h6, .h1, .h2, .h3, .h4, .h5, .h6 "
            f"{{ font-family: {css_font_family(fonts['headings'])}; }}"
        )
    for heading in ("h1", "h2", "h3", "h4", "h5", "h6"):
        if heading in sizes:
            lines.append(f"{heading}, .{heading} {{ font-size: {sizes[heading]}; }}")
    button: list[str] = []
    if "buttons" in fonts:
        button.append(f"--bs-btn-font-family: {css_font_family(fonts['buttons'])};")
    if "button" in radius:
        button.append(f"--bs-btn-border-radius: {radius['button']};")
    if button:
        lines.append(".btn { " + " ".join(button) + " }")
    if "navbar" in fonts:
        lines.append(f".navbar {{ font-family: {css_font_family(fonts['navbar'])}; }}")
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
