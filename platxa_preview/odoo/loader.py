"""Load Odoo modules from an addons path the way Odoo installs them: views into a qweb engine,
assets, pages, menus and theme images into plain records, problems into diagnostics.

Inheritance is not applied and nothing is compiled here: `check` and rendering do that.
"""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

import qweb

from ..diagnostics import CODES, Diagnostics
from .addons import THEME_BASE_MODULE, AddonsPath, Module, is_theme, load_order
from .assets import AssetEntry, AssetRegistry
from .configurator import (
    PAGE_TEMPLATES_FUNCTION,
    SNIPPET_TEMPLATES_FUNCTION,
    generate_page_templates,
    generate_snippet_templates,
)
from .data import (
    ASSET_MODELS,
    ATTACHMENT_MODELS,
    DATA_ROOTS,
    MENU_MODELS,
    PAGE_MODELS,
    AttachmentRecord,
    DataFile,
    DataFileReader,
    FunctionCall,
    MenuRecord,
    PageRecord,
    Record,
    parse_xml,
    truthy,
)
from .manifest import Manifest, find_manifest, read_manifest

SNIPPETS_FOLDER = "views/snippets"
# Manifest keys naming snippets, where a snippet no module defines is reported.
SNIPPET_KEYS = (
    "configurator_snippets",
    "snippet_lists",
    "configurator_snippets_addons",
    "new_page_templates",
)


@dataclass
class LoadedSite:
    """Everything loading produced. `requested` are the modules asked for: their problems are
    errors; problems inside their dependencies are at most warnings."""

    engine: qweb.Engine
    addons: AddonsPath
    modules: list[Module]  # load order
    requested: list[str]
    assets: AssetRegistry
    pages: list[PageRecord] = field(default_factory=list)
    menus: list[MenuRecord] = field(default_factory=list)
    attachments: dict[str, AttachmentRecord] = field(default_factory=dict)  # key -> record
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    def module(self, name: str) -> Module | None:
        return next((m for m in self.modules if m.name == name), None)

    @property
    def themes(self) -> list[Module]:
        return [m for m in self.modules if m.is_theme]

    @property
    def theme(self) -> Module | None:
        """The theme asked for (the last requested theme), else the last theme loaded."""
        requested = [m for m in self.themes if m.name in self.requested]
        candidates = requested or self.themes
        return candidates[-1] if candidates else None

    def is_checked(self, module: str | None) -> bool:
        return module in self.requested

    def attachment(self, name: str) -> AttachmentRecord | None:
        """A theme image by key (what `/web/image/<key>` names) or by xml id."""
        found = self.attachments.get(name)
        if found is None:
            found = next((a for a in self.attachments.values() if a.xml_id == name), None)
        return found

    def page(self, url: str) -> PageRecord | None:
        """The last page loaded for `url` (a theme's page replaces website's)."""
        return next((p for p in reversed(self.pages) if p.url == url), None)


def load_site(
    addons_path,
    modules: Iterable[str],
    *,
    engine: qweb.Engine | None = None,
    diagnostics: Diagnostics | None = None,
    load_unlisted_snippets: bool = True,
) -> LoadedSite:
    """Load `modules` (names, or paths of module folders) and their dependencies.

    `addons_path` is an `AddonsPath`, a folder, a comma-separated string or a list of folders.
    Views go into `engine` (a new `qweb.Engine()` by default: the caller chooses its
    inheritance error policy). Missing dependencies and files, bad manifests and XML are
    reported in `diagnostics`, never raised. With `load_unlisted_snippets`, snippet files a
    dependency has but its manifest does not name are loaded too (see `Module.unlisted_files`).
    """
    loader = _SiteLoader(addons_path, engine, diagnostics)
    loader.load_unlisted_snippets = load_unlisted_snippets
    return loader.load(list(modules))


