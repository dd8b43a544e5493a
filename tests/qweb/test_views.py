"""Loading template sources into view records and combining them (qweb-spec.md §7.1, 7.2, 7.4)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from qweb.errors import QWebError
from qweb.inherit import InheritanceError
from qweb.source import ORIGIN_ATTR, origin_of, strip_origins
from qweb.views import View, ViewRegistry, load_views

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
ODOO_ADDONS = CORPUS / "odoo" / "addons"


def xml_text(element: etree._Element) -> str:
    element = copy.deepcopy(element)
    strip_origins(element)
    return etree.tostring(element, encoding="unicode")


def registry_of(*sources: str, module: str | None = None) -> ViewRegistry:
    registry = ViewRegistry()
    for source in sources:
        registry.load(source, module=module)
    return registry


# -- static <templates> files and t-inherit (§7.4) -----------------------------------------------

STATIC = """<templates>
    <t t-name="a"><div>a</div></t>
    <params id="a">{"x": 1}</params>
    <result id="a">&lt;div&gt;a&lt;/div&gt;</result>
    <t t-name="web.b"><p/></t>
</templates>"""


def test_templates_file_gives_one_primary_view_per_t_name():
    views = load_views(STATIC, module="ignored", file="static/x.xml")
    assert [view.key for view in views] == ["a", "web.b"]
    first = views[0]
    assert first.mode == "primary" and first.inherit_id is None
    assert first.file == "static/x.xml" and first.line == 2
    assert xml_text(first.arch) == '<t t-name="a"><div>a</div></t>'
    assert first.arch.get(ORIGIN_ATTR) == "static/x.xml"
    assert first.arch.getparent() is None


def test_single_t_name_document():
    (view,) = load_views('<t t-name="solo"><b/></t>')
    assert view.key == "solo"
    assert xml_text(view.arch) == '<t t-name="solo"><b/></t>'


def test_t_inherit_primary_makes_a_new_template_from_the_parent():
    registry = registry_of(
        """<templates>
        <t t-name="base"><div><p/></div></t>
        <t t-name="child" t-inherit="base"><xpath expr="//p" position="after"><i/></xpath></t>
        </templates>"""
    )
    child = registry.get("child")
    assert (child.inherit_id, child.mode) == ("base", "primary")
    assert xml_text(registry.combined_arch("child")) == '<t t-name="child"><div><p/><i/></div></t>'
    assert xml_text(registry.combined_arch("base")) == '<t t-name="base"><div><p/></div></t>'


def test_t_inherit_extension_modifies_the_parent_in_load_order():
    registry = registry_of(
        """<templates>
        <t t-name="base"><div/></t>
        <t t-inherit="base" t-inherit-mode="extension"><xpath expr="//div"><one/></xpath></t>
        <t t-name="base" t-inherit="base" t-inherit-mode="extension">
            <xpath expr="//div"><two/></xpath></t>
        </templates>"""
    )
    assert len(registry) == 3
    assert registry.get("base").mode == "primary"
    assert xml_text(registry.combined_arch("base")) == (
        '<t t-name="base"><div><one/><two/></div></t>'
    )


def test_invalid_t_inherit_mode_is_an_error():
    source = '<templates><t t-name="x" t-inherit="y" t-inherit-mode="other"/></templates>'
    with pytest.raises(QWebError, match="Invalid t-inherit-mode 'other'"):
        load_views(source)


def test_legacy_t_extend_templates_are_not_loaded():
    source = '<templates><t t-name="a"/><t t-extend="a"><t t-jquery="ul"/></t></templates>'
    assert [view.key for view in load_views(source)] == ["a"]


# -- Odoo data files: <template> (§7.1) ----------------------------------------------------------

DATA = """<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <template id="layout" name="Main layout" groups="base.group_user">
        <div id="wrap"/>
    </template>
    <template id="ext" inherit_id="layout" priority="20" active="False" name="Ext">
        <xpath expr="//div" position="inside"><i/></xpath>
    </template>
    <template id="other.copy" inherit_id="layout" primary="True">
        <xpath expr="//div" position="attributes"><attribute name="class">c</attribute></xpath>
    </template>
    <data noupdate="1">
        <template id="nested" key="custom.key"><p/></template>
    </data>
    <menuitem id="menu" name="Menu"/>
    <record id="asset" model="ir.asset"><field name="path">x.scss</field></record>
    <function model="x" name="y"/>
