"""Odoo modules without Odoo: addons paths, manifests, data files, assets, pages (see loader)."""

from .addons import AddonsPath, Module, is_theme, load_order
from .assets import AssetEntry, AssetFile, AssetRegistry, ResolvedBundle
from .data import AttachmentRecord, FunctionCall, MenuRecord, PageRecord
from .loader import LoadedSite, load_site
from .manifest import AssetCommand, Manifest, find_manifest, read_manifest

__all__ = [
    "AddonsPath",
    "AssetCommand",
    "AssetEntry",
    "AssetFile",
    "AssetRegistry",
    "AttachmentRecord",
    "FunctionCall",
    "LoadedSite",
    "Manifest",
    "MenuRecord",
    "Module",
    "PageRecord",
    "ResolvedBundle",
    "find_manifest",
    "is_theme",
    "load_order",
    "load_site",
    "read_manifest",
]
