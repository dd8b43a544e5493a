"""The design-token model and its strict validation (the single place that decides what is safe).

Every value that reaches CSS or SCSS goes through one of the grammars below: a hex colour, an
OKLCH triple, a font-family list of safe names, a CSS length with an allowed unit, a palette
name. Anything else is refused with a :class:`TokenError` naming the token path
(``colors.primary.oklch[1]``) and what was expected, so a token file can never inject CSS.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import color as colorlib

# -- limits ------------------------------------------------------------------------------------

MAX_TOKENS = 512
MAX_STRING_LENGTH = 256
MAX_DEPTH = 12
MAX_FILE_BYTES = 1_000_000
MAX_FAMILIES = 12
MAX_FAMILY_NAME_LENGTH = 64


# -- errors ------------------------------------------------------------------------------------


class TokenError(ValueError):
    """One refused token value: where (``path``) and what was expected."""

    def __init__(self, path: str, message: str, *, expected: str | None = None) -> None:
        self.path = path or "(root)"
        self.message = message
        self.expected = expected
        text = f"{self.path}: {message}"
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)


class TokenValidationError(TokenError):
    """Several refused values at once; ``errors`` lists each :class:`TokenError`."""

    def __init__(self, errors: list[TokenError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.message, expected=first.expected)
        self.args = ("\n".join(str(e) for e in self.errors),)

    def __str__(self) -> str:
        return self.args[0]


# -- grammars ----------------------------------------------------------------------------------

# Checked before any grammar so the message says *why* a value is dangerous.
_INJECTION_PATTERNS: tuple[tuple[str, str], ...] = (
    (";", "';' ends a CSS declaration"),
    ("{", "'{' opens a CSS block"),
    ("}", "'}' closes a CSS block"),
    ("<", "'<' can close the <style> element"),
    (">", "'>' is markup, not a value"),
    ("\\", "'\\' starts a CSS escape"),
    ("\n", "a newline is not allowed in a value"),
    ("\r", "a newline is not allowed in a value"),
    ("url(", "url() loads a resource"),
    ("expression(", "expression() runs script"),
    ("@import", "@import loads a stylesheet"),
    ("/*", "a comment can hide CSS"),
    ("*/", "a comment can hide CSS"),
    ("javascript:", "a script URL"),
)

GENERIC_FAMILIES = frozenset(
    {
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "emoji",
        "math",
        "fangsong",
        "-apple-system",
        "BlinkMacSystemFont",
    }
)
# A font family name: letters (any script), digits, spaces, hyphens, underscores, dots.
_FAMILY_NAME_RE = re.compile(r"[^\W][\w .\-]*", re.UNICODE)
_UNQUOTED_FAMILY_RE = re.compile(r"-?[^\W\d][\w\-]*(?: [^\W\d][\w\-]*)*", re.UNICODE)
_OKLCH_RE = re.compile(
    r"oklch\(\s*(?P<l>[+-]?(?:\d+\.?\d*|\.\d+))(?P<pct>%?)\s+(?P<c>[+-]?(?:\d+\.?\d*|\.\d+))(?P<cpct>%?)"
    r"\s+(?P<h>[+-]?(?:\d+\.?\d*|\.\d+))(?:deg)?\s*\)",
    re.IGNORECASE,
)
_LENGTH_RE = re.compile(r"(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?P<unit>[a-z%]*)")
PALETTE_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")
_ODOO_KEY_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")


def refuse_injection(path: str, value: str) -> None:
    if len(value) > MAX_STRING_LENGTH:
        raise TokenError(path, f"value is {len(value)} characters long", expected="at most 256")
    lowered = value.lower()
    for pattern, why in _INJECTION_PATTERNS:
        if pattern in lowered:
            raise TokenError(path, f"refused {value!r}: {why}")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise TokenError(path, f"refused {value!r}: control characters are not allowed")


def parse_number(
    path: str, value: Any, *, low: float, high: float, what: str = "a number"
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            refuse_injection(path, value)
        raise TokenError(path, f"got {value!r}", expected=f"{what} in {low:g}..{high:g}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise TokenError(
            path, f"{value!r} is out of range", expected=f"{what} in {low:g}..{high:g}"
        )
    return number


def parse_hex(path: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TokenError(path, f"got {value!r}", expected="a hex colour like '#8b35a8'")
    refuse_injection(path, value)
    if not colorlib.is_hex_color(value.strip()):
        raise TokenError(path, f"got {value!r}", expected="a hex colour '#rgb' or '#rrggbb'")
    return colorlib.normalize_hex(value.strip())


def parse_oklch(path: str, value: Any) -> tuple[float, float, float]:
    """``[L, C, H]`` (L in 0..1, or 0..100 as a percentage string) or ``"oklch(L C H)"``."""
    if isinstance(value, str):
        refuse_injection(path, value)
        match = _OKLCH_RE.fullmatch(value.strip())
        if match is None:
            raise TokenError(
                path, f"got {value!r}", expected="'oklch(L C H)', e.g. 'oklch(52% 0.18 300)'"
            )
        lightness = float(match["l"]) / (100.0 if match["pct"] else 1.0)
        chroma = float(match["c"]) * (0.004 if match["cpct"] else 1.0)  # CSS: 100% = 0.4
        parts: list[Any] = [lightness, chroma, float(match["h"])]
    elif isinstance(value, (list, tuple)):
        if len(value) != 3:
            raise TokenError(path, f"got {len(value)} components", expected="[L, C, H]")
        parts = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if index == 0 and isinstance(item, str) and item.endswith("%"):
                refuse_injection(item_path, item)
                try:
                    parts.append(float(item[:-1]) / 100.0)
                except ValueError:
                    raise TokenError(item_path, f"got {item!r}", expected="a percentage") from None
            else:
                parts.append(item)
    else:
        raise TokenError(path, f"got {value!r}", expected="[L, C, H] or 'oklch(L C H)'")
    lightness = parse_number(f"{path}[0]", parts[0], low=0, high=1, what="lightness")
    chroma = parse_number(f"{path}[1]", parts[1], low=0, high=0.5, what="chroma")
    hue = parse_number(f"{path}[2]", parts[2], low=-360, high=720, what="hue in degrees")
    return (lightness, chroma, hue % 360.0)


def parse_length(path: str, value: Any, *, units: tuple[str, ...], high_px: float = 1000.0) -> str:
    """A CSS length with one of ``units`` (``0`` alone is allowed); a bare number means px."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = parse_number(path, value, low=0, high=high_px, what="a length in px")
        return _format_length(number, "px" if number else "")
    if not isinstance(value, str):
        raise TokenError(path, f"got {value!r}", expected=f"a CSS length in {'/'.join(units)}")
    refuse_injection(path, value)
    match = _LENGTH_RE.fullmatch(value.strip())
    if match is None or (
        match["unit"] not in units and not (match["unit"] == "" and float(match["num"]) == 0)
    ):
        raise TokenError(path, f"got {value!r}", expected=f"a CSS length in {'/'.join(units)}")
    number, unit = float(match["num"]), match["unit"]
    limit = high_px / 16.0 if unit in ("rem", "em") else 100.0 if unit == "%" else high_px
    if not 0 <= number <= limit:
        raise TokenError(path, f"{value!r} is out of range", expected=f"0..{limit:g}{unit}")
    return _format_length(number, unit)


