"""Pages described as data: validate a page config and render it section by section.

Theme generators describe a page as JSON-like data::

    {"title": "Home", "sections": [
        {"type": "hero", "title": "Hello", "buttons": [{"label": "Start", "url": "/start"}]},
        {"type": "features", "items": [{"title": "Fast", "text": "..."}]},
    ]}

`validate_page_config(data)` checks it against the schema of each section type and returns a
`PageConfig` (or raises `PageConfigError` naming every bad place, e.g.
`sections[2].items[0].title: required`); `render_page(engine, config, ...)` renders it inside a
layout; `render_section(engine, section, ...)` renders one section (the live preview re-renders
single sections).

Section types and templates. A `SectionLibrary` maps each section type to a QWeb template key.
The built-in library (`SectionLibrary.builtin()`) has `hero`, `features`, `text_image`,
`call_to_action`, `testimonials`, `pricing`, `faq`, `team`, `numbers`, `contact`, rendered by
`platxa_preview.section_<type>` (platxa_preview/templates/sections.xml). Type names are
lowercase words joined by `_`; `-` is accepted and read as `_` (`text-image` is `text_image`).

Theme convention: a template named `<theme_module>.section_<type>` renders `<type>` for that
theme. If `<type>` is built in, the theme's template overrides the built-in one and the config is
still validated by the built-in schema; otherwise it adds a new type whose fields are free-form
JSON values (checked only for size and shape). `SectionLibrary.for_engine(engine, themes=[...])`
finds them; `register(type, key)` adds one by hand.

Template contract. The template receives every render value of the page plus `section` (a dict
with every field of the type's schema, missing optional fields set to `None`, `False` or `[]`)
and `section_id` (a stable id, `[a-z0-9_-]`, safe in `id` attributes). It should render one root
element with `data-section-id="<section_id>"`; when it does not, `render_section` adds the
attribute to its first element. Templates write text with `t-out` (escaped), never `t-raw`.

Section ids. A section keeps the `id` given in its config (unique in the page,
`[a-z0-9][a-z0-9_-]*`); otherwise it gets `s<N>-<type>` from its position (`s1-hero`). Give ids
when sections move, so that a section keeps its id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .templates import MODULE, WEBSITE_LAYOUT, ensure_sections

__all__ = [
    "BUILTIN_SECTION_TYPES",
    "MAX_PAGE_BYTES",
    "MAX_SECTIONS",
    "PAGE_TEMPLATE",
    "PageConfig",
    "PageConfigError",
    "Section",
    "SectionLibrary",
    "UnknownSectionType",
    "render_page",
    "render_section",
    "validate_page_config",
]

#: Most sections in one page.
MAX_SECTIONS = 50
#: Largest page config, as compact JSON.
MAX_PAGE_BYTES = 512 * 1024
#: Longest one-line text (titles, labels) and longest paragraph.
MAX_SHORT_TEXT = 300
MAX_LONG_TEXT = 5000
#: Longest URL.
MAX_URL = 2048
#: Deepest nesting and longest list in free-form fields (types added by a theme).
MAX_FREE_DEPTH = 4
MAX_FREE_ITEMS = 50

PAGE_TEMPLATE = f"{MODULE}.page"

_TYPE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SECTION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_ICON = re.compile(r"^(fa-)?[a-z0-9][a-z0-9-]{0,40}$")
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
# URLs end up in href/src attributes and CSS url(''): no scheme that runs code, no characters
# that leave a quoted CSS string or an attribute.
_URL_SCHEMES = ("http://", "https://", "mailto:", "tel:", "data:image/")
_URL_FORBIDDEN = re.compile(r"[\s'\"()<>\\`]")


# --------------------------------------------------------------------------------------------
# Errors


class PageConfigError(ValueError):
    """An invalid page config; `.problems` lists `(path, message)` for every bad place."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        lines = [f"{path}: {message}" if path else message for path, message in problems]
        super().__init__("invalid page config:\n  " + "\n  ".join(lines))


class UnknownSectionType(KeyError):
    """A section type no template renders."""

    def __init__(self, section_type: str, known: Iterable[str]):
        self.section_type = section_type
        self.known = sorted(known)
        super().__init__(section_type)

    def __str__(self) -> str:
        return f"unknown section type {self.section_type!r}; known types: " + ", ".join(self.known)


# --------------------------------------------------------------------------------------------
# Schemas


