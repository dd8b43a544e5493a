"""Odoo's QWeb conformance files, run the way Odoo's TestQWebStaticXml runs them.

See ../shared/corpus/odoo/addons/web/static/lib/qweb/README.md: every template whose name does
not start with `_` is a case; params come from `<params id>` (JSON, key order kept) with
`__keep_empty_lines` defaulted to True; the result is compared stripped, with `&quot;` read as
`&#34;`; `qweb-test-extend.xml` is skipped (JavaScript-only `t-extend` inheritance).

The files were written for Odoo <= 15, whose output kept every whitespace character of the
template. They run twice: with `legacy_whitespace=True` (Odoo 15's output) every case must pass;
with the Odoo 16-18 whitespace rules (spec §4.5, our default) the few cases that differ only in
layout whitespace are expected failures, and a second test proves the difference is whitespace.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict

import pytest
from lxml import etree

import qweb
from tests.conftest import CORPUS, corpus_path

SUITE = ("odoo", "addons", "web", "static", "lib", "qweb")
SKIPPED_FILES = {"qweb-test-extend.xml"}  # JavaScript-only t-extend, skipped by Odoo too

# Cases whose expected text keeps Odoo 15 layout whitespace that the 16+ compiler removes.
MODERN_WHITESPACE_ONLY = {
    "qweb-test-global.xml::caller": "16+ drops the newline+indent before <t t-call>/<t t-set> "
    "and at the end of loop bodies (spec §4.5); the expected text is Odoo 15's",
}


def _suite_files():
    folder = CORPUS.joinpath(*SUITE)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("qweb-test-*.xml") if p.name not in SKIPPED_FILES)


def _cases():
    cases = []
    for path in _suite_files():
        root = etree.parse(str(path)).getroot()
        for child in root:
            name = child.get("t-name") if isinstance(child.tag, str) else None
            if name and not name.startswith("_"):
                cases.append(pytest.param(path, name, id=f"{path.name}::{name}"))
    return cases


def _params(root, name):
    node = root.find(f"params[@id='{name}']")
    params = json.loads(node.text, object_pairs_hook=OrderedDict) if node is not None else {}
    params.setdefault("__keep_empty_lines", True)
    return params


def _expected(root, name):
    node = root.find(f"result[@id='{name}']")
    return (node.text or "").strip().replace("&quot;", "&#34;") if node is not None else ""


def _render(path, name, *, legacy):
    corpus_path(*SUITE)
    root = etree.parse(str(path)).getroot()
    engine = qweb.Engine(legacy_whitespace=legacy)
    engine.load(str(path))
    # The widgets file was written for Europe/Brussels and en_US (README of the suite).
    rendered = engine.render(name, _params(root, name), tz="Europe/Brussels", lang="en_US")
    return str(rendered).strip(), _expected(root, name)


def test_the_suite_is_found():
    corpus_path(*SUITE)
    assert len(_suite_files()) == 9
    assert len(_cases()) == 58


@pytest.mark.parametrize(("path", "name"), _cases())
def test_case_with_odoo_15_whitespace(path, name):
    rendered, expected = _render(path, name, legacy=True)
    assert rendered == expected


def _modern_cases():
    cases = []
    for case in _cases():
        reason = MODERN_WHITESPACE_ONLY.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(*case.values, id=case.id, marks=marks))
    return cases


@pytest.mark.parametrize(("path", "name"), _modern_cases())
def test_case_with_odoo_16_to_18_whitespace(path, name):
    rendered, expected = _render(path, name, legacy=False)
    assert rendered == expected


@pytest.mark.parametrize("case_id", sorted(MODERN_WHITESPACE_ONLY))
def test_modern_differences_are_whitespace_only(case_id):
    file_name, name = case_id.split("::")
    path = corpus_path(*SUITE, file_name)
    rendered, expected = _render(path, name, legacy=False)
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert rendered != expected
    assert squash(rendered) == squash(expected)
