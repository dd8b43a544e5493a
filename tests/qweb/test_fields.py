"""Field converters (t-field, t-out widgets): spec §3.9, §3.10, §3.12 and qweb-test-widgets.xml."""

from __future__ import annotations

import base64
import datetime
import importlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup


def _import_fields():
    """`qweb.fields`, even while `qweb/__init__.py` is being written by others and breaks.

    The fallback loads qweb.errors, qweb.runtime and qweb.fields under a bare package and then
    forgets that package, so other test modules still import the real `qweb`.
    """
    try:
        return importlib.import_module("qweb.fields")
    except ImportError:
        pass
    package_dir = Path(__file__).resolve().parents[2] / "qweb"
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.startswith("qweb")}
    spec = importlib.util.spec_from_loader("qweb", loader=None, is_package=True)
    package = importlib.util.module_from_spec(spec)
    package.__path__ = [str(package_dir)]
    sys.modules["qweb"] = package
    try:
        return importlib.import_module("qweb.fields")
    finally:
        for name in [name for name in sys.modules if name.startswith("qweb")]:
            del sys.modules[name]
        sys.modules.update(saved)


fields = _import_fields()
ConversionContext = fields.ConversionContext
ConversionError = fields.ConversionError
LANGUAGES = fields.LANGUAGES
registry = fields.default_converters

HYPHEN = "\u2011"
NBSP = "\xa0"
BRUSSELS = ConversionContext(tz=ZoneInfo("Europe/Brussels"), lang=LANGUAGES["en_US"])
UTC_EN = ConversionContext()


def out(value, ctx=UTC_EN, **options):
    return registry.convert_value(value, options, ctx)


def in_lang(code, tz="UTC"):
    return ConversionContext(tz=ZoneInfo(tz), lang=LANGUAGES[code])


# --- qweb-test-widgets.xml (en_US, Europe/Brussels) ------------------------------------------


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        ("datetime", "1988-09-16 14:00:00", "09/16/1988 16:00:00"),
        ("date", "1988-09-16 14:00:00", "09/16/1988"),
        ("date", "1988-09-16 01:00:00", "09/16/1988"),
        ("date", "1988-09-16 23:00:00", "09/17/1988"),
    ],
)
def test_widgets_conformance_file(widget, value, expected):
    assert out(value, BRUSSELS, widget=widget) == expected


# --- registry ---------------------------------------------------------------------------------


def test_text_widget_spec_test_23():
    result = out("a\nb <b>c</b>", widget="text")
    assert isinstance(result, Markup)
    assert result == "a<br>\nb &lt;b&gt;c&lt;/b&gt;"


def test_convert_value_requires_widget():
    with pytest.raises(ConversionError, match="'widget'"):
        registry.convert_value(1, {}, UTC_EN)


def test_unknown_widget_is_a_clear_error():
    with pytest.raises(ConversionError, match="unknown widget 'barcode'"):
        out("123", widget="barcode")
    with pytest.raises(ConversionError, match="unknown widget 'nope'"):
        registry.convert_field({"a": 1}, "a", {"widget": "nope"}, UTC_EN)


def test_conversion_error_is_a_qweb_error():
    errors = sys.modules.get("qweb.errors") or importlib.import_module("qweb.errors")
    assert issubclass(ConversionError, Exception)
    assert ConversionError.__mro__[1].__name__ == errors.QWebError.__name__


def test_register_and_copy_are_independent():
    mine = registry.copy()
    mine.register("shout", lambda value, options, ctx: Markup("<b>{}</b>").format(value.upper()))
    assert mine.convert_value("hi & bye", {"widget": "shout"}, UTC_EN) == "<b>HI &amp; BYE</b>"
    assert "shout" in mine and "shout" not in registry


def test_context_accepts_names():
    ctx = ConversionContext(tz="Europe/Paris", lang="fr")
    assert ctx.lang is LANGUAGES["fr_FR"]
    assert ctx.tz == ZoneInfo("Europe/Paris")
    with pytest.raises(ConversionError, match="unknown timezone"):
        ConversionContext(tz="Mars/Olympus")