def _format_length(number: float, unit: str) -> str:
    text = f"{number:.4f}".rstrip("0").rstrip(".")
    return (text or "0") + (unit if text not in ("0", "") else "")


def length_in_px(value: str) -> float | None:
    """px for a px/rem length (1rem = 16px), None for other units."""
    match = _LENGTH_RE.fullmatch(value)
    if match is None:
        return None
    number, unit = float(match["num"]), match["unit"]
    return {"px": number, "rem": number * 16.0, "": number}.get(unit)


def parse_font_families(path: str, value: Any) -> tuple[str, ...]:
    """``"'Inter', sans-serif"`` or ``["Inter", "sans-serif"]`` → ``("Inter", "sans-serif")``."""
    if isinstance(value, str):
        refuse_injection(path, value)
        items: list[Any] = _split_family_list(path, value)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise TokenError(path, f"got {value!r}", expected="a font-family list")
    if not items:
        raise TokenError(path, "empty font-family list", expected="at least one family")
    if len(items) > MAX_FAMILIES:
        raise TokenError(path, f"{len(items)} families", expected=f"at most {MAX_FAMILIES}")
    families = []
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]" if not isinstance(value, str) else path
        if not isinstance(item, str):
            raise TokenError(item_path, f"got {item!r}", expected="a font family name")
        refuse_injection(item_path, item)
        name = item.strip()
        if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
            name = name[1:-1].strip()
        valid = name in GENERIC_FAMILIES or bool(_FAMILY_NAME_RE.fullmatch(name))
        if not valid or len(name) > MAX_FAMILY_NAME_LENGTH:
            raise TokenError(
                item_path,
                f"refused font family {item!r}",
                expected="letters, digits, spaces, hyphens (one name per list item)",
            )
        families.append(name)
    return tuple(families)


