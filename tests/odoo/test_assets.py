"""Asset bundles: manifest `assets`, `<asset>` elements and `ir.asset` records, in Odoo's order."""

from __future__ import annotations

from platxa_preview.odoo import load_site
from tests.odoo.modules import line_of, write_module

SCSS = ["a.scss", "b.scss", "c.scss", "old.scss", "lib/x.scss", "lib/y.scss", "theme.scss"]


def asset_site(tmp_path, theme_assets, records="", base_assets=None):
    base = write_module(
        tmp_path,
        "web",
        {
            "name": "Web",
            "assets": base_assets
            or {
                "web.assets_frontend": [
                    "web/static/src/a.scss",
                    "web/static/src/lib/**/*",
                    "web/static/src/b.scss",
                ],
                "web._helpers": ["web/static/src/old.scss"],
            },
        },
    )
    for name in SCSS:
        path = base / "static/src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("// scss\n")
    theme = write_module(
        tmp_path,
        "theme_x",
        {
            "name": "T",
            "depends": ["web"],
            "data": ["data/ir_asset.xml"],
            "assets": theme_assets,
        },
        {"data/ir_asset.xml": f"<odoo>{records}</odoo>"},
    )
    (theme / "static/src").mkdir(parents=True)
    (theme / "static/src/theme.scss").write_text("// theme\n")
    (theme / "static/src/first.scss").write_text("// first\n")
    return load_site(tmp_path, ["theme_x"])


def urls(site, bundle):
    return [file.url for file in site.assets.files(bundle)]


def test_manifest_globs_expand_sorted_and_are_not_repeated(tmp_path):
    site = asset_site(tmp_path, {"web.assets_frontend": ["web/static/src/a.scss"]})
    assert urls(site, "web.assets_frontend") == [
        "/web/static/src/a.scss",
        "/web/static/src/lib/x.scss",
        "/web/static/src/lib/y.scss",
        "/web/static/src/b.scss",
    ]
    assert all(
        file.path and file.path.is_file() for file in site.assets.files("web.assets_frontend")
    )


def test_prepend_remove_and_targets(tmp_path):
    site = asset_site(
        tmp_path,
        {
            "web.assets_frontend": [
                ("prepend", "theme_x/static/src/first.scss"),
                ("remove", "web/static/src/lib/**/*"),
                ("after", "web/static/src/a.scss", "theme_x/static/src/theme.scss"),
                ("replace", "web/static/src/b.scss", "web/static/src/c.scss"),
                ("before", "/web/static/src/a.scss", "web/static/src/old.scss"),
            ]
        },
    )
    assert urls(site, "web.assets_frontend") == [
        "/theme_x/static/src/first.scss",
        "/web/static/src/old.scss",
        "/web/static/src/a.scss",
        "/theme_x/static/src/theme.scss",
        "/web/static/src/c.scss",
    ]
    assert site.assets.resolve("web.assets_frontend").problems == []


def test_asset_elements_and_records_come_after_manifests_by_sequence(tmp_path):
    records = """
        <asset id="theme_x.late" name="Late">
            <bundle>web.assets_frontend</bundle>
            <path>theme_x/static/src/theme.scss</path>
        </asset>
        <asset id="theme_x.early">
            <field name="sequence" eval="1"/>
            <bundle directive="prepend">web.assets_frontend</bundle>
            <path>theme_x/static/src/first.scss</path>
        </asset>
        <asset id="theme_x.off" active="False">
            <bundle>web.assets_frontend</bundle>
            <path>web/static/src/c.scss</path>
        </asset>
        <record id="theme_x.drop_b" model="theme.ir.asset">
            <field name="bundle">web.assets_frontend</field>
            <field name="directive">remove</field>
            <field name="path">web/static/src/b.scss</field>
        </record>
    """
    site = asset_site(tmp_path, {}, records)
    assert urls(site, "web.assets_frontend") == [
        "/theme_x/static/src/first.scss",  # sequence 1 < 16: before the manifests
        "/web/static/src/a.scss",
        "/web/static/src/lib/x.scss",
        "/web/static/src/lib/y.scss",
        "/theme_x/static/src/theme.scss",
    ]
    late = site.assets.record("theme_x.late")
    assert (late.name, late.module, late.line, late.directive) == ("Late", "theme_x", 2, "append")
    assert late.file.endswith("ir_asset.xml")
    assert site.assets.record("theme_x.off").active is False
    assert not site.diagnostics


def test_include_and_missing_files(tmp_path):
    site = asset_site(
        tmp_path,
        {
            "web.assets_frontend": [
                ("include", "web._helpers"),
                "theme_x/static/src/not_there.scss",
                "theme_x/static/src/nothing/**/*.scss",
            ]
        },
    )
    files = site.assets.files("web.assets_frontend")
    assert [f.url for f in files][-2:] == [
        "/web/static/src/old.scss",
        "/theme_x/static/src/not_there.scss",
    ]
    assert files[-1].path is None
    assert files[-2].bundle == "web._helpers"
    # missing files of the checked module are reported, as warnings (Odoo only logs them)
    assert [(d.severity, d.code) for d in site.diagnostics] == [
        ("warning", "missing-asset-file"),
        ("warning", "missing-asset-file"),
    ]
    manifest = site.module("theme_x").manifest_file
    assert [d.line for d in site.diagnostics] == [line_of(manifest, "'assets'")] * 2
    assert all(d.file == str(manifest) for d in site.diagnostics)


def test_include_cycles_and_unknown_targets_are_problems_not_crashes(tmp_path):
    site = asset_site(
        tmp_path,
        {
            "b.one": [("include", "b.two")],
            "b.two": [
                ("include", "b.one"),
                ("after", "web/static/src/zzz.scss", "web/static/src/a.scss"),
            ],
        },
        base_assets={"b.other": []},
    )
    problems = site.assets.resolve("b.one").problems
    assert any("circular" in problem for problem in problems)
    assert any("zzz.scss" in problem for problem in problems)


def test_extension_filter_and_external_urls(tmp_path):
    site = asset_site(
        tmp_path,
        {
            "web.assets_frontend": [
                "https://cdn.example.com/lib.js",
                "theme_x/static/src/theme.scss",
            ]
        },
    )
    assert [f.url for f in site.assets.files("web.assets_frontend", extensions=["js"])] == [
        "https://cdn.example.com/lib.js"
    ]
    assert "/theme_x/static/src/theme.scss" in [
        f.url for f in site.assets.files("web.assets_frontend", extensions=[".scss"])
    ]
    assert not site.diagnostics


def test_prepend_in_an_included_bundle_stays_at_that_bundle_start(tmp_path):
    # Odoo inserts at `bundle_start_index`: a theme prepending to web._helpers does not jump
    # ahead of what the including bundle already holds
    site = asset_site(
        tmp_path,
        {"web._helpers": [("prepend", "theme_x/static/src/first.scss")]},
        base_assets={
            "web.assets_frontend": ["web/static/src/a.scss", ("include", "web._helpers")],
            "web._helpers": ["web/static/src/old.scss"],
        },
    )
    assert urls(site, "web.assets_frontend") == [
        "/web/static/src/a.scss",
        "/theme_x/static/src/first.scss",
        "/web/static/src/old.scss",
    ]
    assert urls(site, "web._helpers") == [
        "/theme_x/static/src/first.scss",
        "/web/static/src/old.scss",
    ]
