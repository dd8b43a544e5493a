"""The demo environment: the render values Odoo website layouts expect, without a database.

Odoo renders a website page with values its controllers and `ir.qweb` add to every frontend
render. Real templates (`web.frontend_layout`, `portal.frontend_layout`, `website.layout`, the
header and footer templates, every `website.s_*` snippet) read them, so a preview must provide
them. `demo_environment()` returns a fresh dict of plain Python objects that stand in for them;
`demo_environment(overrides)` deep-merges changes into it (see "Overrides" below).

What exists and why (each was needed by a template of the shared corpus, or is part of Odoo's
standard frontend values that theme templates use):

`website` (`Website`, model `website`)
    `website.layout` reads `id`, `name`, `domain`, `logo` (`t-field`), `menu_id.child_id` (the
    header menus), `default_lang_id`, `user_id` (the public user, compared with `user_id` to
    know whether the visitor is logged in), `company_id`, `cookies_bar`,
    `block_third_party_domains`, `google_analytics_key`, `plausible_shared_key`,
    `plausible_site`, `custom_code_head` / `custom_code_footer`, `social_*` links, `env`; and
    calls `image_url()`, `get_base_url()`, `is_public_user()`, `_is_indexable_url()`,
    `_is_canonical_url()`, `_get_canonical_url()`, `_to_structured_data()`,
    `_get_blocked_third_party_domains_list()`, `_allConsentsGranted()`,
    `_get_plausible_script_url()`, `_get_cached()`.
`res_company` (`Company`, model `res.company`), also `website.company_id`, `request.env.company`
    The footer's copyright (`t-field="res_company.name"`), the portal logo
    (`res_company.id`), contact snippets (`email`, `phone`, address fields, `partner_id` for the
    `contact` widget), `logo` / `logo_url`, `uses_default_logo`, `social_*`.
`user_id` (`User`, model `res.users`), also `request.env.user`, `website.user_id`
    The public user: `_is_public()` is True, `has_group()` is False for every group (see
    `has_groups` below), `name`, `login`, `partner_id`, `avatar_*`.
`main_object` (`Page`, model `website.page`)
    `website.layout` tests `'header_overlay' in main_object`, reads `main_object.sudo()[...]`,
    `_fields`, `_name`, `repr(main_object)` (the `data-main-object` attribute), and calls
    `get_website_meta()` on it as the SEO object. The homepage page by default.
`request` (`Request`)
    `httprequest` (`path`, `url`, `url_root`, `host_url`, `args`), `params`, `session`
    (a dict: `debug`, `portal_counters`...), `cookies`, `lang` (a `Lang` with `code`,
    `url_code`), `env`, `website`, `is_frontend`, `is_frontend_multilang`, `db`,
    `csrf_token()` (read by `web.layout`'s inline script).
`lang`, `frontend_languages`
    `lang` is the language *code* (`'en_US'`): `website.layout` calls `lang.replace('_', '-')`.
    `frontend_languages` maps codes to `Lang` records (`name`, `code`, `url_code`, `hreflang`,
    `direction`, `flag_image_url`); the language selectors index it with `lang`.
`editable`, `translatable`, `edit_translations`, `debug`
    No editor in a preview: all false. `debug` is `''`, not `False`, because
    `web.conditional_assets_tests` evaluates `'tests' in debug` (a string in Odoo too).
`json`
    Odoo's script-safe JSON: `json.dumps(...)` returns a string whose HTML form escapes `<`, `>`,
    `&` and `'` so it can sit inside `<script>` (`web.frontend_layout` writes the session info
    with it).
`datetime`, `time`, `relativedelta`
    Namespaces holding what templates use of these modules (qweb refuses module objects as
    values): `datetime.datetime.now()` (the carousel snippets make unique ids with
    `datetime.datetime.now().microsecond`), `datetime.date`, `datetime.timedelta`,
    `time.strftime()`, `time.time()`, `relativedelta(months=1, ...)`.
`keep_query`, `url_for`, `url_localized`, `slug`, `unslug`, `quote_plus`, `image_data_uri`,
`is_view_active`, `env`
    The helper functions Odoo puts in every frontend render. `is_view_active(key)` answers from
    the engine given to `demo_environment(engine=...)` (is the view loaded and active?); the
    sales headers call it for their optional parts.

Records are plain objects (`Record` subclasses), not dicts: templates read fields as attributes
(`website.name`), test them with `in` (`'name' in main_object`), index them
(`main_object['header_visible']`), call `sudo()`, `with_context()`, `exists()`, `filtered()`,
`mapped()`; x2many fields are `RecordSet`s. No name contains `__`, since qweb expressions cannot
reach such names. Unknown fields raise `AttributeError`, as Odoo's ORM does: a template that
needs more shows it by failing at the line that reads it.

Overrides: `demo_environment({"res_company": {"name": "Acme"}})` changes the company name
wherever the company appears (the objects are shared: `website.company_id`, `request.env.company`
are the same `Company`). A mapping given for a record updates its fields; a mapping given for a
relation (`{"website": {"menu_id": {"child_id": [...]}}}`) updates or builds the related record; a
list of mappings given for an x2many field (`child_id`, `language_ids`) builds new records;
any other value (a `Record`, a string, a function) replaces the old one; unknown top-level keys
are added as they are. Plain dicts are merged key by key.

`public_visitor_has_groups` is the `has_groups` policy of a public visitor, and
`no_assets` an `assets` hook that makes `t-call-assets` render nothing (SCSS and asset bundles
are a later concern).
"""

