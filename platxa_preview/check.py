"""`check`: validate Odoo modules or single XML files and report precise diagnostics.

Problems in the checked modules or files are errors; problems found inside their dependencies
(for example files missing from a partial Odoo tree) are at most warnings, since the user cannot
fix them there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

import qweb
from qweb.source import origin_of

from .diagnostics import CODES, Diagnostics
from .odoo import AddonsPath, find_manifest, load_site

# Directives whose value names another template (a format string when it holds placeholders).
TEMPLATE_REFERENCES = ("t-call", "t-snippet-call", "t-snippet")


def check_views(
    engine: qweb.Engine,
    checked_files: Iterable[str],
    diagnostics: Diagnostics,
    *,
    module_of_file: dict[str, str] | None = None,
) -> None:
    """Combine and compile every template the checked files define or change.

    Reports inheritance specs that cannot apply, compile errors (every broken element, not
    just the first) and t-calls to templates that do not exist.
    """
    checked = {str(Path(file)) for file in checked_files}
    modules = module_of_file or {}
    seen: set[tuple] = set()

    def report(error: qweb.QWebError, *, code: str | None = None, prefix: str = "") -> None:
        file = error.file
        key = (file, error.line, error.message)
        if key in seen:
            return
        seen.add(key)
        code = code or error.code
        if code not in CODES:
            code = "template-error"
        severity = "error" if file in checked else "warning"
        message = prefix + error.message
        if error.template and error.template not in message:
            message += f" (template {error.template})"
        diagnostics.add(
            severity, code, message, file=file, line=error.line, module=modules.get(file)
        )

    previous_policy = engine.on_inheritance_error
    engine.on_inheritance_error = report
    try:
        for key in _templates_to_check(engine, checked, report):
            errors, _warnings = engine.check_template(key)
            for error in errors:
                report(error)
            _check_references(engine, key, report)
    finally:
        engine.on_inheritance_error = previous_policy


def _templates_to_check(engine: qweb.Engine, checked: set[str], report) -> list[str]:
    """Primary templates defined in checked files, or changed by a checked extension."""
    views = engine.views
    targets: dict[str, None] = {}
    for key in views.keys():  # noqa: SIM118 (a registry, not a dict)
        view = views.get(key)
        if view is None or view.file is None or str(Path(view.file)) not in checked:
            continue
        current = view
        while current is not None and current.mode == "extension":
            parent = views.get(current.inherit_id)
            if parent is None:
                report(
                    qweb.QWebError(
                        f"inherit_id {current.inherit_id!r} names no known view",
                        template=current.key, file=current.file, line=current.line,
                        code="unknown-inherit-id",
                    )
                )  # fmt: skip
            current = parent
        if current is not None:
            targets[current.key] = None
    return list(targets)


def _check_references(engine: qweb.Engine, key: str, report) -> None:
    """t-call / t-snippet to a literal template name that no loaded module defines."""
    try:
        arch = engine.views.combined_arch(key, on_error=lambda error: None)
    except qweb.QWebError:
        return  # already reported by check_template
    for element in arch.iter(etree.Element):
        for attribute in TEMPLATE_REFERENCES:
            name = element.get(attribute)
            if not name or "{{" in name or "#{" in name or name in engine.views:
                continue
            file, line = origin_of(element)
            report(
                qweb.QWebError(
                    f"{attribute} to unknown template {name!r}",
                    template=key, file=file, line=line, code="unknown-template",
                )
            )  # fmt: skip


def duplicate_ids(path: Path, diagnostics: Diagnostics, *, checked: bool = True) -> None:
    """The same template name or XML id defined twice in one file."""
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return  # reported when loading
    first: dict[str, int | None] = {}
    for element in root.iter(etree.Element):
        name = None
        if element.tag in ("template", "record", "asset", "menuitem"):
            name = element.get("id")
        elif element.get("t-name") and element.getparent() is root and element.tag == "t":
            name = element.get("t-name")
        if not name:
            continue
        if name in first:
            diagnostics.add(
                "error" if checked else "warning",
                "duplicate-id",
                f"{name!r} is defined twice (first at line {first[name]})",
                file=str(path),
                line=element.sourceline,
            )
        else:
            first[name] = element.sourceline


def check_xml_file(path: Path, diagnostics: Diagnostics, engine: qweb.Engine | None = None) -> None:
    """Check one XML file on its own (or over an engine already holding its dependencies)."""
    engine = engine or qweb.Engine()
    path = Path(path)
    if not path.is_file():
        diagnostics.error("missing-data-file", f"no such file: {path}", file=str(path))
        return
    try:
        engine.load(str(path))
    except qweb.QWebError as error:
        code = error.code if error.code in CODES else "xml-syntax"
        diagnostics.error(code, error.message, file=error.file or str(path), line=error.line)
        return
    duplicate_ids(path, diagnostics)
    check_views(engine, [str(Path(path))], diagnostics)


def check_paths(paths: Iterable[str | Path], addons_path=None) -> Diagnostics:
    """Check module folders (or folders of modules) and single XML files."""
    diagnostics = Diagnostics()
    modules: list[str] = []
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if find_manifest(path) is not None:
                modules.append(str(path))
            else:
                found = sorted(p for p in path.iterdir() if p.is_dir() and find_manifest(p))
                if not found:
                    diagnostics.error(
                        "manifest-missing", f"{path} is neither a module nor a folder of modules",
                        file=str(path),
                    )  # fmt: skip
                modules.extend(str(p) for p in found)
        else:
            files.append(path)
    if modules:
        check_modules(modules, addons_path, diagnostics)
    for file in files:
        check_xml_file(file, diagnostics, engine=_engine_for_file(file, addons_path))
    return diagnostics


def check_modules(modules: list[str], addons_path, diagnostics: Diagnostics) -> None:
    """Load the modules with their dependencies, then validate what they define or change."""
    site = load_site(addons_path or [], modules, diagnostics=diagnostics)
    module_of_file: dict[str, str] = {}
    for module in site.modules:
        for file in module.view_files:
            module_of_file[str(file)] = module.name
    checked = [file for file, name in module_of_file.items() if site.is_checked(name)]
    check_views(site.engine, checked, diagnostics, module_of_file=module_of_file)


def _engine_for_file(path: Path, addons_path) -> qweb.Engine:
    """An engine holding the modules a lone XML file refers to (`website.x` loads `website`)."""
    engine = qweb.Engine()
    if not addons_path:
        return engine
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return engine
    names = set()
    for element in root.iter(etree.Element):
        for attribute in ("inherit_id", "t-call", "t-inherit", "ref"):
            value = element.get(attribute) or ""
            if "." in value and "{" not in value:
                names.add(value.split(".", 1)[0])
    addons = AddonsPath(addons_path)
    wanted = sorted(name for name in names if addons.find(name) is not None)
    if wanted:
        load_site(addons, wanted, engine=engine, diagnostics=Diagnostics())
    return engine
