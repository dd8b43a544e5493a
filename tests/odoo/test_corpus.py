"""The six design themes of the shared corpus, loaded with the partial Odoo tree beside them."""

from __future__ import annotations

import time

import pytest

from platxa_preview.odoo import load_site
from tests.conftest import corpus_path
from tests.odoo.modules import line_of

THEMES = [
    "theme_bewise",
    "theme_brutalist",
    "theme_clean",
    "theme_cobalt",
    "theme_treehouse",
    "theme_zenith",
]
MISSING_FILES = {
    "theme_clean": [
        "views/snippets/s_cta_card.xml",
        "views/snippets/s_accordion_image.xml",
        "views/snippets/s_company_team.xml",
    ],
    "theme_treehouse": [
        "views/snippets/s_image_title.xml",
        "views/snippets/s_key_images.xml",
        "views/snippets/s_quadrant.xml",
        "views/snippets/s_unveil.xml",
        "views/snippets/s_striped_center_top.xml",
    ],
}
MISSING_DEPENDENCIES = {
    "theme_bewise": ["theme_common", "website_animate"],
    "theme_treehouse": ["theme_common"],
}
_cache: dict = {}


def load(theme: str):
    if theme not in _cache:
        addons = [corpus_path("design-themes"), corpus_path("odoo", "addons")]
        _cache[theme] = load_site(addons, [theme])
    return _cache[theme]


@pytest.mark.parametrize("theme", THEMES)
def test_theme_loads_after_website_and_its_dependencies(theme):
    site = load(theme)
    names = [m.name for m in site.modules]
    assert names[-1] == theme
    assert names.index("web") < names.index("website") < names.index(theme)
    assert site.theme is site.modules[-1]
    assert site.module(theme).view_files  # its views are in the engine
    assert all(key in site.engine for key in site.module(theme).views)


@pytest.mark.parametrize("theme", THEMES)
def test_only_the_theme_has_errors_and_they_are_the_known_ones(theme):
    site = load(theme)
    errors = site.diagnostics.errors
    assert {d.module for d in errors} <= {theme}
    manifest = corpus_path("design-themes", theme, "__manifest__.py")
    missing_files = [d for d in errors if d.code == "missing-data-file"]
    expected = MISSING_FILES.get(theme, [])
    assert [d.line for d in missing_files] == [line_of(manifest, f"'{f}'") for f in expected]
    assert all(d.file == str(manifest) for d in missing_files)
    assert sorted(site.module(theme).missing_data_files) == sorted(expected)
    missing_deps = [d for d in errors if d.code == "missing-dependency"]
    assert [d.message.split("'")[3] for d in missing_deps] == MISSING_DEPENDENCIES.get(theme, [])
    assert all(d.line == line_of(manifest, "'depends'") for d in missing_deps)
    assert {d.code for d in errors} <= {"missing-data-file", "missing-dependency"}


def test_partial_odoo_tree_gives_warnings_only():
    site = load("theme_zenith")
    website = site.module("website")
    assert not website.is_complete
    assert "views/website_views.xml" in website.missing_data_files
    below = [d for d in site.diagnostics if d.module != "theme_zenith"]
    assert below and {d.severity for d in below} == {"warning"}
    assert {"missing-data-file", "missing-dependency"} <= {d.code for d in below}


@pytest.mark.parametrize("theme", ["theme_zenith", "theme_brutalist", "theme_clean"])
def test_configurator_views_exist_and_theme_customizations_inherit_them(theme):
    site = load(theme)
    views = site.engine.views
    homepage = site.module(theme).manifest.homepage_snippets
    assert homepage
    for snippet in homepage:
        if f"website.{snippet}" not in views:
            continue  # not in the partial tree (reported as unknown-snippet)
        generic = views.get(f"website.configurator_{snippet}")
        assert (generic.mode, generic.inherit_id) == ("primary", f"website.{snippet}")
        page = views.get(f"website.configurator_homepage_{snippet}")
        assert (page.mode, page.inherit_id) == ("primary", f"website.configurator_{snippet}")


