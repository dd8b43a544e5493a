"""Loading a theme with the corpus modules, and rendering its homepage warm.

    python bench/theme_load.py [--runs 5]

Targets (issue 3): load (parse, inherit, compile) under 500 ms; a warm homepage render under
10 ms. The peer measured in the same run is a plain `lxml.etree.parse` of the same XML files,
the floor any loader pays.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from platxa_preview.site import ThemeSite  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
THEMES = ["theme_bewise", "theme_brutalist", "theme_clean", "theme_cobalt", "theme_treehouse",
          "theme_zenith"]  # fmt: skip


def load_and_compile(addons: str, theme: str) -> tuple[ThemeSite, float]:
    """Load, then combine and compile every template the homepage uses (first render)."""
    started = time.perf_counter()
    site = ThemeSite.load(addons, theme)
    site.render()
    return site, (time.perf_counter() - started) * 1000


def parse_only(site: ThemeSite) -> float:
    files = [path for module in site.site.modules for path in module.data_files if path.exists()]
    started = time.perf_counter()
    for path in files:
        etree.parse(str(path))
    return (time.perf_counter() - started) * 1000


def warm_render(site: ThemeSite, runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        site.render()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the corpus is not at {CORPUS}")
    addons = f"{CORPUS / 'odoo' / 'addons'},{CORPUS / 'design-themes'}"
    print(f"{'theme':18} {'load+compile':>13} {'lxml parse':>11} {'ratio':>6} {'warm render':>12}")
    for theme in THEMES:
        loads = []
        for _ in range(args.runs):
            site, millis = load_and_compile(addons, theme)
            loads.append(millis)
        load = statistics.median(loads)
        parse = statistics.median(parse_only(site) for _ in range(args.runs))
        warm = warm_render(site)
        verdict = "OK" if load < 500 and warm < 10 else "OVER"
        print(f"{theme:18} {load:10.0f} ms {parse:8.1f} ms {load / parse:5.1f}x {warm:9.2f} ms"
              f"  {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
