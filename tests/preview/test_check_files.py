"""`check` on single XML files: each diagnostic names the file, the line and a stable code."""

from __future__ import annotations

import pytest

from platxa_preview.check import check_xml_file
from platxa_preview.diagnostics import CODES, Diagnostic, Diagnostics

CASES = {
    "xml-syntax": ("<odoo><template id='a'><div></template></odoo>", 1),
    "unknown-directive": ('<odoo>\n<template id="a">\n<div t-iff="x"/>\n</template></odoo>', 3),
    "misplaced-directive": ('<odoo>\n<template id="a">\n<t t-value="1"/>\n</template></odoo>', 3),
    "expression-syntax": ('<odoo>\n<template id="a">\n<t t-out="a +"/>\n</template></odoo>', 3),
    "forbidden-name": (
        '<odoo>\n<template id="a">\n<t t-out="a.__class__"/>\n</template></odoo>',
        3,
    ),
    "unknown-template": (
        '<odoo>\n<template id="a">\n\n<t t-call="web.nowhere"/>\n</template></odoo>',
        4,
    ),
    "unknown-inherit-id": (
        '<odoo>\n<template id="a" inherit_id="website.nothing">\n'
        '<xpath expr="." position="inside"/></template></odoo>',
        2,
    ),
    "xpath-not-found": (
        '<odoo><template id="a"><div/></template>\n<template id="b" inherit_id="a">\n'
        '<xpath expr="//section" position="inside"><i/></xpath></template></odoo>',
        3,
    ),
    "invalid-position": (
        '<odoo><template id="a"><div/></template>\n<template id="b" inherit_id="a">\n'
        '<xpath expr="//div" position="sideways"><i/></xpath></template></odoo>',
        3,
    ),
    "invalid-attribute-spec": (
        '<odoo><template id="a"><div/></template>\n<template id="b" inherit_id="a">\n'
        '<xpath expr="//div" position="attributes"><attribute/></xpath></template></odoo>',
        3,
    ),
    "invalid-xpath": (
        '<odoo><template id="a"><div/></template>\n<template id="b" inherit_id="a">\n'
        '<xpath expr="//div[" position="inside"/></template></odoo>',
        3,
    ),
    "duplicate-id": (
        '<odoo><template id="a"><div/></template>\n<template id="a"><p/></template></odoo>',
        2,
    ),
}


def run_check(tmp_path, xml: str) -> Diagnostics:
    path = tmp_path / "views.xml"
    path.write_text(xml, encoding="utf-8")
    diagnostics = Diagnostics()
    check_xml_file(path, diagnostics)
    return diagnostics


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_problem_is_reported_with_file_line_and_code(tmp_path, code):
    xml, line = CASES[code]
    diagnostics = run_check(tmp_path, xml)
    found = diagnostics.with_code(code)
    assert found, [d.format() for d in diagnostics]
    assert found[0].file == str(tmp_path / "views.xml")
    assert found[0].line == line
    assert found[0].severity == "error"


def test_a_clean_file_has_no_diagnostics(tmp_path):
    xml = ('<odoo><template id="a"><div t-foreach="[1]" t-as="i" t-out="i"/></template>'
           '<template id="b" inherit_id="a"><xpath expr="//div" position="after"><p/></xpath>'
           "</template></odoo>")  # fmt: skip
    assert run_check(tmp_path, xml) == []


def test_xpath_diagnostic_names_the_expression(tmp_path):
    message = run_check(tmp_path, CASES["xpath-not-found"][0]).with_code("xpath-not-found")[0]
    assert "//section" in message.message


def test_a_missing_file_is_reported(tmp_path):
    diagnostics = Diagnostics()
    check_xml_file(tmp_path / "nope.xml", diagnostics)
    assert [d.code for d in diagnostics] == ["missing-data-file"]


def test_diagnostic_codes_are_validated():
    with pytest.raises(ValueError):
        Diagnostic("error", "no-such-code", "x")
    assert all(description for description in CODES.values())
