"""Asset bundles: manifest `assets` and `ir.asset` records, resolved to files as Odoo orders them.

Odoo builds a bundle (`ir.asset._fill_asset_paths`) from three sources, in this order:
`ir.asset` records with a sequence below 16, the manifests of the installed modules in load
order, then the other records (both groups by sequence, then creation order). Each command
is a directive: append (default), prepend (at the start of the bundle being filled, also when
it is included in another), before/after/replace (a target path), remove, include (another
bundle). Paths are globs below a module's `static` folder, or URLs.
A file already in the bundle is not added twice.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .manifest import ASSET_DIRECTIVES, AssetCommand

DEFAULT_SEQUENCE = 16
_EXTERNAL = re.compile(r"^(?:[a-z]+:)?//|^/web/(?:content|image)")


@dataclass
class AssetEntry:
    """One command for a bundle: from a manifest, an `<asset>` element or an `ir.asset` record."""

    bundle: str
    path: str  # a glob, a URL, or a bundle name for `include`
    directive: str = "append"
    target: str | None = None  # before/after/replace
    active: bool = True
    sequence: int = DEFAULT_SEQUENCE
    module: str | None = None
    xml_id: str | None = None  # None for manifest entries
    name: str | None = None
    file: str | None = None  # where it is declared (manifest or data file)
    line: int | None = None

    @property
    def from_manifest(self) -> bool:
        return self.xml_id is None


@dataclass(frozen=True)
class AssetFile:
    """A file of a bundle: its URL path (`/website/static/src/x.scss`), and the file on disk
    (None when the tree does not have it, or for external URLs)."""

    url: str
    path: Path | None
    bundle: str  # the bundle that declared it (an included bundle for `include`)
    module: str | None = None

    @property
    def extension(self) -> str:
        return self.url.rsplit(".", 1)[-1].lower() if "." in self.url.rsplit("/", 1)[-1] else ""


@dataclass
class ResolvedBundle:
    files: list[AssetFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # targets not found, include cycles ...


# module name -> its folder (None when the module is not loaded)
ModuleFinder = Callable[[str], Path | None]


class AssetRegistry:
    """Every asset command of the loaded modules, and bundles resolved from them (cached)."""

    def __init__(self, find_module: ModuleFinder | None = None):
        self.find_module: ModuleFinder = find_module or (lambda name: None)
        self._manifest_entries: list[AssetEntry] = []  # module load order, then list order
        self._records: dict[str, AssetEntry] = {}  # xml id -> record, creation order
        self._resolved: dict[str, ResolvedBundle] = {}

    # ---- collecting ----

    def add_manifest(
        self, module: str, assets: dict[str, list[AssetCommand]], file: str | None = None
    ) -> None:
        for bundle, commands in assets.items():
            for command in commands:
                self._manifest_entries.append(
                    AssetEntry(
                        bundle=bundle,
                        path=command.path,
                        directive=command.directive,
                        target=command.target,
                        module=module,
                        file=file,
                        line=command.line,
                    )
                )
        self._resolved.clear()

    def add_record(self, entry: AssetEntry) -> None:
        """Add an `ir.asset` record; a record with a known xml id updates it (Odoo's rule)."""
        key = entry.xml_id or f"<anonymous {len(self._records)}>"
        self._records[key] = entry  # an update keeps the record's place (its database id)
        self._resolved.clear()

    def update_record(self, xml_id: str, values: dict) -> bool:
        """Change fields of a known record (e.g. `active`); False when it is unknown."""
        entry = self._records.get(xml_id)
        if entry is None:
            return False
        for name, value in values.items():
            setattr(entry, name, value)
        self._resolved.clear()
        return True

    def record(self, xml_id: str) -> AssetEntry | None:
        return self._records.get(xml_id)

    @property
    def entries(self) -> list[AssetEntry]:
        """Every command, manifests first, then records."""
        return [*self._manifest_entries, *self._records.values()]

    def bundles(self) -> list[str]:
        names = dict.fromkeys(entry.bundle for entry in self.entries)
        return sorted(names)

    def commands(self, bundle: str) -> list[AssetEntry]:
        """The active commands of `bundle` in the order Odoo applies them."""
        records = sorted(
            (e for e in self._records.values() if e.bundle == bundle and e.active),
            key=lambda e: e.sequence,  # stable: creation order inside a sequence
        )
        manifest = [e for e in self._manifest_entries if e.bundle == bundle]
        return [
            *(e for e in records if e.sequence < DEFAULT_SEQUENCE),
            *manifest,
            *(e for e in records if e.sequence >= DEFAULT_SEQUENCE),
        ]

    # ---- resolving ----

    def resolve(self, bundle: str) -> ResolvedBundle:
        """The files of `bundle`, directives applied (cached until the registry changes)."""
        resolved = self._resolved.get(bundle)
        if resolved is None:
            resolved = ResolvedBundle()
            self._fill(bundle, resolved, [])
            self._resolved[bundle] = resolved
        return resolved

    def files(self, bundle: str, extensions: Iterable[str] | None = None) -> list[AssetFile]:
        """The files of `bundle`, optionally only those with the given extensions."""
        files = self.resolve(bundle).files
        if extensions is None:
            return list(files)
        wanted = {ext.lower().lstrip(".") for ext in extensions}
        return [f for f in files if f.extension in wanted]

    def expand(self, path_def: str, bundle: str) -> list[AssetFile]:
        """The files a path definition names: a glob below a module's `static` folder (sorted,
        as Odoo does), a URL, or the path itself (with no file) when the tree lacks it."""
        if _EXTERNAL.match(path_def):
            return [AssetFile(path_def, None, bundle)]
        url = "/" + path_def.lstrip("/")
        parts = [part for part in url.split("/") if part]
        if not parts:
            return []
        module = parts[0]
        folder = self.find_module(module)
        if folder is not None:
            addons_dir = folder.parent
            static = (folder / "static").resolve()
            pattern = str(addons_dir.joinpath(*parts))
            matches = [
                Path(match)
                for match in sorted(glob.glob(pattern, recursive=True))
                if Path(match).is_file()
            ]
            found = [
                AssetFile(
                    "/" + Path(match).relative_to(addons_dir).as_posix(),
                    match,
                    bundle,
                    module,
                )
                for match in matches
                if static in match.resolve().parents
            ]
            if found:
                return found
        if glob.has_magic(path_def):
            return []
        return [AssetFile(url, None, bundle, module)]

    def _fill(self, bundle: str, out: ResolvedBundle, seen: list[str]) -> None:
        if bundle in seen:
            out.problems.append(f"circular bundle include: {' > '.join([*seen, bundle])}")
            return
        files = out.files
        # `prepend` inserts at the start of the bundle being filled, not of the whole list: an
        # included bundle's prepends stay inside it (ir.asset's `bundle_start_index`)
        bundle_start = len(files)
        for entry in self.commands(bundle):
            directive = entry.directive
            where = f" ({entry.file}:{entry.line})" if entry.file else ""
            if directive not in ASSET_DIRECTIVES:
                out.problems.append(f"unknown asset directive {directive!r}{where}")
                continue
            if directive == "include":
                self._fill(entry.path, out, [*seen, bundle])
                continue
            if directive == "remove":
                matcher = _url_matcher(entry.path)
                files[:] = [f for f in files if not matcher(f.url)]
                continue
            present = {f.url for f in files}
            new = [f for f in self.expand(entry.path, bundle) if f.url not in present]
            if directive == "append":
                files.extend(new)
            elif directive == "prepend":
                files[bundle_start:bundle_start] = new
            else:
                matcher = _url_matcher(entry.target or "")
                index = next((i for i, f in enumerate(files) if matcher(f.url)), None)
                if index is None:
                    out.problems.append(
                        f"{directive}: target {entry.target!r} is not in bundle {bundle!r}{where}"
                    )
                    continue
                if directive == "after":
                    index += 1
                files[index:index] = new
                if directive == "replace":
                    files[:] = [f for f in files if f in new or not matcher(f.url)]


def _url_matcher(path_def: str) -> Callable[[str], bool]:
    """Does a bundle file's URL match a path definition (a glob or a plain path)?"""
    url = path_def if _EXTERNAL.match(path_def) else "/" + path_def.lstrip("/")
    if not glob.has_magic(url):
        return url.__eq__
    return _glob_regex(url).fullmatch


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern:
    """A glob with `**` (any folders), `*`, `?` and `[...]` as a regular expression."""
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out))
