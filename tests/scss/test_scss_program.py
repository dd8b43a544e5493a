"""The SCSS program: Odoo's bundle order, Bootstrap's files, Odoo's preprocessing, token hooks."""

from __future__ import annotations

from pathlib import Path

from platxa_preview.odoo import load_site
from platxa_preview.scss import (
    FRONTEND_BUNDLE,
    VARIABLES_BUNDLE,
    build_program,
    has_odoo_scss,
    user_customizations,
)
from platxa_preview.scss.program import TOKENS_SOURCE, USER_COLOR_PALETTE, USER_VALUES, customize
from platxa_preview.tokens import TokenSet
from tests.conftest import corpus_path
from tests.scss.conftest import write_scss_theme

TOKENS = TokenSet.from_dict({"colors": {"primary": "#8b35a8", "accent": "#12ab34"}})


def names(program) -> list[str]:
    return [segment.name for segment in program.segments]


def test_frontend_program_follows_odoo_bundle_order(corpus_site, bootstrap_scss):
    program = build_program(corpus_site("theme_clean").site, bootstrap_scss=bootstrap_scss)
    order = names(program)
    expected = [
        "/web/static/lib/bootstrap/scss/_functions.scss",  # helpers
        "/web/static/src/scss/utils.scss",
        "/web/static/src/scss/primary_variables.scss",  # primary variables, in module order
        "/html_editor/static/src/scss/html_editor.variables.scss",
        "/html_builder/static/src/scss/builder.variables.scss",
        "/website/static/src/scss/primary_variables.scss",
        "/website/static/src/scss/options/colors/user_color_palette.scss",
        "/theme_clean/static/src/scss/primary_variables.scss",  # ir.asset: after the manifests
        "/website/static/src/scss/secondary_variables.scss",  # prepended to the secondary ones
        "/web/static/src/scss/secondary_variables.scss",
        "/html_editor/static/src/scss/secondary_variables.scss",
        "/theme_clean/static/src/scss/bootstrap_overridden.scss",  # prepended last: first
        "/website/static/src/scss/bootstrap_overridden.scss",
        "/web/static/src/scss/bootstrap_overridden_frontend.scss",
        "/web/static/src/scss/pre_variables.scss",
        "/web/static/lib/bootstrap/scss/_variables.scss",
        "/web/static/src/scss/import_bootstrap.scss",
        "/web/static/src/scss/utilities_custom.scss",
        "/html_builder/static/src/scss/utilities_custom.scss",  # ('after', utilities_custom)
        "/web/static/lib/bootstrap/scss/utilities/_api.scss",
        "/web/static/src/scss/bootstrap_review_frontend.scss",
        "/html_editor/static/src/scss/html_editor.common.scss",
    ]
    assert [name for name in order if name in expected] == expected
    # Bootstrap's files come from the Bootstrap folder when the tree lacks them
    functions = program.segments[order.index(expected[0])]
    assert functions.path == Path(bootstrap_scss) / "_functions.scss"
    assert program.include_paths == (str(bootstrap_scss),)
    # the partial corpus lacks website.scss and the component files: said once
    assert "/website/static/src/scss/website.scss" in program.missing
    assert [d.code for d in program.problems if d.code == "missing-asset-file"] == [
        "missing-asset-file"
    ]


def test_old_era_theme_scss_is_not_in_the_bundle(corpus_site, bootstrap_scss):
    program = build_program(corpus_site("theme_bewise").site, bootstrap_scss=bootstrap_scss)
    assert not [name for name in names(program) if "theme_bewise" in name]


def test_variables_bundle_is_helpers_and_variables_only(corpus_site, bootstrap_scss):
    site = corpus_site("theme_clean").site
    program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss, probe=True)
    order = names(program)
    assert order[-2:] == [
        "/html_editor/static/src/scss/secondary_variables.scss",
        "<platxa-preview palette probe>",
    ]
    assert not any("bootstrap_overridden" in name for name in order)


def test_odoo_scss_is_detected_on_the_addons_path(corpus_site, tmp_path):
    assert has_odoo_scss(corpus_site("theme_clean").site)
    write_scss_theme(tmp_path, "theme_x", "$a: 1;\n")
    assert not has_odoo_scss(load_site(tmp_path, ["theme_x"]))


