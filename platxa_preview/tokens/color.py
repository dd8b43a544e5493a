"""Colour science: OKLCH ⇄ sRGB with CSS Color 4 gamut mapping, WCAG contrast, Sass colour maths.

Two layers:

* conversions between colour spaces go through coloraide (the reference implementation we test
  against); results are cached because tokens repeat the same few colours;
* the Sass colour functions Odoo's SCSS applies to palette colours (``mix``, ``darken``,
  ``increase-contrast``, Bootstrap's ``color-contrast``...) are re-implemented here on plain
  ``(r, g, b)`` float tuples in 0..255, exactly as libsass computes them, so the instant path can
  predict the compiled CSS without libsass and in microseconds.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from coloraide import Color

#: coloraide's name for the CSS Color 4 gamut mapping algorithm (binary search on OkLCh chroma
#: with a ΔEOK JND of 0.02: https://www.w3.org/TR/css-color-4/#binsearch).
CSS_GAMUT_MAP_METHOD = "oklch-chroma"
#: ΔEOK above which two colours are reported as different (the JND the CSS algorithm uses).
MISMATCH_DELTA_E = 0.02

RGB = tuple[float, float, float]

_HEX_RE = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
WHITE: RGB = (255.0, 255.0, 255.0)
BLACK: RGB = (0.0, 0.0, 0.0)


# -- hex ---------------------------------------------------------------------------------------


def is_hex_color(value: str) -> bool:
    return _HEX_RE.fullmatch(value) is not None


def normalize_hex(value: str) -> str:
    """``#ABC`` / ``#AABBCC`` → ``#aabbcc``; ValueError for anything else."""
    match = _HEX_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


@functools.lru_cache(maxsize=4096)
def hex_to_rgb(value: str) -> RGB:
    digits = normalize_hex(value)
    return (float(int(digits[1:3], 16)), float(int(digits[3:5], 16)), float(int(digits[5:7], 16)))


# libsass rounds a channel half up, with a 1e-9 tolerance (Sass::round at Odoo's precision 8)
_ROUND = 0.5 + 1e-9


def _channel(value: float) -> int:
    return min(255, max(0, math.floor(value + _ROUND)))


def sass_round(value: float) -> float:
    return float(math.floor(value + _ROUND))


def rgb_to_hex(rgb: RGB) -> str:
    r, g, b = rgb
    if 0.0 <= r <= 255.0 and 0.0 <= g <= 255.0 and 0.0 <= b <= 255.0:  # the hot path
        return f"#{int(r + _ROUND):02x}{int(g + _ROUND):02x}{int(b + _ROUND):02x}"
    return f"#{_channel(r):02x}{_channel(g):02x}{_channel(b):02x}"


def rgb_triplet(rgb: RGB) -> str:
    """``r, g, b`` as Bootstrap's ``--bs-*-rgb`` custom properties want it."""
    return f"{_channel(rgb[0])}, {_channel(rgb[1])}, {_channel(rgb[2])}"


# -- OKLCH ⇄ sRGB (coloraide) ------------------------------------------------------------------


@dataclass(frozen=True)
class SrgbResult:
    """An OKLCH colour as the browser shows it in sRGB."""

    hex: str
    gamut_mapped: bool  # True when the OKLCH colour was outside sRGB and had to be mapped


#: ΔEOK under which a colour outside sRGB only by rounding counts as not gamut mapped
_ROUNDING_DELTA_E = 0.005


@functools.lru_cache(maxsize=4096)
def oklch_to_srgb(lightness: float, chroma: float, hue: float) -> SrgbResult:
    """OKLCH (L in 0..1) → sRGB hex, CSS Color 4 gamut mapped when out of gamut."""
    color = Color("oklch", [lightness, chroma, hue])
    if color.in_gamut("srgb"):
        return SrgbResult(_srgb_to_hex(color.convert("srgb")), False)
    fitted = color.clone().fit("srgb", method=CSS_GAMUT_MAP_METHOD).convert("srgb")
    shown = _srgb_to_hex(fitted)
    # out of gamut by more than 8-bit rounding (e.g. rounded OKLCH of #ff0000 is not "mapped")
    changed = color.delta_e(Color(shown), method="ok") > _ROUNDING_DELTA_E
    return SrgbResult(shown, changed)


def _srgb_to_hex(color: Color) -> str:
    return rgb_to_hex(tuple(c * 255.0 for c in color.clip().coords(nans=False)))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=4096)
