"""Loading small modules written by the tests: order, data files, records and diagnostics."""

from __future__ import annotations

import pytest

import qweb
from platxa_preview.diagnostics import Diagnostics
from platxa_preview.odoo import AddonsPath, load_site
from tests.odoo.modules import line_of, write_module

SNIPPET = """
<odoo>
    <template id="s_banner" name="Banner">
        <section class="s_banner"><h1>Banner</h1></section>
    </template>
    <template id="s_cover" name="Cover">
        <section class="s_cover"><h1>Cover</h1></section>
    </template>
</odoo>
"""


def codes(site, severity=None):
    return [(d.code, d.module) for d in site.diagnostics if severity in (None, d.severity)]


# ---- addons path and order ---------------------------------------------------------------


def test_addons_path_accepts_comma_separated_folders(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_module(first, "mod_a", {"name": "A"})
    write_module(second, "mod_b", {"name": "B", "depends": ["mod_a"]})
    site = load_site(f"{first}, {second}", ["mod_b"])
    assert [m.name for m in site.modules] == ["mod_a", "mod_b"]
    assert site.module("mod_b").path == second / "mod_b"
    assert AddonsPath([str(first), second]).folders == [first, second]


def test_first_folder_of_the_addons_path_wins(tmp_path):
    write_module(tmp_path / "a", "mod", {"name": "First"})
    write_module(tmp_path / "b", "mod", {"name": "Second"})
    site = load_site([tmp_path / "a", tmp_path / "b"], ["mod"])
    assert site.module("mod").manifest.name == "First"


def test_dependencies_load_first_then_by_depth_and_name(tmp_path):
    write_module(tmp_path, "zeta", {"name": "Z"})
    write_module(tmp_path, "alpha", {"name": "A"})
    write_module(tmp_path, "middle", {"name": "M", "depends": ["zeta"]})
    write_module(tmp_path, "top", {"name": "T", "depends": ["middle", "alpha"]})
    site = load_site(tmp_path, ["top"])
    # depth 0: alpha, zeta (by name); depth 1: middle; depth 2: top (as Odoo's module graph)
    assert [(m.name, m.depth) for m in site.modules] == [
        ("alpha", 0),
        ("zeta", 0),
        ("middle", 1),
        ("top", 2),
    ]


def test_a_module_can_be_given_as_a_folder_path(tmp_path):
    folder = write_module(tmp_path / "elsewhere", "theme_path", {"name": "T"})
    site = load_site([], [str(folder)])
    assert site.requested == ["theme_path"]
    assert site.modules[0].path == folder


def test_unknown_module_names_the_addons_path(tmp_path):
    site = load_site([tmp_path / "nowhere"], ["ghost"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code, diagnostic.module) == (
        "error",
        "unknown-module",
        "ghost",
    )
    assert str(tmp_path / "nowhere") in diagnostic.message
    assert site.modules == []


def test_dependency_cycle_is_reported_and_both_modules_load(tmp_path):
    write_module(tmp_path, "one", {"name": "1", "depends": ["two"]})
    write_module(tmp_path, "two", {"name": "2", "depends": ["one"]})
    site = load_site(tmp_path, ["one"])
    assert {m.name for m in site.modules} == {"one", "two"}
    assert any("dependency cycle" in d.message for d in site.diagnostics)


# ---- missing dependencies and files -------------------------------------------------------


def test_missing_dependency_is_an_error_in_the_checked_module_a_warning_below(tmp_path):
    write_module(tmp_path, "lib", {"name": "L", "depends": ["base"]})
    theme = write_module(tmp_path, "theme_x", {"name": "T", "depends": ["lib", "theme_common"]})
    site = load_site(tmp_path, ["theme_x"])
    assert [(d.severity, d.code, d.module) for d in site.diagnostics] == [
        ("warning", "missing-dependency", "lib"),
        ("error", "missing-dependency", "theme_x"),
    ]
    error = site.diagnostics.errors[0]
    assert error.file == str(theme / "__manifest__.py")
    assert error.line == line_of(theme / "__manifest__.py", "theme_common")
    assert "theme_common" in error.message
    assert site.module("theme_x").missing_dependencies == ["theme_common"]
    assert [m.name for m in site.modules] == ["lib", "theme_x"]  # loading goes on


def test_missing_data_file_points_at_the_manifest_line_and_loading_goes_on(tmp_path):
    module = write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "data": ["views/missing.xml", "views/present.xml"]},
        {"views/present.xml": SNIPPET},
    )
    site = load_site(tmp_path, ["theme_x"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("error", "missing-data-file")
    assert diagnostic.file == str(module / "__manifest__.py")
    assert diagnostic.line == line_of(module / "__manifest__.py", "views/missing.xml")
    assert "theme_x.s_banner" in site.engine
    assert site.module("theme_x").missing_data_files == ["views/missing.xml"]
    assert site.module("theme_x").view_files == [module / "views/present.xml"]


def test_missing_files_of_a_dependency_are_warnings(tmp_path):
    write_module(tmp_path, "website", {"name": "W", "data": ["views/gone.xml"]})
    write_module(tmp_path, "theme_x", {"name": "T", "depends": ["website"]})
    site = load_site(tmp_path, ["theme_x"])
    assert [(d.severity, d.code) for d in site.diagnostics] == [("warning", "missing-data-file")]
    assert not site.module("website").is_complete


def test_demo_data_is_not_loaded(tmp_path):
    write_module(
        tmp_path, "mod", {"name": "M", "demo": ["demo/demo.xml"]}, {"demo/demo.xml": SNIPPET}
    )
    site = load_site(tmp_path, ["mod"])
    assert "mod.s_banner" not in site.engine
    assert not site.diagnostics


# ---- XML data files -------------------------------------------------------------------------


def test_xml_syntax_error_is_located_and_the_next_file_loads(tmp_path):
    module = write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "data": ["views/broken.xml", "views/good.xml"]},
        {
            "views/broken.xml": '<odoo>\n<template id="a">\n  <div>\n</template>\n</odoo>\n',
            "views/good.xml": SNIPPET,
        },
    )
    site = load_site(tmp_path, ["theme_x"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("error", "xml-syntax")
    assert diagnostic.file == str(module / "views/broken.xml")
    assert diagnostic.line == 4
    assert "theme_x.s_cover" in site.engine


def test_a_broken_record_does_not_hide_the_rest_of_its_file(tmp_path):
    module = write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "data": ["views/views.xml"]},
        {
            "views/views.xml": """
                <odoo>
                    <template id="first"><p>1</p></template>
                    <template id="bad" priority="high"><p>2</p></template>
                    <template id="third"><p>3</p></template>
                </odoo>
            """
        },
    )
    site = load_site(tmp_path, ["theme_x"])
    assert "theme_x.first" in site.engine
    assert "theme_x.third" in site.engine
    (diagnostic,) = site.diagnostics
    assert diagnostic.severity == "error"
    assert diagnostic.file == str(module / "views/views.xml")
    assert diagnostic.line == 3
    assert "priority" in diagnostic.message


