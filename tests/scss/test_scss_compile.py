"""Compiling the corpus themes with Odoo's SCSS and Bootstrap 5.3.3: palettes, token overrides,
errors at their own file and line, the cache, and the worker."""

from __future__ import annotations

import asyncio
import re

import pytest

from platxa_preview.scss import (
    VARIABLES_BUNDLE,
    ScssCompiler,
    ScssError,
    build_program,
    palette_from_css,
    theme_css,
)
from platxa_preview.site import ThemeSite
from platxa_preview.tokens import TokenSet, theme_design
from tests.conftest import corpus_path
from tests.scss.conftest import CURRENT_THEMES, write_scss_theme

COLORS = [f"o-color-{n}" for n in range(1, 6)]
OVERRIDE = TokenSet.from_dict(
    {
        "name": "brand",
        "colors": {
            "primary": "#8b35a8",
            "accent": "#12ab34",
            "neutral": {"light": "#f6f1f8", "background": "#fffdf9", "dark": "#1d1020"},
        },
        "typography": {"families": {"sans": "Inter, sans-serif", "headings": "Fraunces, serif"}},
    }
)


def default_palette(theme: str) -> list[str]:
    design = theme_design(corpus_path("design-themes", theme), [corpus_path("odoo", "addons")])
    palette = design.palettes[design.default_palette_name]
    return [str(palette[name]).lower() for name in COLORS]


def declared(css: str) -> dict[str, str]:
    return {name: value.lower() for name, value in palette_from_css(css, COLORS).items()}


@pytest.mark.parametrize("theme", CURRENT_THEMES)
def test_current_theme_compiles_with_its_default_palette(theme, frontend_css):
    program, compiled = frontend_css(theme)
    assert f"/{theme}/static/src/scss/primary_variables.scss" in program.files
    css = compiled.css
    assert declared(css) == dict(zip(COLORS, default_palette(theme), strict=True))
    for index in range(1, 6):
        assert re.search(rf"\.o_cc{index}[ ,{{]", css)
    # Odoo empties Bootstrap's CSS variable prefix (html_editor: `$variable-prefix: ''`)
    assert re.search(r"\.btn-fill-primary, \.btn-primary \{\n  --btn-color: ", css)
    assert len(css) > 300_000  # Bootstrap, Odoo's reviews and html_editor's colour classes


def test_theme_bootstrap_overridden_wins_over_bootstrap_defaults(frontend_css):
    _, compiled = frontend_css("theme_clean")
    # theme_clean's bootstrap_overridden.scss: $box-shadow: 0 0 .3125rem rgba(0,0,0,.25)
    assert "--box-shadow: 0 0 0.3125rem rgba(0, 0, 0, 0.25);" in compiled.css
    assert ".monetary_field" in compiled.css  # the rule it emits


def test_token_overrides_replace_the_theme_palette(frontend_css):
    _, compiled = frontend_css("theme_clean", OVERRIDE)
    css = compiled.css.lower()
    assert declared(css) == {
        "o-color-1": "#8b35a8",
        "o-color-2": "#12ab34",
        "o-color-3": "#f6f1f8",
        "o-color-4": "#fffdf9",
        "o-color-5": "#1d1020",
    }
    for default in default_palette("theme_clean"):
        if default not in ("#ffffff",):  # white is Bootstrap's own too
            assert default not in css
    assert '"inter"' in css or "inter," in css
    assert "fraunces" in css


def test_a_broken_theme_file_reports_its_own_file_and_line(tmp_path, bootstrap_scss, compiler):
    primary = "// palette\n$o-color-palettes: map-merge($o-color-palettes, ());\n\n"
    primary += ".x {\n    color: $no-such-variable;\n}\n"
    theme = write_scss_theme(tmp_path, "theme_broken", primary)
    site = ThemeSite.load(f"{corpus_path('odoo', 'addons')},{tmp_path}", "theme_broken")
    with pytest.raises(ScssError) as raised:
        theme_css(site, bootstrap_scss=bootstrap_scss, compiler=compiler)
    error = raised.value
    assert error.file == str(theme / "static/src/scss/primary_variables.scss")
    assert (error.line, error.column) == (5, 12)
    assert error.message == 'Undefined variable: "$no-such-variable".'
    assert error.to_dict()["file"] == error.file and error.code == "scss-error"
    assert str(error).startswith(f"{error.file}:5:12: Undefined variable")


def test_an_error_after_a_libsass_miscounted_selector_keeps_its_line(tmp_path, bootstrap_scss):
    # libsass loses a line after a multi-line selector list with interpolation (utils.scss,
    # bs_mixins_overrides.scss have them): each file is its own segment, so nothing drifts
    overridden = "$box-shadow: none !default;\n\n\n.y { b: $missing; }\n"
    theme = write_scss_theme(tmp_path, "theme_late", "$a: 1;\n", overridden)
    site = ThemeSite.load(f"{corpus_path('odoo', 'addons')},{tmp_path}", "theme_late")
    with pytest.raises(ScssError) as raised:
        theme_css(site, bootstrap_scss=bootstrap_scss, compiler=ScssCompiler(worker="thread"))
    assert raised.value.file == str(theme / "static/src/scss/bootstrap_overridden.scss")
    assert raised.value.line == 4