from __future__ import annotations

import base64
import copy
import datetime as _datetime
import json as _json
import re
import time as _time
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from markupsafe import Markup, escape

__all__ = [
    "DEMO_MENUS",
    "Company",
    "Environment",
    "HttpRequest",
    "Lang",
    "Menu",
    "Model",
    "Page",
    "Partner",
    "Record",
    "RecordSet",
    "Request",
    "ScriptSafeJSON",
    "User",
    "Website",
    "demo_environment",
    "image_data_uri",
    "keep_query_for",
    "no_assets",
    "public_visitor_has_groups",
    "slug",
]


# --------------------------------------------------------------------------------------------
# Records


class RecordSet(list):
    """Several records of one model (an x2many field): a list with the ORM's set methods."""

    def filtered(self, condition: Callable[[Any], Any] | str) -> RecordSet:
        if isinstance(condition, str):
            name = condition
            return RecordSet(record for record in self if getattr(record, name, False))
        return RecordSet(record for record in self if condition(record))

    def mapped(self, what: Callable[[Any], Any] | str) -> list:
        if isinstance(what, str):
            return [getattr(record, what) for record in self]
        return [what(record) for record in self]

    def sorted(self, key: Callable[[Any], Any] | str | None = None, reverse: bool = False):
        if key is None:
            key = "sequence"
        if isinstance(key, str):
            name = key
            return RecordSet(
                sorted(self, key=lambda record: getattr(record, name, 0) or 0, reverse=reverse)
            )
        return RecordSet(sorted(self, key=key, reverse=reverse))

    @property
    def ids(self) -> list:
        return [record.id for record in self]

    def exists(self) -> RecordSet:
        return self

    def sudo(self, flag: bool = True) -> RecordSet:
        return self

    def with_context(self, *args: Any, **kwargs: Any) -> RecordSet:
        return self

    def ensure_one(self) -> Any:
        if len(self) != 1:
            raise ValueError(f"Expected singleton: {len(self)} records")
        return self[0]


class Record:
    """One Odoo record: its fields are instance attributes; the ORM methods templates call.

    Subclasses set `_name` (the model), `_defaults` (field values of a new record, copied per
    record), `_relations` (many2one fields: field -> record class, so a mapping given for
    the field builds or updates that record), `_many` (x2many fields: field -> record class)
    and `_field_types` (types the qweb field converters cannot infer from the value).
    """

    _name: ClassVar[str] = "base"
    _defaults: ClassVar[dict[str, Any]] = {}
    _relations: ClassVar[dict[str, type[Record]]] = {}
    _many: ClassVar[dict[str, type[Record]]] = {}
    _field_types: ClassVar[dict[str, str]] = {}

    def __init__(self, **fields: Any):
        self.id = 1
        for name, value in copy.deepcopy(self._defaults).items():
            if name in self._many:
                value = RecordSet(self._many[name].build(item) for item in value)
            setattr(self, name, value)
        self.update(fields)

    @classmethod
    def build(cls, value: Any) -> Any:
        """A record of this class from a mapping of its fields; other values as they are."""
        if isinstance(value, Mapping):
            return cls(**value)
        return value

    def update(self, fields: Mapping[str, Any]) -> Record:
        """Merge `fields` into this record (see "Overrides" in the module docstring)."""
        for name, value in fields.items():
            if "__" in name:
                raise ValueError(f"{self._name}: field names may not contain '__' ({name!r})")
            current = getattr(self, name, None)
            if isinstance(value, Mapping) and isinstance(current, (Record, dict)):
                value = merge(current, value)
            elif name in self._relations:
                value = self._relations[name].build(value)
            elif name in self._many and isinstance(value, Iterable) and not isinstance(value, str):
                value = RecordSet(self._many[name].build(item) for item in value)
            setattr(self, name, value)
        return self

    # -- what templates call ------------------------------------------------------------

    @property
    def _fields(self) -> dict[str, str | None]:
        """Field name -> type (None: the converters infer it from the value)."""
        return {
            name: self._field_types.get(name) for name in vars(self) if not name.startswith("_")
        }

    @property
    def display_name(self) -> str:
        return str(getattr(self, "name", "") or "")

    @property
    def ids(self) -> list:
        return [self.id]

    @property
    def env(self) -> Environment:
        return getattr(self, "_env", None) or Environment()

    def sudo(self, flag: bool = True) -> Record:
        return self

    def with_context(self, *args: Any, **kwargs: Any) -> Record:
        return self

    def with_user(self, user: Any) -> Record:
        return self

    def exists(self) -> Record:
        return self

    def ensure_one(self) -> Record:
        return self

    def filtered(self, condition: Callable[[Any], Any] | str) -> RecordSet:
        return RecordSet([self]).filtered(condition)

    def mapped(self, what: Callable[[Any], Any] | str) -> list:
        return RecordSet([self]).mapped(what)

    def read(self, fields: Iterable[str] | None = None) -> list[dict]:
        names = list(fields) if fields is not None else list(self._fields)
        return [{name: getattr(self, name) for name in names}]

    def __contains__(self, field: object) -> bool:
        return isinstance(field, str) and field in self._fields

    def __getitem__(self, field: str) -> Any:
        if not isinstance(field, str) or field not in self._fields:
            raise KeyError(f"Invalid field {field!r} on model {self._name!r}")
        return getattr(self, field)

    def __iter__(self):
        yield self

    def __len__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self._name == other._name and self.id == other.id

    def __hash__(self) -> int:
        return hash((self._name, self.id))

    def __repr__(self) -> str:
        return f"{self._name}({self.id},)"


