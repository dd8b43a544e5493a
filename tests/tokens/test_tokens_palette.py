"""Tokens ⇄ Odoo palettes: SCSS map reader, corpus themes, colour system, round trips."""

from __future__ import annotations

import pytest

from platxa_preview.tokens import (
    TokenSet,
    read_scss_variables,
    read_theme_design,
    resolve_color_system,
    theme_design,
    to_primary_variables_scss,
    tokens_to_odoo,
)
from platxa_preview.tokens.color import rgb_to_hex
from platxa_preview.tokens.scss_map import ScssColor, ScssIdent, ScssList, ScssNumber, ScssUnknown
from tests.conftest import corpus_path

# theme → (default palette, o-color-1..5, base font, headings font)
THEMES = {
    "theme_bewise": (
        "bewise-1",
        ["#162238", "#b4904f", "#f0f4f4", "#ffffff", "#222222"],
        "Darker Grotesque",
        "Raleway",
    ),
    "theme_brutalist": (
        "brutalist",
        ["#000000", "#ffff01", "#fdfcfc", "#f3f1ed", "#000000"],
        "Inter Tight",
        "Instrument Serif",
    ),
    "theme_clean": (
        "clean-1",
        ["#3498db", "#34495e", "#e5edf2", "#ffffff", "#333333"],
        "PT Sans",
        "Dosis",
    ),
    "theme_cobalt": (
        "cobalt-1",
        ["#116466", "#2b3737", "#f6f4f2", "#ffffff", "#a9bcbc"],
        "Inter",
        "Inter",
    ),
    "theme_treehouse": (
        "default-28",
        ["#00203f", "#adefd1", "#f0f3f5", "#ffffff", "#14212e"],
        "Poppins",
        None,
    ),
    "theme_zenith": (
        "zenith",
        ["#c8a8e8", "#f5d0c8", "#faf8fd", "#ffffff", "#2d1a3a"],
        "DM Sans",
        "Anton",
    ),
}
SLOTS = ["primary", "accent", "neutral.light", "neutral.background", "neutral.dark"]


def test_reader_handles_comments_nested_maps_quotes_null_numbers():
    source = """
    // a comment with a 'quote' and (parens
    /* block
       comment ; { */
    $o-color-palettes: () !default;
    $o-color-palettes: map-merge($o-color-palettes, (
        'one': (
            'o-color-1': #ABC,   // trailing comment
            o-color-2: #123456,
            "o-color-3": null,
            'menu': 2,
            'size': (20 / 16) * 1rem,
            'family': ('PT Sans', sans-serif),
            'url': 'https://x.example/a;b',
            'shape': o-unknown-function(1, (2: 3)),
        ),
    ));
    $o-color-palettes: map-merge($o-color-palettes, ('two': map-get($o-color-palettes, 'one')));
    $names: append($names, 'one');
    $flag: true !default;
    $flag: false !default;
    @if $flag { $o-color-palettes: (); }
    .rule { color: red; }
    $after: .5rem;
    """
    variables = read_scss_variables(source)
    one = variables["o-color-palettes"]["one"]
    assert one["o-color-1"] == ScssColor("#aabbcc")
    assert one["o-color-2"] == ScssColor("#123456")
    assert one["o-color-3"] is None
    assert one["menu"] == ScssNumber(2)
    assert one["size"] == ScssNumber(1.25, "rem")
    assert one["family"] == ScssList(["PT Sans", ScssIdent("sans-serif")])
    assert one["url"] == "https://x.example/a;b"
    assert isinstance(one["shape"], ScssUnknown)
    assert variables["o-color-palettes"]["two"] == one
    assert list(variables["names"]) == ["one"]
    assert variables["flag"] is True
    assert variables["after"] == ScssNumber(0.5, "rem")