def test_an_error_inside_bootstrap_names_bootstrap_and_the_theme_line(tmp_path, bootstrap_scss):
    # a mixin Bootstrap defines (in its include path) fails on the theme's arguments
    overridden = "\n.z { @include transition(1 2 3, $x: 1); }\n"
    theme = write_scss_theme(tmp_path, "theme_bad_call", "$a: 1;\n", overridden)
    site = ThemeSite.load(f"{corpus_path('odoo', 'addons')},{tmp_path}", "theme_bad_call")
    with pytest.raises(ScssError) as raised:
        theme_css(site, bootstrap_scss=bootstrap_scss)
    error = raised.value
    assert (error.file, error.line) == (str(bootstrap_scss / "mixins" / "_transition.scss"), 15)
    assert error.trace == ((str(theme / "static/src/scss/bootstrap_overridden.scss"), 2),)
    assert "stdin" not in str(error) and "platxa-segment" not in str(error)


def test_repeated_compile_is_a_cache_hit_and_inputs_change_the_key(
    corpus_site, bootstrap_scss, tmp_path
):
    compiler = ScssCompiler(cache_dir=tmp_path / "cache")
    site = corpus_site("theme_clean").site
    program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    first = compiler.compile(program)
    again = compiler.compile(
        build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    )
    assert (first.cached, again.cached, again.seconds) == (False, True, 0.0)
    assert again.css == first.css and again.key == first.key
    assert (compiler.hits, compiler.misses) == (1, 1)
    # a new compiler finds it on disk
    assert ScssCompiler(cache_dir=tmp_path / "cache").compile(program).cached
    # tokens and options are inputs
    with_tokens = build_program(
        site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True, tokens=OVERRIDE
    )
    assert compiler.key(with_tokens) != first.key
    assert ScssCompiler(output_style="compressed").key(program) != first.key


def test_include_path_contents_are_part_of_the_key(bootstrap_scss, corpus_site, tmp_path):
    import shutil

    copy = tmp_path / "scss"
    shutil.copytree(bootstrap_scss, copy)
    site = corpus_site("theme_clean").site
    program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=copy, probe=True)
    compiler = ScssCompiler()
    before = compiler.key(program)
    (copy / "_root.scss").write_text("// changed\n", encoding="utf-8")
    assert compiler.key(program) != before


def test_variables_only_compile_prints_the_palette(corpus_site, bootstrap_scss, compiler):
    site = corpus_site("theme_clean").site
    program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    css = compiler.compile(program).css
    found = palette_from_css(css)
    assert [found[name] for name in COLORS] == default_palette("theme_clean")
    assert (found["menu"], found["footer"]) == ("2", "2")
    assert found["headings-font"].startswith('"Dosis"')
    assert len(css) < 20_000


def test_async_compile_leaves_the_event_loop_free(corpus_site, bootstrap_scss, frontend_css):
    compiler = ScssCompiler()
    tokens = TokenSet.from_dict({"colors": {"primary": "#0a7e8c"}})
    program = build_program(corpus_site("theme_cobalt").site, bootstrap_scss=bootstrap_scss,
                            tokens=tokens)  # fmt: skip
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def run():
        task = asyncio.create_task(ticker())
        compiled = await compiler.compile_async(program)
        again = await compiler.compile_async(program)
        task.cancel()
        return compiled, again

    try:
        compiled, again = asyncio.run(run())
    finally:
        compiler.close()
    assert compiled.seconds > 0.2 and again.cached
    assert ticks >= compiled.seconds / 0.01 * 0.5  # the loop kept running during the compile
    assert palette_from_css(compiled.css, ["o-color-1"]) == {"o-color-1": "#0a7e8c"}


def test_thread_worker_gives_the_same_css(corpus_site, bootstrap_scss):
    site = corpus_site("theme_zenith").site
    program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    thread = ScssCompiler(worker="thread")
    css = asyncio.run(thread.compile_async(program)).css
    thread.close()
    assert css == ScssCompiler().compile(program).css


def test_px_radii_compile_through_odoo_scss(corpus_site, bootstrap_scss, compiler):
    """Odoo compares input radii with rem values; px tokens must not break the compile."""
    from platxa_preview.scss import theme_css
    from platxa_preview.tokens import load_tokens

    tokens = load_tokens(
        {
            "colors": {"primary": "#336699"},
            "radius": {"input": "2px", "button": "12px", "base": "8px"},
        }
    )
    result = theme_css(
        corpus_site("theme_clean"), tokens=tokens, bootstrap_scss=bootstrap_scss, compiler=compiler
    )
    assert result.layer == "odoo"
    assert "0.75rem" in result.css  # the 12px button radius
