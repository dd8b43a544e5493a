"""View records: loading template sources into them, and combining them in Odoo's order (§7)."""

from __future__ import annotations

import copy
import os
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import QWebError
from .inherit import InheritanceError, apply_inheritance_specs
from .source import ORIGIN_ATTR, stamp_origin

__all__ = ["DEFAULT_PRIORITY", "View", "ViewRegistry", "load_views"]

DEFAULT_PRIORITY = 16
MODES = ("primary", "extension")

# Records of these models are views (theme views become website views when a theme is installed).
_VIEW_MODELS = frozenset({"ir.ui.view", "theme.ir.ui.view", "website.page"})
_DATA_ROOTS = frozenset({"odoo", "openerp", "data"})
# `<template>` attributes that do not stay on the arch (they belong to the record only).
_RECORD_ONLY_ATTRIBUTES = ("id", "groups", "forcecreate", "context")
# Root tags of ir.ui.view records that are backend views, not QWeb templates.
_BACKEND_VIEW_TAGS = frozenset(
    {
        "form", "tree", "list", "kanban", "search", "graph", "pivot", "calendar", "gantt",
        "activity", "cohort", "map", "grid", "hierarchy",
    }
)  # fmt: skip
_REF_CALL = re.compile(r"""\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*""")
_FALSE_LITERALS = frozenset({"", "0", "false", "none", "f", "n", "no", "off"})


@dataclass
class View:
    """One view record: a template (primary) or a set of specs for a parent (extension)."""

    key: str  # full name: "module.xml_id", or the bare t-name of static <templates> files
    arch: etree._Element  # primary: the root <t t-name="key">...; extension: a spec container
    inherit_id: str | None = None
    mode: str | None = None  # 'primary' | 'extension'; None → extension iff inherit_id is set
    priority: int = DEFAULT_PRIORITY
    active: bool = True
    order: int = 0  # load order (Odoo's id), assigned by the registry
    file: str | None = None
    line: int | None = None
    name: str | None = None
    module: str | None = None

    def __post_init__(self) -> None:
        if self.mode is None:
            self.mode = "extension" if self.inherit_id else "primary"
        if self.mode not in MODES:
            raise QWebError(
                f"Invalid view mode {self.mode!r} (expected 'primary' or 'extension')",
                template=self.key,
                file=self.file,
                line=self.line,
            )


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


@dataclass
class _ViewUpdate:
    """A record that changes fields of a view loaded earlier (no arch): `active`, `priority`..."""

    key: str
    values: dict = field(default_factory=dict)


def load_views(source, *, module: str | None = None, file: str | None = None) -> list[View]:
    """Read the views a template source defines, in document order.

    `source` is a file path, XML text/bytes, or an lxml element holding a static `<templates>`
    file, a single `<t t-name>` template, or an Odoo data file (`<odoo>`, `<openerp>`, `<data>`)
    with `<template>` and view `<record>` elements. `module` prefixes ids written without a dot.
    """
    return _read_source(source, module=module, file=file)[0]


def _read_source(source, *, module, file) -> tuple[list[View], list[_ViewUpdate]]:
    root, file = _parse(source, file)
    reader = _SourceReader(module, file)
    tag = root.tag
    if tag == "templates":
        reader.read_static_templates(root)
    elif tag == "t" and (root.get("t-name") is not None or root.get("t-inherit") is not None):
        reader.read_static_template(root)
    elif tag in _DATA_ROOTS:
        reader.read_data(root)
    elif tag == "template":
        reader.read_template(root)
    else:
        raise QWebError(
            f"Unsupported template source: root element <{tag}> (expected <templates>, "
            "<t t-name>, <odoo>, <openerp> or <data>)",
            file=file,
            line=root.sourceline,
        )
    return reader.views, reader.updates