def _split_family_list(path: str, text: str) -> list[str]:
    items, current, quote = [], "", ""
    for char in text:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "'\"":
            if current.strip():
                raise TokenError(
                    path, f"refused {text!r}: stray quote", expected="a font-family list"
                )
            current += char
            quote = char
        elif char == ",":
            items.append(current)
            current = ""
        else:
            current += char
    if quote:
        raise TokenError(
            path, f"refused {text!r}: unterminated quote", expected="a font-family list"
        )
    items.append(current)
    for item in items:
        stripped = item.strip()
        if stripped and stripped[0] not in "'\"" and not _UNQUOTED_FAMILY_RE.fullmatch(stripped):
            raise TokenError(
                path, f"refused font family {stripped!r}", expected="a name, quoted if needed"
            )
    return [item.strip() for item in items]


def css_font_family(families: tuple[str, ...]) -> str:
    """The CSS value: named families double-quoted, generic ones bare."""
    return ", ".join(f if f in GENERIC_FAMILIES else f'"{f}"' for f in families)


def scss_font_family(families: tuple[str, ...]) -> str:
    """The SCSS list Odoo themes write: ``('PT Sans', sans-serif)``."""
    return "(" + ", ".join(f if f in GENERIC_FAMILIES else f"'{f}'" for f in families) + ")"


# -- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColorToken:
    """A colour as given: hex, OKLCH or both; ``prefer`` says which wins when both are given."""

    path: str
    hex: str | None = None
    oklch: tuple[float, float, float] | None = None
    prefer: str = "hex"  # plain token files: the exact sRGB hex; DTCG: the colour-space value

    def to_value(self) -> dict[str, Any] | str:
        if self.hex and self.oklch is None:
            return self.hex
        value: dict[str, Any] = {}
        if self.hex:
            value["hex"] = self.hex
        if self.oklch is not None:
            value["oklch"] = [round(c, 6) for c in self.oklch]
        return value


#: Colour token names (flat, dotted) and the Odoo role each one plays.
COLOR_NAMES = (
    "primary",
    "accent",
    "neutral.light",
    "neutral.background",
    "neutral.dark",
    "success",
    "info",
    "warning",
    "danger",
)
GRAY_NAMES = ("100", "200", "300", "400", "500", "600", "700", "800", "900")
FAMILY_NAMES = ("sans", "serif", "mono", "headings", "navbar", "buttons")
SIZE_NAMES = ("base", "small", "lead", "h1", "h2", "h3", "h4", "h5", "h6")
RADIUS_NAMES = ("none", "sm", "base", "lg", "xl", "xxl", "pill", "button", "input")
_RADIUS_ALIASES = {"md": "base", "default": "base", "DEFAULT": "base", "btn": "button"}
_COLOR_ALIASES = {"secondary": "accent"}


