"""Field converters: how `t-field` and `t-out` widgets turn a value into HTML, without an ORM.

This is the plain-Python counterpart of Odoo's `ir.qweb.field.*` models (spec §3.9, §3.10,
§3.12). A *converter* is any callable `convert(value, options, ctx) -> Markup | None`; the
`ConverterRegistry` maps widget / field-type names to converters. A converter used by `t-field`
may also carry a `record_options(record, field_name, field, options) -> dict` attribute that
fills options from the record, like Odoo's `record_to_html` (float digits, monetary currency,
selection labels, image alt text); `FieldConverter` bundles the two.

Records are plain dicts or objects. Field metadata is optional: a `_fields` mapping (attribute on
objects, key on dicts) from field name to a type name (`{'price': 'monetary'}`) or to a mapping /
object with `type` and extras: `digits` (int or `(total, decimals)`), `selection` (pairs),
`currency_field` (name of the field holding the currency). Without metadata the type is inferred
from the Python value, see `infer_field_type`.

Numbers, dates and times are written with a `LangFormat` (Odoo's `res.lang` record: strftime date
and time formats, separators, grouping) plus month/day names. `LANGUAGES` has Odoo's defaults for
a few languages; names of months and days come from CLDR, relative times and durations are
written in English only.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup, escape

from .errors import QWebError
from .runtime import safe_href

__all__ = [
    "LANGUAGES",
    "NON_BREAKING_HYPHEN",
    "ConversionContext",
    "ConversionError",
    "ConverterRegistry",
    "FieldConverter",
    "LangFormat",
    "default_converters",
    "find_language",
    "format_pattern",
    "infer_field_type",
]

NBSP = "\N{NO-BREAK SPACE}"
# Odoo writes negative numbers so that the sign never wraps away from its digits. Odoo 16-18
# write "-" followed by U+FEFF; our spec (§3.9) settles on the single non-breaking hyphen.
NON_BREAKING_HYPHEN = "\N{NON-BREAKING HYPHEN}"
UTC = datetime.timezone.utc


class ConversionError(QWebError):
    """A value a widget can not show (unknown widget, missing option, wrong kind of value)."""


# ---------------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocaleNames:
    """Month and weekday names of one language (CLDR "format" forms), Monday first."""

    months: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    days: tuple[str, ...]
    day_abbreviations: tuple[str, ...]
    am_pm: tuple[str, str] = ("AM", "PM")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ENGLISH_NAMES = LocaleNames(
    months=_words(
        "January February March April May June July August September October November December"
    ),
    month_abbreviations=_words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    days=_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
    day_abbreviations=_words("Mon Tue Wed Thu Fri Sat Sun"),
)

LOCALE_NAMES: dict[str, LocaleNames] = {
    "en": ENGLISH_NAMES,
    "fr": LocaleNames(
        months=_words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        month_abbreviations=_words(
            "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."
        ),
        days=_words("lundi mardi mercredi jeudi vendredi samedi dimanche"),
        day_abbreviations=_words("lun. mar. mer. jeu. ven. sam. dim."),
    ),
    "de": LocaleNames(
        months=_words(
            "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
        ),
        month_abbreviations=_words("Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez."),
        days=_words("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"),
        day_abbreviations=_words("Mo. Di. Mi. Do. Fr. Sa. So."),
    ),
    "es": LocaleNames(
        months=_words(
            "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
            "diciembre"
        ),
        month_abbreviations=_words("ene feb mar abr may jun jul ago sept oct nov dic"),
        days=_words("lunes martes miércoles jueves viernes sábado domingo"),
        day_abbreviations=_words("lun mar mié jue vie sáb dom"),
        am_pm=("a. m.", "p. m."),
    ),
    "nl": LocaleNames(
        months=_words(
            "januari februari maart april mei juni juli augustus september oktober november "
            "december"
        ),
        month_abbreviations=_words("jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec."),
        days=_words("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"),
        day_abbreviations=_words("ma di wo do vr za zo"),
        am_pm=("a.m.", "p.m."),
    ),
    "it": LocaleNames(
        months=_words(
            "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
            "novembre dicembre"
        ),
        month_abbreviations=_words("gen feb mar apr mag giu lug ago set ott nov dic"),
        days=_words("lunedì martedì mercoledì giovedì venerdì sabato domenica"),
        day_abbreviations=_words("lun mar mer gio ven sab dom"),
    ),
    "pt": LocaleNames(
        months=_words(
            "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
            "dezembro"
        ),
        month_abbreviations=_words("jan. fev. mar. abr. mai. jun. jul. ago. set. out. nov. dez."),
        days=_words(
            "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo"
        ),
        day_abbreviations=_words("seg. ter. qua. qui. sex. sáb. dom."),
    ),
}


@dataclass(frozen=True)
class LangFormat:
    """How numbers and dates are written in one language (the fields of Odoo's `res.lang`).

    `date_format` / `time_format` are strftime patterns. `grouping` follows Odoo: group sizes
    from the right, a final 0 repeats the previous size, -1 stops grouping, `()` never groups.
    """

    code: str
    date_format: str = "%m/%d/%Y"
    time_format: str = "%H:%M:%S"
    decimal_point: str = "."
    thousands_sep: str = ","
    grouping: tuple[int, ...] = (3, 0)
    names: LocaleNames = ENGLISH_NAMES

    def format_number(self, value: Any, decimals: int | None = None) -> str:
        """`value` with grouped digits and `decimals` digits after the point (rounded half up).

        `decimals=None` writes an integer (truncated like `'%d'`). The sign stays an ASCII "-".
        """
        # decimals=None truncates, like '%d'
        exact = decimals is None
        number = decimal.Decimal(int(value)) if exact else round_half_up(value, decimals)
        text = f"{abs(number):f}"
        whole, _, fraction = text.partition(".")
        whole = group_digits(whole, self.grouping, self.thousands_sep)
        text = f"{whole}{self.decimal_point}{fraction}" if fraction else whole
        return f"-{text}" if number < 0 and number != 0 else text


def _language(code: str, date_format: str, decimal_point: str, thousands_sep: str, **extra):
    names = LOCALE_NAMES.get(code.split("_")[0], ENGLISH_NAMES)
    return LangFormat(
        code, date_format, decimal_point=decimal_point, thousands_sep=thousands_sep,
        names=names, **extra,
    )  # fmt: skip


# Odoo's defaults (odoo/addons/base/data/res.lang.csv); the time format is %H:%M:%S for all.
LANGUAGES: dict[str, LangFormat] = {
    lang.code: lang
    for lang in (
        _language("en_US", "%m/%d/%Y", ".", ","),
        _language("en_GB", "%d/%m/%Y", ".", ","),
        _language("en_AU", "%d/%m/%Y", ".", ","),
        _language("en_CA", "%Y-%m-%d", ".", ","),
        _language("fr_FR", "%d/%m/%Y", ",", " "),
        _language("fr_BE", "%d/%m/%Y", ",", "."),
        _language("fr_CA", "%Y-%m-%d", ",", " "),
        _language("fr_CH", "%d. %m. %Y", ".", "'"),
        _language("de_DE", "%d.%m.%Y", ",", "."),
        _language("de_CH", "%d.%m.%Y", ".", "'", grouping=(3, 3)),
        _language("es_ES", "%d/%m/%Y", ",", "."),
        _language("es_MX", "%d/%m/%Y", ".", ","),
        _language("nl_NL", "%d-%m-%Y", ",", "."),
        _language("nl_BE", "%d-%m-%Y", ",", "."),
        _language("it_IT", "%d/%m/%Y", ",", "."),
        _language("pt_BR", "%d/%m/%Y", ",", "."),
        _language("pt_PT", "%d-%m-%Y", ",", "", grouping=()),
    )
}


def find_language(code: str | None) -> LangFormat:
    """The table entry for `code`, else one of the same language (`fr` -> `fr_FR`), else en_US."""
    if code in LANGUAGES:
        return LANGUAGES[code]
    prefix = (code or "").replace("-", "_").split("_")[0].lower()
    for lang in LANGUAGES.values():
        if lang.code.split("_")[0] == prefix:
            return lang
    return LANGUAGES["en_US"]


def group_digits(digits: str, grouping: Iterable[int], separator: str) -> str:
    """Insert `separator` into a run of digits, group sizes read from the right (Odoo rules)."""
    if not separator:
        return digits
    groups: list[str] = []
    rest = digits
    size = 0
    for count in grouping:
        if not rest or count == -1:
            break
        if count == 0:
            while size and len(rest) > size:
                groups.append(rest[-size:])
                rest = rest[:-size]
            break
        groups.append(rest[-count:])
        rest = rest[:-count]
        size = count
    if rest:
        groups.append(rest)
    return separator.join(reversed(groups))


def round_half_up(value: Any, decimals: int) -> decimal.Decimal:
    """`value` rounded to `decimals` places, halves away from zero (Odoo's float_round)."""
    with decimal.localcontext() as context:
        context.prec = 60
        number = value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))
        return number.quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP)


