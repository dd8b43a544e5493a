"""Page configs: validation, the built-in section library, theme sections, the demo theme."""

from __future__ import annotations

import copy

import pytest
from lxml import html as lxml_html

import qweb
from platxa_preview.demo import (
    DEMO_HOMEPAGE,
    DEMO_THEME,
    demo_homepage_config,
    demo_manifest,
    demo_view_files,
)
from platxa_preview.environment import demo_environment
from platxa_preview.pages import (
    BUILTIN_SECTION_TYPES,
    MAX_SECTIONS,
    PageConfigError,
    SectionLibrary,
    UnknownSectionType,
    render_page,
    render_section,
    validate_page_config,
)
from platxa_preview.site import ThemeSite
from platxa_preview.templates import load_frame

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# One valid config per built-in type; every text field holds XSS to check it is escaped.
SECTIONS = {
    "hero": {
        "title": XSS,
        "subtitle": XSS,
        "text": XSS,
        "image": "/a.png",
        "image_alt": XSS,
        "buttons": [{"label": XSS, "url": "/go"}],
    },
    "features": {"title": XSS, "items": [{"icon": "fa-star", "title": XSS, "text": XSS}]},
    "text_image": {
        "title": XSS,
        "text": XSS,
        "image": "https://example.com/a.png",
        "button": {"label": XSS, "url": "#x"},
    },
    "call_to_action": {"title": XSS, "text": XSS, "button": {"label": XSS, "url": "/b"}},
    "testimonials": {"title": XSS, "items": [{"quote": XSS, "author": XSS, "role": XSS}]},
    "pricing": {
        "title": XSS,
        "plans": [
            {"name": XSS, "price": XSS, "period": XSS, "features": [XSS], "highlighted": True}
        ],
    },
    "faq": {"title": XSS, "items": [{"question": XSS, "answer": XSS}]},
    "team": {"title": XSS, "members": [{"name": XSS, "role": XSS, "bio": XSS, "photo": "/p.png"}]},
    "numbers": {"title": XSS, "items": [{"value": XSS, "label": XSS}]},
    "contact": {"title": XSS, "text": XSS, "address": XSS, "email": XSS},
}


def page(*sections, title="Page"):
    return {"title": title, "sections": [dict(section) for section in sections]}


@pytest.fixture
def engine():
    engine = qweb.Engine()
    load_frame(engine)
    return engine


def problems(data, library=None):
    with pytest.raises(PageConfigError) as caught:
        validate_page_config(data, library)
    return dict(caught.value.problems)


def test_the_library_has_the_ten_builtin_types():
    assert set(SECTIONS) == set(BUILTIN_SECTION_TYPES)
    library = SectionLibrary.builtin()
    assert library.types() == sorted(SECTIONS)
    assert library.template_for("text-image") == "platxa_preview.section_text_image"
    with pytest.raises(UnknownSectionType) as caught:
        library.template_for("carousel")
    assert "unknown section type 'carousel'; known types: call_to_action, contact" in str(
        caught.value
    )


@pytest.mark.parametrize("section_type", sorted(SECTIONS))
def test_each_section_type_renders_and_escapes_text(engine, section_type):
    config = validate_page_config(page({"type": section_type, **SECTIONS[section_type]}))
    html = str(render_section(engine, config.sections[0], values=demo_environment()))
    assert "<script>" not in html
    assert ESCAPED in html
    root = lxml_html.fragment_fromstring(html.strip())
    assert root.tag == "section"
    assert root.get("data-section-id") == f"s1-{section_type.replace('_', '-')}"
    assert root.get("data-section-type") == section_type
    assert "o_cc" in root.get("class").split()


def test_render_page_puts_sections_in_the_layout_in_order(engine):
    config = page(*({"type": kind, **fields} for kind, fields in SECTIONS.items()), title=XSS)
    html = render_page(engine, config, values=demo_environment(engine=engine))
    document = lxml_html.fromstring(html)
    sections = document.xpath("//div[@id='wrapwrap']/main/div[@id='wrap']/section")
    assert [section.get("data-section-type") for section in sections] == list(SECTIONS)
    assert document.xpath("//title/text()") == [f"{XSS} | Platxa Demo"]
    assert "<script>alert" not in html