@dataclass(frozen=True)
class TokenSet:
    """Validated design tokens. Build with :meth:`from_dict` (or ``load_tokens``)."""

    colors: Mapping[str, ColorToken] = field(default_factory=dict)
    grays: Mapping[str, ColorToken] = field(default_factory=dict)
    families: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sizes: Mapping[str, str] = field(default_factory=dict)
    spacing_unit: float | None = None  # px
    radius: Mapping[str, str] = field(default_factory=dict)
    name: str | None = None  # palette name used when exporting to Odoo
    odoo_palette: Mapping[str, str | int | None] = field(default_factory=dict)
    source: str = "json"
    ignored: tuple[str, ...] = ()

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        source: str = "json",
        prefer: str = "hex",
        path_names: Mapping[str, str] | None = None,
        ignored: tuple[str, ...] = (),
    ) -> TokenSet:
        """Validate the plain token format; :class:`TokenValidationError` lists every fault."""
        return _Parser(prefer, path_names or {}).parse(data, source=source, ignored=ignored)

    def to_dict(self) -> dict[str, Any]:
        """The plain token format (``from_dict(to_dict())`` gives an equal set)."""
        data: dict[str, Any] = {}
        if self.name:
            data["name"] = self.name
        colors: dict[str, Any] = {}
        for key, token in self.colors.items():
            target = colors
            *parents, leaf = key.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = token.to_value()
        if self.grays:
            colors["gray"] = {k: t.to_value() for k, t in self.grays.items()}
        if colors:
            data["colors"] = colors
        typography: dict[str, Any] = {}
        if self.families:
            typography["families"] = {k: list(v) for k, v in self.families.items()}
        if self.sizes:
            typography["sizes"] = dict(self.sizes)
        if typography:
            data["typography"] = typography
        if self.spacing_unit is not None:
            data["spacing"] = {"unit": self.spacing_unit}
        if self.radius:
            data["radius"] = dict(self.radius)
        if self.odoo_palette:
            data["odoo"] = {"palette": dict(self.odoo_palette)}
        return data

    def to_css(self) -> str:
        """The instant stylesheet of CSS custom properties (see :mod:`.css`)."""
        from .css import instant_css

        return instant_css(self)