@dataclass
class ConversionContext:
    """What a render knows that converters need: its timezone, language and clock.

    `tz` and `lang` also accept a zone name and a language code. `now` (aware or naive UTC)
    pins the reference time of the `relative` widget; by default the real clock is used.
    """

    tz: datetime.tzinfo = UTC
    lang: LangFormat = field(default_factory=lambda: LANGUAGES["en_US"])
    now: datetime.datetime | None = None

    def __post_init__(self):
        if isinstance(self.tz, str):
            self.tz = _zone(self.tz)
        if isinstance(self.lang, str):
            self.lang = find_language(self.lang)


def _zone(name: str) -> datetime.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConversionError(f"unknown timezone {name!r}", cause=exc) from exc


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------

Converter = Callable[[Any, Mapping, ConversionContext], "Markup | None"]
RecordOptions = Callable[[Any, str, Mapping, dict], dict]


@dataclass(frozen=True)
class FieldConverter:
    """A converter together with the options it takes from the record under `t-field`."""

    convert: Converter
    record_options: RecordOptions | None = None

    def __call__(self, value: Any, options: Mapping, ctx: ConversionContext) -> Markup | None:
        return self.convert(value, options, ctx)


_MISSING = object()


class ConverterRegistry:
    """Widget / field-type name -> converter; the entry points the compiled templates call."""

    def __init__(self, converters: Mapping[str, Converter] | None = None):
        self._converters: dict[str, Converter] = dict(converters or {})

    def register(self, name: str, converter: Converter) -> None:
        self._converters[name] = converter

    def copy(self) -> ConverterRegistry:
        return ConverterRegistry(self._converters)

    def __contains__(self, name: object) -> bool:
        return name in self._converters

    def names(self) -> list[str]:
        return sorted(self._converters)

    def get(self, name: str) -> Converter:
        """The converter for `name`; a `ConversionError` listing the known names if none."""
        try:
            return self._converters[name]
        except (KeyError, TypeError):
            known = ", ".join(self.names())
            raise ConversionError(f"unknown widget {name!r} (known widgets: {known})") from None

    def convert_value(
        self, value: Any, options: Mapping, ctx: ConversionContext | None = None
    ) -> Markup | None:
        """`t-out`/`t-esc` with `t-options`: show `value` with `options['widget']`."""
        widget = options.get("widget")
        if not widget:
            raise ConversionError(
                "t-options on t-out/t-esc needs a 'widget' option, e.g. {'widget': 'float'}"
            )
        return self.get(widget)(value, options, ctx or ConversionContext())

    def convert_field(
        self, record: Any, field_name: str, options: Mapping, ctx: ConversionContext | None = None
    ) -> Markup | None:
        """`t-field`: show `record`'s `field_name`; None when there is nothing to show.

        The widget is `options['widget']` when given (unknown -> error), else the field's type
        from `_fields` metadata or inferred from the value (unknown type -> the `char` converter).
        A missing/False record, or a None/False value, gives None so the caller can use the
        element's body.
        """
        if record is None or record is False:
            return None
        value = read_field(record, field_name)
        info = field_metadata(record, field_name)
        widget = options.get("widget")
        if widget:
            converter = self.get(widget)
        else:
            field_type = info.get("type") or infer_field_type(value)
            converter = self._converters.get(field_type) or self.get("char")
        if value is None or value is False:
            return None
        options = dict(options)
        record_options = getattr(converter, "record_options", None)
        if record_options is not None:
            options = record_options(record, field_name, info, options)
        return converter(value, options, ctx or ConversionContext())


