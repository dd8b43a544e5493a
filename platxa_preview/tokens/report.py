"""Load tokens, resolve them (colours, Odoo palette, contrast), report as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import color as colorlib
from .color import WcagVerdict
from .dtcg import dtcg_to_tokens, is_dtcg
from .model import MAX_FILE_BYTES, ColorToken, TokenError, TokenSet
from .palette import (
    ColorSystem,
    OdooDesign,
    resolve_color_system,
    token_hex,
    tokens_to_odoo,
)


def load_tokens(source: str | Path | Mapping[str, Any]) -> TokenSet:
    """Tokens from a dict or a JSON file, plain format or DTCG (auto-detected)."""
    if isinstance(source, Mapping):
        data: Any = source
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise TokenError(str(path), f"cannot read: {error.strerror}") from None
        if size > MAX_FILE_BYTES:
            raise TokenError(
                str(path), f"file is {size} bytes", expected=f"at most {MAX_FILE_BYTES}"
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise TokenError(str(path), f"not JSON: {error}") from None
    if is_dtcg(data):
        return dtcg_to_tokens(data)
    return TokenSet.from_dict(data)


@dataclass(frozen=True)
class ResolvedColor:
    name: str  # token name: primary, accent, neutral.dark, gray.100...
    path: str  # where it was given
    hex: str  # what the browser shows (sRGB)
    oklch: tuple[float, float, float]  # of the shown colour
    source: str  # 'hex' or 'oklch': which given value won
    gamut_mapped: bool  # the OKLCH value was outside sRGB and was CSS-gamut-mapped
    given_oklch: tuple[float, float, float] | None
    mismatch: float | None  # ΔEOK between given hex and given OKLCH when both differ (> JND)


def resolve_color(name: str, token: ColorToken) -> ResolvedColor:
    hex_value = token_hex(token)
    source = "hex" if token.hex and (token.prefer == "hex" or token.oklch is None) else "oklch"
    gamut_mapped = False
    mismatch = None
    if token.oklch is not None:
        gamut_mapped = colorlib.oklch_to_srgb(*token.oklch).gamut_mapped and source == "oklch"
        if token.hex:
            delta = colorlib.delta_e_ok(token.hex, token.oklch)
            mismatch = round(delta, 4) if delta > colorlib.MISMATCH_DELTA_E else None
    return ResolvedColor(
        name,
        token.path,
        hex_value,
        colorlib.hex_to_oklch(hex_value),
        source,
        gamut_mapped,
        token.oklch,
        mismatch,
    )


@dataclass(frozen=True)
class ContrastCheck:
    combination: int  # 1..5 (o_cc1..o_cc5)
    element: str  # text, headings, link, btn-primary (label on button), btn-primary-on-bg...
    foreground: str
    background: str
    verdict: WcagVerdict
    kind: str  # 'text' (AA 4.5 / AAA 7) or 'ui' (non-text contrast, 3:1)

    @property
    def passes(self) -> bool:
        return self.verdict.aa if self.kind == "text" else self.verdict.aa_large


def contrast_report(system: ColorSystem | TokenSet) -> list[ContrastCheck]:
    """WCAG 2.x contrast of text, links and buttons on each combination's background."""
    if isinstance(system, TokenSet):
        design = tokens_to_odoo(system)
        system = resolve_color_system(design.palette, design.grays, design.theme_colors)
    hexify = colorlib.rgb_to_hex
    checks = []
    for cc in system.combinations:
        pairs = [
            ("text", cc.text, cc.bg, "text"),
            ("headings", cc.headings, cc.bg, "text"),
            ("link", cc.link, cc.bg, "text"),
            ("btn-primary label", cc.btn_primary_text, cc.btn_primary, "text"),
            ("btn-primary on background", cc.btn_primary, cc.bg, "ui"),
            ("btn-secondary label", cc.btn_secondary_text, cc.btn_secondary, "text"),
            ("btn-secondary on background", cc.btn_secondary, cc.bg, "ui"),
        ]
        for element, foreground, background, kind in pairs:
            ratio = colorlib.contrast_ratio(foreground, background)
            checks.append(
                ContrastCheck(
                    cc.index,
                    element,
                    hexify(foreground),
                    hexify(background),
                    WcagVerdict.of(ratio),
                    kind,
                )
            )
    return checks


