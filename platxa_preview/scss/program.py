"""The SCSS program of a bundle, built as Odoo builds it: every `.scss` asset in bundle order,
concatenated for one libsass call, with token overrides written where Odoo's editor writes a
user's customizations.

Odoo (``AssetsBundle.preprocess_css``) joins the sources of a bundle's SCSS assets, each behind a
``/*! <url> */`` marker, rewrites relative ``url(...)`` to the asset's folder, drops duplicate and
local ``@import`` rules, and compiles the whole with Bootstrap's SCSS folder as include path.
Variables are shared because it is one compilation; ``!default`` makes the first definition win.

The program keeps each file as a segment with the line it starts at (:meth:`ScssProgram.locate`),
so a compile error names the original file and line, not a position in the concatenated text.

Token overrides follow the editor (``website/models/assets.py``, ``make_scss_customization``):
``'key': value,`` lines inserted above the ``// -- hook --`` line of ``options/user_values.scss``
and ``options/colors/user_*_palette.scss``, plus a small block after the theme's primary variables
for what has no hook (font families, heading sizes, Bootstrap variables).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..odoo import AssetFile, LoadedSite
from ..tokens import TokenSet, tokens_to_odoo
from ..tokens.model import scss_font_family
from ..tokens.palette import _scss_value
from ._worker import SEGMENT_PREFIX
from .bootstrap import ODOO_BOOTSTRAP_URL

FRONTEND_BUNDLE = "web.assets_frontend"
#: helpers + primary + secondary variables: what resolves palettes, fonts and website values
VARIABLES_BUNDLE = "web._assets_helpers"
PRIMARY_VARIABLES_BUNDLE = "web._assets_primary_variables"

USER_VALUES = "/website/static/src/scss/options/user_values.scss"
USER_COLOR_PALETTE = "/website/static/src/scss/options/colors/user_color_palette.scss"
USER_GRAY_COLOR_PALETTE = "/website/static/src/scss/options/colors/user_gray_color_palette.scss"
USER_THEME_COLOR_PALETTE = "/website/static/src/scss/options/colors/user_theme_color_palette.scss"
#: the files Odoo needs to compile a theme: without them the built-in layer is used
ODOO_SCSS_FILES = (
    "web/static/src/scss/primary_variables.scss",
    "web/static/src/scss/secondary_variables.scss",
    "website/static/src/scss/primary_variables.scss",
    "website/static/src/scss/secondary_variables.scss",
    "html_editor/static/src/scss/secondary_variables.scss",
)
TOKENS_SOURCE = "<platxa-preview tokens>"
PROBE_SOURCE = "<platxa-preview palette probe>"
COMPAT_SOURCE = "<platxa-preview compatibility>"

# Odoo's StylesheetAsset.rx_url and AssetsBundle.rx_preprocess_imports
_URL = re.compile(r"""(?<!")url\s*\(\s*('|"|)(?!'|"|/|https?://|data:|#\{str)""")
_IMPORT = re.compile(r"""(@import\s?['"]([^'"]+)['"](;?))""")
_HOOK = re.compile(r"^( *)(.*hook.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Segment:
    """A run of program lines from one source: a bundle file, or text written here."""

    name: str  # the asset URL (/web/static/src/scss/x.scss) or a <platxa-preview ...> label
    text: str
    path: Path | None = None  # the file on disk
    first_line: int = 1  # the line of `path` the segment's first line is
    bundle: str | None = None
    # lines written into the file here (token overrides): (first line in `text`, how many)
    insertion: tuple[int, int] | None = None

    @property
    def file(self) -> str:
        return str(self.path) if self.path is not None else self.name


@dataclass
class ScssProgram:
    """One libsass input: segments in bundle order, the include paths, and what was left out."""

    bundle: str
    segments: list[Segment]
    include_paths: tuple[str, ...] = ()
    problems: Diagnostics = field(default_factory=Diagnostics)
    missing: list[str] = field(default_factory=list)  # SCSS assets the tree does not have
    css_files: list[AssetFile] = field(default_factory=list)  # plain CSS assets (not compiled)
    _source: str | None = field(default=None, repr=False)

    @property
    def source(self) -> str:
        """The program as one text, as Odoo hands it to libsass (each segment behind a
        `/*! name */` marker; the markers survive compression)."""
        if self._source is None:
            self._source = "".join(
                f"/*! {segment.name} */\n{segment.text}"
                + ("" if segment.text.endswith("\n") else "\n")
                for segment in self.segments
            )
        return self._source

    @property
    def entry(self) -> str:
        """What the compiler hands libsass: the same markers, each followed by an `@import` of
        its segment (see `_worker`: errors then stay inside their segment)."""
        return "".join(
            f'/*! {segment.name} */\n@import "{SEGMENT_PREFIX}{index}";\n'
            for index, segment in enumerate(self.segments)
        )

    def locate(self, segment: int, line: int) -> tuple[str, int]:
        """The original file and line of a line of a segment."""
        found = self.segments[segment]
        if found.insertion is not None:
            first, count = found.insertion
            if first <= line < first + count:
                return TOKENS_SOURCE, line - first + 1
            if line >= first + count:
                line -= count
        return found.file, found.first_line + line - 1

    @property
    def files(self) -> list[str]:
        """The bundle files compiled, in order."""
        return [segment.name for segment in self.segments if segment.path is not None]


def has_odoo_scss(site: LoadedSite) -> bool:
    """Are Odoo's web and website SCSS (variables and helpers) on the addons path?"""
    for relative in ODOO_SCSS_FILES:
        module, _, rest = relative.partition("/")
        found = site.module(module)
        if found is None or not (found.path / rest).is_file():
            return False
    return True


def build_program(
    site: LoadedSite,
    bundle: str = FRONTEND_BUNDLE,
    *,
    bootstrap_scss: str | Path | None = None,
    tokens: TokenSet | None = None,
    probe: bool = False,
) -> ScssProgram:
    """The SCSS program of `bundle` for the modules of `site`.

    Bootstrap's files named by the bundle (`web/static/lib/bootstrap/scss/...`) are read from
    `bootstrap_scss` when the tree does not have them; it is also the include path. With
    `tokens`, their palette, fonts and website values are injected as the user's customizations.
    With `probe`, a rule printing the resolved palette as custom properties is appended (for the
    variables-only bundle, which emits almost no CSS of its own).
    """
    bootstrap = Path(bootstrap_scss) if bootstrap_scss is not None else None
    program = ScssProgram(bundle, [], (str(bootstrap),) if bootstrap is not None else ())
    resolved = site.assets.resolve(bundle)
    for problem in resolved.problems:
        program.problems.warning("missing-asset-file", problem)
    customizations = user_customizations(tokens) if tokens is not None else {}
    imports: set[str] = set()
    missing_declared_in = None
    for asset in resolved.files:
        extension = asset.extension
        if extension == "css":
            program.css_files.append(asset)
            continue
        if extension != "scss":
            continue
        path = asset.path
        if path is None and bootstrap is not None and asset.url.startswith(ODOO_BOOTSTRAP_URL):
            candidate = bootstrap / asset.url[len(ODOO_BOOTSTRAP_URL) :]
            path = candidate if candidate.is_file() else None
        if path is None:
            program.missing.append(asset.url)
            if missing_declared_in is None and asset.module and site.module(asset.module):
                missing_declared_in = site.module(asset.module).manifest_file
            continue
        text = Path(path).read_text(encoding="utf-8")
        text = _preprocess(text, asset.url, imports, program.problems, Path(path))
        values = customizations.get(asset.url)
        if values:
            program.segments.append(_customized(asset, Path(path), text, values))
        else:
            program.segments.append(Segment(asset.url, text, Path(path), 1, asset.bundle))
    if program.missing:
        more = " ..." if len(program.missing) > 5 else ""
        program.problems.info(
            "missing-asset-file",  # an incomplete tree: said once, not per file
            f"{len(program.missing)} SCSS files of {bundle} are not on the addons path and are "
            f"left out: {', '.join(program.missing[:5])}{more}",
            file=str(missing_declared_in) if missing_declared_in else None,
        )
    _bridge_version_gaps(program)
    if tokens is not None:
        _insert_after_bundle(program, PRIMARY_VARIABLES_BUNDLE, token_variables(tokens))
    if probe:
        program.segments.append(Segment(PROBE_SOURCE, PALETTE_PROBE))
    return program


# -- Odoo's per-asset preprocessing ------------------------------------------------------------


def _preprocess(text: str, url: str, imports: set[str], problems: Diagnostics, path: Path) -> str:
    """Relative `url(...)` made absolute to the asset's folder; `@import` rules sanitized as
    Odoo does (a repeated import is dropped; a local one, with a dot or starting with `.`, `/`,
    `~`, is refused). Line count is unchanged, so lines keep their numbers."""
    web_dir = url.rsplit("/", 1)[0]
    text = _URL.sub(lambda m: f"url({m.group(1)}{web_dir}/", text)

    def sanitize(match: re.Match) -> str:
        reference = match.group(2)
        rule = f'@import "{reference}"{match.group(3)}'
        if "." not in reference and not reference.startswith((".", "/", "~")):
            if rule in imports:
                return ""
            imports.add(rule)
            return rule
        line = text.count("\n", 0, match.start()) + 1
        problems.warning(
            "scss-error",
            f"local import {reference!r} is refused (Odoo imports files through the assets, "
            "never through @import)",
            file=str(path),
            line=line,
        )
        return ""

    return _IMPORT.sub(sanitize, text)


# -- token overrides ---------------------------------------------------------------------------


def _user_value(value: Any) -> str:
    """A value for a user map: Odoo writes null as the string 'NULL' (`o-map-omit` would drop a
    real null) and `o-map-normalize-website-values` turns it back."""
    return "'NULL'" if value is None else _scss_value(value)


def user_customizations(tokens: TokenSet) -> dict[str, dict[str, str]]:
    """What the website editor would write in the user hook files for these tokens: the
    website values (palette name, fonts, sizes, radii) and the colour, gray and theme-colour
    user palettes. The palette name is the tokens' own, so no palette of the theme shows
    through: every colour comes from the tokens, over Odoo's defaults."""
    design = tokens_to_odoo(tokens)
    return {
        USER_VALUES: {key: _user_value(v) for key, v in design.website_values.items()},
        USER_COLOR_PALETTE: {key: _user_value(v) for key, v in design.palette.items()},
        USER_GRAY_COLOR_PALETTE: {key: _user_value(v) for key, v in design.grays.items()},
        USER_THEME_COLOR_PALETTE: {key: _user_value(v) for key, v in design.theme_colors.items()},
    }


def customize(text: str, values: Mapping[str, str]) -> str:
    """Odoo's `make_scss_customization`: replace a `'key': ...,` line, else add one above the
    hook line."""
    for name, value in values.items():
        replacement = f"'{name}': {value},\n"
        pattern = re.compile(re.escape(f"'{name}': ") + r".+,\n")
        if pattern.search(text):
            text = pattern.sub(lambda _m, r=replacement: r, text)
        else:
            text = _HOOK.sub(
                lambda m, r=replacement: f"{m.group(1)}{r}{m.group(1)}{m.group(2)}", text
            )
    return text


def _customized(asset: AssetFile, path: Path, text: str, values: Mapping[str, str]) -> Segment:
    """A hook file with the values written above its hook line; the segment remembers the
    inserted lines so that the file's own lines keep their numbers in errors."""
    hook = _HOOK.search(text)
    if hook is None:  # no hook line: merge into the map after the file, as the editor would
        variable = {
            USER_VALUES: "o-user-website-values",
            USER_COLOR_PALETTE: "o-user-color-palette",
            USER_GRAY_COLOR_PALETTE: "o-user-gray-color-palette",
            USER_THEME_COLOR_PALETTE: "o-user-theme-color-palette",
        }[asset.url]
        entries = "".join(f"    '{k}': {v},\n" for k, v in values.items())
        added = f"${variable}: map-merge(${variable}, o-map-omit((\n{entries})));\n"
        text = text if text.endswith("\n") else text + "\n"
        first = text.count("\n") + 1
    else:
        indent = hook.group(1)
        added = "".join(f"{indent}'{name}': {value},\n" for name, value in values.items())
        first = text.count("\n", 0, hook.start()) + 1
        text = text[: hook.start()] + added + text[hook.start() :]
    if hook is None:
        text += added
    return Segment(asset.url, text, path, 1, asset.bundle, insertion=(first, added.count("\n")))


def token_variables(tokens: TokenSet) -> str:
    """What has no user hook, appended to the primary variables after the theme's: the tokens'
    font families (merged into `$o-theme-font-configs`), heading sizes and Bootstrap variables
    (set before Bootstrap's `!default`s, so they win)."""
    design = tokens_to_odoo(tokens)
    lines = ["// design tokens: fonts, heading sizes and Bootstrap variables"]
    if design.font_configs:
        lines.append("$o-theme-font-configs: map-merge($o-theme-font-configs, (")
        for config in design.font_configs.values():
            url = f" 'url': '{config.url}'," if config.url else ""
            lines.append(
                f"    '{config.name}': ('family': {scss_font_family(config.family)},{url}),"
            )
        lines.append("));")
    for heading, value in design.heading_multipliers.items():
        lines.append(f"$o-theme-{heading}-font-size-multiplier: {value:g};")
    for variable, value in design.bootstrap.items():
        lines.append(f"${variable}: {value};")
    return "\n".join(lines) + "\n"


def _insert_after_bundle(program: ScssProgram, bundle: str, text: str) -> None:
    """Add a token segment after the last segment of `bundle` (else at the start)."""
    index = 0
    for position, segment in enumerate(program.segments):
        if segment.bundle == bundle:
            index = position + 1
    program.segments.insert(index, Segment(TOKENS_SOURCE, text, None, 1, bundle))


# -- bridging version gaps between files of different Odoo versions ---------------------------

_THEME_FONT_ALIASES = ("h2", "h3", "h4", "h5", "h6", "display-1", "display-2", "display-3",
                       "display-4")  # fmt: skip
_ANY_THEME_FONT_ALIAS = "|".join(_THEME_FONT_ALIASES)


@dataclass(frozen=True)
class _Bridge:
    """A definition one file uses and none defines, while what it was renamed to exists (files
    of two Odoo versions side by side, as in partial trees): added where it is first needed."""

    needed: re.Pattern  # used in a file ...
    defined: re.Pattern  # ... and defined in none
    available: re.Pattern  # what the bridge builds on is defined
    text: str
    anchor: re.Pattern | None = None  # insert after the file matching this, else before the user


_BRIDGES = (
    # 19.0 renamed o-map-force-nulls (older website secondary variables call it)
    _Bridge(
        needed=re.compile(r"\bo-map-force-nulls\("),
        defined=re.compile(r"@function\s+o-map-force-nulls\b"),
        available=re.compile(r"@function\s+o-map-normalize-website-values\b"),
        text="@function o-map-force-nulls($map) {\n"
        "    @return o-map-normalize-website-values($map);\n}\n",
    ),
    # 19.0 website bootstrap_overridden uses per-heading fonts the older secondary lacks
    _Bridge(
        needed=re.compile(rf"\$o-theme-(?:{_ANY_THEME_FONT_ALIAS})-font\b(?!-)"),
        defined=re.compile(rf"\$o-theme-(?:{_ANY_THEME_FONT_ALIAS})-font\s*:"),
        available=re.compile(r"@function\s+o-get-font-info\b"),
        text="".join(
            f"$o-theme-{alias}-font: o-get-font-info('{alias}') or $o-theme-headings-font "
            "!default;\n"
            for alias in _THEME_FONT_ALIASES
        ),
        anchor=re.compile(r"\$o-theme-headings-font\s*:"),
    ),
)


def _bridge_version_gaps(program: ScssProgram) -> None:
    texts = [segment.text for segment in program.segments]
    for bridge in _BRIDGES:
        users = [i for i, text in enumerate(texts) if bridge.needed.search(text)]
        if not users or any(bridge.defined.search(text) for text in texts):
            continue
        if not any(bridge.available.search(text) for text in texts):
            continue
        user = program.segments[users[0]]
        index = users[0]
        if bridge.anchor is not None:
            anchors = [i for i, text in enumerate(texts) if bridge.anchor.search(text)]
            if not anchors or anchors[0] >= users[0]:
                continue
            index = anchors[0] + 1
        program.segments.insert(index, Segment(COMPAT_SOURCE, bridge.text))
        texts.insert(index, bridge.text)
        line = user.text.count("\n", 0, bridge.needed.search(user.text).start()) + 1
        program.problems.info(
            "scss-version-gap",
            f"{user.name} uses `{bridge.needed.search(user.text).group(0).rstrip('(')}`, "
            "which the files beside it (from another Odoo version) do not define; bridged",
            file=user.file,
            line=user.first_line + line - 1,
        )


# -- the palette probe -------------------------------------------------------------------------

PALETTE_PROBE = """\
:root {
    @each $-name in ('o-color-1', 'o-color-2', 'o-color-3', 'o-color-4', 'o-color-5',
                     'o-cc1-bg', 'o-cc2-bg', 'o-cc3-bg', 'o-cc4-bg', 'o-cc5-bg') {
        --#{$-name}: #{o-color($-name)};
    }
    @each $-name in ('menu', 'footer', 'copyright') {
        --#{$-name}: #{map-get($o-color-palette, $-name)};
    }
    --font: #{inspect(o-get-font-info('base'))};
    --headings-font: #{inspect(o-get-font-info('headings'))};
}
"""


def palette_from_css(css: str, names: Iterable[str] | None = None) -> dict[str, str]:
    """The `--name: value` declarations of compiled CSS (the first of each name)."""
    found: dict[str, str] = {}
    for match in re.finditer(r"--([\w-]+):\s*([^;}]*)", css):
        name, value = match.group(1), match.group(2).strip()
        if names is not None and name not in names:
            continue
        found.setdefault(name, value)
    return found