def test_section_ids_are_stable_and_explicit_ids_are_kept():
    config = validate_page_config(
        page(
            {"type": "faq", **SECTIONS["faq"]},
            {"type": "numbers", "id": "stats", **SECTIONS["numbers"]},
        )
    )
    assert [section.id for section in config.sections] == ["s1-faq", "stats"]
    assert config.section("stats").type == "numbers"
    # Editing a section's text does not change any id.
    changed = page(
        {"type": "faq", **SECTIONS["faq"], "title": "Other"},
        {"type": "numbers", "id": "stats", **SECTIONS["numbers"]},
    )
    assert [section.id for section in validate_page_config(changed).sections] == ["s1-faq", "stats"]


def test_defaults_fill_every_schema_field():
    section = validate_page_config(page({"type": "hero", "title": "Hi"})).sections[0]
    assert section.fields == {
        "color": None,
        "title": "Hi",
        "subtitle": None,
        "text": None,
        "image": None,
        "image_alt": None,
        "background_image": None,
        "buttons": [],
        "align": "left",
    }


def test_validation_names_each_bad_section_and_field():
    found = problems(
        {
            "title": "",
            "sections": [
                {"type": "hero"},
                {"type": "features", "items": [{"text": ["x"]}], "colour": 2},
                {"type": "text_image", "title": "T", "image": "javascript:alert(1)"},
                {"type": "pricing", "plans": "cheap"},
                {"type": "call_to_action", "title": "x", "button": {"label": "b", "url": "/x'"}},
                {"type": "hero", "title": "x", "color": 9, "align": "middle"},
                {"type": "faq", "items": [{"question": "q", "answer": "a"}], "id": "Bad Id"},
                "not a section",
            ],
        }
    )
    assert found == {
        "title": "required",
        "sections[0].title": "required",
        "sections[1]": "unknown field(s) colour; expected: columns, items, subtitle, title",
        "sections[1].items[0].title": "required",
        "sections[1].items[0].text": "expected text, got a list",
        "sections[2].image": "unsupported URL 'javascript:alert(1)' (use a path, #anchor, "
        "http(s):, mailto:, tel: or data:image/)",
        "sections[3].plans": "expected a list, got text",
        "sections[4].button.url": "URL contains spaces, quotes, parentheses or angle brackets",
        "sections[5].color": "expected one of 1, 2, 3, 4, 5, got 9",
        "sections[5].align": "expected one of 'left', 'center', got 'middle'",
        "sections[6].id": "expected lowercase letters, digits, '-' or '_' (at most 64)",
        "sections[7]": "expected an object, got text",
    }


def test_numbers_are_accepted_as_text_but_booleans_are_not():
    config = validate_page_config(
        page({"type": "numbers", "items": [{"value": 42, "label": "answers"}]})
    )
    assert config.sections[0].fields["items"][0]["value"] == "42"
    assert problems(page({"type": "numbers", "items": [{"value": True, "label": "x"}]})) == {
        "sections[0].items[0].value": "expected text, got a boolean"
    }


def test_unknown_section_type_lists_the_known_ones():
    found = problems(page({"type": "carousel", "title": "x"}))
    assert found == {
        "sections[0].type": "unknown section type 'carousel'; known types: "
        + ", ".join(sorted(SECTIONS))
    }


def test_size_limits():
    assert (
        problems({"title": "x", "sections": [{"type": "faq"}] * (MAX_SECTIONS + 1)})["sections"]
        == f"at most {MAX_SECTIONS} sections ({MAX_SECTIONS + 1} given)"
    )
    assert problems(page({"type": "hero", "title": "x" * 301})) == {
        "sections[0].title": "text longer than 300 characters (301)"
    }
    too_many = [{"question": "q", "answer": "a"}] * 41
    assert problems(page({"type": "faq", "items": too_many})) == {
        "sections[0].items": "at most 40 items (41 given)"
    }
    with pytest.raises(PageConfigError, match="larger than"):
        validate_page_config({"title": "x", "sections": [], "description": "x" * 600_000})
    assert problems(
        page(
            {"type": "faq", "id": "a", **SECTIONS["faq"]},
            {"type": "faq", "id": "a", **SECTIONS["faq"]},
        )
    ) == {"sections[1].id": "duplicate id 'a' (also sections[0])"}


