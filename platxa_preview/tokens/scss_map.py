"""A small reader for the literal SCSS maps Odoo themes declare (not a full SCSS parser).

It reads top-level assignments (``$name: value !default;``) and evaluates the few map functions
themes use to build palettes (``map-merge``, ``map-get``, ``append``, plus functions handed in by
the caller such as ``o-make-palette``). Values become Python: quoted strings ``str``, colours
:class:`ScssColor`, numbers :class:`ScssNumber`, bare words :class:`ScssIdent`, maps ``dict``,
lists :class:`ScssList`, ``null`` ``None``; anything it cannot evaluate is kept as
:class:`ScssUnknown` with its source text. ``@if``/``@each``/``@mixin``... blocks and rules are
skipped: they depend on flags a theme does not set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class ScssReadError(ValueError):
    def __init__(self, message: str, line: int, filename: str = "<scss>") -> None:
        self.line = line
        self.filename = filename
        super().__init__(f"{filename}:{line}: {message}")


@dataclass(frozen=True)
class ScssColor:
    hex: str  # '#rrggbb' lowercase (or a CSS colour keyword as written)

    def __str__(self) -> str:
        return self.hex


@dataclass(frozen=True)
class ScssNumber:
    value: float
    unit: str = ""

    def __str__(self) -> str:
        text = f"{self.value:.6f}".rstrip("0").rstrip(".")
        return (text or "0") + self.unit


@dataclass(frozen=True)
class ScssIdent:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ScssUnknown:
    text: str

    def __str__(self) -> str:
        return self.text


class ScssList(tuple):
    """A SCSS list; ``separator`` is ``','`` or ``' '``."""

    separator: str = ","

    def __new__(cls, items, separator: str = ","):
        instance = super().__new__(cls, items)
        instance.separator = separator
        return instance


_NAMED_COLORS = {"white": "#ffffff", "black": "#000000", "transparent": "transparent"}

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<interp>\#\{)
  | (?P<color>\#[0-9a-fA-F]{8}\b|\#[0-9a-fA-F]{6}\b|\#[0-9a-fA-F]{4}\b|\#[0-9a-fA-F]{3}\b)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:%|[a-zA-Z]+)?)
  | (?P<variable>\$[\w-]+)
  | (?P<ident>-*[a-zA-Z_][\w-]*)
  | (?P<at>@[\w-]+)
  | (?P<bang>![\w-]+)
  | (?P<punct>[()\[\],:;{}*/+\-=<>.&%~^|?\#])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class _Token:
    kind: str
    text: str
    line: int
    space_before: bool


def tokenize(source: str, filename: str = "<scss>") -> list[_Token]:
    tokens: list[_Token] = []
    position, line, space = 0, 1, True
    while position < len(source):
        match = _TOKEN_RE.match(source, position)
        if match is None:
            raise ScssReadError(f"unexpected character {source[position]!r}", line, filename)
        kind, text = match.lastgroup or "", match.group()
        if kind in ("ws", "line_comment", "block_comment"):
            space = True
        else:
            tokens.append(_Token(kind, text, line, space))
            space = False
        line += text.count("\n")
        position = match.end()
    tokens.append(_Token("eof", "", line, True))
    return tokens


Function = Callable[..., Any]


class ScssVariables:
    """Evaluate the top-level assignments of one or more SCSS files into ``variables``."""

    def __init__(
        self,
        variables: Mapping[str, Any] | None = None,
        functions: Mapping[str, Function] | None = None,
    ) -> None:
        self.variables: dict[str, Any] = dict(variables or {})
        self.functions: dict[str, Function] = {
            "map-merge": _map_merge,
            "map-get": _map_get,
            "append": _append,
            "rgba": _rgba,
            **(functions or {}),
        }

    def read(self, source: str, filename: str = "<scss>") -> ScssVariables:
        self.tokens = tokenize(source, filename)
        self.filename = filename
        self.index = 0
        while self.peek().kind != "eof":
            self.statement()
        return self

    # -- statements --------------------------------------------------------------------------

    def peek(self, offset: int = 0) -> _Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def next(self) -> _Token:
        token = self.peek()
        self.index += 1
        return token

    def expect(self, text: str) -> _Token:
        token = self.next()
        if token.text != text:
            raise ScssReadError(
                f"expected {text!r}, found {token.text or 'end of file'!r}",
                token.line,
                self.filename,
            )
        return token

    def statement(self) -> None:
        token = self.peek()
        if token.kind == "variable" and self.peek(1).text == ":":
            self.index += 2
            start = self.index
            try:
                value = self.expression()
                flags = set()
                while self.peek().kind == "bang":
                    flags.add(self.next().text)
                self.expect_end()
            except ScssReadError:
                # an expression this reader does not understand: keep its text, go on
                self.index = start
                value = ScssUnknown(self.skip_statement())
                flags = set()
            name = token.text[1:]
            if "!default" in flags and self.variables.get(name) is not None:
                return
            self.variables[name] = value
        else:
            self.skip_statement()

    def expect_end(self) -> None:
        token = self.peek()
        if token.text == ";":
            self.index += 1
        elif token.text != "}" and token.kind != "eof":
            raise ScssReadError(f"expected ';', found {token.text!r}", token.line, self.filename)

    def skip_statement(self) -> str:
        """Skip to the end of this statement or block, balancing brackets; return its text."""
        depth, parts = 0, []
        while True:
            token = self.next()
            if token.kind == "eof":
                return " ".join(parts)
            parts.append(token.text)
            if token.text in ("(", "[", "{") or token.kind == "interp":
                depth += 1
            elif token.text in (")", "]", "}"):
                depth -= 1
                if depth <= 0 and token.text == "}":
                    if self.peek().text == ";":
                        self.index += 1
                    return " ".join(parts)
            elif token.text == ";" and depth == 0:
                return " ".join(parts[:-1])

    # -- expressions -------------------------------------------------------------------------

    def expression(self) -> Any:
        """A comma list of space lists."""
        items = [self.space_list()]
        while self.peek().text == ",":
            self.index += 1
            if self.peek().text in (")", ";", "}") or self.peek().kind in ("eof", "bang"):
                break  # trailing comma
            items.append(self.space_list())
        return items[0] if len(items) == 1 else ScssList(items, ",")

    def space_list(self) -> Any:
        items = [self.arithmetic()]
        while self.starts_operand(self.peek()):
            items.append(self.arithmetic())
        return items[0] if len(items) == 1 else ScssList(items, " ")

    @staticmethod
    def starts_operand(token: _Token) -> bool:
        return token.kind in ("string", "color", "number", "variable", "ident") or token.text == "("

    def arithmetic(self) -> Any:
        value = self.operand()
        while self.peek().text in ("*", "/", "+", "-", "%") and self.peek().kind == "punct":
            operator = self.next().text
            right = self.operand()
            value = _arithmetic(operator, value, right)
        return value

    def operand(self) -> Any:
        token = self.next()
        if token.kind == "string":
            return _unquote(token.text)
        if token.kind == "color":
            return ScssColor(_normalize_color(token.text))
        if token.kind == "number":
            match = re.fullmatch(r"(\d+\.?\d*|\.\d+)(.*)", token.text)
            assert match is not None
            return ScssNumber(float(match[1]), match[2])
        if token.kind == "variable":
            return self.variables.get(token.text[1:], ScssUnknown(token.text))
        if (
            token.text == "-"
            and self.peek().kind in ("number", "variable")
            and not self.peek().space_before
        ):
            return _arithmetic("-", ScssNumber(0.0), self.operand())
        if token.kind == "ident":
            if self.peek().text == "(" and not self.peek().space_before:
                return self.call(token.text)
            lowered = token.text.lower()
            if lowered == "null":
                return None
            if lowered in ("true", "false"):
                return lowered == "true"
            if lowered in _NAMED_COLORS:
                return ScssColor(_NAMED_COLORS[lowered])
            return ScssIdent(token.text)
        if token.text == "(":
            return self.parenthesised()
        raise ScssReadError(
            f"unexpected {token.text or 'end of file'!r}", token.line, self.filename
        )

    def parenthesised(self) -> Any:
        if self.peek().text == ")":
            self.index += 1
            return {}
        first = self.space_list()
        if self.peek().text != ":":
            items = [first]
            while self.peek().text == ",":
                self.index += 1
                if self.peek().text == ")":
                    break
                items.append(self.space_list())
            self.expect(")")
            return items[0] if len(items) == 1 else ScssList(items, ",")
        result: dict[Any, Any] = {}
        key = first
        while True:
            self.expect(":")
            result[_map_key(key)] = self.expression_item()
            if self.peek().text == ",":
                self.index += 1
            if self.peek().text == ")":
                self.index += 1
                return result
            key = self.space_list()

    def expression_item(self) -> Any:
        # a map value: a space list, or a parenthesised comma list
        return self.space_list()

    def call(self, name: str) -> Any:
        self.expect("(")
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        while self.peek().text != ")":
            if self.peek().kind == "variable" and self.peek(1).text == ":":
                key = self.next().text[1:].lstrip("-")
                self.index += 1
                kwargs[key] = self.space_list()
            else:
                args.append(self.space_list())
            if self.peek().text == ",":
                self.index += 1
            elif self.peek().text != ")":
                token = self.peek()
                raise ScssReadError(
                    f"unexpected {token.text!r} in {name}()", token.line, self.filename
                )
        self.index += 1
        function = self.functions.get(name)
        if function is None:
            return ScssUnknown(f"{name}(...)")
        try:
            return function(*args, **kwargs)
        except (TypeError, ValueError, KeyError):
            return ScssUnknown(f"{name}(...)")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _normalize_color(text: str) -> str:
    digits = text[1:].lower()
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _map_key(key: Any) -> Any:
    if isinstance(key, ScssIdent):
        return key.name
    if isinstance(key, ScssNumber) and not key.unit and key.value.is_integer():
        return int(key.value)
    return key


def _arithmetic(operator: str, left: Any, right: Any) -> Any:
    if isinstance(left, ScssNumber) and isinstance(right, ScssNumber):
        unit = left.unit or right.unit
        if operator == "*":
            return ScssNumber(left.value * right.value, unit)
        if operator == "/" and right.value:
            return ScssNumber(left.value / right.value, "" if left.unit == right.unit else unit)
        if operator == "+":
            return ScssNumber(left.value + right.value, unit)
        if operator == "-":
            return ScssNumber(left.value - right.value, unit)
    return ScssUnknown(f"{left} {operator} {right}")


def _map_merge(first: Any, second: Any) -> dict:
    merged = dict(first) if isinstance(first, dict) else {}
    if isinstance(second, dict):
        merged.update(second)
    return merged


def _map_get(mapping: Any, *keys: Any) -> Any:
    value = mapping
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(_map_key(key) if not isinstance(key, str) else key)
    return value


def _append(items: Any, value: Any, separator: Any = None) -> ScssList:
    if isinstance(items, ScssList):
        return ScssList([*items, value], items.separator)
    if items is None or isinstance(items, ScssUnknown) or (isinstance(items, dict) and not items):
        return ScssList([value], ",")
    return ScssList([items, value], ",")


def _rgba(*args: Any) -> Any:
    opaque = len(args) == 2 and isinstance(args[1], ScssNumber) and args[1].value >= 1
    if opaque and isinstance(args[0], ScssColor):
        return args[0]
    return ScssUnknown("rgba(...)")


def read_scss_variables(
    source: str,
    *,
    filename: str = "<scss>",
    variables: Mapping[str, Any] | None = None,
    functions: Mapping[str, Function] | None = None,
) -> dict[str, Any]:
    """The variables after evaluating ``source``'s top-level assignments (names without ``$``)."""
    return ScssVariables(variables, functions).read(source, filename).variables