</odoo>
"""


def test_template_elements_become_view_records():
    views = {view.key: view for view in load_views(DATA, module="website", file="f.xml")}
    assert list(views) == ["website.layout", "website.ext", "other.copy", "custom.key"]

    layout = views["website.layout"]
    assert (layout.mode, layout.inherit_id, layout.priority, layout.active) == (
        "primary",
        None,
        16,
        True,
    )
    assert (layout.name, layout.module, layout.file, layout.line) == (
        "Main layout",
        "website",
        "f.xml",
        3,
    )
    assert layout.arch.tag == "t"
    assert layout.arch.get("t-name") == "website.layout"
    assert "id" not in layout.arch.attrib and "groups" not in layout.arch.attrib

    ext = views["website.ext"]
    assert (ext.mode, ext.inherit_id, ext.priority, ext.active, ext.name) == (
        "extension",
        "website.layout",
        20,
        False,
        "Ext",
    )
    assert ext.arch.tag == "data"


def test_primary_template_sets_the_combined_t_name():
    views = {view.key: view for view in load_views(DATA, module="website")}
    copy_view = views["other.copy"]
    assert (copy_view.mode, copy_view.inherit_id) == ("primary", "website.layout")
    last_spec = copy_view.arch[-1]
    assert xml_text(last_spec) == (
        '<xpath expr="." position="attributes">'
        '<attribute name="t-name">other.copy</attribute></xpath>'
    )
    registry = ViewRegistry()
    registry.load(DATA, module="website")
    combined = registry.combined_arch("other.copy")
    assert combined.get("t-name") == "other.copy"
    assert combined.find("div").get("class") == "c"


def test_without_module_ids_are_used_as_written():
    keys = [view.key for view in load_views(DATA)]
    assert keys == ["layout", "ext", "other.copy", "custom.key"]
    assert load_views(DATA)[1].inherit_id == "layout"


@pytest.mark.parametrize("root", ["openerp", "data"])
def test_other_data_roots(root):
    views = load_views(f'<{root}><template id="t"><p/></template></{root}>', module="m")
    assert [view.key for view in views] == ["m.t"]


# -- Odoo data files: view records ----------------------------------------------------------------

RECORDS = """<odoo>
    <record id="base_view" model="ir.ui.view">
        <field name="name">Base</field>
        <field name="type">qweb</field>
        <field name="key">website.base_view</field>
        <field name="arch" type="xml">
            <t t-name="website.base_view"><div/></t>
        </field>
    </record>
    <record id="ext_view" model="ir.ui.view">
        <field name="inherit_id" ref="website.base_view"/>
        <field name="priority" eval="5"/>
        <field name="active" eval="False"/>
        <field name="arch" type="xml">
            <data><xpath expr="//div" position="inside"><i/></xpath></data>
        </field>
    </record>
    <record id="copy_view" model="ir.ui.view">
        <field name="inherit_id" ref="base_view"/>
        <field name="mode">primary</field>
        <field name="arch" type="xml"><xpath expr="//div" position="after"><b/></xpath></field>
    </record>
    <record id="form_view" model="ir.ui.view">
        <field name="model">res.partner</field>
        <field name="arch" type="xml"><form><field name="name"/></form></field>
    </record>
    <record id="list_view" model="ir.ui.view">
        <field name="type">list</field>
        <field name="arch" type="xml"><list/></field>
    </record>