def _parse(source, file: str | None) -> tuple[etree._Element, str | None]:
    if isinstance(source, etree._ElementTree):
        source = source.getroot()
    if isinstance(source, etree._Element):
        return source, file
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    if isinstance(source, str) and source.lstrip().startswith("<"):
        data = source.encode("utf-8")
        if source.lstrip().startswith("<?xml"):
            # the text is already decoded: drop a declared encoding that no longer applies
            end = source.index("?>") + 2
            data = source[end:].encode("utf-8")
    elif isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        file = file or str(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise QWebError(f"Cannot read template source: {error}", file=file) from error
    else:
        raise TypeError(f"Unsupported template source type: {type(source).__name__}")
    try:
        return etree.fromstring(data, parser), file
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else error.lineno
        raise QWebError(
            f"Invalid XML: {error.msg}", file=file, line=line, cause=error, code="xml-syntax"
        ) from error


class _SourceReader:
    """Turns the elements of one source into View records (and updates of earlier records)."""

    def __init__(self, module: str | None, file: str | None):
        self.module = module
        self.file = file
        self.views: list[View] = []
        self.updates: list[_ViewUpdate] = []
        self._extension_count = 0

    # ---- static templates (conformance files, static/src/**/*.xml) ----

    def read_static_templates(self, root: etree._Element) -> None:
        for child in root:
            if not isinstance(child.tag, str) or child.tag in ("params", "result"):
                continue
            if child.tag == "t" and (
                child.get("t-name") is not None or child.get("t-inherit") is not None
            ):
                self.read_static_template(child)

    def read_static_template(self, element: etree._Element) -> None:
        if element.get("t-extend") is not None:
            return  # legacy JS-only jQuery inheritance (t-extend/t-jquery): not supported
        name = element.get("t-name")
        parent = element.get("t-inherit")
        if parent is None:
            self._add(View(key=name, arch=self._arch(element), name=name), element)
            return
        mode = element.get("t-inherit-mode", "primary")
        if mode not in MODES:
            raise QWebError(
                f"Invalid t-inherit-mode {mode!r} (expected 'primary' or 'extension')",
                template=name or parent,
                file=self.file,
                line=element.sourceline,
            )
        if mode == "primary":
            if not name:
                raise QWebError(
                    "A template with t-inherit-mode='primary' needs a t-name",
                    template=parent,
                    file=self.file,
                    line=element.sourceline,
                )
            key = name
        else:
            # An extension's t-name is informational (it may even repeat the parent's name):
            # give it a key of its own, stable while the file keeps its order.
            self._extension_count += 1
            key = f"{parent}@extension:{self.file or '<string>'}#{self._extension_count}"
        view = View(key=key, arch=self._arch(element), inherit_id=parent, mode=mode, name=name)
        self._add(view, element)

    # ---- Odoo data files ----

    def read_data(self, root: etree._Element) -> None:
        for child in root:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _DATA_ROOTS:
                self.read_data(child)
            elif child.tag == "template":
                self.read_template(child)
            elif child.tag == "record" and child.get("model") in _VIEW_MODELS:
                self.read_record(child)

    def read_template(self, element: etree._Element) -> None:
        """`<template>` → view record, as Odoo's XML import converts it (spec §7.1)."""
        template_id = element.get("id") or element.get("t-name")
        if not template_id:
            raise QWebError("<template> without id", file=self.file, line=element.sourceline)
        full_id = self._full_id(template_id)
        parent = element.get("inherit_id")
        arch = self._arch(element)
        if parent:
            arch.tag = "data"
        else:
            arch.tag = "t"
            arch.set("t-name", full_id)
        for attribute in _RECORD_ONLY_ATTRIBUTES:
            arch.attrib.pop(attribute, None)
        primary = element.get("primary") == "True"
        if primary and parent:
            # Pseudo-clone: the combined root is renamed after the new template.
            spec = etree.SubElement(arch, "xpath", expr=".", position="attributes")
            etree.SubElement(spec, "attribute", name="t-name").text = full_id
        active = element.get("active")
        view = View(
            key=element.get("key") or full_id,
            arch=arch,
            inherit_id=self._full_id(parent) if parent else None,
            mode="primary" if primary or not parent else "extension",
            priority=self._priority(element.get("priority"), element),
            active=active != "False" if active in ("True", "False") else True,
            name=element.get("name", template_id),
        )
        self._add(view, element)

    def read_record(self, element: etree._Element) -> None:
        """`<record model="ir.ui.view">` (or theme.ir.ui.view / website.page) → view record."""
        fields = {}
        for child in element.iterchildren("field"):
            if child.get("name"):
                fields[child.get("name")] = child
        record_id = element.get("id")
        key_field = fields.get("key")
        key = (key_field.text or "").strip() if key_field is not None else ""
        key = key or (self._full_id(record_id) if record_id else "")
        view_type = _field_text(fields.get("type"))
        if view_type and view_type != "qweb":
            return  # a backend view (form, list, ...), not a template
        arch_root = None
        for arch_name in ("arch", "arch_db", "arch_base"):
            if arch_name in fields:
                arch_field = fields[arch_name]
                arch_root = next((c for c in arch_field if isinstance(c.tag, str)), None)
                break
        values = {}
        if "inherit_id" in fields:
            values["inherit_id"] = self._reference(fields["inherit_id"])
        if "priority" in fields:
            values["priority"] = self._priority(_field_value(fields["priority"]), element)
        if "active" in fields:
            values["active"] = _truthy(_field_value(fields["active"]))
        if _field_text(fields.get("mode")):
            values["mode"] = _field_text(fields["mode"])
        if "name" in fields:
            values["name"] = _field_text(fields["name"])
        if not key:
            raise QWebError(
                f"<record model={element.get('model')!r}> without id or key",
                file=self.file,
                line=element.sourceline,
            )
        if arch_root is None:
            if values and element.get("model") != "website.page":
                self.updates.append(_ViewUpdate(key, values))
            return
        if not view_type and arch_root.tag in _BACKEND_VIEW_TAGS:
            return
        values.setdefault("name", record_id)
        view = View(key=key, arch=self._arch(arch_root), **values)
        self._add(view, element)

    # ---- helpers ----

    def _arch(self, element: etree._Element) -> etree._Element:
        """A copy of `element` as the root of its own document (line numbers kept)."""
        arch = copy.deepcopy(element)
        arch.tail = None
        stamp_origin(arch, self.file)
        return arch

    def _add(self, view: View, element: etree._Element) -> None:
        view.file = self.file
        view.line = element.sourceline
        view.module = self.module
        self.views.append(view)

    def _full_id(self, xml_id: str) -> str:
        if self.module and "." not in xml_id:
            return f"{self.module}.{xml_id}"
        return xml_id

    def _reference(self, element: etree._Element) -> str | None:
        ref = element.get("ref")
        if not ref:
            match = _REF_CALL.fullmatch(element.get("eval") or "")
            ref = match.group(1) if match else None
        if ref:
            return self._full_id(ref)
        value = _field_value(element)
        if not value or not _truthy(value):
            return None
        return self._full_id(value)

    def _priority(self, value: str | None, element: etree._Element) -> int:
        if value is None or not value.strip():
            return DEFAULT_PRIORITY
        try:
            return int(value.strip())
        except ValueError:
            raise QWebError(
                f"Invalid view priority {value!r}", file=self.file, line=element.sourceline
            ) from None


def _field_value(element: etree._Element) -> str:
    """A `<field>`'s literal value: its `eval` (a Python literal) or its text."""
    value = element.get("eval")
    if value is None:
        return (element.text or "").strip()
    return value.strip().strip("'\"")


def _field_text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _truthy(value: str) -> bool:
    return value.strip().lower() not in _FALSE_LITERALS


# --------------------------------------------------------------------------------------------
# Registry and combination
# --------------------------------------------------------------------------------------------


class ViewRegistry:
    """All loaded views by key, and their combined arches (spec §7.2), cached."""

    def __init__(self) -> None:
        self._views: dict[str, View] = {}
        self._last_order = 0
        self._children: dict[str, list[View]] | None = None
        self._combined: dict[str, etree._Element] = {}

    # ---- records ----

    def add(self, view: View) -> None:
        """Register `view`; a view with the same key is replaced (an update keeps its order)."""
        previous = self._views.get(view.key)
        if previous is not None:
            view.order = previous.order
        else:
            self._last_order += 1
            view.order = self._last_order
        if view.file and isinstance(view.arch.tag, str) and ORIGIN_ATTR not in view.arch.attrib:
            stamp_origin(view.arch, view.file)
        self._views[view.key] = view
        self._invalidate()

    def remove(self, key: str) -> View | None:
        """Forget the view `key` (e.g. its file was deleted); returns it if it was known."""
        view = self._views.pop(key, None)
        if view is not None:
            self._invalidate()
        return view

    def load(self, source, *, module: str | None = None, file: str | None = None) -> list[View]:
        """Load every view of `source` (see `load_views`) and register them in document order.

        Records without an arch that name a loaded view update its fields (e.g. `active`).
        """
        views, updates = _read_source(source, module=module, file=file)
        for view in views:
            self.add(view)
        for update in updates:
            view = self._views.get(update.key)
            if view is None:
                continue
            for name, value in update.values.items():
                setattr(view, name, value)
            if "inherit_id" in update.values and "mode" not in update.values:
                view.mode = "extension" if view.inherit_id else "primary"
            self._invalidate()
        return views

    def get(self, key: str) -> View | None:
        return self._views.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._views

    def __len__(self) -> int:
        return len(self._views)

    def keys(self) -> list[str]:
        return list(self._views)

    # ---- combination ----

    def combined_arch(
        self, key: str, *, on_error: Callable[[InheritanceError], object] | None = None
    ) -> etree._Element:
        """The arch of `key` with every applicable inheriting view applied (a fresh copy).

        Starts from the root of `key`'s inheritance chain; applies active extension descendants
        depth-first by (priority, order), primary views of the chain after the extensions of
        their parent. For a primary view the result's `t-name` is `key`. With `on_error`, a
        failing spec is reported there and skipped (such a result is not cached).
        """
        view = self._views.get(key)
        if view is None:
            raise QWebError(f"Template not found: {key}", template=key, code="unknown-template")
        cached = self._combined.get(key)
        if cached is None:
            cached, complete = self._combine(view, on_error)
            if not complete:
                return cached
            self._combined[key] = cached
        return copy.deepcopy(cached)

    def _combine(self, view: View, on_error) -> tuple[etree._Element, bool]:
        chain = self._chain(view)
        in_chain = {member.key for member in chain}
        root_view = chain[-1]
        failures: list[InheritanceError] = []

        def applicable(child: View) -> bool:
            return child.active and (child.mode == "extension" or child.key in in_chain)

        combined = copy.deepcopy(root_view.arch)
        # Extensions first, then primaries, each group in (priority, order).
        queue = deque(
            sorted(
                (c for c in self._children_of(root_view.key) if applicable(c)),
                key=lambda c: c.mode != "extension",
            )
        )
        while queue:
            current = queue.popleft()
            combined = self._apply(combined, current, on_error, failures)
            for child in reversed(self._children_of(current.key)):
                if not applicable(child):
                    continue
                if child.mode == "primary":
                    queue.append(child)
                else:
                    queue.appendleft(child)
        if view.mode == "primary":
            combined.set("t-name", view.key)
        return combined, not failures

    def _apply(self, combined, view: View, on_error, failures) -> etree._Element:
        def locate(error: InheritanceError) -> InheritanceError:
            return error.located(template=view.key, file=view.file)

        def report(error: InheritanceError) -> None:
            failures.append(error)
            on_error(locate(error))

        try:
            return apply_inheritance_specs(
                combined, view.arch, on_error=report if on_error is not None else None
            )
        except InheritanceError as error:
            locate(error)
            raise

    def _chain(self, view: View) -> list[View]:
        """`view` and its ancestors, up to the root (the view without a parent)."""
        chain = [view]
        seen = {view.key}
        current = view
        while current.inherit_id:
            parent = self._views.get(current.inherit_id)
            if parent is None:
                raise QWebError(
                    f"Template not found: {current.inherit_id} (inherited by {current.key})",
                    code="unknown-inherit-id",
                    template=current.key,
                    file=current.file,
                    line=current.line,
                )
            if parent.key in seen:
                raise QWebError(
                    f"Inheritance loop: {' -> '.join(v.key for v in chain)} -> {parent.key}",
                    template=view.key,
                    file=view.file,
                    line=view.line,
                )
            chain.append(parent)
            seen.add(parent.key)
            current = parent
        return chain

    def _children_of(self, key: str) -> list[View]:
        if self._children is None:
            children: dict[str, list[View]] = {}
            ordered = sorted(self._views.values(), key=lambda v: (v.priority, v.order))
            for view in ordered:
                if view.inherit_id:
                    children.setdefault(view.inherit_id, []).append(view)
            self._children = children
        return self._children.get(key, [])

    def _invalidate(self) -> None:
        self._children = None
        self._combined.clear()