def hex_to_oklch(value: str) -> tuple[float, float, float]:
    """sRGB hex → OKLCH ``(L 0..1, C, H degrees)``; achromatic colours get hue 0."""
    lightness, chroma, hue = Color(normalize_hex(value)).convert("oklch").coords(nans=False)
    if chroma < 1e-6:
        chroma, hue = 0.0, 0.0
    return (lightness, chroma, hue % 360.0)


def convert_to_oklch(space: str, components: list[float]) -> tuple[float, float, float]:
    """Any CSS colour space coloraide knows (``display-p3``, ``lab``...) → OKLCH, unmapped."""
    lightness, chroma, hue = Color(space, components).convert("oklch").coords(nans=False)
    return (lightness, chroma, hue % 360.0)


def delta_e_ok(hex_a: str, oklch_b: tuple[float, float, float]) -> float:
    """ΔEOK between an sRGB hex colour and an OKLCH colour."""
    return Color(normalize_hex(hex_a)).delta_e(Color("oklch", list(oklch_b)), method="ok")


def format_oklch(oklch: tuple[float, float, float]) -> str:
    lightness, chroma, hue = oklch
    return f"oklch({lightness * 100:.2f}% {chroma:.4f} {hue:.2f})"


# -- WCAG 2.x contrast -------------------------------------------------------------------------

# Linearised sRGB channel for each 8-bit value (WCAG 2.x relative luminance; the 0.04045 knee is
# Bootstrap's and coloraide's, it classifies every 8-bit value like WCAG's 0.03928).
_LINEAR = tuple(
    (v / 255.0) / 12.92 if v / 255.0 <= 0.04045 else ((v / 255.0 + 0.055) / 1.055) ** 2.4
    for v in range(256)
)


def relative_luminance(rgb: RGB) -> float:
    r, g, b = rgb
    if not (0.0 <= r <= 255.0 and 0.0 <= g <= 255.0 and 0.0 <= b <= 255.0):
        r, g, b = _channel(r), _channel(g), _channel(b)
    return (
        0.2126 * _LINEAR[int(r + _ROUND)]
        + 0.7152 * _LINEAR[int(g + _ROUND)]
        + 0.0722 * _LINEAR[int(b + _ROUND)]
    )


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2.x contrast ratio, 1..21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    if la < lb:
        la, lb = lb, la
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class WcagVerdict:
    ratio: float
    aa: bool  # normal text, 4.5:1
    aa_large: bool  # large text (24px, or 18.66px bold) and UI components, 3:1
    aaa: bool  # normal text, 7:1
    aaa_large: bool  # large text, 4.5:1

    @classmethod
    def of(cls, ratio: float) -> WcagVerdict:
        # WCAG compares the unrounded ratio with the thresholds
        return cls(round(ratio, 2), ratio >= 4.5, ratio >= 3.0, ratio >= 7.0, ratio >= 4.5)

    @property
    def level(self) -> str:
        if self.aaa:
            return "AAA"
        if self.aa:
            return "AA"
        if self.aa_large:
            return "AA large"
        return "fail"


# -- Sass colour maths (libsass semantics) -----------------------------------------------------


def rgb_to_hsl(rgb: RGB) -> tuple[float, float, float]:
    """Sass ``hue()``, ``saturation()``, ``lightness()``: degrees, percent, percent."""
    r, g, b = rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0
    high, low = max(r, g, b), min(r, g, b)
    delta = high - low
    lightness = (high + low) / 2.0
    if delta == 0:
        return 0.0, 0.0, lightness * 100.0
    saturation = delta / (high + low) if lightness < 0.5 else delta / (2.0 - high - low)
    if high == r:
        hue = (g - b) / delta + (6.0 if g < b else 0.0)
    elif high == g:
        hue = (b - r) / delta + 2.0
    else:
        hue = (r - g) / delta + 4.0
    return hue * 60.0, saturation * 100.0, lightness * 100.0


def _hue_to_rgb(m1: float, m2: float, h: float) -> float:
    if h < 0:
        h += 1
    elif h > 1:
        h -= 1
    if h * 6 < 1:
        return m1 + (m2 - m1) * h * 6
    if h * 2 < 1:
        return m2
    if h * 3 < 2:
        return m1 + (m2 - m1) * (2.0 / 3.0 - h) * 6
    return m1


