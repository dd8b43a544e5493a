"""Strict validation: grammars, refused injections with the token path, limits."""

from __future__ import annotations

import copy

import pytest

from platxa_preview.tokens import TokenError, TokenSet, TokenValidationError, load_tokens, resolve
from platxa_preview.tokens.model import MAX_TOKENS

EXAMPLE = {
    "colors": {
        "primary": {"hex": "#8B35A8", "oklch": [0.52, 0.18, 300]},
        "accent": {"oklch": "oklch(80% 0.1 60)"},
        "neutral": {
            "dark": {"hex": "#1d1020"},
            "light": "#f6f1f8",
            "background": {"oklch": [1, 0, 0]},
        },
    },
    "typography": {
        "families": {
            "sans": "Inter, sans-serif",
            "mono": "'JetBrains Mono', monospace",
            "headings": ["DM Serif Display", "serif"],
        },
        "sizes": {"base": "16px", "h1": "3rem"},
    },
    "spacing": {"unit": 8},
    "radius": {"sm": "4px", "md": "8px", "pill": "50rem", "button": "0.5rem"},
}


def test_issue_example_is_valid():
    tokens = TokenSet.from_dict(EXAMPLE)
    assert tokens.colors["primary"].hex == "#8b35a8"
    assert tokens.colors["primary"].oklch == (0.52, 0.18, 300)
    assert tokens.colors["accent"].oklch == pytest.approx((0.8, 0.1, 60))
    assert tokens.families["mono"] == ("JetBrains Mono", "monospace")
    assert tokens.families["headings"] == ("DM Serif Display", "serif")
    assert tokens.sizes == {"base": "16px", "h1": "3rem"}
    assert tokens.spacing_unit == 8
    assert tokens.radius["base"] == "8px"


def test_to_dict_round_trips():
    tokens = TokenSet.from_dict(EXAMPLE)
    assert TokenSet.from_dict(tokens.to_dict()) == tokens


def test_hex_wins_over_oklch_and_the_mismatch_is_reported():
    resolved = resolve(EXAMPLE)
    primary = next(c for c in resolved.colors if c.name == "primary")
    assert primary.hex == "#8b35a8"
    assert primary.source == "hex"
    assert primary.mismatch is not None and primary.mismatch > 0.02


def test_consistent_hex_and_oklch_report_no_mismatch():
    resolved = resolve(
        {"colors": {"primary": {"hex": "#8b35a8", "oklch": [0.5006, 0.1854, 316.36]}}}
    )
    assert resolved.colors[0].mismatch is None


@pytest.mark.parametrize(
    "value",
    ["oklch(52% 0.18 300)", "oklch(0.52 0.18 300)", "oklch(52% 45% 300deg)", ["52%", 0.18, 300]],
)
def test_oklch_forms(value):
    tokens = TokenSet.from_dict({"colors": {"primary": {"oklch": value}}})
    lightness, chroma, hue = tokens.colors["primary"].oklch
    assert lightness == pytest.approx(0.52)
    assert chroma == pytest.approx(0.18)
    assert hue == pytest.approx(300)


INJECTIONS = [
    "red; background: url(x)",
    "#fff}body{display:none",
    "a{",
    "</style><script>alert(1)</script>",
    "url(https://evil.example/x.woff)",
    "expression(alert(1))",
    "@import 'x'",
    "Inter\\3b",
    "Inter\nbody",
    "Inter /* */",
]
PLACES = [
    ("colors.primary", lambda v: {"colors": {"primary": v}}),
    ("colors.primary.hex", lambda v: {"colors": {"primary": {"hex": v}}}),
    ("colors.primary.oklch", lambda v: {"colors": {"primary": {"oklch": v}}}),
    ("colors.primary.oklch[0]", lambda v: {"colors": {"primary": {"oklch": [v, 0.1, 20]}}}),
    (
        "typography.families.sans",
        lambda v: {"colors": {"primary": "#000"}, "typography": {"families": {"sans": v}}},
    ),
    (
        "typography.families.sans[1]",
        lambda v: {
            "colors": {"primary": "#000"},
            "typography": {"families": {"sans": ["Inter", v]}},
        },
    ),
    (
        "typography.sizes.base",
        lambda v: {"colors": {"primary": "#000"}, "typography": {"sizes": {"base": v}}},
    ),
    ("radius.lg", lambda v: {"colors": {"primary": "#000"}, "radius": {"lg": v}}),
    ("spacing.unit", lambda v: {"colors": {"primary": "#000"}, "spacing": {"unit": v}}),
    ("name", lambda v: {"colors": {"primary": "#000"}, "name": v}),
    (
        "odoo.palette.o-cc1-link",
        lambda v: {"colors": {"primary": "#000"}, "odoo": {"palette": {"o-cc1-link": v}}},
    ),
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(("path", "build"), PLACES, ids=[p for p, _ in PLACES])
def test_injection_is_refused_with_the_token_path(path, build, value):
    with pytest.raises(TokenError) as caught:
        TokenSet.from_dict(build(value))
    assert str(caught.value).startswith(f"{path}:")
    assert caught.value.path == path


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (";", "';'"),
        ("}", "'}'"),
        ("{", "'{'"),
        ("</style>", "'<'"),
        ("url(", "url()"),
        ("expression(", "expression()"),
        ("@import", "@import"),
        ("\\", "CSS escape"),
        ("\n", "newline"),
    ],
)
def test_refusal_says_why(pattern, reason):
    with pytest.raises(TokenError) as caught:
        TokenSet.from_dict(
            {
                "colors": {"primary": "#000"},
                "typography": {"families": {"sans": f"Inter{pattern}x"}},
            }
        )
    assert reason in str(caught.value)


