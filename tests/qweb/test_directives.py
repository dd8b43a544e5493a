"""Each directive's behaviour beyond the spec's table of cases."""

from __future__ import annotations

import datetime

import pytest
from markupsafe import Markup

import qweb
from tests.conftest import render_xml


def load(engine: qweb.Engine, **templates: str) -> qweb.Engine:
    body = "".join(f'<t t-name="{name}">{xml}</t>' for name, xml in templates.items())
    engine.load(f"<templates>{body}</templates>")
    return engine


# -- attributes -------------------------------------------------------------------------------


def test_dynamic_attribute_replaces_a_static_one_in_place():
    assert render_xml('<div class="a" id="x" t-att-class="c"/>', {"c": "b"}) == (
        '<div class="b" id="x"></div>'
    )


def test_falsy_dynamic_value_removes_the_static_attribute():
    assert render_xml('<div class="a" t-att-class="None"/>') == "<div></div>"


def test_attf_with_both_placeholder_styles():
    xml = '<div t-attf-class="a {{x}} b #{y} c {not a placeholder}"/>'
    assert render_xml(xml, {"x": 1, "y": None}) == (
        '<div class="a 1 b  c {not a placeholder}"></div>'
    )


def test_attribute_order_is_static_then_dynamic_in_document_order():
    xml = '<div t-att-b="2" a="1" t-attf-c="3" t-att="{\'d\': 4, \'a\': 0}"/>'
    assert render_xml(xml) == '<div b="2" c="3" d="4"></div>'


def test_translate_suffix_is_dropped_from_attribute_names():
    assert render_xml('<img alt.translate="Logo" t-attf-title.translate="T {{1}}"/>') == (
        '<img alt="Logo" title="T 1"/>'
    )


def test_plain_attributes_of_t_are_never_output():
    assert render_xml('<t class="x" t-att-id="1">a</t><p/>') == "a<p></p>"


def test_attribute_hook_sees_static_and_dynamic_attributes():
    seen = []

    def hook(tag, attrs, is_static):
        seen.append((tag, is_static))
        if tag == "img" and "loading" not in attrs:
            attrs = {**attrs, "loading": "lazy"}
        return attrs

    engine = load(qweb.Engine(attribute_hook=hook), page='<img src="a"/><img t-att-src="s"/>')
    assert str(engine.render("page", {"s": "b"})) == (
        '<img src="a" loading="lazy"/><img src="b" loading="lazy"/>'
    )
    assert ("img", True) in seen and ("img", False) in seen


def test_namespaced_elements_keep_prefix_and_declare_once():
    xml = '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/></svg>'
    assert render_xml(xml) == (
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"></use></svg>'
    )


def test_non_ascii_tags_and_attributes():
    assert render_xml("<Año t-att-falló=\"'agüero'\"/>") == '<Año falló="agüero"></Año>'


# -- output -----------------------------------------------------------------------------------


def test_markup_arithmetic_escapes_only_the_plain_operand():
    values = {"m": Markup("<b>%s</b>"), "v": "<i>"}
    assert render_xml('<t t-out="m % v"/>', values) == "<b>&lt;i&gt;</b>"
    assert render_xml('<t t-out="m + v"/>', values) == "<b>%s</b>&lt;i&gt;"


def test_t_raw_of_zero_slot_and_numbers():
    assert render_xml('<t t-raw="1"/>') == "1"


def test_comments_are_dropped_unless_preserved():
    assert render_xml("<p>a<!-- c -->b</p>") == "<p>ab</p>"
    engine = load(qweb.Engine(preserve_comments=True), page="<p>a<!-- c -->b</p>")
    assert str(engine.render("page")) == "<p>a<!-- c -->b</p>"


def test_t_field_on_a_dict_record_uses_the_value_type():
    values = {"record": {"name": "A & B", "when": datetime.date(2024, 3, 1)}}
    assert render_xml('<span t-field="record.name"/>', values) == "<span>A &amp; B</span>"
    assert render_xml('<span t-field="record.when"/>', values) == "<span>03/01/2024</span>"


def test_t_field_false_value_uses_the_body_or_drops_the_element():
    values = {"record": {"name": False}}
    assert render_xml('<span t-field="record.name">none</span>', values) == "<span>none</span>"
    assert render_xml('<div><span t-field="record.name"/></div>', values) == "<div></div>"


def test_t_field_with_options_and_language():
    values = {"record": {"amount": 1234.5}}
    xml = "<span t-field=\"record.amount\" t-options=\"{'widget': 'float', 'precision': 1}\"/>"
    assert render_xml(xml, values) == "<span>1,234.5</span>"
    assert render_xml(xml, values, lang="de_DE") == "<span>1.234,5</span>"


