"""Colour science against coloraide and known WCAG figures; Sass colour maths against libsass."""

from __future__ import annotations

import random
import re

import pytest
from coloraide import Color

from platxa_preview.tokens import color as colorlib
from platxa_preview.tokens.color import WcagVerdict, contrast_ratio, hex_to_oklch, oklch_to_srgb
from platxa_preview.tokens.palette import make_palette
from tests.conftest import corpus_path

IN_GAMUT = [(0.52, 0.12, 300), (0.7, 0.1, 150), (0.9, 0.03, 80), (0.3, 0.05, 20)]
# the rounded OKLCH of #ff0000 is outside sRGB only by rounding: not reported as mapped
ROUNDED_EDGE = [(0.628, 0.2577, 29.23), (0.452, 0.313, 264.05)]
OUT_OF_GAMUT = [
    (0.7, 0.35, 150),
    (0.52, 0.3, 300),
    (0.9, 0.3, 200),
    (0.4, 0.4, 260),
    (0.95, 0.2, 100),
]


def coloraide_css_mapped(oklch: tuple[float, float, float]) -> str:
    fitted = Color("oklch", list(oklch)).fit("srgb", method="oklch-chroma").convert("srgb")
    return colorlib.rgb_to_hex(tuple(c * 255 for c in fitted.clip().coords()))


@pytest.mark.parametrize("oklch", IN_GAMUT + OUT_OF_GAMUT + ROUNDED_EDGE)
def test_oklch_to_srgb_equals_coloraide_css_gamut_mapping(oklch):
    result = oklch_to_srgb(*oklch)
    assert result.hex == coloraide_css_mapped(oklch)
    assert result.gamut_mapped == (oklch in OUT_OF_GAMUT)


def test_out_of_gamut_colour_is_mapped_not_clipped():
    oklch = (0.7, 0.35, 150)
    clipped = Color("oklch", list(oklch)).convert("srgb").clip()
    assert oklch_to_srgb(*oklch).hex != colorlib.rgb_to_hex(
        tuple(c * 255 for c in clipped.coords())
    )
    # the mapped colour keeps the hue (CSS Color 4 reduces chroma only)
    assert hex_to_oklch(oklch_to_srgb(*oklch).hex)[2] == pytest.approx(150, abs=4)


@pytest.mark.parametrize("seed", range(5))
def test_in_gamut_colours_round_trip_hex_oklch_hex(seed):
    rng = random.Random(seed)
    for _ in range(40):
        value = f"#{rng.randrange(0x1000000):06x}"
        oklch = hex_to_oklch(value)
        result = oklch_to_srgb(*oklch)
        assert result.hex == value
        assert not result.gamut_mapped


def test_hex_to_oklch_matches_coloraide():
    lightness, chroma, hue = Color("#8b35a8").convert("oklch").coords()
    assert hex_to_oklch("#8B35A8") == pytest.approx((lightness, chroma, hue))
    assert hex_to_oklch("#777") == pytest.approx(
        (Color("#777777").convert("oklch")["lightness"], 0, 0)
    )


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#212529", "#ffffff", 15.43),
        ("#0000ff", "#ffffff", 8.59),
    ],
)
def test_contrast_ratio_known_wcag_values(foreground, background, expected):
    ratio = contrast_ratio(colorlib.hex_to_rgb(foreground), colorlib.hex_to_rgb(background))
    assert ratio == pytest.approx(expected, abs=0.005)
    # coloraide derives luminance from the exact sRGB matrix, WCAG rounds it to 0.2126/0.7152/0.0722
    assert ratio == pytest.approx(Color(foreground).contrast(background, method="wcag21"), rel=1e-3)


def test_wcag_verdict_thresholds():
    gray = WcagVerdict.of(contrast_ratio(colorlib.hex_to_rgb("#777"), colorlib.WHITE))
    assert (gray.aa, gray.aa_large, gray.aaa, gray.aaa_large) == (False, True, False, False)
    assert gray.level == "AA large"
    darker = WcagVerdict.of(contrast_ratio(colorlib.hex_to_rgb("#767676"), colorlib.WHITE))
    assert darker.aa and darker.aaa_large and not darker.aaa
    assert WcagVerdict.of(21).level == "AAA"
    assert WcagVerdict.of(2.0).level == "fail"


def test_odoo_color_contrast_picks_white_or_gray_900():
    dark = colorlib.hex_to_rgb("#212529")
    assert colorlib.color_contrast(colorlib.hex_to_rgb("#3498db"), dark) == colorlib.WHITE
    assert colorlib.color_contrast(colorlib.hex_to_rgb("#e5edf2"), dark) == dark


def _sass_colour(text: str) -> str:
    text = {"white": "#ffffff", "black": "#000000"}.get(text.strip(), text.strip())
    if re.fullmatch(r"#[0-9a-fA-F]{3}", text):
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def test_sass_colour_maths_matches_libsass_on_odoo_functions():
    """make_palette / increase_contrast / darken against Odoo's own SCSS compiled by libsass."""
    import sass  # libsass is a dependency of the package

    addons = corpus_path("odoo", "addons")
    editor = (addons / "html_editor/static/src/scss/html_editor.variables.scss").read_text()
    builder = (addons / "html_builder/static/src/scss/builder.variables.scss").read_text()
    make = builder[builder.index("@function o-make-palette") :]
    source = (
        "@function luma($c) { @return ((red($c) * .299) + (green($c) * .587)"
        " + (blue($c) * .114)) / 255 * 100%; }\n"
        + editor[editor.index("@function has-enough-contrast") :]
        + make[: make.index("// ----")]
    )
    rng = random.Random(7)
    colours = [f"#{rng.randrange(0x1000000):06x}" for _ in range(40)] + ["#00203f", "#38383b"]
    backgrounds = ["#ffffff", "#e5edf2", "#34495e", "#333333", "#3498db"]
    for i, value in enumerate(colours):
        source += f".p{i} {{ @each $k, $v in o-make-palette({value}) {{ --#{{$k}}: #{{$v}}; }} }}\n"
        for j, background in enumerate(backgrounds):
            source += (
                f".c{i}-{j} {{ a: increase-contrast({value}, {background}); "
                f"h: increase-contrast(darken({value}, 15%), {background}); }}\n"
            )
    css = sass.compile(string=source, output_style="compact", precision=8)
    for i, value in enumerate(colours):
        block = re.search(rf"\.p{i} \{{([^}}]*)\}}", css).group(1)
        compiled = dict(re.findall(r"--([\w-]+): ([^;]+);", block))
        ours = make_palette(value)
        assert set(compiled) == set(ours), value
        for key, result in compiled.items():
            assert _sass_colour(result) == str(ours[key]).lower(), (value, key)
        for j, background in enumerate(backgrounds):
            block = re.search(rf"\.c{i}-{j} \{{([^}}]*)\}}", css).group(1)
            link = colorlib.increase_contrast(
                colorlib.hex_to_rgb(value), colorlib.hex_to_rgb(background)
            )
            hover = colorlib.increase_contrast(
                colorlib.darken(colorlib.hex_to_rgb(value), 15), colorlib.hex_to_rgb(background)
            )
            assert _sass_colour(re.search(r"a: ([^;]+);", block).group(1)) == colorlib.rgb_to_hex(
                link
            )
            assert _sass_colour(re.search(r"h: ([^;]+);", block).group(1)) == colorlib.rgb_to_hex(
                hover
            )
