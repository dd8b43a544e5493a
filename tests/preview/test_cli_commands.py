"""`render` and `check` from the command line: options, output, exit status."""

from __future__ import annotations

import json

import pytest

from platxa_preview.cli import main
from tests.conftest import CORPUS, corpus_path


def odoo_addons() -> str:
    return str(corpus_path("odoo", "addons"))


def write_module(root, name, manifest: str, files: dict[str, str]):
    module = root / name
    module.mkdir()
    (module / "__manifest__.py").write_text(manifest, encoding="utf-8")
    for relative, text in files.items():
        path = module / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return module


@pytest.fixture
def broken_theme(tmp_path):
    return write_module(
        tmp_path, "theme_broken",
        "{'name': 'Broken', 'depends': ['website', 'theme_nowhere'],\n"
        " 'data': ['views/a.xml', 'views/missing.xml']}",
        {"views/a.xml": '<odoo>\n<template id="s_banner" inherit_id="website.s_banner">\n'
                        '<xpath expr="//marquee" position="inside"><i/></xpath>\n'
                        "</template>\n</odoo>"},
    )  # fmt: skip


def test_check_text_output_and_exit_status(broken_theme, capsys):
    assert main(["check", "--addons-path", odoo_addons(), str(broken_theme)]) == 1
    out = capsys.readouterr().out.splitlines()
    manifest = str(broken_theme / "__manifest__.py")
    assert any(line.startswith(f"{manifest}:1: error [missing-dependency]") for line in out)
    assert any(line.startswith(f"{manifest}:2: error [missing-data-file]") for line in out)
    assert any(
        line.startswith(f"{broken_theme / 'views' / 'a.xml'}:3: error [xpath-not-found]")
        and "//marquee" in line
        for line in out
    )
    assert out[-1].startswith("3 errors")
    assert "in dependencies not shown" in out[-1]


def test_check_json_shape(broken_theme, capsys):
    assert main(["check", "--format", "json", "--addons-path", odoo_addons(),
                 str(broken_theme)]) == 1  # fmt: skip
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1
    assert document["summary"]["error"] == 3
    errors = [d for d in document["diagnostics"] if d["severity"] == "error"]
    assert {d["code"] for d in errors} == {"missing-dependency", "missing-data-file",
                                           "xpath-not-found"}  # fmt: skip
    for diagnostic in document["diagnostics"]:
        assert set(diagnostic) == {"severity", "code", "message", "file", "line", "module"}
    # the partial Odoo tree's own gaps are warnings, never errors
    assert all(d["module"] == "theme_broken" for d in errors)


def test_check_passes_on_a_clean_module_despite_dependency_warnings(tmp_path, capsys):
    module = write_module(
        tmp_path, "theme_ok", "{'name': 'OK', 'depends': ['website'], 'data': ['views/a.xml']}",
        {"views/a.xml": '<odoo><template id="s_banner" inherit_id="website.s_banner">'
                        '<xpath expr="//section" position="attributes">'
                        '<attribute name="class" add="o_cc3" separator=" "/></xpath>'
                        "</template></odoo>"},
    )  # fmt: skip
    assert main(["check", "--addons-path", odoo_addons(), str(module)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 errors")


def test_check_single_xml_file_against_the_addons_path(tmp_path, capsys):
    path = tmp_path / "snippet.xml"
    path.write_text('<odoo><template id="x" inherit_id="website.s_banner">'
                    '<xpath expr="//h1" position="replace"/></template></odoo>')  # fmt: skip
    assert main(["check", "--addons-path", odoo_addons(), str(path)]) == 0
    assert main(["check", str(path)]) == 1  # without website, the parent is unknown
    assert "unknown-inherit-id" in capsys.readouterr().out


def test_render_a_corpus_theme_page_to_a_file(tmp_path, capsys):
    corpus_path("design-themes")
    target = tmp_path / "page.html"
    addons = f"{odoo_addons()},{CORPUS / 'design-themes'}"
    assert main(["render", "--addons-path", addons, "--theme", "theme_cobalt", "-o",
                 str(target)]) == 0  # fmt: skip
    assert 'id="wrapwrap"' in target.read_text(encoding="utf-8")
    err = capsys.readouterr().err  # specs that could not apply are skipped and reported
    assert "customizations.xml:29: error [xpath-not-found]" in err
    assert main(["render", "--addons-path", addons, "--theme", "theme_cobalt", "--page",
                 "/contactus", "-o", str(target)]) == 0  # fmt: skip
    assert "Contact" in target.read_text(encoding="utf-8")


def test_render_values_override_the_demo_environment(tmp_path, capsys):
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"website": {"name": "Bakery <Bob>"}}))
    assert main(["render", "--values", f"@{values}"]) == 0
    html = capsys.readouterr().out
    assert "Bakery &lt;Bob&gt;" in html and "Bakery <Bob>" not in html


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("[1, 2]", "expected a JSON object"),
        ("{nope", "invalid JSON"),
        ("@/no/such/file.json", "cannot read"),
    ],
)
def test_bad_values_are_usage_errors(values, message, capsys):
    assert main(["render", "--values", values]) == 2
    assert message in capsys.readouterr().err


def test_unknown_theme_fails_with_a_message(capsys):
    assert main(["render", "--theme", "theme_nowhere"]) == 1
    assert "theme_nowhere" in capsys.readouterr().err


def test_render_with_tokens_adds_their_instant_stylesheet(tmp_path, capsys):
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps({"colors": {"primary": {"hex": "#123456"}}}))
    assert main(["render", "--tokens", str(tokens)]) == 0
    html = capsys.readouterr().out
    head = html[: html.index("</head>")]
    assert '<style id="platxa-tokens">' in head
    assert "--o-color-1: #123456" in head


def test_render_refuses_tokens_that_inject_css(tmp_path, capsys):
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps({"colors": {"primary": {"hex": "#fff;}</style>"}}}))
    assert main(["render", "--tokens", str(tokens)]) == 2
    assert "colors.primary" in capsys.readouterr().err