def test_version_gaps_of_the_corpus_are_bridged_where_needed(corpus_site, bootstrap_scss):
    program = build_program(corpus_site("theme_zenith").site, bootstrap_scss=bootstrap_scss)
    gaps = program.problems.with_code("scss-version-gap")
    secondary = corpus_path("odoo", "addons", "website", "static", "src", "scss")
    assert [(d.file, d.line) for d in gaps] == [
        (str(secondary / "secondary_variables.scss"), 57),  # o-map-force-nulls (renamed in 19)
        (str(secondary / "bootstrap_overridden.scss"), 149),  # $o-theme-h2-font and siblings
    ]
    order = names(program)
    bridges = [i for i, name in enumerate(order) if name == "<platxa-preview compatibility>"]
    assert order[bridges[0] + 1] == "/website/static/src/scss/secondary_variables.scss"
    assert order[bridges[1] - 1] == "/website/static/src/scss/secondary_variables.scss"


def test_a_consistent_tree_needs_no_bridge(tmp_path):
    web = tmp_path / "web"
    (web / "static/src/scss").mkdir(parents=True)
    (web / "__manifest__.py").write_text(
        "{'name': 'web', 'assets': {'web.assets_frontend': ['web/static/src/scss/a.scss']}}"
    )
    (web / "static/src/scss/a.scss").write_text("@function o-map-force-nulls($m) { @return $m; }\n"
                                                "$x: o-map-force-nulls(());\n")  # fmt: skip
    program = build_program(load_site(tmp_path, ["web"]), FRONTEND_BUNDLE)
    assert names(program) == ["/web/static/src/scss/a.scss"]
    assert not program.problems


def test_relative_urls_and_imports_are_preprocessed_as_odoo_does(tmp_path):
    web = tmp_path / "web"
    (web / "static/src/scss").mkdir(parents=True)
    (web / "__manifest__.py").write_text(
        "{'name': 'web', 'assets': {'web.assets_frontend': ['web/static/src/scss/*.scss']}}"
    )
    (web / "static/src/scss/a.scss").write_text(
        '.a { background: url("../img/a.png"); }\n'
        ".b { background: url(/web/static/b.png), url(data:image/png;base64,AA); }\n"
        '@import "mixins";\n@import "mixins";\n@import "../secret";\n@import "x.css";\n'
    )
    program = build_program(load_site(tmp_path, ["web"]), FRONTEND_BUNDLE)
    lines = program.segments[0].text.splitlines()
    assert lines[0] == '.a { background: url("/web/static/src/scss/../img/a.png"); }'
    assert lines[1] == ".b { background: url(/web/static/b.png), url(data:image/png;base64,AA); }"
    assert lines[2:] == ['@import "mixins";', "", "", ""]  # a repeat and local imports dropped
    refused = program.problems.with_code("scss-error")
    assert [(d.line, d.message.split("'")[1]) for d in refused] == [(5, "../secret"), (6, "x.css")]


def test_customize_writes_above_the_hook_or_replaces_a_key():
    text = "$m: map-merge($m, o-map-omit((\n    'a': 1,\n    // -- hook --\n)));\n"
    changed = customize(text, {"a": "2", "b": "'x'"})
    assert changed == (
        "$m: map-merge($m, o-map-omit((\n    'a': 2,\n    'b': 'x',\n    // -- hook --\n)));\n"
    )


def test_tokens_go_into_the_user_hooks_and_keep_line_numbers(corpus_site, bootstrap_scss):
    program = build_program(
        corpus_site("theme_clean").site, bootstrap_scss=bootstrap_scss, tokens=TOKENS
    )
    values = user_customizations(TOKENS)
    assert values[USER_VALUES]["color-palettes-name"] == "'platxa'"
    assert values[USER_COLOR_PALETTE]["o-color-1"] == "#8b35a8"
    index = names(program).index(USER_COLOR_PALETTE)
    palette = program.segments[index]
    assert "    'o-color-2': #12ab34,\n" in palette.text
    assert palette.text.endswith(",\n    // -- hook --\n)));\n")
    first, count = palette.insertion
    assert program.locate(index, first) == (TOKENS_SOURCE, 1)
    hook_file = corpus_path("odoo", "addons", *USER_COLOR_PALETTE.split("/")[1:])
    assert program.locate(index, first + count) == (str(hook_file), first)  # the hook line
    # what has no hook follows the theme's primary variables
    after_theme = names(program).index("/theme_clean/static/src/scss/primary_variables.scss") + 1
    assert program.segments[after_theme].name == TOKENS_SOURCE
