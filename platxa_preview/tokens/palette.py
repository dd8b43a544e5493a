"""Tokens ⇄ Odoo: palettes ``o-color-1..5``, colour combinations ``o_cc1..5``, grays, fonts.

Tokens → Odoo follows Odoo's own conventions (website ``o-make-palette``):
``o-color-1`` primary, ``o-color-2`` accent (secondary), ``o-color-3`` light neutral,
``o-color-4`` background (white), ``o-color-5`` dark neutral; missing ones are derived from the
primary colour exactly as ``o-make-palette`` derives them (including its cc4/cc5 switch to light
text when the derived dark colour is too close to the primary). Odoo → tokens reads a theme's
``primary_variables.scss`` (plus website's palette library) with :mod:`.scss_map`.

:func:`resolve_color_system` then computes what Odoo's SCSS computes from a palette (the
combination colours with their fallbacks, auto-contrasted links, button text colours, body
colours), so the instant path and the contrast report see the colours the compiled CSS will have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import color as colorlib
from .color import RGB
from .model import (
    GENERIC_FAMILIES,
    GRAY_NAMES,
    PALETTE_NAME_RE,
    ColorToken,
    TokenSet,
    length_in_px,
    scss_font_family,
)
from .scss_map import ScssColor, ScssIdent, ScssList, ScssNumber, ScssVariables

# -- Odoo's defaults (html_editor.variables.scss, website primary_variables.scss) ----------------

BASE_GRAYS: dict[str, str] = {
    "white": "#ffffff",
    "100": "#f8f9fa",
    "200": "#e9ecef",
    "300": "#dee2e6",
    "400": "#ced4da",
    "500": "#adb5bd",
    "600": "#6c757d",
    "700": "#495057",
    "800": "#343a40",
    "900": "#212529",
    "black": "#000000",
}
#: website's additions to the base palette (layout parts → combination numbers)
BASE_PALETTE: dict[str, str | int | None] = {
    "o-color-1": None,
    "o-color-2": None,
    "o-color-3": None,
    "o-color-4": None,
    "o-color-5": None,
    "body": "#ffffff",
    "input": None,
    "menu": 1,
    "footer": 2,
    "copyright": None,
}
COMBINATION_KEYS = (
    "bg",
    "text",
    "headings",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "link",
    "btn-primary",
    "btn-primary-border",
    "btn-secondary",
    "btn-secondary-border",
)
#: ``$o-color-combinations-presets[1]``
COMBINATION_PRESETS: tuple[dict[str, str], ...] = (
    {"bg": "o-color-4"},
    {"bg": "o-color-3", "headings": "o-color-5"},
    {"bg": "o-color-2", "btn-secondary": "o-color-3"},
    {
        "bg": "o-color-1",
        "link": "o-color-5",
        "btn-primary": "o-color-5",
        "btn-secondary": "o-color-3",
    },
    {"bg": "o-color-5", "headings": "o-color-4", "btn-secondary": "o-color-3"},
)
_COMBINATION_DEFAULTS: dict[str, str | int | None] = {}
for _index, _preset in enumerate(COMBINATION_PRESETS, start=1):
    for _key in COMBINATION_KEYS:
        _COMBINATION_DEFAULTS[f"o-cc{_index}-{_key}"] = _preset.get(
            _key, "white" if _key == "bg" else None
        )

#: token colour name → Odoo palette slot
COLOR_SLOTS = {
    "primary": "o-color-1",
    "accent": "o-color-2",
    "neutral.light": "o-color-3",
    "neutral.background": "o-color-4",
    "neutral.dark": "o-color-5",
}
THEME_COLOR_NAMES = ("success", "info", "warning", "danger")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: website's default ``$o-theme-hN-font-size-multiplier``
DEFAULT_HEADING_MULTIPLIERS = {"h1": 3.0, "h2": 2.5, "h3": 2.0, "h4": 1.5, "h5": 1.25, "h6": 1.0}
DEFAULT_PALETTE_NAME = "platxa"


# -- resolving token colours -------------------------------------------------------------------


def token_hex(token: ColorToken) -> str:
    """The sRGB hex a colour token stands for (gamut mapped when it comes from OKLCH)."""
    if token.hex and (token.prefer == "hex" or token.oklch is None):
        return token.hex
    assert token.oklch is not None
    return colorlib.oklch_to_srgb(*token.oklch).hex


# -- o-make-palette ----------------------------------------------------------------------------


def make_palette(primary: str, secondary: str | None = None) -> dict[str, str | int | None]:
    """Odoo's ``o-make-palette($primary, $secondary)`` (html_builder builder.variables.scss)."""
    p = colorlib.hex_to_rgb(primary)
    hue, saturation, _ = colorlib.rgb_to_hsl(p)
    if secondary is None:
        complement = colorlib.hsl_to_rgb(*_shift_hue(colorlib.rgb_to_hsl(p), 180.0))
        mixed = colorlib.mix(complement, colorlib.WHITE, 80.0)
        h, s, ll = colorlib.rgb_to_hsl(mixed)
        desaturated = colorlib.hsl_to_rgb(h, max(0.0, s - 20.0), ll)
        secondary = colorlib.rgb_to_hex(colorlib.increase_contrast(desaturated, p))
    light = colorlib.rgb_to_hsl(colorlib.hex_to_rgb("#f5f0f0"))
    dark = colorlib.rgb_to_hsl(colorlib.hex_to_rgb("#2e1414"))
    palette: dict[str, str | int | None] = {
        "o-color-1": primary,
        "o-color-2": secondary,
        "o-color-3": colorlib.rgb_to_hex(
            colorlib.hsl_to_rgb(hue, min(saturation, light[1]), light[2])
        ),
        "o-color-4": "#ffffff",
        "o-color-5": colorlib.rgb_to_hex(
            colorlib.hsl_to_rgb(hue, min(saturation, dark[1]), dark[2])
        ),
    }
    palette.update(_dark_primary_adaptation(palette))
    return palette