THEME = """<odoo>
    <template id="section_hero">
        <section class="theme_hero"><h1 t-out="section['title']"/></section>
    </template>
    <template id="section_quote">
        <blockquote class="theme_quote" t-out="section.get('text')"/>
    </template>
</odoo>"""


def test_a_theme_overrides_and_adds_section_types(engine):
    engine.load(THEME, module="theme_test")
    library = SectionLibrary.for_engine(engine, ["theme_test"])
    assert library.template_for("hero") == "theme_test.section_hero"
    assert library.template_for("features") == "platxa_preview.section_features"
    assert "quote" in library.types()
    config = {
        "title": "T",
        "sections": [
            {"type": "hero", "title": XSS},
            {"type": "quote", "text": XSS, "extra": {"list": [1, 2]}},
        ],
    }
    html = render_page(engine, config, values=demo_environment(), library=library)
    document = lxml_html.fromstring(html)
    # The theme templates forgot data-section-id: render_section adds it to their first element.
    assert document.xpath("//section[@class='theme_hero'][@data-section-id='s1-hero']")
    assert document.xpath("//blockquote[@class='theme_quote'][@data-section-id='s2-quote']")
    assert "<script>alert" not in html and html.count(ESCAPED) == 2
    # The override keeps the built-in schema; the new type is free-form but bounded.
    assert problems({"title": "T", "sections": [{"type": "hero"}]}, library) == {
        "sections[0].title": "required"
    }
    assert problems({"title": "T", "sections": [{"type": "quote", "bad key": 1}]}, library) == {
        "sections[0]": "invalid field name 'bad key'"
    }


def test_register_a_template_by_hand(engine):
    engine.load(THEME, module="theme_test")
    library = SectionLibrary.builtin()
    library.register("call-to-action", "theme_test.section_hero")
    assert library.template_for("call_to_action") == "theme_test.section_hero"
    with pytest.raises(ValueError):
        library.register("Bad Type", "x")


def test_the_demo_theme_is_an_odoo_theme_module():
    manifest = demo_manifest()
    assert manifest["depends"] == ["website"]
    assert manifest["configurator_snippets"]["homepage"]
    assert [path.name for path in demo_view_files()] == [
        "ir_asset.xml",
        "sections.xml",
        "homepage.xml",
    ]
    scss = (demo_view_files()[0].parents[1] / "static/src/scss/primary_variables.scss").read_text()
    assert "$o-theme-font-configs" in scss and "$o-color-palettes: map-merge" in scss


def test_the_demo_homepage_renders_its_page_config():
    site = ThemeSite.load(None, None)
    assert DEMO_HOMEPAGE in site.engine
    html = site.render().html
    document = lxml_html.fromstring(html)
    sections = document.xpath("//main/div[@id='wrap']/section")
    config = demo_homepage_config()
    assert [section.get("data-section-id") for section in sections] == [
        section["id"] for section in config["sections"]
    ]
    assert document.xpath("//section[@data-section-type='logos']//li")  # the theme's own type
    assert "Design in tokens, see it in Odoo" in html


def test_the_demo_homepage_follows_environment_overrides():
    html = ThemeSite.load(None, None).render(values={"res_company": {"name": "Acme Studio"}}).html
    assert "Acme Studio" in html


def test_the_demo_config_is_valid_for_the_demo_library():
    site = ThemeSite.load(None, None)
    library = SectionLibrary.for_engine(site.engine, [DEMO_THEME])
    config = validate_page_config(copy.deepcopy(demo_homepage_config()), library)
    assert len(config.sections) == 10


def test_the_demo_homepage_uses_the_real_website_layout_when_it_is_available():
    from tests.conftest import corpus_path

    site = ThemeSite.load(str(corpus_path("odoo", "addons")), None)
    assert [d for d in site.site.diagnostics if d.module == DEMO_THEME] == []
    for snippet in demo_manifest()["configurator_snippets"]["homepage"]:
        assert f"website.{snippet}" in site.engine
    html = site.render().html
    document = lxml_html.fromstring(html)
    assert document.xpath("//header[@id='top'][contains(@class, 'o_header_standard')]")
    assert len(document.xpath("//main/div[@id='wrap']/section[@data-section-id]")) == 10
    assert not document.xpath("//style[@id='platxa_standin_css']")  # Odoo's layout, not ours
