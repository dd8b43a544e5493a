"""Real theme modules from the corpus, rendered over Odoo's own website module."""

from __future__ import annotations

import pytest
from lxml import etree

import qweb
from platxa_preview.site import ThemeSite
from platxa_preview.theme_report import report_theme
from tests.conftest import CORPUS, corpus_path

THEMES = ["theme_bewise", "theme_brutalist", "theme_clean", "theme_cobalt", "theme_treehouse",
          "theme_zenith"]  # fmt: skip
# Homepage snippets that exist in the corpus but call a template the corpus does not have.
CANNOT_RENDER = {
    ("theme_clean", "s_accordion_image"): "website.s_accordion",
    ("theme_zenith", "s_faq_collapse"): "website.s_accordion",
}


def addons_path() -> str:
    corpus_path("odoo", "addons")
    return f"{CORPUS / 'odoo' / 'addons'},{CORPUS / 'design-themes'}"


@pytest.fixture(scope="module", params=THEMES)
def theme_site(request):
    site = ThemeSite.load(addons_path(), request.param)
    return site, site.render()


def test_every_homepage_renders_in_the_real_layout(theme_site):
    _site, page = theme_site
    root = etree.HTML(page.html)
    assert root.find(".//div[@id='wrapwrap']") is not None
    for xpath in (".//header", ".//main", ".//footer", ".//div[@id='wrap']"):
        assert root.find(xpath) is not None, xpath


def test_every_homepage_snippet_available_appears(theme_site):
    site, page = theme_site
    for snippet in page.snippets:
        if snippet.template is None:
            continue
        missing = CANNOT_RENDER.get((site.theme, snippet.name))
        if missing:
            assert not snippet.rendered and missing in snippet.error
            assert any(
                p.code == "render-error" and missing in p.message and p.line for p in page.problems
            )
        else:
            assert snippet.rendered, snippet.error
            assert snippet.html.strip() and snippet.html in page.html


def test_failing_specs_are_skipped_and_reported_with_file_and_line(theme_site):
    site, _page = theme_site
    spec_problems = [p for p in site.problems if p.code == "xpath-not-found"]
    for problem in spec_problems:
        assert problem.file and problem.line
        assert "cannot be located in parent view" in problem.message


def test_reported_specs_really_have_no_target():
    """Each spec `check` reports for a theme finds nothing in its parent's combined arch."""
    path = addons_path()
    for theme in THEMES:
        report = report_theme(path, theme)
        assert (
            report.specs_applied
            + len(report.specs_reported)
            + report.specs_orphaned
            + (report.specs_inactive)
            == report.specs
        )
        site = ThemeSite.load(path, theme)
        views = site.engine.views
        by_location = {}
        for key in site.site.module(theme).views:
            view = views.get(key)
            if view is None or view.mode != "extension":
                continue
            for spec in view.arch.iter("xpath"):
                by_location[(view.file, spec.sourceline)] = (view, spec)
        for file, line in report.specs_reported:
            view, spec = by_location[(file, line)]
            parent = view.inherit_id
            while views.get(parent).mode == "extension":
                parent = views.get(parent).inherit_id
            combined = views.combined_arch(parent, on_error=lambda error: None)
            matches = etree.ETXPath(spec.get("expr"), extensions={(None, "hasclass"): _hasclass})(
                combined
            )
            assert not matches, (theme, file, line)


def _hasclass(context, *names):
    classes = set((context.context_node.get("class") or "").split())
    return all(name in classes for name in names)


def test_pages_by_url_and_templates_by_key():
    site = ThemeSite.load(addons_path(), "theme_clean")
    contact = site.render("/contactus")
    assert "<html" in contact.html and 'id="wrapwrap"' in contact.html
    snippet = site.render("website.s_banner")
    assert "s_banner" in snippet.html and 'id="wrapwrap"' in snippet.html
    with pytest.raises(qweb.QWebError) as info:
        site.render("/nowhere")
    assert "/contactus" in str(info.value)


def test_unknown_theme_is_a_clear_error():
    with pytest.raises(qweb.QWebError) as info:
        ThemeSite.load(addons_path(), "theme_nothing")
    assert "theme_nothing" in str(info.value) and "addons path" in str(info.value)


def test_theme_images_replace_website_defaults():
    site = ThemeSite.load(addons_path(), "theme_clean")
    html = site.render().html
    # s_banner's background is the theme's image, named in images_preview_theme
    assert "/theme_clean/static/src/img/backgrounds/bg_snippet_07.webp" in html
    assert "/web/image/website.s_banner_default_image'" not in html


def test_demo_theme_renders_with_and_without_odoo():
    offline = ThemeSite.load(None, None).render()
    real = ThemeSite.load(addons_path(), None).render()
    for page in (offline, real):
        assert "Design in tokens, see it in Odoo" in page.html
        assert 'id="wrapwrap"' in page.html
    # With Odoo's website module the real header is used, not the stand-in frame's.
    assert "platxa_standin_css" in offline.html
    assert "platxa_standin_css" not in real.html