def hsl_to_rgb(hue: float, saturation: float, lightness: float) -> RGB:
    h = (hue % 360.0) / 360.0
    s = min(100.0, max(0.0, saturation)) / 100.0
    ll = min(100.0, max(0.0, lightness)) / 100.0
    m2 = ll * (s + 1) if ll <= 0.5 else ll + s - ll * s
    m1 = ll * 2 - m2
    return (
        _hue_to_rgb(m1, m2, h + 1.0 / 3.0) * 255.0,
        _hue_to_rgb(m1, m2, h) * 255.0,
        _hue_to_rgb(m1, m2, h - 1.0 / 3.0) * 255.0,
    )


def adjust_lightness(rgb: RGB, amount: float) -> RGB:
    """Sass ``adjust-color($c, $lightness: amount%)`` (``darken`` is a negative amount)."""
    hue, saturation, lightness = rgb_to_hsl(rgb)
    return hsl_to_rgb(hue, saturation, lightness + amount)


def darken(rgb: RGB, amount: float) -> RGB:
    return adjust_lightness(rgb, -amount)


def mix(a: RGB, b: RGB, weight: float = 50.0) -> RGB:
    """Sass ``mix($a, $b, $weight%)`` for opaque colours (libsass rounds the channels)."""
    w = weight / 100.0
    return (
        sass_round(a[0] * w + b[0] * (1 - w)),
        sass_round(a[1] * w + b[1] * (1 - w)),
        sass_round(a[2] * w + b[2] * (1 - w)),
    )


def shade_color(rgb: RGB, weight: float) -> RGB:
    return mix(BLACK, rgb, weight)


def tint_color(rgb: RGB, weight: float) -> RGB:
    return mix(WHITE, rgb, weight)


def luma(rgb: RGB) -> float:
    """Odoo's ``luma()`` (web utils.scss), in percent."""
    return (rgb[0] * 0.299 + rgb[1] * 0.587 + rgb[2] * 0.114) / 255.0 * 100.0


def has_enough_contrast(a: RGB, b: RGB, threshold: float = 500.0) -> bool:
    """Odoo's RGB-distance contrast test (html_editor.variables.scss)."""
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]) >= threshold


@functools.lru_cache(maxsize=8192)
def increase_contrast(color: RGB, background: RGB) -> RGB:
    """Odoo's ``increase-contrast``: step lightness by 1% away from the background (25 at most)."""
    hue, saturation, lightness = rgb_to_hsl(color)
    step = -1.0 if luma(color) < luma(background) else 1.0
    br, bg, bb = background
    # hsl_to_rgb with a fixed hue and saturation is linear in (m1, m2): precompute the factors
    h = (hue % 360.0) / 360.0
    kr, kg, kb = (
        _hue_to_rgb(0.0, 1.0, h + 1.0 / 3.0),
        _hue_to_rgb(0.0, 1.0, h),
        _hue_to_rgb(0.0, 1.0, h - 1.0 / 3.0),
    )
    s = min(100.0, max(0.0, saturation)) / 100.0
    current = lightness
    steps = 0
    r, g, b = color
    while 0.1 < current < 99.9 and steps < 25:
        distance = (r - br if r > br else br - r) + (g - bg if g > bg else bg - g)
        if distance + (b - bb if b > bb else bb - b) >= 500.0:
            break
        lightness += step
        if lightness < 0.0:
            lightness = 0.0
        elif lightness > 100.0:
            lightness = 100.0
        ll = lightness / 100.0
        m2 = ll * (s + 1) if ll <= 0.5 else ll + s - ll * s
        m1 = ll * 2 - m2
        span = m2 - m1
        r, g, b = (m1 + span * kr) * 255.0, (m1 + span * kg) * 255.0, (m1 + span * kb) * 255.0
        current += step
        steps += 1
    return (r, g, b)


@functools.lru_cache(maxsize=8192)
def color_contrast(background: RGB, dark: RGB, light: RGB = WHITE, min_ratio: float = 2.9) -> RGB:
    """Odoo's ``color-contrast`` (web bs_mixins_overrides.scss) for an opaque background.

    Tries the light contrast colour, the dark one (website: gray 900), white and black, and returns
    the first above ``min_ratio`` (``$o-frontend-min-contrast-ratio``), else the best.
    """
    best, best_ratio = light, 0.0
    for candidate in (light, dark, WHITE, BLACK):
        ratio = contrast_ratio(background, candidate)
        if ratio > min_ratio:
            return candidate
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best
