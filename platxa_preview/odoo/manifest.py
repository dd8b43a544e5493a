"""Odoo manifests: read `__manifest__.py` as a literal (never executed), check the keys we use."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAMES = ("__manifest__.py", "__openerp__.py")

ASSET_DIRECTIVES = ("append", "prepend", "after", "before", "remove", "replace", "include")
# Directives whose command is (directive, target, path) instead of (directive, path).
TARGETED_DIRECTIVES = ("after", "before", "replace")

# Report a problem: (code, message, line). The loader decides the severity.
Report = Callable[[str, str, int | None], object]


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_snippet_pages(value) -> bool:
    """{page: [snippet, ...]}: `configurator_snippets`, `snippet_lists`."""
    return isinstance(value, dict) and all(
        isinstance(page, str) and _is_str_list(snippets) for page, snippets in value.items()
    )


def _is_page_templates(value) -> bool:
    """{group: {template: [snippet, ...]}}: `new_page_templates`."""
    return isinstance(value, dict) and all(
        isinstance(group, str) and _is_snippet_pages(templates)
        for group, templates in value.items()
    )


def _is_addon_snippets(value) -> bool:
    """{module: {page: [(snippet, position, anchor), ...]}}: `configurator_snippets_addons`."""
    return isinstance(value, dict) and all(
        isinstance(module, str)
        and isinstance(pages, dict)
        and all(
            isinstance(page, str)
            and isinstance(items, (list, tuple))
            and all(
                isinstance(item, (list, tuple)) and item and isinstance(item[0], str)
                for item in items
            )
            for page, items in pages.items()
        )
        for module, pages in value.items()
    )


# key -> (check, what the key must be). Keys not listed are kept as they are.
_KEY_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "name": (lambda v: isinstance(v, str), "a string"),
    "version": (lambda v: isinstance(v, str), "a string"),
    "category": (lambda v: isinstance(v, str), "a string"),
    "summary": (lambda v: isinstance(v, str), "a string"),
    "description": (lambda v: isinstance(v, str), "a string"),
    "author": (lambda v: isinstance(v, str), "a string"),
    "license": (lambda v: isinstance(v, str), "a string"),
    "depends": (_is_str_list, "a list of module names"),
    "data": (_is_str_list, "a list of file paths"),
    "demo": (_is_str_list, "a list of file paths"),
    "images": (_is_str_list, "a list of file paths"),
    "installable": (lambda v: isinstance(v, bool), "True or False"),
    "application": (lambda v: isinstance(v, bool), "True or False"),
    "auto_install": (lambda v: isinstance(v, bool) or _is_str_list(v), "a bool or a list"),
    "sequence": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "assets": (lambda v: isinstance(v, dict), "a dict {bundle: [paths]}"),
    "configurator_snippets": (_is_snippet_pages, "a dict {page: [snippet names]}"),
    "snippet_lists": (_is_snippet_pages, "a dict {page: [snippet names]}"),
    "configurator_snippets_addons": (
        _is_addon_snippets,
        "a dict {module: {page: [(snippet, position, anchor)]}}",
    ),
    "new_page_templates": (_is_page_templates, "a dict {group: {template: [snippet names]}}"),
    "images_preview_theme": (
        lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in (*v, *v.values())),
        "a dict {xml id: url}",
    ),
    "theme_customizations": (lambda v: isinstance(v, dict), "a dict"),
}


@dataclass(frozen=True)
class AssetCommand:
    """One entry of a manifest `assets` list: `path`, `(directive, path)` or `(directive,
    target, path)`; `path` may be a glob, a URL, or a bundle name for `include`."""

    directive: str
    path: str
    target: str | None = None
    line: int | None = None


@dataclass
class Manifest:
    """A module's manifest: the raw dict plus typed access to the keys the preview uses."""

    file: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    valid: bool = True  # False when the file is not a dict literal: nothing of it is used
    lines: dict[str, int] = field(default_factory=dict)  # key -> line of the key
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # key -> line of each item
    assets: dict[str, list[AssetCommand]] = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.raw.get(key, default)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        """The line of `key`, or of its `index`-th item (a `data` file, a `depends` name)."""
        if index is not None:
            lines = self.item_lines.get(key, [])
            if index < len(lines):
                return lines[index]
        return self.lines.get(key)

    @property
    def name(self) -> str:
        return self.raw.get("name", "")

    @property
    def category(self) -> str:
        return self.raw.get("category", "Uncategorized")

    @property
    def version(self) -> str:
        return self.raw.get("version", "1.0")

    @property
    def depends(self) -> list[str]:
        return list(self.raw.get("depends", []))

    @property
    def data(self) -> list[str]:
        return list(self.raw.get("data", []))

    @property
    def demo(self) -> list[str]:
        return list(self.raw.get("demo", []))

    @property
    def installable(self) -> bool:
        return self.raw.get("installable", True)

    @property
    def configurator_snippets(self) -> dict[str, list[str]]:
        """Snippets of the pages Odoo's configurator builds (`snippet_lists` in older themes)."""
        return dict(self.raw.get("configurator_snippets") or self.raw.get("snippet_lists") or {})

    @property
    def configurator_snippets_addons(self) -> dict[str, dict[str, list]]:
        return dict(self.raw.get("configurator_snippets_addons", {}))

    @property
    def new_page_templates(self) -> dict[str, dict[str, list[str]]]:
        return dict(self.raw.get("new_page_templates", {}))

    @property
    def homepage_snippets(self) -> list[str]:
        """The snippets of the homepage Odoo's configurator composes for this theme."""
        return list(self.configurator_snippets.get("homepage", []))

    @property
    def images_preview_theme(self) -> dict[str, str]:
        return dict(self.raw.get("images_preview_theme", {}))

    @property
    def theme_customizations(self) -> dict[str, Any]:
        return dict(self.raw.get("theme_customizations", {}))


