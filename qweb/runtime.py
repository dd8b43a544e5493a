"""Helpers the compiled template code calls at render time: escaping, attributes, loops, calls."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sized
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from markupsafe import Markup, escape

from .expr import MAX_RANGE_LENGTH, SandboxError

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link menuitem meta param source track wbr".split()
)

# Browsers ignore these inside a URL scheme, so `java\tscript:` still runs script.
_URL_NOISE = re.compile(r"[\s\x00-\x08\x0b\x0c\x0e-\x19]+")
_JAVASCRIPT_HREF = re.compile(r"javascript:(?!(?:window\.)?history\.back\(\)$)", re.IGNORECASE)


def to_str(value: Any) -> str:
    """How format strings and attribute values turn a value into text (None/False -> '')."""
    if value is None or value is False:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


def safe_href(value: Any) -> Any:
    """Neutralise `javascript:` links in dynamic hrefs (spec §4.3); history.back() is allowed."""
    if isinstance(value, str) and _JAVASCRIPT_HREF.search(_URL_NOISE.sub("", unquote(value))):
        return ""
    return value


def merge_att(attrs: dict, value: Any) -> None:
    """`t-att="..."`: a mapping is merged, a (name, value) pair or a list of pairs is added."""
    if isinstance(value, Mapping):
        attrs.update(value)
    elif isinstance(value, (list, tuple)):
        if not isinstance(value[0], (list, tuple)):
            attrs[value[0]] = value[1]
        else:
            attrs.update(dict(value))


def format_attrs(attrs: Mapping) -> str:
    """Serialise an attribute dict: falsy non-string values are dropped, everything is escaped."""
    parts = []
    for name, value in attrs.items():
        if value or isinstance(value, str):
            parts.append(f' {escape(str(name))}="{escape(str(value))}"')
    return "".join(parts)


def format_attr(name: str, value: Any) -> str:
    """One dynamic attribute, or '' when the value drops it (None, False, 0, [] ...)."""
    if value or isinstance(value, str):
        return f' {name}="{escape(str(value))}"'
    return ""


def foreach_items(iterable: Any, literal_count: int | None = None):
    """Resolve a t-foreach value into (items, size, yields_pairs) as spec §3.5 says."""
    if literal_count is not None:
        return _bounded_range(literal_count), literal_count, False
    if not iterable:
        return (), 0, False
    if isinstance(iterable, Mapping):
        return iterable.items(), len(iterable), True
    if isinstance(iterable, Sized):
        return iterable, len(iterable), False
    if iterable.__class__ is int:
        return _bounded_range(iterable), iterable, False
    return iterable, None, False


def _bounded_range(count: int) -> range:
    """`t-foreach` over a number obeys the sandbox's range limit, like `range()` does."""
    if count > MAX_RANGE_LENGTH:
        raise SandboxError(
            f"Sandbox limit: t-foreach over {count} items (at most {MAX_RANGE_LENGTH})"
        )
    return range(count)


def check_nocache_value(name: str, value: Any) -> Any:
    """t-nocache-NAME values are cached with the page, so only plain scalars are allowed."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(
        f"t-nocache-{name} must be None, a string, a number or a boolean, "
        f"not {type(value).__name__}"
    )


@dataclass
class RenderContext:
    """Everything a render needs besides the values: the engine and the host's hooks."""

    engine: Any
    root_values: dict
    tz: Any
    lang: Any
    has_groups: Callable[[str], bool]
    assets: Callable[..., list] | None = None
    inherit_branding: bool = False
    attribute_hook: Callable[[str, dict, bool], dict] | None = None
    depth: int = 0
    call_stack: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def render_asset_nodes(nodes) -> str:
    """Serialise `(tag, attrs)` pairs from the asset hook the way Odoo writes bundle tags."""
    parts = []
    for index, (tag, attrs) in enumerate(nodes):
        if index:
            parts.append("\n        ")
        attrs_text = format_attrs(attrs)
        if tag in VOID_ELEMENTS:
            parts.append(f"<{tag}{attrs_text}/>")
        else:
            parts.append(f"<{tag}{attrs_text}></{tag}>")
    return "".join(parts)


RUNTIME_GLOBALS = {
    "Markup": Markup,
    "_rt_escape": escape,
    "_rt_str": to_str,
    "_rt_href": safe_href,
    "_rt_merge_att": merge_att,
    "_rt_attrs": format_attrs,
    "_rt_attr": format_attr,
    "_rt_foreach": foreach_items,
    "_rt_nocache_value": check_nocache_value,
    "_rt_assets": render_asset_nodes,
}