def test_t_field_record_name_must_exist():
    with pytest.raises(qweb.QWebError) as info:
        render_xml('<span t-field="nothing.name"/>')
    assert isinstance(info.value.cause, KeyError)


def test_date_widget_uses_the_render_timezone():
    xml = "<t t-out=\"d\" t-options=\"{'widget': 'datetime'}\"/>"
    value = datetime.datetime(2024, 1, 1, 23, 30)
    assert render_xml(xml, {"d": value}, tz="UTC") == "01/01/2024 23:30:00"
    assert render_xml(xml, {"d": value}, tz="Europe/Brussels") == "01/02/2024 00:30:00"


# -- calls ------------------------------------------------------------------------------------


def test_dynamic_call_name():
    engine = load(qweb.Engine(), a="A", page='<t t-call="{{name}}"/>')
    assert str(engine.render("page", {"name": "a"})) == "A"


def test_call_to_unknown_template_names_it_and_the_caller_line():
    engine = load(qweb.Engine(), page='<div>\n<t t-call="nowhere.template"/>\n</div>')
    with pytest.raises(qweb.QWebError) as info:
        engine.render("page")
    assert "nowhere.template" in str(info.value)
    assert info.value.template == "page"
    assert info.value.element == '<t t-call="nowhere.template"/>'


def test_recursive_calls_are_stopped():
    engine = load(qweb.Engine(), loop='<t t-call="loop"/>')
    with pytest.raises(qweb.QWebError) as info:
        engine.render("loop")
    assert "infinite recursion" in str(info.value)


def test_odoo_19_call_parameters_as_attributes():
    engine = load(
        qweb.Engine(),
        callee='<div t-attf-class="box {{_div_class}}" t-att-data-n="n"/>'
        '<t t-out="extra_classes"/>',
        page='<t t-call="callee" _div_class.f="wide {{size}}" n="1 + 1" '
        't-argf-extra_classes="flush-{{size}}"/>',
    )
    assert str(engine.render("page", {"size": "lg"})) == (
        '<div class="box wide lg" data-n="2"></div>flush-lg'
    )


def test_t_args_dict_parameters():
    engine = load(
        qweb.Engine(),
        callee='<t t-out="a"/><t t-out="b"/>',
        page="<t t-call=\"callee\" t-args=\"{'a': 1, 'b': 2}\"/>",
    )
    assert str(engine.render("page")) == "12"


def test_t_lang_changes_the_callee_language():
    engine = load(
        qweb.Engine(),
        callee="<t t-out=\"n\" t-options=\"{'widget': 'float', 'precision': 2}\"/>",
        page='<t t-call="callee" t-lang="\'de_DE\'"/>|<t t-call="callee"/>',
    )
    assert str(engine.render("page", {"n": 1234.5})) == "1.234,50|1,234.50"


def test_raise_if_not_found_false_renders_nothing():
    assert str(qweb.Engine().render("missing", raise_if_not_found=False)) == ""


# -- groups, assets, cache --------------------------------------------------------------------


def test_groups_hook_decides_and_negation_works_by_default():
    xml = '<b groups="base.group_user">u</b><i groups="!base.group_user">anon</i>'
    assert render_xml(xml) == "<i>anon</i>"
    engine = load(qweb.Engine(has_groups=lambda spec: spec == "base.group_user"), page=xml)
    assert str(engine.render("page")) == "<b>u</b>"


def test_t_call_assets_uses_the_host_hook():
    calls = []

    def assets(bundle, **flags):
        calls.append((bundle, flags["css"], flags["js"]))
        return [
            ("link", {"rel": "stylesheet", "href": f"/{bundle}.css"}),
            ("script", {"src": f"/{bundle}.js", "defer": False}),
        ]

    engine = load(
        qweb.Engine(assets=assets), page='<t t-call-assets="web.assets_frontend" t-js="false"/>'
    )
    html = str(engine.render("page"))
    assert html == (
        '<link rel="stylesheet" href="/web.assets_frontend.css"/>\n        '
        '<script src="/web.assets_frontend.js"></script>'
    )
    assert calls == [("web.assets_frontend", True, False)]


def test_t_call_assets_without_a_hook_renders_nothing():
    assert render_xml('<t t-call-assets="web.assets_frontend"/>') == ""


def test_t_nocache_outside_a_cache_renders_with_local_values():
    xml = '<t t-set="x" t-value="2"/><span t-nocache="" t-out="x"/>'
    assert render_xml(xml, {"x": 1}) == "<span>2</span>"