class _SiteLoader:
    def __init__(self, addons_path, engine: qweb.Engine | None, diagnostics):
        self.addons = (
            addons_path if isinstance(addons_path, AddonsPath) else AddonsPath(addons_path)
        )
        self.engine = engine if engine is not None else qweb.Engine()
        self.diagnostics = diagnostics if diagnostics is not None else Diagnostics()
        self.modules: dict[str, Module] = {}
        self.checked: set[str] = set()
        self.assets = AssetRegistry(self._module_folder)
        self.view_keys: dict[str, str] = {}  # view xml id -> view key, all files so far
        self.defined_ids: dict[str, tuple[str, str, int | None]] = {}  # id -> module, file, line
        self.pages: dict[str, PageRecord] = {}
        self.menus: dict[str, MenuRecord] = {}
        self.attachments: dict[str, AttachmentRecord] = {}
        self.load_unlisted_snippets = True

    # ---- reporting ----

    def report(self, module: str | None, code: str, message: str, **where) -> None:
        """An error in a checked module, a warning in a dependency."""
        if module in self.checked:
            self.diagnostics.error(code, message, module=module, **where)
        else:
            self.diagnostics.warning(code, message, module=module, **where)

    # ---- steps ----

    def load(self, requested: list[str]) -> LoadedSite:
        names = self._requested_names(requested)
        self.checked = set(names)
        for name in names:
            self._discover(name, required_by=None)
        ordered, cycles = load_order(self.modules)
        for cycle in cycles:
            first = self.modules[cycle[0]]
            self.report(
                first.name,
                "manifest-invalid",
                f"dependency cycle: {' -> '.join(cycle)}",
                file=_str(first.manifest_file),
                line=first.manifest.line_of("depends"),
            )
        for module in ordered:
            self.assets.add_manifest(
                module.name, module.manifest.assets, _str(module.manifest_file)
            )
        loaded = {module.name for module in ordered}
        for module in ordered:
            self._load_data(module, loaded)
        self._resolve_links()
        self._check_asset_files()
        return LoadedSite(
            engine=self.engine,
            addons=self.addons,
            modules=ordered,
            requested=names,
            assets=self.assets,
            pages=list(self.pages.values()),
            menus=sorted(self.menus.values(), key=lambda m: m.sequence),
            attachments=self.attachments,
            diagnostics=self.diagnostics,
        )

    def _requested_names(self, requested: list[str]) -> list[str]:
        """Module names; a path to a module folder puts its parent first on the addons path."""
        names: list[str] = []
        for item in requested:
            text = os.fspath(item)
            path = Path(text)
            looks_like_path = os.sep in text or "/" in text or path.is_dir()
            if looks_like_path and path.is_dir():
                if find_manifest(path) is None:
                    self.diagnostics.error(
                        "manifest-missing",
                        f"{path} has no __manifest__.py: it is not an Odoo module",
                        file=str(path),
                    )
                    continue
                self.addons.add([path.parent], first=True)
                name = path.name
            elif looks_like_path and not path.exists():
                self.diagnostics.error(
                    "unknown-module", f"no module folder at {path}", file=str(path)
                )
                continue
            else:
                name = text
            if name not in names:
                names.append(name)
        return names

    def _discover(self, name: str, required_by: Module | None) -> Module | None:
        """Find `name` and, recursively, its dependencies; report what is missing."""
        if name in self.modules:
            return self.modules[name]
        folder = self.addons.find(name)
        if folder is None:
            if required_by is None:
                self.diagnostics.error(
                    "unknown-module",
                    f"module {name!r} is not on the addons path ({self._path_text()})",
                    module=name,
                )
            return None
        manifest_file = find_manifest(folder)

        def report_manifest(code: str, message: str, line: int | None) -> None:
            self.report(name, code, message, file=str(manifest_file), line=line)

        manifest = read_manifest(manifest_file, report_manifest)
        module = Module(name=name, path=folder, manifest=manifest)
        self.modules[name] = module
        depends = list(manifest.depends)
        if (
            is_theme(name, manifest)
            and name != THEME_BASE_MODULE
            and THEME_BASE_MODULE not in depends
            and THEME_BASE_MODULE in self.addons
        ):
            depends.append(THEME_BASE_MODULE)  # implicit: themes are installed through website
        for index, dependency in enumerate(depends):
            found = self._discover(dependency, required_by=module)
            if found is None:
                module.missing_dependencies.append(dependency)
                self.report(
                    name,
                    "missing-dependency",
                    f"module {name!r} depends on {dependency!r}, which is not on the addons path",
                    file=str(manifest_file),
                    line=manifest.line_of("depends", index),
                )
            elif dependency not in module.dependencies:
                module.dependencies.append(dependency)
        return module

    # ---- data files ----

    def _load_data(self, module: Module, loaded: set[str]) -> None:
        manifest = module.manifest
        manifest_file = _str(manifest.file)
        for index, relative in self._data_files(module):
            path = module.path / relative
            if index is None:
                module.unlisted_files.append(path)
            elif not path.is_file():
                module.missing_data_files.append(relative)
                self.report(
                    module.name,
                    "missing-data-file",
                    f"data file {relative!r} of module {module.name!r} does not exist",
                    file=manifest_file,
                    line=manifest.line_of("data", index),
                )
                continue
            if path.suffix.lower() != ".xml":
                continue  # CSV access rights, SQL...: nothing to preview
            self._load_xml(module, path, loaded)

    def _data_files(self, module: Module) -> list[tuple[int | None, str]]:
        """The manifest's `data` files (with their index), in order. For a dependency (not a
        checked module), snippet files of its `views/snippets/` folder that the manifest
        does not name are added after the last snippet file it names (index None): trees
        assembled from several Odoo versions have newer snippets than their manifest."""
        listed = list(enumerate(module.manifest.data))
        if module.name in self.checked or not self.load_unlisted_snippets:
            return listed
        folder = module.path / SNIPPETS_FOLDER
        if not folder.is_dir():
            return listed
        named = {_normal(relative) for _, relative in listed}
        unlisted = sorted(
            f"{SNIPPETS_FOLDER}/{child.name}"
            for child in folder.iterdir()
            if child.suffix == ".xml" and f"{SNIPPETS_FOLDER}/{child.name}" not in named
        )
        if not unlisted:
            return listed
        positions = [
            i for i, (_, rel) in enumerate(listed) if _normal(rel).startswith(SNIPPETS_FOLDER)
        ]
        at = positions[-1] + 1 if positions else len(listed)
        return [*listed[:at], *((None, relative) for relative in unlisted), *listed[at:]]

    def _load_xml(self, module: Module, path: Path, loaded: set[str]) -> None:
        file = str(path)
        try:
            root = parse_xml(path)
        except etree.XMLSyntaxError as error:
            line = error.position[0] if error.position else error.lineno
            self.report(
                module.name, "xml-syntax", f"invalid XML: {error.msg}", file=file, line=line
            )
            return
        except OSError as error:
            self.report(module.name, "missing-data-file", f"cannot read: {error}", file=file)
            return
        if root.tag not in DATA_ROOTS:
            self.report(
                module.name,
                "xml-syntax",
                f"a data file's root element must be <odoo>, <openerp> or <data>, not <{root.tag}>",
                file=file,
                line=root.sourceline,
            )
            return
        module.data_files.append(path)
        data = DataFileReader(module.name).read(root)
        self._check_ids(module, data, file)
        self.view_keys.update(data.view_keys)
        if data.defines_views:
            keys = self._load_views(module, root, file)
            if keys:
                module.view_files.append(path)
                module.views.extend(keys)
        for record in data.records:
            self._add_record(module, record, file)
        for call in data.functions:
            self._run_function(module, call, file, loaded)

    def _load_views(self, module: Module, root: etree._Element, file: str) -> list[str]:
        """Register the file's views; when one element is broken, the others still load."""
        try:
            return self.engine.load(root, module=module.name, file=file)
        except qweb.QWebError:
            pass
        keys: list[str] = []
        for element in _data_elements(root):
            wrapper = etree.Element("odoo")
            wrapper.append(copy.deepcopy(element))  # keeps source lines
            try:
                keys.extend(self.engine.load(wrapper, module=module.name, file=file))
            except qweb.QWebError as error:
                self.report(
                    module.name,
                    error.code if error.code in CODES else "template-error",
                    error.message,
                    file=error.file or file,
                    line=error.line or element.sourceline,
                )
        return keys

    def _check_ids(self, module: Module, data: DataFile, file: str) -> None:
        """The same XML id twice in one module is a mistake (Odoo silently keeps the last);
        a module writing another module's id (`website.x`) updates that record, as in Odoo."""
        for xml_id, line in data.ids:
            previous = self.defined_ids.get(xml_id)
            if previous is None:
                self.defined_ids[xml_id] = (module.name, file, line)
                continue
            previous_module, previous_file, previous_line = previous
            if previous_module == module.name:
                self.report(
                    module.name,
                    "duplicate-id",
                    f"XML id {xml_id!r} is already defined at {previous_file}:{previous_line}",
                    file=file,
                    line=line,
                )

    # ---- records ----

    def _add_record(self, module: Module, record: Record, file: str) -> None:
        if record.model in ASSET_MODELS:
            self._add_asset(module, record, file)
        elif record.model in PAGE_MODELS:
            self._add_page(module, record, file)
        elif record.model in MENU_MODELS:
            self._add_menu(module, record, file)
        elif record.model in ATTACHMENT_MODELS:
            self._add_attachment(module, record, file)

    def _add_asset(self, module: Module, record: Record, file: str) -> None:
        values = record.values
        known = {
            "bundle": values.get("bundle"),
            "path": values.get("path") or values.get("glob"),  # `glob` before Odoo 16
            "directive": values.get("directive"),
            "target": values.get("target"),
            "name": values.get("name"),
        }
        known = {name: value for name, value in known.items() if value}
        if "active" in values:
            known["active"] = truthy(values["active"])
        if "sequence" in values:
            try:
                known["sequence"] = int(values["sequence"])
            except (TypeError, ValueError):
                self.report(
                    module.name,
                    "template-error",
                    f"asset {record.xml_id!r}: sequence {values['sequence']!r} is not a number",
                    file=file,
                    line=record.line,
                )
        if record.xml_id and self.assets.record(record.xml_id) is not None:
            self.assets.update_record(record.xml_id, known)
            return
        if not known.get("bundle") or not known.get("path"):
            missing = " and ".join(n for n in ("bundle", "path") if not known.get(n))
            self.report(
                module.name,
                "template-error",
                f"asset {record.xml_id or ''!r} has no {missing}",
                file=file,
                line=record.line,
            )
            return
        known.setdefault("directive", "append")
        self.assets.add_record(
            AssetEntry(
                module=module.name, xml_id=record.xml_id, file=file, line=record.line, **known
            )
        )

    def _add_page(self, module: Module, record: Record, file: str) -> None:
        values = record.values
        xml_id = record.xml_id or f"{module.name}.<page line {record.line}>"
        page = self.pages.get(xml_id) or PageRecord(
            xml_id=xml_id, module=module.name, file=file, line=record.line, is_published=False
        )
        page.fields.update(values)
        if "url" in values:
            page.url = str(values["url"])
        if values.get("view_id"):
            page.view_key = self.view_keys.get(values["view_id"], values["view_id"])
        elif page.view_key is None and xml_id in self.view_keys:
            page.view_key = self.view_keys[xml_id]  # a page record with its own arch
        if "name" in values:
            page.name = str(values["name"])
        if "is_published" in values:
            page.is_published = truthy(values["is_published"])
        self.pages[xml_id] = page

    def _add_menu(self, module: Module, record: Record, file: str) -> None:
        values = record.values
        xml_id = record.xml_id or f"{module.name}.<menu line {record.line}>"
        menu = self.menus.get(xml_id) or MenuRecord(
            xml_id=xml_id, module=module.name, file=file, line=record.line
        )
        menu.fields.update(values)
        if values.get("name"):
            menu.name = str(values["name"])
        if values.get("url"):
            menu.url = str(values["url"])
        if values.get("parent_id"):
            menu.parent = values["parent_id"]
        if values.get("page_id"):
            menu.page = values["page_id"]
        if "sequence" in values:
            with contextlib.suppress(TypeError, ValueError):
                menu.sequence = int(values["sequence"])
        if "new_window" in values:
            menu.new_window = truthy(values["new_window"])
        self.menus[xml_id] = menu

    def _add_attachment(self, module: Module, record: Record, file: str) -> None:
        values = record.values
        xml_id = record.xml_id or f"{module.name}.<attachment line {record.line}>"
        url = values.get("url") or None
        attachment = AttachmentRecord(
            xml_id=xml_id,
            key=values.get("key") or None,
            name=values.get("name") or None,
            url=url,
            path=self._static_path(url) if url else None,
            module=module.name,
            file=file,
            line=record.line,
        )
        self.attachments[attachment.key or xml_id] = attachment

    def _resolve_links(self) -> None:
        """Menus opening a page take the page's URL when they have none (as website.menu)."""
        for menu in self.menus.values():
            if not menu.url and menu.page and menu.page in self.pages:
                menu.url = self.pages[menu.page].url

    # ---- functions ----

    def _run_function(self, module: Module, call: FunctionCall, file: str, loaded) -> None:
        if call.name not in (SNIPPET_TEMPLATES_FUNCTION, PAGE_TEMPLATES_FUNCTION):
            self.diagnostics.info(
                "ignored-function",
                f"<function model={call.model!r} name={call.name!r}> is not run by a preview",
                file=file,
                line=call.line,
                module=module.name,
            )
            return
        for target in call.modules or [module.name]:
            owner = self.modules.get(target)
            if owner is None:
                self.report(
                    module.name,
                    "unknown-module",
                    f"{call.name} is called for module {target!r}, which is not loaded",
                    file=file,
                    line=call.line,
                )
                continue
            if call.name == PAGE_TEMPLATES_FUNCTION:
                generate_page_templates(
                    self.engine, owner.manifest, owner.name, file=file, line=call.line
                )
                continue
            generated = generate_snippet_templates(
                self.engine, owner.manifest, owner.name, loaded, file=file, line=call.line
            )
            owner.views.extend(generated.created)
            for snippet in generated.missing_snippets:
                self._report_missing_snippet(owner, snippet)

    def _report_missing_snippet(self, owner: Module, snippet: str) -> None:
        """A snippet the manifest names and no module defines. When the module that should
        define it is absent or partial (files missing), the fault may be the tree's: warning."""
        snippet_module = self.modules.get(snippet.split(".", 1)[0])
        manifest = owner.manifest
        name = snippet.split(".", 1)[1]
        keys = [k for k in SNIPPET_KEYS if k in manifest.raw and name in repr(manifest.raw[k])]
        line = manifest.line_of(keys[0]) if keys else None
        message = f"snippet {snippet!r} named in the manifest of {owner.name!r} is not defined"
        where = {"file": _str(manifest.file), "line": line, "module": owner.name}
        if snippet_module is not None and snippet_module.is_complete and owner.name in self.checked:
            self.diagnostics.error("unknown-snippet", message, **where)
            return
        if snippet_module is None:
            message += f" (module {snippet.split('.', 1)[0]!r} is not loaded)"
        else:
            message += f" (module {snippet_module.name!r} is partial)"
        self.diagnostics.warning("unknown-snippet", message, **where)

    # ---- assets ----

    def _check_asset_files(self) -> None:
        """Asset paths of the checked modules that match no file (warnings: Odoo only logs)."""
        for entry in self.assets.entries:
            if entry.module not in self.checked or not entry.active:
                continue
            if entry.directive in ("include", "remove"):
                continue
            files = self.assets.expand(entry.path, entry.bundle)
            if files and all(f.path is None for f in files) and not files[0].url.startswith("/"):
                continue  # an external URL
            if not files or all(f.path is None for f in files):
                self.diagnostics.warning(
                    "missing-asset-file",
                    f"asset {entry.path!r} of bundle {entry.bundle!r} matches no file",
                    file=entry.file,
                    line=entry.line,
                    module=entry.module,
                )

    # ---- helpers ----

    def _module_folder(self, name: str) -> Path | None:
        module = self.modules.get(name)
        return module.path if module is not None else None

    def _static_path(self, url: str) -> Path | None:
        """The file behind `/<module>/static/...`, when the module is loaded and has it."""
        parts = url.split("?", 1)[0].lstrip("/").split("/", 1)
        if len(parts) != 2:
            return None
        module = self.modules.get(parts[0])
        return module.static_file(parts[1]) if module is not None else None

    def _path_text(self) -> str:
        return ",".join(str(folder) for folder in self.addons.folders) or "empty"


def _data_elements(root: etree._Element):
    """The record-level elements of a data file (inside nested `<data>` too)."""
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag in DATA_ROOTS:
            yield from _data_elements(element)
        else:
            yield element


def _normal(relative: str) -> str:
    return relative.replace("\\", "/").lstrip("./")


def _str(path: Path | None) -> str | None:
    return str(path) if path is not None else None


__all__ = ["LoadedSite", "Manifest", "load_site"]
