"""`scss`, `tokens show` and `tokens export` from the command line."""

from __future__ import annotations

import json

from platxa_preview.cli import main
from platxa_preview.scss import VARIABLES_BUNDLE, build_program, palette_from_css
from platxa_preview.site import ThemeSite
from platxa_preview.tokens import resolve
from tests.conftest import corpus_path
from tests.scss.conftest import corpus_addons, write_scss_theme

TOKENS = {
    "name": "cli-brand",
    "colors": {
        "primary": {"hex": "#8B35A8", "oklch": [0.52, 0.18, 316]},
        "accent": {"oklch": [0.7, 0.35, 150]},  # out of gamut
        "neutral": {"dark": "#1d1020", "light": "#f6f1f8", "background": "#ffffff"},
    },
    "typography": {"families": {"sans": "Inter, sans-serif", "headings": "Lora, serif"}},
}


def tokens_file(tmp_path):
    path = tmp_path / "brand.tokens.json"
    path.write_text(json.dumps(TOKENS), encoding="utf-8")
    return path


def test_scss_without_odoo_prints_the_builtin_layer(capsys):
    assert main(["scss"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith('@charset "UTF-8";')
    assert "--o-color-1: #8b35a8;" in captured.out
    assert "built-in layer" in captured.err and "not on the addons path" in captured.err


def test_scss_with_odoo_and_bootstrap_writes_the_compiled_css(tmp_path, bootstrap_scss, capsys):
    output = tmp_path / "clean.css"
    args = ["scss", "--addons-path", corpus_addons(), "--theme", "theme_clean",
            "--bootstrap-scss", str(bootstrap_scss.parent), "-o", str(output)]  # fmt: skip
    assert main([*args, "--tokens", str(tokens_file(tmp_path))]) == 0
    err = capsys.readouterr().err
    assert "theme_clean: Odoo's SCSS pipeline" in err and "web.assets_frontend" in err
    assert "[scss-version-gap]" in err  # the corpus mixes Odoo versions: said, with file:line
    css = output.read_text(encoding="utf-8")
    assert palette_from_css(css, ["o-color-1"]) == {"o-color-1": "#8b35a8"}
    assert "#3498db" not in css.lower()


def test_scss_usage_and_compile_errors(tmp_path, bootstrap_scss, capsys):
    assert main(["scss", "--bootstrap-scss", str(tmp_path)]) == 2
    assert "is not Bootstrap's SCSS folder" in capsys.readouterr().err
    theme = write_scss_theme(tmp_path, "theme_oops", "$a: 1;\n$b: $a +;\n")
    addons = f"{corpus_path('odoo', 'addons')},{tmp_path}"
    args = ["scss", "--addons-path", addons, "--theme", "theme_oops"]
    assert main([*args, "--bootstrap-scss", str(bootstrap_scss)]) == 1
    err = capsys.readouterr().err
    assert f"{theme / 'static/src/scss/primary_variables.scss'}:2:" in err


def test_tokens_show_text_and_json(tmp_path, capsys):
    path = tokens_file(tmp_path)
    assert main(["tokens", "show", "--tokens", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Odoo palette 'cli-brand'" in text and "gamut mapped to sRGB" in text
    assert "Contrast (WCAG" in text and "o_cc5" in text
    assert main(["tokens", "show", "--tokens", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    accent = next(c for c in document["colors"] if c["name"] == "accent")
    assert accent["gamut_mapped"] is True and accent["source"] == "oklch"
    assert document["palette"]["o-color-1"] == "#8b35a8"
    assert len(document["contrast"]) == 35


def test_tokens_show_reads_a_theme_palette_back(capsys):
    args = ["tokens", "show", "--addons-path", corpus_addons(), "--theme", "theme_clean"]
    assert main([*args, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["palette_name"] == "clean-1"
    assert [document["palette"][f"o-color-{n}"] for n in range(1, 6)] == [
        "#3498db", "#34495e", "#e5edf2", "#ffffff", "#333333",
    ]  # fmt: skip
    assert document["fonts"]["base"][0] == "PT Sans"
    assert main(["tokens", "show"]) == 0  # the demo theme's
    assert "platxa-1" in capsys.readouterr().out


def test_bad_tokens_are_usage_errors(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"colors": {"primary": "red; }"}}', encoding="utf-8")
    assert main(["tokens", "show", "--tokens", str(path)]) == 2
    assert "colors.primary" in capsys.readouterr().err


def test_tokens_export_round_trips_through_libsass(tmp_path, bootstrap_scss, compiler, capsys):
    exported = tmp_path / "primary_variables.scss"
    assert main(["tokens", "export", "--tokens", str(tokens_file(tmp_path)), "-o",
                 str(exported)]) == 0  # fmt: skip
    expected = {c.name: c.hex for c in resolve(TOKENS).colors}
    addons = tmp_path / "addons"
    addons.mkdir()
    write_scss_theme(addons, "theme_exported", exported.read_text(encoding="utf-8"))
    # with --theme: the theme's own file first, the tokens merged over it
    args = ["tokens", "export", "--tokens", str(tokens_file(tmp_path)),
            "--addons-path", corpus_addons(), "--theme", "theme_zenith"]  # fmt: skip
    assert main(args) == 0
    merged = capsys.readouterr().out
    zenith = corpus_path("design-themes", "theme_zenith", "static/src/scss/primary_variables.scss")
    assert merged.startswith(zenith.read_text(encoding="utf-8").rstrip("\n"))
    write_scss_theme(addons, "theme_merged", merged)
    order = ("primary", "accent", "neutral.light", "neutral.background", "neutral.dark")
    for theme in ("theme_exported", "theme_merged"):
        site = ThemeSite.load(f"{corpus_path('odoo', 'addons')},{addons}", theme)
        program = build_program(site.site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap_scss,
                                probe=True)  # fmt: skip
        found = palette_from_css(compiler.compile(program).css)
        assert [found[f"o-color-{n}"] for n in range(1, 6)] == [expected[n] for n in order]
        assert found["headings-font"].startswith('"Lora"')