def merge(current: Any, override: Any) -> Any:
    """Deep-merge `override` into `current`: records are updated in place, dicts copied."""
    if isinstance(override, Mapping):
        if isinstance(current, Record):
            return current.update(override)
        if isinstance(current, dict):
            merged = copy.copy(current)  # keeps dict subclasses (`Session`)
            for key, value in override.items():
                merged[key] = merge(merged[key], value) if key in merged else value
            return merged
    return override


class Country(Record):
    _name = "res.country"
    _defaults: ClassVar[dict[str, Any]] = {"name": "Belgium", "code": "BE"}


class State(Record):
    _name = "res.country.state"
    _defaults: ClassVar[dict[str, Any]] = {"name": "", "code": ""}


# A small avatar so `image_data_uri(user_id.avatar_128)` has real image data to encode.
_AVATAR_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" '
    b'height="64" fill="#875a7b"/><circle cx="32" cy="24" r="12" fill="#fff"/><rect x="14" '
    b'y="40" width="36" height="20" rx="10" fill="#fff"/></svg>'
)
_AVATAR = base64.b64encode(_AVATAR_SVG)


# The demo company's name and address, shared by the company and its partner record.
_DEMO_ADDRESS: dict[str, Any] = {
    "name": "Platxa Demo",
    "street": "Rue de la Loi 42",
    "street2": "",
    "city": "Brussels",
    "zip": "1000",
    "state_id": False,
    "phone": "+32 2 123 45 67",
    "mobile": "",
    "email": "hello@example.com",
    "website": "https://www.example.com",
}


class Partner(Record):
    """A contact (`res.partner`): the company's address and the users' identity."""

    _name = "res.partner"
    _relations: ClassVar[dict[str, type[Record]]] = {"country_id": Country, "state_id": State}
    _defaults: ClassVar[dict[str, Any]] = {
        **_DEMO_ADDRESS,
        "country_id": None,  # built in __init__ so each partner has its own country record
        "vat": "",
        "is_company": True,
        "avatar_128": _AVATAR,
        "avatar_256": _AVATAR,
        "avatar_1024": _AVATAR,
    }

    def __init__(self, **fields: Any):
        fields.setdefault("country_id", {})
        super().__init__(**fields)

    @property
    def contact_address(self) -> str:
        parts = [self.street, self.street2, f"{self.zip} {self.city}".strip()]
        if self.country_id:
            parts.append(self.country_id.name)
        return "\n".join(part for part in parts if part)


class Company(Record):
    """The website's company (`res.company`), with its partner for the `contact` widget."""

    _name = "res.company"
    _relations: ClassVar[dict[str, type[Record]]] = {"partner_id": Partner, "country_id": Country}
    _defaults: ClassVar[dict[str, Any]] = {
        **_DEMO_ADDRESS,
        "vat": "BE0123456789",
        "company_registry": "",
        "logo": False,  # a URL or image data; False: the website's logo (see demo_environment)
        "uses_default_logo": False,
        "social_twitter": "https://x.com/odoo",
        "social_facebook": "https://www.facebook.com/Odoo",
        "social_github": "https://github.com/odoo",
        "social_linkedin": "https://www.linkedin.com/company/odoo",
        "social_youtube": "https://www.youtube.com/user/OpenERPonline",
        "social_instagram": "https://www.instagram.com/explore/tags/odoo/",
        "social_tiktok": "",
        "currency_id": False,
    }
    _field_types: ClassVar[dict[str, str]] = {"logo": "image"}

    # Fields Odoo relates to the company's partner: kept equal when the company changes.
    _partner_fields = ("name", "street", "street2", "city", "zip", "phone", "email", "website")

    def __init__(self, **fields: Any):
        fields.setdefault("partner_id", {})
        fields.setdefault("country_id", {})
        super().__init__(**fields)
        self._sync_partner(self._partner_fields)

    def update(self, fields: Mapping[str, Any]) -> Record:
        super().update(fields)
        if "partner_id" in vars(self):
            self._sync_partner([name for name in fields if name in self._partner_fields])
        return self

    def _sync_partner(self, names: Iterable[str]) -> None:
        if isinstance(self.partner_id, Partner):
            for name in names:
                setattr(self.partner_id, name, getattr(self, name))
            self.partner_id.country_id = self.country_id


