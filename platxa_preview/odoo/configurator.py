"""The snippet and page templates Odoo generates from manifests, for the configurator and new pages.

Themes and `website` call `ir.module.module` (or `theme.engine`)
`_generate_primary_snippet_templates` from a data file; `website` also calls
`_generate_primary_page_templates`. Odoo (website/models/ir_module_module.py) then creates,
for each snippet `s_x` named in the manifest (`website.s_x` unless the name has a module):

- `configurator_snippets` (`snippet_lists` in older manifests; plus the
  `configurator_snippets_addons` of loaded modules): `website.configurator_s_x`, a primary
  copy of `website.s_x`, and `website.configurator_<page>_s_x`, a primary copy of that;
- `new_page_templates` {group: {template: [...]}}: `website.new_page_template_s_x`, then
  `..._<group>_s_x`, then `..._<group>_<template>_s_x`, each a primary copy of the previous;
- page templates: `<module>.new_page_template_sections_<group>_<template>`, a `<div id="wrap">`
  of `t-snippet-call`s to those last copies.

Views that already exist are kept (modules predefine some), and a copy whose parent does not
exist is skipped, as Odoo does (it only logs a warning). Theme views such as
`theme_x.configurator_s_x` then inherit these copies like any other view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

import qweb

from .manifest import Manifest

SNIPPET_TEMPLATES_FUNCTION = "_generate_primary_snippet_templates"
PAGE_TEMPLATES_FUNCTION = "_generate_primary_page_templates"
GENERATORS = (SNIPPET_TEMPLATES_FUNCTION, PAGE_TEMPLATES_FUNCTION)


@dataclass
class Generated:
    """What one generation call created, and the snippets it could not find."""

    created: list[str] = field(default_factory=list)
    missing_snippets: list[str] = field(default_factory=list)  # "website.s_x" not defined


def split_snippet_key(snippet: str) -> tuple[str, str]:
    """`s_x` → ('website', 's_x'); `website_sale.s_y` → ('website_sale', 's_y')."""
    if "." in snippet:
        module, name = snippet.split(".", 1)
        return module, name
    return "website", snippet


def configurator_snippets(manifest: Manifest, module: str, loaded: set[str]) -> dict:
    """{page: [snippets]} with the `configurator_snippets_addons` of loaded modules added."""
    pages = {page: list(snippets) for page, snippets in manifest.configurator_snippets.items()}
    for addon, addon_pages in manifest.configurator_snippets_addons.items():
        if addon not in loaded and addon != module:
            continue
        for page, inserts in addon_pages.items():
            snippets = pages.setdefault(page, [])
            pages[page] = list(dict.fromkeys([*snippets, *(item[0] for item in inserts)]))
    return pages


def generate_snippet_templates(
    engine: qweb.Engine,
    manifest: Manifest,
    module: str,
    loaded: set[str],
    *,
    file: str | None = None,
    line: int | None = None,
) -> Generated:
    """Emulate `_generate_primary_snippet_templates` for the module owning `manifest`."""
    generator = _Generator(engine, module, file, line)
    pages = configurator_snippets(manifest, module, loaded)
    generator.copies(
        [(snippet, "%s", "configurator_%s", "configurator") for snippet in _distinct(pages)]
    )
    generator.copies(
        [
            (snippet, "configurator_%s", f"configurator_{page}_%s", f"{page} configurator")
            for page, snippets in pages.items()
            for snippet in dict.fromkeys(snippets)
        ]
    )
    templates = manifest.new_page_templates
    generator.copies(
        [(snippet, "%s", "new_page_template_%s", "new page") for snippet in _distinct(templates)]
    )
    generator.copies(
        [
            (snippet, "new_page_template_%s", f"new_page_template_{group}_%s", f"{group} page")
            for group, group_templates in templates.items()
            for snippet in _distinct(group_templates)
        ]
    )
    generator.copies(
        [
            (
                snippet,
                f"new_page_template_{group}_%s",
                f"new_page_template_{group}_{name}_%s",
                f"{group} {name} page",
            )
            for group, group_templates in templates.items()
            for name, snippets in group_templates.items()
            for snippet in snippets
        ]
    )
    return generator.result


def generate_page_templates(
    engine: qweb.Engine,
    manifest: Manifest,
    module: str,
    *,
    file: str | None = None,
    line: int | None = None,
) -> Generated:
    """Emulate `_generate_primary_page_templates`: one `#wrap` of snippet calls per template."""
    generator = _Generator(engine, module, file, line)
    root = etree.Element("odoo")
    for group, group_templates in manifest.new_page_templates.items():
        for name, snippets in group_templates.items():
            key = f"{module}.new_page_template_sections_{group}_{name}"
            template = generator.template(root, key, f"New page template: {name!r} in {group!r}")
            wrap = etree.SubElement(template, "div", id="wrap")
            wrap.text = "\n    "
            for snippet in snippets:
                snippet_module, snippet_name = split_snippet_key(snippet)
                call = f"{snippet_module}.new_page_template_{group}_{name}_{snippet_name}"
                etree.SubElement(wrap, "t", {"t-snippet-call": call}).tail = "\n    "
            if len(wrap):
                wrap[-1].tail = "\n"
            generator.result.created.append(key)
    if len(root):
        engine.load(root, module=module, file=file)
    return generator.result


class _Generator:
    def __init__(self, engine: qweb.Engine, module: str, file: str | None, line: int | None):
        self.engine = engine
        self.module = module
        self.file = file
        self.line = line
        self.result = Generated()

    def copies(self, specs: list[tuple[str, str, str, str]]) -> None:
        """Create the primary copies (snippet, parent pattern, new pattern, purpose) missing."""
        root = etree.Element("odoo")
        planned: set[str] = set()
        for snippet, parent_pattern, new_pattern, purpose in specs:
            snippet_module, name = split_snippet_key(snippet)
            key = f"{snippet_module}.{new_pattern % name}"
            parent = f"{snippet_module}.{parent_pattern % name}"
            if key in self.engine.views or key in planned:
                continue
            if parent not in self.engine.views:
                base = f"{snippet_module}.{name}"
                if base not in self.engine.views and base not in self.result.missing_snippets:
                    self.result.missing_snippets.append(base)
                continue
            template = self.template(root, key, f"Snippet {snippet!r} for {purpose} templates")
            template.set("inherit_id", parent)
            template.set("primary", "True")
            planned.add(key)
            self.result.created.append(key)
        if len(root):
            self.engine.load(root, module=self.module, file=self.file)

    def template(self, root: etree._Element, key: str, name: str) -> etree._Element:
        template = etree.SubElement(root, "template", id=key, name=name)
        if self.line:
            template.sourceline = self.line
        return template


def _distinct(structure: dict) -> list[str]:
    """The distinct snippet names of a nested {name: [snippets] | {...}} structure, in order."""
    items: list[str] = []
    for value in structure.values():
        items.extend(value if isinstance(value, list) else _distinct(value))
    return list(dict.fromkeys(items))