</odoo>"""


def test_ir_ui_view_records_become_view_records():
    views = {view.key: view for view in load_views(RECORDS, module="website", file="r.xml")}
    assert list(views) == ["website.base_view", "website.ext_view", "website.copy_view"]
    base = views["website.base_view"]
    assert (base.name, base.mode, base.line) == ("Base", "primary", 2)
    assert xml_text(base.arch) == '<t t-name="website.base_view"><div/></t>'
    ext = views["website.ext_view"]
    assert (ext.inherit_id, ext.mode, ext.priority, ext.active) == (
        "website.base_view",
        "extension",
        5,
        False,
    )
    copy_view = views["website.copy_view"]
    assert (copy_view.inherit_id, copy_view.mode) == ("website.base_view", "primary")
    assert copy_view.arch.tag == "xpath"


def test_record_inherit_id_given_as_ref_call():
    source = """<odoo><record id="e" model="ir.ui.view">
        <field name="inherit_id" eval="ref('web.layout')"/>
        <field name="arch" type="xml"><data/></field>
    </record></odoo>"""
    (view,) = load_views(source, module="m")
    assert (view.key, view.inherit_id, view.mode) == ("m.e", "web.layout", "extension")


def test_record_arch_as_a_single_spec():
    registry = registry_of(RECORDS, module="website")
    assert xml_text(registry.combined_arch("website.copy_view")) == (
        '<t t-name="website.copy_view"><div/><b/></t>'
    )


def test_theme_ir_ui_view_records():
    source = """<odoo>
        <record id="theme_x.header" model="theme.ir.ui.view">
            <field name="name">Header</field>
            <field name="key">theme_x.header</field>
            <field name="inherit_id" ref="website.layout"/>
            <field name="arch" type="xml">
                <xpath expr="//header" position="attributes">
                    <attribute name="class" add="dark" separator=" "/>
                </xpath>
            </field>
        </record>
    </odoo>"""
    (view,) = load_views(source, module="theme_x")
    assert (view.key, view.inherit_id, view.mode, view.name) == (
        "theme_x.header",
        "website.layout",
        "extension",
        "Header",
    )
    registry = registry_of('<t t-name="website.layout"><header class="h"/></t>', source)
    assert xml_text(registry.combined_arch("website.layout")) == (
        '<t t-name="website.layout"><header class="h dark"/></t>'
    )


def test_theme_module_templates():
    source = """<odoo><template id="s_cover" inherit_id="website.s_cover" name="Theme cover">
        <xpath expr="//section" position="attributes"><attribute name="class">x</attribute></xpath>
    </template></odoo>"""
    (view,) = load_views(source, module="theme_bewise")
    assert (view.key, view.inherit_id, view.mode) == (
        "theme_bewise.s_cover",
        "website.s_cover",
        "extension",
    )


def test_a_record_without_arch_updates_a_loaded_view():
    registry = registry_of(RECORDS, module="website")
    registry.load(
        '<odoo><record id="website.ext_view" model="ir.ui.view">'
        '<field name="active" eval="True"/></record></odoo>'
    )
    assert registry.get("website.ext_view").active is True
    assert xml_text(registry.combined_arch("website.base_view")) == (
        '<t t-name="website.base_view"><div><i/></div></t>'
    )


# -- source errors --------------------------------------------------------------------------------


def test_xml_syntax_error_has_file_and_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<odoo>\n  <template id="x">\n    <div>\n  </template>\n</odoo>\n')
    with pytest.raises(QWebError) as caught:
        load_views(path, module="m")
    assert caught.value.file == str(path)
    assert caught.value.line == 4
    assert "Invalid XML" in caught.value.message


def test_loading_a_file_path_records_file_and_lines(tmp_path):
    path = tmp_path / "views.xml"
    path.write_text('<odoo>\n\n<template id="x">\n  <div/>\n</template>\n</odoo>\n')
    (view,) = load_views(str(path), module="m")
    assert (view.file, view.line) == (str(path), 3)
    assert origin_of(view.arch.find("div")) == (str(path), 4)


def test_unsupported_root_is_an_error():
    with pytest.raises(QWebError, match="Unsupported template source"):
        load_views("<html/>")


# -- registry -------------------------------------------------------------------------------------


def make_view(key, arch, **fields) -> View:
    return View(key=key, arch=etree.fromstring(arch), **fields)


def spec_adding(tag: str, where: str = "//div") -> str:
    return f'<data><xpath expr="{where}" position="inside"><{tag}/></xpath></data>'


def test_view_mode_defaults_follow_inherit_id():
    assert make_view("a", "<t/>").mode == "primary"
    assert make_view("b", "<data/>", inherit_id="a").mode == "extension"
    assert make_view("c", "<data/>", inherit_id="a", mode="primary").mode == "primary"
    with pytest.raises(QWebError, match="Invalid view mode"):
        make_view("d", "<data/>", mode="clone")


def test_registry_assigns_order_and_replaces_same_key():
    registry = ViewRegistry()
    first, second = make_view("a", '<t t-name="a"><div/></t>'), make_view("b", "<t/>")
    registry.add(first)
    registry.add(second)
    assert (first.order, second.order) == (1, 2)
    assert registry.keys() == ["a", "b"] and "a" in registry and "zz" not in registry
    assert xml_text(registry.combined_arch("a")) == '<t t-name="a"><div/></t>'
    update = make_view("a", '<t t-name="a"><p/></t>')
    registry.add(update)
    assert update.order == 1 and registry.get("a") is update
    assert xml_text(registry.combined_arch("a")) == '<t t-name="a"><p/></t>'


def test_unknown_template_is_not_found():
    with pytest.raises(QWebError, match="Template not found: nope"):
        ViewRegistry().combined_arch("nope")


def test_missing_parent_is_reported():
    registry = ViewRegistry()
    registry.add(make_view("child", spec_adding("i"), inherit_id="ghost", mode="primary"))
    with pytest.raises(QWebError, match="Template not found: ghost"):
        registry.combined_arch("child")


def test_removed_views_are_gone():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("e", spec_adding("i"), inherit_id="r"))
    assert xml_text(registry.combined_arch("r")) == '<t t-name="r"><div><i/></div></t>'
    registry.remove("e")
    assert xml_text(registry.combined_arch("r")) == '<t t-name="r"><div/></t>'


# -- combination order (§7.2, cases 33, 36, 37) ----------------------------------------------------


def added_tags(registry: ViewRegistry, key: str) -> list[str]:
    return [child.tag for child in registry.combined_arch(key).find("div")]


def test_extensions_apply_by_priority_then_load_order():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("late", spec_adding("late"), inherit_id="r", priority=30))
    registry.add(make_view("first", spec_adding("first"), inherit_id="r", priority=16))
    registry.add(make_view("second", spec_adding("second"), inherit_id="r", priority=16))
    registry.add(make_view("early", spec_adding("early"), inherit_id="r", priority=1))
    assert added_tags(registry, "r") == ["early", "first", "second", "late"]


def test_33_children_apply_right_after_their_parent_whatever_their_priority():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("e1", spec_adding("e1"), inherit_id="r", priority=1))
    registry.add(make_view("e2", spec_adding("e2"), inherit_id="r", priority=2))
    registry.add(make_view("e1a", spec_adding("e1a"), inherit_id="e1", priority=99))
    registry.add(make_view("e1b", spec_adding("e1b"), inherit_id="e1", priority=50))
    assert added_tags(registry, "r") == ["e1", "e1b", "e1a", "e2"]


def test_36_primary_views_apply_after_every_extension_of_their_parent():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("p", spec_adding("p"), inherit_id="r", mode="primary", priority=1))
    registry.add(make_view("e", spec_adding("e"), inherit_id="r", priority=50))
    registry.add(make_view("pe", spec_adding("pe"), inherit_id="p"))
    registry.add(make_view("ee", spec_adding("ee"), inherit_id="e"))
    assert added_tags(registry, "p") == ["e", "ee", "p", "pe"]
    combined = registry.combined_arch("p")
    assert combined.get("t-name") == "p"
    # rendering the base view never includes its primary descendants
    assert added_tags(registry, "r") == ["e", "ee"]
    assert registry.combined_arch("r").get("t-name") == "r"


def test_37_inactive_views_and_their_subtrees_are_skipped():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("off", spec_adding("off"), inherit_id="r", active=False))
    registry.add(make_view("below_off", spec_adding("below_off"), inherit_id="off"))
    registry.add(make_view("on", spec_adding("on"), inherit_id="r"))
    registry.add(make_view("off_below_on", spec_adding("x"), inherit_id="on", active=False))
    assert added_tags(registry, "r") == ["on"]


def test_37_attribute_add_duplicates_and_replace_drops_tail_through_views():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div class="a"><b/>tail<c/></div></t>'))
    registry.add(
        make_view(
            "e1",
            '<data><xpath expr="//div" position="attributes">'
            '<attribute name="class" add="a b" separator=" "/></xpath></data>',
            inherit_id="r",
        )
    )
    registry.add(make_view("e2", '<data><b position="replace"><i/></b></data>', inherit_id="r"))
    assert xml_text(registry.combined_arch("r")) == (
        '<t t-name="r"><div class="a a b"><i/><c/></div></t>'
    )


def test_later_views_see_content_added_by_earlier_ones():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("e1", spec_adding("section"), inherit_id="r"))
    registry.add(make_view("e2", spec_adding("p", "//section"), inherit_id="r"))
    assert (
        xml_text(registry.combined_arch("r"))
        == '<t t-name="r"><div><section><p/></section></div></t>'
    )


def test_requesting_an_extension_combines_its_root():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("e", spec_adding("e"), inherit_id="r"))
    registry.add(make_view("e2", spec_adding("e2"), inherit_id="r"))
    assert added_tags(registry, "e") == ["e", "e2"]


def test_deep_primary_chain_applies_each_level_after_its_extensions():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(make_view("p1", spec_adding("p1"), inherit_id="r", mode="primary"))
    registry.add(make_view("p2", spec_adding("p2"), inherit_id="p1", mode="primary"))
    registry.add(make_view("p1e", spec_adding("p1e"), inherit_id="p1", priority=99))
    registry.add(make_view("re", spec_adding("re"), inherit_id="r", priority=99))
    assert added_tags(registry, "p2") == ["re", "p1", "p1e", "p2"]
    assert registry.combined_arch("p2").get("t-name") == "p2"


# -- caching, copies, errors -----------------------------------------------------------------------


def test_combined_arch_is_a_fresh_copy_each_time():
    registry = ViewRegistry()
    view = make_view("r", '<t t-name="r"><div/></t>', file="r.xml")
    registry.add(view)
    registry.add(make_view("e", spec_adding("i"), inherit_id="r"))
    first = registry.combined_arch("r")
    first.find("div").clear()
    assert xml_text(registry.combined_arch("r")) == '<t t-name="r"><div><i/></div></t>'
    assert xml_text(view.arch) == '<t t-name="r"><div/></t>'
    assert origin_of(first) == ("r.xml", 1)


def test_combined_arch_cache_is_invalidated_by_add():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    assert added_tags(registry, "r") == []
    registry.add(make_view("e", spec_adding("i"), inherit_id="r"))
    assert added_tags(registry, "r") == ["i"]


def test_combined_arch_keeps_source_lines_and_files():
    registry = ViewRegistry()
    registry.load('<t t-name="r">\n<div/>\n</t>', file="base.xml")
    registry.load(
        '<templates>\n<t t-inherit="r" t-inherit-mode="extension">\n'
        '<xpath expr="//div" position="inside">\n<i/>\n</xpath></t></templates>',
        file="ext.xml",
    )
    combined = registry.combined_arch("r")
    assert origin_of(combined.find("div")) == ("base.xml", 2)
    assert origin_of(combined.find("div/i")) == ("ext.xml", 4)


def test_inheritance_errors_name_the_extension_view():
    registry = ViewRegistry()
    registry.load('<t t-name="r"><div/></t>', file="base.xml")
    registry.add(
        make_view(
            "m.broken",
            '<data>\n<xpath expr="//nope" position="inside"/></data>',
            inherit_id="r",
            file="ext.xml",
        )
    )
    with pytest.raises(InheritanceError) as caught:
        registry.combined_arch("r")
    error = caught.value
    assert (error.template, error.file, error.line) == ("m.broken", "ext.xml", 2)
    assert error.message == "Element '<xpath expr=\"//nope\">' cannot be located in parent view"


def test_on_error_skips_failing_specs_and_keeps_combining():
    registry = ViewRegistry()
    registry.add(make_view("r", '<t t-name="r"><div/></t>'))
    registry.add(
        make_view(
            "bad",
            '<data><xpath expr="//nope"/><xpath expr="//div"><a/></xpath></data>',
            inherit_id="r",
        )
    )
    registry.add(make_view("good", spec_adding("b"), inherit_id="r"))
    errors: list[InheritanceError] = []
    assert [c.tag for c in registry.combined_arch("r", on_error=errors.append).find("div")] == [
        "a",
        "b",
    ]
    assert [error.template for error in errors] == ["bad"]
    registry.combined_arch("r", on_error=errors.append)  # not cached: reported again
    assert len(errors) == 2


# -- the real website templates --------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"template corpus not found at {CORPUS}")
def test_website_templates_combine_every_primary_view():
    registry = ViewRegistry()
    # the parents of website's templates, when the corpus has them
    for module, relative in [
        ("web", "web/views/webclient_templates.xml"),
        ("portal", "portal/views/portal_templates.xml"),
    ]:
        if (ODOO_ADDONS / relative).is_file():
            registry.load(ODOO_ADDONS / relative, module=module)
    website_file = ODOO_ADDONS / "website" / "views" / "website_templates.xml"
    views = registry.load(website_file, module="website")
    assert len(views) > 100
    primaries = [view for view in views if view.mode == "primary"]
    assert len(primaries) > 20
    for view in primaries:
        if any(key not in registry for key in _ancestors(registry, view)):
            continue  # its parent module is not in the corpus
        combined = registry.combined_arch(view.key)
        assert combined.get("t-name") == view.key
    if "web.frontend_layout" in registry:
        layout = registry.combined_arch("web.frontend_layout")
        # website.layout and its active header/footer options are applied
        assert layout.xpath("//header") and layout.xpath("//footer")
        assert origin_of(layout.xpath("//*[@id='o_main_nav']")[0])[0] == str(website_file)


def _ancestors(registry: ViewRegistry, view: View) -> list[str]:
    keys = []
    while view is not None and view.inherit_id:
        keys.append(view.inherit_id)
        view = registry.get(view.inherit_id)
    return keys