def test_t_nocache_captured_values():
    xml = (
        '<div t-cache="1"><t t-set="y" t-value="5"/>'
        '<span t-nocache="" t-nocache-y="y" t-out="y"/></div>'
    )
    assert render_xml(xml) == "<div><span>5</span></div>"


# -- website builder directives ---------------------------------------------------------------


def test_t_snippet_wraps_the_snippet_like_the_editor_panel():
    engine = load(
        qweb.Engine(),
        **{
            "website.s_banner": "<section>banner</section>",
            "page": '<t t-snippet="website.s_banner" t-thumbnail="/thumb.png" string="Banner"/>',
        },
    )
    assert str(engine.render("page")) == (
        '<div name="Banner" data-oe-type="snippet" data-oe-snippet-key="website.s_banner" '
        'data-oe-thumbnail="/thumb.png"><section>banner</section></div>'
    )


def test_t_snippet_call_renders_the_snippet_in_place():
    engine = load(
        qweb.Engine(),
        **{
            "website.s_hr": "<hr t-attf-class=\"s_hr {{extra or ''}}\"/>",
            "page": '<t t-snippet-call="website.s_hr" string="Separator" extra.f="w-50"/>',
        },
    )
    assert str(engine.render("page")) == '<hr class="s_hr w-50"/>'


def test_t_install_renders_nothing():
    xml = '<t t-install="website_sale" t-thumbnail="/t.png" string="Products"/>'
    assert render_xml(xml) == ""


def test_owl_directives_are_ignored_with_a_warning():
    engine = load(qweb.Engine(), page='<t t-foreach="[1]" t-as="r" t-key="r_index">x</t>')
    assert str(engine.render("page")) == "x"
    assert any("t-key" in warning for warning in engine.compile("page").warnings)


# -- compile errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<div t-iff="x"/>', "Unknown directive 't-iff'"),
        ('<t t-value="1"/>', "t-value must be on the same node as t-set"),
        ('<t t-as="x"/>', "t-as must be on the same node as t-foreach"),
        ("<t t-options=\"{'widget': 'text'}\"/>", "t-options must be on the same node"),
        ("<t t-lang=\"'fr_FR'\"/>", "t-lang is only available on the same node as t-call"),
        ('<t t-field="a.b"/>', "t-field can not be used on a t element"),
        ('<li t-field="a.b"/>', "QWeb widgets do not work correctly on 'li' elements"),
        ('<span t-field="ab"/>', "t-field must have at least a dot"),
        ('<t t-set="0" t-value="1"/>', 't-set="0" should not be set from t-value'),
        ('<t t-set="" t-value="1"/>', "t-set needs a variable name"),
        ('<t t-if=" ">x</t>', "t-if or t-elif expression should not be empty"),
        ('<t t-call-assets="b"><i/></t>', "t-call-assets cannot contain children nodes"),
        ('<t t-nocache-x="1"/>', "t-nocache-* must be on the same node as t-nocache"),
        ('<i t-css="false"/>', "t-css only goes with t-call-assets"),
        ('<t t-if="a">x</t>text<t t-else="">y</t>', "Unexpected non-whitespace characters"),
        ('<t t-foreach="[1]" t-as="a-b"/>', "can only contain alphanumeric"),
        ('<t t-out="a" t-esc="b"/>', "Only one output directive per element"),
    ],
)
def test_compile_errors(xml, message):
    with pytest.raises(qweb.QWebError) as info:
        render_xml(xml)
    assert message in str(info.value)


def test_compile_error_names_file_line_and_element(tmp_path):
    path = tmp_path / "views.xml"
    path.write_text(
        '<templates>\n<t t-name="page">\n  <div>\n    <p t-out="a +"/>\n  </div>\n'
        "</t>\n</templates>\n"
    )
    engine = qweb.Engine()
    engine.load(str(path))
    with pytest.raises(qweb.QWebError) as info:
        engine.render("page")
    error = info.value
    assert (error.template, error.file, error.line) == ("page", str(path), 4)
    assert error.element == '<p t-out="a +"/>'
    assert error.expression == "a +"
    assert "line 4" in str(error)


def test_render_error_names_the_element_that_failed(tmp_path):
    path = tmp_path / "views.xml"
    path.write_text(
        '<templates>\n<t t-name="page">\n  <div>\n    <p t-out="1 // zero"/>\n'
        "  </div>\n</t>\n</templates>\n"
    )
    engine = qweb.Engine()
    engine.load(str(path))
    with pytest.raises(qweb.QWebError) as info:
        engine.render("page", {"zero": 0})
    error = info.value
    assert isinstance(error.cause, ZeroDivisionError)
    assert (error.file, error.line, error.element) == (str(path), 4, '<p t-out="1 // zero"/>')


