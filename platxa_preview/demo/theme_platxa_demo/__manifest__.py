{
    "name": "Platxa Demo Theme",
    "description": "The theme platxa-preview shows when it is given no other: a violet and teal "
    "palette, Inter and Fraunces fonts, and a homepage built from platxa-preview's section "
    "library (data/homepage.json).",
    "summary": "The theme platxa-preview shows when it is given no other",
    "category": "Theme/Creative",
    "version": "1.0",
    "depends": ["website"],
    "data": [
        "data/ir_asset.xml",
        "views/sections.xml",
        "views/homepage.xml",
    ],
    # The homepage Odoo's configurator builds from website snippets (used when the real
    # website module is on the addons path); views/homepage.xml renders data/homepage.json
    # with the built-in section library.
    "configurator_snippets": {
        "homepage": ["s_banner", "s_text_image", "s_numbers", "s_call_to_action"],
    },
    # platxa-preview's own key (Odoo ignores it): pages described as page configs.
    "preview_pages": {"homepage": "data/homepage.json"},
    "images_preview_theme": {
        "website.s_banner_default_image": "/theme_platxa_demo/static/src/img/hero.svg",
        "website.s_text_image_default_image": "/theme_platxa_demo/static/src/img/tokens.svg",
    },
    "author": "platxa-preview",
    "license": "LGPL-3",
}