def read_field(record: Any, field_name: str) -> Any:
    """`record[field_name]` for mappings, `getattr` otherwise; a clear error when missing."""
    if isinstance(record, Mapping):
        value = record.get(field_name, _MISSING)
    else:
        value = getattr(record, field_name, _MISSING)
    if value is _MISSING:
        raise ConversionError(f"t-field: record {_describe(record)} has no field {field_name!r}")
    return value


def field_metadata(record: Any, field_name: str) -> dict:
    """What `_fields` says about `field_name`, as a dict (`{}` when nothing is declared)."""
    fields = _get(record, "_fields")
    entry = fields.get(field_name) if isinstance(fields, Mapping) else None
    if entry is None:
        return {}
    if isinstance(entry, str):
        return {"type": entry}
    if isinstance(entry, Mapping):
        return dict(entry)
    keys = ("type", "digits", "selection", "currency_field")
    return {key: getattr(entry, key) for key in keys if getattr(entry, key, None) is not None}


def infer_field_type(value: Any) -> str:
    """The field type a plain Python value stands for, when no metadata says otherwise.

    Markup -> html, bool -> boolean, int -> integer, float/Decimal -> float,
    datetime -> datetime, date -> date, str -> char, bytes -> image when they hold (possibly
    base64) image data else binary, a mapping or object with `display_name` or `name` ->
    many2one, list/tuple/set/frozenset -> many2many, anything else -> char.
    """
    if hasattr(value, "__html__"):
        return "html"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float, decimal.Decimal)):
        return "float"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, str):
        return "char"
    if isinstance(value, (bytes, bytearray)):
        return "image" if _image_data(bytes(value)) else "binary"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "many2many"
    if _get(value, "display_name") is not None or _get(value, "name") is not None:
        return "many2one"
    return "char"


def _get(thing: Any, key: str, default: Any = None) -> Any:
    """`thing[key]` for mappings, `thing.key` otherwise, `default` when absent."""
    if isinstance(thing, Mapping):
        return thing.get(key, default)
    return getattr(thing, key, default)


def _describe(record: Any) -> str:
    name = _get(record, "display_name") or _get(record, "name")
    kind = "dict" if isinstance(record, Mapping) else type(record).__name__
    return f"{kind} {name!r}" if isinstance(name, str) else kind


def _is_empty(value: Any) -> bool:
    return value is None or value is False


# ---------------------------------------------------------------------------------------------
# Text converters
# ---------------------------------------------------------------------------------------------


def nl2br(text: Any) -> Markup:
    """Escape `text` and put `<br>` before each newline."""
    return escape(text).replace("\n", Markup("<br>\n"))