def test_render_error_inside_a_callee_points_into_the_callee():
    engine = load(qweb.Engine(), callee='<b t-out="x.y"/>', page='<t t-call="callee"/>')
    with pytest.raises(qweb.QWebError) as info:
        engine.render("page")
    assert info.value.template == "callee"
    assert info.value.element == '<b t-out="x.y"/>'
    assert info.value.call_chain == ["page", "callee"]


def test_a_failed_render_leaves_the_engine_usable():
    engine = load(qweb.Engine(), bad='<t t-out="1 // 0"/>', good="ok")
    with pytest.raises(qweb.QWebError):
        engine.render("bad")
    assert str(engine.render("good")) == "ok"


def test_module_objects_are_refused_as_values():
    import os

    with pytest.raises(qweb.QWebError) as info:
        render_xml('<t t-out="os"/>', {"os": os})
    assert isinstance(info.value.cause, TypeError)


def test_compiled_templates_are_cached_until_new_templates_load():
    engine = load(qweb.Engine(), page="a")
    first = engine.compile("page")
    assert engine.compile("page") is first
    engine.load('<templates><t t-name="other">b</t></templates>')
    assert engine.compile("page") is not first


def test_foreach_over_a_huge_number_is_refused():
    with pytest.raises(qweb.QWebError) as info:
        render_xml('<t t-foreach="n" t-as="i"/>', {"n": 10**12})
    assert "Sandbox limit" in str(info.value)
    with pytest.raises(qweb.QWebError):
        render_xml('<t t-foreach="99999999999" t-as="i"/>')


def test_loading_a_file_inside_a_module_prefixes_its_ids(tmp_path):
    module = tmp_path / "my_theme"
    (module / "views").mkdir(parents=True)
    (module / "__manifest__.py").write_text("{'name': 'My theme'}")
    (module / "views" / "pages.xml").write_text(
        '<odoo><template id="home"><p>home</p></template></odoo>'
    )
    engine = qweb.Engine()
    assert engine.load(str(module / "views" / "pages.xml")) == ["my_theme.home"]
    assert str(engine.render("my_theme.home")) == "<p>home</p>"


@pytest.mark.parametrize(
    ("xml", "code"),
    [
        ('<div t-iff="x"/>', "unknown-directive"),
        ('<t t-value="1"/>', "misplaced-directive"),
        ('<t t-out="a +"/>', "expression-syntax"),
        ('<t t-out="a.__class__"/>', "forbidden-name"),
        ('<t t-call="nowhere"/>', "unknown-template"),
        ('<t t-out="1 // 0"/>', "render-error"),
    ],
)
def test_errors_carry_a_stable_code(xml, code):
    with pytest.raises(qweb.QWebError) as info:
        render_xml(xml)
    assert info.value.code == code


def test_check_template_reports_every_broken_element():
    engine = load(
        qweb.Engine(),
        page='<div t-iff="a"/><p t-out="b +"/><span t-out="ok"/><i t-value="1"/>'
        '<t t-if="x"><b t-out="c.__class__"/></t>',
    )
    errors, _warnings = engine.check_template("page")
    assert [error.code for error in errors] == [
        "unknown-directive", "expression-syntax", "misplaced-directive", "forbidden-name",
    ]  # fmt: skip
    with pytest.raises(qweb.QWebError):  # rendering still stops at the first error
        engine.render("page")


def test_check_template_looks_inside_broken_elements_and_their_branches():
    engine = load(
        qweb.Engine(),
        page='<div t-iff="a"><p t-out="b +"/></div>'
        '<t t-if="x +">1</t><t t-else=""><i t-out="c.__dict__"/></t>',
    )
    errors, _warnings = engine.check_template("page")
    assert [error.code for error in errors] == [
        "unknown-directive", "expression-syntax", "expression-syntax", "forbidden-name",
    ]  # fmt: skip


def test_loop_variables_reach_called_templates_and_later_code():
    engine = load(
        qweb.Engine(),
        callee='<t t-out="i_index"/><t t-out="i_parity"/>',
        page='<t t-foreach="[5, 6]" t-as="i"><t t-call="callee"/></t>|<t t-out="i_last"/>',
        local='<t t-foreach="[5, 6]" t-as="i"><t t-out="i"/></t>|<t t-out="i_odd"/>',
    )
    assert str(engine.render("page")) == "0even1odd|True"
    assert str(engine.render("local")) == "56|1"