def test_oklch_component_error_names_the_index_and_range():
    with pytest.raises(TokenError) as caught:
        TokenSet.from_dict({"colors": {"primary": {"oklch": [0.5, 0.9, 300]}}})
    assert "colors.primary.oklch[1]" in str(caught.value)
    assert "chroma in 0..0.5" in str(caught.value)


def test_all_errors_are_listed():
    data = copy.deepcopy(EXAMPLE)
    data["colors"]["accent"] = "#12345"
    data["radius"]["lg"] = "12vw"
    data["typography"]["families"]["fancy"] = "Inter"
    with pytest.raises(TokenValidationError) as caught:
        TokenSet.from_dict(data)
    paths = [error.path for error in caught.value.errors]
    assert paths == ["colors.accent", "typography.families.fancy", "radius.lg"]
    assert "expected a hex colour" in str(caught.value)
    assert "px/rem/em/%" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"colors": {"accent": "#fff"}}, "colors.primary"),
        ({"colors": {"primary": "#fff", "tertiary": "#000"}}, "colors.tertiary"),
        ({"colors": {"primary": "#fff"}, "shadows": {}}, "shadows"),
        ({"colors": {"primary": {"hex": "#fff", "alpha": 1}}}, "colors.primary.alpha"),
        ({"colors": {"primary": "rgb(1, 2, 3)"}}, "colors.primary"),
        (
            {"colors": {"primary": "#fff"}, "typography": {"sizes": {"base": "-2px"}}},
            "typography.sizes.base",
        ),
        (
            {"colors": {"primary": "#fff"}, "typography": {"sizes": {"base": True}}},
            "typography.sizes.base",
        ),
        ({"colors": {"primary": "#fff"}, "spacing": {"unit": 0}}, "spacing.unit"),
        ({"colors": {"primary": "#fff"}, "name": "My Palette"}, "name"),
        (
            {"colors": {"primary": "#fff"}, "typography": {"families": {"sans": ""}}},
            "typography.families.sans",
        ),
        (
            {"colors": {"primary": "#fff"}, "typography": {"families": {"sans": "'Inter"}}},
            "typography.families.sans",
        ),
    ],
)
def test_invalid_values_name_their_path(data, path):
    with pytest.raises(TokenError) as caught:
        TokenSet.from_dict(data)
    assert caught.value.path == path


def test_size_limits():
    too_many = {
        "colors": {"primary": "#fff"},
        "odoo": {"palette": {f"k{i}": "#000000" for i in range(MAX_TOKENS + 5)}},
    }
    with pytest.raises(TokenError, match="too many tokens"):
        TokenSet.from_dict(too_many)
    with pytest.raises(TokenError, match="characters long"):
        TokenSet.from_dict({"colors": {"primary": "#" + "a" * 300}})
    nested: dict = {"colors": {"primary": "#fff"}}
    node = nested
    for _ in range(20):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(TokenError, match="nested too deeply"):
        TokenSet.from_dict(nested)


def test_load_tokens_reads_json_files(tmp_path):
    path = tmp_path / "brand.json"
    path.write_text('{"colors": {"primary": "#8b35a8"}}')
    assert load_tokens(path).colors["primary"].hex == "#8b35a8"
    path.write_text("{not json")
    with pytest.raises(TokenError, match="not JSON"):
        load_tokens(path)
    with pytest.raises(TokenError, match="cannot read"):
        load_tokens(tmp_path / "missing.json")