def _shift_hue(hsl: tuple[float, float, float], degrees: float) -> tuple[float, float, float]:
    return ((hsl[0] + degrees) % 360.0, hsl[1], hsl[2])


def _dark_primary_adaptation(palette: Mapping[str, Any]) -> dict[str, str]:
    """o-make-palette: when dark and primary are too close, cc4/cc5 switch to light text."""
    dark = colorlib.hex_to_rgb(str(palette["o-color-5"]))
    primary = colorlib.hex_to_rgb(str(palette["o-color-1"]))
    if colorlib.has_enough_contrast(dark, primary, 300):
        return {}
    adapted = {}
    for index in (4, 5):
        adapted[f"o-cc{index}-btn-primary"] = "o-color-4"
        adapted[f"o-cc{index}-btn-secondary"] = "o-color-2"
        adapted[f"o-cc{index}-text"] = "o-color-3"
        adapted[f"o-cc{index}-link"] = "o-color-4"
    return adapted


def _scss_make_palette(primary: Any, secondary: Any = None, overrides: Any = None) -> dict:
    """``o-make-palette`` for the SCSS reader (colours in, ScssColor out)."""
    if not isinstance(primary, ScssColor):
        raise ValueError("o-make-palette needs a colour")
    second = secondary.hex if isinstance(secondary, ScssColor) else None
    palette: dict[Any, Any] = {
        key: ScssColor(value) if isinstance(value, str) and value.startswith("#") else value
        for key, value in make_palette(primary.hex, second).items()
    }
    if isinstance(overrides, dict):
        palette.update(overrides)
    return palette


# -- the Odoo design a token set maps to -------------------------------------------------------


@dataclass(frozen=True)
class FontConfig:
    name: str
    family: tuple[str, ...]
    url: str | None = None  # Google Fonts family spec, e.g. 'PT+Sans:300,300i,400,400i,700,700i'


@dataclass(frozen=True)
class OdooDesign:
    """What an Odoo theme declares: the palette, grays, theme colours, fonts, website values."""

    palette_name: str
    palette: dict[str, str | int | None]  # o-color-1..5 (hex) + combination/layout overrides
    grays: dict[str, str] = field(default_factory=dict)
    theme_colors: dict[str, str] = field(default_factory=dict)
    font_configs: dict[str, FontConfig] = field(default_factory=dict)
    website_values: dict[str, Any] = field(default_factory=dict)
    heading_multipliers: dict[str, float] = field(default_factory=dict)
    bootstrap: dict[str, str] = field(default_factory=dict)  # Bootstrap SCSS variables
    fonts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role → CSS family list


