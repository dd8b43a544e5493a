"""Design tokens to CSS: the instant path against libsass compiles of a corpus theme.

    python bench/scss.py [--theme theme_clean] [--bootstrap-scss DIR] [--runs 5]

Prints, each as a time and a ratio to the instant path measured in the same run: the instant
path per token change (`tokens.bench_instant_css`), a variables-only compile (helpers, primary
and secondary variables, the palette maps), the full `web.assets_frontend` compile cold (a new
compiler, no cache) and a cache hit. Bootstrap's SCSS comes from `--bootstrap-scss`, else it is
fetched with npm into tests/.cache as the tests do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from platxa_preview.scss import (  # noqa: E402
    VARIABLES_BUNDLE,
    ScssCompiler,
    build_program,
    fetch_bootstrap_scss,
    find_bootstrap_scss,
)
from platxa_preview.site import ThemeSite  # noqa: E402
from platxa_preview.tokens import TokenSet, bench_instant_css  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default="theme_clean")
    parser.add_argument("--bootstrap-scss", metavar="DIR")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"the corpus is not at {CORPUS}")
    bootstrap = (
        find_bootstrap_scss(args.bootstrap_scss)
        if args.bootstrap_scss
        else fetch_bootstrap_scss(ROOT / "tests" / ".cache")
    )
    addons = f"{CORPUS / 'odoo' / 'addons'},{CORPUS / 'design-themes'}"
    site = ThemeSite.load(addons, args.theme).site
    tokens = [TokenSet.from_dict({"colors": {"primary": f"#{i * 40503 % 0xFFFFFF:06x}"}})
              for i in range(args.runs * 2 + 2)]  # fmt: skip
    changes = iter(tokens)

    instant = bench_instant_css(1000)

    def variables_compile() -> None:  # a new token set each time: never a cache hit
        program = build_program(site, VARIABLES_BUNDLE, bootstrap_scss=bootstrap,
                                tokens=next(changes), probe=True)  # fmt: skip
        ScssCompiler().compile(program)

    def full_compile() -> None:
        program = build_program(site, bootstrap_scss=bootstrap, tokens=next(changes))
        ScssCompiler().compile(program)

    variables = timed(variables_compile, args.runs)
    full = timed(full_compile, max(1, args.runs // 2))
    warm = ScssCompiler()
    program = build_program(site, bootstrap_scss=bootstrap)
    warm.compile(program)
    hit = timed(lambda: warm.compile(build_program(site, bootstrap_scss=bootstrap)), args.runs)
    hit_lookup = timed(lambda: warm.compile(program), args.runs)
    files = len(program.files)

    print(f"{args.theme}, Bootstrap SCSS from {bootstrap}; median of {args.runs} runs")
    print(f"{'step':52} {'time':>11} {'× instant':>11}")
    rows = [
        ("instant path per token change (no libsass)", instant),
        ("variables-only compile (palette maps)", variables),
        (f"full web.assets_frontend compile, cold ({files} files)", full),
        ("cache hit (program rebuilt + hashed)", hit),
        ("cache hit (same program object)", hit_lookup),
    ]
    for label, seconds in rows:
        print(f"{label:52} {seconds * 1000:8.3f} ms {seconds / instant:10.0f}x")


if __name__ == "__main__":
    main()