@dataclass(frozen=True)
class Field:
    """One field of a section schema.

    `kind`: `text` (one line), `paragraph`, `url`, `icon`, `bool`, `int`, `choice`, `link`
    (`{label, url, style}`), `list` (of `item`: a schema dict, or a `Field` for plain values).
    """

    kind: str
    required: bool = False
    choices: tuple = ()
    item: Any = None
    max_items: int = 24
    default: Any = None


def _text(required: bool = False) -> Field:
    return Field("text", required)


def _paragraph(required: bool = False) -> Field:
    return Field("paragraph", required)


def _url(required: bool = False) -> Field:
    return Field("url", required)


def _link(required: bool = False) -> Field:
    return Field("link", required)


def _list(item: Any, required: bool = False, max_items: int = 24) -> Field:
    return Field("list", required, item=item, max_items=max_items)


_COLOR = Field("choice", choices=(1, 2, 3, 4, 5))
_BUTTON_STYLES = ("primary", "secondary", "outline-primary", "outline-secondary", "link")

#: Fields every section has: `type`, `id` (see "Section ids") and `color` (Odoo's colour
#: combination o_cc1..o_cc5; each template has its own default).
COMMON_FIELDS: dict[str, Field] = {"color": _COLOR}

SCHEMAS: dict[str, dict[str, Field]] = {
    "hero": {
        "title": _text(required=True),
        "subtitle": _text(),
        "text": _paragraph(),
        "image": _url(),
        "image_alt": _text(),
        "background_image": _url(),
        "buttons": _list(Field("link"), max_items=3),
        "align": Field("choice", choices=("left", "center"), default="left"),
    },
    "features": {
        "title": _text(),
        "subtitle": _text(),
        "columns": Field("choice", choices=(2, 3, 4), default=3),
        "items": _list(
            {"icon": Field("icon"), "title": _text(required=True), "text": _paragraph()},
            required=True,
            max_items=12,
        ),
    },
    "text_image": {
        "title": _text(required=True),
        "text": _paragraph(),
        "image": _url(required=True),
        "image_alt": _text(),
        "image_position": Field("choice", choices=("right", "left"), default="right"),
        "button": _link(),
    },
    "call_to_action": {
        "title": _text(required=True),
        "text": _paragraph(),
        "button": _link(required=True),
        "secondary_button": _link(),
    },
    "testimonials": {
        "title": _text(),
        "items": _list(
            {
                "quote": _paragraph(required=True),
                "author": _text(required=True),
                "role": _text(),
                "avatar": _url(),
            },
            required=True,
            max_items=12,
        ),
    },
    "pricing": {
        "title": _text(),
        "subtitle": _text(),
        "plans": _list(
            {
                "name": _text(required=True),
                "price": _text(required=True),
                "period": _text(),
                "description": _paragraph(),
                "features": _list(Field("text"), max_items=20),
                "button": _link(),
                "highlighted": Field("bool", default=False),
            },
            required=True,
            max_items=6,
        ),
    },
    "faq": {
        "title": _text(),
        "subtitle": _text(),
        "items": _list(
            {"question": _text(required=True), "answer": _paragraph(required=True)},
            required=True,
            max_items=40,
        ),
    },
    "team": {
        "title": _text(),
        "subtitle": _text(),
        "members": _list(
            {
                "name": _text(required=True),
                "role": _text(),
                "photo": _url(),
                "bio": _paragraph(),
            },
            required=True,
            max_items=24,
        ),
    },
    "numbers": {
        "title": _text(),
        "subtitle": _text(),
        "items": _list(
            {"value": _text(required=True), "label": _text(required=True)},
            required=True,
            max_items=8,
        ),
    },
    "contact": {
        "title": _text(required=True),
        "text": _paragraph(),
        "show_address": Field("bool", default=True),
        "address": _text(),
        "email": _text(),
        "phone": _text(),
        "button": _link(),
    },
}

BUILTIN_SECTION_TYPES: tuple[str, ...] = tuple(SCHEMAS)


def _describe(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "text"}
    kinds.update({list: "a list", dict: "an object", type(None): "null"})
    return kinds.get(type(value), type(value).__name__)