def as_rem(length: str) -> str:
    """Odoo's SCSS compares radii with rem values (`min($input-border-radius, .25rem)`), which
    libsass refuses for px: a px radius is written in rem (16px to the rem, the browser's)."""
    if length.endswith("px"):
        try:
            return f"{float(length[:-2]) / 16:g}rem"
        except ValueError:
            return length
    return length


def tokens_to_odoo(tokens: TokenSet) -> OdooDesign:
    """Map a token set onto Odoo's palette, grays, fonts and website values."""
    hexes = {name: token_hex(token) for name, token in tokens.colors.items()}
    primary = hexes["primary"]
    palette = make_palette(primary, hexes.get("accent"))
    if any(name in hexes for name in ("neutral.light", "neutral.background", "neutral.dark")):
        for key in [k for k in palette if k.startswith("o-cc")]:
            del palette[key]
        for name, slot in COLOR_SLOTS.items():
            if name in hexes:
                palette[slot] = hexes[name]
        if "neutral.dark" not in hexes:
            # o-make-palette's cc4/cc5 adaptation belongs to a derived dark colour; a palette
            # whose dark colour is given is a theme author's palette (like clean-1): no adaptation
            palette.update(_dark_primary_adaptation(palette))
    palette.update(tokens.odoo_palette)
    grays = {name: token_hex(token) for name, token in tokens.grays.items()}
    theme_colors = {name: hexes[name] for name in THEME_COLOR_NAMES if name in hexes}

    fonts = _font_roles(tokens)
    font_configs: dict[str, FontConfig] = {}
    for families in fonts.values():
        first = families[0]
        if first not in font_configs and first not in GENERIC_FAMILIES:
            url = first.replace(" ", "+") + ":300,300i,400,400i,700,700i"
            font_configs[first] = FontConfig(first, families, url)
    name = tokens.name or DEFAULT_PALETTE_NAME
    values: dict[str, Any] = {"color-palettes-name": name}
    for role, key in (
        ("base", "font"),
        ("headings", "headings-font"),
        ("navbar", "navbar-font"),
        ("buttons", "buttons-font"),
    ):
        if role in fonts and fonts[role][0] in font_configs:
            values[key] = fonts[role][0]
    base = tokens.sizes.get("base")
    if base:
        values["font-size-base"] = base
    if "small" in tokens.sizes:
        values["small-font-size"] = tokens.sizes["small"]
    for radius_name, prefix in (("button", "btn"), ("input", "input")):
        if radius_name in tokens.radius:
            for suffix in ("", "-sm", "-lg"):
                values[f"{prefix}-border-radius{suffix}"] = as_rem(tokens.radius[radius_name])
    multipliers = {}
    base_px = length_in_px(base) if base else 16.0
    for heading in HEADINGS:
        size = tokens.sizes.get(heading)
        size_px = length_in_px(size) if size else None
        if size_px is not None and base_px:
            multipliers[heading] = round(size_px / base_px, 6)
    bootstrap: dict[str, str] = {}
    for radius_name, variable in (
        ("base", "border-radius"),
        ("sm", "border-radius-sm"),
        ("lg", "border-radius-lg"),
        ("xl", "border-radius-xl"),
        ("xxl", "border-radius-xxl"),
        ("pill", "border-radius-pill"),
    ):
        if radius_name in tokens.radius:
            bootstrap[variable] = as_rem(tokens.radius[radius_name])
    if tokens.spacing_unit:
        # Bootstrap's $spacer (1rem) is two 8px grid units
        bootstrap["spacer"] = f"{tokens.spacing_unit * 2 / 16:g}rem"
    if "mono" in fonts:
        bootstrap["font-family-monospace"] = scss_font_family(fonts["mono"])[1:-1]
    return OdooDesign(
        name, palette, grays, theme_colors, font_configs, values, multipliers, bootstrap, fonts
    )


def _font_roles(tokens: TokenSet) -> dict[str, tuple[str, ...]]:
    families = tokens.families
    base = families.get("sans") or families.get("serif")
    roles: dict[str, tuple[str, ...]] = {}
    if base:
        roles["base"] = base
    for role in ("headings", "navbar", "buttons"):
        if role in families:
            roles[role] = families[role]
    if "mono" in families:
        roles["mono"] = families["mono"]
    return roles


