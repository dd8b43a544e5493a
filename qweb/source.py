"""Where template elements come from: file names survive inheritance through one attribute.

lxml keeps each element's `sourceline`, but not its file. Inheritance moves elements between
documents, so the file is stamped on the root of every loaded arch and on each element a spec
inserts; the file of any element is the one on its nearest stamped ancestor-or-self.
The compiler never outputs this attribute.
"""

from __future__ import annotations

from lxml import etree

ORIGIN_ATTR = "qweb-origin"


def stamp_origin(element: etree._Element, file: str | None) -> None:
    """Record `file` as the source of `element` and everything under it without its own."""
    if file and isinstance(element.tag, str):
        element.set(ORIGIN_ATTR, file)


def origin_of(element: etree._Element) -> tuple[str | None, int | None]:
    """The (file, line) an element was written at, as far as known."""
    line = element.sourceline
    node = element
    while node is not None:
        if isinstance(node.tag, str):
            file = node.get(ORIGIN_ATTR)
            if file is not None:
                return file, line
        node = node.getparent()
    return None, line


def strip_origins(element: etree._Element) -> None:
    """Remove every origin stamp (for showing an arch to a person)."""
    for node in element.iter():
        if isinstance(node.tag, str) and ORIGIN_ATTR in node.attrib:
            del node.attrib[ORIGIN_ATTR]


def describe_element(element: etree._Element) -> str:
    """The element's start tag with its original attributes and no children: `<div t-esc="x"/>`."""
    if not isinstance(element.tag, str):
        return repr(element)
    attrs = "".join(
        f' {name}="{_escape_attr(value)}"'
        for name, value in element.attrib.items()
        if name != ORIGIN_ATTR
    )
    return f"<{_qualified_tag(element)}{attrs}/>"


def element_path(element: etree._Element) -> str:
    """An lxml-style path of the element inside its template, e.g. /t/section/div."""
    parts = []
    node = element
    while node is not None:
        parts.append(_qualified_tag(node))
        node = node.getparent()
    return "/" + "/".join(reversed(parts))


def _qualified_tag(element: etree._Element) -> str:
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return etree.QName(tag).localname
    return str(tag)


def _escape_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