def test_find_language_falls_back():
    assert fields.find_language("de_AT") is LANGUAGES["de_DE"]
    assert fields.find_language("xx_YY") is LANGUAGES["en_US"]
    assert fields.find_language(None) is LANGUAGES["en_US"]


# --- t-field ----------------------------------------------------------------------------------


@dataclass
class Product:
    name: str
    price: float
    description: str = ""
    _fields: ClassVar[dict] = {"price": "monetary", "description": {"type": "text"}}
    currency_id: object = None


EUR = {"symbol": "€", "position": "after", "decimal_places": 2}
USD = {"symbol": "$", "position": "before", "decimal_places": 2}


def field(record, name, ctx=UTC_EN, **options):
    return registry.convert_field(record, name, options, ctx)


def test_t_field_reads_dicts_and_objects():
    assert field({"name": "A & B"}, "name") == "A &amp; B"
    assert field(Product("Desk", 3.0), "name") == "Desk"


def test_t_field_missing_field_names_it():
    with pytest.raises(ConversionError, match="no field 'colour'"):
        field({"name": "x"}, "colour")
    with pytest.raises(ConversionError, match=r"Product.*no field 'colour'"):
        field(Product("Desk", 3.0), "colour")


@pytest.mark.parametrize("empty", [None, False])
def test_t_field_empty_value_gives_none(empty):
    assert field({"name": empty}, "name") is None
    assert field({"when": empty, "_fields": {"when": "date"}}, "when") is None


def test_t_field_empty_record_gives_none():
    assert registry.convert_field(None, "name", {}, UTC_EN) is None
    assert registry.convert_field(False, "name", {}, UTC_EN) is None


def test_t_field_empty_string_is_shown_empty():
    assert field({"name": ""}, "name") == ""


def test_t_field_metadata_chooses_converter():
    desk = Product("Desk", 1234.5, "line 1\nline 2", currency_id=EUR)
    assert field(desk, "price") == f'<span class="oe_currency_value">1,234.50</span>{NBSP}€'
    assert field(desk, "description") == "line 1<br>\nline 2"
    record = {"body": "<p>x</p>", "_fields": {"body": "html"}}
    assert field(record, "body") == "<p>x</p>"


def test_t_field_metadata_objects_with_type_attribute():
    class Field:
        type = "float"
        digits = (16, 3)

    record = {"weight": 2.5, "_fields": {"weight": Field()}}
    assert field(record, "weight") == "2.500"


def test_t_field_widget_option_wins_over_type():
    assert field({"note": "a\nb"}, "note", widget="text") == "a<br>\nb"


def test_t_field_unknown_declared_type_uses_generic():
    assert field({"x": "<i>", "_fields": {"x": "properties"}}, "x") == "&lt;i&gt;"


@pytest.mark.parametrize(
    ("value", "expected_type"),
    [
        ("x", "char"),
        (Markup("<b>x</b>"), "html"),
        (True, "boolean"),
        (3, "integer"),
        (2.5, "float"),
        (datetime.datetime(2024, 1, 2, 3, 4), "datetime"),
        (datetime.date(2024, 1, 2), "date"),
        ({"display_name": "Azure"}, "many2one"),
        ([{"name": "a"}, {"name": "b"}], "many2many"),
        (b"\x89PNG\r\n\x1a\n....", "image"),
        (b"just bytes", "binary"),
        (object(), "char"),
    ],
)
def test_infer_field_type(value, expected_type):
    assert fields.infer_field_type(value) == expected_type


