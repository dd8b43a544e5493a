"""How well each theme renders: snippets rendered, inheritance specs applied or reported.

`python -m platxa_preview.theme_report --addons-path A,B THEME...` prints the Markdown table
kept in docs/themes.md. The numbers come from the same code paths as `render` and `check`.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field

from lxml import etree

from .check import check_paths
from .site import ThemeSite

SPEC_PROBLEMS = ("xpath-not-found", "invalid-position", "invalid-attribute-spec", "invalid-xpath")


@dataclass
class ThemeReport:
    theme: str
    snippets_named: int = 0
    snippets_found: int = 0  # a template exists for them on the addons path
    snippets_rendered: int = 0
    specs: int = 0  # inheritance specs in the theme's extension views
    specs_reported: list[tuple[str, int]] = field(default_factory=list)  # (file, line)
    specs_orphaned: int = 0  # in views whose parent is not on the addons path
    specs_inactive: int = 0
    load_ms: float = 0.0
    render_ms: float = 0.0
    warm_render_ms: float = 0.0

    @property
    def specs_applied(self) -> int:
        reported = len(self.specs_reported)
        return self.specs - reported - self.specs_orphaned - self.specs_inactive


def spec_elements(arch: etree._Element) -> list[etree._Element]:
    """The specs of an extension view's arch (containers such as <data> are opened)."""
    if arch.tag in ("data", "t", "odoo", "openerp") and arch.get("position") is None:
        specs = []
        for child in arch.iter(etree.Element):
            if child is arch or child.tag in ("data",) or child.getparent().tag == "xpath":
                continue
            if child.getparent() is arch or child.getparent().tag == "data":
                specs.append(child)
        return specs
    return [arch]


def report_theme(addons_path: str, theme: str) -> ThemeReport:
    started = time.perf_counter()
    site = ThemeSite.load(addons_path, theme)
    report = ThemeReport(theme, load_ms=(time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    page = site.render()
    report.render_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    site.render()
    report.warm_render_ms = (time.perf_counter() - started) * 1000
    report.snippets_named = len(page.snippets)
    report.snippets_found = sum(1 for snippet in page.snippets if snippet.template)
    report.snippets_rendered = sum(1 for snippet in page.snippets if snippet.rendered)

    module = site.site.module(theme)
    views = site.engine.views
    for key in module.views:
        view = views.get(key)
        if view is None or view.mode != "extension" or view.module != theme:
            continue
        count = len(spec_elements(view.arch))
        report.specs += count
        if not view.active:
            report.specs_inactive += count
        elif _parent_missing(views, view):
            report.specs_orphaned += count
    module_path = str(module.path)
    diagnostics = check_paths([module_path], addons_path)
    report.specs_reported = sorted(
        (d.file, d.line)
        for d in diagnostics
        if d.code in SPEC_PROBLEMS and d.file and d.file.startswith(module_path)
    )
    return report


def _parent_missing(views, view) -> bool:
    current = view
    while current is not None and current.inherit_id:
        parent = views.get(current.inherit_id)
        if parent is None:
            return True
        current = parent
    return False


def markdown_table(reports: list[ThemeReport]) -> str:
    lines = [
        "| theme | homepage snippets rendered / named (with a template) | specs applied | "
        "specs reported by `check` | specs with no parent view | load ms | first render ms "
        "| warm render ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        lines.append(
            f"| {r.theme} | {r.snippets_rendered} / {r.snippets_named} ({r.snippets_found}) | "
            f"{r.specs_applied} of {r.specs} | {len(r.specs_reported)} | {r.specs_orphaned} | "
            f"{r.load_ms:.0f} | {r.render_ms:.0f} | {r.warm_render_ms:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("themes", nargs="+")
    args = parser.parse_args(argv)
    print(markdown_table([report_theme(args.addons_path, theme) for theme in args.themes]))


if __name__ == "__main__":
    main()
