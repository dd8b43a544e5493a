"""The demo environment renders Odoo's real website layout and snippets without a database."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html
from markupsafe import Markup

import qweb
from platxa_preview.environment import (
    Company,
    Lang,
    Page,
    demo_environment,
    image_data_uri,
    public_visitor_has_groups,
    slug,
)
from tests.conftest import corpus_path

ODOO = ("odoo", "addons")

# Snippet templates of the corpus that cannot render, and why. The corpus holds only part of
# Odoo: website's s_accordion.xml and s_avatars.xml are not in it, nor the web_editor module
# whose `snippet_options` the editor-only `*_options` templates call.
EXPECTED_SNIPPET_FAILURES = {
    "website.s_accordion_image": "template 'website.s_accordion' not found",
    "website.s_faq_collapse": "template 'website.s_accordion' not found",
    "website.s_faq_collapse_centered": "template 'website.s_accordion' not found",
    "website.s_animated_cover": "template 'website.s_avatars' not found",
    **{
        f"website.{name}_options": "template 'web_editor.snippet_options' not found"
        for name in (
            "s_carousel_intro",
            "s_hr",
            "s_image_gallery",
            "s_media_list",
            "s_product_catalog",
            "s_quadrant",
            "s_showcase",
            "s_tabs",
        )
    },
}

PAGE = """<odoo><template id="page">
    <t t-call="website.layout">
        <div id="wrap" class="oe_structure"><t t-call="website.s_banner"/></div>
    </t>
</template></odoo>"""


@pytest.fixture(scope="module")
def odoo_engine():
    """One engine with Odoo's web, portal and website templates and every corpus snippet."""
    addons = corpus_path(*ODOO)
    failures: list[qweb.QWebError] = []
    engine = qweb.Engine(on_inheritance_error=failures.append, has_groups=public_visitor_has_groups)
    engine.load(str(addons / "web/views/webclient_templates.xml"), module="web")
    engine.load(str(addons / "portal/views/portal_templates.xml"), module="portal")
    engine.load(str(addons / "website/views/website_templates.xml"), module="website")
    engine.load(str(addons / "website/data/website_data.xml"), module="website")
    snippets: list[str] = []
    for path in sorted((addons / "website/views/snippets").glob("*.xml")):
        snippets += engine.load(str(path), module="website")
    engine.load(PAGE, module="test")
    engine.snippet_keys = sorted(key for key in snippets if key.startswith("website.s_"))
    engine.inheritance_failures = failures
    return engine


def landmarks(page: str):
    document = lxml_html.fromstring(page)
    return {
        "wrapwrap": document.xpath("//body/div[@id='wrapwrap']"),
        "header": document.xpath("//div[@id='wrapwrap']/header[@id='top']"),
        "main": document.xpath("//div[@id='wrapwrap']/main"),
        "wrap": document.xpath("//main/div[@id='wrap']"),
        "footer": document.xpath("//div[@id='wrapwrap']/footer[@id='bottom']"),
    }, document


def test_real_website_layout_renders_with_header_main_and_footer(odoo_engine):
    page = str(odoo_engine.render("test.page", demo_environment(engine=odoo_engine)))
    found, document = landmarks(page)
    assert all(len(elements) == 1 for elements in found.values()), found
    assert document.xpath("//main/div[@id='wrap']/section[contains(@class, 's_banner')]")
    # The header menu comes from website.menu_id, the logo from website.logo.
    menu = document.xpath("//ul[@id='top_menu']//a[@role='menuitem']/span/text()")
    assert menu[:3] == ["Home", "Services", "About"]
    logo = "//header//a[contains(@class, 'navbar-brand')]//img[starts-with(@src, 'data:image/svg')]"
    assert document.xpath(logo)
    assert document.xpath("//title/text()") == ["Home | Platxa Demo"]
    assert odoo_engine.inheritance_failures == []


def test_real_website_pages_render(odoo_engine):
    for key in ("website.homepage", "website.contactus", "website.aboutus", "website.pricing"):
        found, _ = landmarks(str(odoo_engine.render(key, demo_environment(engine=odoo_engine))))
        assert found["main"] and found["header"] and found["footer"], key


def test_every_corpus_snippet_renders_except_the_known_ones(odoo_engine):
    failures = {}
    rendered = 0
    for key in odoo_engine.snippet_keys:
        try:
            output = odoo_engine.render(key, demo_environment(engine=odoo_engine))
        except qweb.QWebError as error:
            failures[key] = str(error).splitlines()[0]
            continue
        rendered += 1
        assert output.strip(), key
    assert {key: reason.split(": ", 1)[-1] for key, reason in failures.items()} == (
        EXPECTED_SNIPPET_FAILURES
    )
    assert rendered >= 80