def test_t_field_inferred_types_render():
    record = {
        "title": "Tom & Jerry",
        "body": Markup("<p>hi</p>"),
        "count": -12345,
        "ratio": 0.5,
        "day": datetime.date(2024, 3, 1),
        "at": datetime.datetime(2024, 3, 1, 12, 0),
        "partner": {"display_name": "Azure\nInterior"},
        "tags": [{"name": "a"}, "b"],
        "active": True,
    }
    assert field(record, "title") == "Tom &amp; Jerry"
    assert field(record, "body") == "<p>hi</p>"
    assert field(record, "count") == f"{HYPHEN}12,345"
    assert field(record, "ratio") == "0.5"
    assert field(record, "day") == "03/01/2024"
    assert field(record, "at", BRUSSELS) == "03/01/2024 13:00:00"
    assert field(record, "partner") == "Azure<br>\nInterior"
    assert field(record, "tags") == "a, b"
    assert field(record, "active") == "True"


# --- text, char, html -----------------------------------------------------------------------


def test_char_escapes_and_keeps_markup():
    assert out("<b>&", widget="char") == "&lt;b&gt;&amp;"
    assert out(Markup("<b>ok</b>"), widget="char") == "<b>ok</b>"
    assert out(b"bytes", widget="char") == "bytes"
    assert out(None, widget="char") == ""


def test_text_empty():
    assert out("", widget="text") == ""
    assert out(False, widget="text") == ""


def test_html_is_inserted_as_is():
    assert out("<p onclick='x'>a</p>", widget="html") == "<p onclick='x'>a</p>"


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en_US", "1,234,567"),
        ("fr_FR", "1 234 567"),
        ("de_DE", "1.234.567"),
        ("es_ES", "1.234.567"),
        ("nl_NL", "1.234.567"),
        ("it_IT", "1.234.567"),
        ("pt_BR", "1.234.567"),
        ("pt_PT", "1234567"),
        ("de_CH", "1&#39;234&#39;567"),
    ],
)
def test_integer_grouping_per_language(lang, expected):
    assert out(1234567, in_lang(lang), widget="integer") == expected


def test_grouping_rules():
    assert fields.group_digits("1234567890", (3, 2, 0), ",") == "1,23,45,67,890"
    assert fields.group_digits("1234567890", (3, 3), "'") == "1234'567'890"
    assert fields.group_digits("1234567890", (3, -1), ",") == "1234567,890"
    assert fields.group_digits("1234567890", (), ",") == "1234567890"
    assert fields.group_digits("123", (3, 0), ",") == "123"


def test_integer_negative_uses_non_breaking_hyphen_and_truncates():
    assert out(-1234, widget="integer") == f"{HYPHEN}1,234"
    assert out(12.9, widget="integer") == "12"


def test_integer_rejects_non_numbers():
    with pytest.raises(ConversionError, match="integer widget needs a number"):
        out("12", widget="integer")


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        (1234.5, {}, "1,234.5"),
        (2.0, {}, "2.0"),
        (0.1, {}, "0.1"),
        (1234.5678, {"precision": 2}, "1,234.57"),
        (2.675, {"precision": 2}, "2.68"),
        (2.5, {"precision": 0}, "3"),
        (-1234.5, {"precision": 1}, f"{HYPHEN}1,234.5"),
        (-0.001, {"precision": 2}, "0.00"),
        (3.14159, {"decimal_precision": "Product Price"}, "3.14"),
        (3.14159, {"decimal_precision": "Unknown Precision"}, "3.14"),
        (3.14159, {"decimal_precision": 4}, "3.1416"),
    ],
)
def test_float(value, options, expected):
    assert out(value, widget="float", **options) == expected


def test_float_in_french_and_german():
    assert out(1234567.891, in_lang("fr_FR"), widget="float", precision=2) == "1 234 567,89"
    assert out(1234567.891, in_lang("de_DE"), widget="float", precision=2) == "1.234.567,89"
    assert out(0.5, in_lang("de_DE"), widget="float") == "0,5"


def test_float_t_field_uses_field_digits_unless_options_say():
    record = {"qty": 1.23456, "_fields": {"qty": {"type": "float", "digits": 2}}}
    assert field(record, "qty") == "1.23"
    assert field(record, "qty", precision=4) == "1.2346"


# --- monetary -------------------------------------------------------------------------------


