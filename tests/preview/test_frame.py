"""The built-in stand-in frame: website.layout's landmarks without Odoo's website module."""

from __future__ import annotations

from lxml import html as lxml_html

import qweb
from platxa_preview.environment import demo_environment
from platxa_preview.templates import STANDIN_LAYOUT, WEBSITE_LAYOUT, load_frame

BODY = '<div id="wrap" class="oe_structure"><p class="body">Page body</p></div>'


def render_in_frame(engine, layout, values=None):
    engine.load(
        f'<odoo><template id="page"><t t-call="{layout}">{BODY}</t></template></odoo>',
        module="test",
    )
    page = str(engine.render("test.page", values or demo_environment(engine=engine)))
    return page, lxml_html.fromstring(page)


def test_frame_has_the_website_layout_landmarks():
    engine = qweb.Engine()
    assert load_frame(engine) == WEBSITE_LAYOUT
    page, document = render_in_frame(engine, STANDIN_LAYOUT)
    assert page.startswith("<!DOCTYPE html>")
    assert document.xpath("//body/div[@id='wrapwrap']/header[@id='top']")
    assert document.xpath("//div[@id='wrapwrap']/main/div[@id='wrap']/p[@class='body']")
    assert document.xpath(
        "//div[@id='wrapwrap']/footer[@id='bottom']//*[contains(@class, 'o_footer_copyright')]"
    )
    assert document.xpath("//title/text()") == ["Home | Platxa Demo"]


def test_frame_uses_menus_logo_and_company():
    engine = qweb.Engine()
    load_frame(engine)
    _, document = render_in_frame(engine, WEBSITE_LAYOUT)
    assert document.xpath("//ul[@id='top_menu']/li/a/span/text()") == [
        "Home",
        "Services",
        "About",
        "Pricing",
        "Contact us",
    ]
    assert document.xpath("//ul[@id='top_menu']/li[contains(@class, 'dropdown')]//a/@href") == [
        "#",
        "/about#team",
        "/jobs",
    ]
    assert document.xpath("//header//a[contains(@class, 'navbar-brand')]//img/@src")[0].startswith(
        "data:image/svg+xml;base64,"
    )
    assert document.xpath("//span[@itemprop='name']/text()") == ["Platxa Demo"]
    assert document.xpath("//footer//a[@href='mailto:hello@example.com']")


def test_frame_follows_overrides_and_escapes_them():
    engine = qweb.Engine()
    load_frame(engine)
    values = demo_environment(
        {
            "res_company": {"name": "Acme <script>", "email": "info@acme.test"},
            "website": {
                "name": "Acme",
                "menu_id": {"child_id": [{"name": "Shop", "url": "/shop"}]},
            },
            "standin_css": False,
        }
    )
    page, document = render_in_frame(engine, WEBSITE_LAYOUT, values)
    assert "<script>" not in page and "Acme &lt;script&gt;" in page
    assert document.xpath("//ul[@id='top_menu']/li/a/span/text()") == ["Shop"]
    assert document.xpath("//footer//a[@href='mailto:info@acme.test']")
    assert not document.xpath("//style[@id='platxa_standin_css']")


def test_frame_is_not_loaded_over_a_real_website_layout():
    engine = qweb.Engine()
    engine.load(
        '<odoo><template id="layout"><html><body><t t-out="0"/></body></html></template></odoo>',
        module="website",
    )
    assert load_frame(engine) == WEBSITE_LAYOUT
    page, _ = render_in_frame(engine, WEBSITE_LAYOUT)
    assert "wrapwrap" not in page  # still Odoo's (here: the test's) website.layout


def test_theme_specs_apply_to_the_frame_loaded_as_website_layout():
    engine = qweb.Engine()
    load_frame(engine)
    engine.load(
        """<odoo><template id="custom_header" inherit_id="website.layout">
            <xpath expr="//header" position="attributes">
                <attribute name="class" add="o_theme_header" separator=" "/>
            </xpath>
            <xpath expr="//div[@id='footer']" position="inside"><p class="theme_note">Hi</p></xpath>
        </template></odoo>""",
        module="theme_test",
    )
    _, document = render_in_frame(engine, WEBSITE_LAYOUT)
    assert document.xpath("//header[@id='top'][contains(@class, 'o_theme_header')]")
    assert document.xpath("//footer//p[@class='theme_note']")