class User(Record):
    """A user (`res.users`); the default is the public user, as a website visitor sees."""

    _name = "res.users"
    _relations: ClassVar[dict[str, type[Record]]] = {"partner_id": Partner}
    _defaults: ClassVar[dict[str, Any]] = {
        "id": 4,
        "name": "Public user",
        "login": "public",
        "share": True,
        "groups": [],
        "company_name": "",
        "avatar_128": _AVATAR,
        "avatar_256": _AVATAR,
        "avatar_1024": _AVATAR,
        "api_key_ids": [],
    }

    def __init__(self, **fields: Any):
        fields.setdefault("partner_id", {"name": fields.get("name", "Public user"), "id": 3})
        super().__init__(**fields)

    def _is_public(self) -> bool:
        return self.login == "public"

    def _is_internal(self) -> bool:
        return not self.share

    def has_group(self, group: str) -> bool:
        return group in self.groups


class Lang(Record):
    """An installed language (`res.lang`), as `frontend_languages` and `_get_data` give it."""

    _name = "res.lang"
    _defaults: ClassVar[dict[str, Any]] = {
        "name": "English (US)",
        "code": "en_US",
        "url_code": "en",
        "iso_code": "en",
        "hreflang": "en-us",
        "direction": "ltr",
        "flag_image_url": "/base/static/img/country_flags/us.png",
        "active": True,
    }

    def __init__(self, **fields: Any):
        code = fields.get("code")
        if code and code != "en_US":  # derive what was not given from the code, as Odoo does
            language, _, country = code.partition("_")
            fields.setdefault("name", code)
            fields.setdefault("url_code", language)
            fields.setdefault("iso_code", language)
            fields.setdefault("hreflang", code.replace("_", "-").lower())
            flag = (country or language).lower()
            fields.setdefault("flag_image_url", f"/base/static/img/country_flags/{flag}.png")
        super().__init__(**fields)


class Menu(Record):
    """A website menu (`website.menu`): `child_id` holds the submenus, `url` the target."""

    _name = "website.menu"
    _defaults: ClassVar[dict[str, Any]] = {
        "name": "",
        "url": "#",
        "new_window": False,
        "sequence": 10,
        "is_visible": True,
        "is_mega_menu": False,
        "mega_menu_content": False,
        "mega_menu_classes": "",
        "parent_id": False,
        "child_id": [],
    }
    _field_types: ClassVar[dict[str, str]] = {"mega_menu_content": "html"}
    # The path of the page being rendered, so that `_is_active()` marks the current menu.
    _current_path: str = "/"

    def _clean_url(self) -> str:
        return self.url or "#"

    def _is_active(self) -> bool:
        if self._clean_url() == self._current_path:
            return True
        return any(child._is_active() for child in self.child_id)


class Page(Record):
    """A website page (`website.page`): the `main_object` of a page render."""

    _name = "website.page"
    _defaults: ClassVar[dict[str, Any]] = {
        "name": "Home",
        "url": "/",
        "is_published": True,
        "website_published": True,
        "website_indexed": True,
        "website_meta_title": "",
        "website_meta_description": "",
        "website_meta_keywords": "",
        "website_meta_og_img": "",
        "header_overlay": False,
        "header_color": "",
        "header_text_color": "",
        "header_visible": True,
        "footer_visible": True,
    }

    def get_website_meta(self) -> dict:
        """The SEO meta of the page, like `website.seo.metadata.get_website_meta`."""
        title = self.website_meta_title or self.name
        opengraph = {
            "og:type": "website",
            "og:title": title,
            "og:url": self.url,
        }
        twitter = {"twitter:card": "summary_large_image", "twitter:title": title}
        if self.website_meta_description:
            opengraph["og:description"] = self.website_meta_description
            twitter["twitter:description"] = self.website_meta_description
        return {
            "opengraph_meta": opengraph,
            "twitter_meta": twitter,
            "meta_description": self.website_meta_description,
        }


Menu._many = {"child_id": Menu}


def _menu_tree(menu: Any) -> Iterable[Menu]:
    """`menu` and all its submenus."""
    if isinstance(menu, Menu):
        yield menu
        for child in menu.child_id:
            yield from _menu_tree(child)


DEMO_MENUS: list[dict] = [
    {"name": "Home", "url": "/", "sequence": 10},
    {"name": "Services", "url": "/services", "sequence": 20},
    {
        "name": "About",
        "url": "/about",
        "sequence": 30,
        "child_id": [
            {"name": "Our team", "url": "/about#team", "sequence": 10},
            {"name": "Careers", "url": "/jobs", "sequence": 20},
        ],
    },
    {"name": "Pricing", "url": "/pricing", "sequence": 40},
    {"name": "Contact us", "url": "/contactus", "sequence": 50},
]