# -- the colour system Odoo's SCSS computes from a palette -------------------------------------


@dataclass(frozen=True)
class Combination:
    """One colour combination ``o_ccN`` as the compiled CSS shows it."""

    index: int
    bg: RGB
    text: RGB
    headings: RGB
    h2_h6: tuple[RGB, RGB, RGB, RGB, RGB]
    headings_set: bool  # headings have their own colour rule (else they inherit the text colour)
    link: RGB
    link_hover: RGB
    btn_primary: RGB
    btn_primary_border: RGB
    btn_primary_text: RGB
    btn_primary_outline: RGB
    btn_secondary: RGB
    btn_secondary_border: RGB
    btn_secondary_text: RGB
    btn_secondary_outline: RGB
    #: which of h2..h6 the palette sets (each then has its own colour rule, as Odoo prints it)
    h2_h6_set: tuple[bool, bool, bool, bool, bool] = (False, False, False, False, False)


@dataclass(frozen=True)
class ColorSystem:
    colors: dict[str, RGB]  # o-color-1..5
    grays: dict[str, RGB]
    theme_colors: dict[str, RGB]  # primary, secondary, success...
    combinations: tuple[Combination, ...]
    body_bg: RGB
    body_color: RGB
    link: RGB
    link_hover: RGB
    headings: RGB | None
    layout: dict[str, int | None]  # menu / footer / copyright → combination number
    contrast_dark: RGB
    contrast_light: RGB


def resolve_color_system(
    palette: Mapping[str, Any],
    grays: Mapping[str, str] | None = None,
    theme_colors: Mapping[str, str] | None = None,
) -> ColorSystem:
    """What ``html_editor``/``website`` SCSS compute from a palette (hex strings or names)."""
    full: dict[str, Any] = dict(BASE_PALETTE)
    full.update(_COMBINATION_DEFAULTS)
    full.update(palette)
    gray_values = dict(BASE_GRAYS)
    if grays:
        gray_values.update(grays)
    theme: dict[str, Any] = {"primary": full.get("o-color-1"), "secondary": full.get("o-color-2")}
    if theme_colors:
        theme.update(theme_colors)

    cache: dict[Any, RGB | None] = {}

    def lookup(name: Any) -> RGB | None:
        """``o-color($name)``: follow names (at most 10 steps) to a colour; numbers → cc bg."""
        if name in cache:
            return cache[name]
        original, value = name, name
        for _ in range(11):
            if isinstance(value, int) and not isinstance(value, bool):
                value = f"o-cc{value}-bg"
            if value is None:
                break
            if isinstance(value, str) and value.startswith("#"):
                cache[original] = colorlib.hex_to_rgb(value)
                return cache[original]
            if not isinstance(value, str):
                value = None
                break
            if value in full:
                value = full[value]
            elif value in theme:
                value = theme[value]
            elif value in gray_values:
                value = gray_values[value]
            else:
                value = None
                break
        cache[original] = None
        return None

    colors = {f"o-color-{i}": lookup(f"o-color-{i}") or colorlib.WHITE for i in range(1, 6)}
    gray_rgb = {name: lookup(name) or colorlib.hex_to_rgb(BASE_GRAYS[name]) for name in BASE_GRAYS}
    theme_rgb = {name: rgb for name in theme if (rgb := lookup(name)) is not None}
    primary, secondary = (
        theme_rgb.get("primary", colorlib.WHITE),
        theme_rgb.get("secondary", colorlib.WHITE),
    )
    dark, light = gray_rgb["900"], gray_rgb["white"]

    def contrast(background: RGB) -> RGB:
        return colorlib.color_contrast(background, dark, light)

    body_bg = lookup("o-cc1-bg") or colorlib.WHITE
    combinations = []
    for index in range(1, 6):
        key = f"o-cc{index}-"
        bg = lookup(key + "bg") or colorlib.WHITE
        text = lookup(full.get(key + "text")) or contrast(bg)
        headings_value = lookup(full.get(key + "headings"))
        headings = headings_value or text
        h2_h6_values = [lookup(full.get(f"{key}h{n}")) for n in range(2, 7)]
        h2_h6 = tuple(value or headings for value in h2_h6_values)
        link_value = lookup(full.get(key + "link")) if full.get(key + "link") is not None else None
        link_base = link_value or primary
        btn_primary = lookup(full.get(key + "btn-primary")) or primary
        btn_primary_border = lookup(full.get(key + "btn-primary-border")) or btn_primary
        btn_secondary = lookup(full.get(key + "btn-secondary")) or secondary
        btn_secondary_border = lookup(full.get(key + "btn-secondary-border")) or btn_secondary
        combinations.append(
            Combination(
                index=index,
                bg=bg,
                text=text,
                headings=headings,
                h2_h6=h2_h6,  # type: ignore[arg-type]
                headings_set=headings_value is not None,
                link=colorlib.increase_contrast(link_base, bg),
                link_hover=colorlib.increase_contrast(colorlib.darken(link_base, 15.0), bg),
                btn_primary=btn_primary,
                btn_primary_border=btn_primary_border,
                btn_primary_text=contrast(btn_primary),
                btn_primary_outline=colorlib.increase_contrast(btn_primary_border, bg),
                btn_secondary=btn_secondary,
                btn_secondary_border=btn_secondary_border,
                btn_secondary_text=contrast(btn_secondary),
                btn_secondary_outline=colorlib.increase_contrast(btn_secondary_border, bg),
                h2_h6_set=tuple(value is not None for value in h2_h6_values),  # type: ignore[arg-type]
            )
        )
    first = combinations[0]
    layout = {}
    for part in ("menu", "footer", "copyright"):
        value = full.get(part)
        layout[part] = value if isinstance(value, int) and 1 <= value <= 5 else None
    return ColorSystem(
        colors=colors,
        grays=gray_rgb,
        theme_colors=theme_rgb,
        combinations=tuple(combinations),
        body_bg=body_bg,
        body_color=first.text,
        link=first.link,
        # website bootstrap_overridden: $link-hover-color darkens the (auto-contrasted) link colour
        link_hover=colorlib.increase_contrast(colorlib.darken(first.link, 15.0), body_bg),
        headings=first.headings if first.headings_set else None,
        layout=layout,
        contrast_dark=dark,
        contrast_light=light,
    )


