"""W3C Design Tokens (DTCG) import: groups, $type inheritance, aliases, colour objects, errors."""

from __future__ import annotations

import json

import pytest

from platxa_preview.tokens import TokenError, dtcg_to_tokens, is_dtcg, load_tokens, resolve
from platxa_preview.tokens.color import hex_to_oklch

DOCUMENT = {
    "$schema": "https://www.designtokens.org/schemas/2025.10/format.json",
    "base": {
        "$type": "color",
        "purple": {
            "$value": {"colorSpace": "srgb", "components": [0.545, 0.208, 0.659], "hex": "#8b35a8"}
        },
        "sand": {"$value": {"colorSpace": "oklch", "components": [0.8, 0.1, 60]}},
        "ink": {"$value": "#1d1020"},
        "wide": {"$value": {"colorSpace": "display-p3", "components": [0, 1, 0]}},
    },
    "color": {
        "$type": "color",
        "primary": {"$value": "{base.purple}"},
        "accent": {"$value": "{base.sand}", "$description": "warm"},
        "neutral": {"dark": {"$value": "{base.ink}"}, "light": {"$value": "#f6f1f8"}},
        "success": {"$value": "{base.wide}"},
    },
    "font": {
        "family": {
            "$type": "fontFamily",
            "sans": {"$value": ["Inter", "sans-serif"]},
            "headings": {"$value": "{font.family.sans}"},
        },
        "size": {
            "$type": "dimension",
            "base": {"$value": {"value": 16, "unit": "px"}},
            "h1": {"$value": "3rem"},
        },
    },
    "borderRadius": {"$type": "dimension", "md": {"$value": {"value": 0.5, "unit": "rem"}}},
    "space": {"unit": {"$type": "number", "$value": 8}},
    "shadow": {"card": {"$type": "shadow", "$value": {"color": "#000", "offsetX": "0px"}}},
}


def test_detection():
    assert is_dtcg(DOCUMENT)
    assert is_dtcg({"a": {"b": {"$value": "#fff"}}})
    assert not is_dtcg({"colors": {"primary": "#fff"}})


def test_dtcg_document_becomes_tokens():
    tokens = dtcg_to_tokens(DOCUMENT)
    assert tokens.source == "dtcg"
    assert tokens.colors["primary"].hex == "#8b35a8"
    assert tokens.colors["accent"].oklch == pytest.approx((0.8, 0.1, 60))
    assert tokens.colors["neutral.dark"].hex == "#1d1020"
    assert tokens.families == {"sans": ("Inter", "sans-serif"), "headings": ("Inter", "sans-serif")}
    assert tokens.sizes == {"base": "16px", "h1": "3rem"}
    assert tokens.radius == {"base": "0.5rem"}
    assert tokens.spacing_unit == 8
    assert "shadow.card" in tokens.ignored and "base.purple" in tokens.ignored


def test_wide_gamut_colour_space_is_converted_and_gamut_mapped():
    resolved = resolve(dtcg_to_tokens(DOCUMENT))
    success = next(c for c in resolved.colors if c.name == "success")
    assert success.source == "oklch" and success.gamut_mapped
    assert hex_to_oklch(success.hex)[2] == pytest.approx(142, abs=6)  # still green


def test_colour_object_components_win_over_hex_fallback():
    document = {
        "color": {
            "primary": {
                "$type": "color",
                "$value": {"colorSpace": "oklch", "components": [0.5, 0.1, 30], "hex": "#000000"},
            }
        }
    }
    resolved = resolve(dtcg_to_tokens(document))
    assert resolved.colors[0].source == "oklch"
    assert resolved.colors[0].hex != "#000000"
    assert resolved.colors[0].mismatch is not None


def test_load_tokens_autodetects_dtcg_files(tmp_path):
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps(DOCUMENT))
    assert load_tokens(path).source == "dtcg"


def dtcg_error(document) -> TokenError:
    with pytest.raises(TokenError) as caught:
        dtcg_to_tokens(document)
    return caught.value


def test_alias_cycle():
    error = dtcg_error(
        {
            "color": {
                "$type": "color",
                "primary": {"$value": "{color.accent}"},
                "accent": {"$value": "{color.primary}"},
            }
        }
    )
    assert "alias cycle" in str(error)


def test_alias_to_missing_token():
    error = dtcg_error({"color": {"primary": {"$type": "color", "$value": "{color.nope}"}}})
    assert error.path == "color.primary" and "names no token" in str(error)


def test_alias_to_a_token_of_another_type():
    error = dtcg_error(
        {
            "size": {"$type": "dimension", "s": {"$value": "4px"}},
            "color": {"primary": {"$type": "color", "$value": "{size.s}"}},
        }
    )
    assert "alias to a dimension token" in str(error)


def test_wrong_type_at_a_colour_path():
    error = dtcg_error({"color": {"primary": {"$type": "dimension", "$value": "4px"}}})
    assert error.path == "color.primary" and "expected color" in str(error)


def test_translucent_colour_is_refused():
    error = dtcg_error(
        {
            "color": {
                "primary": {
                    "$type": "color",
                    "$value": {"colorSpace": "srgb", "components": [1, 0, 0], "alpha": 0.5},
                }
            }
        }
    )
    assert error.path == "color.primary.alpha"


def test_unknown_colour_space():
    error = dtcg_error(
        {
            "color": {
                "primary": {
                    "$type": "color",
                    "$value": {"colorSpace": "cmyk", "components": [1, 0, 0]},
                }
            }
        }
    )
    assert error.path == "color.primary.colorSpace"


def test_errors_name_dtcg_paths_and_injection_is_refused():
    error = dtcg_error(
        {
            "color": {"primary": {"$value": "#000"}},
            "font": {"family": {"sans": {"$type": "fontFamily", "$value": "Inter; } body { x"}}},
        }
    )
    assert error.path == "font.family.sans"
    assert "';'" in str(error)
    error = dtcg_error(
        {
            "color": {
                "primary": {
                    "$type": "color",
                    "$value": {"colorSpace": "oklch", "components": [0.5, 2, 30]},
                }
            }
        }
    )
    assert error.path == "color.primary.oklch[1]"


def test_bad_group_member():
    error = dtcg_error({"color": {"primary": "#fff"}, "x": {"$value": 1}})
    assert error.path == "color.primary"