class _Validator:
    """Collects every problem of one page config instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def fields(self, data: Mapping, schema: Mapping[str, Field], path: str) -> dict:
        result = {}
        for name, spec in schema.items():
            result[name] = self.value(data.get(name), spec, f"{path}.{name}")
        return result

    def value(self, value: Any, spec: Field, path: str) -> Any:
        if value is None or value == "" or value == []:
            if spec.required:
                self.problem(path, "required")
            return [] if spec.kind == "list" else spec.default
        check = getattr(self, f"check_{spec.kind}")
        return check(value, spec, path)

    def check_text(self, value: Any, spec: Field, path: str, limit: int = MAX_SHORT_TEXT):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(path, f"expected text, got {_describe(value)}")
            return None
        text = str(value)
        if len(text) > limit:
            self.problem(path, f"text longer than {limit} characters ({len(text)})")
        return text

    def check_paragraph(self, value: Any, spec: Field, path: str):
        return self.check_text(value, spec, path, MAX_LONG_TEXT)

    def check_url(self, value: Any, spec: Field, path: str):
        if not isinstance(value, str):
            self.problem(path, f"expected a URL, got {_describe(value)}")
            return None
        if len(value) > MAX_URL:
            self.problem(path, f"URL longer than {MAX_URL} characters")
            return None
        relative = value.startswith(("/", "#", "?")) and not value.startswith("//")
        if not (relative or value.lower().startswith(_URL_SCHEMES)):
            self.problem(
                path,
                f"unsupported URL {value[:80]!r} (use a path, #anchor, http(s):, mailto:, tel: "
                "or data:image/)",
            )
            return None
        if _URL_FORBIDDEN.search(value):
            self.problem(path, "URL contains spaces, quotes, parentheses or angle brackets")
            return None
        return value

    def check_icon(self, value: Any, spec: Field, path: str):
        if not isinstance(value, str) or not _ICON.match(value):
            self.problem(path, "expected a Font Awesome icon name such as 'fa-rocket'")
            return None
        return value if value.startswith("fa-") else f"fa-{value}"

    def check_bool(self, value: Any, spec: Field, path: str):
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false, got {_describe(value)}")
            return spec.default
        return value

    def check_int(self, value: Any, spec: Field, path: str):
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"expected a whole number, got {_describe(value)}")
            return spec.default
        return value

    def check_choice(self, value: Any, spec: Field, path: str):
        if value not in spec.choices or isinstance(value, bool):
            known = ", ".join(repr(choice) for choice in spec.choices)
            self.problem(path, f"expected one of {known}, got {value!r}"[:300])
            return spec.default
        return value

    def check_link(self, value: Any, spec: Field, path: str):
        if not isinstance(value, Mapping):
            self.problem(path, f"expected an object with label and url, got {_describe(value)}")
            return None
        self.unknown_keys(value, ("label", "url", "style"), path)
        return {
            "label": self.value(value.get("label"), _text(required=True), f"{path}.label"),
            "url": self.value(value.get("url"), _url(required=True), f"{path}.url"),
            "style": self.value(
                value.get("style"), Field("choice", choices=_BUTTON_STYLES), f"{path}.style"
            ),
        }

    def check_list(self, value: Any, spec: Field, path: str):
        if not isinstance(value, list):
            self.problem(path, f"expected a list, got {_describe(value)}")
            return []
        if len(value) > spec.max_items:
            self.problem(path, f"at most {spec.max_items} items ({len(value)} given)")
            value = value[: spec.max_items]
        items = []
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if isinstance(spec.item, Field):
                items.append(self.value(item, spec.item, item_path))
            elif not isinstance(item, Mapping):
                self.problem(item_path, f"expected an object, got {_describe(item)}")
            else:
                self.unknown_keys(item, spec.item, item_path)
                items.append(self.fields(item, spec.item, item_path))
        return items

    def unknown_keys(self, data: Mapping, known: Iterable[str], path: str) -> None:
        unknown = sorted(str(key) for key in data if key not in known)
        if unknown:
            self.problem(
                path,
                f"unknown field(s) {', '.join(unknown)}; expected: {', '.join(sorted(known))}",
            )

    def free(self, value: Any, path: str, depth: int = 0) -> Any:
        """A free-form field of a theme-defined section type: JSON values, bounded."""
        if depth > MAX_FREE_DEPTH:
            self.problem(path, f"nested deeper than {MAX_FREE_DEPTH} levels")
            return None
        if value is None or isinstance(value, (bool, int, float)):
            return value
        if isinstance(value, str):
            return self.check_text(value, Field("paragraph"), path, MAX_LONG_TEXT)
        if isinstance(value, list):
            if len(value) > MAX_FREE_ITEMS:
                self.problem(path, f"at most {MAX_FREE_ITEMS} items ({len(value)} given)")
            return [
                self.free(item, f"{path}[{index}]", depth + 1)
                for index, item in enumerate(value[:MAX_FREE_ITEMS])
            ]
        if isinstance(value, Mapping):
            result = {}
            for key, item in value.items():
                if not isinstance(key, str) or not _FIELD_NAME.match(key):
                    self.problem(path, f"invalid field name {key!r}")
                    continue
                result[key] = self.free(item, f"{path}.{key}", depth + 1)
            return result
        self.problem(path, f"expected a JSON value, got {_describe(value)}")
        return None


# --------------------------------------------------------------------------------------------
# The library


@dataclass(frozen=True)
class SectionType:
    """A section type: the template that renders it and the schema of its config."""

    name: str
    template: str
    schema: Mapping[str, Field] | None  # None: free-form fields (a type added by a theme)


def normalize_type(name: str) -> str:
    """A section type name as the library knows it (`text-image` -> `text_image`)."""
    return name.strip().replace("-", "_").lower() if isinstance(name, str) else name


class SectionLibrary:
    """Section types -> QWeb templates (built-in library by default; themes add or override)."""

    def __init__(self, types: Iterable[SectionType] = ()):
        self._types: dict[str, SectionType] = {item.name: item for item in types}

    @classmethod
    def builtin(cls) -> SectionLibrary:
        """The ten built-in section types, rendered by `platxa_preview.section_<type>`."""
        return cls(
            SectionType(name, f"{MODULE}.section_{name}", schema)
            for name, schema in SCHEMAS.items()
        )

    @classmethod
    def for_engine(cls, engine, themes: Iterable[str] = ()) -> SectionLibrary:
        """The built-in library plus the `<theme>.section_<type>` templates in `engine`."""
        library = cls.builtin()
        for theme in themes:
            library.add_theme_sections(engine, theme)
        return library

    def add_theme_sections(self, engine, theme: str) -> list[str]:
        """Register every `<theme>.section_<type>` template of `engine`; returns the types."""
        prefix = f"{theme}.section_"
        found = []
        for key in sorted(engine.views.keys()):
            name = key[len(prefix) :] if key.startswith(prefix) else None
            if name and _TYPE_NAME.match(name):
                self.register(name, key)
                found.append(name)
        return found

    def register(
        self, section_type: str, template: str, schema: Mapping[str, Field] | None = None
    ) -> None:
        """Render `section_type` with `template`; keeps the type's schema when it has one."""
        name = normalize_type(section_type)
        if not isinstance(name, str) or not _TYPE_NAME.match(name):
            raise ValueError(f"invalid section type name {section_type!r}")
        existing = self._types.get(name)
        if schema is None and existing is not None:
            schema = existing.schema
        self._types[name] = SectionType(name, template, schema)

    def template_for(self, section_type: str) -> str:
        """The template key that renders `section_type`; `UnknownSectionType` if none."""
        return self.get(section_type).template

    def get(self, section_type: str) -> SectionType:
        found = self._types.get(normalize_type(section_type))
        if found is None:
            raise UnknownSectionType(str(section_type), self._types)
        return found

    def types(self) -> list[str]:
        """The known section types, sorted."""
        return sorted(self._types)

    def __contains__(self, section_type: object) -> bool:
        return isinstance(section_type, str) and normalize_type(section_type) in self._types