def test_monetary_symbol_after_and_before():
    assert (
        out(1234.5, widget="monetary", display_currency=EUR)
        == f'<span class="oe_currency_value">1,234.50</span>{NBSP}€'
    )
    assert (
        out(1234.5, widget="monetary", display_currency=USD)
        == f'${NBSP}<span class="oe_currency_value">1,234.50</span>'
    )


def test_monetary_french_thousands_become_nbsp_and_negative_hyphen():
    result = out(-1234567.5, in_lang("fr_FR"), widget="monetary", display_currency=EUR)
    assert result == f'<span class="oe_currency_value">{HYPHEN}1{NBSP}234{NBSP}567,50</span>{NBSP}€'


def test_monetary_currency_objects_and_decimal_places():
    @dataclass
    class Currency:
        symbol: str
        position: str
        decimal_places: int

    yen = Currency("¥", "before", 0)
    assert out(1234.5, widget="monetary", display_currency=yen) == (
        f'¥{NBSP}<span class="oe_currency_value">1,235</span>'
    )


def test_monetary_escapes_symbol():
    odd = {"symbol": "<b>", "position": "before"}
    assert out(1, widget="monetary", display_currency=odd).startswith("&lt;b&gt;")


def test_monetary_from_currency_converts_with_rates():
    eur = dict(EUR, rate=1.0)
    usd = dict(USD, rate=1.1)
    assert out(100, widget="monetary", from_currency=eur, display_currency=usd) == (
        f'${NBSP}<span class="oe_currency_value">110.00</span>'
    )
    assert out(100, widget="monetary", from_currency=eur) == (
        f'<span class="oe_currency_value">100.00</span>{NBSP}€'
    )


def test_monetary_label_price_splits_decimals():
    assert out(12.5, widget="monetary", display_currency=USD, label_price=True) == (
        f'${NBSP}<span class="oe_currency_value">12.</span>'
        '<span class="oe_currency_value" style="font-size:0.5em">50</span>'
    )


def test_monetary_errors():
    with pytest.raises(ConversionError, match="display_currency"):
        out(1, widget="monetary")
    with pytest.raises(ConversionError, match="needs a number"):
        out("1", widget="monetary", display_currency=EUR)


def test_monetary_t_field_finds_currency():
    record = {"amount": 5, "currency_id": USD}
    assert field(record, "amount", widget="monetary") == (
        f'${NBSP}<span class="oe_currency_value">5.00</span>'
    )
    record = {
        "amount": 5,
        "cur": EUR,
        "_fields": {"amount": {"type": "monetary", "currency_field": "cur"}},
    }
    assert field(record, "amount") == f'<span class="oe_currency_value">5.00</span>{NBSP}€'
    assert field(record, "amount", display_currency=USD).startswith("$")


# --- dates and times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en_US", "09/16/1988 16:00:00"),
        ("fr_FR", "16/09/1988 16:00:00"),
        ("de_DE", "16.09.1988 16:00:00"),
        ("es_ES", "16/09/1988 16:00:00"),
        ("nl_NL", "16-09-1988 16:00:00"),
        ("it_IT", "16/09/1988 16:00:00"),
        ("pt_BR", "16/09/1988 16:00:00"),
    ],
)
def test_datetime_per_language(lang, expected):
    ctx = in_lang(lang, "Europe/Brussels")
    assert out("1988-09-16 14:00:00", ctx, widget="datetime") == expected


def test_datetime_objects_naive_are_utc_aware_are_converted():
    naive = datetime.datetime(2024, 7, 1, 10, 30)
    assert out(naive, BRUSSELS, widget="datetime") == "07/01/2024 12:30:00"
    aware = datetime.datetime(2024, 7, 1, 10, 30, tzinfo=ZoneInfo("America/New_York"))
    assert out(aware, BRUSSELS, widget="datetime") == "07/01/2024 16:30:00"


def test_datetime_winter_and_summer_time():
    assert out("2024-01-15 12:00:00", BRUSSELS, widget="datetime") == "01/15/2024 13:00:00"
    assert out("2024-07-15 12:00:00", BRUSSELS, widget="datetime") == "07/15/2024 14:00:00"