class Website(Record):
    """The current website (`website`) with the methods website templates call."""

    _name = "website"
    _relations: ClassVar[dict[str, type[Record]]] = {
        "company_id": Company,
        "user_id": User,
        "menu_id": Menu,
        "default_lang_id": Lang,
    }
    _many: ClassVar[dict[str, type[Record]]] = {"language_ids": Lang}
    _field_types: ClassVar[dict[str, str]] = {"logo": "image", "favicon": "image"}
    _defaults: ClassVar[dict[str, Any]] = {
        "name": "Platxa Demo",
        "domain": "https://www.example.com",
        "logo": False,  # a URL or image data; False: a wordmark of `name` (see demo_environment)
        "favicon": False,  # a URL or image data; False: the initial of `name`
        "cookies_bar": False,
        "block_third_party_domains": False,
        "google_analytics_key": False,
        "google_search_console": False,
        "plausible_shared_key": False,
        "plausible_site": False,
        "custom_code_head": Markup(""),
        "custom_code_footer": Markup(""),
        "robots_txt": "",
        "social_default_image": False,
        "social_twitter": "https://x.com/odoo",
        "social_facebook": "https://www.facebook.com/Odoo",
        "social_github": "https://github.com/odoo",
        "social_linkedin": "https://www.linkedin.com/company/odoo",
        "social_youtube": "https://www.youtube.com/user/OpenERPonline",
        "social_instagram": "https://www.instagram.com/explore/tags/odoo/",
        "social_tiktok": "",
        "auth_signup_uninvited": "b2c",
        "specific_user_account": False,
    }

    @property
    def env(self) -> Environment:
        return getattr(self, "_env", None) or Environment(website=self)

    def image_url(self, record: Any, field: str, size: str | None = None) -> str:
        """The URL of an image field: the field's value when it is a URL or a data: URI."""
        value = getattr(record, field, None)
        if isinstance(value, str) and value.startswith(("/", "http:", "https:", "data:")):
            return value
        if isinstance(value, (bytes, str)) and value:
            return image_data_uri(value)
        model = getattr(record, "_name", "website")
        url = f"/web/image/{model}/{getattr(record, 'id', 1)}/{field}"
        return f"{url}/{size}" if size else url

    def get_base_url(self) -> str:
        return (self.domain or "http://localhost").rstrip("/")

    def is_public_user(self) -> bool:
        return self.env.user._is_public()

    def _get_cached(self, field: str) -> Any:
        value = getattr(self, field)
        return value.id if isinstance(value, Record) else value

    def _is_indexable_url(self, url: str) -> bool:
        return False  # a preview is never the canonical site

    def _is_canonical_url(self) -> bool:
        return True

    def _get_canonical_url(self) -> str:
        request = getattr(self, "_request", None)
        path = request.httprequest.path if request is not None else "/"
        return self.get_base_url() + path

    def _to_structured_data(self) -> None:
        return None  # Odoo returns JSON-LD only when the website opts in

    def _get_blocked_third_party_domains_list(self) -> list[str]:
        return []

    def _allConsentsGranted(self) -> bool:  # Odoo's spelling
        return False

    def _get_plausible_script_url(self) -> str:
        return "https://plausible.io/js/plausible.js"

    def _get_http_domain(self) -> str:
        return self.get_base_url()


# --------------------------------------------------------------------------------------------
# Request and ORM environment