def tokens_color_system(tokens: TokenSet) -> ColorSystem:
    design = tokens_to_odoo(tokens)
    return resolve_color_system(design.palette, design.grays, design.theme_colors)


# -- primary_variables.scss export -------------------------------------------------------------


def _scss_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    text = str(value)
    if text.startswith("#"):
        return text
    if length_in_px(text) is not None or text.endswith(("em", "%")):
        return text
    return f"'{text}'"


def design_to_primary_variables_scss(design: OdooDesign, *, merge: bool = False) -> str:
    """The SCSS a theme's primary variables declare for `design`. With `merge`, the fonts and
    website values are merged into those already defined (to follow a theme's own file, whose
    header, footer and button settings then stay) instead of replacing them."""
    name = design.palette_name
    lines = [
        "// Generated by platxa-preview from design tokens: the palette, fonts and website values",
        "// an Odoo theme's primary_variables.scss declares (web._assets_primary_variables).",
        "",
        "$o-color-palettes: map-merge($o-color-palettes, (",
        f"    '{name}': (",
    ]
    lines += [f"        '{key}': {_scss_value(value)}," for key, value in design.palette.items()]
    lines += [
        "    ),",
        "));",
        f"$o-selected-color-palettes-names: append($o-selected-color-palettes-names, '{name}');",
    ]
    if design.grays:
        lines += [
            "",
            "$o-gray-color-palettes: map-merge($o-gray-color-palettes, (",
            f"    '{name}': (",
        ]
        lines += [f"        '{key}': {value}," for key, value in design.grays.items()]
        lines += ["    ),", "));"]
    if design.theme_colors:
        lines += [
            "",
            "$o-theme-color-palettes: map-merge($o-theme-color-palettes, (",
            f"    '{name}': (",
        ]
        lines += [f"        '{key}': {value}," for key, value in design.theme_colors.items()]
        lines += ["    ),", "));"]
    if design.heading_multipliers:
        lines.append("")
        lines += [
            f"$o-theme-{heading}-font-size-multiplier: {value:g};"
            for heading, value in design.heading_multipliers.items()
        ]
    if design.font_configs:
        opening = "map-merge($o-theme-font-configs, (" if merge else "("
        lines += ["", f"$o-theme-font-configs: {opening}"]
        for config in design.font_configs.values():
            lines.append(f"    '{config.name}': (")
            lines.append(f"        'family': {scss_font_family(config.family)},")
            if config.url:
                lines.append(f"        'url': '{config.url}',")
            lines.append("    ),")
        lines.append("));" if merge else ");")
    opening = "map-merge(o-safe-nth($o-website-values-palettes, 1, ()), (" if merge else "("
    lines += ["", "$o-website-values-palettes: (", f"    {opening}"]
    lines += [
        f"        '{key}': {_scss_value(value)}," for key, value in design.website_values.items()
    ]
    lines += ["    )),", ");"] if merge else ["    ),", ");"]
    if design.bootstrap:
        lines += [
            "",
            "// Bootstrap variables: defined before Bootstrap's own `!default`s, so they win.",
        ]
        lines += [f"${key}: {value};" for key, value in design.bootstrap.items()]
    return "\n".join(lines) + "\n"