def find_manifest(folder: Path) -> Path | None:
    """The manifest file of a module folder (`__manifest__.py`, or the old `__openerp__.py`)."""
    for name in MANIFEST_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def read_manifest(path: Path, report: Report) -> Manifest:
    """Read a manifest file with `ast` (never executed); problems go to `report`.

    A file that is not a dict literal gives an invalid manifest (no keys). A key whose value
    is not a literal or has the wrong type is reported at its line and left out, so that the
    rest of the module still loads.
    """
    manifest = Manifest(file=path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report("manifest-invalid", f"cannot read the manifest: {error}", None)
        manifest.valid = False
        return manifest
    try:
        tree = ast.parse(source, filename=str(path), mode="eval")
    except SyntaxError as error:
        report("manifest-invalid", f"manifest syntax error: {error.msg}", error.lineno)
        manifest.valid = False
        return manifest
    node = tree.body
    if not isinstance(node, ast.Dict):
        report(
            "manifest-invalid",
            f"the manifest must be a dict literal, not {_describe_node(node)}",
            node.lineno,
        )
        manifest.valid = False
        return manifest
    for key_node, value_node in zip(node.keys, node.values, strict=True):
        if key_node is None:  # {**other}
            report("manifest-invalid", "`**` unpacking is not allowed", value_node.lineno)
            continue
        if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
            report("manifest-invalid", "manifest keys must be strings", key_node.lineno)
            continue
        key = key_node.value
        try:
            value = ast.literal_eval(value_node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            report(
                "manifest-invalid",
                f"manifest key {key!r} is not a Python literal ({_describe_node(value_node)})",
                value_node.lineno,
            )
            continue
        if key in manifest.raw:
            report("manifest-invalid", f"manifest key {key!r} is given twice", key_node.lineno)
        expected = _KEY_TYPES.get(key)
        if expected is not None and not expected[0](value):
            report(
                "manifest-invalid",
                f"manifest key {key!r} must be {expected[1]}, not {type(value).__name__}",
                key_node.lineno,
            )
            continue
        manifest.raw[key] = value
        manifest.lines[key] = key_node.lineno
        if isinstance(value_node, (ast.List, ast.Tuple)):
            manifest.item_lines[key] = [item.lineno for item in value_node.elts]
        if key == "assets":
            manifest.assets = _read_assets(value_node, report)
    return manifest


def _read_assets(node: ast.AST, report: Report) -> dict[str, list[AssetCommand]]:
    """The manifest `assets` dict as commands; malformed entries are reported and skipped."""
    bundles: dict[str, list[AssetCommand]] = {}
    if not isinstance(node, ast.Dict):
        return bundles
    for key_node, entries_node in zip(node.keys, node.values, strict=True):
        line = entries_node.lineno
        bundle = ast.literal_eval(key_node) if key_node is not None else None
        entries = ast.literal_eval(entries_node)
        if not isinstance(bundle, str) or not isinstance(entries, (list, tuple)):
            report(
                "manifest-invalid",
                f"assets: bundle {bundle!r} must map a name to a list of paths",
                line,
            )
            continue
        commands = bundles.setdefault(bundle, [])
        for position, entry in enumerate(entries):
            entry_line = _element_line(entries_node, position)
            command = _asset_command(entry, entry_line)
            if command is None:
                report(
                    "manifest-invalid",
                    f"assets[{bundle!r}]: invalid entry {entry!r} (expected 'path', "
                    "(directive, path) or (directive, target, path))",
                    entry_line,
                )
                continue
            commands.append(command)
    return bundles


def _asset_command(entry, line: int | None) -> AssetCommand | None:
    if isinstance(entry, str):
        return AssetCommand("append", entry, line=line)
    if not isinstance(entry, (list, tuple)) or not all(isinstance(x, str) for x in entry):
        return None
    if len(entry) == 3 and entry[0] in TARGETED_DIRECTIVES:
        return AssetCommand(entry[0], entry[2], target=entry[1], line=line)
    if len(entry) == 2 and entry[0] in ASSET_DIRECTIVES and entry[0] not in TARGETED_DIRECTIVES:
        return AssetCommand(entry[0], entry[1], line=line)
    return None


def _element_line(node: ast.AST | None, index: int) -> int | None:
    """The line of the `index`-th element of a list/tuple literal node."""
    if isinstance(node, (ast.List, ast.Tuple)) and index < len(node.elts):
        return node.elts[index].lineno
    return getattr(node, "lineno", None)


def _describe_node(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        return f"a {type(node.value).__name__}"
    if isinstance(node, ast.Call):
        return "a function call"
    if isinstance(node, ast.Name):
        return f"the name {node.id!r}"
    return f"a {type(node).__name__} expression"