class Model:
    """An ORM model as `env['model.name']` gives it: an empty recordset with its methods."""

    def __init__(self, name: str, env: Environment):
        self._name = name
        self._env = env

    @property
    def env(self) -> Environment:
        return self._env

    def sudo(self, flag: bool = True) -> Model:
        return self

    def with_context(self, *args: Any, **kwargs: Any) -> Model:
        return self

    def browse(self, ids: Any = ()) -> RecordSet:
        return RecordSet()

    def search(self, *args: Any, **kwargs: Any) -> RecordSet:
        return RecordSet()

    def search_count(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def __bool__(self) -> bool:
        return False

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"{self._name}()"


class LangModel(Model):
    """`env['res.lang']`: language data by code or id."""

    def _get_data(self, **criteria: Any) -> Lang:
        for language in self._env.languages:
            if all(getattr(language, key, None) == value for key, value in criteria.items()):
                return language
        return self._env.languages[0] if self._env.languages else Lang()

    def _get_frontend(self) -> dict[str, Lang]:
        return {language.code: language for language in self._env.languages}

    def _lang_get(self, code: str) -> Lang:
        return self._get_data(code=code)


class HttpModel(Model):
    """`env['ir.http']`: cookies policy and the frontend session info."""

    def _is_allowed_cookie(self, cookie_type: str) -> bool:
        website = self._env.website
        return cookie_type == "required" or not (website and website.cookies_bar)

    def _get_visitor_from_request(self, force_create: bool = False) -> Record:
        """The anonymous visitor of the page: no partner (the contact form stays empty)."""
        visitor = Record()
        visitor.name = "Website Visitor"
        visitor.partner_id = False
        visitor.lang_id = self._env.lang_record
        return visitor

    def get_frontend_session_info(self) -> dict:
        user = self._env.user
        return {
            "is_admin": False,
            "is_system": False,
            "is_public": user._is_public(),
            "is_internal_user": user._is_internal(),
            "is_website_user": user._is_public(),
            "uid": None if user._is_public() else user.id,
            "user_id": False if user._is_public() else [user.id],
            "lang_url_code": self._env.lang_record.url_code,
            "add_to_cart_action": "stay",
            "geoip_country_code": None,
            "geoip_phone_code": None,
            "profile_session": None,
            "profile_collectors": None,
            "profile_params": None,
            "show_effect": False,
            "currencies": {},
            "bundle_params": {"lang": self._env.lang},
            "test_mode": False,
            "view_info": {},
            "website_id": self._env.website.id if self._env.website else None,
            "website_company_id": self._env.company.id,
        }


class MenuModel(Model):
    """`env['ir.ui.menu']`: the back-end apps menu (no app for a public visitor)."""

    def load_menus_root(self) -> dict:
        return {"children": []}


class ModelModel(Model):
    """`env['ir.model']`: model descriptions."""

    def _get(self, name: str) -> Record:
        record = Record()
        record.name = record.model = name
        return record


class ModelDataModel(Model):
    """`env['ir.model.data']`: XML ids to database ids (none in a preview)."""

    def _xmlid_to_res_id(self, xmlid: str, raise_if_not_found: bool = False) -> int:
        return 0


_MODELS: dict[str, type[Model]] = {
    "res.lang": LangModel,
    "ir.http": HttpModel,
    "ir.ui.menu": MenuModel,
    "ir.model": ModelModel,
    "ir.model.data": ModelDataModel,
}


class Environment:
    """What `request.env` / `record.env` is: the user, company, language and the models."""

    def __init__(
        self,
        *,
        user: User | None = None,
        company: Company | None = None,
        website: Website | None = None,
        lang: str = "en_US",
        languages: Iterable[Lang] = (),
    ):
        self.user = user or User()
        self.company = company or Company()
        self.website = website
        self.lang = lang
        self.languages = list(languages) or [Lang()]
        self.context = {"lang": lang, "website_id": website.id if website else None}
        self.uid = self.user.id

    @property
    def lang_record(self) -> Lang:
        return LangModel("res.lang", self)._get_data(code=self.lang)

    @property
    def companies(self) -> RecordSet:
        return RecordSet([self.company])

    def __getitem__(self, model: str) -> Model:
        if model == "website" and self.website is not None:
            return self.website
        return _MODELS.get(model, Model)(model, self)

    def __contains__(self, model: object) -> bool:
        return isinstance(model, str)

    def ref(self, xml_id: str, raise_if_not_found: bool = True) -> Any:
        return None


class HttpRequest:
    """The werkzeug request (`request.httprequest`) for one URL."""

    def __init__(self, url: str, headers: Mapping[str, str] | None = None):
        parts = urllib.parse.urlsplit(url)
        self.url = url
        self.scheme = parts.scheme or "https"
        self.host = parts.netloc
        self.host_url = f"{self.scheme}://{self.host}/"
        self.url_root = self.host_url
        self.base_url = f"{self.scheme}://{self.host}{parts.path or '/'}"
        self.path = parts.path or "/"
        self.full_path = self.path + "?" + parts.query
        self.query_string = parts.query.encode()
        self.args = dict(urllib.parse.parse_qsl(parts.query))
        self.method = "GET"
        self.environ = {"HTTP_HOST": self.host, "REQUEST_METHOD": "GET"}
        self.headers = dict(headers or {"User-Agent": "platxa-preview"})
        self.user_agent = self.headers.get("User-Agent", "")
        self.cookies: dict[str, str] = {}
        self.referrer = None


class Session(dict):
    """Odoo's `request.session`: a dict whose keys also read as attributes (None if absent)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)


class Request:
    """Odoo's `request` for a public visitor of one page of the website."""

    def __init__(
        self,
        *,
        url: str,
        env: Environment,
        website: Website,
        params: Mapping[str, Any] | None = None,
        session: Mapping[str, Any] | None = None,
        is_frontend_multilang: bool = True,
    ):
        self.httprequest = HttpRequest(url)
        self.env = env
        self.website = website
        self.params = dict(self.httprequest.args) | dict(params or {})
        self.session = Session(
            {"debug": "", "uid": None, "portal_counters": {}, "profile_session": None},
            **dict(session or {}),
        )
        self.cookies = self.httprequest.cookies
        self.is_frontend = True
        self.is_frontend_multilang = is_frontend_multilang
        self.db = "platxa_preview"
        self.lang = env.lang_record
        self.geoip = {}

    def csrf_token(self, time_limit: int | None = None) -> str:
        return "preview-csrf-token"  # forms are not posted anywhere from a preview


# --------------------------------------------------------------------------------------------
# Helper functions Odoo adds to frontend renders


class _ScriptSafeText(str):
    """JSON text whose HTML form can be written inside a `<script>` element."""

    def __html__(self) -> Markup:
        return Markup(
            self.replace("&", "\\u0026")
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("'", "\\u0027")
        )


class ScriptSafeJSON:
    """Odoo's `json` render value (`odoo.tools.json.scriptsafe`): `dumps` and `loads`."""

    def dumps(self, value: Any, **options: Any) -> str:
        options.setdefault("default", str)
        return _ScriptSafeText(_json.dumps(value, **options))

    def loads(self, text: str | bytes, **options: Any) -> Any:
        return _json.loads(text, **options)


class _Namespace:
    """A read-only bag of names, standing in for a module templates use a few parts of."""

    def __init__(self, **members: Any):
        for name, member in members.items():
            setattr(self, name, member)

    def __repr__(self) -> str:
        return f"<namespace {', '.join(sorted(vars(self)))}>"


def relativedelta(
    *,
    years: int = 0,
    months: int = 0,
    weeks: int = 0,
    days: int = 0,
    hours: int = 0,
    minutes: int = 0,
    seconds: int = 0,
) -> _datetime.timedelta:
    """A small `dateutil.relativedelta`: months count 30 days, years 365 (a preview's needs)."""
    return _datetime.timedelta(
        days=days + 7 * weeks + 30 * months + 365 * years,
        hours=hours,
        minutes=minutes,
        seconds=seconds,
    )


def wordmark_logo(name: str, color: str = "#212529") -> str:
    """A `data:` URI of an SVG showing `name`: a logo that needs no file or server."""
    text = escape(name)
    width = 16 + 12 * len(name)
    # textLength fits the text to the box whatever font the browser picks (no clipped letters)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" '
        f'viewBox="0 0 {width} 40"><text x="8" y="27" font-family="system-ui, sans-serif" '
        f'font-size="20" font-weight="700" fill="{color}" textLength="{width - 16}" '
        f'lengthAdjust="spacingAndGlyphs">{text}</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def initial_icon(name: str, color: str = "#875a7b") -> str:
    """A `data:` URI of a square SVG showing the initial of `name` (a favicon)."""
    initial = escape((name or "?")[:1].upper())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{color}"/><text x="16" y="22" '
        'text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" '
        f'font-weight="700" fill="#fff">{initial}</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def image_data_uri(data: bytes | str | None) -> str:
    """A `data:` URI for base64-encoded image data (Odoo's `image_data_uri`)."""
    if not data:
        return ""
    raw = data.encode() if isinstance(data, str) else bytes(data)
    head = base64.b64decode(raw[:24] + b"=" * (-len(raw[:24]) % 4), validate=False)
    mimetype = "image/png"
    if head.lstrip().startswith(b"<"):
        mimetype = "image/svg+xml"
    elif head.startswith(b"\xff\xd8"):
        mimetype = "image/jpeg"
    elif head.startswith(b"GIF"):
        mimetype = "image/gif"
    elif head[8:12] == b"WEBP":
        mimetype = "image/webp"
    return f"data:{mimetype};base64,{raw.decode('ascii')}"


def slugify(text: str, max_length: int = 0) -> str:
    """Lowercase ASCII words joined by hyphens, as Odoo's `slugify`."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[\W_]+", "-", text).strip("-").lower()
    return text[:max_length] if max_length else text


def slug(value: Any) -> str:
    """`name-id` for a record (or an `(id, name)` pair), as in Odoo URLs."""
    if isinstance(value, (tuple, list)):
        identifier, name = value
    else:
        identifier, name = value.id, getattr(value, "display_name", "") or ""
    text = slugify(name)
    return f"{text}-{identifier}" if text else str(identifier)


def unslug(text: str) -> tuple[str | None, int | None]:
    """The inverse of `slug`: `('name', id)`, or `(None, None)`."""
    match = re.match(r"^(?:(.*)-)?(-?\d+)$", str(text))
    if not match:
        return None, None
    return match.group(1), int(match.group(2))


def keep_query_for(request: Request) -> Callable[..., str]:
    """Odoo's `keep_query(*names, **extra)`: a query string keeping some current params."""

    def keep_query(*keep_params: str, **additional_params: Any) -> str:
        if not keep_params and not additional_params:
            keep_params = ("*",)
        params = dict(additional_params)
        for name in request.params:
            if name in params:
                continue
            if "*" in keep_params or name in keep_params:
                params[name] = request.params[name]
        return urllib.parse.urlencode(
            {name: value for name, value in params.items() if value is not None}
        )

    return keep_query


def url_for_in(languages: list[Lang], current: Lang) -> Callable[..., str]:
    """Odoo's `url_for(path, lang=None)`: the path, with a language prefix when not default."""

    def url_for(url_from: str, lang_code: str | None = None, **_ignored: Any) -> str:
        url = str(url_from or "")
        if not url.startswith("/") or url.startswith("//"):
            return url
        code = lang_code or current.code
        default = languages[0].code if languages else code
        if code == default:
            return url
        language = next((item for item in languages if item.code == code), None)
        prefix = language.url_code if language else code
        return f"/{prefix}{url}" if url != "/" else f"/{prefix}"

    return url_for


def public_visitor_has_groups(spec: str) -> bool:
    """`groups=` policy of a public website visitor: only `base.group_public`, `!x` groups.

    A comma-separated spec is true when one of its names holds: a positive name only for
    `base.group_public` and `base.group_everyone`, a negated name `!x` unless `x` is one of them.
    """
    member_of = {"base.group_public", "base.group_everyone"}
    for name in (part.strip() for part in spec.split(",")):
        if not name:
            continue
        if name.startswith("!"):
            if name[1:].strip() not in member_of:
                return True
        elif name in member_of:
            return True
    return False


def no_assets(bundle: str, **flags: Any) -> list:
    """`assets` hook: `t-call-assets` renders nothing (bundles are compiled elsewhere)."""
    return []


# --------------------------------------------------------------------------------------------
# The environment


def demo_environment(
    overrides: Mapping[str, Any] | None = None,
    *,
    engine: Any = None,
    url: str | None = None,
) -> dict[str, Any]:
    """Fresh render values for a public visitor of the demo website; see the module docstring.

    `overrides` is deep-merged (records updated in place, so shared records stay shared).
    `engine` (a `qweb.Engine`) lets `is_view_active` answer from the loaded views. `url` is the
    page's URL (default: the website's domain + `main_object.url`).
    """
    overrides = dict(overrides or {})
    languages = [Lang()]
    company = Company()
    user = User()
    website = Website(
        company_id=company,
        user_id=user,
        menu_id={"name": "Top Menu", "child_id": copy.deepcopy(DEMO_MENUS)},
        default_lang_id=languages[0],
        language_ids=languages,
    )
    page = Page()
    values: dict[str, Any] = {
        "website": website,
        "res_company": company,
        "user_id": user,
        "main_object": page,
        "lang": "en_US",
        "editable": False,
        "translatable": False,
        "edit_translations": False,
        "debug": "",
    }
    for key, value in overrides.items():
        if key in ("request", "env", "frontend_languages") and isinstance(value, Mapping):
            continue  # merged after those objects are built below
        values[key] = merge(values[key], value) if key in values else value

    website = values["website"]
    company = values["res_company"]
    if isinstance(website, Website):
        website.logo = website.logo or wordmark_logo(website.name)
        website.favicon = website.favicon or initial_icon(website.name)
    if isinstance(company, Company):
        website_logo = getattr(website, "logo", False)
        company.logo = company.logo or website_logo or wordmark_logo(company.name)
    lang_code = values["lang"]
    language_ids = getattr(website, "language_ids", None) or RecordSet(languages)
    env = Environment(
        user=values["user_id"],
        company=values["res_company"],
        website=website,
        lang=lang_code,
        languages=language_ids,
    )
    page = values["main_object"]
    url = url or (website.get_base_url() + str(getattr(page, "url", "/") or "/"))
    request = Request(
        url=url,
        env=env,
        website=website,
        is_frontend_multilang=len(language_ids) > 1,
    )
    for record in (website, env.company, env.user, page):
        if isinstance(record, Record):
            record._env = env
    if isinstance(website, Record):
        website._request = request
    for menu in _menu_tree(getattr(website, "menu_id", None)):
        menu._current_path = request.httprequest.path

    current_lang = env.lang_record
    url_for = url_for_in(list(language_ids), current_lang)

    def url_localized(
        url: str | None = None,
        lang_code: str | None = None,
        canonical_domain: str | None = None,
        **_options: Any,
    ) -> str:
        path = url_for(url or request.httprequest.path, lang_code)
        return canonical_domain.rstrip("/") + path if canonical_domain else path

    def is_view_active(key: str) -> bool:
        if engine is None:
            return False
        view = engine.views.get(key)
        return bool(view is not None and view.active)

    values.setdefault("request", request)
    values.setdefault("env", env)
    values.setdefault("frontend_languages", {language.code: language for language in language_ids})
    helpers: dict[str, Any] = {
        "json": ScriptSafeJSON(),
        "keep_query": keep_query_for(request),
        "url_for": url_for,
        "url_localized": url_localized,
        "slug": slug,
        "unslug": unslug,
        "slugify": slugify,
        "is_view_active": is_view_active,
        "quote_plus": urllib.parse.quote_plus,
        "image_data_uri": image_data_uri,
        "escape": escape,
        "datetime": _Namespace(
            datetime=_datetime.datetime,
            date=_datetime.date,
            time=_datetime.time,
            timedelta=_datetime.timedelta,
            timezone=_datetime.timezone,
        ),
        "time": _Namespace(strftime=_time.strftime, time=_time.time, localtime=_time.localtime),
        "relativedelta": relativedelta,
    }
    for name, helper in helpers.items():
        values.setdefault(name, helper)
    for key in ("request", "env", "frontend_languages"):
        if key in overrides:
            values[key] = merge_object(values[key], overrides[key])
    return values


def merge_object(current: Any, override: Any) -> Any:
    """Like `merge`, for the plain objects (`request`, `env`): mappings set attributes."""
    if isinstance(override, Mapping) and not isinstance(current, (Record, dict)):
        for key, value in override.items():
            if "__" in key:
                raise ValueError(f"override names may not contain '__' ({key!r})")
            setattr(current, key, merge_object(getattr(current, key, None), value))
        return current
    return merge(current, override)