def test_datetime_options():
    value = "1988-09-16 14:05:09"
    assert out(value, BRUSSELS, widget="datetime", time_only=True) == "16:05:09"
    assert out(value, BRUSSELS, widget="datetime", date_only=True) == "09/16/1988"
    assert out(value, BRUSSELS, widget="datetime", hide_seconds=True) == "09/16/1988 16:05"
    assert out(value, BRUSSELS, widget="datetime", tz_name="Asia/Tokyo") == "09/16/1988 23:05:09"
    assert out(value, BRUSSELS, widget="datetime", format="%Y-%m-%d %H:%M") == "1988-09-16 16:05"
    assert out(value, BRUSSELS, widget="datetime", format="MMMM d, y h:mm a") == (
        "September 16, 1988 4:05 PM"
    )
    assert out(value, BRUSSELS, widget="datetime", format="HH:mm zzz") == "16:05 CEST"
    assert out(value, BRUSSELS, widget="datetime", format="yyyy-MM-dd'T'HH:mmxxx") == (
        "1988-09-16T16:05+02:00"
    )


def test_datetime_of_a_date_is_its_midnight_utc():
    assert out("2024-03-01", BRUSSELS, widget="datetime") == "03/01/2024 01:00:00"


def test_date_widget():
    assert out(datetime.date(2024, 3, 9), widget="date") == "03/09/2024"
    assert out("2024-03-09", BRUSSELS, widget="date") == "03/09/2024"
    assert out(datetime.datetime(2024, 3, 9, 23, 30), BRUSSELS, widget="date") == "03/10/2024"
    assert out("2024-03", widget="date") == ""
    assert out(False, widget="date") == ""


def test_date_format_option_is_a_cldr_pattern_in_the_language():
    day = datetime.date(2024, 3, 9)
    assert out(day, widget="date", format="MMM d, yyyy") == "Mar 9, 2024"
    assert out(day, in_lang("fr_FR"), widget="date", format="EEEE d MMMM y") == (
        "samedi 9 mars 2024"
    )
    assert out(day, in_lang("de_DE"), widget="date", format="EEE, dd. MMM yy") == (
        "Sa., 09. März 24"
    )
    assert out(day, widget="date", format="'Week' w, QQQ, D'rd day' ''") == (
        "Week 10, Q1, 69rd day &#39;"
    )


def test_date_strftime_pattern_is_localised():
    day = datetime.date(2024, 3, 9)
    assert out(day, in_lang("es_ES"), widget="date", format="%A %-d %B %Y") == (
        "sábado 9 marzo 2024"
    )
    assert out(day, widget="date", format="%a %b %d %j %%") == "Sat Mar 09 069 %"


def test_invalid_date_string_is_an_error():
    with pytest.raises(ConversionError, match="not a date"):
        out("yesterday!", widget="datetime")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-01 11:00:00", "1 hour ago"),
        ("2024-01-01 12:00:30", "in 30 seconds"),
        ("2024-01-03 12:00:00", "in 2 days"),
        ("2023-12-31 16:00:00", "20 hours ago"),
        ("2023-12-31 14:00:00", "1 day ago"),  # 22 h is past babel's 0.85 threshold
        ("2023-12-31 11:00:00", "1 day ago"),
        ("2023-10-01 12:00:00", "3 months ago"),
        ("2026-01-01 12:00:00", "in 2 years"),
        ("2024-01-01 12:00:00", "in 0 seconds"),
    ],
)
def test_relative(value, expected):
    ctx = ConversionContext(now=datetime.datetime(2024, 1, 1, 12, 0))
    assert out(value, ctx, widget="relative") == expected