def test_every_renderable_snippet_renders_inside_the_real_layout(odoo_engine):
    snippets = [key for key in odoo_engine.snippet_keys if key not in EXPECTED_SNIPPET_FAILURES]
    calls = "".join(f'<t t-call="{key}"/>' for key in snippets)
    odoo_engine.load(
        f'<odoo><template id="all"><t t-call="website.layout"><div id="wrap">{calls}</div>'
        "</t></template></odoo>",
        module="test",
    )
    page = str(odoo_engine.render("test.all", demo_environment(engine=odoo_engine)))
    found, document = landmarks(page)
    assert found["main"] and found["footer"]
    assert len(document.xpath("//main/div[@id='wrap']/*")) >= len(snippets) >= 70


def test_overrides_change_the_real_layout(odoo_engine):
    values = demo_environment(
        {
            "website": {
                "name": "Acme <Shop>",
                "menu_id": {
                    "child_id": [
                        {
                            "name": "Shop",
                            "url": "/shop",
                            "child_id": [{"name": "Shoes", "url": "/shoes"}],
                        }
                    ]
                },
                "language_ids": [{}, {"name": "Français (BE)", "code": "fr_BE", "url_code": "fr"}],
            },
            "main_object": {"name": "Catalogue", "url": "/shop"},
        },
        engine=odoo_engine,
    )
    page = str(odoo_engine.render("test.page", values))
    _, document = landmarks(page)
    assert document.xpath("//title/text()") == ["Catalogue | Acme <Shop>"]
    assert "Acme &lt;Shop&gt;" in page
    menu = document.xpath("//ul[@id='top_menu']//span/text()")
    assert menu[0] == "Shop"
    assert document.xpath("//ul[@id='top_menu']//a[@href='/shoes']")
    assert document.xpath("//link[@hreflang='fr-be']/@href") == ["https://www.example.com/fr/shop"]
    assert document.xpath("//*[contains(@class, 'js_language_selector')]")
    assert document.xpath(
        "//ul[@id='top_menu']//li[contains(@class, 'dropdown')]/a[contains(@class, 'active')]"
    )


def test_overrides_are_deep_merged_and_records_stay_shared():
    values = demo_environment({"res_company": {"name": "Acme", "city": "Ghent"}})
    company = values["res_company"]
    assert isinstance(company, Company)
    assert company.name == "Acme" and company.street == "Rue de la Loi 42"
    assert company.partner_id.name == "Acme" and company.partner_id.city == "Ghent"
    assert values["website"].company_id is company
    assert values["request"].env.company is company
    # Each call builds fresh records: an override never leaks into the next environment.
    assert demo_environment()["res_company"].name == "Platxa Demo"


def test_overrides_of_request_and_new_values():
    values = demo_environment(
        {"request": {"params": {"q": "shoes"}, "session": {"debug": "1"}}, "pager": {"page": 2}}
    )
    assert values["request"].params == {"q": "shoes"}
    assert values["request"].session.debug == "1"
    assert values["keep_query"]("q", page=3) == "page=3&q=shoes"
    assert values["pager"] == {"page": 2}


def test_records_behave_like_odoo_records():
    page = Page(name="About")
    assert "header_visible" in page and "nope" not in page
    assert page["name"] == "About" and repr(page) == "website.page(1,)"
    assert page.sudo() is page and "website_published" in page._fields
    with pytest.raises(AttributeError):
        page.no_such_field  # noqa: B018
    menu = demo_environment()["website"].menu_id
    assert [item.name for item in menu.child_id.filtered(lambda item: item.url != "/")][:1] == [
        "Services"
    ]
    assert menu.child_id.mapped("url")[0] == "/"


def test_helpers():
    values = demo_environment()
    dumped = values["json"].dumps({"html": "</script><b>'"})
    assert Markup(dumped.__html__()) == '{"html": "\\u003c/script\\u003e\\u003cb\\u003e\\u0027"}'
    assert slug(Page(name="Our Team!", id=7)) == "our-team-7"
    assert image_data_uri(values["user_id"].avatar_128).startswith("data:image/svg+xml;base64,")
    assert values["url_for"]("/about") == "/about"
    assert values["quote_plus"]("a b") == "a+b"
    assert values["datetime"].datetime.now().year >= 2024
    assert values["lang"] == "en_US" and isinstance(values["frontend_languages"]["en_US"], Lang)
    assert values["debug"] == "" and values["editable"] is False


def test_values_hold_no_module_and_no_dunder_attributes():
    engine = qweb.Engine()
    engine.load('<templates><t t-name="t"><t t-out="website.name"/></t></templates>')
    assert engine.render("t", demo_environment()) == "Platxa Demo"  # qweb refuses modules


def test_public_visitor_groups():
    assert public_visitor_has_groups("base.group_public")
    assert public_visitor_has_groups("!base.group_user")
    assert not public_visitor_has_groups("base.group_user")
    assert not public_visitor_has_groups("website.group_website_designer")
    assert public_visitor_has_groups("base.group_user,base.group_public")
    assert not public_visitor_has_groups("!base.group_public")