def to_primary_variables_scss(tokens: TokenSet, *, merge: bool = False) -> str:
    """A ``primary_variables.scss`` that makes an Odoo theme use these tokens (with `merge`, a
    block to follow a theme's own primary variables: see design_to_primary_variables_scss)."""
    return design_to_primary_variables_scss(tokens_to_odoo(tokens), merge=merge)


# -- reading a theme's declared palettes back --------------------------------------------------


@dataclass(frozen=True)
class ThemeDesign:
    """What a theme's ``primary_variables.scss`` (over website's defaults) declares."""

    palettes: dict[str, dict[str, Any]]
    gray_palettes: dict[str, dict[str, Any]]
    theme_color_palettes: dict[str, dict[str, Any]]
    font_configs: dict[str, dict[str, Any]]
    website_values: dict[str, Any]
    heading_multipliers: dict[str, float]
    variables: dict[str, Any]

    @property
    def default_palette_name(self) -> str | None:
        name = self.website_values.get("color-palettes-name")
        return name if isinstance(name, str) else None

    def palette_tokens(self, name: str | None = None) -> TokenSet:
        """The named palette (default: the theme's) and the theme's fonts as tokens."""
        return theme_to_tokens(self, name)


SCSS_FUNCTIONS = {"o-make-palette": _scss_make_palette}


def read_theme_design(*sources: str | Path) -> ThemeDesign:
    """Evaluate SCSS sources in bundle order (website's primary variables, then the theme's).

    A source is a path or SCSS text (text when it contains a newline or a ``$``).
    """
    reader = ScssVariables(functions=SCSS_FUNCTIONS)
    for source in sources:
        if isinstance(source, Path) or ("\n" not in source and "$" not in source):
            path = Path(source)
            reader.read(path.read_text(encoding="utf-8"), str(path))
        else:
            reader.read(source)
    variables = reader.variables

    def maps(name: str) -> dict[str, dict[str, Any]]:
        value = variables.get(name)
        if not isinstance(value, dict):
            return {}
        return {str(k): v for k, v in value.items() if isinstance(v, dict)}

    values_list = variables.get("o-website-values-palettes")
    website_values: dict[str, Any] = {}
    if isinstance(values_list, dict):
        website_values = dict(values_list)
    elif isinstance(values_list, ScssList) and values_list and isinstance(values_list[0], dict):
        website_values = dict(values_list[0])
    multipliers = {}
    for heading in HEADINGS:
        value = variables.get(f"o-theme-{heading}-font-size-multiplier")
        if isinstance(value, ScssNumber):
            multipliers[heading] = value.value
    return ThemeDesign(
        palettes=maps("o-color-palettes"),
        gray_palettes=maps("o-gray-color-palettes"),
        theme_color_palettes=maps("o-theme-color-palettes"),
        font_configs=maps("o-theme-font-configs"),
        website_values=website_values,
        heading_multipliers=multipliers,
        variables=variables,
    )