def test_relative_now_option():
    assert out("2024-01-02", widget="relative", now="2024-01-01 00:00:00") == "in 1 day"


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        (5400, {}, "1 hour 30 minutes"),
        (1.5, {"unit": "hour"}, "1 hour 30 minutes"),
        (3661, {}, "1 hour 1 minute 1 second"),
        (90061, {"round": "hour"}, "1 day 1 hour"),
        (-90, {"unit": "minute"}, "- 1 hour 30 minutes"),
        (5400, {"format": "short"}, "1 hr 30 min"),
        (5400, {"format": "narrow"}, "1h 30m"),
        (1.5, {"unit": "hour", "digital": True}, "01:30:00"),
        (1.5, {"unit": "hour", "digital": True, "round": "minute"}, "01:30"),
        (0, {}, ""),
    ],
)
def test_duration(value, options, expected):
    assert out(value, widget="duration", **options) == expected


def test_duration_unknown_unit():
    with pytest.raises(ConversionError, match="unknown unit 'fortnight'"):
        out(1, widget="duration", unit="fortnight")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.5, "01:30"), (0, "00:00"), (10.999, "11:00"), (-1.25, "-01:15"), (100.1, "100:06")],
)
def test_float_time(value, expected):
    assert out(value, widget="float_time") == expected


# --- relations, selection, boolean, url -----------------------------------------------------


def test_many2one_shapes():
    assert out({"display_name": "A <b>\nB"}, widget="many2one") == "A &lt;b&gt;<br>\nB"
    assert out({"name": "Only name"}, widget="many2one") == "Only name"
    assert out((7, "Pair"), widget="many2one") == "Pair"
    assert out("text", widget="many2one") == "text"
    assert out({"display_name": ""}, widget="many2one") is None
    assert out(False, widget="many2one") is None

    class Partner:
        display_name = "Object partner"

    assert out(Partner(), widget="many2one") == "Object partner"


def test_many2many():
    tags = [{"display_name": "Red"}, {"name": "Blue & Green"}, "Plain"]
    assert out(tags, widget="many2many") == "Red, Blue &amp; Green, Plain"
    assert out([], widget="many2many") is None
    assert field({"tags": []}, "tags") is None


def test_selection():
    choices = [("draft", "Draft"), ("done", "Done <ok>")]
    assert out("done", widget="selection", selection=choices) == "Done &lt;ok&gt;"
    assert out("", widget="selection", selection=choices) == ""
    with pytest.raises(ConversionError, match="'selection' option"):
        out("done", widget="selection")
    with pytest.raises(ConversionError, match="'gone' is not one of"):
        out("gone", widget="selection", selection=choices)


def test_selection_t_field_from_metadata():
    record = {
        "state": "done",
        "_fields": {"state": {"type": "selection", "selection": {"done": "Finished"}}},
    }
    assert field(record, "state") == "Finished"


def test_boolean():
    assert out(True, widget="boolean") == "True"
    assert out(False, widget="boolean") == ""
    assert field({"flag": False}, "flag") is None


def test_url():
    assert out("odoo.com", widget="url") == '<a href="http://odoo.com">odoo.com</a>'
    assert out("/shop?a=1&b=2", widget="url") == '<a href="/shop?a=1&amp;b=2">/shop?a=1&amp;b=2</a>'
    assert out("javascript:alert(1)", widget="url") == '<a href="">javascript:alert(1)</a>'
    assert out("https://x.org", widget="url", text="X") == '<a href="https://x.org">X</a>'


# --- image ----------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
PNG_B64 = base64.b64encode(PNG)


@pytest.mark.parametrize("value", [PNG, PNG_B64, PNG_B64.decode()])
def test_image_from_bytes_or_base64(value):
    assert out(value, widget="image") == (
        f'<img src="data:image/png;base64,{PNG_B64.decode()}" class="img img-fluid"/>'
    )


def test_image_urls_and_options():
    result = out(
        "/web/image/1?x=1&y=2",
        widget="image",
        alt='A "cat"',
        **{"class": "rounded shadow"},
        style="width: 10px",
        width=10,
    )
    assert result == (
        '<img src="/web/image/1?x=1&amp;y=2" class="img img-fluid rounded shadow" '
        'style="width: 10px" width="10" alt="A &#34;cat&#34;"/>'
    )
    assert (
        out("/a.png", widget="image", qweb_img_responsive=False)
        == '<img src="/a.png" class="img"/>'
    )
    assert (
        out("http://x/a.png", widget="image_url")
        == '<img src="http://x/a.png" class="img img-fluid"/>'
    )