def test_wrong_root_element_is_reported(tmp_path):
    write_module(
        tmp_path,
        "mod",
        {"name": "M", "data": ["views/t.xml"]},
        {"views/t.xml": '<templates><t t-name="x"/></templates>'},
    )
    site = load_site(tmp_path, ["mod"])
    assert codes(site, "error") == [("xml-syntax", "mod")]
    assert "<odoo>" in site.diagnostics[0].message


def test_duplicate_id_in_one_module_is_an_error(tmp_path):
    module = write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "data": ["views/a.xml", "views/b.xml"]},
        {
            "views/a.xml": '<odoo>\n<template id="s_x"><p>a</p></template>\n</odoo>',
            "views/b.xml": '<odoo>\n\n<template id="theme_x.s_x"><p>b</p></template>\n</odoo>',
        },
    )
    site = load_site(tmp_path, ["theme_x"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("error", "duplicate-id")
    assert (diagnostic.file, diagnostic.line) == (str(module / "views/b.xml"), 3)
    assert f"{module / 'views/a.xml'}:2" in diagnostic.message


def test_redefining_another_modules_id_is_an_update_not_a_duplicate(tmp_path):
    write_module(tmp_path, "website", {"name": "W", "data": ["v.xml"]}, {"v.xml": SNIPPET})
    write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "depends": ["website"], "data": ["v.xml"]},
        {"v.xml": '<odoo><template id="website.s_banner"><p>new</p></template></odoo>'},
    )
    site = load_site(tmp_path, ["theme_x"])
    assert not site.diagnostics
    assert "new" in str(site.engine.render("website.s_banner"))


