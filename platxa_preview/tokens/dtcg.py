"""W3C Design Tokens (DTCG) JSON → the plain token format.

Reads groups, ``$type`` (inherited from groups), ``$value``, aliases ``{group.token}`` (with cycle
detection) and colour values given as hex strings or as the 2025 colour object
``{colorSpace, components, alpha?, hex?}``. For a colour object the colour-space value wins and
``hex`` is only its fallback, as the DTCG format says. Tokens are found by their path:
``color(s).*`` → colours, ``typography.families.*`` / ``font.family.*`` / ``fontFamily.*`` → font
families, ``typography.sizes.*`` / ``font.size.*`` / ``fontSize.*`` → sizes, ``spacing.unit`` /
``space.unit``, ``radius.*`` / ``borderRadius.*`` / ``border.radius.*``; other tokens are listed in
``TokenSet.ignored``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import color as colorlib
from .model import MAX_TOKENS, TokenError, TokenSet, TokenValidationError, _check_depth

_ALIAS_RE = re.compile(r"\{([^{}]+)\}")
MAX_ALIAS_DEPTH = 32

#: DTCG path prefix → plain-format path prefix (first match wins)
PATH_PREFIXES: tuple[tuple[str, str], ...] = (
    ("colors.", "colors."),
    ("color.", "colors."),
    ("typography.families.", "typography.families."),
    ("typography.family.", "typography.families."),
    ("typography.fontFamily.", "typography.families."),
    ("font.families.", "typography.families."),
    ("font.family.", "typography.families."),
    ("fontFamily.", "typography.families."),
    ("typography.sizes.", "typography.sizes."),
    ("typography.size.", "typography.sizes."),
    ("typography.fontSize.", "typography.sizes."),
    ("font.sizes.", "typography.sizes."),
    ("font.size.", "typography.sizes."),
    ("fontSize.", "typography.sizes."),
    ("spacing.", "spacing."),
    ("space.", "spacing."),
    ("radius.", "radius."),
    ("borderRadius.", "radius."),
    ("border.radius.", "radius."),
)
_EXPECTED_TYPES = {
    "colors.": ("color",),
    "typography.families.": ("fontFamily",),
    "typography.sizes.": ("dimension",),
    "spacing.": ("dimension", "number"),
    "radius.": ("dimension", "number"),
}
#: DTCG colorSpace names → coloraide space names
_COLOR_SPACES = {
    "srgb": "srgb",
    "srgb-linear": "srgb-linear",
    "hsl": "hsl",
    "hwb": "hwb",
    "lab": "lab",
    "lch": "lch",
    "oklab": "oklab",
    "oklch": "oklch",
    "display-p3": "display-p3",
    "a98-rgb": "a98-rgb",
    "prophoto-rgb": "prophoto-rgb",
    "rec2020": "rec2020",
    "xyz-d65": "xyz-d65",
    "xyz-d50": "xyz-d50",
}


def is_dtcg(data: Any) -> bool:
    """A DTCG document has ``$value`` tokens (or a ``$schema``/``$type`` at its top)."""
    if not isinstance(data, Mapping):
        return False
    if any(key in data for key in ("$schema", "$type", "$value")):
        return True
    stack = [data]
    while stack:
        node = stack.pop()
        if "$value" in node:
            return True
        stack.extend(v for v in node.values() if isinstance(v, Mapping))
    return False


def flatten(document: Mapping[str, Any]) -> dict[str, tuple[str | None, Any]]:
    """Every token as ``path → ($type, $value)``, groups' ``$type`` inherited."""
    tokens: dict[str, tuple[str | None, Any]] = {}

    def walk(node: Mapping[str, Any], path: str, inherited: str | None) -> None:
        node_type = node.get("$type", inherited)
        if node_type is not None and not isinstance(node_type, str):
            raise TokenError(
                f"{path}.$type" if path else "$type", "not a string", expected="a DTCG type"
            )
        if "$value" in node:
            tokens[path] = (node_type, node["$value"])
            if len(tokens) > MAX_TOKENS:
                raise TokenError(path, "too many tokens", expected=f"at most {MAX_TOKENS}")
            return
        for key, child in node.items():
            if key.startswith("$"):
                continue
            child_path = f"{path}.{key}" if path else key
            if any(c in key for c in "{}.") or len(key) > 64:
                raise TokenError(
                    child_path, "refused name", expected="a name without '{', '}' or '.'"
                )
            if isinstance(child, Mapping):
                walk(child, child_path, node_type)
            else:
                raise TokenError(
                    child_path, f"got {child!r}"[:80], expected="a group or a token with $value"
                )

    walk(document, "", None)
    return tokens