class _Parser:
    def __init__(self, prefer: str, path_names: Mapping[str, str]) -> None:
        self.prefer = prefer
        self.path_names = path_names
        self.errors: list[TokenError] = []
        self.count = 0

    def shown(self, path: str) -> str:
        """The path the user wrote (a DTCG file names tokens its own way)."""
        for plain, original in self.path_names.items():
            if path == plain or path.startswith(plain + "[") or path.startswith(plain + "."):
                return original + path[len(plain) :]
        return path

    def fail(self, error: TokenError) -> None:
        self.errors.append(
            TokenError(self.shown(error.path), error.message, expected=error.expected)
        )

    def guard(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except TokenError as error:
            self.fail(error)
            return None

    def group(self, path: str, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(TokenError(path, f"got {type(value).__name__}", expected="an object"))
            return {}
        return value

    def count_token(self, path: str) -> bool:
        self.count += 1
        if self.count > MAX_TOKENS:
            if self.count == MAX_TOKENS + 1:
                self.fail(TokenError(path, "too many tokens", expected=f"at most {MAX_TOKENS}"))
            return False
        return True

    def unknown(self, path: str, key: Any, allowed: tuple[str, ...]) -> None:
        shown = key if isinstance(key, str) and len(key) <= 40 else repr(key)[:40]
        self.fail(
            TokenError(
                f"{path}.{shown}" if path else str(shown),
                "unknown token",
                expected="one of " + ", ".join(allowed),
            )
        )

    def parse(self, data: Any, *, source: str, ignored: tuple[str, ...]) -> TokenSet:
        if not isinstance(data, Mapping):
            raise TokenError("", f"got {type(data).__name__}", expected="a JSON object of tokens")
        _check_depth(data)
        top = (
            "name",
            "description",
            "colors",
            "typography",
            "spacing",
            "radius",
            "odoo",
            "$schema",
        )
        result: dict[str, Any] = {}
        for key, value in data.items():
            if key == "name":
                result["name"] = self.guard(_parse_palette_name, "name", value)
            elif key in ("description", "$schema"):
                if not isinstance(value, str) or len(value) > 4 * MAX_STRING_LENGTH:
                    self.fail(TokenError(key, "not a short string", expected="a string"))
            elif key == "colors":
                result.update(self.colors(self.group("colors", value)))
            elif key == "typography":
                result.update(self.typography(self.group("typography", value)))
            elif key == "spacing":
                result["spacing_unit"] = self.spacing(self.group("spacing", value))
            elif key == "radius":
                result["radius"] = self.radius(self.group("radius", value))
            elif key == "odoo":
                result["odoo_palette"] = self.odoo(self.group("odoo", value))
            else:
                self.unknown("", key, top)
        if not self.errors and "primary" not in result.get("colors", {}):
            self.fail(TokenError("colors.primary", "missing", expected="the brand colour"))
        if self.errors:
            raise TokenValidationError(self.errors)
        return TokenSet(source=source, ignored=ignored, **result)

    def color(self, path: str, value: Any) -> ColorToken | None:
        if not self.count_token(path):
            return None
        if isinstance(value, str):
            text = value.strip()
            if text.lower().startswith("oklch"):
                oklch = self.guard(parse_oklch, path, value)
                return ColorToken(path, oklch=oklch, prefer="oklch") if oklch else None
            hex_value = self.guard(parse_hex, path, value)
            return ColorToken(path, hex=hex_value) if hex_value else None
        if not isinstance(value, Mapping):
            self.fail(
                TokenError(
                    path,
                    f"got {value!r}"[:80],
                    expected="'#rrggbb', 'oklch(L C H)' or {hex, oklch}",
                )
            )
            return None
        hex_value = oklch = None
        for key, item in value.items():
            if key == "hex":
                hex_value = self.guard(parse_hex, f"{path}.hex", item)
            elif key == "oklch":
                oklch = self.guard(parse_oklch, f"{path}.oklch", item)
            elif key not in ("description", "name"):
                self.unknown(path, key, ("hex", "oklch"))
        if hex_value is None and oklch is None:
            if not any(k in value for k in ("hex", "oklch")):
                self.fail(TokenError(path, "no colour given", expected="'hex' and/or 'oklch'"))
            return None
        prefer = self.prefer if hex_value and oklch else ("hex" if hex_value else "oklch")
        return ColorToken(path, hex=hex_value, oklch=oklch, prefer=prefer)

    def colors(self, group: Mapping[str, Any]) -> dict[str, Any]:
        colors: dict[str, ColorToken] = {}
        grays: dict[str, ColorToken] = {}
        for key, value in group.items():
            name = _COLOR_ALIASES.get(key, key)
            if name == "neutral":
                for sub, item in self.group("colors.neutral", value).items():
                    if f"neutral.{sub}" in COLOR_NAMES:
                        token = self.color(f"colors.neutral.{sub}", item)
                        if token:
                            colors[f"neutral.{sub}"] = token
                    else:
                        self.unknown("colors.neutral", sub, ("dark", "light", "background"))
            elif name in ("gray", "grey"):
                for sub, item in self.group(f"colors.{key}", value).items():
                    if str(sub) in GRAY_NAMES:
                        token = self.color(f"colors.{key}.{sub}", item)
                        if token:
                            grays[str(sub)] = token
                    else:
                        self.unknown(f"colors.{key}", sub, GRAY_NAMES)
            elif name in COLOR_NAMES:
                if name in colors:
                    self.fail(TokenError(f"colors.{key}", "given twice (secondary is accent)"))
                token = self.color(f"colors.{key}", value)
                if token:
                    colors[name] = token
            else:
                self.unknown(
                    "colors",
                    key,
                    (
                        "primary",
                        "accent",
                        "secondary",
                        "neutral",
                        "gray",
                        "success",
                        "info",
                        "warning",
                        "danger",
                    ),
                )
        ordered = {name: colors[name] for name in COLOR_NAMES if name in colors}
        return {"colors": ordered, "grays": {g: grays[g] for g in GRAY_NAMES if g in grays}}

    def typography(self, group: Mapping[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in group.items():
            if key == "families":
                families = {}
                for name, item in self.group("typography.families", value).items():
                    path = f"typography.families.{name}"
                    if name not in FAMILY_NAMES:
                        self.unknown("typography.families", name, FAMILY_NAMES)
                    elif self.count_token(path):
                        parsed = self.guard(parse_font_families, path, item)
                        if parsed:
                            families[name] = parsed
                result["families"] = families
            elif key == "sizes":
                sizes = {}
                for name, item in self.group("typography.sizes", value).items():
                    path = f"typography.sizes.{name}"
                    if name not in SIZE_NAMES:
                        self.unknown("typography.sizes", name, SIZE_NAMES)
                    elif self.count_token(path):
                        parsed = self.guard(
                            parse_length, path, item, units=("px", "rem"), high_px=256
                        )
                        if parsed:
                            sizes[name] = parsed
                result["sizes"] = {n: sizes[n] for n in SIZE_NAMES if n in sizes}
            else:
                self.unknown("typography", key, ("families", "sizes"))
        return result

    def spacing(self, group: Mapping[str, Any]) -> float | None:
        unit = None
        for key, value in group.items():
            if key != "unit":
                self.unknown("spacing", key, ("unit",))
                continue
            self.count_token("spacing.unit")
            length = self.guard(
                parse_length, "spacing.unit", value, units=("px", "rem"), high_px=64
            )
            if length is not None:
                unit = length_in_px(length)
                if not unit:
                    self.fail(
                        TokenError("spacing.unit", f"{value!r} is out of range", expected="1..64px")
                    )
        return unit

    def radius(self, group: Mapping[str, Any]) -> dict[str, str]:
        radius = {}
        for key, value in group.items():
            name = _RADIUS_ALIASES.get(key, key)
            path = f"radius.{key}"
            if name not in RADIUS_NAMES:
                self.unknown("radius", key, RADIUS_NAMES)
            elif self.count_token(path):
                parsed = self.guard(
                    parse_length, path, value, units=("px", "rem", "em", "%"), high_px=10000
                )
                if parsed:
                    radius[name] = parsed
        return {n: radius[n] for n in RADIUS_NAMES if n in radius}

    def odoo(self, group: Mapping[str, Any]) -> dict[str, str | int | None]:
        palette: dict[str, str | int | None] = {}
        for key, value in group.items():
            if key != "palette":
                self.unknown("odoo", key, ("palette",))
                continue
            for name, item in self.group("odoo.palette", value).items():
                path = f"odoo.palette.{name}"
                if not isinstance(name, str) or not _ODOO_KEY_RE.fullmatch(name):
                    self.fail(
                        TokenError(
                            path, "refused key", expected="an Odoo palette key like 'o-cc5-link'"
                        )
                    )
                elif self.count_token(path):
                    parsed = self.guard(parse_palette_value, path, item)
                    if parsed is not _INVALID:
                        palette[name] = parsed
        return palette


_INVALID: Any = object()


def parse_palette_value(path: str, value: Any) -> str | int | None:
    """An Odoo palette entry: hex colour, colour name ('o-color-5'), combination 1..5, null."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return int(parse_number(path, value, low=1, high=5, what="a colour combination"))
    if isinstance(value, str):
        refuse_injection(path, value)
        if value.startswith("#"):
            return parse_hex(path, value)
        if _ODOO_KEY_RE.fullmatch(value):
            return value
    raise TokenError(
        path, f"got {value!r}", expected="a hex colour, a palette colour name, 1..5 or null"
    )


def _parse_palette_name(path: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TokenError(path, f"got {value!r}", expected="a palette name")
    refuse_injection(path, value)
    if not PALETTE_NAME_RE.fullmatch(value):
        raise TokenError(
            path, f"refused {value!r}", expected="lowercase letters, digits, '-' and '_'"
        )
    return value


def _check_depth(data: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise TokenError(
            "", "the token tree is nested too deeply", expected=f"at most {MAX_DEPTH} levels"
        )
    if isinstance(data, Mapping):
        for value in data.values():
            _check_depth(value, depth + 1)
    elif isinstance(data, (list, tuple)):
        for value in data:
            _check_depth(value, depth + 1)