def test_functions_are_ignored_with_a_note(tmp_path):
    write_module(
        tmp_path,
        "mod",
        {"name": "M", "data": ["data/f.xml"]},
        {"data/f.xml": '<odoo>\n<function model="res.partner" name="_do_it"/>\n</odoo>'},
    )
    site = load_site(tmp_path, ["mod"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code, diagnostic.line) == (
        "info",
        "ignored-function",
        2,
    )


def test_views_go_into_the_given_engine_with_module_prefixes(tmp_path):
    write_module(
        tmp_path,
        "theme_x",
        {"name": "T", "data": ["views/v.xml"]},
        {
            "views/v.xml": """
                <odoo>
                    <template id="layout"><main><t t-out="0"/></main></template>
                    <record id="page_view" model="theme.ir.ui.view">
                        <field name="name">Page</field>
                        <field name="key">theme_x.page</field>
                        <field name="arch" type="xml">
                            <t t-call="theme_x.layout"><p>page</p></t>
                        </field>
                    </record>
                    <menuitem id="backend_menu" name="Ignored"/>
                </odoo>
            """
        },
    )
    engine = qweb.Engine()
    diagnostics = Diagnostics()
    site = load_site(tmp_path, ["theme_x"], engine=engine, diagnostics=diagnostics)
    assert site.engine is engine and site.diagnostics is diagnostics
    assert str(engine.render("theme_x.page")) == "<main><p>page</p></main>"
    assert site.module("theme_x").views == ["theme_x.layout", "theme_x.page"]
    assert not diagnostics


# ---- pages, menus, images ---------------------------------------------------------------------

PAGES = """
<odoo>
    <template id="home_view" name="Home"><div id="wrap">home</div></template>
    <record id="home_page" model="theme.website.page">
        <field name="url">/</field>
        <field name="view_id" ref="home_view"/>
        <field name="is_published" eval="True"/>
    </record>
    <record id="about_page" model="website.page">
        <field name="url">/about</field>
        <field name="name">About us</field>
        <field name="key">theme_x.about</field>
        <field name="arch" type="xml"><t t-name="theme_x.about"><p>about</p></t></field>
    </record>
    <record id="menu_top" model="theme.website.menu">
        <field name="name">Top</field>
        <field name="url">/top</field>
    </record>
    <record id="menu_about" model="theme.website.menu">
        <field name="name">About</field>
        <field name="page_id" ref="about_page"/>
        <field name="parent_id" ref="menu_top"/>
        <field name="sequence" type="int">5</field>
        <field name="new_window" eval="True"/>
    </record>
    <record id="menu_home" model="website.menu">
        <field name="name">Home</field>
        <field name="url">/</field>
        <field name="parent_id" ref="menu_top"/>
        <field name="sequence">20</field>
    </record>
    <record id="img_cover" model="theme.ir.attachment">
        <field name="key">website.s_cover_default_image</field>
        <field name="name">website.s_cover_default_image</field>
        <field name="url">/theme_x/static/src/img/cover.jpg</field>
    </record>
    <record id="img_gone" model="theme.ir.attachment">
        <field name="key">theme_x.gone</field>
        <field name="url">/theme_x/static/src/img/gone.jpg</field>
    </record>
</odoo>
"""


def test_pages_menus_and_theme_images_are_collected(tmp_path):
    module = write_module(
        tmp_path, "theme_x", {"name": "T", "data": ["data/pages.xml"]}, {"data/pages.xml": PAGES}
    )
    (module / "static/src/img").mkdir(parents=True)
    (module / "static/src/img/cover.jpg").write_bytes(b"jpg")
    site = load_site(tmp_path, ["theme_x"])
    assert not site.diagnostics
    assert [(p.xml_id, p.url, p.view_key, p.name, p.is_published) for p in site.pages] == [
        ("theme_x.home_page", "/", "theme_x.home_view", None, True),
        ("theme_x.about_page", "/about", "theme_x.about", "About us", False),
    ]
    assert site.page("/about").view_key in site.engine
    assert [(m.xml_id, m.name, m.url, m.parent, m.sequence, m.new_window) for m in site.menus] == [
        ("theme_x.menu_about", "About", "/about", "theme_x.menu_top", 5, True),
        ("theme_x.menu_top", "Top", "/top", None, 10, False),
        ("theme_x.menu_home", "Home", "/", "theme_x.menu_top", 20, False),
    ]
    cover = site.attachment("website.s_cover_default_image")
    assert cover is site.attachment("theme_x.img_cover")
    assert cover.url == "/theme_x/static/src/img/cover.jpg"
    assert cover.path == (module / "static/src/img/cover.jpg").resolve()
    assert site.attachment("theme_x.gone").path is None


# ---- primary snippet templates ----------------------------------------------------------------


def snippet_site(tmp_path, *, homepage, extra_files=None):
    write_module(
        tmp_path,
        "website",
        {"name": "Website", "data": ["views/snippets.xml"]},
        {"views/snippets.xml": SNIPPET},
    )
    files = {
        "data/generate.xml": """
            <odoo>
            <function model="theme.engine" name="_generate_primary_snippet_templates">
                <value eval="[ref('base.module_theme_x')]"/>
            </function>
            </odoo>
        """,
        "views/custom.xml": """
            <odoo>
                <template id="configurator_s_banner" inherit_id="website.configurator_s_banner">
                    <xpath expr="//h1" position="replace"><h1>Themed</h1></xpath>
                </template>
            </odoo>
        """,
        **(extra_files or {}),
    }
    module = write_module(
        tmp_path,
        "theme_x",
        {
            "name": "T",
            "category": "Theme/Creative",
            "depends": ["website"],
            "data": ["data/generate.xml", "views/custom.xml"],
            "configurator_snippets": {"homepage": homepage},
        },
        files,
    )
    return load_site(tmp_path, ["theme_x"]), module


def test_generation_creates_configurator_views_the_theme_inherits(tmp_path):
    site, module = snippet_site(tmp_path, homepage=["s_banner", "s_cover"])
    assert not site.diagnostics
    views = site.engine.views
    generic = views.get("website.configurator_s_banner")
    assert (generic.mode, generic.inherit_id) == ("primary", "website.s_banner")
    assert generic.file == str(module / "data/generate.xml")
    assert generic.line == 2
    page = views.get("website.configurator_homepage_s_banner")
    assert (page.mode, page.inherit_id) == ("primary", "website.configurator_s_banner")
    assert "website.configurator_homepage_s_cover" in views
    child = views.get("theme_x.configurator_s_banner")
    assert (child.mode, child.inherit_id) == ("extension", "website.configurator_s_banner")
    # the theme's change reaches the page copy, the original snippet is untouched
    assert "Themed" in str(site.engine.render("website.configurator_homepage_s_banner"))
    assert "Themed" not in str(site.engine.render("website.s_banner"))
    assert "website.configurator_s_banner" in site.module("theme_x").views


def test_generation_reports_snippets_no_module_defines(tmp_path):
    site, module = snippet_site(tmp_path, homepage=["s_banner", "s_nowhere"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("error", "unknown-snippet")
    assert "website.s_nowhere" in diagnostic.message
    assert diagnostic.file == str(module / "__manifest__.py")
    assert diagnostic.line == line_of(module / "__manifest__.py", "configurator_snippets")
    assert "website.configurator_s_banner" in site.engine


def test_themes_depend_on_website_implicitly(tmp_path):
    write_module(tmp_path, "website", {"name": "W"})
    write_module(tmp_path, "theme_y", {"name": "Y", "depends": ["theme_common"]})
    site = load_site(tmp_path, ["theme_y"])
    assert [m.name for m in site.modules] == ["website", "theme_y"]
    assert codes(site) == [("missing-dependency", "theme_y")]
    assert site.theme.name == "theme_y"
    assert site.theme.is_theme


@pytest.mark.parametrize("load_unlisted", [True, False])
def test_unlisted_snippet_files_of_dependencies(tmp_path, load_unlisted):
    write_module(
        tmp_path,
        "website",
        {"name": "W", "data": ["views/snippets/s_listed.xml"]},
        {
            "views/snippets/s_listed.xml": "<odoo><template id='s_listed'><p/></template></odoo>",
            "views/snippets/s_newer.xml": "<odoo><template id='s_newer'><p/></template></odoo>",
        },
    )
    write_module(tmp_path, "theme_x", {"name": "T", "depends": ["website"]})
    site = load_site(tmp_path, ["theme_x"], load_unlisted_snippets=load_unlisted)
    assert ("website.s_newer" in site.engine) is load_unlisted
    assert len(site.module("website").unlisted_files) == int(load_unlisted)