def convert_char(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Generic converter (char, boolean, binary, unknown types): the escaped `str(value)`."""
    if _is_empty(value):
        return Markup("")
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    return escape(value)


def convert_text(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Escaped text, newlines turned into `<br>` followed by the newline."""
    return nl2br(value) if value else Markup("")


def convert_html(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Stored HTML, inserted as is (Odoo also neutralises `javascript:` links; we do not)."""
    if _is_empty(value):
        return Markup("")
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    return Markup(value)


def convert_selection(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """The label of `value` in `options['selection']` (pairs or a mapping)."""
    if not value:
        return Markup("")
    selection = options.get("selection")
    if selection is None:
        raise ConversionError(
            "the selection widget needs a 'selection' option: [(value, label), ...]"
        )
    labels = dict(selection)
    if value not in labels:
        raise ConversionError(
            f"selection widget: {value!r} is not one of {sorted(map(str, labels))}"
        )
    return escape(labels[value] or "")


def _selection_from_field(record: Any, field_name: str, field: Mapping, options: dict) -> dict:
    if "selection" not in options and field.get("selection") is not None:
        options["selection"] = field["selection"]
    return options


def display_name_of(value: Any) -> str | None:
    """The name shown for a related record: a str, `(id, name)`, or `display_name` / `name`."""
    if _is_empty(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], int):
        return str(value[1]) if value[1] else None
    name = _get(value, "display_name") or _get(value, "name")
    return str(name) if name else None


def convert_many2one(value: Any, options: Mapping, ctx: ConversionContext) -> Markup | None:
    """The related record's escaped display name, newlines as `<br>`; None when empty."""
    name = display_name_of(value)
    return nl2br(name) if name else None


def convert_many2many(value: Any, options: Mapping, ctx: ConversionContext) -> Markup | None:
    """Display names of the related records joined by ", "; None when there are none."""
    if _is_empty(value):
        return None
    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        value = [value]
    names = [name for name in map(display_name_of, value) if name]
    return nl2br(", ".join(names)) if names else None


def convert_url(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """A link to `value` (http:// added when it has no scheme); text = options 'text' or url."""
    if not value:
        return Markup("")
    url = str(value).strip()
    href = url
    if "://" not in url and not url.startswith(("/", "#", "?", "mailto:", "tel:")):
        href = f"http://{url}"
    return Markup('<a href="{}">{}</a>').format(safe_href(href), options.get("text") or url)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def _number_text(text: str) -> str:
    return text.replace("-", NON_BREAKING_HYPHEN)


def _check_number(value: Any, widget: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float, decimal.Decimal)):
        raise ConversionError(f"the {widget} widget needs a number, got {value!r}")


def convert_integer(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Grouped integer in the render language (floats are truncated like '%d')."""
    if _is_empty(value):
        return Markup("")
    _check_number(value, "integer")
    return escape(_number_text(ctx.lang.format_number(value)))


# Odoo's decimal.precision defaults; any other name gets 2 digits, as in precision_get().
DECIMAL_PRECISIONS = {"Product Price": 2, "Discount": 2, "Stock Weight": 2, "Volume": 2}


def float_precision(options: Mapping) -> int | None:
    """Digits after the point from 'decimal_precision' (a name or an int) or 'precision'."""
    if "decimal_precision" in options:
        named = options["decimal_precision"]
        return named if isinstance(named, int) else DECIMAL_PRECISIONS.get(named, 2)
    return options.get("precision")


def convert_float(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Grouped decimal number; without a precision, 6 digits with trailing zeros dropped."""
    if _is_empty(value):
        return Markup("")
    _check_number(value, "float")
    precision = float_precision(options)
    text = ctx.lang.format_number(value, 6 if precision is None else precision)
    if precision is None:
        whole, point, fraction = text.rpartition(ctx.lang.decimal_point)
        text = f"{whole}{point}{fraction.rstrip('0') or '0'}"
    return escape(_number_text(text))


def _digits_from_field(record: Any, field_name: str, field: Mapping, options: dict) -> dict:
    digits = field.get("digits")
    if "precision" not in options and "decimal_precision" not in options and digits is not None:
        options["precision"] = digits[1] if isinstance(digits, (tuple, list)) else digits
    return options


def convert_monetary(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Amount in `<span class="oe_currency_value">` with the currency symbol before or after.

    Options: `display_currency` (mapping or object with `symbol`, `position` 'before'/'after'
    (default 'after'), `decimal_places` (default 2), optional `rate`), `from_currency` (same
    shape: the amount is converted with `rate`s, relative to 1.0, and shown in
    display_currency, or in from_currency when that is the only one given), `decimal_places`,
    `label_price` (decimals in a second, smaller span).
    """
    if _is_empty(value):
        return Markup("")
    _check_number(value, "monetary")
    currency = options.get("display_currency") or options.get("from_currency")
    if not currency:
        raise ConversionError(
            "the monetary widget needs a 'display_currency' option "
            "(a dict or object with symbol, position and decimal_places)"
        )
    source = options.get("from_currency")
    if source and source is not currency:
        value = float(value) * float(_get(currency, "rate", 1.0) or 1.0)
        value = value / float(_get(source, "rate", 1.0) or 1.0)
    places = options.get("decimal_places", _get(currency, "decimal_places", 2))
    amount = ctx.lang.format_number(value, places).replace(" ", NBSP)
    amount = _number_text(amount)
    symbol = _get(currency, "symbol") or ""
    if _get(currency, "position") == "before":
        before, after = f"{symbol}{NBSP}", ""
    else:
        before, after = "", f"{NBSP}{symbol}"
    point = ctx.lang.decimal_point
    if options.get("label_price") and point in amount:
        whole, fraction = amount.split(point, 1)
        return Markup(
            '{}<span class="oe_currency_value">{}</span>'
            '<span class="oe_currency_value" style="font-size:0.5em">{}</span>{}'
        ).format(before, whole + point, fraction, after)
    return Markup('{}<span class="oe_currency_value">{}</span>{}').format(before, amount, after)


def _currency_from_record(record: Any, field_name: str, field: Mapping, options: dict) -> dict:
    if not options.get("display_currency"):
        currency_field = field.get("currency_field") or "currency_id"
        currency = _get(record, currency_field)
        if currency:
            options["display_currency"] = currency
    return options


def convert_float_time(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Hours as HH:MM (1.5 -> 01:30), minutes rounded, '-' kept in front."""
    if _is_empty(value):
        return Markup("")
    _check_number(value, "float_time")
    hours, minutes = divmod(abs(float(value)) * 60, 60)
    minutes = round(minutes)
    if minutes == 60:
        hours, minutes = hours + 1, 0
    sign = "-" if value < 0 else ""
    return escape(f"{sign}{int(hours):02d}:{int(minutes):02d}")


# ---------------------------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------------------------


def parse_datetime(value: Any) -> datetime.datetime | datetime.date:
    """A date or datetime from an object or an Odoo string ('YYYY-MM-DD[ HH:MM:SS]')."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return datetime.date.fromisoformat(text)
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            pass
    raise ConversionError(f"not a date or datetime: {value!r}")


def to_timezone(value: datetime.datetime | datetime.date, tz: datetime.tzinfo):
    """A datetime moved to `tz`; naive ones are UTC, a plain date is its midnight UTC."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz)


def convert_date(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """A date in the language's date format, or in options 'format' (see `format_pattern`).

    A datetime (object or string longer than a date) is first moved to the render timezone.
    Strings shorter than a date show nothing, like Odoo's format_date.
    """
    if not value:
        return Markup("")
    if isinstance(value, str) and len(value.strip()) < 10:
        return Markup("")
    moment = parse_datetime(value)
    if isinstance(moment, datetime.datetime):
        moment = to_timezone(moment, ctx.tz).date()
    pattern = options.get("format") or ctx.lang.date_format
    return escape(format_pattern(moment, pattern, ctx.lang))


def convert_datetime(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """A datetime (naive = UTC) shown in the render timezone, or options 'tz_name'.

    Options: `format` (pattern, see `format_pattern`), `time_only`, `date_only`,
    `hide_seconds`. A date ('YYYY-MM-DD' or a date object) counts as its midnight UTC.
    """
    if not value:
        return Markup("")
    tz = _zone(options["tz_name"]) if options.get("tz_name") else ctx.tz
    moment = to_timezone(parse_datetime(value), tz)
    lang = ctx.lang
    pattern = options.get("format")
    if not pattern:
        if options.get("time_only"):
            pattern = lang.time_format
        elif options.get("date_only"):
            pattern = lang.date_format
        else:
            pattern = f"{lang.date_format} {lang.time_format}"
    if options.get("hide_seconds"):
        for seconds in (":%S", ":ss", ":s"):
            pattern = pattern.replace(seconds, "")
    return escape(format_pattern(moment, pattern, lang))


def format_pattern(moment: datetime.date, pattern: str, lang: LangFormat | None = None) -> str:
    """Write a date/datetime with `pattern` in `lang` (default en_US).

    A pattern containing '%' is strftime (`%d/%m/%Y`; `%-d` drops padding; %a %A %b %B %p use
    the language's names). Any other pattern is a CLDR/babel one as Odoo's t-options 'format'
    takes (`MMMM d, yyyy`, `EEE dd MMM`, `HH:mm`): y M L d D E e c a h H K k m s S Q w z Z x X
    O v V and 'quoted text' are understood; other letters are written as they are.
    """
    lang = lang or LANGUAGES["en_US"]
    if "%" in pattern:
        return _format_strftime(moment, pattern, lang)
    return _format_cldr(moment, pattern, lang)


def _hour(moment: datetime.date) -> int:
    return getattr(moment, "hour", 0)


def _strftime_field(moment: datetime.date, letter: str, lang: LangFormat) -> str | None:
    """One strftime directive, zero-padded; None for those left to `datetime.strftime`."""
    names = lang.names
    hour = _hour(moment)
    numbers = {
        "d": (moment.day, 2),
        "e": (moment.day, 2),
        "m": (moment.month, 2),
        "Y": (moment.year, 4),
        "y": (moment.year % 100, 2),
        "H": (hour, 2),
        "I": (hour % 12 or 12, 2),
        "M": (getattr(moment, "minute", 0), 2),
        "S": (getattr(moment, "second", 0), 2),
        "j": (moment.timetuple().tm_yday, 3),
        "f": (getattr(moment, "microsecond", 0), 6),
    }
    if letter in numbers:
        number, width = numbers[letter]
        return str(number).zfill(width)
    if letter in "aA":
        return (names.day_abbreviations if letter == "a" else names.days)[moment.weekday()]
    if letter in "bhB":
        return (names.months if letter == "B" else names.month_abbreviations)[moment.month - 1]
    if letter == "p":
        return names.am_pm[hour >= 12]
    locale_formats = {
        "x": lang.date_format,
        "X": lang.time_format,
        "c": f"{lang.date_format} {lang.time_format}",
    }
    if letter in locale_formats:
        return _format_strftime(moment, locale_formats[letter], lang)
    if letter == "Z":
        return _tz_name(moment)
    if letter == "z":
        return _utc_offset(moment, "")
    return "%" if letter == "%" else None


def _format_strftime(moment: datetime.date, pattern: str, lang: LangFormat) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char != "%" or index + 1 == len(pattern):
            out.append(char)
            index += 1
            continue
        unpadded = pattern[index + 1] == "-" and index + 2 < len(pattern)
        letter = pattern[index + 2] if unpadded else pattern[index + 1]
        text = _strftime_field(moment, letter, lang)
        if text is None:
            text = moment.strftime(f"%{letter}")
        elif unpadded and text.isdigit():
            text = text.lstrip("0") or "0"
        out.append(text)
        index += 3 if unpadded else 2
    return "".join(out)


def _tz_name(moment: datetime.date) -> str:
    if isinstance(moment, datetime.datetime) and moment.tzinfo is not None:
        return moment.tzname() or ""
    return ""


def _utc_offset(moment: datetime.date, separator: str, zero: str | None = None) -> str:
    if not isinstance(moment, datetime.datetime) or moment.utcoffset() is None:
        return ""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0 and zero is not None:
        return zero
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{separator}{minutes:02d}"


def _cldr_field(moment: datetime.date, letter: str, width: int, lang: LangFormat) -> str:
    """One CLDR pattern field (`letter` repeated `width` times)."""
    names = lang.names
    hour = _hour(moment)
    if letter in "yYu":
        return f"{moment.year % 100:02d}" if width == 2 else str(moment.year).zfill(width)
    if letter in "ML":
        if width >= 3:
            name = (names.month_abbreviations if width == 3 else names.months)[moment.month - 1]
            return name[0] if width >= 5 else name
        return str(moment.month).zfill(width)
    if letter in "Eec" and (letter == "E" or width >= 3):
        name = (names.days if width == 4 else names.day_abbreviations)[moment.weekday()]
        return name[0] if width == 5 else name[:2] if width == 6 else name
    numbers = {
        "d": moment.day,
        "D": moment.timetuple().tm_yday,
        "F": (moment.day - 1) // 7 + 1,
        "e": moment.isoweekday(),
        "c": moment.isoweekday(),
        "w": moment.isocalendar()[1],
        "h": hour % 12 or 12,
        "H": hour,
        "K": hour % 12,
        "k": hour or 24,
        "m": getattr(moment, "minute", 0),
        "s": getattr(moment, "second", 0),
    }
    if letter in numbers:
        return str(numbers[letter]).zfill(min(width, 3 if letter == "D" else 2))
    if letter in "Qq":
        quarter = (moment.month - 1) // 3 + 1
        return f"Q{quarter}" if width >= 3 else str(quarter).zfill(width)
    if letter == "a":
        return names.am_pm[hour >= 12]
    if letter == "S":
        return f"{getattr(moment, 'microsecond', 0):06d}"[:width].ljust(width, "0")
    if letter == "G":
        return "AD"
    if letter == "z" or letter == "v":
        return _tz_name(moment)
    if letter == "V":
        tzinfo = getattr(moment, "tzinfo", None)
        return str(getattr(tzinfo, "key", "") or _tz_name(moment))
    if letter == "Z":
        if width == 4:
            return "GMT" + _utc_offset(moment, ":", zero="")
        return _utc_offset(moment, ":" if width == 5 else "")
    if letter in "xX":
        zero = "Z" if letter == "X" else None
        offset = _utc_offset(moment, ":" if width >= 3 else "", zero=zero)
        return offset[:3] if width == 1 and offset.endswith("00") else offset
    if letter == "O":
        return "GMT" + _utc_offset(moment, ":", zero="")
    return letter * width


def _format_cldr(moment: datetime.date, pattern: str, lang: LangFormat) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            end = index + 1
            literal: list[str] = []
            while end < len(pattern):
                if pattern[end] == "'":
                    if end + 1 < len(pattern) and pattern[end + 1] == "'":
                        literal.append("'")
                        end += 2
                        continue
                    break
                literal.append(pattern[end])
                end += 1
            out.append("".join(literal) if end > index + 1 else "'")
            index = end + 1
        elif char.isascii() and char.isalpha():
            end = index
            while end < len(pattern) and pattern[end] == char:
                end += 1
            out.append(_cldr_field(moment, char, end - index, lang))
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)


# babel's units and English words: (singular, plural) per style; "narrow" is appended bare.
TIME_UNITS = (
    ("year", 365 * 24 * 3600),
    ("month", 30 * 24 * 3600),
    ("week", 7 * 24 * 3600),
    ("day", 24 * 3600),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)
SECONDS_PER_UNIT = dict(TIME_UNITS)
UNIT_WORDS = {
    "long": {unit: (unit, f"{unit}s") for unit, _ in TIME_UNITS},
    "short": {
        "year": ("yr", "yrs"),
        "month": ("mth", "mths"),
        "week": ("wk", "wks"),
        "day": ("day", "days"),
        "hour": ("hr", "hr"),
        "minute": ("min", "min"),
        "second": ("sec", "sec"),
    },
    "narrow": {
        "year": ("y", "y"),
        "month": ("m", "m"),
        "week": ("w", "w"),
        "day": ("d", "d"),
        "hour": ("h", "h"),
        "minute": ("m", "m"),
        "second": ("s", "s"),
    },
}


def describe_timedelta(
    seconds: float, *, threshold: float = 0.85, style: str = "long", add_direction: bool = False
) -> str:
    """English for a time span, babel's way: the largest unit reaching `threshold`, rounded.

    With `add_direction`: "in 3 days" for a positive span, "3 days ago" for a negative one.
    """
    words = UNIT_WORDS.get(style, UNIT_WORDS["long"])
    for unit, size in TIME_UNITS:
        amount = abs(seconds) / size
        if amount < threshold and unit != "second":
            continue
        if unit == "second" and amount > 0:
            amount = max(1.0, amount)
        count = round(amount)
        word = words[unit][count != 1]
        text = f"{count}{word}" if style == "narrow" else f"{count} {word}"
        if add_direction:
            text = f"in {text}" if seconds >= 0 else f"{text} ago"
        return text
    return ""


def _as_utc(value: Any) -> datetime.datetime:
    return to_timezone(parse_datetime(value), UTC)


def convert_relative(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """How far `value` is from now, in English: "3 days ago", "in 2 hours".

    Now is options 'now', else `ctx.now`, else the clock; naive values are UTC.
    """
    if not value:
        return Markup("")
    reference = options.get("now") or ctx.now or datetime.datetime.now(UTC)
    seconds = (_as_utc(value) - _as_utc(reference)).total_seconds()
    return escape(describe_timedelta(seconds, add_direction=True))


def convert_duration(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """A number of `unit`s (default second) as "1 hour 30 minutes", or "01:30" when `digital`.

    Options: `unit`, `round` (unit to round to, default second), `digital`, `format`
    ('long', 'short', 'narrow'), `add_direction`. Words are English.
    """
    if _is_empty(value):
        return Markup("")
    _check_number(value, "duration")
    unit, rounding = options.get("unit", "second"), options.get("round", "second")
    for name in (unit, rounding):
        if name not in SECONDS_PER_UNIT:
            raise ConversionError(
                f"duration widget: unknown unit {name!r} (use one of {', '.join(SECONDS_PER_UNIT)})"
            )
    factor, round_to = SECONDS_PER_UNIT[unit], SECONDS_PER_UNIT[rounding]
    if options.get("digital"):
        round_to = min(round_to, 3600)
    remaining = round(abs(float(value)) * factor / round_to) * round_to
    negative = value < 0
    if options.get("digital"):
        parts = []
        for _, size in TIME_UNITS:
            if size > 3600:
                continue
            amount, remaining = divmod(remaining, size)
            if amount or (round_to <= size <= factor):
                parts.append(f"{round(amount):02d}")
        return escape(("-" if negative else "") + ":".join(parts))
    sections = ["-"] if negative else []
    for _, size in TIME_UNITS:
        amount, remaining = divmod(remaining, size)
        if amount:
            sections.append(
                describe_timedelta(
                    amount * size,
                    threshold=1,
                    style=options.get("format", "long"),
                    add_direction=bool(options.get("add_direction")),
                )
            )
    return escape(" ".join(sections))


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
)


def image_mimetype(data: bytes) -> str | None:
    """The image type of raw bytes from their first bytes (PNG, JPEG, GIF, WebP, BMP, ICO, SVG)."""
    for signature, mimetype in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return mimetype
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "image/svg+xml"
    return None


def _image_data(data: bytes) -> tuple[str, bytes] | None:
    """(mimetype, raw bytes) for raw or base64-encoded image bytes; None if not an image."""
    mimetype = image_mimetype(data)
    if mimetype:
        return mimetype, data
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        try:
            raw = base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            return None
    mimetype = image_mimetype(raw)
    return (mimetype, raw) if mimetype else None


_URL_PREFIXES = ("/", "http://", "https://", "data:", "./", "../")


def image_src(value: Any) -> str:
    """An `<img src>` for a URL, or a data: URI for image bytes / base64 text."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(_URL_PREFIXES):
            return text
        value = text.encode("ascii", "replace")
    if not isinstance(value, (bytes, bytearray)):
        raise ConversionError(f"image widget: expected a URL or image data, got {value!r}")
    found = _image_data(bytes(value))
    if found is None:
        raise ConversionError("image widget: the value is neither a URL nor image data")
    mimetype, raw = found
    return f"data:{mimetype};base64,{base64.b64encode(raw).decode('ascii')}"


def convert_image(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """An `<img>` the way website pages get it (Odoo's web_editor image converter).

    Attributes: src, itemprop, class ("img img-fluid" unless `qweb_img_responsive` is false,
    plus options 'class'), style, width, height, alt (options 'alt'; under t-field the record's
    display name). Empty attributes are left out.
    """
    if not value:
        return Markup("")
    return _image_tag(image_src(value), options)


def convert_image_url(value: Any, options: Mapping, ctx: ConversionContext) -> Markup:
    """Like `image`, `value` being the URL itself."""
    return _image_tag(str(value), options) if value else Markup("")


def _image_tag(src: str, options: Mapping) -> Markup:
    classes = ["img", "img-fluid"] if options.get("qweb_img_responsive", True) else ["img"]
    classes += str(options.get("class") or "").split()
    attributes = {
        "src": src,
        "itemprop": options.get("itemprop"),
        "class": " ".join(classes),
        "style": options.get("style"),
        "width": options.get("width"),
        "height": options.get("height"),
        "alt": options.get("alt"),
    }
    html = Markup("").join(
        Markup(' {}="{}"').format(name, text)
        for name, text in attributes.items()
        if text is not None and text is not False and text != ""
    )
    return Markup("<img{}/>").format(html)


def _alt_from_record(record: Any, field_name: str, field: Mapping, options: dict) -> dict:
    if not options.get("alt"):
        options["alt"] = display_name_of(record) or None
    return options


# ---------------------------------------------------------------------------------------------
# Contact
# ---------------------------------------------------------------------------------------------

CONTACT_DEFAULT_FIELDS = ("name", "address", "phone", "mobile", "email")


def _text_of(value: Any) -> str:
    """A contact part as text: strings as is, related records by their name."""
    if _is_empty(value):
        return ""
    if isinstance(value, str):
        return value.strip()
    return display_name_of(value) or ""


def contact_address_lines(contact: Any) -> list[str]:
    """The address lines of a contact: its `address` text, else built from its parts.

    Parts follow Odoo's default address layout: street / street2 / "city state_code zip" /
    country name, empty lines dropped. `state_id`/`country_id` may be related records.
    """
    address = _get(contact, "address")
    if isinstance(address, str):
        lines = address.split("\n")
    else:
        state = _get(contact, "state_id")
        state_code = _get(contact, "state_code") or (_get(state, "code") if state else "")
        country = _get(contact, "country_id")
        country_name = _get(contact, "country_name") or _text_of(country)
        lines = [
            _text_of(_get(contact, "street")),
            _text_of(_get(contact, "street2")),
            " ".join(
                part
                for part in (
                    _text_of(_get(contact, "city")),
                    _text_of(state_code),
                    _text_of(_get(contact, "zip")),
                )
                if part
            ),
            _text_of(country_name),
        ]
    return [line.strip() for line in lines if line and line.strip()]


_ICON = '<i class="fa {} fa-fw" role="img" aria-label="{}" title="{}"></i>'


def _icon(css: str, label: str) -> Markup:
    return Markup(_ICON).format(css, label, label)


def convert_contact(value: Any, options: Mapping, ctx: ConversionContext) -> Markup | None:
    """A small `<address>` block with schema.org microdata for a contact (partner-like).

    The contact is a mapping or object with name (or display_name / parent_name), address or
    its parts (see `contact_address_lines`), city, country_id, phone, mobile, email, website,
    vat, vat_label. Options as Odoo's contact widget: `fields` (default name, address, phone,
    mobile, email; also city, country_id, website, vat), `separator` (joins address lines,
    default `<br/>`), `no_tag_br` (use ", "), `no_marker` (no icons), `phone_icons`,
    `with_microdata` (itemprop="address"), `null_text` (shown for an empty contact).
    """
    if not value:
        null_text = options.get("null_text")
        if not null_text:
            return None
        marker = Markup("") if options.get("no_marker") else _icon("fa-map-marker", "Address")
        return Markup(
            '<address class="mb-0"><div><div class="d-flex align-items-baseline">{}'
            '<span class="w-100 o_force_ltr d-block">{}</span></div></div></address>'
        ).format(marker, null_text)

    shown = set(options.get("fields") or CONTACT_DEFAULT_FIELDS)
    markers = not options.get("no_marker")
    phone_markers = markers or bool(options.get("phone_icons"))
    if options.get("separator"):
        separator = escape(options["separator"])
    elif options.get("no_tag_br"):
        separator = escape(", ")
    else:
        separator = Markup("<br/>")

    name = (
        _text_of(_get(value, "name"))
        or _text_of(_get(value, "parent_name"))
        or (display_name_of(value) or "").split("\n")[0]
    )
    address = separator.join(escape(line) for line in contact_address_lines(value))
    city = _text_of(_get(value, "city"))
    country = _text_of(_get(value, "country_id")) or _text_of(_get(value, "country_name"))
    phone, mobile = _text_of(_get(value, "phone")), _text_of(_get(value, "mobile"))
    email, website = _text_of(_get(value, "email")), _text_of(_get(value, "website"))
    vat = _text_of(_get(value, "vat"))

    def marker(css: str, label: str, show: bool = markers) -> Markup:
        return _icon(css, label) + Markup(" ") if show else Markup("")

    lines: list[Markup] = [Markup('<address class="o_portal_address mb-0">')]
    if not (
        "name" in shown
        or (address and "address" in shown)
        or (city and "city" in shown)
        or (mobile and "mobile" in shown)
        or (website and "website" in shown)
        or (email and "email" in shown)
    ):
        lines.append(
            Markup(
                '<div class="css_non_editable_mode_hidden">--<span class="text-muted">{}</span>--'
                "</div>"
            ).format(name)
        )
    if "name" in shown and name:
        lines.append(Markup('<div><span itemprop="name">{}</span></div>').format(name))
    itemprop = Markup(' itemprop="address"') if options.get("with_microdata") else Markup("")
    lines.append(
        Markup(
            '<div class="gap-2"{} itemscope="itemscope" itemtype="http://schema.org/PostalAddress">'
        ).format(itemprop)
    )
    row = '<div class="d-flex align-items-{} gap-1">{}{}</div>'
    if address and "address" in shown:
        span = Markup('<span class="w-100 lh-sm text-break d-block" itemprop="streetAddress">{}'
                      "</span>").format(address)  # fmt: skip
        lines.append(Markup(row).format("baseline", marker("fa-map-marker", "Address"), span))
    has_city = bool(city and "city" in shown)
    if has_city or (country and "country_id" in shown):
        parts = []
        if has_city:
            parts.append(Markup('<span itemprop="addressLocality">{}</span>').format(city))
            if country:
                parts.append(Markup(","))
        parts.append(Markup('<span itemprop="addressCountry">{}</span>').format(country))
        span = Markup("<span><div>{}</div></span>").format(Markup(" ").join(parts))
        lines.append(Markup(row).format("baseline", marker("fa-map-marker", "Address"), span))
    for key, text, css, label in (
        ("phone", phone, "fa-phone", "Phone"),
        ("mobile", mobile, "fa-mobile", "Mobile"),
    ):
        if text and key in shown:
            span = Markup('<span class="o_force_ltr" itemprop="telephone">{}</span>').format(text)
            lines.append(Markup(row).format("center", marker(css, label, phone_markers), span))
    if website and "website" in shown:
        href = website if "://" in website else f"http://{website}"
        link = Markup(
            '<a class="text-break w-100" href="{}"><span itemprop="website">{}</span></a>'
        ).format(safe_href(href), website)
        lines.append(Markup(row).format("baseline", marker("fa-globe", "Website"), link))
    if email and "email" in shown:
        span = Markup('<span class="text-break w-100" itemprop="email">{}</span>').format(email)
        lines.append(Markup(row).format("baseline", marker("fa-envelope", "Email"), span))
    lines.append(Markup("</div>"))
    if vat and "vat" in shown:
        label = _text_of(_get(value, "vat_label")) or "VAT"
        lines.append(
            Markup('<div><span>{}</span>: <span itemprop="vatID">{}</span></div>').format(
                label, vat
            )
        )
    lines.append(Markup("</address>"))
    return Markup("\n").join(lines)


# ---------------------------------------------------------------------------------------------
# The default registry
# ---------------------------------------------------------------------------------------------


def _build_default_registry() -> ConverterRegistry:
    registry = ConverterRegistry()
    simple = {
        "char": convert_char,
        "boolean": convert_char,
        "binary": convert_char,
        "text": convert_text,
        "html": convert_html,
        "integer": convert_integer,
        "date": convert_date,
        "datetime": convert_datetime,
        "relative": convert_relative,
        "duration": convert_duration,
        "float_time": convert_float_time,
        "many2one": convert_many2one,
        "many2many": convert_many2many,
        "one2many": convert_many2many,
        "image_url": convert_image_url,
        "url": convert_url,
        "contact": convert_contact,
    }
    for name, converter in simple.items():
        registry.register(name, converter)
    registry.register("float", FieldConverter(convert_float, _digits_from_field))
    registry.register("monetary", FieldConverter(convert_monetary, _currency_from_record))
    registry.register("selection", FieldConverter(convert_selection, _selection_from_field))
    registry.register("image", FieldConverter(convert_image, _alt_from_record))
    return registry


default_converters: ConverterRegistry = _build_default_registry()
