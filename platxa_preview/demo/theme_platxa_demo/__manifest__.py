{
    "name": "Platxa Demo Theme",
    "summary": "The theme platxa-preview shows when it is given no other",
    "category": "Theme/Creative",
    "version": "1.0",
    "depends": ["website"],
    "data": [
        "views/layout.xml",
        "views/homepage.xml",
    ],
    "license": "LGPL-3",
}
