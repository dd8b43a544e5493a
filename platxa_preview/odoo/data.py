"""Odoo XML data files: the records a preview needs besides views (those go to the qweb engine).

Reads one parsed data file (`<odoo>`, `<openerp>`, `<data>`) and collects `<asset>` elements
and `ir.asset` records, `theme.ir.attachment` records, website pages and menus, `<function>`
calls, and every XML id the file defines, as Odoo's XML import (`convert.py`) would see them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

DATA_ROOTS = frozenset({"odoo", "openerp", "data"})
VIEW_MODELS = frozenset({"ir.ui.view", "theme.ir.ui.view"})
PAGE_MODELS = frozenset({"website.page", "theme.website.page"})
MENU_MODELS = frozenset({"website.menu", "theme.website.menu"})
ASSET_MODELS = frozenset({"ir.asset", "theme.ir.asset"})
ATTACHMENT_MODELS = frozenset({"theme.ir.attachment"})

_REF_CALL = re.compile(r"""ref\(\s*['"]([^'"]+)['"]\s*\)""")
_FALSE_LITERALS = frozenset({"", "0", "false", "none", "f", "n", "no", "off"})


def parse_xml(path: Path) -> etree._Element:
    """Parse a data file safely (no entities, no network). Raises etree.XMLSyntaxError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.parse(str(path), parser).getroot()


@dataclass
class PageRecord:
    """A `website.page` / `theme.website.page`: a URL served by a view."""

    xml_id: str
    url: str | None = None
    view_key: str | None = None  # the key of the view rendering it
    name: str | None = None
    is_published: bool = True
    module: str | None = None
    file: str | None = None
    line: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # every field as written


@dataclass
class MenuRecord:
    """A `website.menu` / `theme.website.menu` entry."""

    xml_id: str
    name: str | None = None
    url: str | None = None
    parent: str | None = None  # xml id of the parent menu
    page: str | None = None  # xml id of the page it opens
    sequence: int = 10
    new_window: bool = False
    module: str | None = None
    file: str | None = None
    line: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class AttachmentRecord:
    """A `theme.ir.attachment`: an image a theme provides under a key (`/web/image/<key>`)."""

    xml_id: str
    key: str | None = None
    name: str | None = None
    url: str | None = None  # e.g. /theme_x/static/src/img/a.jpg
    path: Path | None = None  # the file behind `url`, when the module and file are there
    module: str | None = None
    file: str | None = None
    line: int | None = None


@dataclass
class FunctionCall:
    """A `<function model= name=>` element; `modules` are the `ref('base.module_x')` it passes."""

    model: str
    name: str
    modules: list[str]
    line: int | None = None


@dataclass
class Record:
    """A `<record>`/`<asset>` of a model the preview collects: its fields, as written."""

    model: str
    xml_id: str | None
    values: dict[str, Any]
    line: int | None


@dataclass
class DataFile:
    """What one data file holds besides its views."""

    ids: list[tuple[str, int | None]] = field(default_factory=list)  # (full xml id, line)
    view_keys: dict[str, str] = field(default_factory=dict)  # view xml id -> view key
    defines_views: bool = False
    records: list[Record] = field(default_factory=list)  # assets, pages, menus, attachments
    functions: list[FunctionCall] = field(default_factory=list)


