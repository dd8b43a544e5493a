"""The test cases of qweb-spec.md §10 (output, loops, variables, calls, errors, expressions)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

import qweb
from tests.conftest import render_xml


def render_named(templates: dict[str, str], name: str, values=None) -> str:
    engine = qweb.Engine()
    body = "".join(f'<t t-name="{key}">{xml}</t>' for key, xml in templates.items())
    engine.load(f"<templates>{body}</templates>")
    return str(engine.render(name, values or {}))


# -- output and escaping ----------------------------------------------------------------------


def test_1_plain_strings_are_escaped():
    assert (
        render_xml('<p><t t-out="v"/></p>', {"v": "<b>&\"'"}) == "<p>&lt;b&gt;&amp;&#34;&#39;</p>"
    )


def test_2_markup_passes_through():
    assert render_xml('<p t-out="v"/>', {"v": Markup("<b>x</b>")}) == "<p><b>x</b></p>"
    xml = '<t t-set="c"><span>toto</span></t><div t-out="c"/>'
    assert render_xml(xml) == "<div><span>toto</span></div>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "<div></div>"),
        (False, "<div></div>"),
        (0, "<div><span>0</span></div>"),
        ("", "<div><span></span></div>"),
    ],
)
def test_3_falsy_values_drop_the_element_but_zero_and_empty_do_not(value, expected):
    assert render_xml('<div><span t-out="v"/></div>', {"v": value}) == expected


def test_4_default_body():
    xml = '<span rows="10" t-out="a">DEFAULT</span>'
    assert render_xml(xml, {"a": "Hello"}) == '<span rows="10">Hello</span>'
    assert render_xml(xml) == '<span rows="10">DEFAULT</span>'


def test_5_t_esc_is_an_alias_and_t_raw_does_not_escape():
    assert render_xml('<t t-esc="v"/>', {"v": "<ok>"}).strip() == "&lt;ok&gt;"
    assert render_xml('<t t-raw="v"/>', {"v": "<ok>"}).strip() == "<ok>"


def test_7_attributes_always_escape_markup_included():
    xml = '<t t-set="m"><b>x</b></t><div t-att-title="m"/>'
    assert render_xml(xml) == '<div title="&lt;b&gt;x&lt;/b&gt;"></div>'
    xml = '<div t-att-toto="v">2</div>'
    assert render_xml(xml, {"v": "a'b\"c"}) == '<div toto="a&#39;b&#34;c">2</div>'


def test_8_falsy_attributes_are_dropped():
    xml = (
        '<div t-att-a="None" t-att-b="False" t-att-c="0" t-att-d="\'\'" t-att-e="True" '
        't-att-f="[]"/>'
    )
    assert render_xml(xml) == '<div d="" e="True"></div>'


def test_10_t_att_dict_and_pair():
    assert render_xml("<div t-att=\"{'a': 1, 'b': 2}\"/>") == '<div a="1" b="2"></div>'
    assert render_xml("<div t-att=\"['a', 'b']\"/>") == '<div a="b"></div>'


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("javascript:alert(1)", '<a href="">x</a>'),
        ("java script:alert(1)", '<a href="">x</a>'),
        ("javascript:history.back()", '<a href="javascript:history.back()">x</a>'),
    ],
)
def test_12_javascript_hrefs_are_neutralised(url, expected):
    assert render_xml('<a t-att-href="u">x</a>', {"u": url}) == expected


def test_12_static_javascript_href_is_left_alone():
    assert (
        render_xml('<a href="javascript:alert(1)">x</a>') == '<a href="javascript:alert(1)">x</a>'
    )


def test_13_void_and_empty_elements():
    xml = '<div><br/><img src="a.png"/><input t-att-value="v"/><span/><p></p></div>'
    expected = '<div><br/><img src="a.png"/><input value="x"/><span></span><p></p></div>'
    assert render_xml(xml, {"v": "x"}) == expected


def test_14_text_is_raw_attributes_are_escaped():
    xml = '<p title="a &amp; b">x &amp;nbsp; y &lt; z</p>'
    assert render_xml(xml) == '<p title="a &amp; b">x &nbsp; y < z</p>'


def test_15_t_renders_only_its_content():
    assert render_xml('<t class="x">a<t t-if="True">b</t></t>') == "ab"
    xml = '<t class="remove_me" t-set="data">a</t><div t-out="data"/>'
    assert render_xml(xml).strip() == "<div>a</div>"


# -- loops and conditions ---------------------------------------------------------------------

LOOP = '<t t-foreach="{}" t-as="i">[<t t-out="i_index"/>:<t t-out="i"/>:<t t-out="i_value"/>]</t>'


@pytest.mark.parametrize(
    ("iterable", "expected"),
    [
        ("[3, 2, 1]", "[0:3:3][1:2:2][2:1:1]"),
        ("{'a': 3, 'b': 2}", "[0:a:3][1:b:2]"),
        ("3", "[0:0:0][1:1:1][2:2:2]"),
        ("None", ""),
    ],
)
def test_16_iterables(iterable, expected):
    assert render_xml(LOOP.format(iterable.replace("'", "&apos;"))) == expected


def test_17_loop_variables():
    xml = (
        "<t t-foreach=\"['a', 'b', 'c']\" t-as=\"x\">"
        '<t t-out="x_first"/>,<t t-out="x_last"/>,<t t-out="x_odd"/>,<t t-out="x_even"/>,'
        '<t t-out="x_parity"/>,<t t-out="x_size"/>;</t>'
    )
    # t-out of False prints nothing (spec §3.1), so falsy booleans leave empty slots.
    assert render_xml(xml) == "True,,0,True,even,3;,,1,,odd,3;,True,0,True,even,3;"


def test_17_generators_have_no_size_or_last():
    xml = '<t t-foreach="(n for n in [1, 2])" t-as="n">[<t t-out="n_last"/>]</t>'
    assert render_xml(xml) == "[][]"


def test_18_loops_do_not_scope_variables():
    xml = (
        '<t t-foreach="[1, 2]" t-as="n"><t t-set="last" t-value="n"/></t>'
        '<t t-out="n"/>-<t t-out="last"/>-<t t-out="n_index"/>'
    )
    assert render_xml(xml) == "2-2-1"


def test_19_foreach_runs_before_if_on_one_element():
    xml = '<ul><li t-foreach="[1, 2, 3, 4]" t-as="n" t-if="n % 2 == 0" t-out="n"/></ul>'
    assert render_xml(xml) == "<ul><li>2</li><li>4</li></ul>"


def test_20_if_elif_else():
    xml = (
        '<t t-foreach="[1, 2, 3]" t-as="n"><p t-if="n == 1">one</p><p t-elif="n == 2">two</p>'
        '<p t-else="">many</p></t>'
    )
    assert render_xml(xml) == "<p>one</p><p>two</p><p>many</p>"


def test_21_whitespace_of_layout_lines_is_dropped():
    xml = """
        <div>
            <t t-set="a" t-value="1"/>
            <t t-foreach="[1, 2]" t-as="i">
                <span t-out="i"/>
            </t>
            <b t-if="False">x</b>
            <i t-if="True">y</i>
        </div>
    """
    expected = """
        <div>
                <span>1</span>
                <span>2</span>
            <i>y</i>
        </div>"""
    assert render_xml(xml) == expected


# -- variables --------------------------------------------------------------------------------


def test_22_t_set_forms():
    assert render_xml('<t t-set="v" t-value="1">2</t><t t-out="v"/>').strip() == "1"
    assert render_xml('<t t-set="s"/>[<t t-out="s"/>]').strip() == "[]"
    assert render_xml('<t t-set="a" t-valuef="abc {{1}}"/><div t-out="a"/>') == "<div>abc 1</div>"
    xml = "<t t-set=\"{'a': 'abc %s' % 1, 'b': 2}\"/><div t-out=\"a\"/><div t-out=\"b\"/>"
    assert render_xml(xml) == "<div>abc 1</div><div>2</div>"


def test_23_widget_output_adds_data_oe_attributes():
    xml = '<root><span t-out="text" t-options-widget="\'text\'"/></root>'
    expected = (
        '<root><span data-oe-type="text" data-oe-expression="text">a<br>\n'
        "b &lt;b&gt;c&lt;/b&gt;</span></root>"
    )
    assert render_xml(xml, {"text": "a\nb <b>c</b>"}) == expected


# -- calls ------------------------------------------------------------------------------------


def test_24_nested_call_bodies():
    templates = {
        "base.micro_child": '<article><t t-out="0"/></article>',
        "base.wrap": '<wrap><t t-out="0"/></wrap>',
        "base.child": '<t t-call="base.wrap"><section><t t-call="base.micro_child">'
        '<t t-out="0"/></t></section></t>',
        "page": '<div><t t-call="base.child">test</t></div>',
    }
    expected = "<div><wrap><section><article>test</article></section></wrap></div>"
    assert render_named(templates, "page") == expected


def test_25_call_scoping():
    templates = {
        "callee": '<t t-out="a"/>|<t t-out="b"/><t t-set="leak" t-value="1"/>',
        "page": '<t t-set="a" t-value="1"/><t t-call="callee"><t t-set="b" t-value="2"/></t>'
        '|<t t-out="b"/>|<t t-out="leak"/>',
    }
    assert render_named(templates, "page") == "1|2||"


def test_26_call_slot_always_renders_its_tag_and_ignores_the_default():
    templates = {
        "c": '<div t-out="0">fallback</div>',
        "empty": '<t t-call="c"/>',
        "body": '<t t-call="c"><b>x</b></t>',
    }
    assert render_named(templates, "empty") == "<div></div>"
    assert render_named(templates, "body") == "<div><b>x</b></div>"
    assert render_named(templates, "c") == "<div></div>"


def test_27_open_tag_comes_before_call_and_set():
    templates = {
        "callee": "<b>in</b>",
        "page": '<div t-call="callee"/><p t-set="a" t-value="1"/><t t-out="a"/>',
    }
    assert render_named(templates, "page") == "<div><b>in</b></div><p></p>1"


def test_28_t_cache_scoping_and_t_nocache_root_values():
    xml = (
        '<div t-cache="1"><t t-set="x" t-value="2"/><span t-nocache="" t-out="x"/>'
        '<b t-out="x"/></div><i t-out="x"/>'
    )
    assert render_xml(xml, {"x": 1}) == "<div><span>1</span><b>2</b></div><i>1</i>"


def test_29_groups_attribute():
    xml = (
        '<meta name="1"/><t t-set="data" t-value="1"/><meta groups="base.group_no_one" '
        'name="2"/><meta t-if="False" name="3"/><meta t-if="True" name="4"/><span t-out="1"/>'
    )
    assert render_xml(xml) == '<meta name="1"/><meta name="4"/><span>1</span>'


# -- errors and expressions -------------------------------------------------------------------


def error_of(xml: str, values=None) -> qweb.QWebError:
    with pytest.raises(qweb.QWebError) as info:
        render_xml(xml, values)
    return info.value


def test_39a_foreach_without_as():
    error = error_of('<t t-foreach="[3, 2, 1]">x</t>')
    assert "KeyError: 't-as'" in str(error)
    assert '<t t-foreach="[3, 2, 1]"/>' in str(error)


def test_39b_invalid_varname():
    error = error_of('<t t-set="b-2" t-value="1"/>')
    assert "The varname can only contain alphanumeric characters and underscores" in str(error)


def test_39c_else_without_if():
    error = error_of('<p t-else="">x</p>')
    assert "must be preceded by t-if or t-elif directive" in str(error)


def test_39d_bad_expression():
    error = error_of('<div t-esc="abc + def + ("/>')
    assert "Can not compile expression" in str(error)
    assert '<div t-esc="abc + def + ("/>' in str(error)


def test_40a_dunder_access_is_refused_at_compile_time():
    assert "Access to forbidden name '__class__'" in str(error_of('<t t-out="x.__class__"/>'))


def test_40b_lambda_defaults_are_refused():
    assert "Lambda default values are not supported" in str(
        error_of('<t t-set="o" t-value="(lambda a=open: a)()"/>')
    )


def test_40c_unknown_names_are_none():
    assert render_xml('<t t-out="missing"/>') == ""
    assert render_xml("<t t-out=\"missing or 'z'\"/>") == "z"


def test_40d_unknown_name_before_a_dot_is_an_error():
    error = error_of('<t t-out="missing.attr"/>')
    assert isinstance(error.cause, KeyError)
    assert "missing" in str(error)


def test_40e_builtins_win_over_values():
    assert render_xml('<t t-out="len"/>', {"len": 5}) == "&lt;built-in function len&gt;"


def test_40f_keyword_arguments_are_not_rewritten():
    assert render_xml('<t t-out="fn(a=11, b=22) or a"/>', {"a": 1, "fn": lambda a, b: b}) == "22"


def test_40g_calling_an_unknown_name_is_a_type_error():
    assert isinstance(error_of('<t t-out="nofn()"/>').cause, TypeError)
