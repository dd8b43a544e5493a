"""Addons paths and modules: where modules are, and the order Odoo loads them in."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import Manifest, find_manifest

# Modules every theme needs: Odoo installs themes through `website` (their `theme_common`
# dependency, often absent from partial trees, depends on it).
THEME_BASE_MODULE = "website"


@dataclass
class Module:
    """One module found on the addons path, with its manifest and what loading it produced."""

    name: str
    path: Path  # the module folder: its files are served from here
    manifest: Manifest
    depth: int = 0  # 0 for modules without (found) dependencies, else 1 + deepest dependency
    dependencies: list[str] = field(default_factory=list)  # found ones, implicit ones included
    missing_dependencies: list[str] = field(default_factory=list)
    data_files: list[Path] = field(default_factory=list)  # XML data files read, manifest order
    view_files: list[Path] = field(default_factory=list)  # those that defined views
    views: list[str] = field(default_factory=list)  # keys of the views it registered
    missing_data_files: list[str] = field(default_factory=list)
    unlisted_files: list[Path] = field(default_factory=list)  # loaded though not in `data`

    @property
    def manifest_file(self) -> Path | None:
        return self.manifest.file

    @property
    def is_theme(self) -> bool:
        """A theme module: named `theme_*` or in a `Theme` category, as Odoo tells them."""
        return is_theme(self.name, self.manifest)

    @property
    def is_complete(self) -> bool:
        """Every data file its manifest names exists (real trees may be partial)."""
        return not self.missing_data_files

    def static_file(self, relative: str) -> Path | None:
        """The file behind `/<module>/<relative>` (e.g. `static/src/img/a.png`), if it exists
        inside the module folder."""
        candidate = (self.path / relative).resolve()
        root = self.path.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate


def is_theme(name: str, manifest: Manifest) -> bool:
    return name.startswith("theme_") or manifest.category.startswith("Theme")


class AddonsPath:
    """Folders holding modules, searched in order like Odoo's `--addons-path`.

    Accepts one folder, a comma-separated string of folders (`os.pathsep` too), or a list of
    either. A folder that is itself a module (has a manifest) provides that one module. The
    first folder holding a module name wins.
    """

    def __init__(self, paths: str | os.PathLike | Iterable[str | os.PathLike] | None = None):
        self.folders: list[Path] = []
        self.add(paths)

    def add(self, paths, *, first: bool = False) -> None:
        """Add folders (same forms as the constructor), at the end or in front."""
        folders = [Path(p) for p in _split_paths(paths)]
        folders = [f for f in folders if f not in self.folders]
        self.folders = folders + self.folders if first else self.folders + folders
        self._cache: dict[str, Path | None] = {}

    def find(self, name: str) -> Path | None:
        """The folder of module `name`, or None when no folder of the path holds it."""
        if name in self._cache:
            return self._cache[name]
        found = None
        for folder in self.folders:
            if folder.name == name and find_manifest(folder):
                found = folder
                break
            candidate = folder / name
            if find_manifest(candidate):
                found = candidate
                break
        self._cache[name] = found
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def missing_folders(self) -> list[Path]:
        return [folder for folder in self.folders if not folder.is_dir()]

    def module_names(self) -> list[str]:
        """Every module available on the path, sorted (the first folder wins on duplicates)."""
        names: set[str] = set()
        for folder in self.folders:
            if find_manifest(folder):
                names.add(folder.name)
                continue
            if folder.is_dir():
                names.update(
                    child.name
                    for child in folder.iterdir()
                    if child.is_dir() and find_manifest(child)
                )
        return sorted(names)

    def __repr__(self) -> str:
        return f"AddonsPath({','.join(str(f) for f in self.folders)!r})"


def _split_paths(paths) -> list[str]:
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        text = os.fspath(paths)
        parts = text.split(",")
        if os.pathsep != ",":
            parts = [piece for part in parts for piece in part.split(os.pathsep)]
        return [part.strip() for part in parts if part.strip()]
    result: list[str] = []
    for item in paths:
        result.extend(_split_paths(item))
    return result


def load_order(modules: dict[str, Module]) -> tuple[list[Module], list[list[str]]]:
    """Modules in Odoo's load order, and the dependency cycles found.

    As Odoo's module graph: a module comes after everything it depends on; modules are
    loaded level by level (depth 0 = no dependencies, then 1 + the deepest dependency), and
    by name inside a level. Missing dependencies do not count. Modules on a cycle come
    last, by name.
    """
    depth: dict[str, int] = {}
    cycles: list[list[str]] = []
    visiting: list[str] = []

    def visit(name: str) -> int:
        if name in depth:
            return depth[name]
        if name in visiting:
            cycle = [*visiting[visiting.index(name) :], name]
            cycles.append(cycle)
            return -1
        visiting.append(name)
        levels = [visit(dep) for dep in modules[name].dependencies]
        visiting.pop()
        if any(level < 0 for level in levels):
            depth[name] = 10**6  # on (or after) a cycle: loaded last
        else:
            depth[name] = 1 + max(levels) if levels else 0
        return depth[name]

    for name in sorted(modules):
        visit(name)
    for name, module in modules.items():
        module.depth = depth[name]
    ordered = sorted(modules.values(), key=lambda m: (m.depth, m.name))
    return ordered, cycles