class DataFileReader:
    """Walks a data file's elements in document order (nested `<data>` included)."""

    def __init__(self, module: str | None):
        self.module = module

    def read(self, root: etree._Element) -> DataFile:
        result = DataFile()
        self._read_children(root, result)
        return result

    def full_id(self, xml_id: str) -> str:
        if self.module and "." not in xml_id:
            return f"{self.module}.{xml_id}"
        return xml_id

    def _read_children(self, parent: etree._Element, result: DataFile) -> None:
        for element in parent:
            tag = element.tag
            if not isinstance(tag, str):
                continue
            if tag in DATA_ROOTS:
                self._read_children(element, result)
                continue
            xml_id = element.get("id")
            if tag == "template":
                xml_id = xml_id or element.get("t-name")
            full_id = self.full_id(xml_id) if xml_id else None
            if full_id:
                result.ids.append((full_id, element.sourceline))
            if tag == "template":
                result.defines_views = True
                if full_id:
                    result.view_keys[full_id] = element.get("key") or full_id
            elif tag == "asset":
                result.records.append(self._asset_element(element, full_id))
            elif tag == "record":
                self._record(element, full_id, result)
            elif tag == "function":
                result.functions.append(self._function(element))
            # <menuitem> (backend menus), <delete>, <report>...: nothing to preview

    def _record(self, element: etree._Element, full_id: str | None, result: DataFile) -> None:
        model = element.get("model", "")
        if model in VIEW_MODELS or (model in PAGE_MODELS and _has_arch(element)):
            result.defines_views = True
            if full_id:
                key = _field_text(element, "key")
                result.view_keys[full_id] = key or full_id
        if model in ASSET_MODELS | PAGE_MODELS | MENU_MODELS | ATTACHMENT_MODELS:
            result.records.append(Record(model, full_id, self._fields(element), element.sourceline))

    def _asset_element(self, element: etree._Element, full_id: str | None) -> Record:
        """`<asset id= name= active=><bundle directive=>..</bundle><path>..</path></asset>`."""
        values: dict[str, Any] = {"name": element.get("name", full_id)}
        bundle = element.find("bundle")
        if bundle is not None:
            values["bundle"] = (bundle.text or "").strip()
            if bundle.get("directive"):
                values["directive"] = bundle.get("directive")
        path = element.find("path")
        if path is not None:
            values["path"] = (path.text or "").strip()
        if element.get("active") in ("True", "False"):
            values["active"] = element.get("active") == "True"
        values.update(self._fields(element))
        model = "theme.ir.asset" if (self.module or "").startswith("theme_") else "ir.asset"
        return Record(model, full_id, values, element.sourceline)

    def _function(self, element: etree._Element) -> FunctionCall:
        texts = [element.get("eval") or ""]
        texts += [value.get("eval") or value.text or "" for value in element.iter("value")]
        modules = [
            ref.split(".", 1)[1][len("module_") :]
            for text in texts
            for ref in _REF_CALL.findall(text)
            if ref.startswith("base.module_")
        ]
        return FunctionCall(
            element.get("model", ""), element.get("name", ""), modules, element.sourceline
        )

    def _fields(self, element: etree._Element) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for child in element.iterchildren("field"):
            name = child.get("name")
            if not name or child.get("type") in ("xml", "html"):
                continue
            values[name] = self._field_value(child)
        return values

    def _field_value(self, element: etree._Element) -> Any:
        ref = element.get("ref")
        if ref:
            return self.full_id(ref)
        expression = element.get("eval")
        if expression is not None:
            match = _REF_CALL.fullmatch(expression.strip())
            if match:
                return self.full_id(match.group(1))
            try:
                return ast.literal_eval(expression.strip())
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                return expression  # an expression only Odoo can evaluate (time.strftime...)
        text = (element.text or "").strip()
        kind = element.get("type")
        if kind == "int":
            try:
                return int(text)
            except ValueError:
                return text
        if kind == "float":
            try:
                return float(text)
            except ValueError:
                return text
        return text


def truthy(value: Any) -> bool:
    """A field value as Odoo reads a boolean written as text ("False", "0", ...)."""
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_LITERALS
    return bool(value)


def _has_arch(element: etree._Element) -> bool:
    return any(
        child.get("name") in ("arch", "arch_db", "arch_base")
        for child in element.iterchildren("field")
    )


def _field_text(element: etree._Element, name: str) -> str:
    for child in element.iterchildren("field"):
        if child.get("name") == name:
            return (child.text or "").strip()
    return ""
