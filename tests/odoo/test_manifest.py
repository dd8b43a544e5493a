"""Manifests are read as literals, never executed; each problem is reported at its line."""

from __future__ import annotations

from platxa_preview.odoo import load_site, read_manifest
from tests.odoo.modules import write_module


def read(tmp_path, text: str, name: str = "__manifest__.py"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems = []
    manifest = read_manifest(
        path, lambda code, message, line: problems.append((code, line, message))
    )
    return manifest, problems


def test_manifest_with_comments_and_trailing_commas_is_read(tmp_path):
    manifest, problems = read(
        tmp_path,
        "# Part of Odoo.\n{\n    'name': 'X',\n    'depends': ['web',],\n    'data': [\n"
        "        'views/a.xml',  # first\n        'views/b.xml',\n    ],\n}\n",
    )
    assert problems == []
    assert manifest.valid
    assert manifest.depends == ["web"]
    assert manifest.data == ["views/a.xml", "views/b.xml"]
    assert manifest.line_of("data", 0) == 6
    assert manifest.line_of("data", 1) == 7
    assert manifest.line_of("depends") == 4


def test_manifest_syntax_error_is_reported_with_its_line(tmp_path):
    manifest, problems = read(tmp_path, "{\n    'name': 'X',\n    'depends': ['web'\n}\n")
    assert not manifest.valid
    assert [code for code, _, _ in problems] == ["manifest-invalid"]
    assert problems[0][1] in (3, 4)


def test_manifest_that_is_not_a_dict_is_invalid(tmp_path):
    manifest, problems = read(tmp_path, "['name', 'X']\n")
    assert not manifest.valid
    assert problems[0][0] == "manifest-invalid"
    assert "dict literal" in problems[0][2]


def test_manifest_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    manifest, problems = read(
        tmp_path,
        "{\n    'name': 'X',\n"
        f"    'data': __import__('pathlib').Path({str(marker)!r}).touch() or [],\n}}\n",
    )
    assert not marker.exists()
    assert manifest.valid  # the other keys still count
    assert manifest.name == "X"
    assert "data" not in manifest.raw
    assert problems == [("manifest-invalid", 3, problems[0][2])]
    assert "not a Python literal" in problems[0][2]


def test_wrong_types_are_reported_at_the_key_and_left_out(tmp_path):
    manifest, problems = read(
        tmp_path,
        "{\n    'name': 'X',\n    'depends': 'website',\n    'data': ['a.xml', 3],\n"
        "    'installable': 'yes',\n    'configurator_snippets': {'homepage': 's_cover'},\n}\n",
    )
    assert [(code, line) for code, line, _ in problems] == [
        ("manifest-invalid", 3),
        ("manifest-invalid", 4),
        ("manifest-invalid", 5),
        ("manifest-invalid", 6),
    ]
    assert "'depends' must be a list of module names" in problems[0][2]
    assert manifest.depends == []
    assert manifest.data == []
    assert manifest.installable is True
    assert manifest.configurator_snippets == {}


def test_asset_entries_become_commands(tmp_path):
    manifest, problems = read(
        tmp_path,
        "{\n    'assets': {\n        'web.assets_frontend': [\n"
        "            'm/static/src/a.scss',\n"
        "            ('prepend', 'm/static/src/first.scss'),\n"
        "            ('after', 'm/static/src/a.scss', 'm/static/src/b.scss'),\n"
        "            ('include', 'web._assets_helpers'),\n"
        "            ('sideways', 'm/static/src/c.scss'),\n"
        "        ],\n    },\n}\n",
    )
    commands = manifest.assets["web.assets_frontend"]
    assert [(c.directive, c.target, c.path, c.line) for c in commands] == [
        ("append", None, "m/static/src/a.scss", 4),
        ("prepend", None, "m/static/src/first.scss", 5),
        ("after", "m/static/src/a.scss", "m/static/src/b.scss", 6),
        ("include", None, "web._assets_helpers", 7),
    ]
    assert [(code, line) for code, line, _ in problems] == [("manifest-invalid", 8)]


def test_snippet_lists_is_the_older_name_of_configurator_snippets(tmp_path):
    manifest, _ = read(tmp_path, "{'snippet_lists': {'homepage': ['s_banner', 's_text_image']}}")
    assert manifest.configurator_snippets == {"homepage": ["s_banner", "s_text_image"]}
    assert manifest.homepage_snippets == ["s_banner", "s_text_image"]


def test_openerp_manifest_is_accepted(tmp_path):
    folder = tmp_path / "old_module"
    folder.mkdir()
    (folder / "__openerp__.py").write_text("{'name': 'Old', 'depends': []}\n")
    site = load_site(tmp_path, ["old_module"])
    assert [m.name for m in site.modules] == ["old_module"]
    assert site.modules[0].manifest.name == "Old"
    assert not site.diagnostics


def test_invalid_manifest_of_a_checked_module_is_an_error(tmp_path):
    folder = write_module(tmp_path, "broken", "{\n    'name': 'Broken',\n    'data': [\n}\n")
    site = load_site(tmp_path, ["broken"])
    (diagnostic,) = site.diagnostics
    assert (diagnostic.severity, diagnostic.code) == ("error", "manifest-invalid")
    assert diagnostic.file == str(folder / "__manifest__.py")
    assert diagnostic.line in (3, 4)
    assert site.module("broken").manifest.valid is False


def test_invalid_manifest_of_a_dependency_is_a_warning(tmp_path):
    write_module(tmp_path, "base_x", "{'name': 'B', 'depends': 'web'}\n")
    write_module(tmp_path, "theme_x", {"name": "T", "depends": ["base_x"]})
    site = load_site(tmp_path, ["theme_x"])
    assert [(d.severity, d.code, d.module) for d in site.diagnostics] == [
        ("warning", "manifest-invalid", "base_x")
    ]