def resolve_aliases(tokens: dict[str, tuple[str | None, Any]]) -> dict[str, tuple[str | None, Any]]:
    """Replace ``"{group.token}"`` values by the referenced token's value (and type)."""
    resolved: dict[str, tuple[str | None, Any]] = {}

    def resolve(path: str, chain: tuple[str, ...]) -> tuple[str | None, Any]:
        if path in resolved:
            return resolved[path]
        token_type, value = tokens[path]
        if isinstance(value, str) and (match := _ALIAS_RE.fullmatch(value.strip())):
            target = match.group(1)
            if target in chain or len(chain) > MAX_ALIAS_DEPTH:
                raise TokenError(path, f"alias cycle {' → '.join((*chain, target))}")
            if target not in tokens:
                raise TokenError(
                    path,
                    f"alias {value!r} names no token",
                    expected="{group.token} of an existing token",
                )
            target_type, target_value = resolve(target, (*chain, target))
            if token_type and target_type and token_type != target_type:
                raise TokenError(
                    path, f"alias to a {target_type} token", expected=f"a {token_type} token"
                )
            result = (token_type or target_type, target_value)
        else:
            result = (token_type, value)
        resolved[path] = result
        return result

    for path in tokens:
        resolve(path, (path,))
    return resolved


def _color_value(path: str, value: Any) -> Any:
    """A DTCG colour → the plain format's colour value (string or {hex, oklch})."""
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        raise TokenError(
            path, f"got {value!r}"[:80], expected="a hex string or {colorSpace, components}"
        )
    unknown = set(value) - {"colorSpace", "components", "alpha", "hex"}
    if unknown:
        raise TokenError(
            f"{path}.{sorted(unknown)[0]}",
            "unknown colour field",
            expected="colorSpace, components, alpha, hex",
        )
    space = value.get("colorSpace")
    if space not in _COLOR_SPACES:
        raise TokenError(
            f"{path}.colorSpace",
            f"got {space!r}"[:80],
            expected="one of " + ", ".join(_COLOR_SPACES),
        )
    alpha = value.get("alpha", 1)
    if alpha != 1:
        raise TokenError(
            f"{path}.alpha", f"got {alpha!r}"[:80], expected="1 (palette colours are opaque)"
        )
    components = value.get("components")
    if not isinstance(components, list) or len(components) != 3:
        raise TokenError(
            f"{path}.components", f"got {components!r}"[:80], expected="three components"
        )
    numbers = []
    for index, component in enumerate(components):
        if component == "none":
            numbers.append(0.0)
        elif isinstance(component, (int, float)) and not isinstance(component, bool):
            numbers.append(float(component))
        else:
            raise TokenError(
                f"{path}.components[{index}]",
                f"got {component!r}"[:80],
                expected="a number or 'none'",
            )
    result: dict[str, Any] = {}
    if "hex" in value:
        result["hex"] = value["hex"]
    if space == "oklch":
        result["oklch"] = numbers
    elif space == "srgb" and all(0.0 <= n <= 1.0 for n in numbers):
        result["hex"] = colorlib.rgb_to_hex(tuple(n * 255.0 for n in numbers))  # type: ignore[arg-type]
    else:
        try:
            result["oklch"] = list(colorlib.convert_to_oklch(_COLOR_SPACES[space], numbers))
        except Exception as error:  # coloraide refuses impossible values
            raise TokenError(f"{path}.components", f"cannot convert: {error}") from None
    return result


def _dimension_value(path: str, value: Any) -> Any:
    if isinstance(value, Mapping):
        unknown = set(value) - {"value", "unit"}
        if unknown:
            raise TokenError(
                f"{path}.{sorted(unknown)[0]}", "unknown dimension field", expected="value, unit"
            )
        number, unit = value.get("value"), value.get("unit")
        if (
            isinstance(number, bool)
            or not isinstance(number, (int, float))
            or unit not in ("px", "rem")
        ):
            raise TokenError(
                path, f"got {dict(value)!r}"[:80], expected="{value: number, unit: 'px' | 'rem'}"
            )
        return f"{number}{unit}"
    return value


def dtcg_to_tokens(document: Mapping[str, Any]) -> TokenSet:
    """Validate and convert a DTCG document; errors name the DTCG token paths."""
    _check_depth(document)
    try:
        tokens = resolve_aliases(flatten(document))
    except TokenError as error:
        raise TokenValidationError([error]) from None
    plain: dict[str, Any] = {}
    path_names: dict[str, str] = {}
    ignored: list[str] = []
    errors: list[TokenError] = []
    for path, (token_type, value) in tokens.items():
        target = None
        for prefix, replacement in PATH_PREFIXES:
            if path.startswith(prefix):
                target = replacement + path[len(prefix) :]
                break
        if target is None:
            ignored.append(path)
            continue
        kind = next(p for p in _EXPECTED_TYPES if target.startswith(p))
        if token_type is not None and token_type not in _EXPECTED_TYPES[kind]:
            errors.append(
                TokenError(
                    path, f"$type is {token_type!r}", expected=" or ".join(_EXPECTED_TYPES[kind])
                )
            )
            continue
        try:
            if kind == "colors.":
                value = _color_value(path, value)
            elif kind != "typography.families.":
                value = _dimension_value(path, value)
        except TokenError as error:
            errors.append(error)
            continue
        *parents, leaf = target.split(".")
        node = plain
        for parent in parents:
            node = node.setdefault(parent, {})
            if not isinstance(node, dict):
                break
        else:
            node[leaf] = value
            path_names[target] = path
    if errors:
        raise TokenValidationError(errors)
    return TokenSet.from_dict(
        plain, source="dtcg", prefer="oklch", path_names=path_names, ignored=tuple(ignored)
    )