def test_reader_keeps_going_after_an_expression_it_does_not_understand():
    variables = read_scss_variables("$a: var(--x, #{$b}) !default;\n$c: #fff;")
    assert isinstance(variables["a"], ScssUnknown)
    assert variables["c"] == ScssColor("#ffffff")


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_corpus_theme_palette_becomes_tokens(theme):
    addons = corpus_path("odoo", "addons")
    design = theme_design(corpus_path("design-themes", theme), [addons])
    name, colours, font, headings = THEMES[theme]
    assert design.default_palette_name == name
    tokens = design.palette_tokens()
    assert tokens.name == name
    assert [tokens.colors[slot].hex for slot in SLOTS] == colours
    assert tokens.families["sans"][0] == font
    if headings:
        assert tokens.families["headings"][0] == headings
    assert tokens.to_css()  # every corpus palette renders


def test_theme_files_alone_declare_their_own_palettes_and_fonts():
    for theme in THEMES:
        design = read_theme_design(
            corpus_path("design-themes", theme, "static/src/scss/primary_variables.scss")
        )
        assert design.font_configs, theme
        assert design.website_values.get("color-palettes-name"), theme
    clean = read_theme_design(
        corpus_path("design-themes", "theme_clean", "static/src/scss/primary_variables.scss")
    )
    assert clean.theme_color_palettes["clean-3"]["beta"] == ScssColor("#e67e22")
    assert clean.heading_multipliers["h1"] == pytest.approx(41 / 16)
    zenith = read_theme_design(
        corpus_path("design-themes", "theme_zenith", "static/src/scss/primary_variables.scss")
    )
    assert sorted(zenith.palettes) == ["zenith", "zenith-2", "zenith-3", "zenith-4"]
    assert zenith.palettes["zenith-2"]["footer"] == ScssNumber(2)
    brutalist = read_theme_design(
        corpus_path("design-themes", "theme_brutalist", "static/src/scss/primary_variables.scss")
    )
    assert brutalist.palettes["brutalist-3"]["footer"] == ScssNumber(1)  # map-get + map-merge


def test_any_declared_palette_can_be_chosen():
    design = theme_design(
        corpus_path("design-themes", "theme_clean"), [corpus_path("odoo", "addons")]
    )
    tokens = design.palette_tokens("clean-2")
    assert tokens.colors["primary"].hex == "#7a58b2"
    assert tokens.odoo_palette["o-cc5-link"] == "#b9a1df"
    assert tokens.odoo_palette["o-cc1-headings"] == "o-color-5"
    with pytest.raises(KeyError, match="no palette"):
        design.palette_tokens("nope")


def hexes(system, attribute):
    return [rgb_to_hex(getattr(cc, attribute)) for cc in system.combinations]


def test_clean_1_combinations_match_the_compiled_odoo_css():
    """The values odoo-scss.md reports from compiling theme_clean's clean-1 with libsass."""
    palette = {
        "o-color-1": "#3498db", "o-color-2": "#34495e", "o-color-3": "#e5edf2",
        "o-color-4": "#ffffff", "o-color-5": "#333333", "menu": 2, "footer": 2, "copyright": 2,
    }  # fmt: skip
    system = resolve_color_system(palette)
    assert hexes(system, "bg") == ["#ffffff", "#e5edf2", "#34495e", "#3498db", "#333333"]
    assert hexes(system, "text")[0] == "#212529"
    assert hexes(system, "text")[2:] == ["#ffffff", "#ffffff", "#ffffff"]
    assert hexes(system, "headings")[1] == "#333333"
    assert hexes(system, "link") == ["#195d8b", "#16527a", "#a0cfee", "#000000", "#a0cfee"]
    assert (
        hexes(system, "btn_primary")[0] == "#3498db"
        and hexes(system, "btn_primary")[3] == "#333333"
    )
    assert (
        hexes(system, "btn_secondary")[0] == "#34495e"
        and hexes(system, "btn_secondary")[2] == "#e5edf2"
    )
    assert system.layout == {"menu": 2, "footer": 2, "copyright": 2}