# --------------------------------------------------------------------------------------------
# Page configs


@dataclass(frozen=True)
class Section:
    """One validated section: its type, stable id and fields (every schema field present)."""

    type: str
    id: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class PageConfig:
    """A validated page: title, optional description and its sections in order."""

    title: str
    sections: tuple[Section, ...]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError if there is none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r} in page {self.title!r}")


def validate_page_config(data: Any, library: SectionLibrary | None = None) -> PageConfig:
    """Check a page config (parsed JSON) and fill defaults; raises `PageConfigError`."""
    library = library or SectionLibrary.builtin()
    if isinstance(data, PageConfig):
        return data
    if not isinstance(data, Mapping):
        raise PageConfigError([("", f"a page config is an object, got {_describe(data)}")])
    try:
        size = len(json.dumps(data, separators=(",", ":"), default=str))
    except (TypeError, ValueError) as error:
        raise PageConfigError([("", f"not JSON data: {error}")]) from None
    if size > MAX_PAGE_BYTES:
        raise PageConfigError([("", f"page config larger than {MAX_PAGE_BYTES} bytes ({size})")])

    check = _Validator()
    check.unknown_keys(data, ("title", "description", "sections"), "")
    title = check.value(data.get("title"), _text(required=True), "title")
    description = check.value(data.get("description"), _paragraph(), "description") or ""
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list):
        check.problem("sections", f"expected a list of sections, got {_describe(raw_sections)}")
        raw_sections = []
    if len(raw_sections) > MAX_SECTIONS:
        check.problem("sections", f"at most {MAX_SECTIONS} sections ({len(raw_sections)} given)")
        raw_sections = raw_sections[:MAX_SECTIONS]

    sections = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_sections):
        path = f"sections[{index}]"
        if not isinstance(raw, Mapping):
            check.problem(path, f"expected an object, got {_describe(raw)}")
            continue
        raw_type = raw.get("type")
        if not isinstance(raw_type, str) or not raw_type:
            check.problem(f"{path}.type", "required; known types: " + ", ".join(library.types()))
            continue
        if raw_type not in library:
            check.problem(f"{path}.type", str(UnknownSectionType(raw_type, library.types())))
            continue
        section_type = library.get(raw_type)
        section_id = raw.get("id")
        if section_id is None:
            section_id = f"s{index + 1}-{section_type.name}".replace("_", "-")
        elif not isinstance(section_id, str) or not _SECTION_ID.match(section_id):
            check.problem(
                f"{path}.id", "expected lowercase letters, digits, '-' or '_' (at most 64)"
            )
        if isinstance(section_id, str):
            if section_id in seen_ids:
                first = seen_ids[section_id]
                check.problem(f"{path}.id", f"duplicate id {section_id!r} (also sections[{first}])")
            seen_ids[section_id] = index
        body = {key: value for key, value in raw.items() if key not in ("type", "id")}
        fields: dict[str, Any] = {
            "color": check.value(body.pop("color", None), _COLOR, f"{path}.color")
        }
        if section_type.schema is None:
            for key, value in body.items():
                if not isinstance(key, str) or not _FIELD_NAME.match(key):
                    check.problem(path, f"invalid field name {key!r}")
                    continue
                fields[key] = check.free(value, f"{path}.{key}")
        else:
            check.unknown_keys(body, section_type.schema, path)
            fields.update(check.fields(body, section_type.schema, path))
        sections.append(Section(section_type.name, str(section_id), fields))

    if check.problems:
        raise PageConfigError(check.problems)
    return PageConfig(title=title, sections=tuple(sections), description=description)