def test_zenith_homepage_customization_is_a_child_of_the_configurator_view():
    site = load("theme_zenith")
    views = site.engine.views
    child = views.get("theme_zenith.configurator_s_freegrid")
    assert child.inherit_id == "website.configurator_s_freegrid"
    assert child.file.endswith("views/homepage_customizations.xml")
    assert views.get("website.configurator_s_freegrid").mode == "primary"
    keys = views.keys()
    children = [
        key for key in keys if views.get(key).inherit_id == "website.configurator_s_freegrid"
    ]
    assert "theme_zenith.configurator_s_freegrid" in children
    assert "website.configurator_homepage_s_freegrid" in children


def test_treehouse_new_page_templates_are_generated_for_its_customizations():
    site = load("theme_treehouse")
    views = site.engine.views
    sections = views.get("website.new_page_template_sections_about_personal")
    assert sections is not None and sections.mode == "primary"
    assert views.get("theme_treehouse.new_page_template_sections_about_personal").inherit_id == (
        "website.new_page_template_sections_about_personal"
    )
    # the theme's manifest adds s_call_to_action to the about/personal template
    assert "website.new_page_template_about_personal_s_call_to_action" in views


def test_snippets_newer_than_the_website_manifest_are_loaded():
    site = load("theme_brutalist")
    assert "website.s_awards_list" in site.engine
    assert "website.configurator_homepage_s_awards_list" in site.engine
    assert any(p.name == "s_awards_list.xml" for p in site.module("website").unlisted_files)


def test_theme_assets_join_odoo_bundles():
    site = load("theme_brutalist")
    primary = site.assets.files("web._assets_primary_variables")
    assert primary[-1].url == "/theme_brutalist/static/src/scss/primary_variables.scss"
    assert primary[-1].path.is_file()
    assert primary[0].url == "/web/static/src/scss/primary_variables.scss"
    helpers = site.assets.files("web._assets_frontend_helpers")
    assert helpers[0].url == "/theme_brutalist/static/src/scss/bootstrap_overridden.scss"
    treehouse = load("theme_treehouse")
    frontend = [f.url for f in treehouse.assets.files("web.assets_frontend")]
    assert not any("old_snippets" in url for url in frontend)  # active="False"


def test_theme_images_pages_and_menus():
    site = load("theme_zenith")
    image = site.attachment("website.set_1_landscape_md_2")
    assert image.xml_id == "theme_zenith.set_1_landscape_md_2"
    assert image.url == "/theme_zenith/static/src/img/configurator/set_1_landscape_md_2.webp"
    assert image.path is None  # images are not in the corpus
    assert site.page("/").view_key == "website.homepage"
    assert site.page("/contactus-thank-you").view_key in site.engine
    home = next(m for m in site.menus if m.xml_id == "website.menu_home")
    assert (home.url, home.parent) == ("/", "website.main_menu")


def test_manifest_keys_are_exposed():
    clean = load("theme_clean").module("theme_clean")
    assert clean.is_theme
    assert clean.manifest.images_preview_theme["website.s_banner_default_image"].endswith(".webp")
    assert "website_sale.s_dynamic_snippet_category_list" in clean.manifest.theme_customizations
    cobalt = load("theme_cobalt").module("theme_cobalt")
    assert cobalt.manifest.homepage_snippets[0] == "s_banner"  # from `snippet_lists`


def test_loading_a_theme_is_fast():
    addons = [corpus_path("design-themes"), corpus_path("odoo", "addons")]
    load_site(addons, ["theme_zenith"])  # warm the file system cache
    start = time.perf_counter()
    load_site(addons, ["theme_zenith"])
    assert time.perf_counter() - start < 0.25  # parse + register; the budget for all is 0.5 s
