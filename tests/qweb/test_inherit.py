"""View inheritance specs applied to an arch (qweb-spec.md §7.3, test cases 30-38)."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from qweb.errors import QWebError
from qweb.inherit import InheritanceError, apply_inheritance_specs, locate_node
from qweb.source import ORIGIN_ATTR, origin_of, stamp_origin, strip_origins


def parse(text: str) -> etree._Element:
    return etree.fromstring(text)


def xml_text(element: etree._Element) -> str:
    element = copy.deepcopy(element)
    strip_origins(element)
    return etree.tostring(element, encoding="unicode")


def apply(base: str, spec: str, **kwargs) -> str:
    return xml_text(apply_inheritance_specs(parse(base), parse(spec), **kwargs))


def assert_same_xml(actual: str, expected: str) -> None:
    assert actual == xml_text(parse(expected))


# -- 30: inside / after / before ----------------------------------------------------------------

BASE_30 = '<t t-name="m.b"><div><p>a</p></div></t>'


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ('<xpath expr="//div"><i/></xpath>', "<div><p>a</p><i/></div>"),
        ('<xpath expr="//p" position="after"><i/></xpath>', "<div><p>a</p><i/></div>"),
        ('<xpath expr="//p" position="before"><i/></xpath>', "<div><i/><p>a</p></div>"),
    ],
)
def test_30_inside_after_before(spec, expected):
    assert_same_xml(apply(BASE_30, spec), f'<t t-name="m.b">{expected}</t>')


def test_after_moves_the_target_tail_behind_the_inserted_nodes():
    result = apply("<r><p/>tail<q/></r>", '<xpath expr="//p" position="after"><i/>x</xpath>')
    assert_same_xml(result, "<r><p/><i/>xtail<q/></r>")


def test_spec_text_is_inserted_too():
    result = apply("<r><p>a</p></r>", '<xpath expr="//p" position="inside">text<b/></xpath>')
    assert_same_xml(result, "<r><p>atext<b/></p></r>")


# -- 31: replace --------------------------------------------------------------------------------


def test_31a_replace_with_dollar_zero_wraps_the_target():
    result = apply(
        "<template><div><p>Content</p></div></template>",
        '<xpath expr="//p" position="replace"><div class="some">$0</div></xpath>',
    )
    assert_same_xml(
        result, '<template><div><div class="some"><p>Content</p></div></div></template>'
    )


def test_31b_empty_replace_deletes_the_target():
    result = apply(
        "<template><div><p>Content</p></div></template>", '<xpath expr="//p" position="replace"/>'
    )
    assert_same_xml(result, "<template><div/></template>")


def test_31c_replace_inner_keeps_the_element_and_swaps_its_content():
    result = apply(
        "<template><div>old<p/>tail</div></template>",
        '<xpath expr="//div" position="replace" mode="inner">X<b/>Y</xpath>',
    )
    assert_same_xml(result, "<template><div>X<b/>Y</div></template>")


def test_replace_inner_keeps_attributes_and_tail():
    result = apply(
        '<r><div class="c">old<p/></div>after</r>',
        '<xpath expr="//div" position="replace" mode="inner"><i/></xpath>',
    )
    assert_same_xml(result, '<r><div class="c"><i/></div>after</r>')


def test_replace_drops_the_target_tail_text():
    result = apply("<r><a/>tail of a<b/></r>", '<xpath expr="//a" position="replace"><c/></xpath>')
    assert_same_xml(result, "<r><c/><b/></r>")


def test_replace_root_keeps_t_name_and_leading_comment():
    arch = parse('<t t-name="m.x"><div/></t>')
    spec = parse(
        '<data><xpath expr="." position="replace"><!-- note --><section>s<p/></section></xpath>'
        "</data>"
    )
    result = apply_inheritance_specs(arch, spec)
    assert result.tag == "section"
    assert xml_text(result) == '<section t-name="m.x"><!-- note -->s<p/></section>'
    assert result.getparent() is None


def test_replace_root_with_dollar_zero_wraps_the_old_root():
    result = apply(
        '<t t-name="m.x"><p/></t>', '<xpath expr="." position="replace"><div>$0</div></xpath>'
    )
    assert_same_xml(result, '<div t-name="m.x"><t t-name="m.x"><p/></t></div>')


def test_invalid_replace_mode_is_an_error():
    with pytest.raises(InheritanceError, match="Invalid mode attribute: 'middle'"):
        apply("<r><p/></r>", '<xpath expr="//p" position="replace" mode="middle"/>')


# -- 32: move -----------------------------------------------------------------------------------


def test_32_move_inside():
    result = apply(
        '<template><div><p class="some">Content</p></div><div class="target"/></template>',
        '<xpath expr="//div[@class=\'target\']" position="inside">'
        '<xpath expr="//p" position="move"/></xpath>',
    )
    assert_same_xml(
        result, '<template><div/><div class="target"><p class="some">Content</p></div></template>'
    )


def test_move_leaves_the_old_tail_behind_and_takes_the_move_tail():
    result = apply(
        "<r><a/><p/>old tail<b/></r>",
        '<xpath expr="//b" position="after"><xpath expr="//p" position="move"/>new tail</xpath>',
    )
    assert_same_xml(result, "<r><a/>old tail<b/><p/>new tail</r>")


def test_move_with_children_is_invalid():
    spec = (
        '<xpath expr="//div[@class=\'target\']" position="inside">'
        '<xpath expr="//p" position="move"><span/></xpath></xpath>'
    )
    base = '<template><div><p/></div><div class="target"/></template>'
    with pytest.raises(ValueError, match="Invalid specification for moved nodes"):
        apply(base, spec)


def test_move_of_a_missing_node_cannot_be_located():
    spec = '<xpath expr="//div" position="inside"><xpath expr="//nope" position="move"/></xpath>'
    with pytest.raises(InheritanceError, match="cannot be located in parent view"):
        apply("<r><div/></r>", spec)


def test_top_level_move_is_an_invalid_position():
    with pytest.raises(InheritanceError, match="Invalid position attribute: 'move'"):
        apply("<r><p/></r>", '<xpath expr="//p" position="move"/>')


def test_failed_move_leaves_the_arch_untouched():
    arch = parse("<r><div/><p/></r>")
    spec = parse(
        '<xpath expr="//div" position="inside"><i/><xpath expr="//nope" position="move"/></xpath>'
    )
    with pytest.raises(InheritanceError):
        apply_inheritance_specs(arch, spec)
    assert xml_text(arch) == "<r><div/><p/></r>"


def test_move_inside_replace_inner_can_reuse_old_children():
    result = apply(
        "<r><div><a/><b/></div></r>",
        '<xpath expr="//div" position="replace" mode="inner">'
        '<c/><xpath expr="//a" position="move"/></xpath>',
    )
    assert_same_xml(result, "<r><div><c/><a/></div></r>")


# -- 33 / 34: attributes ------------------------------------------------------------------------


def attributes(base: str, *attribute_specs: str) -> str:
    spec = f'<xpath expr="//div" position="attributes">{"".join(attribute_specs)}</xpath>'
    return apply(f"<r>{base}</r>", spec)


def test_attribute_with_text_sets_the_value():
    assert attributes('<div a="1"/>', '<attribute name="a">2</attribute>') == '<r><div a="2"/></r>'


def test_attribute_with_empty_text_removes_it():
    result = attributes('<div a="1" b="2"/>', '<attribute name="a"/>', '<attribute name="c"/>')
    assert result == '<r><div b="2"/></r>'


def test_new_attributes_come_after_existing_ones():
    result = attributes('<div b="2" a="1"/>', '<attribute name="c">3</attribute>')
    assert result == '<r><div b="2" a="1" c="3"/></r>'


def test_attribute_add_remove_with_default_comma_separator():
    result = attributes('<div k="a, b,c"/>', '<attribute name="k" add="d,e" remove="b"/>')
    assert result == '<r><div k="a,c,d,e"/></r>'


def test_attribute_add_appends_duplicates():
    result = attributes('<div class="a b"/>', '<attribute name="class" add="b" separator=" "/>')
    assert result == '<r><div class="a b b"/></r>'


def test_attribute_space_separator_splits_on_any_whitespace():
    result = attributes(
        '<div class="  a\n  b   c "/>',
        '<attribute name="class" add="d  e" remove="b" separator=" "/>',
    )
    assert result == '<r><div class="a c d e"/></r>'


def test_attribute_custom_separator():
    result = attributes('<div s="a; b"/>', '<attribute name="s" add="c" separator="; "/>')
    assert result == '<r><div s="a; b; c"/></r>'


def test_attribute_remove_everything_removes_the_attribute():
    result = attributes('<div class="a"/>', '<attribute name="class" remove="a" separator=" "/>')
    assert result == "<r><div/></r>"


def test_34_python_attribute_add_joins_with_and():
    result = attributes('<div t-if="a"/>', '<attribute name="t-if" add="b" separator="and"/>')
    assert result == '<r><div t-if="(a) and (b)"/></r>'


def test_34_python_attribute_remove_a_term():
    result = attributes(
        '<div t-if="a and b"/>', '<attribute name="t-if" remove="b" separator="and"/>'
    )
    assert result == '<r><div t-if="a"/></r>'


def test_python_attribute_with_or_and_parenthesised_terms():
    result = attributes(
        '<div invisible="(x) or (y)"/>', '<attribute name="invisible" remove="x" separator="or"/>'
    )
    assert result == '<r><div invisible="(y)"/></r>'
    result = attributes(
        '<div decoration-info="(state)"/>',
        '<attribute name="decoration-info" remove="state" separator="or"/>',
    )
    assert result == "<r><div/></r>"


def test_python_attribute_add_to_empty_value():
    result = attributes("<div/>", '<attribute name="t-elif" add="c" separator=" or "/>')
    assert result == '<r><div t-elif="c"/></r>'


def test_34_python_attribute_needs_and_or_separator():
    with pytest.raises(ValueError, match="Invalid separator ',' for python expression 't-if'"):
        attributes('<div t-if="a"/>', '<attribute name="t-if" add="b" separator=","/>')
    with pytest.raises(InheritanceError, match="Invalid separator None"):
        attributes('<div t-if="a"/>', '<attribute name="t-if" add="b"/>')


def test_attribute_spec_rejects_unknown_keys_and_text_with_add():
    with pytest.raises(InheritanceError, match="Invalid attributes 'value' in element <attribute>"):
        attributes("<div/>", '<attribute name="a" value="1"/>')
    with pytest.raises(InheritanceError, match="cannot contain text"):
        attributes("<div/>", '<attribute name="a" add="1">x</attribute>')


def test_attribute_spec_allows_data_oe_keys():
    result = attributes("<div/>", '<attribute name="a" data-oe-id="3">1</attribute>')
    assert result == '<r><div a="1"/></r>'


def test_a_failing_attribute_spec_changes_nothing():
    arch = parse('<r><div a="1"/></r>')
    spec = parse(
        '<xpath expr="//div" position="attributes"><attribute name="a">2</attribute>'
        '<attribute name="t-if" add="x" separator=","/></xpath>'
    )
    with pytest.raises(InheritanceError):
        apply_inheritance_specs(arch, spec)
    assert xml_text(arch) == '<r><div a="1"/></r>'


# -- 35: hasclass, element and field specs ------------------------------------------------------

BASE_35 = '<r><div class="x"/><div class="y x z" id="k"/></r>'


def test_35_hasclass_needs_every_class():
    result = apply(
        BASE_35,
        "<xpath expr=\"//div[hasclass('x', 'y')]\" position=\"attributes\">"
        '<attribute name="data-hit">1</attribute></xpath>',
    )
    assert result == '<r><div class="x"/><div class="y x z" id="k" data-hit="1"/></r>'


def test_35_element_spec_matches_tag_and_attributes():
    result = apply(BASE_35, '<div id="k" position="inside"><i/></div>')
    assert result == '<r><div class="x"/><div class="y x z" id="k"><i/></div></r>'


def test_element_spec_can_match_the_root():
    spec = '<data><t t-name="a" position="inside"><i/></t></data>'
    result = apply('<t t-name="a"><p/></t>', spec)
    assert result == '<t t-name="a"><p/><i/></t>'


def test_field_spec_matches_by_name_only():
    base = '<form><group><field name="a" string="A"/><field name="b"/></group></form>'
    result = apply(
        base, '<field name="b" string="ignored" position="after"><field name="c"/></field>'
    )
    assert result == (
        '<form><group><field name="a" string="A"/><field name="b"/><field name="c"/></group></form>'
    )


def test_locate_node_returns_first_match_or_none():
    arch = parse("<r><p id='1'/><p id='2'/></r>")
    assert locate_node(arch, parse('<xpath expr="//p"/>')).get("id") == "1"
    assert locate_node(arch, parse('<p id="2"/>')).get("id") == "2"
    assert locate_node(arch, parse('<xpath expr="."/>')) is arch
    assert locate_node(arch, parse('<xpath expr="//q"/>')) is None
    assert locate_node(arch, parse('<p id="3"/>')) is None


def test_xpath_with_clark_namespace():
    arch = parse('<r xmlns:x="urn:x"><x:a/></r>')
    assert locate_node(arch, parse('<xpath expr="//{urn:x}a"/>')).tag == "{urn:x}a"


def test_invalid_xpath_is_an_inheritance_error():
    with pytest.raises(InheritanceError, match="Invalid Expression while parsing xpath"):
        apply("<r/>", '<xpath expr="//p[" position="inside"/>')


def test_xpath_selecting_no_element_is_an_error():
    with pytest.raises(InheritanceError, match="does not select an element"):
        apply('<r a="1"/>', '<xpath expr="//@a" position="inside"/>')


# -- 38: target not found -----------------------------------------------------------------------


def test_38_xpath_target_not_found_message():
    with pytest.raises(ValueError) as caught:
        apply('<t t-name="m.a"><div/></t>', '<xpath expr="//nope" position="inside"><i/></xpath>')
    assert caught.value.message == (
        "Element '<xpath expr=\"//nope\">' cannot be located in parent view"
    )


def test_38_field_target_not_found_message():
    with pytest.raises(InheritanceError) as caught:
        apply('<t t-name="m.a"><div/></t>', '<field name="targut"/>')
    expected = "Element '<field name=\"targut\">' cannot be located in parent view"
    assert caught.value.message == expected


def test_not_found_message_escapes_attribute_values():
    with pytest.raises(InheritanceError) as caught:
        apply("<r/>", '<xpath expr="//p[@a=\'x&amp;y\']" position="after"/>')
    assert caught.value.message == (
        "Element '<xpath expr=\"//p[@a=&#39;x&amp;y&#39;]\">' cannot be located in parent view"
    )


def test_invalid_position_is_an_error():
    with pytest.raises(InheritanceError, match="Invalid position attribute: 'around'"):
        apply("<r><p/></r>", '<xpath expr="//p" position="around"><i/></xpath>')


def test_inserting_next_to_the_root_is_an_error():
    with pytest.raises(InheritanceError, match="root element"):
        apply("<r/>", '<xpath expr="." position="after"><i/></xpath>')


# -- errors: type, location, on_error -----------------------------------------------------------


def test_inheritance_error_is_a_qweb_error_and_a_value_error():
    assert issubclass(InheritanceError, QWebError)
    assert issubclass(InheritanceError, ValueError)


def test_errors_carry_the_spec_file_line_and_element():
    specs = parse('<data>\n  <p/>\n  <xpath expr="//nope" position="after">\n  </xpath>\n</data>')
    stamp_origin(specs, "views/extra.xml")
    with pytest.raises(InheritanceError) as caught:
        apply_inheritance_specs(parse("<r><p/></r>"), specs)
    error = caught.value
    assert error.file == "views/extra.xml"
    assert error.line == 3
    assert error.element == '<xpath expr="//nope" position="after"/>'
    assert "views/extra.xml, line 3" in str(error)


def test_on_error_reports_and_skips_the_failing_spec():
    errors = []
    specs = parse(
        "<data>"
        '<xpath expr="//a" position="inside"><i/></xpath>'
        '<xpath expr="//nope" position="inside"><i/></xpath>'
        '<xpath expr="//a" position="sideways"/>'
        '<xpath expr="//a" position="after"><b/></xpath>'
        "</data>"
    )
    result = apply_inheritance_specs(parse("<r><a/></r>"), specs, on_error=errors.append)
    assert xml_text(result) == "<r><a><i/></a><b/></r>"
    assert [type(error) for error in errors] == [InheritanceError, InheritanceError]
    assert "cannot be located" in errors[0].message
    assert "Invalid position" in errors[1].message


# -- containers, order, specs left intact -------------------------------------------------------


def test_specs_apply_in_order_and_see_earlier_changes():
    specs = parse(
        '<data><xpath expr="//a" position="inside"><b/></xpath>'
        '<xpath expr="//b" position="inside"><c/></xpath></data>'
    )
    assert xml_text(apply_inheritance_specs(parse("<r><a/></r>"), specs)) == (
        "<r><a><b><c/></b></a></r>"
    )


def test_nested_data_children_are_queued_after_the_current_specs():
    specs = parse(
        '<data><data><xpath expr="//a" position="inside"><first/></xpath></data>'
        '<xpath expr="//a" position="inside"><second/></xpath></data>'
    )
    assert xml_text(apply_inheritance_specs(parse("<r><a/></r>"), specs)) == (
        "<r><a><second/><first/></a></r>"
    )


@pytest.mark.parametrize("container", ["data", "t", "odoo"])
def test_containers_hold_specs_and_comments_are_skipped(container):
    specs = parse(f'<{container}><!-- c --><xpath expr="//a"><i/></xpath></{container}>')
    assert xml_text(apply_inheritance_specs(parse("<r><a/></r>"), specs)) == "<r><a><i/></a></r>"


def test_a_list_of_specs_is_accepted():
    specs = [parse('<xpath expr="//a"><i/></xpath>'), parse('<a position="after"><b/></a>')]
    assert (
        xml_text(apply_inheritance_specs(parse("<r><a/></r>"), specs)) == "<r><a><i/></a><b/></r>"
    )


def test_specs_are_left_intact_and_can_be_applied_again():
    specs = parse(
        '<data><xpath expr="//a" position="replace"><b>$0</b></xpath>'
        '<xpath expr="//b" position="inside"><xpath expr="//c" position="move"/></xpath></data>'
    )
    before = etree.tostring(specs)
    first = apply_inheritance_specs(parse("<r><a/><c/></r>"), specs)
    second = apply_inheritance_specs(parse("<r><a/><c/></r>"), specs)
    assert etree.tostring(specs) == before
    assert xml_text(first) == xml_text(second) == "<r><b><a/><c/></b></r>"


# -- whitespace while inserting ------------------------------------------------------------------


def test_whitespace_inside_reindents_after_the_block():
    base = "<div>\n    <p>a</p>\n</div>"
    spec = '<xpath expr="//div">\n        <i/>\n    </xpath>'
    assert apply(base, spec) == "<div>\n    <p>a</p>\n        <i/>\n</div>"


def test_whitespace_before_keeps_the_target_indentation():
    base = "<div>\n    <p>a</p>\n</div>"
    spec = '<xpath expr="//p" position="before">\n    <i/>\n</xpath>'
    assert apply(base, spec) == "<div>\n    <i/>\n    <p>a</p>\n</div>"


def test_whitespace_after_puts_the_target_tail_after_the_block():
    base = "<div>\n    <p>a</p>\n</div>"
    spec = '<xpath expr="//p" position="after">\n    <i/>\n</xpath>'
    assert apply(base, spec) == "<div>\n    <p>a</p>\n    <i/>\n</div>"


def test_whitespace_inside_empty_element():
    base = "<div>\n    <p>\n    </p>\n</div>"
    spec = '<xpath expr="//p">\n        <i/>\n    </xpath>'
    assert apply(base, spec) == "<div>\n    <p>\n        <i/>\n    </p>\n</div>"


# -- source file of inserted nodes ----------------------------------------------------------------


def test_inserted_nodes_are_stamped_with_the_spec_file():
    arch = parse("<t t-name='m.a'><div><p/></div></t>")
    stamp_origin(arch, "base.xml")
    specs = parse('<data><xpath expr="//div" position="inside"><i><b/></i></xpath></data>')
    stamp_origin(specs, "ext.xml")
    result = apply_inheritance_specs(arch, specs)
    assert origin_of(result.find(".//i")) == ("ext.xml", 1)
    assert origin_of(result.find(".//b"))[0] == "ext.xml"
    assert origin_of(result.find(".//p"))[0] == "base.xml"


def test_moved_and_copied_nodes_keep_their_file():
    arch = parse("<t><div><p/></div><section/></t>")
    stamp_origin(arch, "base.xml")
    specs = parse(
        '<data><xpath expr="//section" position="inside"><xpath expr="//p" position="move"/>'
        '</xpath><xpath expr="//div" position="replace"><span>$0</span></xpath></data>'
    )
    stamp_origin(specs, "ext.xml")
    result = apply_inheritance_specs(arch, specs)
    assert origin_of(result.find(".//section/p"))[0] == "base.xml"
    assert origin_of(result.find(".//span"))[0] == "ext.xml"
    assert origin_of(result.find(".//span/div"))[0] == "base.xml"
    assert ORIGIN_ATTR not in result.find(".//section").attrib


def test_inserted_nodes_keep_their_source_lines():
    specs = parse('<data>\n<xpath expr="//a">\n\n<i/>\n</xpath>\n</data>')
    result = apply_inheritance_specs(parse("<r><a/></r>"), specs)
    assert result.find(".//i").sourceline == 4