def test_tokens_map_to_odoo_slots_and_fonts():
    tokens = TokenSet.from_dict(
        {
            "name": "brand",
            "colors": {
                "primary": "#8b35a8", "accent": "#f0a500",
                "neutral": {"light": "#f6f1f8", "background": "#fffdfa", "dark": "#1d1020"},
                "gray": {"900": "#1a1a1a"}, "success": "#2e7d32",
            },
            "typography": {"families": {"sans": "Inter, sans-serif",
                                        "headings": "'DM Serif Display', serif"},
                           "sizes": {"base": "16px", "h1": "48px"}},
            "radius": {"base": "8px", "button": "999px"},
            "spacing": {"unit": 4},
        }
    )  # fmt: skip
    design = tokens_to_odoo(tokens)
    assert [design.palette[f"o-color-{i}"] for i in range(1, 6)] == [
        "#8b35a8", "#f0a500", "#f6f1f8", "#fffdfa", "#1d1020",
    ]  # fmt: skip
    assert design.grays == {"900": "#1a1a1a"}
    assert design.theme_colors == {"success": "#2e7d32"}
    assert design.website_values["font"] == "Inter"
    assert design.website_values["headings-font"] == "DM Serif Display"
    # px radii are written in rem: Odoo's SCSS compares them with rem values
    assert design.website_values["btn-border-radius"] == "62.4375rem"
    assert design.heading_multipliers == {"h1": 3}
    assert design.bootstrap["border-radius"] == "0.5rem"
    assert design.bootstrap["spacer"] == "0.5rem"
    assert (
        design.font_configs["DM Serif Display"].url == "DM+Serif+Display:300,300i,400,400i,700,700i"
    )


def test_primary_only_derives_the_palette_like_o_make_palette():
    design = tokens_to_odoo(
        TokenSet.from_dict({"colors": {"primary": "#00203f", "accent": "#adefd1"}})
    )
    assert design.palette["o-color-3"] == "#f0f3f5"
    assert design.palette["o-color-5"] == "#14212e"
    assert design.palette["o-cc4-text"] == "o-color-3"  # dark primary: cc4/cc5 switch to light text


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_round_trip_tokens_scss_tokens(theme):
    design = theme_design(corpus_path("design-themes", theme), [corpus_path("odoo", "addons")])
    tokens = design.palette_tokens()
    scss = to_primary_variables_scss(tokens)
    back = read_theme_design(scss).palette_tokens()
    assert {k: v.hex for k, v in back.colors.items()} == {
        k: v.hex for k, v in tokens.colors.items()
    }
    assert back.families["sans"] == tokens.families["sans"]
    assert tokens_to_odoo(back).palette == tokens_to_odoo(tokens).palette
    assert back.to_css() == tokens.to_css()


def test_round_trip_of_oklch_tokens_keeps_the_shown_colours():
    tokens = TokenSet.from_dict(
        {"name": "wide",
         "colors": {"primary": "oklch(70% 0.35 150)", "accent": {"oklch": [0.6, 0.2, 30]}},
         "typography": {"families": {"sans": "Inter, sans-serif"},
                        "sizes": {"base": "1rem", "h1": "3.5rem"}}}
    )  # fmt: skip
    scss = to_primary_variables_scss(tokens)
    assert "'color-palettes-name': 'wide'" in scss
    assert "$o-theme-h1-font-size-multiplier: 3.5;" in scss
    back = read_theme_design(scss).palette_tokens()
    assert tokens_to_odoo(back).palette == tokens_to_odoo(tokens).palette
    assert back.sizes["h1"] == "3.5rem"


def test_exported_scss_compiles_with_libsass():
    import sass  # libsass is a dependency of the package

    tokens = TokenSet.from_dict(
        {
            "colors": {"primary": "#8b35a8"},
            "typography": {"families": {"sans": "Inter, sans-serif"}},
        }
    )
    prelude = (
        "$o-color-palettes: (); $o-selected-color-palettes-names: (); $o-gray-color-palettes: ();\n"
    )
    probe = "\n.probe { c: map-get(map-get($o-color-palettes, 'platxa'), 'o-color-1'); }"
    css = sass.compile(string=prelude + to_primary_variables_scss(tokens) + probe)
    assert "c: #8b35a8" in css