# --------------------------------------------------------------------------------------------
# Rendering

_FIRST_TAG = re.compile(r"^(\s*<[A-Za-z][\w:-]*)")

_PAGE_XML = """<odoo>
    <template id="page" name="Page rendered from a page config">
        <t t-call="{{ page_layout }}">
            <div id="wrap" class="oe_structure oe_empty">
                <t t-foreach="page_sections" t-as="page_section"><t t-out="page_section"/></t>
            </div>
        </t>
    </template>
</odoo>"""


def render_section(
    engine,
    section: Section,
    *,
    values: Mapping[str, Any] | None = None,
    library: SectionLibrary | None = None,
) -> Markup:
    """Render one validated section with its type's template (see the template contract)."""
    library = library or SectionLibrary.builtin()
    ensure_sections(engine)
    template = library.template_for(section.type)
    render_values = dict(values or {})
    render_values.update(section=section.fields, section_id=section.id, section_type=section.type)
    html = engine.render(template, render_values)
    if f'data-section-id="{section.id}"' not in html:
        html = Markup(_FIRST_TAG.sub(rf'\1 data-section-id="{section.id}"', str(html), count=1))
    return html


def render_page(
    engine,
    config: PageConfig | Mapping[str, Any],
    *,
    values: Mapping[str, Any] | None = None,
    layout_template: str = WEBSITE_LAYOUT,
    library: SectionLibrary | None = None,
    page_template: str = PAGE_TEMPLATE,
) -> str:
    """Render a page config inside `layout_template` (its body is `div#wrap` of sections).

    `values` are the render values (usually `demo_environment(...)`); the page title becomes
    `additional_title` (the layout writes "<title> | <website>"). A plain mapping is validated
    first (`PageConfigError`). `page_template` renders the page: by default
    `platxa_preview.page`, which calls `page_layout` (= `layout_template`) around a `div#wrap`
    holding `page_sections` (the rendered sections, in order); a theme may give its own.
    """
    library = library or SectionLibrary.builtin()
    config = validate_page_config(config, library)
    render_values = dict(values or {})
    sections = [
        render_section(engine, section, values=render_values, library=library)
        for section in config.sections
    ]
    if page_template == PAGE_TEMPLATE and PAGE_TEMPLATE not in engine:
        engine.load(_PAGE_XML, module=MODULE)
    render_values.setdefault("additional_title", config.title)
    render_values.update(page_layout=layout_template, page_sections=sections)
    return str(engine.render(page_template, render_values))