@dataclass(frozen=True)
class ResolvedTokens:
    tokens: TokenSet
    colors: tuple[ResolvedColor, ...]
    odoo: OdooDesign
    system: ColorSystem
    contrast: tuple[ContrastCheck, ...]

    @property
    def palette(self) -> dict[str, str | int | None]:
        return self.odoo.palette

    def to_json(self) -> dict[str, Any]:
        return report_as_json(self)


def resolve(tokens: TokenSet | Mapping[str, Any] | str | Path) -> ResolvedTokens:
    """Resolved colours (hex, OKLCH, gamut mapping), the Odoo palette and the contrast report."""
    if not isinstance(tokens, TokenSet):
        tokens = load_tokens(tokens)
    colors = [resolve_color(name, token) for name, token in tokens.colors.items()]
    colors += [resolve_color(f"gray.{name}", token) for name, token in tokens.grays.items()]
    design = tokens_to_odoo(tokens)
    system = resolve_color_system(design.palette, design.grays, design.theme_colors)
    return ResolvedTokens(tokens, tuple(colors), design, system, tuple(contrast_report(system)))


def report_as_json(resolved: ResolvedTokens) -> dict[str, Any]:
    hexify = colorlib.rgb_to_hex
    return {
        "source": resolved.tokens.source,
        "palette_name": resolved.odoo.palette_name,
        "colors": [
            {
                "name": c.name,
                "path": c.path,
                "hex": c.hex,
                "oklch": [round(v, 4) for v in c.oklch],
                "source": c.source,
                "gamut_mapped": c.gamut_mapped,
                "mismatch_delta_e_ok": c.mismatch,
            }
            for c in resolved.colors
        ],
        "palette": resolved.odoo.palette,
        "combinations": [
            {
                "index": cc.index,
                "bg": hexify(cc.bg),
                "text": hexify(cc.text),
                "headings": hexify(cc.headings),
                "link": hexify(cc.link),
                "btn_primary": hexify(cc.btn_primary),
                "btn_primary_text": hexify(cc.btn_primary_text),
                "btn_secondary": hexify(cc.btn_secondary),
                "btn_secondary_text": hexify(cc.btn_secondary_text),
            }
            for cc in resolved.system.combinations
        ],
        "fonts": {role: list(families) for role, families in resolved.odoo.fonts.items()},
        "website_values": resolved.odoo.website_values,
        "contrast": [
            {
                "combination": check.combination,
                "element": check.element,
                "foreground": check.foreground,
                "background": check.background,
                "ratio": check.verdict.ratio,
                "kind": check.kind,
                "aa": check.verdict.aa,
                "aa_large": check.verdict.aa_large,
                "aaa": check.verdict.aaa,
                "aaa_large": check.verdict.aaa_large,
                "passes": check.passes,
            }
            for check in resolved.contrast
        ],
        "ignored": list(resolved.tokens.ignored),
    }


def report_as_text(resolved: ResolvedTokens) -> str:
    lines = [
        f"Tokens ({resolved.tokens.source}) → Odoo palette '{resolved.odoo.palette_name}'",
        "",
        "Colours:",
    ]
    for c in resolved.colors:
        notes = [f"from {c.source}"]
        if c.gamut_mapped:
            notes.append("gamut mapped to sRGB")
        if c.mismatch is not None:
            notes.append(f"hex and OKLCH differ (ΔEOK {c.mismatch:.3f}), {c.source} wins")
        lines.append(
            f"  {c.name:<20} {c.hex}  {colorlib.format_oklch(c.oklch):<32} {', '.join(notes)}"
        )
    lines += ["", "Odoo palette:"]
    for key, value in resolved.odoo.palette.items():
        lines.append(f"  {key:<22} {value}")
    lines += [
        "",
        "Contrast (WCAG 2.x; text needs 4.5:1 for AA, buttons 3:1 against the background):",
    ]
    for check in resolved.contrast:
        mark = "ok " if check.passes else "LOW"
        lines.append(
            f"  {mark} o_cc{check.combination} {check.element:<28} "
            f"{check.foreground} on {check.background}"
            f"  {check.verdict.ratio:5.2f}:1  {check.verdict.level}"
        )
    if resolved.tokens.ignored:
        lines += ["", "Ignored DTCG tokens: " + ", ".join(resolved.tokens.ignored)]
    return "\n".join(lines) + "\n"