def test_image_detects_types():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert "data:image/svg+xml;base64," in out(svg, widget="image")
    assert "data:image/jpeg;base64," in out(b"\xff\xd8\xff\xe0rest", widget="image")
    assert "data:image/webp;base64," in out(b"RIFF\x00\x00\x00\x00WEBPVP8 ", widget="image")


def test_image_rejects_non_images():
    with pytest.raises(ConversionError, match="neither a URL nor image data"):
        out(b"hello world", widget="image")


def test_image_t_field_alt_is_record_name():
    record = {"name": "Chair", "image_128": PNG_B64, "_fields": {"image_128": "image"}}
    assert field(record, "image_128").endswith('alt="Chair"/>')
    assert field(record, "image_128", alt="Mine").endswith('alt="Mine"/>')


# --- contact --------------------------------------------------------------------------------

PARTNER = {
    "name": "Azure Interior",
    "street": "4557 De Silva St",
    "city": "Fremont",
    "state_id": {"code": "CA", "name": "California"},
    "zip": "94538",
    "country_id": {"display_name": "United States"},
    "phone": "+1 555 <0100>",
    "email": "azure@example.com",
    "website": "azure.example.com",
    "vat": "US123",
}


def test_contact_default_fields():
    html = out(PARTNER, widget="contact")
    assert html.startswith('<address class="o_portal_address mb-0">')
    assert html.endswith("</address>")
    assert '<div><span itemprop="name">Azure Interior</span></div>' in html
    assert 'itemscope="itemscope" itemtype="http://schema.org/PostalAddress"' in html
    assert (
        '<span class="w-100 lh-sm text-break d-block" itemprop="streetAddress">'
        "4557 De Silva St<br/>Fremont CA 94538<br/>United States</span>"
    ) in html
    assert '<span class="o_force_ltr" itemprop="telephone">+1 555 &lt;0100&gt;</span>' in html
    assert 'itemprop="email">azure@example.com</span>' in html
    assert 'class="fa fa-phone fa-fw"' in html
    assert "website" not in html and "vatID" not in html


def test_contact_options():
    html = out(
        PARTNER,
        widget="contact",
        fields=["name", "address", "website", "vat", "phone"],
        no_tag_br=True,
        no_marker=True,
        with_microdata=True,
    )
    assert "4557 De Silva St, Fremont CA 94538, United States" in html
    assert "fa-" not in html
    assert 'itemprop="address"' in html
    assert '<a class="text-break w-100" href="http://azure.example.com">' in html
    assert '<div><span>VAT</span>: <span itemprop="vatID">US123</span></div>' in html
    assert "fa-phone" in out(PARTNER, widget="contact", no_marker=True, phone_icons=True)
    custom = out({"name": "N", "address": "l1\nl2"}, widget="contact", separator=" | ")
    assert 'itemprop="streetAddress">l1 | l2</span>' in custom


def test_contact_city_and_country_fields():
    html = out(PARTNER, widget="contact", fields=["city", "country_id"])
    assert '<span itemprop="addressLocality">Fremont</span>' in html
    assert '<span itemprop="addressCountry">United States</span>' in html


def test_contact_with_nothing_to_show_marks_the_name():
    html = out(PARTNER, widget="contact", fields=["phone"])
    assert '<div class="css_non_editable_mode_hidden">--<span class="text-muted">' in html


def test_contact_empty_and_null_text():
    assert out(None, widget="contact") is None
    html = out(None, widget="contact", null_text="No address")
    assert html.startswith('<address class="mb-0">') and "No address" in html
    assert field({"partner": False, "_fields": {"partner": "contact"}}, "partner") is None


def test_contact_object_value():
    @dataclass
    class Partner:
        name: str
        address: str
        email: str = ""

    html = field({"p": Partner("Deco", "Main St 1\n1000 Brussels")}, "p", widget="contact")
    assert "Main St 1<br/>1000 Brussels" in html