def theme_design(theme_dir: str | Path, addons_paths: Sequence[str | Path] = ()) -> ThemeDesign:
    """A theme module's design: website's ``primary_variables.scss`` (found on ``addons_paths``)
    for the palette library, then the theme's own ``static/src/scss/primary_variables.scss``."""
    sources: list[Path] = []
    for addons in addons_paths:
        website = Path(addons) / "website" / "static" / "src" / "scss" / "primary_variables.scss"
        if website.is_file():
            sources.append(website)
            break
    own = Path(theme_dir) / "static" / "src" / "scss" / "primary_variables.scss"
    if own.is_file():
        sources.append(own)
    return read_theme_design(*sources)


def _font_family(config: Any, name: str) -> list[str]:
    family = config.get("family") if isinstance(config, dict) else None
    items = family if isinstance(family, ScssList) else [family] if family is not None else []
    result = [str(item) for item in items if isinstance(item, (str, ScssIdent))]
    return result or [name, "sans-serif"]


def theme_to_tokens(design: ThemeDesign, name: str | None = None) -> TokenSet:
    """A theme palette (``clean-1``...) and the theme's fonts and sizes as a validated TokenSet."""
    name = name or design.default_palette_name
    if name is None or name not in design.palettes:
        known = ", ".join(sorted(design.palettes)[:20])
        raise KeyError(f"no palette {name!r} in this theme (known: {known})")
    palette = design.palettes[name]

    def color_of(value: Any, depth: int = 0) -> str | None:
        if isinstance(value, ScssColor) and value.hex.startswith("#") and len(value.hex) == 7:
            return value.hex
        if isinstance(value, str) and value in palette and depth < 10:
            return color_of(palette[value], depth + 1)
        return None

    colors: dict[str, Any] = {}
    for token_name, slot in COLOR_SLOTS.items():
        hex_value = color_of(palette.get(slot))
        if hex_value:
            *parents, leaf = token_name.split(".")
            target = colors
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = hex_value
    overrides: dict[str, Any] = {}
    for key, value in palette.items():
        if not isinstance(key, str) or (key in BASE_PALETTE and key.startswith("o-color-")):
            continue
        if isinstance(value, ScssColor) and len(value.hex) == 7:
            overrides[key] = value.hex
        elif isinstance(value, ScssNumber) and not value.unit and value.value.is_integer():
            overrides[key] = int(value.value)
        elif isinstance(value, (str, int)) or value is None:
            overrides[key] = value
    grays = design.gray_palettes.get(name, {})
    gray_tokens = {
        str(k): v.hex for k, v in grays.items() if str(k) in GRAY_NAMES and isinstance(v, ScssColor)
    }
    if gray_tokens:
        colors["gray"] = gray_tokens
    for key, value in design.theme_color_palettes.get(name, {}).items():
        if key in THEME_COLOR_NAMES and isinstance(value, ScssColor):
            colors[key] = value.hex

    values = design.website_values
    configs = design.font_configs
    base_font = (
        values.get("font") if isinstance(values.get("font"), str) else next(iter(configs), None)
    )
    families: dict[str, list[str]] = {}
    if base_font:
        families["sans"] = _font_family(configs.get(base_font), base_font)
    for key, role in (
        ("headings-font", "headings"),
        ("navbar-font", "navbar"),
        ("buttons-font", "buttons"),
    ):
        font = values.get(key)
        if isinstance(font, str) and font:
            families[role] = _font_family(configs.get(font), font)
    sizes: dict[str, str] = {}
    base_size = values.get("font-size-base")
    base_rem = 1.0
    if isinstance(base_size, ScssNumber) and base_size.unit in ("rem", "px"):
        sizes["base"] = str(base_size)
        base_rem = base_size.value / (16.0 if base_size.unit == "px" else 1.0)
    for heading, multiplier in design.heading_multipliers.items():
        sizes[heading] = f"{round(multiplier * base_rem, 4):g}rem"
    radius = {}
    for key, radius_name in (("btn-border-radius", "button"), ("input-border-radius", "input")):
        value = values.get(key)
        if isinstance(value, ScssNumber) and value.unit in ("px", "rem", "em", "%"):
            radius[radius_name] = str(value)

    data: dict[str, Any] = {"colors": colors, "typography": {"families": families, "sizes": sizes}}
    if PALETTE_NAME_RE.fullmatch(name):
        data["name"] = name
    if radius:
        data["radius"] = radius
    if overrides:
        data["odoo"] = {"palette": overrides}
    return TokenSet.from_dict(data, source=f"theme:{name}")
