"""The same page rendered by QWeb and by autoescaping Jinja2 in one process; prints the ratio.

    python bench/qweb_vs_jinja2.py [--seconds 2]

The page is a layout (header with a nav loop, footer) around nine sections with columns,
conditionals, dynamic attributes and escaped text: about 8 KB of HTML. Target: QWeb at most
1.25x Jinja2's time. Also reports loading and compiling every template of Odoo's
website_templates.xml when ../shared/corpus is present.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import qweb  # noqa: E402

QWEB_TEMPLATES = """<templates>
<t t-name="bench.layout">
<html lang="en">
<head><title t-out="title"/></head>
<body>
<header class="navbar">
  <a class="brand" t-att-href="home_url" t-out="site_name"/>
  <ul class="nav">
    <li t-foreach="menu" t-as="item" t-attf-class="nav-item #{'active' if item['url'] == current else ''}">
      <a class="nav-link" t-att-href="item['url']" t-out="item['name']"/>
    </li>
  </ul>
</header>
<main id="wrap"><t t-out="0"/></main>
<footer><p>&#169; <t t-out="year"/> <t t-out="site_name"/></p></footer>
</body>
</html>
</t>
<t t-name="bench.section">
<section t-attf-class="s_section pt48 pb48 #{section['style']}" t-att-id="section['id']">
  <div class="container">
    <h2 t-out="section['title']"/>
    <p t-if="section['lead']" class="lead" t-out="section['lead']"/>
    <div class="row">
      <div t-foreach="section['columns']" t-as="col" t-attf-class="col-lg-#{12 // len(section['columns'])}">
        <h3 t-out="col['heading']"/>
        <p t-out="col['text']"/>
        <a t-if="col['link']" class="btn btn-primary" t-att-href="col['link']">Read more</a>
        <span t-else="" class="text-muted">Coming soon</span>
      </div>
    </div>
  </div>
</section>
</t>
<t t-name="bench.page">
<t t-call="bench.layout">
  <t t-foreach="sections" t-as="section"><t t-call="bench.section"/></t>
</t>
</t>
</templates>"""

JINJA_LAYOUT = """<html lang="en">
<head><title>{{ title }}</title></head>
<body>
<header class="navbar">
  <a class="brand" href="{{ home_url }}">{{ site_name }}</a>
  <ul class="nav">
    {% for item in menu %}<li class="nav-item {{ 'active' if item['url'] == current else '' }}">
      <a class="nav-link" href="{{ item['url'] }}">{{ item['name'] }}</a>
    </li>{% endfor %}
  </ul>
</header>
<main id="wrap">{% block content %}{% endblock %}</main>
<footer><p>&#169; {{ year }} {{ site_name }}</p></footer>
</body>
</html>"""

JINJA_SECTION = """<section class="s_section pt48 pb48 {{ section['style'] }}" id="{{ section['id'] }}">
  <div class="container">
    <h2>{{ section['title'] }}</h2>
    {% if section['lead'] %}<p class="lead">{{ section['lead'] }}</p>{% endif %}
    <div class="row">
      {% for col in section['columns'] %}<div class="col-lg-{{ 12 // section['columns']|length }}">
        <h3>{{ col['heading'] }}</h3>
        <p>{{ col['text'] }}</p>
        {% if col['link'] %}<a class="btn btn-primary" href="{{ col['link'] }}">Read more</a>
        {% else %}<span class="text-muted">Coming soon</span>{% endif %}
      </div>{% endfor %}
    </div>
  </div>
</section>"""

JINJA_PAGE = """{% extends "layout" %}{% block content %}{% for section in sections %}
{% include "section" %}{% endfor %}{% endblock %}"""


def page_values() -> dict:
    sections = []
    for number in range(9):
        columns = [
            {
                "heading": f"Feature {number}.{index} <fast & safe>",
                "text": "Designers tune tokens & see the theme change at once. " * 2,
                "link": f"/features/{number}/{index}" if index % 2 == 0 else None,
            }
            for index in range(1 + number % 4)
        ]
        sections.append(
            {
                "id": f"section-{number}",
                "style": "o_cc o_cc2" if number % 2 else "o_cc o_cc1",
                "title": f'Section {number}: "quoted" & <escaped>',
                "lead": "A short lead paragraph." if number % 3 else "",
                "columns": columns,
            }
        )
    return {
        "title": "Benchmark page",
        "site_name": "Platxa & Co",
        "home_url": "/",
        "year": 2026,
        "current": "/shop",
        "menu": [
            {"name": name, "url": f"/{name.lower()}"}
            for name in ("Home", "Shop", "Blog", "Events", "Contact")
        ],
        "sections": sections,
    }


def time_per_call(function, seconds: float) -> float:
    """Microseconds per call: best of five batches sized to take about `seconds` in all."""
    function()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - start
        if elapsed > seconds / 10:
            break
        calls *= 2
    best = elapsed
    for _ in range(4):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        best = min(best, time.perf_counter() - start)
    return best / calls * 1e6


def bench_render(seconds: float) -> tuple[float, float, int, int]:
    values = page_values()
    engine = qweb.Engine()
    engine.load(QWEB_TEMPLATES)
    environment = jinja2.Environment(
        loader=jinja2.DictLoader(
            {"layout": JINJA_LAYOUT, "section": JINJA_SECTION, "page": JINJA_PAGE}
        ),
        autoescape=True,
    )
    page = environment.get_template("page")
    qweb_html = engine.render("bench.page", values)
    jinja_html = page.render(values)
    qweb_us = time_per_call(lambda: engine.render("bench.page", values), seconds)
    jinja_us = time_per_call(lambda: page.render(values), seconds)
    return qweb_us, jinja_us, len(qweb_html), len(jinja_html)


def bench_website_templates() -> tuple[float, int, int] | None:
    """Load website_templates.xml (after the web and portal files it inherits from) and compile
    every primary template in it. Returns (milliseconds, compiled, failed)."""
    addons = ROOT.parent / "shared/corpus/odoo/addons"
    path = addons / "website/views/website_templates.xml"
    if not path.exists():
        return None
    start = time.perf_counter()
    engine = qweb.Engine(on_inheritance_error=lambda error: None)
    engine.load(str(addons / "web/views/webclient_templates.xml"), module="web")
    engine.load(str(addons / "portal/views/portal_templates.xml"), module="portal")
    keys = engine.load(str(path), module="website")
    compiled = failed = 0
    for key in keys:
        view = engine.views.get(key)
        if view is not None and view.mode == "primary" and view.active:
            try:
                engine.compile(key)
                compiled += 1
            except qweb.QWebError:
                failed += 1
    return (time.perf_counter() - start) * 1000, compiled, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time budget per engine")
    args = parser.parse_args()
    qweb_us, jinja_us, qweb_size, jinja_size = bench_render(args.seconds)
    print(f"page size: qweb {qweb_size} bytes, jinja2 {jinja_size} bytes")
    print(f"qweb   {qweb_us:8.1f} us/render")
    print(f"jinja2 {jinja_us:8.1f} us/render")
    ratio = qweb_us / jinja_us
    print(f"ratio qweb/jinja2: {ratio:.2f}x (target <= 1.25x) {'OK' if ratio <= 1.25 else 'OVER'}")
    corpus = bench_website_templates()
    if corpus is None:
        print("website_templates.xml: ../shared/corpus not found, skipped")
    else:
        millis, count, failed = corpus
        print(
            f"website_templates.xml (with web and portal): loaded and compiled {count} "
            f"templates in {millis:.0f} ms ({failed} failed to compile)"
        )


if __name__ == "__main__":
    main()
